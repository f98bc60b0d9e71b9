"""Kernel helpers: SageMaker clients and a SageMaker SDK v2 ``Session`` for the chosen backend.

``backend="local"`` (the default) uses the embedded local clients on the studio home, and
``backend="aws"`` uses boto3 with the given profile and region. ``$CHURN_STUDIO_BACKEND`` sets the
default backend for a kernel.

Look-alikes of the SDK v2 pieces that the tour uses take the same arguments and run on a
``StudioSession``, which stores uploads in the local object store on the local backend. They
need no SageMaker SDK installed. Training: ``Estimator``, ``XGBoost``, ``TrainingInput``,
``Rule``, ``rule_configs``, ``DebuggerHookConfig``, ``image_uris``. Hosting: ``Estimator.deploy``,
``Model``, ``Predictor``, ``CSVSerializer`` and the deserializers, ``DataCaptureConfig``. Model
Monitor: ``DefaultModelMonitor``, ``DatasetFormat``, ``CronExpressionGenerator``,
``EndpointInput`` and the report wrappers ``Statistics``, ``Constraints`` and
``ConstraintViolations``.

On the local backend the boto3 session behind the SDK ``Session`` has fixed placeholder
credentials and rejects every HTTP request before it is sent. Code that reaches a service the
local backend does not implement (S3 uploads, STS) therefore fails with ``LocalBackendError``
instead of sending anything to AWS.
"""

import os
from typing import NamedTuple

import boto3

from . import image_uris
from .analytics import ExperimentAnalytics
from .debugger import CollectionConfig, DebuggerHookConfig, Rule, rule_configs
from .estimator import Estimator
from .inputs import TrainingInput
from .model import Model
from .model_monitor import (
    BaseliningJob,
    Constraints,
    ConstraintViolations,
    CronExpressionGenerator,
    DataCaptureConfig,
    DatasetFormat,
    DefaultModelMonitor,
    EndpointInput,
    MonitoringExecution,
    Statistics,
)
from .predictor import EndpointError, Predictor
from .serializers import (
    BytesDeserializer,
    CSVDeserializer,
    CSVSerializer,
    IdentitySerializer,
    JSONDeserializer,
    JSONSerializer,
    StringDeserializer,
)
from .studio_session import StudioSession
from .training_job import TrainingJob, TrainingJobError
from .xgboost import XGBoost

__all__ = [
    "BACKENDS",
    "BACKEND_VARIABLE",
    "BaseliningJob",
    "BytesDeserializer",
    "CSVDeserializer",
    "CSVSerializer",
    "Clients",
    "CollectionConfig",
    "ConstraintViolations",
    "Constraints",
    "CronExpressionGenerator",
    "DataCaptureConfig",
    "DatasetFormat",
    "DebuggerHookConfig",
    "DefaultModelMonitor",
    "EndpointError",
    "EndpointInput",
    "Estimator",
    "ExperimentAnalytics",
    "IdentitySerializer",
    "JSONDeserializer",
    "JSONSerializer",
    "LocalBackendError",
    "Model",
    "MonitoringExecution",
    "Predictor",
    "Rule",
    "Statistics",
    "StringDeserializer",
    "StudioSession",
    "TrainingInput",
    "TrainingJob",
    "TrainingJobError",
    "XGBoost",
    "clients",
    "image_uris",
    "rule_configs",
    "session",
]

BACKENDS = ("local", "aws")
BACKEND_VARIABLE = "CHURN_STUDIO_BACKEND"

# The SDK requires a region and botocore requires credentials even when no request is sent.
# Explicit placeholder keys also stop botocore from searching the credential chain, which would
# query the instance metadata service over the network.
LOCAL_SESSION_REGION = "us-east-1"
LOCAL_CREDENTIAL = "local"
LOCAL_DEFAULT_BUCKET = "local"

# A sagemaker_config with only the schema version stops the SDK from reading the admin and user
# config files, which may name an S3 location that it would then fetch.
EMPTY_SDK_CONFIG = {"SchemaVersion": "1.0"}


class LocalBackendError(RuntimeError):
    """A request that the local backend cannot serve and will not send to AWS."""


class Clients(NamedTuple):
    """The boto3-shaped clients of one backend."""

    sagemaker: object
    metrics: object


def clients(backend=None, home=None, region_name=None, profile_name=None) -> Clients:
    """Return the ``sagemaker`` and ``sagemaker-metrics`` clients of ``backend``.

    ``home`` applies to the local backend and defaults to ``$CHURN_STUDIO_HOME`` or the per-user
    data folder. ``region_name`` and ``profile_name`` apply to the AWS backend.
    """
    backend = _resolve_backend(backend)

    if backend == "local":
        from churn_studio_ext import local

        return Clients(
            sagemaker=local.client("sagemaker", home=home),
            metrics=local.client("sagemaker-metrics", home=home),
        )

    boto_session = boto3.Session(profile_name=profile_name, region_name=region_name)
    return Clients(
        sagemaker=boto_session.client("sagemaker"),
        metrics=boto_session.client("sagemaker-metrics"),
    )


def session(backend=None, home=None, region_name=None, profile_name=None):
    """Return a SageMaker SDK v2 ``sagemaker.Session`` on ``backend``.

    On the local backend the session's ``sagemaker_client`` and ``sagemaker_metrics_client`` are
    the local clients, so ``Run``, ``load_run``, ``list_runs`` and ``ExperimentAnalytics`` work on
    the studio home. Building the session sends no request.

    NOTE: ``default_bucket()`` and ``account_id()`` still need S3 and STS, so on the local
    backend they raise ``LocalBackendError``, as do ``Run.log_file`` and other uploads.
    """
    # Imported here because importing the SDK takes seconds and prints its v2 deprecation
    # warning unless SAGEMAKER_SUPPRESS_V2_WARNING is set.
    import sagemaker

    backend = _resolve_backend(backend)

    if backend == "aws":
        boto_session = boto3.Session(profile_name=profile_name, region_name=region_name)
        return sagemaker.Session(boto_session=boto_session)

    local_clients = clients("local", home=home)
    return sagemaker.Session(
        boto_session=_offline_boto_session(),
        sagemaker_client=local_clients.sagemaker,
        sagemaker_metrics_client=local_clients.metrics,
        default_bucket=LOCAL_DEFAULT_BUCKET,
        sagemaker_config=EMPTY_SDK_CONFIG,
    )


def _resolve_backend(backend):
    chosen = backend or os.environ.get(BACKEND_VARIABLE) or "local"
    if chosen not in BACKENDS:
        raise ValueError(
            f"Unknown backend {chosen!r}. Use one of {', '.join(BACKENDS)}, in the backend "
            f"argument or in ${BACKEND_VARIABLE}."
        )
    return chosen


def _offline_boto_session() -> boto3.Session:
    boto_session = boto3.Session(
        region_name=LOCAL_SESSION_REGION,
        aws_access_key_id=LOCAL_CREDENTIAL,
        aws_secret_access_key=LOCAL_CREDENTIAL,
    )
    boto_session.events.register("before-send", _reject_request)
    return boto_session


def _reject_request(request, **kwargs):
    # botocore's before-send event fires for every HTTP request just before it leaves, so
    # raising here guarantees the local backend never contacts AWS.
    raise LocalBackendError(
        f"The local backend does not serve {request.method} {request.url}, so the request was "
        f"not sent. Use backend='aws' for services the local backend does not implement."
    )
