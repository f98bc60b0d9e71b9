"""Debugger configuration for estimators: ``Rule``, ``rule_configs``, hook and collection configs.

These mirror ``sagemaker.debugger`` of SageMaker Python SDK v2 for the built-in rules that apply
to XGBoost. ``Rule.sagemaker(rule_configs.overfit())`` adds one ``DebugRuleConfigurations``
entry to CreateTrainingJob, and some rule configs also ask the hook to save a collection
(LossNotDecreasing saves ``losses`` and FeatureImportanceOverweight ``feature_importance``,
both every 500 steps).

One deliberate difference: SDK v2 passes rule parameter values through unchanged, so a number
such as ``{"num_steps": 5}`` makes botocore reject the request. Here every value is converted
to the string SageMaker expects (``True`` and ``False`` become ``"True"`` and ``"False"``).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from . import image_uris

# SDK v2 fills this placeholder in at fit() time with the rule image of the session's region.
DEFAULT_RULE_EVALUATOR_IMAGE = "DEFAULT_RULE_EVALUATOR_IMAGE"
# How often (in steps) the hook saves the collection that a rule config requests.
RULE_COLLECTION_SAVE_INTERVAL = "500"

# Built-in rules that the local rule engine evaluates, with the collection each one needs.
# The function names are those of SDK v2's rule_configs.
_RULE_COLLECTIONS = {
    "loss_not_decreasing": ("LossNotDecreasing", "losses"),
    "overtraining": ("Overtraining", None),
    "overfit": ("Overfit", None),
    "class_imbalance": ("ClassImbalance", None),
    "confusion": ("Confusion", None),
    "tree_depth": ("TreeDepth", None),
    "feature_importance_overweight": ("FeatureImportanceOverweight", "feature_importance"),
}


class CollectionConfig:
    """A tensor collection the Debugger hook saves, with its save parameters (strings)."""

    def __init__(self, name, parameters=None):
        self.name = name
        self.parameters = parameters

    def __eq__(self, other):
        return isinstance(other, CollectionConfig) and self.name == other.name

    def __hash__(self):
        # SDK v2 de-duplicates collections by name when it merges rules and the hook config.
        return hash(self.name)

    def __repr__(self):
        return f"CollectionConfig({self.name!r}, {self.parameters!r})"

    def _to_request_dict(self) -> dict:
        request = {"CollectionName": self.name}
        if self.parameters is not None:
            request["CollectionParameters"] = _string_map(self.parameters, "CollectionParameters")
        return request


class DebuggerHookConfig:
    """The training job's Debugger hook settings: output path, parameters and collections.

    The request field is CreateTrainingJob's ``DebugHookConfig``.

    ``s3_output_path`` defaults to the estimator's ``output_path`` at ``fit`` time.
    """

    def __init__(
        self,
        s3_output_path=None,
        container_local_output_path=None,
        hook_parameters=None,
        collection_configs=None,
    ):
        self.s3_output_path = s3_output_path
        self.container_local_output_path = container_local_output_path
        self.hook_parameters = hook_parameters
        self.collection_configs = collection_configs

    def _to_request_dict(self) -> dict:
        request = {"S3OutputPath": self.s3_output_path}
        if self.container_local_output_path is not None:
            request["LocalPath"] = self.container_local_output_path
        if self.hook_parameters is not None:
            request["HookParameters"] = _string_map(self.hook_parameters, "HookParameters")
        if self.collection_configs is not None:
            request["CollectionConfigurations"] = [
                collection._to_request_dict() for collection in self.collection_configs
            ]
        return request


class Rule:
    """Debugger rule attached to a training job, built with ``Rule.sagemaker``."""

    def __init__(
        self,
        name,
        image_uri,
        rule_parameters,
        collections_to_save,
        container_local_output_path=None,
        s3_output_path=None,
        instance_type=None,
        volume_size_in_gb=None,
    ):
        self.name = name
        self.image_uri = image_uri
        self.rule_parameters = rule_parameters
        self.collection_configs = list(collections_to_save or [])
        self.container_local_output_path = container_local_output_path
        self.s3_output_path = s3_output_path
        self.instance_type = instance_type
        self.volume_size_in_gb = volume_size_in_gb

    @classmethod
    def sagemaker(
        cls,
        base_config,
        name=None,
        container_local_output_path=None,
        s3_output_path=None,
        other_trials_s3_input_paths=None,
        rule_parameters=None,
        collections_to_save=None,
        actions=None,
    ):
        """Configure a built-in rule from ``rule_configs.<rule>()`` and optional overrides.

        ``name`` replaces the RuleConfigurationName (the rule class still runs),
        ``rule_parameters`` are merged over the config's, and ``collections_to_save`` replaces
        the collections the config requests. ``actions`` takes a JSON-serialisable action
        description and is sent as the ``action_json`` rule parameter.
        """
        if rule_parameters and "rule_to_invoke" in rule_parameters:
            raise ValueError(
                "rule_parameters may not set 'rule_to_invoke' for a built-in rule, because "
                "base_config already names the rule. Remove it, or pick another rule_configs "
                "function."
            )
        rule_config = base_config["DebugRuleConfiguration"]

        merged = {}
        for index, path in enumerate(other_trials_s3_input_paths or []):
            merged[f"other_trial_{index}"] = path
        merged.update(rule_config.get("RuleParameters", {}))
        merged.update(rule_parameters or {})
        if actions is not None:
            merged["action_json"] = actions if isinstance(actions, str) else json.dumps(actions)

        base_collections = [
            CollectionConfig(entry["CollectionName"], entry.get("CollectionParameters", {}))
            for entry in base_config.get("CollectionConfigurations", [])
        ]
        return cls(
            name=name or rule_config["RuleConfigurationName"],
            image_uri=DEFAULT_RULE_EVALUATOR_IMAGE,
            rule_parameters=_string_map(merged, "rule_parameters"),
            collections_to_save=collections_to_save or base_collections,
            container_local_output_path=container_local_output_path,
            s3_output_path=s3_output_path,
        )

    def to_debugger_rule_config_dict(self) -> dict:
        """Return this rule's ``DebugRuleConfigurations`` entry."""
        request = {"RuleConfigurationName": self.name, "RuleEvaluatorImage": self.image_uri}
        optional = {
            "InstanceType": self.instance_type,
            "VolumeSizeInGB": self.volume_size_in_gb,
            "LocalPath": self.container_local_output_path,
            "S3OutputPath": self.s3_output_path,
            "RuleParameters": self.rule_parameters,
        }
        request.update({key: value for key, value in optional.items() if value is not None})
        return request

    def resolve_image(self, region: str) -> None:
        """Replace the image placeholder with the Debugger rule image of ``region``."""
        if self.image_uri == DEFAULT_RULE_EVALUATOR_IMAGE:
            self.image_uri = image_uris.retrieve("debugger", region)


def _make_rule_config(rule_name: str, collection: str | None):
    def rule_config() -> dict:
        config = {
            "DebugRuleConfiguration": {
                "RuleConfigurationName": rule_name,
                "RuleParameters": {"rule_to_invoke": rule_name},
            }
        }
        if collection is not None:
            config["CollectionConfigurations"] = [
                {
                    "CollectionName": collection,
                    "CollectionParameters": {"save_interval": RULE_COLLECTION_SAVE_INTERVAL},
                }
            ]
        return config

    rule_config.__doc__ = f"Return the base configuration of the built-in rule {rule_name}."
    return rule_config


# Used as `rule_configs.overfit()`, like the module of the same name in SDK v2.
rule_configs = SimpleNamespace(
    **{
        function_name: _make_rule_config(rule_name, collection)
        for function_name, (rule_name, collection) in _RULE_COLLECTIONS.items()
    }
)


def _string_map(values: dict, field: str) -> dict[str, str]:
    converted = {}
    for key, value in values.items():
        if isinstance(value, (dict, list, tuple, set)) or value is None:
            raise ValueError(
                f"Invalid {field} value {value!r} for {key!r}: SageMaker takes strings, numbers "
                "or booleans here. Join lists with commas, as in 'train-error,validation-error'."
            )
        converted[str(key)] = value if isinstance(value, str) else str(value)
    return converted
