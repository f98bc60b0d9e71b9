"""Selection of the tensors a rule reads: built-in collections, regexes and train/validation sides.

Collection regexes are those of smdebug's XGBoost hook (`smdebug/xgboost/collection.py`),
including its `A-z` ranges, which also match `[ \\ ] ^ _` and the backquote. Regexes are applied
with `re.search`, as smdebug's trial does when it matches tensor names (`match_inc`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .source import SeriesSource

#: Built-in XGBoost collections and the tensor-name regex of each (smdebug XGBoost hook).
XGBOOST_COLLECTION_REGEXES: dict[str, re.Pattern[str]] = {
    "metrics": re.compile(r"^[a-zA-z]+-[a-zA-z0-9]+$"),
    # Added in smdebug 1.0.7: the metrics except *-auc and *-map, which rise as training improves.
    "losses": re.compile(r"^[a-zA-z]+-.+(?<!(auc|map))$"),
    "predictions": re.compile(r"^predictions$"),
    "labels": re.compile(r"^labels$"),
    "feature_importance": re.compile(r"^feature_importance/.*"),
    "average_shap": re.compile(r"^average_shap/.*[^/bias]$"),
    "full_shap": re.compile(r"^full_shap/.*[^/bias]$"),
    "trees": re.compile(r"^trees/.*"),
    "hyperparameters": re.compile(r"^hyperparameters/.*$"),
}

#: Watch-list prefixes of the training side and of the validation side. XGBoost has no TRAIN
#: or EVAL mode, so the side is read from the tensor name (our spec for Overfit/Overtraining).
TRAINING_PREFIXES = ("train-",)
VALIDATION_PREFIXES = ("validation-", "eval-", "test-")


def collection_tensors(source: SeriesSource, collection: str) -> set[str]:
    """Return the recorded tensors that belong to `collection`.

    A custom collection lists its tensors explicitly. A built-in one matches by regex, but only
    if the hook saved it, because smdebug tags a tensor only with collections being saved.
    """
    if collection in source.custom_collections:
        recorded = set(source.tensor_names())
        return {name for name in source.custom_collections[collection] if name in recorded}
    pattern = XGBOOST_COLLECTION_REGEXES.get(collection)
    if pattern is None or collection not in source.saved_collections:
        return set()
    return {name for name in source.tensor_names() if pattern.search(name)}


def regex_tensors(source: SeriesSource, patterns: Iterable[re.Pattern[str]]) -> set[str]:
    """Return the recorded tensors whose names match any of `patterns`."""
    compiled = list(patterns)
    return {name for name in source.tensor_names() if any(p.search(name) for p in compiled)}


def select_loss_tensors(
    source: SeriesSource,
    *,
    collection_names: Iterable[str] | None = None,
    tensor_regex: Iterable[re.Pattern[str]] | None = None,
    use_losses_collection: bool = True,
) -> list[str]:
    """Return the scalar tensors a loss rule checks, sorted.

    Our spec, from the LossNotDecreasing documentation: the union of the named collections, the
    regex matches and (if enabled) the `losses` collection, and all scalar tensors when that
    union is empty.
    """
    scalars = set(source.scalar_names())
    selected: set[str] = set()
    for collection in collection_names or ():
        selected |= collection_tensors(source, collection)
    if tensor_regex:
        selected |= regex_tensors(source, tensor_regex)
    if use_losses_collection:
        selected |= collection_tensors(source, "losses")
    selected &= scalars
    if not selected:
        selected = scalars
    return sorted(selected)


def is_training_tensor(name: str) -> bool:
    """Return True for a training-side metric such as `train-error`."""
    return name.startswith(TRAINING_PREFIXES)


def is_validation_tensor(name: str) -> bool:
    """Return True for a validation-side metric such as `validation-error` or `eval-logloss`."""
    return name.startswith(VALIDATION_PREFIXES)


def metric_of(name: str) -> str:
    """Return the metric part of `<watch list entry>-<metric>` (`error` for `train-error`)."""
    return name.split("-", 1)[1] if "-" in name else name


def filter_by_mode(names: Iterable[str], mode: str | None) -> list[str]:
    """Keep the tensors of `mode`, mapped to XGBoost's watch-list names.

    NOTE: this mapping is our extension. smdebug writes XGBoost tensors only in mode GLOBAL, so
    on SageMaker `mode` TRAIN or EVAL would select nothing. Here TRAIN selects `train-*` and
    EVAL selects `validation-*`, `eval-*` and `test-*`. GLOBAL and None keep every tensor, and
    PREDICT keeps none.
    """
    if mode is None or mode == "GLOBAL":
        return list(names)
    if mode == "TRAIN":
        return [name for name in names if is_training_tensor(name)]
    if mode == "EVAL":
        return [name for name in names if is_validation_tensor(name)]
    return []
