"""Stop the model servers of every endpoint in a UI-test studio home.

Endpoints outlive JupyterLab by design, so a Galata run would leave the servers of the endpoints
it deployed running. Playwright's global teardown calls this script, and seed_studio.py calls
``stop_endpoints`` before it deletes an old home. Usage: python stop_endpoints.py [HOME].
"""

import os
import sqlite3
import sys
from pathlib import Path

from churn_studio_ext.local._endpoint_process import stop_server
from churn_studio_ext.local.store import DATABASE_FILE

UI_TESTS_DIR = Path(__file__).resolve().parent
# CHURN_STUDIO_UI_TESTS_HOME moves the whole .home folder, as in start_lab.py.
UI_HOME = Path(os.environ.get("CHURN_STUDIO_UI_TESTS_HOME") or UI_TESTS_DIR / ".home")

def stop_endpoints(home: Path) -> list[str]:
    """Stop the model server of each endpoint recorded in ``home``; return the endpoint names."""
    store = home / DATABASE_FILE
    if not store.exists():
        return []
    connection = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT name, server_pid, server_token, pending_server_pid, pending_server_token"
            " FROM endpoint"
        ).fetchall()
    except sqlite3.OperationalError:
        # A home from before the hosting tables existed has no endpoint to stop.
        return []
    finally:
        connection.close()
    for name, pid, token, pending_pid, pending_token in rows:
        stop_server(name, pid, token)
        stop_server(name, pending_pid, pending_token)
    return [row[0] for row in rows]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else UI_HOME / "studio"
    stopped = stop_endpoints(target)
    print(f"Stopped the model servers of {len(stopped)} endpoint(s) in {target}")
