"""Algorithm mode of the training worker: the built-in XGBoost algorithm on CSV channels.

Each boosting round's metrics (``train:error``, ``validation:error``, ...) go to the job's
recorder, and the round's log line, formatted as xgboost prints it, goes to
``<job folder>/training.log``.

Some Debugger rules need more than the metrics: labels and predictions (ClassImbalance,
Confusion), trees (TreeDepth) or importances (FeatureImportanceOverweight). Those tensors are
computed from the trained model once training has ended, at the hook's saved steps, because the
trainer's round callback does not expose the model.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import xgboost

from .csv_channels import load_csv_channel
from .errors import ChannelDataError
from .job_outcome import RunOutcome
from .xgboost_algorithm import format_evaluation_line, load_model_archive, train_xgboost

if TYPE_CHECKING:
    from .worker import JobWorker

log = logging.getLogger(__name__)

# ContentType values read as CSV. The built-in algorithm reads text/libsvm when a channel has no
# ContentType (SageMaker developer guide, XGBoost input formats).
# NOTE: this trainer reads such a channel as CSV, the only format it supports.
_CSV_CONTENT_TYPES = ("csv", "text/csv")
# smdebug's XGBoost hook saves every 10th step unless HookParameters set save_interval.
DEFAULT_SAVE_INTERVAL = 10
_LABEL_RULES = {"ClassImbalance", "Confusion"}
_TREE_RULES = {"TreeDepth"}
_IMPORTANCE_RULES = {"FeatureImportanceOverweight"}
_IMPORTANCE_TYPES = ("weight", "gain", "cover", "total_gain", "total_cover")


def run_algorithm(worker: JobWorker, channels: dict[str, Path]) -> RunOutcome:
    """Train the built-in XGBoost algorithm for ``worker``'s job and return the outcome."""
    _check_content_types(worker.request)
    stop_reason: list[str] = []
    log_path = worker.folder / "training.log"

    with open(log_path, "a", encoding="utf-8") as training_log:

        def on_round(round_index: int, metrics: dict[str, float]) -> bool:
            training_log.write(format_evaluation_line(round_index, metrics) + "\n")
            training_log.flush()
            worker.recorder.record(round_index, metrics)
            reason = worker.stop_reason()
            if reason is not None and not stop_reason:
                log.info(
                    "Stopping training job %s after round %d: %s",
                    worker.job_name,
                    round_index,
                    reason,
                )
                stop_reason.append(reason)
            return bool(stop_reason)

        result = train_xgboost(
            channels,
            worker.request.get("HyperParameters", {}),
            worker.folder / "model",
            on_round=on_round,
        )

    log.info(
        "Training job %s trained %d rounds on %d rows",
        worker.job_name,
        result.rounds_trained,
        result.train_rows,
    )
    if worker.recorder.source is not None and result.rounds_trained:
        _add_model_tensors(
            worker, channels, result.model_artifact, result.rounds_trained
        )
    return RunOutcome(
        model_archive=result.model_artifact,
        stop_reason=stop_reason[0] if stop_reason else None,
    )


def _check_content_types(request: dict) -> None:
    for channel in request.get("InputDataConfig", []):
        content_type = channel.get("ContentType")
        if content_type is None:
            continue
        base = content_type.split(";")[0].strip().lower()
        if base not in _CSV_CONTENT_TYPES:
            raise ChannelDataError(
                f"Channel {channel['ChannelName']!r} has ContentType {content_type!r}, but the "
                "local built-in XGBoost reads only CSV. Convert the data to CSV (label first, "
                "no header) and set ContentType 'text/csv'."
            )


def _rules_to_invoke(request: dict) -> set[str]:
    return {
        rule.get("RuleParameters", {}).get(
            "rule_to_invoke", rule["RuleConfigurationName"]
        )
        for rule in request.get("DebugRuleConfigurations", [])
    }


def _saved_steps(request: dict, rounds: int) -> list[int]:
    parameters = (request.get("DebugHookConfig") or {}).get("HookParameters", {})
    try:
        interval = max(1, int(parameters.get("save_interval", DEFAULT_SAVE_INTERVAL)))
    except ValueError:
        interval = DEFAULT_SAVE_INTERVAL
    steps = list(range(0, rounds, interval))
    if steps[-1] != rounds - 1:
        steps.append(rounds - 1)
    return steps


def _add_model_tensors(
    worker: JobWorker, channels: dict[str, Path], archive: Path, rounds: int
):
    rules = _rules_to_invoke(worker.request)
    wants_labels = bool(rules & _LABEL_RULES)
    wants_trees = bool(rules & _TREE_RULES)
    wants_importance = bool(rules & _IMPORTANCE_RULES)
    if not (wants_labels or wants_trees or wants_importance):
        return

    source = worker.recorder.source
    booster = load_model_archive(archive)
    steps = _saved_steps(worker.request, rounds)

    if wants_labels:
        # smdebug's hook predicts on the validation matrix. Without one, the training matrix is
        # used instead.
        channel = "validation" if "validation" in channels else "train"
        hyperparameters = worker.request.get("HyperParameters", {})
        data = load_csv_channel(
            channel,
            channels[channel],
            csv_weights=hyperparameters.get("csv_weights") == "1",
        )
        matrix = xgboost.DMatrix(data.features, label=data.labels)
        for step in steps:
            source.add("labels", step, data.labels)
            source.add(
                "predictions",
                step,
                booster.predict(matrix, iteration_range=(0, step + 1)),
            )

    if wants_trees:
        table = booster.trees_to_dataframe()
        trees_per_round = max(
            1, (int(table["Tree"].max()) + 1) // booster.num_boosted_rounds()
        )
        for step in steps:
            source.add_trees(step, table[table["Tree"] < (step + 1) * trees_per_round])

    if wants_importance:
        # Importances come from the whole model, so they are recorded at the last step only.
        scores = {
            kind: booster.get_score(importance_type=kind) for kind in _IMPORTANCE_TYPES
        }
        source.add_feature_importance(steps[-1], scores)
