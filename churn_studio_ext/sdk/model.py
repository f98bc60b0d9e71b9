"""``Model``: a model artifact and its inference image, deployable to an endpoint.

``deploy`` sends CreateModel, CreateEndpointConfig and CreateEndpoint, waits until the endpoint
is InService and returns a ``Predictor``. For equal arguments and names the three requests equal
those of ``sagemaker.model.Model.deploy`` in SageMaker Python SDK 2.257. On the local backend
the endpoint is a model server process on 127.0.0.1 that loads the XGBoost booster of the
``model.tar.gz``.
"""

from __future__ import annotations

import re

from .estimator import LOCAL_ROLE_ARN, name_from_base
from .predictor import Predictor, wait_for_endpoint
from .studio_session import as_studio_session

DEFAULT_VARIANT_NAME = "AllTraffic"
_IMAGE_NAME = re.compile(r"^(?:.+/)?(?P<name>[^:/@]+)(?:[:@].+)?$")
# SDK v2 names timestamped resources <base>-<YYYY-MM-DD-HH-MM-SS-mmm>.
_TIMESTAMP_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}$")


class Model:
    """An inference image plus the S3 location of a trained model's ``model.tar.gz``.

    ``role`` may be omitted on the local backend. ``predictor_cls`` is the class ``deploy``
    returns (default ``Predictor``).
    """

    def __init__(
        self,
        image_uri,
        model_data=None,
        role=None,
        predictor_cls=None,
        env=None,
        name=None,
        sagemaker_session=None,
    ):
        self.image_uri = image_uri
        self.model_data = model_data
        self.sagemaker_session = as_studio_session(sagemaker_session)
        if role is None:
            if not self.sagemaker_session.local:
                raise ValueError(
                    "role is required on the AWS backend: pass the ARN of an IAM role that "
                    "SageMaker can assume to read the model artifact."
                )
            role = LOCAL_ROLE_ARN
        self.role = role
        self.predictor_cls = predictor_cls or Predictor
        self.env = dict(env or {})
        self.name = name
        self.endpoint_name = None

    def __repr__(self):
        return f"Model({self.name or self.image_uri!r})"

    def deploy(
        self,
        initial_instance_count=None,
        instance_type=None,
        serializer=None,
        deserializer=None,
        endpoint_name=None,
        tags=None,
        kms_key=None,
        wait=True,
        data_capture_config=None,
        **kwargs,
    ):
        """Create the model, an endpoint config and the endpoint, and return its predictor.

        ``data_capture_config`` is a ``DataCaptureConfig``. With ``wait`` it blocks until the
        endpoint is InService and raises ``EndpointError`` if it fails to start.
        """
        unsupported = sorted(name for name, value in kwargs.items() if value not in (None, False))
        if unsupported:
            raise ValueError(
                f"Unsupported deploy arguments {unsupported}: this Model deploys real-time "
                "instance endpoints only."
            )
        if initial_instance_count is None or instance_type is None:
            raise ValueError(
                f"initial_instance_count and instance_type are required (got "
                f"{initial_instance_count!r} and {instance_type!r}). The tour uses 1 and "
                "'ml.m4.xlarge'."
            )
        requests = self.deploy_requests(
            initial_instance_count, instance_type, endpoint_name, tags, kms_key,
            data_capture_config,
        )
        client = self.sagemaker_session.sagemaker_client
        client.create_model(**requests["model"])
        client.create_endpoint_config(**requests["endpoint_config"])
        client.create_endpoint(**requests["endpoint"])
        if wait:
            wait_for_endpoint(self.sagemaker_session, self.endpoint_name)
        return self.predictor_cls(
            self.endpoint_name,
            sagemaker_session=self.sagemaker_session,
            serializer=serializer,
            deserializer=deserializer,
        )

    def deploy_requests(
        self,
        initial_instance_count,
        instance_type,
        endpoint_name=None,
        tags=None,
        kms_key=None,
        data_capture_config=None,
    ) -> dict:
        """Name the model and endpoint, and return the three requests ``deploy`` sends.

        Keys: ``model`` (CreateModel), ``endpoint_config`` (CreateEndpointConfig) and
        ``endpoint`` (CreateEndpoint). The model name defaults to ``<image repository>-<UTC
        timestamp>``, and the endpoint and its config take the endpoint name, which defaults
        to ``<model name's base>-<UTC timestamp>``.
        """
        if self.name is None:
            self.name = name_from_base(_image_base_name(self.image_uri))
        if endpoint_name is None:
            endpoint_name = name_from_base(_TIMESTAMP_SUFFIX.sub("", self.name))
        self.endpoint_name = endpoint_name

        container = {"Image": self.image_uri, "Environment": dict(self.env)}
        if self.model_data is not None:
            container["ModelDataUrl"] = self.model_data
        model_request = {
            "ModelName": self.name,
            "ExecutionRoleArn": self.role,
            "PrimaryContainer": container,
        }

        variant = {
            "VariantName": DEFAULT_VARIANT_NAME,
            "ModelName": self.name,
            "InitialVariantWeight": 1,
            "InitialInstanceCount": initial_instance_count,
            "InstanceType": instance_type,
        }
        config_request = {"EndpointConfigName": endpoint_name, "ProductionVariants": [variant]}
        if kms_key is not None:
            config_request["KmsKeyId"] = kms_key
        if data_capture_config is not None:
            config_request["DataCaptureConfig"] = data_capture_config._to_request_dict()

        endpoint_request = {
            "EndpointName": endpoint_name,
            "EndpointConfigName": endpoint_name,
            "Tags": list(tags or []),
        }
        return {"model": model_request, "endpoint_config": config_request,
                "endpoint": endpoint_request}

    def delete_model(self) -> None:
        if self.name is None:
            raise ValueError("This model has not been created yet, so there is nothing to delete.")
        self.sagemaker_session.sagemaker_client.delete_model(ModelName=self.name)


def _image_base_name(image_uri: str) -> str:
    match = _IMAGE_NAME.match(image_uri)
    return match.group("name") if match else "model"
