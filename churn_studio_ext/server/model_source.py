"""Find the trial component that trained a model, for the endpoint and monitoring views.

A deploy from the Endpoints view tags its model with ``churn-studio:trial-component``. A model
deployed through the SDK (``estimator.deploy``) has no such tag, so its training job is found
from its ``ModelDataUrl``: a training job writes ``<S3OutputPath>/<job name>/output/model.tar.gz``,
and SageMaker names the job's trial component ``<job name>-aws-training-job``.
"""

from __future__ import annotations

import logging

from botocore.exceptions import ClientError

log = logging.getLogger(__name__)

TRIAL_COMPONENT_TAG = "churn-studio:trial-component"
TRAINING_COMPONENT_SUFFIX = "-aws-training-job"
MODEL_ARCHIVE_SUFFIX = "/output/model.tar.gz"


def trial_component_of_model(sagemaker_client, model: dict | None) -> str | None:
    """Return the trial component that trained ``model`` (a DescribeModel response), or None.

    The model's tag wins. Without it, the component is inferred from the training job that
    wrote the model's ``ModelDataUrl``, and only returned when that job still exists, its
    ``S3ModelArtifacts`` is that URL and the trial component exists.
    """
    if not model:
        return None
    tagged = _tag_value(sagemaker_client, model.get("ModelArn"), TRIAL_COMPONENT_TAG)
    if tagged:
        return tagged

    container = model.get("PrimaryContainer") or (model.get("Containers") or [{}])[0]
    model_data_url = container.get("ModelDataUrl")
    if not model_data_url or not model_data_url.endswith(MODEL_ARCHIVE_SUFFIX):
        return None
    job_name = model_data_url[: -len(MODEL_ARCHIVE_SUFFIX)].rpartition("/")[2]
    try:
        job = sagemaker_client.describe_training_job(TrainingJobName=job_name)
    except ClientError as error:
        log.info("Training job %s of model %s not described: %s",
                 job_name, model.get("ModelName"), error)
        return None
    if (job.get("ModelArtifacts") or {}).get("S3ModelArtifacts") != model_data_url:
        return None

    component_name = job["TrainingJobName"] + TRAINING_COMPONENT_SUFFIX
    try:
        sagemaker_client.describe_trial_component(TrialComponentName=component_name)
    except ClientError as error:
        log.info("Trial component %s of model %s not described: %s",
                 component_name, model.get("ModelName"), error)
        return None
    return component_name


def _tag_value(sagemaker_client, resource_arn: str | None, key: str) -> str | None:
    if not resource_arn:
        return None
    try:
        tags = sagemaker_client.list_tags(ResourceArn=resource_arn, MaxResults=50).get("Tags", [])
    except ClientError as error:
        log.info("Could not list the tags of %s: %s", resource_arn, error)
        return None
    return next((tag.get("Value") for tag in tags if tag.get("Key") == key), None)
