"""SearchRecord shapes for one page of search results, read with a few set-based queries.

Each builder takes the page's row ids in result order and reads the rows and their parameters,
artifacts, metric summaries, tags and parents with one ``WHERE ... IN (...)`` query per table,
never one query per row.
"""

import json
import sqlite3
from collections import defaultdict
from datetime import datetime, timezone


def to_datetime(seconds: float | None) -> datetime | None:
    """Return a timezone-aware UTC datetime for Unix seconds, as boto3 returns timestamps."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _rows_by_id(conn: sqlite3.Connection, table: str, ids: list[int]) -> dict[int, sqlite3.Row]:
    rows = conn.execute(f"SELECT * FROM {table} WHERE id IN ({_marks(ids)})", ids)
    return {row["id"]: row for row in rows}


def _tags_by_arn(conn: sqlite3.Connection, arns: list[str]) -> dict[str, list[dict]]:
    tags: dict[str, list[dict]] = defaultdict(list)
    rows = conn.execute(
        f"SELECT resource_arn, key, value FROM tag WHERE resource_arn IN ({_marks(arns)}) "
        "ORDER BY resource_arn, key",
        arns,
    )
    for row in rows:
        tags[row["resource_arn"]].append({"Key": row["key"], "Value": row["value"]})
    return tags


def _put_common(record: dict, row: sqlite3.Row, tags: dict) -> None:
    """Add the fields that experiments, trials and trial components share."""
    if row["display_name"] is not None:
        record["DisplayName"] = row["display_name"]
    if row["source_arn"] is not None:
        source = {"SourceArn": row["source_arn"]}
        if row["source_type"] is not None:
            source["SourceType"] = row["source_type"]
        record["Source"] = source
    record["CreationTime"] = to_datetime(row["created_time"])
    if row["created_by"]:
        record["CreatedBy"] = json.loads(row["created_by"])
    record["LastModifiedTime"] = to_datetime(row["last_modified_time"])
    if row["last_modified_by"]:
        record["LastModifiedBy"] = json.loads(row["last_modified_by"])
    record["Tags"] = tags.get(row["arn"], [])


def trial_component_records(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """Return ``[{"TrialComponent": {...}}]`` for ``ids``, in the order of ``ids``."""
    rows = _rows_by_id(conn, "trial_component", ids)
    marks = _marks(ids)

    parameters: dict[int, dict] = defaultdict(dict)
    for row in conn.execute(
        "SELECT trial_component_id, name, string_value, number_value FROM parameter "
        f"WHERE trial_component_id IN ({marks})",
        ids,
    ):
        if row["number_value"] is not None:
            value = {"NumberValue": row["number_value"]}
        else:
            value = {"StringValue": row["string_value"]}
        parameters[row["trial_component_id"]][row["name"]] = value

    artifacts: dict[tuple, dict] = defaultdict(dict)
    for row in conn.execute(
        "SELECT trial_component_id, direction, name, value, media_type FROM artifact "
        f"WHERE trial_component_id IN ({marks})",
        ids,
    ):
        artifact = {"Value": row["value"]}
        if row["media_type"] is not None:
            artifact["MediaType"] = row["media_type"]
        artifacts[(row["trial_component_id"], row["direction"])][row["name"]] = artifact

    metrics: dict[int, list] = defaultdict(list)
    for row in conn.execute(
        f"SELECT * FROM metric_summary WHERE trial_component_id IN ({marks}) ORDER BY name", ids
    ):
        metrics[row["trial_component_id"]].append(metric_summary_shape(row))

    parents: dict[int, list] = defaultdict(list)
    for row in conn.execute(
        "SELECT a.trial_component_id, t.name AS trial_name, e.name AS experiment_name "
        "FROM trial_component_association a JOIN trial t ON t.id = a.trial_id "
        "JOIN experiment e ON e.id = t.experiment_id "
        f"WHERE a.trial_component_id IN ({marks}) ORDER BY t.name",
        ids,
    ):
        parents[row["trial_component_id"]].append(
            {"TrialName": row["trial_name"], "ExperimentName": row["experiment_name"]}
        )

    tags = _tags_by_arn(conn, [row["arn"] for row in rows.values()])
    records = []
    for component_id in ids:
        row = rows[component_id]
        record = {"TrialComponentName": row["name"], "TrialComponentArn": row["arn"]}
        _put_common(record, row, tags)
        if row["source_arn"] is not None:
            record["SourceDetail"] = {"SourceArn": row["source_arn"]}
        if row["status"] is not None:
            status = {"PrimaryStatus": row["status"]}
            if row["status_message"] is not None:
                status["Message"] = row["status_message"]
            record["Status"] = status
        if row["start_time"] is not None:
            record["StartTime"] = to_datetime(row["start_time"])
        if row["end_time"] is not None:
            record["EndTime"] = to_datetime(row["end_time"])
        if row["metadata_properties"]:
            record["MetadataProperties"] = json.loads(row["metadata_properties"])
        record["Parameters"] = parameters.get(component_id, {})
        record["InputArtifacts"] = artifacts.get((component_id, "input"), {})
        record["OutputArtifacts"] = artifacts.get((component_id, "output"), {})
        record["Metrics"] = metrics.get(component_id, [])
        record["Parents"] = parents.get(component_id, [])
        records.append({"TrialComponent": record})
    return records


def metric_summary_shape(row: sqlite3.Row) -> dict:
    """Return the TrialComponentMetricSummary of one ``metric_summary`` row."""
    summary = {"MetricName": row["name"]}
    if row["source_arn"] is not None:
        summary["SourceArn"] = row["source_arn"]
    summary.update(
        {
            "TimeStamp": to_datetime(row["last_timestamp"]),
            "Max": row["max"],
            "Min": row["min"],
            "Last": row["last"],
            "Count": row["count"],
            "Avg": row["avg"],
            "StdDev": row["std_dev"],
        }
    )
    return summary


def experiment_records(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """Return ``[{"Experiment": {...}}]`` for ``ids``, in the order of ``ids``."""
    rows = _rows_by_id(conn, "experiment", ids)
    tags = _tags_by_arn(conn, [row["arn"] for row in rows.values()])
    records = []
    for experiment_id in ids:
        row = rows[experiment_id]
        record = {"ExperimentName": row["name"], "ExperimentArn": row["arn"]}
        _put_common(record, row, tags)
        if row["description"] is not None:
            record["Description"] = row["description"]
        records.append({"Experiment": record})
    return records


def trial_records(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    """Return ``[{"Trial": {...}}]`` for ``ids``, with each trial's component summaries."""
    rows = _rows_by_id(conn, "trial", ids)
    marks = _marks(ids)
    experiment_names = dict(
        conn.execute(
            "SELECT t.id, e.name FROM trial t JOIN experiment e ON e.id = t.experiment_id "
            f"WHERE t.id IN ({marks})",
            ids,
        ).fetchall()
    )

    summaries: dict[int, list] = defaultdict(list)
    for row in conn.execute(
        "SELECT a.trial_id, c.name, c.arn, c.source_arn, c.source_type, c.created_time, "
        "c.created_by FROM trial_component_association a "
        "JOIN trial_component c ON c.id = a.trial_component_id "
        f"WHERE a.trial_id IN ({marks}) ORDER BY c.created_time, c.id",
        ids,
    ):
        summary = {"TrialComponentName": row["name"], "TrialComponentArn": row["arn"]}
        if row["source_arn"] is not None:
            source = {"SourceArn": row["source_arn"]}
            if row["source_type"] is not None:
                source["SourceType"] = row["source_type"]
            summary["TrialComponentSource"] = source
        summary["CreationTime"] = to_datetime(row["created_time"])
        if row["created_by"]:
            summary["CreatedBy"] = json.loads(row["created_by"])
        summaries[row["trial_id"]].append(summary)

    tags = _tags_by_arn(conn, [row["arn"] for row in rows.values()])
    records = []
    for trial_id in ids:
        row = rows[trial_id]
        record = {"TrialName": row["name"], "TrialArn": row["arn"]}
        _put_common(record, row, tags)
        record["ExperimentName"] = experiment_names[trial_id]
        if row["metadata_properties"]:
            record["MetadataProperties"] = json.loads(row["metadata_properties"])
        record["TrialComponentSummaries"] = summaries.get(trial_id, [])
        records.append({"Trial": record})
    return records


RECORD_BUILDERS = {
    "ExperimentTrialComponent": trial_component_records,
    "Experiment": experiment_records,
    "ExperimentTrial": trial_records,
}
