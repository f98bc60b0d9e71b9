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
sys.path.insert(0, str(UI_TESTS_DIR))

from lab_server import exec_lab  # noqa: E402  (ui-tests/lab_server.py)

UI_HOME = Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home-benchmark")
STUDIO_HOME = UI_HOME / "studio"
SERVER_LOG = UI_HOME / "jupyter-server.log"


def main() -> None:
    UI_HOME.mkdir(parents=True, exist_ok=True)
    seed(STUDIO_HOME, UI_HOME / "expected.json")
    exec_lab(STUDIO_HOME, SERVER_LOG)


if __name__ == "__main__":
    main()
