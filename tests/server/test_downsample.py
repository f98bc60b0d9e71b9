"""Min/max bucket downsampling: exact short series, bucket limits, spikes and NaN."""

import math

import numpy as np
import pytest

from churn_studio_ext.server.downsample import downsample_min_max


def test_short_series_returned_whole():
    series = downsample_min_max([3, 1, 2], [0.3, 0.1, 0.2], buckets=5)

    assert series.downsampled is False
    assert series.total_points == 3
    assert series.x == [1, 2, 3]
    assert series.min == [0.1, 0.2, 0.3]
    assert series.max == [0.1, 0.2, 0.3]


def test_series_equal_to_buckets_is_exact():
    series = downsample_min_max(range(10), [float(i) for i in range(10)], buckets=10)

    assert series.downsampled is False
    assert series.x == list(range(10))
    assert series.min == [float(i) for i in range(10)]


def test_long_series_respects_bucket_count():
    steps = np.arange(100_000)
    values = np.sin(steps / 1000.0)

    series = downsample_min_max(steps, values, buckets=700)

    assert series.downsampled is True
    assert series.total_points == 100_000
    assert len(series.x) <= 700
    assert len(series.x) == len(series.min) == len(series.max)
    assert series.x[0] == 0
    assert series.x == sorted(series.x)


def test_one_point_spike_survives():
    steps = np.arange(100_000)
    values = np.full(100_000, 0.2)
    values[54_321] = 9.5
    values[12_345] = -4.0

    series = downsample_min_max(steps, values, buckets=100)

    assert max(series.max) == 9.5
    assert min(series.min) == -4.0
    spike_bucket = series.max.index(9.5)
    assert series.x[spike_bucket] <= 54_321
    assert series.min[spike_bucket] == 0.2


def test_bucket_min_and_max_match_numpy():
    rng = np.random.default_rng(7)
    steps = np.arange(1000)
    values = rng.normal(size=1000)

    series = downsample_min_max(steps, values, buckets=10)

    # 1000 steps over 10 equal ranges of x: steps 0-99, 100-199, ..., 900-999.
    assert series.x == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]
    for bucket in range(10):
        chunk = values[bucket * 100 : (bucket + 1) * 100]
        assert series.min[bucket] == pytest.approx(chunk.min())
        assert series.max[bucket] == pytest.approx(chunk.max())


def test_gaps_leave_buckets_out():
    steps = [0, 1, 2, 1000, 1001]
    values = [1.0, 2.0, 3.0, 4.0, 5.0]

    series = downsample_min_max(steps, values, buckets=4)

    assert series.downsampled is True
    assert series.x == [0, 1000]
    assert series.min == [1.0, 4.0]
    assert series.max == [3.0, 5.0]


def test_nan_values_skipped_or_null():
    steps = list(range(6))
    values = [1.0, math.nan, 3.0, math.nan, math.nan, 2.0]

    series = downsample_min_max(steps, values, buckets=3)

    assert series.x == [0, 2, 4]
    assert series.min == [1.0, 3.0, 2.0]
    assert series.max == [1.0, 3.0, 2.0]

    all_nan = downsample_min_max([0, 1, 2, 3], [math.nan, math.nan, 1.0, 1.0], buckets=2)
    assert all_nan.min == [None, 1.0]


def test_same_x_everywhere_is_one_bucket():
    series = downsample_min_max([5, 5, 5], [1.0, 3.0, 2.0], buckets=2)

    assert series.x == [5]
    assert series.min == [1.0]
    assert series.max == [3.0]


def test_invalid_arguments_raise():
    with pytest.raises(ValueError, match="buckets must be at least 1"):
        downsample_min_max([1], [1.0], buckets=0)
    with pytest.raises(ValueError, match="same length"):
        downsample_min_max([1, 2], [1.0], buckets=5)
