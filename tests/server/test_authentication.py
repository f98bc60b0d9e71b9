"""Every route rejects a request without a valid Jupyter token."""

import pytest

ROUTES = [
    "status",
    "experiments",
    "experiments/churn-experiment",
    "experiments/churn-experiment/trials",
    "trial-components",
    "trial-components/training-low",
    "trial-components/training-low/metrics/validation:error",
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("authorization", [None, "token wrong-token"])
async def test_request_without_token_rejected(
    http_server_client, jp_base_url, route, method, authorization
):
    headers = {"Authorization": authorization} if authorization else {}
    body = None if method in ("GET", "DELETE") else b"{}"

    response = await http_server_client.fetch(
        f"{jp_base_url}churn-studio/api/{route}",
        method=method,
        headers=headers,
        body=body,
        raise_error=False,
    )

    assert response.code == 403


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_unsupported_verbs_rejected(jp_fetch, route, method):
    body = None if method == "DELETE" else b"{}"

    response = await jp_fetch(
        *["churn-studio", "api", *route.split("/")], method=method, body=body, raise_error=False
    )

    assert response.code == 405
