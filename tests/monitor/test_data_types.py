"""Type inference (example T1) and the vectorized chunk parser against the per-value rules."""

import random

import numpy as np
import pytest

from churn_studio_ext.monitor.chunks import parse_csv_rows, parse_field_rows
from churn_studio_ext.monitor.data_types import (
    BOOLEAN,
    FRACTIONAL,
    INTEGRAL,
    STRING,
    UNKNOWN,
    classify_value,
    infer_column_type,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", INTEGRAL),
        ("-4", INTEGRAL),
        ("+ 5", INTEGRAL),
        ("3.0", FRACTIONAL),
        ("1e5", FRACTIONAL),
        ("1.5E-3", FRACTIONAL),
        ("0.0254181120544672", FRACTIONAL),
        (".5", STRING),
        ("5.", STRING),
        ("True", STRING),
        ("NaN", STRING),
        ("1,000", STRING),
        ("abc", STRING),
        ("true", BOOLEAN),
        ("false", BOOLEAN),
        ("", UNKNOWN),
    ],
)
def test_t1_value_classes(text, expected):
    assert classify_value(text) == expected


def column_type(values: list[str]) -> tuple[str, np.ndarray]:
    chunk = parse_field_rows([[value] for value in values])
    counts = np.bincount(chunk.classes[0], minlength=5)
    return infer_column_type(counts), counts


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "2", "3.0"], "Fractional"),
        (["1", "true"], "String"),
        (["true", "false"], "String"),
        (["1", "x"], "String"),
        (["1", ""], "Integral"),
        (["", ""], "Unknown"),
    ],
)
def test_t1_column_types(values, expected):
    assert column_type(values)[0] == expected


def test_t1_missing_value_counts_as_unknown():
    _, counts = column_type(["1", ""])

    assert counts[INTEGRAL] == 1
    assert counts[UNKNOWN] == 1


def random_field(generator: random.Random) -> str:
    kind = generator.randrange(9)
    if kind == 0:
        return ""
    if kind == 1:
        return str(generator.randrange(10 ** generator.randrange(1, 19)))
    if kind == 2:
        digits = generator.randrange(1, 10)
        return f"{generator.random() * 10 ** generator.randrange(-3, 9):.{digits}f}"
    return generator.choice(["abc", "-3", "+ 5", "1e5", ".5", "5.", "NaN", "true", "0.1", "00012", "1.2.3"])


def test_fast_parser_matches_per_value_rules():
    generator = random.Random(7)
    rows = [[random_field(generator) for _ in range(6)] for _ in range(5_000)]

    chunk = parse_csv_rows([",".join(row) for row in rows])

    assert chunk.row_count == 5_000
    assert chunk.column_count == 6
    for column in range(6):
        texts = [row[column] for row in rows]
        expected_classes = [classify_value(text) for text in texts]
        assert chunk.classes[column].tolist() == expected_classes
        for text, value_class, number in zip(texts, expected_classes, chunk.numbers[column]):
            if value_class in (INTEGRAL, FRACTIONAL):
                assert number == float(text.replace(" ", "")), text
            else:
                assert np.isnan(number)
        assert chunk.texts(column) == [text or None for text in texts]


def test_ragged_rows_fill_missing_fields():
    chunk = parse_csv_rows(["1,2,3", "4,5", "6,7,8,9"])

    assert chunk.column_count == 4
    assert chunk.classes[2].tolist() == [INTEGRAL, UNKNOWN, INTEGRAL]
    assert chunk.classes[3].tolist() == [UNKNOWN, UNKNOWN, INTEGRAL]


def test_quoted_fields_use_csv_rules():
    chunk = parse_csv_rows(['1,"a,b",2.5', '2,"c",3'])

    assert chunk.column_count == 3
    assert chunk.texts(1) == ["a,b", "c"]
    assert chunk.numbers[2].tolist() == [2.5, 3.0]
    assert chunk.classes[2].tolist() == [FRACTIONAL, INTEGRAL]
