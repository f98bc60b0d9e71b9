"""Fixtures for the training job tests: a studio home with the tour's channels, and cleanup
of every worker process a test started."""

import pytest
from training_job_helpers import (
    TOUR_JOB_NAME,
    TOUR_JOB_ROUNDS,
    TOUR_RULES,
    TRAIN_URI,
    VALIDATION_URI,
    rule_configuration,
    stop_workers,
)

from churn_studio_ext import local, tour_data
from churn_studio_ext.local.objects import ObjectStore


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def sm(home):
    return local.client("sagemaker", home=home)


@pytest.fixture
def objects(home):
    return ObjectStore(home)


@pytest.fixture
def tour_channels(objects):
    """Upload the tour's train and validation CSV files under the tour's S3 prefixes."""
    objects.put_file(tour_data.shipped_tour_file("train.csv"), f"{TRAIN_URI}/train.csv")
    objects.put_file(
        tour_data.shipped_tour_file("validation.csv"),
        f"{VALIDATION_URI}/validation.csv",
    )
    return {"train": TRAIN_URI, "validation": VALIDATION_URI}


@pytest.fixture(autouse=True)
def stop_leftover_workers(home):
    """After each test, let its workers exit and kill any that remain."""
    yield
    if (home / "studio.db").exists():
        stop_workers(home)


@pytest.fixture(scope="session")
def tour_job(tmp_path_factory):
    """Run one algorithm-mode tour job with 30 rounds, an experiment config and Debugger rules.

    Returns the home, the client, the request and the final DescribeTrainingJob response.
    """
    from training_job_helpers import SHORT_HYPERPARAMETERS, job_request, wait_for_job

    home = tmp_path_factory.mktemp("tour-job") / "home"
    sm = local.client("sagemaker", home=home)
    objects = ObjectStore(home)
    objects.put_file(tour_data.shipped_tour_file("train.csv"), f"{TRAIN_URI}/train.csv")
    objects.put_file(
        tour_data.shipped_tour_file("validation.csv"),
        f"{VALIDATION_URI}/validation.csv",
    )
    sm.create_experiment(ExperimentName="customer-churn-prediction-xgboost")
    sm.create_trial(
        TrialName="algorithm-mode-trial",
        ExperimentName="customer-churn-prediction-xgboost",
    )

    rules = [rule_configuration(rule, rule) for rule in TOUR_RULES]
    # TreeDepth twice: with the job's max_depth, which no tree can exceed, and with depth 1,
    # which a depth-5 tree on the tour data exceeds from round 0.
    rules.append(rule_configuration("TreeDepthOfMaxDepth", "TreeDepth", depth="5"))
    rules.append(rule_configuration("TreeDepthOne", "TreeDepth", depth="1"))
    request = job_request(
        TOUR_JOB_NAME,
        {**SHORT_HYPERPARAMETERS, "num_round": str(TOUR_JOB_ROUNDS)},
        ExperimentConfig={
            "ExperimentName": "customer-churn-prediction-xgboost",
            "TrialName": "algorithm-mode-trial",
            "TrialComponentDisplayName": "Training",
        },
        DebugHookConfig={
            "S3OutputPath": "s3://sagemaker-studio-local-000000000000/xgboost-churn/output",
            "CollectionConfigurations": [
                {
                    "CollectionName": "losses",
                    "CollectionParameters": {"save_interval": "500"},
                }
            ],
        },
        DebugRuleConfigurations=rules,
        Tags=[{"Key": "tour", "Value": "algorithm"}],
    )
    created = sm.create_training_job(**request)
    description = wait_for_job(sm, TOUR_JOB_NAME)
    yield {
        "home": home,
        "sm": sm,
        "request": request,
        "created": created,
        "description": description,
    }
    stop_workers(home)
