"""Jobs that fail end Failed with a FailureReason that names the problem and the fix."""

import pytest
from training_job_helpers import (
    SHORT_HYPERPARAMETERS,
    TRAIN_URI,
    VALIDATION_URI,
    channel,
    job_request,
    output_shape_problems,
    wait_for_job,
)

BAD_URI = "s3://sagemaker-studio-local-000000000000/bad-data/train"


def run_failing_job(sm, request) -> dict:
    sm.create_training_job(**request)
    description = wait_for_job(sm, request["TrainingJobName"])
    assert description["TrainingJobStatus"] == "Failed"
    assert description["SecondaryStatus"] == "Failed"
    assert 0 < len(description["FailureReason"]) <= 1024
    assert output_shape_problems("DescribeTrainingJob", description) == ""
    return description


def test_empty_prefix_fails(sm, tour_channels):
    missing = "s3://sagemaker-studio-local-000000000000/xgboost-churn/no-such-prefix"
    request = job_request("fail-empty", InputDataConfig=[channel("train", missing)])
    reason = run_failing_job(sm, request)["FailureReason"]
    assert reason.startswith("ClientError: No S3 objects found under S3 URL")
    assert missing in reason


def test_missing_train_channel_fails(sm, tour_channels):
    request = job_request(
        "fail-no-train", InputDataConfig=[channel("validation", VALIDATION_URI)]
    )
    reason = run_failing_job(sm, request)["FailureReason"]
    assert "'train' is missing" in reason


def test_non_numeric_cell_fails(sm, objects):
    objects.put_bytes(b"0,1.5,2.0\n1,abc,3.0\n", f"{BAD_URI}/part.csv")
    request = job_request("fail-cell", InputDataConfig=[channel("train", BAD_URI)])
    reason = run_failing_job(sm, request)["FailureReason"]
    assert reason.startswith("ClientError: ")
    assert "'abc'" in reason
    assert "part.csv" in reason


def test_unknown_hyperparameter_fails(sm, tour_channels):
    request = job_request("fail-hyper", {**SHORT_HYPERPARAMETERS, "max_dept": "5"})
    description = run_failing_job(sm, request)
    assert "max_dept" in description["FailureReason"]
    transitions = [item["Status"] for item in description["SecondaryStatusTransitions"]]
    assert transitions == ["Starting", "Downloading", "Training", "Failed"]


def test_label_not_binary_fails(sm, objects):
    objects.put_bytes(b"0,1.5\n2,2.5\n1,0.5\n", f"{BAD_URI}/labels.csv")
    request = job_request("fail-label", InputDataConfig=[channel("train", BAD_URI)])
    reason = run_failing_job(sm, request)["FailureReason"]
    assert "0 or 1" in reason


def test_non_csv_content_type_fails(sm, tour_channels):
    request = job_request(
        "fail-libsvm",
        InputDataConfig=[channel("train", TRAIN_URI, content_type="text/libsvm")],
    )
    reason = run_failing_job(sm, request)["FailureReason"]
    assert "'text/libsvm'" in reason


def test_unsupported_image_fails_at_once(sm, tour_channels, home):
    request = job_request(
        "fail-image",
        AlgorithmSpecification={
            "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-own:latest",
            "TrainingInputMode": "File",
        },
    )
    sm.create_training_job(**request)

    description = sm.describe_training_job(TrainingJobName="fail-image")

    assert description["TrainingJobStatus"] == "Failed"
    assert "my-own:latest" in description["FailureReason"]
    assert not (home / "training-jobs" / "fail-image").exists()
    component = sm.describe_trial_component(
        TrialComponentName="fail-image-aws-training-job"
    )
    assert component["Status"]["PrimaryStatus"] == "Failed"
    assert "my-own:latest" in component["Status"]["Message"]


@pytest.mark.parametrize(
    "specification",
    [
        {
            "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
        },
        {"TrainingImage": "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1"},
        {"AlgorithmName": "xgboost"},
    ],
)
def test_xgboost_images_accepted(specification):
    from churn_studio_ext.local._training_launch import ALGORITHM_MODE, job_mode

    request = job_request(
        "mode", AlgorithmSpecification={**specification, "TrainingInputMode": "File"}
    )
    assert job_mode(request) == (ALGORITHM_MODE, None)
