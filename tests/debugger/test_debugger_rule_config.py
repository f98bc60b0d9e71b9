"""Parsing of DebugRuleConfigurations entries and their string RuleParameters."""

from __future__ import annotations

import pytest
from debugger_rule_helpers import RULE_IMAGE, rule_entry

from churn_studio_ext.debugger import BUILTIN_RULES, RuleConfigurationError, RuleEvaluator
from churn_studio_ext.debugger.config import parse_rule_configuration

# SageMaker's current defaults (Debugger built-in rules documentation, 2023).
EXPECTED_DEFAULTS = {
    "LossNotDecreasing": {
        "collection_names": None,
        "tensor_regex": None,
        "use_losses_collection": True,
        "num_steps": 10,
        "diff_percent": 0.1,
        "increase_threshold_percent": 5.0,
        "mode": None,
    },
    "Overtraining": {"patience_train": 5, "patience_validation": 10, "delta": 0.01},
    "Overfit": {"tensor_regex": None, "patience": 1, "ratio_threshold": 0.1},
    "TreeDepth": {"depth": 4},
}


@pytest.mark.parametrize("rule", sorted(EXPECTED_DEFAULTS))
def test_defaults_per_rule(rule):
    configuration = parse_rule_configuration(rule_entry(rule))
    assert configuration.values == EXPECTED_DEFAULTS[rule]
    assert configuration.window.start == 0
    assert configuration.window.end is None


def test_class_imbalance_defaults():
    values = parse_rule_configuration(rule_entry("ClassImbalance")).values
    assert values["threshold_imbalance"] == 10
    assert values["threshold_misprediction"] == 0.7
    assert values["samples"] == 500
    assert values["argmax"] is False
    assert values["labels_regex"].pattern == ".*labels"
    assert values["predictions_regex"].pattern == ".*predictions"


def test_feature_importance_and_confusion_defaults():
    importance = parse_rule_configuration(rule_entry("FeatureImportanceOverweight")).values
    confusion = parse_rule_configuration(rule_entry("Confusion")).values
    assert (importance["threshold"], importance["nfeatures"]) == (0.8, 3)
    assert [p.pattern for p in importance["tensor_regex"]] == [".*feature_importance/weight"]
    assert (confusion["min_diag"], confusion["max_off_diag"], confusion["category_no"]) == (0.9, 0.1, None)
    assert (confusion["labels"], confusion["predictions"]) == ("labels", "predictions")


def test_parameter_strings_are_typed():
    configuration = parse_rule_configuration(
        rule_entry(
            "LossNotDecreasing",
            collection_names="losses, metrics",
            tensor_regex="train-.*,validation-error",
            use_losses_collection="False",
            num_steps="20",
            diff_percent="2.5",
            mode="eval",
            start_step="5",
            end_step="100",
        )
    )
    values = configuration.values
    assert values["collection_names"] == ["losses", "metrics"]
    assert [p.pattern for p in values["tensor_regex"]] == ["train-.*", "validation-error"]
    assert values["use_losses_collection"] is False
    assert values["num_steps"] == 20
    assert values["diff_percent"] == 2.5
    assert values["mode"] == "EVAL"
    assert (configuration.window.start, configuration.window.end) == (5, 100)


@pytest.mark.parametrize("text", ["True", "true", "TRUE"])
def test_boolean_spellings(text):
    values = parse_rule_configuration(rule_entry("ClassImbalance", argmax=text)).values
    assert values["argmax"] is True


def test_entry_fields_are_kept():
    entry = {
        **rule_entry("Overfit", patience="3"),
        "RuleConfigurationName": "my-overfit",
        "VolumeSizeInGB": 0,
    }
    configuration = parse_rule_configuration(entry)
    assert configuration.rule_configuration_name == "my-overfit"
    assert configuration.rule_to_invoke == "Overfit"
    assert configuration.rule_evaluator_image == RULE_IMAGE
    assert configuration.raw_parameters == {"rule_to_invoke": "Overfit", "patience": "3"}


def test_action_json_is_kept_unparsed():
    configuration = parse_rule_configuration(rule_entry("Overfit", action_json='{"StopTraining": {}}'))
    assert configuration.action_json == '{"StopTraining": {}}'
    assert "action_json" not in configuration.values


INVALID_PARAMETERS = [
    ("LossNotDecreasing", "num_steps", "ten", "expected an integer"),
    ("LossNotDecreasing", "num_steps", "0", "expected a value >= 1"),
    ("LossNotDecreasing", "num_steps", "2.5", "expected an integer"),
    ("LossNotDecreasing", "diff_percent", "100", "expected a value < 100"),
    ("LossNotDecreasing", "diff_percent", "-1", "expected a value >= 0"),
    ("LossNotDecreasing", "diff_percent", "nan", "expected a finite number"),
    ("LossNotDecreasing", "use_losses_collection", "yes", "expected True or False"),
    ("LossNotDecreasing", "mode", "TRAINING", "expected one of TRAIN, EVAL, PREDICT, GLOBAL"),
    ("LossNotDecreasing", "tensor_regex", "train-(error", "is not a valid regular expression"),
    ("Overtraining", "delta", "-0.01", "expected a value >= 0"),
    ("Overfit", "start_step", "-1", "expected a value >= 0"),
    ("ClassImbalance", "threshold_misprediction", "1.5", "expected a value <= 1"),
    ("ClassImbalance", "labels_regex", "[labels", "not a valid regular expression"),
    ("TreeDepth", "depth", "", "expected an integer"),
]


@pytest.mark.parametrize(("rule", "parameter", "text", "reason"), INVALID_PARAMETERS)
def test_invalid_parameter_names_value(rule, parameter, text, reason):
    with pytest.raises(RuleConfigurationError) as caught:
        parse_rule_configuration(rule_entry(rule, **{parameter: text}))
    error = caught.value
    assert error.parameter == parameter
    assert error.value == text
    assert error.rule_configuration_name == rule
    assert f"Invalid rule parameter {parameter}={text!r} for rule {rule}" in str(error)
    assert reason in str(error)


def test_non_string_value_is_rejected():
    with pytest.raises(RuleConfigurationError, match=r"values must be strings, got int.*'20'"):
        parse_rule_configuration(rule_entry("LossNotDecreasing", num_steps=20))


def test_end_step_must_follow_start_step():
    with pytest.raises(RuleConfigurationError, match=r"end_step='5'.*> start_step \(5\)"):
        parse_rule_configuration(rule_entry("Overfit", start_step="5", end_step="5"))


def test_unknown_parameter_lists_accepted_ones():
    with pytest.raises(RuleConfigurationError, match=r"Unknown rule parameter num_step='5'.*num_steps"):
        parse_rule_configuration(rule_entry("LossNotDecreasing", num_step="5"))


def test_unsupported_rule_is_rejected():
    with pytest.raises(RuleConfigurationError, match="'VanishingGradient' .* not supported") as caught:
        parse_rule_configuration(rule_entry("VanishingGradient"))
    assert caught.value.parameter == "rule_to_invoke"


def test_custom_rule_source_is_rejected():
    with pytest.raises(RuleConfigurationError, match="source_s3_uri .* not supported"):
        parse_rule_configuration(rule_entry("Overfit", source_s3_uri="s3://bucket/rule.py"))


@pytest.mark.parametrize("missing", ["RuleConfigurationName", "RuleEvaluatorImage"])
def test_missing_entry_field(missing):
    entry = rule_entry("Overfit")
    del entry[missing]
    with pytest.raises(RuleConfigurationError, match=f"Missing {missing}"):
        parse_rule_configuration(entry)


def test_missing_rule_to_invoke():
    entry = {"RuleConfigurationName": "Overfit", "RuleEvaluatorImage": RULE_IMAGE, "RuleParameters": {}}
    with pytest.raises(RuleConfigurationError, match="Missing RuleParameters.rule_to_invoke"):
        parse_rule_configuration(entry)


def test_invalid_parameter_becomes_error_status():
    evaluator = RuleEvaluator([rule_entry("Overfit"), rule_entry("LossNotDecreasing", num_steps="ten")])
    overfit, loss = evaluator.statuses()
    assert overfit["RuleEvaluationStatus"] == "InProgress"
    assert loss["RuleEvaluationStatus"] == "Error"
    assert loss["StatusDetails"].startswith(
        "ClientError: Invalid rule parameter num_steps='ten' for rule LossNotDecreasing: expected an integer."
    )


def test_every_builtin_rule_parses_sdk_shape():
    for rule in BUILTIN_RULES:
        assert parse_rule_configuration(rule_entry(rule)).create_rule().name == rule
