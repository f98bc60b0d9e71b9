"""Instrumented training worker for the overhead breakdown of bench/training.py.

``python -m training_probe <home> <job name>`` runs ``churn_studio_ext.training.worker`` unchanged,
with timers wrapped around the functions where a local job spends time beyond ``xgboost.train``.
bench/training.py points the local backend's worker module at this one for its breakdown runs
only, never for the timed comparison. At exit the probe writes the cumulative seconds and call
count of every timer to ``$BENCH_TRAINING_PROBE_DIR/<job name>.json``.

The timers nest: ``xgboost.train`` includes the round callbacks, so it includes
``JobRecorder.record``, which includes ``JobRecorder.flush``, which includes
``RuleEvaluator.update``.
"""

import time

PROBE_STARTED = time.time()
try:
    with open("/proc/uptime") as _uptime:
        UPTIME_AT_PROBE_START = float(_uptime.read().split()[0])
except OSError:
    UPTIME_AT_PROBE_START = None

import functools
import json
import os
import sys
from pathlib import Path

PROBE_DIR_VARIABLE = "BENCH_TRAINING_PROBE_DIR"

timers: dict[str, dict] = {}


def timed(owner, attribute: str, label: str) -> None:
    """Replace ``owner.attribute`` by a wrapper that adds each call's duration to ``label``."""
    original = getattr(owner, attribute)
    entry = timers.setdefault(label, {"seconds": 0.0, "calls": 0})

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            entry["seconds"] += time.perf_counter() - start
            entry["calls"] += 1

    setattr(owner, attribute, wrapper)


def process_start_time() -> float | None:
    """Return this process's start as Unix time, or None where /proc is missing.

    /proc/self/stat gives the start in clock ticks since boot and /proc/uptime the time since
    boot, both with 10 ms resolution. Their difference, read at the probe's first line, gives
    the time since the process started.
    """
    if UPTIME_AT_PROBE_START is None:
        return None
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])
    except (OSError, ValueError, IndexError):
        return None
    seconds_since_start = UPTIME_AT_PROBE_START - start_ticks / os.sysconf("SC_CLK_TCK")
    return PROBE_STARTED - seconds_since_start


def instrument(mode: str) -> dict:
    """Import the worker's modules, timing the imports, and wrap the timed functions."""
    imports = {}
    start = time.perf_counter()
    from churn_studio_ext.debugger import RuleEvaluator
    from churn_studio_ext.local.objects import ObjectStore
    from churn_studio_ext.training import job_recorder, worker

    imports["worker_modules_seconds"] = time.perf_counter() - start

    timed(ObjectStore, "copy_prefix_to", "data copy from the object store")
    timed(worker.JobWorker, "_advance", "status writes (advance)")
    timed(worker.JobWorker, "_end", "job end (final flush, final rules, status write)")
    timed(worker.JobWorker, "_upload", "model upload to the object store")
    timed(job_recorder.JobRecorder, "record", "JobRecorder.record (buffer, flushes)")
    timed(
        job_recorder.JobRecorder,
        "flush",
        "JobRecorder.flush (SQLite write, rule update)",
    )
    timed(job_recorder.JobRecorder, "finish_rules", "JobRecorder.finish_rules")
    timed(RuleEvaluator, "update", "RuleEvaluator.update (during training)")
    timed(RuleEvaluator, "finish", "RuleEvaluator.finish (final evaluation)")

    if mode == "algorithm":
        start = time.perf_counter()
        import xgboost

        from churn_studio_ext.training import algorithm_job, xgboost_algorithm

        imports["algorithm_modules_seconds"] = time.perf_counter() - start
        timed(xgboost, "train", "xgboost.train (includes round callbacks)")
        timed(xgboost_algorithm, "load_csv_channel", "CSV parsing (csv_channels)")
        timed(xgboost_algorithm, "_to_matrix", "DMatrix construction")
        timed(xgboost_algorithm, "write_model_archive", "model archive (model.tar.gz)")
        timed(algorithm_job, "_add_model_tensors", "Debugger model tensors")
    else:
        from churn_studio_ext.training import framework

        timed(framework, "_prepare_code", "source archive extraction")
        timed(framework._ScriptRun, "run", "entry-point script run (process to exit)")
        timed(
            framework._ScriptRun, "_read_metrics_file", "metrics file reads and records"
        )
        timed(
            framework._ScriptRun,
            "_drain",
            "waiting for script output lines (mostly idle)",
        )
        timed(framework, "_tar_folder", "model archive (model.tar.gz)")
    return imports


def job_mode_of(home: str, job_name: str) -> str:
    from churn_studio_ext.local import _training_records as records
    from churn_studio_ext.local._training_launch import job_mode
    from churn_studio_ext.local.store import get_store

    with get_store(home).read() as conn:
        row = records.find_job(conn, job_name)
    mode, _ = job_mode(json.loads(row["request"]))
    return mode or "unknown"


def main() -> int:
    home, job_name = sys.argv[1:3]
    imports_start = time.time()
    mode = job_mode_of(home, job_name)
    imports = instrument(mode)
    worker_start = time.time()

    from churn_studio_ext.training import worker

    try:
        return worker.main([home, job_name])
    finally:
        report = {
            "job": job_name,
            "mode": mode,
            "process_started": process_start_time(),
            "probe_started": PROBE_STARTED,
            "imports_started": imports_start,
            "worker_main_started": worker_start,
            "ended": time.time(),
            "imports": imports,
            "timers": timers,
        }
        folder = Path(os.environ[PROBE_DIR_VARIABLE])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{job_name}.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    sys.exit(main())
