"""The images a local processing job can run, and the launch of its detached worker process.

The local backend pulls no container images. It runs the Model Monitor analyzer image
(repository ``sagemaker-model-monitor-analyzer``) with the analyzer of this package. The worker
process starts with ``start_new_session=True``. So a notebook kernel's interrupt or exit does
not reach it, and the job outlives the process that created it.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from ._detached import package_environment, start_detached

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
    process = start_detached(
        [sys.executable, "-m", WORKER_MODULE, str(home), job_name],
        folder,
        "worker.log",
        package_environment(),
        "reap-processing-worker",
    )
    log.info("Started processing worker %d for job %s", process.pid, job_name)
    return process.pid
