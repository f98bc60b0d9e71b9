"""Monitoring schedule operations of the local backend: lifecycle, shapes and validation."""

import time
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError
from monitoring_helpers import (
    CONSTRAINTS_URI,
    ENDPOINT,
    HOURLY,
    STATISTICS_URI,
    schedule_config,
)
from endpoint_helpers import output_shape_problems

from churn_studio_ext.local import _monitoring_records
from churn_studio_ext.monitor import scheduler

SCHEDULE = "churn-schedule"


@pytest.fixture
def schedule(sm, capture_endpoint, baseline_files):
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(),
        Tags=[{"Key": "stage", "Value": "tour"}],
    )
    return SCHEDULE


def error_of(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def test_create_returns_arn(sm, capture_endpoint, baseline_files):
    response = sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE, MonitoringScheduleConfig=schedule_config()
    )

    assert response["MonitoringScheduleArn"] == (
        "arn:aws:sagemaker:local:000000000000:monitoring-schedule/churn-schedule"
    )


def test_new_schedule_is_pending(sm, schedule):
    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert description["MonitoringScheduleStatus"] == "Pending"
    assert description["EndpointName"] == ENDPOINT
    assert description["MonitoringType"] == "DataQuality"
    assert "LastMonitoringExecutionSummary" not in description


def test_describe_matches_output_shape(sm, schedule):
    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert output_shape_problems("sagemaker", "DescribeMonitoringSchedule", description) == ""
    assert description["MonitoringScheduleConfig"] == schedule_config()


def test_scheduler_makes_schedule_scheduled(sm, schedule, home):
    scheduler.run_due(home)

    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)
    assert description["MonitoringScheduleStatus"] == "Scheduled"


def test_pending_ends_after_grace_period(sm, schedule, monkeypatch):
    monkeypatch.setattr(_monitoring_records, "PENDING_SECONDS", 0.05)
    time.sleep(0.1)

    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert description["MonitoringScheduleStatus"] == "Scheduled"


def test_stop_and_start(sm, schedule):
    sm.stop_monitoring_schedule(MonitoringScheduleName=schedule)
    stopped = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)
    sm.start_monitoring_schedule(MonitoringScheduleName=schedule)
    started = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert stopped["MonitoringScheduleStatus"] == "Stopped"
    assert started["MonitoringScheduleStatus"] == "Scheduled"
    assert started["LastModifiedTime"] >= stopped["LastModifiedTime"]


def test_update_replaces_config(sm, schedule):
    config = schedule_config(expression="cron(0 6 ? * * *)")

    response = sm.update_monitoring_schedule(
        MonitoringScheduleName=schedule, MonitoringScheduleConfig=config
    )
    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert response["MonitoringScheduleArn"] == description["MonitoringScheduleArn"]
    assert description["MonitoringScheduleConfig"]["ScheduleConfig"] == {
        "ScheduleExpression": "cron(0 6 ? * * *)"
    }


def test_update_validates_config(sm, schedule):
    code, message = error_of(
        sm.update_monitoring_schedule,
        MonitoringScheduleName=schedule,
        MonitoringScheduleConfig=schedule_config(expression="cron(15 * ? * * *)"),
    )

    assert code == "ValidationException"
    assert "'cron(15 * ? * * *)'" in message


def test_delete_removes_schedule(sm, schedule):
    sm.delete_monitoring_schedule(MonitoringScheduleName=schedule)

    code, message = error_of(sm.describe_monitoring_schedule, MonitoringScheduleName=schedule)
    assert code == "ResourceNotFound"
    assert schedule in message
    assert sm.list_monitoring_schedules()["MonitoringScheduleSummaries"] == []


def test_delete_keeps_executions(sm, schedule, home):
    scheduler.run_now(home, schedule)

    sm.delete_monitoring_schedule(MonitoringScheduleName=schedule)
    executions = sm.list_monitoring_executions(MonitoringScheduleName=schedule)[
        "MonitoringExecutionSummaries"
    ]

    assert len(executions) == 1
    assert executions[0]["MonitoringScheduleName"] == schedule


def test_recreated_schedule_has_own_history(sm, schedule, home):
    scheduler.run_now(home, schedule)
    sm.delete_monitoring_schedule(MonitoringScheduleName=schedule)
    sm.create_monitoring_schedule(
        MonitoringScheduleName=schedule, MonitoringScheduleConfig=schedule_config()
    )

    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    assert "LastMonitoringExecutionSummary" not in description


@pytest.mark.parametrize(
    "operation",
    [
        "describe_monitoring_schedule",
        "delete_monitoring_schedule",
        "start_monitoring_schedule",
        "stop_monitoring_schedule",
    ],
)
def test_missing_schedule_not_found(sm, operation):
    code, message = error_of(getattr(sm, operation), MonitoringScheduleName="no-such-schedule")

    assert code == "ResourceNotFound"
    assert "no-such-schedule" in message


def test_duplicate_name_in_use(sm, schedule):
    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=schedule.upper(),
        MonitoringScheduleConfig=schedule_config(),
    )

    assert code == "ResourceInUse"
    assert schedule in message


def test_missing_endpoint_rejected(sm, baseline_files):
    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(endpoint="no-such-endpoint"),
    )

    assert code == "ValidationException"
    assert "endpoint/no-such-endpoint" in message


@pytest.mark.parametrize("member", ["statistics", "constraints"])
def test_missing_baseline_file_rejected(sm, capture_endpoint, baseline_files, member):
    missing = "s3://sagemaker-studio-local-000000000000/nowhere/" + member + ".json"
    uris = {"statistics": STATISTICS_URI, "constraints": CONSTRAINTS_URI, member: missing}

    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(**uris),
    )

    assert code == "ValidationException"
    assert missing in message


@pytest.mark.parametrize("expression", ["cron(0 * * * * *)", "rate(1 hour)", "cron(5 1 ? * * *)"])
def test_unsupported_expression_rejected(sm, capture_endpoint, baseline_files, expression):
    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(expression=expression),
    )

    assert code == "ValidationException"
    assert f"'{expression}'" in message
    assert "cron(0 H/N ? * * *)" in message


def test_now_needs_analysis_offsets(sm, capture_endpoint, baseline_files):
    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(expression="NOW"),
    )

    assert code == "ValidationException"
    assert "DataAnalysisStartTime" in message


def test_invalid_offset_rejected(sm, capture_endpoint, baseline_files):
    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(
            expression="NOW", DataAnalysisStartTime="one hour ago", DataAnalysisEndTime="-PT0H"
        ),
    )

    assert code == "ValidationException"
    assert "'one hour ago'" in message


def test_model_quality_rejected(sm, capture_endpoint, baseline_files):
    config = {**schedule_config(), "MonitoringType": "ModelQuality"}

    code, message = error_of(
        sm.create_monitoring_schedule, MonitoringScheduleName=SCHEDULE, MonitoringScheduleConfig=config
    )

    assert code == "ValidationException"
    assert "ModelQuality" in message


def test_endpoint_without_capture_rejected(sm, baseline_files):
    sm.create_model(
        ModelName="plain-model",
        PrimaryContainer={"Image": "x/sagemaker-xgboost:1.7-1",
                          "ModelDataUrl": "s3://sagemaker-studio-local-000000000000/m.tar.gz"},
    )
    sm.create_endpoint_config(
        EndpointConfigName="plain-config",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "plain-model",
                             "InitialInstanceCount": 1, "InstanceType": "ml.m4.xlarge"}],
    )
    sm.create_endpoint(EndpointName="plain-endpoint", EndpointConfigName="plain-config")

    code, message = error_of(
        sm.create_monitoring_schedule,
        MonitoringScheduleName=SCHEDULE,
        MonitoringScheduleConfig=schedule_config(endpoint="plain-endpoint"),
    )

    assert code == "ValidationException"
    assert "plain-endpoint" in message
    assert "capture" in message


def test_list_filters_by_endpoint_and_status(sm, schedule, capture_endpoint, home):
    sm.create_monitoring_schedule(
        MonitoringScheduleName="second-schedule", MonitoringScheduleConfig=schedule_config()
    )
    sm.stop_monitoring_schedule(MonitoringScheduleName="second-schedule")

    by_endpoint = sm.list_monitoring_schedules(EndpointName=ENDPOINT.upper())
    stopped = sm.list_monitoring_schedules(StatusEquals="Stopped")
    other_endpoint = sm.list_monitoring_schedules(EndpointName="other-endpoint")
    by_name = sm.list_monitoring_schedules(NameContains="second")

    assert [s["MonitoringScheduleName"] for s in by_endpoint["MonitoringScheduleSummaries"]] == [
        "second-schedule", SCHEDULE,
    ]
    assert [s["MonitoringScheduleName"] for s in stopped["MonitoringScheduleSummaries"]] == [
        "second-schedule"
    ]
    assert other_endpoint["MonitoringScheduleSummaries"] == []
    assert len(by_name["MonitoringScheduleSummaries"]) == 1
    assert output_shape_problems("sagemaker", "ListMonitoringSchedules", by_endpoint) == ""


def test_list_pages_with_next_token(sm, capture_endpoint, baseline_files):
    for index in range(3):
        sm.create_monitoring_schedule(
            MonitoringScheduleName=f"schedule-{index}", MonitoringScheduleConfig=schedule_config()
        )

    first = sm.list_monitoring_schedules(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    second = sm.list_monitoring_schedules(
        MaxResults=2, SortBy="Name", SortOrder="Ascending", NextToken=first["NextToken"]
    )

    names = [s["MonitoringScheduleName"] for s in first["MonitoringScheduleSummaries"]]
    names += [s["MonitoringScheduleName"] for s in second["MonitoringScheduleSummaries"]]
    assert names == ["schedule-0", "schedule-1", "schedule-2"]
    assert "NextToken" not in second


def test_last_execution_summary(sm, schedule, home):
    started = scheduler.run_now(home, schedule)

    description = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)

    summary = description["LastMonitoringExecutionSummary"]
    assert summary["MonitoringScheduleName"] == schedule
    assert summary["ProcessingJobArn"].endswith("/" + started.processing_job_name)
    assert summary["ScheduledTime"] == started.scheduled_time
    assert summary["EndpointName"] == ENDPOINT


def test_executions_filter_by_time(sm, schedule, home):
    sm.start_monitoring_schedule(MonitoringScheduleName=schedule)
    created = sm.describe_monitoring_schedule(MonitoringScheduleName=schedule)["CreationTime"]
    two_hours_later = created.astimezone(timezone.utc) + timedelta(hours=2)
    scheduler.run_due(home, two_hours_later)

    later = sm.list_monitoring_executions(
        ScheduledTimeAfter=two_hours_later - timedelta(minutes=61)
    )["MonitoringExecutionSummaries"]
    none = sm.list_monitoring_executions(
        ScheduledTimeAfter=datetime(2100, 1, 1, tzinfo=timezone.utc)
    )["MonitoringExecutionSummaries"]

    assert len(later) == 1
    assert none == []
    assert later[0]["ScheduledTime"] == two_hours_later.replace(minute=0, second=0, microsecond=0)
