"""Streaming evaluation of a training job's Debugger rules.

The training-job layer creates one `RuleEvaluator` per job from its `DebugRuleConfigurations`,
calls `update` with the tensors recorded so far after each saved round, and `finish` once
training has ended. Every call returns the job's `DebugRuleEvaluationStatuses`.

Our spec of the statuses, after SageMaker's: a rule is `InProgress` until it fires
(`IssuesFound`, final at once) or the job ends (`NoIssuesFound`). It ends in `Error` when its
configuration is invalid, its tensors cannot be read, or it found none of the tensors it needs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from . import statuses
from .config import RuleConfiguration, parse_rule_configuration
from .errors import RuleConfigurationError, RuleDataError
from .rules import Finding, Rule
from .source import SeriesSource

logger = logging.getLogger(__name__)


@dataclass
class _RuleState:
    name: str
    rule_name: str
    rule: Rule | None
    status: str
    last_modified: datetime
    details: str | None = None
    explanation: str = ""


class RuleEvaluator:
    """Evaluates the rules of one training job as its tensors arrive.

    `update` expects each saved round to be recorded whole (every tensor of that step) before
    the call, because a rule that fires reports its first firing step and never re-evaluates.
    Each call walks every recorded step again, so calling `update` every few rounds instead of
    every round finds the same firing steps at a lower cost.
    `job_arns` maps a RuleConfigurationName to the `RuleEvaluationJobArn` to report. `clock`
    returns the `LastModifiedTime` of a change and defaults to the current UTC time.
    """

    def __init__(
        self,
        configurations: Sequence[Mapping[str, Any]],
        *,
        job_arns: Mapping[str, str] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._job_arns = dict(job_arns or {})
        self._states = [self._create_state(entry, index) for index, entry in enumerate(configurations)]

    def _create_state(self, entry: Mapping[str, Any], index: int) -> _RuleState:
        now = self._clock()
        try:
            configuration: RuleConfiguration = parse_rule_configuration(entry)
        except RuleConfigurationError as error:
            name = error.rule_configuration_name or f"DebugRuleConfigurations[{index}]"
            logger.warning("Debugger rule configuration %s is invalid: %s", name, error)
            return _RuleState(name, name, None, statuses.ERROR, now, details=error.status_details())
        return _RuleState(
            configuration.rule_configuration_name,
            configuration.rule_to_invoke,
            configuration.create_rule(),
            statuses.IN_PROGRESS,
            now,
        )

    # -- evaluation ---------------------------------------------------------------------------

    def update(self, source: SeriesSource) -> list[dict[str, Any]]:
        """Evaluate the rules still in progress on the tensors recorded so far."""
        for state in self._active_states():
            finding = self._evaluate(state, source)
            if finding is not None and finding.fired_step is not None:
                self._fire(state, finding)
        return self.statuses()

    def finish(self, source: SeriesSource) -> list[dict[str, Any]]:
        """Evaluate the rules still in progress on the complete tensors of an ended job."""
        for state in self._active_states():
            if source.is_empty():
                self._set(state, statuses.ERROR, statuses.NO_DEBUG_DATA)
                continue
            finding = self._evaluate(state, source)
            if finding is None:
                continue
            if finding.fired_step is not None:
                self._fire(state, finding)
            elif not finding.selected:
                self._set(state, statuses.ERROR, statuses.no_data_details(state.rule_name, finding.missing))
            else:
                self._set(state, statuses.NO_ISSUES_FOUND)
        return self.statuses()

    def stop(self) -> list[dict[str, Any]]:
        """Mark rules still in progress as `Stopping`, for a training job being stopped."""
        for state in self._states:
            if state.status == statuses.IN_PROGRESS:
                self._set(state, statuses.STOPPING)
        return self.statuses()

    def stopped(self) -> list[dict[str, Any]]:
        """Mark rules still in progress or stopping as `Stopped`, for a stopped training job."""
        for state in self._states:
            if state.status in (statuses.IN_PROGRESS, statuses.STOPPING):
                self._set(state, statuses.STOPPED)
        return self.statuses()

    # -- results ------------------------------------------------------------------------------

    def statuses(self) -> list[dict[str, Any]]:
        """Return the `DebugRuleEvaluationStatuses` items, in configuration order."""
        return [
            statuses.status_item(
                state.name,
                state.status,
                state.last_modified,
                details=state.details,
                job_arn=self._job_arns.get(state.name),
            )
            for state in self._states
        ]

    def explanations(self) -> list[dict[str, str]]:
        """Return, per rule, a readable reason for its status (values at the firing step).

        SageMaker's StatusDetails names only the step, so the Debugger details view shows this.
        """
        return [
            {"RuleConfigurationName": state.name, "Explanation": state.explanation or (state.details or "")}
            for state in self._states
        ]

    def is_complete(self) -> bool:
        """Return True when every rule has a final status."""
        return all(state.status in statuses.FINAL_STATUSES for state in self._states)

    # -- helpers ------------------------------------------------------------------------------

    def _active_states(self) -> list[_RuleState]:
        return [
            state for state in self._states if state.status == statuses.IN_PROGRESS and state.rule is not None
        ]

    def _evaluate(self, state: _RuleState, source: SeriesSource) -> Finding | None:
        assert state.rule is not None
        try:
            return state.rule.evaluate(source)
        except RuleDataError as error:
            logger.warning("Debugger rule %s could not read its tensors: %s", state.name, error)
            self._set(state, statuses.ERROR, error.status_details())
            return None

    def _fire(self, state: _RuleState, finding: Finding) -> None:
        assert finding.fired_step is not None
        self._set(
            state, statuses.ISSUES_FOUND, statuses.condition_met_details(state.rule_name, finding.fired_step)
        )
        state.explanation = finding.explanation

    def _set(self, state: _RuleState, status: str, details: str | None = None) -> None:
        state.status = status
        state.details = details
        state.last_modified = self._clock()
