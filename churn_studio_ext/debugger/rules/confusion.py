"""Confusion: a column of the confusion matrix has too small a diagonal share or too large an
off-diagonal share.

Parameters and defaults from the SageMaker Debugger built-in rules documentation (2023). The
documented diagonal denominator (the sum of all diagonal cells) looks like a slip. Our spec
normalises by column, `confusion[i][i] / sum_j confusion[j][i]`, the reading that satisfies
all three cases of the removed 2019 smdebug test of this rule.
"""

from __future__ import annotations

import numpy as np

from ..errors import RuleDataError
from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import collection_tensors
from .base import Finding, Rule
from .class_ids import paired_class_ids


class Confusion(Rule):
    name = "Confusion"
    parameters = {
        "category_no": ParameterSpec("int", minimum=2),
        "labels": ParameterSpec("str", default="labels"),
        "predictions": ParameterSpec("str", default="predictions"),
        "labels_collection": ParameterSpec("str", default="labels"),
        "predictions_collection": ParameterSpec("str", default="predictions"),
        "min_diag": ParameterSpec("float", default=0.9, minimum=0, maximum=1),
        "max_off_diag": ParameterSpec("float", default=0.1, minimum=0, maximum=1),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        labels_name = self._tensor(source, "labels", "labels_collection")
        predictions_name = self._tensor(source, "predictions", "predictions_collection")
        if labels_name is None or predictions_name is None:
            return Finding.nothing_selected(
                f"no tensor {self.values['labels']!r} and {self.values['predictions']!r} "
                "(or tensors of the labels and predictions collections)"
            )

        labels_by_step = source.values_by_step(labels_name)
        predictions_by_step = source.values_by_step(predictions_name)
        for step, labels in labels_by_step.items():
            if step not in predictions_by_step or not self.window.contains(step):
                continue
            label_ids, prediction_ids = paired_class_ids(
                labels,
                predictions_by_step[step],
                argmax=False,
                names=(labels_name, predictions_name),
                step=step,
            )
            reason = self._check(self._matrix(label_ids, prediction_ids, step))
            if reason:
                return Finding.fired(step, reason)
        return Finding()

    def _tensor(self, source: SeriesSource, name_parameter: str, collection_parameter: str) -> str | None:
        recorded = set(source.tensor_names())
        if self.values[name_parameter] in recorded:
            return self.values[name_parameter]
        members = sorted(collection_tensors(source, self.values[collection_parameter]))
        return members[0] if members else None

    def _matrix(self, label_ids: np.ndarray, prediction_ids: np.ndarray, step: int) -> np.ndarray:
        size = self.values["category_no"]
        largest = int(max(label_ids.max(initial=0), prediction_ids.max(initial=0)))
        if size is None:
            size = largest + 1
        elif largest >= size:
            raise RuleDataError(
                f"At step {step}, class id {largest} is outside category_no={size}. "
                "Raise category_no or leave it unset to infer it."
            )
        matrix = np.zeros((size, size), dtype=int)
        np.add.at(matrix, (label_ids, prediction_ids), 1)
        return matrix

    def _check(self, matrix: np.ndarray) -> str:
        min_diag = self.values["min_diag"]
        max_off_diag = self.values["max_off_diag"]
        for column in range(matrix.shape[1]):
            total = matrix[:, column].sum()
            if total == 0:
                continue
            diagonal_share = matrix[column, column] / total
            if diagonal_share < min_diag:
                return f"column {column}: diagonal share {diagonal_share:g} is below min_diag {min_diag:g}"
            for row in range(matrix.shape[0]):
                share = matrix[row, column] / total
                if row != column and share > max_off_diag:
                    return f"cell [{row}][{column}]: off-diagonal share {share:g} exceeds max_off_diag {max_off_diag:g}"
        return ""
