"""Built-in Debugger rules that apply to XGBoost, keyed by the `rule_to_invoke` value."""

from __future__ import annotations

from .base import Finding, Rule, StepWindow
from .class_imbalance import ClassImbalance
from .confusion import Confusion
from .feature_importance_overweight import FeatureImportanceOverweight
from .loss_not_decreasing import LossNotDecreasing
from .overfit import Overfit
from .overtraining import Overtraining
from .tree_depth import TreeDepth

BUILTIN_RULES: dict[str, type[Rule]] = {
    rule.name: rule
    for rule in (
        LossNotDecreasing,
        Overtraining,
        Overfit,
        ClassImbalance,
        TreeDepth,
        FeatureImportanceOverweight,
        Confusion,
    )
}

__all__ = [
    "BUILTIN_RULES",
    "ClassImbalance",
    "Confusion",
    "FeatureImportanceOverweight",
    "Finding",
    "LossNotDecreasing",
    "Overfit",
    "Overtraining",
    "Rule",
    "StepWindow",
    "TreeDepth",
]
