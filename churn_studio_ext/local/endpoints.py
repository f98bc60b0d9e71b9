"""CreateEndpoint, UpdateEndpoint, DescribeEndpoint, ListEndpoints, DeleteEndpoint, and the
restart of endpoints after their processes are gone.

Each endpoint is a detached model-server process (``churn_studio_ext.serving.server``) on
127.0.0.1. CreateEndpoint records the endpoint as Creating and starts the server. Once its
booster is loaded, the server records itself InService with its pid and port. If the booster
cannot load, the server makes the endpoint Failed with the reason.

UpdateEndpoint starts a server for the new config while the old one keeps serving (status
Updating). The new server then takes over and stops the old one. If the new server cannot load
its model, the endpoint stays InService on the old config with a FailureReason.
DeleteEndpoint stops the server and removes the endpoint.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from . import _endpoint_process as process
from . import _endpoint_shapes as shapes
from . import _hosting_records as records
from ._endpoint_spec import UnservableConfig, server_spec
from ._paging import NAME_STATUS_FILTERS, NAME_STATUS_SORT_COLUMNS, filter_conditions, list_response
from ._tags import delete_all_tags, put_tags
from ._timestamps import now
from .arns import arn
from .client_base import operation, validation
from .store import get_store
from ..serving.process_identity import server_is_running

log = logging.getLogger(__name__)



class EndpointOperations:
    """The endpoint operations of ``LocalSageMakerClient``."""

    @operation("CreateEndpoint")
    def create_endpoint(self, params: dict) -> dict:
        name = params["EndpointName"]
        endpoint_arn = arn("endpoint", name)
        token = process.new_token()
        with self.store.write() as conn:
            records.require_absent(conn, "endpoint", name)
            config_row = records.require(conn, "endpoint_config", params["EndpointConfigName"])
            created = now()
            conn.execute(
                "INSERT INTO endpoint (name, name_key, arn, config_name, status, created_time, "
                "last_modified_time, server_token) VALUES (?, ?, ?, ?, 'Creating', ?, ?, ?)",
                (name, name.lower(), endpoint_arn, config_row["name"], created, created, token),
            )
            put_tags(conn, endpoint_arn, params.get("Tags", []))
            try:
                spec = server_spec(conn, self.store.home, config_row)
            except UnservableConfig as reason:
                spec = None
                _fail(conn, name, str(reason))

        log.info("Created endpoint %s with config %s", name, config_row["name"])
        if spec is not None:
            _start(self.store, name, token, spec, pending=False)
        return {"EndpointArn": endpoint_arn}

    @operation("UpdateEndpoint")
    def update_endpoint(self, params: dict) -> dict:
        name = params["EndpointName"]
        token = process.new_token()
        with self.store.write() as conn:
            row = records.require(conn, "endpoint", name)
            config_row = records.require(conn, "endpoint_config", params["EndpointConfigName"])
            if row["status"] != "InService":
                # NOTE: SageMaker's wording for updating a busy endpoint is unverified.
                raise validation(
                    f"Cannot update endpoint '{row['name']}' while its status is "
                    f"{row['status']}. Wait until it is InService."
                )
            try:
                spec = server_spec(conn, self.store.home, config_row)
            except UnservableConfig as reason:
                raise validation(f"Cannot update endpoint '{row['name']}': {reason}") from None
            conn.execute(
                "UPDATE endpoint SET status = 'Updating', pending_config_name = ?, "
                "pending_server_token = ?, failure_reason = NULL, last_modified_time = ? "
                "WHERE id = ?",
                (config_row["name"], token, now(), row["id"]),
            )

        log.info("Updating endpoint %s to config %s", row["name"], config_row["name"])
        _start(self.store, row["name"], token, spec, pending=True)
        return {"EndpointArn": row["arn"]}

    @operation("DescribeEndpoint")
    def describe_endpoint(self, params: dict) -> dict:
        name = params["EndpointName"]
        _fail_dead_starts(self.store, name)
        with self.store.read() as conn:
            row = records.require(conn, "endpoint", name)
            return shapes.describe(conn, row)

    @operation("ListEndpoints")
    def list_endpoints(self, params: dict) -> dict:
        _fail_dead_starts(self.store)
        where, args = filter_conditions(params, NAME_STATUS_FILTERS)
        return list_response(
            self.store, params, "SELECT * FROM endpoint", NAME_STATUS_SORT_COLUMNS,
            where, args, "Endpoints", shapes.summary,
        )

    @operation("DeleteEndpoint")
    def delete_endpoint(self, params: dict) -> dict:
        name = params["EndpointName"]
        with self.store.write() as conn:
            row = records.require(conn, "endpoint", name)
            conn.execute(
                "UPDATE endpoint SET status = 'Deleting', last_modified_time = ? WHERE id = ?",
                (now(), row["id"]),
            )
        _finish_delete(self.store, row)
        return {}


def restore_endpoints(home: str | os.PathLike) -> list[str]:
    """Restart the model servers of endpoints that should serve but whose process is gone.

    Call it when the JupyterLab server starts: endpoints outlive the server and the kernels,
    but not a reboot. A restarted endpoint is SystemUpdating until its new server records
    itself InService on a new port. An endpoint whose model cannot load becomes Failed with
    the reason. An interrupted UpdateEndpoint is abandoned, and the endpoint restarts on the
    config it served before. An interrupted DeleteEndpoint is finished. Returns the names of
    the endpoints restarted.
    """
    store = get_store(home)
    with store.read() as conn:
        rows = conn.execute(
            "SELECT * FROM endpoint WHERE status IN ('InService', 'Creating', 'Updating', "
            "'SystemUpdating') ORDER BY created_time"
        ).fetchall()
        interrupted_deletes = conn.execute(
            "SELECT * FROM endpoint WHERE status = 'Deleting'"
        ).fetchall()

    # A DeleteEndpoint whose process died after it set Deleting left the row, and maybe a
    # running server, behind. Finishing it matches what the caller requested.
    for row in interrupted_deletes:
        log.info("Finishing the interrupted delete of endpoint %s", row["name"])
        _finish_delete(store, row)

    restarted = []
    for row in rows:
        if server_is_running(row["server_pid"], row["server_token"]):
            continue
        if server_is_running(row["pending_server_pid"], row["pending_server_token"]):
            continue
        if _restart(store, row):
            restarted.append(row["name"])
    return restarted


def _finish_delete(store, row) -> None:
    """Stop the servers of a Deleting endpoint row, then remove the row and its tags."""
    # The servers are stopped outside the transaction, because a server that is starting must
    # be able to write its row, then find it Deleting and exit.
    process.stop_server(row["name"], row["pending_server_pid"], row["pending_server_token"])
    process.stop_server(row["name"], row["server_pid"], row["server_token"])
    with store.write() as conn:
        conn.execute("DELETE FROM endpoint WHERE id = ?", (row["id"],))
        delete_all_tags(conn, row["arn"])
    log.info("Deleted endpoint %s", row["name"])


def _restart(store, row) -> bool:
    token = process.new_token()
    with store.write() as conn:
        current = records.find(conn, "endpoint", row["name"])
        if current is None or current["server_token"] != row["server_token"]:
            return False  # Deleted or restarted by another process meanwhile.
        conn.execute(
            "UPDATE endpoint SET status = 'SystemUpdating', server_token = ?, server_pid = NULL, "
            "server_port = NULL, pending_config_name = NULL, pending_server_pid = NULL, "
            "pending_server_token = NULL, capture_started = 0, last_modified_time = ? "
            "WHERE id = ?",
            (token, now(), row["id"]),
        )
        config_row = records.find(conn, "endpoint_config", row["config_name"])
        try:
            if config_row is None:
                raise UnservableConfig(
                    f"Endpoint config '{row['config_name']}' no longer exists, so the endpoint "
                    "cannot restart. Delete the endpoint and deploy again."
                )
            spec = server_spec(conn, store.home, config_row)
        except UnservableConfig as reason:
            _fail(conn, row["name"], str(reason))
            log.error("Endpoint %s cannot restart: %s", row["name"], reason)
            return False

        log.info("Restarting endpoint %s (its model server %s is gone)",
                 row["name"], row["server_pid"])
        # Launched and recorded inside the transaction that sets the new token, so a concurrent
        # restore reads either the old token or the new token with its running server. A new
        # token without its pid would make that restore start a second server.
        try:
            pid = process.launch_server(Path(store.home), row["name"], token, spec)
        except OSError as error:
            log.error("Could not restart the model server of endpoint %s: %s",
                      row["name"], error)
            _fail(conn, row["name"], _launch_failure(error))
            return False
        conn.execute("UPDATE endpoint SET server_pid = ? WHERE id = ?", (pid, row["id"]))
    return True


def _start(store, name: str, token: str, spec: dict, pending: bool) -> None:
    pid_column = "pending_server_pid" if pending else "server_pid"
    token_column = "pending_server_token" if pending else "server_token"
    try:
        pid = process.launch_server(Path(store.home), name, token, spec)
    except OSError as error:
        log.error("Could not start the model server of endpoint %s: %s", name, error)
        reason = _launch_failure(error)
        with store.write() as conn:
            if pending:
                _roll_back_update(conn, name, token, reason)
            else:
                _fail(conn, name, reason)
        return
    with store.write() as conn:
        # The server may already have recorded itself InService with the same pid.
        conn.execute(
            f"UPDATE endpoint SET {pid_column} = ? WHERE name_key = ? AND {token_column} = ?",
            (pid, name.lower(), token),
        )


def _launch_failure(error: OSError) -> str:
    return (f"The local model server could not be started: {error}. Check that the Python "
            "interpreter of the studio can run.")


def _fail(conn, name: str, reason: str) -> None:
    conn.execute(
        "UPDATE endpoint SET status = 'Failed', failure_reason = ?, server_pid = NULL, "
        "server_port = NULL, capture_started = 0, last_modified_time = ? WHERE name_key = ?",
        (reason[:1024], now(), name.lower()),
    )


def _roll_back_update(conn, name: str, token: str, reason: str) -> None:
    conn.execute(
        "UPDATE endpoint SET status = 'InService', pending_config_name = NULL, "
        "pending_server_pid = NULL, pending_server_token = NULL, failure_reason = ?, "
        "last_modified_time = ? WHERE name_key = ? AND pending_server_token = ?",
        (reason[:1024], now(), name.lower(), token),
    )


def _fail_dead_starts(store, name: str | None = None) -> None:
    """Record the failure of servers that exited while starting without saying why."""
    sql = ("SELECT * FROM endpoint WHERE status IN ('Creating', 'SystemUpdating', 'Updating')")
    args: tuple = ()
    if name is not None:
        sql += " AND name_key = ?"
        args = (name.lower(),)
    with store.read() as conn:
        rows = conn.execute(sql, args).fetchall()

    for row in rows:
        pending = row["status"] == "Updating"
        pid = row["pending_server_pid"] if pending else row["server_pid"]
        token = row["pending_server_token"] if pending else row["server_token"]
        if pid is None or server_is_running(pid, token):
            continue
        log_path = process.endpoint_folder(store.home, row["name"]) / process.SERVER_LOG
        reason = (f"The local model server (pid {pid}) exited while starting. See {log_path} "
                  "for its output.")
        with store.write() as conn:
            current = records.find(conn, "endpoint", row["name"])
            if current is None or current["status"] != row["status"]:
                continue  # The server recorded its outcome meanwhile.
            if pending:
                _roll_back_update(conn, row["name"], token, reason)
            else:
                _fail(conn, row["name"], reason)
        log.error("Endpoint %s: %s", row["name"], reason)
