"""Names, forms and ranges of the built-in XGBoost algorithm's hyperparameters.

The names and ranges follow the SageMaker developer guide page "XGBoost hyperparameters" and the
validation of the open-source container aws/sagemaker-xgboost-container (versions 0.90 to 1.7).
Only hyperparameters that xgboost 3.x still accepts are listed as supported; the ones it removed
are in `UNSUPPORTED_HYPERPARAMETERS` with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

INTEGER = "integer"
NUMBER = "number"
CHOICE = "choice"
# Kinds that keep their string form but have a syntax of their own; `hyperparameters.py` checks them.
METRIC_LIST = "metric list"
UPDATER_LIST = "updater list"
CONSTRAINT_TUPLE = "constraint tuple"
NESTED_INDEX_LIST = "nested index list"


@dataclass(frozen=True)
class Interval:
    """A numeric range; a bound of None is unbounded."""

    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True

    def contains(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        if self.lower is not None:
            if value < self.lower or (value == self.lower and not self.lower_closed):
                return False
        if self.upper is not None:
            if value > self.upper or (value == self.upper and not self.upper_closed):
                return False
        return True

    def describe(self) -> str:
        """Return the range as people write it: `>= 0`, `> 0`, `in [0, 1]`, `in (0, 1]`."""
        if self.lower is not None and self.upper is not None:
            left = "[" if self.lower_closed else "("
            right = "]" if self.upper_closed else ")"
            return f"in {left}{_number(self.lower)}, {_number(self.upper)}{right}"
        if self.lower is not None:
            return f"{'>=' if self.lower_closed else '>'} {_number(self.lower)}"
        if self.upper is not None:
            return f"{'<=' if self.upper_closed else '<'} {_number(self.upper)}"
        return "of any value"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class HyperparameterSpec:
    """The accepted form of one hyperparameter."""

    name: str
    kind: str
    interval: Interval | None = None
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        """Return the accepted form, for error messages."""
        if self.kind == INTEGER:
            return f"an integer {self.interval.describe()}"
        if self.kind == NUMBER:
            return f"a number {self.interval.describe()}"
        if self.kind == CHOICE:
            return f"one of {', '.join(self.choices)}"
        if self.kind == METRIC_LIST:
            return "a comma-separated list of xgboost evaluation metric names, such as 'error,auc'"
        if self.kind == UPDATER_LIST:
            return f"a comma-separated list drawn from {', '.join(self.choices)}"
        if self.kind == CONSTRAINT_TUPLE:
            return "a tuple of -1, 0 and 1, one per feature, such as '(1,0,-1)'"
        return "a JSON list of lists of feature indices (0-based), such as '[[0,1],[2,3]]'"


def _integer(name: str, lower: float | None = None, upper: float | None = None) -> HyperparameterSpec:
    return HyperparameterSpec(name, INTEGER, Interval(lower, upper))


def _number_spec(name: str, interval: Interval) -> HyperparameterSpec:
    return HyperparameterSpec(name, NUMBER, interval)


def _choice(name: str, *choices: str) -> HyperparameterSpec:
    return HyperparameterSpec(name, CHOICE, choices=choices)


AT_LEAST_ZERO = Interval(lower=0)
ZERO_TO_ONE = Interval(lower=0, upper=1)
ABOVE_ZERO_TO_ONE = Interval(lower=0, upper=1, lower_closed=False)

OBJECTIVES = (
    "binary:logistic",
    "binary:logitraw",
    "binary:hinge",
    "count:poisson",
    "multi:softmax",
    "multi:softprob",
    "rank:pairwise",
    "rank:ndcg",
    "rank:map",
    "reg:linear",
    "reg:squarederror",
    "reg:logistic",
    "reg:gamma",
    "reg:pseudohubererror",
    "reg:squaredlogerror",
    "reg:tweedie",
    "survival:aft",
    "survival:cox",
)

UPDATERS = (
    "grow_colmaker",
    "grow_histmaker",
    "grow_quantile_histmaker",
    "sync",
    "refresh",
    "prune",
    "shotgun",
    "coord_descent",
)

SPECS: dict[str, HyperparameterSpec] = {
    spec.name: spec
    for spec in (
        _integer("num_round", lower=1),
        _integer("csv_weights", 0, 1),
        _integer("early_stopping_rounds", lower=1),
        _choice("booster", "gbtree", "gblinear", "dart"),
        _integer("silent", 0, 1),
        _integer("verbosity", 0, 3),
        _integer("nthread", lower=1),
        _number_spec("eta", ZERO_TO_ONE),
        _number_spec("gamma", AT_LEAST_ZERO),
        _integer("max_depth", lower=0),
        _number_spec("min_child_weight", AT_LEAST_ZERO),
        _number_spec("max_delta_step", AT_LEAST_ZERO),
        _number_spec("subsample", ABOVE_ZERO_TO_ONE),
        _number_spec("colsample_bytree", ABOVE_ZERO_TO_ONE),
        _number_spec("colsample_bylevel", ABOVE_ZERO_TO_ONE),
        _number_spec("colsample_bynode", ABOVE_ZERO_TO_ONE),
        _number_spec("lambda", AT_LEAST_ZERO),
        _number_spec("alpha", AT_LEAST_ZERO),
        _choice("tree_method", "auto", "exact", "approx", "hist"),
        _number_spec("scale_pos_weight", Interval(lower=0, lower_closed=False)),
        HyperparameterSpec("updater", UPDATER_LIST, choices=UPDATERS),
        _integer("refresh_leaf", 0, 1),
        _choice("process_type", "default", "update"),
        _choice("grow_policy", "depthwise", "lossguide"),
        _integer("max_leaves", lower=0),
        # SageMaker documents max_bin >= 0, but xgboost rejects fewer than 2 bins.
        _integer("max_bin", lower=2),
        HyperparameterSpec("monotone_constraints", CONSTRAINT_TUPLE),
        HyperparameterSpec("interaction_constraints", NESTED_INDEX_LIST),
        _choice("sample_type", "uniform", "weighted"),
        _choice("normalize_type", "tree", "forest"),
        _number_spec("rate_drop", ZERO_TO_ONE),
        _integer("one_drop", 0, 1),
        _number_spec("skip_drop", ZERO_TO_ONE),
        _number_spec(
            "tweedie_variance_power",
            Interval(lower=1, upper=2, lower_closed=False, upper_closed=False),
        ),
        _choice("objective", *OBJECTIVES),
        _integer("num_class", lower=2),
        _number_spec("base_score", AT_LEAST_ZERO),
        HyperparameterSpec("eval_metric", METRIC_LIST),
        # xgboost's seed is a signed 32-bit integer in the container's validation.
        _integer("seed", -(2**31) + 1, 2**31 - 2),
        _integer("num_parallel_tree", lower=1),
        _choice("aft_loss_distribution", "normal", "logistic", "extreme"),
        _number_spec("aft_loss_distribution_scale", AT_LEAST_ZERO),
        _choice("sampling_method", "uniform", "gradient_based"),
        _choice("save_model_on_termination", "true", "false"),
    )
}

# Alternative names that SageMaker accepts, mapped to the name used in SPECS.
ALIASES = {
    "learning_rate": "eta",
    "min_split_loss": "gamma",
    "reg_lambda": "lambda",
    "reg_alpha": "alpha",
}

_REMOVED_IN_XGBOOST = "xgboost 2.0 or later no longer has it"
_TUNING_ONLY = "only SageMaker automatic model tuning sets it, and the local backend does not tune"

UNSUPPORTED_HYPERPARAMETERS = {
    "dsplit": _REMOVED_IN_XGBOOST,
    "sketch_eps": _REMOVED_IN_XGBOOST,
    "lambda_bias": _REMOVED_IN_XGBOOST,
    "predictor": _REMOVED_IN_XGBOOST,
    "single_precision_histogram": _REMOVED_IN_XGBOOST,
    "deterministic_histogram": _REMOVED_IN_XGBOOST,
    "prob_buffer_row": "it only applies to GPU training, which the local backend does not run",
    "_kfold": _TUNING_ONLY,
    "_num_cv_round": _TUNING_ONLY,
    "_tuning_objective_metric": _TUNING_ONLY,
}

# Evaluation metrics of xgboost 3.x. Those in THRESHOLD_METRICS also take `@<number>`, and
# ndcg and map take a trailing `-` (count a query with no relevant item as 0, not 1).
EVAL_METRICS = (
    "rmse",
    "rmsle",
    "mae",
    "mape",
    "mphe",
    "logloss",
    "error",
    "merror",
    "mlogloss",
    "auc",
    "aucpr",
    "ndcg",
    "map",
    "pre",
    "poisson-nloglik",
    "gamma-nloglik",
    "cox-nloglik",
    "gamma-deviance",
    "tweedie-nloglik",
    "aft-nloglik",
    "interval-regression-accuracy",
)
THRESHOLD_METRICS = ("error", "ndcg", "map", "pre", "tweedie-nloglik")
