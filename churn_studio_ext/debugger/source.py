"""The tensors a training job recorded, as the rules read them.

`SeriesSource` is the contract between the training worker and the rule engine. It has the
logical content of smdebug's output for XGBoost: per tensor name, the values saved at each
step, where a step is one boosting round counted from 0 (smdebug's XGBoost hook sets
step = round index and writes every tensor in mode GLOBAL). What the worker must supply:

* Evaluation metrics, one scalar per round: `train-<metric>` and `validation-<metric>`, named
  `<watch list entry>-<metric>` as XGBoost's `evals` log has them. `add_metrics` also accepts
  SageMaker's metric names such as `train:error`.
* For ClassImbalance and Confusion: `labels` and `predictions`, 1-D arrays per saved step
  (the validation labels and `Booster.predict` on the validation matrix). Predictions may be
  class ids, `binary:logistic` probabilities, or a 2-D array of class probabilities.
* For TreeDepth: the model's trees as `Booster.trees_to_dataframe()` returns them, passed to
  `add_trees`, which stores the columns as `trees/<column>` like the hook does.
* For FeatureImportanceOverweight: `Booster.get_score(importance_type=...)` per importance
  type, passed to `add_feature_importance`, which normalises each type to sum 1 as the hook
  does and stores `feature_importance/<type>/<feature>` scalars.
* `saved_collections`: the built-in collections the job's hook saved. A tensor belongs to a
  built-in collection only if that collection was saved (smdebug tags tensors that way). The
  tour's framework-mode script saves only `metrics`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

#: Collections saved when the caller gives none: the evaluation metrics, with `losses`
#: filled automatically as smdebug 1.0.7 and later do for XGBoost.
DEFAULT_SAVED_COLLECTIONS = frozenset({"metrics", "losses"})


def tensor_name_for_metric(metric_name: str) -> str:
    """Convert a SageMaker metric name (`train:error`) to the smdebug tensor name (`train-error`)."""
    channel, separator, metric = metric_name.partition(":")
    if separator and channel and metric:
        return f"{channel}-{metric}"
    return metric_name


class SeriesSource:
    """Tensors recorded so far, keyed by tensor name, each a map of step to value.

    Scalars are stored as floats and arrays as NumPy arrays. Adding a value for a step that
    already has one replaces it. NaN scalars are kept but read as missing (the rule invoker
    skips steps without data), so `scalar_series` drops them.
    """

    def __init__(
        self,
        tensors: Mapping[str, Iterable[tuple[int, Any]]] | None = None,
        *,
        saved_collections: Iterable[str] = DEFAULT_SAVED_COLLECTIONS,
        custom_collections: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self._tensors: dict[str, dict[int, Any]] = {}
        self.saved_collections = frozenset(saved_collections)
        #: Collections not built into the XGBoost hook, as explicit lists of tensor names.
        self.custom_collections = {name: tuple(names) for name, names in (custom_collections or {}).items()}
        for name, points in (tensors or {}).items():
            for step, value in points:
                self.add(name, step, value)

    # -- writing ------------------------------------------------------------------------------

    def add(self, name: str, step: int, value: Any) -> None:
        """Record `value` for tensor `name` at `step` (a round index, integer >= 0)."""
        if not isinstance(name, str) or not name:
            raise ValueError(f"Invalid tensor name {name!r}: expected a non-empty string.")
        if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 0:
            raise ValueError(f"Invalid step {step!r} for tensor {name}: expected an integer >= 0.")
        self._tensors.setdefault(name, {})[int(step)] = _normalise_value(name, value)

    def add_metrics(self, step: int, metrics: Mapping[str, float]) -> None:
        """Record one round's evaluation metrics, keyed `train-error` or `train:error`."""
        for metric_name, value in metrics.items():
            self.add(tensor_name_for_metric(metric_name), step, value)

    def add_trees(self, step: int, table: Any) -> None:
        """Record a tree table (a `trees_to_dataframe()` frame or a column mapping) as `trees/<column>`."""
        for column in table.keys():
            self.add(f"trees/{column}", step, np.asarray(list(table[column]), dtype=object))

    def add_feature_importance(self, step: int, scores: Mapping[str, Mapping[str, float]]) -> None:
        """Record importances `{type: {feature: score}}`, normalised to sum 1 per type."""
        for importance_type, by_feature in scores.items():
            total = float(sum(by_feature.values()))
            for feature, score in by_feature.items():
                share = float(score) / total if total > 0 else 0.0
                self.add(f"feature_importance/{importance_type}/{feature}", step, share)

    # -- reading ------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Return True if no tensor has any value, the case of a job that saved no debug data."""
        return not any(self._tensors.values())

    def tensor_names(self) -> list[str]:
        """Return the names of all recorded tensors, sorted."""
        return sorted(name for name, points in self._tensors.items() if points)

    def scalar_names(self) -> list[str]:
        """Return the names of tensors whose values are all scalars, sorted."""
        return [
            name
            for name in self.tensor_names()
            if all(isinstance(value, float) for value in self._tensors[name].values())
        ]

    def scalar_series(self, name: str) -> list[tuple[int, float]]:
        """Return `(step, value)` pairs of a scalar tensor in step order, without NaN values."""
        points = self._tensors.get(name, {})
        return [
            (step, value)
            for step, value in sorted(points.items())
            if isinstance(value, float) and not math.isnan(value)
        ]

    def values_by_step(self, name: str) -> dict[int, Any]:
        """Return a copy of a tensor's values keyed by step (scalars and arrays)."""
        return dict(sorted(self._tensors.get(name, {}).items()))


def _normalise_value(name: str, value: Any) -> Any:
    array = np.asarray(value)
    if array.ndim == 0 and array.dtype != object:
        try:
            return float(array)
        except (TypeError, ValueError):
            raise ValueError(
                f"Invalid value {value!r} for tensor {name}: expected a number or an array."
            ) from None
    return array
