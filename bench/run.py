"""Run the ingest and search benchmarks against our store and MLflow, side by side.

    python bench/run.py            # full run, writes bench/results/full.json and full.md
    python bench/run.py --quick    # small sizes and few repeats, to check the harness

The script re-runs itself under /work/main/.venv-bench (or $BENCH_PYTHON) when MLflow is not
importable here. See bench/README.md for setting that environment up.
"""

import argparse
import os
import sys
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
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    parser.add_argument(
        "--only", choices=("ingest", "search"), help="run one benchmark instead of both"
    )
    parser.add_argument("--out", type=Path, help="result JSON path (default bench/results/...)")
    parser.add_argument(
        "--render", type=Path, metavar="JSON", help="print the Markdown of an earlier result file and exit"
    )
    args = parser.parse_args()

    if args.render:
        import json

        from report import render

        print(render(json.loads(args.render.read_text())))
        return

    _reexec_with_mlflow()
    prepare_environment()
    config = QUICK if args.quick else FULL
    results = {"mode": "quick" if args.quick else "full", "config": config}
    results["machine"] = machine_facts()
    started = time.perf_counter()

    if args.only in (None, "ingest"):
        results["ingest"] = run_ingest(config)
    if args.only in (None, "search"):
        results["search"] = run_search(config)

    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["wall_seconds"] = time.perf_counter() - started
    stem = "quick" if args.quick else "full"
    out = args.out or RESULTS / (f"{stem}.json" if not args.quick else "quick.json.tmp")
    write_json(out, results)

    from report import render

    markdown = render(results)
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


def run_ingest(config: dict) -> dict:
    import ingest

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
