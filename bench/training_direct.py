"""The tour's trainings as plain in-process ``xgboost.train`` calls: the baseline of bench/training.py.

Each call reads the shipped train and validation CSV files with ``numpy.loadtxt``, builds the two
matrices, trains with the evaluation list train -> "train", validation -> "validation", and
writes the model as UBJSON, as a job of the local backend does. The booster parameters are
those that the local built-in XGBoost derives from the tour's hyperparameters: base_score 0.5,
the error metric, the exact tree method, seed 0 and one thread. They are written out here, so
the benchmark's comparison of the ``validation:error`` series also checks them.

``train_direct`` runs in the processes of a ``multiprocessing`` pool, so this module imports
nothing from the benchmark scripts.
"""

import os
import time
from pathlib import Path

WARM_UP_SLEEP_SECONDS = 1.0


def booster_parameters(min_child_weight: int) -> dict:
    """Return the booster parameters of a tour trial with ``min_child_weight``."""
    return {
        "max_depth": 5,
        "eta": 0.2,
        "gamma": 4,
        "min_child_weight": min_child_weight,
        "subsample": 0.8,
        "objective": "binary:logistic",
        "eval_metric": "error",
        "base_score": 0.5,
        "tree_method": "exact",
        "seed": 0,
        "nthread": 1,
    }


def start_own_session() -> None:
    """Make this pool process the leader of a new session, as every local worker is.

    With Linux's scheduler autogroups (/proc/sys/kernel/sched_autogroup_enabled = 1), each
    session gets its own share of the CPUs. The local backend starts each worker with
    start_new_session=True, so under load from other sessions five workers get five shares. Five
    pool processes in the benchmark's session would get one share between them.
    """
    os.setsid()


def warm_up(_index: int) -> int:
    """Import xgboost and numpy in a pool process before the timed calls; return its pid.

    The call then sleeps for WARM_UP_SLEEP_SECONDS, so that each process of the pool takes one
    warm-up call and none is left to import xgboost during a timed call.
    """
    import numpy  # noqa: F401
    import xgboost  # noqa: F401

    time.sleep(WARM_UP_SLEEP_SECONDS)
    return os.getpid()


def train_direct(task: dict) -> dict:
    """Train one trial from CSV files and write its model; return timings and the error series.

    ``task`` contains ``train_csv``, ``validation_csv``, ``min_child_weight``, ``num_round`` and
    ``model_path``. Times are in seconds; ``started`` and ``ended`` are Unix times.
    """
    import numpy as np
    import xgboost

    started = time.time()
    load_start = time.perf_counter()
    train = np.loadtxt(task["train_csv"], delimiter=",")
    validation = np.loadtxt(task["validation_csv"], delimiter=",")
    train_matrix = xgboost.DMatrix(train[:, 1:], label=train[:, 0])
    validation_matrix = xgboost.DMatrix(validation[:, 1:], label=validation[:, 0])
    train_start = time.perf_counter()

    evals_result: dict = {}
    booster = xgboost.train(
        booster_parameters(task["min_child_weight"]),
        train_matrix,
        num_boost_round=task["num_round"],
        evals=[(train_matrix, "train"), (validation_matrix, "validation")],
        evals_result=evals_result,
        verbose_eval=False,
    )
    save_start = time.perf_counter()
    Path(task["model_path"]).write_bytes(bytes(booster.save_raw(raw_format="ubj")))
    save_end = time.perf_counter()

    return {
        "pid": os.getpid(),
        "started": started,
        "ended": time.time(),
        "load_seconds": train_start - load_start,
        "train_seconds": save_start - train_start,
        "save_seconds": save_end - save_start,
        "total_seconds": save_end - load_start,
        "validation_error": [
            float(value) for value in evals_result["validation"]["error"]
        ],
    }
