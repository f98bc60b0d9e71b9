"""The status model that training and processing jobs share, and the liveness check of a worker.

A job is InProgress while its detached worker runs it and Stopping after a stop request, and it
ends Completed, Failed or Stopped. Both kinds record the worker's pid, so the next Describe or
List call can end a job whose worker is gone.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

IN_PROGRESS = "InProgress"
STOPPING = "Stopping"
COMPLETED = "Completed"
FAILED = "Failed"
STOPPED = "Stopped"
ACTIVE_STATUSES = (IN_PROGRESS, STOPPING)
TERMINAL_STATUSES = (COMPLETED, FAILED, STOPPED)

# botocore's limit on FailureReason and on a rule's StatusDetails.
MAX_FAILURE_REASON = 1024


def truncate_reason(reason: str) -> str:
    """Cut a FailureReason to SageMaker's 1,024-character limit, marking the cut."""
    if len(reason) <= MAX_FAILURE_REASON:
        return reason
    return reason[: MAX_FAILURE_REASON - 3] + "..."


def find_job_row(conn: sqlite3.Connection, table: str, name_or_arn: str) -> sqlite3.Row | None:
    """Return the row of ``table`` with this job name (any case) or ARN, or None."""
    column = "arn" if name_or_arn.startswith("arn:") else "name_key"
    return conn.execute(
        f"SELECT * FROM {table} WHERE {column} = ?", (name_or_arn.lower(),)
    ).fetchone()


def needs_stop(job: sqlite3.Row, job_kind: str) -> bool:
    """Tell whether a stop request must act on ``job``, which is not the case once it is Stopping.

    Raises ValidationException for a job that has ended. ``job_kind`` starts the message, as in
    "Training" or "Processing".
    """
    if job["status"] in TERMINAL_STATUSES:
        # Imported here because the workers import this module and should not load botocore.
        from .client_base import validation

        # NOTE: SageMaker's error code for stopping an ended job is unverified.
        raise validation(
            f"{job_kind} job '{job['name']}' has already ended with status "
            f"{job['status']}, so it cannot be stopped."
        )
    return job["status"] != STOPPING


def worker_is_alive(pid: int) -> bool:
    """Tell whether process ``pid`` runs and is not a zombie (exited but not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        # The pid belongs to another user's process, so the worker itself is gone.
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        # The state letter follows the parenthesised command name, and Z marks a zombie.
        state = stat.read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"
