"""SeriesSource (the worker's data interface) and tensor selection by collection and regex."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from churn_studio_ext.debugger import SeriesSource, tensor_name_for_metric
from churn_studio_ext.debugger.tensor_selection import (
    collection_tensors,
    filter_by_mode,
    regex_tensors,
    select_loss_tensors,
)


def test_metric_names_convert():
    assert tensor_name_for_metric("train:error") == "train-error"
    assert tensor_name_for_metric("validation:logloss") == "validation-logloss"
    assert tensor_name_for_metric("train-error") == "train-error"


def test_series_are_sorted_and_deduplicated():
    source = SeriesSource({"train-error": [(2, 0.3), (0, 0.5), (1, 0.4), (2, 0.25)]})
    assert source.scalar_series("train-error") == [(0, 0.5), (1, 0.4), (2, 0.25)]


def test_nan_is_read_as_missing():
    source = SeriesSource({"train-error": [(0, 0.5), (1, math.nan)]})
    assert source.scalar_series("train-error") == [(0, 0.5)]
    assert not source.is_empty()


def test_infinite_values_are_kept():
    source = SeriesSource({"train-logloss": [(0, math.inf)]})
    assert source.scalar_series("train-logloss") == [(0, math.inf)]


@pytest.mark.parametrize("step", [-1, 1.5, "3", True])
def test_invalid_step_is_rejected(step):
    with pytest.raises(ValueError, match=f"Invalid step {re.escape(repr(step))} for tensor train-error"):
        SeriesSource().add("train-error", step, 0.1)


def test_invalid_value_is_rejected():
    with pytest.raises(ValueError, match="Invalid value 'high' for tensor train-error"):
        SeriesSource().add("train-error", 0, "high")


def test_arrays_are_not_scalars():
    source = SeriesSource({"labels": [(0, np.array([0, 1]))], "train-error": [(0, 0.1)]})
    assert source.scalar_names() == ["train-error"]
    assert source.tensor_names() == ["labels", "train-error"]


def test_feature_importance_normalised_per_type():
    source = SeriesSource()
    source.add_feature_importance(3, {"weight": {"a": 3, "b": 1}, "gain": {"a": 2.0}})
    assert source.scalar_series("feature_importance/weight/a") == [(3, 0.75)]
    assert source.scalar_series("feature_importance/weight/b") == [(3, 0.25)]
    assert source.scalar_series("feature_importance/gain/a") == [(3, 1.0)]


def test_trees_stored_per_column():
    source = SeriesSource()
    source.add_trees(0, pd.DataFrame({"Tree": [0], "Node": [0], "Yes": [math.nan], "No": [math.nan]}))
    assert source.tensor_names() == ["trees/No", "trees/Node", "trees/Tree", "trees/Yes"]
    assert list(source.values_by_step("trees/Tree")[0]) == [0]


METRICS = {
    "train-error": [(0, 0.1)],
    "validation-error": [(0, 0.1)],
    "validation-auc": [(0, 0.9)],
    "train-map": [(0, 0.9)],
    "feature_importance/weight/a": [(0, 1.0)],
    "labels": [(0, np.array([0, 1]))],
}


def test_losses_collection_excludes_auc_and_map():
    source = SeriesSource(METRICS)
    assert collection_tensors(source, "losses") == {"train-error", "validation-error"}
    assert collection_tensors(source, "metrics") == {
        "train-error",
        "validation-error",
        "validation-auc",
        "train-map",
    }


def test_unsaved_collection_is_empty():
    source = SeriesSource(METRICS, saved_collections=("metrics",))
    assert collection_tensors(source, "losses") == set()
    assert collection_tensors(source, "labels") == set()


def test_custom_collection_lists_tensors():
    source = SeriesSource(METRICS, custom_collections={"mine": ["validation-auc", "not-recorded"]})
    assert collection_tensors(source, "mine") == {"validation-auc"}


def test_regex_matches_anywhere():
    source = SeriesSource(METRICS)
    assert regex_tensors(source, [re.compile("auc")]) == {"validation-auc"}


def test_loss_selection_falls_back_to_scalars():
    source = SeriesSource(METRICS, saved_collections=())
    assert select_loss_tensors(source) == [
        "feature_importance/weight/a",
        "train-error",
        "train-map",
        "validation-auc",
        "validation-error",
    ]


def test_loss_selection_unites_sources():
    source = SeriesSource(METRICS)
    selected = select_loss_tensors(source, tensor_regex=[re.compile("auc$")], collection_names=["labels"])
    # `labels` is not a scalar, so only the losses and the regex match remain.
    assert selected == ["train-error", "validation-auc", "validation-error"]


def test_mode_filter():
    names = ["train-error", "validation-error", "eval-logloss", "test-auc"]
    assert filter_by_mode(names, "TRAIN") == ["train-error"]
    assert filter_by_mode(names, "EVAL") == ["validation-error", "eval-logloss", "test-auc"]
    assert filter_by_mode(names, "GLOBAL") == names
    assert filter_by_mode(names, "PREDICT") == []
