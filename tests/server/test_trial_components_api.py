"""GET trial-components: scoping, filters, sorting, cursor paging, detail and errors."""

import json

import pytest

LIST = "/trial-components"


async def list_names(api, **params):
    status, body = await api("trial-components", params=params)
    assert status == 200, body
    return [item["name"] for item in body["items"]]


async def test_list_all_rows(api, tour_data, check_response):
    status, body = await api("trial-components")

    assert status == 200
    check_response(LIST, 200, body)
    assert body["total"] == 4
    assert body["totalRelation"] == "EqualTo"
    assert body["nextCursor"] is None
    assert sorted(item["name"] for item in body["items"]) == [
        "loose-component",
        "training-high",
        "training-low",
        "training-mid",
    ]
    assert body["parameterNames"] == ["eta", "min_child_weight", "objective"]
    assert body["metricNames"] == ["train:error", "validation:error"]


async def test_row_fields_flattened(api, tour_data):
    status, body = await api("trial-components", params={"trial": "trial-eta-low"})

    assert status == 200
    (row,) = body["items"]
    assert row["name"] == "training-low"
    assert row["displayName"] == "training-low"
    assert row["status"] == "Completed"
    assert row["type"] == "Other"
    assert row["experiments"] == ["churn-experiment"]
    assert row["trials"] == ["trial-eta-low"]
    assert row["parameters"] == {"eta": 0.1, "min_child_weight": 1, "objective": "binary:logistic"}

    summary = row["metrics"]["validation:error"]
    assert summary["last"] == pytest.approx(0.30)
    assert summary["min"] == pytest.approx(0.30)
    assert summary["max"] == pytest.approx(0.50)
    assert summary["avg"] == pytest.approx(0.40)
    assert summary["count"] == 3


async def test_experiment_scope(api, tour_data):
    names = await list_names(api, experiment="churn-experiment")

    assert sorted(names) == ["training-high", "training-low", "training-mid"]
    assert await list_names(api, experiment="other-experiment") == []


async def test_unassigned_scope(api, tour_data):
    assert await list_names(api, unassigned="true") == ["loose-component"]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("asc", ["training-low", "training-mid", "training-high"]),
        ("desc", ["training-high", "training-mid", "training-low"]),
    ],
)
async def test_sort_by_parameter(api, tour_data, order, expected):
    names = await list_names(api, experiment="churn-experiment", sort="Parameters.eta", order=order)

    assert names == expected


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("asc", ["training-high", "training-mid", "training-low"]),
        ("desc", ["training-low", "training-mid", "training-high"]),
    ],
)
async def test_sort_by_metric_last(api, tour_data, order, expected):
    names = await list_names(
        api, experiment="churn-experiment", sort="Metrics.validation:error.Last", order=order
    )

    assert names == expected


async def test_sort_by_name_alias(api, tour_data):
    names = await list_names(api, sort="Name", order="asc")

    assert names == ["loose-component", "training-high", "training-low", "training-mid"]


async def test_filter_on_parameter(api, tour_data):
    search_filter = [{"Name": "Parameters.min_child_weight", "Operator": "GreaterThan", "Value": "2"}]

    names = await list_names(api, filter=json.dumps(search_filter), sort="Name", order="asc")

    assert names == ["training-high", "training-mid"]


async def test_filter_with_numeric_value(api, tour_data):
    search_filter = [{"Name": "Parameters.eta", "Operator": "LessThanOrEqualTo", "Value": 0.2}]

    names = await list_names(api, filter=json.dumps(search_filter), sort="Name", order="asc")

    assert names == ["training-low", "training-mid"]


@pytest.fixture
def many_components(sagemaker_client, add_component):
    """130 components in one trial, with index = 0..129 and validation:error = index / 1000."""
    sagemaker_client.create_experiment(ExperimentName="paging-experiment")
    sagemaker_client.create_trial(TrialName="paging-trial", ExperimentName="paging-experiment")
    for index in range(130):
        add_component(
            f"component-{index:03d}",
            {"index": index},
            "paging-trial",
            metrics={"validation:error": [index / 1000]},
        )
    return 130


@pytest.mark.parametrize("sort", ["Parameters.index", "Metrics.validation:error.Last"])
async def test_cursor_paging_over_all_rows(api, many_components, check_response, sort):
    seen = []
    cursor = None
    pages = 0
    while True:
        params = {"trial": "paging-trial", "sort": sort, "order": "asc", "limit": "50"}
        if cursor:
            params["cursor"] = cursor
        status, body = await api("trial-components", params=params)
        assert status == 200, body
        check_response(LIST, 200, body)
        assert body["total"] == many_components
        seen.extend(item["name"] for item in body["items"])
        pages += 1
        cursor = body["nextCursor"]
        if cursor is None:
            break
        assert pages < 10, "paging did not end"

    assert pages == 3
    assert seen == [f"component-{index:03d}" for index in range(130)]


async def test_limit_hundred_page(api, many_components):
    status, body = await api("trial-components", params={"trial": "paging-trial", "limit": "100"})

    assert status == 200
    assert len(body["items"]) == 100
    assert body["total"] == 130
    assert body["nextCursor"] is not None


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"order": "up"}, "order"),
        ({"filter": "[{"}, "filter"),
        ({"filter": '{"Name": "eta"}'}, "filter"),
        ({"filter": '[{"Name": "Parameters.eta", "Operator": "Above", "Value": "1"}]'}, "filter[0].Operator"),
        ({"sort": "Metrics.validation:error.Median"}, "sort"),
        ({"unassigned": "maybe"}, "unassigned"),
        ({"unassigned": "true", "trial": "trial-eta-low"}, "unassigned=true"),
    ],
)
async def test_invalid_parameters_are_400(api, tour_data, check_response, params, parameter):
    status, body = await api("trial-components", params=params)

    assert status == 400
    check_response(LIST, 400, body)
    assert parameter in body["message"]


async def test_garbage_cursor_is_400(api, tour_data):
    status, body = await api("trial-components", params={"cursor": "not-a-token"})

    assert status == 400
    assert body["message"].startswith("Invalid cursor:")
    assert "reload the first page without cursor" in body["message"]


async def test_component_detail(api, tour_data, check_response):
    status, body = await api("trial-components", "training-mid")

    assert status == 200
    check_response("/trial-components/{trialComponentName}", 200, body)
    assert body["name"] == "training-mid"
    assert body["parents"] == [{"trialName": "trial-eta-high", "experimentName": "churn-experiment"}]
    assert body["outputArtifacts"] == {
        "SageMaker.ModelArtifact": {"value": "s3://bucket/training-mid/model.tar.gz", "mediaType": None}
    }
    assert body["inputArtifacts"] == {}
    assert body["parameters"]["min_child_weight"] == 3
    assert body["metrics"]["validation:error"]["last"] == pytest.approx(0.20)


async def test_component_detail_run_type_from_tag(api, sagemaker_client):
    sagemaker_client.create_trial_component(
        TrialComponentName="notebook-run",
        Tags=[{"Key": "sagemaker:trial-component-source", "Value": "run"}],
    )

    status, body = await api("trial-components", "notebook-run")

    assert status == 200
    assert body["type"] == "Run"
    assert body["tags"] == {"sagemaker:trial-component-source": "run"}
    assert body["parents"] == []


async def test_component_missing_is_404(api, tour_data, check_response):
    status, body = await api("trial-components", "no-such-component")

    assert status == 404
    check_response("/trial-components/{trialComponentName}", 404, body)
    assert "no-such-component" in body["message"]


async def test_cursor_of_other_sort_is_400(api, many_components):
    status, first = await api(
        "trial-components", params={"trial": "paging-trial", "sort": "Parameters.index", "limit": "10"}
    )
    assert status == 200
    assert first["nextCursor"] is not None

    status, body = await api(
        "trial-components",
        params={"trial": "paging-trial", "sort": "Name", "limit": "10", "cursor": first["nextCursor"]},
    )

    assert status == 400
    assert body["message"].startswith("Invalid cursor:")
