"""The model server of one local endpoint: ``GET /ping`` and ``POST /invocations``.

Run as ``python -m churn_studio_ext.serving.server <launch spec JSON file>``. The spec names
the studio database, the endpoint, its variant, the server's token, the model archive and the
data capture settings. The server binds 127.0.0.1 on a free port, loads the booster once,
starts serving, and then records itself InService with its pid and port in the store. If the
model cannot load, it records the reason and exits with status 1.

Requests and responses are described in ``payload.py``. A rejected request gets a 4xx with a
plain-text message and the connection stays open for the next one. SIGTERM or SIGINT stops
the server: it accepts no new connections, running invocations get up to ``DRAIN_SECONDS`` to
finish, the capture queue is written, and the process exits.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import endpoint_status
from .capture import CaptureSettings, CaptureWriter
from .payload import MAX_BODY_BYTES, PayloadError, format_predictions, parse_rows, response_type
from .process_identity import server_is_running

log = logging.getLogger("churn_studio_ext.serving")

INFERENCE_ID_HEADER = "X-Amzn-SageMaker-Inference-Id"
CUSTOM_ATTRIBUTES_HEADER = "X-Amzn-SageMaker-Custom-Attributes"
# An oversized body up to this size is read and dropped before the 413 is sent.
MAX_DISCARDED_BYTES = 64 * 1024 * 1024
# On SIGTERM the server waits this long for running invocations to finish. DeleteEndpoint sends
# SIGKILL 5 s after SIGTERM, which leaves about a second to write the capture queue.
DRAIN_SECONDS = 4.0


class ModelServer(ThreadingHTTPServer):
    """A threaded HTTP server holding one booster and the endpoint's capture writer."""

    daemon_threads = True
    # Bind to a free port chosen by the kernel, so two endpoints never race for one port.
    allow_reuse_address = False

    def __init__(self, endpoint: str):
        super().__init__(("127.0.0.1", 0), InvocationHandler)
        self.endpoint = endpoint
        self.booster = None
        self.feature_count = 0
        self.capture: CaptureWriter | None = None
        # Set on SIGTERM: responses then close their connection, so clients reconnect and
        # find the endpoint's next server or its deletion.
        self.stopping = False
        # Invocations running now. Handler threads are daemons that die with the process, so
        # the shutdown waits for this count to reach zero.
        self._running = 0
        self._idle = threading.Condition()

    def invocation_started(self) -> None:
        with self._idle:
            self._running += 1

    def invocation_finished(self) -> None:
        with self._idle:
            self._running -= 1
            if self._running == 0:
                self._idle.notify_all()

    def wait_for_invocations(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for running invocations and return how many still run."""
        with self._idle:
            self._idle.wait_for(lambda: self._running == 0, timeout)
            return self._running


class InvocationHandler(BaseHTTPRequestHandler):
    """The HTTP/1.1 keep-alive handler of /ping and /invocations."""

    protocol_version = "HTTP/1.1"
    server_version = "churn-studio-model-server"
    server: ModelServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in one write, and Nagle's algorithm must not hold it back.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming contract)
        if self.path == "/ping":
            self._send(200, "text/plain", b"")
        else:
            self._send(404, "text/plain", f"No such path {self.path}. Use GET /ping.".encode())

    def do_POST(self) -> None:  # noqa: N802
        self.server.invocation_started()
        try:
            self._invoke()
        finally:
            self.server.invocation_finished()

    def _invoke(self) -> None:
        if self.path != "/invocations":
            self._send(404, "text/plain",
                       f"No such path {self.path}. Use POST /invocations.".encode())
            return

        length_header = self.headers.get("Content-Length")
        if length_header is None or not length_header.isdigit():
            self.close_connection = True
            self._send(411, "text/plain", b"Send the request body with a Content-Length header.")
            return
        length = int(length_header)
        if length > MAX_BODY_BYTES:
            self._discard_body(length)
            self._send(413, "text/plain", (
                f"The request body has {length} bytes, more than the limit of "
                f"{MAX_BODY_BYTES} bytes (6 MiB). Split the rows over several requests."
            ).encode())
            return
        body = self.rfile.read(length)

        content_type = self.headers.get("Content-Type", "")
        server = self.server
        try:
            matrix = parse_rows(body, content_type, server.feature_count)
            output_type = response_type(self.headers.get("Accept"), content_type)
        except PayloadError as error:
            self._send(error.status, "text/plain", error.message.encode())
            return
        except Exception as error:  # A parser bug must not drop the connection unanswered.
            log.exception("Parsing a request failed on endpoint %s", server.endpoint)
            self._send(500, "text/plain", f"Parsing the request failed: {error!r}".encode())
            return

        try:
            predictions = server.booster.inplace_predict(matrix)
        except Exception as error:  # XGBoostError and numpy errors: the server keeps serving.
            log.exception("Prediction failed on endpoint %s", server.endpoint)
            self._send(500, "text/plain", f"Prediction failed: {error}".encode())
            return
        output = format_predictions(predictions, output_type)
        self._send(200, output_type, output)

        capture = server.capture
        if capture is not None and capture.sampled():
            capture.capture(
                body,
                content_type,
                output,
                output_type,
                self.headers.get(INFERENCE_ID_HEADER),
                self.headers.get(CUSTOM_ATTRIBUTES_HEADER),
            )

    def _discard_body(self, length: int) -> None:
        # Reading the rejected body lets the client finish sending and read the 413 on a
        # connection that stays usable. Beyond the cap the connection is closed instead.
        if length > MAX_DISCARDED_BYTES:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 16))
            if not chunk:
                self.close_connection = True
                return
            remaining -= len(chunk)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        if self.server.stopping:
            self.close_connection = True
        reason = self.responses.get(status, ("",))[0]
        head = (
            f"HTTP/1.1 {status} {reason}\r\n"
            f"Content-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n"
        )
        if self.close_connection:
            head += "Connection: close\r\n"
        self.wfile.write(head.encode("latin-1") + b"\r\n" + body)
        if status >= 400:
            log.info("Endpoint %s rejected a request with %d: %s", self.server.endpoint, status,
                     body[:200].decode("utf-8", "replace"))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (base class signature)
        log.debug("%s " + format, self.address_string(), *args)


def _hide_scikit_learn() -> None:
    """Make ``import sklearn`` fail in this process, unless it is imported already.

    xgboost imports scikit-learn when it is installed, only to define its estimator classes.
    With scikit-learn 1.9 that took 1.3 s of a 1.7 s ``import xgboost`` on the 2-core
    development machine, and the server needs only ``Booster``.
    """
    sys.modules.setdefault("sklearn", None)


def main(argv: list[str]) -> int:
    """Serve the endpoint described by the launch spec file ``argv[0]`` until SIGTERM."""
    _hide_scikit_learn()
    from .model_archive import ModelLoadError, load_booster

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    spec = json.loads(Path(argv[0]).read_text())
    database = Path(spec["database"])
    endpoint, token = spec["endpoint"], spec["token"]

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    server = ModelServer(endpoint)
    port = server.server_address[1]
    log.info("Starting model server of endpoint %s (variant %s) on 127.0.0.1:%d, pid %d",
             endpoint, spec["variant"], port, os.getpid())
    try:
        server.booster = load_booster(spec["model_path"], spec["model_data_url"])
    except ModelLoadError as error:
        log.error("Endpoint %s failed: %s", endpoint, error)
        endpoint_status.mark_failed(database, endpoint, token, str(error))
        server.server_close()
        return 1
    server.feature_count = server.booster.num_features()

    capture_config = spec.get("capture")
    if capture_config and capture_config.get("EnableCapture", True):
        settings = CaptureSettings.from_config(
            capture_config, Path(spec["capture_destination"]), endpoint, spec["variant"]
        )
        server.capture = CaptureWriter(settings)

    serving = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    serving.start()

    replaced = endpoint_status.mark_ready(
        database, endpoint, token, os.getpid(), port, server.capture is not None
    )
    if replaced is None:
        log.info("Endpoint %s no longer uses this server, stopping", endpoint)
        stop.set()
    else:
        log.info("Endpoint %s is InService on port %d (%d features)",
                 endpoint, port, server.feature_count)
        old_pid, old_token = replaced
        if server_is_running(old_pid, old_token):
            log.info("Stopping the previous server %d of endpoint %s", old_pid, endpoint)
            os.kill(old_pid, signal.SIGTERM)

    stop.wait()
    log.info("Stopping model server of endpoint %s", endpoint)
    server.stopping = True
    server.shutdown()
    still_running = server.wait_for_invocations(DRAIN_SECONDS)
    if still_running:
        log.warning("Endpoint %s stops with %d invocations still running after %.1f s",
                    endpoint, still_running, DRAIN_SECONDS)
    server.server_close()
    if server.capture is not None:
        server.capture.close()
        log.info("Endpoint %s captured %d records and dropped %d", endpoint,
                 server.capture.written, server.capture.dropped)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
