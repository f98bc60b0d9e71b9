"""Run the ingest and search benchmarks against our store and MLflow, side by side, and the
training benchmark (the tour's seven trainings through the local backend against direct
xgboost.train calls).

    python bench/run.py                  # full run, writes bench/results/full.json and full.md
    python bench/run.py --quick          # small sizes and few repeats, to check the harness
    python bench/run.py --only training  # writes bench/results/training.json and training.md
    python bench/run.py --only serving   # local endpoint against `mlflow models serve`, serving.json
    .venv/bin/python bench/run.py --only monitor  # Model Monitor analyzer; only when named

Ingest and search need MLflow: the script re-runs itself under /work/main/.venv-bench (or
$BENCH_PYTHON) when MLflow is not importable here. The training benchmark needs xgboost and no
MLflow. When the full run happens under an interpreter without xgboost, it runs the training
part under /work/main/.venv/bin/python (or $TRAINING_PYTHON). See bench/README.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from common import CACHE, RESULTS, machine_facts, prepare_environment, write_json  # noqa: E402

FULL = {
    "ingest_bulk_calls": 2000,
    "ingest_public_calls": 2000,
    "ingest_mlflow_calls": 200,
    "ingest_rounds": 5,
    "ours_sizes": [10_000, 100_000],
    "mlflow_sizes": [10_000],
    "ours_repeats": 30,
    "mlflow_repeats": 5,
    "ours_cold_samples": 5,
    "mlflow_cold_samples": 2,
    "mlflow_count": True,
    "training_num_round": 600,
    "training_repeats": 5,
    "training_poll_seconds": 0.1,
    "training_startup_samples": 5,
    "serving_startup_samples": 3,
    "serving_sequential_ours": 3000,
    "serving_sequential_mlflow": 600,
    "serving_rounds": 3,
    "serving_window_seconds": 4.0,
    "serving_clients": [1, 8],
    "monitor_rows": [100_000, 1_000_000],
}
QUICK = {
    "ingest_bulk_calls": 300,
    "ingest_public_calls": 300,
    "ingest_mlflow_calls": 30,
    "ingest_rounds": 2,
    "ours_sizes": [2_000],
    "mlflow_sizes": [2_000],
    "ours_repeats": 5,
    "mlflow_repeats": 2,
    "ours_cold_samples": 1,
    "mlflow_cold_samples": 1,
    "mlflow_count": False,
    "training_num_round": 50,
    "training_repeats": 2,
    "training_poll_seconds": 0.1,
    "training_startup_samples": 2,
    "serving_startup_samples": 1,
    "serving_sequential_ours": 300,
    "serving_sequential_mlflow": 60,
    "serving_rounds": 1,
    "serving_window_seconds": 1.0,
    "serving_clients": [1, 8],
    "monitor_rows": [20_000],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    parser.add_argument(
        "--only",
        choices=("ingest", "search", "training", "serving", "monitor"),
        help="run one benchmark instead of all four (monitor runs only when named here)",
    )
    parser.add_argument("--out", type=Path, help="result JSON path (default bench/results/...)")
    parser.add_argument(
        "--metrics-per-call",
        type=int,
        default=10,
        help="ingest: split each call's 100 points into this many metrics (default 10, so 10 "
        "steps each; 2 gives 50 steps of two series, as a training job writes)",
    )
    parser.add_argument(
        "--render", type=Path, metavar="JSON", help="print the Markdown of an earlier result file and exit"
    )
    args = parser.parse_args()

    if args.render:
        print(render_markdown(json.loads(args.render.read_text())))
        return

    if args.only not in ("training", "monitor"):
        _reexec_with_mlflow()
    prepare_environment()
    config = QUICK if args.quick else FULL
    results = {"mode": "quick" if args.quick else "full", "config": config}
    results["machine"] = machine_facts()
    started = time.perf_counter()

    if args.only in (None, "ingest"):
        results["ingest"] = run_ingest(config, args.metrics_per_call)
    if args.only in (None, "search"):
        results["search"] = run_search(config)
    if args.only in (None, "training"):
        results["training"] = run_training(config, args.quick)
    if args.only in (None, "serving"):
        import serving

        results["serving"] = serving.run(config, _log)
    if args.only == "monitor":
        import monitor

        results["monitor"] = monitor.run(config["monitor_rows"], _log)

    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["wall_seconds"] = time.perf_counter() - started
    # A training-, serving- or monitor-only run gets its own files, so it does not replace the
    # full run's results.
    single = ("training", "serving", "monitor")
    stem = args.only if args.only in single else "full"
    if args.quick:
        stem = f"{args.only}-quick" if args.only in single else "quick"
    out = args.out or RESULTS / (f"{stem}.json" if not args.quick else f"{stem}.json.tmp")
    write_json(out, results)

    markdown = render_markdown(results)
    markdown_path = out.with_name(out.name.replace(".json", ".md"))
    markdown_path.write_text(markdown)
    print(markdown)
    print(f"Wrote {out} and {markdown_path} in {results['wall_seconds']:.0f} s.")


def _reexec_with_mlflow() -> None:
    try:
        import mlflow  # noqa: F401

        return
    except ImportError:
        pass
    python = Path(os.environ.get("BENCH_PYTHON", BENCH.parent / ".venv-bench" / "bin" / "python"))
    # The marker stops a loop when that interpreter lacks MLflow too. Paths are not compared,
    # because a venv's python is a symlink to the interpreter that created it.
    if not python.exists() or os.environ.get("BENCH_REEXECUTED"):
        sys.exit(
            "MLflow is not installed. Create the benchmark environment first:\n"
            "  python3 -m venv .venv-bench\n"
            "  .venv-bench/bin/pip install -r bench/requirements.txt\n"
            "or set BENCH_PYTHON to a Python that has MLflow."
        )
    os.environ["BENCH_REEXECUTED"] = "1"
    os.execv(str(python), [str(python), *sys.argv])


def render_markdown(results: dict) -> str:
    """Return the Markdown report of a result file: machine, ingest, search and training."""
    from report import render
    from training_report import render_training

    markdown = render(results)
    if "training" in results:
        markdown += "\n" + render_training(results["training"])
    if "serving" in results:
        from serving_report import render_serving

        markdown += "\n" + render_serving(results["serving"])
    if "monitor" in results:
        from monitor import render_monitor

        markdown += "\n" + render_monitor(results["monitor"])
    return markdown


def run_training(config: dict, quick: bool) -> dict:
    """Run the training benchmark here, or under the extension's Python when xgboost is missing."""
    try:
        import xgboost  # noqa: F401
    except ImportError:
        return _run_training_elsewhere(quick)
    import training

    return training.run(config, _log)


def _run_training_elsewhere(quick: bool) -> dict:
    python = Path(os.environ.get("TRAINING_PYTHON", BENCH.parent / ".venv" / "bin" / "python"))
    if not python.exists():
        return {
            "unavailable": f"xgboost is not installed here and {python} does not exist; set "
            "TRAINING_PYTHON to a Python that has xgboost and churn_studio_ext's dependencies."
        }
    _log(f"training: xgboost is missing here, running the training benchmark under {python}")
    with tempfile.TemporaryDirectory(prefix="bench-training-") as folder:
        out = Path(folder) / "training.json"
        command = [str(python), str(BENCH / "run.py"), "--only", "training", "--out", str(out)]
        if quick:
            command.append("--quick")
        environment = dict(os.environ)
        environment.pop("BENCH_REEXECUTED", None)
        # The child's Markdown goes to stderr, so this run's output keeps only its own report.
        completed = subprocess.run(command, env=environment, stdout=sys.stderr, check=False)
        if completed.returncode != 0:
            return {"unavailable": f"the training benchmark under {python} exited with code "
                    f"{completed.returncode}; see its output above."}
        return json.loads(out.read_text())["training"]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ours_available() -> str | None:
    """Return why our clients cannot be benchmarked yet, or None when they can."""
    try:
        from churn_studio_ext import local
    except ImportError as error:
        return f"churn_studio_ext.local failed to import: {error}"
    if not hasattr(local, "client"):
        return "churn_studio_ext.local has no client() yet"
    return None


def run_ingest(config: dict, metrics_per_call: int = 10) -> dict:
    import ingest

    ingest.set_shape(metrics_per_call)
    bulk_calls = config["ingest_bulk_calls"]
    mlflow_calls = config["ingest_mlflow_calls"]
    variants = [ingest.plain_sqlite(bulk_calls)]
    results = {}
    missing = _ours_available()
    if missing:
        results["ours_unavailable"] = missing
    else:
        variants += [
            ingest.ours_bulk(bulk_calls),
            ingest.ours_bulk(bulk_calls, datetime_timestamps=False),
            ingest.ours_bulk(bulk_calls, with_parameters=True),
            ingest.ours_batch_put_metrics(config["ingest_public_calls"]),
        ]
    variants += [
        ingest.mlflow_log_batch(mlflow_calls),
        ingest.mlflow_log_batch(mlflow_calls, with_parameters=False),
    ]
    _log(f"ingest: {len(variants)} variants, {config['ingest_rounds']} interleaved rounds")
    results.update(ingest.run_interleaved(variants, config["ingest_rounds"]))
    results["metrics_per_call"] = metrics_per_call
    return results


def run_search(config: dict) -> dict:
    import dataset
    import search

    results = {"queries": {q.key: q.title for q in search.QUERIES}, "ours": {}, "mlflow": {}}
    largest = max(config["ours_sizes"] + config["mlflow_sizes"])
    _log(f"search: generating {largest:,} components for the expected pages")
    components = list(dataset.generate(largest))

    def expected(count: int, query) -> tuple[list[str], int]:
        return dataset.expected_top(components[:count], query.predicate, search.SORT_METRIC)

    missing = _ours_available()
    if missing:
        results["ours_unavailable"] = missing
    for count in [] if missing else config["ours_sizes"]:
        _log(f"search: ours at {count:,} components")
        home, build_seconds = search.populate_ours(count, log=_log)
        searcher = search.OursSearcher(home)
        entry = {"home": str(home.relative_to(CACHE.parent.parent)), "build_seconds": build_seconds}
        for query in search.QUERIES:
            warm = search.measure_warm(searcher, query, expected(count, query), config["ours_repeats"])
            cold = search.measure_cold("ours", home, query, config["ours_cold_samples"])
            entry[query.key] = {"warm": warm, "cold": cold}
        results["ours"][str(count)] = entry

    for count in config["mlflow_sizes"]:
        _log(f"search: MLflow at {count:,} runs")
        folder, build_seconds = search.populate_mlflow(count, log=_log)
        searcher = search.MlflowSearcher(folder)
        entry = {"build_seconds": build_seconds}
        for query in search.QUERIES:
            if query.mlflow_filter is None:
                continue
            _log(f"  {query.key}")
            warm = search.measure_warm(
                searcher, query, expected(count, query), config["mlflow_repeats"]
            )
            main_query = query.key in ("parameter", "metric", "none")
            samples = config["mlflow_cold_samples"] if main_query else 1
            cold = search.measure_cold("mlflow", folder, query, samples)
            entry[query.key] = {"warm": warm, "cold": cold}
            if config["mlflow_count"] and main_query:
                start = time.perf_counter()
                counted = searcher.count_by_fetching(query)
                entry[query.key]["count_by_fetching_ms"] = (time.perf_counter() - start) * 1000
                entry[query.key]["count_by_fetching_value"] = counted
        results["mlflow"][str(count)] = entry
    return results


if __name__ == "__main__":
    main()
