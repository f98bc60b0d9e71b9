"""Hostile InvokeEndpoint requests and lifecycle races on a local endpoint.

Each test sends input that once crashed a request handler, was silently predicted, or lost a
response, and checks for a 4xx that names the value, or for the response itself.
"""

import os
import threading
import time

import numpy as np
import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import create_config, direct_predictions, endpoint_row, wait_for_status

from churn_studio_ext.serving.process_identity import server_is_running

ENDPOINT = "breaking-endpoint"


@pytest.fixture
def endpoint(sm, model):
    create_config(sm, "breaking-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="breaking-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    return ENDPOINT


def invoke(runtime, body, content_type="text/csv", **extra):
    return runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=body, ContentType=content_type,
                                   **extra)


def rejection(runtime, body, content_type="text/csv", **extra) -> dict:
    with pytest.raises(ClientError) as error:
        invoke(runtime, body, content_type, **extra)
    return error.value.response


def with_first_value(row: str, value: str) -> str:
    return value + row[row.index(","):]


def test_json_integer_beyond_float_is_400(runtime, endpoint, test_rows):
    body = "[" + with_first_value(test_rows[1], "9" * 400) + "]"

    response = rejection(runtime, body, "application/json")

    assert response["Error"]["Code"] == "ModelError"
    assert response["OriginalStatusCode"] == 400
    assert "JSON row 1, column 1" in response["OriginalMessage"]
    assert "999999" in response["OriginalMessage"]


def test_deeply_nested_json_is_400(runtime, endpoint):
    body = "[" * 100_000 + "]" * 100_000

    response = rejection(runtime, body, "application/json")

    assert response["Error"]["Code"] == "ModelError"
    assert response["OriginalStatusCode"] == 400
    assert "nested" in response["OriginalMessage"]


@pytest.mark.parametrize("value", ["inf", "-Infinity", "1e39", "-1e400"])
def test_infinite_csv_value_is_400(runtime, endpoint, test_rows, value):
    # XGBoost's DMatrix, which SageMaker's XGBoost container builds from the payload, rejects
    # infinite values, while Booster.inplace_predict would silently route them down the trees.
    response = rejection(runtime, with_first_value(test_rows[1], value))

    assert response["Error"]["Code"] == "ModelError"
    assert response["OriginalStatusCode"] == 400
    assert "CSV row 1, column 1" in response["OriginalMessage"]
    assert "infinite" in response["OriginalMessage"]


def test_infinite_json_value_is_400(runtime, endpoint, test_rows):
    body = '{"instances": [[' + test_rows[1] + "], [" + with_first_value(test_rows[1], "1e39")
    body += "]]}"

    response = rejection(runtime, body, "application/json")

    assert response["OriginalStatusCode"] == 400
    assert "JSON row 2, column 1" in response["OriginalMessage"]


def test_nan_csv_value_is_missing(runtime, endpoint, model, test_rows):
    # NaN is XGBoost's missing value, the same as an empty field.
    response = invoke(runtime, with_first_value(test_rows[1], "nan"))

    expected = direct_predictions(model["booster"], [with_first_value(test_rows[1], "nan")])
    assert np.float32(float(response["Body"].read())) == expected[0]


def test_server_serves_after_crashing_inputs(runtime, endpoint, model, test_rows):
    for body in ("[" * 50_000 + "]" * 50_000, "[" + with_first_value(test_rows[1], "9" * 400) + "]"):
        rejection(runtime, body, "application/json")

    response = invoke(runtime, test_rows[1])

    expected = direct_predictions(model["booster"], [test_rows[1]])[0]
    assert np.float32(float(response["Body"].read())) == expected


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("CustomAttributes", "a" * 1025),
        ("ContentType", "téxt/csv"),
        ("Accept", "a" * 1025),
        ("InferenceId", "a" * 65),
    ],
)
def test_invalid_header_member_is_client_error(runtime, endpoint, test_rows, member, value):
    request = {"EndpointName": ENDPOINT, "Body": test_rows[1], "ContentType": "text/csv",
               member: value}

    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(**request)

    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert value in error.value.response["Error"]["Message"]


@pytest.mark.parametrize("member", ["ContentType", "Accept", "CustomAttributes"])
def test_header_line_break_is_client_error(runtime, endpoint, test_rows, model, member):
    request = {"EndpointName": ENDPOINT, "Body": test_rows[1], "ContentType": "text/csv",
               member: "text/csv\r\nX-Injected: 1"}

    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(**request)

    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert member in error.value.response["Error"]["Message"]
    # The kept connection still works for the next request.
    response = invoke(runtime, test_rows[1])
    expected = direct_predictions(model["booster"], [test_rows[1]])[0]
    assert np.float32(float(response["Body"].read())) == expected


def invoke_in_threads(home, body: str, threads: int, results: list, stop=None):
    """Start ``threads`` threads that invoke the endpoint with ``body`` once, or until ``stop``."""
    from churn_studio_ext import local

    def run():
        client = local.client("sagemaker-runtime", home=home)
        try:
            while True:
                try:
                    results.append(invoke(client, body)["Body"].read())
                except ClientError as error:
                    results.append(error.response["Error"])
                if stop is None or stop.is_set():
                    return
        finally:
            client.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def test_delete_lets_requests_in_flight_finish(sm, runtime, endpoint, home, test_rows):
    # Enough rows that parsing keeps each request busy for a good part of a second.
    body = "\n".join(test_rows * 100)
    row = endpoint_row(home, ENDPOINT)
    results: list = []
    workers = invoke_in_threads(home, body, threads=6, results=results)
    time.sleep(0.3)

    sm.delete_endpoint(EndpointName=ENDPOINT)
    for worker in workers:
        worker.join(30)

    assert not server_is_running(row["server_pid"], row["server_token"])
    assert len(results) == 6
    predictions = [result for result in results if isinstance(result, bytes)]
    rejections = [result for result in results if not isinstance(result, bytes)]
    assert predictions, f"every in-flight request failed: {rejections}"
    for prediction in predictions:
        assert prediction.count(b"\n") == len(test_rows) * 100 - 1
    for rejection_error in rejections:
        # A request that read the store after the delete began is rejected, naming the delete.
        message = rejection_error["Message"]
        assert rejection_error["Code"] == "ValidationError", rejection_error
        assert "deleted" in message or "not found" in message, rejection_error


def test_update_under_load_loses_no_request(sm, runtime, endpoint, model, home, test_rows):
    create_config(sm, "breaking-config-2", model["name"])
    old = endpoint_row(home, ENDPOINT)
    stop = threading.Event()
    results: list = []
    workers = invoke_in_threads(home, test_rows[1], threads=4, results=results, stop=stop)
    time.sleep(0.2)

    sm.update_endpoint(EndpointName=ENDPOINT, EndpointConfigName="breaking-config-2")
    description = wait_for_status(sm, ENDPOINT, done=("InService",))
    deadline = time.monotonic() + 10
    while server_is_running(old["server_pid"], old["server_token"]):
        assert time.monotonic() < deadline, "the old model server still runs"
        time.sleep(0.05)
    time.sleep(0.2)
    stop.set()
    for worker in workers:
        worker.join(30)

    assert description["EndpointConfigName"] == "breaking-config-2"
    failures = [result for result in results if not isinstance(result, bytes)]
    assert failures == []
    expected = direct_predictions(model["booster"], [test_rows[1]])[0]
    assert {np.float32(float(result)) for result in results} == {expected}


def test_invoke_after_delete_rejected(sm, runtime, endpoint, test_rows):
    invoke(runtime, test_rows[1])["Body"].read()
    sm.delete_endpoint(EndpointName=ENDPOINT)

    response = rejection(runtime, test_rows[1])

    assert response["Error"]["Code"] == "ValidationError"
    assert ENDPOINT in response["Error"]["Message"]


def open_sockets() -> int:
    sockets = 0
    for descriptor in os.listdir("/proc/self/fd"):
        try:
            sockets += os.readlink(f"/proc/self/fd/{descriptor}").startswith("socket:")
        except OSError:
            pass  # Closed between listing and reading.
    return sockets


def test_updates_leave_no_stale_sockets(sm, runtime, endpoint, model, home, test_rows):
    invoke(runtime, test_rows[1])["Body"].read()
    before = open_sockets()

    for index in range(3):
        old = endpoint_row(home, ENDPOINT)
        create_config(sm, f"breaking-config-{index + 3}", model["name"])
        sm.update_endpoint(EndpointName=ENDPOINT, EndpointConfigName=f"breaking-config-{index + 3}")
        wait_for_status(sm, ENDPOINT, done=("InService",))
        deadline = time.monotonic() + 10
        while server_is_running(old["server_pid"], old["server_token"]):
            assert time.monotonic() < deadline, "the old model server still runs"
            time.sleep(0.05)
        invoke(runtime, test_rows[1])["Body"].read()

    # One kept connection to the current server, as before the updates.
    assert open_sockets() == before


def test_blank_line_between_rows_named(runtime, endpoint, test_rows):
    response = rejection(runtime, test_rows[1] + "\n\n" + test_rows[2])

    assert response["OriginalStatusCode"] == 400
    assert "CSV row 2 is empty" in response["OriginalMessage"]
