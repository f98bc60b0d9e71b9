"""Mapping of boto3 errors to HTTP statuses and messages."""

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ParamValidationError

from churn_studio_ext.server.errors import from_boto_error


def client_error(code: str, message: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, "DescribeExperiment")


def test_resource_not_found_is_404():
    error = from_boto_error(client_error("ResourceNotFound", "Experiment 'x' does not exist."), "local", "DescribeExperiment")

    assert error.status == 404
    assert error.message == "Experiment 'x' does not exist."


def test_validation_exception_is_400():
    error = from_boto_error(client_error("ValidationException", "Value 'a b' at 'name' failed"), "aws", "Search")

    assert error.status == 400
    assert error.message == "Search rejected the request: Value 'a b' at 'name' failed"


def test_param_validation_error_is_400():
    error = from_boto_error(ParamValidationError(report="Invalid type for parameter MaxResults"), "aws", "Search")

    assert error.status == 400
    assert "Invalid type for parameter MaxResults" in error.message


@pytest.mark.parametrize(
    "error",
    [
        client_error("ThrottlingException", "Rate exceeded"),
        EndpointConnectionError(endpoint_url="https://sagemaker.invalid"),
    ],
)
def test_other_errors_are_502_naming_backend(error):
    mapped = from_boto_error(error, "aws", "ListExperiments")

    assert mapped.status == 502
    assert "ListExperiments failed on the aws backend" in mapped.message


def test_non_boto_error_rejected():
    with pytest.raises(TypeError, match="not a boto3 error"):
        from_boto_error(ValueError("x"), "local", "Search")
