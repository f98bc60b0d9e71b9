"""SageMaker Debugger built-in rules for XGBoost, evaluated on a local training job's tensors.

Entry points: `RuleEvaluator` (streaming statuses for a job's `DebugRuleConfigurations`),
`SeriesSource` (the tensors the training worker records) and `parse_rule_configuration`.
"""

from .config import RuleConfiguration, parse_rule_configuration
from .errors import RuleConfigurationError, RuleDataError, RuleError
from .evaluator import RuleEvaluator
from .rules import BUILTIN_RULES
from .source import DEFAULT_SAVED_COLLECTIONS, SeriesSource, tensor_name_for_metric

__all__ = [
    "BUILTIN_RULES",
    "DEFAULT_SAVED_COLLECTIONS",
    "RuleConfiguration",
    "RuleConfigurationError",
    "RuleDataError",
    "RuleError",
    "RuleEvaluator",
    "SeriesSource",
    "parse_rule_configuration",
    "tensor_name_for_metric",
]
