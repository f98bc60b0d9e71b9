"""Deequ's deterministic KLL quantile sketch (`QuantileNonSample` with `NonSampleCompactor`).

Level h contains items of weight 2^h. Values enter level 0. When the item count exceeds the total
capacity of the existing levels, the lowest full level is compacted: its first items (an even
number, in insertion order) are sorted and every second one moves up a level. The offset of
"every second" alternates 0, 1, 1, 0, 0, 1, 1, 0, ... per level, so the sketch is deterministic.

`update` processes a whole array at once but gives the same levels as adding its values one by
one: it appends exactly as many values as fit before the next compaction would happen.
"""

from __future__ import annotations

import math

import numpy as np

DEFAULT_K = 2048
DEFAULT_C = 0.64


class KllSketch:
    """A quantile sketch with Deequ's default parameters k = 2048 and c = 0.64."""

    def __init__(self, k: int = DEFAULT_K, c: float = DEFAULT_C):
        self.k = k
        self.c = c
        self.levels: list[np.ndarray] = [np.empty(0)]
        self._compactions: list[int] = [0]
        self._offsets: list[int] = [0]
        self._capacities: list[int] = [self.capacity(0)]
        self._item_count = 0

    def capacity(self, height: int) -> int:
        """Return the item count at which level `height` is compacted (2050 at level 0)."""
        return 2 * (math.ceil(self.k * self.c**height / 2) + 1)

    @property
    def total_weight(self) -> int:
        """The number of values added, which equals the sum of the stored items' weights."""
        return sum(len(level) << height for height, level in enumerate(self.levels))

    def update(self, values: np.ndarray) -> None:
        """Add values in array order."""
        values = np.asarray(values, dtype=np.float64)
        position = 0
        while position < len(values):
            # Appending `room` values makes the sketch hold one item more than its capacity,
            # the moment at which a one-by-one update condenses.
            room = sum(self._capacities) - self._item_count + 1
            batch = values[position : position + max(room, 1)]
            self.levels[0] = np.concatenate((self.levels[0], batch))
            self._item_count += len(batch)
            position += len(batch)
            if self._item_count > sum(self._capacities):
                self._condense()

    def merge(self, other: "KllSketch") -> None:
        """Add another sketch's items level by level, then compact while the sketch is full."""
        for height, level in enumerate(other.levels):
            if height >= len(self.levels):
                self._add_level()
            self.levels[height] = np.concatenate((self.levels[height], level))
            self._item_count += len(level)
        while self._item_count >= sum(self._capacities):
            self._condense()

    def _add_level(self) -> None:
        self.levels.append(np.empty(0))
        self._compactions.append(0)
        self._offsets.append(0)
        self._capacities.append(self.capacity(len(self.levels) - 1))

    def _condense(self) -> None:
        for height, level in enumerate(self.levels):
            if len(level) >= self._capacities[height]:
                if height + 1 == len(self.levels):
                    self._add_level()
                self._compact(height)
                return

    def _compact(self, height: int) -> None:
        level = self.levels[height]
        even_count = len(level) - len(level) % 2
        if self._compactions[height] % 2 == 1:
            self._offsets[height] ^= 1
        self._compactions[height] += 1

        promoted = np.sort(level[:even_count])[self._offsets[height] :: 2]
        # With an odd count the last inserted item stays behind, unsorted.
        self.levels[height] = level[even_count:]
        self.levels[height + 1] = np.concatenate((self.levels[height + 1], promoted))
        self._item_count -= even_count - len(promoted)

    def to_data(self) -> list[list[float]]:
        """Return each level's items in stored order, the layout of `sketch.data`."""
        return [level.tolist() for level in self.levels]

    @classmethod
    def from_data(cls, data, k: int = DEFAULT_K, c: float = DEFAULT_C) -> "KllSketch":
        """Rebuild a sketch from statistics.json's `sketch.data` for rank queries."""
        sketch = cls(k, c)
        for height, items in enumerate(data):
            if height >= len(sketch.levels):
                sketch._add_level()
            sketch.levels[height] = np.asarray(items, dtype=np.float64)
            sketch._item_count += len(items)
        return sketch

    def rank_table(self) -> "RankTable":
        """Return the stored items sorted with their cumulative weights, for rank queries."""
        return RankTable(self.levels)


class RankTable:
    """Sorted sketch items and cumulative weights: rank(x) is the weight of items <= x."""

    def __init__(self, levels: list[np.ndarray]):
        # A sketch always has level 0, so the lists to concatenate are never empty.
        values = np.concatenate(levels)
        weights = np.concatenate(
            [
                np.full(len(level), 1 << height, dtype=np.int64)
                for height, level in enumerate(levels)
            ]
        )
        order = np.argsort(values, kind="stable")
        self.values = values[order]
        self.cumulative = np.concatenate(([0], np.cumsum(weights[order])))
        self.total = int(self.cumulative[-1])

    def rank(self, points) -> np.ndarray:
        """Return the total weight of items <= each point."""
        return self.cumulative[np.searchsorted(self.values, points, side="right")]

    def rank_exclusive(self, points) -> np.ndarray:
        """Return the total weight of items < each point."""
        return self.cumulative[np.searchsorted(self.values, points, side="left")]


def equal_width_buckets(table: RankTable, minimum: float, maximum: float, count: int = 10):
    """Count the sketch's values in `count` equal-width buckets from minimum to maximum.

    Buckets are half-open [lower, upper) except the last, which is closed, so the maximum
    lands in it. Bounds are computed as `min + (max - min) * i / count`, as Deequ does.
    """
    bounds = [minimum + (maximum - minimum) * i / count for i in range(count + 1)]
    exclusive = table.rank_exclusive(bounds)
    buckets = []
    for i in range(count):
        upper_rank = table.rank([bounds[i + 1]])[0] if i == count - 1 else exclusive[i + 1]
        buckets.append(
            {
                "lower_bound": bounds[i],
                "upper_bound": bounds[i + 1],
                "count": float(upper_rank - exclusive[i]),
            }
        )
    return buckets
