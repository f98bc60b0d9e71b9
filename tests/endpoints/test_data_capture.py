"""Data capture of a local endpoint: SageMaker's JSON-lines records, layout and sampling."""

import base64
import json
import re
import uuid

import pytest
from endpoint_helpers import CAPTURE_URI, capture_config, create_config, wait_for_status, wait_until

from churn_studio_ext.local.objects import ObjectStore

ENDPOINT = "capture-endpoint"
# <endpoint>/<variant>/yyyy/mm/dd/hh/<mm>-<ss>-<mmm>-<uuid4>.jsonl under the destination.
CAPTURE_PATH = re.compile(
    rf"{ENDPOINT}/AllTraffic/(\d{{4}})/(\d{{2}})/(\d{{2}})/(\d{{2}})/"
    r"\d{2}-\d{2}-\d{3}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl"
)
INFERENCE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


def deploy(sm, capture: dict) -> None:
    create_config(sm, "capture-config", "churn-model", capture)
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="capture-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"


def captured_lines(home) -> list[tuple[str, bytes]]:
    """Return (object path relative to the destination, line) of every captured record."""
    lines = []
    for stored in ObjectStore(home).list_prefix(CAPTURE_URI + "/"):
        for line in stored.path.read_bytes().splitlines():
            lines.append((stored.relative_path, line))
    return lines


def wait_for_records(home, count: int) -> list[tuple[str, bytes]]:
    wait_until(lambda: len(captured_lines(home)) >= count, f"{count} capture records")
    return captured_lines(home)


def stop_endpoint(sm) -> None:
    # DeleteEndpoint stops the server, which writes its queue before it exits.
    sm.delete_endpoint(EndpointName=ENDPOINT)


def test_full_sampling_records_every_request(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config(percentage=100))
    rows = test_rows[:20]
    outputs = []
    for index, row in enumerate(rows):
        response = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=row,
                                           ContentType="text/csv",
                                           InferenceId=f"request-{index}")
        outputs.append(response["Body"].read().decode())
    stop_endpoint(sm)

    lines = captured_lines(home)
    assert len(lines) == len(rows)
    records = [json.loads(line) for _, line in lines]
    by_id = {record["eventMetadata"]["inferenceId"]: record for record in records}
    assert sorted(by_id) == sorted(f"request-{index}" for index in range(len(rows)))

    for index, row in enumerate(rows):
        record = by_id[f"request-{index}"]
        assert record["captureData"]["endpointInput"] == {
            "observedContentType": "text/csv",
            "mode": "INPUT",
            "data": row,
            "encoding": "CSV",
        }
        assert record["captureData"]["endpointOutput"] == {
            "observedContentType": "text/csv; charset=utf-8",
            "mode": "OUTPUT",
            "data": outputs[index],
            "encoding": "CSV",
        }
        assert record["eventVersion"] == "0"
        uuid.UUID(record["eventMetadata"]["eventId"], version=4)
        assert INFERENCE_TIME.fullmatch(record["eventMetadata"]["inferenceTime"])

    for relative_path, line in lines:
        match = CAPTURE_PATH.fullmatch(relative_path.lstrip("/"))
        assert match, relative_path
        record = json.loads(line)
        # The hour folder is the UTC hour of the inference time.
        assert "-".join(match.groups()[:3]) + "T" + match.group(4) == (
            record["eventMetadata"]["inferenceTime"][:13]
        )


def test_record_is_compact_in_key_order(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config(percentage=100))
    runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1], ContentType="text/csv",
                            InferenceId="first", CustomAttributes="trace=7")
    stop_endpoint(sm)

    (_, line), = captured_lines(home)
    record = json.loads(line)
    assert line == json.dumps(record, separators=(",", ":")).encode()
    assert list(record) == ["captureData", "eventMetadata", "eventVersion"]
    assert list(record["captureData"]) == ["endpointInput", "endpointOutput"]
    assert list(record["captureData"]["endpointInput"]) == [
        "observedContentType", "mode", "data", "encoding"
    ]
    assert list(record["eventMetadata"]) == [
        "eventId", "inferenceId", "customAttributes", "inferenceTime"
    ]
    assert record["eventMetadata"]["customAttributes"] == "trace=7"


def test_zero_sampling_records_nothing(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config(percentage=0))
    for row in test_rows[:10]:
        runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=row, ContentType="text/csv")
    stop_endpoint(sm)

    assert captured_lines(home) == []


def test_input_only_mode(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config(modes=("Input",)))
    runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1], ContentType="text/csv")

    (_, line), = wait_for_records(home, 1)

    assert list(json.loads(line)["captureData"]) == ["endpointInput"]


def test_unlisted_content_type_is_base64(sm, model, runtime, home, test_rows):
    # text/csv is left out of the CSV list, so both payloads are stored as base64.
    deploy(sm, capture_config(csv_types=("text/x-other",)))
    response = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1],
                                       ContentType="text/csv")
    output = response["Body"].read()

    (_, line), = wait_for_records(home, 1)

    capture = json.loads(line)["captureData"]
    assert capture["endpointInput"]["encoding"] == "BASE64"
    assert base64.b64decode(capture["endpointInput"]["data"]) == test_rows[1].encode()
    assert capture["endpointOutput"]["encoding"] == "BASE64"
    assert base64.b64decode(capture["endpointOutput"]["data"]) == output


def test_json_payloads_captured_as_text(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config())
    body = json.dumps({"instances": [[float(v) for v in test_rows[1].split(",")]]})
    response = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=body,
                                       ContentType="application/json")
    output = response["Body"].read().decode()

    (_, line), = wait_for_records(home, 1)

    capture = json.loads(line)["captureData"]
    assert capture["endpointInput"]["encoding"] == "JSON"
    assert capture["endpointInput"]["data"] == body
    assert capture["endpointOutput"]["data"] == output


def test_rejected_request_not_captured(sm, model, runtime, home, test_rows):
    deploy(sm, capture_config())
    with pytest.raises(sm.exceptions.ClientError):
        runtime.invoke_endpoint(EndpointName=ENDPOINT, Body="1,2", ContentType="text/csv")
    runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1], ContentType="text/csv")
    stop_endpoint(sm)

    lines = captured_lines(home)

    assert len(lines) == 1
    assert json.loads(lines[0][1])["captureData"]["endpointInput"]["data"] == test_rows[1]
