"""Monitoring executions over real capture of a deployed model, run by the scheduler."""

import json
import re
from datetime import datetime, timedelta, timezone

from endpoint_helpers import CAPTURE_URI, wait_until
from monitoring_helpers import (
    BASELINE_DATASET_URI,
    REPORTS_URI,
    baseline_job_request,
    schedule_config,
    wait_for_job,
)

from churn_studio_ext import tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.monitor import scheduler

SCHEDULE = "churn-monitor"
JOB_NAME = re.compile(r"^model-monitoring-\d{12}-[0-9a-f]{24}$")
TOUR_HEADER = (
    tour_data.shipped_tour_file("training-dataset-with-header.csv").read_text().splitlines()[0]
)


def captured_records(home) -> int:
    return sum(
        len(stored.path.read_bytes().splitlines())
        for stored in ObjectStore(home).list_prefix(CAPTURE_URI + "/")
    )


def send(runtime, endpoint: str, rows: list[str], home) -> list[str]:
    """Invoke the endpoint once per row and wait until every request is captured."""
    before = captured_records(home)
    outputs = []
    for row in rows:
        response = runtime.invoke_endpoint(EndpointName=endpoint, Body=row, ContentType="text/csv")
        outputs.append(response["Body"].read().decode().strip())
    wait_until(lambda: captured_records(home) >= before + len(rows), f"{len(rows)} captures")
    return outputs


def make_baseline(sm, home, lines: list[str]) -> None:
    """Run a baseline job on a CSV of ``lines`` under the tour's header."""
    ObjectStore(home).put_bytes(
        ("\n".join([TOUR_HEADER, *lines]) + "\n").encode(), f"{BASELINE_DATASET_URI}/data.csv"
    )
    sm.create_processing_job(**baseline_job_request("baseline-job"))
    description = wait_for_job(sm, "baseline-job")
    assert description["ProcessingJobStatus"] == "Completed", description.get("FailureReason")


def create_schedule(sm, endpoint: str, **extra) -> None:
    sm.create_monitoring_schedule(
        MonitoringScheduleName=SCHEDULE, MonitoringScheduleConfig=schedule_config(endpoint, **extra)
    )


def execution_of(sm, job_name: str) -> dict:
    executions = sm.list_monitoring_executions(MonitoringScheduleName=SCHEDULE)[
        "MonitoringExecutionSummaries"
    ]
    return next(e for e in executions if e["ProcessingJobArn"].endswith("/" + job_name))


def test_same_traffic_as_baseline_completes(sm, runtime, home, served_endpoint, test_rows):
    clean_rows = test_rows[1:41]
    predictions = send(runtime, served_endpoint, clean_rows, home)
    make_baseline(sm, home, [f"{p},{row}" for p, row in zip(predictions, clean_rows)])
    create_schedule(sm, served_endpoint)

    started = scheduler.run_now(home, SCHEDULE)
    job = wait_for_job(sm, started.processing_job_name)
    execution = execution_of(sm, started.processing_job_name)

    assert JOB_NAME.match(started.processing_job_name)
    assert job["ProcessingJobStatus"] == "Completed", job.get("FailureReason")
    assert job["ExitMessage"] == "Completed: Job completed successfully with no violations."
    assert execution["MonitoringExecutionStatus"] == "Completed"
    assert job["MonitoringScheduleArn"].endswith("monitoring-schedule/churn-monitor")


def test_corrupted_row_gives_violations(sm, runtime, home, served_endpoint, test_rows):
    ObjectStore(home).put_file(
        tour_data.shipped_tour_file("training-dataset-with-header.csv"),
        f"{BASELINE_DATASET_URI}/training-dataset-with-header.csv",
    )
    sm.create_processing_job(**baseline_job_request("baseline-job"))
    assert wait_for_job(sm, "baseline-job")["ProcessingJobStatus"] == "Completed"
    create_schedule(sm, served_endpoint)
    send(runtime, served_endpoint, test_rows[:30], home)

    started = scheduler.run_now(home, SCHEDULE)
    job = wait_for_job(sm, started.processing_job_name)
    execution = execution_of(sm, started.processing_job_name)

    report_uri = job["ProcessingOutputConfig"]["Outputs"][0]["S3Output"]["S3Uri"]
    report = json.loads(
        ObjectStore(home).path_for(report_uri + "/constraint_violations.json").read_text()
    )
    count = len(report["violations"])
    assert job["ProcessingJobStatus"] == "Completed", job.get("FailureReason")
    assert execution["MonitoringExecutionStatus"] == "CompletedWithViolations"
    assert count > 0
    assert job["ExitMessage"] == (
        f"CompletedWithViolations: Job completed successfully with {count} violations."
    )
    assert {"feature_name": "Churn", "constraint_check_type": "data_type_check"}.items() <= (
        next(v for v in report["violations"] if v["feature_name"] == "Churn").items()
    )


def test_report_layout(sm, home, capture_endpoint, baseline_files):
    served_endpoint = capture_endpoint
    create_schedule(sm, served_endpoint)
    moment = datetime(2026, 12, 4, 10, 37, tzinfo=timezone.utc)

    started = scheduler.run_now(home, SCHEDULE, now=moment)
    job = sm.describe_processing_job(ProcessingJobName=started.processing_job_name)

    output = job["ProcessingOutputConfig"]["Outputs"][0]["S3Output"]
    assert output["S3Uri"] == f"{REPORTS_URI}/{served_endpoint}/{SCHEDULE}/2026/12/04/10"
    assert job["Environment"]["start_time"] == "2026-12-04T09:37:00Z"
    assert job["Environment"]["end_time"] == "2026-12-04T10:37:00Z"
    assert job["Environment"]["sagemaker_endpoint_name"] == served_endpoint
    assert job["Environment"]["sagemaker_monitoring_schedule_name"] == SCHEDULE
    assert job["ProcessingInputs"][0]["S3Input"]["S3Uri"] == f"{CAPTURE_URI}/{served_endpoint}"
    assert started.processing_job_name.startswith("model-monitoring-202612041037-")


def test_empty_window_fails(sm, runtime, home, served_endpoint, test_rows, baseline_files):
    create_schedule(sm, served_endpoint)
    send(runtime, served_endpoint, test_rows[1:6], home)
    three_hours_later = datetime.now(timezone.utc) + timedelta(hours=3)

    started = scheduler.run_due(home, three_hours_later)
    job = wait_for_job(sm, started[0].processing_job_name)
    execution = execution_of(sm, started[0].processing_job_name)

    assert job["ProcessingJobStatus"] == "Failed"
    assert job["FailureReason"] == "Job inputs had no data"
    assert execution["MonitoringExecutionStatus"] == "Failed"
    assert execution["FailureReason"] == "Job inputs had no data"


def test_now_schedule_runs_once(sm, runtime, home, served_endpoint, test_rows):
    clean_rows = test_rows[1:21]
    predictions = send(runtime, served_endpoint, clean_rows, home)
    make_baseline(sm, home, [f"{p},{row}" for p, row in zip(predictions, clean_rows)])
    create_schedule(
        sm, served_endpoint, expression="NOW",
        DataAnalysisStartTime="-PT1H", DataAnalysisEndTime="-PT0H",
    )

    first = scheduler.run_due(home)
    second = scheduler.run_due(home, datetime.now(timezone.utc) + timedelta(hours=2))
    job = wait_for_job(sm, first[0].processing_job_name)

    assert len(first) == 1
    assert second == []
    assert job["ProcessingJobStatus"] == "Completed", job.get("FailureReason")
    start = datetime.fromisoformat(job["Environment"]["start_time"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(job["Environment"]["end_time"].replace("Z", "+00:00"))
    assert end - start == timedelta(hours=1)


def test_execution_fails_when_endpoint_gone(sm, home, capture_endpoint, baseline_files):
    create_schedule(sm, capture_endpoint)
    sm.delete_endpoint(EndpointName=capture_endpoint)

    started = scheduler.run_now(home, SCHEDULE)
    execution = sm.list_monitoring_executions()["MonitoringExecutionSummaries"][0]

    assert started.processing_job_name is None
    assert execution["MonitoringExecutionStatus"] == "Failed"
    assert capture_endpoint in execution["FailureReason"]
    assert "ProcessingJobArn" not in execution
