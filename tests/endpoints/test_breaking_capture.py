"""Data capture under load: every queued record reaches a file, also across file rollovers."""

import json
import threading
from pathlib import Path

from endpoint_helpers import CAPTURE_URI, capture_config, create_config, wait_for_status

from churn_studio_ext import local
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.serving.capture import MAX_FILE_BYTES, CaptureSettings, CaptureWriter

ENDPOINT = "capture-load-endpoint"


def record_lines(folder: Path) -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(folder.rglob("*.jsonl"))
        for line in path.read_bytes().splitlines()
    ]


def test_writer_keeps_records_across_rollover(tmp_path):
    settings = CaptureSettings(
        folder=tmp_path / "capture",
        sampling_percentage=100,
        capture_input=True,
        capture_output=True,
        csv_types=frozenset({"text/csv"}),
        json_types=frozenset(),
    )
    writer = CaptureWriter(settings)
    # Queued in one burst, so one batch crosses the file size limit several times.
    body = b"1," * (MAX_FILE_BYTES // 6)
    for index in range(12):
        writer.capture(body, "text/csv", b"0.5", "text/csv", f"request-{index}", None)

    writer.close()

    records = record_lines(settings.folder)
    assert writer.dropped == 0
    assert writer.written == 12
    # Files started in the same millisecond sort by their random UUID, so order is not checked.
    assert sorted(record["eventMetadata"]["inferenceId"] for record in records) == sorted(
        f"request-{index}" for index in range(12)
    )
    assert len(list(settings.folder.rglob("*.jsonl"))) > 1


def test_sixteen_threads_full_sampling_lose_nothing(sm, model, home, test_rows):
    create_config(sm, "capture-load-config", model["name"], capture_config(percentage=100))
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="capture-load-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    errors = []

    def run(thread: int):
        client = local.client("sagemaker-runtime", home=home)
        try:
            for request in range(50):
                try:
                    client.invoke_endpoint(
                        EndpointName=ENDPOINT,
                        Body=test_rows[(thread * 50 + request) % len(test_rows)],
                        ContentType="text/csv",
                        InferenceId=f"{thread}-{request}",
                    )["Body"].read()
                except Exception as error:  # noqa: BLE001 (collected and asserted below)
                    errors.append(error)
        finally:
            client.close()

    workers = [threading.Thread(target=run, args=(thread,)) for thread in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    # DeleteEndpoint stops the server, which writes its capture queue before it exits.
    sm.delete_endpoint(EndpointName=ENDPOINT)

    assert errors == []
    folder = ObjectStore(home).path_for(CAPTURE_URI) / ENDPOINT
    identifiers = [record["eventMetadata"]["inferenceId"] for record in record_lines(folder)]
    assert len(identifiers) == 800
    assert set(identifiers) == {f"{t}-{r}" for t in range(16) for r in range(50)}
