"""``Predictor``: send requests to an endpoint and manage it, with SDK v2's ``Predictor`` API.

``predict`` serializes the data, calls InvokeEndpoint on the session's ``sagemaker-runtime``
client (the local model server on the local backend) and deserializes the response. The request
equals what ``sagemaker.predictor.Predictor.predict`` sends for the same arguments.

Two deliberate differences from SDK v2:

- ``delete_endpoint`` deletes the endpoint before its config. SDK v2 deletes the config first,
  which the local backend refuses while an endpoint still uses that config.
- ``enable_data_capture`` and ``disable_data_capture`` keep the endpoint's capture settings
  (destination, sampling, content types) and switch only ``EnableCapture``. SDK v2 replaces
  them with its defaults, which moves the capture files to another prefix.
"""

from __future__ import annotations

import sys
import time

from .estimator import name_from_base
from .serializers import BytesDeserializer, IdentitySerializer
from .studio_session import as_studio_session

ENDPOINT_BUSY_STATUSES = ("Creating", "Updating", "SystemUpdating", "RollingBack")
LOCAL_POLL_SECONDS = 0.2
AWS_POLL_SECONDS = 15.0
# An endpoint with a large model may take this long to start on SageMaker.
DEFAULT_ENDPOINT_TIMEOUT_SECONDS = 3600.0


class EndpointError(RuntimeError):
    """An endpoint ended Failed while being created or updated."""


class Predictor:
    """Requests and management calls for one endpoint.

    ``serializer`` turns ``predict``'s data into the request body (default: bytes or text as
    they are) and ``deserializer`` turns the response body into a value (default: bytes).
    """

    def __init__(
        self,
        endpoint_name,
        sagemaker_session=None,
        serializer=None,
        deserializer=None,
        component_name=None,
        **kwargs,
    ):
        self.endpoint_name = endpoint_name
        self.sagemaker_session = as_studio_session(sagemaker_session)
        self.serializer = serializer or IdentitySerializer()
        self.deserializer = deserializer or BytesDeserializer()
        self.component_name = component_name
        self._model_names = None

    def __repr__(self):
        return f"Predictor({self.endpoint_name!r})"

    @property
    def content_type(self) -> str:
        return self.serializer.CONTENT_TYPE

    @property
    def accept(self):
        return self.deserializer.ACCEPT

    @property
    def endpoint(self) -> str:
        """SDK v1's name of ``endpoint_name``, kept for code written against the 2020 tour."""
        return self.endpoint_name

    # Requests ------------------------------------------------------------------------------

    def predict(
        self,
        data,
        initial_args=None,
        target_model=None,
        target_variant=None,
        inference_id=None,
        custom_attributes=None,
        component_name=None,
    ):
        """Send ``data`` to the endpoint and return the deserialized response body."""
        request = self.invoke_request(
            data, initial_args, target_model, target_variant, inference_id, custom_attributes
        )
        response = runtime_client(self.sagemaker_session).invoke_endpoint(**request)
        return self.deserializer.deserialize(response["Body"], response.get("ContentType"))

    def invoke_request(
        self,
        data,
        initial_args=None,
        target_model=None,
        target_variant=None,
        inference_id=None,
        custom_attributes=None,
    ) -> dict:
        """Return the InvokeEndpoint keyword arguments ``predict`` sends for ``data``."""
        request = dict(initial_args or {})
        request.setdefault("EndpointName", self.endpoint_name)
        request.setdefault("ContentType", _header_value(self.content_type))
        request.setdefault("Accept", _header_value(self.accept))
        optional = {
            "TargetModel": target_model,
            "TargetVariant": target_variant,
            "InferenceId": inference_id,
            "CustomAttributes": custom_attributes,
        }
        request.update({key: value for key, value in optional.items() if value})
        request["Body"] = self.serializer.serialize(data)
        return request

    # Management ----------------------------------------------------------------------------

    def describe_endpoint(self) -> dict:
        return self._client().describe_endpoint(EndpointName=self.endpoint_name)

    def update_data_capture_config(self, data_capture_config) -> None:
        """Switch the endpoint to a copy of its config with ``data_capture_config`` (``None``
        removes capture) and wait until it serves on the new config."""
        capture = None if data_capture_config is None else data_capture_config._to_request_dict()
        self._update_capture(capture)

    def enable_data_capture(self) -> None:
        """Turn capture on again with the endpoint's current capture settings."""
        self._set_capture(True)

    def disable_data_capture(self) -> None:
        """Turn capture off, keeping the settings so ``enable_data_capture`` restores them."""
        self._set_capture(False)

    def delete_endpoint(self, delete_endpoint_config=True) -> None:
        """Delete the endpoint (and, by default, its endpoint config afterwards)."""
        client = self._client()
        config_name = client.describe_endpoint(EndpointName=self.endpoint_name)["EndpointConfigName"]
        self._remember_models(config_name)
        client.delete_endpoint(EndpointName=self.endpoint_name)
        if delete_endpoint_config:
            client.delete_endpoint_config(EndpointConfigName=config_name)

    def delete_model(self) -> None:
        """Delete the models the endpoint's config serves."""
        if self._model_names is None:
            config_name = self.describe_endpoint()["EndpointConfigName"]
            self._remember_models(config_name)
        for name in self._model_names:
            self._client().delete_model(ModelName=name)

    # Helpers -------------------------------------------------------------------------------

    def _client(self):
        return self.sagemaker_session.sagemaker_client

    def _remember_models(self, config_name: str) -> None:
        config = self._client().describe_endpoint_config(EndpointConfigName=config_name)
        self._model_names = [
            variant["ModelName"] for variant in config["ProductionVariants"] if "ModelName" in variant
        ]

    def _set_capture(self, enabled: bool) -> None:
        current = self._current_config().get("DataCaptureConfig")
        if current is None:
            raise ValueError(
                f"Endpoint {self.endpoint_name} has no data capture settings to "
                f"{'enable' if enabled else 'disable'}. Call update_data_capture_config("
                "DataCaptureConfig(enable_capture=True, ...)) to add them."
            )
        self._update_capture({**current, "EnableCapture": enabled})

    def _current_config(self) -> dict:
        config_name = self.describe_endpoint()["EndpointConfigName"]
        return self._client().describe_endpoint_config(EndpointConfigName=config_name)

    def _update_capture(self, capture: dict | None) -> None:
        current = self._current_config()
        request = {
            key: value
            for key, value in current.items()
            if key not in ("EndpointConfigName", "EndpointConfigArn", "CreationTime",
                           "ResponseMetadata", "DataCaptureConfig")
        }
        request["EndpointConfigName"] = name_from_base(self.endpoint_name)
        if capture is not None:
            request["DataCaptureConfig"] = capture
        tags = self._client().list_tags(ResourceArn=current["EndpointConfigArn"]).get("Tags")
        if tags:
            request["Tags"] = tags
        self._client().create_endpoint_config(**request)
        self._client().update_endpoint(
            EndpointName=self.endpoint_name, EndpointConfigName=request["EndpointConfigName"]
        )
        wait_for_endpoint(self.sagemaker_session, self.endpoint_name)


def wait_for_endpoint(sagemaker_session, endpoint_name, poll=None,
                      timeout=DEFAULT_ENDPOINT_TIMEOUT_SECONDS, out=None) -> dict:
    """Poll DescribeEndpoint while the endpoint is being created or updated, printing a dash per
    poll and ``!`` at the end, as SDK v2 does. Raises ``EndpointError`` if it ends Failed, or
    if an update was rolled back with a FailureReason."""
    session = as_studio_session(sagemaker_session)
    out = out or sys.stdout
    interval = poll or (LOCAL_POLL_SECONDS if session.local else AWS_POLL_SECONDS)
    deadline = time.monotonic() + timeout
    while True:
        description = session.sagemaker_client.describe_endpoint(EndpointName=endpoint_name)
        status = description["EndpointStatus"]
        if status not in ENDPOINT_BUSY_STATUSES:
            break
        if time.monotonic() >= deadline:
            raise EndpointError(
                f"Endpoint {endpoint_name} is still {status} after {timeout} s. Check "
                "describe_endpoint() later."
            )
        print("-", end="", file=out, flush=True)
        time.sleep(interval)
    print("!", file=out, flush=True)
    if status != "InService":
        reason = description.get("FailureReason", "(no reason given)")
        raise EndpointError(
            f"Endpoint {endpoint_name} is {status}, not InService: {reason} Fix the model or "
            "config, delete the endpoint and deploy again."
        )
    return description


def runtime_client(sagemaker_session):
    """Return the ``sagemaker-runtime`` client of the session's backend, created once."""
    session = as_studio_session(sagemaker_session)
    client = getattr(session, "_churn_studio_runtime_client", None)
    if client is None:
        if session.local:
            from churn_studio_ext import local

            client = local.client("sagemaker-runtime", home=session.home)
        elif getattr(session, "sdk_session", None) is not None:
            client = session.sdk_session.sagemaker_runtime_client
        else:
            client = session.boto_session.client("sagemaker-runtime")
        session._churn_studio_runtime_client = client
    return client


def _header_value(value) -> str:
    return value if isinstance(value, str) else ", ".join(value)
