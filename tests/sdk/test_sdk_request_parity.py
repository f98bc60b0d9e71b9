"""The look-alikes send the CreateTrainingJob request SageMaker Python SDK v2 sends.

Both sides build the request for the same arguments and job name; SDK v2's goes to a capturing
client and its code upload to a recording stand-in for the S3 resource, so nothing leaves the
process. The only field compared away is ProfilerConfig, which the look-alikes never send.
"""

from __future__ import annotations

import io
import tarfile

import boto3
import pytest

from churn_studio_ext import sdk

from .conftest import TELEMETRY_OFF, CapturingSageMakerClient

sagemaker = pytest.importorskip("sagemaker")
from sagemaker.debugger import CollectionConfig as SdkCollectionConfig  # noqa: E402
from sagemaker.debugger import DebuggerHookConfig as SdkDebuggerHookConfig  # noqa: E402
from sagemaker.debugger import Rule as SdkRule  # noqa: E402
from sagemaker.debugger import rule_configs as sdk_rule_configs  # noqa: E402
from sagemaker.estimator import Estimator as SdkEstimator  # noqa: E402
from sagemaker.inputs import TrainingInput as SdkTrainingInput  # noqa: E402
from sagemaker.xgboost import XGBoost as SdkXGBoost  # noqa: E402

ROLE = "arn:aws:iam::111122223333:role/SageMakerRole"
BUCKET = "sagemaker-studio-local"
OUTPUT_PATH = f"s3://{BUCKET}/xgboost-churn/output"
TOUR_HYPERPARAMETERS = {
    "max_depth": 5,
    "subsample": 0.8,
    "num_round": 600,
    "eta": 0.2,
    "gamma": 4,
    "min_child_weight": 6,
    "silent": 0,
    "objective": "binary:logistic",
}
EXPERIMENT_CONFIG = {
    "ExperimentName": "customer-churn-prediction-xgboost-2026-12-04-21-00-00",
    "TrialName": "algorithm-mode-trial-2026-12-04-21-00-00",
    "TrialComponentDisplayName": "Training",
}


class RecordingS3Object:
    def __init__(self, uploads, bucket, key):
        self.uploads, self.bucket, self.key = uploads, bucket, key

    def upload_file(self, path, ExtraArgs=None):
        with open(path, "rb") as archive:
            self.uploads[(self.bucket, self.key)] = archive.read()


class RecordingS3Resource:
    def __init__(self):
        self.uploads = {}

    def Object(self, bucket, key):  # noqa: N802 - boto3's method name
        return RecordingS3Object(self.uploads, bucket, key)


@pytest.fixture
def sdk_session():
    from sagemaker.session import Session

    client = CapturingSageMakerClient()
    session = Session(
        boto_session=boto3.Session(region_name="us-east-1"),
        sagemaker_client=client,
        default_bucket=BUCKET,
        sagemaker_config=TELEMETRY_OFF,
    )
    session.s3_resource = RecordingS3Resource()
    # The real default_bucket() checks the bucket through S3 and STS; the name is all we need.
    session.default_bucket = lambda: BUCKET
    return session


def sdk_channels():
    return {
        "train": SdkTrainingInput(f"s3://{BUCKET}/xgboost-churn/train", content_type="csv"),
        "validation": SdkTrainingInput(f"s3://{BUCKET}/xgboost-churn/validation", content_type="csv"),
    }


def our_channels():
    return {
        "train": sdk.TrainingInput(f"s3://{BUCKET}/xgboost-churn/train", content_type="csv"),
        "validation": sdk.TrainingInput(f"s3://{BUCKET}/xgboost-churn/validation", content_type="csv"),
    }


def without_profiler(request):
    return {key: value for key, value in request.items() if key != "ProfilerConfig"}


def test_algorithm_mode_request_matches_sdk(sdk_session, capturing_session):
    image = sdk.image_uris.retrieve("xgboost", "us-east-1", "0.90-2")
    common = dict(
        image_uri=image,
        role=ROLE,
        instance_count=1,
        instance_type="ml.m4.xlarge",
        output_path=OUTPUT_PATH,
        base_job_name="demo-xgboost-customer-churn",
    )
    theirs = SdkEstimator(sagemaker_session=sdk_session, **common)
    theirs.set_hyperparameters(**TOUR_HYPERPARAMETERS)
    theirs.fit(sdk_channels(), wait=False, logs=False, job_name="tour-job", experiment_config=EXPERIMENT_CONFIG)
    ours = sdk.Estimator(sagemaker_session=capturing_session, **common)
    ours.set_hyperparameters(**TOUR_HYPERPARAMETERS)
    ours.fit(our_channels(), wait=False, job_name="tour-job", experiment_config=EXPERIMENT_CONFIG)

    (expected,) = sdk_session.sagemaker_client.requests
    (actual,) = capturing_session.sagemaker_client.requests
    assert actual == without_profiler(expected)
    assert actual["HyperParameters"]["subsample"] == "0.8"
    assert actual["DebugHookConfig"] == {"S3OutputPath": OUTPUT_PATH, "CollectionConfigurations": []}


def test_framework_mode_request_matches_sdk(sdk_session, capturing_session, tmp_path):
    script = tmp_path / "train_churn.py"
    script.write_text("print('training')\n")

    def rules(rule_class, configs):
        return [
            rule_class.sagemaker(configs.loss_not_decreasing()),
            rule_class.sagemaker(configs.overtraining()),
            rule_class.sagemaker(configs.overfit()),
        ]

    common = dict(
        entry_point=str(script),
        framework_version="0.90-2",
        py_version="py3",
        role=ROLE,
        instance_count=1,
        instance_type="ml.m4.xlarge",
        output_path=OUTPUT_PATH,
        base_job_name="demo-xgboost-customer-churn",
        hyperparameters={**TOUR_HYPERPARAMETERS, "min_child_weight": 10},
    )
    theirs = SdkXGBoost(sagemaker_session=sdk_session, rules=rules(SdkRule, sdk_rule_configs), **common)
    theirs.fit(sdk_channels(), wait=False, logs=False, job_name="framework-job")
    ours = sdk.XGBoost(sagemaker_session=capturing_session, rules=rules(sdk.Rule, sdk.rule_configs), **common)
    ours.fit(our_channels(), wait=False, job_name="framework-job")

    (expected,) = sdk_session.sagemaker_client.requests
    (actual,) = capturing_session.sagemaker_client.requests
    assert actual == without_profiler(expected)
    assert actual["HyperParameters"]["objective"] == '"binary:logistic"'
    assert actual["HyperParameters"]["sagemaker_program"] == '"train_churn.py"'

    key = "framework-job/source/sourcedir.tar.gz"
    assert actual["HyperParameters"]["sagemaker_submit_directory"] == f'"s3://{BUCKET}/{key}"'
    sdk_archive = sdk_session.s3_resource.uploads[(BUCKET, key)]
    our_archive = capturing_session.object_path(BUCKET, key).read_bytes()
    assert archive_members(our_archive) == archive_members(sdk_archive)
    assert archive_members(our_archive) == {"train_churn.py": b"print('training')\n"}


def test_framework_source_dir_matches_sdk(sdk_session, capturing_session, tmp_path):
    source = tmp_path / "code"
    (source / "helpers").mkdir(parents=True)
    (source / "train.py").write_text("import helpers.io\n")
    (source / "helpers" / "io.py").write_text("VALUE = 1\n")
    common = dict(
        entry_point="train.py",
        source_dir=str(source),
        framework_version="1.7-1",
        role=ROLE,
        instance_count=1,
        instance_type="ml.m5.large",
        code_location=f"s3://{BUCKET}/code-prefix",
        output_path=OUTPUT_PATH,
        hyperparameters={"num_round": 3, "verbose": True},
    )
    SdkXGBoost(sagemaker_session=sdk_session, **common).fit(
        f"s3://{BUCKET}/data", wait=False, logs=False, job_name="source-dir-job"
    )
    sdk.XGBoost(sagemaker_session=capturing_session, **common).fit(
        f"s3://{BUCKET}/data", wait=False, job_name="source-dir-job"
    )

    (expected,) = sdk_session.sagemaker_client.requests
    (actual,) = capturing_session.sagemaker_client.requests
    assert actual == without_profiler(expected)
    assert actual["HyperParameters"]["verbose"] == "true"
    key = "code-prefix/source-dir-job/source/sourcedir.tar.gz"
    sdk_archive = sdk_session.s3_resource.uploads[(BUCKET, key)]
    our_archive = capturing_session.object_path(BUCKET, key).read_bytes()
    assert archive_members(our_archive) == archive_members(sdk_archive)
    assert set(archive_members(our_archive)) == {"train.py", "helpers/io.py"}


def test_custom_rules_and_hook_match_sdk(sdk_session, capturing_session):
    def build(module, configs, hook_class, collection_class):
        return dict(
            rules=[
                module.sagemaker(
                    configs.loss_not_decreasing(),
                    rule_parameters={"num_steps": "5", "tensor_regex": "validation-error"},
                ),
                module.sagemaker(configs.overfit(), name="my-overfit", rule_parameters={"patience": "3"}),
                module.sagemaker(
                    configs.tree_depth(),
                    collections_to_save=[collection_class("trees", {"save_interval": "10"})],
                ),
            ],
            debugger_hook_config=hook_class(
                hook_parameters={"save_interval": "1"},
                collection_configs=[collection_class("metrics", {"save_interval": "1"})],
            ),
        )

    image = sdk.image_uris.retrieve("xgboost", "us-east-1", "1.7-1")
    common = dict(image_uri=image, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
    SdkEstimator(
        sagemaker_session=sdk_session,
        **common,
        **build(SdkRule, sdk_rule_configs, SdkDebuggerHookConfig, SdkCollectionConfig),
    ).fit(f"s3://{BUCKET}/train", wait=False, logs=False, job_name="rules-job")
    sdk.Estimator(
        sagemaker_session=capturing_session,
        **common,
        **build(sdk.Rule, sdk.rule_configs, sdk.DebuggerHookConfig, sdk.CollectionConfig),
    ).fit(f"s3://{BUCKET}/train", wait=False, job_name="rules-job")

    (expected,) = sdk_session.sagemaker_client.requests
    (actual,) = capturing_session.sagemaker_client.requests
    # SDK v2 merges collections through a set, so their order is arbitrary.
    expected_hook = dict(expected.pop("DebugHookConfig"))
    actual_hook = dict(actual.pop("DebugHookConfig"))
    expected_collections = expected_hook.pop("CollectionConfigurations")
    actual_collections = actual_hook.pop("CollectionConfigurations")
    assert sorted(actual_collections, key=str) == sorted(expected_collections, key=str)
    assert actual_hook == expected_hook
    assert actual == without_profiler(expected)
    assert actual["OutputDataConfig"] == {"S3OutputPath": f"s3://{BUCKET}/"}


def test_default_job_name_matches_sdk_form(sdk_session, capturing_session):
    image = sdk.image_uris.retrieve("xgboost", "us-east-1", "0.90-2")
    common = dict(image_uri=image, role=ROLE, instance_count=1, instance_type="ml.m4.xlarge")
    SdkEstimator(sagemaker_session=sdk_session, **common).fit(f"s3://{BUCKET}/t", wait=False, logs=False)
    sdk.Estimator(sagemaker_session=capturing_session, **common).fit(f"s3://{BUCKET}/t", wait=False)

    (expected,) = sdk_session.sagemaker_client.requests
    (actual,) = capturing_session.sagemaker_client.requests
    theirs, ours = expected["TrainingJobName"], actual["TrainingJobName"]
    # Both are <image repository>-<timestamp>; the timestamps differ by the time between calls.
    assert ours.rsplit("-", 7)[0] == theirs.rsplit("-", 7)[0] == "sagemaker-xgboost"
    assert len(ours) == len(theirs)


def archive_members(archive_bytes: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(archive_bytes), mode="r:gz") as archive:
        return {
            member.name: archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.isfile()
        }
