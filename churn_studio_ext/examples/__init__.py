"""Example notebooks and scripts shipped with the package: the SageMaker Studio tour."""

from importlib import resources
from pathlib import Path

TOUR_NOTEBOOK_NAME = "xgboost_customer_churn_tour.ipynb"
FRAMEWORK_SCRIPT_NAME = "xgboost_customer_churn.py"


def examples_dir() -> Path:
    """Return the folder of the shipped examples."""
    # The package is installed as plain files (wheel or editable), so this is a real path.
    return Path(str(resources.files(__name__)))


def tour_notebook_path() -> Path:
    """Return the path of the tour notebook."""
    return examples_dir() / TOUR_NOTEBOOK_NAME


def framework_script_path() -> Path:
    """Return the path of the tour's framework-mode training script."""
    return examples_dir() / FRAMEWORK_SCRIPT_NAME
