"""ClassImbalance: the classes are very unequal in size, or one class is mostly mispredicted.

Parameters and defaults from the SageMaker Debugger built-in rules documentation (2023). Both
checks run once at least `samples` labels have been accumulated over the saved steps, and either
check fires the rule.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import regex_tensors
from .base import Finding, Rule
from .class_ids import labels_to_class_ids, paired_class_ids


class ClassImbalance(Rule):
    name = "ClassImbalance"
    parameters = {
        "threshold_imbalance": ParameterSpec("float", default=10.0, minimum=1),
        "threshold_misprediction": ParameterSpec("float", default=0.7, minimum=0, maximum=1),
        "samples": ParameterSpec("int", default=500, minimum=1),
        "argmax": ParameterSpec("bool", default=False),
        "labels_regex": ParameterSpec("regex", default=".*labels"),
        "predictions_regex": ParameterSpec("regex", default=".*predictions"),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        labels_regex = self.values["labels_regex"]
        predictions_regex = self.values["predictions_regex"]
        label_names = sorted(regex_tensors(source, [labels_regex]))
        prediction_names = sorted(regex_tensors(source, [predictions_regex]) - set(label_names))
        if not label_names:
            return Finding.nothing_selected(f"no labels tensor matching {labels_regex.pattern!r}")

        label_steps = _steps_of(source, label_names)
        prediction_steps = _steps_of(source, prediction_names)
        class_counts: Counter[int] = Counter()
        # Per class: [samples with a prediction, mispredicted samples].
        predicted: dict[int, list[int]] = {}
        for step in sorted(label_steps):
            if not self.window.contains(step):
                continue
            labels = np.concatenate([np.asarray(v).ravel() for v in label_steps[step]])
            class_counts.update(labels_to_class_ids(labels, tensor=label_names[0], step=step).tolist())
            if step in prediction_steps:
                predictions = _stack(prediction_steps[step])
                label_ids, prediction_ids = paired_class_ids(
                    labels,
                    predictions,
                    argmax=self.values["argmax"],
                    names=(label_names[0], prediction_names[0]),
                    step=step,
                )
                for label, prediction in zip(label_ids.tolist(), prediction_ids.tolist()):
                    totals = predicted.setdefault(label, [0, 0])
                    totals[0] += 1
                    totals[1] += int(label != prediction)
            if sum(class_counts.values()) < self.values["samples"]:
                continue
            reason = self._imbalance(class_counts) or self._misprediction(predicted)
            if reason:
                return Finding.fired(step, reason)
        return Finding()

    def _imbalance(self, class_counts: Counter[int]) -> str:
        # NOTE: only classes seen in the labels count, so labels of a single class never fire.
        if len(class_counts) < 2:
            return ""
        (largest, largest_count), *_ = class_counts.most_common()
        smallest, smallest_count = min(class_counts.items(), key=lambda item: (item[1], item[0]))
        ratio = largest_count / smallest_count
        if ratio > self.values["threshold_imbalance"]:
            return (
                f"class {largest} has {largest_count} samples and class {smallest} has {smallest_count}: "
                f"ratio {ratio:g} exceeds {self.values['threshold_imbalance']:g}"
            )
        return ""

    def _misprediction(self, predicted: dict[int, list[int]]) -> str:
        for label in sorted(predicted):
            total, wrong = predicted[label]
            share = wrong / total
            if share > self.values["threshold_misprediction"]:
                return (
                    f"{wrong} of {total} samples of class {label} are mispredicted: share {share:g} "
                    f"exceeds {self.values['threshold_misprediction']:g}"
                )
        return ""


def _steps_of(source: SeriesSource, names: list[str]) -> dict[int, list[np.ndarray]]:
    steps: dict[int, list[np.ndarray]] = {}
    for name in names:
        for step, value in source.values_by_step(name).items():
            steps.setdefault(step, []).append(np.asarray(value))
    return steps


def _stack(arrays: list[np.ndarray]) -> np.ndarray:
    if len(arrays) == 1:
        return arrays[0]
    if all(array.ndim == 2 for array in arrays):
        return np.concatenate(arrays, axis=0)
    return np.concatenate([array.ravel() for array in arrays])
