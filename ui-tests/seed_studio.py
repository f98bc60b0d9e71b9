"""Create a fresh studio home with the experiments that the UI tests expect to see.

Usage: python seed_studio.py HOME. HOME is deleted first, so every run starts from the same data.

The home contains two experiments. ``galata-churn`` has no trials. ``churn-tour`` mirrors the
tour's hyperparameter sweep: one trial per ``min_child_weight`` value, each with one training
trial component that has a ``validation:error`` series and a model artifact. One more trial
component belongs to no trial.
"""

import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from churn_studio_ext import local
from stop_endpoints import stop_endpoints

EXPERIMENT_NAME = "galata-churn"
# SageMaker display names allow letters, digits and hyphens only, so no space here.
EXPERIMENT_DISPLAY_NAME = "Galata-churn"

TOUR_EXPERIMENT = "churn-tour"
# min_child_weight -> the last validation:error. 4 has the lowest, as in the tour's chart.
TOUR_SWEEP = {2: 0.0740, 4: 0.0630, 10: 0.0685}
UNASSIGNED_COMPONENT = "churn-tour-preprocessing"
METRIC_STEPS = 10
START_TIME = datetime(2026, 12, 4, 20, 0, tzinfo=timezone.utc)


def tour_trial_name(min_child_weight: int) -> str:
    return f"churn-tour-mcw-{min_child_weight}"


def tour_component_name(min_child_weight: int) -> str:
    return f"churn-tour-xgboost-mcw-{min_child_weight}"


def seed(home: Path) -> None:
    """Replace ``home`` with a studio home that contains the two experiments."""
    # The old home's endpoints would keep their model servers running after the folder is gone.
    stop_endpoints(home)
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)

    sagemaker = local.client("sagemaker", home=home)
    metrics = local.client("sagemaker-metrics", home=home)
    sagemaker.create_experiment(
        ExperimentName=EXPERIMENT_NAME, DisplayName=EXPERIMENT_DISPLAY_NAME
    )
    seed_tour(sagemaker, metrics)


def seed_tour(sagemaker, metrics) -> None:
    """Create the ``churn-tour`` sweep and one trial component outside any trial."""
    sagemaker.create_experiment(ExperimentName=TOUR_EXPERIMENT, DisplayName="Churn-tour")

    for min_child_weight, last_error in TOUR_SWEEP.items():
        trial = tour_trial_name(min_child_weight)
        component = tour_component_name(min_child_weight)
        sagemaker.create_trial(TrialName=trial, ExperimentName=TOUR_EXPERIMENT)
        sagemaker.create_trial_component(
            TrialComponentName=component,
            DisplayName=f"Training-mcw-{min_child_weight}",
            Status={"PrimaryStatus": "Completed"},
            StartTime=START_TIME,
            EndTime=START_TIME + timedelta(minutes=5),
            Parameters={
                "min_child_weight": {"NumberValue": min_child_weight},
                "max_depth": {"NumberValue": 5},
                "objective": {"StringValue": "binary:logistic"},
            },
            OutputArtifacts={
                "SageMaker.ModelArtifact": {
                    "Value": f"s3://churn-tour/output/{component}/model.tar.gz"
                }
            },
        )
        sagemaker.associate_trial_component(TrialComponentName=component, TrialName=trial)
        put_error_series(metrics, component, last_error)

    sagemaker.create_trial_component(
        TrialComponentName=UNASSIGNED_COMPONENT,
        DisplayName="Preprocessing",
        Status={"PrimaryStatus": "Completed"},
    )


def put_error_series(metrics, component: str, last_error: float) -> None:
    """Log a ``validation:error`` series that falls to ``last_error`` at the last step."""
    points = [
        {
            "MetricName": "validation:error",
            "Timestamp": START_TIME + timedelta(seconds=step),
            "Step": step,
            "Value": last_error + 0.01 * (METRIC_STEPS - 1 - step),
        }
        for step in range(METRIC_STEPS)
    ]
    response = metrics.batch_put_metrics(TrialComponentName=component, MetricData=points)
    if response.get("Errors"):
        raise RuntimeError(f"Storing validation:error of {component} failed: {response['Errors']}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Usage: python seed_studio.py HOME")
    seed(Path(sys.argv[1]).resolve())
