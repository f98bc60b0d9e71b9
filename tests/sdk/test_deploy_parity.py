"""Hosting requests of the look-alikes equal those SageMaker Python SDK v2 sends.

Both sides run against a recording client. It validates each request against botocore's
service model, keeps it, and returns just enough for the SDK to go on (a Completed training
job, InService endpoints, stored endpoint configs). Nothing leaves the process.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import time

import boto3
import pytest
from botocore import xform_name
from botocore.response import StreamingBody
from botocore.validate import ParamValidator

from churn_studio_ext import sdk

from .conftest import TELEMETRY_OFF

sagemaker = pytest.importorskip("sagemaker")
from sagemaker.estimator import Estimator as SdkEstimator  # noqa: E402
from sagemaker.model_monitor import DataCaptureConfig as SdkDataCaptureConfig  # noqa: E402
from sagemaker.predictor import Predictor as SdkPredictor  # noqa: E402
from sagemaker.serializers import CSVSerializer as SdkCSVSerializer  # noqa: E402

ROLE = "arn:aws:iam::111122223333:role/SageMakerRole"
BUCKET = "sagemaker-studio-local"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3"
OUTPUT_PATH = f"s3://{BUCKET}/xgboost-churn/output"
CAPTURE_URI = f"s3://{BUCKET}/xgboost-churn/datacapture"
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}")
TOUR_ROW = "186,0.1,137.8,97,187.7,118,146.4,85,8.7,6,1"


@functools.lru_cache(maxsize=None)
def operation_models(service: str) -> dict:
    # Loading a service model takes about a second; every test reuses the first one.
    model = boto3.Session(region_name="us-east-1").client(
        service, endpoint_url="http://127.0.0.1:9"
    ).meta.service_model
    return {xform_name(name): model.operation_model(name) for name in model.operation_names}


class RecordingClient:
    """A sagemaker (or sagemaker-runtime) client that validates, records and remembers."""

    def __init__(self, service="sagemaker"):
        self._operations = operation_models(service)
        self.calls = []
        self.configs = {}
        self.endpoints = {}

    def __getattr__(self, method):
        if method.startswith("_") or method not in self._operations:
            raise AttributeError(method)

        def call(**request):
            shape = self._operations[method].input_shape
            report = ParamValidator().validate(request, shape)
            assert not report.has_errors(), report.generate_report()
            self.calls.append((method, request))
            return self._answer(method, request)

        return call

    def requests(self, method):
        return [request for name, request in self.calls if name == method]

    def _answer(self, method, request):
        if method == "describe_training_job":
            name = request["TrainingJobName"]
            return {
                "TrainingJobName": name, "TrainingJobStatus": "Completed",
                "TrainingJobArn": f"arn:aws:sagemaker:us-east-1:111122223333:training-job/{name}",
                "ModelArtifacts": {"S3ModelArtifacts": f"{OUTPUT_PATH}/{name}/output/model.tar.gz"},
                "CreationTime": datetime.datetime(2026, 12, 4, tzinfo=datetime.timezone.utc),
            }
        if method == "create_endpoint_config":
            self.configs[request["EndpointConfigName"]] = request
        if method in ("create_endpoint", "update_endpoint"):
            self.endpoints[request["EndpointName"]] = request["EndpointConfigName"]
        if method == "describe_endpoint":
            name = request["EndpointName"]
            return {"EndpointName": name, "EndpointConfigName": self.endpoints[name],
                    "EndpointStatus": "InService"}
        if method == "describe_endpoint_config":
            name = request["EndpointConfigName"]
            stored = {k: v for k, v in self.configs[name].items() if k != "Tags"}
            return {**stored,
                    "EndpointConfigArn": f"arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/{name}",
                    "CreationTime": datetime.datetime(2026, 12, 4, tzinfo=datetime.timezone.utc)}
        if method == "list_tags":
            return {"Tags": []}
        if method == "invoke_endpoint":
            body = b"0.0254181120544672"
            return {"Body": StreamingBody(io.BytesIO(body), len(body)), "ContentType": "text/csv"}
        return {}


class _NoSleep:
    """``time`` for sagemaker.session, whose endpoint waits sleep 30 s before each poll."""

    def __getattr__(self, name):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds):
        return None


@pytest.fixture(scope="module")
def sdk_session():
    # Built once: SDK v2 validates its config against a JSON schema, which takes seconds.
    import sagemaker.session
    from sagemaker.session import Session

    session = Session(
        boto_session=boto3.Session(region_name="us-east-1"),
        sagemaker_client=RecordingClient(),
        sagemaker_runtime_client=RecordingClient("sagemaker-runtime"),
        default_bucket=BUCKET,
        sagemaker_config=TELEMETRY_OFF,
    )
    session.default_bucket = lambda: BUCKET
    return session


@pytest.fixture
def sdk_side(sdk_session, monkeypatch):
    import sagemaker.session

    monkeypatch.setattr(sagemaker.session, "time", _NoSleep())
    sdk_session.sagemaker_client = RecordingClient()
    sdk_session.sagemaker_runtime_client = RecordingClient("sagemaker-runtime")
    return sdk_session


@pytest.fixture
def our_side(local_session):
    local_session.sagemaker_client = RecordingClient()
    local_session._churn_studio_runtime_client = RecordingClient("sagemaker-runtime")
    return local_session


def fitted(estimator_class, session, job_name="tour-job"):
    estimator = estimator_class(
        image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m4.xlarge",
        output_path=OUTPUT_PATH, base_job_name="demo-xgboost-customer-churn",
        sagemaker_session=session,
    )
    estimator.set_hyperparameters(num_round=5, objective="binary:logistic")
    kwargs = {"logs": False} if estimator_class is SdkEstimator else {}
    estimator.fit(f"s3://{BUCKET}/xgboost-churn/train", wait=False, job_name=job_name, **kwargs)
    return estimator


def hosting_calls(client):
    return [(name, request) for name, request in client.calls
            if name in ("create_model", "create_endpoint_config", "create_endpoint")]


def masked(value):
    """Replace SDK-style timestamps, which differ between the two sides, by a marker."""
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [masked(item) for item in value]
    if isinstance(value, str):
        return TIMESTAMP.sub("<timestamp>", value)
    return value


@pytest.mark.parametrize(
    "capture_arguments",
    [
        {"enable_capture": True, "sampling_percentage": 100, "destination_s3_uri": CAPTURE_URI},
        {"enable_capture": True},
        {"enable_capture": True, "sampling_percentage": 50, "destination_s3_uri": CAPTURE_URI,
         "kms_key_id": "alias/capture", "capture_options": ["REQUEST"],
         "csv_content_types": ["text/csv", "application/csv"],
         "json_content_types": ["application/jsonlines"]},
        None,
    ],
    ids=["tour", "defaults", "every-argument", "no-capture"],
)
def test_deploy_requests_match_sdk(sdk_side, our_side, capture_arguments):
    def capture(config_class, session):
        if capture_arguments is None:
            return None
        return config_class(sagemaker_session=session, **capture_arguments)

    theirs = fitted(SdkEstimator, sdk_side)
    theirs.deploy(1, "ml.m4.xlarge", serializer=SdkCSVSerializer(), endpoint_name="churn-endpoint",
                  model_name="churn-model",
                  data_capture_config=capture(SdkDataCaptureConfig, sdk_side))
    ours = fitted(sdk.Estimator, our_side)
    predictor = ours.deploy(1, "ml.m4.xlarge", serializer=sdk.CSVSerializer(),
                            endpoint_name="churn-endpoint", model_name="churn-model",
                            data_capture_config=capture(sdk.DataCaptureConfig, our_side))

    expected = hosting_calls(sdk_side.sagemaker_client)
    assert [name for name, _ in expected] == ["create_model", "create_endpoint_config",
                                              "create_endpoint"]
    assert hosting_calls(our_side.sagemaker_client) == expected
    assert predictor.endpoint_name == "churn-endpoint"
    config = expected[1][1]
    if capture_arguments == {"enable_capture": True}:
        assert config["DataCaptureConfig"]["DestinationS3Uri"] == (
            f"s3://{BUCKET}/model-monitor/data-capture")
        assert config["DataCaptureConfig"]["InitialSamplingPercentage"] == 20


def test_default_names_match_sdk_form(sdk_side, our_side):
    fitted(SdkEstimator, sdk_side).deploy(1, "ml.m4.xlarge")
    fitted(sdk.Estimator, our_side).deploy(1, "ml.m4.xlarge")

    expected = hosting_calls(sdk_side.sagemaker_client)
    actual = hosting_calls(our_side.sagemaker_client)
    assert masked(actual) == masked(expected)
    assert masked(actual[0][1]["ModelName"]) == "demo-xgboost-customer-churn-<timestamp>"
    assert actual[2][1]["EndpointName"] == actual[0][1]["ModelName"]


def test_predict_request_matches_sdk(sdk_side, our_side):
    theirs = SdkPredictor("churn-endpoint", sagemaker_session=sdk_side, serializer=SdkCSVSerializer())
    ours = sdk.Predictor("churn-endpoint", sagemaker_session=our_side, serializer=sdk.CSVSerializer())

    for predictor in (theirs, ours):
        assert predictor.predict(TOUR_ROW) == b"0.0254181120544672"
        predictor.predict([[1, 2.5], [3, 4]], inference_id="request-7",
                          custom_attributes="trial=1")

    expected = sdk_side.sagemaker_runtime_client.requests("invoke_endpoint")
    actual = our_side._churn_studio_runtime_client.requests("invoke_endpoint")
    assert actual == expected
    assert actual[0] == {"EndpointName": "churn-endpoint", "ContentType": "text/csv",
                         "Accept": "*/*", "Body": TOUR_ROW}


def test_update_data_capture_config_matches_sdk(sdk_side, our_side):
    theirs = fitted(SdkEstimator, sdk_side).deploy(
        1, "ml.m4.xlarge", endpoint_name="churn-endpoint", model_name="churn-model",
        data_capture_config=SdkDataCaptureConfig(True, 100, CAPTURE_URI, sagemaker_session=sdk_side))
    ours = fitted(sdk.Estimator, our_side).deploy(
        1, "ml.m4.xlarge", endpoint_name="churn-endpoint", model_name="churn-model",
        data_capture_config=sdk.DataCaptureConfig(True, 100, CAPTURE_URI, sagemaker_session=our_side))

    theirs.update_data_capture_config(SdkDataCaptureConfig(False, sagemaker_session=sdk_side))
    ours.update_data_capture_config(sdk.DataCaptureConfig(False, sagemaker_session=our_side))

    for client in (sdk_side.sagemaker_client, our_side.sagemaker_client):
        assert len(client.requests("create_endpoint_config")) == 2
        assert len(client.requests("update_endpoint")) == 1
    expected = sdk_side.sagemaker_client.requests("create_endpoint_config")[1]
    actual = our_side.sagemaker_client.requests("create_endpoint_config")[1]
    assert masked(actual) == masked(expected)
    assert masked(actual["EndpointConfigName"]) == "churn-endpoint-<timestamp>"
    assert actual["DataCaptureConfig"]["EnableCapture"] is False
    assert masked(our_side.sagemaker_client.requests("update_endpoint")) == masked(
        sdk_side.sagemaker_client.requests("update_endpoint"))


def test_delete_calls_cover_the_sdks(sdk_side, our_side):
    theirs = fitted(SdkEstimator, sdk_side).deploy(1, "ml.m4.xlarge", endpoint_name="e",
                                                   model_name="m")
    ours = fitted(sdk.Estimator, our_side).deploy(1, "ml.m4.xlarge", endpoint_name="e",
                                                  model_name="m")
    for predictor in (theirs, ours):
        predictor.delete_endpoint()
        predictor.delete_model()

    def deletions(client):
        return [(name, request) for name, request in client.calls if name.startswith("delete_")]

    # Same deletions; ours removes the endpoint before the config it uses (see predictor.py).
    assert sorted(deletions(our_side.sagemaker_client), key=str) == sorted(
        deletions(sdk_side.sagemaker_client), key=str)
    assert [name for name, _ in deletions(our_side.sagemaker_client)] == [
        "delete_endpoint", "delete_endpoint_config", "delete_model"]
