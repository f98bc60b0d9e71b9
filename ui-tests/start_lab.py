"""Seed a fresh studio home, then run JupyterLab on it for the UI tests.

Playwright's `webServer` runs this script and stops it after the tests. The studio home is
`ui-tests/.home/studio`, and the tests read the same path to check the backend label.
"""

import os
import sys
from pathlib import Path

from seed_studio import seed
from seed_training import seed_training
from seed_tour import seed_tour
from seed_monitoring import seed_monitoring

UI_TESTS_DIR = Path(__file__).resolve().parent
# CHURN_STUDIO_UI_TESTS_HOME moves the whole .home folder, so two runs can share a checkout.
UI_HOME = Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home")
STUDIO_HOME = UI_HOME / "studio"
SERVER_LOG = UI_HOME / "jupyter-server.log"


def main() -> None:
    UI_HOME.mkdir(parents=True, exist_ok=True)
    seed(STUDIO_HOME)
    seed_training(STUDIO_HOME)
    seed_tour(STUDIO_HOME)
    seed_monitoring(STUDIO_HOME)
    os.environ["CHURN_STUDIO_HOME"] = str(STUDIO_HOME)
    os.environ["CHURN_STUDIO_BACKEND"] = "local"

    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--config={UI_TESTS_DIR / 'jupyter_server_test_config.py'}",
    ]
    # The server's log would drown the test report, so it goes to a file.
    print(f"JupyterLab log: {SERVER_LOG}", flush=True)
    log = os.open(SERVER_LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, sys.stdout.fileno())
    os.dup2(log, sys.stderr.fileno())

    # Replacing this process keeps the pid that Playwright stops at the end.
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
