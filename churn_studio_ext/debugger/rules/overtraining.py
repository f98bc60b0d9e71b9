"""Overtraining: the training or validation loss stops improving, as early stopping would decide.

Defaults from the SageMaker Debugger built-in rules documentation (2023); in 2020 `delta` was 0.1.
Our spec: a standard early-stopping counter per tensor, where patience counts saved steps.
"""

from __future__ import annotations

from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import is_training_tensor, is_validation_tensor, select_loss_tensors
from .base import Finding, Rule


class Overtraining(Rule):
    name = "Overtraining"
    parameters = {
        "patience_train": ParameterSpec("int", default=5, minimum=1),
        "patience_validation": ParameterSpec("int", default=10, minimum=1),
        "delta": ParameterSpec("float", default=0.01, minimum=0),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        names = select_loss_tensors(source)
        sides = [
            (name, self.values["patience_train"], "training") for name in names if is_training_tensor(name)
        ]
        sides += [
            (name, self.values["patience_validation"], "validation")
            for name in names
            if is_validation_tensor(name)
        ]
        if not sides:
            return Finding.nothing_selected("no train-<metric> or validation-<metric> loss tensor")

        earliest: Finding | None = None
        for name, patience, side in sides:
            finding = self._evaluate_tensor(name, source.scalar_series(name), patience, side)
            if finding.fired_step is not None and (
                earliest is None or finding.fired_step < earliest.fired_step
            ):
                earliest = finding
        return earliest or Finding()

    def _evaluate_tensor(
        self, name: str, series: list[tuple[int, float]], patience: int, side: str
    ) -> Finding:
        delta = self.values["delta"]
        best: float | None = None
        best_step = 0
        stale = 0
        for step, value in series:
            if not self.window.contains(step):
                continue
            if best is None or value < best - delta:
                best, best_step, stale = value, step, 0
                continue
            stale += 1
            if stale >= patience:
                return Finding.fired(
                    step,
                    f"{side} tensor {name} has not improved by more than {delta:g} on its best "
                    f"value {best:g} (step {best_step}) for {stale} saved steps",
                )
        return Finding()
