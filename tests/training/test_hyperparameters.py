"""Validation and conversion of the built-in XGBoost algorithm's string hyperparameters."""

import pytest

from churn_studio_ext.training.errors import HyperparameterError
from churn_studio_ext.training.hyperparameters import parse_hyperparameters


def test_tour_values_are_typed(tour_hyperparameters):
    parsed = parse_hyperparameters(tour_hyperparameters)
    params = parsed.booster_params

    assert parsed.num_round == 600
    assert parsed.objective == "binary:logistic"
    assert params["max_depth"] == 5
    assert isinstance(params["max_depth"], int)
    assert params["eta"] == 0.2
    assert params["gamma"] == 4.0
    assert params["min_child_weight"] == 6.0
    assert params["subsample"] == 0.8
    assert params["objective"] == "binary:logistic"


def test_algorithm_settings_stay_out_of_booster_params(tour_hyperparameters):
    params = parse_hyperparameters(tour_hyperparameters).booster_params

    assert "num_round" not in params
    assert "silent" not in params
    assert "verbosity" not in params


def test_defaults_follow_container_090(tour_hyperparameters):
    parsed = parse_hyperparameters(tour_hyperparameters)

    assert parsed.eval_metrics == ("error",)
    assert parsed.booster_params["eval_metric"] == ["error"]
    assert parsed.booster_params["base_score"] == 0.5
    assert parsed.booster_params["seed"] == 0
    assert parsed.booster_params["nthread"] == 1
    assert parsed.early_stopping_rounds is None
    assert parsed.csv_weights is False


def test_multi_class_default_metric_is_merror():
    parsed = parse_hyperparameters(
        {"num_round": "3", "objective": "multi:softprob", "num_class": "3"}
    )

    assert parsed.eval_metrics == ("merror",)
    assert parsed.num_class == 3


def test_regression_keeps_xgboost_default_metric():
    parsed = parse_hyperparameters({"num_round": "3", "objective": "reg:squarederror"})

    assert parsed.eval_metrics == ()
    assert "eval_metric" not in parsed.booster_params


def test_explicit_values_override_defaults(tour_hyperparameters):
    parsed = parse_hyperparameters(
        {
            **tour_hyperparameters,
            "eval_metric": "auc, error@0.7",
            "seed": "42",
            "base_score": "0.2",
            "nthread": "2",
        }
    )

    assert parsed.eval_metrics == ("auc", "error@0.7")
    assert parsed.booster_params["eval_metric"] == ["auc", "error@0.7"]
    assert parsed.booster_params["seed"] == 42
    assert parsed.booster_params["base_score"] == 0.2
    assert parsed.booster_params["nthread"] == 2


def test_silent_one_sets_verbosity_zero(tour_hyperparameters):
    parsed = parse_hyperparameters({**tour_hyperparameters, "silent": "1"})

    assert parsed.booster_params["verbosity"] == 0


def test_aliases_map_to_canonical_names():
    parsed = parse_hyperparameters(
        {
            "num_round": "1",
            "learning_rate": "0.3",
            "min_split_loss": "1",
            "reg_lambda": "2",
            "reg_alpha": "0.5",
        }
    )
    params = parsed.booster_params

    assert params["eta"] == 0.3
    assert params["gamma"] == 1.0
    assert params["lambda"] == 2.0
    assert params["alpha"] == 0.5
    assert "learning_rate" not in params


def test_reg_linear_becomes_squarederror():
    parsed = parse_hyperparameters({"num_round": "1", "objective": "reg:linear"})

    assert parsed.booster_params["objective"] == "reg:squarederror"


def test_structured_values_are_normalized():
    parsed = parse_hyperparameters(
        {
            "num_round": "1",
            "updater": "grow_colmaker, prune",
            "monotone_constraints": "(1,0,-1)",
            "interaction_constraints": "[[0, 1], [2]]",
            "csv_weights": "1",
            "early_stopping_rounds": "5",
            "save_model_on_termination": "true",
        }
    )
    params = parsed.booster_params

    assert params["updater"] == "grow_colmaker,prune"
    assert params["monotone_constraints"] == "(1,0,-1)"
    assert params["interaction_constraints"] == "[[0,1],[2]]"
    assert parsed.csv_weights is True
    assert parsed.early_stopping_rounds == 5
    assert parsed.save_model_on_termination is True


@pytest.mark.parametrize(
    ("name", "value", "expected_form"),
    [
        ("max_depth", "deep", "an integer >= 0"),
        ("max_depth", "5.5", "an integer >= 0"),
        ("max_depth", "-1", "an integer >= 0"),
        ("num_round", "0", "an integer >= 1"),
        ("eta", "fast", "a number in [0, 1]"),
        ("eta", "1.5", "a number in [0, 1]"),
        ("eta", "nan", "a number in [0, 1]"),
        ("subsample", "0", "a number in (0, 1]"),
        ("gamma", "-0.1", "a number >= 0"),
        ("min_child_weight", "1_000", "a number >= 0"),
        ("scale_pos_weight", "0", "a number > 0"),
        ("tweedie_variance_power", "2", "a number in (1, 2)"),
        ("silent", "2", "an integer in [0, 1]"),
        ("objective", "binary:logit", "one of binary:logistic, binary:logitraw"),
        ("booster", "forest", "one of gbtree, gblinear, dart"),
        ("tree_method", "gpu_hist", "one of auto, exact, approx, hist"),
        ("updater", "grow_gpu", "a comma-separated list drawn from grow_colmaker"),
        ("monotone_constraints", "(1,2)", "a tuple of -1, 0 and 1"),
        ("interaction_constraints", "[[0,-1]]", "a JSON list of lists of feature indices"),
    ],
)
def test_invalid_value_names_form(name, value, expected_form):
    hyperparameters = {"num_round": "10", name: value}

    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters(hyperparameters)

    message = str(raised.value)
    assert f"Hyperparameter '{name}' has the invalid value '{value}'" in message
    assert f"expected {expected_form}" in message


def test_unknown_name_suggests_close_match(tour_hyperparameters):
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({**tour_hyperparameters, "max_dept": "5"})

    message = str(raised.value)
    assert "'max_dept' is not a built-in XGBoost algorithm hyperparameter" in message
    assert "Did you mean 'max_depth'?" in message


def test_unknown_name_without_match_lists_examples(tour_hyperparameters):
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({**tour_hyperparameters, "zzz": "5"})

    message = str(raised.value)
    assert "'zzz' is not a built-in XGBoost algorithm hyperparameter" in message
    assert "Did you mean" not in message
    assert "max_depth, eta or num_round" in message


@pytest.mark.parametrize(
    ("name", "reason"),
    [("predictor", "xgboost 2.0 or later"), ("_kfold", "automatic model tuning")],
)
def test_unsupported_name_gives_reason(name, reason):
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({"num_round": "1", name: "2"})

    message = str(raised.value)
    assert f"Hyperparameter '{name}' is not supported by the local XGBoost trainer" in message
    assert reason in message
    assert "Remove it from HyperParameters." in message


def test_missing_num_round_is_rejected():
    with pytest.raises(HyperparameterError, match="'num_round' is required") as raised:
        parse_hyperparameters({"max_depth": "5"})

    assert "an integer >= 1" in str(raised.value)


def test_non_string_value_is_rejected():
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({"num_round": 10})

    message = str(raised.value)
    assert "'num_round' has a value of type int" in message
    assert "pass '10'" in message


def test_alias_and_name_together_is_rejected():
    with pytest.raises(HyperparameterError, match="'learning_rate' and 'eta' are the same"):
        parse_hyperparameters({"num_round": "1", "eta": "0.1", "learning_rate": "0.2"})


@pytest.mark.parametrize("metric", ["accuracy", "auc@0.5", "error@high", "rmse-"])
def test_invalid_eval_metric_is_rejected(metric):
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({"num_round": "1", "eval_metric": f"error,{metric}"})

    message = str(raised.value)
    assert f"'eval_metric' has the invalid metric '{metric}'" in message
    assert "Known metrics: rmse" in message


@pytest.mark.parametrize("metric", ["ndcg-", "map@3-", "pre@2", "tweedie-nloglik@1.5"])
def test_suffixed_eval_metric_is_accepted(metric):
    parsed = parse_hyperparameters({"num_round": "1", "eval_metric": metric})

    assert parsed.eval_metrics == (metric,)


def test_multi_class_needs_num_class():
    with pytest.raises(HyperparameterError, match="'num_class' is required with objective"):
        parse_hyperparameters({"num_round": "1", "objective": "multi:softmax"})


def test_num_class_needs_multi_class_objective(tour_hyperparameters):
    with pytest.raises(HyperparameterError) as raised:
        parse_hyperparameters({**tour_hyperparameters, "num_class": "2"})

    assert "'num_class' only applies to multi:softmax and multi:softprob" in str(raised.value)
    assert "'binary:logistic'" in str(raised.value)
