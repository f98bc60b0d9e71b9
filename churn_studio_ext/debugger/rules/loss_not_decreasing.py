"""LossNotDecreasing: a loss has not decreased enough over `num_steps` steps.

Parameters and defaults are those of the SageMaker Debugger built-in rules documentation (2023).
The stepping follows its example: with losses saved every 3 steps and `num_steps` 10, step 21
is compared with step 9 and the next comparison is at step 33.
"""

from __future__ import annotations

from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import filter_by_mode, select_loss_tensors
from .base import Finding, Rule


class LossNotDecreasing(Rule):
    name = "LossNotDecreasing"
    parameters = {
        "collection_names": ParameterSpec("list"),
        "tensor_regex": ParameterSpec("regex_list"),
        "use_losses_collection": ParameterSpec("bool", default=True),
        "num_steps": ParameterSpec("int", default=10, minimum=1),
        # The documentation gives 0 < value < 100. 0 is also accepted because it was the 2020
        # default ("just checks that loss decreases").
        "diff_percent": ParameterSpec("float", default=0.1, minimum=0, maximum=100, maximum_exclusive=True),
        "increase_threshold_percent": ParameterSpec("float", default=5.0, minimum=0),
        "mode": ParameterSpec("mode"),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        names = select_loss_tensors(
            source,
            collection_names=self.values["collection_names"],
            tensor_regex=self.values["tensor_regex"],
            use_losses_collection=self.values["use_losses_collection"],
        )
        names = filter_by_mode(names, self.values["mode"])
        if not names:
            mode = self.values["mode"]
            scope = f" in mode {mode}" if mode else ""
            return Finding.nothing_selected(f"no scalar loss tensor{scope}")

        earliest: Finding | None = None
        for name in names:
            finding = self._evaluate_tensor(name, source.scalar_series(name))
            if finding.fired_step is not None and (
                earliest is None or finding.fired_step < earliest.fired_step
            ):
                earliest = finding
        return earliest or Finding()

    def _evaluate_tensor(self, name: str, series: list[tuple[int, float]]) -> Finding:
        num_steps = self.values["num_steps"]
        keep_ratio = 1 - self.values["diff_percent"] / 100
        # `increase_threshold_percent` changes nothing: with diff_percent >= 0 every increase
        # already fires below.
        last_checked: int | None = None
        previous_index = -1
        for step, value in series:
            # Advance to the newest saved step at most `num_steps` before `step`. It may lie
            # before start_step, which only limits the steps that are checked.
            while previous_index + 1 < len(series) and series[previous_index + 1][0] <= step - num_steps:
                previous_index += 1
            if previous_index < 0 or not self.window.contains(step):
                continue
            if last_checked is not None and step < last_checked + num_steps:
                continue
            last_checked = step
            previous_step, previous_value = series[previous_index]
            if value >= previous_value * keep_ratio:
                return Finding.fired(
                    step,
                    f"{name} at step {step} is {value:g}, not more than "
                    f"{self.values['diff_percent']:g} % below {previous_value:g} at step {previous_step}",
                )
        return Finding()
