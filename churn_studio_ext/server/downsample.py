"""Min/max bucket downsampling of a metric series for charts.

A chart a few thousand pixels wide cannot show 100,000 points, but averaging them would hide a
one-step spike in a loss curve. Each bucket therefore keeps its minimum and its maximum, and the
chart draws the band between them.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DownsampledSeries:
    """A series cut into buckets: per non-empty bucket its first x, minimum and maximum y.

    ``min`` and ``max`` hold ``None`` where every value of a bucket is NaN, because JSON has no NaN.
    """

    x: list
    min: list
    max: list
    total_points: int
    downsampled: bool


def downsample_min_max(x_values, y_values, buckets: int) -> DownsampledSeries:
    """Cut the series into ``buckets`` equal x ranges and keep each bucket's first x, min and max.

    A series of at most ``buckets`` points comes back whole, sorted by x, with ``min == max``.
    Raises ``ValueError`` when the arrays differ in length or ``buckets`` is below 1.
    """
    if buckets < 1:
        raise ValueError(f"buckets must be at least 1, got {buckets}")

    x = np.asarray(x_values)
    y = np.asarray(y_values, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(
            f"x and y must be 1-dimensional arrays of the same length, got shapes {x.shape} and {y.shape}"
        )

    # BatchGetMetrics returns points in x order, but a stable sort keeps this function correct
    # for any input and keeps the first point of equal x values first.
    order = np.argsort(x, kind="stable")
    x = x[order]
    y = y[order]
    total = int(x.size)

    if total <= buckets:
        values = _json_floats(y)
        return DownsampledSeries(x.tolist(), values, list(values), total, False)

    low = float(x[0])
    span = float(x[-1]) - low
    if span == 0:
        bucket_of_point = np.zeros(total, dtype=np.int64)
    else:
        scaled = (x.astype(float) - low) / span * buckets
        # The maximum x lands exactly on ``buckets``, but it belongs to the last bucket.
        bucket_of_point = np.minimum(scaled.astype(np.int64), buckets - 1)

    # x is sorted, so bucket numbers never decrease and each bucket is one contiguous run.
    _, starts = np.unique(bucket_of_point, return_index=True)
    with np.errstate(invalid="ignore"):
        # fmin and fmax skip NaN unless a whole bucket is NaN.
        minimums = np.fmin.reduceat(y, starts)
        maximums = np.fmax.reduceat(y, starts)

    return DownsampledSeries(
        x[starts].tolist(), _json_floats(minimums), _json_floats(maximums), total, True
    )


def _json_floats(values: np.ndarray) -> list:
    return [None if np.isnan(value) else float(value) for value in values]
