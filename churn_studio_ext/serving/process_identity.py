"""Identification of a running model server by its pid and the token on its command line.

A pid alone is not enough: after a reboot or a long time another process may reuse it, and a
restart or stop must never act on that process.
"""

from __future__ import annotations

import os
from pathlib import Path

SERVER_MODULE = "churn_studio_ext.serving.server"


def server_is_running(pid: int | None, token: str | None) -> bool:
    """Tell whether ``pid`` is a live (not zombie) model server started with ``token``."""
    if not pid or not token:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False

    proc = Path(f"/proc/{pid}")
    if not proc.is_dir():
        # NOTE: without /proc (macOS), a live pid is trusted to be the server.
        return True
    try:
        # The state letter follows the parenthesised command name, and Z is a zombie.
        state = (proc / "stat").read_text().rpartition(")")[2].split()[0]
        arguments = (proc / "cmdline").read_bytes().split(b"\0")
    except (OSError, IndexError):
        return False
    if state == "Z":
        return False
    if arguments == [b""]:
        # The command line reads empty while the process is inside execve, which is where a
        # server just started by Popen can be.
        return True
    return SERVER_MODULE.encode() in arguments and any(
        token.encode() in argument for argument in arguments
    )
