"""FeatureImportanceOverweight: a few features carry most of the model's importance.

Parameters and defaults from the SageMaker Debugger built-in rules documentation (2023). At each
saved step the rule sums the `nfeatures` largest importances of the tensors matching
`tensor_regex`. smdebug's XGBoost hook normalises them to sum 1 per importance type.
"""

from __future__ import annotations

from ..parameters import ParameterSpec
from ..source import SeriesSource
from ..tensor_selection import regex_tensors
from .base import Finding, Rule


class FeatureImportanceOverweight(Rule):
    name = "FeatureImportanceOverweight"
    parameters = {
        "threshold": ParameterSpec("float", default=0.8, minimum=0, maximum=1),
        "nfeatures": ParameterSpec("int", default=3, minimum=1),
        "tensor_regex": ParameterSpec("regex_list", default=".*feature_importance/weight"),
    }

    def evaluate(self, source: SeriesSource) -> Finding:
        names = sorted(regex_tensors(source, self.values["tensor_regex"]) & set(source.scalar_names()))
        if not names:
            patterns = ", ".join(pattern.pattern for pattern in self.values["tensor_regex"])
            return Finding.nothing_selected(f"no feature importance tensor matching {patterns}")

        by_step: dict[int, list[tuple[float, str]]] = {}
        for name in names:
            for step, value in source.scalar_series(name):
                by_step.setdefault(step, []).append((value, name))
        nfeatures = self.values["nfeatures"]
        for step in sorted(by_step):
            if not self.window.contains(step):
                continue
            top = sorted(by_step[step], reverse=True)[:nfeatures]
            total = sum(value for value, _ in top)
            if total > self.values["threshold"]:
                features = ", ".join(f"{name} {value:g}" for value, name in top)
                return Finding.fired(
                    step,
                    f"the {len(top)} largest importances sum to {total:g}, more than {self.values['threshold']:g}: {features}",
                )
        return Finding()
