"""Build the studio home of the Studio panels benchmark: 100,000 trial components.

Usage: python seed_benchmark.py HOME

The 100,000 components are the search benchmark's synthetic experiment (``bench/dataset.py``):
trials of 10 components, 9 parameters and 2 metrics of 10 steps each. ``bench/search.py`` builds
that store once through the local backend's public API and caches it in ``bench/.cache/``, and
this script copies the cached store into HOME, so the lab's own writes never touch the cache.
One more component, ``bench-series-10000`` in its own experiment, carries a ``train:loss``
series of 10,000 steps for the chart timing.
"""

import json
import math
import shutil
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import dataset  # noqa: E402  (bench/dataset.py, importable once bench/ is on the path)
import search  # noqa: E402

COMPONENT_COUNT = 100_000
SERIES_EXPERIMENT = "bench-series"
SERIES_TRIAL = "bench-series-trial"
SERIES_COMPONENT = "bench-series-10000"
SERIES_METRIC = "train:loss"
SERIES_POINTS = 10_000
# put_metric_points takes any number of points; 1,000 per call keeps each transaction short.
POINTS_PER_CALL = 1_000
SERIES_START = datetime(2026, 5, 28, tzinfo=timezone.utc)


def seed(home: Path, expected_path: Path | None = None) -> None:
    """Replace ``home`` with a copy of the cached 100,000-component store plus the series component.

    ``expected_path`` receives the rows the benchmark must see, so it times correct pages only.
    """
    started = time.perf_counter()
    cached, build_seconds = search.populate_ours(COMPONENT_COUNT)
    if build_seconds is not None:
        print(f"built the {COMPONENT_COUNT:,}-component store in {build_seconds:.0f} s", flush=True)

    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(cached, home)
    (home / "complete").unlink(missing_ok=True)
    _add_series_component(home)
    if expected_path is not None:
        expected_path.write_text(json.dumps(expected_rows(), indent=2) + "\n")
    print(f"seeded {home} in {time.perf_counter() - started:.1f} s", flush=True)


def expected_rows() -> dict:
    """Return the first row of each sort by ``validation:error`` Last, from the generated data."""
    last_errors = [
        (component.last[search.SORT_METRIC], component.name)
        for component in dataset.generate(COMPONENT_COUNT)
    ]
    return {
        "experiment": dataset.EXPERIMENT,
        "componentCount": COMPONENT_COUNT,
        "sortMetric": search.SORT_METRIC,
        "firstAscending": min(last_errors)[1],
        "firstDescending": max(last_errors)[1],
        "seriesComponent": SERIES_COMPONENT,
        "seriesMetric": SERIES_METRIC,
        "seriesPoints": SERIES_POINTS,
    }


def _add_series_component(home: Path) -> None:
    from churn_studio_ext import local

    sagemaker = local.client("sagemaker", home=str(home))
    metrics = local.client("sagemaker-metrics", home=str(home))
    sagemaker.create_experiment(ExperimentName=SERIES_EXPERIMENT)
    sagemaker.create_trial(TrialName=SERIES_TRIAL, ExperimentName=SERIES_EXPERIMENT)
    sagemaker.create_trial_component(
        TrialComponentName=SERIES_COMPONENT,
        Status={"PrimaryStatus": "Completed"},
        Parameters={"eta": {"NumberValue": 0.1}},
    )
    sagemaker.associate_trial_component(TrialComponentName=SERIES_COMPONENT, TrialName=SERIES_TRIAL)

    for first in range(0, SERIES_POINTS, POINTS_PER_CALL):
        points = [
            {
                "MetricName": SERIES_METRIC,
                "Value": _loss(step),
                "Timestamp": SERIES_START + timedelta(seconds=step),
                "Step": step,
            }
            for step in range(first, first + POINTS_PER_CALL)
        ]
        metrics.put_metric_points(SERIES_COMPONENT, points)


def _loss(step: int) -> float:
    """Return a falling loss with a ripple, so the chart's min/max band is not flat."""
    return 1.0 / (1.0 + step / 500.0) + 0.02 * math.sin(step / 7.0)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Usage: python seed_benchmark.py HOME")
    target = Path(sys.argv[1]).resolve()
    seed(target, target.parent / "expected.json")
