"""Models, endpoint configs and endpoints: create, describe, list, update, delete, failures."""

import tarfile

import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import (
    CAPTURE_URI,
    XGBOOST_IMAGE,
    capture_config,
    create_config,
    endpoint_row,
    output_shape_problems,
    port_is_free,
    wait_for_status,
    wait_until,
)

from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.serving.process_identity import server_is_running


def deploy(sm, name: str, model_name: str, capture: dict | None = None) -> dict:
    create_config(sm, f"{name}-config", model_name, capture)
    sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-config")
    return wait_for_status(sm, name)


def test_model_describe_shape(sm, model):
    description = sm.describe_model(ModelName="churn-model")

    assert output_shape_problems("sagemaker", "DescribeModel", description) == ""
    assert description["ModelName"] == "churn-model"
    assert description["ModelArn"] == "arn:aws:sagemaker:local:000000000000:model/churn-model"
    assert description["PrimaryContainer"]["ModelDataUrl"] == model["uri"]
    assert description["EnableNetworkIsolation"] is False


def test_model_duplicate_and_missing(sm, model):
    with pytest.raises(ClientError) as duplicate:
        sm.create_model(ModelName="Churn-Model", PrimaryContainer={"Image": XGBOOST_IMAGE})
    assert duplicate.value.response["Error"]["Code"] == "ValidationException"
    assert "already existing model" in duplicate.value.response["Error"]["Message"]

    with pytest.raises(ClientError) as missing:
        sm.describe_model(ModelName="no-such-model")
    assert missing.value.response["Error"]["Code"] == "ValidationException"
    assert "Could not find model" in missing.value.response["Error"]["Message"]

    sm.delete_model(ModelName="churn-model")
    with pytest.raises(ClientError):
        sm.describe_model(ModelName="churn-model")


def test_endpoint_config_describe_shape(sm, model):
    create_config(sm, "churn-config", "churn-model", capture_config(percentage=50))

    description = sm.describe_endpoint_config(EndpointConfigName="churn-config")

    assert output_shape_problems("sagemaker", "DescribeEndpointConfig", description) == ""
    assert description["ProductionVariants"][0]["ModelName"] == "churn-model"
    assert description["DataCaptureConfig"]["InitialSamplingPercentage"] == 50
    assert description["DataCaptureConfig"]["CaptureOptions"] == [
        {"CaptureMode": "Input"}, {"CaptureMode": "Output"}
    ]


def test_endpoint_config_of_missing_model(sm):
    with pytest.raises(ClientError) as error:
        create_config(sm, "orphan-config", "no-such-model")
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "no-such-model" in error.value.response["Error"]["Message"]


def test_endpoint_in_service_shape(sm, model, home):
    description = deploy(sm, "churn-endpoint", "churn-model", capture_config(percentage=100))

    assert description["EndpointStatus"] == "InService"
    assert output_shape_problems("sagemaker", "DescribeEndpoint", description) == ""
    variant = description["ProductionVariants"][0]
    assert variant["VariantName"] == "AllTraffic"
    assert variant["DeployedImages"][0]["SpecifiedImage"] == XGBOOST_IMAGE
    assert variant["CurrentInstanceCount"] == 1
    assert description["DataCaptureConfig"]["CaptureStatus"] == "Started"
    assert description["DataCaptureConfig"]["CurrentSamplingPercentage"] == 100
    assert description["DataCaptureConfig"]["DestinationS3Uri"] == CAPTURE_URI
    assert "FailureReason" not in description

    row = endpoint_row(home, "churn-endpoint")
    assert server_is_running(row["server_pid"], row["server_token"])
    assert not port_is_free(row["server_port"])


def test_endpoint_duplicate_and_missing(sm, model):
    deploy(sm, "churn-endpoint", "churn-model")

    with pytest.raises(ClientError) as duplicate:
        sm.create_endpoint(EndpointName="churn-endpoint", EndpointConfigName="churn-endpoint-config")
    assert duplicate.value.response["Error"]["Code"] == "ValidationException"

    # botocore's EndpointDeleted waiter relies on this code for a missing endpoint.
    with pytest.raises(ClientError) as missing:
        sm.describe_endpoint(EndpointName="no-such-endpoint")
    assert missing.value.response["Error"]["Code"] == "ValidationException"

    with pytest.raises(ClientError) as missing_config:
        sm.create_endpoint(EndpointName="other", EndpointConfigName="no-such-config")
    assert missing_config.value.response["Error"]["Code"] == "ValidationException"


def test_list_endpoints_filters_and_paging(sm, model):
    create_config(sm, "shared-config", "churn-model")
    names = ["alpha-endpoint", "beta-endpoint", "gamma-other"]
    for name in names:
        sm.create_endpoint(EndpointName=name, EndpointConfigName="shared-config")
    for name in names:
        wait_for_status(sm, name)

    everything = sm.list_endpoints()
    assert output_shape_problems("sagemaker", "ListEndpoints", everything) == ""
    # Newest first by default.
    assert [entry["EndpointName"] for entry in everything["Endpoints"]] == names[::-1]

    by_name = sm.list_endpoints(SortBy="Name", SortOrder="Ascending", NameContains="ENDPOINT")
    assert [entry["EndpointName"] for entry in by_name["Endpoints"]] == names[:2]

    in_service = sm.list_endpoints(StatusEquals="InService")
    assert len(in_service["Endpoints"]) == 3
    assert sm.list_endpoints(StatusEquals="Failed")["Endpoints"] == []

    first = sm.list_endpoints(MaxResults=2, SortBy="Name", SortOrder="Ascending")
    assert [entry["EndpointName"] for entry in first["Endpoints"]] == names[:2]
    second = sm.list_endpoints(MaxResults=2, SortBy="Name", SortOrder="Ascending",
                               NextToken=first["NextToken"])
    assert [entry["EndpointName"] for entry in second["Endpoints"]] == names[2:]
    assert "NextToken" not in second

    pages = sm.get_paginator("list_endpoints").paginate(PaginationConfig={"PageSize": 1})
    assert sorted(e["EndpointName"] for page in pages for e in page["Endpoints"]) == names


def test_delete_endpoint_stops_server(sm, model, home):
    deploy(sm, "churn-endpoint", "churn-model")
    row = endpoint_row(home, "churn-endpoint")

    sm.delete_endpoint(EndpointName="churn-endpoint")

    assert not server_is_running(row["server_pid"], row["server_token"])
    assert port_is_free(row["server_port"])
    with pytest.raises(ClientError) as missing:
        sm.describe_endpoint(EndpointName="churn-endpoint")
    assert missing.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ClientError):
        sm.delete_endpoint(EndpointName="churn-endpoint")


def test_delete_config_in_use_rejected(sm, model):
    deploy(sm, "churn-endpoint", "churn-model")

    with pytest.raises(ClientError) as error:
        sm.delete_endpoint_config(EndpointConfigName="churn-endpoint-config")
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "churn-endpoint" in error.value.response["Error"]["Message"]

    sm.delete_endpoint(EndpointName="churn-endpoint")
    sm.delete_endpoint_config(EndpointConfigName="churn-endpoint-config")
    with pytest.raises(ClientError):
        sm.describe_endpoint_config(EndpointConfigName="churn-endpoint-config")


def test_update_endpoint_replaces_server(sm, model, home):
    deploy(sm, "churn-endpoint", "churn-model")
    old = endpoint_row(home, "churn-endpoint")
    create_config(sm, "capture-config", "churn-model", capture_config(percentage=30))

    sm.update_endpoint(EndpointName="churn-endpoint", EndpointConfigName="capture-config")
    description = wait_for_status(sm, "churn-endpoint")

    assert description["EndpointStatus"] == "InService"
    assert description["EndpointConfigName"] == "capture-config"
    assert description["DataCaptureConfig"]["CurrentSamplingPercentage"] == 30
    new = endpoint_row(home, "churn-endpoint")
    assert new["server_pid"] != old["server_pid"]
    wait_until(lambda: not server_is_running(old["server_pid"], old["server_token"]),
               "the old model server to stop")


def test_endpoint_fails_without_archive(sm, home):
    sm.create_model(
        ModelName="missing-archive",
        PrimaryContainer={"Image": XGBOOST_IMAGE,
                          "ModelDataUrl": "s3://bucket/nothing/model.tar.gz"},
    )
    description = deploy(sm, "broken-endpoint", "missing-archive")

    assert description["EndpointStatus"] == "Failed"
    assert "s3://bucket/nothing/model.tar.gz" in description["FailureReason"]
    assert "does not exist" in description["FailureReason"]
    assert "ProductionVariants" not in description
    assert output_shape_problems("sagemaker", "DescribeEndpoint", description) == ""


def test_endpoint_fails_on_unloadable_archive(sm, home, tmp_path):
    broken = tmp_path / "model.tar.gz"
    text_file = tmp_path / "xgboost-model"
    text_file.write_text("this is not a booster")
    with tarfile.open(broken, "w:gz") as archive:
        archive.add(text_file, arcname="xgboost-model")
    ObjectStore(home).put_file(broken, "s3://bucket/broken/model.tar.gz")
    sm.create_model(
        ModelName="broken-model",
        PrimaryContainer={"Image": XGBOOST_IMAGE,
                          "ModelDataUrl": "s3://bucket/broken/model.tar.gz"},
    )

    description = deploy(sm, "broken-endpoint", "broken-model")

    assert description["EndpointStatus"] == "Failed"
    assert "not an XGBoost model" in description["FailureReason"]


def test_endpoint_fails_on_foreign_image(sm, model):
    sm.create_model(
        ModelName="pytorch-model",
        PrimaryContainer={"Image": "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch:2.1",
                          "ModelDataUrl": model["uri"]},
    )

    description = deploy(sm, "pytorch-endpoint", "pytorch-model")

    assert description["EndpointStatus"] == "Failed"
    assert "pytorch:2.1" in description["FailureReason"]


def test_failed_update_rolls_back(sm, model, home, runtime, test_rows):
    deploy(sm, "churn-endpoint", "churn-model")
    old = endpoint_row(home, "churn-endpoint")
    sm.create_model(
        ModelName="missing-archive",
        PrimaryContainer={"Image": XGBOOST_IMAGE,
                          "ModelDataUrl": "s3://bucket/nothing/model.tar.gz"},
    )
    create_config(sm, "missing-config", "missing-archive")

    sm.update_endpoint(EndpointName="churn-endpoint", EndpointConfigName="missing-config")
    wait_until(lambda: endpoint_row(home, "churn-endpoint")["failure_reason"],
               "the update to fail")
    description = sm.describe_endpoint(EndpointName="churn-endpoint")

    assert description["EndpointStatus"] == "InService"
    assert description["EndpointConfigName"] == "churn-endpoint-config"
    assert "s3://bucket/nothing/model.tar.gz" in description["FailureReason"]
    assert endpoint_row(home, "churn-endpoint")["server_pid"] == old["server_pid"]
    response = runtime.invoke_endpoint(EndpointName="churn-endpoint", Body=test_rows[1],
                                       ContentType="text/csv")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_update_of_missing_endpoint(sm, model):
    create_config(sm, "spare-config", "churn-model")

    with pytest.raises(ClientError) as error:
        sm.update_endpoint(EndpointName="no-such-endpoint", EndpointConfigName="spare-config")

    assert error.value.response["Error"]["Code"] == "ValidationException"
