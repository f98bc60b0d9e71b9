"""ClassImbalance and Confusion on recorded labels and predictions (examples C1-C4)."""

from __future__ import annotations

import numpy as np
from debugger_rule_helpers import fired_step

C1_LABELS = np.array([0] * 990 + [1] * 10)


def test_c1_imbalanced_labels_fire(run_rule):
    status = run_rule("ClassImbalance", {"labels": [(0, C1_LABELS)]})
    assert status["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(status) == 0


def test_balanced_labels_pass(run_rule):
    labels = np.array([0] * 500 + [1] * 100)
    status = run_rule("ClassImbalance", {"labels": [(0, labels)], "predictions": [(0, labels)]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_imbalance_threshold_boundary(run_rule):
    # Ratio exactly 10 does not exceed threshold_imbalance 10.
    labels = np.array([0] * 1000 + [1] * 100)
    assert run_rule("ClassImbalance", {"labels": [(0, labels)]})["RuleEvaluationStatus"] == "NoIssuesFound"
    assert (
        run_rule("ClassImbalance", {"labels": [(0, labels)]}, threshold_imbalance="9.9")[
            "RuleEvaluationStatus"
        ]
        == "IssuesFound"
    )


def test_waits_for_samples(run_rule):
    # 300 labels per step: the check first runs at step 1 (600 >= 500 samples).
    labels = np.array([0] * 290 + [1] * 10)
    tensors = {"labels": [(0, labels), (1, labels)]}
    assert fired_step(run_rule("ClassImbalance", tensors)) == 1
    too_few = run_rule("ClassImbalance", {"labels": [(0, labels)]})
    assert too_few["RuleEvaluationStatus"] == "NoIssuesFound"


def test_mispredicted_class_fires(run_rule):
    labels = np.array([0] * 300 + [1] * 300)
    predictions = np.array([0] * 300 + [0] * 220 + [1] * 80)
    status = run_rule("ClassImbalance", {"labels": [(3, labels)], "predictions": [(3, predictions)]})
    assert fired_step(status) == 3


def test_misprediction_threshold_boundary(run_rule):
    labels = np.array([0] * 300 + [1] * 300)
    predictions = np.array([0] * 300 + [0] * 210 + [1] * 90)
    status = run_rule("ClassImbalance", {"labels": [(0, labels)], "predictions": [(0, predictions)]})
    # 210 of 300 is exactly 0.7, which does not exceed threshold_misprediction 0.7.
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_probabilities_are_thresholded(run_rule):
    labels = np.array([0] * 300 + [1] * 300)
    probabilities = np.array([0.2] * 300 + [0.4] * 300)
    status = run_rule("ClassImbalance", {"labels": [(0, labels)], "predictions": [(0, probabilities)]})
    assert fired_step(status) == 0


def test_argmax_reads_class_scores(run_rule):
    labels = np.array([0] * 300 + [1] * 300)
    scores = np.tile([0.9, 0.1], (600, 1))
    status = run_rule(
        "ClassImbalance", {"labels": [(0, labels)], "predictions": [(0, scores)]}, argmax="True"
    )
    assert fired_step(status) == 0


def test_argmax_with_1d_predictions_is_an_error(run_rule):
    labels = np.array([0, 1] * 300)
    status = run_rule(
        "ClassImbalance", {"labels": [(0, labels)], "predictions": [(0, labels)]}, argmax="True"
    )
    assert status["RuleEvaluationStatus"] == "Error"
    assert "argmax=True" in status["StatusDetails"]


def test_length_mismatch_is_an_error(run_rule):
    status = run_rule(
        "ClassImbalance", {"labels": [(0, np.array([0, 1] * 300))], "predictions": [(0, np.array([0, 1]))]}
    )
    assert status["RuleEvaluationStatus"] == "Error"
    assert "600 labels but predictions has 2 predictions" in status["StatusDetails"]


def test_labels_regex_selects_tensor(run_rule):
    tensors = {"validation_labels": [(0, C1_LABELS)]}
    assert fired_step(run_rule("ClassImbalance", tensors)) == 0
    status = run_rule("ClassImbalance", tensors, labels_regex="^labels$")
    assert status["RuleEvaluationStatus"] == "Error"
    assert "no labels tensor matching '^labels$'" in status["StatusDetails"]


def test_c2_identity_passes(run_rule):
    classes = np.arange(10)
    status = run_rule("Confusion", {"labels": [(0, classes)], "predictions": [(0, classes)]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_c3_one_wrong_prediction_fires(run_rule):
    predictions = np.arange(10)
    predictions[0] = 1
    status = run_rule("Confusion", {"labels": [(0, np.arange(10))], "predictions": [(0, predictions)]})
    assert fired_step(status) == 0


def test_c4_off_diagonal_still_fires(run_rule):
    predictions = np.arange(10)
    predictions[0] = 1
    status = run_rule(
        "Confusion",
        {"labels": [(0, np.arange(10))], "predictions": [(0, predictions)]},
        min_diag="0",
        max_off_diag="0.01",
    )
    assert fired_step(status) == 0


def test_confusion_binary_probabilities(run_rule):
    labels = np.array([0] * 50 + [1] * 50)
    good = np.where(labels == 1, 0.8, 0.2)
    bad = good.copy()
    bad[:20] = 0.7
    tensors = {"labels": [(0, labels), (1, labels)], "predictions": [(0, good), (1, bad)]}
    assert fired_step(run_rule("Confusion", tensors)) == 1


def test_confusion_category_no_too_small(run_rule):
    classes = np.arange(4)
    status = run_rule("Confusion", {"labels": [(0, classes)], "predictions": [(0, classes)]}, category_no="3")
    assert status["RuleEvaluationStatus"] == "Error"
    assert "class id 3 is outside category_no=3" in status["StatusDetails"]


def test_confusion_without_predictions_is_an_error(run_rule):
    status = run_rule("Confusion", {"labels": [(0, np.arange(3))]})
    assert status["RuleEvaluationStatus"] == "Error"
    assert "Rule Confusion found no tensor 'labels' and 'predictions'" in status["StatusDetails"]


def test_single_class_labels_do_not_fire(run_rule):
    # Only classes present in the labels count, so a ratio needs at least two of them.
    status = run_rule("ClassImbalance", {"labels": [(0, np.zeros(600))]})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"
