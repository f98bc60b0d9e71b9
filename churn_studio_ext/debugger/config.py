"""Parsing of `DebugRuleConfigurations` entries as CreateTrainingJob receives them.

SDK v2's `Rule.sagemaker(rule_configs.<rule>())` sends, per rule, `RuleConfigurationName`,
`RuleEvaluatorImage` (the `sagemaker-debugger-rules` image of the region) and `RuleParameters`,
a string map holding `rule_to_invoke` and any user parameters. Absent parameters take
SageMaker's documented defaults, which the rule classes declare.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import RuleConfigurationError
from .parameters import WINDOW_PARAMETERS
from .rules import BUILTIN_RULES, Rule, StepWindow

#: `RuleParameters` keys the SDK adds that are not rule parameters. `action_json` carries the
#: rule actions (StopTraining, Email, SMS) of `Rule.sagemaker(..., actions=...)`.
SDK_KEYS = ("rule_to_invoke", "action_json")

#: Keys the SDK adds for rules this engine cannot run: custom rule code (`source_s3_uri`) and
#: comparisons with other training jobs (`other_trial_<n>`).
_UNSUPPORTED_KEYS = re.compile(r"^(source_s3_uri|other_trial_\d+)$")


@dataclass(frozen=True)
class RuleConfiguration:
    """One parsed `DebugRuleConfigurations` entry with every parameter typed and defaulted."""

    rule_configuration_name: str
    rule_evaluator_image: str
    rule_to_invoke: str
    values: dict[str, Any]
    window: StepWindow
    raw_parameters: dict[str, str] = field(default_factory=dict)
    #: The SDK's `action_json` string, unparsed, because acting on it is the job layer's concern.
    action_json: str | None = None

    def create_rule(self) -> Rule:
        """Return a new rule object configured with these parameters."""
        return BUILTIN_RULES[self.rule_to_invoke](self.values, self.window)


def parse_rule_configuration(entry: Mapping[str, Any]) -> RuleConfiguration:
    """Parse one `DebugRuleConfigurations` entry, or raise `RuleConfigurationError`."""
    if not isinstance(entry, Mapping):
        raise RuleConfigurationError(
            f"Invalid DebugRuleConfigurations entry {entry!r}: expected an object with "
            "RuleConfigurationName, RuleEvaluatorImage and RuleParameters."
        )
    name = _required_string(entry, "RuleConfigurationName", None)
    image = _required_string(entry, "RuleEvaluatorImage", name)
    raw = entry.get("RuleParameters") or {}
    if not isinstance(raw, Mapping):
        raise RuleConfigurationError(
            f"Invalid RuleParameters {raw!r} in rule configuration {name}: expected a map of strings.",
            rule_configuration_name=name,
        )

    rule_to_invoke = raw.get("rule_to_invoke")
    if not isinstance(rule_to_invoke, str) or not rule_to_invoke:
        raise RuleConfigurationError(
            f"Missing RuleParameters.rule_to_invoke in rule configuration {name}. Build the entry "
            "with Rule.sagemaker(rule_configs.<rule>()), which sets it to the rule's name.",
            rule_configuration_name=name,
            parameter="rule_to_invoke",
            value=rule_to_invoke,
        )
    rule_class = BUILTIN_RULES.get(rule_to_invoke)
    if rule_class is None:
        raise RuleConfigurationError(
            f"Rule {rule_to_invoke!r} of rule configuration {name} is not supported by the local rule "
            f"runner. Use one of: {', '.join(sorted(BUILTIN_RULES))}.",
            rule_configuration_name=name,
            parameter="rule_to_invoke",
            value=rule_to_invoke,
        )

    specs = {**WINDOW_PARAMETERS, **rule_class.parameters}
    values = {parameter: spec.default_value() for parameter, spec in specs.items()}
    for parameter, text in raw.items():
        if parameter in SDK_KEYS:
            continue
        if _UNSUPPORTED_KEYS.match(parameter):
            raise RuleConfigurationError(
                f"Rule parameter {parameter} of rule configuration {name} is not supported by the local "
                "rule runner, which runs only built-in rules on the job's own tensors. Remove it.",
                rule_configuration_name=name,
                parameter=parameter,
                value=text,
            )
        spec = specs.get(parameter)
        if spec is None:
            # NOTE: assumed behaviour. The rule container passes parameters to the rule class
            # as keyword arguments, so an unknown name most likely fails there too.
            raise RuleConfigurationError(
                f"Unknown rule parameter {parameter}={text!r} for rule {rule_to_invoke}. "
                f"Accepted parameters: {', '.join(sorted(specs))}.",
                rule_configuration_name=name,
                parameter=parameter,
                value=text,
            )
        values[parameter] = spec.parse(rule_to_invoke, parameter, text)

    window = StepWindow(values.pop("start_step"), values.pop("end_step"))
    if window.end is not None and window.end <= window.start:
        raise RuleConfigurationError(
            f"Invalid rule parameter end_step={raw.get('end_step')!r} for rule {rule_to_invoke}: "
            f"expected a value > start_step ({window.start}), because end_step is exclusive.",
            rule_configuration_name=name,
            parameter="end_step",
            value=raw.get("end_step"),
        )
    action_json = raw.get("action_json")
    return RuleConfiguration(
        rule_configuration_name=name,
        rule_evaluator_image=image,
        rule_to_invoke=rule_to_invoke,
        values=values,
        window=window,
        raw_parameters=dict(raw),
        action_json=action_json if isinstance(action_json, str) else None,
    )


def _required_string(entry: Mapping[str, Any], key: str, rule_configuration_name: str | None) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        where = f" of rule configuration {rule_configuration_name}" if rule_configuration_name else ""
        raise RuleConfigurationError(
            f"Missing {key}{where} in DebugRuleConfigurations: expected a non-empty string, got {value!r}.",
            rule_configuration_name=rule_configuration_name,
            parameter=key,
            value=value,
        )
    return value
