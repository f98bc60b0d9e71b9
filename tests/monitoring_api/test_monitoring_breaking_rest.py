"""Execution details whose baseline or report files contain values that strict JSON cannot carry."""

import asyncio
import json

import pytest
from monitoring_helpers import CONSTRAINTS_URI, STATISTICS_URI, schedule_create_body

from churn_studio_ext.local.objects import ObjectStore

SCHEDULE = "breaking-schedule"


def _strict_json(text: str):
    """Parse JSON as a browser's JSON.parse does: NaN and Infinity are not JSON."""
    def reject(constant):
        raise ValueError(f"{constant} is not valid JSON")
    return json.loads(text, parse_constant=reject)


def _put_baseline(home, features):
    objects = ObjectStore(home)
    document = {"version": 0.0, "dataset": {"item_count": 2.0}, "features": features}
    # Python's json writes NaN and Infinity as bare words, as Java's double formatting does.
    objects.put_bytes(json.dumps(document).encode(), STATISTICS_URI)
    objects.put_bytes(json.dumps({"version": 0.0, "features": []}).encode(), CONSTRAINTS_URI)


async def _ended_execution(jp_fetch, job_name):
    for _ in range(600):
        response = await jp_fetch("churn-studio", "api", "monitoring-executions", job_name,
                                  raise_error=False)
        body = json.loads(response.body)
        if response.code != 200 or body["execution"]["status"] not in ("Pending", "InProgress"):
            return response
        await asyncio.sleep(0.05)
    pytest.fail(f"Execution {job_name} did not end")


async def _run_once(jp_fetch):
    created = await jp_fetch("churn-studio", "api", "monitoring-schedules", method="POST",
                             body=json.dumps(schedule_create_body(SCHEDULE)))
    assert created.code == 201
    run = await jp_fetch("churn-studio", "api", "monitoring-schedules", SCHEDULE, "run",
                         method="POST", body="{}")
    return json.loads(run.body)["execution"]["processingJobName"]


async def test_non_finite_statistics_sent_as_null(jp_fetch, home, capture_endpoint):
    _put_baseline(home, [{
        "name": "Day Mins",
        "inferred_type": "Fractional",
        "numerical_statistics": {
            "common": {"num_present": 2.0, "num_missing": 0.0},
            "mean": float("nan"), "sum": float("nan"), "std_dev": float("nan"),
            "min": float("-inf"), "max": float("inf"),
        },
    }])
    job_name = await _run_once(jp_fetch)

    response = await _ended_execution(jp_fetch, job_name)

    assert response.code == 200
    detail = _strict_json(response.body.decode())
    baseline = detail["features"][0]["baseline"]["numerical_statistics"]
    assert baseline["mean"] is None
    assert baseline["max"] is None
    assert baseline["common"]["num_present"] == 2.0


async def test_malformed_baseline_features_skipped(jp_fetch, home, capture_endpoint):
    _put_baseline(home, ["Churn", {"inferred_type": "Integral"},
                         {"name": "Plan", "inferred_type": "String"}])
    job_name = await _run_once(jp_fetch)

    response = await _ended_execution(jp_fetch, job_name)

    assert response.code == 200
    detail = _strict_json(response.body.decode())
    assert [feature["name"] for feature in detail["features"]] == ["Plan"]
