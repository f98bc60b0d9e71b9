"""local.client(), default_home() and the boto3 surface of the local clients."""

import importlib.util

import platformdirs
import pytest
from botocore.exceptions import ClientError, OperationNotPageableError

from churn_studio_ext import local
from churn_studio_ext.local.arns import arn, split_arn
from churn_studio_ext.local.sagemaker import LocalSageMakerClient


def test_sagemaker_client_type(tmp_path):
    client = local.client("sagemaker", home=tmp_path)

    assert isinstance(client, LocalSageMakerClient)
    assert client.store.home == tmp_path.resolve()
    assert (tmp_path / "studio.db").exists()


def test_clients_on_one_home_share_data(tmp_path):
    writer = local.client("sagemaker", home=tmp_path)
    reader = local.client("sagemaker", home=tmp_path)

    writer.create_experiment(ExperimentName="shared")

    assert reader.describe_experiment(ExperimentName="shared")["ExperimentName"] == "shared"


def test_unknown_service_rejected(tmp_path):
    with pytest.raises(
        ValueError, match="no 's3' client. Supported services: sagemaker, sagemaker-metrics"
    ):
        local.client("s3", home=tmp_path)


@pytest.mark.skipif(
    importlib.util.find_spec("churn_studio_ext.local.metrics") is None,
    reason="churn_studio_ext.local.metrics is not present in this tree",
)
def test_metrics_client(tmp_path):
    from churn_studio_ext.local.metrics import LocalMetricsClient

    client = local.client("sagemaker-metrics", home=tmp_path)

    assert isinstance(client, LocalMetricsClient)


def test_default_home_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CHURN_STUDIO_HOME", str(tmp_path / "studio"))

    assert local.default_home() == str(tmp_path / "studio")


def test_default_home_without_environment(monkeypatch):
    monkeypatch.delenv("CHURN_STUDIO_HOME", raising=False)

    assert local.default_home() == platformdirs.user_data_dir("churn-studio")


def test_client_uses_default_home(monkeypatch, tmp_path):
    monkeypatch.setenv("CHURN_STUDIO_HOME", str(tmp_path / "env-home"))

    client = local.client("sagemaker")

    assert client.store.home == (tmp_path / "env-home").resolve()


def test_meta_like_boto3(sm):
    assert sm.meta.region_name == "local"
    assert sm.meta.partition == "aws"
    assert sm.meta.service_model.service_name == "sagemaker"
    assert sm.meta.config.region_name == "local"
    assert sm.meta.endpoint_url.startswith("file://")
    assert sm.meta.method_to_api_mapping["create_experiment"] == "CreateExperiment"


def test_region_name_only_changes_meta(tmp_path):
    client = local.client("sagemaker", home=tmp_path, region_name="us-west-2")

    created = client.create_experiment(ExperimentName="regional")

    assert client.meta.region_name == "us-west-2"
    assert created["ExperimentArn"] == "arn:aws:sagemaker:local:000000000000:experiment/regional"


def test_exceptions_are_modeled_client_errors(sm):
    assert issubclass(sm.exceptions.ResourceNotFound, ClientError)

    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_trial_component(TrialComponentName="absent")


def test_can_paginate(sm):
    assert sm.can_paginate("list_experiments") is True
    assert sm.can_paginate("list_trials") is True
    assert sm.can_paginate("list_trial_components") is True
    assert sm.can_paginate("search") is True
    assert sm.can_paginate("list_endpoints") is True
    assert sm.can_paginate("describe_experiment") is False
    # ListModels is pageable on SageMaker, but the local client does not implement it.
    assert sm.can_paginate("list_models") is False


def test_get_paginator_of_unpageable_operation(sm):
    with pytest.raises(OperationNotPageableError):
        sm.get_paginator("describe_experiment")


def test_arn_lower_cases_name():
    assert arn("experiment-trial", "My-Trial") == (
        "arn:aws:sagemaker:local:000000000000:experiment-trial/my-trial"
    )


def test_split_arn():
    assert split_arn("arn:aws:sagemaker:local:000000000000:experiment/abc") == ("experiment", "abc")

    with pytest.raises(ValueError, match="expected arn:<partition>"):
        split_arn("arn:aws:sagemaker:local:000000000000:experiment")
