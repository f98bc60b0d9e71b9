"""GET trial-components/<name>: the ``trainingJob`` section of a training job's component."""

import time
from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError

from churn_studio_ext import tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.server.errors import BackendError
from churn_studio_ext.server.service import StudioService
from churn_studio_ext.server.training_job_rows import training_job_name

DETAIL = "/trial-components/{trialComponentName}"

BUCKET_PREFIX = "s3://sagemaker-studio-local-000000000000/server-tests"
XGBOOST_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
RULES_IMAGE = "895741380848.dkr.ecr.us-west-2.amazonaws.com/sagemaker-debugger-rules:latest"
TOUR_RULES = ("LossNotDecreasing", "Overtraining", "Overfit")
JOB_NAME = "server-detail-job"
JOB_TIMEOUT_SECONDS = 120.0


def rule_configuration(rule: str) -> dict:
    """Build a rule entry as SDK v2's ``Rule.sagemaker(rule_configs.<rule>())`` sends it."""
    return {
        "RuleConfigurationName": rule,
        "RuleEvaluatorImage": RULES_IMAGE,
        "VolumeSizeInGB": 0,
        "RuleParameters": {"rule_to_invoke": rule},
    }


def wait_for_job(sagemaker_client, name: str) -> dict:
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while True:
        description = sagemaker_client.describe_training_job(TrainingJobName=name)
        if description["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"):
            return description
        if time.monotonic() > deadline:
            pytest.fail(f"Training job {name} did not end within {JOB_TIMEOUT_SECONDS} s")
        time.sleep(0.2)


@pytest.fixture
def finished_job(sagemaker_client, studio_home):
    """Run a five-round XGBoost job with the tour's three rules and return its description."""
    objects = ObjectStore(studio_home)
    for channel in ("train", "validation"):
        objects.put_file(
            tour_data.shipped_tour_file(f"{channel}.csv"), f"{BUCKET_PREFIX}/{channel}/{channel}.csv"
        )
    sagemaker_client.create_experiment(ExperimentName="server-experiment")
    sagemaker_client.create_trial(TrialName="server-trial", ExperimentName="server-experiment")

    sagemaker_client.create_training_job(
        TrainingJobName=JOB_NAME,
        RoleArn="arn:aws:iam::000000000000:role/service-role/LocalTrainingRole",
        AlgorithmSpecification={"TrainingImage": XGBOOST_IMAGE, "TrainingInputMode": "File"},
        HyperParameters={"objective": "binary:logistic", "num_round": "5", "max_depth": "3"},
        InputDataConfig=[
            {
                "ChannelName": channel,
                "ContentType": "csv",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"{BUCKET_PREFIX}/{channel}"}
                },
            }
            for channel in ("train", "validation")
        ],
        OutputDataConfig={"S3OutputPath": f"{BUCKET_PREFIX}/output"},
        ResourceConfig={"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
        StoppingCondition={"MaxRuntimeInSeconds": 600},
        ExperimentConfig={
            "ExperimentName": "server-experiment",
            "TrialName": "server-trial",
            "TrialComponentDisplayName": "Training",
        },
        DebugRuleConfigurations=[rule_configuration(rule) for rule in TOUR_RULES],
    )
    description = wait_for_job(sagemaker_client, JOB_NAME)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    return description


async def test_training_job_section(api, finished_job, check_response):
    status, body = await api("trial-components", f"{JOB_NAME}-aws-training-job")

    assert status == 200, body
    check_response(DETAIL, 200, body)
    job = body["trainingJob"]
    assert job["name"] == JOB_NAME
    assert job["arn"] == finished_job["TrainingJobArn"]
    assert job["status"] == "Completed"
    assert job["secondaryStatus"] == "Completed"
    assert job["failureReason"] is None
    assert job["instanceType"] == "ml.m4.xlarge"
    assert job["instanceCount"] == 1
    assert job["trainingSeconds"] == finished_job["TrainingTimeInSeconds"]
    assert job["billableSeconds"] == finished_job["BillableTimeInSeconds"]
    assert job["startTime"] is not None
    assert job["endTime"] is not None


async def test_debug_rules_in_request_order(api, finished_job):
    status, body = await api("trial-components", f"{JOB_NAME}-aws-training-job")

    assert status == 200, body
    rules = body["trainingJob"]["debugRules"]
    assert [rule["name"] for rule in rules] == list(TOUR_RULES)
    expected = {
        item["RuleConfigurationName"]: item for item in finished_job["DebugRuleEvaluationStatuses"]
    }
    for rule in rules:
        assert rule["status"] == expected[rule["name"]]["RuleEvaluationStatus"]
        assert rule["status"] in ("NoIssuesFound", "IssuesFound")
        assert rule["details"] == expected[rule["name"]].get("StatusDetails")
        assert rule["ruleEvaluationJobArn"] == expected[rule["name"]]["RuleEvaluationJobArn"]
        assert rule["lastModified"] is not None


async def test_debug_rules_carry_parameters(api, finished_job):
    status, body = await api("trial-components", f"{JOB_NAME}-aws-training-job")

    assert status == 200, body
    configurations = {
        item["RuleConfigurationName"]: item for item in finished_job["DebugRuleConfigurations"]
    }
    for rule in body["trainingJob"]["debugRules"]:
        configuration = configurations[rule["name"]]
        assert rule["parameters"] == configuration.get("RuleParameters")
        assert rule["parameters"]["rule_to_invoke"]
        assert rule["evaluatorImage"] == configuration["RuleEvaluatorImage"]


async def test_component_without_job_has_null(api, tour_data, check_response):
    status, body = await api("trial-components", "training-low")

    assert status == 200
    check_response(DETAIL, 200, body)
    assert body["trainingJob"] is None


@pytest.mark.parametrize(
    ("source_arn", "expected"),
    [
        ("arn:aws:sagemaker:us-west-2:111122223333:training-job/churn-2021", "churn-2021"),
        ("arn:aws:sagemaker:us-west-2:111122223333:processing-job/baseline", None),
        ("arn:aws:sagemaker:us-west-2:111122223333:training-job/", None),
        (None, None),
    ],
)
def test_training_job_name_from_arn(source_arn, expected):
    assert training_job_name(source_arn) == expected


class StubSageMaker:
    """A ``sagemaker`` client stub: Search returns one component, DescribeTrainingJob a canned reply."""

    def __init__(self, description=None, describe_error=None):
        self.description = description
        self.describe_error = describe_error
        self.described = []

    def search(self, **request):
        return {
            "Results": [
                {
                    "TrialComponent": {
                        "TrialComponentName": "failed-job-aws-training-job",
                        "Source": {
                            "SourceArn": "arn:aws:sagemaker:us-west-2:111122223333:training-job/failed-job",
                            "SourceType": "SageMakerTrainingJob",
                        },
                        "Status": {"PrimaryStatus": "Failed"},
                    }
                }
            ]
        }

    def describe_training_job(self, TrainingJobName):
        self.described.append(TrainingJobName)
        if self.describe_error:
            raise self.describe_error
        return self.description


def stub_service(client) -> StudioService:
    return StudioService(client, metrics_client=None, backend="aws", version="0.0.0")


def test_failed_job_reports_reason():
    created = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    client = StubSageMaker(
        {
            "TrainingJobName": "failed-job",
            "TrainingJobArn": "arn:aws:sagemaker:us-west-2:111122223333:training-job/failed-job",
            "TrainingJobStatus": "Failed",
            "SecondaryStatus": "Failed",
            "FailureReason": "AlgorithmError: label column is not numeric",
            "CreationTime": created,
            "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 2},
        }
    )

    job = stub_service(client).get_trial_component("failed-job-aws-training-job")["trainingJob"]

    assert client.described == ["failed-job"]
    assert job["status"] == "Failed"
    assert job["failureReason"] == "AlgorithmError: label column is not numeric"
    assert job["created"] == "2026-12-01T12:00:00+00:00"
    assert job["startTime"] is None
    assert job["trainingSeconds"] is None
    assert job["instanceType"] == "ml.m5.large"
    assert job["instanceCount"] == 2
    assert job["debugRules"] == []


def test_deleted_job_gives_null_section():
    error = ClientError(
        {"Error": {"Code": "ValidationException", "Message": "Requested resource not found."}},
        "DescribeTrainingJob",
    )
    client = StubSageMaker(describe_error=error)

    detail = stub_service(client).get_trial_component("failed-job-aws-training-job")

    assert client.described == ["failed-job"]
    assert detail["trainingJob"] is None
    assert detail["status"] == "Failed"


def test_access_denied_is_backend_error():
    error = ClientError(
        {"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}},
        "DescribeTrainingJob",
    )
    service = stub_service(StubSageMaker(describe_error=error))

    with pytest.raises(BackendError) as raised:
        service.get_trial_component("failed-job-aws-training-job")

    assert raised.value.status == 502
    assert "AccessDeniedException" in raised.value.message
