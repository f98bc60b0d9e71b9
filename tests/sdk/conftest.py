"""Fixtures for the SDK look-alike tests: a loopback-only network and request-capturing clients.

Every test here runs with placeholder AWS credentials. Name lookups and connections to any host
but 127.0.0.1 fail and are recorded, and a test that attempted one fails at teardown even when
library code swallowed the error. This proves the real SDK v2, built for comparison, sends
nothing (its telemetry is switched off in its config as well).
"""

from __future__ import annotations

import os
import socket

import boto3
import pytest
from botocore.validate import ParamValidator

os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")

# SDK v2 config that opts out of telemetry and stops it reading config files.
TELEMETRY_OFF = {
    "SchemaVersion": "1.0",
    "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}},
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


class NetworkBlocked(AssertionError):
    """A test tried to reach a host other than 127.0.0.1."""


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    original_getaddrinfo = socket.getaddrinfo
    original_connect = socket.socket.connect
    attempts = []

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK_HOSTS:
            attempts.append(f"name lookup of {host}")
            raise NetworkBlocked(attempts[-1])
        return original_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if isinstance(address, tuple) and address[0] not in LOOPBACK_HOSTS:
            attempts.append(f"connection to {address}")
            raise NetworkBlocked(attempts[-1])
        return original_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(key, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("CHURN_STUDIO_BACKEND", raising=False)
    yield attempts
    assert attempts == [], f"non-loopback network use: {attempts}"


class CapturingSageMakerClient:
    """Stands in for a sagemaker client: validates CreateTrainingJob requests and keeps them.

    Validation uses botocore's ParamValidator on the service model's input shape, the check
    boto3 runs before sending.
    """

    def __init__(self):
        model = boto3.Session(region_name="us-east-1").client(
            "sagemaker", endpoint_url="http://127.0.0.1:9"
        ).meta.service_model
        self._input_shape = model.operation_model("CreateTrainingJob").input_shape
        self.requests = []

    def create_training_job(self, **request):
        report = ParamValidator().validate(request, self._input_shape)
        assert not report.has_errors(), report.generate_report()
        self.requests.append(request)
        name = request["TrainingJobName"]
        return {"TrainingJobArn": f"arn:aws:sagemaker:us-east-1:111122223333:training-job/{name}"}


@pytest.fixture
def capturing_client():
    return CapturingSageMakerClient()


@pytest.fixture
def studio_home(tmp_path):
    return tmp_path / "studio-home"


@pytest.fixture
def local_session(studio_home):
    from churn_studio_ext.sdk import StudioSession

    return StudioSession(backend="local", home=studio_home)


@pytest.fixture
def capturing_session(local_session, capturing_client):
    """A local StudioSession whose sagemaker client captures instead of starting jobs."""
    local_session.sagemaker_client = capturing_client
    return local_session
