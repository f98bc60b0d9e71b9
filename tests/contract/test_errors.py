"""Error codes and messages for duplicate, missing and invalid names, and parents with children.

SageMaker rejects a duplicate create with ``ValidationException`` whose message contains
"already exists" (the SDK v2 load-or-create logic matches that text), a missing resource with
``ResourceNotFound``, and a name that breaks the model's pattern or length with
``ValidationException``. Which code a delete with children gets is not documented, so those
tests check only that the delete is rejected and that nothing was deleted.
"""

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from .client_errors import assert_client_error

INVALID_NAMES = [
    pytest.param("churn_study", id="underscore"),
    pytest.param("churn.study", id="dot"),
    pytest.param("churn study", id="space"),
    pytest.param("-churn", id="leading-hyphen"),
    pytest.param("churn-", id="trailing-hyphen"),
    pytest.param("a" * 121, id="121-characters"),
]


def _create_experiment(client, name):
    return client.create_experiment(ExperimentName=name)


def _create_trial(client, name):
    return client.create_trial(TrialName=name, ExperimentName=PARENT_EXPERIMENT)


def _create_trial_component(client, name):
    return client.create_trial_component(TrialComponentName=name)


# Every test that uses CREATES gets this experiment first, so the trial creates have a parent.
PARENT_EXPERIMENT = "parent-experiment"


@pytest.fixture
def parent_experiment(backend):
    backend.sagemaker.create_experiment(ExperimentName=PARENT_EXPERIMENT)
    return PARENT_EXPERIMENT


CREATES = [
    pytest.param(_create_experiment, id="experiment"),
    pytest.param(_create_trial, id="trial"),
    pytest.param(_create_trial_component, id="trial-component"),
]


@pytest.mark.parametrize("create", CREATES)
def test_duplicate_name_rejected(backend, parent_experiment, create):
    create(backend.sagemaker, "churn-run")
    backend.moto_deviates("a second create with the same name overwrites the first")

    with pytest.raises(ClientError) as raised:
        create(backend.sagemaker, "churn-run")

    assert_client_error(
        raised.value, "ValidationException", "already exists", "churn-run"
    )


@pytest.mark.parametrize("create", CREATES)
def test_duplicate_name_ignores_case(backend, parent_experiment, create):
    create(backend.sagemaker, "churn-run")
    backend.moto_deviates(
        "names are case-sensitive, so another case creates a second resource"
    )

    with pytest.raises(ClientError) as raised:
        create(backend.sagemaker, "CHURN-RUN")

    assert_client_error(raised.value, "ValidationException", "already exists")


@pytest.mark.parametrize("create", CREATES)
@pytest.mark.parametrize("name", INVALID_NAMES)
def test_invalid_name_rejected(backend, parent_experiment, create, name):
    backend.moto_deviates("names are not checked against the model's pattern or length")

    with pytest.raises(ClientError) as raised:
        create(backend.sagemaker, name)

    assert_client_error(raised.value, "ValidationException")


@pytest.mark.parametrize("create", CREATES)
def test_empty_name_fails_client_side(backend, parent_experiment, create):
    # boto3 checks the model's minimum length before sending, so the local client must raise
    # the same ParamValidationError instead of a service error.
    with pytest.raises(ParamValidationError):
        create(backend.sagemaker, "")


def test_missing_required_parameter_fails_client_side(backend):
    with pytest.raises(ParamValidationError) as raised:
        backend.sagemaker.create_trial(TrialName="orphan")

    assert "ExperimentName" in str(raised.value)


def test_unknown_parameter_fails_client_side(backend):
    with pytest.raises(ParamValidationError) as raised:
        backend.sagemaker.create_experiment(ExperimentName="churn-study", Colour="blue")

    assert "Colour" in str(raised.value)


MISSING_CALLS = [
    pytest.param(
        "describe_experiment",
        {"ExperimentName": "missing-one"},
        id="describe-experiment",
    ),
    pytest.param(
        "update_experiment", {"ExperimentName": "missing-one"}, id="update-experiment"
    ),
    pytest.param(
        "delete_experiment", {"ExperimentName": "missing-one"}, id="delete-experiment"
    ),
    pytest.param("describe_trial", {"TrialName": "missing-one"}, id="describe-trial"),
    pytest.param("update_trial", {"TrialName": "missing-one"}, id="update-trial"),
    pytest.param("delete_trial", {"TrialName": "missing-one"}, id="delete-trial"),
    pytest.param(
        "describe_trial_component",
        {"TrialComponentName": "missing-one"},
        id="describe-component",
    ),
    pytest.param(
        "update_trial_component",
        {"TrialComponentName": "missing-one"},
        id="update-component",
    ),
    pytest.param(
        "delete_trial_component",
        {"TrialComponentName": "missing-one"},
        id="delete-component",
    ),
]


@pytest.mark.parametrize(("method", "arguments"), MISSING_CALLS)
def test_missing_resource_not_found(backend, method, arguments):
    backend.moto_deviates("a missing name gets ValidationException or HTTP 500")

    with pytest.raises(ClientError) as raised:
        getattr(backend.sagemaker, method)(**arguments)

    assert_client_error(raised.value, "ResourceNotFound", "missing-one")


def test_trial_needs_existing_experiment(backend):
    backend.moto_deviates("CreateTrial accepts an experiment that does not exist")

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.create_trial(TrialName="orphan", ExperimentName="missing-one")

    assert_client_error(raised.value, "ResourceNotFound", "missing-one")


def test_associate_missing_component_not_found(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.moto_deviates("associating a missing trial component answers HTTP 500")

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.associate_trial_component(
            TrialComponentName="missing-one", TrialName="trial-one"
        )

    assert_client_error(raised.value, "ResourceNotFound", "missing-one")


def test_associate_missing_trial_not_found(backend):
    backend.sagemaker.create_trial_component(TrialComponentName="component-one")

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.associate_trial_component(
            TrialComponentName="component-one", TrialName="missing-one"
        )

    assert_client_error(raised.value, "ResourceNotFound", "missing-one")


def test_delete_experiment_with_trials_rejected(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.moto_deviates(
        "DeleteExperiment deletes an experiment that still has trials"
    )

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.delete_experiment(ExperimentName="churn-study")

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "churn-study" in raised.value.response["Error"]["Message"]
    described = backend.sagemaker.describe_experiment(ExperimentName="churn-study")
    assert described["ExperimentName"] == "churn-study"


def test_delete_trial_with_components_rejected(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.sagemaker.create_trial_component(TrialComponentName="component-one")
    backend.sagemaker.associate_trial_component(
        TrialComponentName="component-one", TrialName="trial-one"
    )
    backend.moto_deviates("DeleteTrial deletes a trial that still has trial components")

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.delete_trial(TrialName="trial-one")

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "trial-one" in raised.value.response["Error"]["Message"]
    described = backend.sagemaker.describe_trial(TrialName="trial-one")
    assert described["TrialName"] == "trial-one"


def test_delete_associated_component_rejected(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.sagemaker.create_trial_component(TrialComponentName="component-one")
    backend.sagemaker.associate_trial_component(
        TrialComponentName="component-one", TrialName="trial-one"
    )
    backend.moto_deviates(
        "DeleteTrialComponent deletes a component that is still associated"
    )

    with pytest.raises(ClientError) as raised:
        backend.sagemaker.delete_trial_component(TrialComponentName="component-one")

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "component-one" in raised.value.response["Error"]["Message"]
    described = backend.sagemaker.describe_trial_component(
        TrialComponentName="component-one"
    )
    assert described["TrialComponentName"] == "component-one"


def test_delete_after_disassociate_succeeds(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    backend.sagemaker.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    backend.sagemaker.create_trial_component(TrialComponentName="component-one")
    backend.sagemaker.associate_trial_component(
        TrialComponentName="component-one", TrialName="trial-one"
    )

    backend.sagemaker.disassociate_trial_component(
        TrialComponentName="component-one", TrialName="trial-one"
    )
    backend.sagemaker.delete_trial_component(TrialComponentName="component-one")
    backend.sagemaker.delete_trial(TrialName="trial-one")
    backend.sagemaker.delete_experiment(ExperimentName="churn-study")

    assert backend.sagemaker.list_experiments()["ExperimentSummaries"] == []
    assert backend.sagemaker.list_trial_components()["TrialComponentSummaries"] == []
