"""Start of the local backend's detached processes: job workers, model servers and launchers.

Each process leads its own session (``start_new_session=True``), so a notebook kernel's
interrupt or exit does not reach it, and a job or endpoint outlives the process that created it.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path


def package_environment() -> dict[str, str]:
    """Return a copy of this process's environment with this package's parent first on PYTHONPATH.

    A child must import this copy of the package, also when it is not installed.
    """
    environment = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    existing = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = (
        package_parent if not existing else package_parent + os.pathsep + existing
    )
    return environment


def start_detached(
    command: list[str],
    folder: Path,
    log_name: str,
    environment: dict[str, str],
    reaper_name: str,
) -> subprocess.Popen:
    """Start ``command`` in ``folder`` in a new session and return its process.

    Its standard output and error are appended to ``<folder>/<log_name>``. A daemon thread named
    ``<reaper_name>-<pid>`` reaps it while this process lives, so a child that exits leaves no
    zombie.
    """
    with open(folder / log_name, "ab") as log_file:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=folder,
            env=environment,
            start_new_session=True,
            close_fds=True,
        )
    threading.Thread(
        target=process.wait, name=f"{reaper_name}-{process.pid}", daemon=True
    ).start()
    return process
