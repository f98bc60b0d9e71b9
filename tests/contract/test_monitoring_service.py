"""``MonitoringService`` on the AWS backend, against boto3 clients stubbed with SageMaker's shapes.

moto implements no monitoring schedule operation, so botocore's Stubber plays SageMaker. It
checks each request against the operation's input shape and each canned response against its
output shape, so the service is held to the real API's shapes.
"""

import io
import json
from datetime import datetime, timezone

import boto3
import pytest
from botocore.response import StreamingBody
from botocore.stub import ANY, Stubber

from churn_studio_ext.server.errors import StudioError
from churn_studio_ext.server.monitoring_service import MonitoringService

REGION = "us-east-1"
ACCOUNT = "123456789012"
ENDPOINT = "churn-endpoint"
SCHEDULE = "churn-schedule"
JOB = "model-monitoring-202612041000-0123456789abcdef01234567"
JOB_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:processing-job/{JOB}"
SCHEDULE_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:monitoring-schedule/{SCHEDULE}"
ENDPOINT_ARN = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint/{ENDPOINT}"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/MonitorRole"
IMAGE = f"156813124566.dkr.ecr.{REGION}.amazonaws.com/sagemaker-model-monitor-analyzer"
BUCKET = "churn-bucket"
REPORT_URI = f"s3://{BUCKET}/reports/{ENDPOINT}/{SCHEDULE}/2026/12/04/10"
SCHEDULED = datetime(2026, 12, 4, 10, 0, tzinfo=timezone.utc)
EXIT_MESSAGE = "CompletedWithViolations: Job completed successfully with 2 violations."


@pytest.fixture
def sagemaker():
    client = boto3.client("sagemaker", region_name=REGION)
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


@pytest.fixture
def s3():
    client = boto3.client("s3", region_name=REGION)
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def endpoint_description() -> dict:
    return {
        "EndpointName": ENDPOINT,
        "EndpointArn": ENDPOINT_ARN,
        "EndpointConfigName": "churn-config",
        "EndpointStatus": "InService",
        "CreationTime": SCHEDULED,
        "LastModifiedTime": SCHEDULED,
        "DataCaptureConfig": {
            "EnableCapture": True,
            "CaptureStatus": "Started",
            "CurrentSamplingPercentage": 100,
            "DestinationS3Uri": f"s3://{BUCKET}/xgboost-churn/datacapture",
            "KmsKeyId": "",
        },
    }


def execution_summary(**changes) -> dict:
    summary = {
        "MonitoringScheduleName": SCHEDULE,
        "ScheduledTime": SCHEDULED,
        "CreationTime": SCHEDULED,
        "LastModifiedTime": SCHEDULED,
        "MonitoringExecutionStatus": "CompletedWithViolations",
        "ProcessingJobArn": JOB_ARN,
        "EndpointName": ENDPOINT,
        "MonitoringType": "DataQuality",
    }
    summary.update(changes)
    return summary


def schedule_description() -> dict:
    return {
        "MonitoringScheduleArn": SCHEDULE_ARN,
        "MonitoringScheduleName": SCHEDULE,
        "MonitoringScheduleStatus": "Scheduled",
        "MonitoringType": "DataQuality",
        "CreationTime": SCHEDULED,
        "LastModifiedTime": SCHEDULED,
        "EndpointName": ENDPOINT,
        "MonitoringScheduleConfig": {
            "ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"},
            "MonitoringJobDefinition": {
                "BaselineConfig": {
                    "BaseliningJobName": "baseline-job",
                    "ConstraintsResource": {"S3Uri": f"s3://{BUCKET}/baseline/constraints.json"},
                    "StatisticsResource": {"S3Uri": f"s3://{BUCKET}/baseline/statistics.json"},
                },
                "MonitoringInputs": [{"EndpointInput": {
                    "EndpointName": ENDPOINT, "LocalPath": "/opt/ml/processing/input/endpoint"}}],
                "MonitoringOutputConfig": {"MonitoringOutputs": [{"S3Output": {
                    "S3Uri": f"s3://{BUCKET}/reports",
                    "LocalPath": "/opt/ml/processing/output"}}]},
                "MonitoringResources": {"ClusterConfig": {
                    "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
                "MonitoringAppSpecification": {"ImageUri": IMAGE},
                "RoleArn": ROLE_ARN,
            },
            "MonitoringType": "DataQuality",
        },
        "LastMonitoringExecutionSummary": execution_summary(),
    }


def execution_job() -> dict:
    return {
        "ProcessingJobName": JOB,
        "ProcessingJobArn": JOB_ARN,
        "ProcessingJobStatus": "Completed",
        "ExitMessage": EXIT_MESSAGE,
        "CreationTime": SCHEDULED,
        "MonitoringScheduleArn": SCHEDULE_ARN,
        "ProcessingResources": {"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
        "AppSpecification": {"ImageUri": IMAGE},
        "RoleArn": ROLE_ARN,
        "ProcessingInputs": [
            {"InputName": "endpoint_input_1", "S3Input": {
                "S3Uri": f"s3://{BUCKET}/xgboost-churn/datacapture/{ENDPOINT}",
                "LocalPath": f"/opt/ml/processing/input/endpoint/{ENDPOINT}",
                "S3DataType": "S3Prefix"}},
            {"InputName": "baseline", "S3Input": {
                "S3Uri": f"s3://{BUCKET}/baseline/statistics.json",
                "LocalPath": "/opt/ml/processing/baseline/stats", "S3DataType": "S3Prefix"}},
        ],
        "ProcessingOutputConfig": {"Outputs": [{"OutputName": "result", "S3Output": {
            "S3Uri": REPORT_URI, "LocalPath": "/opt/ml/processing/output",
            "S3UploadMode": "EndOfJob"}}]},
        "Environment": {
            "baseline_statistics": "/opt/ml/processing/baseline/stats/statistics.json",
            "sagemaker_endpoint_name": ENDPOINT,
            "sagemaker_monitoring_schedule_name": SCHEDULE,
        },
    }


def baseline_job() -> dict:
    return {
        "ProcessingJobName": "baseline-job",
        "ProcessingJobArn": f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:processing-job/baseline-job",
        "ProcessingJobStatus": "Completed",
        "CreationTime": SCHEDULED,
        "ProcessingResources": {"ClusterConfig": {
            "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20}},
        "AppSpecification": {"ImageUri": IMAGE},
        "RoleArn": ROLE_ARN,
        "ProcessingInputs": [{"InputName": "baseline_dataset_input", "S3Input": {
            "S3Uri": f"s3://{BUCKET}/baselining/data", "LocalPath": "/opt/ml/processing/input",
            "S3DataType": "S3Prefix"}}],
        "ProcessingOutputConfig": {"Outputs": [{"OutputName": "monitoring_output", "S3Output": {
            "S3Uri": f"s3://{BUCKET}/baseline", "LocalPath": "/opt/ml/processing/output",
            "S3UploadMode": "EndOfJob"}}]},
    }


def s3_object(document: dict) -> dict:
    data = json.dumps(document).encode()
    return {"Body": StreamingBody(io.BytesIO(data), len(data)), "ContentLength": len(data)}


def test_list_schedules(sagemaker):
    client, stubber = sagemaker
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    stubber.add_response(
        "list_monitoring_schedules",
        {"MonitoringScheduleSummaries": [{
            "MonitoringScheduleName": SCHEDULE, "MonitoringScheduleArn": SCHEDULE_ARN,
            "CreationTime": SCHEDULED, "LastModifiedTime": SCHEDULED,
            "MonitoringScheduleStatus": "Scheduled", "EndpointName": ENDPOINT}]},
        {"EndpointName": ENDPOINT, "MaxResults": 100},
    )
    stubber.add_response(
        "describe_monitoring_schedule", schedule_description(), {"MonitoringScheduleName": SCHEDULE}
    )
    service = MonitoringService(client, "aws")

    schedules = service.list_schedules(ENDPOINT)["schedules"]

    assert schedules == [{
        "name": SCHEDULE,
        "arn": SCHEDULE_ARN,
        "status": "Scheduled",
        "scheduleExpression": "cron(0 * ? * * *)",
        "monitoringType": "DataQuality",
        "creationTime": "2026-12-04T10:00:00+00:00",
        "lastModifiedTime": "2026-12-04T10:00:00+00:00",
        "lastExecution": {
            "status": "CompletedWithViolations",
            "scheduledTime": "2026-12-04T10:00:00+00:00",
            "processingJobName": JOB,
            "failureReason": None,
        },
        "baseline": {
            "statisticsUri": f"s3://{BUCKET}/baseline/statistics.json",
            "constraintsUri": f"s3://{BUCKET}/baseline/constraints.json",
            "baseliningJobName": "baseline-job",
        },
    }]


def test_list_executions_counts_violations(sagemaker):
    client, stubber = sagemaker
    failed = execution_summary(
        MonitoringExecutionStatus="Failed", FailureReason="Job inputs had no data",
        ProcessingJobArn=JOB_ARN.replace("0123", "9999"),
    )
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    stubber.add_response(
        "list_monitoring_executions",
        {"MonitoringExecutionSummaries": [execution_summary(), failed]},
        {"EndpointName": ENDPOINT, "SortBy": "CreationTime", "SortOrder": "Descending",
         "MaxResults": 100},
    )
    stubber.add_response("describe_processing_job", execution_job(), {"ProcessingJobName": JOB})
    stubber.add_response(
        "describe_processing_job",
        {**execution_job(), "ProcessingJobStatus": "Failed", "ExitMessage": "Error",
         "FailureReason": "Job inputs had no data"},
        {"ProcessingJobName": JOB.replace("0123", "9999")},
    )
    service = MonitoringService(client, "aws")

    executions = service.list_executions(ENDPOINT)["executions"]

    assert [e["violationCount"] for e in executions] == [2, None]
    assert executions[0]["exitMessage"] == EXIT_MESSAGE
    assert executions[1]["failureReason"] == "Job inputs had no data"


def test_execution_report_read_from_s3(sagemaker, s3):
    client, stubber = sagemaker
    s3_client, s3_stubber = s3
    stubber.add_response("describe_processing_job", execution_job(), {"ProcessingJobName": JOB})
    stubber.add_response(
        "list_monitoring_executions",
        {"MonitoringExecutionSummaries": [execution_summary()]},
        {"MonitoringScheduleName": SCHEDULE, "MaxResults": 100},
    )
    violations = {"violations": [
        {"feature_name": "Churn", "constraint_check_type": "data_type_check",
         "description": "Data type match requirement is not met."},
        {"feature_name": "Day Mins", "constraint_check_type": "baseline_drift_check",
         "description": "Numerical distance: 0.5 exceeds numerical threshold: 0.1"},
    ]}
    current = {"features": [{"name": "Churn", "inferred_type": "Fractional"}]}
    baseline = {"features": [{"name": "Churn", "inferred_type": "Integral"}]}
    key_prefix = REPORT_URI.removeprefix(f"s3://{BUCKET}/")
    s3_stubber.add_response("get_object", s3_object(violations),
                            {"Bucket": BUCKET, "Key": f"{key_prefix}/constraint_violations.json"})
    s3_stubber.add_response("get_object", s3_object(current),
                            {"Bucket": BUCKET, "Key": f"{key_prefix}/statistics.json"})
    s3_stubber.add_response("get_object", s3_object(baseline),
                            {"Bucket": BUCKET, "Key": "baseline/statistics.json"})
    stubber.add_response(
        "describe_monitoring_schedule", schedule_description(), {"MonitoringScheduleName": SCHEDULE}
    )
    stubber.add_response(
        "describe_processing_job", baseline_job(), {"ProcessingJobName": "baseline-job"}
    )
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    stubber.add_response(
        "list_tags",
        {"Tags": [{"Key": "churn-studio:trial-component", "Value": "churn-1-aws-training-job"}]},
        {"ResourceArn": ENDPOINT_ARN, "MaxResults": 50},
    )
    service = MonitoringService(client, "aws", s3_client=s3_client)

    detail = service.get_execution(JOB)

    assert detail["execution"]["violationCount"] == 2
    assert [v["featureName"] for v in detail["violations"]] == ["Churn", "Day Mins"]
    assert detail["features"] == [{
        "name": "Churn", "inferredType": "Integral",
        "baseline": baseline["features"][0], "current": current["features"][0],
    }]
    assert detail["links"] == {
        "baselineDatasetUri": f"s3://{BUCKET}/baselining/data",
        "baselineStatisticsUri": f"s3://{BUCKET}/baseline/statistics.json",
        "reportUri": REPORT_URI,
        "endpointName": ENDPOINT,
        "trialComponentName": "churn-1-aws-training-job",
    }


def test_create_schedule_from_baseline_job(sagemaker):
    client, stubber = sagemaker
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    stubber.add_response(
        "describe_processing_job", baseline_job(), {"ProcessingJobName": "baseline-job"}
    )
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    stubber.add_response(
        "create_monitoring_schedule",
        {"MonitoringScheduleArn": SCHEDULE_ARN},
        {"MonitoringScheduleName": SCHEDULE, "MonitoringScheduleConfig": ANY},
    )
    stubber.add_response(
        "describe_monitoring_schedule", schedule_description(), {"MonitoringScheduleName": SCHEDULE}
    )
    service = MonitoringService(client, "aws")

    schedule = service.create_schedule({
        "endpointName": ENDPOINT, "scheduleName": SCHEDULE, "baselineJobName": "baseline-job",
    })

    assert schedule["name"] == SCHEDULE
    assert schedule["baseline"]["baseliningJobName"] == "baseline-job"


def test_aws_schedule_requires_baseline_job(sagemaker):
    client, stubber = sagemaker
    stubber.add_response("describe_endpoint", endpoint_description(), {"EndpointName": ENDPOINT})
    service = MonitoringService(client, "aws")

    with pytest.raises(StudioError) as raised:
        service.create_schedule({
            "endpointName": ENDPOINT, "scheduleName": SCHEDULE,
            "statisticsUri": "s3://b/statistics.json", "constraintsUri": "s3://b/constraints.json",
        })

    assert raised.value.status == 400
    assert "baselineJobName" in raised.value.message


def test_run_now_unavailable_on_aws(sagemaker):
    client, _ = sagemaker
    service = MonitoringService(client, "aws")

    with pytest.raises(StudioError) as raised:
        service.run_schedule(SCHEDULE)

    assert raised.value.status == 400
    assert "local backend" in raised.value.message


def test_missing_endpoint_is_404(sagemaker):
    client, stubber = sagemaker
    stubber.add_client_error(
        "describe_endpoint", "ValidationException",
        f'Could not find endpoint "{ENDPOINT_ARN}".', expected_params={"EndpointName": ENDPOINT},
    )
    service = MonitoringService(client, "aws")

    with pytest.raises(StudioError) as raised:
        service.list_schedules(ENDPOINT)

    assert raised.value.status == 404
    assert ENDPOINT in raised.value.message
