"""Training job lifecycle: errors of the operations, listing, stopping, parallel and detached
workers, and a worker that dies."""

import datetime
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from botocore.exceptions import ClientError
from training_job_helpers import (
    SHORT_HYPERPARAMETERS,
    job_request,
    output_shape_problems,
    wait_for_job,
    wait_until,
    worker_pids,
)

from churn_studio_ext.local import _training_records as records
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.training import load_model_archive

# Enough rounds that a job is still training when the test stops or kills it; it never runs
# to the end.
LONG_ROUNDS = "100000"


def error_code_and_message(excinfo) -> tuple[str, str]:
    error = excinfo.value
    assert isinstance(error, ClientError)
    return error.response["Error"]["Code"], error.response["Error"]["Message"]


def metric_count(sm, job_name: str, metric_name: str) -> int:
    component = sm.describe_trial_component(
        TrialComponentName=f"{job_name}-aws-training-job"
    )
    for summary in component.get("Metrics", []):
        if summary["MetricName"] == metric_name:
            return summary["Count"]
    return 0


def start_long_job(sm, name: str) -> None:
    sm.create_training_job(
        **job_request(name, {**SHORT_HYPERPARAMETERS, "num_round": LONG_ROUNDS})
    )
    wait_until(
        lambda: metric_count(sm, name, "train:error") > 0, f"{name} to record a round"
    )


def test_describe_missing_job(sm):
    with pytest.raises(ClientError) as excinfo:
        sm.describe_training_job(TrainingJobName="no-such-job")
    assert error_code_and_message(excinfo) == (
        "ValidationException",
        "Requested resource not found.",
    )


def test_stop_missing_job(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.stop_training_job(TrainingJobName="no-such-job")


def test_duplicate_name_in_use(sm, tour_channels):
    sm.create_training_job(**job_request("churn-a"))
    with pytest.raises(sm.exceptions.ResourceInUse) as excinfo:
        sm.create_training_job(**job_request("CHURN-A"))
    code, message = error_code_and_message(excinfo)
    assert code == "ResourceInUse"
    assert "training-job/churn-a" in message
    wait_for_job(sm, "churn-a")


def test_invalid_name_rejected(sm):
    with pytest.raises(ClientError) as excinfo:
        sm.create_training_job(**job_request("bad_name"))
    code, message = error_code_and_message(excinfo)
    assert code == "ValidationException"
    assert "trainingJobName" in message


def test_duplicate_channel_rejected(sm):
    request = job_request("churn-b")
    request["InputDataConfig"].append(request["InputDataConfig"][0])
    with pytest.raises(ClientError) as excinfo:
        sm.create_training_job(**request)
    code, message = error_code_and_message(excinfo)
    assert code == "ValidationException"
    assert "'train'" in message


def test_missing_trial_not_found(sm, tour_channels):
    request = job_request("churn-c", ExperimentConfig={"TrialName": "no-such-trial"})
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.create_training_job(**request)
    with pytest.raises(ClientError):
        sm.describe_training_job(TrainingJobName="churn-c")


def test_list_pages_and_filters(sm, tour_channels):
    names = ["list-job-a", "list-job-b", "other-job-c"]
    for name in names:
        sm.create_training_job(
            **job_request(name, {**SHORT_HYPERPARAMETERS, "num_round": "2"})
        )
    for name in names:
        wait_for_job(sm, name)

    first = sm.list_training_jobs(MaxResults=2)
    assert output_shape_problems("ListTrainingJobs", first) == ""
    second = sm.list_training_jobs(MaxResults=2, NextToken=first["NextToken"])
    listed = [
        item["TrainingJobName"]
        for item in first["TrainingJobSummaries"] + second["TrainingJobSummaries"]
    ]
    assert listed == names  # ascending CreationTime by default
    assert "NextToken" not in second

    contains = sm.list_training_jobs(NameContains="LIST-JOB")["TrainingJobSummaries"]
    assert [item["TrainingJobName"] for item in contains] == names[:2]
    by_name = sm.list_training_jobs(SortBy="Name", SortOrder="Descending")[
        "TrainingJobSummaries"
    ]
    assert [item["TrainingJobName"] for item in by_name] == sorted(names, reverse=True)
    assert sm.list_training_jobs(StatusEquals="Failed")["TrainingJobSummaries"] == []

    completed = sm.list_training_jobs(StatusEquals="Completed")["TrainingJobSummaries"]
    assert {item["SecondaryStatus"] for item in completed} == {"Completed"}
    created = [item["CreationTime"] for item in completed]
    after = sm.list_training_jobs(CreationTimeAfter=created[0])["TrainingJobSummaries"]
    assert [item["TrainingJobName"] for item in after] == names[1:]
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    assert (
        sm.list_training_jobs(LastModifiedTimeAfter=future)["TrainingJobSummaries"]
        == []
    )


def test_stop_saves_model(sm, tour_channels, home):
    start_long_job(sm, "churn-stop")
    assert (
        sm.stop_training_job(TrainingJobName="churn-stop")["ResponseMetadata"][
            "HTTPStatusCode"
        ]
        == 200
    )
    stopping = sm.describe_training_job(TrainingJobName="churn-stop")
    assert stopping["TrainingJobStatus"] in ("Stopping", "Stopped")

    description = wait_for_job(sm, "churn-stop")

    assert description["TrainingJobStatus"] == "Stopped"
    assert description["SecondaryStatus"] == "Stopped"
    statuses = [item["Status"] for item in description["SecondaryStatusTransitions"]]
    assert statuses[:3] == ["Starting", "Downloading", "Training"]
    assert statuses[-2:] == ["Stopping", "Stopped"]
    rounds = metric_count(sm, "churn-stop", "train:error")
    assert 0 < rounds < int(LONG_ROUNDS)
    model = load_model_archive(
        ObjectStore(home).path_for(description["ModelArtifacts"]["S3ModelArtifacts"])
    )
    assert model.num_boosted_rounds() == rounds
    component = sm.describe_trial_component(
        TrialComponentName="churn-stop-aws-training-job"
    )
    assert component["Status"]["PrimaryStatus"] == "Stopped"


def test_stop_ended_job_rejected(sm, tour_channels):
    sm.create_training_job(
        **job_request("churn-ended", {**SHORT_HYPERPARAMETERS, "num_round": "2"})
    )
    wait_for_job(sm, "churn-ended")
    with pytest.raises(ClientError) as excinfo:
        sm.stop_training_job(TrainingJobName="churn-ended")
    code, message = error_code_and_message(excinfo)
    assert code == "ValidationException"
    assert "Completed" in message


def test_component_without_experiment_unassigned(sm, tour_channels):
    sm.create_training_job(
        **job_request("churn-alone", {**SHORT_HYPERPARAMETERS, "num_round": "2"})
    )
    wait_for_job(sm, "churn-alone")

    component = sm.describe_trial_component(
        TrialComponentName="churn-alone-aws-training-job"
    )

    assert component["DisplayName"] == "churn-alone-aws-training-job"
    assert component["Status"] == {"PrimaryStatus": "Completed"}
    assert (
        sm.list_trials(TrialComponentName="churn-alone-aws-training-job")[
            "TrialSummaries"
        ]
        == []
    )


def test_stop_marks_rules_stopped(sm, tour_channels):
    rules = [
        {
            "RuleConfigurationName": "TreeDepth",
            "RuleEvaluatorImage": "rules",
            "RuleParameters": {"rule_to_invoke": "TreeDepth"},
        }
    ]
    request = job_request(
        "churn-stop-rules",
        {**SHORT_HYPERPARAMETERS, "num_round": LONG_ROUNDS},
        DebugRuleConfigurations=rules,
    )
    sm.create_training_job(**request)
    wait_until(
        lambda: metric_count(sm, "churn-stop-rules", "train:error") > 0,
        "a recorded round",
    )
    sm.stop_training_job(TrainingJobName="churn-stop-rules")
    description = wait_for_job(sm, "churn-stop-rules")
    assert [
        item["RuleEvaluationStatus"]
        for item in description["DebugRuleEvaluationStatuses"]
    ] == ["Stopped"]


def test_max_runtime_exceeded(sm, tour_channels):
    request = job_request(
        "churn-timeout",
        {**SHORT_HYPERPARAMETERS, "num_round": LONG_ROUNDS},
        StoppingCondition={"MaxRuntimeInSeconds": 1},
    )
    sm.create_training_job(**request)
    description = wait_for_job(sm, "churn-timeout")
    assert description["TrainingJobStatus"] == "Stopped"
    assert description["SecondaryStatus"] == "MaxRuntimeExceeded"
    assert 0 < metric_count(sm, "churn-timeout", "train:error") < int(LONG_ROUNDS)


def test_three_jobs_in_parallel(sm, tour_channels, home):
    names = [f"churn-weight-{weight}" for weight in (1, 2, 4)]
    for weight, name in zip((1, 2, 4), names):
        sm.create_training_job(
            **job_request(
                name, {**SHORT_HYPERPARAMETERS, "min_child_weight": str(weight)}
            )
        )
    running = {name: sm.describe_training_job(TrainingJobName=name) for name in names}
    assert all(
        item["TrainingJobStatus"] in ("InProgress", "Completed")
        for item in running.values()
    )

    descriptions = [wait_for_job(sm, name) for name in names]

    assert [item["TrainingJobStatus"] for item in descriptions] == ["Completed"] * 3
    finals = [
        {m["MetricName"]: m["Value"] for m in item["FinalMetricDataList"]}
        for item in descriptions
    ]
    assert all(set(final) == {"train:error", "validation:error"} for final in finals)
    assert [metric_count(sm, name, "validation:error") for name in names] == [
        20,
        20,
        20,
    ]
    store = records.workspace(home, names[0]).parent
    assert sorted(path.name for path in store.iterdir()) == sorted(names)


def test_job_survives_parent_process(sm, tour_channels, home):
    creator = textwrap.dedent(
        f"""
        import json, sys
        from churn_studio_ext import local
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        from training_job_helpers import SHORT_HYPERPARAMETERS, job_request
        sm = local.client("sagemaker", home={str(home)!r})
        request = job_request("churn-orphan", {{**SHORT_HYPERPARAMETERS, "num_round": {LONG_ROUNDS!r}}})
        sm.create_training_job(**request)
        """
    )
    completed = subprocess.run(
        [sys.executable, "-c", creator],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr

    # The creating process has exited, and its worker keeps training.
    wait_until(
        lambda: metric_count(sm, "churn-orphan", "train:error") > 0,
        "the orphan to train",
    )
    description = sm.describe_training_job(TrainingJobName="churn-orphan")
    assert description["TrainingJobStatus"] == "InProgress"
    assert description["SecondaryStatus"] == "Training"

    sm.stop_training_job(TrainingJobName="churn-orphan")
    assert wait_for_job(sm, "churn-orphan")["TrainingJobStatus"] == "Stopped"


def test_dead_worker_fails_job(sm, tour_channels, home):
    start_long_job(sm, "churn-crash")
    [pid] = worker_pids(home)
    os.killpg(pid, signal.SIGKILL)
    wait_until(lambda: not records.worker_is_alive(pid), "the worker to exit")

    description = sm.describe_training_job(TrainingJobName="churn-crash")

    assert description["TrainingJobStatus"] == "Failed"
    assert description["SecondaryStatus"] == "Failed"
    assert f"(pid {pid}) exited before the job ended" in description["FailureReason"]
    assert len(description["FailureReason"]) <= 1024
    component = sm.describe_trial_component(
        TrialComponentName="churn-crash-aws-training-job"
    )
    assert component["Status"]["PrimaryStatus"] == "Failed"
