"""Markdown tables of the training benchmark's results (the ``training`` entry of a result file)."""

from training import ATTRIBUTION_PARTS, PHASE_TITLES, PHASES, SWEEP_WEIGHTS

TARGET_OVERHEAD_FRACTION = 0.10

ALGORITHM_TIMERS = (
    "data copy from the object store",
    "CSV parsing (csv_channels)",
    "DMatrix construction",
    "xgboost.train (includes round callbacks)",
    "JobRecorder.record (buffer, flushes)",
    "JobRecorder.flush (SQLite write, rule update)",
    "RuleEvaluator.update (during training)",
    "Debugger model tensors",
    "model archive (model.tar.gz)",
    "model upload to the object store",
    "status writes (advance)",
    "job end (final flush, final rules, status write)",
)
FRAMEWORK_TIMERS = (
    "data copy from the object store",
    "source archive extraction",
    "entry-point script run (process to exit)",
    "waiting for script output lines (mostly idle)",
    "metrics file reads and records",
    "JobRecorder.record (buffer, flushes)",
    "JobRecorder.flush (SQLite write, rule update)",
    "RuleEvaluator.update (during training)",
    "JobRecorder.finish_rules",
    "RuleEvaluator.finish (final evaluation)",
    "model archive (model.tar.gz)",
    "model upload to the object store",
    "status writes (advance)",
    "job end (final flush, final rules, status write)",
)


def render_training(training: dict) -> str:
    """Return the Markdown section of one training benchmark run."""
    if "unavailable" in training:
        return f"### Training\n\nNot run: {training['unavailable']}\n"
    parts = [
        _render_phases(training),
        _render_stages(training),
        _render_attribution(training),
        _render_probe(training),
        _render_startup(training),
        _render_sanity(training),
    ]
    return "\n\n".join(parts) + "\n"


def _render_phases(training: dict) -> str:
    software = training["software"]
    summary = training["summary"]["phases"]
    lines = [
        "### Training: the tour's seven trainings, local backend against direct xgboost.train",
        "",
        (
            f"{training['num_round']} rounds per training, {training['repeats']} repeats "
            f"(median), DescribeTrainingJob polled every {training['poll_seconds']} s. xgboost "
            f"{software['xgboost']}, numpy {software['numpy']}."
        ),
        "",
        "| phase | local (median) | direct (median) | overhead | overhead / local | local / direct | local, all repeats | direct, all repeats |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for phase in [*PHASES, "total"]:
        row = summary[phase]
        title = PHASE_TITLES.get(phase, "total")
        overhead = row["local_median"] - row["direct_median"]
        lines.append(
            f"| {title} | {row['local_median']:.2f} s | {row['direct_median']:.2f} s | "
            f"{overhead:.2f} s | {row['overhead_fraction'] * 100:.1f} % | {row['ratio']:.2f}x | "
            f"{_seconds_list(row['local_all'])} | {_seconds_list(row['direct_all'])} |"
        )
    distinct = sorted(
        {run["direct"]["weights_distinct_processes"] for run in training["runs"]}
    )
    lines += [
        "",
        (
            "The five direct trainings of the weights phase ran in "
            f"{' or '.join(map(str, distinct))} distinct pool processes."
        ),
    ]
    total = summary["total"]["overhead_fraction"]
    met = "met" if total <= TARGET_OVERHEAD_FRACTION else "not met"
    lines += [
        "",
        (
            f"Target: overhead at most {TARGET_OVERHEAD_FRACTION:.0%} of the local wall time. "
            f"Measured: {total * 100:.1f} % in total, so the target is {met}."
        ),
    ]
    return "\n".join(lines)


def _render_stages(training: dict) -> str:
    stages = training["summary"]["stages"]
    lines = [
        "#### Local jobs by secondary status (median over the jobs of a phase and the repeats)",
        "",
        "| phase | create call | Starting | Downloading | Training | Uploading to end | waiter lag | direct: load / train / save |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase in PHASES:
        local_stages = stages[phase]["local_stages"]
        direct = stages[phase]["direct_parts"]
        lines.append(
            f"| {phase} | {_ms(local_stages['create_call'])} | {_ms(local_stages['Starting'])} | "
            f"{_ms(local_stages['Downloading'])} | {_ms(local_stages['Training'])} | "
            f"{_ms(local_stages['Uploading'])} | {_ms(local_stages['waiter_lag'])} | "
            f"{_ms(direct['load_seconds'])} / {_ms(direct['train_seconds'])} / "
            f"{_ms(direct['save_seconds'])} |"
        )
    return "\n".join(lines)


def _render_attribution(training: dict) -> str:
    attribution = training["summary"]["attribution"]
    # The result file's keys are sorted, so the row order comes from ATTRIBUTION_PARTS.
    names = [name for name in ATTRIBUTION_PARTS if name in attribution[PHASES[0]]]
    lines = [
        "#### Where the overhead goes (stage medians minus the direct work)",
        "",
        "| part | " + " | ".join(PHASES) + " |",
        "| --- | " + " | ".join("---:" for _ in PHASES) + " |",
    ]
    for name in names:
        cells = " | ".join(_ms(attribution[phase][name]) for phase in PHASES)
        lines.append(f"| {name} | {cells} |")
    lines += [
        "",
        (
            "The five jobs of the weights phase overlap, so its column gives one job's parts, "
            "which do not add up to the phase's overhead."
        ),
    ]
    return "\n".join(lines)


def _render_probe(training: dict) -> str:
    probe = training["probe"]
    jobs = sorted(probe["jobs"].values(), key=lambda job: job["job"])
    lines = [
        "#### Breakdown run with the instrumented worker (one run, same concurrency)",
        "",
        (
            "Process start is the time from CreationTime to the worker's Python starting. "
            "Imports run from there to the worker's main(). Timers nest as listed in "
            "bench/training_probe.py."
        ),
        "",
    ]
    for job in jobs:
        label = f"{job['phase']}: `{job['job']}`"
        started = job.get("process_started")
        lines.append(f"- {label}")
        if started is not None:
            lines.append(
                f"  - process start: {_ms(started - job['created'])}, interpreter to probe: "
                f"{_ms(job['probe_started'] - started)}"
            )
        lines.append(
            f"  - imports (worker modules{', xgboost' if job['mode'] == 'algorithm' else ''}): "
            f"{_ms(job['worker_main_started'] - job['imports_started'])}"
        )
        names = ALGORITHM_TIMERS if job["mode"] == "algorithm" else FRAMEWORK_TIMERS
        for name in names:
            timer = job["timers"].get(name)
            if timer is None or not timer["calls"]:
                continue
            lines.append(
                f"  - {name}: {_ms(timer['seconds'])} in {timer['calls']} calls"
            )
        script = job.get("script")
        if script:
            lines.append(
                "  - inside the script: start to first line "
                f"{_ms(script['script_started'] - job['created'])} after CreationTime, imports "
                f"{_ms(script['import_seconds'])}, loading {_ms(script['load_seconds'])}, "
                f"xgboost.train {_ms(script['train_seconds'])} of which log_metric "
                f"{_ms(script['log_metric_seconds'])}, model save {_ms(script['save_seconds'])}"
            )
    return "\n".join(lines)


def _render_startup(training: dict) -> str:
    lines = [
        "#### New interpreter start (median of new processes, wall time)",
        "",
        "| command | time |",
        "| --- | ---: |",
    ]
    for label, seconds in training["startup"].items():
        lines.append(f"| {label} | {_ms(seconds)} |")
    return "\n".join(lines)


def _render_sanity(training: dict) -> str:
    equal = training["summary"]["series_equal"]
    lines = [
        "#### Check: recorded validation:error series against the direct ones",
        "",
        "Every job's series equals its direct twin, point for point."
        if equal
        else "Some series differ:",
    ]
    for index, run in enumerate(training["runs"], start=1):
        for name, check in run["sanity"].items():
            if not check["equal"]:
                lines.append(
                    f"- repeat {index}, {name}: {check['points_recorded']} points recorded, "
                    f"{check['points_expected']} expected, first mismatch at step "
                    f"{check['first_mismatch_step']}"
                )
    first_run = training["runs"][0]["sanity"]
    order = ["trial", *[f"weight-{weight}" for weight in SWEEP_WEIGHTS], "framework"]
    last = {name: first_run[name]["last_value"] for name in order if name in first_run}
    lines.append("")
    lines.append(
        "Last validation:error per trial: "
        + ", ".join(f"{name} {value:.4f}" for name, value in last.items())
    )
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    milliseconds = seconds * 1000
    if abs(milliseconds) >= 1000:
        return f"{seconds:.2f} s"
    return f"{milliseconds:.0f} ms"


def _seconds_list(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)
