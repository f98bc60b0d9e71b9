"""Builders of API response shapes from store rows.

Members whose column is NULL are left out, as SageMaker leaves out unset members. Describe and
List operations, and Search (in ``search.py``), build their responses here so the shapes agree.
"""

import json
import sqlite3

from ._timestamps import to_datetime


def source(row: sqlite3.Row) -> dict | None:
    """Return the ``{SourceArn, SourceType}`` shape of a row, or None when it has no source."""
    if row["source_arn"] is None:
        return None
    shape = {"SourceArn": row["source_arn"]}
    if row["source_type"] is not None:
        shape["SourceType"] = row["source_type"]
    return shape


def user_context(value: str | None) -> dict | None:
    return None if value is None else json.loads(value)


def status(row: sqlite3.Row) -> dict | None:
    if row["status"] is None:
        return None
    shape = {"PrimaryStatus": row["status"]}
    if row["status_message"] is not None:
        shape["Message"] = row["status_message"]
    return shape


def without_none(shape: dict) -> dict:
    return {key: value for key, value in shape.items() if value is not None}


def experiment(row: sqlite3.Row) -> dict:
    """Build DescribeExperiment's response."""
    return without_none(
        {
            "ExperimentName": row["name"],
            "ExperimentArn": row["arn"],
            "DisplayName": row["display_name"],
            "Source": source(row),
            "Description": row["description"],
            "CreationTime": to_datetime(row["created_time"]),
            "CreatedBy": user_context(row["created_by"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
            "LastModifiedBy": user_context(row["last_modified_by"]),
        }
    )


def experiment_summary(row: sqlite3.Row) -> dict:
    """Build an ``ExperimentSummary`` of ListExperiments."""
    return without_none(
        {
            "ExperimentArn": row["arn"],
            "ExperimentName": row["name"],
            "DisplayName": row["display_name"],
            "ExperimentSource": source(row),
            "CreationTime": to_datetime(row["created_time"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
        }
    )


def trial(row: sqlite3.Row, experiment_name: str) -> dict:
    """Build DescribeTrial's response."""
    return without_none(
        {
            "TrialName": row["name"],
            "TrialArn": row["arn"],
            "DisplayName": row["display_name"],
            "ExperimentName": experiment_name,
            "Source": source(row),
            "CreationTime": to_datetime(row["created_time"]),
            "CreatedBy": user_context(row["created_by"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
            "LastModifiedBy": user_context(row["last_modified_by"]),
            "MetadataProperties": _json_or_none(row["metadata_properties"]),
        }
    )


def trial_summary(row: sqlite3.Row) -> dict:
    """Build a ``TrialSummary`` of ListTrials."""
    return without_none(
        {
            "TrialArn": row["arn"],
            "TrialName": row["name"],
            "DisplayName": row["display_name"],
            "TrialSource": source(row),
            "CreationTime": to_datetime(row["created_time"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
        }
    )


def trial_component(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """Build DescribeTrialComponent's response, with parameters, artifacts and metric summaries."""
    component_id = row["id"]
    row_source = source(row)
    return without_none(
        {
            "TrialComponentName": row["name"],
            "TrialComponentArn": row["arn"],
            "DisplayName": row["display_name"],
            "Source": row_source,
            "Status": status(row),
            "StartTime": to_datetime(row["start_time"]),
            "EndTime": to_datetime(row["end_time"]),
            "CreationTime": to_datetime(row["created_time"]),
            "CreatedBy": user_context(row["created_by"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
            "LastModifiedBy": user_context(row["last_modified_by"]),
            "Parameters": parameters(conn, component_id),
            "InputArtifacts": artifacts(conn, component_id, "input"),
            "OutputArtifacts": artifacts(conn, component_id, "output"),
            "MetadataProperties": _json_or_none(row["metadata_properties"]),
            "Metrics": metric_summaries(conn, component_id),
            "Sources": [row_source] if row_source else None,
        }
    )


def trial_component_summary(row: sqlite3.Row) -> dict:
    """Build a ``TrialComponentSummary`` of ListTrialComponents."""
    return without_none(
        {
            "TrialComponentName": row["name"],
            "TrialComponentArn": row["arn"],
            "DisplayName": row["display_name"],
            "TrialComponentSource": source(row),
            "Status": status(row),
            "StartTime": to_datetime(row["start_time"]),
            "EndTime": to_datetime(row["end_time"]),
            "CreationTime": to_datetime(row["created_time"]),
            "CreatedBy": user_context(row["created_by"]),
            "LastModifiedTime": to_datetime(row["last_modified_time"]),
            "LastModifiedBy": user_context(row["last_modified_by"]),
        }
    )


def parameters(conn: sqlite3.Connection, component_id: int) -> dict:
    """Read the ``Parameters`` map of a trial component: name -> {StringValue} or {NumberValue}."""
    shape = {}
    rows = conn.execute(
        "SELECT name, string_value, number_value FROM parameter "
        "WHERE trial_component_id = ? ORDER BY name",
        (component_id,),
    )
    for row in rows:
        if row["string_value"] is not None:
            shape[row["name"]] = {"StringValue": row["string_value"]}
        else:
            shape[row["name"]] = {"NumberValue": row["number_value"]}
    return shape


def artifacts(conn: sqlite3.Connection, component_id: int, direction: str) -> dict:
    """Read the ``InputArtifacts`` or ``OutputArtifacts`` map: name -> {Value, MediaType}."""
    shape = {}
    rows = conn.execute(
        "SELECT name, value, media_type FROM artifact "
        "WHERE trial_component_id = ? AND direction = ? ORDER BY name",
        (component_id, direction),
    )
    for row in rows:
        shape[row["name"]] = without_none({"Value": row["value"], "MediaType": row["media_type"]})
    return shape


def metric_summaries(conn: sqlite3.Connection, component_id: int) -> list[dict]:
    """Read the ``Metrics`` list: one ``TrialComponentMetricSummary`` per metric, by name.

    ``TimeStamp`` is when the summary was last updated, as SageMaker documents it.
    """
    rows = conn.execute(
        "SELECT * FROM metric_summary WHERE trial_component_id = ? ORDER BY name",
        (component_id,),
    )
    return [
        without_none(
            {
                "MetricName": row["name"],
                "SourceArn": row["source_arn"],
                "TimeStamp": to_datetime(row["updated_time"]),
                "Max": row["max"],
                "Min": row["min"],
                "Last": row["last"],
                "Count": row["count"],
                "Avg": row["avg"],
                "StdDev": row["std_dev"],
            }
        )
        for row in rows
    ]


def _json_or_none(value: str | None):
    return None if value is None else json.loads(value)
