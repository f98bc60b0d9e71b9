"""Fixtures of the endpoint tests: one trained tour model per session, and studio homes whose
endpoints are deleted (and their processes stopped) after each test."""

import pytest
from endpoint_helpers import (
    JOB_NAME,
    TRAIN_URI,
    VALIDATION_URI,
    ROLE_ARN,
    XGBOOST_IMAGE,
    stop_all_servers,
    training_request,
    wait_for_training,
)

from churn_studio_ext import local, tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.training import load_model_archive


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory):
    """Run a 20-round local training job on the tour's data once per session.

    Returns the model archive's local path and S3 URI, and the booster loaded from it.
    """
    home = tmp_path_factory.mktemp("training") / "home"
    objects = ObjectStore(home)
    objects.put_file(tour_data.shipped_tour_file("train.csv"), f"{TRAIN_URI}/train.csv")
    objects.put_file(tour_data.shipped_tour_file("validation.csv"),
                     f"{VALIDATION_URI}/validation.csv")
    sm = local.client("sagemaker", home=home)
    sm.create_training_job(**training_request())
    description = wait_for_training(sm, JOB_NAME)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    archive_uri = description["ModelArtifacts"]["S3ModelArtifacts"]
    archive_path = objects.path_for(archive_uri)
    return {"path": archive_path, "booster": load_model_archive(archive_path)}


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    yield home
    if (home / "studio.db").exists():
        stop_all_servers(home)


@pytest.fixture
def sm(home):
    return local.client("sagemaker", home=home)


@pytest.fixture
def runtime(home):
    client = local.client("sagemaker-runtime", home=home)
    yield client
    client.close()


MODEL_URI = "s3://sagemaker-studio-local-000000000000/xgboost-churn/model/model.tar.gz"


@pytest.fixture
def model(home, sm, trained_model):
    """Copy the trained archive into this home and create model 'churn-model' from it."""
    ObjectStore(home).put_file(trained_model["path"], MODEL_URI)
    sm.create_model(
        ModelName="churn-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE, "ModelDataUrl": MODEL_URI},
        ExecutionRoleArn=ROLE_ARN,
    )
    return {"name": "churn-model", "uri": MODEL_URI, "booster": trained_model["booster"]}


@pytest.fixture
def test_rows():
    """The tour's endpoint traffic: the lines of test_sample.csv without line breaks."""
    return tour_data.shipped_tour_file("test_sample.csv").read_text().splitlines()
