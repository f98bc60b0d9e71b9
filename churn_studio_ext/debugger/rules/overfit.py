"""Overfit: the validation loss exceeds the training loss by a relative margin.

SageMaker Debugger built-in rules documentation (2023): ratio = (mean validation loss - mean
training loss) / mean training loss, and the rule fires when the ratio exceeds
`ratio_threshold` for `patience` steps. Our spec reads "for patience steps" as consecutive
evaluated steps and pairs `train-<m>` with `validation-<m>`, `eval-<m>` or `test-<m>`.
"""

from __future__ import annotations

import math

from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import (
    is_training_tensor,
    is_validation_tensor,
    metric_of,
    regex_tensors,
    select_loss_tensors,
)
from .base import Finding, Rule


class Overfit(Rule):
    name = "Overfit"
    # `start_step` is documented for this rule. The window parameters supply it for every rule.
    parameters = {
        "tensor_regex": ParameterSpec("regex_list"),
        "patience": ParameterSpec("int", default=1, minimum=1),
        "ratio_threshold": ParameterSpec("float", default=0.1),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        if self.values["tensor_regex"]:
            names = sorted(regex_tensors(source, self.values["tensor_regex"]) & set(source.scalar_names()))
        else:
            names = select_loss_tensors(source)
        training = {metric_of(name): name for name in names if is_training_tensor(name)}
        pairs = [
            (training[metric_of(name)], name)
            for name in names
            if is_validation_tensor(name) and metric_of(name) in training
        ]
        if not pairs:
            return Finding.nothing_selected("no pair of train-<metric> and validation-<metric> tensors")

        earliest: Finding | None = None
        for training_name, validation_name in pairs:
            finding = self._evaluate_pair(source, training_name, validation_name)
            if finding.fired_step is not None and (
                earliest is None or finding.fired_step < earliest.fired_step
            ):
                earliest = finding
        return earliest or Finding()

    def _evaluate_pair(self, source: SeriesSource, training_name: str, validation_name: str) -> Finding:
        threshold = self.values["ratio_threshold"]
        patience = self.values["patience"]
        training_values = dict(source.scalar_series(training_name))
        count = 0
        for step, validation_value in source.scalar_series(validation_name):
            training_value = training_values.get(step)
            if training_value is None or not self.window.contains(step):
                continue
            # The ratio is undefined when the training loss is 0, which is common for train-error
            # on separable data. Such a step is skipped and leaves the counter unchanged.
            if training_value == 0:
                continue
            ratio = (validation_value - training_value) / training_value
            if math.isnan(ratio):
                continue
            count = count + 1 if ratio > threshold else 0
            if count >= patience:
                return Finding.fired(
                    step,
                    f"({validation_name} {validation_value:g} - {training_name} {training_value:g}) / "
                    f"{training_value:g} = {ratio:.4g} exceeds {threshold:g} at step {step} "
                    f"for {count} consecutive steps",
                )
        return Finding()
