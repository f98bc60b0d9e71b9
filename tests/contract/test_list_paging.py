"""MaxResults, NextToken, SortBy and SortOrder of ListExperiments, ListTrials and
ListTrialComponents.

The default page size is 10 and the default order is CreationTime, descending.
"""

import time

import pytest

# Names in creation order. Their alphabetical order differs, so sorting by Name and by
# CreationTime give different lists.
NAMES = [f"item-{letter}" for letter in "qwertyuiopasdfghjklz"]


def _create_all(backend, kind):
    if kind != "experiment":
        backend.sagemaker.create_experiment(ExperimentName="churn-study")
    if kind == "component":
        backend.sagemaker.create_trial(
            TrialName="trial-one", ExperimentName="churn-study"
        )

    for name in NAMES:
        if kind == "experiment":
            backend.sagemaker.create_experiment(ExperimentName=name)
        elif kind == "trial":
            backend.sagemaker.create_trial(TrialName=name, ExperimentName="churn-study")
        else:
            backend.sagemaker.create_trial_component(TrialComponentName=name)
            backend.sagemaker.associate_trial_component(
                TrialComponentName=name, TrialName="trial-one"
            )
        # Distinct creation times make the CreationTime order unambiguous. This is setup only.
        time.sleep(0.002)


def _list_page(backend, kind, **arguments):
    if kind == "experiment":
        response = backend.sagemaker.list_experiments(**arguments)
        return [s["ExperimentName"] for s in response["ExperimentSummaries"]], response
    if kind == "trial":
        response = backend.sagemaker.list_trials(
            ExperimentName="churn-study", **arguments
        )
        return [s["TrialName"] for s in response["TrialSummaries"]], response
    response = backend.sagemaker.list_trial_components(
        TrialName="trial-one", **arguments
    )
    return [
        s["TrialComponentName"] for s in response["TrialComponentSummaries"]
    ], response


def _list_all(backend, kind, **arguments):
    names, response = _list_page(backend, kind, **arguments)
    pages = 1
    while response.get("NextToken"):
        page, response = _list_page(
            backend, kind, NextToken=response["NextToken"], **arguments
        )
        names.extend(page)
        pages += 1
    return names, pages


KINDS = ["experiment", "trial", "component"]


@pytest.mark.parametrize("kind", KINDS)
def test_list_pages_cover_everything(backend, kind):
    _create_all(backend, kind)

    names, pages = _list_all(backend, kind, MaxResults=7)

    assert sorted(names) == sorted(NAMES)
    assert pages == 3


@pytest.mark.parametrize("kind", KINDS)
def test_list_default_page_size(backend, kind):
    _create_all(backend, kind)

    names, response = _list_page(backend, kind)

    backend.moto_deviates("List calls return every item when MaxResults is absent")
    assert len(names) == 10
    assert response["NextToken"]


@pytest.mark.parametrize("kind", KINDS)
def test_list_default_order_newest_first(backend, kind):
    _create_all(backend, kind)

    names, _ = _list_all(backend, kind)

    backend.moto_deviates("List calls return items in insertion order, oldest first")
    assert names == list(reversed(NAMES))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("order", ["Ascending", "Descending"])
def test_list_sorted_by_name(backend, kind, order):
    _create_all(backend, kind)

    names, _ = _list_all(backend, kind, SortBy="Name", SortOrder=order, MaxResults=6)

    backend.moto_deviates("List calls ignore SortBy and SortOrder")
    assert names == sorted(NAMES, reverse=order == "Descending")


@pytest.mark.parametrize("kind", KINDS)
def test_list_sorted_by_creation_ascending(backend, kind):
    _create_all(backend, kind)

    names, _ = _list_all(backend, kind, SortBy="CreationTime", SortOrder="Ascending")

    assert names == NAMES


@pytest.mark.parametrize("kind", KINDS)
def test_list_last_page_has_no_token(backend, kind):
    _create_all(backend, kind)

    names, response = _list_page(backend, kind, MaxResults=100)

    assert len(names) == len(NAMES)
    assert "NextToken" not in response
