"""ChurnStudioApp.service_class replaces the service, and its errors reach the client as JSON."""

import pytest

from churn_studio_ext.server.errors import BackendError


class FailingService:
    """A service whose every query fails the way an unreachable backend does."""

    def __init__(self, sagemaker_client, metrics_client, backend, version, home, region):
        self.backend = backend
        self.version = version

    def status(self):
        return {"backend": self.backend, "version": self.version, "home": None, "region": "injected"}

    def list_experiments(self, query=None):
        raise BackendError(f"ListExperiments failed on the {self.backend} backend: 100% down")


@pytest.fixture
def jp_server_config(studio_home):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {
            "backend": "local",
            "home": str(studio_home),
            "service_class": f"{__name__}.FailingService",
        },
    }


async def test_injected_service_answers(api):
    status, body = await api("status")

    assert status == 200
    assert body["region"] == "injected"


async def test_service_error_becomes_json_502(api, check_response):
    status, body = await api("experiments")

    assert status == 502
    check_response("/experiments", 502, body)
    # The "%" in the message must survive tornado's %-formatting of log messages.
    assert body["message"] == "ListExperiments failed on the local backend: 100% down"
