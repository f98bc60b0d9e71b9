"""`churn-studio tour` runs the tour notebook and its results match direct XGBoost training."""

from __future__ import annotations

import math

import pytest

from churn_studio_ext.examples.tour_summary import EXPERIMENT_PREFIX, read_tour_summary

from sdk.reference_xgboost import direct_errors, recorded_series

from .conftest import TEST_NUM_ROUND, run_cli

WEIGHTS = (1, 2, 4, 8, 10)
RULES = ["LossNotDecreasing", "Overtraining", "Overfit"]


def tour_experiment(sagemaker_client):
    experiments = sagemaker_client.list_experiments()["ExperimentSummaries"]
    names = [e["ExperimentName"] for e in experiments if e["ExperimentName"].startswith(EXPERIMENT_PREFIX)]
    assert len(names) == 1, names
    return names[0]


def test_tour_exits_zero(tour_run):
    assert tour_run.exit_code == 0, tour_run.stderr


def test_experiment_has_seven_trials(tour_run, tour_clients):
    sagemaker_client, _ = tour_clients
    experiment_name = tour_experiment(sagemaker_client)
    timestamp = experiment_name[len(EXPERIMENT_PREFIX):]
    trials = sagemaker_client.list_trials(ExperimentName=experiment_name, MaxResults=100)["TrialSummaries"]
    assert sorted(trial["TrialName"] for trial in trials) == sorted(
        [f"algorithm-mode-trial-{timestamp}"]
        + [f"algorithm-mode-trial-{timestamp}-weight-{weight}" for weight in WEIGHTS]
        + [f"framework-mode-trial-{timestamp}"]
    )


def test_algorithm_trials_match_direct_xgboost(tour_run, tour_clients):
    sagemaker_client, metrics_client = tour_clients
    summary = read_tour_summary(sagemaker_client, tour_experiment(sagemaker_client))
    weights_by_trial = {trial.trial_name: 6 for trial in summary.trials if trial.trial_name.startswith("algorithm-mode-trial-")}
    for weight in WEIGHTS:
        (name,) = [n for n in weights_by_trial if n.endswith(f"-weight-{weight}")]
        weights_by_trial[name] = weight
    assert sorted(weights_by_trial.values()) == [1, 2, 4, 6, 8, 10]

    for trial in summary.trials:
        if trial.trial_name not in weights_by_trial:
            continue
        component = sagemaker_client.describe_trial_component(TrialComponentName=trial.trial_component_name)
        recorded = recorded_series(metrics_client, component["TrialComponentArn"], "validation:error")
        expected = direct_errors(weights_by_trial[trial.trial_name], TEST_NUM_ROUND)["validation:error"]
        assert len(recorded) == TEST_NUM_ROUND, trial.trial_name
        assert recorded == pytest.approx(expected, rel=1e-12, abs=0), trial.trial_name
        assert trial.validation_error == pytest.approx(expected[-1], rel=1e-12, abs=0)


def test_framework_trial_has_three_rule_statuses(tour_run, tour_clients):
    sagemaker_client, _ = tour_clients
    summary = read_tour_summary(sagemaker_client, tour_experiment(sagemaker_client))
    (framework,) = [t for t in summary.trials if t.trial_name.startswith("framework-mode-trial-")]
    assert [status["RuleConfigurationName"] for status in framework.rule_statuses] == RULES
    for status in framework.rule_statuses:
        assert status["RuleEvaluationStatus"] in ("NoIssuesFound", "IssuesFound"), status
    job = sagemaker_client.describe_training_job(TrainingJobName=framework.training_job_name)
    assert job["HyperParameters"]["sagemaker_program"] == '"xgboost_customer_churn.py"'
    assert job["HyperParameters"]["min_child_weight"] == "10"
    assert not math.isnan(framework.validation_error)
    others = [t for t in summary.trials if t is not framework]
    assert all(not trial.rule_statuses for trial in others)


def test_summary_names_best_trial_and_rules(tour_run, tour_clients):
    sagemaker_client, _ = tour_clients
    experiment_name = tour_experiment(sagemaker_client)
    summary = read_tour_summary(sagemaker_client, experiment_name)
    lowest = min(trial.validation_error for trial in summary.trials)
    best = summary.best_trial
    assert best.validation_error == lowest

    lines = tour_run.stdout.splitlines()
    assert f"Experiment {experiment_name}: 7 trials" in lines
    for trial in summary.trials:
        assert f"{trial.trial_name}" in tour_run.stdout
    assert any(line.startswith(f"Best trial: {best.trial_name} (validation:error {lowest:.6f}") for line in lines)
    for rule, status in zip(RULES, summary.trials[-1].rule_statuses):
        assert any(line.startswith(f"  {rule}: {status['RuleEvaluationStatus']}") for line in lines), rule


def test_second_run_is_refused_without_force(tour_run, tour_home, tour_clients):
    sagemaker_client, _ = tour_clients
    refused = run_cli("tour", "--home", str(tour_home), "--num-round", "2")
    assert refused.exit_code == 1
    assert "already has the tour experiment" in refused.stderr
    assert "--force" in refused.stderr
    tour_experiment(sagemaker_client)


def test_if_empty_skips_populated_home(tour_run, tour_home, tour_clients):
    sagemaker_client, _ = tour_clients
    before = sagemaker_client.list_experiments(MaxResults=100)["ExperimentSummaries"]

    skipped = run_cli("tour", "--home", str(tour_home), "--num-round", "2", "--if-empty")

    assert skipped.exit_code == 0
    assert "already has experiments" in skipped.stdout
    after = sagemaker_client.list_experiments(MaxResults=100)["ExperimentSummaries"]
    assert len(after) == len(before)
