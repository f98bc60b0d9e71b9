"""CreateProcessingJob, DescribeProcessingJob, ListProcessingJobs and StopProcessingJob.

A job whose ``AppSpecification.ImageUri`` is the Model Monitor analyzer image runs in a detached
worker process (``churn_studio_ext.monitor.processing``). The worker maps the container's local
paths to folders of the job's workspace, runs the analyzer and copies the outputs to their S3
URIs in the object store. A job on any other image is stored and ends Failed at once with a
FailureReason that names the image. Describe and List notice a worker that died without
ending its job and fail the job.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import time

from . import _processing_records as records
from ._job_status import needs_stop
from ._paging import NAME_STATUS_FILTERS, NAME_STATUS_SORT_COLUMNS, filter_conditions, list_response
from ._processing_launch import is_analyzer_image, launch_worker, unsupported_image_reason
from ._shapes import without_none
from ._tags import put_tags
from ._timestamps import now, to_datetime
from .arns import arn
from .client_base import ServiceError, not_found, operation, validation
from .errors import service_model

log = logging.getLogger(__name__)

# StopProcessingJob waits this long for the worker to exit after SIGTERM before it returns.
STOP_WAIT_SECONDS = 5.0

_DESCRIBE_MEMBERS = frozenset(
    service_model("sagemaker").operation_model("DescribeProcessingJob").output_shape.members
)


def insert_job(
    conn: sqlite3.Connection, request: dict, monitoring_schedule_arn: str | None = None
) -> tuple[int, str, bool]:
    """Store a new processing job inside the caller's write transaction.

    Returns ``(job id, ARN, runnable)``. A job on an image the local backend cannot run is
    stored Failed, and ``runnable`` is False. Raises ResourceInUse when the name is taken.
    """
    name = request["ProcessingJobName"]
    existing = records.find_job(conn, name)
    if existing is not None:
        raise ServiceError(
            "ResourceInUse",
            f"Processing job names must be unique within an AWS account and region, and a "
            f"processing job with this name already exists ({existing['arn']}). Choose another "
            "ProcessingJobName.",
        )
    job_arn = arn("processing-job", name)
    stored = {key: value for key, value in request.items() if key != "Tags"}
    created = now()
    job_id = conn.execute(
        "INSERT INTO processing_job (name, name_key, arn, status, request, created_time, "
        "last_modified_time, monitoring_schedule_arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            name.lower(),
            job_arn,
            records.IN_PROGRESS,
            json.dumps(stored, default=str),
            created,
            created,
            monitoring_schedule_arn,
        ),
    ).lastrowid
    put_tags(conn, job_arn, request.get("Tags", []))

    image = request["AppSpecification"]["ImageUri"]
    if is_analyzer_image(image):
        return job_id, job_arn, True
    records.finish(conn, job_id, records.FAILED, failure_reason=unsupported_image_reason(image))
    log.info("Processing job %s failed at creation: image %s is not supported", name, image)
    return job_id, job_arn, False


def start_worker(store, job_id: int, name: str) -> None:
    """Launch the worker of a stored job and record its pid, or fail the job if it cannot start."""
    try:
        pid = launch_worker(store.home, name, records.workspace(store.home, name))
    except OSError as error:
        log.error("Could not start the worker of processing job %s: %s", name, error)
        with store.write() as conn:
            records.finish(
                conn,
                job_id,
                records.FAILED,
                failure_reason=f"InternalServerError: the local processing worker could not be "
                f"started: {error}. Check that the Python interpreter can run.",
            )
        return
    with store.write() as conn:
        conn.execute("UPDATE processing_job SET worker_pid = ? WHERE id = ?", (pid, job_id))


def describe(row: sqlite3.Row) -> dict:
    """Build DescribeProcessingJob's response from a job row."""
    request = json.loads(row["request"])
    echoed = {
        key: value
        for key, value in request.items()
        if key in _DESCRIBE_MEMBERS and key != "ProcessingJobName"
    }
    response = {
        "ProcessingJobName": row["name"],
        **echoed,
        "ProcessingJobArn": row["arn"],
        "ProcessingJobStatus": row["status"],
        "ExitMessage": row["exit_message"],
        "FailureReason": row["failure_reason"],
        "ProcessingStartTime": to_datetime(row["start_time"]),
        "ProcessingEndTime": to_datetime(row["end_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "CreationTime": to_datetime(row["created_time"]),
        "MonitoringScheduleArn": row["monitoring_schedule_arn"],
    }
    return without_none(response)


def summary(row: sqlite3.Row) -> dict:
    """Build one ProcessingJobSummaries item of ListProcessingJobs."""
    return without_none({
        "ProcessingJobName": row["name"],
        "ProcessingJobArn": row["arn"],
        "CreationTime": to_datetime(row["created_time"]),
        "ProcessingEndTime": to_datetime(row["end_time"]),
        "LastModifiedTime": to_datetime(row["last_modified_time"]),
        "ProcessingJobStatus": row["status"],
        "FailureReason": row["failure_reason"],
        "ExitMessage": row["exit_message"],
    })


class ProcessingJobOperations:
    """The processing job operations of ``LocalSageMakerClient``."""

    @operation("CreateProcessingJob")
    def create_processing_job(self, params: dict) -> dict:
        _check_unique_names(params)
        with self.store.write() as conn:
            job_id, job_arn, runnable = insert_job(conn, params)
        if runnable:
            start_worker(self.store, job_id, params["ProcessingJobName"])
        log.info("Created processing job %s", params["ProcessingJobName"])
        return {"ProcessingJobArn": job_arn}

    @operation("DescribeProcessingJob")
    def describe_processing_job(self, params: dict) -> dict:
        name = params["ProcessingJobName"]
        with self.store.read() as conn:
            row = _require_job(conn, name)
        if row["status"] in records.ACTIVE_STATUSES:
            with self.store.write() as conn:
                records.end_if_worker_died(conn, self.store.home, records.find_job(conn, name))
            with self.store.read() as conn:
                row = records.find_job(conn, name)
        return describe(row)

    @operation("ListProcessingJobs")
    def list_processing_jobs(self, params: dict) -> dict:
        records.end_jobs_of_dead_workers(self.store)

        where, args = filter_conditions(params, NAME_STATUS_FILTERS)
        return list_response(
            self.store, params, "SELECT * FROM processing_job", NAME_STATUS_SORT_COLUMNS,
            where, args, "ProcessingJobSummaries", summary,
        )

    @operation("StopProcessingJob")
    def stop_processing_job(self, params: dict) -> dict:
        name = params["ProcessingJobName"]
        with self.store.write() as conn:
            row = _require_job(conn, name)
            if not needs_stop(row, "Processing"):
                return {}
            records.request_stop(conn, row)
            pid = row["worker_pid"]

        if pid is not None:
            _terminate(pid, row["name"])
        with self.store.write() as conn:
            current = records.find_job(conn, name)
            if pid is None or not records.worker_is_alive(pid):
                records.finish(conn, current["id"], records.STOPPED)
        return {}


def _require_job(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = records.find_job(conn, name)
    if row is None:
        raise not_found(
            f"Processing job '{name}' does not exist. ListProcessingJobs lists the jobs."
        )
    return row


def _terminate(pid: int, name: str) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    log.info("Sent SIGTERM to worker %d of processing job %s", pid, name)
    deadline = time.monotonic() + STOP_WAIT_SECONDS
    while time.monotonic() < deadline and records.worker_is_alive(pid):
        time.sleep(0.02)


def _check_unique_names(params: dict) -> None:
    for member, items, key in (
        ("ProcessingInputs", params.get("ProcessingInputs", []), "InputName"),
        ("ProcessingOutputConfig.Outputs",
         params.get("ProcessingOutputConfig", {}).get("Outputs", []), "OutputName"),
    ):
        names = [item[key] for item in items]
        duplicates = sorted({value for value in names if names.count(value) > 1})
        if duplicates:
            # NOTE: SageMaker's wording of this error is unverified.
            raise validation(
                f"{member} repeats the {key} values {duplicates}. Give each entry its own {key}."
            )
