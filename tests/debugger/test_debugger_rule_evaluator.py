"""RuleEvaluator: streaming statuses, texts (E1, S1), stop handling and the tour's metrics."""

from __future__ import annotations

import numpy as np
from debugger_rule_helpers import StepClock, fired_step, rule_entry

from churn_studio_ext.debugger import RuleEvaluator, SeriesSource

TOUR_RULES = [rule_entry("LossNotDecreasing"), rule_entry("Overtraining"), rule_entry("Overfit")]
ARNS = {
    "LossNotDecreasing": "arn:aws:sagemaker:us-east-1:111122223333:processing-job/churn-lossnotdecreasing-1a2b3c4d",
    "Overtraining": "arn:aws:sagemaker:us-east-1:111122223333:processing-job/churn-overtraining-5e6f7a8b",
}


def test_s1_issues_found_text(run_rule):
    status = run_rule("LossNotDecreasing", {"train-error": [(0, 0.30), (4, 0.33), (8, 0.31), (12, 0.30)]})
    assert status["StatusDetails"] == (
        "RuleEvaluationConditionMet: Evaluation of the rule LossNotDecreasing at step 12 "
        "resulted in the condition being met\n"
    )


def test_e1_no_tensors_is_an_error():
    evaluator = RuleEvaluator(TOUR_RULES)
    for status in evaluator.finish(SeriesSource()):
        assert status["RuleEvaluationStatus"] == "Error"
        assert status["StatusDetails"] == (
            "ClientError: No debugging data was saved by the training job. Check that the debugger hook "
            "was configured correctly before starting the training job. Exception: Training job has ended. "
            "All the collection files could not be loaded"
        )


def test_status_item_shape():
    clock = StepClock()
    evaluator = RuleEvaluator(TOUR_RULES[:2], job_arns=ARNS, clock=clock)
    first, second = evaluator.statuses()
    assert first == {
        "RuleConfigurationName": "LossNotDecreasing",
        "RuleEvaluationJobArn": ARNS["LossNotDecreasing"],
        "RuleEvaluationStatus": "InProgress",
        "LastModifiedTime": first["LastModifiedTime"],
    }
    assert first["LastModifiedTime"].tzinfo is not None
    assert second["LastModifiedTime"] > first["LastModifiedTime"]


def test_arn_left_out_when_not_supplied():
    (status,) = RuleEvaluator([rule_entry("Overfit")]).statuses()
    assert "RuleEvaluationJobArn" not in status


def test_streaming_fires_as_soon_as_condition_holds():
    clock = StepClock()
    evaluator = RuleEvaluator([rule_entry("Overfit"), rule_entry("LossNotDecreasing")], clock=clock)
    source = SeriesSource()
    source.add_metrics(0, {"train:error": 0.20, "validation:error": 0.21})
    overfit, loss = evaluator.update(source)
    assert overfit["RuleEvaluationStatus"] == "InProgress"
    assert loss["RuleEvaluationStatus"] == "InProgress"

    source.add_metrics(1, {"train:error": 0.15, "validation:error": 0.17})
    overfit, loss = evaluator.update(source)
    assert overfit["RuleEvaluationStatus"] == "IssuesFound"
    assert fired_step(overfit) == 1
    assert loss["RuleEvaluationStatus"] == "InProgress"
    fired_time = overfit["LastModifiedTime"]

    source.add_metrics(2, {"train:error": 0.15, "validation:error": 0.15})
    overfit, _ = evaluator.update(source)
    assert overfit["LastModifiedTime"] == fired_time
    assert fired_step(overfit) == 1


def test_finish_decides_remaining_rules():
    evaluator = RuleEvaluator(TOUR_RULES)
    source = SeriesSource()
    for step in range(5):
        source.add_metrics(step, {"train-error": 0.5 - 0.05 * step, "validation-error": 0.5 - 0.05 * step})
    assert [s["RuleEvaluationStatus"] for s in evaluator.update(source)] == ["InProgress"] * 3
    assert not evaluator.is_complete()
    statuses = evaluator.finish(source)
    assert [s["RuleEvaluationStatus"] for s in statuses] == ["NoIssuesFound"] * 3
    assert all("StatusDetails" not in s for s in statuses)
    assert evaluator.is_complete()


def test_finish_is_idempotent():
    clock = StepClock()
    evaluator = RuleEvaluator([rule_entry("Overfit")], clock=clock)
    source = SeriesSource({"train-error": [(0, 0.1)], "validation-error": [(0, 0.1)]})
    first = evaluator.finish(source)
    second = evaluator.finish(SeriesSource())
    assert second == first


def test_missing_tensors_wait_until_finish():
    evaluator = RuleEvaluator([rule_entry("TreeDepth")])
    source = SeriesSource({"train-error": [(0, 0.1)]})
    (during,) = evaluator.update(source)
    (after,) = evaluator.finish(source)
    assert during["RuleEvaluationStatus"] == "InProgress"
    assert after["RuleEvaluationStatus"] == "Error"
    assert after["StatusDetails"].startswith("ClientError: No debugging data was saved by the training job.")


def test_data_error_during_update_is_final():
    evaluator = RuleEvaluator([rule_entry("ClassImbalance"), rule_entry("Overfit")])
    source = SeriesSource({"labels": [(0, np.zeros(600))], "predictions": [(0, np.zeros(3))]})
    imbalance, overfit = evaluator.update(source)
    assert imbalance["RuleEvaluationStatus"] == "Error"
    assert imbalance["StatusDetails"].startswith("ClientError: At step 0, tensor labels has 600 labels")
    assert overfit["RuleEvaluationStatus"] == "InProgress"


def test_stop_then_stopped():
    evaluator = RuleEvaluator([rule_entry("Overfit"), rule_entry("LossNotDecreasing")])
    source = SeriesSource({"train-error": [(0, 0.1)], "validation-error": [(0, 0.5)]})
    evaluator.update(source)
    stopping = [s["RuleEvaluationStatus"] for s in evaluator.stop()]
    stopped = [s["RuleEvaluationStatus"] for s in evaluator.stopped()]
    assert stopping == ["IssuesFound", "Stopping"]
    assert stopped == ["IssuesFound", "Stopped"]
    assert evaluator.is_complete()


def test_stopping_rule_is_not_evaluated():
    evaluator = RuleEvaluator([rule_entry("Overfit")])
    evaluator.stop()
    (status,) = evaluator.update(SeriesSource({"train-error": [(0, 0.1)], "validation-error": [(0, 0.5)]}))
    assert status["RuleEvaluationStatus"] == "Stopping"


def test_explanation_names_values():
    evaluator = RuleEvaluator([rule_entry("Overfit")])
    evaluator.finish(SeriesSource({"train-error": [(0, 0.077154)], "validation-error": [(0, 0.099099)]}))
    (explanation,) = evaluator.explanations()
    assert explanation["RuleConfigurationName"] == "Overfit"
    assert (
        "(validation-error 0.099099 - train-error 0.077154) / 0.077154 = 0.2844" in explanation["Explanation"]
    )


def test_long_error_details_are_cut():
    long_regex = "x" * 1200
    evaluator = RuleEvaluator([rule_entry("ClassImbalance", labels_regex=long_regex)])
    (status,) = evaluator.finish(SeriesSource({"train-error": [(0, 0.1)]}))
    assert status["RuleEvaluationStatus"] == "Error"
    assert len(status["StatusDetails"]) == 1024


def tour_like_source() -> SeriesSource:
    """600 rounds shaped like the tour's recorded run: round 0 and round 599 values are real,
    the rounds between follow a step function of whole misclassified rows."""
    source = SeriesSource(saved_collections=("metrics",))
    for step in range(600):
        train_rows = round(180 - (180 - 49) * step / 599)
        validation_rows = round(66 - (66 - 41) * step / 599)
        source.add_metrics(
            step, {"train-error": train_rows / 2333, "validation-error": validation_rows / 666}
        )
    return source


def test_tour_metrics_find_issues():
    evaluator = RuleEvaluator(TOUR_RULES)
    loss, overtraining, overfit = evaluator.finish(tour_like_source())
    # Round 0 ratio (0.099099 - 0.077154) / 0.077154 = 0.284 exceeds 0.1.
    assert fired_step(overfit) == 0
    # One train row is 1/2333 of error, so a new best (a drop > 0.01) needs 24 fewer rows,
    # about 110 rounds; the training counter reaches patience 5 at round 5.
    assert fired_step(overtraining) == 5
    # Validation rows at round 10: round(66 - 25 * 10 / 599) = 66, no drop against round 0.
    assert fired_step(loss) == 10


def test_streaming_matches_single_evaluation():
    complete = tour_like_source()
    at_once = RuleEvaluator(TOUR_RULES).finish(complete)

    evaluator = RuleEvaluator(TOUR_RULES)
    growing = SeriesSource(saved_collections=("metrics",))
    for step in range(600):
        growing.add_metrics(
            step, {name: complete.values_by_step(name)[step] for name in complete.tensor_names()}
        )
        evaluator.update(growing)
    streamed = evaluator.finish(growing)
    assert [fired_step(s) for s in streamed] == [fired_step(s) for s in at_once]
