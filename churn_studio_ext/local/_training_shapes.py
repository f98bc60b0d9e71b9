"""Response shapes of DescribeTrainingJob and ListTrainingJobs, built from store rows."""

from __future__ import annotations

import json
import sqlite3

from ._shapes import without_none
from ._timestamps import to_datetime
from ._training_defaults import DEFAULT_MAX_RUNTIME_SECONDS
from .errors import service_model

# Request members that DescribeTrainingJob does not echo. It returns the name on its own, and
# tags are read with ListTags.
_NOT_ECHOED = ("TrainingJobName", "Tags")


_describe_members = frozenset(
    service_model("sagemaker")
    .operation_model("DescribeTrainingJob")
    .output_shape.members
)


def echoed_request(request: dict) -> dict:
    """Return the request members that DescribeTrainingJob echoes, with SageMaker's defaults."""
    echo = {
        key: value
        for key, value in request.items()
        if key in _describe_members and key not in _NOT_ECHOED
    }
    echo.setdefault(
        "StoppingCondition", {"MaxRuntimeInSeconds": DEFAULT_MAX_RUNTIME_SECONDS}
    )
    for flag in (
        "EnableNetworkIsolation",
        "EnableInterContainerTrafficEncryption",
        "EnableManagedSpotTraining",
    ):
        echo.setdefault(flag, False)
    for channel in echo.get("InputDataConfig", []):
        s3_source = channel.get("DataSource", {}).get("S3DataSource")
        if s3_source is not None:
            s3_source.setdefault("S3DataDistributionType", "FullyReplicated")
    return echo


def describe(conn: sqlite3.Connection, row: sqlite3.Row, model_artifact: str) -> dict:
    """Build DescribeTrainingJob's response.

    ``model_artifact`` is the job's ``<S3OutputPath>/<job>/output/model.tar.gz``. The model
    requires ModelArtifacts, so it is returned from the start.
    NOTE: the object exists only once the job uploaded it (Completed, or Stopped after saving).
    """
    request = json.loads(row["request"])
    response = {
        "TrainingJobName": row["name"],
        "TrainingJobArn": row["arn"],
        "ModelArtifacts": {"S3ModelArtifacts": row["model_artifact"] or model_artifact},
        "TrainingJobStatus": row["status"],
        "SecondaryStatus": row["secondary_status"],
        "FailureReason": row["failure_reason"],
        **echoed_request(request),
        "CreationTime": to_datetime(row["created_time"]),
        "TrainingStartTime": to_datetime(row["start_time"]),
        "TrainingEndTime": to_datetime(row["end_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "SecondaryStatusTransitions": _transitions(conn, row["id"]),
        "FinalMetricDataList": _final_metrics(row["final_metrics"]),
        "TrainingTimeInSeconds": row["training_seconds"],
        "BillableTimeInSeconds": row["billable_seconds"],
        "DebugRuleEvaluationStatuses": _rule_statuses(conn, row["id"]),
    }
    return without_none(response)


def summary(row: sqlite3.Row) -> dict:
    """Build one TrainingJobSummaries item of ListTrainingJobs."""
    return without_none(
        {
            "TrainingJobName": row["name"],
            "TrainingJobArn": row["arn"],
            "CreationTime": to_datetime(row["created_time"]),
            "TrainingEndTime": to_datetime(row["end_time"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
            "TrainingJobStatus": row["status"],
            "SecondaryStatus": row["secondary_status"],
        }
    )


def rule_explanations(conn: sqlite3.Connection, job_id: int) -> list[dict]:
    """Return, per rule, the engine's readable reason for its status (local only, for the UI)."""
    rows = conn.execute(
        "SELECT rule_configuration_name, explanation, status_details FROM debug_rule_evaluation "
        "WHERE training_job_id = ? ORDER BY seq",
        (job_id,),
    )
    return [
        {
            "RuleConfigurationName": rule["rule_configuration_name"],
            "Explanation": rule["explanation"] or rule["status_details"] or "",
        }
        for rule in rows
    ]


def _transitions(conn: sqlite3.Connection, job_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT status, start_time, end_time, status_message FROM secondary_status_transition "
        "WHERE training_job_id = ? ORDER BY seq",
        (job_id,),
    )
    return [
        without_none(
            {
                "Status": transition["status"],
                "StartTime": to_datetime(transition["start_time"]),
                "EndTime": to_datetime(transition["end_time"]),
                "StatusMessage": transition["status_message"],
            }
        )
        for transition in rows
    ]


def _final_metrics(stored: str | None) -> list[dict] | None:
    if stored is None:
        return None
    return [
        {
            "MetricName": metric["MetricName"],
            "Value": metric["Value"],
            "Timestamp": to_datetime(metric["Timestamp"]),
        }
        for metric in json.loads(stored)
    ]


def _rule_statuses(conn: sqlite3.Connection, job_id: int) -> list[dict] | None:
    rows = conn.execute(
        "SELECT * FROM debug_rule_evaluation WHERE training_job_id = ? ORDER BY seq",
        (job_id,),
    ).fetchall()
    if not rows:
        return None
    return [
        without_none(
            {
                "RuleConfigurationName": rule["rule_configuration_name"],
                "RuleEvaluationJobArn": rule["rule_evaluation_job_arn"],
                "RuleEvaluationStatus": rule["status"],
                "StatusDetails": rule["status_details"],
                "LastModifiedTime": to_datetime(rule["last_modified_time"]),
            }
        )
        for rule in rows
    ]
