"""Overfit: worked examples F1-F5 and edge cases."""

from __future__ import annotations

import math

import pytest
from debugger_rule_helpers import fired_step

F1 = {
    "train-error": [(0, 0.20), (1, 0.15), (2, 0.10)],
    "validation-error": [(0, 0.21), (1, 0.17), (2, 0.13)],
}


def test_f1_fires_at_step_1(run_rule):
    status = run_rule("Overfit", F1)
    assert status["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(status) == 1


def test_f2_patience_2_fires_at_step_2(run_rule):
    assert fired_step(run_rule("Overfit", F1, patience="2")) == 2


def test_f3_start_step_2_fires_at_step_2(run_rule):
    assert fired_step(run_rule("Overfit", F1, start_step="2")) == 2


def test_f4_zero_training_value_is_skipped(run_rule):
    tensors = {"train-error": [(0, 0.0), (1, 0.10)], "validation-error": [(0, 0.05), (1, 0.105)]}
    status = run_rule("Overfit", tensors)
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_f5_tour_round_0_fires(run_rule):
    tensors = {"train-error": [(0, 0.077154)], "validation-error": [(0, 0.099099)]}
    assert fired_step(run_rule("Overfit", tensors)) == 0


def test_zero_training_value_keeps_counter(run_rule):
    # Step 1 is skipped; steps 0 and 2 are consecutive evaluated steps over the threshold.
    tensors = {
        "train-error": [(0, 0.10), (1, 0.0), (2, 0.10)],
        "validation-error": [(0, 0.20), (1, 0.05), (2, 0.20)],
    }
    assert fired_step(run_rule("Overfit", tensors, patience="2")) == 2


def test_ratio_below_threshold_resets_counter(run_rule):
    tensors = {
        "train-error": [(0, 0.10), (1, 0.10), (2, 0.10), (3, 0.10)],
        "validation-error": [(0, 0.20), (1, 0.105), (2, 0.20), (3, 0.20)],
    }
    assert fired_step(run_rule("Overfit", tensors, patience="2")) == 3


@pytest.mark.parametrize(("threshold", "expected"), [("0.5", "NoIssuesFound"), ("0.49", "IssuesFound")])
def test_ratio_threshold_boundary(run_rule, threshold, expected):
    # Ratio (0.375 - 0.25) / 0.25 = 0.5 exactly in binary floating point; it must exceed the
    # threshold strictly.
    tensors = {"train-error": [(0, 0.25)], "validation-error": [(0, 0.375)]}
    assert run_rule("Overfit", tensors, ratio_threshold=threshold)["RuleEvaluationStatus"] == expected


def test_steps_saved_on_one_side_only_are_skipped(run_rule):
    tensors = {
        "train-error": [(s, 0.10) for s in range(0, 10, 2)],
        "validation-error": [(s, 0.20) for s in range(1, 10, 2)],
    }
    status = run_rule("Overfit", tensors)
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_nan_validation_step_is_skipped(run_rule):
    tensors = {"train-error": [(0, 0.10), (1, 0.10)], "validation-error": [(0, math.nan), (1, 0.2)]}
    assert fired_step(run_rule("Overfit", tensors)) == 1


def test_pairs_by_metric_name(run_rule):
    tensors = {
        "train-error": [(0, 0.10)],
        "validation-error": [(0, 0.105)],
        "train-logloss": [(1, 0.30)],
        "eval-logloss": [(1, 0.60)],
    }
    assert fired_step(run_rule("Overfit", tensors)) == 1


def test_tensor_regex_limits_pairs(run_rule):
    tensors = {
        "train-error": [(0, 0.10)],
        "validation-error": [(0, 0.50)],
        "train-logloss": [(0, 0.30)],
        "validation-logloss": [(0, 0.31)],
    }
    status = run_rule("Overfit", tensors, tensor_regex="-logloss$")
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_end_step_excludes_late_divergence(run_rule):
    tensors = {
        "train-error": [(s, 0.10) for s in range(10)],
        "validation-error": [(s, 0.105 if s < 8 else 0.3) for s in range(10)],
    }
    assert run_rule("Overfit", tensors, end_step="8")["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(run_rule("Overfit", tensors)) == 8


def test_unpaired_tensors_are_an_error(run_rule):
    status = run_rule("Overfit", {"train-error": [(0, 0.1)]})
    assert status["RuleEvaluationStatus"] == "Error"
    assert status["StatusDetails"].startswith("ClientError: No debugging data was saved by the training job.")
    assert "train-<metric> and validation-<metric>" in status["StatusDetails"]
