"""The start of a monitoring execution: its row, and the processing job that runs the analyzer.

The job's request is what SageMaker builds for an execution of a DataQuality schedule: the
endpoint's capture files as input, the baseline files as inputs, the analyzer's environment
(``dataset_format``, ``dataset_source``, ``start_time``, ``end_time``, ``output_path``, ...), and
one output at ``<output S3 URI>/<endpoint>/<schedule>/yyyy/mm/dd/HH``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from . import _hosting_records as hosting
from . import _monitoring_records as records
from . import processing_jobs
from ._endpoint_spec import _normalised_prefix
from ._processing_records import execution_status
from ._timestamps import now
from .objects import join_uri
from ..monitor import cron

log = logging.getLogger(__name__)

JOB_NAME_PREFIX = "model-monitoring-"
DEFAULT_MAX_RUNTIME_SECONDS = 3600
BASELINE_FOLDER = "/opt/ml/processing/baseline"
CODE_FOLDER = "/opt/ml/processing/code"
CAPTURE_FORMAT = {"sagemakerCaptureJson": {"captureIndexNames": ["endpointInput", "endpointOutput"]}}


class ExecutionProblem(Exception):
    """Reason that an execution cannot run, which ends it Failed with this FailureReason."""


@dataclass(frozen=True)
class StartedExecution:
    """An execution that this call created, and whether its worker must be launched."""

    schedule_name: str
    scheduled_time: datetime
    processing_job_name: str | None
    job_id: int | None
    status: str


def execution_window(
    config: dict, scheduled_time: datetime, manual: bool
) -> tuple[datetime, datetime]:
    """Return the (start, end) of the capture an execution at ``scheduled_time`` analyses.

    A cron execution covers the period before its scheduled time, a ``NOW`` execution the
    schedule's DataAnalysisStartTime and DataAnalysisEndTime offsets. Offsets in the schedule
    config, or else in the EndpointInput, replace the cron window's ends. A manual run of a cron
    schedule covers the period up to the moment of the run.
    """
    schedule_config = config["ScheduleConfig"]
    schedule = cron.parse(schedule_config["ScheduleExpression"])
    if schedule.is_one_time:
        start, end = scheduled_time - timedelta(hours=1), scheduled_time
    else:
        start, end = schedule.window(scheduled_time)

    endpoint_input = config["MonitoringJobDefinition"]["MonitoringInputs"][0]["EndpointInput"]
    start_offset = schedule_config.get("DataAnalysisStartTime") or endpoint_input.get(
        "StartTimeOffset"
    )
    end_offset = schedule_config.get("DataAnalysisEndTime") or endpoint_input.get("EndTimeOffset")
    if start_offset:
        start = scheduled_time + cron.parse_offset(start_offset, "DataAnalysisStartTime")
    if end_offset:
        end = scheduled_time + cron.parse_offset(end_offset, "DataAnalysisEndTime")
    if manual and not schedule.is_one_time and not start_offset:
        start = scheduled_time - schedule.period
    return start, end


def insert_execution(
    conn: sqlite3.Connection,
    home,
    schedule: sqlite3.Row,
    scheduled_time: datetime,
    manual: bool = False,
) -> StartedExecution | None:
    """Create the execution of ``schedule`` at ``scheduled_time`` in the caller's transaction.

    Returns None when that execution already exists (another process started it). The caller
    launches the job's worker after the commit when ``job_id`` is set.
    """
    created = now()
    epoch = round(scheduled_time.timestamp(), 3)
    cursor = conn.execute(
        "INSERT OR IGNORE INTO monitoring_execution (schedule_id, schedule_name, "
        "schedule_name_key, schedule_arn, endpoint_name, monitoring_type, scheduled_time, "
        "status, created_time, last_modified_time) VALUES (?, ?, ?, ?, ?, ?, ?, 'Pending', ?, ?)",
        (
            schedule["id"],
            schedule["name"],
            schedule["name_key"],
            schedule["arn"],
            schedule["endpoint_name"],
            schedule["monitoring_type"],
            epoch,
            created,
            created,
        ),
    )
    if cursor.rowcount == 0:
        return None
    execution_id = cursor.lastrowid

    config = json.loads(schedule["config"])
    job_name = _job_name(schedule["arn"], scheduled_time, execution_id)
    try:
        request = _job_request(conn, home, schedule, config, scheduled_time, job_name, manual)
    except ExecutionProblem as problem:
        conn.execute(
            "UPDATE monitoring_execution SET status = 'Failed', failure_reason = ? WHERE id = ?",
            (str(problem)[:1024], execution_id),
        )
        log.warning("Monitoring execution of %s at %s failed: %s",
                    schedule["name"], scheduled_time, problem)
        return StartedExecution(schedule["name"], scheduled_time, None, None, "Failed")

    job_id, job_arn, runnable = processing_jobs.insert_job(conn, request, schedule["arn"])
    job = conn.execute("SELECT * FROM processing_job WHERE id = ?", (job_id,)).fetchone()
    status = execution_status(job["status"], job["exit_message"])
    conn.execute(
        "UPDATE monitoring_execution SET processing_job_name = ?, processing_job_arn = ?, "
        "status = ?, failure_reason = ?, last_modified_time = ? WHERE id = ?",
        (job_name, job_arn, status, job["failure_reason"], now(), execution_id),
    )
    log.info("Started monitoring execution %s of schedule %s for %s",
             job_name, schedule["name"], scheduled_time.isoformat())
    return StartedExecution(
        schedule["name"], scheduled_time, job_name, job_id if runnable else None, status
    )


def _job_name(schedule_arn: str, scheduled_time: datetime, execution_id: int) -> str:
    # SageMaker names execution jobs model-monitoring-<yyyymmddHHMM>-<hash>.
    # NOTE: the hash's length and source on SageMaker are unverified. 24 hex digits fit in 63.
    digest = hashlib.sha256(
        f"{schedule_arn}|{scheduled_time.isoformat()}|{execution_id}|{uuid.uuid4()}".encode()
    ).hexdigest()[:24]
    return f"{JOB_NAME_PREFIX}{scheduled_time.strftime('%Y%m%d%H%M')}-{digest}"


def _job_request(conn, home, schedule, config, scheduled_time, job_name, manual) -> dict:
    definition = config["MonitoringJobDefinition"]
    endpoint_input = definition["MonitoringInputs"][0]["EndpointInput"]
    endpoint_row = hosting.find(conn, "endpoint", endpoint_input["EndpointName"])
    if endpoint_row is None:
        raise ExecutionProblem(
            f"Endpoint '{endpoint_input['EndpointName']}' does not exist any more. Delete the "
            "schedule, or update it to monitor an existing endpoint."
        )
    destination = records.capture_destination(conn, endpoint_row)
    if destination is None:
        raise ExecutionProblem(
            f"Endpoint '{endpoint_row['name']}' no longer captures data. Update it to an "
            "endpoint config with data capture enabled."
        )
    endpoint = endpoint_row["name"]
    start, end = execution_window(config, scheduled_time, manual)

    dataset_source = endpoint_input["LocalPath"].rstrip("/")
    inputs = [{
        "InputName": "endpoint_input_1",
        "S3Input": {
            "S3Uri": join_uri(_normalised_prefix(destination), endpoint),
            "LocalPath": f"{dataset_source}/{endpoint}",
            "S3DataType": "S3Prefix",
            "S3InputMode": endpoint_input.get("S3InputMode", "File"),
            "S3DataDistributionType": endpoint_input.get(
                "S3DataDistributionType", "FullyReplicated"
            ),
        },
    }]
    environment = {"publish_cloudwatch_metrics": "Enabled"}
    environment.update(definition.get("Environment", {}))

    baseline = definition.get("BaselineConfig", {})
    for member, input_name, variable in (
        ("ConstraintsResource", "constraints", "baseline_constraints"),
        ("StatisticsResource", "statistics", "baseline_statistics"),
    ):
        uri = baseline.get(member, {}).get("S3Uri")
        if uri:
            local_folder = f"{BASELINE_FOLDER}/{input_name}"
            inputs.append(_file_input(input_name, uri, local_folder))
            environment[variable] = f"{local_folder}/{uri.rstrip('/').rpartition('/')[2]}"

    app = definition["MonitoringAppSpecification"]
    for member, input_name, variable in (
        ("RecordPreprocessorSourceUri", "pre_processor_script", "record_preprocessor_script"),
        ("PostAnalyticsProcessorSourceUri", "post_processor_script",
         "post_analytics_processor_script"),
    ):
        uri = app.get(member)
        if uri:
            local_folder = f"{CODE_FOLDER}/{input_name}"
            inputs.append(_file_input(input_name, uri, local_folder))
            environment[variable] = f"{local_folder}/{uri.rstrip('/').rpartition('/')[2]}"

    s3_output = definition["MonitoringOutputConfig"]["MonitoringOutputs"][0]["S3Output"]
    report_uri = join_uri(
        s3_output["S3Uri"], endpoint, schedule["name"], scheduled_time.strftime("%Y/%m/%d/%H")
    )
    environment.update({
        "dataset_format": json.dumps(CAPTURE_FORMAT),
        "dataset_source": dataset_source,
        "output_path": s3_output["LocalPath"],
        "start_time": _iso(start),
        # Inference times have whole seconds, so the end is rounded up. A record captured in
        # the second of a manual run then belongs to its window.
        "end_time": _iso(_ceil_second(end)),
        "sagemaker_endpoint_name": endpoint,
        "sagemaker_monitoring_schedule_name": schedule["name"],
    })

    request = {
        "ProcessingJobName": job_name,
        "ProcessingInputs": inputs,
        "ProcessingOutputConfig": {
            "Outputs": [{
                "OutputName": "result",
                "S3Output": {
                    "S3Uri": report_uri,
                    "LocalPath": s3_output["LocalPath"],
                    "S3UploadMode": s3_output.get("S3UploadMode", "EndOfJob"),
                },
            }],
        },
        "ProcessingResources": {"ClusterConfig": definition["MonitoringResources"]["ClusterConfig"]},
        "StoppingCondition": definition.get(
            "StoppingCondition", {"MaxRuntimeInSeconds": DEFAULT_MAX_RUNTIME_SECONDS}
        ),
        "AppSpecification": {
            key: app[key]
            for key in ("ImageUri", "ContainerEntrypoint", "ContainerArguments")
            if key in app
        },
        "Environment": environment,
        "RoleArn": definition["RoleArn"],
    }
    if "NetworkConfig" in definition:
        request["NetworkConfig"] = definition["NetworkConfig"]
    return request


def _file_input(name: str, uri: str, local_folder: str) -> dict:
    return {
        "InputName": name,
        "S3Input": {
            "S3Uri": uri,
            "LocalPath": local_folder,
            "S3DataType": "S3Prefix",
            "S3InputMode": "File",
            "S3DataDistributionType": "FullyReplicated",
        },
    }


def _ceil_second(moment: datetime) -> datetime:
    if moment.microsecond == 0:
        return moment
    return moment.replace(microsecond=0) + timedelta(seconds=1)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
