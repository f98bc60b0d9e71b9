"""The ``churn-studio`` command.

``churn-studio tour`` runs the shipped tour notebook headless on the local backend and prints
what it produced: the experiment, each trial's last ``validation:error``, the best trial, the
Debugger rule verdicts of the framework-mode trial, the endpoint of the best trial and the status
and violations of the monitoring execution on its captured traffic. Exit status: 0 on success,
1 when the tour failed or was refused, 2 for invalid arguments.

``churn-studio monitor run-due`` starts the monitoring executions of a local home that are due,
then prints when each schedule's next execution is due.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

DEFAULT_CELL_TIMEOUT_SECONDS = 1800
TOUR_NUM_ROUND = 600


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="churn-studio",
        description="Tools for churn_studio_ext, the SageMaker Studio tour in JupyterLab.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    tour = commands.add_parser(
        "tour",
        help="run the SageMaker Studio tour notebook on the local backend",
        description=(
            "Run the tour notebook (seven XGBoost trials of one experiment, three Debugger "
            "rules, the best trial deployed with data capture, a Model Monitor baseline and one "
            "monitoring execution) headless on the local backend, then print a summary."
        ),
    )
    tour.add_argument(
        "--home",
        type=Path,
        help="studio home folder to run in, new or existing (default: $CHURN_STUDIO_HOME or "
        "the per-user data folder)",
    )
    tour.add_argument(
        "--num-round",
        type=_positive_int,
        default=TOUR_NUM_ROUND,
        help=f"boosting rounds of each training job (default: {TOUR_NUM_ROUND}, the tour's value)",
    )
    tour.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_CELL_TIMEOUT_SECONDS,
        help=f"maximum seconds for any one notebook cell (default: {DEFAULT_CELL_TIMEOUT_SECONDS})",
    )
    tour.add_argument(
        "--force",
        action="store_true",
        help="run even if the home already has a tour experiment, in a new experiment of its own",
    )
    tour.add_argument(
        "--if-empty",
        action="store_true",
        help="run only when the home has no experiment yet, else exit 0 (for a first start)",
    )
    tour.add_argument(
        "--output",
        type=Path,
        help="write the executed notebook here, also when a cell fails",
    )
    tour.add_argument(
        "--request-interval",
        type=_non_negative_float,
        default=0.0,
        help="seconds between two test requests to the endpoint (default: 0; the notebook's "
        "own default is the tour's 0.5)",
    )
    tour.add_argument(
        "--keep-endpoint",
        action="store_true",
        help="keep the endpoint running after the tour, with its hourly monitoring schedule and "
        "the one-time schedule whose execution has run, instead of deleting them. The model "
        "server keeps a process until you delete the endpoint",
    )

    monitor = commands.add_parser(
        "monitor",
        help="run Model Monitor schedules of the local backend",
        description="Commands for the monitoring schedules of a local studio home.",
    )
    monitor_commands = monitor.add_subparsers(dest="monitor_command", required=True, metavar="COMMAND")
    run_due = monitor_commands.add_parser(
        "run-due",
        help="start the monitoring executions that are due now",
        description=(
            "Start, for each scheduled monitoring schedule, the execution of its latest "
            "scheduled time if none has started yet, then print the executions started and, per "
            "schedule, when its next execution is due. A schedule's first execution is at the "
            "first scheduled time after its creation. Safe to run from cron while the "
            "JupyterLab server runs the same schedules."
        ),
    )
    run_due.add_argument(
        "--home",
        type=Path,
        help="studio home folder (default: $CHURN_STUDIO_HOME or the per-user data folder)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.command == "tour":
        return run_tour(arguments)
    if arguments.command == "monitor":
        return run_due_executions(arguments)
    raise AssertionError(f"unhandled command {arguments.command!r}")


def run_tour(arguments) -> int:
    """Run the tour notebook against the chosen home, print its summary and return the exit code."""
    # Imported here so `churn-studio --help` stays fast.
    import nbformat

    from churn_studio_ext import local
    from churn_studio_ext.examples import tour_notebook_path
    from churn_studio_ext.examples.tour_runner import NotebookRunError, inject_parameters, run_notebook
    from churn_studio_ext.examples.tour_summary import (
        format_monitoring,
        format_summary,
        read_monitoring_result,
        read_tour_summary,
        tour_endpoint_name,
        tour_experiment_names,
    )

    home = Path(arguments.home or local.default_home()).expanduser().resolve()
    client = local.client("sagemaker", home=home)
    if arguments.if_empty and client.list_experiments(MaxResults=1)["ExperimentSummaries"]:
        print(f"The studio home {home} already has experiments, so the tour demo is not added.")
        return 0

    existing = tour_experiment_names(client)
    if existing and not arguments.force:
        print(
            f"The studio home {home} already has the tour experiment {existing[-1]}"
            f"{f' and {len(existing) - 1} more' if len(existing) > 1 else ''}. "
            "Run again with --force to add another tour run, or choose another --home.",
            file=sys.stderr,
        )
        return 1

    run_timestamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    experiment_name = f"customer-churn-prediction-xgboost-{run_timestamp}"
    notebook = nbformat.read(tour_notebook_path(), as_version=4)
    inject_parameters(
        notebook,
        {
            "num_round": arguments.num_round,
            "studio_home": str(home),
            "run_timestamp": run_timestamp,
            "request_interval": arguments.request_interval,
            "delete_endpoint": not arguments.keep_endpoint,
        },
    )

    print(f"Running the tour in {home} ({arguments.num_round} rounds per job)...", flush=True)
    try:
        run_notebook(
            notebook,
            timeout=arguments.timeout,
            environment={"CHURN_STUDIO_HOME": str(home), "CHURN_STUDIO_BACKEND": "local"},
        )
    except NotebookRunError as error:
        _write_notebook(notebook, arguments.output)
        if not arguments.keep_endpoint:
            _remove_tour_endpoint(client, tour_endpoint_name(experiment_name))
        print(f"The tour failed. {error}", file=sys.stderr)
        return 1
    _write_notebook(notebook, arguments.output)

    summary = read_tour_summary(client, experiment_name)
    print(format_summary(summary))
    print()
    print(format_monitoring(read_monitoring_result(client, home, experiment_name)))
    return 0


def run_due_executions(arguments) -> int:
    """Start the due monitoring executions of the chosen home, print one line per execution
    started, then when each schedule's next execution is due."""
    from churn_studio_ext import local
    from churn_studio_ext.monitor.scheduler import run_due

    home = Path(arguments.home or local.default_home()).expanduser().resolve()
    if home.exists() and not home.is_dir():
        print(f"Studio home {home} is a file, not a folder. Pass --home the folder that contains "
              "studio.db.", file=sys.stderr)
        return 2
    if arguments.home and not (home / "studio.db").is_file():
        # Opening the store would create an empty home, so a mistyped path would quietly run
        # nothing. The default home may be missing on a new machine, which means no schedules.
        print(f"Studio home {home} does not exist or contains no studio.db. Pass --home the folder "
              "of an existing home.", file=sys.stderr)
        return 2
    started = run_due(home)
    for execution in started:
        print(
            f"{execution.schedule_name}\t{_format_time(execution.scheduled_time)}"
            f"\t{execution.processing_job_name or '-'}\t{execution.status}"
        )
    print(f"Started {len(started)} monitoring execution(s) in {home}.", file=sys.stderr)
    for line in _schedule_outlook(local.client("sagemaker", home=home), datetime.now(timezone.utc)):
        print(line, file=sys.stderr)
    return 0


def _schedule_outlook(client, moment: datetime) -> list[str]:
    """Describe, per monitoring schedule, when its next execution is due after ``moment``.

    The scheduler starts an execution only at a scheduled time after the schedule's creation,
    so right after creating an hourly schedule nothing is due until the next full hour.
    """
    from churn_studio_ext.monitor import cron

    summaries, request = [], {"SortBy": "CreationTime", "SortOrder": "Ascending"}
    while True:
        response = client.list_monitoring_schedules(**request)
        summaries += response["MonitoringScheduleSummaries"]
        if not response.get("NextToken"):
            break
        request["NextToken"] = response["NextToken"]

    lines = []
    for summary in summaries:
        name, status = summary["MonitoringScheduleName"], summary["MonitoringScheduleStatus"]
        description = client.describe_monitoring_schedule(MonitoringScheduleName=name)
        expression = description["MonitoringScheduleConfig"]["ScheduleConfig"]["ScheduleExpression"]
        last = description.get("LastMonitoringExecutionSummary")
        # run_due has just promoted every Pending schedule, so a Pending one here was created
        # a moment ago and gets executions like a Scheduled one.
        if status not in ("Scheduled", "Pending"):
            lines.append(f"Schedule {name} ({expression}) is {status}, so it starts no executions.")
            continue

        parsed = cron.parse(expression)
        if parsed.is_one_time:
            if last:
                lines.append(f"Schedule {name} (NOW) has run its one execution "
                             f"({last['MonitoringExecutionStatus']}) and starts no more.")
            else:
                lines.append(f"Schedule {name} (NOW): its one execution is due now.")
            continue

        due = _format_time(_next_scheduled_time(parsed, moment))
        if last:
            lines.append(
                f"Schedule {name} ({expression}): next execution due at {due}. The last one, "
                f"scheduled at {_format_time(last['ScheduledTime'])}, is "
                f"{last['MonitoringExecutionStatus']}."
            )
        else:
            lines.append(f"Schedule {name} ({expression}) has not run yet: its first execution "
                         f"is due at the next scheduled time, {due}.")
    return lines


def _next_scheduled_time(schedule, moment: datetime) -> datetime:
    candidate = moment.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
    # Every schedule that cron.parse accepts runs at least once a day, so 24 steps always reach
    # a scheduled hour.
    for _ in range(24):
        candidate += timedelta(hours=1)
        if candidate.hour in schedule.hours:
            return candidate
    raise AssertionError(f"no scheduled hour found for {schedule.expression!r}")


def _format_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _remove_tour_endpoint(client, endpoint_name: str) -> None:
    """Delete the monitoring schedules and the endpoint that a failed tour run left behind.

    The notebook deletes them in its last cells, so a failure in between would otherwise leave
    a model server process running and schedules that keep starting executions.
    """
    schedules = client.list_monitoring_schedules(EndpointName=endpoint_name)
    for schedule in schedules["MonitoringScheduleSummaries"]:
        client.delete_monitoring_schedule(MonitoringScheduleName=schedule["MonitoringScheduleName"])
        print(f"Deleted monitoring schedule {schedule['MonitoringScheduleName']} of the failed run.",
              file=sys.stderr)
    try:
        client.delete_endpoint(EndpointName=endpoint_name)
    except client.exceptions.ClientError:
        return  # The run failed before deploying, or its clean-up had already run.
    print(f"Deleted endpoint {endpoint_name} of the failed run.", file=sys.stderr)


def _write_notebook(notebook, path: Path | None) -> None:
    if path is None:
        return
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    print(f"Executed notebook written to {path}", file=sys.stderr)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: expected an integer >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: expected an integer >= 1")
    return value


def _non_negative_float(text: str) -> float:
    return _parse_seconds(text, allow_zero=True)


def _positive_float(text: str) -> float:
    return _parse_seconds(text, allow_zero=False)


def _parse_seconds(text: str, *, allow_zero: bool) -> float:
    expected = "expected seconds >= 0" if allow_zero else "expected seconds > 0"
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: {expected}") from None
    # Written so that NaN fails both comparisons and is rejected.
    if not (value >= 0 if allow_zero else value > 0):
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: {expected}")
    return value


if __name__ == "__main__":
    sys.exit(main())
