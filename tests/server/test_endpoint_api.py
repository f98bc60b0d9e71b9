"""The endpoints REST API on the local backend: deploy a trained trial component, invoke, delete.

One 20-round XGBoost training job runs per module in the module's studio home; its trial
component is what the tests deploy. Every endpoint a test starts is deleted at module teardown,
and its model server killed if it survived the delete.
"""

import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "endpoints"))

from endpoint_helpers import (  # noqa: E402
    BUCKET,
    CAPTURE_URI,
    JOB_NAME,
    TRAIN_URI,
    VALIDATION_URI,
    XGBOOST_IMAGE,
    direct_predictions,
    stop_all_servers,
    training_request,
    wait_for_training,
    wait_until,
)

from churn_studio_ext import local, tour_data  # noqa: E402
from churn_studio_ext.local.objects import ObjectStore  # noqa: E402
from churn_studio_ext.server.endpoint_service import TRIAL_COMPONENT_TAG  # noqa: E402
from churn_studio_ext.training import load_model_archive  # noqa: E402

COMPONENT = f"{JOB_NAME}-aws-training-job"
DEPLOY_TIMEOUT_SECONDS = 60.0


@pytest.fixture(scope="module")
def studio_home(tmp_path_factory):
    """A studio home shared by the module, holding one completed training job."""
    home = tmp_path_factory.mktemp("endpoint-api") / "home"
    objects = ObjectStore(home)
    objects.put_file(tour_data.shipped_tour_file("train.csv"), f"{TRAIN_URI}/train.csv")
    objects.put_file(tour_data.shipped_tour_file("validation.csv"), f"{VALIDATION_URI}/validation.csv")
    sm = local.client("sagemaker", home=home)
    sm.create_training_job(**training_request())
    description = wait_for_training(sm, JOB_NAME)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    yield home
    stop_all_servers(home)


@pytest.fixture(scope="module")
def booster(studio_home):
    sm = local.client("sagemaker", home=studio_home)
    uri = sm.describe_training_job(TrainingJobName=JOB_NAME)["ModelArtifacts"]["S3ModelArtifacts"]
    return load_model_archive(ObjectStore(studio_home).path_for(uri))


@pytest.fixture
def endpoint_api(jp_fetch):
    """Return ``call(method, *path, body=None) -> (status, json body)`` under churn-studio/api."""

    async def call(method, *path, body=None):
        payload = None if body is None else json.dumps(body)
        response = await jp_fetch(
            "churn-studio", "api", *path, method=method, body=payload, raise_error=False,
            allow_nonstandard_methods=True,
        )
        return response.code, json.loads(response.body)

    return call


@pytest.fixture
def delete_afterwards(sagemaker_client):
    """Collect endpoint names that a test deletes at its end even when it fails."""
    names = []
    yield names
    for name in names:
        try:
            sagemaker_client.delete_endpoint(EndpointName=name)
        except sagemaker_client.exceptions.ClientError:
            pass


def deploy_body(name, capture=True, percentage=100, **extra):
    return {
        "endpointName": name,
        "trialComponentName": COMPONENT,
        "instanceType": "ml.m5.xlarge",
        "instanceCount": 2,
        "dataCapture": {"enabled": capture, "samplingPercentage": percentage},
        **extra,
    }


async def wait_in_service(endpoint_api, name):
    """Poll GET endpoints/<name> until InService or Failed; return the last body."""
    import asyncio
    import time

    deadline = time.monotonic() + DEPLOY_TIMEOUT_SECONDS
    while True:
        status, body = await endpoint_api("GET", "endpoints", name)
        assert status == 200, body
        if body["status"] in ("InService", "Failed"):
            return body
        if time.monotonic() > deadline:
            pytest.fail(f"Endpoint {name} is still {body['status']} after {DEPLOY_TIMEOUT_SECONDS} s")
        await asyncio.sleep(0.1)


def validation_features() -> str:
    first = tour_data.shipped_tour_file("validation.csv").read_text().splitlines()[0]
    return first.split(",", 1)[1]


def spec_schema(openapi_spec, path, verb, status):
    operation = openapi_spec["paths"][path][verb]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**schema, "components": openapi_spec["components"]}


def check_spec(openapi_spec, path, verb, status, body):
    jsonschema.Draft202012Validator(
        spec_schema(openapi_spec, path, verb, status), format_checker=jsonschema.FormatChecker()
    ).validate(body)


async def test_list_without_endpoints(endpoint_api, openapi_spec):
    status, body = await endpoint_api("GET", "endpoints")

    assert status == 200
    assert body == {"endpoints": []}
    check_spec(openapi_spec, "/endpoints", "get", 200, body)


async def test_deploy_invoke_delete(
    endpoint_api, sagemaker_client, booster, openapi_spec, delete_afterwards
):
    delete_afterwards.append("churn-api-endpoint")
    status, row = await endpoint_api("POST", "endpoints", body=deploy_body("churn-api-endpoint"))

    assert status == 202, row
    assert row["name"] == "churn-api-endpoint"
    assert row["status"] in ("Creating", "InService")
    assert row["modelName"] == "churn-api-endpoint"
    assert row["trialComponentName"] == COMPONENT
    check_spec(openapi_spec, "/endpoints", "post", 202, row)

    detail = await wait_in_service(endpoint_api, "churn-api-endpoint")
    assert detail["status"] == "InService", detail["failureReason"]
    assert detail["failureReason"] is None
    assert detail["endpointConfigName"] == "churn-api-endpoint"
    training_job = sagemaker_client.describe_training_job(TrainingJobName=JOB_NAME)
    assert detail["variants"] == [{
        "variantName": "AllTraffic",
        "modelName": "churn-api-endpoint",
        "instanceType": "ml.m5.xlarge",
        "instanceCount": 2,
        "image": XGBOOST_IMAGE,
        "modelDataUrl": training_job["ModelArtifacts"]["S3ModelArtifacts"],
    }]
    assert detail["dataCapture"]["enabled"] is True
    assert detail["dataCapture"]["samplingPercentage"] == 100
    assert detail["dataCapture"]["destinationUri"] == CAPTURE_URI
    assert detail["dataCapture"]["captureModes"] == ["Input", "Output"]
    check_spec(openapi_spec, "/endpoints/{endpointName}", "get", 200, detail)

    model = sagemaker_client.describe_model(ModelName="churn-api-endpoint")
    tags = sagemaker_client.list_tags(ResourceArn=model["ModelArn"])["Tags"]
    assert {"Key": TRIAL_COMPONENT_TAG, "Value": COMPONENT} in tags

    status, listing = await endpoint_api("GET", "endpoints")
    assert status == 200
    assert [item["name"] for item in listing["endpoints"]] == ["churn-api-endpoint"]
    assert listing["endpoints"][0]["trialComponentName"] == COMPONENT
    assert listing["endpoints"][0]["status"] == "InService"

    status, sample = await endpoint_api("GET", "endpoints", "churn-api-endpoint", "sample-row")
    assert status == 200, sample
    assert sample["source"] == "validation"
    assert sample["row"] == validation_features()
    check_spec(openapi_spec, "/endpoints/{endpointName}/sample-row", "get", 200, sample)

    status, reply = await endpoint_api(
        "POST", "endpoints", "churn-api-endpoint", "invocations",
        body={"contentType": "text/csv", "body": sample["row"]},
    )
    assert status == 200, reply
    probability = float(reply["body"])
    assert 0.0 < probability < 1.0
    assert probability == pytest.approx(float(direct_predictions(booster, [sample["row"]])[0]), abs=1e-6)
    assert reply["latencyMs"] > 0
    check_spec(openapi_spec, "/endpoints/{endpointName}/invocations", "post", 200, reply)

    status, deleted = await endpoint_api("DELETE", "endpoints", "churn-api-endpoint")
    assert status == 200, deleted
    assert deleted == {
        "endpointName": "churn-api-endpoint",
        "deletedEndpointConfig": "churn-api-endpoint",
        "deletedModels": ["churn-api-endpoint"],
    }
    check_spec(openapi_spec, "/endpoints/{endpointName}", "delete", 200, deleted)

    status, missing = await endpoint_api("GET", "endpoints", "churn-api-endpoint")
    assert status == 404
    assert "churn-api-endpoint" in missing["message"]
    with pytest.raises(sagemaker_client.exceptions.ClientError):
        sagemaker_client.describe_model(ModelName="churn-api-endpoint")


async def test_deploy_without_capture_keeps_foreign_model(endpoint_api, sagemaker_client, delete_afterwards):
    # A model that this studio did not create has the endpoint's name, so the deploy picks
    # another model name, and the delete leaves the foreign model alone.
    training_job = sagemaker_client.describe_training_job(TrainingJobName=JOB_NAME)
    sagemaker_client.create_model(
        ModelName="no-capture",
        PrimaryContainer={"Image": XGBOOST_IMAGE,
                          "ModelDataUrl": training_job["ModelArtifacts"]["S3ModelArtifacts"]},
    )
    delete_afterwards.append("no-capture")

    status, row = await endpoint_api("POST", "endpoints", body=deploy_body("no-capture", capture=False))
    assert status == 202, row
    assert row["modelName"].startswith("no-capture-")

    detail = await wait_in_service(endpoint_api, "no-capture")
    assert detail["status"] == "InService", detail["failureReason"]
    assert detail["dataCapture"] is None

    status, deleted = await endpoint_api("DELETE", "endpoints", "no-capture")
    assert status == 200
    assert deleted["deletedModels"] == [row["modelName"]]
    assert sagemaker_client.describe_model(ModelName="no-capture")["ModelName"] == "no-capture"
    sagemaker_client.delete_model(ModelName="no-capture")


@pytest.mark.parametrize(
    "name",
    ["bad_name", "-leading-hyphen", "trailing-hyphen-", "a" * 64, "has space", ""],
)
async def test_deploy_invalid_name_rejected(endpoint_api, name):
    status, body = await endpoint_api("POST", "endpoints", body=deploy_body(name))

    assert status == 400
    assert "endpointName" in body["message"]
    if name:
        assert repr(name) in body["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("instanceType", "m5.xlarge"),
        ("instanceCount", 0),
        ("dataCapture", {"enabled": True, "samplingPercentage": 101}),
        ("dataCapture", {"enabled": "yes"}),
        ("dataCapture", {"enabled": True, "samplingPercentage": 50, "destinationUri": "/tmp/capture"}),
    ],
)
async def test_deploy_invalid_setting_rejected(endpoint_api, field, value):
    status, body = await endpoint_api("POST", "endpoints", body={**deploy_body("valid-name"), field: value})

    assert status == 400
    assert field in body["message"]


async def test_deploy_taken_name_conflicts(endpoint_api, sagemaker_client, delete_afterwards):
    delete_afterwards.append("taken-name")
    sagemaker_client.create_model(
        ModelName="taken-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE, "ModelDataUrl": "s3://missing-bucket/model.tar.gz"},
    )
    sagemaker_client.create_endpoint_config(
        EndpointConfigName="taken-config",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "taken-model",
                             "InitialInstanceCount": 1, "InstanceType": "ml.m5.xlarge"}],
    )
    sagemaker_client.create_endpoint(EndpointName="taken-name", EndpointConfigName="taken-config")

    status, body = await endpoint_api("POST", "endpoints", body=deploy_body("Taken-Name"))

    assert status == 409
    assert "'Taken-Name'" in body["message"]
    with pytest.raises(sagemaker_client.exceptions.ClientError):
        sagemaker_client.describe_model(ModelName="Taken-Name")


async def test_deploy_missing_component_not_found(endpoint_api):
    body = {**deploy_body("orphan"), "trialComponentName": "no-such-component"}

    status, reply = await endpoint_api("POST", "endpoints", body=body)

    assert status == 404
    assert "no-such-component" in reply["message"]


async def test_deploy_component_without_model_rejected(endpoint_api, sagemaker_client):
    sagemaker_client.create_trial_component(TrialComponentName="no-model-component")
    body = {**deploy_body("no-model"), "trialComponentName": "no-model-component"}

    status, reply = await endpoint_api("POST", "endpoints", body=body)

    assert status == 400
    assert "SageMaker.ModelArtifact" in reply["message"]
    with pytest.raises(sagemaker_client.exceptions.ClientError):
        sagemaker_client.describe_endpoint(EndpointName="no-model")


async def test_failed_endpoint_shows_reason(endpoint_api, sagemaker_client, delete_afterwards):
    delete_afterwards.append("broken-endpoint")
    sagemaker_client.create_model(
        ModelName="broken-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE, "ModelDataUrl": "s3://missing-bucket/model.tar.gz"},
    )
    sagemaker_client.create_endpoint_config(
        EndpointConfigName="broken-config",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "broken-model",
                             "InitialInstanceCount": 1, "InstanceType": "ml.m5.xlarge"}],
    )
    sagemaker_client.create_endpoint(EndpointName="broken-endpoint", EndpointConfigName="broken-config")

    detail = await wait_in_service(endpoint_api, "broken-endpoint")

    assert detail["status"] == "Failed"
    assert detail["failureReason"]
    assert detail["trialComponentName"] is None

    status, listing = await endpoint_api("GET", "endpoints")
    row = next(item for item in listing["endpoints"] if item["name"] == "broken-endpoint")
    assert row["failureReason"] == detail["failureReason"]

    status, reply = await endpoint_api(
        "POST", "endpoints", "broken-endpoint", "invocations", body={"contentType": "text/csv", "body": "1"}
    )
    assert status == 400
    assert "Failed" in reply["message"]

    # Endpoints from elsewhere keep their config and model on delete.
    status, deleted = await endpoint_api("DELETE", "endpoints", "broken-endpoint")
    assert status == 200
    assert deleted["deletedEndpointConfig"] is None
    assert deleted["deletedModels"] == []
    assert sagemaker_client.describe_endpoint_config(EndpointConfigName="broken-config")


async def test_invoke_bad_row_is_model_error(endpoint_api, delete_afterwards):
    delete_afterwards.append("bad-row-endpoint")
    status, row = await endpoint_api("POST", "endpoints", body=deploy_body("bad-row-endpoint", capture=False))
    assert status == 202, row
    assert (await wait_in_service(endpoint_api, "bad-row-endpoint"))["status"] == "InService"

    status, reply = await endpoint_api(
        "POST", "endpoints", "bad-row-endpoint", "invocations",
        body={"contentType": "text/csv", "body": "1,2,not-a-number"},
    )

    assert status == 424
    assert "Received client error (400)" in reply["message"]

    status, reply = await endpoint_api(
        "POST", "endpoints", "bad-row-endpoint", "invocations", body={"contentType": "text/csv", "body": 7}
    )
    assert status == 400
    assert "Invalid body 7" in reply["message"]
    await endpoint_api("DELETE", "endpoints", "bad-row-endpoint")


async def test_sample_row_from_capture(endpoint_api, sagemaker_client, studio_home, delete_afterwards):
    # Created without the studio's tag from a copy of the model archive that no training job
    # wrote, so no training job is known and only capture can help.
    delete_afterwards.append("captured-endpoint")
    training_job = sagemaker_client.describe_training_job(TrainingJobName=JOB_NAME)
    objects = ObjectStore(studio_home)
    copied_archive = f"s3://{BUCKET}/copied-model/model.tar.gz"
    objects.put_file(objects.path_for(training_job["ModelArtifacts"]["S3ModelArtifacts"]), copied_archive)
    sagemaker_client.create_model(
        ModelName="captured-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE, "ModelDataUrl": copied_archive},
    )
    sagemaker_client.create_endpoint_config(
        EndpointConfigName="captured-config",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "captured-model",
                             "InitialInstanceCount": 1, "InstanceType": "ml.m5.xlarge"}],
        DataCaptureConfig={
            "EnableCapture": True, "InitialSamplingPercentage": 100,
            "DestinationS3Uri": CAPTURE_URI + "-sample",
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
            "CaptureContentTypeHeader": {"CsvContentTypes": ["text/csv"]},
        },
    )
    sagemaker_client.create_endpoint(EndpointName="captured-endpoint", EndpointConfigName="captured-config")
    assert (await wait_in_service(endpoint_api, "captured-endpoint"))["status"] == "InService"

    status, reply = await endpoint_api("GET", "endpoints", "captured-endpoint", "sample-row")
    assert status == 404
    assert "captured-endpoint" in reply["message"]

    test_row = tour_data.shipped_tour_file("test_sample.csv").read_text().splitlines()[5]
    status, _ = await endpoint_api(
        "POST", "endpoints", "captured-endpoint", "invocations", body={"contentType": "text/csv", "body": test_row}
    )
    assert status == 200
    prefix = f"{CAPTURE_URI}-sample/captured-endpoint/"
    wait_until(lambda: ObjectStore(studio_home).list_prefix(prefix), "a capture file")

    status, sample = await endpoint_api("GET", "endpoints", "captured-endpoint", "sample-row")
    assert status == 200, sample
    assert sample["source"] == "capture"
    assert sample["row"] == test_row
    assert sample["contentType"] == "text/csv"
    assert sample["sourceUri"].startswith(prefix)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", ("endpoints", "no-such-endpoint"), None),
        ("DELETE", ("endpoints", "no-such-endpoint"), None),
        ("GET", ("endpoints", "no-such-endpoint", "sample-row"), None),
        ("POST", ("endpoints", "no-such-endpoint", "invocations"), {"contentType": "text/csv", "body": "1"}),
    ],
)
async def test_missing_endpoint_not_found(endpoint_api, method, path, body):
    status, reply = await endpoint_api(method, *path, body=body)

    assert status == 404
    assert "'no-such-endpoint'" in reply["message"]


async def test_invalid_json_body_rejected(jp_fetch):
    response = await jp_fetch(
        "churn-studio", "api", "endpoints", method="POST", body="{not json", raise_error=False
    )

    assert response.code == 400
    assert "not valid JSON" in json.loads(response.body)["message"]


# Every verb of every endpoints route; a verb a route lacks returns 405 before authentication.
ROUTE_VERBS = [
    ("endpoints", "GET"),
    ("endpoints", "POST"),
    ("endpoints/any-name", "GET"),
    ("endpoints/any-name", "DELETE"),
    ("endpoints/any-name/invocations", "POST"),
    ("endpoints/any-name/sample-row", "GET"),
]


@pytest.mark.parametrize(("route", "method"), ROUTE_VERBS)
async def test_request_without_token_rejected(http_server_client, jp_base_url, route, method):
    response = await http_server_client.fetch(
        f"{jp_base_url}churn-studio/api/{route}",
        method=method,
        body=None if method in ("GET", "DELETE") else b"{}",
        raise_error=False,
    )

    assert response.code == 403


def test_spec_documents_endpoint_routes(openapi_spec):
    from churn_studio_ext.server.endpoint_handlers import ENDPOINT_HANDLERS
    from churn_studio_ext.server.handlers import API_PREFIX

    for route, handler in ENDPOINT_HANDLERS:
        path = route[len(f"/{API_PREFIX}"):].replace("(?P<name>[^/]+)", "{endpointName}")
        assert path in openapi_spec["paths"], f"{path} missing from openapi.json"
        for verb in ("get", "post", "delete"):
            documented = verb in openapi_spec["paths"][path]
            assert documented == (verb in vars(handler)), f"{verb} {path}"
            if documented:
                assert "403" in openapi_spec["paths"][path][verb]["responses"], f"{verb} {path}"
