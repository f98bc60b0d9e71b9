"""The ``churn-studio`` command.

``churn-studio tour`` runs the shipped tour notebook headless on the local backend and prints
what it produced: the experiment, each trial's last ``validation:error``, the best trial and the
Debugger rule verdicts of the framework-mode trial. Exit status: 0 on success, 1 when the tour
failed or was refused, 2 for invalid arguments.
"""

from __future__ import annotations

import argparse
import sys
import time
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
            "rules) headless on the local backend, then print a summary."
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
        help="run even if the home already has a tour experiment; the new run gets its own",
    )
    tour.add_argument(
        "--if-empty",
        action="store_true",
        help="run only when the home has no experiment yet, else exit 0; for a first start",
    )
    tour.add_argument(
        "--output",
        type=Path,
        help="write the executed notebook here, also when a cell fails",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.command == "tour":
        return run_tour(arguments)
    raise AssertionError(f"unhandled command {arguments.command!r}")


def run_tour(arguments) -> int:
    """Run the tour notebook against the chosen home, print its summary and return the exit code."""
    # Imported here so `churn-studio --help` stays fast.
    import nbformat

    from churn_studio_ext import local
    from churn_studio_ext.examples import tour_notebook_path
    from churn_studio_ext.examples.tour_runner import NotebookRunError, inject_parameters, run_notebook
    from churn_studio_ext.examples.tour_summary import (
        format_summary,
        read_tour_summary,
        tour_experiment_names,
    )

    home = Path(arguments.home or local.default_home()).expanduser().resolve()
    client = local.client("sagemaker", home=home)
    if arguments.if_empty and client.list_experiments(MaxResults=1)["ExperimentSummaries"]:
        print(f"The studio home {home} already has experiments; the tour demo is not added.")
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
        {"num_round": arguments.num_round, "studio_home": str(home), "run_timestamp": run_timestamp},
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
        print(f"The tour failed. {error}", file=sys.stderr)
        return 1
    _write_notebook(notebook, arguments.output)

    summary = read_tour_summary(client, experiment_name)
    print(format_summary(summary))
    return 0


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


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: expected seconds > 0") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"invalid value {text!r}: expected seconds > 0")
    return value


if __name__ == "__main__":
    sys.exit(main())
