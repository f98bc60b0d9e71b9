"""Schedules with uneven hours, empty analysis windows, broken stored rows or shared capture."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import CAPTURE_URI
from monitoring_helpers import schedule_config, wait_for_job

from churn_studio_ext import local
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.monitor import cron, scheduler


def at(hour: int, day: int = 4) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=timezone.utc)


def test_step_past_midnight_runs_daily():
    schedule = cron.parse("cron(0 23/5 ? * * *)")

    assert schedule.hours == (23,)
    assert schedule.period == timedelta(hours=24)
    # The only run of the day must cover the whole day, or 19 of every 24 hours go unanalysed.
    assert schedule.window(at(23)) == (at(23, day=3), at(23))


def test_uneven_windows_cover_each_hour():
    schedule = cron.parse("cron(0 0/5 ? * * *)")
    runs = [at(0)] + [at(hour, day=4) for hour in (5, 10, 15, 20)] + [at(0, day=5)]

    windows = [schedule.window(moment) for moment in runs[1:]]

    # Each window starts where the previous one ended, across midnight too.
    assert [start for start, _ in windows] == runs[:-1]
    assert [end for _, end in windows] == runs[1:]


def test_bad_stored_schedule_skipped(sm, home, capture_endpoint, baseline_files):
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


def _validation_message(call, **kwargs) -> str:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    return raised.value.response["Error"]["Message"]


def test_analysis_window_inverted_rejected(sm, capture_endpoint, baseline_files):
    config = schedule_config(
        expression="NOW", DataAnalysisStartTime="-PT0H", DataAnalysisEndTime="-PT1H"
    )

    message = _validation_message(
        sm.create_monitoring_schedule,
        MonitoringScheduleName="inverted-window",
        MonitoringScheduleConfig=config,
    )

    assert "-PT0H" in message
    assert "-PT1H" in message
    assert sm.list_monitoring_schedules()["MonitoringScheduleSummaries"] == []


def test_input_offsets_inverted_rejected(sm, capture_endpoint, baseline_files):
    config = schedule_config()
    endpoint_input = config["MonitoringJobDefinition"]["MonitoringInputs"][0]["EndpointInput"]
    endpoint_input.update(StartTimeOffset="-PT1H", EndTimeOffset="-PT2H")

    message = _validation_message(
        sm.create_monitoring_schedule,
        MonitoringScheduleName="inverted-input-window",
        MonitoringScheduleConfig=config,
    )

    assert "-PT2H" in message


def test_prefix_sharing_endpoint_ignored(sm, home, capture_endpoint, baseline_files):
    # Another endpoint whose name starts with this one's, capturing to the same destination.
    recent = datetime.now(timezone.utc) - timedelta(minutes=5)
    record = json.dumps({
        "captureData": {
            "endpointInput": {"observedContentType": "text/csv", "mode": "INPUT",
                              "data": "1,2,3", "encoding": "CSV"},
            "endpointOutput": {"observedContentType": "text/csv", "mode": "OUTPUT",
                               "data": "0.5", "encoding": "CSV"},
        },
        "eventMetadata": {"eventId": "e1", "inferenceTime": recent.strftime("%Y-%m-%dT%H:%M:%SZ")},
        "eventVersion": "0",
    }, separators=(",", ":"))
    other = f"{CAPTURE_URI}/{capture_endpoint}-2/AllTraffic/{recent.strftime('%Y/%m/%d/%H')}"
    ObjectStore(home).put_bytes((record + "\n").encode(), f"{other}/00-00-000-other.jsonl")
    sm.create_monitoring_schedule(
        MonitoringScheduleName="prefix-schedule", MonitoringScheduleConfig=schedule_config()
    )

    started = scheduler.run_now(home, "prefix-schedule")
    job = wait_for_job(sm, started.processing_job_name)

    assert job["ProcessingJobStatus"] == "Failed"
    assert job["FailureReason"] == "Job inputs had no data"
