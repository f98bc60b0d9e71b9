"""Fixtures: a Jupyter server with the extension on a temporary studio home, and tour-like data."""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]

SPEC_PATH = REPOSITORY_ROOT / "churn_studio_ext" / "server" / "openapi.json"

# Metric points are written one second apart from this time.
SERIES_START = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def jp_base_url():
    # A base URL that needs escaping catches URL-joining bugs. test_root_base_url uses "/".
    return "/a%40b/"


@pytest.fixture
def studio_home(tmp_path):
    return tmp_path / "studio-home"


@pytest.fixture
def jp_server_config(studio_home):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {"backend": "local", "home": str(studio_home)},
    }


@pytest.fixture
def sagemaker_client(studio_home):
    from churn_studio_ext import local

    return local.client("sagemaker", home=studio_home)


@pytest.fixture
def metrics_client(studio_home):
    from churn_studio_ext import local

    return local.client("sagemaker-metrics", home=studio_home)


def metric_points(metric: str, values, first_step: int = 0) -> list:
    """Build BatchPutMetrics-shaped points, one per step, one second apart."""
    return [
        {
            "MetricName": metric,
            "Timestamp": SERIES_START + timedelta(seconds=first_step + index),
            "Step": first_step + index,
            "Value": float(value),
        }
        for index, value in enumerate(values)
    ]


def put_points(metrics_client, component: str, metric: str, values) -> None:
    rejected = metrics_client.put_metric_points(component, metric_points(metric, values))
    assert rejected == [], f"put_metric_points rejected points of {component}/{metric}: {rejected[:3]}"


def create_component(client, name, parameters, trial=None, status="Completed", **extra):
    wrapped = {
        key: {"NumberValue": value} if isinstance(value, (int, float)) else {"StringValue": value}
        for key, value in parameters.items()
    }
    client.create_trial_component(
        TrialComponentName=name, Parameters=wrapped, Status={"PrimaryStatus": status}, **extra
    )
    if trial:
        client.associate_trial_component(TrialComponentName=name, TrialName=trial)


@pytest.fixture
def tour_data(sagemaker_client, metrics_client):
    """Two experiments, two trials, three training components and one unassigned component.

    validation:error ends at 0.30 (training-low), 0.20 (training-mid) and 0.10 (training-high);
    eta is 0.1, 0.2 and 0.3 in the same order.
    """
    sm = sagemaker_client
    sm.create_experiment(
        ExperimentName="churn-experiment", DisplayName="Customer-Churn", Description="XGBoost churn"
    )
    sm.create_experiment(ExperimentName="other-experiment")
    sm.create_trial(TrialName="trial-eta-low", ExperimentName="churn-experiment")
    sm.create_trial(TrialName="trial-eta-high", ExperimentName="churn-experiment")

    components = {
        "training-low": ({"eta": 0.1, "min_child_weight": 1, "objective": "binary:logistic"}, "trial-eta-low", [0.50, 0.40, 0.30]),
        "training-mid": ({"eta": 0.2, "min_child_weight": 3, "objective": "binary:logistic"}, "trial-eta-high", [0.45, 0.25, 0.20]),
        "training-high": ({"eta": 0.3, "min_child_weight": 4, "objective": "binary:logistic"}, "trial-eta-high", [0.40, 0.15, 0.10]),
    }
    for name, (parameters, trial, errors) in components.items():
        create_component(
            sm,
            name,
            parameters,
            trial,
            OutputArtifacts={"SageMaker.ModelArtifact": {"Value": f"s3://bucket/{name}/model.tar.gz"}},
        )
        put_points(metrics_client, name, "validation:error", errors)
        put_points(metrics_client, name, "train:error", [e - 0.05 for e in errors])

    create_component(sm, "loose-component", {"eta": 0.5}, status="InProgress")
    return components


@pytest.fixture
def openapi_spec():
    return json.loads(SPEC_PATH.read_text())


def response_schema(spec: dict, path: str, status: str) -> dict:
    """Return the JSON schema of one response of a GET route in the spec."""
    operation = spec["paths"][path]["get"]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"]}


@pytest.fixture
def check_response(openapi_spec):
    """Return a function that validates a body against the spec's response of a route."""

    def check(path: str, status: int, body):
        schema = response_schema(openapi_spec, path, str(status))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(body)

    return check


@pytest.fixture
def api(jp_fetch):
    """Return ``get(*path, params=None) -> (status, body)`` for routes under churn-studio/api."""

    async def get(*path, params=None):
        response = await jp_fetch("churn-studio", "api", *path, params=params, raise_error=False)
        return response.code, json.loads(response.body)

    return get


@pytest.fixture
def add_component(sagemaker_client, metrics_client):
    """Return ``add(name, parameters, trial=None, metrics=None)`` that writes one trial component.

    ``metrics`` maps a metric name to its values at steps 0, 1, 2, ...
    """

    def add(name, parameters, trial=None, metrics=None, **extra):
        create_component(sagemaker_client, name, parameters, trial, **extra)
        for metric, values in (metrics or {}).items():
            put_points(metrics_client, name, metric, values)

    return add
