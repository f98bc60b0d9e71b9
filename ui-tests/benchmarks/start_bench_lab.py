"""Seed the benchmark's studio home, then run JupyterLab on it for the Galata benchmark.

Playwright's ``webServer`` in ``playwright.config.js`` runs this script and stops it after the
run. CHURN_STUDIO_UI_TESTS_HOME moves the home (default ``ui-tests/.home-benchmark``), and the
spec reads the same variable to find ``expected.json``.
"""

import os
import sys
from pathlib import Path

from seed_benchmark import seed

BENCHMARKS_DIR = Path(__file__).resolve().parent
UI_TESTS_DIR = BENCHMARKS_DIR.parent
UI_HOME = Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home-benchmark")
STUDIO_HOME = UI_HOME / "studio"
SERVER_LOG = UI_HOME / "jupyter-server.log"


def main() -> None:
    UI_HOME.mkdir(parents=True, exist_ok=True)
    seed(STUDIO_HOME, UI_HOME / "expected.json")
    os.environ["CHURN_STUDIO_HOME"] = str(STUDIO_HOME)
    os.environ["CHURN_STUDIO_BACKEND"] = "local"

    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--config={UI_TESTS_DIR / 'jupyter_server_test_config.py'}",
    ]
    print(f"JupyterLab log: {SERVER_LOG}", flush=True)
    log = os.open(SERVER_LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, sys.stdout.fileno())
    os.dup2(log, sys.stderr.fileno())

    # Replacing this process keeps the pid that Playwright stops at the end.
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
