"""Plugins and guards shared by every test folder.

pytest accepts `pytest_plugins` only in the top-level conftest, so the Jupyter server fixtures
(`jp_fetch`, `jp_serverapp`, ...) that the server tests use are loaded here.
"""

import ipaddress
import os
import signal
import socket
import time
from pathlib import Path

import pytest

from churn_studio_ext.local._training_records import worker_is_alive
from churn_studio_ext.training.launcher import (
    IDLE_SECONDS_VARIABLE,
    LAUNCHER_MODULE,
    stop_launcher,
)

pytest_plugins = ["pytest_jupyter.jupyter_server"]

# A launcher that a test's cleanup misses still exits after this idle time.
os.environ.setdefault(IDLE_SECONDS_VARIABLE, "60")

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host) -> bool:
    if host is None or host == "":
        return True
    if isinstance(host, bytes):
        host = host.decode()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def loopback_only_network():
    """Fail any test that resolves or connects to a host other than this machine.

    The SageMaker SDK v2 sends telemetry from some calls, and a misconfigured boto3 client would
    reach AWS; tests must talk to 127.0.0.1 only.
    """
    original_getaddrinfo = socket.getaddrinfo
    original_connect = socket.socket.connect

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise OSError(f"Tests may only reach 127.0.0.1, but a lookup of {host!r} was made.")
        return original_getaddrinfo(host, *args, **kwargs)

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise OSError(f"Tests may only reach 127.0.0.1, but a connection to {address!r} was made.")
        return original_connect(sock, address)

    socket.getaddrinfo = guarded_getaddrinfo
    socket.socket.connect = guarded_connect
    yield
    socket.getaddrinfo = original_getaddrinfo
    socket.socket.connect = original_connect


def _launchers_under(folder: Path) -> list[tuple[int, Path]]:
    """Return (pid, home) of each running training launcher whose studio home is under ``folder``."""
    launchers = []
    module = LAUNCHER_MODULE.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if module not in arguments or arguments.index(module) + 1 >= len(arguments):
            continue
        home = Path(os.fsdecode(arguments[arguments.index(module) + 1]))
        if home.is_relative_to(folder):
            launchers.append((int(entry.name), home))
    return launchers


@pytest.fixture(autouse=True)
def stop_training_launchers(tmp_path_factory):
    """After each test, stop the training launchers of the studio homes it created.

    Every test home is under pytest's base temporary folder. Launchers started by a test's
    subprocesses (the tour CLI, a job's creator that exits) are found through /proc too.
    """
    yield
    for pid, home in _launchers_under(tmp_path_factory.getbasetemp()):
        if stop_launcher(home):
            continue
        # It has not written its pid file yet (still importing), so signal it by pid.
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        deadline = time.monotonic() + 10
        while worker_is_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
