"""The stored state of processing jobs, shared by the operations and the job's worker process.

A job ends through ``finish``, which also ends the monitoring execution that the job runs, in
the same transaction. ``finish`` only ends a job that is still InProgress or Stopping, so a late
result of a worker never overwrites a stop or a failure recorded meanwhile.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

# The shared names stay importable from here, where the operations and the worker read them.
from ._job_status import (  # noqa: F401
    ACTIVE_STATUSES,
    COMPLETED,
    FAILED,
    IN_PROGRESS,
    STOPPED,
    STOPPING,
    TERMINAL_STATUSES,
    find_job_row,
    truncate_reason,
    worker_is_alive,
)
from ._timestamps import now

log = logging.getLogger(__name__)

WORKSPACE_FOLDER = "processing-jobs"
WORKER_LOG = "worker.log"
# A job whose worker pid was never recorded this long after its creation lost its creator
# between the commit and the launch, so it is failed.
UNLAUNCHED_GRACE_SECONDS = 60.0

# The prefix of a monitoring execution's ExitMessage when the analyzer found violations.
WITH_VIOLATIONS_PREFIX = "CompletedWithViolations"


def workspace(home: str | os.PathLike, job_name: str) -> Path:
    """Return the folder of a job's local files: its log and the container's paths."""
    return Path(home) / WORKSPACE_FOLDER / job_name.lower()


def find_job(conn: sqlite3.Connection, name_or_arn: str) -> sqlite3.Row | None:
    """Return the job row with this name (any case) or ARN, or None."""
    return find_job_row(conn, "processing_job", name_or_arn)


def execution_status(job_status: str, exit_message: str | None) -> str:
    """Map a processing job's status to the MonitoringExecutionStatus of its execution.

    The job is Completed whether or not violations were found, so its ExitMessage decides.
    """
    if job_status == COMPLETED and (exit_message or "").startswith(WITH_VIOLATIONS_PREFIX):
        return "CompletedWithViolations"
    return job_status


def start(conn: sqlite3.Connection, job_id: int) -> bool:
    """Record the processing start time, or return False when the job is no longer InProgress."""
    at = now()
    cursor = conn.execute(
        "UPDATE processing_job SET start_time = coalesce(start_time, ?), last_modified_time = ? "
        "WHERE id = ? AND status = ?",
        (at, at, job_id, IN_PROGRESS),
    )
    return cursor.rowcount == 1


def finish(
    conn: sqlite3.Connection,
    job_id: int,
    status: str,
    *,
    exit_message: str | None = None,
    failure_reason: str | None = None,
) -> bool:
    """End an active job with ``status`` (Completed, Failed, Stopped) and return whether it did.

    A job that is Stopping ends Stopped whatever the worker reports, because the stop came first.
    The monitoring execution of the job gets the mapped status and the same FailureReason.
    """
    job = conn.execute("SELECT * FROM processing_job WHERE id = ?", (job_id,)).fetchone()
    if job is None or job["status"] not in ACTIVE_STATUSES:
        return False
    if job["status"] == STOPPING:
        status, failure_reason = STOPPED, None

    at = now()
    reason = truncate_reason(failure_reason) if failure_reason else None
    message = truncate_reason(exit_message) if exit_message else None
    conn.execute(
        "UPDATE processing_job SET status = ?, exit_message = ?, failure_reason = ?, "
        "start_time = coalesce(start_time, ?), end_time = ?, last_modified_time = ? WHERE id = ?",
        (status, message, reason, at, at, at, job_id),
    )
    conn.execute(
        "UPDATE monitoring_execution SET status = ?, failure_reason = ?, last_modified_time = ? "
        "WHERE processing_job_arn = ?",
        (execution_status(status, message), reason, at, job["arn"]),
    )
    return True


def request_stop(conn: sqlite3.Connection, job: sqlite3.Row) -> None:
    """Mark an InProgress job and its monitoring execution as Stopping."""
    at = now()
    conn.execute(
        "UPDATE processing_job SET status = ?, last_modified_time = ? WHERE id = ?",
        (STOPPING, at, job["id"]),
    )
    conn.execute(
        "UPDATE monitoring_execution SET status = ?, last_modified_time = ? "
        "WHERE processing_job_arn = ?",
        (STOPPING, at, job["arn"]),
    )


def end_if_worker_died(conn: sqlite3.Connection, home: Path, job: sqlite3.Row | None) -> bool:
    """End an active job whose worker is gone or was never launched, and return True if it did.

    Call inside a write transaction with a freshly read row. A Stopping job ends Stopped, any
    other ends Failed with a reason that points at the worker's log.
    """
    if job is None or job["status"] not in ACTIVE_STATUSES:
        return False
    pid = job["worker_pid"]
    if pid is None:
        if now() - job["created_time"] < UNLAUNCHED_GRACE_SECONDS:
            return False
        reason = (
            "InternalServerError: the local processing worker was never started, because the "
            "process that created the job exited first. Create the job again."
        )
        log.warning("Processing job %s has no worker, so it is failed", job["name"])
        return finish(conn, job["id"], FAILED, failure_reason=reason)
    if worker_is_alive(pid):
        return False

    if job["status"] == STOPPING:
        log.warning("Worker %d of stopping processing job %s is gone", pid, job["name"])
        return finish(conn, job["id"], STOPPED)

    log_path = workspace(home, job["name"]) / WORKER_LOG
    reason = (
        f"InternalServerError: the local processing worker (pid {pid}) exited before the job "
        f"ended. Its log is {log_path}."
    )
    log.warning("Worker %d of processing job %s is gone, so the job is failed", pid, job["name"])
    return finish(conn, job["id"], FAILED, failure_reason=reason)


def end_jobs_of_dead_workers(store) -> None:
    """Fail or stop every active job of ``store`` whose worker is gone."""
    with store.read() as conn:
        active = conn.execute(
            "SELECT * FROM processing_job WHERE status IN (?, ?)", ACTIVE_STATUSES
        ).fetchall()
    stale = [
        row["name"]
        for row in active
        if (row["worker_pid"] is None and now() - row["created_time"] >= UNLAUNCHED_GRACE_SECONDS)
        or (row["worker_pid"] is not None and not worker_is_alive(row["worker_pid"]))
    ]
    if not stale:
        return
    with store.write() as conn:
        for name in stale:
            end_if_worker_died(conn, store.home, find_job(conn, name))
