"""Exceptions of the rule engine.

The training-job layer turns each of them into the rule's `Error` status, and `status_details`
returns the StatusDetails text for that status.
"""

from __future__ import annotations


class RuleError(Exception):
    """Base class of the rule engine's errors."""

    #: Prefix of StatusDetails. SageMaker prefixes rule errors with an error class name,
    #: for example `ClientError: No debugging data was saved ...` (public rule-job outputs).
    error_class = "ClientError"

    def status_details(self) -> str:
        """Return the StatusDetails text of the `Error` status this error causes."""
        return f"{self.error_class}: {self}"


class RuleConfigurationError(RuleError, ValueError):
    """A `DebugRuleConfigurations` entry or one of its `RuleParameters` is invalid.

    `parameter` and `value` are None when the entry as a whole is invalid, for example when
    `rule_to_invoke` names a rule this engine does not implement.
    """

    def __init__(
        self,
        message: str,
        *,
        rule_configuration_name: str | None = None,
        parameter: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.rule_configuration_name = rule_configuration_name
        self.parameter = parameter
        self.value = value


class RuleDataError(RuleError):
    """The recorded tensors cannot be evaluated, for example labels and predictions of a step
    have different lengths."""
