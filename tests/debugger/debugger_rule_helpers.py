"""Helpers shared by the Debugger rule tests."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

#: Rule image the SDK v2 resolves for us-east-1 (`get_rule_container_image_uri`).
RULE_IMAGE = "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"

_FIRED_STEP = re.compile(r"^RuleEvaluationConditionMet: Evaluation of the rule (\w+) at step (\d+) ")


def rule_entry(rule: str, **parameters: str) -> dict:
    """Return a `DebugRuleConfigurations` entry shaped as SDK v2 sends it."""
    return {
        "RuleConfigurationName": rule,
        "RuleEvaluatorImage": RULE_IMAGE,
        "RuleParameters": {"rule_to_invoke": rule, **parameters},
    }


def fired_step(status: dict) -> int | None:
    """Return the step named in an `IssuesFound` StatusDetails text, else None."""
    match = _FIRED_STEP.match(status.get("StatusDetails", ""))
    return int(match.group(2)) if match else None


class StepClock:
    """A clock that advances one second per call, so LastModifiedTime changes are visible."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def steps(values_by_step: dict[int, float]) -> list[tuple[int, float]]:
    """Return `(step, value)` pairs from a step-to-value map."""
    return sorted(values_by_step.items())
