"""The session that estimators run on: clients, region, default bucket and uploads.

``StudioSession`` is this package's lightweight counterpart of ``sagemaker.Session``. On the
local backend its uploads land in the studio home's object store, where an ``s3://bucket/key``
URI names the file ``<home>/s3/<bucket>/<key>``. On the AWS backend they go to Amazon S3
through boto3.

Estimators also accept a SageMaker SDK v2 ``Session`` (such as ``churn_studio_ext.sdk.session()``
returns). ``as_studio_session`` wraps it so both kinds behave the same.
"""

from __future__ import annotations

from pathlib import Path

import boto3

from churn_studio_ext.local.objects import ObjectStore

# The local backend's SDK session reports this region, so image URIs equal those SDK v2 builds.
LOCAL_REGION = "us-east-1"
LOCAL_DEFAULT_BUCKET = "sagemaker-studio-local"


class StudioSession:
    """Clients of one backend plus the S3 operations estimators need.

    ``backend`` is ``"local"`` (default, or ``$CHURN_STUDIO_BACKEND``) or ``"aws"``. ``home``
    applies to the local backend and ``region_name`` and ``profile_name`` to AWS.
    """

    def __init__(self, backend=None, home=None, region_name=None, profile_name=None):
        from . import _resolve_backend, clients

        self.backend = _resolve_backend(backend)
        backend_clients = clients(
            self.backend, home=home, region_name=region_name, profile_name=profile_name
        )
        self.sagemaker_client = backend_clients.sagemaker
        self.sagemaker_metrics_client = backend_clients.metrics

        if self.backend == "local":
            self.home = self.sagemaker_client.store.home
            self.boto_session = None
            self.boto_region_name = LOCAL_REGION
        else:
            self.home = None
            self.boto_session = boto3.Session(profile_name=profile_name, region_name=region_name)
            self.boto_region_name = self.boto_session.region_name
        self._default_bucket = None

    @property
    def local(self) -> bool:
        return self.home is not None

    def default_bucket(self) -> str:
        """Return the bucket for uploads and outputs when no other is named.

        Local: ``sagemaker-studio-local``. AWS: ``sagemaker-studio-<region>-<account id>``, the
        tour's bucket name, created on first use if missing.
        """
        if self._default_bucket is None:
            self._default_bucket = (
                LOCAL_DEFAULT_BUCKET if self.local else _ensure_aws_bucket(self.boto_session)
            )
        return self._default_bucket

    def upload_data(self, path, bucket=None, key_prefix="data", extra_args=None) -> str:
        """Upload a file or a folder's files and return the ``s3://`` URI, like SDK v2.

        A file is stored at ``<key_prefix>/<file name>``, and its URI is returned. A folder's
        files are stored under ``<key_prefix>/`` with their relative paths, and the prefix URI
        is returned.
        ``extra_args`` is passed to boto3's ``upload_file`` on AWS and ignored locally.
        """
        source = Path(path)
        bucket = bucket or self.default_bucket()
        key_prefix = key_prefix.strip("/")
        if source.is_dir():
            for file_path in sorted(p for p in source.rglob("*") if p.is_file()):
                relative = file_path.relative_to(source).as_posix()
                self.upload_file(file_path, bucket, f"{key_prefix}/{relative}", extra_args)
            return f"s3://{bucket}/{key_prefix}"
        if not source.is_file():
            raise FileNotFoundError(
                f"Cannot upload {str(source)!r}: no such file or folder. Check the path."
            )
        key = f"{key_prefix}/{source.name}" if key_prefix else source.name
        return self.upload_file(source, bucket, key, extra_args)

    def upload_file(self, path, bucket, key, extra_args=None) -> str:
        """Store one file at ``s3://<bucket>/<key>`` and return that URI."""
        if self.local:
            ObjectStore(self.home).put_file(path, f"s3://{bucket}/{key}")
        else:
            s3 = self.boto_session.client("s3")
            s3.upload_file(str(path), bucket, key, ExtraArgs=extra_args)
        return f"s3://{bucket}/{key}"

    def object_path(self, bucket: str, key: str) -> Path:
        """Return the file behind ``s3://<bucket>/<key>`` in the local object store."""
        if not self.local:
            raise ValueError(
                "object_path applies to the local backend only, but this session is AWS."
            )
        return ObjectStore(self.home).path_for(f"s3://{bucket}/{key}")


class _SdkSessionAdapter(StudioSession):
    """A SageMaker SDK v2 ``Session`` seen through the ``StudioSession`` interface."""

    def __init__(self, sdk_session):
        self.sdk_session = sdk_session
        self.sagemaker_client = sdk_session.sagemaker_client
        self.sagemaker_metrics_client = getattr(sdk_session, "sagemaker_metrics_client", None)
        self.boto_session = sdk_session.boto_session
        self.boto_region_name = sdk_session.boto_region_name
        store = getattr(self.sagemaker_client, "store", None)
        self.home = store.home if store is not None else None
        self.backend = "local" if self.local else "aws"
        self._default_bucket = LOCAL_DEFAULT_BUCKET if self.local else None

    def default_bucket(self) -> str:
        if self.local:
            return LOCAL_DEFAULT_BUCKET
        return self.sdk_session.default_bucket()


def as_studio_session(sagemaker_session=None) -> StudioSession:
    """Return ``sagemaker_session`` as a ``StudioSession``, or the default backend's for None."""
    if sagemaker_session is None:
        return StudioSession()
    if isinstance(sagemaker_session, StudioSession):
        return sagemaker_session
    if hasattr(sagemaker_session, "sagemaker_client") and hasattr(
        sagemaker_session, "boto_region_name"
    ):
        return _SdkSessionAdapter(sagemaker_session)
    raise TypeError(
        f"Invalid sagemaker_session {sagemaker_session!r}: expected a StudioSession, a SageMaker "
        "SDK v2 Session, or None for the configured backend."
    )


def _ensure_aws_bucket(boto_session) -> str:
    from botocore.exceptions import ClientError

    region = boto_session.region_name
    account = boto_session.client("sts").get_caller_identity()["Account"]
    bucket = f"sagemaker-studio-{region}-{account}"
    s3 = boto_session.client("s3")
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket"):
            raise
        # us-east-1 rejects an explicit LocationConstraint, but every other region requires one.
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
            )
    return bucket
