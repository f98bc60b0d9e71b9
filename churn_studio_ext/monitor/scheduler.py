"""Start the due executions of a studio home's monitoring schedules, and manual runs.

``run_due`` starts, for each Scheduled schedule, the execution of its latest scheduled time
that has passed, if that time is after the schedule's creation and has no execution yet. Missed
earlier times are not made up, as on SageMaker. A ``NOW`` schedule gets one execution.

The store has a unique key on (schedule, scheduled time). A second process that calls
``run_due`` at the same time therefore skips the executions the first one started. So the server
extension, the ``churn-studio monitor run-due`` command and a cron job can all run it.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone

from ..local import _monitoring_records as records
from ..local import processing_jobs
from ..local._monitoring_executions import StartedExecution, insert_execution
from ..local._processing_records import end_jobs_of_dead_workers
from ..local.client_base import not_found
from ..local.store import get_store
from . import cron

log = logging.getLogger(__name__)


def run_due(home: str | os.PathLike, now: datetime | None = None) -> list[StartedExecution]:
    """Start the executions that are due at ``now`` (default: the current time, UTC).

    Returns the executions this call started, in schedule creation order.
    """
    store = get_store(home)
    moment = _aware(now)
    end_jobs_of_dead_workers(store)
    with store.write() as conn:
        records.promote_pending(conn, min_age_seconds=0)
    with store.read() as conn:
        schedules = conn.execute(
            "SELECT * FROM monitoring_schedule WHERE status = ? ORDER BY created_time, id",
            (records.SCHEDULED,),
        ).fetchall()

    started = []
    for schedule in schedules:
        try:
            scheduled_time = _due_time(store, schedule, moment)
            if scheduled_time is None:
                continue
            execution = _start(
                store, schedule["name"], schedule["id"], scheduled_time, manual=False
            )
        except Exception:  # noqa: BLE001 - one broken schedule must not stop the others
            log.exception("Could not start the due execution of monitoring schedule %s in %s",
                          schedule["name"], store.home)
            continue
        if execution is not None:
            started.append(execution)
    if started:
        log.info("Started %d due monitoring executions in %s", len(started), store.home)
    return started


def run_now(
    home: str | os.PathLike, schedule_name: str, now: datetime | None = None
) -> StartedExecution:
    """Start one execution of ``schedule_name`` at ``now``, whatever the schedule's status.

    It analyses the schedule's period (the last hour for an hourly schedule) up to ``now``.
    Raises the store's ResourceNotFound ``ServiceError`` for a missing schedule.
    """
    store = get_store(home)
    # Milliseconds, as the store keeps times, so the returned time equals the listed one.
    moment = datetime.fromtimestamp(round(_aware(now).timestamp(), 3), tz=timezone.utc)
    with store.read() as conn:
        schedule = records.require_schedule(conn, schedule_name)
    execution = _start(store, schedule["name"], schedule["id"], moment, manual=True)
    if execution is None:
        # Another run of the same schedule started at the same millisecond.
        raise not_found(
            f"An execution of monitoring schedule '{schedule['name']}' at {moment.isoformat()} "
            "already exists. Try again."
        )
    return execution


def _due_time(store, schedule, moment: datetime) -> datetime | None:
    parsed = cron.parse(schedule["schedule_expression"])
    created = datetime.fromtimestamp(schedule["created_time"], tz=timezone.utc)
    if parsed.is_one_time:
        with store.read() as conn:
            ran = conn.execute(
                "SELECT 1 FROM monitoring_execution WHERE schedule_id = ? LIMIT 1",
                (schedule["id"],),
            ).fetchone()
        if ran:
            return None
        # The first whole second after creation, so the capture sent before it is analysed.
        return created.replace(microsecond=0) + timedelta(seconds=1)

    latest = parsed.latest_at_or_before(moment)
    # The first execution is at the first scheduled time after the schedule was created.
    if latest <= created:
        return None
    return latest


def _start(store, name: str, schedule_id: int, scheduled_time: datetime, manual: bool):
    with store.write() as conn:
        schedule = records.find_schedule(conn, name)
        if schedule is None or schedule["id"] != schedule_id:
            return None  # Deleted, or deleted and created again, since it was read.
        execution = insert_execution(conn, store.home, schedule, scheduled_time, manual=manual)
    if execution is not None and execution.job_id is not None:
        processing_jobs.start_worker(store, execution.job_id, execution.processing_job_name)
    return execution


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(timezone.utc)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
