"""``sdk.session()`` and ``sdk.clients()``: backend choice, and no request at construction."""

import pytest

from churn_studio_ext import sdk


def test_local_session_uses_local_clients(studio_home):
    session = sdk.session(home=studio_home)

    session.sagemaker_client.create_experiment(ExperimentName="churn-study")

    local_clients = sdk.clients(home=studio_home)
    summaries = local_clients.sagemaker.list_experiments()["ExperimentSummaries"]
    assert [summary["ExperimentName"] for summary in summaries] == ["churn-study"]
    assert session.boto_region_name == sdk.LOCAL_SESSION_REGION


def test_local_default_bucket_needs_s3(studio_home):
    # The SDK checks the default bucket with S3 calls even when its name is given, and no
    # documented Session argument skips that check, so the local session rejects the call.
    session = sdk.session(home=studio_home)

    with pytest.raises(sdk.LocalBackendError) as raised:
        session.default_bucket()

    assert "s3" in str(raised.value)


def test_local_session_blocks_sts(studio_home):
    session = sdk.session(home=studio_home)

    with pytest.raises(sdk.LocalBackendError) as raised:
        session.account_id()

    assert "sts" in str(raised.value)


def test_backend_variable_selects_local(monkeypatch, studio_home):
    monkeypatch.setenv(sdk.BACKEND_VARIABLE, "local")

    local_clients = sdk.clients(home=studio_home)

    assert local_clients.sagemaker.meta.region_name == "local"


def test_aws_clients_built_offline():
    aws_clients = sdk.clients(backend="aws", region_name="eu-west-1")

    assert aws_clients.sagemaker.meta.region_name == "eu-west-1"
    assert aws_clients.sagemaker.meta.service_model.service_name == "sagemaker"
    assert aws_clients.metrics.meta.service_model.service_name == "sagemaker-metrics"


def test_unknown_backend_rejected(monkeypatch):
    monkeypatch.setenv(sdk.BACKEND_VARIABLE, "azure")

    with pytest.raises(ValueError) as raised:
        sdk.clients()

    assert "'azure'" in str(raised.value)
    assert sdk.BACKEND_VARIABLE in str(raised.value)
