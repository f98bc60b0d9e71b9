"""Metric ingest: points per second through our store, MLflow's log_batch and plain sqlite3.

Every variant writes batches of metric points to a small set of components (runs), continuing
each metric's steps from batch to batch. A round is a fixed number of calls; its throughput is
the points written divided by the round's wall time. Per-call latencies from all rounds give the
median and p95. Each variant starts from an empty database in a fresh temporary folder, and the
variants' rounds are interleaved (see ``run_interleaved``).
"""

import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from common import summarize

COMPONENTS = 10
POINTS_PER_CALL = 100
# A call writes POINTS_PER_CALL points: len(METRIC_NAMES) metrics times STEPS_PER_CALL steps.
# set_shape() changes the split, e.g. 2 metrics x 50 steps as a training job's two series.
METRIC_NAMES = [f"metric_{i}" for i in range(10)]
STEPS_PER_CALL = 10


def set_shape(metrics_per_call: int) -> None:
    """Split each call's 100 points into ``metrics_per_call`` metrics of equal step counts."""
    global METRIC_NAMES, STEPS_PER_CALL
    if metrics_per_call < 1 or POINTS_PER_CALL % metrics_per_call:
        raise ValueError(
            f"invalid metrics per call {metrics_per_call}: use a divisor of {POINTS_PER_CALL}"
        )
    METRIC_NAMES = [f"metric_{i}" for i in range(metrics_per_call)]
    STEPS_PER_CALL = POINTS_PER_CALL // metrics_per_call
PARAMETERS = {f"param_{i}": (i * 0.1 if i % 2 else f"value-{i}") for i in range(10)}


class _StepCounter:
    """Hands out each component's next steps, so batches never repeat a (metric, step)."""

    def __init__(self):
        self.next_step = [0] * COMPONENTS

    def take(self, component: int, steps: int) -> int:
        first = self.next_step[component]
        self.next_step[component] += steps
        return first


class Variant:
    """One way of writing points: ``call(number)`` writes one batch, ``close()`` cleans up."""

    def __init__(self, key: str, points_per_call: int, calls_per_round: int, call, close):
        self.key = key
        self.points_per_call = points_per_call
        self.calls_per_round = calls_per_round
        self.call = call
        self.close = close
        self.latencies: list[float] = []
        self.throughputs: list[float] = []
        self.cpu_throughputs: list[float] = []

    def run_round(self) -> None:
        round_start = time.perf_counter()
        cpu_start = time.process_time()
        for number in range(self.calls_per_round):
            start = time.perf_counter()
            self.call(number)
            self.latencies.append(time.perf_counter() - start)
        cpu = time.process_time() - cpu_start
        elapsed = time.perf_counter() - round_start
        points = self.calls_per_round * self.points_per_call
        self.throughputs.append(points / elapsed)
        self.cpu_throughputs.append(points / cpu if cpu > 0 else float("inf"))

    def result(self) -> dict:
        return {
            "points_per_call": self.points_per_call,
            "calls_per_round": self.calls_per_round,
            "rounds": len(self.throughputs),
            "points_per_second_median": statistics.median(self.throughputs),
            "points_per_second_all": self.throughputs,
            # Points per second of this process's CPU time (user + system): less sensitive than
            # wall time to other processes competing for the 2 cores.
            "points_per_cpu_second_median": statistics.median(self.cpu_throughputs),
            "call": summarize(self.latencies),
        }


def run_interleaved(variants: list[Variant], rounds: int, warmup_calls: int = 20) -> dict:
    """Run round 1 of every variant, then round 2 of every variant, and so on.

    Interleaving spreads any change in the machine's load over all variants alike, which
    matters on a shared 2-core machine. Warm-up calls are untimed and land before round 1.
    """
    results = {}
    try:
        for variant in variants:
            for number in range(warmup_calls):
                variant.call(number)
        for _ in range(rounds):
            for variant in variants:
                variant.run_round()
        for variant in variants:
            results[variant.key] = variant.result()
    finally:
        for variant in variants:
            extra = variant.close()
            if variant.key in results and extra:
                results[variant.key].update(extra)
    return results


# ---------------------------------------------------------------- ours


def _our_clients(home: Path):
    from churn_studio_ext import local

    sm = local.client("sagemaker", home=str(home))
    mx = local.client("sagemaker-metrics", home=str(home))
    return sm, mx


def _our_parameters() -> dict:
    return {
        name: {"NumberValue": value} if isinstance(value, float) else {"StringValue": value}
        for name, value in PARAMETERS.items()
    }


def _our_components(sm, prefix: str) -> list[str]:
    sm.create_experiment(ExperimentName=f"{prefix}-experiment")
    sm.create_trial(TrialName=f"{prefix}-trial", ExperimentName=f"{prefix}-experiment")
    names = []
    for index in range(COMPONENTS):
        name = f"{prefix}-tc-{index}"
        sm.create_trial_component(TrialComponentName=name, Parameters=_our_parameters())
        sm.associate_trial_component(TrialComponentName=name, TrialName=f"{prefix}-trial")
        names.append(name)
    return names


def _points(first_step: int, steps: int, timestamp: float, as_datetime: bool = True) -> list[dict]:
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc) if as_datetime else timestamp
    return [
        {"MetricName": metric, "Value": 1.0 / (step + 1), "Timestamp": moment, "Step": step}
        for step in range(first_step, first_step + steps)
        for metric in METRIC_NAMES
    ]


def _temporary_folder(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"bench-{prefix}-")


def ours_bulk(
    calls_per_round: int, with_parameters: bool = False, datetime_timestamps: bool = True
) -> Variant:
    """100 points per ``put_metric_points`` call; optionally also resend 10 parameters per batch.

    Timestamps are timezone-aware datetimes, as boto3 callers send them, unless
    ``datetime_timestamps`` is false: then they are Unix seconds, which the local API also takes.
    """
    folder = _temporary_folder("ours")
    home = Path(folder.name)
    sm, mx = _our_clients(home)
    names = _our_components(sm, "bulk")
    steps = _StepCounter()
    parameters = _our_parameters()
    now = time.time()

    def call(number: int) -> None:
        component = number % COMPONENTS
        points = _points(steps.take(component, STEPS_PER_CALL), STEPS_PER_CALL, now, datetime_timestamps)
        if with_parameters:
            sm.update_trial_component(TrialComponentName=names[component], Parameters=parameters)
        errors = mx.put_metric_points(names[component], points)
        if errors:
            raise RuntimeError(f"put_metric_points rejected points: {errors[:3]}")

    def close() -> dict:
        stored = _count_points(home)
        folder.cleanup()
        return {"stored_points": stored}

    key = "ours_bulk_with_parameters" if with_parameters else "ours_bulk"
    if not datetime_timestamps:
        key += "_seconds"
    return Variant(key, 100, calls_per_round, call, close)


def ours_batch_put_metrics(calls_per_round: int) -> Variant:
    """10 points per ``batch_put_metrics`` call, the public API's limit."""
    folder = _temporary_folder("ours")
    home = Path(folder.name)
    sm, mx = _our_clients(home)
    names = _our_components(sm, "public")
    steps = _StepCounter()
    now = time.time()

    # As many whole steps as fit in the API's 10 points: 1 step of 10 metrics, 5 steps of 2.
    steps_per_call = max(1, 10 // len(METRIC_NAMES))

    def call(number: int) -> None:
        component = number % COMPONENTS
        response = mx.batch_put_metrics(
            TrialComponentName=names[component],
            MetricData=_points(steps.take(component, steps_per_call), steps_per_call, now),
        )
        if response.get("Errors"):
            raise RuntimeError(f"BatchPutMetrics returned errors: {response['Errors']}")

    def close() -> dict:
        stored = _count_points(home)
        folder.cleanup()
        return {"stored_points": stored}

    points_per_call = steps_per_call * len(METRIC_NAMES)
    return Variant("ours_batch_put_metrics", points_per_call, calls_per_round, call, close)


def _count_points(home: Path) -> int | None:
    database = home / "studio.db"
    if not database.exists():
        return None
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM metric_point").fetchone()[0]


# ---------------------------------------------------------------- MLflow


def mlflow_log_batch(calls_per_round: int, with_parameters: bool = True) -> Variant:
    """100 points per ``MlflowClient.log_batch`` call, optionally with the runs' 10 parameters.

    Resending a parameter with an unchanged value is allowed in MLflow and costs it a lookup,
    which is what a training script that logs its configuration with every batch pays.
    """
    from mlflow.entities import Metric, Param
    from mlflow.tracking import MlflowClient

    folder = _temporary_folder("mlflow")
    database = Path(folder.name) / "mlflow.db"
    client = MlflowClient(tracking_uri=f"sqlite:///{database}")
    experiment = client.create_experiment(
        "ingest", artifact_location=(Path(folder.name) / "artifacts").as_uri()
    )
    params = [Param(name, str(value)) for name, value in PARAMETERS.items()]
    run_ids = []
    for index in range(COMPONENTS):
        run = client.create_run(experiment, run_name=f"run-{index}")
        client.log_batch(run.info.run_id, params=params)
        run_ids.append(run.info.run_id)
    steps = _StepCounter()
    timestamp = int(time.time() * 1000)

    def call(number: int) -> None:
        component = number % COMPONENTS
        first = steps.take(component, STEPS_PER_CALL)
        metrics = [
            Metric(metric, 1.0 / (step + 1), timestamp, step)
            for step in range(first, first + STEPS_PER_CALL)
            for metric in METRIC_NAMES
        ]
        client.log_batch(run_ids[component], metrics=metrics, params=params if with_parameters else [])

    def close() -> dict:
        with sqlite3.connect(database) as conn:
            stored = conn.execute("SELECT count(*) FROM metrics").fetchone()[0]
        folder.cleanup()
        return {"stored_points": stored}

    key = "mlflow_log_batch" if with_parameters else "mlflow_log_batch_points_only"
    return Variant(key, 100, calls_per_round, call, close)


# ---------------------------------------------------------------- plain sqlite3


_PLAIN_SCHEMA = """
CREATE TABLE point (
    component INTEGER NOT NULL, metric TEXT NOT NULL, step INTEGER NOT NULL,
    timestamp REAL NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (component, metric, step)
) WITHOUT ROWID;
CREATE TABLE summary (
    component INTEGER NOT NULL, metric TEXT NOT NULL,
    count INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL, total REAL NOT NULL,
    last REAL NOT NULL, last_step INTEGER NOT NULL,
    PRIMARY KEY (component, metric)
);
CREATE INDEX summary_last ON summary (metric, last);
"""

_PLAIN_UPSERT = """
INSERT INTO summary (component, metric, count, min, max, total, last, last_step)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (component, metric) DO UPDATE SET
    count = count + excluded.count,
    min = min(min, excluded.min),
    max = max(max, excluded.max),
    total = total + excluded.total,
    last = CASE WHEN excluded.last_step >= last_step THEN excluded.last ELSE last END,
    last_step = max(last_step, excluded.last_step)
"""


def plain_sqlite(calls_per_round: int) -> Variant:
    """Build the floor variant: 100 points per transaction into a bare table, plus a summary upsert.

    The database is in WAL mode like ours. This is what the store would cost with no API layer,
    validation or response building.
    """
    folder = _temporary_folder("plain")
    conn = sqlite3.connect(Path(folder.name) / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.executescript(_PLAIN_SCHEMA)
    steps = _StepCounter()
    now = time.time()

    def call(number: int) -> None:
        component = number % COMPONENTS
        first = steps.take(component, STEPS_PER_CALL)
        rows = [
            (component, metric, step, now, 1.0 / (step + 1))
            for step in range(first, first + STEPS_PER_CALL)
            for metric in METRIC_NAMES
        ]
        summaries = {}
        for _, metric, step, _, value in rows:
            entry = summaries.setdefault(metric, [0, value, value, 0.0, value, step])
            entry[0] += 1
            entry[1] = min(entry[1], value)
            entry[2] = max(entry[2], value)
            entry[3] += value
            if step >= entry[5]:
                entry[4], entry[5] = value, step
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO point VALUES (?, ?, ?, ?, ?)", rows)
        conn.executemany(
            _PLAIN_UPSERT, [(component, metric, *entry) for metric, entry in summaries.items()]
        )
        conn.execute("COMMIT")

    def close() -> dict:
        stored = conn.execute("SELECT count(*) FROM point").fetchone()[0]
        conn.close()
        folder.cleanup()
        return {"stored_points": stored}

    return Variant("plain_sqlite", 100, calls_per_round, call, close)
