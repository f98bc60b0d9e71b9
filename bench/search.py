"""Search: the first 100 trial components (MLflow: runs) sorted by a metric, with the total count.

Both stores hold the components of ``dataset.generate``. Ours is searched through
``sm.search`` and MLflow through ``MlflowClient.search_runs``. Each query's first page is
checked against the page computed in Python from the generated data before any timing counts.

Warm: one untimed call, then ``repeats`` timed calls in the same process and client.
Cold: a new Python process opens a client and times its first call. The operating system's
page cache still contains the database file, so "cold" means a cold connection and SQLite
cache, not a cold disk.

Run ``python search.py cold {ours|mlflow} LOCATION QUERY_KEY`` to take one cold sample; the
runner does this in a subprocess.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from common import CACHE, REPO, prepare_environment, summarize
import dataset

PAGE = 100
SORT_METRIC = "validation:error"
BASE_TIME = 1_780_000_000.0  # 2026-05-28, a fixed time so that cached data never changes


@dataclass(frozen=True)
class Query:
    key: str
    title: str
    predicate: object  # Component -> bool, for the expected page and count
    ours_filters: list = field(default_factory=list)
    mlflow_filter: str | None = None  # None: the query is not run on MLflow

    def ours_request(self) -> dict:
        request = {
            "Resource": "ExperimentTrialComponent",
            "SortBy": f"Metrics.{SORT_METRIC}.Last",
            "SortOrder": "Ascending",
            "MaxResults": PAGE,
        }
        if self.ours_filters:
            request["SearchExpression"] = {"Filters": self.ours_filters}
        return request


QUERIES = [
    Query(
        "parameter",
        "filter on a parameter: optimizer = adam (25 %)",
        lambda c: c.strings["optimizer"] == "adam",
        [{"Name": "Parameters.optimizer", "Operator": "Equals", "Value": "adam"}],
        "params.optimizer = 'adam'",
    ),
    Query(
        "metric",
        "filter on a metric: validation:error last < 0.2 (33 %)",
        lambda c: c.last[SORT_METRIC] < 0.2,
        [{"Name": f"Metrics.{SORT_METRIC}.Last", "Operator": "LessThan", "Value": "0.2"}],
        f"metrics.`{SORT_METRIC}` < 0.2",
    ),
    Query("none", "no filter", lambda c: True, [], ""),
    Query(
        "parameter_rare",
        "filter on a parameter: seed = 7 (1 %)",
        lambda c: c.numbers["seed"] == 7.0,
        [{"Name": "Parameters.seed", "Operator": "Equals", "Value": "7"}],
        "params.seed = '7.0'",
    ),
    Query(
        "metric_rare",
        "filter on a metric: validation:error last < 0.056 (1.3 %)",
        lambda c: c.last[SORT_METRIC] < 0.056,
        [{"Name": f"Metrics.{SORT_METRIC}.Last", "Operator": "LessThan", "Value": "0.056"}],
        f"metrics.`{SORT_METRIC}` < 0.056",
    ),
    # MLflow stores parameters as strings and compares them only as strings, so a numeric
    # range on a parameter has no MLflow equivalent.
    Query(
        "parameter_range",
        "filter on a number parameter: eta > 0.5 (50 %)",
        lambda c: c.numbers["eta"] > 0.5,
        [{"Name": "Parameters.eta", "Operator": "GreaterThan", "Value": "0.5"}],
    ),
    Query(
        "experiment",
        f"filter on the parent experiment: Parents.ExperimentName = {dataset.EXPERIMENT} (100 %)",
        lambda c: True,
        [{"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": dataset.EXPERIMENT}],
    ),
]
QUERIES_BY_KEY = {query.key: query for query in QUERIES}


# ---------------------------------------------------------------- populating ours


def _schema_fingerprint() -> str:
    """Hash the store's schema, so a cached database is rebuilt when its tables change.

    Other changes to the store, such as how a summary is computed, keep the cache. The page
    check in ``measure_warm`` catches data that no longer match the generated set.
    """
    path = REPO / "churn_studio_ext" / "local" / "schema.py"
    return hashlib.sha1(path.read_bytes()).hexdigest()[:10]


def ours_home(count: int) -> Path:
    return CACHE / f"ours-{count}-v{dataset.DATASET_VERSION}-{_schema_fingerprint()}"


def populate_ours(count: int, log=print) -> tuple[Path, float | None]:
    """Return a home holding ``count`` components, building it if not cached, and the build time."""
    home = ours_home(count)
    if (home / "complete").exists():
        return home, None
    # Build in place: the clients keep their connections open, so the folder is never renamed.
    # The "complete" marker is written last, so an interrupted build is thrown away next time.
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)

    from churn_studio_ext import local

    sm = local.client("sagemaker", home=str(home))
    mx = local.client("sagemaker-metrics", home=str(home))
    start = time.perf_counter()
    sm.create_experiment(ExperimentName=dataset.EXPERIMENT)
    for component in dataset.generate(count):
        if component.index % dataset.COMPONENTS_PER_TRIAL == 0:
            sm.create_trial(TrialName=component.trial, ExperimentName=dataset.EXPERIMENT)
        parameters = {name: {"NumberValue": value} for name, value in component.numbers.items()}
        parameters.update({name: {"StringValue": value} for name, value in component.strings.items()})
        sm.create_trial_component(TrialComponentName=component.name, Parameters=parameters)
        sm.associate_trial_component(TrialComponentName=component.name, TrialName=component.trial)
        mx.put_metric_points(component.name, _our_points(component))
        if component.index and component.index % 10_000 == 0:
            rate = component.index / (time.perf_counter() - start)
            log(f"  ours: {component.index:,} of {count:,} components ({rate:,.0f}/s)")
    elapsed = time.perf_counter() - start
    (home / "complete").write_text(f"{count} components in {elapsed:.1f} s\n")
    return home, elapsed


def _our_points(component: dataset.Component) -> list[dict]:
    points = []
    for metric, series in component.series.items():
        for step, value in series:
            moment = datetime.fromtimestamp(BASE_TIME + component.index + step, tz=timezone.utc)
            points.append({"MetricName": metric, "Value": value, "Timestamp": moment, "Step": step})
    return points


# ---------------------------------------------------------------- populating MLflow


def mlflow_folder(count: int) -> Path:
    from importlib import metadata

    version = metadata.version("mlflow")
    return CACHE / f"mlflow-{count}-v{dataset.DATASET_VERSION}-{version}"


def mlflow_uri(folder: Path) -> str:
    return f"sqlite:///{folder}/mlflow.db"


def populate_mlflow(count: int, log=print) -> tuple[Path, float | None]:
    """Return a folder whose MLflow store contains ``count`` runs, building it if not cached."""
    from mlflow.entities import Metric, Param
    from mlflow.tracking import MlflowClient

    folder = mlflow_folder(count)
    if (folder / "complete").exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    client = MlflowClient(tracking_uri=mlflow_uri(folder))
    experiment = client.create_experiment(
        dataset.EXPERIMENT, artifact_location=(folder / "artifacts").as_uri()
    )
    start = time.perf_counter()
    for component in dataset.generate(count):
        run = client.create_run(
            experiment,
            start_time=int((BASE_TIME + component.index) * 1000),
            run_name=component.name,
        )
        params = [Param(name, str(value)) for name, value in component.numbers.items()]
        params += [Param(name, value) for name, value in component.strings.items()]
        metrics = [
            Metric(metric, value, int((BASE_TIME + component.index + step) * 1000), step)
            for metric, series in component.series.items()
            for step, value in series
        ]
        client.log_batch(run.info.run_id, metrics=metrics, params=params)
        if component.index and component.index % 2_000 == 0:
            rate = component.index / (time.perf_counter() - start)
            log(f"  mlflow: {component.index:,} of {count:,} runs ({rate:,.0f}/s)")
    elapsed = time.perf_counter() - start
    (folder / "complete").write_text(f"{count} runs in {elapsed:.1f} s\n")
    return folder, elapsed


# ---------------------------------------------------------------- running queries


class OursSearcher:
    def __init__(self, home: Path):
        from churn_studio_ext import local

        self.sm = local.client("sagemaker", home=str(home))

    def search(self, query: Query) -> tuple[list[str], int | None, dict]:
        response = self.sm.search(**query.ours_request())
        names = [record["TrialComponent"]["TrialComponentName"] for record in response["Results"]]
        return names, response["TotalHits"]["Value"], response


class MlflowSearcher:
    def __init__(self, folder: Path):
        from mlflow.tracking import MlflowClient

        self.client = MlflowClient(tracking_uri=mlflow_uri(folder))
        self.experiment_id = self.client.get_experiment_by_name(dataset.EXPERIMENT).experiment_id

    def search(self, query: Query) -> tuple[list[str], int | None, object]:
        runs = self.client.search_runs(
            [self.experiment_id],
            filter_string=query.mlflow_filter,
            order_by=[f"metrics.`{SORT_METRIC}` ASC"],
            max_results=PAGE,
        )
        return [run.info.run_name for run in runs], None, runs

    def count_by_fetching(self, query: Query) -> int:
        """Count matches the only way MLflow can: fetch them all (up to its 50,000-run page)."""
        runs = self.client.search_runs(
            [self.experiment_id], filter_string=query.mlflow_filter, max_results=50_000
        )
        if runs.token:
            raise RuntimeError("More than 50,000 matching runs: counting needs paging.")
        return len(runs)


def _check_ours_record(response: dict) -> None:
    """Fail unless the first record carries its parameters, metric summaries and parents."""
    record = response["Results"][0]["TrialComponent"]
    missing = [key for key in ("Parameters", "Metrics", "Parents") if not record.get(key)]
    if missing:
        raise RuntimeError(f"Search record lacks {missing}: the timing would not be comparable.")


def measure_warm(searcher, query: Query, expected: tuple[list[str], int], repeats: int) -> dict:
    """Time ``repeats`` calls after one untimed call whose page and count are checked."""
    names, total, response = searcher.search(query)
    expected_names, expected_count = expected

    if names != expected_names:
        first_wrong = next(
            (i for i, (a, b) in enumerate(zip(names, expected_names)) if a != b),
            min(len(names), len(expected_names)),
        )
        raise RuntimeError(
            f"{type(searcher).__name__} returned a wrong page for {query.key!r}: "
            f"{len(names)} names, first difference at {first_wrong}."
        )
    if total is not None and total != expected_count:
        raise RuntimeError(
            f"{type(searcher).__name__} counted {total} for {query.key!r}, expected {expected_count}."
        )
    if isinstance(searcher, OursSearcher):
        _check_ours_record(response)

    samples, cpu_samples = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        cpu_start = time.process_time()
        searcher.search(query)
        cpu_samples.append(time.process_time() - cpu_start)
        samples.append(time.perf_counter() - start)

    result = summarize(samples)
    # CPU time of this process: less sensitive than wall time to other processes' load.
    result["cpu_median_ms"] = summarize(cpu_samples)["median_ms"]
    result["count"] = expected_count
    return result


def measure_cold(system: str, location: Path, query: Query, samples: int) -> dict:
    """Start ``samples`` fresh processes, each timing its client's first search (ours: also the second)."""
    opens, firsts, seconds = [], [], []
    for _ in range(samples):
        output = subprocess.run(
            [sys.executable, str(Path(__file__)), "cold", system, str(location), query.key],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ.copy(),
            cwd=str(Path(__file__).parent),
        ).stdout
        sample = json.loads(output.strip().splitlines()[-1])
        opens.append(sample["open_s"])
        firsts.append(sample["first_s"])
        if "second_s" in sample:
            seconds.append(sample["second_s"])
    result = {"client_open": summarize(opens), "first_call": summarize(firsts)}
    if seconds:
        result["second_call"] = summarize(seconds)
    return result


def _cold_sample(system: str, location: str, key: str) -> None:
    query = QUERIES_BY_KEY[key]
    start = time.perf_counter()
    searcher = OursSearcher(Path(location)) if system == "ours" else MlflowSearcher(Path(location))
    opened = time.perf_counter()
    searcher.search(query)
    first = time.perf_counter()
    sample = {"open_s": opened - start, "first_s": first - opened}
    # MLflow's second call is no faster than its warm timing, which is measured anyway.
    if system == "ours":
        searcher.search(query)
        sample["second_s"] = time.perf_counter() - first
    print(json.dumps(sample))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "cold":
        prepare_environment()
        _cold_sample(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: python search.py cold {ours|mlflow} LOCATION QUERY_KEY")
