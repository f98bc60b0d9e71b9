"""Seed a fresh studio home, then run JupyterLab on it for the UI tests.

Playwright's `webServer` runs this script and stops it after the tests. The studio home is
`ui-tests/.home/studio`, and the tests read the same path to check the backend label.
"""

import os
from pathlib import Path

from lab_server import UI_TESTS_DIR, exec_lab
from seed_studio import seed
from seed_training import seed_training
from seed_tour import seed_tour
from seed_monitoring import seed_monitoring

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
    exec_lab(STUDIO_HOME, SERVER_LOG)


if __name__ == "__main__":
    main()
