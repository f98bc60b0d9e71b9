"""Start JupyterLab on a seeded studio home, for the UI tests and the Galata benchmark."""

import os
import sys
from pathlib import Path

UI_TESTS_DIR = Path(__file__).resolve().parent


def exec_lab(studio_home: Path, server_log: Path) -> None:
    """Replace this process with JupyterLab on the local backend of ``studio_home``.

    Replacing the process keeps the pid that Playwright's ``webServer`` stops at the end.
    """
    os.environ["CHURN_STUDIO_HOME"] = str(studio_home)
    os.environ["CHURN_STUDIO_BACKEND"] = "local"

    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--config={UI_TESTS_DIR / 'jupyter_server_test_config.py'}",
    ]
    # The server's log would drown the test report, so it goes to a file.
    print(f"JupyterLab log: {server_log}", flush=True)
    log = os.open(server_log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, sys.stdout.fileno())
    os.dup2(log, sys.stderr.fileno())

    os.execv(sys.executable, command)
