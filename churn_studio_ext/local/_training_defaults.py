"""Training job defaults and output locations that the detached worker shares with the API.

This module imports nothing from botocore, because the worker imports it and botocore's
import (with the SageMaker service model) took about 0.2 s of each worker's start.
"""

from __future__ import annotations

from .objects import join_uri

# SageMaker's default MaxRuntimeInSeconds, one day (botocore's StoppingCondition documentation),
# which Describe returns when the request had none.
DEFAULT_MAX_RUNTIME_SECONDS = 86_400

MODEL_ARCHIVE_NAME = "model.tar.gz"


def model_artifact_uri(request: dict) -> str:
    """Return ``<S3OutputPath>/<job>/output/model.tar.gz``, where the job writes its model."""
    return join_uri(
        request["OutputDataConfig"]["S3OutputPath"],
        request["TrainingJobName"],
        "output",
        MODEL_ARCHIVE_NAME,
    )
