"""The Search request behind the trial-component list: filters, sort keys and their errors."""

import pytest

from churn_studio_ext.server.errors import BadRequest
from churn_studio_ext.server.search_request import (
    TrialComponentQuery,
    build_search_request,
    sort_property,
    validate_filters,
)


def test_default_request_has_no_expression():
    request = build_search_request(TrialComponentQuery())

    assert request == {
        "Resource": "ExperimentTrialComponent",
        "SortBy": "CreationTime",
        "SortOrder": "Descending",
        "MaxResults": 50,
    }


def test_experiment_trial_and_filters_joined_with_and():
    query = TrialComponentQuery(
        experiment="churn-experiment",
        trial="trial-eta-low",
        filters=[{"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": 0.1}],
        sort="Metrics.validation:error.Last",
        order="asc",
        limit=10,
        cursor="token-1",
    )

    request = build_search_request(query)

    assert request["SearchExpression"] == {
        "Operator": "And",
        "Filters": [
            {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": "churn-experiment"},
            {"Name": "Parents.TrialName", "Operator": "Equals", "Value": "trial-eta-low"},
            {"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.1"},
        ],
    }
    assert request["SortBy"] == "Metrics.validation:error.Last"
    assert request["SortOrder"] == "Ascending"
    assert request["MaxResults"] == 10
    assert request["NextToken"] == "token-1"


def test_unassigned_uses_not_exists():
    request = build_search_request(TrialComponentQuery(unassigned=True))

    assert request["SearchExpression"]["Filters"] == [
        {"Name": "Parents.TrialName", "Operator": "NotExists"}
    ]


def test_unassigned_with_trial_rejected():
    with pytest.raises(BadRequest, match="unassigned=true"):
        build_search_request(TrialComponentQuery(unassigned=True, trial="trial-eta-low"))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("Name", "TrialComponentName"),
        ("DisplayName", "DisplayName"),
        ("Status.PrimaryStatus", "Status.PrimaryStatus"),
        ("Parameters.min_child_weight", "Parameters.min_child_weight"),
        ("Metrics.validation:error.Last", "Metrics.validation:error.Last"),
        ("Metrics.loss.v2.StdDev", "Metrics.loss.v2.StdDev"),
    ],
)
def test_sort_keys_accepted(sort, expected):
    assert sort_property(sort) == expected


@pytest.mark.parametrize(
    ("sort", "message"),
    [
        ("Size", "Invalid sort 'Size'"),
        ("Parameters.", "Invalid sort 'Parameters.'"),
        ("Metrics.validation:error", "statistic one of Min, Max"),
        ("Metrics.validation:error.Median", "statistic one of Min, Max"),
    ],
)
def test_sort_keys_rejected(sort, message):
    with pytest.raises(BadRequest, match=message):
        sort_property(sort)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"Name": "eta"}, "expected a JSON array"),
        (["eta"], r"filter\[0\]: expected an object"),
        ([{"Operator": "Equals", "Value": "1"}], r"filter\[0\]\.Name None"),
        ([{"Name": "Parameters.eta", "Operator": "Above", "Value": "1"}], "Operator 'Above'"),
        ([{"Name": "Parameters.eta", "Operator": "Exists", "Value": "1"}], "takes no Value"),
        ([{"Name": "Parameters.eta", "Operator": "Equals"}], "needs a string or number Value"),
        ([{"Name": "Parameters.eta", "Value": True}], "needs a string or number Value"),
        ([{"Name": "Parameters.eta", "Value": "1", "Extra": 1}], "unknown keys"),
    ],
)
def test_invalid_filters_rejected(filters, message):
    with pytest.raises(BadRequest, match=message):
        validate_filters(filters)


def test_filter_operator_defaults_to_equals():
    assert validate_filters([{"Name": "DisplayName", "Value": "Training"}]) == [
        {"Name": "DisplayName", "Operator": "Equals", "Value": "Training"}
    ]


def test_more_than_twenty_filters_rejected():
    filters = [{"Name": f"Parameters.p{i}", "Operator": "Exists"} for i in range(20)]

    with pytest.raises(BadRequest, match="Too many filters: 21"):
        build_search_request(TrialComponentQuery(experiment="churn-experiment", filters=filters))
