"""DefaultModelMonitor.attach: reach an existing schedule again, as after a kernel restart.

On the local backend a monitor with non-default settings creates a NOW schedule and runs it.
A monitor attached through a new session must then list the same execution, read its
violations and carry the same settings. Against SDK v2's own ``attach``, both sides read the
same canned responses for a schedule stored the SDK v2 way (a named data quality job
definition) and must restore equal settings.
"""

from __future__ import annotations

import pytest

from churn_studio_ext import sdk
from churn_studio_ext.monitor import scheduler

from .test_deploy_parity import RecordingClient, sdk_session  # noqa: F401
from .test_model_monitor import (  # noqa: F401 - the module-scoped fixture
    BASELINE_RESULTS,
    REPORTS,
    WAIT_SECONDS,
    monitored,
    wait_for,
)

SCHEDULE = "churn-attach-now"
TAGS = [{"Key": "team", "Value": "churn"}]
ENVIRONMENT = {"threshold": "0.2"}


@pytest.fixture(scope="module")
def attached_run(monitored):  # noqa: F811
    """A NOW schedule created with custom settings and run once, plus its creating monitor."""
    creator = sdk.DefaultModelMonitor(
        instance_count=1, instance_type="ml.m5.large", volume_size_in_gb=25,
        max_runtime_in_seconds=1800, env=ENVIRONMENT, tags=TAGS,
        sagemaker_session=monitored["session"],
    )
    # The baseline job of the fixture's monitor, so the schedule names it.
    creator.latest_baselining_job = monitored["baseline_job"]
    creator.latest_baselining_job_name = monitored["baseline_job"].name
    creator.create_monitoring_schedule(
        monitor_schedule_name=SCHEDULE,
        endpoint_input=monitored["predictor"].endpoint_name,
        output_s3_uri=REPORTS,
        schedule_cron_expression=sdk.CronExpressionGenerator.now(),
        data_analysis_start_time="-PT1H",
        data_analysis_end_time="-PT0H",
    )
    scheduler.run_due(monitored["home"])
    (execution,) = wait_for(creator.list_executions, "the execution of the NOW schedule")
    execution.wait(logs=False, timeout=WAIT_SECONDS)
    return {"creator": creator, "home": monitored["home"]}


def test_attach_restores_settings(attached_run):
    creator = attached_run["creator"]
    # A new session plays the restarted kernel, so it shares nothing with the creator.
    session = sdk.StudioSession(backend="local", home=attached_run["home"])

    monitor = sdk.DefaultModelMonitor.attach(SCHEDULE, sagemaker_session=session)

    assert isinstance(monitor, sdk.DefaultModelMonitor)
    assert monitor.monitoring_schedule_name == SCHEDULE
    assert monitor.sagemaker_session is session
    assert monitor.role == creator.role
    assert monitor.instance_count == 1
    assert monitor.instance_type == "ml.m5.large"
    assert monitor.volume_size_in_gb == 25
    assert monitor.max_runtime_in_seconds == 1800
    assert monitor.env == {**ENVIRONMENT, "publish_cloudwatch_metrics": "Enabled"}
    assert monitor.tags == TAGS
    assert monitor.image_uri == creator.image_uri
    assert monitor.latest_baselining_job_name == creator.latest_baselining_job_name
    assert monitor.baseline_statistics().file_s3_uri == f"{BASELINE_RESULTS}/statistics.json"


def test_attach_reaches_executions(attached_run):
    creator = attached_run["creator"]
    session = sdk.StudioSession(backend="local", home=attached_run["home"])

    monitor = sdk.DefaultModelMonitor.attach(SCHEDULE, sagemaker_session=session)

    assert [e.name for e in monitor.list_executions()] == [
        e.name for e in creator.list_executions()]
    violations = monitor.latest_monitoring_constraint_violations()
    assert violations.body_dict == creator.latest_monitoring_constraint_violations().body_dict
    assert len(violations.body_dict["violations"]) > 0
    assert monitor.describe_schedule()["MonitoringScheduleName"] == SCHEDULE


def test_attach_missing_schedule(monitored):  # noqa: F811
    client = monitored["session"].sagemaker_client

    with pytest.raises(client.exceptions.ResourceNotFound, match="no-such-schedule"):
        sdk.DefaultModelMonitor.attach("no-such-schedule", sagemaker_session=monitored["session"])


def test_unattached_monitor_error_names_fix(monitored):  # noqa: F811
    monitor = sdk.DefaultModelMonitor(sagemaker_session=monitored["session"])

    with pytest.raises(ValueError, match="no monitoring schedule") as raised:
        monitor.list_executions()
    assert "create_monitoring_schedule()" in str(raised.value)
    assert "DefaultModelMonitor.attach(name)" in str(raised.value)


# Parity with SDK v2 on a schedule stored the SDK v2 way ------------------------------------

SCHEDULE_ARN = "arn:aws:sagemaker:us-east-1:111122223333:monitoring-schedule/churn-stored"
STORED_SCHEDULE = {
    "MonitoringScheduleArn": SCHEDULE_ARN,
    "MonitoringScheduleName": "churn-stored",
    "MonitoringScheduleStatus": "Scheduled",
    "MonitoringType": "DataQuality",
    "MonitoringScheduleConfig": {
        "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
        "MonitoringJobDefinitionName": "data-quality-job-definition-churn",
        "MonitoringType": "DataQuality",
    },
    "EndpointName": "churn-endpoint",
}
STORED_DEFINITION = {
    "JobDefinitionName": "data-quality-job-definition-churn",
    "JobDefinitionArn": "arn:aws:sagemaker:us-east-1:111122223333:data-quality-job-definition/x",
    "DataQualityBaselineConfig": {
        "BaseliningJobName": "churn-baseline",
        "StatisticsResource": {"S3Uri": "s3://bucket/baselining/results/statistics.json"},
    },
    "DataQualityAppSpecification": {
        "ImageUri": "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
        "Environment": {"publish_cloudwatch_metrics": "Disabled"},
    },
    "DataQualityJobInput": {"EndpointInput": {"EndpointName": "churn-endpoint",
                                              "LocalPath": "/opt/ml/processing/input/endpoint"}},
    "DataQualityJobOutputConfig": {"MonitoringOutputs": [], "KmsKeyId": "output-key"},
    "JobResources": {"ClusterConfig": {"InstanceCount": 2, "InstanceType": "ml.m5.large",
                                       "VolumeSizeInGB": 40, "VolumeKmsKeyId": "volume-key"}},
    "RoleArn": "arn:aws:iam::111122223333:role/churn-monitor",
    "StoppingCondition": {"MaxRuntimeInSeconds": 900},
}
STORED_TAGS = [{"Key": "team", "Value": "churn"}, {"Key": "aws:cloudformation:stack", "Value": "s"}]


class StoredScheduleClient(RecordingClient):
    """A recording client that returns the stored schedule, its job definition and tags."""

    def _answer(self, method, request):
        if method == "describe_monitoring_schedule":
            return STORED_SCHEDULE
        if method == "describe_data_quality_job_definition":
            return STORED_DEFINITION
        if method == "list_tags":
            return {"Tags": STORED_TAGS}
        return super()._answer(method, request)


def test_attach_stored_definition_matches_sdk(sdk_session, local_session):  # noqa: F811
    from sagemaker.model_monitor import DefaultModelMonitor as SdkMonitor

    sdk_session.sagemaker_client = StoredScheduleClient()
    local_session.sagemaker_client = StoredScheduleClient()

    expected = SdkMonitor.attach("churn-stored", sagemaker_session=sdk_session)
    actual = sdk.DefaultModelMonitor.attach("churn-stored", sagemaker_session=local_session)

    for attribute in ("monitoring_schedule_name", "role", "instance_count", "instance_type",
                      "volume_size_in_gb", "volume_kms_key", "output_kms_key",
                      "max_runtime_in_seconds", "env", "tags"):
        assert getattr(actual, attribute) == getattr(expected, attribute), attribute
    assert actual.tags == [{"Key": "team", "Value": "churn"}]
    assert actual.image_uri == STORED_DEFINITION["DataQualityAppSpecification"]["ImageUri"]
    assert actual.latest_baselining_job_name == "churn-baseline"
    (definition_request,) = local_session.sagemaker_client.requests(
        "describe_data_quality_job_definition")
    assert definition_request == {"JobDefinitionName": "data-quality-job-definition-churn"}


def test_attach_other_monitoring_type(local_session):
    class ModelQualityClient(StoredScheduleClient):
        def _answer(self, method, request):
            if method == "describe_monitoring_schedule":
                config = {**STORED_SCHEDULE["MonitoringScheduleConfig"],
                          "MonitoringType": "ModelQuality"}
                return {**STORED_SCHEDULE, "MonitoringScheduleConfig": config}
            return super()._answer(method, request)

    local_session.sagemaker_client = ModelQualityClient()

    with pytest.raises(TypeError, match="ModelQuality"):
        sdk.DefaultModelMonitor.attach("churn-stored", sagemaker_session=local_session)
