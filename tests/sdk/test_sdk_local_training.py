"""Estimator and XGBoost train on the local backend: jobs, trial components, metrics, rules."""

from __future__ import annotations

import io
import tarfile

import pytest
import xgboost

from churn_studio_ext import sdk, tour_data
from churn_studio_ext.examples import framework_script_path
from churn_studio_ext.local.objects import ObjectStore

from .reference_xgboost import TOUR_HYPERPARAMETERS, direct_errors, recorded_series

NUM_ROUND = 12
PREFIX = "xgboost-churn"
TERMINAL_RULE_STATUSES = {"NoIssuesFound", "IssuesFound", "Error"}


@pytest.fixture(scope="module")
def tour_session(tmp_path_factory):
    """A local session with the tour's channels uploaded and one experiment."""
    session = sdk.StudioSession(backend="local", home=tmp_path_factory.mktemp("home"))
    bucket = session.default_bucket()
    for channel in ("train", "validation"):
        session.upload_data(
            str(tour_data.shipped_tour_file(f"{channel}.csv")), bucket, f"{PREFIX}/{channel}"
        )
    session.sagemaker_client.create_experiment(ExperimentName="sdk-tests")
    return session


def channels(session):
    bucket = session.default_bucket()
    return {
        name: sdk.TrainingInput(f"s3://{bucket}/{PREFIX}/{name}", content_type="csv")
        for name in ("train", "validation")
    }


def experiment_config(session, trial_name):
    session.sagemaker_client.create_trial(TrialName=trial_name, ExperimentName="sdk-tests")
    return {"ExperimentName": "sdk-tests", "TrialName": trial_name, "TrialComponentDisplayName": "Training"}


def component_of(session, job_name):
    return session.sagemaker_client.describe_trial_component(
        TrialComponentName=f"{job_name}-aws-training-job"
    )


def test_estimator_trains_like_direct_xgboost(tour_session, capsys):
    estimator = sdk.Estimator(
        image_uri=sdk.image_uris.retrieve("xgboost", tour_session.boto_region_name, "0.90-2"),
        instance_count=1,
        instance_type="ml.m4.xlarge",
        output_path=f"s3://{tour_session.default_bucket()}/{PREFIX}/output",
        base_job_name="demo-xgboost-customer-churn",
        hyperparameters={**TOUR_HYPERPARAMETERS, "num_round": NUM_ROUND},
        sagemaker_session=tour_session,
    )
    estimator.fit(channels(tour_session), experiment_config=experiment_config(tour_session, "algorithm"))

    job = estimator.latest_training_job
    assert job.describe()["TrainingJobStatus"] == "Completed"
    printed = capsys.readouterr().out
    assert f"[{NUM_ROUND - 1}]\ttrain-error:" in printed
    assert "Completed - " in printed

    component = component_of(tour_session, job.name)
    assert component["DisplayName"] == "Training"
    trials = tour_session.sagemaker_client.list_trials(TrialComponentName=component["TrialComponentName"])
    assert [trial["TrialName"] for trial in trials["TrialSummaries"]] == ["algorithm"]

    expected = direct_errors(min_child_weight=6, num_round=NUM_ROUND)
    for metric in ("train:error", "validation:error"):
        recorded = recorded_series(tour_session.sagemaker_metrics_client, component["TrialComponentArn"], metric)
        assert recorded == pytest.approx(expected[metric], rel=1e-12, abs=0), metric

    model_path = ObjectStore(tour_session.home).path_for(estimator.model_data)
    assert estimator.model_data.endswith(f"/{job.name}/output/model.tar.gz")
    with tarfile.open(model_path) as archive:
        model_bytes = archive.extractfile("xgboost-model").read()
    booster = xgboost.Booster()
    booster.load_model(bytearray(model_bytes))
    assert booster.num_boosted_rounds() == NUM_ROUND


def test_framework_mode_with_tour_rules(tour_session):
    estimator = sdk.XGBoost(
        entry_point=str(framework_script_path()),
        framework_version="0.90-2",
        py_version="py3",
        hyperparameters={**TOUR_HYPERPARAMETERS, "min_child_weight": 10, "num_round": NUM_ROUND},
        instance_count=1,
        instance_type="ml.m4.xlarge",
        output_path=f"s3://{tour_session.default_bucket()}/{PREFIX}/output",
        sagemaker_session=tour_session,
        rules=[
            sdk.Rule.sagemaker(sdk.rule_configs.loss_not_decreasing()),
            sdk.Rule.sagemaker(sdk.rule_configs.overtraining()),
            sdk.Rule.sagemaker(sdk.rule_configs.overfit()),
        ],
    )
    estimator.fit(channels(tour_session), logs=False, experiment_config=experiment_config(tour_session, "framework"))

    statuses = estimator.latest_training_job.wait_for_rules(poll=0.5, timeout=120)
    assert [status["RuleConfigurationName"] for status in statuses] == [
        "LossNotDecreasing",
        "Overtraining",
        "Overfit",
    ]
    assert {status["RuleEvaluationStatus"] for status in statuses} <= TERMINAL_RULE_STATUSES

    # The script passes XGBoost 0.90's defaults, so it matches the built-in algorithm.
    component = component_of(tour_session, estimator.latest_training_job.name)
    recorded = recorded_series(
        tour_session.sagemaker_metrics_client, component["TrialComponentArn"], "validation:error"
    )
    expected = direct_errors(min_child_weight=10, num_round=NUM_ROUND)["validation:error"]
    assert recorded == pytest.approx(expected, rel=1e-12, abs=0)

    archive = ObjectStore(tour_session.home).path_for(estimator.model_data).read_bytes()
    with tarfile.open(fileobj=io.BytesIO(archive)) as model:
        assert model.getnames() == ["xgboost-model"]


def test_failed_job_raises_with_reason(tour_session):
    estimator = sdk.Estimator(
        image_uri=sdk.image_uris.retrieve("xgboost", tour_session.boto_region_name, "1.7-1"),
        instance_count=1,
        instance_type="ml.m5.large",
        hyperparameters={"num_round": 5, "max_depth": "deep"},
        sagemaker_session=tour_session,
    )
    with pytest.raises(sdk.TrainingJobError, match="max_depth") as raised:
        estimator.fit(channels(tour_session), logs=False)
    assert raised.value.status == "Failed"
    assert estimator.output_path == f"s3://{tour_session.default_bucket()}/"


def test_local_role_placeholder_is_recorded(tour_session):
    estimator = sdk.Estimator(
        image_uri="xgboost:1", instance_count=1, instance_type="ml.m5.large", sagemaker_session=tour_session
    )
    request = estimator.training_job_request("s3://sagemaker-studio-local/x")
    assert request["RoleArn"] == "arn:aws:iam::000000000000:role/LocalSageMakerRole"
    assert request["TrainingJobName"].startswith("xgboost-")


def test_missing_instance_settings_raise(tour_session):
    with pytest.raises(ValueError, match="instance_count and instance_type are required"):
        sdk.Estimator(image_uri="xgboost:1", sagemaker_session=tour_session)


def test_job_names_are_unique_and_short():
    names = [sdk.estimator.name_from_base("b" * 80) for _ in range(50)]
    assert len(set(names)) == 50
    assert all(len(name) == 63 for name in names)
