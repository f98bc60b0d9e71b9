"""The local sagemaker-metrics client: ingest, exact summaries, per-point errors, BatchGetMetrics."""

import math
import random
from datetime import datetime, timezone

import numpy as np
import pytest
from botocore.exceptions import ClientError, ParamValidationError

from churn_studio_ext.local.metrics import LocalMetricsClient
from churn_studio_ext.local.store import Store

ARN = "arn:aws:sagemaker:local:000000000000:"
T0 = 1_700_000_000.0


def _add_component(store, name, modified=T0):
    with store.write() as conn:
        conn.execute(
            "INSERT INTO trial_component (name, name_key, arn, created_time, last_modified_time) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                name,
                name.lower(),
                f"{ARN}experiment-trial-component/{name.lower()}",
                modified,
                modified,
            ),
        )


@pytest.fixture
def metrics(tmp_path):
    store = Store(tmp_path)
    _add_component(store, "run-1")
    _add_component(store, "job-7-aws-training-job")
    return LocalMetricsClient(store, region_name="local")


def _summary(client, component, metric):
    row = (
        client.store.connection()
        .execute(
            "SELECT s.* FROM metric_summary s JOIN trial_component c ON c.id = s.trial_component_id "
            "WHERE c.name = ? AND s.name = ?",
            (component, metric),
        )
        .fetchone()
    )
    return dict(row) if row else None


def _stored_values(client, component, metric):
    return [
        row[0]
        for row in client.store.connection().execute(
            "SELECT p.value FROM metric_point p JOIN metric_summary s ON s.id = p.metric_id "
            "JOIN trial_component c ON c.id = s.trial_component_id "
            "WHERE c.name = ? AND s.name = ? ORDER BY p.seq",
            (component, metric),
        )
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summaries_match_numpy(metrics, seed):
    rng = random.Random(seed)
    series = {"train:error": [], "validation:error": []}
    timestamps = {name: [] for name in series}
    sent = 0
    while sent < 700:
        size = rng.randint(1, 120)
        points = []
        for _ in range(size):
            name = rng.choice(list(series))
            value = rng.gauss(1000.0, 0.01) if rng.random() < 0.5 else rng.uniform(-5, 5)
            # Shuffled timestamps: Last is the newest by time, not the last sent.
            timestamp = T0 + rng.uniform(0, 10_000)
            series[name].append(value)
            timestamps[name].append(timestamp)
            points.append(
                {"MetricName": name, "Value": value, "Timestamp": timestamp, "Step": sent}
            )
            sent += 1
        assert metrics.put_metric_points("run-1", points) == []

    for name, values in series.items():
        summary = _summary(metrics, "run-1", name)
        array = np.array(values)
        newest = int(np.argmax(timestamps[name]))
        assert summary["count"] == len(values)
        assert summary["min"] == array.min()
        assert summary["max"] == array.max()
        assert summary["avg"] == pytest.approx(array.mean(), rel=1e-12)
        assert summary["std_dev"] == pytest.approx(array.std(ddof=1), rel=1e-9)
        assert summary["last"] == values[newest]
        assert summary["last_timestamp"] == timestamps[name][newest]
        assert _stored_values(metrics, "run-1", name) == values


def test_single_point_has_zero_std_dev(metrics):
    metrics.put_metric_points(
        "run-1", [{"MetricName": "auc", "Value": 0.9, "Timestamp": T0, "Step": 0}]
    )

    summary = _summary(metrics, "run-1", "auc")
    assert summary["count"] == 1
    assert summary["std_dev"] == 0.0
    assert summary["avg"] == 0.9
    assert summary["last_step"] == 0


def test_last_tie_goes_to_later_arrival(metrics):
    metrics.put_metric_points(
        "run-1",
        [
            {"MetricName": "loss", "Value": 1.0, "Timestamp": T0 + 5},
            {"MetricName": "loss", "Value": 2.0, "Timestamp": T0 + 5},
        ],
    )
    metrics.put_metric_points("run-1", [{"MetricName": "loss", "Value": 3.0, "Timestamp": T0 + 4}])

    assert _summary(metrics, "run-1", "loss")["last"] == 2.0
    metrics.put_metric_points("run-1", [{"MetricName": "loss", "Value": 4.0, "Timestamp": T0 + 5}])
    assert _summary(metrics, "run-1", "loss")["last"] == 4.0


def test_invalid_points_rejected_by_index(metrics):
    now = datetime.now(timezone.utc)
    data = [
        {"MetricName": "loss", "Value": 1.0, "Timestamp": now, "Step": 0},
        {"MetricName": "loss", "Value": float("nan"), "Timestamp": now, "Step": 1},
        {"MetricName": "loss", "Value": float("inf"), "Timestamp": now, "Step": 2},
        {"MetricName": "loss", "Value": 2.0, "Timestamp": now, "Step": -1},
        {"MetricName": "loss", "Timestamp": now, "Step": 4},
        {"MetricName": "loss", "Value": 3.0, "Step": 5},
        {"Value": 3.0, "Timestamp": now},
        {"MetricName": "loss", "Value": -float("inf"), "Timestamp": now},
        {"MetricName": "loss", "Value": 5.0, "Timestamp": now, "Step": 8},
        {"MetricName": "loss", "Value": True, "Timestamp": now},
    ]

    response = metrics.batch_put_metrics(TrialComponentName="run-1", MetricData=data)

    assert response["Errors"] == [
        {"Code": "VALIDATION_ERROR", "MetricIndex": index} for index in (1, 2, 3, 4, 5, 6, 7, 9)
    ]
    assert _stored_values(metrics, "run-1", "loss") == [1.0, 5.0]
    summary = _summary(metrics, "run-1", "loss")
    assert summary["count"] == 2
    assert summary["last"] == 5.0
    assert summary["last_step"] == 8


def test_numpy_and_datetime_inputs_accepted(metrics):
    naive = datetime(2024, 1, 2, 3, 4, 5)
    errors = metrics.put_metric_points(
        "run-1",
        [
            {
                "MetricName": "acc",
                "Value": np.float32(0.5),
                "Timestamp": naive,
                "Step": np.int64(3),
            },
        ],
    )

    assert errors == []
    summary = _summary(metrics, "run-1", "acc")
    assert summary["last"] == 0.5
    assert summary["last_step"] == 3
    assert summary["last_timestamp"] == naive.replace(tzinfo=timezone.utc).timestamp()


def test_put_marks_component_modified(metrics):
    metrics.put_metric_points("run-1", [{"MetricName": "acc", "Value": 0.5, "Timestamp": T0}])

    modified = (
        metrics.store.connection()
        .execute("SELECT last_modified_time FROM trial_component WHERE name = 'run-1'")
        .fetchone()[0]
    )
    assert modified > T0


def test_batch_put_request_errors(metrics):
    point = {"MetricName": "loss", "Value": 1.0, "Timestamp": T0}

    with pytest.raises(ClientError) as too_many:
        metrics.batch_put_metrics(TrialComponentName="run-1", MetricData=[point] * 11)
    with pytest.raises(ClientError) as upper:
        metrics.batch_put_metrics(TrialComponentName="Run-1", MetricData=[point])
    with pytest.raises(ClientError) as missing:
        metrics.batch_put_metrics(TrialComponentName="no-such-run", MetricData=[point])
    with pytest.raises(ParamValidationError):
        metrics.batch_put_metrics(TrialComponentName="run-1", MetricData=[])

    assert too_many.value.response["Error"]["Code"] == "ValidationException"
    assert "11 points" in too_many.value.response["Error"]["Message"]
    assert upper.value.response["Error"]["Code"] == "ValidationException"
    assert "'Run-1'" in upper.value.response["Error"]["Message"]
    assert "^[a-z0-9](-*[a-z0-9]){0,119}" in upper.value.response["Error"]["Message"]
    assert missing.value.response["Error"]["Code"] == "ResourceNotFound"
    assert "no-such-run" in missing.value.response["Error"]["Message"]
    assert _summary(metrics, "run-1", "loss") is None


def _query(metric, stat, period, x_axis, component="run-1", **bounds):
    return {
        "MetricName": metric,
        "ResourceArn": f"{ARN}experiment-trial-component/{component}",
        "MetricStat": stat,
        "Period": period,
        "XAxisType": x_axis,
        **bounds,
    }


def _reference(values):
    array = np.array(values)
    return {
        "Min": array.min(),
        "Max": array.max(),
        "Avg": array.mean(),
        "Count": float(len(values)),
        "StdDev": array.std(ddof=1) if len(values) > 1 else 0.0,
        "Last": values[-1],
    }


@pytest.fixture
def series(metrics):
    """Three points per step for steps 0-9, one point every 50 s, in time order."""
    rng = random.Random(11)
    points = []
    for index in range(30):
        points.append(
            {
                "MetricName": "validation:error",
                "Value": rng.uniform(0, 1),
                "Timestamp": T0 + 50 * index,
                "Step": index // 3,
            }
        )
    assert metrics.put_metric_points("run-1", points) == []
    return points


@pytest.mark.parametrize("stat", ["Min", "Max", "Avg", "Count", "StdDev", "Last"])
def test_get_metrics_per_iteration(metrics, series, stat):
    result = metrics.batch_get_metrics(
        MetricQueries=[_query("validation:error", stat, "IterationNumber", "IterationNumber")]
    )["MetricQueryResults"][0]

    assert result["Status"] == "Complete"
    assert result["XAxisValues"] == list(range(10))
    for step, value in zip(result["XAxisValues"], result["MetricValues"]):
        values = [p["Value"] for p in series if p["Step"] == step]
        assert value == pytest.approx(_reference(values)[stat], rel=1e-12)


@pytest.mark.parametrize(
    "period, size", [("OneMinute", 60), ("FiveMinute", 300), ("OneHour", 3600)]
)
@pytest.mark.parametrize("stat", ["Avg", "Count", "Last", "StdDev"])
def test_get_metrics_per_time_period(metrics, series, period, size, stat):
    result = metrics.batch_get_metrics(
        MetricQueries=[_query("validation:error", stat, period, "Timestamp")]
    )["MetricQueryResults"][0]

    buckets = {}
    for point in series:
        buckets.setdefault(math.floor(point["Timestamp"] / size) * size, []).append(point["Value"])
    assert result["XAxisValues"] == sorted(int(key) for key in buckets)
    expected = [_reference(buckets[key])[stat] for key in sorted(buckets)]
    assert result["MetricValues"] == pytest.approx(expected, rel=1e-12)


def test_get_metrics_cross_axes_and_bounds(metrics, series):
    queries = [
        _query("validation:error", "Max", "IterationNumber", "Timestamp"),
        _query("validation:error", "Count", "FiveMinute", "IterationNumber"),
        _query("validation:error", "Count", "IterationNumber", "IterationNumber", Start=2, End=5),
        _query(
            "validation:error",
            "Count",
            "OneMinute",
            "Timestamp",
            Start=int(T0) + 100,
            End=int(T0) + 300,
        ),
    ]

    by_step, by_five_minutes, bounded_steps, bounded_time = metrics.batch_get_metrics(
        MetricQueries=queries
    )["MetricQueryResults"]

    # A step bucket on a time axis reports the second of its newest point.
    assert by_step["XAxisValues"] == [int(T0 + 50 * (3 * step + 2)) for step in range(10)]
    # A time bucket on a step axis reports the greatest step in it.
    five_minute_steps = {}
    for point in series:
        key = math.floor(point["Timestamp"] / 300)
        five_minute_steps[key] = max(five_minute_steps.get(key, 0), point["Step"])
    assert by_five_minutes["XAxisValues"] == sorted(five_minute_steps.values())
    assert bounded_steps["XAxisValues"] == [2, 3, 4]
    assert bounded_steps["MetricValues"] == [3.0, 3.0, 3.0]
    assert sum(bounded_time["MetricValues"]) == 4.0  # T0+100, +150, +200, +250


def test_get_metrics_through_training_job_arn(metrics):
    metrics.put_metric_points(
        "job-7-aws-training-job",
        [{"MetricName": "train:error", "Value": 0.25, "Timestamp": T0, "Step": 0}],
    )

    result = metrics.batch_get_metrics(
        MetricQueries=[
            {
                "MetricName": "train:error",
                "ResourceArn": f"{ARN}training-job/job-7",
                "MetricStat": "Last",
                "Period": "IterationNumber",
                "XAxisType": "IterationNumber",
            }
        ]
    )["MetricQueryResults"][0]

    assert result == {"Status": "Complete", "XAxisValues": [0], "MetricValues": [0.25]}


def test_get_metrics_missing_component_fails_alone(metrics, series):
    results = metrics.batch_get_metrics(
        MetricQueries=[
            _query(
                "validation:error", "Max", "IterationNumber", "IterationNumber", component="ghost"
            ),
            _query("validation:error", "Count", "IterationNumber", "IterationNumber"),
            _query("no-such-metric", "Count", "IterationNumber", "IterationNumber"),
        ]
    )["MetricQueryResults"]

    assert [result["Status"] for result in results] == ["ValidationError", "Complete", "Complete"]
    assert "'ghost'" in results[0]["Message"]
    assert results[0]["XAxisValues"] == []
    assert sum(results[1]["MetricValues"]) == 30.0
    assert results[2]["XAxisValues"] == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("MetricStat", "Median"),
        ("Period", "OneDay"),
        ("XAxisType", "Epoch"),
        ("ResourceArn", "arn:aws:s3:::bucket"),
    ],
)
def test_get_metrics_invalid_query_rejected(metrics, field, value):
    query = {
        **_query("validation:error", "Max", "IterationNumber", "IterationNumber"),
        field: value,
    }

    with pytest.raises(ClientError) as caught:
        metrics.batch_get_metrics(MetricQueries=[query])

    assert caught.value.response["Error"]["Code"] == "ValidationException"
    assert value in caught.value.response["Error"]["Message"]


def test_responses_carry_metadata(metrics):
    put = metrics.batch_put_metrics(
        TrialComponentName="run-1",
        MetricData=[{"MetricName": "loss", "Value": 1.0, "Timestamp": T0}],
    )
    got = metrics.batch_get_metrics(
        MetricQueries=[_query("loss", "Max", "IterationNumber", "Timestamp")]
    )

    assert put["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert metrics.meta.region_name == "local"


def test_get_metrics_query_limit(metrics):
    query = _query("validation:error", "Max", "IterationNumber", "IterationNumber")

    with pytest.raises(ClientError) as caught:
        metrics.batch_get_metrics(MetricQueries=[query] * 101)

    assert caught.value.response["Error"]["Code"] == "ValidationException"
    assert "less than or equal to 100" in caught.value.response["Error"]["Message"]
