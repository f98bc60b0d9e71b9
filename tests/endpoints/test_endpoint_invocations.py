"""InvokeEndpoint on a local endpoint: the tour's rows, CSV and JSON, and the error paths."""

import json

import numpy as np
import pytest
from botocore.exceptions import ClientError
from botocore.response import StreamingBody
from endpoint_helpers import (
    create_config,
    direct_predictions,
    endpoint_row,
    output_shape_problems,
    post_raw,
    wait_for_status,
)

from churn_studio_ext.serving.payload import MAX_BODY_BYTES

ENDPOINT = "churn-endpoint"


@pytest.fixture
def endpoint(sm, model):
    create_config(sm, "churn-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="churn-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    return ENDPOINT


def invoke_csv(runtime, body, **extra) -> dict:
    return runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=body, ContentType="text/csv",
                                   **extra)


def model_error(runtime, body, content_type="text/csv") -> dict:
    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=body, ContentType=content_type)
    return error.value.response


def test_tour_rows_match_booster(runtime, endpoint, model, test_rows):
    expected = direct_predictions(model["booster"], test_rows)

    answers = [float(invoke_csv(runtime, row)["Body"].read()) for row in test_rows]

    assert len(answers) == len(test_rows) == 120
    np.testing.assert_array_equal(np.array(answers, dtype=np.float32), expected)


def test_corrupted_header_row_is_predicted(runtime, endpoint, model, test_rows):
    # The tour's first line is a pandas header made from a data row, but every field of it is a
    # number ("0.1", "1.3"), so SageMaker's XGBoost container predicts it like any row.
    corrupted = test_rows[0]
    assert corrupted.startswith("186,0.1,137.8")

    response = invoke_csv(runtime, corrupted)

    expected = direct_predictions(model["booster"], [corrupted])[0]
    assert np.float32(float(response["Body"].read())) == expected


def test_response_shape(runtime, endpoint, test_rows):
    response = invoke_csv(runtime, test_rows[1], CustomAttributes="trace=1",
                          InferenceId="request-1")

    assert isinstance(response["Body"], StreamingBody)
    assert response["ContentType"] == "text/csv; charset=utf-8"
    assert response["InvokedProductionVariant"] == "AllTraffic"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert output_shape_problems("sagemaker-runtime", "InvokeEndpoint", response) == ""


def test_many_rows_one_prediction_per_line(runtime, endpoint, model, test_rows):
    rows = test_rows[1:51]

    body = invoke_csv(runtime, "\n".join(rows) + "\n")["Body"].read().decode()

    lines = body.split("\n")
    assert len(lines) == 50
    np.testing.assert_array_equal(np.array(lines, dtype=np.float64).astype(np.float32),
                                  direct_predictions(model["booster"], rows))


def test_json_variants(runtime, endpoint, model, test_rows):
    rows = test_rows[1:4]
    matrix = [[float(value) for value in row.split(",")] for row in rows]
    expected = direct_predictions(model["booster"], rows)
    bodies = {
        "instances": {"instances": matrix},
        "features objects": {"instances": [{"features": row} for row in matrix]},
        "list of rows": matrix,
    }
    for label, document in bodies.items():
        response = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=json.dumps(document),
                                           ContentType="application/json")
        assert response["ContentType"] == "application/json", label
        scores = [entry["score"] for entry in json.loads(response["Body"].read())["predictions"]]
        np.testing.assert_array_equal(np.array(scores, dtype=np.float32), expected,
                                      err_msg=label)

    one_row = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=json.dumps(matrix[0]),
                                      ContentType="application/json")
    assert len(json.loads(one_row["Body"].read())["predictions"]) == 1


def test_accept_selects_format(runtime, endpoint, test_rows):
    response = invoke_csv(runtime, test_rows[1], Accept="application/json")

    assert response["ContentType"] == "application/json"
    assert set(json.loads(response["Body"].read())["predictions"][0]) == {"score"}


def test_malformed_csv_names_row(runtime, endpoint, test_rows):
    body = "\n".join([test_rows[1], test_rows[2].replace(",", ",abc,", 1).rsplit(",", 1)[0]])

    response = model_error(runtime, body)

    assert response["Error"]["Code"] == "ModelError"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 424
    assert response["OriginalStatusCode"] == 400
    assert "row 2" in response["OriginalMessage"]
    assert "'abc' is not a number" in response["OriginalMessage"]


def test_wrong_feature_count(runtime, endpoint, test_rows):
    response = model_error(runtime, test_rows[1] + ",1")

    assert response["OriginalStatusCode"] == 400
    assert "row 1 has 70 values" in response["OriginalMessage"]
    assert "69 features" in response["OriginalMessage"]


def test_json_errors(runtime, endpoint, test_rows):
    row = [float(value) for value in test_rows[1].split(",")]
    cases = {
        "not json": ("{instances", "not valid JSON"),
        "no instances": (json.dumps({"rows": [row]}), "no 'instances' member"),
        "short row": (json.dumps({"instances": [row, row[:5]]}), "JSON row 2 has 5 values"),
        "string value": (json.dumps([row[:3] + ["x"] + row[4:]]),
                         'JSON row 1, column 4: "x" is not a number'),
    }
    for label, (body, message) in cases.items():
        response = model_error(runtime, body, "application/json")
        assert response["OriginalStatusCode"] == 400, label
        assert message in response["OriginalMessage"], label


def test_unsupported_content_type(runtime, endpoint, test_rows):
    response = model_error(runtime, test_rows[1], "text/libsvm")

    assert response["OriginalStatusCode"] == 415
    assert "text/libsvm" in response["OriginalMessage"]


def test_server_keeps_serving_after_errors(runtime, endpoint, model, test_rows):
    model_error(runtime, "a,b,c")
    model_error(runtime, "")

    response = invoke_csv(runtime, test_rows[5])

    expected = direct_predictions(model["booster"], [test_rows[5]])[0]
    assert np.float32(float(response["Body"].read())) == expected


def test_oversized_body_rejected_by_client(runtime, endpoint):
    with pytest.raises(ClientError) as error:
        invoke_csv(runtime, b"1" * (MAX_BODY_BYTES + 1))

    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert str(MAX_BODY_BYTES) in error.value.response["Error"]["Message"]


def test_oversized_body_rejected_by_server(home, endpoint, runtime, test_rows):
    port = endpoint_row(home, ENDPOINT)["server_port"]

    status, message = post_raw(port, b"1" * (MAX_BODY_BYTES + 1), {"Content-Type": "text/csv"})

    assert status == 413
    assert b"6 MiB" in message
    assert invoke_csv(runtime, test_rows[1])["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_unknown_endpoint(runtime):
    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(EndpointName="no-such-endpoint", Body=b"1",
                                ContentType="text/csv")

    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert "no-such-endpoint" in error.value.response["Error"]["Message"]


def test_failed_endpoint_not_invokable(sm, runtime):
    sm.create_model(ModelName="missing-archive",
                    PrimaryContainer={"ModelDataUrl": "s3://bucket/none/model.tar.gz"})
    create_config(sm, "missing-config", "missing-archive")
    sm.create_endpoint(EndpointName="broken", EndpointConfigName="missing-config")
    assert wait_for_status(sm, "broken")["EndpointStatus"] == "Failed"

    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(EndpointName="broken", Body=b"1", ContentType="text/csv")

    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert "Failed" in error.value.response["Error"]["Message"]
