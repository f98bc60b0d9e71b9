"""Markdown tables of the serving benchmark's results (the ``serving`` entry of a result file)."""

import statistics

from common import format_ms
from serving import (
    FORMATS,
    SERVER_TITLES,
    SERVERS,
    TARGET_MEDIAN_MS,
    TARGET_STARTUP_SECONDS,
    TARGET_THROUGHPUT_RATIO,
)


def render_serving(serving: dict) -> str:
    """Return the Markdown section of one serving benchmark run."""
    if "unavailable" in serving:
        return f"### Model serving\n\nNot run: {serving['unavailable']}\n"
    sequential = serving["sequential"]
    throughput = serving["throughput"]
    summary = serving["summary"]

    lines = [
        "### Model serving",
        "",
        f"XGBoost, {serving['model']['num_round']} rounds, {serving['model']['features']} "
        "features; one row per request; ours on one process, MLflow with `--workers 1`.",
        "",
        "Sequential single-row requests on one keep-alive connection:",
        "",
        "| server | format | median | p99 | mean | requests |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name in SERVERS:
        for kind in FORMATS:
            stats = sequential[name][kind]
            lines.append(f"| {SERVER_TITLES[name]} | {kind.upper()} | "
                         f"{format_ms(stats['median_ms'])} | {format_ms(stats['p99_ms'])} | "
                         f"{format_ms(stats['mean_ms'])} | {stats['n']:,} |")
    runtime = serving.get("runtime_client")
    if runtime:
        lines.append(f"| ours through `sagemaker-runtime` `invoke_endpoint` | CSV | "
                     f"{format_ms(runtime['median_ms'])} | {format_ms(runtime['p99_ms'])} | "
                     f"{format_ms(runtime['mean_ms'])} | {runtime['n']:,} |")

    lines += [
        "",
        "Median latency, MLflow / ours: "
        + ", ".join(f"{kind.upper()} {summary['latency_ratio'][kind]:.1f}x" for kind in FORMATS)
        + ".",
        "",
        "Throughput (median of the rounds' requests per second) and the latency under load:",
        "",
        "| format | clients | ours req/s | MLflow req/s | ours / MLflow | ours median / p99 | "
        "MLflow median / p99 | server CPU per request, ours / MLflow |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key in throughput["ours"]:
        kind, clients = key.split("-")
        ours, mlflow = throughput["ours"][key], throughput["mlflow"][key]
        lines.append(
            f"| {kind.upper()} | {clients} | {ours['requests_per_second_median']:,.0f} | "
            f"{mlflow['requests_per_second_median']:,.0f} | "
            f"{summary['throughput_ratio'][key]:.1f}x | {_window_latency(ours)} | "
            f"{_window_latency(mlflow)} | {_window_cpu(ours)} / {_window_cpu(mlflow)} |"
        )

    ours_start = serving["ours_startup"]
    lines += [
        "",
        f"Start: ours CreateEndpoint to first /ping {ours_start['median_seconds'] * 1000:,.0f} ms "
        f"(median of {len(ours_start['create_to_first_ping_seconds'])}); MLflow process start "
        f"to first /ping {serving['mlflow_startup']['start_to_first_ping_seconds'] * 1000:,.0f} ms.",
        "",
        "| target | measured | met? |",
        "| --- | --- | --- |",
        f"| median single-row latency ≤{TARGET_MEDIAN_MS:g} ms (CSV) | "
        f"{format_ms(summary['targets']['median_csv_ms'])} | "
        f"{'yes' if summary['targets']['median_met'] else 'no'} |",
        f"| 8-client throughput ≥{TARGET_THROUGHPUT_RATIO:g}x MLflow's (CSV) | "
        f"{summary['targets']['throughput_8_csv_ratio']:.1f}x | "
        f"{'yes' if summary['targets']['throughput_met'] else 'no'} |",
        f"| first /ping ≤{TARGET_STARTUP_SECONDS:g} s after CreateEndpoint | "
        f"{summary['targets']['startup_seconds'] * 1000:,.0f} ms | "
        f"{'yes' if summary['targets']['startup_met'] else 'no'} |",
        "",
        "Server processes after the run, with their threads in the middle of the first "
        "8-client CSV window:",
        "",
    ]
    for name in SERVERS:
        window = throughput[name].get("csv-8", {}).get("runs", [{}])[0]
        busy_threads = window.get("server_threads", {})
        for process in serving["workers"][name]["processes"]:
            threads = busy_threads.get(str(process["pid"]), "?")
            lines.append(f"- {name}: pid {process['pid']}, {threads} threads under load, "
                         f"{process['resident_memory']} resident: `{process['command'][:120]}`")
    return "\n".join(lines) + "\n"


def _window_latency(entry: dict) -> str:
    median_run = sorted(entry["runs"], key=lambda run: run["requests_per_second"])[
        len(entry["runs"]) // 2]
    latency = median_run["latency"]
    return f"{format_ms(latency['median_ms'])} / {format_ms(latency['p99_ms'])}"


def _window_cpu(entry: dict) -> str:
    values = [run["server_cpu_ms_per_request"] for run in entry["runs"]
              if run["server_cpu_ms_per_request"] is not None]
    return format_ms(statistics.median(values)) if values else "?"

