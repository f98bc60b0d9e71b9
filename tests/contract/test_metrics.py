"""BatchPutMetrics, the metric summaries it feeds, and BatchGetMetrics."""

import datetime
import statistics

import pytest
from botocore.exceptions import ClientError

LOSS_VALUES = [1.0, 2.0, 3.0, 4.0, 10.0]
# The SDKs reject points older than 14 days before sending them, and whether the service does is
# not documented, so the points start at the beginning of the current hour.
BASE_TIME = datetime.datetime.now(datetime.timezone.utc).replace(
    minute=0, second=0, microsecond=0
)


def _points(metric_name, values, seconds_apart=1.0):
    return [
        {
            "MetricName": metric_name,
            "Timestamp": BASE_TIME + datetime.timedelta(seconds=index * seconds_apart),
            "Step": index,
            "Value": value,
        }
        for index, value in enumerate(values)
    ]


@pytest.fixture
def component(backend):
    backend.sagemaker.create_trial_component(TrialComponentName="training-run")
    return "training-run"


def _summaries(backend, component_name):
    described = backend.sagemaker.describe_trial_component(
        TrialComponentName=component_name
    )
    return {summary["MetricName"]: summary for summary in described.get("Metrics", [])}


def test_put_metrics_reports_no_errors(backend, component):
    response = backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=_points("loss", LOSS_VALUES)
    )

    assert response.get("Errors", []) == []


def test_put_metrics_updates_summary(backend, component):
    backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=_points("loss", LOSS_VALUES)
    )

    summary = _summaries(backend, component)["loss"]

    assert summary["Count"] == 5
    assert summary["Min"] == 1.0
    assert summary["Max"] == 10.0
    assert summary["Avg"] == pytest.approx(4.0)
    assert summary["Last"] == 10.0
    # Whether SageMaker reports the sample or the population deviation is not documented.
    assert summary["StdDev"] == pytest.approx(
        statistics.pstdev(LOSS_VALUES)
    ) or summary["StdDev"] == pytest.approx(statistics.stdev(LOSS_VALUES))
    # TimeStamp is when the metric was last updated. Whether that is the newest point's time or
    # the time of the call is not documented, but either is no earlier than the newest point.
    backend.moto_deviates("the summary TimeStamp is the oldest point's time")
    assert summary["TimeStamp"] >= BASE_TIME + datetime.timedelta(seconds=4)


def test_put_metrics_accumulates_batches(backend, component):
    points = _points("loss", LOSS_VALUES + [0.5])
    backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=points[:3]
    )
    backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=points[3:]
    )

    summary = _summaries(backend, component)["loss"]

    assert summary["Count"] == 6
    assert summary["Min"] == 0.5
    assert summary["Max"] == 10.0
    assert summary["Last"] == 0.5
    assert summary["Avg"] == pytest.approx(sum(LOSS_VALUES + [0.5]) / 6)


def test_put_metrics_keeps_metrics_apart(backend, component):
    points = _points("train:error", [0.3, 0.2]) + _points(
        "validation:error", [0.4, 0.35]
    )
    backend.metrics.batch_put_metrics(TrialComponentName=component, MetricData=points)

    summaries = _summaries(backend, component)

    assert sorted(summaries) == ["train:error", "validation:error"]
    assert summaries["train:error"]["Last"] == 0.2
    assert summaries["validation:error"]["Last"] == 0.35
    assert summaries["validation:error"]["Count"] == 2


def test_put_metrics_upper_case_name_rejected(backend):
    # The model's pattern for TrialComponentName here is lower case only.
    backend.sagemaker.create_trial_component(TrialComponentName="Training-Run")
    backend.moto_deviates("BatchPutMetrics accepts an upper-case TrialComponentName")

    try:
        response = backend.metrics.batch_put_metrics(
            TrialComponentName="Training-Run", MetricData=_points("loss", [1.0])
        )
    except ClientError as error:
        assert error.response["Error"]["Code"] == "ValidationException"
    else:
        assert [entry["Code"] for entry in response["Errors"]] == ["VALIDATION_ERROR"]
        assert response["Errors"][0]["MetricIndex"] == 0


def test_put_metrics_eleven_points_rejected(backend, component):
    backend.moto_deviates("BatchPutMetrics accepts more than 10 points")

    with pytest.raises(ClientError) as raised:
        backend.metrics.batch_put_metrics(
            TrialComponentName=component, MetricData=_points("loss", [1.0] * 11)
        )

    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "loss" not in _summaries(backend, component)


def test_search_record_metrics(backend, component):
    backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=_points("loss", LOSS_VALUES)
    )

    results = backend.sagemaker.search(Resource="ExperimentTrialComponent")["Results"]
    backend.moto_deviates("Search returns Metrics as empty objects")
    metrics = results[0]["TrialComponent"]["Metrics"]

    assert [metric["MetricName"] for metric in metrics] == ["loss"]
    assert metrics[0]["Last"] == 10.0
    assert metrics[0]["Count"] == 5


def _get_metric(backend, component, stat, period, x_axis, **window):
    arn = backend.sagemaker.describe_trial_component(TrialComponentName=component)[
        "TrialComponentArn"
    ]
    query = {
        "MetricName": "loss",
        "ResourceArn": arn,
        "MetricStat": stat,
        "Period": period,
        "XAxisType": x_axis,
        **window,
    }
    backend.moto_deviates("BatchGetMetrics is not implemented")
    response = backend.metrics.batch_get_metrics(MetricQueries=[query])
    assert len(response["MetricQueryResults"]) == 1
    return response["MetricQueryResults"][0]


def test_get_metrics_by_iteration(backend, component):
    backend.metrics.batch_put_metrics(
        TrialComponentName=component, MetricData=_points("loss", LOSS_VALUES)
    )

    result = _get_metric(
        backend, component, "Avg", "IterationNumber", "IterationNumber"
    )

    assert result["Status"] == "Complete"
    assert result["XAxisValues"] == [0, 1, 2, 3, 4]
    assert result["MetricValues"] == LOSS_VALUES


def test_get_metrics_by_minute(backend, component):
    # Two points in each of three minutes.
    values = [1.0, 3.0, 5.0, 7.0, 9.0, 11.0]
    backend.metrics.batch_put_metrics(
        TrialComponentName=component,
        MetricData=_points("loss", values, seconds_apart=30.0),
    )

    average = _get_metric(backend, component, "Avg", "OneMinute", "Timestamp")
    maximum = _get_metric(backend, component, "Max", "OneMinute", "Timestamp")
    count = _get_metric(backend, component, "Count", "OneMinute", "Timestamp")

    assert average["Status"] == "Complete"
    assert average["MetricValues"] == [2.0, 6.0, 10.0]
    assert maximum["MetricValues"] == [3.0, 7.0, 11.0]
    assert count["MetricValues"] == [2.0, 2.0, 2.0]
    assert len(average["XAxisValues"]) == 3
    assert average["XAxisValues"] == sorted(set(average["XAxisValues"]))


def test_get_metrics_unknown_metric_empty(backend, component):
    result = _get_metric(
        backend, component, "Avg", "IterationNumber", "IterationNumber"
    )

    assert result["XAxisValues"] == []
    assert result["MetricValues"] == []
