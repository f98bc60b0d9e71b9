"""Shared pieces of the benchmark scripts: environment, timing statistics and machine facts."""

import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench" / ".cache"
RESULTS = REPO / "bench" / "results"

# Telemetry opt-outs (MLflow's own switch and the common DO_NOT_TRACK), synchronous logging, and
# no inherited tracking URI: every MLflow client here gets an explicit sqlite:/// URI.
QUIET_ENV = {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DO_NOT_TRACK": "1",
    "MLFLOW_ENABLE_ASYNC_LOGGING": "false",
    "MLFLOW_TRACKING_URI": "",
}


def prepare_environment() -> None:
    """Set the telemetry switches and make the repository importable, in this process and children."""
    for key, value in QUIET_ENV.items():
        if value:
            os.environ[key] = value
        else:
            os.environ.pop(key, None)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if str(REPO) not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), *paths])


def summarize(seconds: list[float]) -> dict:
    """Return the median, 95th percentile, minimum and count of a list of durations, in ms."""
    ordered = sorted(seconds)
    count = len(ordered)
    # Nearest-rank percentile: with fewer than 20 samples this is the maximum.
    p95_index = max(0, math.ceil(0.95 * count) - 1)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[p95_index] * 1000,
        "min_ms": ordered[0] * 1000,
        "n": count,
    }


def format_ms(value: float) -> str:
    """Format a duration in milliseconds with fewer decimals as it grows."""
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def machine_facts() -> dict:
    """Collect the facts that BENCHMARKS.md reports next to every figure."""
    facts = {
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_total": _memory_total(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "git_commit": _git_commit(),
    }
    for package in ("mlflow", "sqlalchemy", "boto3"):
        facts[package] = _package_version(package)
    facts["load_average_at_start"] = os.getloadavg()
    return facts


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                return f"{kib / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "churn_studio_ext/local"],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip() + ("+uncommitted" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _package_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
