"""The local ``sagemaker-runtime`` client: InvokeEndpoint on local model servers.

``invoke_endpoint`` looks up the endpoint's server port in the store and sends the request over
a persistent HTTP/1.1 connection (one per endpoint and thread). Its response has boto3's shape:
``Body`` as a ``botocore.response.StreamingBody``, ``ContentType``, ``InvokedProductionVariant``,
``CustomAttributes`` when the server returned them, and ``ResponseMetadata``. Errors are the
service's: ``ValidationError`` for a missing or not InService endpoint or an oversized body,
``ModelError`` (HTTP 424, with ``OriginalStatusCode`` and ``OriginalMessage``) when the model
server returns 4xx or 5xx, and ``ServiceUnavailable`` when its process is gone. A request whose
server stops before it responds is sent once more when UpdateEndpoint has meanwhile handed the
endpoint to a new server, and fails with ``ValidationError`` when DeleteEndpoint has begun.
"""

from __future__ import annotations

import http.client
import io
import logging
import threading
import uuid

from botocore.exceptions import ClientError
from botocore.response import StreamingBody

from . import _hosting_records as records
from ._runtime_validation import validate_invoke_request
from . import errors
from ._endpoint_process import SERVER_LOG, endpoint_folder
from .arns import LOCAL_REGION
from .client_base import LocalClientBase, ServiceError, operation

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 6 * 1024 * 1024
# SageMaker gives the model container 60 s to respond.
INVOCATION_TIMEOUT_SECONDS = 60.0
# Statuses in which an endpoint takes requests. During an update the old server still serves.
INVOKABLE_STATUSES = ("InService", "Updating")

# The key under which invoke_endpoint hands its HTTP headers to response().
_HEADERS_KEY = "_http_headers"

# Request members sent as headers, with their names in the InvokeEndpoint wire protocol.
_HEADER_MEMBERS = {
    "CustomAttributes": "X-Amzn-SageMaker-Custom-Attributes",
    "InferenceId": "X-Amzn-SageMaker-Inference-Id",
    "TargetVariant": "X-Amzn-SageMaker-Target-Variant",
}


class LocalRuntimeClient(LocalClientBase):
    """A ``sagemaker-runtime`` client that invokes the endpoints of a local store."""

    service_name = "sagemaker-runtime"

    def __init__(self, store, region_name: str | None = None):
        super().__init__(store, region_name or LOCAL_REGION)
        self._connections = threading.local()

    def validate_request(self, operation_name: str, params: dict) -> None:
        validate_invoke_request(params)

    @operation("InvokeEndpoint")
    def invoke_endpoint(self, params: dict) -> dict:
        name = params["EndpointName"]
        body = _body_bytes(params["Body"])
        if len(body) > MAX_BODY_BYTES:
            raise ServiceError(
                "ValidationError",
                f"The request body has {len(body)} bytes, more than the InvokeEndpoint limit "
                f"of {MAX_BODY_BYTES} bytes (6 MiB). Split the rows over several requests.",
            )

        row = self._invokable_row(name)

        headers = {"Content-Type": params.get("ContentType", "application/octet-stream")}
        if "Accept" in params:
            headers["Accept"] = params["Accept"]
        for member, header in _HEADER_MEMBERS.items():
            if member in params:
                headers[header] = params[member]

        row, status, response_headers, response_body = self._send_to_current_server(
            row, body, headers
        )
        if status >= 400:
            log_path = endpoint_folder(self.store.home, row["name"]) / SERVER_LOG
            raise _model_error(status, response_body, str(log_path))

        variant = response_headers.get("x-amzn-invoked-production-variant", "AllTraffic")
        response = {
            "Body": StreamingBody(io.BytesIO(response_body), len(response_body)),
            "ContentType": response_headers.get("content-type", "application/octet-stream"),
            "InvokedProductionVariant": variant,
        }
        if "x-amzn-sagemaker-custom-attributes" in response_headers:
            response["CustomAttributes"] = response_headers["x-amzn-sagemaker-custom-attributes"]
        response[_HEADERS_KEY] = {
            "content-type": response["ContentType"],
            "content-length": str(len(response_body)),
            "x-amzn-invoked-production-variant": variant,
        }
        return response

    def response(self, body: dict) -> dict:
        headers = body.pop(_HEADERS_KEY, {})
        body = super().response(body)
        body["ResponseMetadata"]["HTTPHeaders"] = headers
        return body

    def _invokable_row(self, name: str):
        """Return the endpoint row of ``name``, or raise the ValidationError of its status."""
        with self.store.read() as conn:
            row = records.find(conn, "endpoint", name)
        if row is None or row["status"] == "Deleting":
            self._drop_connection(name.lower())
        if row is None:
            raise ServiceError(
                "ValidationError", f"Endpoint {name} of account local not found."
            )
        if row["status"] == "Deleting":
            raise ServiceError(
                "ValidationError",
                f"Endpoint {row['name']} is being deleted, so it takes no more requests. "
                "Create the endpoint again to invoke it.",
            )
        if row["status"] not in INVOKABLE_STATUSES or row["server_port"] is None:
            raise ServiceError(
                "ValidationError",
                f"Endpoint {row['name']} is {row['status']}, not InService. Wait until "
                "DescribeEndpoint shows InService" + (
                    f". It failed: {row['failure_reason']}" if row["failure_reason"] else ""
                ) + ".",
            )
        return row

    def _send_to_current_server(self, row, body: bytes, headers: dict):
        """Send the request to the server of ``row``, or to the server that replaced it.

        Returns the row of the server that responded, the status, the headers and the body.
        """
        try:
            return (row, *self._send(row, body, headers))
        except _ServerUnreachable as unreachable:
            # UpdateEndpoint may have handed the endpoint to a new server, or DeleteEndpoint
            # may have begun, after the row was read. The current row shows which.
            current = self._invokable_row(row["name"])
            if current["server_token"] == row["server_token"]:
                raise _unavailable(str(unreachable)) from None
        log.debug("Endpoint %s moved to port %s while invoking, so resending",
                  row["name"], current["server_port"])
        try:
            return (current, *self._send(current, body, headers))
        except _ServerUnreachable as unreachable:
            raise _unavailable(str(unreachable)) from None

    def _drop_connection(self, name_key: str) -> None:
        entry = self._connections.__dict__.pop(name_key, None)
        if entry is not None:
            entry[1].close()

    def _send(self, row, body: bytes, headers: dict) -> tuple[int, dict, bytes]:
        port = row["server_port"]
        connections = self._connections.__dict__
        key = row["name_key"]
        connection = None
        if key in connections:
            connected_port, connection = connections[key]
            if connected_port != port:
                # The endpoint moved to another server, so the kept socket is dead. Closing it
                # now keeps a long-lived client from collecting one socket per server change.
                self._drop_connection(key)
                connection = None
        # A kept connection may have been closed by the server (restart, idle), so the request
        # is retried once on a fresh one. A refused fresh connection means the server process
        # is gone.
        for attempt in (1, 2):
            if connection is None:
                connection = http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=INVOCATION_TIMEOUT_SECONDS
                )
                connections[key] = (port, connection)
            try:
                connection.request("POST", "/invocations", body=body, headers=headers)
                reply = connection.getresponse()
                data = reply.read()
                reply_headers = {name.lower(): value for name, value in reply.getheaders()}
                if reply.will_close:
                    connection.close()
                    connections.pop(key, None)
                return reply.status, reply_headers, data
            except ConnectionRefusedError:
                connections.pop(key, None)
                connection.close()
                raise _ServerUnreachable(
                    f"The model server of endpoint {row['name']} (pid {row['server_pid']}, "
                    f"port {port}) is not running. Restart the JupyterLab server or call "
                    "churn_studio_ext.local.endpoints.restore_endpoints(home) to restart it."
                ) from None
            except (http.client.HTTPException, ConnectionError) as error:
                connections.pop(key, None)
                connection.close()
                connection = None
                if attempt == 2:
                    raise _ServerUnreachable(
                        f"The model server of endpoint {row['name']} on port {port} dropped "
                        f"the connection ({error}). Retry, and check its log "
                        f"{endpoint_folder(self.store.home, row['name']) / SERVER_LOG}."
                    ) from None
                log.debug("Reconnecting to endpoint %s after %s", row["name"], error)
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close this thread's kept connections."""
        for _, connection in self._connections.__dict__.values():
            connection.close()
        self._connections.__dict__.clear()


class _ServerUnreachable(Exception):
    """The model server of a row refused or dropped the connection, as the message states."""


def _unavailable(message: str) -> ClientError:
    # Raised as a ClientError here because ServiceError would get the default status 400,
    # while botocore's sagemaker-runtime model gives ServiceUnavailable the status 503.
    return errors.client_error("sagemaker-runtime", "InvokeEndpoint", "ServiceUnavailable",
                               message, status=503)


def _model_error(status: int, body: bytes, log_path: str) -> ClientError:
    # SageMaker's wording, with the server log in place of the CloudWatch log stream.
    text = body.decode("utf-8", "replace")
    kind = "client" if status < 500 else "server"
    message = (
        f'Received {kind} error ({status}) from primary with message "{text}". '
        f"See {log_path} for more information."
    )
    response = {
        "Error": {"Code": "ModelError", "Message": message},
        "OriginalStatusCode": status,
        "OriginalMessage": text,
        "ResponseMetadata": {
            "RequestId": str(uuid.uuid4()),
            "HTTPStatusCode": 424,
            "HTTPHeaders": {},
            "RetryAttempts": 0,
        },
    }
    error_class = errors.exceptions_for("sagemaker-runtime").from_code("ModelError")
    return error_class(response, "InvokeEndpoint")


def _body_bytes(body) -> bytes:
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    # botocore's validation admits only bytes, str and file-like objects for a blob.
    data = body.read()
    return data.encode("utf-8") if isinstance(data, str) else data
