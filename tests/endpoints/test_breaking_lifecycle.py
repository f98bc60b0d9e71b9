"""Lost model servers and interrupted operations, and what restore_endpoints makes of them."""

import os
import signal
import threading

import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import create_config, endpoint_row, wait_for_status, wait_until

from churn_studio_ext import local
from churn_studio_ext.local._endpoint_process import SERVER_LOG, endpoint_folder
from churn_studio_ext.local.endpoints import restore_endpoints
from churn_studio_ext.serving.process_identity import server_is_running

ENDPOINT = "double-restore-endpoint"


def server_starts(home) -> int:
    log = (endpoint_folder(home, ENDPOINT) / SERVER_LOG).read_text()
    return log.count("Starting model server")


def test_concurrent_restores_start_one_server(sm, model, home):
    create_config(sm, "double-restore-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="double-restore-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"

    for attempt in range(3):
        row = endpoint_row(home, ENDPOINT)
        os.kill(row["server_pid"], signal.SIGKILL)
        wait_until(lambda: not os.path.exists(f"/proc/{row['server_pid']}"),
                   "the killed model server to be reaped")
        starts_before = server_starts(home)
        barrier = threading.Barrier(2)
        restored: list[list[str]] = []

        def restore():
            barrier.wait()
            restored.append(restore_endpoints(home))

        workers = [threading.Thread(target=restore) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"

        assert sorted(restored) == [[], [ENDPOINT]], f"attempt {attempt}"
        current = endpoint_row(home, ENDPOINT)
        assert server_is_running(current["server_pid"], current["server_token"])
        wait_until(lambda: server_starts(home) > starts_before, "the restarted server's log")
        assert server_starts(home) == starts_before + 1, f"attempt {attempt}"


def test_dead_server_is_http_503(sm, model, runtime, home, test_rows):
    create_config(sm, "dead-server-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="dead-server-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    row = endpoint_row(home, ENDPOINT)
    os.kill(row["server_pid"], signal.SIGKILL)
    wait_until(lambda: not os.path.exists(f"/proc/{row['server_pid']}"),
               "the killed model server to be reaped")

    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1], ContentType="text/csv")

    # botocore's sagemaker-runtime model gives ServiceUnavailable the HTTP status 503.
    assert error.value.response["Error"]["Code"] == "ServiceUnavailable"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert isinstance(error.value, runtime.exceptions.ServiceUnavailable)


def test_restore_finishes_interrupted_delete(sm, model, home):
    create_config(sm, "interrupted-delete-config", model["name"])
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="interrupted-delete-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"
    row = endpoint_row(home, ENDPOINT)
    # The state DeleteEndpoint leaves when its process dies before it stops the server.
    with local.get_store(home).write() as conn:
        conn.execute("UPDATE endpoint SET status = 'Deleting' WHERE id = ?", (row["id"],))

    assert restore_endpoints(home) == []

    assert not server_is_running(row["server_pid"], row["server_token"])
    with pytest.raises(ClientError) as missing:
        sm.describe_endpoint(EndpointName=ENDPOINT)
    assert missing.value.response["Error"]["Code"] == "ValidationException"
