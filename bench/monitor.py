"""Model Monitor benchmark: a baseline job over the tour's training set and monitoring
executions over large synthetic capture windows.

    .venv/bin/python bench/run.py --only monitor          # 100,000 and 1,000,000 rows
    .venv/bin/python bench/monitor.py --rows 100000       # one size, prints JSON

Each analyzer run is a child process (`python -m churn_studio_ext.monitor.analyzer`), timed by
wall clock, with its peak resident memory taken from `os.wait4`, so figures of different runs
never mix. The capture files are written once per size with the model server's own capture
writer (`churn_studio_ext.serving.capture.CaptureWriter.record_line`), so the analyzer reads
exactly the format our endpoints write.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from churn_studio_ext.serving.capture import MAX_FILE_BYTES, CaptureSettings, CaptureWriter  # noqa: E402
from churn_studio_ext.tour_data import shipped_tour_file  # noqa: E402

ENDPOINT = "bench-monitor-endpoint"
VARIANT = "AllTraffic"
WINDOW_START = datetime(2026, 12, 4, 10, tzinfo=timezone.utc)
WINDOW_END = WINDOW_START + timedelta(hours=1)
# Records in the hours before and after the window, which the analyzer must skip.
OUTSIDE_ROWS_PER_HOUR = 5_000
CAPTURE_FORMAT = '{"sagemakerCaptureJson": {"captureIndexNames": ["endpointInput", "endpointOutput"]}}'
TARGET_ROWS = 1_000_000
TARGET_SECONDS = 30.0
TARGET_PEAK_MIB = 1024.0


def run_analyzer_child(environment: dict[str, str], python: str = sys.executable) -> dict:
    """Run the analyzer in a child process; return its wall time, peak RSS and output."""
    child_environment = dict(os.environ)
    child_environment.update(environment)
    child_environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [python, "-m", "churn_studio_ext.monitor.analyzer"],
        env=child_environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # communicate() would reap the child itself, so its resource usage is read with wait4.
    stdout = process.stdout.read()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return {
        "wall_seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "exit_code": process.returncode,
        "exit_message": stdout.strip().splitlines()[-1] if stdout.strip() else "",
        "stderr_tail": stderr.strip().splitlines()[-3:],
    }


def write_capture(folder: Path, rows_in_window: int) -> dict:
    """Write capture files with the tour's test rows as requests, spread over the window hour.

    Responses are probabilities, as the tour's XGBoost endpoint returns them. The hours before
    and after the window get OUTSIDE_ROWS_PER_HOUR records each.
    """
    test_lines = shipped_tour_file("test-dataset.csv").read_text().splitlines()
    requests = [line.split(",", 1)[1].encode() for line in test_lines]
    settings = CaptureSettings(
        folder=folder / ENDPOINT / VARIANT,
        sampling_percentage=100,
        capture_input=True,
        capture_output=True,
        csv_types=frozenset({"text/csv"}),
        json_types=frozenset({"application/json"}),
    )
    writer = CaptureWriter(settings)
    try:
        counts = {}
        for hour_start, count in (
            (WINDOW_START - timedelta(hours=1), OUTSIDE_ROWS_PER_HOUR),
            (WINDOW_START, rows_in_window),
            (WINDOW_END, OUTSIDE_ROWS_PER_HOUR),
        ):
            counts[hour_start.isoformat()] = _write_hour(writer, settings, requests, hour_start, count)
    finally:
        writer.close()
    return counts


def _write_hour(writer, settings, requests, hour_start: datetime, count: int) -> int:
    base = hour_start.timestamp()
    step = 3600.0 / count
    files = 0
    handle = None
    size = 0
    try:
        for index in range(count):
            moment = base + index * step
            if handle is None or size >= MAX_FILE_BYTES:
                if handle is not None:
                    handle.close()
                utc = time.gmtime(moment)
                path = (
                    settings.folder
                    / f"{utc.tm_year:04d}/{utc.tm_mon:02d}/{utc.tm_mday:02d}/{utc.tm_hour:02d}"
                    / f"{utc.tm_min:02d}-{utc.tm_sec:02d}-{int(moment * 1000) % 1000:03d}-bench{files:06d}.jsonl"
                )
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(path, "wb")
                files += 1
                size = 0
            request = requests[index % len(requests)]
            probability = f"{(index * 7919 % 10_000) / 10_000:.7f}".encode()
            line = writer.record_line(
                (moment, request, "text/csv", probability, "text/csv; charset=utf-8", None, None)
            )
            handle.write(line)
            size += len(line)
    finally:
        if handle is not None:
            handle.close()
    return files


def run_baseline(work: Path) -> dict:
    output = work / "baseline-output"
    result = run_analyzer_child(
        {
            "dataset_format": '{"csv": {"header": true, "output_columns_position": "START"}}',
            "dataset_source": str(shipped_tour_file("training-dataset-with-header.csv")),
            "output_path": str(output),
            "publish_cloudwatch_metrics": "Disabled",
        }
    )
    statistics = json.loads((output / "statistics.json").read_text())
    result["rows"] = int(statistics["dataset"]["item_count"])
    result["features"] = len(statistics["features"])
    return result


def run_execution(work: Path, rows: int, baseline: Path) -> dict:
    capture = work / f"capture-{rows}"
    started = time.perf_counter()
    files = write_capture(capture, rows)
    generation_seconds = time.perf_counter() - started
    output = work / f"report-{rows}"
    try:
        result = run_analyzer_child(
            {
                "dataset_format": CAPTURE_FORMAT,
                "dataset_source": str(capture),
                "output_path": str(output),
                "start_time": WINDOW_START.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_time": WINDOW_END.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "baseline_constraints": str(baseline / "constraints.json"),
                "baseline_statistics": str(baseline / "statistics.json"),
                "sagemaker_endpoint_name": ENDPOINT,
                "sagemaker_monitoring_schedule_name": "bench-monitor-schedule",
                "publish_cloudwatch_metrics": "Disabled",
            }
        )
        statistics = json.loads((output / "statistics.json").read_text())
        result["rows_analysed"] = int(statistics["dataset"]["item_count"])
        violations = json.loads((output / "constraint_violations.json").read_text())["violations"]
        result["violations"] = len(violations)
    finally:
        capture_bytes = sum(path.stat().st_size for path in capture.rglob("*.jsonl"))
        shutil.rmtree(capture, ignore_errors=True)
    result.update(
        rows_in_window=rows,
        capture_files=files,
        capture_mib=capture_bytes / 2**20,
        generation_seconds=generation_seconds,
    )
    result["rows_per_second"] = rows / result["wall_seconds"]
    return result


def run(sizes: list[int], log=print) -> dict:
    """Run the baseline and one execution per size; return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-monitor-") as folder:
        work = Path(folder)
        log("monitor: baseline over the tour's training set")
        results = {"baseline": run_baseline(work), "executions": {}}
        for rows in sizes:
            log(f"monitor: writing {rows:,} capture records, then one monitoring execution")
            results["executions"][str(rows)] = run_execution(work, rows, work / "baseline-output")
    results["target"] = {"rows": TARGET_ROWS, "seconds": TARGET_SECONDS, "peak_mib": TARGET_PEAK_MIB}
    return results


def render_monitor(results: dict) -> str:
    """Return the Markdown tables of a monitor result."""
    baseline = results["baseline"]
    lines = [
        "## Model Monitor",
        "",
        "| run | rows | wall time | CPU time | peak RSS | outcome |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| baseline, training set with header | {baseline['rows']:,} | {baseline['wall_seconds']:.2f} s "
        f"| {baseline['cpu_seconds']:.2f} s | {baseline['peak_rss_mib']:.0f} MiB | {baseline['exit_message']} |",
    ]
    for rows, entry in results["executions"].items():
        lines.append(
            f"| execution, {int(rows):,} captured rows in the window | {entry['rows_analysed']:,} "
            f"| {entry['wall_seconds']:.2f} s | {entry['cpu_seconds']:.2f} s "
            f"| {entry['peak_rss_mib']:.0f} MiB | {entry['exit_message']} |"
        )
    target = results["target"]
    largest = results["executions"].get(str(target["rows"]))
    if largest is not None:
        met = largest["wall_seconds"] < target["seconds"] and largest["peak_rss_mib"] < target["peak_mib"]
        lines += [
            "",
            f"Target: {target['rows']:,} rows in under {target['seconds']:.0f} s within "
            f"{target['peak_mib']:.0f} MiB: {'met' if met else 'not met'}.",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, TARGET_ROWS],
                        help="captured rows in the window, one execution per value")
    args = parser.parse_args()
    results = run(args.rows, log=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(results, indent=2))
    print(render_monitor(results), file=sys.stderr)


if __name__ == "__main__":
    main()
