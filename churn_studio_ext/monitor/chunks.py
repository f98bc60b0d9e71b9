"""Split a chunk of CSV rows into columns of value classes and numbers, vectorized.

A monitoring window can hold millions of rows of dozens of columns, too many values for a
Python loop. `parse_csv_rows` works on the chunk's bytes with numpy instead: it finds the field
boundaries, classifies the common shapes (digits, digits-point-digits, empty) by counting
characters, and converts those fields to floats with integer arithmetic. Fields of any other
shape (signs, exponents, text) go through the regular expressions of `data_types` one by one.
Chunks with quotes, carriage returns or rows of unequal length take the `csv` module path.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

import numpy as np

from .data_types import FRACTIONAL, INTEGRAL, UNKNOWN, classify_value, numeric_value

_COMMA = ord(",")
_NEWLINE = ord("\n")
_DOT = ord(".")
_QUOTE = ord('"')
_CARRIAGE_RETURN = ord("\r")
# Integers below 2^53 are exact doubles, so a field of at most 15 digits divided by an exact
# power of ten is a single correctly rounded division: the same double float() returns.
_MAX_FAST_DIGITS = 15
_POWERS_OF_TEN = 10 ** np.arange(_MAX_FAST_DIGITS + 1, dtype=np.int64)
_FLOAT_POWERS_OF_TEN = 10.0 ** np.arange(_MAX_FAST_DIGITS + 1)


@dataclass
class ParsedChunk:
    """The columns of a chunk of rows. Rows shorter than the widest row have empty fields."""

    row_count: int
    classes: list[np.ndarray]  # int8 value class per row, one array per column
    numbers: list[np.ndarray]  # float64 per row, NaN unless Integral or Fractional
    _text_source: object = field(repr=False, default=None)

    @property
    def column_count(self) -> int:
        return len(self.classes)

    def texts(self, column: int) -> list[str | None]:
        """Return the field texts of one column, None for empty fields."""
        return self._text_source(column)


def parse_field_rows(rows: list[list[str | None]]) -> ParsedChunk:
    """Build a chunk from rows already split into fields (None or "" for a missing value)."""
    width = max((len(row) for row in rows), default=0)
    columns: list[list[str | None]] = [[None] * len(rows) for _ in range(width)]
    for row_index, row in enumerate(rows):
        for column_index, text in enumerate(row):
            columns[column_index][row_index] = text if text != "" else None

    cache: dict[str, int] = {}
    classes = []
    numbers = []
    for column in columns:
        column_classes = np.zeros(len(rows), dtype=np.int8)
        column_numbers = np.full(len(rows), np.nan)
        for row_index, text in enumerate(column):
            if text is None:
                continue
            value_class = cache.get(text)
            if value_class is None:
                value_class = cache[text] = classify_value(text)
            column_classes[row_index] = value_class
            if value_class in (INTEGRAL, FRACTIONAL):
                column_numbers[row_index] = numeric_value(text)
        classes.append(column_classes)
        numbers.append(column_numbers)
    return ParsedChunk(len(rows), classes, numbers, lambda column: columns[column])


def parse_csv_rows(rows: list[str]) -> ParsedChunk:
    """Parse rows of comma-separated text (one row per string, without line ends)."""
    if not rows:
        return ParsedChunk(0, [], [], lambda column: [])
    data = ("\n".join(rows) + "\n").encode("utf-8")
    raw = np.frombuffer(data, dtype=np.uint8)
    if np.any((raw == _QUOTE) | (raw == _CARRIAGE_RETURN)):
        return parse_field_rows(list(csv.reader(row.rstrip("\r") for row in rows)))

    separators = np.flatnonzero((raw == _COMMA) | (raw == _NEWLINE))
    row_count = len(rows)
    if len(separators) % row_count:
        return parse_field_rows([row.split(",") for row in rows])
    width = len(separators) // row_count
    ends = separators.reshape(row_count, width)
    # Every row has the same number of fields exactly when each row's last separator is its
    # line end.
    if not np.all(raw[ends[:, -1]] == _NEWLINE):
        return parse_field_rows([row.split(",") for row in rows])

    starts = np.empty_like(separators)
    starts[0] = 0
    starts[1:] = separators[:-1] + 1
    starts = starts.reshape(row_count, width)
    lengths = ends - starts
    return _parse_uniform(data, raw, starts, lengths)


def _parse_uniform(data: bytes, raw: np.ndarray, starts, lengths) -> ParsedChunk:
    row_count, width = starts.shape
    ends = starts + lengths
    is_digit = (raw - ord("0")) < 10
    digit_totals = np.concatenate(([0], np.cumsum(is_digit, dtype=np.int32)))
    dot_totals = np.concatenate(([0], np.cumsum(raw == _DOT, dtype=np.int32)))
    digit_counts = digit_totals[ends] - digit_totals[starts]
    dot_counts = dot_totals[ends] - dot_totals[starts]
    first = raw[starts]
    last = raw[np.maximum(starts + lengths - 1, 0)]

    present = lengths > 0
    integral = present & (digit_counts == lengths)
    fractional = (
        (dot_counts == 1)
        & (digit_counts == lengths - 1)
        & ((first - ord("0")) < 10)
        & ((last - ord("0")) < 10)
    )
    classes_matrix = np.where(integral, INTEGRAL, np.where(fractional, FRACTIONAL, UNKNOWN))
    classes_matrix = classes_matrix.astype(np.int8)
    unusual = present & ~integral & ~fractional

    def field_text(row: int, column: int) -> str:
        start = starts[row, column]
        return data[start : start + lengths[row, column]].decode("utf-8")

    numbers_matrix = _convert_fast_fields(
        raw, starts, lengths, (integral | fractional) & (digit_counts <= _MAX_FAST_DIGITS)
    )
    cache: dict[str, int] = {}
    classes = []
    numbers = []
    for column in range(width):
        column_classes = classes_matrix[:, column].copy()
        column_numbers = numbers_matrix[:, column].copy()
        slow_rows = np.flatnonzero(unusual[:, column])
        # Fields too long for the exact integer conversion are converted by float() instead.
        long_rows = np.flatnonzero(
            (column_classes != UNKNOWN) & (digit_counts[:, column] > _MAX_FAST_DIGITS)
        )
        for row in slow_rows.tolist():
            text = field_text(row, column)
            value_class = cache.get(text)
            if value_class is None:
                value_class = cache[text] = classify_value(text)
            column_classes[row] = value_class
            if value_class in (INTEGRAL, FRACTIONAL):
                column_numbers[row] = numeric_value(text)
        for row in long_rows.tolist():
            column_numbers[row] = float(field_text(row, column))
        classes.append(column_classes)
        numbers.append(column_numbers)

    def texts(column: int) -> list[str | None]:
        return [
            field_text(row, column) if lengths[row, column] else None for row in range(row_count)
        ]

    return ParsedChunk(row_count, classes, numbers, texts)


def _convert_fast_fields(raw: np.ndarray, starts, lengths, convertible) -> np.ndarray:
    """Convert the digit and digit-point-digit fields marked convertible to floats.

    Fields are grouped by length, so each group is a matrix of characters. A digit's place value
    is 10 to the number of digits to its right, which gives the digits as one integer (the
    mantissa). The value is that integer divided by 10 to the number of decimals.
    """
    numbers = np.full(starts.shape, np.nan)
    flat_numbers = numbers.reshape(-1)
    indices = np.flatnonzero(convertible)
    if len(indices) == 0:
        return numbers
    flat_starts = starts.reshape(-1)[indices]
    flat_lengths = lengths.reshape(-1)[indices]

    # One-character fields (0/1 indicator columns are common) are their digit's value.
    single = flat_lengths == 1
    flat_numbers[indices[single]] = raw[flat_starts[single]].astype(np.float64) - ord("0")
    indices = indices[~single]
    flat_starts = flat_starts[~single]
    flat_lengths = flat_lengths[~single]

    for length in np.unique(flat_lengths).tolist():
        in_group = flat_lengths == length
        characters = raw[flat_starts[in_group][:, None] + np.arange(length)]
        digits = characters.astype(np.int64) - ord("0")
        is_digit = (digits >= 0) & (digits <= 9)
        digits_after = np.cumsum(is_digit[:, ::-1], axis=1)[:, ::-1] - is_digit
        mantissa = (digits * _POWERS_OF_TEN[digits_after] * is_digit).sum(axis=1)
        # A convertible field has at most one non-digit character: its decimal point.
        has_point = ~is_digit.all(axis=1)
        decimals = np.where(has_point, length - 1 - np.argmin(is_digit, axis=1), 0)
        flat_numbers[indices[in_group]] = mantissa / _FLOAT_POWERS_OF_TEN[decimals]
    return numbers
