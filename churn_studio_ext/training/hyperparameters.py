"""Validate the built-in XGBoost algorithm's hyperparameters and convert them for `xgboost.train`.

CreateTrainingJob carries hyperparameters as a map of strings (`{"max_depth": "5"}`). The parsed
result keeps the algorithm-level settings (`num_round`, `early_stopping_rounds`, `csv_weights`)
apart from the booster parameters that go to xgboost.

Defaults that differ from xgboost 3.x reproduce the XGBoost 0.90-2 container that the tour ran:
`base_score` 0.5 and the evaluation metric per objective in `DEFAULT_EVAL_METRICS`. `nthread`
defaults to 1. The trainer adds the tree method, which depends on the row count.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import HyperparameterError
from .hyperparameter_specs import (
    ALIASES,
    CHOICE,
    CONSTRAINT_TUPLE,
    EVAL_METRICS,
    INTEGER,
    METRIC_LIST,
    NESTED_INDEX_LIST,
    NUMBER,
    SPECS,
    THRESHOLD_METRICS,
    UNSUPPORTED_HYPERPARAMETERS,
    UPDATER_LIST,
    HyperparameterSpec,
)

DEFAULT_OBJECTIVE = "reg:squarederror"
DEFAULT_SEED = 0
# One thread per job unless `nthread` sets another count, because the local backend runs several jobs at once
# (the tour starts five), and xgboost's default of one thread per CPU then oversubscribes the
# CPUs. Measured on a 2-vCPU machine under load, the tour's 600-round job took 51 s with the
# default and 4.7 s with one thread. Thread count does not change the trained model.
DEFAULT_NTHREAD = 1
# xgboost 0.90 started every model from 0.5; xgboost 2.0 and later estimate base_score from the
# labels, which changes the first rounds' errors (round 0 of the tour's trial then misclassifies
# every churner, because no prediction crosses 0.5).
DEFAULT_BASE_SCORE = 0.5
# Objectives whose default evaluation metric changed after xgboost 0.90. xgboost 1.3 moved
# binary:logistic from error to logloss and multi-class from merror to mlogloss. binary:logitraw
# used auc up to at least xgboost 1.3, and xgboost 3.2 uses logloss. The tour's metrics
# `train:error` and `validation:error` depend on the first entry.
DEFAULT_EVAL_METRICS = {
    "binary:logistic": "error",
    "binary:logitraw": "auc",
    "multi:softmax": "merror",
    "multi:softprob": "merror",
}
MULTI_CLASS_OBJECTIVES = ("multi:softmax", "multi:softprob")

# Hyperparameters the trainer uses itself; they are not passed to xgboost.
ALGORITHM_SETTINGS = (
    "num_round",
    "early_stopping_rounds",
    "csv_weights",
    "silent",
    "save_model_on_termination",
)

_INTEGER_TEXT = re.compile(r"[+-]?\d+")
_METRIC_TEXT = re.compile(r"(?P<name>[a-z-]+?)(?P<threshold>@[^-]*)?(?P<minus>-)?")
_CONSTRAINT_TUPLE_TEXT = re.compile(r"\(\s*-?[01](\s*,\s*-?[01])*\s*,?\s*\)")


@dataclass(frozen=True)
class XGBoostHyperparameters:
    """Validated hyperparameters of one training job."""

    num_round: int
    objective: str
    # Parameters for xgboost.train, including defaults this module adds.
    booster_params: dict[str, object]
    eval_metrics: tuple[str, ...]
    early_stopping_rounds: int | None
    # True when the second CSV column contains instance weights.
    csv_weights: bool
    num_class: int | None
    save_model_on_termination: bool


def parse_hyperparameters(raw: Mapping[str, object]) -> XGBoostHyperparameters:
    """Validate SageMaker's string hyperparameters and convert them to typed values.

    Raises HyperparameterError for an unknown or unsupported name, a value that is not a string,
    a value of the wrong form or out of range, a missing `num_round`, or inconsistent
    `objective` and `num_class`.
    """
    values = {}
    for given_name, text in raw.items():
        name = _canonical_name(given_name, raw)
        if not isinstance(text, str):
            raise HyperparameterError(
                f"Hyperparameter {given_name!r} has a value of type {type(text).__name__}. "
                f"SageMaker passes hyperparameters as strings, so pass {str(text)!r}."
            )
        values[name] = _convert(SPECS[name], given_name, text)

    if "num_round" not in values:
        raise HyperparameterError(
            "Hyperparameter 'num_round' is required: set it to the number of boosting rounds, "
            "an integer >= 1, such as '100'."
        )

    objective = values.get("objective", DEFAULT_OBJECTIVE)
    num_class = values.get("num_class")
    _check_objective_and_classes(objective, num_class)
    eval_metrics = values.get("eval_metric") or _default_eval_metrics(objective)

    booster_params = _booster_params(values, objective, eval_metrics)
    return XGBoostHyperparameters(
        num_round=values["num_round"],
        objective=objective,
        booster_params=booster_params,
        eval_metrics=eval_metrics,
        early_stopping_rounds=values.get("early_stopping_rounds"),
        csv_weights=values.get("csv_weights", 0) == 1,
        num_class=num_class,
        save_model_on_termination=values.get("save_model_on_termination") == "true",
    )


def _canonical_name(given_name: str, raw: Mapping[str, object]) -> str:
    if given_name in UNSUPPORTED_HYPERPARAMETERS:
        raise HyperparameterError(
            f"Hyperparameter {given_name!r} is not supported by the local XGBoost trainer: "
            f"{UNSUPPORTED_HYPERPARAMETERS[given_name]}. Remove it from HyperParameters."
        )
    name = ALIASES.get(given_name, given_name)
    if name not in SPECS:
        suggestion = difflib.get_close_matches(given_name, [*SPECS, *ALIASES], n=1)
        hint = f" Did you mean {suggestion[0]!r}?" if suggestion else ""
        raise HyperparameterError(
            f"Hyperparameter {given_name!r} is not a built-in XGBoost algorithm "
            f"hyperparameter.{hint} Remove it or use a documented name such as max_depth, eta "
            "or num_round."
        )
    if name != given_name and name in raw:
        raise HyperparameterError(
            f"Hyperparameters {given_name!r} and {name!r} are the same setting. Keep only one."
        )
    return name


def _convert(spec: HyperparameterSpec, given_name: str, text: str) -> object:
    value_text = text.strip()
    if spec.kind == INTEGER:
        value = int(value_text) if _INTEGER_TEXT.fullmatch(value_text) else None
        if value is None or not spec.interval.contains(value):
            raise _invalid_value(spec, given_name, text)
        return value
    if spec.kind == NUMBER:
        try:
            value = float(value_text)
        except ValueError:
            raise _invalid_value(spec, given_name, text) from None
        if "_" in value_text or not spec.interval.contains(value):
            raise _invalid_value(spec, given_name, text)
        return value
    if spec.kind == CHOICE:
        if value_text not in spec.choices:
            raise _invalid_value(spec, given_name, text)
        return value_text
    if spec.kind == METRIC_LIST:
        return _parse_metric_list(spec, given_name, text)
    if spec.kind == UPDATER_LIST:
        updaters = [item.strip() for item in value_text.split(",")]
        if not all(item in spec.choices for item in updaters):
            raise _invalid_value(spec, given_name, text)
        return ",".join(updaters)
    if spec.kind == CONSTRAINT_TUPLE:
        if not _CONSTRAINT_TUPLE_TEXT.fullmatch(value_text):
            raise _invalid_value(spec, given_name, text)
        return value_text
    if spec.kind == NESTED_INDEX_LIST:
        return _parse_index_groups(spec, given_name, text)
    raise AssertionError(f"hyperparameter kind {spec.kind!r} has no converter")


def _invalid_value(spec: HyperparameterSpec, given_name: str, text: str) -> HyperparameterError:
    return HyperparameterError(
        f"Hyperparameter {given_name!r} has the invalid value {text!r}: expected "
        f"{spec.describe()}."
    )


def _parse_metric_list(spec: HyperparameterSpec, given_name: str, text: str) -> tuple[str, ...]:
    metrics = tuple(item.strip() for item in text.split(","))
    for metric in metrics:
        match = _METRIC_TEXT.fullmatch(metric)
        name = match.group("name") if match else None
        threshold = match.group("threshold") if match else None
        valid = name in EVAL_METRICS
        if valid and threshold is not None:
            valid = name in THRESHOLD_METRICS and _is_number(threshold[1:])
        if valid and match.group("minus") is not None:
            valid = name in ("ndcg", "map")
        if not valid:
            raise HyperparameterError(
                f"Hyperparameter {given_name!r} has the invalid metric {metric!r}: expected "
                f"{spec.describe()}. Known metrics: {', '.join(EVAL_METRICS)}; "
                f"{', '.join(THRESHOLD_METRICS)} also take '@<number>'."
            )
    return metrics


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _parse_index_groups(spec: HyperparameterSpec, given_name: str, text: str) -> str:
    try:
        groups = json.loads(text)
    except json.JSONDecodeError:
        raise _invalid_value(spec, given_name, text) from None
    valid = isinstance(groups, list) and all(
        isinstance(group, list)
        and all(isinstance(index, int) and not isinstance(index, bool) and index >= 0 for index in group)
        for group in groups
    )
    if not valid:
        raise _invalid_value(spec, given_name, text)
    return json.dumps(groups, separators=(",", ":"))


def _check_objective_and_classes(objective: str, num_class: int | None) -> None:
    if objective in MULTI_CLASS_OBJECTIVES and num_class is None:
        raise HyperparameterError(
            f"Hyperparameter 'num_class' is required with objective {objective!r}: set it to "
            "the number of classes, an integer >= 2."
        )
    if objective not in MULTI_CLASS_OBJECTIVES and num_class is not None:
        raise HyperparameterError(
            f"Hyperparameter 'num_class' only applies to multi:softmax and multi:softprob, not "
            f"to objective {objective!r}. Remove it or change the objective."
        )


def _default_eval_metrics(objective: str) -> tuple[str, ...]:
    default = DEFAULT_EVAL_METRICS.get(objective)
    # NOTE: other objectives get xgboost's own default metric, which for some of them (ranking,
    # for one) differs from what the 0.90-2 container reported.
    return (default,) if default else ()


def _booster_params(
    values: dict[str, object], objective: str, eval_metrics: tuple[str, ...]
) -> dict[str, object]:
    params = {name: value for name, value in values.items() if name not in ALGORITHM_SETTINGS}
    params.pop("eval_metric", None)

    # reg:linear is the pre-1.0 name of reg:squarederror; xgboost 3.x warns on it.
    params["objective"] = "reg:squarederror" if objective == "reg:linear" else objective
    params.setdefault("seed", DEFAULT_SEED)
    params.setdefault("base_score", DEFAULT_BASE_SCORE)
    params.setdefault("nthread", DEFAULT_NTHREAD)
    # `silent` was removed in xgboost 1.0; silent=1 meant what verbosity=0 means now.
    if values.get("silent") == 1:
        params.setdefault("verbosity", 0)
    if eval_metrics:
        # xgboost takes several metrics as a list; a single string would be one metric name.
        params["eval_metric"] = list(eval_metrics)
    return params
