"""The aws backend: the server builds boto3 clients, here served by moto in this process."""

import boto3
import pytest
from moto import mock_aws

REGION = "us-west-2"


@pytest.fixture
def aws(monkeypatch):
    # Fake credentials, and moto intercepts every botocore request, so nothing leaves the process.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        yield boto3.client("sagemaker", region_name=REGION)


@pytest.fixture
def jp_server_config(aws):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {"backend": "aws", "aws_region": REGION},
    }


async def test_status_reports_aws(api, check_response):
    status, body = await api("status")

    assert status == 200
    check_response("/status", 200, body)
    assert body["backend"] == "aws"
    assert body["home"] is None
    assert body["region"] == REGION


async def test_experiments_listed_through_boto3(api, aws, check_response):
    aws.create_experiment(ExperimentName="aws-experiment")
    aws.create_trial(TrialName="aws-trial", ExperimentName="aws-experiment")

    status, body = await api("experiments")

    assert status == 200
    check_response("/experiments", 200, body)
    (experiment,) = body["experiments"]
    assert experiment["name"] == "aws-experiment"
    assert experiment["trialCount"] == 1
    assert f":{REGION}:" in experiment["arn"]


async def test_trial_components_listed_through_search(api, aws, check_response):
    aws.create_experiment(ExperimentName="aws-experiment")
    aws.create_trial(TrialName="aws-trial", ExperimentName="aws-experiment")
    aws.create_trial_component(
        TrialComponentName="aws-component", Parameters={"eta": {"NumberValue": 0.2}}
    )
    aws.associate_trial_component(TrialComponentName="aws-component", TrialName="aws-trial")

    status, body = await api("trial-components", params={"trial": "aws-trial"})

    assert status == 200, body
    check_response("/trial-components", 200, body)
    assert [item["name"] for item in body["items"]] == ["aws-component"]
    assert body["items"][0]["parameters"] == {"eta": 0.2}
