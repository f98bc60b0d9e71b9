"""The stored state of training jobs: status changes, transitions, rule statuses, dead workers.

Both the operations (CreateTrainingJob, StopTrainingJob, DescribeTrainingJob) and the job's
worker process change a job through these functions, each inside the caller's write transaction.
The worker only advances a job that is still ``InProgress``, so a concurrent StopTrainingJob,
which sets ``Stopping``, is never overwritten by a late progress update.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
from pathlib import Path

# The shared names stay importable from here, where the worker, tests and benchmarks read them.
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

# SecondaryStatus values that end a job, and the TrainingJobStatus each belongs to.
FINAL_SECONDARY = {
    "Completed": COMPLETED,
    "Failed": FAILED,
    "Stopped": STOPPED,
    "MaxRuntimeExceeded": STOPPED,
}

# StatusMessage of each SecondaryStatus. SageMaker's messages are free text that may change, so
# these describe what the local worker does at that point.
STATUS_MESSAGES = {
    "Starting": "Starting the local training worker",
    "Downloading": "Downloading input data",
    "Training": "Training in progress",
    "Uploading": "Uploading generated training model",
    "Completed": "Training job completed",
    "Failed": "Training job failed",
    "Stopping": "Stopping the training job",
    "Stopped": "Training job stopped",
    "MaxRuntimeExceeded": "Training job exceeded MaxRuntimeInSeconds and was stopped",
}

WORKSPACE_FOLDER = "training-jobs"
COMPONENT_SUFFIX = "-aws-training-job"


def component_name(job_name: str) -> str:
    """Return the name of the trial component SageMaker creates for a training job."""
    return job_name + COMPONENT_SUFFIX


def workspace(home: str | os.PathLike, job_name: str) -> Path:
    """Return the folder of a job's local files: logs, input copies, model and output."""
    return Path(home) / WORKSPACE_FOLDER / job_name


def find_job(conn: sqlite3.Connection, name_or_arn: str) -> sqlite3.Row | None:
    """Return the job row with this name (any case) or ARN, or None."""
    return find_job_row(conn, "training_job", name_or_arn)


def add_transition(
    conn: sqlite3.Connection,
    job_id: int,
    status: str,
    message: str,
    at: float,
    final=False,
) -> None:
    """Close the open secondary status transition at ``at`` and open ``status``.

    A final transition (Completed, Failed, Stopped) ends when it starts.
    """
    conn.execute(
        "UPDATE secondary_status_transition SET end_time = ? "
        "WHERE training_job_id = ? AND end_time IS NULL",
        (at, job_id),
    )
    seq = conn.execute(
        "SELECT coalesce(max(seq) + 1, 0) FROM secondary_status_transition "
        "WHERE training_job_id = ?",
        (job_id,),
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO secondary_status_transition "
        "(training_job_id, seq, status, start_time, end_time, status_message) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (job_id, seq, status, at, at if final else None, message),
    )


def advance(
    conn: sqlite3.Connection, job_id: int, secondary: str, start_training=False
) -> bool:
    """Move an InProgress job to ``secondary`` (Downloading, Training, Uploading).

    ``start_training`` also sets TrainingStartTime. Returns False, changing nothing, when the job
    is no longer InProgress (a stop was requested).
    """
    at = now()
    row = conn.execute(
        "SELECT status FROM training_job WHERE id = ?", (job_id,)
    ).fetchone()
    if row is None or row["status"] != IN_PROGRESS:
        return False
    conn.execute(
        "UPDATE training_job SET secondary_status = ?, last_modified_time = ?, "
        "start_time = CASE WHEN ? THEN coalesce(start_time, ?) ELSE start_time END WHERE id = ?",
        (secondary, at, start_training, at, job_id),
    )
    add_transition(conn, job_id, secondary, STATUS_MESSAGES[secondary], at)
    if start_training:
        conn.execute(
            "UPDATE trial_component SET start_time = ?, last_modified_time = ? "
            "WHERE name_key = (SELECT name_key || ? FROM training_job WHERE id = ?)",
            (at, at, COMPONENT_SUFFIX, job_id),
        )
    return True


def request_stop(conn: sqlite3.Connection, job: sqlite3.Row) -> None:
    """Mark an InProgress job and its rule evaluations as Stopping."""
    at = now()
    conn.execute(
        "UPDATE training_job SET status = ?, secondary_status = ?, last_modified_time = ? "
        "WHERE id = ?",
        (STOPPING, "Stopping", at, job["id"]),
    )
    add_transition(conn, job["id"], "Stopping", STATUS_MESSAGES["Stopping"], at)
    conn.execute(
        "UPDATE debug_rule_evaluation SET status = 'Stopping', last_modified_time = ? "
        "WHERE training_job_id = ? AND status = 'InProgress'",
        (at, job["id"]),
    )
    _set_component_status(conn, job["name"], STOPPING, None, None)


def finish(
    conn: sqlite3.Connection,
    job_id: int,
    secondary: str,
    *,
    failure_reason: str | None = None,
    model_artifact: str | None = None,
    final_metrics: list[dict] | None = None,
) -> None:
    """End a job with a final SecondaryStatus (Completed, Failed, Stopped, MaxRuntimeExceeded).

    Sets TrainingEndTime, TrainingTimeInSeconds and BillableTimeInSeconds (wall clock from
    TrainingStartTime, at least 1 s), and the trial component's status, end time and model
    artifact. Rule evaluations still InProgress or Stopping end as Stopped on a stopped job.
    """
    at = now()
    job = conn.execute("SELECT * FROM training_job WHERE id = ?", (job_id,)).fetchone()
    status = FINAL_SECONDARY[secondary]
    seconds = None
    if job["start_time"] is not None:
        seconds = max(1, math.ceil(at - job["start_time"]))

    reason = truncate_reason(failure_reason) if failure_reason else None
    conn.execute(
        "UPDATE training_job SET status = ?, secondary_status = ?, failure_reason = ?, "
        "end_time = ?, last_modified_time = ?, training_seconds = ?, billable_seconds = ?, "
        "model_artifact = coalesce(?, model_artifact), "
        "final_metrics = coalesce(?, final_metrics) WHERE id = ?",
        (
            status,
            secondary,
            reason,
            at,
            at,
            seconds,
            seconds,
            model_artifact,
            json.dumps(final_metrics) if final_metrics is not None else None,
            job_id,
        ),
    )
    add_transition(conn, job_id, secondary, STATUS_MESSAGES[secondary], at, final=True)
    if status == STOPPED:
        conn.execute(
            "UPDATE debug_rule_evaluation SET status = 'Stopped', last_modified_time = ? "
            "WHERE training_job_id = ? AND status IN ('InProgress', 'Stopping')",
            (at, job_id),
        )

    _set_component_status(conn, job["name"], status, reason, at)
    if model_artifact:
        conn.execute(
            "INSERT INTO artifact (trial_component_id, direction, name, value, media_type) "
            "SELECT id, 'output', 'SageMaker.ModelArtifact', ?, NULL FROM trial_component "
            "WHERE name_key = ? ON CONFLICT (trial_component_id, direction, name) "
            "DO UPDATE SET value = excluded.value",
            (model_artifact, component_name(job["name"]).lower()),
        )


def put_rule_statuses(
    conn: sqlite3.Connection, job_id: int, items: list[dict], explanations: list[dict]
) -> None:
    """Store the rule engine's DebugRuleEvaluationStatuses items, matched by position."""
    explanation_of = {
        entry["RuleConfigurationName"]: entry["Explanation"] for entry in explanations
    }
    conn.executemany(
        "UPDATE debug_rule_evaluation SET status = ?, status_details = ?, explanation = ?, "
        "last_modified_time = ? WHERE training_job_id = ? AND seq = ?",
        [
            (
                item["RuleEvaluationStatus"],
                item.get("StatusDetails"),
                explanation_of.get(item["RuleConfigurationName"]) or None,
                # Milliseconds, as every stored time (see _timestamps.now).
                round(item["LastModifiedTime"].timestamp(), 3),
                job_id,
                seq,
            )
            for seq, item in enumerate(items)
        ],
    )


def end_if_worker_died(conn: sqlite3.Connection, job: sqlite3.Row) -> bool:
    """End an InProgress or Stopping job whose worker process is gone, and return True if it did.

    A job that was being stopped ends Stopped, any other ends Failed with a reason that points
    at the worker's log. Call inside a write transaction with a freshly read row.
    NOTE: a pid reused by an unrelated process after the worker died keeps the job InProgress.
    """
    pid = job["worker_pid"]
    if job["status"] not in ACTIVE_STATUSES or pid is None or worker_is_alive(pid):
        return False

    if job["status"] == STOPPING:
        log.warning(
            "Worker %d of stopping training job %s is gone, so the job is stopped", pid, job["name"]
        )
        finish(conn, job["id"], "Stopped")
        return True

    log_path = workspace(_home_of(conn), job["name"]) / "worker.log"
    reason = (
        f"InternalServerError: the local training worker (pid {pid}) exited before the job "
        f"ended. Its log is {log_path}."
    )
    tail = _last_lines(log_path, 5)
    if tail:
        reason += " Last lines of the log:\n" + tail
    log.warning(
        "Worker %d of training job %s is gone, so the job is failed", pid, job["name"]
    )
    conn.execute(
        "UPDATE debug_rule_evaluation SET status = 'Error', status_details = ?, "
        "last_modified_time = ? WHERE training_job_id = ? AND status IN ('InProgress', 'Stopping')",
        (
            (
                "InternalServerError: the training job's worker process ended before the rule "
                "evaluation finished."
            ),
            now(),
            job["id"],
        ),
    )
    finish(conn, job["id"], "Failed", failure_reason=reason)
    return True


def end_jobs_of_dead_workers(store) -> None:
    """Fail or stop every active job of ``store`` whose worker process is gone."""
    with store.read() as conn:
        active = conn.execute(
            "SELECT name, worker_pid FROM training_job "
            "WHERE status IN ('InProgress', 'Stopping') AND worker_pid IS NOT NULL"
        ).fetchall()
    dead = [
        row["name"]
        for row in active
        if not worker_is_alive(row["worker_pid"])
    ]
    if not dead:
        return
    with store.write() as conn:
        for name in dead:
            end_if_worker_died(conn, find_job(conn, name))

def _set_component_status(
    conn: sqlite3.Connection,
    job_name: str,
    status: str,
    reason: str | None,
    end: float | None,
) -> None:
    message = f"Status: {status}, failure reason: {reason}" if reason else None
    conn.execute(
        "UPDATE trial_component SET status = ?, status_message = ?, "
        "end_time = coalesce(?, end_time), last_modified_time = ? WHERE name_key = ?",
        (status, message, end, now(), component_name(job_name).lower()),
    )


def _home_of(conn: sqlite3.Connection) -> Path:
    database = conn.execute("PRAGMA database_list").fetchone()["file"]
    return Path(database).parent


def _last_lines(path: Path, count: int) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(line for line in lines[-count:] if line.strip())
