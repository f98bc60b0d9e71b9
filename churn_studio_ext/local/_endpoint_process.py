"""Launch and stop of the detached model-server process of a local endpoint.

A server is started with ``start_new_session=True``, so a notebook kernel's interrupt or exit
does not reach it and the endpoint outlives the process that created it, as the training
worker does. Its launch spec (model archive path, capture settings, token) is a JSON file in
``<home>/endpoints/<endpoint>/``, and its output goes to ``server.log`` there.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
import uuid
from pathlib import Path

from ._detached import package_environment, start_detached
from ..serving.process_identity import SERVER_MODULE, server_is_running

log = logging.getLogger(__name__)

ENDPOINTS_FOLDER = "endpoints"
SERVER_LOG = "server.log"
# DeleteEndpoint waits this long after SIGTERM for the server to finish its requests and write
# its capture queue, then sends SIGKILL.
STOP_TIMEOUT_SECONDS = 5.0


def endpoint_folder(home: Path, endpoint: str) -> Path:
    return Path(home) / ENDPOINTS_FOLDER / endpoint.lower()


def new_token() -> str:
    """Return a fresh server token, the id that a server's command line carries."""
    return uuid.uuid4().hex


def launch_server(home: Path, endpoint: str, token: str, spec: dict) -> int:
    """Write the launch spec of ``token`` and start its model server, returning its pid."""
    folder = endpoint_folder(home, endpoint)
    folder.mkdir(parents=True, exist_ok=True)
    spec_path = folder / f"server-{token}.json"
    spec_path.write_text(json.dumps({**spec, "endpoint": endpoint, "token": token}))
    _remove_old_specs(folder, keep=spec_path)

    process = start_detached(
        [sys.executable, "-m", SERVER_MODULE, str(spec_path)],
        folder,
        SERVER_LOG,
        _server_environment(),
        "reap-model-server",
    )
    log.info("Started model server %d for endpoint %s", process.pid, endpoint)
    return process.pid


def stop_server(endpoint: str, pid: int | None, token: str | None,
                timeout: float = STOP_TIMEOUT_SECONDS) -> None:
    """Stop a model server: SIGTERM, then SIGKILL if it still runs after ``timeout`` seconds.

    Does nothing when ``pid`` is not the server of ``token`` (already gone, or a reused pid).
    """
    if not server_is_running(pid, token):
        return
    log.info("Stopping model server %d of endpoint %s", pid, endpoint)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server_is_running(pid, token):
            return
        time.sleep(0.02)
    log.warning("Model server %d of endpoint %s ignored SIGTERM for %.1f s, so sending SIGKILL",
                pid, endpoint, timeout)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server_is_running(pid, token):
        time.sleep(0.02)


def _remove_old_specs(folder: Path, keep: Path) -> None:
    # Specs of stopped servers are not read again, but the newest two stay for debugging an update.
    specs = sorted(folder.glob("server-*.json"), key=lambda path: path.stat().st_mtime)
    for path in specs[:-2]:
        if path != keep:
            path.unlink(missing_ok=True)


def _server_environment() -> dict[str, str]:
    environment = package_environment()
    # One prediction thread per request: requests run in parallel on the server's threads,
    # and OpenMP's thread pool costs more than it saves on a few rows.
    environment.setdefault("OMP_NUM_THREADS", "1")
    return environment
