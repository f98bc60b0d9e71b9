"""Routes under the plain base URL "/", while the other modules use "/a%40b/"."""

import pytest


@pytest.fixture
def jp_base_url():
    return "/"


async def test_status_at_root(api, jp_base_url):
    status, body = await api("status")

    assert status == 200
    assert body["backend"] == "local"


async def test_metric_series_at_root(api, tour_data):
    status, body = await api("trial-components", "training-high", "metrics", "validation:error")

    assert status == 200
    assert body["min"] == pytest.approx([0.40, 0.15, 0.10])
