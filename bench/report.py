"""Render a results dictionary from run.py as Markdown tables with ratios and target checks."""

from common import format_ms

INGEST_ROWS = [
    ("plain_sqlite", "plain `sqlite3`, 100 points + summary upsert per transaction (floor)"),
    ("ours_bulk", "ours, `put_metric_points`, 100 points per call"),
    ("ours_bulk_seconds", "same, timestamps as Unix seconds instead of datetimes"),
    ("ours_bulk_with_parameters", "ours, `update_trial_component` (10 parameters) + `put_metric_points` (100 points)"),
    ("ours_batch_put_metrics", "ours, `batch_put_metrics`, 10 points per call (public API limit)"),
    ("mlflow_log_batch", "MLflow `log_batch`, 10 parameters + 100 points per call"),
    ("mlflow_log_batch_points_only", "MLflow `log_batch`, 100 points per call"),
]

INGEST_TARGET = 200_000
INGEST_GOAL = 250_000
SEARCH_TARGET_MS = 50.0
SEARCH_GOAL_MS = 10.0
RATIO_TARGET = 20
RATIO_GOAL = 100


def render(results: dict) -> str:
    parts = [_render_machine(results)]
    if "ingest" in results:
        parts.append(_render_ingest(results["ingest"]))
    if "search" in results:
        parts.append(_render_search(results["search"]))
    return "\n\n".join(parts) + "\n"


def _render_machine(results: dict) -> str:
    machine = results["machine"]
    lines = [
        f"Run: {results['mode']}, {machine['date_utc']}, commit {machine['git_commit']}, "
        f"{results.get('wall_seconds', 0):.0f} s wall.",
        f"Machine: {machine['nproc']} cores ({machine['cpu_model']}), {machine['memory_total']}, "
        f"load average {_load(machine['load_average_at_start'])} at start and "
        f"{_load(machine.get('load_average_at_end'))} at end.",
        f"Software: Python {machine['python']}, SQLite {machine['sqlite']}, MLflow {machine['mlflow']}, "
        f"SQLAlchemy {machine['sqlalchemy']}.",
    ]
    return "\n".join(lines)


def _load(values) -> str:
    if not values:
        return "?"
    return "/".join(f"{value:.2f}" for value in values)


def _render_ingest(ingest: dict) -> str:
    baseline = ingest.get("mlflow_log_batch", {}).get("points_per_second_median")
    floor = ingest.get("plain_sqlite", {}).get("points_per_second_median")
    metrics = ingest.get("metrics_per_call", 10)
    lines = [
        "### Metric ingest",
        "",
        f"Each 100-point call carries {metrics} metrics of {100 // metrics} steps each.",
        "",
        "| variant | points/s (wall) | points per CPU second | call median | call p95 | vs MLflow `log_batch` (wall) | vs plain sqlite3 (wall) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, title in INGEST_ROWS:
        row = ingest.get(key)
        if row is None:
            continue
        rate = row["points_per_second_median"]
        cpu_rate = row.get("points_per_cpu_second_median")
        cpu_cell = f"{cpu_rate:,.0f}" if cpu_rate else "n/a"
        lines.append(
            f"| {title} | {rate:,.0f} | {cpu_cell} | {row['call']['median_ms']:.2f} ms | "
            f"{row['call']['p95_ms']:.2f} ms | {_ratio(rate, baseline)} | {_ratio(rate, floor)} |"
        )
    if "ours_unavailable" in ingest:
        lines.append("")
        lines.append(f"Ours not measured: {ingest['ours_unavailable']}.")
    ours = ingest.get("ours_bulk", {}).get("points_per_second_median")
    if ours and baseline:
        lines.append("")
        lines.append(
            f"Targets: ≥{INGEST_TARGET:,} points/s: {_verdict(ours >= INGEST_TARGET)} "
            f"({ours:,.0f}); ≥{RATIO_TARGET}x MLflow: {_verdict(ours / baseline >= RATIO_TARGET)} "
            f"({ours / baseline:.1f}x); goal ≥{INGEST_GOAL:,}: {_verdict(ours >= INGEST_GOAL)}."
        )
    return "\n".join(lines)


# The main queries first, then the extra ones; result JSON stores queries with sorted keys.
QUERY_ORDER = ["parameter", "metric", "none", "parameter_rare", "metric_rare", "parameter_range", "experiment"]


def _ordered_queries(queries: dict) -> dict:
    def position(key: str) -> int:
        return QUERY_ORDER.index(key) if key in QUERY_ORDER else len(QUERY_ORDER)

    return {key: queries[key] for key in sorted(queries, key=position)}


def _render_search(search: dict) -> str:
    queries = _ordered_queries(search["queries"])
    ours = search.get("ours", {})
    mlflow = search.get("mlflow", {})
    ours_sizes = sorted(ours, key=int)
    mlflow_sizes = sorted(mlflow, key=int)
    header = ["query"]
    header += [f"ours {int(size):,}: median / p95 / CPU" for size in ours_sizes]
    header += [f"MLflow {int(size):,}: median / p95 / CPU" for size in mlflow_sizes]
    header += [f"MLflow / ours at {int(size):,}, wall (CPU)" for size in mlflow_sizes if size in ours]
    lines = [
        "### Search: first 100 sorted by `validation:error` (last value), with the count",
        "",
        "Warm: wall-clock median and p95, and the median CPU time of the calling process.",
        "",
        "| " + " | ".join(header) + " |",
        "| --- " + "| ---: " * (len(header) - 1) + "|",
    ]
    for key, title in queries.items():
        cells = [title]
        for size in ours_sizes:
            cells.append(_warm_cell(ours[size].get(key)))
        for size in mlflow_sizes:
            cells.append(_warm_cell(mlflow[size].get(key)))
        for size in mlflow_sizes:
            if size in ours:
                ours_row, mlflow_row = ours[size].get(key), mlflow[size].get(key)
                if ours_row and mlflow_row:
                    wall = _ratio(mlflow_row["warm"]["median_ms"], ours_row["warm"]["median_ms"])
                    cpu = _ratio(
                        mlflow_row["warm"].get("cpu_median_ms"), ours_row["warm"].get("cpu_median_ms")
                    )
                    cells.append(f"{wall} ({cpu})")
                else:
                    cells.append("n/a")
        lines.append("| " + " | ".join(cells) + " |")

    lines += ["", _render_cold(search, queries), "", _render_count(mlflow, queries)]
    if "ours_unavailable" in search:
        lines += ["", f"Ours not measured: {search['ours_unavailable']}."]
    lines += ["", _render_search_targets(ours, mlflow)]
    return "\n".join(lines)


def _render_cold(search: dict, queries: dict) -> str:
    lines = [
        "Cold (a new process: client open, then first and second call; OS file cache warm):",
        "",
        "| system | size | query | client open | first call | second call |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for system in ("ours", "mlflow"):
        for size, entry in sorted(search.get(system, {}).items(), key=lambda item: int(item[0])):
            for key in queries:
                row = entry.get(key)
                if not row or "cold" not in row:
                    continue
                cold = row["cold"]
                second = cold.get("second_call")
                lines.append(
                    f"| {'ours' if system == 'ours' else 'MLflow'} | {int(size):,} | {key} | "
                    f"{format_ms(cold['client_open']['median_ms'])} | "
                    f"{format_ms(cold['first_call']['median_ms'])} | "
                    f"{format_ms(second['median_ms']) if second else 'not timed'} |"
                )
    return "\n".join(lines)


def _render_count(mlflow: dict, queries: dict) -> str:
    lines = []
    for size, entry in sorted(mlflow.items(), key=lambda item: int(item[0])):
        for key in queries:
            row = entry.get(key) or {}
            if "count_by_fetching_ms" in row:
                lines.append(
                    f"- MLflow {int(size):,}, {key}: counting {row['count_by_fetching_value']:,} "
                    f"matches by fetching them took {format_ms(row['count_by_fetching_ms'])}."
                )
    if not lines:
        return "MLflow's search returns no count; this run did not time counting by fetching."
    return "MLflow's search returns no count; the timings above exclude one. Counting by fetching all matches:\n" + "\n".join(lines)


def _render_search_targets(ours: dict, mlflow: dict) -> str:
    lines = ["Targets:"]
    largest = max(ours, key=int) if ours else None
    if largest:
        main = [ours[largest][key]["warm"]["median_ms"] for key in ("parameter", "metric", "none")]
        worst = max(main)
        lines.append(
            f"- ≤{SEARCH_TARGET_MS:.0f} ms at {int(largest):,} (slowest of the three main queries, "
            f"warm median {worst:.1f} ms): {_verdict(worst <= SEARCH_TARGET_MS)}; "
            f"goal ≤{SEARCH_GOAL_MS:.0f} ms: {_verdict(worst <= SEARCH_GOAL_MS)}."
        )
    for size in mlflow:
        if size not in ours:
            continue
        ratios = [
            mlflow[size][key]["warm"]["median_ms"] / ours[size][key]["warm"]["median_ms"]
            for key in ("parameter", "metric", "none")
        ]
        smallest = min(ratios)
        lines.append(
            f"- ≥{RATIO_TARGET}x MLflow at {int(size):,} (smallest ratio {smallest:,.0f}x): "
            f"{_verdict(smallest >= RATIO_TARGET)}; goal ≥{RATIO_GOAL}x: {_verdict(smallest >= RATIO_GOAL)}."
        )
    return "\n".join(lines)


def _warm_cell(row) -> str:
    if not row:
        return "n/a"
    warm = row["warm"]
    cpu = warm.get("cpu_median_ms")
    cpu_cell = format_ms(cpu) if cpu else "n/a"
    return f"{format_ms(warm['median_ms'])} / {format_ms(warm['p95_ms'])} / {cpu_cell}"


def _ratio(numerator, denominator) -> str:
    if not numerator or not denominator:
        return "n/a"
    return f"{numerator / denominator:,.1f}x"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"
