"""Assertions on the ``ClientError`` that boto3 raises for a rejected request."""

from botocore.exceptions import ClientError


def assert_client_error(error: ClientError, code: str, *fragments: str) -> None:
    """Assert the error's code and HTTP status, and that its message contains each fragment.

    Fragments are compared case-insensitively because SageMaker names are not case-sensitive
    and ARNs in messages may be lower-cased.
    """
    details = error.response["Error"]
    assert details["Code"] == code, f"expected {code}, got {details['Code']}: {details}"

    status = error.response["ResponseMetadata"]["HTTPStatusCode"]
    assert status == 400, f"expected HTTP 400 for {code}, got {status}"

    message = details.get("Message", "")
    for fragment in fragments:
        assert fragment.lower() in message.lower(), (
            f"{fragment!r} is not in message {message!r}"
        )
