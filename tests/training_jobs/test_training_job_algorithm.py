"""An algorithm-mode job on the tour data: status, recorded metrics, model, trial component."""

import itertools
import tarfile

import numpy as np
import pytest
from training_job_helpers import (
    OUTPUT_URI,
    TOUR_JOB_NAME,
    TOUR_JOB_ROUNDS,
    direct_training,
    iteration_series,
    output_shape_problems,
)

from churn_studio_ext import local
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.training import load_model_archive


@pytest.fixture(scope="module")
def direct_run():
    return direct_training(TOUR_JOB_ROUNDS)


def recorded_series(home, metric_name: str) -> list[float]:
    job_arn = local.client("sagemaker", home=home).describe_training_job(
        TrainingJobName=TOUR_JOB_NAME
    )["TrainingJobArn"]
    result = iteration_series(home, job_arn, metric_name)
    assert result["Status"] == "Complete"
    assert result["XAxisValues"] == list(range(TOUR_JOB_ROUNDS))
    return result["MetricValues"]


def test_tour_job_completes(tour_job):
    description = tour_job["description"]
    assert description["TrainingJobStatus"] == "Completed"
    assert description["SecondaryStatus"] == "Completed"
    assert "FailureReason" not in description


def test_create_returns_job_arn(tour_job):
    assert tour_job["created"]["TrainingJobArn"] == (
        f"arn:aws:sagemaker:local:000000000000:training-job/{TOUR_JOB_NAME}"
    )


def test_validation_error_series_equals_direct(tour_job, direct_run):
    _, evals_result, _ = direct_run
    assert (
        recorded_series(tour_job["home"], "validation:error")
        == evals_result["validation"]["error"]
    )
    assert (
        recorded_series(tour_job["home"], "train:error")
        == evals_result["train"]["error"]
    )


def test_final_metrics_are_last_values(tour_job, direct_run):
    _, evals_result, _ = direct_run
    final = {
        item["MetricName"]: item["Value"]
        for item in tour_job["description"]["FinalMetricDataList"]
    }
    assert final == {
        "train:error": evals_result["train"]["error"][-1],
        "validation:error": evals_result["validation"]["error"][-1],
    }


def test_describe_matches_output_shape(tour_job):
    assert output_shape_problems("DescribeTrainingJob", tour_job["description"]) == ""


def test_describe_echoes_request(tour_job):
    description = tour_job["description"]
    request = tour_job["request"]
    for member in (
        "HyperParameters",
        "AlgorithmSpecification",
        "RoleArn",
        "OutputDataConfig",
        "ResourceConfig",
        "StoppingCondition",
        "DebugHookConfig",
        "DebugRuleConfigurations",
        "ExperimentConfig",
    ):
        assert description[member] == request[member], member
    assert [item["ChannelName"] for item in description["InputDataConfig"]] == [
        "train",
        "validation",
    ]
    assert (
        description["InputDataConfig"][0]["DataSource"]["S3DataSource"][
            "S3DataDistributionType"
        ]
        == "FullyReplicated"
    )


def test_secondary_transitions_in_order(tour_job):
    transitions = tour_job["description"]["SecondaryStatusTransitions"]
    assert [item["Status"] for item in transitions] == [
        "Starting",
        "Downloading",
        "Training",
        "Uploading",
        "Completed",
    ]
    for earlier, later in itertools.pairwise(transitions):
        assert earlier["EndTime"] == later["StartTime"]
    assert all(item["StatusMessage"] for item in transitions)


def test_times_and_billable_seconds(tour_job):
    description = tour_job["description"]
    assert (
        description["CreationTime"]
        <= description["TrainingStartTime"]
        <= description["TrainingEndTime"]
    )
    elapsed = (
        description["TrainingEndTime"] - description["TrainingStartTime"]
    ).total_seconds()
    assert description["BillableTimeInSeconds"] >= 1
    assert description["BillableTimeInSeconds"] >= int(elapsed)
    assert description["TrainingTimeInSeconds"] == description["BillableTimeInSeconds"]
    assert description["LastModifiedTime"] == description["TrainingEndTime"]


def test_model_artifact_predicts_like_direct(tour_job, direct_run):
    booster, _, validation = direct_run
    uri = tour_job["description"]["ModelArtifacts"]["S3ModelArtifacts"]
    assert uri == f"{OUTPUT_URI}/{TOUR_JOB_NAME}/output/model.tar.gz"

    path = ObjectStore(tour_job["home"]).path_for(uri)
    with tarfile.open(path) as archive:
        assert archive.getnames() == ["xgboost-model"]
    trained = load_model_archive(path)
    assert trained.num_boosted_rounds() == TOUR_JOB_ROUNDS
    np.testing.assert_array_equal(
        trained.predict(validation), booster.predict(validation)
    )


def test_trial_component_of_job(tour_job):
    sm = tour_job["sm"]
    component = sm.describe_trial_component(
        TrialComponentName=f"{TOUR_JOB_NAME}-aws-training-job"
    )
    description = tour_job["description"]

    assert component["DisplayName"] == "Training"
    assert component["Source"] == {
        "SourceArn": description["TrainingJobArn"],
        "SourceType": "SageMakerTrainingJob",
    }
    assert component["Status"] == {"PrimaryStatus": "Completed"}
    assert component["StartTime"] == description["TrainingStartTime"]
    assert component["EndTime"] == description["TrainingEndTime"]


def test_trial_component_parameters(tour_job):
    sm = tour_job["sm"]
    component = sm.describe_trial_component(
        TrialComponentName=f"{TOUR_JOB_NAME}-aws-training-job"
    )
    request = tour_job["request"]

    expected = {}
    for name, text in request["HyperParameters"].items():
        try:
            expected[name] = {"NumberValue": float(text)}
        except ValueError:
            expected[name] = {"StringValue": text}
    expected["SageMaker.ImageUri"] = {
        "StringValue": request["AlgorithmSpecification"]["TrainingImage"]
    }
    expected["SageMaker.InstanceCount"] = {"NumberValue": 1.0}
    expected["SageMaker.InstanceType"] = {"StringValue": "ml.m4.xlarge"}
    assert component["Parameters"] == expected
    assert len(component["Parameters"]) == 11


def test_trial_component_artifacts(tour_job):
    sm = tour_job["sm"]
    component = sm.describe_trial_component(
        TrialComponentName=f"{TOUR_JOB_NAME}-aws-training-job"
    )
    request = tour_job["request"]

    assert component["InputArtifacts"] == {
        entry["ChannelName"]: {
            "Value": entry["DataSource"]["S3DataSource"]["S3Uri"],
            "MediaType": "csv",
        }
        for entry in request["InputDataConfig"]
    }
    assert component["OutputArtifacts"] == {
        "SageMaker.ModelArtifact": {
            "Value": tour_job["description"]["ModelArtifacts"]["S3ModelArtifacts"]
        },
        "SageMaker.DebugHookOutput": {
            "Value": request["DebugHookConfig"]["S3OutputPath"]
        },
    }


def test_trial_component_metrics_summary(tour_job, direct_run):
    _, evals_result, _ = direct_run
    sm = tour_job["sm"]
    component = sm.describe_trial_component(
        TrialComponentName=f"{TOUR_JOB_NAME}-aws-training-job"
    )
    summaries = {item["MetricName"]: item for item in component["Metrics"]}

    validation = evals_result["validation"]["error"]
    assert summaries["validation:error"]["Count"] == TOUR_JOB_ROUNDS
    assert summaries["validation:error"]["Last"] == validation[-1]
    assert summaries["validation:error"]["Min"] == min(validation)
    assert (
        summaries["validation:error"]["SourceArn"]
        == tour_job["description"]["TrainingJobArn"]
    )


def test_trial_component_joins_trial(tour_job):
    sm = tour_job["sm"]
    listed = sm.list_trial_components(TrialName="algorithm-mode-trial")[
        "TrialComponentSummaries"
    ]
    assert [item["TrialComponentName"] for item in listed] == [
        f"{TOUR_JOB_NAME}-aws-training-job"
    ]
    by_source = sm.list_trial_components(
        SourceArn=tour_job["description"]["TrainingJobArn"]
    )
    assert len(by_source["TrialComponentSummaries"]) == 1


def test_job_tags_listed(tour_job):
    sm = tour_job["sm"]
    tags = sm.list_tags(ResourceArn=tour_job["description"]["TrainingJobArn"])["Tags"]
    assert tags == [{"Key": "tour", "Value": "algorithm"}]


def test_training_log_has_rounds(tour_job):
    log_path = tour_job["home"] / "training-jobs" / TOUR_JOB_NAME / "training.log"
    lines = log_path.read_text().splitlines()
    assert len(lines) == TOUR_JOB_ROUNDS
    assert lines[0].startswith("[0]\ttrain-error:")
    assert "\tvalidation-error:" in lines[0]


def test_input_copies_removed(tour_job):
    assert not (tour_job["home"] / "training-jobs" / TOUR_JOB_NAME / "input").exists()
