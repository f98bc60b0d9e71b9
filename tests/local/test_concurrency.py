"""Eight processes log metrics into one store at the same time; nothing is lost or miscounted."""

import multiprocessing
import random

import numpy as np
import pytest

from churn_studio_ext.local.metrics import LocalMetricsClient
from churn_studio_ext.local.store import Store, get_store

PROCESSES = 8
POINTS_PER_PROCESS = 10_000
T0 = 1_700_000_000.0
SHARED_COMPONENT = "shared-run"


def _series(worker: int) -> list[dict]:
    """The points worker ``worker`` sends, in order: half to its own metric, half to a shared one.

    Timestamps are unique across workers, so the newest shared point is known in advance.
    """
    rng = random.Random(worker)
    points = []
    for index in range(POINTS_PER_PROCESS):
        name = f"worker-{worker}:loss" if index % 2 == 0 else "shared:loss"
        points.append(
            {
                "MetricName": name,
                "Value": rng.gauss(0.0, 1.0),
                "Timestamp": T0 + index + worker / 100,
                "Step": index,
            }
        )
    return points


def _log(home: str, worker: int, start) -> list:
    """Send this worker's points: batches of 100 through put_metric_points, and of 10."""
    client = LocalMetricsClient(get_store(home))
    points = _series(worker)
    start.wait()
    errors = []
    position = 0
    while position < len(points):
        if (position // 100) % 2 == 0:
            batch = points[position : position + 100]
            errors.extend(client.put_metric_points(SHARED_COMPONENT, batch))
        else:
            batch = points[position : position + 10]
            errors.extend(
                client.batch_put_metrics(TrialComponentName=SHARED_COMPONENT, MetricData=batch)[
                    "Errors"
                ]
            )
        position += len(batch)
    return errors


@pytest.fixture
def home(tmp_path):
    store = Store(tmp_path)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO trial_component (name, name_key, arn, created_time, last_modified_time) "
            "VALUES (?, ?, ?, 0, 0)",
            (
                SHARED_COMPONENT,
                SHARED_COMPONENT,
                f"arn:aws:sagemaker:local:000000000000:experiment-trial-component/{SHARED_COMPONENT}",
            ),
        )
    return str(tmp_path)


def test_eight_writers_lose_nothing(home):
    context = multiprocessing.get_context("spawn")
    start = context.Manager().Event()
    with context.Pool(PROCESSES) as pool:
        pending = [pool.apply_async(_log, (home, worker, start)) for worker in range(PROCESSES)]
        start.set()
        # get() re-raises a worker's exception, "database is locked" included.
        errors = [result.get(timeout=600) for result in pending]

    assert errors == [[] for _ in range(PROCESSES)]

    expected: dict[str, list] = {}
    for worker in range(PROCESSES):
        for point in _series(worker):
            expected.setdefault(point["MetricName"], []).append(point)

    conn = Store(home).connection()
    total = conn.execute("SELECT count(*) FROM metric_point").fetchone()[0]
    assert total == PROCESSES * POINTS_PER_PROCESS

    for name, points in expected.items():
        summary = conn.execute("SELECT * FROM metric_summary WHERE name = ?", (name,)).fetchone()
        stored = conn.execute(
            "SELECT seq, value FROM metric_point WHERE metric_id = ? ORDER BY seq", (summary["id"],)
        ).fetchall()
        values = np.array([point["Value"] for point in points])
        newest = max(points, key=lambda point: point["Timestamp"])

        assert [row["seq"] for row in stored] == list(range(len(points)))
        assert sorted(row["value"] for row in stored) == sorted(values.tolist())
        assert summary["count"] == len(points)
        assert summary["min"] == values.min()
        assert summary["max"] == values.max()
        assert summary["avg"] == pytest.approx(values.mean(), rel=1e-9, abs=1e-12)
        assert summary["std_dev"] == pytest.approx(values.std(ddof=1), rel=1e-9)
        assert summary["last"] == newest["Value"]
        assert summary["last_step"] == newest["Step"]
