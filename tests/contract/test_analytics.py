"""``sdk.ExperimentAnalytics`` on any boto3-shaped sagemaker client, local or moto."""

import datetime

import pytest

from churn_studio_ext.sdk import ExperimentAnalytics

BASE_TIME = datetime.datetime.now(datetime.timezone.utc).replace(
    second=0, microsecond=0
)


@pytest.fixture
def trial_with_components(backend):
    client = backend.sagemaker
    client.create_experiment(ExperimentName="churn-study")
    client.create_trial(TrialName="trial-one", ExperimentName="churn-study")

    for name, depth in [("run-b", 6), ("run-a", 3)]:
        client.create_trial_component(
            TrialComponentName=name,
            DisplayName="Training",
            Parameters={
                "max_depth": {"NumberValue": depth},
                "booster": {"StringValue": "gbtree"},
            },
            OutputArtifacts={"model": {"Value": f"s3://bucket/{name}.tar.gz"}},
        )
        client.associate_trial_component(TrialComponentName=name, TrialName="trial-one")
        backend.metrics.batch_put_metrics(
            TrialComponentName=name,
            MetricData=[
                {
                    "MetricName": "validation:error",
                    "Timestamp": BASE_TIME,
                    "Step": 0,
                    "Value": depth / 10,
                },
            ],
        )
    return "trial-one"


def _frame(backend, trial_name):
    analytics = ExperimentAnalytics(
        search_expression={
            "Filters": [
                {"Name": "Parents.TrialName", "Operator": "Equals", "Value": trial_name}
            ]
        },
        sagemaker_client=backend.sagemaker,
    )
    frame = analytics.dataframe()
    return frame.sort_values("TrialComponentName").reset_index(drop=True)


def test_analytics_parameters_and_artifacts(backend, trial_with_components):
    frame = _frame(backend, trial_with_components)

    assert list(frame["TrialComponentName"]) == ["run-a", "run-b"]
    assert list(frame.columns[:4]) == [
        "TrialComponentName",
        "DisplayName",
        "booster",
        "max_depth",
    ]
    assert list(frame["max_depth"]) == [3.0, 6.0]
    assert list(frame["model - Value"]) == [
        "s3://bucket/run-a.tar.gz",
        "s3://bucket/run-b.tar.gz",
    ]
    assert list(frame.columns[-2:]) == ["Trials", "Experiments"]


def test_analytics_metric_columns(backend, trial_with_components):
    frame = _frame(backend, trial_with_components)
    backend.moto_deviates("Search returns Metrics as empty objects")

    assert list(frame["validation:error - Last"]) == [0.3, 0.6]
    assert list(frame["validation:error - Count"]) == [1, 1]


def test_analytics_parent_columns(backend, trial_with_components):
    frame = _frame(backend, trial_with_components)
    backend.moto_deviates("Search records of trial components lack Parents")

    assert frame["Trials"][0] == ["trial-one"]
    assert frame["Experiments"][0] == ["churn-study"]


def test_analytics_by_experiment(backend, trial_with_components):
    analytics = ExperimentAnalytics(
        experiment_name="churn-study", sagemaker_client=backend.sagemaker
    )
    backend.moto_deviates("Search rejects the property Parents.ExperimentName")

    frame = analytics.dataframe()

    assert sorted(frame["TrialComponentName"]) == ["run-a", "run-b"]
