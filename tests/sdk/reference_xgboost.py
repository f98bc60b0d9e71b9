"""Reference results for the tour's trials: xgboost.train called directly, and recorded series.

The local built-in algorithm reproduces the XGBoost 0.90-2 container, whose defaults differ from
current xgboost. The reference passes them explicitly: evaluation metric `error` for
binary:logistic, base_score 0.5, seed 0, the exact tree method (0.90 chose it for data this
small) and one thread.
"""

from __future__ import annotations

import numpy as np
import xgboost

from churn_studio_ext import tour_data

TOUR_HYPERPARAMETERS = {
    "max_depth": 5,
    "subsample": 0.8,
    "eta": 0.2,
    "gamma": 4,
    "min_child_weight": 6,
    "silent": 0,
    "objective": "binary:logistic",
}


def tour_matrix(file_name: str) -> xgboost.DMatrix:
    table = np.loadtxt(tour_data.shipped_tour_file(file_name), delimiter=",")
    return xgboost.DMatrix(table[:, 1:], label=table[:, 0])


def direct_errors(min_child_weight: float, num_round: int) -> dict[str, list[float]]:
    """Return {'train:error': [...], 'validation:error': [...]} of a direct xgboost.train run."""
    train = tour_matrix("train.csv")
    validation = tour_matrix("validation.csv")
    params = {
        "max_depth": 5,
        "subsample": 0.8,
        "eta": 0.2,
        "gamma": 4,
        "min_child_weight": min_child_weight,
        "objective": "binary:logistic",
        "eval_metric": "error",
        "base_score": 0.5,
        "seed": 0,
        "tree_method": "exact",
        "nthread": 1,
    }
    history = {}
    xgboost.train(
        params,
        train,
        num_boost_round=num_round,
        evals=[(train, "train"), (validation, "validation")],
        evals_result=history,
        verbose_eval=False,
    )
    return {
        "train:error": history["train"]["error"],
        "validation:error": history["validation"]["error"],
    }


def recorded_series(metrics_client, trial_component_arn: str, metric_name: str) -> list[float]:
    """Return a metric's values by step as the sagemaker-metrics client stores them."""
    response = metrics_client.batch_get_metrics(
        MetricQueries=[
            {
                "MetricName": metric_name,
                "ResourceArn": trial_component_arn,
                "MetricStat": "Last",
                "Period": "IterationNumber",
                "XAxisType": "IterationNumber",
            }
        ]
    )
    (result,) = response["MetricQueryResults"]
    assert result["Status"] == "Complete", result
    steps = result["XAxisValues"]
    assert steps == list(range(len(steps))), steps
    return result["MetricValues"]
