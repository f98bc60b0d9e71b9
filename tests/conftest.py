"""Plugins and guards shared by every test folder.

pytest accepts `pytest_plugins` only in the top-level conftest, so the Jupyter server fixtures
(`jp_fetch`, `jp_serverapp`, ...) that the server tests use are loaded here.
"""

import ipaddress
import socket

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]

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
