"""Base class and result type shared by the built-in rules.

Our spec of the evaluation loop, after smdebug's rule invoker: a rule walks the saved steps of
its tensors in increasing order from `start_step` up to, excluding, `end_step`. It skips steps
that lack a needed value, and the first step at which the condition is met ends the evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..parameters import ParameterSpec
from ..source import SeriesSource


@dataclass(frozen=True)
class Finding:
    """Result of evaluating one rule on the tensors recorded so far.

    `fired_step` is the first step at which the condition held, or None. `selected` is False
    when the rule found none of the tensors it needs, and `missing` then describes them for the
    `Error` status. `explanation` is a one-line reason for people (values at the firing step).
    """

    fired_step: int | None = None
    selected: bool = True
    missing: str = ""
    explanation: str = ""

    @classmethod
    def nothing_selected(cls, missing: str) -> "Finding":
        return cls(selected=False, missing=missing)

    @classmethod
    def fired(cls, step: int, explanation: str) -> "Finding":
        return cls(fired_step=step, explanation=explanation)


@dataclass(frozen=True)
class StepWindow:
    """Steps a rule evaluates: `start <= step`, and `step < end` when `end` is set."""

    start: int = 0
    end: int | None = None

    def contains(self, step: int) -> bool:
        return step >= self.start and (self.end is None or step < self.end)


class Rule:
    """A built-in rule: its name, parameter specs and evaluation.

    Subclasses set `name` to the class name SageMaker reports in StatusDetails, `parameters`
    to their specs with SageMaker's current defaults, and implement `evaluate`. `evaluate` must
    be a pure function of the source, so the engine can call it again as new steps arrive.
    """

    name: ClassVar[str]
    parameters: ClassVar[dict[str, ParameterSpec]]

    def __init__(self, values: Mapping[str, Any], window: StepWindow) -> None:
        self.values = dict(values)
        self.window = window

    def evaluate(self, source: SeriesSource) -> Finding:
        raise NotImplementedError
