"""Drift distances: Simple against scipy's two-sample KS statistic, Robust corrections, L-infinity."""

import numpy as np
import pytest
from scipy.stats import ks_2samp

from churn_studio_ext.monitor.distance import (
    categorical_distance,
    critical_value,
    numerical_distance,
    robust_correction,
    select_distance,
)
from churn_studio_ext.monitor.kll import KllSketch


def exact_table(values):
    sketch = KllSketch()
    sketch.update(np.asarray(values, dtype=float))
    assert len(sketch.levels) == 1  # With at most 2050 values the sketch contains every value.
    return sketch.rank_table()


@pytest.mark.parametrize("seed", range(6))
def test_simple_distance_equals_ks_statistic(seed):
    generator = np.random.default_rng(seed)
    baseline = generator.normal(0, 1, generator.integers(5, 2050))
    current = generator.normal(generator.uniform(-0.5, 0.5), generator.uniform(0.5, 2), generator.integers(5, 2050))
    if seed % 2:
        # Ties between and within the samples, as integer features have.
        baseline = np.round(baseline * 3)
        current = np.round(current * 3)

    distance = numerical_distance(exact_table(baseline), exact_table(current))

    assert distance == pytest.approx(ks_2samp(baseline, current).statistic, abs=1e-12)


def test_w1_simple_distances():
    churn = [0, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    lengths = [100, 120, 95, 130, 101, 88, 110, 99, 140]
    day_mins = [180.5, 200.0, 250.3, 150.2, 175.0, 260.1, 190.4, 205.5, 170.0, 160.8]

    assert numerical_distance(exact_table(churn), exact_table([0.12, 0.81, 0.05, 0.67, 0.33])) == pytest.approx(0.8)
    assert numerical_distance(exact_table(lengths), exact_table([105, 97, 118, 92.5, 125])) == pytest.approx(2 / 9)
    assert numerical_distance(exact_table(day_mins), exact_table([185.0, 262.4, 240.0, 230.7])) == pytest.approx(0.55)


@pytest.mark.parametrize(
    ("n", "m", "correction"),
    [(100, 100, 0.255), (2333, 3600, 0.048), (2333, 180, 0.139), (2333, 60, 0.235), (10, 5, 0.986),
     (9, 5, 1.004), (10, 4, 1.065)],
)
def test_robust_correction_sizes(n, m, correction):
    assert robust_correction(n, m) == pytest.approx(correction, abs=0.0005)


def test_robust_subtracts_and_floors_at_zero():
    assert select_distance(0.8, 10, 5, "Robust") == 0.0
    assert select_distance(0.5, 2333, 3600, "Robust") == pytest.approx(0.5 - robust_correction(2333, 3600))
    assert select_distance(0.8, 10, 5, "Simple") == 0.8


def test_critical_value_formula():
    assert critical_value(0.003) == pytest.approx(1.8, abs=0.01)


def test_categorical_l_infinity_of_w1():
    assert categorical_distance({"no": 8, "yes": 2}, {"no": 2, "yes": 2, "maybe": 1}) == pytest.approx(0.4)
    assert categorical_distance({"a": 5}, {"a": 1}) == 0.0
