"""CreateTrial, DescribeTrial, ListTrials, UpdateTrial and DeleteTrial on the local client."""

import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def experiment(sm):
    sm.create_experiment(ExperimentName="churn")
    return "churn"


def test_create_and_describe_round_trip(sm, experiment, assert_output_shape):
    metadata = {"CommitId": "abc123", "Repository": "https://example.invalid/repo.git"}
    created = sm.create_trial(
        TrialName="Xgb-Trial",
        ExperimentName=experiment,
        DisplayName="Xgb",
        MetadataProperties=metadata,
    )
    assert_output_shape("CreateTrial", created)
    assert created["TrialArn"] == "arn:aws:sagemaker:local:000000000000:experiment-trial/xgb-trial"

    described = sm.describe_trial(TrialName="Xgb-Trial")

    assert_output_shape("DescribeTrial", described)
    assert described["TrialName"] == "Xgb-Trial"
    assert described["TrialArn"] == created["TrialArn"]
    assert described["DisplayName"] == "Xgb"
    assert described["ExperimentName"] == "churn"
    assert described["MetadataProperties"] == metadata
    assert described["CreationTime"] == described["LastModifiedTime"]
    assert described["CreationTime"].tzinfo is not None


def test_display_name_defaults_to_name(sm, experiment):
    sm.create_trial(TrialName="plain", ExperimentName=experiment)

    described = sm.describe_trial(TrialName="plain")

    assert described["DisplayName"] == "plain"
    assert "MetadataProperties" not in described


def test_experiment_name_any_case(sm, experiment):
    sm.create_trial(TrialName="cased", ExperimentName="CHURN")

    assert sm.describe_trial(TrialName="CASED")["ExperimentName"] == "churn"


def test_create_in_missing_experiment(sm, error_of):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.create_trial(TrialName="orphan", ExperimentName="absent")

    assert error_of(excinfo) == ("ResourceNotFound", "Experiment 'absent' does not exist.")


def test_duplicate_name_rejected_any_case(sm, experiment, error_of):
    sm.create_experiment(ExperimentName="other")
    sm.create_trial(TrialName="Run-1", ExperimentName=experiment)

    with pytest.raises(ClientError) as excinfo:
        sm.create_trial(TrialName="run-1", ExperimentName="other")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "already exists" in message
    assert "'Run-1'" in message


def test_metadata_value_limit(sm, experiment, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_trial(
            TrialName="meta", ExperimentName=experiment, MetadataProperties={"CommitId": "c" * 1025}
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at 'metadataProperties.commitId'" in message
    assert "less than or equal to 1024" in message


def test_describe_missing(sm, error_of):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_trial(TrialName="absent")

    assert error_of(excinfo) == ("ResourceNotFound", "Trial 'absent' does not exist.")


def test_update_display_name(sm, experiment, assert_output_shape):
    arn = sm.create_trial(TrialName="t", ExperimentName=experiment)["TrialArn"]
    before = sm.describe_trial(TrialName="t")

    updated = sm.update_trial(TrialName="t", DisplayName="Renamed")

    assert_output_shape("UpdateTrial", updated)
    assert updated["TrialArn"] == arn
    after = sm.describe_trial(TrialName="t")
    assert after["DisplayName"] == "Renamed"
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]


def test_update_missing(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.update_trial(TrialName="absent", DisplayName="x")


def test_delete(sm, experiment, assert_output_shape):
    arn = sm.create_trial(TrialName="t", ExperimentName=experiment)["TrialArn"]

    deleted = sm.delete_trial(TrialName="t")

    assert_output_shape("DeleteTrial", deleted)
    assert deleted["TrialArn"] == arn
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_trial(TrialName="t")
    sm.delete_experiment(ExperimentName=experiment)


def test_delete_with_components_rejected(sm, experiment, error_of):
    sm.create_trial(TrialName="t", ExperimentName=experiment)
    sm.create_trial_component(TrialComponentName="tc")
    sm.associate_trial_component(TrialComponentName="tc", TrialName="t")

    with pytest.raises(ClientError) as excinfo:
        sm.delete_trial(TrialName="t")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "still has 1 trial component(s)" in message
    assert "DisassociateTrialComponent" in message
    assert sm.describe_trial(TrialName="t")["TrialName"] == "t"


def test_delete_after_disassociate(sm, experiment):
    sm.create_trial(TrialName="t", ExperimentName=experiment)
    sm.create_trial_component(TrialComponentName="tc")
    sm.associate_trial_component(TrialComponentName="tc", TrialName="t")

    sm.disassociate_trial_component(TrialComponentName="tc", TrialName="t")
    sm.delete_trial(TrialName="t")

    assert sm.list_trials(ExperimentName=experiment)["TrialSummaries"] == []


def test_delete_missing(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.delete_trial(TrialName="absent")


def trial_names(response) -> list[str]:
    return [summary["TrialName"] for summary in response["TrialSummaries"]]


def test_list_by_experiment(sm, experiment, assert_output_shape):
    sm.create_experiment(ExperimentName="other")
    for name in ["a", "b", "c"]:
        sm.create_trial(TrialName=name, ExperimentName=experiment)
    sm.create_trial(TrialName="elsewhere", ExperimentName="other")

    response = sm.list_trials(ExperimentName=experiment)

    assert_output_shape("ListTrials", response)
    assert trial_names(response) == ["c", "b", "a"]
    assert trial_names(sm.list_trials()) == ["elsewhere", "c", "b", "a"]


def test_list_summary_members(sm, experiment):
    sm.create_trial(TrialName="t", ExperimentName=experiment, DisplayName="Shown")

    summary = sm.list_trials()["TrialSummaries"][0]

    assert set(summary) == {
        "TrialArn",
        "TrialName",
        "DisplayName",
        "CreationTime",
        "LastModifiedTime",
    }
    assert summary["DisplayName"] == "Shown"


def test_list_by_trial_component(sm, experiment):
    for name in ["first", "second", "third"]:
        sm.create_trial(TrialName=name, ExperimentName=experiment)
    sm.create_trial_component(TrialComponentName="shared")
    sm.associate_trial_component(TrialComponentName="shared", TrialName="first")
    sm.associate_trial_component(TrialComponentName="shared", TrialName="third")

    response = sm.list_trials(TrialComponentName="shared", SortBy="Name", SortOrder="Ascending")

    assert trial_names(response) == ["first", "third"]


def test_list_missing_experiment(sm, error_of):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.list_trials(ExperimentName="absent")

    assert error_of(excinfo) == ("ResourceNotFound", "Experiment 'absent' does not exist.")


def test_list_missing_trial_component(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.list_trials(TrialComponentName="absent")


def test_list_pages_within_experiment(sm, experiment):
    sm.create_experiment(ExperimentName="noise")
    names = [f"trial-{index:02d}" for index in range(12)]
    for index, name in enumerate(names):
        sm.create_trial(TrialName=name, ExperimentName=experiment)
        sm.create_trial(TrialName=f"noise-{index:02d}", ExperimentName="noise")

    listed = []
    response = sm.list_trials(ExperimentName=experiment, MaxResults=5, SortBy="Name")
    listed += trial_names(response)
    while "NextToken" in response:
        response = sm.list_trials(
            ExperimentName=experiment, MaxResults=5, SortBy="Name", NextToken=response["NextToken"]
        )
        listed += trial_names(response)

    assert listed == names[::-1]


def test_list_token_from_other_experiment_rejected(sm, experiment, error_of):
    sm.create_experiment(ExperimentName="other")
    for index in range(3):
        sm.create_trial(TrialName=f"t-{index}", ExperimentName=experiment)
    token = sm.list_trials(ExperimentName=experiment, MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as excinfo:
        sm.list_trials(ExperimentName="other", MaxResults=1, NextToken=token)

    assert error_of(excinfo)[0] == "ValidationException"


def test_list_created_window(sm, experiment, clock):
    for name in ["t0", "t1", "t2", "t3"]:
        sm.create_trial(TrialName=name, ExperimentName=experiment)
    t1 = sm.describe_trial(TrialName="t1")["CreationTime"]
    t3 = sm.describe_trial(TrialName="t3")["CreationTime"]

    response = sm.list_trials(CreatedAfter=t1, CreatedBefore=t3)

    assert trial_names(response) == ["t2"]


def test_paginator(sm, experiment):
    for index in range(7):
        sm.create_trial(TrialName=f"t-{index}", ExperimentName=experiment)

    pages = list(
        sm.get_paginator("list_trials").paginate(
            ExperimentName=experiment, PaginationConfig={"PageSize": 3}
        )
    )

    assert [len(page["TrialSummaries"]) for page in pages] == [3, 3, 1]


def test_tags_on_create(sm, experiment):
    arn = sm.create_trial(
        TrialName="tagged", ExperimentName=experiment, Tags=[{"Key": "k", "Value": "v"}]
    )["TrialArn"]

    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]

    sm.delete_trial(TrialName="tagged")
    assert sm.list_tags(ResourceArn=arn)["Tags"] == []
