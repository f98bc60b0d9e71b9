"""The scheduler: which executions are due, idempotence across calls and processes, the CLI."""

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from monitoring_helpers import schedule_config

from churn_studio_ext import local
from churn_studio_ext.monitor import scheduler

SCHEDULE = "churn-schedule"


def created_time(sm, name: str = SCHEDULE) -> datetime:
    return sm.describe_monitoring_schedule(MonitoringScheduleName=name)["CreationTime"].astimezone(
        timezone.utc
    )


def next_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


@pytest.fixture
def hourly(sm, capture_endpoint, baseline_files):
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE, MonitoringScheduleConfig=schedule_config()
    )
    return SCHEDULE


def executions(sm) -> list[dict]:
    return sm.list_monitoring_executions(MonitoringScheduleName=SCHEDULE)[
        "MonitoringExecutionSummaries"
    ]


def test_nothing_due_before_first_hour(sm, hourly, home):
    created = created_time(sm)

    started = scheduler.run_due(home, created + timedelta(seconds=1))

    assert started == []
    assert executions(sm) == []


def test_first_hour_after_creation_is_due(sm, hourly, home):
    first_hour = next_hour(created_time(sm))

    started = scheduler.run_due(home, first_hour + timedelta(minutes=3))

    assert [e.scheduled_time for e in started] == [first_hour]
    assert executions(sm)[0]["ScheduledTime"] == first_hour


def test_run_due_is_idempotent(sm, hourly, home):
    moment = next_hour(created_time(sm)) + timedelta(minutes=10)

    first = scheduler.run_due(home, moment)
    second = scheduler.run_due(home, moment + timedelta(minutes=5))

    assert len(first) == 1
    assert second == []
    assert len(executions(sm)) == 1


def test_missed_hours_not_made_up(sm, hourly, home):
    five_hours_later = next_hour(created_time(sm)) + timedelta(hours=4, minutes=30)

    started = scheduler.run_due(home, five_hours_later)

    assert len(started) == 1
    assert started[0].scheduled_time == five_hours_later.replace(minute=0)


def test_each_hour_gets_one_execution(sm, hourly, home):
    first_hour = next_hour(created_time(sm))

    for minutes in (1, 30, 61, 62, 125):
        scheduler.run_due(home, first_hour + timedelta(minutes=minutes))

    scheduled = sorted(e["ScheduledTime"] for e in executions(sm))
    assert scheduled == [first_hour + timedelta(hours=hours) for hours in range(3)]


def test_stopped_schedule_not_run(sm, hourly, home):
    sm.stop_monitoring_schedule(MonitoringScheduleName=SCHEDULE)

    started = scheduler.run_due(home, next_hour(created_time(sm)) + timedelta(minutes=1))

    assert started == []


def test_daily_schedule_due_at_its_hour(sm, capture_endpoint, baseline_files, home):
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(expression="cron(0 3 ? * * *)"),
    )
    created = created_time(sm)
    day_after = (created + timedelta(days=2)).replace(hour=5, minute=0, second=0, microsecond=0)

    started = scheduler.run_due(home, day_after)

    assert started[0].scheduled_time == day_after.replace(hour=3)
    job = sm.describe_processing_job(ProcessingJobName=started[0].processing_job_name)
    assert job["Environment"]["start_time"] == (
        (day_after.replace(hour=3) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def test_run_now_missing_schedule(home, sm):
    with pytest.raises(Exception) as raised:
        scheduler.run_now(home, "no-such-schedule")

    assert "no-such-schedule" in str(raised.value)


def test_two_processes_start_one_execution(sm, hourly, home):
    moment = (next_hour(created_time(sm)) + timedelta(minutes=2)).isoformat()
    script = (
        "import sys; from datetime import datetime;"
        "from churn_studio_ext.monitor.scheduler import run_due;"
        "print(len(run_due(sys.argv[1], datetime.fromisoformat(sys.argv[2]))))"
    )

    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(home), moment],
                         stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    counts = sorted(int(process.communicate(timeout=60)[0].strip()) for process in processes)

    assert counts == [0, 1]
    assert len(executions(sm)) == 1


def test_cli_run_due(sm, capture_endpoint, baseline_files, home):
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(
            expression="NOW", DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H"
        ),
    )
    command = [sys.executable, "-m", "churn_studio_ext.cli", "monitor", "run-due",
               "--home", str(home)]

    first = subprocess.run(command, capture_output=True, text=True, timeout=60)
    second = subprocess.run(command, capture_output=True, text=True, timeout=60)

    assert first.returncode == 0, first.stderr
    fields = first.stdout.strip().split("\t")
    assert fields[0] == SCHEDULE
    assert fields[2].startswith("model-monitoring-")
    assert "Started 1 monitoring execution(s)" in first.stderr
    assert second.stdout == ""
    assert "Started 0 monitoring execution(s)" in second.stderr
    assert len(local.client("sagemaker", home=home).list_monitoring_executions()[
        "MonitoringExecutionSummaries"]) == 1
