"""The synthetic experiment that both stores load for the search benchmark.

Every component (an MLflow run on the other side) gets the same parameters and metric series,
drawn from a seeded generator, so both stores hold identical data and the first page of each
query can be compared name by name.
"""

import random
from dataclasses import dataclass

# Bump when the generated data changes, so that cached databases are rebuilt.
DATASET_VERSION = 1

EXPERIMENT = "bench-search"
COMPONENTS_PER_TRIAL = 10
STEPS_PER_METRIC = 10
METRICS = ("train:error", "validation:error")
OPTIMIZERS = ("adam", "sgd", "rmsprop", "adagrad")
OBJECTIVES = ("binary:logistic", "reg:squarederror")


@dataclass(frozen=True)
class Component:
    index: int
    name: str
    trial: str
    numbers: dict[str, float]
    strings: dict[str, str]
    # metric name -> [(step, value)], steps 0..STEPS_PER_METRIC-1
    series: dict[str, list[tuple[int, float]]]

    @property
    def last(self) -> dict[str, float]:
        return {name: points[-1][1] for name, points in self.series.items()}


def component_name(index: int) -> str:
    return f"bench-tc-{index:06d}"


def trial_name(index: int) -> str:
    return f"bench-trial-{index // COMPONENTS_PER_TRIAL:05d}"


def generate(count: int, seed: int = 20261204):
    """Yield ``count`` components; component i is the same for every ``count`` > i."""
    for index in range(count):
        rng = random.Random(seed * 1_000_003 + index)
        numbers = {
            "eta": round(rng.random(), 4),
            "max_depth": float(rng.randint(2, 10)),
            "gamma": round(rng.uniform(0, 10), 3),
            "min_child_weight": round(rng.uniform(0, 10), 3),
            "subsample": round(rng.uniform(0.5, 1.0), 3),
            "num_round": float(rng.choice((50, 100, 200, 400))),
            "seed": float(index % 100),
        }
        strings = {
            "optimizer": OPTIMIZERS[index % len(OPTIMIZERS)],
            "objective": rng.choice(OBJECTIVES),
        }
        series = {}
        for metric in METRICS:
            final = rng.uniform(0.05, 0.5)
            start = final + rng.uniform(0.1, 0.4)
            points = []
            for step in range(STEPS_PER_METRIC):
                fraction = step / (STEPS_PER_METRIC - 1)
                value = start + (final - start) * fraction
                if step < STEPS_PER_METRIC - 1:
                    value += rng.uniform(-0.01, 0.01)
                points.append((step, value))
            series[metric] = points
        yield Component(index, component_name(index), trial_name(index), numbers, strings, series)


def expected_top(components, predicate, metric: str, limit: int = 100) -> tuple[list[str], int]:
    """Return the names of the first ``limit`` matches sorted by the metric's last value, and the count."""
    matches = [c for c in components if predicate(c)]
    matches.sort(key=lambda c: c.last[metric])
    return [c.name for c in matches[:limit]], len(matches)
