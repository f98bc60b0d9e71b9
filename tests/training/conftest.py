"""Fixtures for the built-in XGBoost trainer tests: the tour's channels and CSV writers."""

from pathlib import Path
from types import MappingProxyType

import pytest

from churn_studio_ext import tour_data

# The tour's first trial (algorithm mode, min_child_weight 6), as CreateTrainingJob carries it.
TOUR_HYPERPARAMETERS = {
    "max_depth": "5",
    "eta": "0.2",
    "gamma": "4",
    "min_child_weight": "6",
    "subsample": "0.8",
    "silent": "0",
    "objective": "binary:logistic",
    "num_round": "600",
}


@pytest.fixture(scope="session")
def tour_hyperparameters() -> MappingProxyType:
    """The tour's first trial, read-only; tests build variants with `{**tour_hyperparameters}`."""
    return MappingProxyType(TOUR_HYPERPARAMETERS)


@pytest.fixture(scope="session")
def short_run_hyperparameters(tour_hyperparameters):
    """Return a function that makes a 20-round variant of the tour's trial with overrides."""

    def make(**overrides: str) -> dict[str, str]:
        return {**tour_hyperparameters, "num_round": "20", **overrides}

    return make


@pytest.fixture(scope="session")
def tour_channels() -> dict[str, Path]:
    return {
        "train": tour_data.shipped_tour_file("train.csv"),
        "validation": tour_data.shipped_tour_file("validation.csv"),
    }


@pytest.fixture
def write_csv(tmp_path):
    """Return a function that writes text to a file under tmp_path and returns its path."""

    def write(relative_path: str, text: str) -> Path:
        path = tmp_path / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
