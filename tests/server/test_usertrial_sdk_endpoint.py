"""An endpoint deployed through the SDK, as the tour notebook deploys it, seen through the REST API.

``estimator.deploy`` tags nothing, so the endpoint views must infer the source trial component
from the model's ModelDataUrl. The tour's one-time schedule comes from a second monitor that
never ran ``suggest_baseline``, so its BaselineConfig names no baseline job, and the execution
report must still find the baseline dataset through the statistics file it read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sdk.test_deploy import (  # noqa: E402
    BUCKET,
    CAPTURE_URI,
    PREFIX,
    captured_records,
    stop_all_servers,
    tour_rows,
    train_small_job,
)
from sdk.test_model_monitor import wait_for  # noqa: E402

from churn_studio_ext import sdk, tour_data  # noqa: E402
from churn_studio_ext.monitor import scheduler  # noqa: E402
from churn_studio_ext.server.baseline_source import baseline_dataset_uri  # noqa: E402
from churn_studio_ext.server.model_source import trial_component_of_model  # noqa: E402

BASELINE_DATA = f"s3://{BUCKET}/{PREFIX}/baselining/data/training-dataset-with-header.csv"
BASELINE_RESULTS = f"s3://{BUCKET}/{PREFIX}/baselining/results"
REPORTS = f"s3://{BUCKET}/{PREFIX}/reports"
ENDPOINT = "usertrial-sdk-endpoint"
NOW_SCHEDULE = "usertrial-now"
HOURLY_SCHEDULE = "usertrial-hourly"


@pytest.fixture(scope="module")
def studio_home(tmp_path_factory):
    """A home with an SDK-deployed endpoint, a baseline, and one finished NOW execution."""
    home = tmp_path_factory.mktemp("usertrial-sdk") / "home"
    session = sdk.StudioSession(backend="local", home=home)
    estimator = train_small_job(session, num_round=5)
    predictor = estimator.deploy(
        1, "ml.m4.xlarge", endpoint_name=ENDPOINT, serializer=sdk.CSVSerializer(),
        data_capture_config=sdk.DataCaptureConfig(True, 100, CAPTURE_URI,
                                                  sagemaker_session=session),
    )
    rows = tour_rows()[:20]
    for row in rows:
        predictor.predict(row)
    wait_for(lambda: len(captured_records(home, ENDPOINT)) == len(rows), "20 capture records")

    session.upload_data(str(tour_data.shipped_tour_file("training-dataset-with-header.csv")),
                        bucket=BUCKET, key_prefix=f"{PREFIX}/baselining/data")
    baseline_monitor = sdk.DefaultModelMonitor(sagemaker_session=session)
    baseline_monitor.suggest_baseline(
        baseline_dataset=BASELINE_DATA, dataset_format=sdk.DatasetFormat.csv(header=True),
        output_s3_uri=BASELINE_RESULTS, wait=True, logs=False,
    )
    baseline_monitor.create_monitoring_schedule(
        monitor_schedule_name=HOURLY_SCHEDULE, endpoint_input=ENDPOINT, output_s3_uri=REPORTS,
        schedule_cron_expression=sdk.CronExpressionGenerator.hourly(),
    )
    # As in the tour notebook: a second monitor, given the baseline files but not the job.
    now_monitor = sdk.DefaultModelMonitor(sagemaker_session=session)
    now_monitor.create_monitoring_schedule(
        monitor_schedule_name=NOW_SCHEDULE, endpoint_input=ENDPOINT, output_s3_uri=REPORTS,
        statistics=baseline_monitor.baseline_statistics(),
        constraints=baseline_monitor.suggested_constraints(),
        schedule_cron_expression=sdk.CronExpressionGenerator.now(),
        data_analysis_start_time="-PT1H", data_analysis_end_time="-PT0H",
    )
    scheduler.run_due(home)
    (execution,) = wait_for(now_monitor.list_executions, "the NOW execution")
    execution.wait(logs=False, timeout=120)
    yield home
    stop_all_servers(home)


@pytest.fixture
def api(jp_fetch):
    async def call(method, *path):
        response = await jp_fetch("churn-studio", "api", *path, method=method, raise_error=False)
        return response.code, json.loads(response.body)

    return call


def training_component(sagemaker_client) -> str:
    (job,) = sagemaker_client.list_training_jobs()["TrainingJobSummaries"]
    return f"{job['TrainingJobName']}-aws-training-job"


def now_execution_job(sagemaker_client) -> str:
    (summary,) = sagemaker_client.list_monitoring_executions(
        MonitoringScheduleName=NOW_SCHEDULE)["MonitoringExecutionSummaries"]
    return summary["ProcessingJobArn"].rpartition("/")[2]


async def test_sdk_endpoint_details_name_component(api, sagemaker_client):
    component = training_component(sagemaker_client)
    sagemaker_client.describe_trial_component(TrialComponentName=component)
    model = sagemaker_client.describe_model(ModelName=sagemaker_client.describe_endpoint_config(
        EndpointConfigName=ENDPOINT)["ProductionVariants"][0]["ModelName"])
    assert sagemaker_client.list_tags(ResourceArn=model["ModelArn"])["Tags"] == []

    status, detail = await api("GET", "endpoints", ENDPOINT)
    assert status == 200, detail
    assert detail["trialComponentName"] == component

    status, listing = await api("GET", "endpoints")
    assert status == 200, listing
    assert [row["trialComponentName"] for row in listing["endpoints"]] == [component]


async def test_sdk_endpoint_sample_row_from_validation(api):
    status, sample = await api("GET", "endpoints", ENDPOINT, "sample-row")

    assert status == 200, sample
    assert sample["source"] == "validation"
    first = tour_data.shipped_tour_file("validation.csv").read_text().splitlines()[0]
    assert sample["row"] == first.split(",", 1)[1]


async def test_execution_links_same_component(api, sagemaker_client):
    status, report = await api("GET", "monitoring-executions", now_execution_job(sagemaker_client))

    assert status == 200, report
    assert report["links"]["trialComponentName"] == training_component(sagemaker_client)
    assert report["links"]["baselineStatisticsUri"] == f"{BASELINE_RESULTS}/statistics.json"
    # The NOW schedule names no baseline job, so the dataset comes from the statistics' job.
    assert report["links"]["baselineDatasetUri"] == BASELINE_DATA


def test_now_schedule_names_no_baseline_job(sagemaker_client):
    # The precondition of the search by statistics file: without it the schedule path is used.
    config = sagemaker_client.describe_monitoring_schedule(MonitoringScheduleName=NOW_SCHEDULE)[
        "MonitoringScheduleConfig"]
    assert "BaseliningJobName" not in config["MonitoringJobDefinition"]["BaselineConfig"]
    hourly = sagemaker_client.describe_monitoring_schedule(MonitoringScheduleName=HOURLY_SCHEDULE)[
        "MonitoringScheduleConfig"]
    assert hourly["MonitoringJobDefinition"]["BaselineConfig"]["BaseliningJobName"].startswith(
        "baseline-suggestion-job")


def test_baseline_dataset_from_schedule_job(sagemaker_client):
    job = sagemaker_client.describe_processing_job(
        ProcessingJobName=now_execution_job(sagemaker_client))

    # The hourly schedule's BaseliningJobName leads to the dataset, with no statistics URI.
    assert baseline_dataset_uri(sagemaker_client, HOURLY_SCHEDULE, job, None) == BASELINE_DATA
    # A deleted schedule and an unknown statistics file leave the dataset unknown.
    assert baseline_dataset_uri(sagemaker_client, "no-such-schedule", job, None) is None
    assert baseline_dataset_uri(sagemaker_client, None, job,
                                f"s3://{BUCKET}/elsewhere/statistics.json") is None


def test_component_of_model_requires_matching_job(sagemaker_client):
    model_name = sagemaker_client.describe_endpoint_config(
        EndpointConfigName=ENDPOINT)["ProductionVariants"][0]["ModelName"]
    model = sagemaker_client.describe_model(ModelName=model_name)
    url = model["PrimaryContainer"]["ModelDataUrl"]

    assert trial_component_of_model(sagemaker_client, model) == training_component(sagemaker_client)
    assert trial_component_of_model(sagemaker_client, None) is None
    other_folder = {**model, "PrimaryContainer": {
        **model["PrimaryContainer"], "ModelDataUrl": url.replace("/output/", "/elsewhere/output/")}}
    assert trial_component_of_model(sagemaker_client, other_folder) is None
    not_an_archive = {**model, "PrimaryContainer": {
        **model["PrimaryContainer"], "ModelDataUrl": url.replace("model.tar.gz", "model.bin")}}
    assert trial_component_of_model(sagemaker_client, not_an_archive) is None


def test_component_of_model_missing_component(tmp_path):
    session = sdk.StudioSession(backend="local", home=tmp_path / "home")
    estimator = train_small_job(session, num_round=2)
    job = estimator.latest_training_job.describe()
    client = session.sagemaker_client
    client.create_model(
        ModelName="usertrial-orphan",
        PrimaryContainer={"Image": job["AlgorithmSpecification"]["TrainingImage"],
                          "ModelDataUrl": job["ModelArtifacts"]["S3ModelArtifacts"]},
        ExecutionRoleArn=job["RoleArn"],
    )
    model = client.describe_model(ModelName="usertrial-orphan")
    component = f"{job['TrainingJobName']}-aws-training-job"
    assert trial_component_of_model(client, model) == component

    client.delete_trial_component(TrialComponentName=component)

    assert trial_component_of_model(client, model) is None
