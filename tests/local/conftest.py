"""Fixtures and checks shared by the local client tests: a fresh studio home per test, and a
walker that compares a response with botocore's output shape of its operation."""

import datetime
import os

import pytest
from botocore.exceptions import ClientError

from churn_studio_ext import local
from churn_studio_ext.local import _timestamps
from churn_studio_ext.local.errors import service_model

# The SageMaker Python SDK v2 prints a deprecation banner on import unless this is set.
os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")


@pytest.fixture
def sm(tmp_path):
    """A local ``sagemaker`` client on an empty studio home."""
    return local.client("sagemaker", home=tmp_path / "home")


class SteppingClock:
    """A stand-in for the ``time`` module whose ``time()`` advances one second per call."""

    def __init__(self, start: float):
        self.current = start

    def time(self) -> float:
        self.current += 1.0
        return self.current


@pytest.fixture
def clock(monkeypatch):
    """Give every resource created in the test its own CreationTime, one second apart."""
    stepping = SteppingClock(1_700_000_000.0)
    monkeypatch.setattr(_timestamps, "time", stepping)
    return stepping


def output_shape_problems(service_name: str, operation_name: str, response: dict) -> list[str]:
    """List every way ``response`` departs from botocore's output shape of the operation.

    Checks that each returned key is a member of the model, each value has the member's type
    (timestamps as time-zone-aware datetimes, enum strings within the enum), and each required
    member is present. ``ResponseMetadata`` at the top level is checked separately.
    """
    shape = service_model(service_name).operation_model(operation_name).output_shape
    body = dict(response)
    metadata = body.pop("ResponseMetadata", None)
    metadata = dict(metadata) if isinstance(metadata, dict) else metadata

    problems = []
    expected_metadata = {"HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}
    if not isinstance(metadata, dict):
        problems.append(f"ResponseMetadata is missing: {metadata!r}")
    else:
        request_id = metadata.pop("RequestId", None)
        if not isinstance(request_id, str) or not request_id:
            problems.append(f"ResponseMetadata.RequestId is {request_id!r}")
        if metadata != expected_metadata:
            problems.append(f"ResponseMetadata is {metadata!r}, expected {expected_metadata!r}")

    if shape is None:
        if body:
            problems.append(f"{operation_name} has no output members, but returned {sorted(body)}")
        return problems
    _walk(body, shape, operation_name, problems)
    return problems


@pytest.fixture
def assert_output_shape():
    """Return a check that a ``sagemaker`` response matches its operation's output shape."""

    def check(operation_name: str, response: dict, service_name: str = "sagemaker") -> None:
        problems = output_shape_problems(service_name, operation_name, response)
        assert problems == [], "\n".join(problems)

    return check


def _walk(value, shape, path: str, problems: list[str]) -> None:
    type_name = shape.type_name

    if type_name == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a dict for {shape.name}, got {type(value).__name__}")
            return
        for key, item in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
                continue
            _walk(item, shape.members[key], f"{path}.{key}", problems)
        for required in shape.required_members:
            if required not in value:
                problems.append(f"{path}: required member {required} of {shape.name} is missing")

    elif type_name == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _walk(item, shape.member, f"{path}[{index}]", problems)

    elif type_name == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a dict (map), got {type(value).__name__}")
            return
        for key, item in value.items():
            _walk(key, shape.key, f"{path} key {key!r}", problems)
            _walk(item, shape.value, f"{path}[{key!r}]", problems)

    elif type_name == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected str, got {type(value).__name__}")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")

    elif type_name in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected int, got {type(value).__name__}")

    elif type_name in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number, got {type(value).__name__}")

    elif type_name == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected bool, got {type(value).__name__}")

    elif type_name == "timestamp":
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            problems.append(f"{path}: expected an aware datetime, got {value!r}")

    else:
        problems.append(f"{path}: unchecked shape type {type_name}")


@pytest.fixture
def error_of():
    """Return a function giving the (code, message) of a ``ClientError`` from ``pytest.raises``."""

    def code_and_message(excinfo) -> tuple[str, str]:
        error = excinfo.value
        assert isinstance(error, ClientError)
        return error.response["Error"]["Code"], error.response["Error"]["Message"]

    return code_and_message
