"""The boto3 client surface shared by the local clients.

A local client looks like a boto3 client to code that inspects one: ``client.meta`` (region,
service model, partition, config, events), ``client.exceptions``, ``can_paginate`` and
``get_paginator``. Each operation is a method decorated with ``@operation("OperationName")``,
which rejects positional arguments as boto3 does, validates the keyword arguments against
botocore's input shape, turns a ``ServiceError`` into the ``ClientError`` boto3 would raise,
and adds ``ResponseMetadata`` to the response.
"""

import functools
import logging
import uuid

import botocore.session
from botocore.client import ClientMeta
from botocore.config import Config
from botocore.exceptions import OperationNotPageableError
from botocore.hooks import HierarchicalEmitter
from botocore.paginate import Paginator

from . import errors
from .arns import PARTITION
from .validation import validate_request

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """An error response of the service, raised inside an operation before its name is attached.

    ``code`` is the AWS error code (``ValidationException``, ``ResourceNotFound``, ...); the
    ``@operation`` wrapper converts it to the modeled ``ClientError`` subclass.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def validation(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def not_found(message: str) -> ServiceError:
    return ServiceError("ResourceNotFound", message)


def operation(operation_name: str):
    """Mark a method as the local implementation of ``operation_name``.

    The method receives the validated request as one ``params`` dict and returns the response
    without ``ResponseMetadata``.
    """

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **params):
            if args:
                raise TypeError(f"{method.__name__}() only accepts keyword arguments.")
            return self._invoke(operation_name, method, params)

        call.operation_name = operation_name
        return call

    return decorate


class LocalClientBase:
    """Base of the local clients: the boto3 client surface without the operations."""

    service_name: str = ""

    def __init__(self, store, region_name: str):
        self._store = store
        model = errors.service_model(self.service_name)
        self._operation_methods = _operation_methods(type(self))
        self.meta = ClientMeta(
            events=HierarchicalEmitter(),
            client_config=Config(region_name=region_name),
            endpoint_url=store.home.as_uri(),
            service_model=model,
            method_to_api_mapping=dict(self._operation_methods),
            partition=PARTITION,
        )
        self.exceptions = errors.exceptions_for(self.service_name)

    @property
    def store(self):
        return self._store

    def validate_request(self, operation_name: str, params: dict) -> None:
        """Validate ``params`` of ``operation_name`` as boto3 and then the service would."""
        validate_request(self.service_name, operation_name, params)

    def response(self, body: dict) -> dict:
        """Return ``body`` with the ``ResponseMetadata`` boto3 adds to every successful response."""
        body["ResponseMetadata"] = {
            "RequestId": str(uuid.uuid4()),
            "HTTPStatusCode": 200,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        }
        return body

    def can_paginate(self, operation_name: str) -> bool:
        """Tell whether ``get_paginator`` supports the method named ``operation_name``."""
        api_name = self._operation_methods.get(operation_name)
        if api_name is None:
            return False
        return _paginator_config(self.service_name, api_name) is not None

    def get_paginator(self, operation_name: str) -> Paginator:
        """Return botocore's paginator over the local method named ``operation_name``."""
        api_name = self._operation_methods.get(operation_name)
        config = _paginator_config(self.service_name, api_name) if api_name else None
        if config is None:
            raise OperationNotPageableError(operation_name=operation_name)
        return Paginator(
            getattr(self, operation_name),
            config,
            self.meta.service_model.operation_model(api_name),
        )

    def _invoke(self, operation_name: str, method, params: dict) -> dict:
        self.validate_request(operation_name, params)
        try:
            body = method(self, params)
        except ServiceError as error:
            log.debug(
                "%s %s failed: %s %s", self.service_name, operation_name, error.code, error.message
            )
            raise errors.client_error(
                self.service_name, operation_name, error.code, error.message
            ) from None
        return self.response(body)


def _operation_methods(cls) -> dict[str, str]:
    # Python method name -> API operation name, for every @operation method of the class.
    methods = {}
    for name in dir(cls):
        api_name = getattr(getattr(cls, name, None), "operation_name", None)
        if isinstance(api_name, str):
            methods[name] = api_name
    return methods


@functools.lru_cache(maxsize=None)
def _paginator_config(service_name: str, api_name: str) -> dict | None:
    paginator_model = botocore.session.get_session().get_paginator_model(service_name)
    try:
        return paginator_model.get_paginator(api_name)
    except ValueError:
        return None
