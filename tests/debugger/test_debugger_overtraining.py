"""Overtraining: worked examples T1-T3 and edge cases."""

from __future__ import annotations

import math

from debugger_rule_helpers import fired_step

T1_VALIDATION = [(0, 0.50), (1, 0.45), (2, 0.40)] + [(s, 0.395) for s in range(3, 13)]
T1_TRAIN = [(s, 0.50 - 0.02 * s) for s in range(13)]


def test_t1_validation_stale_fires_at_12(run_rule):
    status = run_rule("Overtraining", {"train-error": T1_TRAIN, "validation-error": T1_VALIDATION})
    assert status["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(status) == 12


def test_t2_validation_side_passes_with_delta_0_1(run_rule):
    # With delta 0.1, step 3 (0.395 < 0.50 - 0.1) is a new best and `stale` reaches only 9.
    status = run_rule("Overtraining", {"validation-error": T1_VALIDATION}, delta="0.1")
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_t2_training_side_fires_with_delta_0_1(run_rule):
    # The worked example expects no issue for T1's full series with delta 0.1. But its training
    # side improves by only 0.02 per step, so no value beats 0.50 - 0.1 before step 6. Training
    # `stale` therefore reaches patience_train 5 at step 5.
    status = run_rule(
        "Overtraining", {"train-error": T1_TRAIN, "validation-error": T1_VALIDATION}, delta="0.1"
    )
    assert fired_step(status) == 5


def test_t3_flat_training_fires_at_5(run_rule):
    tensors = {
        "train-error": [(s, 0.30) for s in range(10)],
        "validation-error": [(s, 0.40 - 0.02 * s) for s in range(10)],
    }
    status = run_rule("Overtraining", tensors)
    assert fired_step(status) == 5


def test_improving_both_sides_passes(run_rule):
    tensors = {
        "train-error": [(s, 1.0 - 0.02 * s) for s in range(40)],
        "validation-error": [(s, 1.0 - 0.015 * s) for s in range(40)],
    }
    status = run_rule("Overtraining", tensors)
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_patience_counts_saved_steps(run_rule):
    # Saved every 100 rounds: five stale saved steps are 500 rounds.
    status = run_rule("Overtraining", {"train-error": [(s, 0.3) for s in range(0, 1000, 100)]})
    assert fired_step(status) == 500


def test_patience_train_boundary(run_rule):
    series = {"train-error": [(s, 0.3) for s in range(6)]}
    at_limit = run_rule("Overtraining", series, patience_train="5")
    above = run_rule("Overtraining", series, patience_train="6")
    assert fired_step(at_limit) == 5
    assert above["RuleEvaluationStatus"] == "NoIssuesFound"


def test_improvement_equal_to_delta_is_stale(run_rule):
    # 0.5 -> 0.25 is exactly delta 0.25, which is not a new best, so stale reaches 1 at step 1.
    status = run_rule(
        "Overtraining", {"train-error": [(0, 0.5), (1, 0.25)]}, delta="0.25", patience_train="1"
    )
    assert fired_step(status) == 1


def test_eval_and_test_prefixes_are_validation(run_rule):
    for name in ("eval-logloss", "test-logloss"):
        status = run_rule("Overtraining", {name: [(s, 0.5) for s in range(11)]})
        assert fired_step(status) == 10, name


def test_nan_steps_are_skipped(run_rule):
    series = [(s, 0.3) for s in range(5)] + [(5, math.nan), (6, 0.3)]
    status = run_rule("Overtraining", {"train-error": series})
    assert fired_step(status) == 6


def test_start_step_resets_best(run_rule):
    # From step 10 the series improves steadily, so a window starting there passes.
    series = [(s, 0.5) for s in range(10)] + [(s, 0.5 - 0.02 * (s - 9)) for s in range(10, 20)]
    status = run_rule("Overtraining", {"train-error": series}, start_step="10")
    whole = run_rule("Overtraining", {"train-error": series})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(whole) == 5


def test_no_sided_tensor_is_an_error(run_rule):
    status = run_rule("Overtraining", {"loss": [(0, 1.0)]})
    assert status["RuleEvaluationStatus"] == "Error"
    assert (
        "Rule Overtraining found no train-<metric> or validation-<metric> loss tensor"
        in status["StatusDetails"]
    )
