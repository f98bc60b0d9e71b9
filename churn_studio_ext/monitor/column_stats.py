"""Per-column accumulators and the statistics.json document they produce.

An accumulator takes one chunk of a column at a time and keeps only what the report needs. It
keeps the counts per value class, the minimum and maximum, the KLL sketch, and the counts of
distinct texts of string columns. Its sum, mean and sum of squared deviations are merged per
chunk with Chan's formula. Memory therefore depends on the sketch and the number of distinct
strings, not on the number of rows.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .chunks import ParsedChunk
from .data_types import BOOLEAN, CLASS_COUNT, FRACTIONAL, INTEGRAL, STRING, infer_column_type
from .kll import DEFAULT_C, DEFAULT_K, KllSketch, equal_width_buckets

BUCKET_COUNT = 10


class ColumnAccumulator:
    """The running statistics of one column."""

    def __init__(self, collect_texts: bool = False):
        self.class_counts = np.zeros(CLASS_COUNT, dtype=np.int64)
        self.numeric_count = 0
        self.total = 0.0
        self.mean = 0.0
        self.squared_deviations = 0.0
        self.minimum = math.inf
        self.maximum = -math.inf
        self.sketch = KllSketch()
        # Texts are counted from the first chunk that contains a Boolean or String value, or from
        # the start when the column's baseline type is String.
        self.collect_texts = collect_texts
        self.text_counts: Counter[str] = Counter()
        # True when values of earlier chunks were not counted as texts; the analyzer then reads
        # the data set again with collect_texts set from the start.
        self.missed_texts = False

    @property
    def present_count(self) -> int:
        return int(self.class_counts[1:].sum())

    def add(self, chunk: ParsedChunk, column: int) -> None:
        """Add one chunk's values of this column."""
        classes = chunk.classes[column]
        counts = np.bincount(classes, minlength=CLASS_COUNT)
        if not self.collect_texts and counts[BOOLEAN] + counts[STRING] > 0:
            self.missed_texts = self.present_count > 0
            self.collect_texts = True
        self.class_counts += counts

        numeric = (classes == INTEGRAL) | (classes == FRACTIONAL)
        values = chunk.numbers[column][numeric]
        if len(values):
            self._add_numbers(values)
        if self.collect_texts:
            self.text_counts.update(text for text in chunk.texts(column) if text is not None)

    def _add_numbers(self, values: np.ndarray) -> None:
        count = len(values)
        chunk_mean = float(values.mean())
        chunk_squares = float(np.square(values - chunk_mean).sum())
        combined = self.numeric_count + count
        delta = chunk_mean - self.mean
        between = delta * delta * self.numeric_count * count / combined
        self.squared_deviations += chunk_squares + between
        self.mean += delta * count / combined
        self.numeric_count = combined
        self.total += float(values.sum())
        self.minimum = min(self.minimum, float(values.min()))
        self.maximum = max(self.maximum, float(values.max()))
        self.sketch.update(values)

    def inferred_type(self) -> str:
        return infer_column_type(self.class_counts)


def feature_statistics(name: str, accumulator: ColumnAccumulator, item_count: int) -> dict:
    """Build one entry of statistics.json's `features` list."""
    inferred_type = accumulator.inferred_type()
    present = accumulator.present_count
    common = {"num_present": present, "num_missing": item_count - present}
    feature = {"name": name, "inferred_type": inferred_type}

    if inferred_type in ("Integral", "Fractional"):
        count = accumulator.numeric_count
        buckets = equal_width_buckets(
            accumulator.sketch.rank_table(), accumulator.minimum, accumulator.maximum, BUCKET_COUNT
        )
        feature["numerical_statistics"] = {
            "common": common,
            "mean": accumulator.total / count,
            "sum": accumulator.total,
            # Population deviation: the analyzer divides by n, not n - 1.
            "std_dev": math.sqrt(max(accumulator.squared_deviations, 0.0) / count),
            "min": accumulator.minimum,
            "max": accumulator.maximum,
            "distribution": {
                "kll": {
                    "buckets": buckets,
                    "sketch": {
                        "parameters": {"c": DEFAULT_C, "k": DEFAULT_K},
                        "data": accumulator.sketch.to_data(),
                    },
                }
            },
        }
        return feature

    # NOTE: an all-empty (Unknown) column gets string statistics with no buckets; no published
    # analyzer output shows which block the analyzer writes for one.
    ordered = sorted(accumulator.text_counts.items(), key=lambda item: (-item[1], item[0]))
    feature["string_statistics"] = {
        "common": common,
        "distinct_count": len(ordered),
        "distribution": {
            "categorical": {
                "buckets": [{"value": value, "count": count} for value, count in ordered]
            }
        },
    }
    return feature


def statistics_document(
    names: list[str], accumulators: list[ColumnAccumulator], item_count: int
) -> dict:
    """Build the whole statistics.json document."""
    return {
        "version": 0.0,
        "dataset": {"item_count": item_count},
        "features": [
            feature_statistics(name, accumulator, item_count)
            for name, accumulator in zip(names, accumulators)
        ],
    }
