"""Processing jobs and monitoring schedules on the local backend and on moto.

moto 5.2.5 implements CreateProcessingJob, DescribeProcessingJob and ListProcessingJobs (jobs are
Completed at once) but none of the monitoring schedule operations, so the schedule tests
declare that deviation and run in full on the local backend only. Measured on moto as well:
DescribeProcessingJob omits ProcessingResources, and a missing job raises ValidationException.
"""

import json
import re

import pytest
from botocore.exceptions import ClientError

from .client_errors import assert_client_error

ROLE_ARN = "arn:aws:iam::123456789012:role/service-role/MonitorRole"
BUCKET = "contract-bucket"
IMAGE = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
PROCESSING_JOB_ARN = re.compile(
    r"^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:processing-job/contract-job$"
)
SCHEDULE_ARN = re.compile(r"^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:monitoring-schedule/contract-schedule$")
NOT_IMPLEMENTED = "the monitoring schedule operations are not implemented"


def job_request(name: str = "contract-job", image: str = "example/other-image:1") -> dict:
    return {
        "ProcessingJobName": name,
        "RoleArn": ROLE_ARN,
        "ProcessingResources": {
            "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge",
                              "VolumeSizeInGB": 20}
        },
        "AppSpecification": {"ImageUri": image},
        "ProcessingInputs": [{
            "InputName": "data",
            "S3Input": {
                "S3Uri": f"s3://{BUCKET}/data",
                "LocalPath": "/opt/ml/processing/input/data",
                "S3DataType": "S3Prefix",
                "S3InputMode": "File",
            },
        }],
        "ProcessingOutputConfig": {"Outputs": [{
            "OutputName": "result",
            "S3Output": {"S3Uri": f"s3://{BUCKET}/result",
                         "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"},
        }]},
        "Environment": {"dataset_source": "/opt/ml/processing/input/data"},
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
    }


def test_create_processing_job_returns_arn(backend):
    response = backend.sagemaker.create_processing_job(**job_request())

    assert PROCESSING_JOB_ARN.match(response["ProcessingJobArn"]), response["ProcessingJobArn"]


def test_describe_processing_job_echoes_request(backend):
    backend.moto_deviates("DescribeProcessingJob omits the required ProcessingResources")
    request = job_request()
    backend.sagemaker.create_processing_job(**request)

    description = backend.sagemaker.describe_processing_job(ProcessingJobName="contract-job")

    assert description["ProcessingJobName"] == "contract-job"
    for member in ("AppSpecification", "ProcessingResources", "Environment", "RoleArn",
                   "StoppingCondition"):
        assert description[member] == request[member], member
    assert description["ProcessingJobStatus"] in ("InProgress", "Completed", "Failed")


def test_describe_missing_processing_job(backend):
    backend.moto_deviates(
        "a missing processing job raises ValidationException, where the model lists "
        "ResourceNotFound"
    )
    with pytest.raises(ClientError) as raised:
        backend.sagemaker.describe_processing_job(ProcessingJobName="no-such-job")

    assert_client_error(raised.value, "ResourceNotFound", "no-such-job")


def test_list_processing_jobs_filters_by_name(backend):
    backend.sagemaker.create_processing_job(**job_request("contract-job"))
    backend.sagemaker.create_processing_job(**job_request("other-job"))

    listed = backend.sagemaker.list_processing_jobs(NameContains="contract")

    names = [summary["ProcessingJobName"] for summary in listed["ProcessingJobSummaries"]]
    assert names == ["contract-job"]


def test_local_rejects_other_images(backend):
    if backend.is_moto:
        pytest.skip("moto runs no processing containers")
    backend.sagemaker.create_processing_job(**job_request(image=XGBOOST_IMAGE))

    description = backend.sagemaker.describe_processing_job(ProcessingJobName="contract-job")

    assert description["ProcessingJobStatus"] == "Failed"
    assert XGBOOST_IMAGE in description["FailureReason"]


@pytest.fixture
def monitored_endpoint(backend):
    """A model, an endpoint config with data capture and an endpoint, plus baseline files."""
    sm = backend.sagemaker
    sm.create_model(
        ModelName="contract-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE,
                          "ModelDataUrl": f"s3://{BUCKET}/model/model.tar.gz"},
        ExecutionRoleArn=ROLE_ARN,
    )
    sm.create_endpoint_config(
        EndpointConfigName="contract-config",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "contract-model",
                             "InitialInstanceCount": 1, "InstanceType": "ml.m4.xlarge"}],
        DataCaptureConfig={
            "EnableCapture": True,
            "InitialSamplingPercentage": 100,
            "DestinationS3Uri": f"s3://{BUCKET}/capture",
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        },
    )
    sm.create_endpoint(EndpointName="contract-endpoint", EndpointConfigName="contract-config")
    if not backend.is_moto:
        from churn_studio_ext.local.objects import ObjectStore

        objects = ObjectStore(sm.client.store.home)
        for name in ("statistics.json", "constraints.json"):
            objects.put_bytes(json.dumps({"features": []}).encode(), f"s3://{BUCKET}/baseline/{name}")
    yield "contract-endpoint"
    try:
        sm.delete_endpoint(EndpointName="contract-endpoint")
    except ClientError:
        pass


def schedule_config(endpoint: str = "contract-endpoint", expression="cron(0 * ? * * *)") -> dict:
    return {
        "ScheduleConfig": {"ScheduleExpression": expression},
        "MonitoringJobDefinition": {
            "BaselineConfig": {
                "ConstraintsResource": {"S3Uri": f"s3://{BUCKET}/baseline/constraints.json"},
                "StatisticsResource": {"S3Uri": f"s3://{BUCKET}/baseline/statistics.json"},
            },
            "MonitoringInputs": [{"EndpointInput": {
                "EndpointName": endpoint, "LocalPath": "/opt/ml/processing/input/endpoint"}}],
            "MonitoringOutputConfig": {"MonitoringOutputs": [{"S3Output": {
                "S3Uri": f"s3://{BUCKET}/reports", "LocalPath": "/opt/ml/processing/output"}}]},
            "MonitoringResources": {"ClusterConfig": {
                "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
            "MonitoringAppSpecification": {"ImageUri": IMAGE},
            "RoleArn": ROLE_ARN,
        },
        "MonitoringType": "DataQuality",
    }


def test_create_monitoring_schedule_returns_arn(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)

    response = backend.sagemaker.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    assert SCHEDULE_ARN.match(response["MonitoringScheduleArn"]), response


def test_describe_monitoring_schedule(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)
    backend.sagemaker.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    description = backend.sagemaker.describe_monitoring_schedule(
        MonitoringScheduleName="contract-schedule"
    )

    assert description["MonitoringScheduleStatus"] in ("Pending", "Scheduled")
    assert description["EndpointName"] == monitored_endpoint
    assert description["MonitoringScheduleConfig"]["ScheduleConfig"] == {
        "ScheduleExpression": "cron(0 * ? * * *)"
    }


def test_list_monitoring_schedules_by_endpoint(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)
    backend.sagemaker.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    listed = backend.sagemaker.list_monitoring_schedules(EndpointName=monitored_endpoint)

    summaries = listed["MonitoringScheduleSummaries"]
    assert [s["MonitoringScheduleName"] for s in summaries] == ["contract-schedule"]
    assert summaries[0]["EndpointName"] == monitored_endpoint


def test_stop_start_delete_monitoring_schedule(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)
    sm = backend.sagemaker
    sm.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    sm.stop_monitoring_schedule(MonitoringScheduleName="contract-schedule")
    stopped = sm.describe_monitoring_schedule(MonitoringScheduleName="contract-schedule")
    sm.start_monitoring_schedule(MonitoringScheduleName="contract-schedule")
    started = sm.describe_monitoring_schedule(MonitoringScheduleName="contract-schedule")
    sm.delete_monitoring_schedule(MonitoringScheduleName="contract-schedule")

    assert stopped["MonitoringScheduleStatus"] == "Stopped"
    assert started["MonitoringScheduleStatus"] == "Scheduled"
    with pytest.raises(ClientError) as raised:
        sm.describe_monitoring_schedule(MonitoringScheduleName="contract-schedule")
    assert_client_error(raised.value, "ResourceNotFound", "contract-schedule")


def test_duplicate_monitoring_schedule_in_use(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)
    backend.sagemaker.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.create_monitoring_schedule(
            MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
        )

    assert_client_error(raised.value, "ResourceInUse", "contract-schedule")


def test_schedule_on_missing_endpoint_rejected(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.create_monitoring_schedule(
            MonitoringScheduleName="contract-schedule",
            MonitoringScheduleConfig=schedule_config(endpoint="no-such-endpoint"),
        )

    assert_client_error(raised.value, "ValidationException", "no-such-endpoint")


def test_list_monitoring_executions_empty_at_first(backend, monitored_endpoint):
    backend.moto_deviates(NOT_IMPLEMENTED)
    backend.sagemaker.create_monitoring_schedule(
        MonitoringScheduleName="contract-schedule", MonitoringScheduleConfig=schedule_config()
    )

    listed = backend.sagemaker.list_monitoring_executions(
        MonitoringScheduleName="contract-schedule"
    )

    assert listed["MonitoringExecutionSummaries"] == []
