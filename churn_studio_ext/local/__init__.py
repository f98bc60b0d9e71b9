"""The embedded local backend: boto3-compatible ``sagemaker``, ``sagemaker-metrics`` and
``sagemaker-runtime`` clients.

``client("sagemaker", home=...)`` returns an object that code written for
``boto3.client("sagemaker")`` can use unchanged, backed by the SQLite store of a studio home.
"""

import os

import platformdirs

from .arns import LOCAL_ACCOUNT, LOCAL_REGION
from .store import get_store

__all__ = ["LOCAL_ACCOUNT", "LOCAL_REGION", "client", "default_home"]

SUPPORTED_SERVICES = ("sagemaker", "sagemaker-metrics", "sagemaker-runtime")

# Environment variable that points every process of a studio at the same home folder.
HOME_VARIABLE = "CHURN_STUDIO_HOME"


def default_home() -> str:
    """Return the studio home: ``$CHURN_STUDIO_HOME``, else the per-user data folder."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return configured
    return platformdirs.user_data_dir("churn-studio")


def client(
    service_name: str, home: str | os.PathLike | None = None, region_name: str | None = None
):
    """Return the local client of ``service_name`` on the store in ``home``.

    ``home`` defaults to ``default_home()`` and ``region_name`` to ``"local"``; the region only
    shows in ``client.meta.region_name``, because local ARNs always use the region ``local``.
    Raises ``ValueError`` for a service the local backend does not implement.
    """
    if service_name not in SUPPORTED_SERVICES:
        raise ValueError(
            f"The local backend has no {service_name!r} client. Supported services: "
            f"{', '.join(SUPPORTED_SERVICES)}."
        )

    store = get_store(home if home is not None else default_home())
    region = region_name or LOCAL_REGION

    if service_name == "sagemaker":
        from .sagemaker import LocalSageMakerClient

        return LocalSageMakerClient(store, region)
    if service_name == "sagemaker-runtime":
        from .runtime import LocalRuntimeClient

        return LocalRuntimeClient(store, region)

    # Imported here so the sagemaker client works without the metrics module.
    from .metrics import LocalMetricsClient

    return LocalMetricsClient(store, region)
