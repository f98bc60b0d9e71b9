"""Rows of monitoring schedules and executions, their response shapes, and schedule checks."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

from . import _hosting_records as hosting
from ._shapes import without_none
from ._timestamps import now, to_datetime
from .client_base import not_found, validation
from .objects import ObjectStore, ObjectStoreError
from ..monitor import cron

PENDING = "Pending"
SCHEDULED = "Scheduled"
STOPPED = "Stopped"
# A new schedule is Pending for this many seconds, or until the scheduler first runs.
PENDING_SECONDS = 5.0

DATA_QUALITY = "DataQuality"


def find_schedule(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM monitoring_schedule WHERE name_key = ?", (name.lower(),)
    ).fetchone()


def require_schedule(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = find_schedule(conn, name)
    if row is None:
        raise not_found(
            f"Monitoring schedule '{name}' does not exist. ListMonitoringSchedules lists the "
            "schedules."
        )
    return row


def promote_pending(conn: sqlite3.Connection, min_age_seconds: float | None = None) -> None:
    """Move schedules that are Pending for at least ``min_age_seconds`` to Scheduled.

    ``min_age_seconds`` defaults to PENDING_SECONDS.
    """
    if min_age_seconds is None:
        min_age_seconds = PENDING_SECONDS
    at = now()
    conn.execute(
        "UPDATE monitoring_schedule SET status = ?, last_modified_time = ? "
        "WHERE status = ? AND created_time <= ?",
        (SCHEDULED, at, PENDING, at - min_age_seconds),
    )


def promote_pending_schedules(store) -> None:
    """Run ``promote_pending`` in a write transaction, but only when a schedule is Pending."""
    with store.read() as conn:
        pending = conn.execute(
            "SELECT 1 FROM monitoring_schedule WHERE status = ? LIMIT 1", (PENDING,)
        ).fetchone()
    if pending is not None:
        with store.write() as conn:
            promote_pending(conn)


def execution_summary(row: sqlite3.Row) -> dict:
    """Build a MonitoringExecutionSummary from an execution row."""
    return without_none({
        "MonitoringScheduleName": row["schedule_name"],
        "ScheduledTime": to_datetime(row["scheduled_time"]),
        "CreationTime": to_datetime(row["created_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "MonitoringExecutionStatus": row["status"],
        "ProcessingJobArn": row["processing_job_arn"],
        "EndpointName": row["endpoint_name"],
        "FailureReason": row["failure_reason"],
        "MonitoringType": row["monitoring_type"],
    })


def describe_schedule(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """Build DescribeMonitoringSchedule's response from a schedule row."""
    last = conn.execute(
        "SELECT * FROM monitoring_execution WHERE schedule_id = ? "
        "ORDER BY created_time DESC, id DESC LIMIT 1",
        (row["id"],),
    ).fetchone()
    return without_none({
        "MonitoringScheduleArn": row["arn"],
        "MonitoringScheduleName": row["name"],
        "MonitoringScheduleStatus": row["status"],
        "MonitoringType": row["monitoring_type"],
        "FailureReason": row["failure_reason"],
        "CreationTime": to_datetime(row["created_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "MonitoringScheduleConfig": json.loads(row["config"]),
        "EndpointName": row["endpoint_name"],
        "LastMonitoringExecutionSummary": execution_summary(last) if last else None,
    })


def schedule_summary(row: sqlite3.Row) -> dict:
    """Build one MonitoringScheduleSummaries item of ListMonitoringSchedules."""
    return without_none({
        "MonitoringScheduleName": row["name"],
        "MonitoringScheduleArn": row["arn"],
        "CreationTime": to_datetime(row["created_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "MonitoringScheduleStatus": row["status"],
        "EndpointName": row["endpoint_name"],
        "MonitoringType": row["monitoring_type"],
    })


def check_config(conn: sqlite3.Connection, home, config: dict) -> tuple[str, str, str]:
    """Check a MonitoringScheduleConfig the local backend can run.

    Returns ``(monitoring type, endpoint name, schedule expression)``, with the endpoint's
    stored spelling. Raises a ValidationException naming the bad value otherwise.
    """
    monitoring_type = config.get("MonitoringType", DATA_QUALITY)
    if monitoring_type != DATA_QUALITY:
        raise validation(
            f"MonitoringType {monitoring_type!r} is not supported by the local backend, which "
            "runs DataQuality monitoring only."
        )
    if "MonitoringJobDefinition" not in config:
        raise validation(
            "MonitoringScheduleConfig has no MonitoringJobDefinition. The local backend stores "
            "no job definitions, so pass the MonitoringJobDefinition itself instead of "
            "MonitoringJobDefinitionName."
        )
    expression = _check_schedule_config(config.get("ScheduleConfig"))

    definition = config["MonitoringJobDefinition"]
    endpoint_input = definition["MonitoringInputs"][0].get("EndpointInput")
    if endpoint_input is None:
        raise validation(
            "MonitoringInputs has no EndpointInput. The local backend monitors endpoints, not "
            "batch transform jobs."
        )
    for member in ("StartTimeOffset", "EndTimeOffset"):
        if member in endpoint_input:
            _parse_offset(endpoint_input[member], f"EndpointInput.{member}")
    _check_analysis_window(config["ScheduleConfig"], endpoint_input, expression)
    endpoint = hosting.require(conn, "endpoint", endpoint_input["EndpointName"])
    _require_capture(conn, endpoint)
    _require_baseline_files(home, definition.get("BaselineConfig", {}))
    return monitoring_type, endpoint["name"], expression


def _check_schedule_config(schedule_config: dict | None) -> str:
    if not schedule_config:
        raise validation(
            "MonitoringScheduleConfig has no ScheduleConfig. Set ScheduleConfig."
            f"ScheduleExpression to one of {cron.ACCEPTED_FORMS}."
        )
    expression = schedule_config["ScheduleExpression"]
    try:
        parsed = cron.parse(expression)
    except cron.ScheduleExpressionError as error:
        raise validation(str(error)) from None

    for member in ("DataAnalysisStartTime", "DataAnalysisEndTime"):
        if member in schedule_config:
            _parse_offset(schedule_config[member], member)
        elif parsed.is_one_time:
            # NOTE: SageMaker requires both offsets with NOW, but its wording of this error is
            # unverified.
            raise validation(
                f"ScheduleExpression 'NOW' needs ScheduleConfig.{member}, an offset from the "
                "scheduled time such as '-PT1H' for the start and '-PT0H' for the end."
            )
    return parsed.expression


def _check_analysis_window(schedule_config: dict, endpoint_input: dict, expression: str) -> None:
    """Reject offsets whose window is empty, which would make every execution find no data.

    The offsets are paired as the execution pairs them: ScheduleConfig's, else EndpointInput's.
    A missing start is the schedule's period before the scheduled time, a missing end the
    scheduled time itself.
    """
    start_text = schedule_config.get("DataAnalysisStartTime") or endpoint_input.get(
        "StartTimeOffset"
    )
    end_text = schedule_config.get("DataAnalysisEndTime") or endpoint_input.get("EndTimeOffset")
    if not start_text and not end_text:
        return
    period = cron.parse(expression).period
    start = (
        _parse_offset(start_text, "DataAnalysisStartTime") if start_text
        else -(period or timedelta(hours=1))
    )
    end = _parse_offset(end_text, "DataAnalysisEndTime") if end_text else timedelta(0)
    if start >= end:
        raise validation(
            f"The analysis window from {start_text or 'the previous scheduled time'} to "
            f"{end_text or 'the scheduled time'} is empty: its start is not before its end. Set "
            "a start offset before the end offset, such as DataAnalysisStartTime '-PT1H' with "
            "DataAnalysisEndTime '-PT0H'."
        )


def _parse_offset(text: str, member: str):
    try:
        return cron.parse_offset(text, member)
    except cron.ScheduleExpressionError as error:
        raise validation(str(error)) from None


def capture_destination(conn: sqlite3.Connection, endpoint: sqlite3.Row) -> str | None:
    """Return the DestinationS3Uri of the endpoint's enabled data capture, or None."""
    config_row = hosting.find(conn, "endpoint_config", endpoint["config_name"])
    if config_row is None:
        return None
    capture = hosting.request_of(config_row).get("DataCaptureConfig")
    if not capture or not capture.get("EnableCapture", True):
        return None
    return capture["DestinationS3Uri"]


def _require_capture(conn: sqlite3.Connection, endpoint: sqlite3.Row) -> None:
    if capture_destination(conn, endpoint) is None:
        # NOTE: SageMaker's wording for an endpoint without data capture is unverified.
        raise validation(
            f"Endpoint '{endpoint['name']}' does not capture data, so it cannot be monitored. "
            "Update it to an endpoint config with DataCaptureConfig.EnableCapture set to true."
        )


def _require_baseline_files(home, baseline: dict) -> None:
    objects = ObjectStore(home)
    for member in ("ConstraintsResource", "StatisticsResource"):
        uri = baseline.get(member, {}).get("S3Uri")
        if uri is None:
            continue
        try:
            exists = objects.path_for(uri).is_file()
        except ObjectStoreError as error:
            raise validation(f"Invalid BaselineConfig.{member}.S3Uri: {error}") from None
        if not exists:
            raise validation(
                f"The baseline file {uri} (BaselineConfig.{member}.S3Uri) does not exist. Run "
                "the baseline job first, or point the URI at its output."
            )
