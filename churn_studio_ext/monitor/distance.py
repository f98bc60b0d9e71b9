"""Drift distances between a baseline and the current window (Deequ's `Distance.scala`)."""

from __future__ import annotations

import math

import numpy as np

from .kll import RankTable

# Deequ's default critical value of the Kolmogorov-Smirnov correction, for alpha about 0.003.
DEFAULT_CRITICAL_VALUE = 1.8


def critical_value(alpha: float) -> float:
    """Return the Kolmogorov-Smirnov critical value c(alpha) = sqrt(-ln(alpha / 2) / 2)."""
    return math.sqrt(-math.log(alpha / 2) / 2)


def numerical_distance(baseline: RankTable, current: RankTable) -> float:
    """Return the largest gap between the two sketches' CDFs over every item either holds.

    With sketches that hold every value (2050 values or fewer) this is the two-sample
    Kolmogorov-Smirnov statistic D.
    """
    if baseline.total == 0 or current.total == 0:
        return 0.0
    points = np.union1d(baseline.values, current.values)
    gaps = baseline.rank(points) / baseline.total - current.rank(points) / current.total
    return float(np.abs(gaps).max())


def categorical_distance(
    baseline_counts: dict[str, float], current_counts: dict[str, float]
) -> float:
    """Return the L-infinity distance between the two sets of category proportions."""
    baseline_total = sum(baseline_counts.values())
    current_total = sum(current_counts.values())
    if baseline_total == 0 or current_total == 0:
        return 0.0
    categories = set(baseline_counts) | set(current_counts)
    return max(
        abs(
            baseline_counts.get(key, 0) / baseline_total
            - current_counts.get(key, 0) / current_total
        )
        for key in categories
    )


def robust_correction(baseline_count: float, current_count: float,
                      critical: float = DEFAULT_CRITICAL_VALUE) -> float:
    """Return c(alpha) * sqrt((n + m) / (n m)), the amount the Robust method subtracts."""
    return critical * math.sqrt((baseline_count + current_count) / (baseline_count * current_count))


def select_distance(
    simple: float, baseline_count: float, current_count: float, method: str
) -> float:
    """Apply the comparison method: Simple keeps the distance, Robust subtracts the correction."""
    if method.lower() == "simple" or baseline_count == 0 or current_count == 0:
        return simple
    return max(0.0, simple - robust_correction(baseline_count, current_count))
