"""Search over trial components, trials and experiments: filters, sorting and paging."""

import pytest
from botocore.exceptions import ClientError

from .client_errors import assert_client_error

ALL_COMPONENTS = ["comp-a", "comp-b", "comp-c", "comp-d"]


@pytest.fixture
def components(backend):
    """Four trial components: two in trial-one, one in trial-two, one in no trial."""
    client = backend.sagemaker
    client.create_experiment(ExperimentName="churn-study")
    client.create_experiment(ExperimentName="other-study")
    client.create_trial(TrialName="trial-one", ExperimentName="churn-study")
    client.create_trial(TrialName="trial-two", ExperimentName="other-study")

    # Created out of name order, so insertion order and name order differ.
    client.create_trial_component(
        TrialComponentName="comp-c",
        DisplayName="Processing",
        Parameters={"eta": {"NumberValue": 0.2}},
    )
    client.create_trial_component(
        TrialComponentName="comp-a",
        DisplayName="Training",
        Parameters={
            "eta": {"NumberValue": 0.1},
            "max_depth": {"NumberValue": 3},
            "objective": {"StringValue": "binary:logistic"},
        },
        Tags=[{"Key": "stage", "Value": "train"}],
    )
    client.create_trial_component(TrialComponentName="comp-d", DisplayName="Loose")
    client.create_trial_component(
        TrialComponentName="comp-b",
        DisplayName="Tuning",
        Parameters={
            "eta": {"NumberValue": 0.3},
            "max_depth": {"NumberValue": 6},
            "objective": {"StringValue": "reg:squarederror"},
        },
        Tags=[{"Key": "stage", "Value": "eval"}],
    )

    client.associate_trial_component(TrialComponentName="comp-a", TrialName="trial-one")
    client.associate_trial_component(TrialComponentName="comp-b", TrialName="trial-one")
    client.associate_trial_component(TrialComponentName="comp-c", TrialName="trial-two")
    return ALL_COMPONENTS


def _search_names(backend, expression=None, **arguments):
    request = {"Resource": "ExperimentTrialComponent", **arguments}
    if expression is not None:
        request["SearchExpression"] = expression
    results = backend.sagemaker.search(**request)["Results"]
    return [result["TrialComponent"]["TrialComponentName"] for result in results]


def _filter(name, operator, value=None):
    condition = {"Name": name, "Operator": operator}
    if value is not None:
        condition["Value"] = value
    return {"Filters": [condition]}


def test_search_without_expression(backend, components):
    assert sorted(_search_names(backend)) == components


PORTABLE_FILTERS = [
    pytest.param(
        "TrialComponentName", "Equals", "comp-b", ["comp-b"], id="name-equals"
    ),
    pytest.param(
        "TrialComponentName",
        "NotEquals",
        "comp-a",
        ["comp-b", "comp-c", "comp-d"],
        id="name-not-equals",
    ),
    pytest.param(
        "DisplayName", "Contains", "rain", ["comp-a"], id="display-name-contains"
    ),
    pytest.param("Tags.stage", "Equals", "train", ["comp-a"], id="tag-equals"),
    pytest.param(
        "Parents.TrialName",
        "Equals",
        "trial-one",
        ["comp-a", "comp-b"],
        id="parent-trial",
    ),
]


@pytest.mark.parametrize(("name", "operator", "value", "expected"), PORTABLE_FILTERS)
def test_search_filter(backend, components, name, operator, value, expected):
    if name.startswith("Tags."):
        backend.moto_deviates(
            "trial components lose the Tags given to CreateTrialComponent"
        )

    names = _search_names(backend, _filter(name, operator, value))

    assert sorted(names) == expected


LOCAL_FILTERS = [
    pytest.param(
        "TrialComponentName", "In", "comp-a,comp-c", ["comp-a", "comp-c"], id="name-in"
    ),
    pytest.param(
        "Parents.ExperimentName",
        "Equals",
        "churn-study",
        ["comp-a", "comp-b"],
        id="parent-experiment",
    ),
    pytest.param(
        "Parameters.eta", "GreaterThan", "0.15", ["comp-b", "comp-c"], id="number-gt"
    ),
    pytest.param(
        "Parameters.eta",
        "GreaterThanOrEqualTo",
        "0.2",
        ["comp-b", "comp-c"],
        id="number-ge",
    ),
    pytest.param("Parameters.max_depth", "LessThan", "6", ["comp-a"], id="number-lt"),
    pytest.param(
        "Parameters.max_depth",
        "LessThanOrEqualTo",
        "6",
        ["comp-a", "comp-b"],
        id="number-le",
    ),
    pytest.param(
        "Parameters.objective",
        "Equals",
        "binary:logistic",
        ["comp-a"],
        id="string-equals",
    ),
    pytest.param(
        "Parameters.objective", "Contains", "squared", ["comp-b"], id="string-contains"
    ),
    pytest.param(
        "Parameters.max_depth", "Exists", None, ["comp-a", "comp-b"], id="exists"
    ),
    pytest.param(
        "Parameters.max_depth", "NotExists", None, ["comp-c", "comp-d"], id="not-exists"
    ),
]


@pytest.mark.parametrize(("name", "operator", "value", "expected"), LOCAL_FILTERS)
def test_search_filter_beyond_moto(
    backend, components, name, operator, value, expected
):
    backend.moto_deviates(
        "Search rejects Parameters.<name> and Parents.ExperimentName and ignores the In operator"
    )

    names = _search_names(backend, _filter(name, operator, value))

    assert sorted(names) == expected


def test_search_filter_defaults_to_equals(backend, components):
    expression = {"Filters": [{"Name": "TrialComponentName", "Value": "comp-c"}]}
    backend.moto_deviates("Search answers HTTP 500 to a filter without Operator")

    assert _search_names(backend, expression) == ["comp-c"]


def test_search_or_operator(backend, components):
    expression = {
        "Filters": [
            {"Name": "TrialComponentName", "Operator": "Equals", "Value": "comp-a"},
            {"Name": "TrialComponentName", "Operator": "Equals", "Value": "comp-d"},
        ],
        "Operator": "Or",
    }
    backend.moto_deviates("Search ignores Operator Or and joins filters with And")

    assert sorted(_search_names(backend, expression)) == ["comp-a", "comp-d"]


def test_search_sub_expressions(backend, components):
    expression = {
        "Filters": [
            {"Name": "Parents.TrialName", "Operator": "Equals", "Value": "trial-one"}
        ],
        "SubExpressions": [
            {
                "Filters": [
                    {"Name": "Tags.stage", "Operator": "Equals", "Value": "eval"},
                    {
                        "Name": "TrialComponentName",
                        "Operator": "Equals",
                        "Value": "comp-c",
                    },
                ],
                "Operator": "Or",
            }
        ],
    }
    backend.moto_deviates("Search ignores SubExpressions")

    assert _search_names(backend, expression) == ["comp-b"]


def test_search_second_contains_rejected(backend, components):
    expression = {
        "Filters": [
            {"Name": "Parameters.objective", "Operator": "Contains", "Value": "binary"},
            {
                "Name": "Parameters.objective",
                "Operator": "Contains",
                "Value": "logistic",
            },
        ]
    }
    backend.moto_deviates("Search allows any number of Contains filters")

    with pytest.raises(ClientError) as raised:
        _search_names(backend, expression)

    assert_client_error(raised.value, "ValidationException", "CONTAINS")


def test_search_several_display_name_contains(backend, components):
    expression = {
        "Filters": [
            {"Name": "DisplayName", "Operator": "Contains", "Value": "Tr"},
            {"Name": "DisplayName", "Operator": "Contains", "Value": "ing"},
        ]
    }

    assert _search_names(backend, expression) == ["comp-a"]


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
def test_search_sorted_by_name(backend, components, order):
    backend.moto_deviates("Search ignores SortBy and SortOrder")

    names = _search_names(backend, SortBy="TrialComponentName", SortOrder=order)

    assert names == sorted(components, reverse=order == "Descending")


def test_search_sorted_by_parameter(backend, components):
    backend.moto_deviates("Search ignores SortBy and rejects Parameters.<name>")

    names = _search_names(
        backend,
        _filter("Parameters.eta", "Exists"),
        SortBy="Parameters.eta",
        SortOrder="Descending",
    )

    assert names == ["comp-b", "comp-c", "comp-a"]


def test_search_default_sort_last_modified(backend, components):
    backend.sagemaker.update_trial_component(
        TrialComponentName="comp-b", DisplayName="Retuned"
    )
    backend.moto_deviates("Search returns results in insertion order")

    names = _search_names(backend)

    assert names[0] == "comp-b"


def test_search_pages_cover_everything(backend, components):
    response = backend.sagemaker.search(
        Resource="ExperimentTrialComponent", MaxResults=3
    )
    backend.moto_deviates("Search ignores MaxResults and NextToken")
    first_page = response["Results"]
    second_page = backend.sagemaker.search(
        Resource="ExperimentTrialComponent",
        MaxResults=3,
        NextToken=response["NextToken"],
    )

    names = [record["TrialComponent"]["TrialComponentName"] for record in first_page]
    names += [
        record["TrialComponent"]["TrialComponentName"]
        for record in second_page["Results"]
    ]

    assert len(first_page) == 3
    assert sorted(names) == components
    assert "NextToken" not in second_page


def test_search_record_carries_details(backend, components):
    results = backend.sagemaker.search(
        Resource="ExperimentTrialComponent",
        SearchExpression=_filter("TrialComponentName", "Equals", "comp-a"),
    )["Results"]

    record = results[0]["TrialComponent"]
    assert record["DisplayName"] == "Training"
    assert record["Parameters"]["max_depth"] == {"NumberValue": 3.0}
    assert record["Parameters"]["objective"] == {"StringValue": "binary:logistic"}
    backend.moto_deviates(
        "trial components lose their Tags, and Search records lack Parents"
    )
    assert {"Key": "stage", "Value": "train"} in record["Tags"]
    assert record["Parents"] == [
        {"TrialName": "trial-one", "ExperimentName": "churn-study"}
    ]


def test_search_experiments(backend, components):
    results = backend.sagemaker.search(
        Resource="Experiment",
        SearchExpression=_filter("ExperimentName", "Equals", "churn-study"),
    )["Results"]

    assert [result["Experiment"]["ExperimentName"] for result in results] == [
        "churn-study"
    ]
    assert results[0]["Experiment"]["ExperimentArn"].endswith(":experiment/churn-study")


def test_search_trials_by_experiment(backend, components):
    backend.moto_deviates(
        "Search on ExperimentTrial rejects the property ExperimentName"
    )

    results = backend.sagemaker.search(
        Resource="ExperimentTrial",
        SearchExpression=_filter("ExperimentName", "Equals", "other-study"),
    )["Results"]

    assert [result["Trial"]["TrialName"] for result in results] == ["trial-two"]
    summaries = results[0]["Trial"]["TrialComponentSummaries"]
    assert [summary["TrialComponentName"] for summary in summaries] == ["comp-c"]
