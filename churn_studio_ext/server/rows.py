"""Flatten SageMaker response shapes into the JSON objects of the REST API.

The input is what boto3 returns, with PascalCase keys and ``datetime`` values. The output is
camelCase JSON with ISO 8601 times in UTC. Missing fields become ``null`` because moto and older
records omit some.
"""

from datetime import datetime, timezone

# SDK v2 ``Run`` tags the trial components it creates with this key and the value "run"
# (sagemaker-python-sdk v2, src/sagemaker/experiments/run.py, RUN_TC_TAG_KEY / RUN_TC_TAG_VALUE).
SOURCE_TAG_KEY = "sagemaker:trial-component-source"

# MetricSummary field -> REST field, in the order the UI shows the statistics.
METRIC_STATISTICS = {
    "Min": "min",
    "Max": "max",
    "Avg": "avg",
    "StdDev": "stdDev",
    "Last": "last",
    "Count": "count",
}


def iso_time(value) -> str | None:
    """Format a boto3 timestamp as ISO 8601 in UTC, taking a naive ``datetime`` as UTC."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value, tz=timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def experiment_json(summary: dict, trial_count: int, description: str | None = None) -> dict:
    """Build an ``Experiment`` from a ListExperiments summary or a DescribeExperiment response."""
    name = summary["ExperimentName"]
    return {
        "name": name,
        "displayName": summary.get("DisplayName") or name,
        "arn": summary.get("ExperimentArn"),
        "description": description if description is not None else summary.get("Description"),
        "created": iso_time(summary.get("CreationTime")),
        "lastModified": iso_time(summary.get("LastModifiedTime")),
        "trialCount": trial_count,
    }


def trial_json(summary: dict, experiment_name: str, component_count: int) -> dict:
    """Build a ``Trial`` from a ListTrials summary, which does not name its experiment."""
    name = summary["TrialName"]
    return {
        "name": name,
        "displayName": summary.get("DisplayName") or name,
        "arn": summary.get("TrialArn"),
        "experimentName": experiment_name,
        "created": iso_time(summary.get("CreationTime")),
        "lastModified": iso_time(summary.get("LastModifiedTime")),
        "trialComponentCount": component_count,
    }


def parameter_value(value: dict):
    """Unwrap ``{"NumberValue": 0.2}`` or ``{"StringValue": "x"}``, and an empty value to None."""
    if "NumberValue" in value:
        return value["NumberValue"]
    return value.get("StringValue")


def metric_summaries(metrics: list | None) -> dict:
    """Map each metric name to its statistics, skipping summaries without a name (moto's Search)."""
    result = {}
    for summary in metrics or []:
        name = summary.get("MetricName")
        if not name:
            continue
        result[name] = {
            field: summary.get(statistic) for statistic, field in METRIC_STATISTICS.items()
        }
    return result


def tags_dict(tags: list | None) -> dict:
    """Map each tag key to its value, with the empty string for a tag without a value."""
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


def component_type(component: dict) -> str:
    """Classify a trial component as a training job, processing job, SDK run or other.

    The source job's ARN decides first, then ``Source.SourceType``, then the SDK's source tag.
    """
    source = component.get("Source") or {}
    source_arn = source.get("SourceArn") or ""
    source_type = source.get("SourceType") or ""
    if ":training-job/" in source_arn or source_type == "SageMakerTrainingJob":
        return "Training job"
    if ":processing-job/" in source_arn or source_type == "SageMakerProcessingJob":
        return "Processing job"

    tag_value = tags_dict(component.get("Tags")).get(SOURCE_TAG_KEY, "").lower()
    if tag_value == "run" or component.get("RunName"):
        return "Run"
    if "training" in tag_value:
        return "Training job"
    if "processing" in tag_value:
        return "Processing job"
    return "Other"


def component_row(component: dict) -> dict:
    """Flatten a Search ``TrialComponent`` record into a ``Row``."""
    name = component["TrialComponentName"]
    status = component.get("Status") or {}
    parents = component.get("Parents") or []
    return {
        "name": name,
        "displayName": component.get("DisplayName") or name,
        "arn": component.get("TrialComponentArn"),
        "status": status.get("PrimaryStatus"),
        "statusMessage": status.get("Message"),
        "type": component_type(component),
        "sourceArn": (component.get("Source") or {}).get("SourceArn"),
        "experiments": sorted({p["ExperimentName"] for p in parents if p.get("ExperimentName")}),
        "trials": sorted({p["TrialName"] for p in parents if p.get("TrialName")}),
        "created": iso_time(component.get("CreationTime")),
        "lastModified": iso_time(component.get("LastModifiedTime")),
        "startTime": iso_time(component.get("StartTime")),
        "endTime": iso_time(component.get("EndTime")),
        "parameters": {
            key: parameter_value(value) for key, value in (component.get("Parameters") or {}).items()
        },
        "metrics": metric_summaries(component.get("Metrics")),
        "tags": tags_dict(component.get("Tags")),
    }


def artifacts_json(artifacts: dict | None) -> dict:
    return {
        key: {"value": value.get("Value"), "mediaType": value.get("MediaType")}
        for key, value in (artifacts or {}).items()
    }


def component_detail(component: dict) -> dict:
    """Build the full trial component: the ``Row`` plus artifacts, parents and metadata."""
    detail = component_row(component)
    detail["inputArtifacts"] = artifacts_json(component.get("InputArtifacts"))
    detail["outputArtifacts"] = artifacts_json(component.get("OutputArtifacts"))
    detail["parents"] = [
        {"trialName": parent.get("TrialName"), "experimentName": parent.get("ExperimentName")}
        for parent in component.get("Parents") or []
    ]
    detail["metadataProperties"] = component.get("MetadataProperties") or {}
    return detail
