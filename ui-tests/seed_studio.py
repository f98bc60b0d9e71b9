"""Create a fresh studio home with the experiment that the UI tests expect to see.

Usage: python seed_studio.py HOME. HOME is deleted first, so every run starts from the same data.
"""

import shutil
import sys
from pathlib import Path

from churn_studio_ext import local

EXPERIMENT_NAME = "galata-churn"
# SageMaker display names allow letters, digits and hyphens only, so no space here.
EXPERIMENT_DISPLAY_NAME = "Galata-churn"


def seed(home: Path) -> None:
    """Replace ``home`` with a studio home that contains one experiment and no trials."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)

    sagemaker = local.client("sagemaker", home=home)
    sagemaker.create_experiment(
        ExperimentName=EXPERIMENT_NAME, DisplayName=EXPERIMENT_DISPLAY_NAME
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Usage: python seed_studio.py HOME")
    seed(Path(sys.argv[1]).resolve())
