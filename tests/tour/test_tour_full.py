"""The full tour (600 rounds per job) through the CLI; slow, so it runs only on request.

Run it with CHURN_STUDIO_RUN_SLOW=1. It took 23 s on a 2-CPU machine, against about 15 s for
the small tour of test_tour_cli.py.
"""

from __future__ import annotations

import os

import pytest

from churn_studio_ext import local
from churn_studio_ext.examples.tour_summary import read_tour_summary, tour_experiment_names

from sdk.reference_xgboost import direct_errors

from .conftest import SLOW_TESTS_VARIABLE, run_cli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get(SLOW_TESTS_VARIABLE) != "1",
        reason=f"the full 600-round tour is slow; set {SLOW_TESTS_VARIABLE}=1 to run it",
    ),
]


def test_full_tour_results(tmp_path):
    run = run_cli("tour", "--home", str(tmp_path))
    assert run.exit_code == 0, run.stderr

    client = local.client("sagemaker", home=tmp_path)
    (experiment_name,) = tour_experiment_names(client)
    summary = read_tour_summary(client, experiment_name)
    assert len(summary.trials) == 7

    first = summary.trials[0]
    assert first.trial_name.startswith("algorithm-mode-trial-")
    expected = direct_errors(min_child_weight=6, num_round=600)["validation:error"]
    assert first.validation_error == pytest.approx(expected[-1], rel=1e-12, abs=0)

    # The evaluation rules fire on the real 600-round error series, unlike the 2020 tour's
    # "No Issues Found", which came from rules that found no data to evaluate.
    framework = summary.trials[-1]
    assert [s["RuleEvaluationStatus"] for s in framework.rule_statuses] == ["IssuesFound"] * 3
    assert f"Best trial: {summary.best_trial.trial_name}" in run.stdout
