"""The ``backend`` fixture: one contract test runs against the local clients and against moto.

The local backend gets a fresh studio home per test. The moto backend is one ``moto_server``
process per test session, bound to 127.0.0.1 on a free port, reset through ``/moto-api/reset``
before each test. Credentials are fake and every client points at 127.0.0.1 or at the local
store, so no request can reach AWS.
"""

import dataclasses
import functools
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import boto3
import botocore.config
import pytest

from .checked_client import CheckedClient

REGION = "us-east-1"
MOTO_START_TIMEOUT_SECONDS = 30.0

FAKE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "SAGEMAKER_SUPPRESS_V2_WARNING": "1",
}


@dataclasses.dataclass
class Backend:
    """The clients of one backend, wrapped so that every response is checked against botocore."""

    name: str
    sagemaker: CheckedClient
    metrics_factory: Callable[[], object]
    test_item: pytest.Item

    @functools.cached_property
    def metrics(self) -> CheckedClient:
        """The sagemaker-metrics client, created on first use so other tests do not need it."""
        return CheckedClient(self.metrics_factory(), "sagemaker-metrics", self.name)

    @property
    def is_moto(self) -> bool:
        return self.name == "moto"

    def moto_deviates(self, deviation: str) -> None:
        """Declare that on moto the rest of the test fails because moto differs from SageMaker.

        The rest still runs. On moto a failure is reported as xfailed with the deviation, and a
        pass fails the test, so a declared deviation that moto no longer shows gets noticed.
        """
        if self.is_moto:
            self.test_item.moto_deviation = deviation


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    deviation = getattr(item, "moto_deviation", None)
    if deviation is None or call.when != "call":
        return

    if call.excinfo is None:
        report.outcome = "failed"
        report.longrepr = (
            f"moto passed after declaring the deviation '{deviation}'; "
            "remove the moto_deviates call if moto now matches SageMaker"
        )
    elif not call.excinfo.errisinstance(pytest.skip.Exception):
        report.outcome = "skipped"
        report.wasxfail = f"moto 5.2.5 deviation: {deviation}"


@pytest.fixture(scope="session", autouse=True)
def fake_aws_environment():
    with pytest.MonkeyPatch.context() as patch:
        for key, value in FAKE_AWS_ENVIRONMENT.items():
            patch.setenv(key, value)
        patch.delenv("AWS_PROFILE", raising=False)
        yield


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _moto_server_executable() -> str:
    beside_python = Path(sys.executable).with_name("moto_server")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("moto_server")
    if found is None:
        pytest.fail(
            "moto_server was not found next to the Python interpreter or on PATH; "
            "install moto[server] into the test environment"
        )
    return found


def _wait_until_listening(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + MOTO_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"moto_server exited with code {process.returncode} before listening "
                f"on {url}"
            )
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail(
        f"moto_server did not answer on {url} within {MOTO_START_TIMEOUT_SECONDS} s"
    )


@pytest.fixture(scope="session")
def moto_url(fake_aws_environment):
    """Start one moto_server for the session and stop it by its pid afterwards."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [_moto_server_executable(), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_listening(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _reset_moto(url: str) -> None:
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, f"moto reset failed with HTTP {response.status}"


def _moto_client(url: str, service_name: str):
    # moto responds to unimplemented or crashing calls with HTTP 500, which boto3 would retry
    # twice. One attempt keeps those tests fast and the error unchanged.
    config = botocore.config.Config(retries={"total_max_attempts": 1})
    session = boto3.Session(region_name=REGION)
    return session.client(service_name, endpoint_url=url, config=config)


def _local_client(home: Path, service_name: str):
    from churn_studio_ext import local

    return local.client(service_name, home=home)


@pytest.fixture(params=["local", "moto"])
def backend(request, tmp_path) -> Backend:
    if request.param == "moto":
        url = request.getfixturevalue("moto_url")
        _reset_moto(url)
        make_client = functools.partial(_moto_client, url)
    else:
        make_client = functools.partial(_local_client, tmp_path / "studio-home")

    return Backend(
        name=request.param,
        sagemaker=CheckedClient(make_client("sagemaker"), "sagemaker", request.param),
        metrics_factory=functools.partial(make_client, "sagemaker-metrics"),
        test_item=request.node,
    )
