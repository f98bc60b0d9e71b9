"""The KLL sketch: example K1, bulk updates against a one-by-one reference, ranks, merging."""

import math

import numpy as np
import pytest

from churn_studio_ext.monitor.kll import KllSketch, equal_width_buckets


def test_capacities_follow_k_and_c():
    sketch = KllSketch()
    assert [sketch.capacity(height) for height in range(3)] == [2050, 1314, 842]


def test_k1_compaction_after_2051_values():
    sketch = KllSketch()
    sketch.update(np.arange(1, 2052, dtype=float))

    data = sketch.to_data()
    assert len(data) == 2
    assert data[0] == [2051.0]
    assert data[1] == [float(value) for value in range(1, 2050, 2)]
    assert len(data[1]) == 1025
    assert sketch.total_weight == 2051


def test_k1_ranks():
    sketch = KllSketch()
    sketch.update(np.arange(1, 2052, dtype=float))
    table = sketch.rank_table()

    assert table.rank([10])[0] == 10
    assert table.rank([2051])[0] == 2051
    assert table.rank_exclusive([1])[0] == 0


def test_k1_buckets_through_sketch():
    sketch = KllSketch()
    sketch.update(np.arange(1, 2052, dtype=float))

    buckets = equal_width_buckets(sketch.rank_table(), 1.0, 2051.0)

    assert [bucket["count"] for bucket in buckets] == [206, 204, 206, 204, 206, 204, 206, 204, 206, 205]
    assert buckets[0]["lower_bound"] == 1.0
    assert buckets[0]["upper_bound"] == 206.0
    assert buckets[9]["upper_bound"] == 2051.0


def test_2050_values_keep_input_order():
    values = np.random.default_rng(3).normal(size=2050)
    sketch = KllSketch()
    sketch.update(values)

    assert sketch.to_data() == [values.tolist()]


def reference_sketch(values, k=2048, c=0.64):
    """Add values one at a time with plain lists, following the compaction rules literally."""
    levels, compactions, offsets = [[]], [0], [0]

    def capacity(height):
        return 2 * (math.ceil(k * c**height / 2) + 1)

    for value in values:
        levels[0].append(value)
        if sum(map(len, levels)) <= sum(capacity(h) for h in range(len(levels))):
            continue
        height = next(h for h, level in enumerate(levels) if len(level) >= capacity(h))
        if height + 1 == len(levels):
            levels.append([])
            compactions.append(0)
            offsets.append(0)
        level = levels[height]
        even = len(level) - len(level) % 2
        if compactions[height] % 2 == 1:
            offsets[height] = 1 - offsets[height]
        compactions[height] += 1
        levels[height + 1].extend(sorted(level[:even])[offsets[height]::2])
        levels[height] = level[even:]
    return levels


@pytest.mark.parametrize("batch", [1, 7, 2051, 10_000])
def test_bulk_update_matches_reference(batch):
    values = np.random.default_rng(11).exponential(size=12_000)
    bulk = KllSketch()
    for start in range(0, len(values), batch):
        bulk.update(values[start : start + batch])

    assert bulk.to_data() == reference_sketch(values.tolist())
    assert bulk.total_weight == 12_000


def test_offsets_alternate_0_1_1_0():
    sketch = KllSketch()
    sketch._add_level()
    offsets = []
    for _ in range(8):
        sketch.levels[0] = np.array([3.0, 0.0, 2.0, 1.0])
        sketch.levels[1] = np.empty(0)
        sketch._compact(0)
        # Offset 0 promotes the sorted items 0 and 2, offset 1 the items 1 and 3.
        offsets.append(int(sketch.levels[1][0]))

    assert offsets == [0, 1, 1, 0, 0, 1, 1, 0]


def test_odd_level_keeps_last_inserted_item():
    sketch = KllSketch()
    sketch._add_level()
    sketch.levels[0] = np.array([9.0, 1.0, 5.0, 3.0, 7.0])
    sketch._compact(0)

    assert sketch.levels[0].tolist() == [7.0]
    assert sketch.levels[1].tolist() == [1.0, 5.0]


def test_rank_error_small_for_many_values():
    values = np.random.default_rng(5).uniform(0, 1, 200_000)
    sketch = KllSketch()
    sketch.update(values)
    table = sketch.rank_table()
    points = np.linspace(0.05, 0.95, 19)
    exact = np.searchsorted(np.sort(values), points, side="right")

    assert table.total == 200_000
    assert np.max(np.abs(table.rank(points) - exact)) < 0.01 * 200_000


def test_merge_keeps_total_weight():
    first = KllSketch()
    first.update(np.arange(3000, dtype=float))
    second = KllSketch()
    second.update(np.arange(3000, 6000, dtype=float))

    first.merge(second)

    assert first.total_weight == 6000
    assert sum(len(level) for level in first.levels) < sum(first.capacity(h) for h in range(len(first.levels)))


def test_from_data_weights_levels():
    table = KllSketch.from_data([[5.0], [1.0, 3.0]]).rank_table()

    assert table.total == 5
    assert table.rank([3.0])[0] == 4
    assert table.rank_exclusive([5.0])[0] == 4
