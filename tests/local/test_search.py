"""Search on the local store: filters, operators, properties, sorting, paging and validation.

The rows are written with SQL straight into a fresh store, so these tests exercise only the
search code.
"""

import random
import types
from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from churn_studio_ext.local import search as search_module
from churn_studio_ext.local.search import search
from churn_studio_ext.local.store import Store

ARN = "arn:aws:sagemaker:local:000000000000:"
T0 = 1_700_000_000.0
STATS = ("min", "max", "avg", "std_dev", "last", "count")


class Fixture:
    """A store plus helpers that insert rows with SQL."""

    def __init__(self, home):
        self.store = Store(home)
        self.client = types.SimpleNamespace(
            store=self.store, meta=types.SimpleNamespace(region_name="local")
        )
        self.ids: dict[str, int] = {}

    def experiment(self, name, tags=None, display_name=None):
        arn = f"{ARN}experiment/{name}"
        with self.store.write() as conn:
            cursor = conn.execute(
                "INSERT INTO experiment (name, name_key, arn, display_name, created_time, "
                "last_modified_time) VALUES (?, ?, ?, ?, ?, ?)",
                (name, name.lower(), arn, display_name, T0, T0),
            )
            self._tags(conn, arn, tags)
        self.ids[name] = cursor.lastrowid

    def trial(self, name, experiment, created=T0):
        arn = f"{ARN}experiment-trial/{name}"
        with self.store.write() as conn:
            cursor = conn.execute(
                "INSERT INTO trial (name, name_key, arn, experiment_id, created_time, "
                "last_modified_time) VALUES (?, ?, ?, ?, ?, ?)",
                (name, name.lower(), arn, self.ids[experiment], created, created),
            )
        self.ids[name] = cursor.lastrowid

    def component(
        self,
        name,
        *,
        created,
        modified=None,
        display_name=None,
        status=None,
        source_arn=None,
        parameters=None,
        metrics=None,
        tags=None,
        trials=(),
        inputs=None,
        outputs=None,
    ):
        arn = f"{ARN}experiment-trial-component/{name.lower()}"
        with self.store.write() as conn:
            cursor = conn.execute(
                "INSERT INTO trial_component (name, name_key, arn, display_name, status, "
                "source_arn, source_type, start_time, created_time, last_modified_time, created_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    arn,
                    display_name,
                    status,
                    source_arn,
                    "SageMakerTrainingJob" if source_arn else None,
                    created,
                    created,
                    modified if modified is not None else created,
                    '{"UserProfileName": "ana"}',
                ),
            )
            component_id = cursor.lastrowid
            for key, value in (parameters or {}).items():
                number = value if isinstance(value, (int, float)) else None
                string = value if isinstance(value, str) else None
                conn.execute(
                    "INSERT INTO parameter VALUES (?, ?, ?, ?)", (component_id, key, string, number)
                )
            for metric, stats in (metrics or {}).items():
                conn.execute(
                    "INSERT INTO metric_summary (trial_component_id, name, count, min, max, mean, "
                    "m2, avg, std_dev, last, last_step, last_timestamp, updated_time) "
                    "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?)",
                    (
                        component_id,
                        metric,
                        stats.get("count", 3),
                        stats.get("min", 0.0),
                        stats.get("max", 1.0),
                        stats.get("avg", 0.5),
                        stats.get("avg", 0.5),
                        stats.get("std_dev", 0.1),
                        stats["last"],
                        created,
                        created,
                    ),
                )
            for direction, artifacts in (("input", inputs), ("output", outputs)):
                for key, value in (artifacts or {}).items():
                    conn.execute(
                        "INSERT INTO artifact VALUES (?, ?, ?, ?, ?)",
                        (component_id, direction, key, value, "text/csv"),
                    )
            for trial in trials:
                conn.execute(
                    "INSERT INTO trial_component_association VALUES (?, ?, ?)",
                    (component_id, self.ids[trial], created),
                )
            self._tags(conn, arn, tags)
        self.ids[name] = component_id

    @staticmethod
    def _tags(conn, arn, tags):
        for key, value in (tags or {}).items():
            conn.execute("INSERT INTO tag VALUES (?, ?, ?)", (arn, key, value))

    def search(self, **kwargs):
        kwargs.setdefault("Resource", "ExperimentTrialComponent")
        kwargs.setdefault("MaxResults", 100)
        return search(self.client, **kwargs)

    def names(self, filters=None, operator=None, **kwargs):
        if filters is not None:
            expression = {"Filters": filters}
            if operator:
                expression["Operator"] = operator
            kwargs["SearchExpression"] = expression
        response = self.search(**kwargs)
        names = [record["TrialComponent"]["TrialComponentName"] for record in response["Results"]]
        # Every fixture fits in one page, so the count must equal the rows returned.
        assert "NextToken" not in response
        assert response["TotalHits"]["Value"] == len(names)
        return names


@pytest.fixture
def tour(tmp_path):
    """Six components with varied parameters, metrics, tags, artifacts and parents."""
    data = Fixture(tmp_path)
    data.experiment("exp-a", tags={"owner": "ana"}, display_name="Churn A")
    data.experiment("exp-b")
    data.trial("trial-a1", "exp-a")
    data.trial("trial-a2", "exp-a", created=T0 + 5)
    data.trial("trial-b1", "exp-b")

    data.component(
        "c1",
        created=T0 + 1,
        display_name="Alpha run",
        status="Completed",
        source_arn=f"{ARN}training-job/job-1",
        parameters={"eta": 0.1, "objective": "binary:logistic"},
        metrics={
            "validation:error": {"last": 0.2, "max": 0.5, "count": 7},
            "train.loss:total": {"last": 3.0, "max": 9.0},
        },
        tags={"team": "red"},
        trials=["trial-a1"],
        inputs={"train": "s3://bucket/train.csv"},
    )
    data.component(
        "c2",
        created=T0 + 2,
        display_name="Beta run",
        status="Completed",
        parameters={"eta": 0.3, "max_depth": 5},
        metrics={"validation:error": {"last": 0.1, "max": 0.9}},
        tags={"team": "blue"},
        trials=["trial-a1", "trial-b1"],
        outputs={"model": "s3://bucket/model.tar.gz"},
    )

    data.component(
        "c3",
        created=T0 + 3,
        display_name="Gamma",
        status="InProgress",
        parameters={"eta": "auto"},
        trials=["trial-a2"],
    )
    data.component(
        "c4",
        created=T0 + 4,
        status="Failed",
        metrics={"validation:error": {"last": 0.4, "max": 0.4}},
    )
    data.component(
        "c5",
        created=T0 + 5,
        display_name="alpha two",
        parameters={"eta": 0.2},
        metrics={"validation:error": {"last": 0.1, "max": 0.2}},
    )
    data.component("c6", created=T0 + 6, parameters={"objective": "reg:squarederror"})
    return data


def test_record_shape_and_types(tour):
    response = tour.search(
        SearchExpression={"Filters": [{"Name": "TrialComponentName", "Value": "c1"}]}
    )

    assert response["TotalHits"] == {"Value": 1, "Relation": "EqualTo"}
    assert "NextToken" not in response
    record = response["Results"][0]["TrialComponent"]
    assert record["TrialComponentName"] == "c1"
    assert record["TrialComponentArn"] == f"{ARN}experiment-trial-component/c1"
    assert record["DisplayName"] == "Alpha run"
    assert record["Status"] == {"PrimaryStatus": "Completed"}
    assert record["Source"] == {
        "SourceArn": f"{ARN}training-job/job-1",
        "SourceType": "SageMakerTrainingJob",
    }
    assert record["SourceDetail"] == {"SourceArn": f"{ARN}training-job/job-1"}
    assert record["CreationTime"] == datetime.fromtimestamp(T0 + 1, tz=timezone.utc)
    assert record["CreationTime"].tzinfo is not None
    assert record["CreatedBy"] == {"UserProfileName": "ana"}
    assert record["Parameters"] == {
        "eta": {"NumberValue": 0.1},
        "objective": {"StringValue": "binary:logistic"},
    }
    assert record["InputArtifacts"] == {
        "train": {"Value": "s3://bucket/train.csv", "MediaType": "text/csv"}
    }
    assert record["OutputArtifacts"] == {}
    assert record["Tags"] == [{"Key": "team", "Value": "red"}]
    assert record["Parents"] == [{"TrialName": "trial-a1", "ExperimentName": "exp-a"}]
    metric = {summary["MetricName"]: summary for summary in record["Metrics"]}["validation:error"]
    assert metric["Last"] == 0.2
    assert metric["Max"] == 0.5
    assert metric["Count"] == 7
    assert metric["TimeStamp"] == datetime.fromtimestamp(T0 + 1, tz=timezone.utc)
    assert set(metric) == {
        "MetricName",
        "TimeStamp",
        "Max",
        "Min",
        "Last",
        "Count",
        "Avg",
        "StdDev",
    }


def test_default_sort_is_last_modified_descending(tour):
    response = tour.search()

    assert [r["TrialComponent"]["TrialComponentName"] for r in response["Results"]] == [
        "c6",
        "c5",
        "c4",
        "c3",
        "c2",
        "c1",
    ]
    assert response["TotalHits"]["Value"] == 6


@pytest.mark.parametrize(
    "operator, value, expected",
    [
        ("Equals", "Beta run", ["c2"]),
        ("NotEquals", "Beta run", ["c1", "c3", "c4", "c5", "c6"]),
        ("Contains", "run", ["c1", "c2"]),
        ("In", "Gamma, Beta run", ["c2", "c3"]),
        ("Exists", None, ["c1", "c2", "c3", "c5"]),
        ("NotExists", None, ["c4", "c6"]),
    ],
)
def test_text_operators(tour, operator, value, expected):
    item = {"Name": "DisplayName", "Operator": operator}
    if value is not None:
        item["Value"] = value

    assert tour.names([item], SortBy="CreationTime", SortOrder="Ascending") == expected


def test_value_without_operator_means_equals(tour):
    assert tour.names([{"Name": "Status.PrimaryStatus", "Value": "Failed"}]) == ["c4"]


@pytest.mark.parametrize(
    "operator, value, expected",
    [
        ("Equals", "0.1", ["c2", "c5"]),
        ("NotEquals", "0.1", ["c1", "c3", "c4", "c6"]),
        ("GreaterThan", "0.1", ["c1", "c4"]),
        ("GreaterThanOrEqualTo", "0.2", ["c1", "c4"]),
        ("LessThan", "0.2", ["c2", "c5"]),
        ("LessThanOrEqualTo", "0.2", ["c1", "c2", "c5"]),
        ("Exists", None, ["c1", "c2", "c4", "c5"]),
        ("NotExists", None, ["c3", "c6"]),
    ],
)
def test_metric_statistic_operators(tour, operator, value, expected):
    item = {"Name": "Metrics.validation:error.Last", "Operator": operator}
    if value is not None:
        item["Value"] = value

    assert tour.names([item], SortBy="CreationTime", SortOrder="Ascending") == expected


def test_metric_property_is_case_insensitive(tour):
    filters = [{"Name": "metrics.validation:error.max", "Operator": "GreaterThan", "Value": "0.45"}]

    assert tour.names(filters, SortBy="CreationTime", SortOrder="Ascending") == ["c1", "c2"]


def test_metric_name_with_dots(tour):
    filters = [{"Name": "Metrics.train.loss:total.Max", "Operator": "Equals", "Value": "9"}]

    assert tour.names(filters) == ["c1"]


@pytest.mark.parametrize(
    "operator, value, expected",
    [
        ("Equals", "0.3", ["c2"]),
        ("Equals", "auto", ["c3"]),
        ("NotEquals", "0.3", ["c1", "c3", "c4", "c5", "c6"]),
        ("GreaterThan", "0.15", ["c2", "c5"]),
        ("LessThanOrEqualTo", "0.2", ["c1", "c5"]),
        ("GreaterThan", "a", ["c3"]),
        ("In", "auto,0.1", ["c1", "c3"]),
        ("Contains", "ut", ["c3"]),
        ("Exists", None, ["c1", "c2", "c3", "c5"]),
        ("NotExists", None, ["c4", "c6"]),
    ],
)
def test_parameter_operators(tour, operator, value, expected):
    item = {"Name": "Parameters.eta", "Operator": operator}
    if value is not None:
        item["Value"] = value

    assert tour.names([item], SortBy="CreationTime", SortOrder="Ascending") == expected


def test_time_comparison_with_iso_value(tour):
    after = datetime.fromtimestamp(T0 + 4, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    filters = [{"Name": "CreationTime", "Operator": "GreaterThanOrEqualTo", "Value": after}]

    assert tour.names(filters, SortBy="CreationTime", SortOrder="Ascending") == ["c4", "c5", "c6"]


def test_tags_parents_and_artifacts(tour):
    ascending = {"SortBy": "CreationTime", "SortOrder": "Ascending"}

    assert tour.names([{"Name": "Tags.team", "Value": "red"}]) == ["c1"]
    assert tour.names([{"Name": "Tags.team", "Operator": "NotExists"}], **ascending) == [
        "c3",
        "c4",
        "c5",
        "c6",
    ]
    assert tour.names([{"Name": "Parents.ExperimentName", "Value": "exp-a"}], **ascending) == [
        "c1",
        "c2",
        "c3",
    ]
    assert tour.names([{"Name": "Parents.TrialName", "Value": "trial-b1"}]) == ["c2"]
    assert tour.names(
        [{"Name": "InputArtifacts.train.Value", "Operator": "Contains", "Value": "train"}]
    ) == ["c1"]
    assert tour.names([{"Name": "OutputArtifacts.model.Value", "Operator": "Exists"}]) == ["c2"]


def test_and_or_and_subexpressions(tour):
    ascending = {"SortBy": "CreationTime", "SortOrder": "Ascending"}
    red = {"Name": "Tags.team", "Value": "red"}
    failed = {"Name": "Status.PrimaryStatus", "Value": "Failed"}
    low_error = {"Name": "Metrics.validation:error.Last", "Operator": "LessThan", "Value": "0.15"}

    assert tour.names([red, failed], **ascending) == []
    assert tour.names([red, failed], operator="Or", **ascending) == ["c1", "c4"]

    expression = {
        "Operator": "Or",
        "Filters": [failed],
        "SubExpressions": [
            {
                "Filters": [
                    low_error,
                    {"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.25"},
                ]
            }
        ],
    }
    assert [
        r["TrialComponent"]["TrialComponentName"]
        for r in tour.search(SearchExpression=expression, **ascending)["Results"]
    ] == ["c2", "c4"]


def test_nested_filter_matches_one_element(tour):
    same_parent = {
        "NestedFilters": [
            {
                "NestedPropertyName": "Parents",
                "Filters": [
                    {"Name": "Parents.TrialName", "Value": "trial-a1"},
                    {"Name": "Parents.ExperimentName", "Value": "exp-b"},
                ],
            }
        ]
    }
    separate = {
        "Filters": [
            {"Name": "Parents.TrialName", "Value": "trial-a1"},
            {"Name": "Parents.ExperimentName", "Value": "exp-b"},
        ]
    }
    metric = {
        "NestedFilters": [
            {
                "NestedPropertyName": "Metrics",
                "Filters": [
                    {"Name": "Metrics.MetricName", "Value": "validation:error"},
                    {"Name": "Metrics.Max", "Operator": "GreaterThan", "Value": "0.45"},
                ],
            }
        ]
    }

    assert tour.search(SearchExpression=same_parent)["TotalHits"]["Value"] == 0
    assert [
        r["TrialComponent"]["TrialComponentName"]
        for r in tour.search(SearchExpression=separate)["Results"]
    ] == ["c2"]
    assert tour.search(SearchExpression=metric, SortBy="CreationTime")["TotalHits"]["Value"] == 2


def test_sort_by_metric_both_orders_missing_last(tour):
    ascending = tour.names(SortBy="Metrics.validation:error.Last", SortOrder="Ascending")
    descending = tour.names(SortBy="Metrics.validation:error.Last", SortOrder="Descending")

    # c2 and c5 tie on 0.1; the tie is broken the same way in both orders, reversed.
    assert ascending[:2] in (["c2", "c5"], ["c5", "c2"])
    assert ascending[2:4] == ["c1", "c4"]
    assert sorted(ascending[4:]) == ["c3", "c6"]
    assert descending[:2] == ["c4", "c1"]
    assert descending[2:4] == list(reversed(ascending[:2]))
    assert sorted(descending[4:]) == ["c3", "c6"]


def test_sort_by_parameter_both_orders(tour):
    ascending = tour.names(SortBy="Parameters.eta", SortOrder="Ascending")
    descending = tour.names(SortBy="Parameters.eta", SortOrder="Descending")

    # Numbers before strings ascending, strings before numbers descending, absent last.
    assert ascending[:4] == ["c1", "c5", "c2", "c3"]
    assert descending[:4] == ["c3", "c2", "c5", "c1"]
    assert sorted(ascending[4:]) == ["c4", "c6"]
    assert sorted(descending[4:]) == ["c4", "c6"]


def test_sort_by_tag_and_display_name(tour):
    assert tour.names(SortBy="Tags.team", SortOrder="Ascending")[:2] == ["c2", "c1"]
    assert tour.names(SortBy="DisplayName", SortOrder="Ascending")[:4] == ["c1", "c2", "c3", "c5"]


@pytest.mark.parametrize(
    "sort_by",
    ["Metrics.validation:error.Last", "Parameters.eta", "CreationTime", "DisplayName", "Tags.team"],
)
@pytest.mark.parametrize("order", ["Ascending", "Descending"])
def test_paging_covers_all_without_duplicates(tour, sort_by, order):
    full = tour.names(SortBy=sort_by, SortOrder=order)
    seen = []
    token = None
    pages = 0
    while True:
        kwargs = {"SortBy": sort_by, "SortOrder": order, "MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        response = tour.search(**kwargs)
        assert response["TotalHits"]["Value"] == 6
        seen.extend(r["TrialComponent"]["TrialComponentName"] for r in response["Results"])
        pages += 1
        token = response.get("NextToken")
        if token is None:
            break

    assert seen == full
    assert len(set(seen)) == 6
    assert pages == 3


def _synthetic(tmp_path, count=240):
    """``count`` components with random metrics and parameters, and the data as Python values."""
    data = Fixture(tmp_path)
    rng = random.Random(7)
    expected = {}
    for number in range(count):
        name = f"tc-{number:03d}"
        metrics = {}
        error = None
        if number % 9:
            error = round(rng.random(), 2)  # rounding makes ties
            metrics["validation:error"] = {"last": error}
        depth = rng.randint(1, 10)
        data.component(name, created=T0 + number, parameters={"max_depth": depth}, metrics=metrics)
        expected[name] = (error, depth, data.ids[name])
    return data, expected


@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize(
    "filters, keep, plan",
    [
        (None, lambda depth: True, search_module.WALK),
        (
            [{"Name": "Parameters.max_depth", "Operator": "GreaterThan", "Value": "2"}],
            lambda depth: depth > 2,
            search_module.WALK,
        ),
        (
            [{"Name": "Parameters.max_depth", "Operator": "Equals", "Value": "4"}],
            lambda depth: depth == 4,
            search_module.FILTER_FIRST,
        ),
    ],
    ids=["no-filter", "broad", "narrow"],
)
def test_metric_sort_pages_match_expected_order(tmp_path, monkeypatch, order, filters, keep, plan):
    data, expected = _synthetic(tmp_path)
    plans = []
    original = search_module.segment_query

    def recording_segment_query(segment, chosen_plan, *args):
        plans.append(chosen_plan)
        return original(segment, chosen_plan, *args)

    monkeypatch.setattr(search_module, "segment_query", recording_segment_query)
    present = [
        (error, name)
        for name, (error, depth, _) in expected.items()
        if error is not None and keep(depth)
    ]
    missing = [
        name for name, (error, depth, _) in expected.items() if error is None and keep(depth)
    ]
    descending = order == "Descending"
    # Ties: the summary row id, which grows with the component id here.
    present.sort(key=lambda item: (item[0], expected[item[1]][2]), reverse=descending)
    missing.sort(key=lambda name: expected[name][2], reverse=descending)
    want = [name for _, name in present] + missing

    got = []
    token = None
    while True:
        kwargs = {"SortBy": "Metrics.validation:error.Last", "SortOrder": order, "MaxResults": 7}
        if filters:
            kwargs["SearchExpression"] = {"Filters": filters}
        if token:
            kwargs["NextToken"] = token
        response = data.search(**kwargs)
        assert response["TotalHits"]["Value"] == len(want)
        got.extend(r["TrialComponent"]["TrialComponentName"] for r in response["Results"])
        token = response.get("NextToken")
        if not token:
            break

    assert got == want
    assert set(plans) == {plan}


def test_experiment_and_trial_resources(tour):
    experiments = tour.search(
        Resource="Experiment",
        SearchExpression={"Filters": [{"Name": "Tags.owner", "Value": "ana"}]},
    )
    trials = tour.search(
        Resource="ExperimentTrial",
        SearchExpression={"Filters": [{"Name": "ExperimentName", "Value": "exp-a"}]},
        SortBy="CreationTime",
        SortOrder="Ascending",
    )

    assert experiments["TotalHits"]["Value"] == 1
    experiment = experiments["Results"][0]["Experiment"]
    assert experiment["ExperimentName"] == "exp-a"
    assert experiment["DisplayName"] == "Churn A"
    assert experiment["Tags"] == [{"Key": "owner", "Value": "ana"}]
    assert [r["Trial"]["TrialName"] for r in trials["Results"]] == ["trial-a1", "trial-a2"]
    first = trials["Results"][0]["Trial"]
    assert first["ExperimentName"] == "exp-a"
    assert [s["TrialComponentName"] for s in first["TrialComponentSummaries"]] == ["c1", "c2"]


def _error(tour, **kwargs):
    with pytest.raises(ClientError) as caught:
        tour.search(**kwargs)
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    return caught.value.response["Error"]["Message"]


def test_validation_errors(tour):
    def expression(*filters):
        return {"SearchExpression": {"Filters": list(filters)}}

    assert "ExperimentTrialComponent" in _error(tour, Resource="TrainingJob")
    assert "Unknown property name: Bogus" in _error(
        tour, **expression({"Name": "Bogus", "Value": "x"})
    )
    assert "Unknown property name" in _error(tour, SortBy="Nope")
    assert "Metrics.validation:error" in _error(
        tour, **expression({"Name": "Metrics.validation:error", "Value": "1"})
    )
    assert (
        _error(
            tour,
            **expression(
                {"Name": "Status.PrimaryStatus", "Operator": "Contains", "Value": "Com"},
                {"Name": "Parents.TrialName", "Operator": "Contains", "Value": "trial"},
            ),
        )
        == "'CONTAINS' operator usage limit of 1 exceeded."
    )
    assert "GreaterThan" in _error(
        tour, **expression({"Name": "DisplayName", "Operator": "GreaterThan", "Value": "a"})
    )
    assert "'abc'" in _error(
        tour,
        **expression(
            {"Name": "Metrics.validation:error.Max", "Operator": "LessThan", "Value": "abc"}
        ),
    )
    assert "'yesterday'" in _error(
        tour, **expression({"Name": "CreationTime", "Operator": "LessThan", "Value": "yesterday"})
    )
    assert "neither Operator nor Value" in _error(tour, **expression({"Name": "DisplayName"}))
    assert "needs a Value" in _error(
        tour, **expression({"Name": "DisplayName", "Operator": "Equals"})
    )
    assert "21 entries" in _error(tour, **expression(*[{"Name": "DisplayName", "Value": "x"}] * 21))
    assert "101" in _error(tour, MaxResults=101)
    assert "NextToken" in _error(tour, NextToken="not-a-token")
    assert "at least one" in _error(tour, SearchExpression={"Operator": "And"})

    too_many = {"SubExpressions": [{"Filters": [{"Name": "DisplayName", "Value": "x"}] * 5}] * 9}
    assert "maximum is 50" in _error(tour, SearchExpression=too_many)


def test_contains_on_names_tags_and_artifacts_is_unlimited(tour):
    filters = [
        {"Name": "DisplayName", "Operator": "Contains", "Value": "run"},
        {"Name": "TrialComponentName", "Operator": "Contains", "Value": "c"},
        {"Name": "Tags.team", "Operator": "Contains", "Value": "r"},
        {"Name": "InputArtifacts.train.Value", "Operator": "Contains", "Value": "s3"},
        {"Name": "Status.PrimaryStatus", "Operator": "Contains", "Value": "Comp"},
    ]

    assert tour.names(filters) == ["c1"]


def test_token_from_another_request_is_rejected(tour):
    first = tour.search(MaxResults=2, SortBy="CreationTime")

    message = _error(tour, MaxResults=2, SortBy="DisplayName", NextToken=first["NextToken"])
    assert "same" in message


def test_unknown_request_field_is_a_param_validation_error(tour):
    with pytest.raises(ParamValidationError):
        tour.search(Bogus=1)
