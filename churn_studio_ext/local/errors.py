"""SageMaker's error responses, raised as botocore ``ClientError`` exactly as boto3 raises them.

boto3 builds one ``ClientError`` subclass per modeled error code and exposes it as
``client.exceptions.<Code>``. Code that catches ``client.exceptions.ResourceNotFound`` must work
with the local clients too, so the classes come from botocore's own exception factory.
"""

import uuid

import botocore.session
from botocore.errorfactory import ClientExceptionsFactory
from botocore.exceptions import ClientError

_botocore_session = botocore.session.get_session()
_exceptions_by_service: dict = {}


def service_model(service_name: str):
    """Return botocore's model of ``service_name`` (``sagemaker``, ``sagemaker-metrics``, ...)."""
    return _botocore_session.get_service_model(service_name)


def exceptions_for(service_name: str):
    """Return the ``client.exceptions`` object that boto3 gives a client of ``service_name``."""
    if service_name not in _exceptions_by_service:
        factory = ClientExceptionsFactory()
        _exceptions_by_service[service_name] = factory.create_client_exceptions(
            service_model(service_name)
        )
    return _exceptions_by_service[service_name]


def client_error(
    service_name: str, operation_name: str, code: str, message: str, status: int = 400
) -> ClientError:
    """Build the exception boto3 raises for an error response with ``code`` and ``message``.

    The modeled subclass (``client.exceptions.<code>``) is used when the service models the code,
    so both ``except ClientError`` and ``except client.exceptions.<code>`` catch it.
    """
    response = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {
            "RequestId": str(uuid.uuid4()),
            "HTTPStatusCode": status,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        },
    }
    error_class = exceptions_for(service_name).from_code(code)
    return error_class(response, operation_name)


def validation_error(service_name: str, operation_name: str, message: str) -> ClientError:
    return client_error(service_name, operation_name, "ValidationException", message)


def not_found_error(service_name: str, operation_name: str, message: str) -> ClientError:
    return client_error(service_name, operation_name, "ResourceNotFound", message)


def in_use_error(service_name: str, operation_name: str, message: str) -> ClientError:
    return client_error(service_name, operation_name, "ResourceInUse", message)
