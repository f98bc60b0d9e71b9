"""Deequ's type classes of single values and the column type they add up to."""

from __future__ import annotations

import re

# Value classes, stored as small integers in the per-chunk class arrays.
UNKNOWN = 0  # empty field
INTEGRAL = 1
FRACTIONAL = 2
BOOLEAN = 3
STRING = 4
CLASS_COUNT = 5

# Deequ 2.0.2's patterns (StatefulDataType.scala). A sign may be followed by one space, and a
# Fractional value needs digits on both sides of its point, so `.5`, `5.` and `NaN` are strings.
_FRACTIONAL = re.compile(r"(-|\+)? ?\d+((\.\d+)|((?:\.\d+)?[Ee][-+]?\d+))")
_INTEGRAL = re.compile(r"(-|\+)? ?\d+")
_BOOLEAN = re.compile(r"true|false")

# Column types as statistics.json and constraints.json spell them.
TYPE_NAMES = {INTEGRAL: "Integral", FRACTIONAL: "Fractional", STRING: "String", UNKNOWN: "Unknown"}


def classify_value(text: str | None) -> int:
    """Return the value class of one field's text. None and the empty string are Unknown."""
    if not text:
        return UNKNOWN
    if _INTEGRAL.fullmatch(text):
        return INTEGRAL
    if _FRACTIONAL.fullmatch(text):
        return FRACTIONAL
    if _BOOLEAN.fullmatch(text):
        return BOOLEAN
    return STRING


def numeric_value(text: str) -> float:
    """Convert an Integral or Fractional field to a float. Deequ allows a space after the sign."""
    return float(text.replace(" ", ""))


def infer_column_type(class_counts) -> str:
    """Name the column type that Deequ infers from the count of each value class.

    Deequ's Boolean type has no place in SageMaker's files, so a Boolean column is reported as
    String (an assumption: no published analyzer output shows a Boolean column).
    """
    integral = class_counts[INTEGRAL]
    fractional = class_counts[FRACTIONAL]
    boolean = class_counts[BOOLEAN]
    string = class_counts[STRING]
    if integral + fractional + boolean + string == 0:
        return "Unknown"
    if string > 0 or (boolean > 0 and integral + fractional > 0):
        return "String"
    if boolean > 0:
        return "String"
    if fractional > 0:
        return "Fractional"
    return "Integral"


def matching_count(class_counts, expected_type: str) -> int:
    """Count the present values whose own class is the expected column type.

    Deequ counts the exact class only, so an Integral-looking value does not match Fractional.
    Boolean values count as String because a Boolean column is reported as String.
    """
    if expected_type == "Integral":
        return class_counts[INTEGRAL]
    if expected_type == "Fractional":
        return class_counts[FRACTIONAL]
    if expected_type == "String":
        return class_counts[STRING] + class_counts[BOOLEAN]
    return 0
