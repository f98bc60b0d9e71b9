"""sagemaker-experiments 0.1.45 (``smexperiments``) with the local ``sagemaker`` client."""

import datetime

import pytest
from smexperiments import experiment, trial, trial_component
from smexperiments.experiment import Experiment
from smexperiments.search_expression import Filter, Operator, SearchExpression
from smexperiments.tracker import Tracker
from smexperiments.trial import Trial
from smexperiments.trial_component import TrialComponent


@pytest.fixture(autouse=True)
def skip_throttling_pauses(monkeypatch):
    # smexperiments sleeps 1.2 s between bulk-delete calls to stay under SageMaker's rate limit,
    # which the local backend does not have.
    for module in (experiment, trial, trial_component):
        monkeypatch.setattr(module.time, "sleep", lambda seconds: None)


def test_experiment_create_and_load(sagemaker_client):
    created = Experiment.create(
        experiment_name="churn-study",
        description="XGBoost on the churn data set",
        sagemaker_boto_client=sagemaker_client,
    )

    loaded = Experiment.load("churn-study", sagemaker_boto_client=sagemaker_client)

    assert created.experiment_arn.endswith(":experiment/churn-study")
    assert loaded.experiment_name == "churn-study"
    assert loaded.experiment_arn == created.experiment_arn
    assert loaded.description == "XGBoost on the churn data set"
    assert isinstance(loaded.creation_time, datetime.datetime)


def test_experiment_list_newest_first(sagemaker_client):
    for name in ["first-study", "second-study", "third-study"]:
        Experiment.create(experiment_name=name, sagemaker_boto_client=sagemaker_client)

    summaries = list(Experiment.list(sagemaker_boto_client=sagemaker_client))

    assert [summary.experiment_name for summary in summaries] == [
        "third-study",
        "second-study",
        "first-study",
    ]


def test_experiment_save_updates_description(sagemaker_client):
    created = Experiment.create(
        experiment_name="churn-study", sagemaker_boto_client=sagemaker_client
    )

    created.description = "second description"
    created.save()

    loaded = Experiment.load("churn-study", sagemaker_boto_client=sagemaker_client)
    assert loaded.description == "second description"


def test_trial_lists_added_components(sagemaker_client):
    Experiment.create(
        experiment_name="churn-study", sagemaker_boto_client=sagemaker_client
    )
    created_trial = Trial.create(
        experiment_name="churn-study",
        trial_name="trial-one",
        sagemaker_boto_client=sagemaker_client,
    )
    first = TrialComponent.create(
        trial_component_name="preprocessing", sagemaker_boto_client=sagemaker_client
    )
    TrialComponent.create(
        trial_component_name="training", sagemaker_boto_client=sagemaker_client
    )

    created_trial.add_trial_component(first)
    created_trial.add_trial_component("training")

    names = sorted(
        summary.trial_component_name
        for summary in created_trial.list_trial_components()
    )
    assert names == ["preprocessing", "training"]
    loaded = Trial.load("trial-one", sagemaker_boto_client=sagemaker_client)
    assert loaded.experiment_name == "churn-study"


def test_trial_component_save_round_trip(sagemaker_client):
    TrialComponent.create(
        trial_component_name="training",
        display_name="Training",
        sagemaker_boto_client=sagemaker_client,
    )
    component = TrialComponent.load("training", sagemaker_boto_client=sagemaker_client)

    component.parameters = {"max_depth": 5, "objective": "binary:logistic"}
    component.input_artifacts = {
        "train": trial_component.api_types.TrialComponentArtifact(
            value="s3://bucket/train.csv", media_type="text/csv"
        )
    }
    component.save()

    reloaded = TrialComponent.load("training", sagemaker_boto_client=sagemaker_client)
    assert reloaded.display_name == "Training"
    assert reloaded.parameters == {"max_depth": 5.0, "objective": "binary:logistic"}
    assert reloaded.input_artifacts["train"].value == "s3://bucket/train.csv"
    assert reloaded.input_artifacts["train"].media_type == "text/csv"


def test_tracker_records_parameters_and_artifacts(sagemaker_client):
    with Tracker.create(
        display_name="Preprocessing", sagemaker_boto_client=sagemaker_client
    ) as tracker:
        tracker.log_parameters({"train_test_split_ratio": 0.2, "normalize": "standard"})
        tracker.log_parameter("seed", 7)
        tracker.log_input(
            name="raw-data", value="s3://bucket/churn.txt", media_type="text/csv"
        )
        tracker.log_output(name="train-data", value="s3://bucket/train.csv")
        name = tracker.trial_component.trial_component_name

    described = sagemaker_client.describe_trial_component(TrialComponentName=name)

    assert name.startswith("TrialComponent-")
    assert described["DisplayName"] == "Preprocessing"
    assert described["Parameters"] == {
        "train_test_split_ratio": {"NumberValue": 0.2},
        "normalize": {"StringValue": "standard"},
        "seed": {"NumberValue": 7.0},
    }
    assert described["InputArtifacts"] == {
        "raw-data": {"Value": "s3://bucket/churn.txt", "MediaType": "text/csv"}
    }
    assert (
        described["OutputArtifacts"]["train-data"]["Value"] == "s3://bucket/train.csv"
    )
    assert described["Status"]["PrimaryStatus"] == "Completed"
    assert described["EndTime"] >= described["StartTime"]


def test_tracker_failure_records_message(sagemaker_client):
    with (
        pytest.raises(RuntimeError),
        Tracker.create(sagemaker_boto_client=sagemaker_client) as tracker,
    ):
        name = tracker.trial_component.trial_component_name
        raise RuntimeError("feature column missing")

    status = sagemaker_client.describe_trial_component(TrialComponentName=name)[
        "Status"
    ]

    assert status == {"PrimaryStatus": "Failed", "Message": "feature column missing"}


def test_tracker_load_and_close(sagemaker_client):
    created = Tracker.create(
        display_name="Training", sagemaker_boto_client=sagemaker_client
    )
    created.log_parameter("eta", 0.2)
    created.close()
    name = created.trial_component.trial_component_name

    loaded = Tracker.load(
        trial_component_name=name, sagemaker_boto_client=sagemaker_client
    )
    loaded.log_parameter("max_depth", 5)
    loaded.close()

    parameters = sagemaker_client.describe_trial_component(TrialComponentName=name)[
        "Parameters"
    ]
    assert loaded.trial_component.display_name == "Training"
    assert parameters == {
        "eta": {"NumberValue": 0.2},
        "max_depth": {"NumberValue": 5.0},
    }


def test_delete_all_removes_tree(sagemaker_client):
    study = Experiment.create(
        experiment_name="churn-study", sagemaker_boto_client=sagemaker_client
    )
    for trial_name in ["trial-one", "trial-two"]:
        created_trial = study.create_trial(trial_name=trial_name)
        tracker = Tracker.create(
            base_trial_component_name=trial_name, sagemaker_boto_client=sagemaker_client
        )
        tracker.close()
        created_trial.add_trial_component(tracker)

    study.delete_all(action="--force")

    assert sagemaker_client.list_experiments()["ExperimentSummaries"] == []
    assert sagemaker_client.list_trials()["TrialSummaries"] == []
    assert sagemaker_client.list_trial_components()["TrialComponentSummaries"] == []


def test_delete_all_needs_force(sagemaker_client):
    study = Experiment.create(
        experiment_name="churn-study", sagemaker_boto_client=sagemaker_client
    )

    with pytest.raises(ValueError):
        study.delete_all(action="yes")

    assert len(sagemaker_client.list_experiments()["ExperimentSummaries"]) == 1


def test_component_search_and_forced_delete(sagemaker_client):
    study = Experiment.create(
        experiment_name="churn-study", sagemaker_boto_client=sagemaker_client
    )
    created_trial = study.create_trial(trial_name="trial-one")
    component = TrialComponent.create(
        trial_component_name="training", sagemaker_boto_client=sagemaker_client
    )
    created_trial.add_trial_component(component)
    expression = SearchExpression(
        filters=[Filter("Parents.TrialName", Operator.EQUALS, "trial-one")]
    )

    found = TrialComponent.search(
        search_expression=expression, sagemaker_boto_client=sagemaker_client
    )
    assert [summary.trial_component_name for summary in found] == ["training"]
    assert [summary.trial_name for summary in component.list_trials()] == ["trial-one"]

    component.delete(force_disassociate=True)

    assert sagemaker_client.list_trial_components()["TrialComponentSummaries"] == []
    assert (
        sagemaker_client.describe_trial(TrialName="trial-one")["TrialName"]
        == "trial-one"
    )
