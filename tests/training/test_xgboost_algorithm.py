"""The built-in XGBoost trainer against direct xgboost calls on the tour's data."""

import json
import tarfile
import warnings

import numpy as np
import pytest
import xgboost

from churn_studio_ext.training import (
    ChannelDataError,
    HyperparameterError,
    XGBoostTrainingError,
    format_evaluation_line,
    load_model_archive,
    train_xgboost,
)

# The tour's trial in xgboost's own terms, written out by hand: the defaults the trainer adds
# (error metric, base_score 0.5, exact tree method, seed 0, one thread) reproduce the 0.90-2
# container.
DIRECT_PARAMS = {
    "max_depth": 5,
    "eta": 0.2,
    "gamma": 4,
    "min_child_weight": 6,
    "subsample": 0.8,
    "objective": "binary:logistic",
    "eval_metric": "error",
    "base_score": 0.5,
    "tree_method": "exact",
    "seed": 0,
    "nthread": 1,
}
DIRECT_ROUNDS = 600


def load_matrix(path) -> xgboost.DMatrix:
    table = np.loadtxt(path, delimiter=",")
    return xgboost.DMatrix(table[:, 1:], label=table[:, 0])


@pytest.fixture(scope="module")
def tour_run(tour_channels, tour_hyperparameters, tmp_path_factory):
    """Train the tour's first trial once with the trainer, recording every on_round call."""
    calls = []
    result = train_xgboost(
        tour_channels,
        tour_hyperparameters,
        tmp_path_factory.mktemp("tour-output"),
        on_round=lambda round_index, metrics: calls.append((round_index, metrics)),
    )
    return result, calls


@pytest.fixture(scope="module")
def direct_run(tour_channels):
    """Train the same model with a plain xgboost.train call."""
    train = load_matrix(tour_channels["train"])
    validation = load_matrix(tour_channels["validation"])
    evals_result = {}
    booster = xgboost.train(
        DIRECT_PARAMS,
        train,
        num_boost_round=DIRECT_ROUNDS,
        evals=[(train, "train"), (validation, "validation")],
        evals_result=evals_result,
        verbose_eval=False,
    )
    return booster, evals_result, validation


def test_validation_error_series_equals_direct(tour_run, direct_run):
    result, calls = tour_run
    _, evals_result, _ = direct_run

    recorded = [metrics["validation:error"] for _, metrics in calls]
    assert recorded == evals_result["validation"]["error"]
    assert result.metric_history["validation:error"] == evals_result["validation"]["error"]


def test_train_error_series_equals_direct(tour_run, direct_run):
    result, calls = tour_run
    _, evals_result, _ = direct_run

    assert [metrics["train:error"] for _, metrics in calls] == evals_result["train"]["error"]
    assert result.final_metrics["train:error"] == evals_result["train"]["error"][-1]


def test_on_round_gets_every_round_and_names(tour_run):
    result, calls = tour_run

    assert [round_index for round_index, _ in calls] == list(range(DIRECT_ROUNDS))
    assert {frozenset(metrics) for _, metrics in calls} == {
        frozenset({"train:error", "validation:error"})
    }
    assert result.rounds_trained == DIRECT_ROUNDS
    assert result.best_iteration is None


def test_result_counts_rows_and_features(tour_run, tour_channels):
    result, _ = tour_run
    train = np.loadtxt(tour_channels["train"], delimiter=",")
    validation = np.loadtxt(tour_channels["validation"], delimiter=",")

    assert result.train_rows == train.shape[0]
    assert result.validation_rows == validation.shape[0]
    assert result.feature_count == train.shape[1] - 1


def test_archive_holds_only_booster_file(tour_run):
    result, _ = tour_run

    assert result.model_artifact.name == "model.tar.gz"
    with tarfile.open(result.model_artifact, "r:gz") as archive:
        assert archive.getnames() == ["xgboost-model"]


def test_archive_predicts_like_direct_booster(tour_run, direct_run):
    result, _ = tour_run
    direct_booster, _, validation = direct_run

    loaded = load_model_archive(result.model_artifact)

    assert loaded.num_boosted_rounds() == DIRECT_ROUNDS
    assert np.array_equal(loaded.predict(validation), direct_booster.predict(validation))


def test_extracted_file_loads_by_path(tour_run, direct_run, tmp_path):
    result, _ = tour_run
    direct_booster, _, validation = direct_run
    with tarfile.open(result.model_artifact, "r:gz") as archive:
        archive.extractall(tmp_path, filter="data")

    booster = xgboost.Booster()
    with pytest.warns(UserWarning, match="Unknown file format"):
        booster.load_model(str(tmp_path / "xgboost-model"))

    assert np.array_equal(booster.predict(validation), direct_booster.predict(validation))


def test_final_errors_near_sagemaker_run(tour_run):
    # An executed tour notebook (2021-05-27, container 0.90-2) ended round 599 with
    # train-error 0.021003 and validation-error 0.061562. xgboost 3.x draws other subsamples,
    # so only closeness is expected.
    result, _ = tour_run

    assert result.final_metrics["train:error"] == pytest.approx(0.021003, abs=0.01)
    assert result.final_metrics["validation:error"] == pytest.approx(0.061562, abs=0.01)


def test_same_seed_repeats_exactly(tour_channels, tmp_path, short_run_hyperparameters):
    first = train_xgboost(tour_channels, short_run_hyperparameters(), tmp_path / "a")
    second = train_xgboost(tour_channels, short_run_hyperparameters(), tmp_path / "b")

    assert first.metric_history == second.metric_history


def test_other_seed_changes_subsample(tour_channels, tmp_path, short_run_hyperparameters):
    default_seed = train_xgboost(tour_channels, short_run_hyperparameters(), tmp_path / "a")
    other_seed = train_xgboost(
        tour_channels, short_run_hyperparameters(seed="7"), tmp_path / "b"
    )

    assert default_seed.metric_history != other_seed.metric_history


def test_thread_count_keeps_model(tour_channels, tmp_path, short_run_hyperparameters):
    one_thread = train_xgboost(tour_channels, short_run_hyperparameters(), tmp_path / "a")
    two_threads = train_xgboost(
        tour_channels, short_run_hyperparameters(nthread="2"), tmp_path / "b"
    )

    assert one_thread.metric_history == two_threads.metric_history


def test_on_round_true_stops_training(tour_channels, tmp_path, short_run_hyperparameters):
    result = train_xgboost(
        tour_channels,
        short_run_hyperparameters(),
        tmp_path,
        on_round=lambda round_index, metrics: round_index == 4,
    )

    assert result.rounds_trained == 5
    assert len(result.metric_history["validation:error"]) == 5
    assert load_model_archive(result.model_artifact).num_boosted_rounds() == 5


def test_on_round_exception_propagates(tour_channels, tmp_path, short_run_hyperparameters):
    class StopRequested(Exception):
        pass

    def stop(round_index, metrics):
        raise StopRequested(round_index)

    with pytest.raises(StopRequested):
        train_xgboost(tour_channels, short_run_hyperparameters(), tmp_path, on_round=stop)

    assert not (tmp_path / "model.tar.gz").exists()


def test_train_only_reports_train_metrics(tour_channels, tmp_path, short_run_hyperparameters):
    result = train_xgboost(
        {"train": tour_channels["train"]}, short_run_hyperparameters(), tmp_path
    )

    assert set(result.final_metrics) == {"train:error"}
    assert result.validation_rows is None


def test_several_eval_metrics_are_reported(tour_channels, tmp_path, short_run_hyperparameters):
    result = train_xgboost(
        tour_channels, short_run_hyperparameters(eval_metric="auc,logloss"), tmp_path
    )

    assert set(result.final_metrics) == {
        "train:auc",
        "train:logloss",
        "validation:auc",
        "validation:logloss",
    }


def test_early_stopping_keeps_best_round(tour_channels, tmp_path, short_run_hyperparameters):
    result = train_xgboost(
        tour_channels,
        short_run_hyperparameters(num_round="300", eval_metric="logloss", early_stopping_rounds="5"),
        tmp_path,
    )
    losses = result.metric_history["validation:logloss"]
    best = int(np.argmin(losses))

    assert result.rounds_trained < 300
    assert result.best_iteration == best
    assert result.rounds_trained == best + 6
    assert load_model_archive(result.model_artifact).num_boosted_rounds() == best + 1


def test_missing_train_channel_is_rejected(tour_channels, tmp_path, short_run_hyperparameters):
    with pytest.raises(ChannelDataError, match="The required channel 'train' is missing"):
        train_xgboost(
            {"validation": tour_channels["validation"]}, short_run_hyperparameters(), tmp_path
        )


def test_unknown_channel_is_rejected(tour_channels, tmp_path):
    with pytest.raises(ChannelDataError, match="Channel\\(s\\) 'test' are not used"):
        train_xgboost({**tour_channels, "test": tour_channels["train"]}, {"num_round": "1"}, tmp_path)


def test_missing_channel_path_is_rejected(tmp_path):
    with pytest.raises(ChannelDataError, match="Channel 'train': the data path"):
        train_xgboost({"train": tmp_path / "absent"}, {"num_round": "1"}, tmp_path)


def test_early_stopping_needs_validation(tour_channels, tmp_path, short_run_hyperparameters):
    with pytest.raises(ChannelDataError, match="'early_stopping_rounds' needs a 'validation'"):
        train_xgboost(
            {"train": tour_channels["train"]},
            short_run_hyperparameters(early_stopping_rounds="3"),
            tmp_path,
        )


def test_feature_count_mismatch_is_rejected(write_csv, tmp_path):
    channels = {"train": write_csv("t.csv", "0,1,2\n1,2,3\n"), "validation": write_csv("v.csv", "0,1\n")}

    with pytest.raises(ChannelDataError) as raised:
        train_xgboost(channels, {"num_round": "1"}, tmp_path / "out")

    assert "'validation' has 1 feature columns but channel 'train' has 2" in str(raised.value)


def test_bad_label_fails_before_training(write_csv, tmp_path, short_run_hyperparameters):
    channels = {"train": write_csv("t.csv", "0,1\n1,2\nyes,3\n")}

    with pytest.raises(ChannelDataError, match="row 3, column 1: the label 'yes' is not a number"):
        train_xgboost(channels, short_run_hyperparameters(), tmp_path / "out")


def test_non_binary_label_is_rejected(write_csv, tmp_path, short_run_hyperparameters):
    channels = {"train": write_csv("t.csv", "0,1\n1,2\n"), "validation": write_csv("v.csv", "1,1\n3,2\n")}

    with pytest.raises(ChannelDataError) as raised:
        train_xgboost(channels, short_run_hyperparameters(), tmp_path / "out")

    message = str(raised.value)
    assert "Channel 'validation', file 'v.csv', row 2: the label 3 is invalid" in message
    assert "'binary:logistic'" in message


def test_hyperparameter_error_comes_first(tmp_path):
    with pytest.raises(HyperparameterError, match="'eta' has the invalid value 'fast'"):
        train_xgboost({"train": tmp_path / "absent"}, {"num_round": "1", "eta": "fast"}, tmp_path)


@pytest.mark.filterwarnings("ignore:.*manually specified the `updater`:UserWarning")
def test_xgboost_failure_is_wrapped(tour_channels, tmp_path, short_run_hyperparameters):
    with pytest.raises(XGBoostTrainingError) as raised:
        train_xgboost(
            tour_channels,
            short_run_hyperparameters(updater="refresh"),
            tmp_path,
        )

    message = str(raised.value)
    assert message.startswith("XGBoost training failed: Check failed: ")
    assert "`refresh` can not be used to create new trees" in message
    assert "Check the hyperparameters" in message


def test_evaluation_line_uses_xgboost_layout():
    line = format_evaluation_line(0, {"train:error": 0.0771538, "validation:error": 0.0990991})

    assert line == "[0]\ttrain-error:0.07715\tvalidation-error:0.09910"


def test_linear_booster_gets_no_tree_method(tour_channels, tmp_path):
    # Tree parameters are left out too: xgboost warns about any parameter the booster ignores.
    hyperparameters = {"num_round": "20", "booster": "gblinear", "objective": "binary:logistic"}

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train_xgboost(tour_channels, hyperparameters, tmp_path)

    config = json.loads(load_model_archive(result.model_artifact).save_config())
    assert config["learner"]["gradient_booster"]["name"] == "gblinear"
    assert result.rounds_trained == 20
