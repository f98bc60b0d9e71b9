"""Selection of a job's local trainer (its mode), and the launch of its detached worker process.

A job runs in framework mode when its hyperparameters carry ``sagemaker_program`` (SDK v2's
framework estimators send it with ``sagemaker_submit_directory``), otherwise in algorithm mode
when its image or algorithm name is SageMaker's built-in XGBoost. The local backend cannot pull
and run other container images.

The worker leads its own session and process group, so a notebook kernel's interrupt or exit
does not reach it, and the job outlives the process that created it. On Linux it is forked by
the studio home's warm launcher (``churn_studio_ext.training.launcher``), which has already
imported the worker's modules and reaps it. Without a launcher it is started as a new
interpreter with ``start_new_session=True``, and the creating process reaps it from a daemon
thread while it lives. In both cases a worker whose parent has exited is reparented.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from ._detached import package_environment, start_detached

log = logging.getLogger(__name__)

ALGORITHM_MODE = "algorithm"
FRAMEWORK_MODE = "framework"

PROGRAM_HYPERPARAMETER = "sagemaker_program"
SUBMIT_DIRECTORY_HYPERPARAMETER = "sagemaker_submit_directory"

# The built-in XGBoost images: "<registry>/sagemaker-xgboost:<version>" (0.90-1 and later) and
# the legacy "<registry>/xgboost:<tag>".
_XGBOOST_IMAGE = re.compile(r"(^|/)(sagemaker-)?xgboost(:[^/]*)?(@sha256:[0-9a-f]+)?$")
_XGBOOST_ALGORITHM_NAME = re.compile(r"(^|/)(sagemaker-)?xgboost$", re.IGNORECASE)

DEFAULT_WORKER_MODULE = "churn_studio_ext.training.worker"
# The benchmark's probe replaces this module, and then workers are started directly.
WORKER_MODULE = DEFAULT_WORKER_MODULE
WORKER_LOG = "worker.log"
# "0" turns the warm launcher off, so every worker starts as a new interpreter.
LAUNCHER_VARIABLE = "CHURN_STUDIO_TRAINING_LAUNCHER"


def job_mode(request: dict) -> tuple[str | None, str | None]:
    """Return ``(mode, None)`` for a job the local backend can run, else ``(None, reason)``."""
    hyperparameters = request.get("HyperParameters", {})
    if PROGRAM_HYPERPARAMETER in hyperparameters:
        if SUBMIT_DIRECTORY_HYPERPARAMETER not in hyperparameters:
            return None, (
                "ClientError: hyperparameter 'sagemaker_program' is set but "
                "'sagemaker_submit_directory' is missing. Set it to the s3:// URI of a "
                "sourcedir.tar.gz or to a local folder that contains the entry point."
            )
        return FRAMEWORK_MODE, None

    algorithm = request.get("AlgorithmSpecification", {})
    image = algorithm.get("TrainingImage")
    name = algorithm.get("AlgorithmName")
    if image and _XGBOOST_IMAGE.search(image):
        return ALGORITHM_MODE, None
    if name and _XGBOOST_ALGORITHM_NAME.search(name):
        return ALGORITHM_MODE, None

    image_name = image or name or "no image"
    return None, (
        f"ClientError: the local backend cannot run training image {image_name!r}. It runs the "
        "built-in XGBoost algorithm (an image such as '<registry>/sagemaker-xgboost:1.7-1') "
        "and framework-mode scripts (hyperparameters 'sagemaker_program' and "
        "'sagemaker_submit_directory')."
    )


def launch_worker(home: Path, job_name: str, job_folder: Path) -> int:
    """Start the worker of ``job_name`` detached from this process and return its pid.

    Its standard output and error go to ``<job folder>/worker.log``. The home's launcher starts
    it when it can, and a new interpreter otherwise.
    """
    job_folder.mkdir(parents=True, exist_ok=True)
    environment = package_environment()
    if _launcher_enabled():
        from ..training.launcher import start_through_launcher

        pid = start_through_launcher(home, job_name, job_folder, environment)
        if pid is not None:
            return pid

    process = start_detached(
        [sys.executable, "-m", WORKER_MODULE, str(home), job_name],
        job_folder,
        WORKER_LOG,
        environment,
        "reap-training-worker",
    )
    log.info("Started training worker %d for job %s", process.pid, job_name)
    return process.pid


def _launcher_enabled() -> bool:
    return (
        sys.platform == "linux"
        and WORKER_MODULE == DEFAULT_WORKER_MODULE
        and os.environ.get(LAUNCHER_VARIABLE, "1") != "0"
    )
