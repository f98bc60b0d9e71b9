"""The built-in XGBoost algorithm of SageMaker, run in this process on local files.

`train_xgboost` repeats what the algorithm-mode container does for one CSV job on one instance.
It validates the hyperparameters and reads the `train` and optional `validation` channels. Then
it runs `xgboost.train` with the watch list named `train` and `validation`, reports each round's
metrics, and writes `model.tar.gz` with the booster file `xgboost-model` at the archive root.
It starts no process and touches no store, because the training job worker wraps it.

Model file format: the container (aws/sagemaker-xgboost-container) pickled the Booster up to its
1.0 releases and has called `Booster.save_model` since. Its model server tries pickle first and
falls back to `Booster.load_model`. This trainer writes xgboost's native UBJSON format, which is what
`save_model` writes for a name without extension on xgboost 2.1 and later. `Booster.load_model`
reads it from bytes, or from the file (xgboost 3.2 warns that it guesses the format from a name
without extension, and guesses UBJSON). Unlike a pickle, loading it runs no code.
"""

from __future__ import annotations

import io
import os
import re
import tarfile
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xgboost

from .csv_channels import ChannelData, check_labels, load_csv_channel
from .errors import ChannelDataError, XGBoostTrainingError
from .hyperparameters import XGBoostHyperparameters, parse_hyperparameters
from .job_outcome import ARCHIVE_COMPRESSLEVEL

MODEL_FILE_NAME = "xgboost-model"
MODEL_ARCHIVE_NAME = "model.tar.gz"
TRAIN_CHANNEL = "train"
VALIDATION_CHANNEL = "validation"
# xgboost 0.90's tree_method "auto" chose the exact greedy algorithm below 2**22 rows and approx
# from there on. xgboost 2.0 and later choose hist, which grows other trees on the tour's data.
EXACT_TREE_METHOD_MAX_ROWS = 2**22
# SageMaker limits FailureReason to 1,024 characters; xgboost's messages can be longer.
MAX_XGBOOST_MESSAGE_CHARS = 600
_XGBOOST_LOG_PREFIX = re.compile(r"^\[[0-9:]+\]\s+\S+:\d+:\s*")

# Called after each boosting round with the 0-based round index and the metrics of that round,
# named `<channel>:<metric>` as SageMaker names them (`train:error`, `validation:error`).
# Returning True stops training after this round; the model then keeps the rounds done so far.
RoundCallback = Callable[[int, dict[str, float]], "bool | None"]


@dataclass(frozen=True)
class TrainingResult:
    """The outcome of one training run."""

    model_artifact: Path
    rounds_trained: int
    # Last value of each metric, the content of DescribeTrainingJob's FinalMetricDataList.
    final_metrics: dict[str, float]
    # Every round's value of each metric, in round order.
    metric_history: dict[str, list[float]]
    # Set when early stopping ran: the 0-based round whose model was saved.
    best_iteration: int | None
    train_rows: int
    validation_rows: int | None
    feature_count: int


def train_xgboost(
    channels: Mapping[str, str | Path],
    hyperparameters: Mapping[str, str],
    output_dir: str | Path,
    on_round: RoundCallback | None = None,
) -> TrainingResult:
    """Train the built-in XGBoost algorithm and write `<output_dir>/model.tar.gz`.

    `channels` maps channel names to a CSV file or folder: `train` is required and
    `validation` optional. `hyperparameters` is CreateTrainingJob's string map.
    Raises HyperparameterError, ChannelDataError or XGBoostTrainingError, whose messages are
    meant as the job's FailureReason. Exceptions raised by `on_round` propagate unchanged.
    NOTE: only CSV input is read; libsvm, Parquet and RecordIO-protobuf channels are not.
    """
    config = parse_hyperparameters(hyperparameters)
    train_data, validation_data = _load_channels(channels, config)

    booster_params = dict(config.booster_params)
    grows_trees = booster_params.get("booster") != "gblinear"
    if grows_trees and "tree_method" not in booster_params and "updater" not in booster_params:
        booster_params["tree_method"] = _default_tree_method(train_data.row_count)

    reporter = _RoundReporter(on_round)
    callbacks: list[xgboost.callback.TrainingCallback] = [reporter]
    if config.early_stopping_rounds is not None:
        # save_best keeps the best round's model, as SageMaker hosting uses the best model.
        callbacks.append(
            xgboost.callback.EarlyStopping(
                rounds=config.early_stopping_rounds,
                data_name=VALIDATION_CHANNEL,
                save_best=True,
            )
        )

    try:
        train_matrix = _to_matrix(train_data)
        evals = [(train_matrix, TRAIN_CHANNEL)]
        if validation_data is not None:
            evals.append((_to_matrix(validation_data), VALIDATION_CHANNEL))

        booster = xgboost.train(
            booster_params,
            train_matrix,
            num_boost_round=config.num_round,
            evals=evals,
            callbacks=callbacks,
            verbose_eval=False,
        )
    except xgboost.core.XGBoostError as error:
        raise XGBoostTrainingError(_training_failure_message(error)) from error

    artifact = write_model_archive(booster, output_dir)
    history = reporter.history
    return TrainingResult(
        model_artifact=artifact,
        rounds_trained=reporter.rounds,
        final_metrics={name: values[-1] for name, values in history.items()},
        metric_history=history,
        best_iteration=booster.best_iteration if config.early_stopping_rounds else None,
        train_rows=train_data.row_count,
        validation_rows=validation_data.row_count if validation_data is not None else None,
        feature_count=train_data.feature_count,
    )


def _load_channels(
    channels: Mapping[str, str | Path], config: XGBoostHyperparameters
) -> tuple[ChannelData, ChannelData | None]:
    unknown = sorted(set(channels) - {TRAIN_CHANNEL, VALIDATION_CHANNEL})
    if unknown:
        raise ChannelDataError(
            f"Channel(s) {', '.join(map(repr, unknown))} are not used by the built-in XGBoost "
            "algorithm, which reads 'train' and 'validation'. Rename or remove them."
        )
    if TRAIN_CHANNEL not in channels:
        raise ChannelDataError(
            "The required channel 'train' is missing. Add an InputDataConfig channel named "
            "'train' with the training CSV data."
        )
    if config.early_stopping_rounds is not None and VALIDATION_CHANNEL not in channels:
        raise ChannelDataError(
            "Hyperparameter 'early_stopping_rounds' needs a 'validation' channel to watch. Add "
            "the channel or remove the hyperparameter."
        )

    # NOTE: the container reads a weight column in the train channel only. This trainer reads it
    # in both channels, so validation files need the same label, weight, features layout.
    train = load_csv_channel(TRAIN_CHANNEL, channels[TRAIN_CHANNEL], csv_weights=config.csv_weights)
    check_labels(train, config.objective, config.num_class)

    validation = None
    if VALIDATION_CHANNEL in channels:
        validation = load_csv_channel(
            VALIDATION_CHANNEL, channels[VALIDATION_CHANNEL], csv_weights=config.csv_weights
        )
        check_labels(validation, config.objective, config.num_class)
        if validation.feature_count != train.feature_count:
            raise ChannelDataError(
                f"Channel 'validation' has {validation.feature_count} feature columns but "
                f"channel 'train' has {train.feature_count}. Both need the same columns in the "
                "same order."
            )
    return train, validation


def _default_tree_method(row_count: int) -> str:
    return "exact" if row_count < EXACT_TREE_METHOD_MAX_ROWS else "approx"


def _to_matrix(data: ChannelData) -> xgboost.DMatrix:
    return xgboost.DMatrix(data.features, label=data.labels, weight=data.weights, missing=np.nan)


class _RoundReporter(xgboost.callback.TrainingCallback):
    """Collects each round's metrics and hands them to the caller's round callback."""

    def __init__(self, on_round: RoundCallback | None) -> None:
        super().__init__()
        self.on_round = on_round
        self.history: dict[str, list[float]] = {}
        self.rounds = 0

    def after_iteration(self, model, epoch: int, evals_log) -> bool:
        metrics = {
            metric_name(data_name, name): float(values[-1])
            for data_name, by_metric in evals_log.items()
            for name, values in by_metric.items()
        }
        for name, value in metrics.items():
            self.history.setdefault(name, []).append(value)
        self.rounds = epoch + 1
        if self.on_round is None:
            return False
        return bool(self.on_round(epoch, metrics))


def metric_name(channel: str, xgboost_metric: str) -> str:
    """Return SageMaker's name for an xgboost metric of a channel, e.g. `validation:error`."""
    return f"{channel}:{xgboost_metric}"


def format_evaluation_line(round_index: int, metrics: Mapping[str, float]) -> str:
    """Format one round's metrics the way xgboost logs them, for the job's log.

    Example: `[0]\ttrain-error:0.07715\tvalidation-error:0.09910`. SageMaker's metric
    definitions for the built-in algorithm parse `train:error` and the like from such lines.
    """
    fields = [f"[{round_index}]"]
    for name, value in metrics.items():
        channel, _, xgboost_metric = name.partition(":")
        fields.append(f"{channel}-{xgboost_metric}:{value:.5f}")
    return "\t".join(fields)


def _training_failure_message(error: xgboost.core.XGBoostError) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    detail = lines[0] if lines else type(error).__name__
    # Drop xgboost's "[20:56:50] /workspace/src/gbm/gbtree.cc:303: " prefix, which names its
    # own source file, and the dangling " :" some checks end with.
    detail = _XGBOOST_LOG_PREFIX.sub("", detail).rstrip(" :")
    if len(detail) > MAX_XGBOOST_MESSAGE_CHARS:
        detail = detail[:MAX_XGBOOST_MESSAGE_CHARS] + "..."
    if not detail.endswith((".", "...")):
        detail += "."
    return (
        f"XGBoost training failed: {detail} Check the hyperparameters against the objective "
        "and the data."
    )


def write_model_archive(booster: xgboost.Booster, output_dir: str | Path) -> Path:
    """Write `<output_dir>/model.tar.gz` holding the booster as `xgboost-model` (UBJSON).

    The archive is written under a temporary name and renamed, so a reader never sees a
    partial file.
    """
    target_dir = Path(output_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    model_bytes = bytes(booster.save_raw(raw_format="ubj"))

    member = tarfile.TarInfo(MODEL_FILE_NAME)
    member.size = len(model_bytes)
    member.mtime = int(time.time())
    member.mode = 0o644

    descriptor, temporary_name = tempfile.mkstemp(dir=target_dir, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as raw_file:
            with tarfile.open(
                fileobj=raw_file, mode="w:gz", compresslevel=ARCHIVE_COMPRESSLEVEL
            ) as archive:
                archive.addfile(member, io.BytesIO(model_bytes))
        artifact = target_dir / MODEL_ARCHIVE_NAME
        os.replace(temporary_name, artifact)
    except BaseException:
        Path(temporary_name).unlink(missing_ok=True)
        raise
    return artifact


def load_model_archive(path: str | Path) -> xgboost.Booster:
    """Load the booster from a `model.tar.gz` that contains an `xgboost-model` file."""
    with tarfile.open(path, mode="r:gz") as archive:
        try:
            member = archive.getmember(MODEL_FILE_NAME)
        except KeyError:
            names = ", ".join(archive.getnames()) or "nothing"
            raise ValueError(
                f"Model archive {str(path)!r} has no {MODEL_FILE_NAME!r} file (it contains "
                f"{names}). Built-in XGBoost archives hold the booster under that name."
            ) from None
        model_bytes = archive.extractfile(member).read()

    booster = xgboost.Booster()
    booster.load_model(bytearray(model_bytes))
    return booster
