"""Add finished local training jobs with the tour's Debugger rules to a studio home.

Usage: python seed_training.py HOME. start_lab.py calls ``seed_training(home)`` after
seed_studio.py has created HOME. The jobs belong to their own experiment, so the experiment that
seed_studio.py creates keeps no trials.

Two XGBoost jobs of 20 rounds run on the tour's churn data, differing only in
``min_child_weight``, so a chart of both has two points. Each job has the three rules that the
tour attaches (LossNotDecreasing, Overtraining, Overfit) in the request shape of SageMaker SDK v2's
``Rule.sagemaker(rule_configs.<rule>())``. The function returns when both jobs have ended, and
raises if one failed or ran longer than ``JOB_TIMEOUT_SECONDS``.
"""

import sys
import tempfile
import time
from pathlib import Path

from churn_studio_ext import local, tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.training.launcher import stop_launcher

EXPERIMENT_NAME = "galata-training"
TRIAL_NAME = "galata-training-trial"
# Job names; their trial components are "<job>-aws-training-job".
JOB_MIN_CHILD_WEIGHTS = {"galata-xgboost-mcw-2": "2", "galata-xgboost-mcw-10": "10"}

BUCKET = "s3://sagemaker-studio-local-000000000000"
PREFIX = f"{BUCKET}/galata-churn"
XGBOOST_IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
RULES_IMAGE = "895741380848.dkr.ecr.us-west-2.amazonaws.com/sagemaker-debugger-rules:latest"
ROLE_ARN = "arn:aws:iam::000000000000:role/service-role/LocalTrainingRole"
TOUR_RULES = ("LossNotDecreasing", "Overtraining", "Overfit")

# Both 20-round jobs ended within about 4 s on a 2-core container. The bound only catches a
# stuck worker.
JOB_TIMEOUT_SECONDS = 300.0


def upload_tour_channels(home: Path) -> None:
    """Write the tour's train and validation CSV files under the channels' S3 prefixes."""
    objects = ObjectStore(home)
    with tempfile.TemporaryDirectory() as folder:
        files = tour_data.prepare_tour_files(folder)
        for channel in ("train", "validation"):
            objects.put_file(files[f"{channel}.csv"], f"{PREFIX}/{channel}/{channel}.csv")


def job_request(name: str, min_child_weight: str) -> dict:
    """Build the algorithm-mode CreateTrainingJob request of one tour trial."""
    return {
        "TrainingJobName": name,
        "RoleArn": ROLE_ARN,
        "AlgorithmSpecification": {"TrainingImage": XGBOOST_IMAGE, "TrainingInputMode": "File"},
        "HyperParameters": {
            "max_depth": "5",
            "eta": "0.2",
            "gamma": "4",
            "min_child_weight": min_child_weight,
            "subsample": "0.8",
            "silent": "0",
            "objective": "binary:logistic",
            "num_round": "20",
        },
        "InputDataConfig": [
            {
                "ChannelName": channel,
                "ContentType": "csv",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"{PREFIX}/{channel}"}
                },
            }
            for channel in ("train", "validation")
        ],
        "OutputDataConfig": {"S3OutputPath": f"{PREFIX}/output"},
        "ResourceConfig": {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        "ExperimentConfig": {
            "ExperimentName": EXPERIMENT_NAME,
            "TrialName": TRIAL_NAME,
            "TrialComponentDisplayName": "Training",
        },
        "DebugRuleConfigurations": [
            {
                "RuleConfigurationName": rule,
                "RuleEvaluatorImage": RULES_IMAGE,
                "VolumeSizeInGB": 0,
                "RuleParameters": {"rule_to_invoke": rule},
            }
            for rule in TOUR_RULES
        ],
    }


def wait_for_jobs(sagemaker, names) -> None:
    """Poll DescribeTrainingJob until every job has ended; raise unless all completed."""
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    pending = set(names)
    while pending:
        for name in sorted(pending):
            description = sagemaker.describe_training_job(TrainingJobName=name)
            status = description["TrainingJobStatus"]
            if status == "Completed":
                pending.discard(name)
            elif status in ("Failed", "Stopped"):
                raise RuntimeError(
                    f"Seed training job {name} ended {status}: {description.get('FailureReason')}"
                )
        if pending and time.monotonic() > deadline:
            raise TimeoutError(
                f"Seed training jobs {sorted(pending)} did not complete within "
                f"{JOB_TIMEOUT_SECONDS} s."
            )
        time.sleep(0.5)


def seed_training(home: Path) -> None:
    """Run the seed training jobs in ``home`` and wait until they have completed."""
    sagemaker = local.client("sagemaker", home=home)
    upload_tour_channels(home)
    sagemaker.create_experiment(ExperimentName=EXPERIMENT_NAME)
    sagemaker.create_trial(TrialName=TRIAL_NAME, ExperimentName=EXPERIMENT_NAME)

    for name, min_child_weight in JOB_MIN_CHILD_WEIGHTS.items():
        sagemaker.create_training_job(**job_request(name, min_child_weight))
    wait_for_jobs(sagemaker, JOB_MIN_CHILD_WEIGHTS)
    # The jobs started the home's training launcher, which would otherwise wait 10 minutes.
    stop_launcher(home)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Usage: python seed_training.py HOME")
    seed_training(Path(sys.argv[1]).resolve())
