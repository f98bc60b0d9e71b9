"""Processing jobs of the local backend: the analyzer image, other images, stop and dead workers."""

import json
import subprocess
import sys
import time

import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import output_shape_problems
from monitoring_helpers import (
    BASELINE_DATASET_URI,
    BASELINE_URI,
    baseline_job_request,
    wait_for_job,
)

from churn_studio_ext import local, tour_data
from churn_studio_ext.local import _processing_records
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.local.processing_jobs import insert_job

JOB = "baseline-job"


@pytest.fixture
def baseline_dataset(home):
    ObjectStore(home).put_file(
        tour_data.shipped_tour_file("training-dataset-with-header.csv"),
        f"{BASELINE_DATASET_URI}/training-dataset-with-header.csv",
    )
    return BASELINE_DATASET_URI


def error_of(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


def test_baseline_job_completes(sm, home, baseline_dataset):
    response = sm.create_processing_job(**baseline_job_request(JOB))

    description = wait_for_job(sm, JOB)

    assert response["ProcessingJobArn"] == (
        "arn:aws:sagemaker:local:000000000000:processing-job/baseline-job"
    )
    assert description["ProcessingJobStatus"] == "Completed", description.get("FailureReason")
    assert description["ExitMessage"] == "Completed: Job completed successfully with no violations."
    assert "FailureReason" not in description
    assert description["ProcessingStartTime"] <= description["ProcessingEndTime"]


def test_baseline_job_writes_outputs(sm, home, baseline_dataset):
    sm.create_processing_job(**baseline_job_request(JOB))
    wait_for_job(sm, JOB)

    objects = ObjectStore(home)
    statistics = json.loads(objects.path_for(f"{BASELINE_URI}/statistics.json").read_text())
    constraints = json.loads(objects.path_for(f"{BASELINE_URI}/constraints.json").read_text())

    names = [feature["name"] for feature in statistics["features"]]
    assert names[:3] == ["Churn", "Account Length", "VMail Message"]
    assert statistics["dataset"]["item_count"] == 2333
    assert [feature["name"] for feature in constraints["features"]] == names


def test_describe_echoes_request(sm, home, baseline_dataset):
    request = baseline_job_request(JOB)
    sm.create_processing_job(**request)

    description = wait_for_job(sm, JOB)

    assert output_shape_problems("sagemaker", "DescribeProcessingJob", description) == ""
    for member in ("ProcessingInputs", "ProcessingOutputConfig", "ProcessingResources",
                   "AppSpecification", "Environment", "RoleArn", "StoppingCondition"):
        assert description[member] == request[member], member
    assert "MonitoringScheduleArn" not in description


def test_other_image_fails_with_reason(sm, home):
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1"

    sm.create_processing_job(**baseline_job_request("sklearn-job", image=image))
    description = sm.describe_processing_job(ProcessingJobName="sklearn-job")

    assert description["ProcessingJobStatus"] == "Failed"
    assert image in description["FailureReason"]
    assert "sagemaker-model-monitor-analyzer" in description["FailureReason"]


def test_missing_dataset_fails(sm, home):
    sm.create_processing_job(**baseline_job_request(JOB))

    description = wait_for_job(sm, JOB)

    assert description["ProcessingJobStatus"] == "Failed"
    assert description["FailureReason"]


def test_duplicate_name_in_use(sm, home):
    image = "example/other-image:1"
    sm.create_processing_job(**baseline_job_request(JOB, image=image))

    code, message = error_of(sm.create_processing_job, **baseline_job_request(JOB.upper(), image=image))

    assert code == "ResourceInUse"
    assert "baseline-job" in message


def test_describe_missing_not_found(sm, home):
    code, message = error_of(sm.describe_processing_job, ProcessingJobName="no-such-job")

    assert code == "ResourceNotFound"
    assert "no-such-job" in message


def test_list_filters_and_pages(sm, home):
    for index in range(3):
        sm.create_processing_job(**baseline_job_request(f"job-{index}", image="example/x:1"))

    first = sm.list_processing_jobs(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    second = sm.list_processing_jobs(
        MaxResults=2, SortBy="Name", SortOrder="Ascending", NextToken=first["NextToken"]
    )
    failed = sm.list_processing_jobs(StatusEquals="Failed", NameContains="job-1")
    completed = sm.list_processing_jobs(StatusEquals="Completed")

    names = [s["ProcessingJobName"] for s in first["ProcessingJobSummaries"]]
    names += [s["ProcessingJobName"] for s in second["ProcessingJobSummaries"]]
    assert names == ["job-0", "job-1", "job-2"]
    assert [s["ProcessingJobName"] for s in failed["ProcessingJobSummaries"]] == ["job-1"]
    assert completed["ProcessingJobSummaries"] == []
    assert output_shape_problems("sagemaker", "ListProcessingJobs", first) == ""


def test_stop_ended_job_rejected(sm, home):
    sm.create_processing_job(**baseline_job_request(JOB, image="example/x:1"))

    code, message = error_of(sm.stop_processing_job, ProcessingJobName=JOB)

    assert code == "ValidationException"
    assert "Failed" in message


def test_stop_missing_job_not_found(sm, home):
    code, _ = error_of(sm.stop_processing_job, ProcessingJobName="no-such-job")

    assert code == "ResourceNotFound"


def stored_job_with_worker(home, pid: int | None) -> None:
    """Store an InProgress job on the analyzer image whose worker is process ``pid``."""
    store = local.get_store(home)
    with store.write() as conn:
        job_id, _, _ = insert_job(conn, baseline_job_request(JOB))
        conn.execute("UPDATE processing_job SET worker_pid = ? WHERE id = ?", (pid, job_id))


def test_stop_running_job(sm, home):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stored_job_with_worker(home, sleeper.pid)

        sm.stop_processing_job(ProcessingJobName=JOB)
        description = sm.describe_processing_job(ProcessingJobName=JOB)

        assert sleeper.wait(timeout=10) == -15
        assert description["ProcessingJobStatus"] == "Stopped"
        assert "ProcessingEndTime" in description
    finally:
        sleeper.kill()
        sleeper.wait()


def test_dead_worker_fails_job(sm, home):
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    stored_job_with_worker(home, finished.pid)

    description = sm.describe_processing_job(ProcessingJobName=JOB)

    assert description["ProcessingJobStatus"] == "Failed"
    assert f"(pid {finished.pid}) exited before the job ended" in description["FailureReason"]
    assert "worker.log" in description["FailureReason"]


def test_unlaunched_job_fails_after_grace(sm, home, monkeypatch):
    monkeypatch.setattr(_processing_records, "UNLAUNCHED_GRACE_SECONDS", 0.05)
    stored_job_with_worker(home, None)
    time.sleep(0.1)

    summaries = sm.list_processing_jobs()["ProcessingJobSummaries"]

    assert summaries[0]["ProcessingJobStatus"] == "Failed"
    assert "never started" in summaries[0]["FailureReason"]
