"""Fixtures for running smexperiments and the SageMaker SDK v2 on the local backend.

Every test here runs with fake AWS credentials and with botocore's HTTP layer refusing any host
but 127.0.0.1, so a library call that the local clients do not intercept fails loudly instead of
reaching AWS.
"""

import os
import urllib.parse

import botocore.httpsession
import pytest
from contract.checked_client import CheckedClient

FAKE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "SAGEMAKER_SUPPRESS_V2_WARNING": "1",
}


# Set at import because test modules import the SDK, which warns at import time.
os.environ["SAGEMAKER_SUPPRESS_V2_WARNING"] = "1"


class NetworkRequestBlocked(AssertionError):
    """A test tried to send an HTTP request to a host other than 127.0.0.1."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    for key, value in FAKE_AWS_ENVIRONMENT.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("CHURN_STUDIO_BACKEND", raising=False)

    original_send = botocore.httpsession.URLLib3Session.send

    def send_to_loopback_only(self, request):
        host = urllib.parse.urlsplit(request.url).hostname
        if host != "127.0.0.1":
            raise NetworkRequestBlocked(
                f"Blocked {request.method} {request.url}: tests may send requests only to "
                "127.0.0.1. Give the library a local client or a moto endpoint."
            )
        return original_send(self, request)

    monkeypatch.setattr(
        botocore.httpsession.URLLib3Session, "send", send_to_loopback_only
    )


@pytest.fixture
def studio_home(tmp_path):
    return tmp_path / "studio-home"


# Every client below checks each response against botocore's output shape, so a local response
# that the libraries happen to tolerate still fails the test when it breaks the model.


@pytest.fixture
def sagemaker_client(studio_home):
    from churn_studio_ext import local

    return CheckedClient(
        local.client("sagemaker", home=studio_home), "sagemaker", "local"
    )


@pytest.fixture
def metrics_client(studio_home):
    from churn_studio_ext import local

    return CheckedClient(
        local.client("sagemaker-metrics", home=studio_home),
        "sagemaker-metrics",
        "local",
    )


@pytest.fixture
def sdk_session(studio_home):
    """``sdk.session()`` on the studio home, with its clients wrapped in response checks."""
    from churn_studio_ext import sdk

    session = sdk.session(home=studio_home)
    session.sagemaker_client = CheckedClient(
        session.sagemaker_client, "sagemaker", "local"
    )
    session.sagemaker_metrics_client = CheckedClient(
        session.sagemaker_metrics_client, "sagemaker-metrics", "local"
    )
    return session
