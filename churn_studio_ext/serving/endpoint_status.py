"""The model server's own updates of its endpoint's row in the studio store.

Plain ``sqlite3`` on purpose: importing the local backend (botocore) would delay the first
``/ping`` by several hundred milliseconds. Each update matches the server's token, so a server
that an UpdateEndpoint or DeleteEndpoint replaced cannot change the endpoint any more.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

# The same busy timeout as the store's connections: concurrent writers wait, not fail.
BUSY_TIMEOUT_SECONDS = 30.0
MAX_FAILURE_REASON = 1024


def mark_ready(database: Path, endpoint: str, token: str, pid: int, port: int,
               capture_started: bool) -> tuple[int | None, str | None] | None:
    """Record this server as the endpoint's InService server.

    Returns the pid and token of the server it replaces (after an UpdateEndpoint), or
    ``(None, None)``. Returns None when the endpoint no longer wants this server (deleted or
    replaced), so it must exit.
    """
    now = round(time.time(), 3)
    with _connect(database) as conn:
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute(
            "SELECT server_pid, server_token, pending_server_token FROM endpoint "
            "WHERE name_key = ? AND status IN ('Creating', 'Updating', 'SystemUpdating')",
            (endpoint.lower(),),
        ).fetchone()
        if row is None:
            return None
        if row[2] == token:
            conn.execute(
                "UPDATE endpoint SET status = 'InService', config_name = pending_config_name, "
                "pending_config_name = NULL, pending_server_pid = NULL, "
                "pending_server_token = NULL, server_pid = ?, server_port = ?, "
                "server_token = ?, server_started_time = ?, capture_started = ?, "
                "failure_reason = NULL, last_modified_time = ? WHERE name_key = ?",
                (pid, port, token, now, int(capture_started), now, endpoint.lower()),
            )
            return row[0], row[1]
        if row[1] == token:
            conn.execute(
                "UPDATE endpoint SET status = 'InService', server_pid = ?, server_port = ?, "
                "server_started_time = ?, capture_started = ?, failure_reason = NULL, "
                "last_modified_time = ? WHERE name_key = ?",
                (pid, port, now, int(capture_started), now, endpoint.lower()),
            )
            return None, None
        return None


def mark_failed(database: Path, endpoint: str, token: str, reason: str) -> None:
    """Record that this server could not start.

    A failed create or restart (status SystemUpdating) makes the endpoint Failed. A failed
    update rolls back: the endpoint stays InService on its previous config and server, with
    the reason recorded.
    """
    now = round(time.time(), 3)
    reason = reason[:MAX_FAILURE_REASON]
    with _connect(database) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE endpoint SET status = 'InService', pending_config_name = NULL, "
            "pending_server_pid = NULL, pending_server_token = NULL, failure_reason = ?, "
            "last_modified_time = ? WHERE name_key = ? AND pending_server_token = ?",
            (reason, now, endpoint.lower(), token),
        )
        conn.execute(
            "UPDATE endpoint SET status = 'Failed', server_pid = NULL, server_port = NULL, "
            "capture_started = 0, failure_reason = ?, last_modified_time = ? "
            "WHERE name_key = ? AND server_token = ? "
            "AND status IN ('Creating', 'SystemUpdating')",
            (reason, now, endpoint.lower(), token),
        )


class _connect:
    # A connection used as a context manager that commits on success and always closes.
    def __init__(self, database: Path):
        self.conn = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS,
                                    isolation_level=None)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, error_type, error, traceback) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK" if error_type else "COMMIT")
        finally:
            self.conn.close()
