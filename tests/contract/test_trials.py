"""CreateTrial, DescribeTrial, UpdateTrial, ListTrials, DeleteTrial."""

import re

import pytest
from botocore.exceptions import ClientError

from .client_errors import assert_client_error

TRIAL_ARN = re.compile(
    r"^arn:aws:sagemaker:[a-z0-9-]+:\d{12}:experiment-trial/trial-one$"
)
METADATA = {"CommitId": "abc123", "Repository": "churn-repo", "GeneratedBy": "tour"}


@pytest.fixture
def experiment(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    return "churn-study"


def test_create_trial_returns_arn(backend, experiment):
    response = backend.sagemaker.create_trial(
        TrialName="trial-one", ExperimentName=experiment
    )

    assert TRIAL_ARN.match(response["TrialArn"]), response["TrialArn"]


def test_describe_trial_echoes_request(backend, experiment):
    created = backend.sagemaker.create_trial(
        TrialName="trial-one",
        ExperimentName=experiment,
        DisplayName="Trial-one",
        MetadataProperties=METADATA,
        Tags=[{"Key": "stage", "Value": "tour"}],
    )

    described = backend.sagemaker.describe_trial(TrialName="trial-one")

    assert described["TrialName"] == "trial-one"
    assert described["TrialArn"] == created["TrialArn"]
    assert described["ExperimentName"] == experiment
    assert described["LastModifiedTime"] >= described["CreationTime"]
    backend.moto_deviates("DescribeTrial drops DisplayName and MetadataProperties")
    assert described["DisplayName"] == "Trial-one"
    assert described["MetadataProperties"] == METADATA


def test_update_trial_changes_display_name(backend, experiment):
    created = backend.sagemaker.create_trial(
        TrialName="trial-one", ExperimentName=experiment, DisplayName="old"
    )
    backend.moto_deviates("UpdateTrial answers HTTP 500")

    updated = backend.sagemaker.update_trial(TrialName="trial-one", DisplayName="new")

    assert updated["TrialArn"] == created["TrialArn"]
    assert (
        backend.sagemaker.describe_trial(TrialName="trial-one")["DisplayName"] == "new"
    )


def test_list_trials_by_experiment(backend, experiment):
    backend.sagemaker.create_experiment(ExperimentName="other-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName=experiment)
    backend.sagemaker.create_trial(TrialName="trial-two", ExperimentName=experiment)
    backend.sagemaker.create_trial(
        TrialName="other-trial", ExperimentName="other-study"
    )

    summaries = backend.sagemaker.list_trials(ExperimentName=experiment)[
        "TrialSummaries"
    ]

    assert sorted(summary["TrialName"] for summary in summaries) == [
        "trial-one",
        "trial-two",
    ]
    for summary in summaries:
        assert summary["TrialArn"].endswith(f":experiment-trial/{summary['TrialName']}")


def test_list_trials_summary_display_name(backend, experiment):
    backend.sagemaker.create_trial(
        TrialName="trial-one", ExperimentName=experiment, DisplayName="Trial-one"
    )

    summaries = backend.sagemaker.list_trials(ExperimentName=experiment)[
        "TrialSummaries"
    ]

    assert len(summaries) == 1
    backend.moto_deviates("ListTrials summaries lack DisplayName")
    assert summaries[0]["DisplayName"] == "Trial-one"


def test_delete_trial_removes_it(backend, experiment):
    created = backend.sagemaker.create_trial(
        TrialName="trial-one", ExperimentName=experiment
    )

    deleted = backend.sagemaker.delete_trial(TrialName="trial-one")

    assert (
        backend.sagemaker.list_trials(ExperimentName=experiment)["TrialSummaries"] == []
    )
    backend.moto_deviates("DeleteTrial returns an empty body without TrialArn")
    assert deleted["TrialArn"] == created["TrialArn"]
    with pytest.raises(ClientError) as raised:
        backend.sagemaker.describe_trial(TrialName="trial-one")
    assert_client_error(raised.value, "ResourceNotFound", "trial-one")
