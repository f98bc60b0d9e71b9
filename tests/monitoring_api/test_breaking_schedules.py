"""Schedule expressions with unevenly spaced hours, and stored schedules the scheduler rejects."""

from datetime import datetime, timedelta, timezone

from monitoring_helpers import schedule_config

from churn_studio_ext import local
from churn_studio_ext.monitor import cron, scheduler


def at(hour: int, day: int = 4) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=timezone.utc)


def test_step_past_midnight_runs_daily():
    schedule = cron.parse("cron(0 23/5 ? * * *)")

    assert schedule.hours == (23,)
    assert schedule.period == timedelta(hours=24)
    # The only run of the day must cover the whole day, or 19 of every 24 hours go unanalysed.
    assert schedule.window(at(23)) == (at(23, day=3), at(23))


def test_uneven_step_windows_cover_each_hour_once():
    schedule = cron.parse("cron(0 0/5 ? * * *)")
    runs = [at(0)] + [at(hour, day=4) for hour in (5, 10, 15, 20)] + [at(0, day=5)]

    windows = [schedule.window(moment) for moment in runs[1:]]

    # Each window starts where the previous one ended, across midnight too.
    assert [start for start, _ in windows] == runs[:-1]
    assert [end for _, end in windows] == runs[1:]


def test_bad_stored_schedule_does_not_block_others(sm, home, capture_endpoint, baseline_files):
    for name in ("first-schedule", "second-schedule"):
        sm.create_monitoring_schedule(
            MonitoringScheduleName=name, MonitoringScheduleConfig=schedule_config()
        )
    # A schedule stored by another version with an expression this version does not accept.
    with local.get_store(home).write() as conn:
        conn.execute(
            "UPDATE monitoring_schedule SET schedule_expression = ? WHERE name = ?",
            ("rate(1 hour)", "first-schedule"),
        )
    created = sm.describe_monitoring_schedule(MonitoringScheduleName="second-schedule")[
        "CreationTime"
    ].astimezone(timezone.utc)
    due = created.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1, minutes=2)

    started = scheduler.run_due(home, due)

    assert [execution.schedule_name for execution in started] == ["second-schedule"]
