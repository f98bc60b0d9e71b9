"""GET trial-components/<name>/metrics/<metric>: downsampling, metric names in paths, errors."""

import json
from datetime import datetime, timezone

import numpy as np
import pytest

SERIES = "/trial-components/{trialComponentName}/metrics/{metricName}"


@pytest.fixture
def long_series(add_component):
    """100,000 steps of a smooth curve near 0.2 with one spike of 7.5 at step 61,234."""
    steps = np.arange(100_000)
    values = 0.2 + 0.05 * np.cos(steps / 5000.0)
    values[61_234] = 7.5
    add_component("long-run", {"eta": 0.2}, metrics={"validation:error": values.tolist()})
    return values


async def test_long_series_downsampled_with_spike(api, long_series, check_response):
    status, body = await api(
        "trial-components", "long-run", "metrics", "validation:error", params={"buckets": "500"}
    )

    assert status == 200, body
    check_response(SERIES, 200, body)
    assert body["trialComponentName"] == "long-run"
    assert body["metricName"] == "validation:error"
    assert body["xAxis"] == "step"
    assert body["totalPoints"] == 100_000
    assert body["downsampled"] is True
    assert body["truncated"] is False
    assert 0 < len(body["x"]) <= 500
    assert len(body["x"]) == len(body["min"]) == len(body["max"])
    assert body["x"][0] == 0
    assert max(body["max"]) == pytest.approx(7.5)
    assert min(body["min"]) == pytest.approx(long_series[np.arange(100_000) != 61_234].min())


async def test_default_buckets_is_thousand(api, long_series):
    status, body = await api("trial-components", "long-run", "metrics", "validation:error")

    assert status == 200
    assert len(body["x"]) == 1000
    assert max(body["max"]) == pytest.approx(7.5)


async def test_short_series_exact(api, tour_data):
    status, body = await api("trial-components", "training-low", "metrics", "validation:error")

    assert status == 200
    assert body["downsampled"] is False
    assert body["totalPoints"] == 3
    assert body["x"] == [0, 1, 2]
    assert body["min"] == pytest.approx([0.50, 0.40, 0.30])
    assert body["max"] == body["min"]


async def test_time_axis(api, tour_data, check_response):
    status, body = await api(
        "trial-components", "training-low", "metrics", "train:error", params={"xAxis": "time"}
    )

    assert status == 200, body
    check_response(SERIES, 200, body)
    assert body["xAxis"] == "time"
    assert len(body["x"]) == 3
    # conftest logs points one second apart from 2026-12-01T12:00:00Z, and the local backend
    # reports Unix seconds.
    first = int(datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc).timestamp())
    assert body["x"] == [first, first + 1, first + 2]
    assert body["min"] == pytest.approx([0.45, 0.35, 0.25])


async def test_metric_name_with_slash(api, add_component, http_server_client, jp_base_url, jp_auth_header):
    add_component("slash-run", {"eta": 0.1}, metrics={"loss/train": [3.0, 2.0]})

    status, body = await api("trial-components", "slash-run", "metrics", "loss/train")
    assert status == 200, body
    assert body["metricName"] == "loss/train"
    assert body["min"] == [3.0, 2.0]

    # The same metric with "/" sent as %2F.
    url = f"{jp_base_url}churn-studio/api/trial-components/slash-run/metrics/loss%2Ftrain"
    response = await http_server_client.fetch(url, headers=jp_auth_header, raise_error=False)
    assert response.code == 200
    assert json.loads(response.body)["metricName"] == "loss/train"


async def test_missing_metric_is_404(api, tour_data, check_response):
    status, body = await api("trial-components", "training-low", "metrics", "validation:auc")

    assert status == 404
    check_response(SERIES, 404, body)
    assert "validation:auc" in body["message"]
    assert "validation:error" in body["message"]


async def test_missing_component_is_404(api, tour_data):
    status, body = await api("trial-components", "no-such-component", "metrics", "validation:error")

    assert status == 404
    assert "no-such-component" in body["message"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"buckets": "0"}, "buckets"),
        ({"buckets": "10001"}, "buckets"),
        ({"buckets": "many"}, "buckets"),
        ({"xAxis": "epoch"}, "xAxis"),
    ],
)
async def test_invalid_parameters_are_400(api, tour_data, check_response, params, parameter):
    status, body = await api(
        "trial-components", "training-low", "metrics", "validation:error", params=params
    )

    assert status == 400
    check_response(SERIES, 400, body)
    assert parameter in body["message"]
