"""LossNotDecreasing: worked examples L1-L10 and edge cases."""

from __future__ import annotations

import math

import pytest
from debugger_rule_helpers import fired_step, rule_entry, steps

from churn_studio_ext.debugger import SeriesSource
from churn_studio_ext.debugger.config import parse_rule_configuration

L1 = {0: 0.30, 4: 0.33, 8: 0.31, 12: 0.30, 16: 0.28}


def comparison_steps(series: dict[int, float], **parameters: str) -> list[int]:
    """Return the steps the rule compares.

    With equal values every comparison fires. After each firing, the fired value is replaced by
    a much lower one so that check passes and the next comparison shows.
    """
    compared = []
    rule = parse_rule_configuration(rule_entry("LossNotDecreasing", **parameters)).create_rule()
    remaining = dict(series)
    while True:
        finding = rule.evaluate(SeriesSource({"train-error": steps(remaining)}))
        if finding.fired_step is None:
            return compared
        compared.append(finding.fired_step)
        remaining[finding.fired_step] = -1.0e9 * (len(compared))


def test_l1_equal_values_fire_at_step_12(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": steps(L1)})
    assert status["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(status) == 12


def test_l2_start_step_13_passes(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": steps(L1)}, start_step="13")
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"
    assert "StatusDetails" not in status


def test_l3_diff_percent_zero_fires_at_12(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": steps(L1)}, diff_percent="0")
    assert status["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(status) == 12


def test_l4_flat_loss_fires_at_10(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(s, 0.5) for s in range(21)]})
    assert fired_step(status) == 10


def test_l5_decaying_loss_passes(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(s, 0.99**s) for s in range(31)]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_l6_small_drop_depends_on_diff_percent(run_rule):
    series = [(s, 1.0) for s in range(10)] + [(10, 0.9995)]
    default = run_rule("LossNotDecreasing", {"train-error": series})
    zero = run_rule("LossNotDecreasing", {"train-error": series}, diff_percent="0")
    assert fired_step(default) == 10
    assert zero["RuleEvaluationStatus"] == "NoIssuesFound"


def test_l7_stepping_every_third_step():
    series = {s: 1.0 for s in range(0, 37, 3)}
    assert comparison_steps(series, num_steps="10") == [12, 24, 36]


def test_documented_stepping_21_then_33():
    # Documentation example: step 21 is compared with step 9, and the next comparison is at 33
    # because 31 and 32 are not saved.
    series = {s: 1.0 for s in range(9, 40, 3)}
    assert comparison_steps(series, num_steps="10")[:2] == [21, 33]


def test_l8_coarse_interval_single_comparison():
    assert comparison_steps({0: 1.0, 500: 1.0}) == [500]


def test_l8_coarse_interval_passes(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(0, 0.10), (500, 0.09)]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


L9 = {
    "train-error": [(s, 0.30 - 0.01 * s) for s in range(31)],
    "validation-auc": [(s, 0.70 + 0.01 * s) for s in range(31)],
}


def test_l9_auc_excluded_by_losses_collection(run_rule):
    status = run_rule("LossNotDecreasing", L9)
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_l10_regex_selects_rising_auc(run_rule):
    status = run_rule("LossNotDecreasing", L9, tensor_regex="validation-auc")
    assert fired_step(status) == 10


def test_unsaved_losses_collection_falls_back_to_all_scalars(run_rule):
    # The tour's hook saves only `metrics`, so `losses` is empty and every scalar is checked.
    status = run_rule("LossNotDecreasing", L9, saved_collections=("metrics",))
    assert fired_step(status) == 10


def test_collection_names_selects_metrics(run_rule):
    status = run_rule("LossNotDecreasing", L9, collection_names="metrics", use_losses_collection="False")
    assert fired_step(status) == 10


def test_too_few_steps_passes(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(s, 0.5) for s in range(10)]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_num_steps_one_compares_neighbours(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(0, 0.5), (1, 0.4), (2, 0.41)]}, num_steps="1")
    assert fired_step(status) == 2


def test_nan_value_is_skipped(run_rule):
    series = [(s, 1.0 - 0.05 * s) for s in range(21)]
    series[10] = (10, math.nan)
    status = run_rule("LossNotDecreasing", {"train-error": series})
    # Step 10 is missing, so the only check is at 11 (vs 1); the next would need step 21.
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_nan_at_compared_step_moves_check(run_rule):
    series = [(s, 0.5) for s in range(21)]
    series[10] = (10, math.nan)
    status = run_rule("LossNotDecreasing", {"train-error": series})
    assert fired_step(status) == 11


def test_end_step_is_exclusive(run_rule):
    flat = {"train-error": [(s, 0.5) for s in range(21)]}
    before = run_rule("LossNotDecreasing", flat, end_step="10")
    after = run_rule("LossNotDecreasing", flat, end_step="11")
    assert before["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(after) == 10


def test_mode_train_reads_train_side(run_rule):
    tensors = {
        "train-error": [(s, 0.5 - 0.02 * s) for s in range(21)],
        "validation-error": [(s, 0.5) for s in range(21)],
    }
    train = run_rule("LossNotDecreasing", tensors, mode="TRAIN")
    evaluation = run_rule("LossNotDecreasing", tensors, mode="EVAL")
    assert train["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(evaluation) == 10


def test_mode_predict_selects_nothing(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(0, 0.5)]}, mode="PREDICT")
    assert status["RuleEvaluationStatus"] == "Error"
    assert "no scalar loss tensor in mode PREDICT" in status["StatusDetails"]


def test_earliest_tensor_firing_wins(run_rule):
    tensors = {
        # Drops until step 10, then flat: the check at 20 fires.
        "train-error": [(s, 0.5 * 0.9 ** min(s, 10)) for s in range(21)],
        # Flat from the start: the check at 10 fires.
        "validation-error": [(s, 0.3) for s in range(21)],
    }
    status = run_rule("LossNotDecreasing", tensors)
    only_train = run_rule("LossNotDecreasing", {"train-error": tensors["train-error"]})
    assert fired_step(only_train) == 20
    assert fired_step(status) == 10


@pytest.mark.parametrize(
    ("diff_percent", "expected"),
    [("9", "NoIssuesFound"), ("10", "IssuesFound")],
)
def test_diff_percent_boundary(run_rule, diff_percent, expected):
    # A drop of exactly 10 % does not count as a decrease of more than 10 %.
    status = run_rule("LossNotDecreasing", {"train-error": [(0, 1.0), (10, 0.9)]}, diff_percent=diff_percent)
    assert status["RuleEvaluationStatus"] == expected
