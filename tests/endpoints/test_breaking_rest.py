"""Hostile requests to the endpoints REST API: each gets a 4xx that names the bad value."""

import json

import pytest
from endpoint_helpers import create_config, wait_for_status

ENDPOINT = "rest-breaking-endpoint"


@pytest.fixture
def jp_server_config(home):
    return {
        "ServerApp": {"jpserver_extensions": {"churn_studio_ext": True}},
        "ChurnStudioApp": {"backend": "local", "home": str(home)},
    }


@pytest.fixture
def endpoint(sm, model):
    create_config(sm, "rest-breaking-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="rest-breaking-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    return ENDPOINT


@pytest.fixture
def invoke(jp_fetch):
    """Return ``call(name, body) -> (status, reply)`` for POST endpoints/<name>/invocations."""

    async def call(name, body):
        response = await jp_fetch(
            "churn-studio", "api", "endpoints", name, "invocations",
            method="POST", body=json.dumps(body), raise_error=False,
        )
        return response.code, json.loads(response.body)

    return call


@pytest.mark.parametrize(
    "content_type",
    ["text/csv\r\nX-Injected: 1", "text/csv\n", "text/csv\x00", "téxt/csv"],
)
async def test_invalid_content_type_is_400(invoke, endpoint, test_rows, content_type):
    status, reply = await invoke(endpoint, {"contentType": content_type, "body": test_rows[1]})

    assert status == 400, reply
    assert "contentType" in reply["message"]


async def test_unpaired_surrogate_body_is_400(invoke, endpoint):
    status, reply = await invoke(endpoint, {"contentType": "text/csv", "body": "1,\ud800"})

    assert status == 400, reply
    assert "Invalid body" in reply["message"]
    assert "surrogate" in reply["message"]


@pytest.mark.parametrize("name", ["..%2Fx", "a.b", "a" * 64])
async def test_invalid_name_invocation_is_400(invoke, endpoint, test_rows, name):
    status, reply = await invoke(name, {"contentType": "text/csv", "body": test_rows[1]})

    assert status == 400, reply
    assert "endpointName" in reply["message"]


async def test_server_serves_after_rejections(invoke, endpoint, test_rows):
    await invoke(endpoint, {"contentType": "text/csv\r\n", "body": test_rows[1]})
    await invoke(endpoint, {"contentType": "text/csv", "body": "\ud800"})

    status, reply = await invoke(endpoint, {"contentType": "text/csv", "body": test_rows[1]})

    assert status == 200, reply
    assert 0.0 < float(reply["body"]) < 1.0
