"""Fixtures for the tour tests: one small tour run through the CLI on a fresh studio home."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from churn_studio_ext import cli, local

# Rounds per training job in the test run; the tour's 600 take over a minute on 2 cores.
TEST_NUM_ROUND = 15
# Set to 1 to run the tests marked slow (the full 600-round tour).
SLOW_TESTS_VARIABLE = "CHURN_STUDIO_RUN_SLOW"


def pytest_configure(config):
    config.addinivalue_line("markers", f"slow: long test, runs only with {SLOW_TESTS_VARIABLE}=1")


@dataclass
class CliRun:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*arguments: str) -> CliRun:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        exit_code = cli.main(list(arguments))
    return CliRun(exit_code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="session")
def tour_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tour-home")


@pytest.fixture(scope="session")
def tour_run(tour_home) -> CliRun:
    """`churn-studio tour` once on a fresh home with a small num_round."""
    return run_cli("tour", "--home", str(tour_home), "--num-round", str(TEST_NUM_ROUND), "--timeout", "300")


@pytest.fixture(scope="session")
def tour_clients(tour_home, tour_run):
    return local.client("sagemaker", home=tour_home), local.client("sagemaker-metrics", home=tour_home)
