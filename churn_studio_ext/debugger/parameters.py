"""Typed parsing of `RuleParameters` strings.

SageMaker receives every rule parameter as a string (botocore's model types `RuleParameters` as
a string-to-string map), so `True`, `10`, `0.1` and `a,b` all arrive as text. Each
`ParameterSpec` turns one such string into a Python value or raises `RuleConfigurationError`
naming the parameter, the value and the accepted form.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import RuleConfigurationError

#: smdebug's mode names (`smdebug.core.modes.ModeKeys`).
MODES = ("TRAIN", "EVAL", "PREDICT", "GLOBAL")


class _InvalidValue(ValueError):
    """Error of a converter, which `ParameterSpec.parse` re-raises with the parameter and value."""


def _to_bool(text: str) -> bool:
    # The SDK documents booleans as the strings "True" and "False". Case is ignored here.
    lowered = text.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise _InvalidValue("expected True or False")


def _to_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _InvalidValue("expected an integer") from None


def _to_float(text: str) -> float:
    try:
        number = float(text.strip())
    except ValueError:
        raise _InvalidValue("expected a number") from None
    if not math.isfinite(number):
        raise _InvalidValue("expected a finite number")
    return number


def _to_list(text: str) -> list[str]:
    # SageMaker documents list parameters as comma-separated strings, so a comma can never be
    # part of an item (a regex quantifier such as {1,3} is split too).
    return [item.strip() for item in text.split(",") if item.strip()]


def _to_regex_list(text: str) -> list[re.Pattern[str]]:
    patterns = []
    for item in _to_list(text):
        try:
            patterns.append(re.compile(item))
        except re.error as error:
            raise _InvalidValue(f"item {item!r} is not a valid regular expression ({error})") from None
    return patterns


def _to_regex(text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise _InvalidValue(f"not a valid regular expression ({error})") from None


def _to_mode(text: str) -> str:
    mode = text.strip().upper()
    if mode not in MODES:
        raise _InvalidValue(f"expected one of {', '.join(MODES)}")
    return mode


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "bool": _to_bool,
    "int": _to_int,
    "float": _to_float,
    "list": _to_list,
    "regex": _to_regex,
    "regex_list": _to_regex_list,
    "mode": _to_mode,
    "str": lambda text: text,
}


@dataclass(frozen=True)
class ParameterSpec:
    """One rule parameter: its type, default and allowed range.

    `kind` is a key of the converter table: bool, int, float, list, regex, regex_list, mode or
    str. `default` applies when the parameter is absent, and None means unset.
    `minimum`/`maximum` bound numbers, inclusive unless `*_exclusive` is set.
    """

    kind: str
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False
    maximum_exclusive: bool = False

    def parse(self, rule_name: str, parameter: str, text: object) -> Any:
        """Convert `text` to this parameter's value, or raise `RuleConfigurationError`."""
        if not isinstance(text, str):
            raise RuleConfigurationError(
                f"Invalid rule parameter {parameter}={text!r} for rule {rule_name}: "
                f"RuleParameters values must be strings, got {type(text).__name__}. "
                f"Pass the value as a string, for example {str(text)!r}.",
                rule_configuration_name=rule_name,
                parameter=parameter,
                value=text,
            )
        # An empty string means "unset" for optional parameters (default None).
        if text.strip() == "" and self.default is None and self.kind in ("list", "regex_list", "mode", "str"):
            return None
        try:
            value = _CONVERTERS[self.kind](text)
            self._check_range(value)
        except _InvalidValue as error:
            raise RuleConfigurationError(
                f"Invalid rule parameter {parameter}={text!r} for rule {rule_name}: {error}. "
                "Fix RuleParameters in DebugRuleConfigurations and start a new training job.",
                rule_configuration_name=rule_name,
                parameter=parameter,
                value=text,
            ) from None
        return value

    def default_value(self) -> Any:
        """Return the parsed default. A string default of a non-string kind is parsed like a
        received value, so regex defaults are written as the pattern text."""
        if isinstance(self.default, str) and self.kind != "str":
            return _CONVERTERS[self.kind](self.default)
        return self.default

    def _check_range(self, value: Any) -> None:
        if self.kind not in ("int", "float"):
            return
        if self.minimum is not None:
            too_small = value <= self.minimum if self.minimum_exclusive else value < self.minimum
            if too_small:
                relation = ">" if self.minimum_exclusive else ">="
                raise _InvalidValue(f"expected a value {relation} {self.minimum:g}")
        if self.maximum is not None:
            too_large = value >= self.maximum if self.maximum_exclusive else value > self.maximum
            if too_large:
                relation = "<" if self.maximum_exclusive else "<="
                raise _InvalidValue(f"expected a value {relation} {self.maximum:g}")


#: Parameters every rule accepts: the invoker's step window. `end_step` is exclusive, as in
#: smdebug's `invoke_rule(rule, start_step=0, end_step=None)`, which loops while step < end_step.
WINDOW_PARAMETERS: dict[str, ParameterSpec] = {
    "start_step": ParameterSpec("int", default=0, minimum=0),
    "end_step": ParameterSpec("int", default=None, minimum=0),
}
