"""Constants and request builders shared by the monitoring API tests."""

import time

import pytest
from endpoint_helpers import BUCKET, ROLE_ARN

ENDPOINT = "monitor-endpoint"
ANALYZER_IMAGE = "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
BASELINE_URI = f"s3://{BUCKET}/xgboost-churn/baselining/results"
STATISTICS_URI = f"{BASELINE_URI}/statistics.json"
CONSTRAINTS_URI = f"{BASELINE_URI}/constraints.json"
REPORTS_URI = f"s3://{BUCKET}/xgboost-churn/reports"
HOURLY = "cron(0 * ? * * *)"


def schedule_config(
    endpoint: str = ENDPOINT,
    expression: str = HOURLY,
    statistics: str = STATISTICS_URI,
    constraints: str = CONSTRAINTS_URI,
    **schedule_extra,
) -> dict:
    """Build a DataQuality MonitoringScheduleConfig shaped like DefaultModelMonitor's."""
    return {
        "ScheduleConfig": {"ScheduleExpression": expression, **schedule_extra},
        "MonitoringJobDefinition": {
            "BaselineConfig": {
                "ConstraintsResource": {"S3Uri": constraints},
                "StatisticsResource": {"S3Uri": statistics},
            },
            "MonitoringInputs": [{
                "EndpointInput": {
                    "EndpointName": endpoint,
                    "LocalPath": "/opt/ml/processing/input/endpoint",
                    "S3InputMode": "File",
                    "S3DataDistributionType": "FullyReplicated",
                }
            }],
            "MonitoringOutputConfig": {
                "MonitoringOutputs": [{
                    "S3Output": {
                        "S3Uri": REPORTS_URI,
                        "LocalPath": "/opt/ml/processing/output",
                        "S3UploadMode": "Continuous",
                    }
                }]
            },
            "MonitoringResources": {
                "ClusterConfig": {
                    "InstanceCount": 1, "InstanceType": "ml.m5.xlarge", "VolumeSizeInGB": 20
                }
            },
            "MonitoringAppSpecification": {"ImageUri": ANALYZER_IMAGE},
            "StoppingCondition": {"MaxRuntimeInSeconds": 1800},
            "Environment": {"publish_cloudwatch_metrics": "Enabled"},
            "RoleArn": ROLE_ARN,
        },
        "MonitoringType": "DataQuality",
    }

def schedule_create_body(schedule_name: str, **changes) -> dict:
    """Build the REST body that creates an hourly schedule, with ``changes`` applied.

    A change to None drops that field from the body.
    """
    body = {
        "endpointName": ENDPOINT,
        "scheduleName": schedule_name,
        "scheduleExpression": "hourly",
        "statisticsUri": STATISTICS_URI,
        "constraintsUri": CONSTRAINTS_URI,
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


BASELINE_DATASET_URI = f"s3://{BUCKET}/xgboost-churn/baselining/data"


def baseline_job_request(
    name: str,
    dataset_uri: str = BASELINE_DATASET_URI,
    output_uri: str = BASELINE_URI,
    image: str = ANALYZER_IMAGE,
) -> dict:
    """Build a CreateProcessingJob request shaped like DefaultModelMonitor.suggest_baseline's."""
    return {
        "ProcessingJobName": name,
        "RoleArn": ROLE_ARN,
        "ProcessingResources": {
            "ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge",
                              "VolumeSizeInGB": 20}
        },
        "AppSpecification": {"ImageUri": image},
        "ProcessingInputs": [{
            "InputName": "baseline_dataset_input",
            "S3Input": {
                "S3Uri": dataset_uri,
                "LocalPath": "/opt/ml/processing/input/baseline_dataset_input",
                "S3DataType": "S3Prefix",
                "S3InputMode": "File",
                "S3DataDistributionType": "FullyReplicated",
                "S3CompressionType": "None",
            },
        }],
        "ProcessingOutputConfig": {
            "Outputs": [{
                "OutputName": "monitoring_output",
                "S3Output": {
                    "S3Uri": output_uri,
                    "LocalPath": "/opt/ml/processing/output",
                    "S3UploadMode": "EndOfJob",
                },
            }]
        },
        "Environment": {
            "dataset_format": '{"csv": {"header": true, "output_columns_position": "START"}}',
            "dataset_source": "/opt/ml/processing/input/baseline_dataset_input",
            "output_path": "/opt/ml/processing/output",
            "publish_cloudwatch_metrics": "Disabled",
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


def wait_for_job(sm, name: str, timeout: float = 60.0) -> dict:
    """Poll DescribeProcessingJob until the job ends, and fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        description = sm.describe_processing_job(ProcessingJobName=name)
        if description["ProcessingJobStatus"] in ("Completed", "Failed", "Stopped"):
            return description
        if time.monotonic() > deadline:
            pytest.fail(f"Processing job {name} is still {description['ProcessingJobStatus']}")
        time.sleep(0.05)
