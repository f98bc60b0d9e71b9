"""The endpoints API on the aws backend, with moto serving SageMaker, its runtime and S3 in process.

moto records hosting calls without running a model, so these tests check the requests the server
sends and the S3 reading of the sample row, not predictions.
"""

import json

import boto3
import pytest
from moto import mock_aws

REGION = "us-west-2"
BUCKET = "churn-bucket"
IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
MODEL_URI = f"s3://{BUCKET}/xgboost-churn/output/job/output/model.tar.gz"
CAPTURE_URI = f"s3://{BUCKET}/xgboost-churn/datacapture"


@pytest.fixture
def aws(monkeypatch):
    # Fake credentials, and moto intercepts every botocore request, so nothing leaves the process.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        yield boto3.client("sagemaker", region_name=REGION)


@pytest.fixture
def s3(aws):
    client = boto3.client("s3", region_name=REGION)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    return client


@pytest.fixture
def jp_server_config(aws):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {"backend": "aws", "aws_region": REGION},
    }


@pytest.fixture
def endpoint_api(jp_fetch):
    async def call(method, *path, body=None):
        response = await jp_fetch(
            "churn-studio", "api", *path, method=method,
            body=None if body is None else json.dumps(body), raise_error=False,
            allow_nonstandard_methods=True,
        )
        return response.code, json.loads(response.body)

    return call


@pytest.fixture
def component(aws):
    # Without a training job, the image comes from the component's SageMaker.ImageUri parameter.
    aws.create_trial_component(
        TrialComponentName="aws-training-component",
        Parameters={"SageMaker.ImageUri": {"StringValue": IMAGE}},
        OutputArtifacts={"SageMaker.ModelArtifact": {"Value": MODEL_URI}},
    )
    return "aws-training-component"


async def test_deploy_sends_model_config_and_endpoint(endpoint_api, aws, component):
    body = {
        "endpointName": "aws-endpoint",
        "trialComponentName": component,
        "instanceType": "ml.c5.xlarge",
        "instanceCount": 2,
        "dataCapture": {"enabled": True, "samplingPercentage": 30, "destinationUri": CAPTURE_URI},
    }

    status, row = await endpoint_api("POST", "endpoints", body=body)

    assert status == 202, row
    assert row["trialComponentName"] == component
    model = aws.describe_model(ModelName="aws-endpoint")
    assert model["PrimaryContainer"]["Image"] == IMAGE
    assert model["PrimaryContainer"]["ModelDataUrl"] == MODEL_URI
    config = aws.describe_endpoint_config(EndpointConfigName="aws-endpoint")
    variant = config["ProductionVariants"][0]
    assert variant["InstanceType"] == "ml.c5.xlarge"
    assert variant["InitialInstanceCount"] == 2
    assert config["DataCaptureConfig"]["InitialSamplingPercentage"] == 30
    assert config["DataCaptureConfig"]["DestinationS3Uri"] == CAPTURE_URI
    tags = aws.list_tags(ResourceArn=aws.describe_endpoint(EndpointName="aws-endpoint")["EndpointArn"])["Tags"]
    assert {"Key": "churn-studio:trial-component", "Value": component} in tags

    status, detail = await endpoint_api("GET", "endpoints", "aws-endpoint")
    assert status == 200, detail
    assert detail["variants"][0]["image"] == IMAGE
    assert detail["variants"][0]["instanceCount"] == 2


async def test_capture_without_destination_rejected(endpoint_api, aws, component):
    # No training job means no output path to capture next to.
    body = {"endpointName": "no-destination", "trialComponentName": component,
            "dataCapture": {"enabled": True, "samplingPercentage": 100}}

    status, reply = await endpoint_api("POST", "endpoints", body=body)

    assert status == 400
    assert "dataCapture.destinationUri" in reply["message"]
    with pytest.raises(aws.exceptions.ClientError):
        aws.describe_model(ModelName="no-destination")


async def test_sample_row_read_from_s3_capture(endpoint_api, aws, s3, component):
    body = {"endpointName": "captured", "trialComponentName": component,
            "dataCapture": {"enabled": True, "samplingPercentage": 100, "destinationUri": CAPTURE_URI}}
    status, _ = await endpoint_api("POST", "endpoints", body=body)
    assert status == 202
    records = [
        {"captureData": {"endpointInput": {"observedContentType": "text/csv", "mode": "INPUT",
                                            "data": data, "encoding": "CSV"}}}
        for data in ("1,2,3", "4,5,6")
    ]
    older = "xgboost-churn/datacapture/captured/AllTraffic/2026/12/04/20/10-00-000-a.jsonl"
    newer = "xgboost-churn/datacapture/captured/AllTraffic/2026/12/04/21/05-00-000-b.jsonl"
    s3.put_object(Bucket=BUCKET, Key=newer, Body=json.dumps(records[1]).encode())
    s3.put_object(Bucket=BUCKET, Key=older, Body=json.dumps(records[0]).encode())

    status, sample = await endpoint_api("GET", "endpoints", "captured", "sample-row")

    assert status == 200, sample
    assert sample["source"] == "capture"
    assert sample["row"] == "4,5,6"
    assert sample["sourceUri"] == f"s3://{BUCKET}/{newer}"


async def test_delete_removes_tagged_resources(endpoint_api, aws, component):
    body = {"endpointName": "to-delete", "trialComponentName": component}
    status, _ = await endpoint_api("POST", "endpoints", body=body)
    assert status == 202

    status, deleted = await endpoint_api("DELETE", "endpoints", "to-delete")

    assert status == 200, deleted
    assert deleted["deletedModels"] == ["to-delete"]
    with pytest.raises(aws.exceptions.ClientError):
        aws.describe_endpoint(EndpointName="to-delete")
    with pytest.raises(aws.exceptions.ClientError):
        aws.describe_model(ModelName="to-delete")
