"""The images a local processing job can run, and the launch of its detached worker process.

The local backend pulls no container images. It runs the Model Monitor analyzer image
(repository ``sagemaker-model-monitor-analyzer``) with the analyzer of this package. The worker
process starts with ``start_new_session=True``. So a notebook kernel's interrupt or exit does
not reach it, and the job outlives the process that created it.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WORKER_MODULE = "churn_studio_ext.monitor.processing"

# "<registry>/sagemaker-model-monitor-analyzer[:tag][@digest]", as SDK v2's
# image_uris.retrieve("model-monitor", region) returns it, or the bare repository name.
_ANALYZER_IMAGE = re.compile(
    r"(^|/)sagemaker-model-monitor-analyzer(:[^/@]*)?(@sha256:[0-9a-f]+)?$"
)


def is_analyzer_image(image_uri: str) -> bool:
    return bool(_ANALYZER_IMAGE.search(image_uri))


def unsupported_image_reason(image_uri: str) -> str:
    """Return the FailureReason of a job whose image the local backend cannot run."""
    return (
        f"ClientError: the local backend cannot run processing image {image_uri!r}. It runs "
        "the Model Monitor analyzer image (repository 'sagemaker-model-monitor-analyzer', "
        "such as '<registry>/sagemaker-model-monitor-analyzer:latest') for baseline jobs and "
        "monitoring executions."
    )


def launch_worker(home: Path, job_name: str, folder: Path) -> int:
    """Start the worker of ``job_name`` detached from this process and return its pid.

    Its standard output and error go to ``<folder>/worker.log``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "worker.log", "ab") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", WORKER_MODULE, str(home), job_name],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=folder,
            env=_worker_environment(),
            start_new_session=True,
            close_fds=True,
        )
    # Reap the child while this process lives, so a finished worker leaves no zombie.
    threading.Thread(
        target=process.wait, name=f"reap-processing-worker-{process.pid}", daemon=True
    ).start()
    log.info("Started processing worker %d for job %s", process.pid, job_name)
    return process.pid


def _worker_environment() -> dict[str, str]:
    environment = dict(os.environ)
    # The worker must import this copy of the package, also when it is not installed.
    package_parent = str(Path(__file__).resolve().parents[2])
    existing = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = (
        package_parent if not existing else package_parent + os.pathsep + existing
    )
    return environment
