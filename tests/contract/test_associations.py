"""AssociateTrialComponent, DisassociateTrialComponent and the lists they change."""

import pytest


@pytest.fixture
def two_trials(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-two", ExperimentName="churn-study")
    backend.sagemaker.create_trial_component(TrialComponentName="shared-component")
    backend.sagemaker.create_trial_component(TrialComponentName="lone-component")
    return ("trial-one", "trial-two")


def _component_names(backend, **filters):
    summaries = backend.sagemaker.list_trial_components(**filters)[
        "TrialComponentSummaries"
    ]
    return sorted(summary["TrialComponentName"] for summary in summaries)


def _trial_names(backend, **filters):
    summaries = backend.sagemaker.list_trials(**filters)["TrialSummaries"]
    return sorted(summary["TrialName"] for summary in summaries)


def test_associate_returns_both_arns(backend, two_trials):
    response = backend.sagemaker.associate_trial_component(
        TrialComponentName="shared-component", TrialName="trial-one"
    )

    assert response["TrialComponentArn"].endswith(
        ":experiment-trial-component/shared-component"
    )
    assert response["TrialArn"].endswith(":experiment-trial/trial-one")


def test_component_in_two_trials(backend, two_trials):
    backend.moto_deviates("a trial component keeps only its newest trial association")
    for trial in two_trials:
        backend.sagemaker.associate_trial_component(
            TrialComponentName="shared-component", TrialName=trial
        )

    assert _component_names(backend, TrialName="trial-one") == ["shared-component"]
    assert _component_names(backend, TrialName="trial-two") == ["shared-component"]
    assert _component_names(backend, ExperimentName="churn-study") == [
        "shared-component"
    ]
    assert _trial_names(backend, TrialComponentName="shared-component") == list(
        two_trials
    )
    assert _trial_names(backend, TrialComponentName="lone-component") == []


def test_disassociate_removes_link(backend, two_trials):
    backend.moto_deviates("a trial component keeps only its newest trial association")
    for trial in two_trials:
        backend.sagemaker.associate_trial_component(
            TrialComponentName="shared-component", TrialName=trial
        )

    response = backend.sagemaker.disassociate_trial_component(
        TrialComponentName="shared-component", TrialName="trial-one"
    )

    assert response["TrialArn"].endswith(":experiment-trial/trial-one")
    assert _component_names(backend, TrialName="trial-one") == []
    assert _component_names(backend, TrialName="trial-two") == ["shared-component"]
    assert _component_names(backend, ExperimentName="churn-study") == [
        "shared-component"
    ]


def test_list_trials_by_component(backend, two_trials):
    backend.sagemaker.associate_trial_component(
        TrialComponentName="shared-component", TrialName="trial-two"
    )

    assert _trial_names(backend, TrialComponentName="shared-component") == ["trial-two"]
    assert _trial_names(backend, TrialComponentName="lone-component") == []


def test_associate_twice_keeps_one_link(backend, two_trials):
    for _ in range(2):
        backend.sagemaker.associate_trial_component(
            TrialComponentName="shared-component", TrialName="trial-one"
        )

    assert _component_names(backend, TrialName="trial-one") == ["shared-component"]


def test_trial_search_lists_components(backend, two_trials):
    backend.sagemaker.associate_trial_component(
        TrialComponentName="shared-component", TrialName="trial-one"
    )
    backend.moto_deviates("Search on ExperimentTrial rejects the property TrialName")

    results = backend.sagemaker.search(
        Resource="ExperimentTrial",
        SearchExpression={
            "Filters": [
                {"Name": "TrialName", "Operator": "Equals", "Value": "trial-one"}
            ]
        },
    )["Results"]

    assert [result["Trial"]["TrialName"] for result in results] == ["trial-one"]
    summaries = results[0]["Trial"]["TrialComponentSummaries"]
    assert [summary["TrialComponentName"] for summary in summaries] == [
        "shared-component"
    ]
