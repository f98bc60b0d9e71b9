"""Fixtures of the monitoring API tests: the endpoint tests' trained model and homes, a
capturing endpoint, baseline files, and a Jupyter server on the same home."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ENDPOINT_TESTS = Path(__file__).resolve().parents[1] / "endpoints"
sys.path.insert(0, str(ENDPOINT_TESTS))

from endpoint_helpers import (  # noqa: E402
    BUCKET,
    CAPTURE_URI,
    ROLE_ARN,
    XGBOOST_IMAGE,
    capture_config,
    create_config,
    wait_for_status,
)

from monitoring_helpers import CONSTRAINTS_URI, ENDPOINT, STATISTICS_URI  # noqa: E402

from churn_studio_ext.local.objects import ObjectStore  # noqa: E402

# The endpoint tests' fixtures (one trained model per session, homes whose endpoints are
# stopped after each test) are loaded under their own module name and reused here.
_spec = importlib.util.spec_from_file_location("endpoint_fixtures", ENDPOINT_TESTS / "conftest.py")
_endpoint_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_endpoint_fixtures)
trained_model = _endpoint_fixtures.trained_model
home = _endpoint_fixtures.home
sm = _endpoint_fixtures.sm
runtime = _endpoint_fixtures.runtime
model = _endpoint_fixtures.model
test_rows = _endpoint_fixtures.test_rows


@pytest.fixture
def baseline_files(home):
    """Baseline statistics and constraints files without features, for lifecycle tests."""
    objects = ObjectStore(home)
    objects.put_bytes(json.dumps({"version": 0.0, "features": []}).encode(), STATISTICS_URI)
    objects.put_bytes(json.dumps({"version": 0.0, "features": []}).encode(), CONSTRAINTS_URI)
    return {"statistics": STATISTICS_URI, "constraints": CONSTRAINTS_URI}


@pytest.fixture
def capture_endpoint(home, sm):
    """An endpoint with data capture whose model archive does not exist.

    Its server fails to load the model, but the endpoint and its capture config exist, which is
    all that schedule validation and execution bookkeeping read.
    """
    sm.create_model(
        ModelName="missing-model",
        PrimaryContainer={
            "Image": XGBOOST_IMAGE,
            "ModelDataUrl": f"s3://{BUCKET}/nowhere/model.tar.gz",
        },
        ExecutionRoleArn=ROLE_ARN,
    )
    create_config(sm, "capture-config", "missing-model", capture_config())
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="capture-config")
    return ENDPOINT


@pytest.fixture
def served_endpoint(sm, model):
    """The tour's model served InService with full data capture to CAPTURE_URI."""
    create_config(sm, "served-config", model["name"], capture_config())
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="served-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    return ENDPOINT


@pytest.fixture
def capture_uri():
    return CAPTURE_URI


@pytest.fixture
def monitoring_interval():
    """Seconds between the server's due-execution rounds; 0 keeps the runner off."""
    return 0


@pytest.fixture
def jp_server_config(home, monitoring_interval):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {
            "backend": "local",
            "home": str(home),
            "monitoring_interval": monitoring_interval,
        },
    }


@pytest.fixture
def api(jp_fetch):
    """Return ``call(method, *path, body=None) -> (status, body)`` under churn-studio/api."""

    async def call(method, *path, body=None):
        response = await jp_fetch(
            "churn-studio", "api", *path,
            method=method,
            body=None if body is None else json.dumps(body),
            raise_error=False,
            allow_nonstandard_methods=True,
        )
        text = response.body.decode()
        return response.code, (json.loads(text) if text else None)

    return call
