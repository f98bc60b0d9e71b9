"""Endpoints outlive their processes' parents: restore_endpoints restarts the lost ones."""

import os
import signal

import pytest
from botocore.exceptions import ClientError
from endpoint_helpers import create_config, endpoint_row, wait_for_status, wait_until

from churn_studio_ext.local.endpoints import restore_endpoints
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.serving.process_identity import server_is_running

ENDPOINT = "restored-endpoint"


def deploy(sm) -> None:
    create_config(sm, "restore-config", "churn-model")
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName="restore-config")
    assert wait_for_status(sm, ENDPOINT)["EndpointStatus"] == "InService"


def kill_server(home) -> dict:
    row = endpoint_row(home, ENDPOINT)
    os.kill(row["server_pid"], signal.SIGKILL)
    wait_until(lambda: not server_is_running(row["server_pid"], row["server_token"]),
               "the killed model server to exit")
    # The main thread of a killed multi-threaded process shows as a zombie while its other
    # threads still exit and keep its listening socket open. This process started the server
    # and reaps it, so the pid disappears only once every thread and the socket are gone.
    wait_until(lambda: not os.path.exists(f"/proc/{row['server_pid']}"),
               "the killed model server to be reaped")
    return row


def test_restore_restarts_killed_server(sm, model, runtime, home, test_rows):
    deploy(sm)
    old = kill_server(home)

    restarted = restore_endpoints(home)

    assert restarted == [ENDPOINT]
    description = wait_for_status(sm, ENDPOINT)
    assert description["EndpointStatus"] == "InService"
    new = endpoint_row(home, ENDPOINT)
    assert new["server_pid"] != old["server_pid"]
    assert server_is_running(new["server_pid"], new["server_token"])
    response = runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1],
                                       ContentType="text/csv")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_restore_leaves_running_servers(sm, model, home):
    deploy(sm)
    before = endpoint_row(home, ENDPOINT)

    assert restore_endpoints(home) == []

    assert endpoint_row(home, ENDPOINT)["server_pid"] == before["server_pid"]


def test_restore_fails_endpoint_without_model(sm, model, home):
    deploy(sm)
    kill_server(home)
    ObjectStore(home).path_for(model["uri"]).unlink()

    assert restore_endpoints(home) == [ENDPOINT]

    description = wait_for_status(sm, ENDPOINT)
    assert description["EndpointStatus"] == "Failed"
    assert model["uri"] in description["FailureReason"]


def test_invoke_after_server_died(sm, model, runtime, home, test_rows):
    deploy(sm)
    runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1], ContentType="text/csv")
    kill_server(home)

    with pytest.raises(ClientError) as error:
        runtime.invoke_endpoint(EndpointName=ENDPOINT, Body=test_rows[1],
                                ContentType="text/csv")

    assert error.value.response["Error"]["Code"] == "ServiceUnavailable"
    assert "restore_endpoints" in error.value.response["Error"]["Message"]
