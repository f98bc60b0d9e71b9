"""StudioSession uploads into the local object store and adapts SDK v2 sessions."""

from __future__ import annotations

import pytest

from churn_studio_ext import sdk
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.sdk.studio_session import LOCAL_DEFAULT_BUCKET, as_studio_session


def test_local_session_defaults(local_session, studio_home):
    assert local_session.local
    assert local_session.backend == "local"
    assert local_session.home == studio_home.resolve()
    assert local_session.boto_region_name == "us-east-1"
    assert local_session.default_bucket() == LOCAL_DEFAULT_BUCKET


def test_upload_file_lands_in_object_store(local_session, tmp_path):
    source = tmp_path / "train.csv"
    source.write_bytes(b"1,2,3\n")
    uri = local_session.upload_data(str(source), key_prefix="xgboost-churn/train")
    assert uri == f"s3://{LOCAL_DEFAULT_BUCKET}/xgboost-churn/train/train.csv"
    assert ObjectStore(local_session.home).path_for(uri).read_bytes() == b"1,2,3\n"
    assert local_session.object_path(LOCAL_DEFAULT_BUCKET, "xgboost-churn/train/train.csv").is_file()


def test_upload_folder_keeps_relative_paths(local_session, tmp_path):
    folder = tmp_path / "data"
    (folder / "part").mkdir(parents=True)
    (folder / "a.csv").write_text("a\n")
    (folder / "part" / "b.csv").write_text("b\n")
    uri = local_session.upload_data(str(folder), bucket="my-bucket", key_prefix="/prefix/")
    assert uri == "s3://my-bucket/prefix"
    listed = ObjectStore(local_session.home).list_prefix("s3://my-bucket/prefix/")
    assert [(item.relative_path, item.path.read_text()) for item in listed] == [
        ("a.csv", "a\n"),
        ("part/b.csv", "b\n"),
    ]


def test_upload_missing_path_raises(local_session, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        local_session.upload_data(str(tmp_path / "missing.csv"))


def test_object_key_may_not_escape(local_session):
    with pytest.raises(ValueError, match="'..' segments"):
        local_session.object_path("bucket", "a/../../studio.db")


def test_sdk_session_is_adapted(studio_home, tmp_path):
    adapted = as_studio_session(sdk.session(backend="local", home=studio_home))
    assert adapted.local
    assert adapted.home == studio_home.resolve()
    assert adapted.default_bucket() == LOCAL_DEFAULT_BUCKET
    source = tmp_path / "x.csv"
    source.write_text("x\n")
    uri = adapted.upload_data(str(source), key_prefix="p")
    assert ObjectStore(studio_home).path_for(uri).read_text() == "x\n"


def test_invalid_session_raises():
    with pytest.raises(TypeError, match="Invalid sagemaker_session"):
        as_studio_session(object())


class StubbedBotoSession:
    """A boto3 session whose clients return responses from botocore Stubbers instead of AWS."""

    def __init__(self, region_name):
        import boto3
        from botocore.stub import Stubber

        real = boto3.Session(region_name=region_name)
        self.region_name = region_name
        self.clients = {name: real.client(name) for name in ("sts", "s3")}
        self.stubbers = {name: Stubber(client) for name, client in self.clients.items()}

    def client(self, name):
        return self.clients[name]


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_aws_bucket_created_when_missing(region):
    from churn_studio_ext.sdk.studio_session import _ensure_aws_bucket

    session = StubbedBotoSession(region)
    bucket = f"sagemaker-studio-{region}-111122223333"
    session.stubbers["sts"].add_response(
        "get_caller_identity",
        {"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/u", "UserId": "u"},
    )
    session.stubbers["s3"].add_client_error("head_bucket", service_error_code="404", http_status_code=404)
    create_request = {"Bucket": bucket}
    if region != "us-east-1":
        create_request["CreateBucketConfiguration"] = {"LocationConstraint": region}
    session.stubbers["s3"].add_response("create_bucket", {}, create_request)

    with session.stubbers["sts"], session.stubbers["s3"]:
        assert _ensure_aws_bucket(session) == bucket
    session.stubbers["s3"].assert_no_pending_responses()


def test_aws_bucket_kept_when_present():
    from churn_studio_ext.sdk.studio_session import _ensure_aws_bucket

    session = StubbedBotoSession("us-west-2")
    session.stubbers["sts"].add_response(
        "get_caller_identity",
        {"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/u", "UserId": "u"},
    )
    session.stubbers["s3"].add_response("head_bucket", {}, {"Bucket": "sagemaker-studio-us-west-2-111122223333"})
    with session.stubbers["sts"], session.stubbers["s3"]:
        assert _ensure_aws_bucket(session) == "sagemaker-studio-us-west-2-111122223333"
    session.stubbers["s3"].assert_no_pending_responses()
