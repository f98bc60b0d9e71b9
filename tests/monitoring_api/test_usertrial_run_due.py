"""`churn-studio monitor run-due` explains, per schedule, when its next execution is due."""

from datetime import datetime, timedelta, timezone

from monitoring_helpers import schedule_config

from churn_studio_ext.cli import _schedule_outlook, main
from churn_studio_ext.monitor import scheduler

HOURLY_SCHEDULE = "churn-hourly"
NOW_SCHEDULE = "churn-now"


def next_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def create(sm, name: str, expression: str, **window) -> datetime:
    sm.create_monitoring_schedule(
        MonitoringScheduleName=name,
        MonitoringScheduleConfig=schedule_config(expression=expression, **window),
    )
    return sm.describe_monitoring_schedule(MonitoringScheduleName=name)["CreationTime"].astimezone(
        timezone.utc)


def test_run_due_prints_first_due_time(sm, capture_endpoint, baseline_files, home, capsys):
    before = datetime.now(timezone.utc)
    create(sm, HOURLY_SCHEDULE, "cron(0 * ? * * *)")

    code = main(["monitor", "run-due", "--home", str(home)])
    after = datetime.now(timezone.utc)

    assert code == 0
    output = capsys.readouterr()
    assert output.out == ""
    lines = output.err.splitlines()
    assert lines[0] == f"Started 0 monitoring execution(s) in {home}."
    # The next full hour, read on either side of a possible hour change during the call.
    expected = {
        f"Schedule {HOURLY_SCHEDULE} (cron(0 * ? * * *)) has not run yet: its first execution "
        f"is due at the next scheduled time, {iso(next_hour(moment))}."
        for moment in (before, after)
    }
    assert lines[1] in expected
    assert len(lines) == 2


def test_outlook_after_an_execution(sm, capture_endpoint, baseline_files, home):
    created = create(sm, HOURLY_SCHEDULE, "cron(0 * ? * * *)")
    first_time = next_hour(created)
    started = scheduler.run_due(home, now=first_time + timedelta(minutes=5))
    assert [execution.scheduled_time for execution in started] == [first_time]

    (line,) = _schedule_outlook(sm, first_time + timedelta(minutes=5))

    status = sm.list_monitoring_executions(MonitoringScheduleName=HOURLY_SCHEDULE)[
        "MonitoringExecutionSummaries"][0]["MonitoringExecutionStatus"]
    assert line == (
        f"Schedule {HOURLY_SCHEDULE} (cron(0 * ? * * *)): next execution due at "
        f"{iso(first_time + timedelta(hours=1))}. The last one, scheduled at {iso(first_time)}, "
        f"is {status}."
    )


def test_outlook_daily_and_interval_schedules(sm, capture_endpoint, baseline_files):
    create(sm, "churn-daily", "cron(0 5 ? * * *)")
    create(sm, "churn-every-six", "cron(0 2/6 ? * * *)")
    moment = datetime(2026, 12, 5, 21, 10, tzinfo=timezone.utc)

    lines = _schedule_outlook(sm, moment)

    assert lines == [
        "Schedule churn-daily (cron(0 5 ? * * *)) has not run yet: its first execution is due "
        "at the next scheduled time, 2026-12-06T05:00:00Z.",
        "Schedule churn-every-six (cron(0 2/6 ? * * *)) has not run yet: its first execution is "
        "due at the next scheduled time, 2026-12-06T02:00:00Z.",
    ]


def test_outlook_one_time_schedule(sm, capture_endpoint, baseline_files, home):
    create(sm, NOW_SCHEDULE, "NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H")
    moment = datetime.now(timezone.utc)

    assert _schedule_outlook(sm, moment) == [
        f"Schedule {NOW_SCHEDULE} (NOW): its one execution is due now."]

    scheduler.run_due(home)
    (line,) = _schedule_outlook(sm, moment)
    status = sm.list_monitoring_executions(MonitoringScheduleName=NOW_SCHEDULE)[
        "MonitoringExecutionSummaries"][0]["MonitoringExecutionStatus"]
    assert line == (
        f"Schedule {NOW_SCHEDULE} (NOW) has run its one execution ({status}) and starts no more.")


def test_outlook_stopped_schedule(sm, capture_endpoint, baseline_files):
    create(sm, HOURLY_SCHEDULE, "cron(0 * ? * * *)")
    sm.stop_monitoring_schedule(MonitoringScheduleName=HOURLY_SCHEDULE)

    lines = _schedule_outlook(sm, datetime.now(timezone.utc))

    assert lines == [
        f"Schedule {HOURLY_SCHEDULE} (cron(0 * ? * * *)) is Stopped, so it starts no executions."]
