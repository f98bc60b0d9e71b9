"""Fixtures for the Debugger rule tests."""

from __future__ import annotations

import pytest
from debugger_rule_helpers import rule_entry

from churn_studio_ext.debugger import RuleEvaluator, SeriesSource


@pytest.fixture
def run_rule():
    """Return `run(rule, tensors, saved_collections=..., **parameters) -> final status item`."""

    def run(rule: str, tensors: dict, *, saved_collections=("metrics", "losses"), **parameters) -> dict:
        source = SeriesSource(tensors, saved_collections=saved_collections)
        evaluator = RuleEvaluator([rule_entry(rule, **parameters)])
        (status,) = evaluator.finish(source)
        return status

    return run
