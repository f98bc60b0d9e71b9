"""A client wrapper that checks every response against botocore's output shape."""

import botocore.session
from botocore import xform_name

from .response_shape import output_errors

_botocore_session = botocore.session.get_session()


class ShapeMismatch(AssertionError):
    """A response that does not fit the operation's output shape."""


class CheckedClient:
    """Forward calls to a boto3-shaped client and fail on any response that breaks the model.

    Every operation method of the service is checked. Other attributes, such as ``exceptions``
    and ``meta``, pass through unchanged.
    """

    def __init__(self, client, service_name: str, backend_name: str):
        self.client = client
        self.service_name = service_name
        self.backend_name = backend_name
        model = _botocore_session.get_service_model(service_name)
        self._operation_by_method = {
            xform_name(name): name for name in model.operation_names
        }

    def __getattr__(self, name):
        attribute = getattr(self.client, name)
        operation_name = self._operation_by_method.get(name)
        if operation_name is None:
            return attribute

        def checked_call(**kwargs):
            response = attribute(**kwargs)
            errors = output_errors(self.service_name, operation_name, response)
            if errors:
                raise ShapeMismatch(
                    f"{self.backend_name} {operation_name} response breaks botocore's output "
                    f"shape: " + "; ".join(errors)
                )
            return response

        return checked_call
