"""Framework-mode training script of the churn tour: XGBoost on the train and validation channels.

The SageMaker XGBoost framework container (and the local backend) runs this file with the job's
hyperparameters as ``--name value`` arguments and the channel and model folders in the SM_*
environment variables. It trains a binary classifier, prints XGBoost's evaluation line for each
round, records ``train:error`` and ``validation:error`` per round as job metrics (the series the
Debugger rules evaluate), and saves the booster as ``<SM_MODEL_DIR>/xgboost-model``.

Settings that XGBoost 0.90 (the tour's container) used by default and current releases do not
are passed explicitly, so this trial compares with the algorithm-mode trials: the ``error``
metric, a starting score of 0.5 and the exact tree method.
"""

import argparse
import glob
import os

import numpy as np
import xgboost

try:
    # Present when the local backend runs the job. Elsewhere the metrics come from the log.
    from churn_studio_ext.training.job_metrics import log_metric
except ImportError:  # pragma: no cover - depends on where the script runs

    def log_metric(name, value, step=None, timestamp=None):
        return None


MODEL_FILE_NAME = "xgboost-model"


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description="Train the customer-churn XGBoost model.")
    parser.add_argument("--max_depth", type=int, default=5)
    parser.add_argument("--eta", type=float, default=0.2)
    parser.add_argument("--gamma", type=float, default=4)
    parser.add_argument("--min_child_weight", type=float, default=6)
    parser.add_argument("--subsample", type=float, default=0.8)
    parser.add_argument("--silent", type=int, default=0)
    parser.add_argument("--objective", type=str, default="binary:logistic")
    parser.add_argument("--num_round", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN"))
    parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION"))
    parser.add_argument("--model_dir", default=os.environ.get("SM_MODEL_DIR"))
    return parser.parse_args(argv)


def load_channel(folder, channel):
    """Read every CSV file of a channel folder into a DMatrix whose label is the first column."""
    if not folder:
        raise SystemExit(
            f"Channel {channel!r} has no folder: pass --{channel} or set SM_CHANNEL_{channel.upper()}."
        )
    files = sorted(glob.glob(os.path.join(folder, "**", "*.csv"), recursive=True))
    if not files:
        raise SystemExit(f"Channel {channel!r} folder {folder!r} contains no .csv file.")
    table = np.vstack([np.loadtxt(path, delimiter=",", ndmin=2) for path in files])
    return xgboost.DMatrix(table[:, 1:], label=table[:, 0])


class MetricRecorder(xgboost.callback.TrainingCallback):
    """Training callback that records each round's results as `<channel>:<metric>` job metrics.

    The step of each value is the 0-based round, as smdebug's XGBoost hook counts steps.
    """

    def after_iteration(self, model, epoch, evals_log):
        for channel, metrics in evals_log.items():
            for metric, values in metrics.items():
                log_metric(f"{channel}:{metric}", float(values[-1]), step=epoch)
        return False


def booster_parameters(arguments):
    return {
        "max_depth": arguments.max_depth,
        "eta": arguments.eta,
        "gamma": arguments.gamma,
        "min_child_weight": arguments.min_child_weight,
        "subsample": arguments.subsample,
        "objective": arguments.objective,
        "verbosity": 0 if arguments.silent else 1,
        "seed": arguments.seed,
        "eval_metric": "error",
        "base_score": 0.5,
        "tree_method": "exact",
        # One thread: the trees are small, and with one thread per CPU, jobs running side by
        # side slow each other down several times over.
        "nthread": 1,
    }


def main(argv=None):
    arguments = parse_arguments(argv)
    train = load_channel(arguments.train, "train")
    validation = load_channel(arguments.validation, "validation")
    print(f"train matrix: {train.num_row()}x{train.num_col()}, validation matrix: "
          f"{validation.num_row()}x{validation.num_col()}", flush=True)

    booster = xgboost.train(
        booster_parameters(arguments),
        train,
        num_boost_round=arguments.num_round,
        evals=[(train, "train"), (validation, "validation")],
        callbacks=[MetricRecorder()],
        verbose_eval=True,
    )

    if not arguments.model_dir:
        raise SystemExit("No model folder: pass --model_dir or set SM_MODEL_DIR.")
    os.makedirs(arguments.model_dir, exist_ok=True)
    with open(os.path.join(arguments.model_dir, MODEL_FILE_NAME), "wb") as model_file:
        model_file.write(bytes(booster.save_raw(raw_format="ubj")))


def model_fn(model_dir):
    """Load the saved booster for serving, single-threaded as one request is small."""
    booster = xgboost.Booster()
    with open(os.path.join(model_dir, MODEL_FILE_NAME), "rb") as model_file:
        booster.load_model(bytearray(model_file.read()))
    booster.set_param("nthread", 1)
    return booster


if __name__ == "__main__":
    main()
