"""DefaultModelMonitor's requests equal those SageMaker Python SDK v2 sends.

The baseline's CreateProcessingJob request must be equal. For schedules, SDK v2 stores the job
with CreateDataQualityJobDefinition and names it in CreateMonitoringSchedule, while ours sends
the same job inline. The test therefore converts SDK v2's two requests to the inline form,
member by member, and compares. Both sides use recording clients (test_deploy_parity.py), so nothing is sent.
"""

from __future__ import annotations

import pytest

from churn_studio_ext import sdk

from .test_deploy_parity import BUCKET, ROLE, RecordingClient, masked, sdk_session  # noqa: F401

sagemaker = pytest.importorskip("sagemaker")
from sagemaker.model_monitor import CronExpressionGenerator as SdkCron  # noqa: E402
from sagemaker.model_monitor import DatasetFormat as SdkDatasetFormat  # noqa: E402
from sagemaker.model_monitor import DefaultModelMonitor as SdkMonitor  # noqa: E402
from sagemaker.model_monitor import EndpointInput as SdkEndpointInput  # noqa: E402

PREFIX = f"s3://{BUCKET}/xgboost-churn"
TOUR_MONITOR = dict(role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                    volume_size_in_gb=20, max_runtime_in_seconds=3600)


@pytest.fixture
def sdk_side(sdk_session):  # noqa: F811 - the module-scoped fixture imported above
    sdk_session.sagemaker_client = RecordingClient()
    # SDK v2 opens the baseline files to check them; give it an empty report instead of S3.
    sdk_session.read_s3_file = lambda bucket, key_prefix: "{}"
    return sdk_session


@pytest.fixture
def our_side(local_session):
    local_session.sagemaker_client = RecordingClient()
    return local_session


def inline_schedule(sdk_client) -> dict:
    """SDK v2's CreateDataQualityJobDefinition + CreateMonitoringSchedule as one inline request."""
    (job,) = sdk_client.requests("create_data_quality_job_definition")
    (schedule,) = sdk_client.requests("create_monitoring_schedule")
    app = dict(job["DataQualityAppSpecification"])
    definition = {
        "MonitoringInputs": [job["DataQualityJobInput"]],
        "MonitoringOutputConfig": job["DataQualityJobOutputConfig"],
        "MonitoringResources": job["JobResources"],
        "Environment": app.pop("Environment", {}),
        "MonitoringAppSpecification": app,
        "RoleArn": job["RoleArn"],
    }
    for theirs, ours in (("DataQualityBaselineConfig", "BaselineConfig"),
                         ("StoppingCondition", "StoppingCondition"),
                         ("NetworkConfig", "NetworkConfig")):
        if theirs in job:
            definition[ours] = job[theirs]
    config = dict(schedule["MonitoringScheduleConfig"])
    assert config.pop("MonitoringJobDefinitionName") == job["JobDefinitionName"]
    config["MonitoringJobDefinition"] = definition
    return {**schedule, "MonitoringScheduleConfig": config}


def test_tour_baseline_request_matches_sdk(sdk_side, our_side):
    arguments = dict(
        baseline_dataset=f"{PREFIX}/baselining/data/training-dataset-with-header.csv",
        output_s3_uri=f"{PREFIX}/baselining/results", wait=False, logs=False,
        job_name="churn-baseline",
    )
    SdkMonitor(sagemaker_session=sdk_side, **TOUR_MONITOR).suggest_baseline(
        dataset_format=SdkDatasetFormat.csv(header=True), **arguments)
    sdk.DefaultModelMonitor(sagemaker_session=our_side, **TOUR_MONITOR).suggest_baseline(
        dataset_format=sdk.DatasetFormat.csv(header=True), **arguments)

    (expected,) = sdk_side.sagemaker_client.requests("create_processing_job")
    (actual,) = our_side.sagemaker_client.requests("create_processing_job")
    assert actual == expected
    assert actual["Environment"]["dataset_format"] == (
        '{"csv": {"header": true, "output_columns_position": "START"}}')
    assert actual["AppSpecification"]["ImageUri"] == (
        "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer")


def test_baseline_with_scripts_matches_sdk(sdk_side, our_side):
    monitor_arguments = dict(role=ROLE, instance_type="ml.m5.large", env={"threshold": "0.2"},
                             base_job_name="churn-base", tags=[{"Key": "team", "Value": "ml"}])
    arguments = dict(
        baseline_dataset=f"{PREFIX}/baselining/json/",
        record_preprocessor_script=f"{PREFIX}/code/preprocessor.py",
        post_analytics_processor_script=f"{PREFIX}/code/postprocessor.py",
        wait=False, logs=False,
    )
    SdkMonitor(sagemaker_session=sdk_side, **monitor_arguments).suggest_baseline(
        dataset_format=SdkDatasetFormat.json(lines=True), **arguments)
    sdk.DefaultModelMonitor(sagemaker_session=our_side, **monitor_arguments).suggest_baseline(
        dataset_format=sdk.DatasetFormat.json(lines=True), **arguments)

    (expected,) = sdk_side.sagemaker_client.requests("create_processing_job")
    (actual,) = our_side.sagemaker_client.requests("create_processing_job")
    assert masked(actual) == masked(expected)
    assert masked(actual["ProcessingJobName"]) == "churn-base-<timestamp>"
    assert actual["Environment"]["post_analytics_processor_script"] == (
        "/opt/ml/processing/input/post_analytics_processor_script_input/postprocessor.py")


def test_tour_schedule_matches_sdk_inline(sdk_side, our_side):
    def run(monitor, cron, dataset_format):
        monitor.suggest_baseline(
            baseline_dataset=f"{PREFIX}/baselining/data/training-dataset-with-header.csv",
            dataset_format=dataset_format, output_s3_uri=f"{PREFIX}/baselining/results",
            wait=False, logs=False, job_name="churn-baseline")
        monitor.create_monitoring_schedule(
            monitor_schedule_name="churn-schedule",
            endpoint_input="churn-endpoint",
            post_analytics_processor_script=f"{PREFIX}/code/postprocessor.py",
            output_s3_uri=f"{PREFIX}/reports",
            statistics=f"{PREFIX}/baselining/results/statistics.json",
            constraints=f"{PREFIX}/baselining/results/constraints.json",
            schedule_cron_expression=cron.hourly(),
            enable_cloudwatch_metrics=True,
        )

    run(SdkMonitor(sagemaker_session=sdk_side, **TOUR_MONITOR), SdkCron,
        SdkDatasetFormat.csv(header=True))
    run(sdk.DefaultModelMonitor(sagemaker_session=our_side, **TOUR_MONITOR),
        sdk.CronExpressionGenerator, sdk.DatasetFormat.csv(header=True))

    (actual,) = our_side.sagemaker_client.requests("create_monitoring_schedule")
    assert actual == inline_schedule(sdk_side.sagemaker_client)
    definition = actual["MonitoringScheduleConfig"]["MonitoringJobDefinition"]
    assert definition["BaselineConfig"]["BaseliningJobName"] == "churn-baseline"
    assert definition["Environment"] == {"publish_cloudwatch_metrics": "Enabled"}
    assert actual["MonitoringScheduleConfig"]["ScheduleConfig"] == {
        "ScheduleExpression": "cron(0 * ? * * *)"}


def test_one_time_schedule_matches_sdk_inline(sdk_side, our_side):
    def run(monitor, cron, endpoint_input_class):
        monitor.create_monitoring_schedule(
            endpoint_input=endpoint_input_class(
                "churn-endpoint", "/opt/ml/processing/input_data",
                start_time_offset="-PT1H", end_time_offset="-PT0H"),
            statistics=f"{PREFIX}/baselining/results/statistics.json",
            constraints=f"{PREFIX}/baselining/results/constraints.json",
            schedule_cron_expression=cron.now(),
            enable_cloudwatch_metrics=False,
            data_analysis_start_time="-PT1H",
            data_analysis_end_time="-PT0H",
        )

    run(SdkMonitor(role=ROLE, sagemaker_session=sdk_side), SdkCron, SdkEndpointInput)
    run(sdk.DefaultModelMonitor(role=ROLE, sagemaker_session=our_side),
        sdk.CronExpressionGenerator, sdk.EndpointInput)

    (actual,) = our_side.sagemaker_client.requests("create_monitoring_schedule")
    assert masked(actual) == masked(inline_schedule(sdk_side.sagemaker_client))
    assert masked(actual["MonitoringScheduleName"]) == "monitoring-schedule-<timestamp>"
    assert actual["MonitoringScheduleConfig"]["ScheduleConfig"] == {
        "ScheduleExpression": "NOW", "DataAnalysisStartTime": "-PT1H",
        "DataAnalysisEndTime": "-PT0H"}
    output = actual["MonitoringScheduleConfig"]["MonitoringJobDefinition"][
        "MonitoringOutputConfig"]["MonitoringOutputs"][0]["S3Output"]["S3Uri"]
    assert masked(output) == (
        f"s3://{BUCKET}/model-monitor/monitoring/monitoring-schedule-<timestamp>/results")


def test_now_without_window_like_sdk(sdk_side, our_side):
    for monitor, cron in ((SdkMonitor(role=ROLE, sagemaker_session=sdk_side), SdkCron),
                          (sdk.DefaultModelMonitor(role=ROLE, sagemaker_session=our_side),
                           sdk.CronExpressionGenerator)):
        with pytest.raises(ValueError, match="data_analysis_start_time and data_analysis_end_time"):
            monitor.create_monitoring_schedule(
                endpoint_input="churn-endpoint", statistics=f"{PREFIX}/s.json",
                constraints=f"{PREFIX}/c.json", schedule_cron_expression=cron.now(),
                data_analysis_start_time="-PT1H")
    assert our_side.sagemaker_client.calls == []
