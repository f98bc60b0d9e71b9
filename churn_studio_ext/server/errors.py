"""Errors that the service raises with an HTTP status, and the mapping from boto3's errors.

The service raises ``StudioError`` and never imports tornado; the handlers turn it into
``tornado.web.HTTPError`` with the same status and message.
"""

import logging
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError

log = logging.getLogger(__name__)

# Error codes that mean the named resource does not exist. SageMaker models ``ResourceNotFound``,
# but DescribeTrainingJob reports a missing job as a ValidationException, which stays a 400.
NOT_FOUND_CODES = frozenset({"ResourceNotFound", "ResourceNotFoundException", "NoSuchEntity"})
BAD_REQUEST_CODES = frozenset({"ValidationException", "ValidationError", "InvalidParameterValue"})


class StudioError(Exception):
    """A request failure with the HTTP status and the message to show the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class BadRequest(StudioError):
    def __init__(self, message: str):
        super().__init__(400, message)


class NotFound(StudioError):
    def __init__(self, message: str):
        super().__init__(404, message)


class BackendError(StudioError):
    def __init__(self, message: str):
        super().__init__(502, message)


def from_boto_error(error: Exception, backend: str, operation: str) -> StudioError:
    """Map an error raised by a boto3-shaped client to a ``StudioError``.

    ResourceNotFound becomes 404 and ValidationException or ParamValidationError become 400, each
    with the service's own message. Every other error becomes 502 naming the backend, because it
    is the backend, not the request, that failed.
    """
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message") or str(error)
        if code in NOT_FOUND_CODES:
            return NotFound(message)
        if code in BAD_REQUEST_CODES:
            return BadRequest(f"{operation} rejected the request: {message}")
        log.warning("%s on the %s backend failed with %s: %s", operation, backend, code, message)
        # The local backend has no credentials, region or quotas to check, so its advice points
        # to the server log instead.
        advice = (
            "Check the backend's credentials, region and quotas, then retry."
            if backend != "local"
            else "Retry, or see the JupyterLab server log for details."
        )
        return BackendError(f"{operation} failed on the {backend} backend with {code}: {message}. {advice}")

    if isinstance(error, ParamValidationError):
        return BadRequest(f"{operation} rejected the request: {error}")

    if isinstance(error, BotoCoreError):
        log.warning("%s on the %s backend failed: %s", operation, backend, error)
        return BackendError(
            f"{operation} failed on the {backend} backend: {error}. "
            "Check the backend's credentials, region and network, then retry."
        )

    raise TypeError(f"not a boto3 error: {error!r}")


@contextmanager
def translated_boto_errors(backend: str, operation: str, in_use_is_conflict: bool = False):
    """Translate the boto3 errors raised inside the block with ``from_boto_error``.

    With ``in_use_is_conflict``, ResourceInUse becomes 409 with the service's message, because
    a name that is taken is the request's conflict, not a backend failure.
    """
    try:
        yield
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if in_use_is_conflict and code == "ResourceInUse":
            raise StudioError(409, error.response["Error"].get("Message", str(error))) from error
        raise from_boto_error(error, backend, operation) from error
    except BotoCoreError as error:
        raise from_boto_error(error, backend, operation) from error
