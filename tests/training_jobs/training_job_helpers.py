"""Helpers of the training job tests: request builders, bounded waits, shape checks."""

import os
import signal
import time

import numpy as np
import pytest
import xgboost
from botocore.validate import ParamValidator

from churn_studio_ext import local, tour_data
from churn_studio_ext.local import _training_records as records
from churn_studio_ext.local.errors import service_model

BUCKET = "sagemaker-studio-local-000000000000"
PREFIX = "xgboost-churn"
TRAIN_URI = f"s3://{BUCKET}/{PREFIX}/train"
VALIDATION_URI = f"s3://{BUCKET}/{PREFIX}/validation"
OUTPUT_URI = f"s3://{BUCKET}/{PREFIX}/output"
XGBOOST_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
ROLE_ARN = "arn:aws:iam::000000000000:role/service-role/LocalTrainingRole"

# The tour's algorithm-mode hyperparameters with a short run, because the point of most tests
# is the job machinery, not the 600-round tour.
SHORT_HYPERPARAMETERS = {
    "max_depth": "5",
    "eta": "0.2",
    "gamma": "4",
    "min_child_weight": "6",
    "subsample": "0.8",
    "silent": "0",
    "objective": "binary:logistic",
    "num_round": "20",
}

WAIT_TIMEOUT_SECONDS = 60.0


def channel(name: str, uri: str, content_type: str | None = "csv") -> dict:
    entry = {
        "ChannelName": name,
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}},
    }
    if content_type:
        entry["ContentType"] = content_type
    return entry


def job_request(name: str, hyperparameters: dict | None = None, **overrides) -> dict:
    """Build an algorithm-mode CreateTrainingJob request on the tour's channels."""
    request = {
        "TrainingJobName": name,
        "RoleArn": ROLE_ARN,
        "AlgorithmSpecification": {
            "TrainingImage": XGBOOST_IMAGE,
            "TrainingInputMode": "File",
        },
        "HyperParameters": dict(
            SHORT_HYPERPARAMETERS if hyperparameters is None else hyperparameters
        ),
        "InputDataConfig": [
            channel("train", TRAIN_URI),
            channel("validation", VALIDATION_URI),
        ],
        "OutputDataConfig": {"S3OutputPath": OUTPUT_URI},
        "ResourceConfig": {
            "InstanceType": "ml.m4.xlarge",
            "InstanceCount": 1,
            "VolumeSizeInGB": 5,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    request.update(overrides)
    return request


def wait_for_job(sm, name: str, timeout: float = WAIT_TIMEOUT_SECONDS) -> dict:
    """Poll DescribeTrainingJob until the job ends, and fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        description = sm.describe_training_job(TrainingJobName=name)
        if description["TrainingJobStatus"] in records.TERMINAL_STATUSES:
            return description
        if time.monotonic() > deadline:
            pytest.fail(
                f"Training job {name} did not end within {timeout} s; last status "
                f"{description['TrainingJobStatus']}/{description['SecondaryStatus']}"
            )
        time.sleep(0.1)


def wait_until(condition, awaited: str, timeout: float = WAIT_TIMEOUT_SECONDS):
    """Poll ``condition()`` until it returns a true value, and fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout} s waiting for {awaited}")
        time.sleep(0.05)


def output_shape_problems(operation_name: str, response: dict) -> str:
    """Return botocore's report of how ``response`` departs from the operation's output shape."""
    body = {key: value for key, value in response.items() if key != "ResponseMetadata"}
    shape = service_model("sagemaker").operation_model(operation_name).output_shape
    report = ParamValidator().validate(body, shape)
    return report.generate_report() if report.has_errors() else ""


def iteration_series(home, job_arn: str, metric_name: str) -> dict:
    """Fetch the job's ``metric_name`` series by iteration through BatchGetMetrics."""
    metrics = local.client("sagemaker-metrics", home=home)
    return metrics.batch_get_metrics(
        MetricQueries=[
            {
                "MetricName": metric_name,
                "ResourceArn": job_arn,
                "MetricStat": "Last",
                "Period": "IterationNumber",
                "XAxisType": "IterationNumber",
            }
        ]
    )["MetricQueryResults"][0]


def worker_pids(home) -> list[int]:
    store = local.get_store(home)
    with store.read() as conn:
        rows = conn.execute(
            "SELECT worker_pid FROM training_job WHERE worker_pid IS NOT NULL"
        ).fetchall()
    return [row["worker_pid"] for row in rows]


def stop_workers(home, timeout: float = 10.0) -> None:
    """Wait up to ``timeout`` seconds for the workers of ``home`` to exit, then kill the rest.

    Each worker leads its own process group (it is started in a new session), so killing the
    group also ends an entry-point script it started.
    """
    pids = worker_pids(home)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        records.worker_is_alive(pid) for pid in pids
    ):
        time.sleep(0.05)
    for pid in pids:
        if records.worker_is_alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# The tour's three Debugger rules. rule_configuration builds an entry as SDK v2's
# Rule.sagemaker(rule_configs.<rule>()) sends it.
TOUR_RULES = ("LossNotDecreasing", "Overtraining", "Overfit")
RULES_IMAGE = (
    "895741380848.dkr.ecr.us-west-2.amazonaws.com/sagemaker-debugger-rules:latest"
)


def rule_configuration(name: str, rule: str, **parameters: str) -> dict:
    return {
        "RuleConfigurationName": name,
        "RuleEvaluatorImage": RULES_IMAGE,
        "VolumeSizeInGB": 0,
        "RuleParameters": {"rule_to_invoke": rule, **parameters},
    }


TOUR_JOB_NAME = "demo-xgboost-customer-churn-2021-05-27-00-07-55-255"
TOUR_JOB_ROUNDS = 30


# The tour's trial in xgboost's own terms: the defaults the built-in trainer adds (error metric,
# base_score 0.5, exact tree method, seed 0, one thread) reproduce the 0.90-2 container.
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


def load_matrix(name: str) -> xgboost.DMatrix:
    """Load a shipped tour CSV file (label first) as an xgboost matrix."""
    table = np.loadtxt(tour_data.shipped_tour_file(name), delimiter=",")
    return xgboost.DMatrix(table[:, 1:], label=table[:, 0])


def direct_training(rounds: int) -> tuple[xgboost.Booster, dict, xgboost.DMatrix]:
    """Train the tour's trial with a plain xgboost.train call.

    Returns the booster, xgboost's evals_result and the validation matrix.
    """
    train = load_matrix("train.csv")
    validation = load_matrix("validation.csv")
    evals_result = {}
    booster = xgboost.train(
        DIRECT_PARAMS,
        train,
        num_boost_round=rounds,
        evals=[(train, "train"), (validation, "validation")],
        evals_result=evals_result,
        verbose_eval=False,
    )
    return booster, evals_result, validation
