"""Rule, rule_configs and the hook config build SDK v2's entries, with string parameter values."""

from __future__ import annotations

import json

import pytest

from churn_studio_ext.debugger import parse_rule_configuration
from churn_studio_ext.sdk.debugger import (
    DEFAULT_RULE_EVALUATOR_IMAGE,
    CollectionConfig,
    DebuggerHookConfig,
    Rule,
    rule_configs,
)

sagemaker = pytest.importorskip("sagemaker")
from sagemaker.debugger import rule_configs as sdk_rule_configs  # noqa: E402

RULE_FUNCTIONS = (
    "loss_not_decreasing",
    "overtraining",
    "overfit",
    "class_imbalance",
    "confusion",
    "tree_depth",
    "feature_importance_overweight",
)


@pytest.mark.parametrize("function_name", RULE_FUNCTIONS)
def test_rule_config_matches_sdk(function_name):
    assert getattr(rule_configs, function_name)() == getattr(sdk_rule_configs, function_name)()


@pytest.mark.parametrize("function_name", RULE_FUNCTIONS)
def test_rule_entry_parses_for_local_engine(function_name):
    rule = Rule.sagemaker(getattr(rule_configs, function_name)())
    rule.resolve_image("us-east-1")
    entry = rule.to_debugger_rule_config_dict()
    assert entry["RuleEvaluatorImage"].endswith("/sagemaker-debugger-rules:latest")
    # Confusion has a required parameter without a default, so it needs one to parse.
    if function_name == "confusion":
        entry["RuleParameters"]["category_no"] = "2"
    assert parse_rule_configuration(entry).rule_to_invoke == entry["RuleConfigurationName"]


def test_parameters_become_strings():
    rule = Rule.sagemaker(
        rule_configs.loss_not_decreasing(),
        rule_parameters={"num_steps": 5, "diff_percent": 0.5, "use_losses_collection": False},
    )
    assert rule.rule_parameters == {
        "rule_to_invoke": "LossNotDecreasing",
        "num_steps": "5",
        "diff_percent": "0.5",
        "use_losses_collection": "False",
    }
    values = parse_rule_configuration(rule.to_debugger_rule_config_dict()).values
    assert values["num_steps"] == 5
    assert values["use_losses_collection"] is False


def test_placeholder_image_until_resolved():
    rule = Rule.sagemaker(rule_configs.overfit())
    assert rule.to_debugger_rule_config_dict() == {
        "RuleConfigurationName": "Overfit",
        "RuleEvaluatorImage": DEFAULT_RULE_EVALUATOR_IMAGE,
        "RuleParameters": {"rule_to_invoke": "Overfit"},
    }
    rule.resolve_image("eu-west-1")
    assert rule.image_uri == "929884845733.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-debugger-rules:latest"


def test_name_and_collections_override():
    rule = Rule.sagemaker(
        rule_configs.loss_not_decreasing(),
        name="ValidationLoss",
        collections_to_save=[CollectionConfig("metrics", {"save_interval": 1})],
        other_trials_s3_input_paths=["s3://bucket/other"],
        actions={"name": "StopTraining"},
        s3_output_path="s3://bucket/rules",
    )
    entry = rule.to_debugger_rule_config_dict()
    assert entry["RuleConfigurationName"] == "ValidationLoss"
    assert entry["S3OutputPath"] == "s3://bucket/rules"
    assert entry["RuleParameters"]["other_trial_0"] == "s3://bucket/other"
    assert json.loads(entry["RuleParameters"]["action_json"]) == {"name": "StopTraining"}
    assert [c._to_request_dict() for c in rule.collection_configs] == [
        {"CollectionName": "metrics", "CollectionParameters": {"save_interval": "1"}}
    ]


def test_rule_to_invoke_override_raises():
    with pytest.raises(ValueError, match="may not set 'rule_to_invoke'"):
        Rule.sagemaker(rule_configs.overfit(), rule_parameters={"rule_to_invoke": "Overtraining"})


def test_list_parameter_value_raises():
    with pytest.raises(ValueError, match="Join lists with commas"):
        Rule.sagemaker(rule_configs.overfit(), rule_parameters={"tensor_regex": ["a", "b"]})


def test_hook_request_dict():
    hook = DebuggerHookConfig(
        s3_output_path="s3://bucket/debug",
        container_local_output_path="/opt/ml/output/tensors",
        hook_parameters={"save_interval": 1},
        collection_configs=[CollectionConfig("metrics")],
    )
    assert hook._to_request_dict() == {
        "S3OutputPath": "s3://bucket/debug",
        "LocalPath": "/opt/ml/output/tensors",
        "HookParameters": {"save_interval": "1"},
        "CollectionConfigurations": [{"CollectionName": "metrics"}],
    }
