"""Request values that boto3 accepts besides the obvious Python type.

botocore serializes a timestamp given as an aware or naive ``datetime`` (naive means UTC), an
ISO 8601 string or epoch seconds, and a double given as ``float``, ``int`` or
``decimal.Decimal``. Code written for boto3 passes all of these, so the local clients must too.
"""

import datetime
import decimal

import pytest

START = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)

START_TIME_FORMS = [
    pytest.param(START, id="aware-datetime"),
    pytest.param(START.replace(tzinfo=None), id="naive-datetime"),
    pytest.param("2026-01-02T03:04:05Z", id="iso-string"),
    pytest.param(START.timestamp(), id="epoch-seconds"),
]


@pytest.mark.parametrize("start_time", START_TIME_FORMS)
def test_start_time_forms(backend, start_time):
    backend.sagemaker.create_trial_component(
        TrialComponentName="component-one", StartTime=start_time
    )

    described = backend.sagemaker.describe_trial_component(
        TrialComponentName="component-one"
    )

    assert described["StartTime"] == START


NUMBER_FORMS = [
    pytest.param(0.5, 0.5, id="float"),
    pytest.param(3, 3.0, id="int"),
    pytest.param(decimal.Decimal("0.25"), 0.25, id="decimal"),
]


@pytest.mark.parametrize(("number", "expected"), NUMBER_FORMS)
def test_parameter_number_forms(backend, number, expected):
    backend.sagemaker.create_trial_component(
        TrialComponentName="component-one", Parameters={"eta": {"NumberValue": number}}
    )

    parameters = backend.sagemaker.describe_trial_component(
        TrialComponentName="component-one"
    )["Parameters"]

    assert parameters == {"eta": {"NumberValue": expected}}
    assert isinstance(parameters["eta"]["NumberValue"], float)


@pytest.mark.parametrize(("number", "expected"), NUMBER_FORMS)
def test_metric_value_forms(backend, number, expected):
    backend.sagemaker.create_trial_component(TrialComponentName="component-one")
    timestamp = datetime.datetime.now(datetime.timezone.utc)

    response = backend.metrics.batch_put_metrics(
        TrialComponentName="component-one",
        MetricData=[
            {"MetricName": "loss", "Timestamp": timestamp, "Step": 0, "Value": number}
        ],
    )
    described = backend.sagemaker.describe_trial_component(
        TrialComponentName="component-one"
    )

    assert response.get("Errors", []) == []
    assert described["Metrics"][0]["Last"] == expected
    assert described["Metrics"][0]["Count"] == 1


def test_list_time_window_forms(backend):
    backend.sagemaker.create_experiment(ExperimentName="churn-study")
    created = backend.sagemaker.describe_experiment(ExperimentName="churn-study")[
        "CreationTime"
    ]
    day_before = created - datetime.timedelta(days=1)

    for created_after in [day_before, day_before.isoformat(), day_before.timestamp()]:
        summaries = backend.sagemaker.list_experiments(CreatedAfter=created_after)[
            "ExperimentSummaries"
        ]
        assert [summary["ExperimentName"] for summary in summaries] == ["churn-study"]
