"""The trial component SageMaker creates for a training job, ``<job>-aws-training-job``.

It carries every hyperparameter plus ``SageMaker.ImageUri``, ``SageMaker.InstanceCount`` and
``SageMaker.InstanceType``, one input artifact per channel, and the output artifacts
``SageMaker.ModelArtifact`` (added when the model is uploaded) and ``SageMaker.DebugHookOutput``
(when the job has a DebugHookConfig). Its status follows the job, and it joins the trial named
in ``ExperimentConfig.TrialName``.
"""

from __future__ import annotations

import math
import sqlite3

from . import _records
from ._timestamps import now
from ._training_records import component_name
from ._trial_components import insert_trial_component
from .client_base import validation

SOURCE_TYPE = "SageMakerTrainingJob"


def hyperparameter_value(text: str) -> dict:
    """Return the trial component parameter value of one hyperparameter string.

    A string that parses as a finite number becomes a NumberValue, anything else a StringValue.
    NOTE: whether SageMaker stores numeric hyperparameters as NumberValue is unverified. Numbers
    are chosen so that charts and numeric sorting work on them, as in Studio's trial list.
    """
    try:
        number = float(text)
    except ValueError:
        return {"StringValue": text}
    if not math.isfinite(number):
        return {"StringValue": text}
    return {"NumberValue": number}


def component_parameters(request: dict) -> dict:
    """Build the Parameters map of a job's trial component from its CreateTrainingJob request."""
    parameters = {
        name: hyperparameter_value(value)
        for name, value in request.get("HyperParameters", {}).items()
    }
    algorithm = request.get("AlgorithmSpecification", {})
    image = algorithm.get("TrainingImage") or algorithm.get("AlgorithmName")
    if image:
        parameters["SageMaker.ImageUri"] = {"StringValue": image}
    resources = request.get("ResourceConfig", {})
    if "InstanceCount" in resources:
        parameters["SageMaker.InstanceCount"] = {
            "NumberValue": float(resources["InstanceCount"])
        }
    if "InstanceType" in resources:
        parameters["SageMaker.InstanceType"] = {
            "StringValue": resources["InstanceType"]
        }
    return parameters


def component_input_artifacts(request: dict) -> dict:
    """Build one input artifact per channel, named after it, valued with its S3 URI.

    NOTE: SageMaker's naming of these artifacts is unverified, so the channel name is assumed.
    """
    artifacts = {}
    for channel in request.get("InputDataConfig", []):
        s3_source = channel["DataSource"].get("S3DataSource")
        if s3_source is None:
            continue
        artifact = {"Value": s3_source["S3Uri"]}
        if channel.get("ContentType"):
            artifact["MediaType"] = channel["ContentType"]
        artifacts[channel["ChannelName"]] = artifact
    return artifacts


def insert_job_component(conn: sqlite3.Connection, request: dict, job_arn: str) -> None:
    """Create the job's trial component and join it to ExperimentConfig's trial.

    Raises ResourceNotFound when the trial does not exist, and ValidationException when it
    belongs to another experiment than ExperimentConfig.ExperimentName.
    NOTE: RunName (SDK v2 Run jobs) is echoed but does not create or join a run here.
    """
    job_name = request["TrainingJobName"]
    experiment_config = request.get("ExperimentConfig", {})
    trial = None
    if "TrialName" in experiment_config:
        trial = _records.require(conn, "trial", experiment_config["TrialName"])
        expected = experiment_config.get("ExperimentName")
        if expected is not None:
            experiment = conn.execute(
                "SELECT name FROM experiment WHERE id = ?", (trial["experiment_id"],)
            ).fetchone()
            if experiment["name"].lower() != expected.lower():
                raise validation(
                    f"Trial '{trial['name']}' belongs to experiment '{experiment['name']}', not "
                    f"to ExperimentConfig.ExperimentName '{expected}'. Name the trial's own "
                    "experiment, or leave ExperimentName out."
                )

    output_artifacts = {}
    debug_hook = request.get("DebugHookConfig")
    if debug_hook:
        output_artifacts["SageMaker.DebugHookOutput"] = {
            "Value": debug_hook["S3OutputPath"]
        }

    name = component_name(job_name)
    insert_trial_component(
        conn,
        name,
        display_name=experiment_config.get("TrialComponentDisplayName"),
        status={"PrimaryStatus": "InProgress"},
        parameters=component_parameters(request),
        input_artifacts=component_input_artifacts(request),
        output_artifacts=output_artifacts,
        source_arn=job_arn,
        source_type=SOURCE_TYPE,
    )

    if trial is not None:
        conn.execute(
            "INSERT INTO trial_component_association (trial_component_id, trial_id, "
            "associated_time) SELECT id, ?, ? FROM trial_component WHERE name_key = ?",
            (trial["id"], now(), name.lower()),
        )
