"""Build the ``sagemaker`` and ``sagemaker-metrics`` clients of the configured backend."""

from dataclasses import dataclass


@dataclass
class BackendClients:
    sagemaker: object
    metrics: object
    region: str | None
    # The ``sagemaker-runtime`` client that invokes endpoints, or None where a caller builds none.
    runtime: object = None
    # The ``s3`` client that reads monitoring reports on AWS. The local backend reads its home.
    s3: object = None


def local_clients(home: str) -> BackendClients:
    """Open the embedded SQLite backend stored under ``home``."""
    # Imported here so that the AWS backend does not open or create a local store.
    from churn_studio_ext import local

    sagemaker = local.client("sagemaker", home=home)
    metrics = local.client("sagemaker-metrics", home=home)
    runtime = local.client("sagemaker-runtime", home=home)
    return BackendClients(sagemaker, metrics, _client_region(sagemaker), runtime)


def aws_clients(profile: str | None, region: str | None) -> BackendClients:
    """Create boto3 clients from a profile and region. No request is sent until the first call.

    Raises botocore's ``ProfileNotFound`` or ``NoRegionError`` when the profile is unknown or no
    region is configured anywhere (trait, profile or ``AWS_DEFAULT_REGION``).
    """
    import boto3

    session = boto3.Session(profile_name=profile or None, region_name=region or None)
    sagemaker = session.client("sagemaker")
    metrics = session.client("sagemaker-metrics")
    runtime = session.client("sagemaker-runtime")
    s3 = session.client("s3")
    return BackendClients(sagemaker, metrics, session.region_name, runtime, s3)


def _client_region(client) -> str | None:
    meta = getattr(client, "meta", None)
    return getattr(meta, "region_name", None)
