"""Framework-mode entry point of the training benchmark: the tour's trial trained with xgboost.

The local backend runs it with SageMaker's script contract: hyperparameters as ``--name value``
arguments, channel folders in ``SM_CHANNEL_TRAIN`` and ``SM_CHANNEL_VALIDATION``, the model
folder in ``SM_MODEL_DIR``. Each round's ``train:error`` and ``validation:error`` go through
``churn_studio_ext.training.job_metrics.log_metric``. The booster parameters match
``training_direct.booster_parameters``, so the recorded series must equal the direct one.

At exit it prints one line ``bench-timing: {...}`` with its own timings in seconds (imports,
data loading, training, time inside ``log_metric``, model saving). That line lands in the job's
``training.log``, where bench/training.py reads it.
"""

import time

SCRIPT_STARTED = time.time()
IMPORT_START = time.perf_counter()

import argparse
import json
import os
from pathlib import Path

import numpy as np
import xgboost

from churn_studio_ext.training.job_metrics import log_metric

IMPORT_SECONDS = time.perf_counter() - IMPORT_START


class MetricLogger(xgboost.callback.TrainingCallback):
    """Sends each round's last evaluation values to ``log_metric`` and times those calls."""

    def __init__(self):
        super().__init__()
        self.seconds = 0.0

    def after_iteration(self, model, epoch, evals_log):
        start = time.perf_counter()
        for data_name, by_metric in evals_log.items():
            for metric, values in by_metric.items():
                log_metric(f"{data_name}:{metric}", float(values[-1]), step=epoch)
        self.seconds += time.perf_counter() - start
        return False


def read_channel(variable: str) -> np.ndarray:
    folder = Path(os.environ[variable])
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return np.vstack([np.loadtxt(path, delimiter=",", ndmin=2) for path in files])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max_depth", type=int, default=5)
    parser.add_argument("--eta", type=float, default=0.2)
    parser.add_argument("--gamma", type=int, default=4)
    parser.add_argument("--min_child_weight", type=int, default=6)
    parser.add_argument("--subsample", type=float, default=0.8)
    parser.add_argument("--silent", type=int, default=0)
    parser.add_argument("--objective", type=str, default="binary:logistic")
    parser.add_argument("--num_round", type=int, default=50)
    args = parser.parse_args()

    load_start = time.perf_counter()
    train = read_channel("SM_CHANNEL_TRAIN")
    validation = read_channel("SM_CHANNEL_VALIDATION")
    train_matrix = xgboost.DMatrix(train[:, 1:], label=train[:, 0])
    validation_matrix = xgboost.DMatrix(validation[:, 1:], label=validation[:, 0])
    train_start = time.perf_counter()

    parameters = {
        "max_depth": args.max_depth,
        "eta": args.eta,
        "gamma": args.gamma,
        "min_child_weight": args.min_child_weight,
        "subsample": args.subsample,
        "objective": args.objective,
        "eval_metric": "error",
        "base_score": 0.5,
        "tree_method": "exact",
        "seed": 0,
        "nthread": 1,
    }
    metric_logger = MetricLogger()
    booster = xgboost.train(
        parameters,
        train_matrix,
        num_boost_round=args.num_round,
        evals=[(train_matrix, "train"), (validation_matrix, "validation")],
        callbacks=[metric_logger],
        verbose_eval=False,
    )
    save_start = time.perf_counter()
    model_path = Path(os.environ["SM_MODEL_DIR"]) / "xgboost-model"
    model_path.write_bytes(bytes(booster.save_raw(raw_format="ubj")))
    save_end = time.perf_counter()

    timing = {
        "script_started": SCRIPT_STARTED,
        "import_seconds": IMPORT_SECONDS,
        "load_seconds": train_start - load_start,
        "train_seconds": save_start - train_start,
        "log_metric_seconds": metric_logger.seconds,
        "save_seconds": save_end - save_start,
        "script_ended": time.time(),
    }
    print("bench-timing: " + json.dumps(timing), flush=True)


if __name__ == "__main__":
    main()
