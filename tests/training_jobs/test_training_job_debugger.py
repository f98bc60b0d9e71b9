"""Debugger rule statuses of a training job: the tour's rules and the model-based TreeDepth."""

import pytest
from training_job_helpers import TOUR_JOB_ROUNDS, TOUR_RULES, direct_training

from churn_studio_ext.debugger import RuleEvaluator, SeriesSource


@pytest.fixture(scope="module")
def expected_tour_statuses(tour_job):
    """Evaluate the tour's rules directly on the series of a plain xgboost.train run."""
    _, evals_result, _ = direct_training(TOUR_JOB_ROUNDS)
    source = SeriesSource()
    for step in range(TOUR_JOB_ROUNDS):
        source.add_metrics(
            step,
            {
                f"{side}:error": evals_result[side]["error"][step]
                for side in ("train", "validation")
            },
        )
    configurations = [
        entry
        for entry in tour_job["request"]["DebugRuleConfigurations"]
        if entry["RuleConfigurationName"] in TOUR_RULES
    ]
    return RuleEvaluator(configurations).finish(source)


def statuses_by_name(description) -> dict:
    return {
        item["RuleConfigurationName"]: item
        for item in description["DebugRuleEvaluationStatuses"]
    }


def test_one_status_per_rule_in_order(tour_job):
    names = [
        item["RuleConfigurationName"]
        for item in tour_job["description"]["DebugRuleEvaluationStatuses"]
    ]
    assert names == [
        entry["RuleConfigurationName"]
        for entry in tour_job["request"]["DebugRuleConfigurations"]
    ]


def test_tour_rules_match_direct_evaluation(tour_job, expected_tour_statuses):
    actual = statuses_by_name(tour_job["description"])
    for expected in expected_tour_statuses:
        name = expected["RuleConfigurationName"]
        assert (
            actual[name]["RuleEvaluationStatus"] == expected["RuleEvaluationStatus"]
        ), name
        assert actual[name].get("StatusDetails") == expected.get("StatusDetails"), name


def test_tour_rules_final(tour_job):
    for item in tour_job["description"]["DebugRuleEvaluationStatuses"]:
        assert item["RuleEvaluationStatus"] in ("NoIssuesFound", "IssuesFound"), item


def test_tree_depth_within_max_depth(tour_job):
    item = statuses_by_name(tour_job["description"])["TreeDepthOfMaxDepth"]
    assert item["RuleEvaluationStatus"] == "NoIssuesFound"
    assert "StatusDetails" not in item


def test_depth_one_fires_at_step_zero(tour_job):
    item = statuses_by_name(tour_job["description"])["TreeDepthOne"]
    assert item["RuleEvaluationStatus"] == "IssuesFound"
    assert item["StatusDetails"] == (
        "RuleEvaluationConditionMet: Evaluation of the rule TreeDepth at step 0 resulted in the "
        "condition being met\n"
    )


def test_rule_job_arns(tour_job):
    job_name = tour_job["description"]["TrainingJobName"]
    prefix = "arn:aws:sagemaker:local:000000000000:processing-job/"
    for item in tour_job["description"]["DebugRuleEvaluationStatuses"]:
        arn = item["RuleEvaluationJobArn"]
        assert arn.startswith(prefix)
        processing_name = arn[len(prefix) :]
        job_part, rule_part, hex_part = processing_name.rsplit("-", 2)
        assert len(processing_name) <= 63
        assert job_name.lower().startswith(job_part)
        assert rule_part == item["RuleConfigurationName"].lower()
        assert len(hex_part) == 8
        assert int(hex_part, 16) >= 0


def test_rule_last_modified_within_job(tour_job):
    description = tour_job["description"]
    for item in description["DebugRuleEvaluationStatuses"]:
        assert (
            description["CreationTime"]
            <= item["LastModifiedTime"]
            <= description["TrainingEndTime"]
        )
