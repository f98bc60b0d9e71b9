"""TreeDepth: a tree of the XGBoost model is deeper than `depth`.

The documentation derives depth from log2 of the largest node id, which is exact only for
complete trees, and does not say which direction fires. Our spec walks the Yes/No child links
and fires when some tree is deeper than `depth`. A root-only tree has depth 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import RuleDataError
from ..parameters import ParameterSpec
from ..source import SeriesSource
from .base import Finding, Rule

#: Columns of `Booster.trees_to_dataframe()` the depth walk needs, stored as `trees/<column>`.
REQUIRED_COLUMNS = ("Tree", "Node", "Yes", "No")


class TreeDepth(Rule):
    name = "TreeDepth"
    parameters = {"depth": ParameterSpec("int", default=4, minimum=0)}

    def evaluate(self, source: SeriesSource) -> Finding:
        columns = {column: source.values_by_step(f"trees/{column}") for column in (*REQUIRED_COLUMNS, "ID")}
        missing = [f"trees/{column}" for column in REQUIRED_COLUMNS if not columns[column]]
        if missing:
            return Finding.nothing_selected(f"no tree tensors {', '.join(missing)}")

        steps = sorted(set.intersection(*(set(columns[column]) for column in REQUIRED_COLUMNS)))
        for step in steps:
            if not self.window.contains(step):
                continue
            table = {column: list(columns[column][step]) for column in REQUIRED_COLUMNS}
            if step in columns["ID"]:
                table["ID"] = list(columns["ID"][step])
            tree, depth = deepest_tree(table, step=step)
            if depth > self.values["depth"]:
                return Finding.fired(step, f"tree {tree} has depth {depth}, more than {self.values['depth']}")
        return Finding()


def deepest_tree(table: dict[str, Sequence[object]], *, step: int) -> tuple[int, int]:
    """Return `(tree index, depth)` of the deepest tree in a `trees_to_dataframe()` table.

    Node ids are `<tree>-<node>`, and the ID column is rebuilt from Tree and Node when absent. A
    leaf has no Yes/No child (NaN or empty in the table).
    """
    row_count = len(table["Tree"])
    if any(len(table[column]) != row_count for column in table):
        raise RuleDataError(f"Tree tensors at step {step} have columns of different lengths.")
    ids = table.get("ID") or [f"{int(tree)}-{int(node)}" for tree, node in zip(table["Tree"], table["Node"])]
    children = {
        str(node_id): [str(child) for child in (yes, no) if _is_link(child)]
        for node_id, yes, no in zip(ids, table["Yes"], table["No"])
    }
    roots = sorted({int(tree) for tree in table["Tree"]})
    deepest = (roots[0], 0) if roots else (0, 0)
    for tree in roots:
        depth = _depth(children, f"{tree}-0", row_count, step)
        if depth > deepest[1]:
            deepest = (tree, depth)
    return deepest


def _is_link(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value) != ""


def _depth(children: dict[str, list[str]], root: str, row_count: int, step: int) -> int:
    if root not in children:
        raise RuleDataError(f"Tree tensors at step {step} have no root node {root}.")
    depth = 0
    level = [root]
    visited = 0
    while True:
        next_level = [child for node in level for child in children.get(node, [])]
        visited += len(next_level)
        # More nodes than rows means the links form a cycle.
        if visited > row_count:
            raise RuleDataError(f"Tree tensors at step {step} link node {root} into a cycle.")
        if not next_level:
            return depth
        depth += 1
        level = next_level
