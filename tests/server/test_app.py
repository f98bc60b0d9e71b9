"""ChurnStudioApp configuration: backend validation, the aws clients and service injection."""

import pytest
from botocore.client import BaseClient
from traitlets import TraitError

import churn_studio_ext
from churn_studio_ext.server.app import ChurnStudioApp
from churn_studio_ext.server.clients import aws_clients


def test_backend_defaults_to_environment(monkeypatch):
    monkeypatch.setenv("CHURN_STUDIO_BACKEND", "aws")

    assert ChurnStudioApp().backend == "aws"


def test_backend_defaults_to_local(monkeypatch):
    monkeypatch.delenv("CHURN_STUDIO_BACKEND", raising=False)

    assert ChurnStudioApp().backend == "local"


def test_invalid_backend_in_environment_rejected(monkeypatch):
    monkeypatch.setenv("CHURN_STUDIO_BACKEND", "azure")

    with pytest.raises(TraitError, match=r"Invalid ChurnStudioApp.backend 'azure'"):
        ChurnStudioApp().backend


def test_invalid_backend_rejected():
    app = ChurnStudioApp()

    with pytest.raises(TraitError, match="use one of local, aws"):
        app.backend = "azure"


def test_home_defaults_to_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CHURN_STUDIO_HOME", str(tmp_path / "elsewhere"))

    assert ChurnStudioApp().home == str(tmp_path / "elsewhere")


def test_aws_clients_built_without_calls(monkeypatch):
    # Fake credentials stop boto3's credential search. Creating a client sends no request.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)

    clients = aws_clients(profile="", region="eu-west-1")

    assert clients.region == "eu-west-1"
    assert clients.sagemaker.meta.service_model.service_name == "sagemaker"
    assert clients.metrics.meta.service_model.service_name == "sagemaker-metrics"
    assert clients.sagemaker.meta.region_name == "eu-west-1"
    assert isinstance(clients.sagemaker, BaseClient)
    assert type(clients.sagemaker).__name__ == "SageMaker"


def test_aws_without_region_fails_clearly(monkeypatch, tmp_path):
    for variable in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    app = ChurnStudioApp(backend="aws")

    with pytest.raises(RuntimeError, match="could not create the aws backend's clients") as raised:
        app.initialize_settings()

    assert "ChurnStudioApp.aws_region" in str(raised.value)


def test_unwritable_home_fails_clearly(tmp_path):
    not_a_folder = tmp_path / "studio-home"
    not_a_folder.write_text("a file where the home folder should be")
    app = ChurnStudioApp(backend="local", home=str(not_a_folder))

    with pytest.raises(RuntimeError, match="could not open the local backend") as raised:
        app.initialize_settings()

    assert str(not_a_folder) in str(raised.value)


def test_local_settings_hold_service(tmp_path):
    app = ChurnStudioApp(backend="local", home=str(tmp_path / "studio-home"))

    app.initialize_settings()

    service = app.settings["churn_studio_service"]
    assert service.status() == {
        "backend": "local",
        "version": churn_studio_ext.__version__,
        "home": str(tmp_path / "studio-home"),
        "region": "local",
    }
    app.settings["churn_studio_executor"].shutdown()
