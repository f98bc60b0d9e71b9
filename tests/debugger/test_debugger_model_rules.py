"""TreeDepth and FeatureImportanceOverweight on the model's trees and importances (I1, I2)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from debugger_rule_helpers import fired_step, rule_entry

from churn_studio_ext.debugger import RuleEvaluator, SeriesSource
from churn_studio_ext.debugger.errors import RuleDataError
from churn_studio_ext.debugger.rules.tree_depth import deepest_tree

NAN = math.nan


def chain_tree(tree: int, depth: int) -> list[dict]:
    """Return rows of a tree that splits only its right branch, `depth` levels deep.

    Its largest node id is 2**(depth+1) - 2, so log2 of it underestimates the depth.
    """
    rows = []
    node = 0
    for level in range(depth):
        left, right = 2 * node + 1, 2 * node + 2
        rows.append(
            {
                "Tree": tree,
                "Node": node,
                "ID": f"{tree}-{node}",
                "Yes": f"{tree}-{left}",
                "No": f"{tree}-{right}",
            }
        )
        rows.append({"Tree": tree, "Node": left, "ID": f"{tree}-{left}", "Yes": NAN, "No": NAN})
        node = right
    rows.append({"Tree": tree, "Node": node, "ID": f"{tree}-{node}", "Yes": NAN, "No": NAN})
    return rows


def trees_frame(*depths: int) -> pd.DataFrame:
    rows = [row for tree, depth in enumerate(depths) for row in chain_tree(tree, depth)]
    return pd.DataFrame(rows)


def finish_with_trees(tables: dict[int, pd.DataFrame], **parameters: str) -> dict:
    source = SeriesSource()
    for step, table in tables.items():
        source.add_trees(step, table)
    (status,) = RuleEvaluator([rule_entry("TreeDepth", **parameters)]).finish(source)
    return status


def test_deepest_tree_walks_links():
    assert deepest_tree(trees_frame(2, 6, 3).to_dict("list"), step=0) == (1, 6)


def test_root_only_tree_has_depth_zero():
    assert deepest_tree(trees_frame(0).to_dict("list"), step=0) == (0, 0)


def test_ids_rebuilt_from_tree_and_node():
    table = trees_frame(3).drop(columns=["ID"]).to_dict("list")
    assert deepest_tree(table, step=0) == (0, 3)


def test_cycle_is_a_data_error():
    table = {"Tree": [0, 0], "Node": [0, 1], "ID": ["0-0", "0-1"], "Yes": ["0-1", "0-0"], "No": [NAN, NAN]}
    with pytest.raises(RuleDataError, match="cycle"):
        deepest_tree(table, step=7)


def test_tree_depth_boundary():
    assert finish_with_trees({0: trees_frame(4, 4)})["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(finish_with_trees({0: trees_frame(4, 5)})) == 0


def test_tree_depth_parameter():
    assert finish_with_trees({0: trees_frame(5)}, depth="5")["RuleEvaluationStatus"] == "NoIssuesFound"


def test_tree_depth_first_deep_step():
    tables = {0: trees_frame(3), 1: trees_frame(3, 4), 2: trees_frame(3, 4, 5)}
    assert fired_step(finish_with_trees(tables)) == 2
    assert finish_with_trees(tables, end_step="2")["RuleEvaluationStatus"] == "NoIssuesFound"


def test_tree_depth_without_trees_is_an_error(run_rule):
    status = run_rule("TreeDepth", {"train-error": [(0, 0.1)]})
    assert status["RuleEvaluationStatus"] == "Error"
    assert (
        "Rule TreeDepth found no tree tensors trees/Tree, trees/Node, trees/Yes, trees/No"
        in status["StatusDetails"]
    )


def finish_with_importance(weights_by_step: dict[int, dict[str, float]], **parameters: str) -> dict:
    source = SeriesSource()
    for step, weights in weights_by_step.items():
        source.add_feature_importance(step, {"weight": weights, "gain": {"a": 1.0}})
    (status,) = RuleEvaluator([rule_entry("FeatureImportanceOverweight", **parameters)]).finish(source)
    return status


def test_i1_top_three_overweight_fires():
    status = finish_with_importance({0: {"a": 0.5, "b": 0.2, "c": 0.15, "d": 0.15}})
    assert fired_step(status) == 0


def test_i2_spread_importance_passes():
    status = finish_with_importance({0: {"a": 0.3, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.1}})
    assert status["RuleEvaluationStatus"] == "NoIssuesFound"


def test_importance_is_normalised():
    # Raw split counts 50, 20, 15, 15 normalise to I1's shares.
    assert fired_step(finish_with_importance({4: {"a": 50, "b": 20, "c": 15, "d": 15}})) == 4


def test_nfeatures_and_threshold_parameters():
    weights = {0: {"a": 0.3, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.1}}
    assert fired_step(finish_with_importance(weights, nfeatures="4")) == 0
    assert finish_with_importance(weights, threshold="0.75")["RuleEvaluationStatus"] == "NoIssuesFound"
    assert fired_step(finish_with_importance(weights, threshold="0.74")) == 0


def test_gain_type_selected_by_regex():
    # The gain importance is a single feature with share 1.0, above the threshold.
    status = finish_with_importance(
        {0: {"a": 0.3, "b": 0.25, "c": 0.2, "d": 0.15, "e": 0.1}}, tensor_regex="feature_importance/gain"
    )
    assert fired_step(status) == 0


def test_importance_without_tensors_is_an_error(run_rule):
    status = run_rule("FeatureImportanceOverweight", {"train-error": [(0, 0.1)]})
    assert status["RuleEvaluationStatus"] == "Error"
    assert "no feature importance tensor matching .*feature_importance/weight" in status["StatusDetails"]
