"""Run the tour notebook on a studio home and record what tour.spec.ts needs in tour.json.

Usage: python seed_tour.py HOME. start_lab.py calls ``seed_tour(home)`` after seed_training.py.
Either way the facts go to ui-tests/.home/tour.json (or $CHURN_STUDIO_UI_TESTS_HOME/tour.json),
whatever HOME is.
``churn-studio tour`` adds the experiment ``customer-churn-prediction-xgboost-<timestamp>`` with
seven trials, each with one training trial component. The names and values in tour.json are read
back from the studio after the run, so the test checks the data that this run produced.
"""

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

from churn_studio_ext import local
from churn_studio_ext.examples.tour_summary import read_tour_summary, tour_experiment_names
from churn_studio_ext.training.launcher import stop_launcher

UI_TESTS_DIR = Path(__file__).resolve().parent
TOUR_JSON = (
    Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home") / "tour.json"
)
NUM_ROUND = 20
# The tour's min_child_weight sweep names its trials "algorithm-mode-trial-<ts>-weight-<value>".
WEIGHT_TRIAL = re.compile(r"^algorithm-mode-trial-.+-weight-(\d+)$")
FRAMEWORK_TRIAL_PREFIX = "framework-mode-trial-"
# The min_child_weight values that the tour notebook sweeps.
EXPECTED_WEIGHTS = [1, 2, 4, 8, 10]


def run_tour(home: Path) -> None:
    """Run `churn-studio tour` on ``home``, then stop the training launcher it left running."""
    command = [
        sys.executable,
        "-m",
        "churn_studio_ext.cli",
        "tour",
        "--home",
        str(home),
        "--num-round",
        str(NUM_ROUND),
    ]
    try:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=300)
    finally:
        stop_launcher(home)


def tour_facts(home: Path) -> dict:
    """Read the tour experiment back from the studio: names, the best component, the sweep."""
    client = local.client("sagemaker", home=str(home))
    experiments = tour_experiment_names(client)
    if len(experiments) != 1:
        raise RuntimeError(
            f"expected one tour experiment in {home}, found {experiments}. "
            "Seed the tour on a fresh home (seed_studio.py deletes HOME first)."
        )
    summary = read_tour_summary(client, experiments[0])
    trial_names = [trial.trial_name for trial in summary.trials]
    if len(summary.trials) != 7:
        raise RuntimeError(f"expected seven tour trials, found {len(trial_names)}: {trial_names}")
    missing = [trial.trial_name for trial in summary.trials if trial.trial_component_name is None]
    if missing:
        raise RuntimeError(f"tour trials without a training trial component: {missing}")

    weights = {}
    framework = []
    for trial in summary.trials:
        match = WEIGHT_TRIAL.match(trial.trial_name)
        if match:
            weights[int(match.group(1))] = trial.trial_component_name
        elif trial.trial_name.startswith(FRAMEWORK_TRIAL_PREFIX):
            framework.append(trial)
    if sorted(weights) != EXPECTED_WEIGHTS or len(framework) != 1:
        raise RuntimeError(
            f"invalid tour trials: expected min_child_weight {EXPECTED_WEIGHTS} and one "
            f"framework-mode trial, found {trial_names}"
        )

    best = summary.best_trial
    if best is None:
        raise RuntimeError(f"no trial of {summary.experiment_name} recorded validation:error")
    # Ties would make the first row after sorting depend on the server's tie order.
    tied = [
        trial.trial_component_name
        for trial in summary.trials
        if not math.isnan(trial.validation_error)
        and trial.validation_error == best.validation_error
    ]
    return {
        "experimentName": summary.experiment_name,
        "trialComponents": [trial.trial_component_name for trial in summary.trials],
        "best": {
            "trialComponentName": best.trial_component_name,
            "validationErrorLast": best.validation_error,
            "tiedTrialComponentNames": tied,
        },
        "minChildWeightComponents": [weights[weight] for weight in sorted(weights)],
        "framework": {
            "trialComponentName": framework[0].trial_component_name,
            "ruleNames": [status["RuleConfigurationName"] for status in framework[0].rule_statuses],
        },
    }


def seed_tour(home: str | Path) -> dict:
    """Run the tour on ``home``, write ui-tests/.home/tour.json and return its content."""
    home = Path(home)
    run_tour(home)
    facts = tour_facts(home)
    TOUR_JSON.parent.mkdir(parents=True, exist_ok=True)
    TOUR_JSON.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    return facts


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python seed_tour.py HOME")
    print(json.dumps(seed_tour(sys.argv[1]), indent=2))
