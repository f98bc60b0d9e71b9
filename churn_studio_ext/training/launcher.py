"""A warm launcher that forks the workers of one studio home's training jobs.

A worker started as ``python -m churn_studio_ext.training.worker`` pays for a new interpreter and
its imports (numpy, xgboost, the store) on every job. The launcher is one detached process per
studio home that has made those imports once. It listens on the Unix socket
``<home>/.training-launcher/launcher.sock`` and forks one child per job, as multiprocessing's
forkserver does. The child becomes the job's worker.

Protocol, one connection per job, each message one JSON line:

1. The client sends the request: home, job name, job folder, interpreter, code stamp and the
   environment the worker should see.
2. The child replies ``{"pid": <its pid>}``, or ``{"error": <reason>}`` when it cannot serve the
   request (another home, interpreter or package path, or the package's files changed since the
   launcher started).
3. The client sends ``{"go": true}``, and only then does the child run the job. A client that
   gives up before that (timeout, error) starts the worker directly, and the child exits
   without touching the job, so a job never runs twice.

The child calls ``setsid()``, so it leads its own session and process group as a directly
started worker does, and the store records its pid. The launcher reaps its children while it
runs. Children that outlive it are reparented.

Fork safety: the launcher limits OpenBLAS and OpenMP to one thread before it imports numpy and
xgboost and never trains itself, so no thread pool exists when it forks.

The launcher exits after ``CHURN_STUDIO_LAUNCHER_IDLE_SECONDS`` (default 600) without requests
and without running children, when its socket file is removed or replaced (the home was deleted,
or a newer launcher took over), or on SIGTERM (``stop_launcher``).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from ..local._detached import start_detached
from ..local._training_launch import WORKER_LOG
from ..local._training_records import worker_is_alive

log = logging.getLogger(__name__)

LAUNCHER_MODULE = "churn_studio_ext.training.launcher"
# The launcher's files, in a folder of their own so that training-jobs holds only jobs.
LAUNCHER_FOLDER = ".training-launcher"
SOCKET_NAME = "launcher.sock"
PID_FILE_NAME = "launcher.pid"
LOCK_FILE_NAME = "launcher.lock"
LOG_NAME = "launcher.log"

IDLE_SECONDS_VARIABLE = "CHURN_STUDIO_LAUNCHER_IDLE_SECONDS"
DEFAULT_IDLE_SECONDS = 600.0
# How often the launcher reaps children and checks its socket and idle time.
CHECK_SECONDS = 1.0
# Maximum wait of a client for a new launcher to listen. A start that takes longer, or a
# launcher that exits first, makes the client start the worker directly.
START_TIMEOUT_SECONDS = 10.0
# Maximum wait of a client for the child's reply, and of a child for the client's messages.
REPLY_TIMEOUT_SECONDS = 10.0
# Linux limits a socket path to 107 bytes. A home with a longer path gets no launcher.
MAX_SOCKET_PATH_BYTES = 107
# Single-threaded BLAS and OpenMP in the launcher, so it has no thread pool when it forks. A
# worker's xgboost sets its thread count from nthread (1 by default) in any case.
SINGLE_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_PACKAGE_FOLDER = Path(__file__).resolve().parents[1]
_start_locks: dict[str, threading.Lock] = {}
_start_locks_guard = threading.Lock()


def socket_path(home: str | os.PathLike) -> Path:
    """Return the path of the launcher socket of a studio home."""
    return Path(home) / LAUNCHER_FOLDER / SOCKET_NAME


def code_stamp() -> int:
    """Return the newest modification time (ns) of the package's Python files.

    A launcher whose stamp differs from its client's runs older code, so it is not used.
    """
    newest = 0
    for folder, _, names in os.walk(_PACKAGE_FOLDER):
        for name in names:
            if name.endswith(".py"):
                newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime_ns)
    return newest


# --- client side ------------------------------------------------------------------------------


def start_through_launcher(
    home: Path, job_name: str, job_folder: Path, environment: dict[str, str]
) -> int | None:
    """Start the worker of ``job_name`` through the home's launcher and return its pid.

    Starts the launcher first if none listens. Returns None when the launcher cannot be used,
    and the caller must then start the worker itself.

    NOTE: the first job of a home waits in this call for the launcher's imports (about 0.3 s on
    the benchmark machine), so its CreateTrainingJob returns that much later.
    """
    path = socket_path(home)
    if len(os.fsencode(str(path))) > MAX_SOCKET_PATH_BYTES:
        log.debug("Launcher socket path %s is too long; starting workers directly", path)
        return None
    request = {
        "home": str(home),
        "job": job_name,
        "folder": str(job_folder),
        "executable": sys.executable,
        "package": str(_PACKAGE_FOLDER),
        "code_stamp": code_stamp(),
        "environment": environment,
    }
    try:
        connection = _connect(path)
        if connection is None:
            connection = _start_and_connect(home, path, environment)
        if connection is None:
            return None
        with connection:
            return _request_worker(connection, request)
    except (OSError, ValueError, KeyError, TypeError) as error:
        # ValueError, KeyError and TypeError come from a reply that is not the expected JSON.
        log.warning(
            "Launcher of %s failed for training job %s (%s); starting its worker directly",
            home,
            job_name,
            error,
        )
        return None


def _connect(path: Path) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(REPLY_TIMEOUT_SECONDS)
    try:
        connection.connect(str(path))
    except (FileNotFoundError, ConnectionRefusedError):
        # No socket, or a stale one whose launcher has exited: a new launcher replaces it.
        connection.close()
        return None
    except OSError:
        connection.close()
        raise
    return connection


def _start_and_connect(
    home: Path, path: Path, environment: dict[str, str]
) -> socket.socket | None:
    # One start per home at a time in this process: concurrent creates wait for the same one.
    with _start_locks_guard:
        start_lock = _start_locks.setdefault(str(path), threading.Lock())
    with start_lock:
        connection = _connect(path)
        if connection is not None:
            return connection
        folder = path.parent
        folder.mkdir(parents=True, exist_ok=True)
        process = start_detached(
            [sys.executable, "-m", LAUNCHER_MODULE, str(home)],
            folder,
            LOG_NAME,
            environment,
            "reap-training-launcher",
        )
        log.info("Started training launcher %d for %s", process.pid, home)

        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            connection = _connect(path)
            if connection is not None:
                return connection
            if process.poll() is not None:
                # It exited: it failed, or another process's launcher holds the lock and is
                # still starting. Either way this job starts directly.
                log.info(
                    "Training launcher %d of %s exited with %s before listening",
                    process.pid,
                    home,
                    process.returncode,
                )
                return None
            time.sleep(0.02)
        log.warning(
            "Training launcher %d of %s did not listen within %.0f s; starting workers directly",
            process.pid,
            home,
            START_TIMEOUT_SECONDS,
        )
        return None


def _request_worker(connection: socket.socket, request: dict) -> int | None:
    stream = connection.makefile("rwb")
    _send(stream, request)
    reply = _receive(stream)
    if "error" in reply:
        log.info(
            "Launcher of %s did not start training job %s: %s",
            request["home"],
            request["job"],
            reply["error"],
        )
        return None
    pid = int(reply["pid"])
    _send(stream, {"go": True})
    log.info("Started training worker %d for job %s through the launcher", pid, request["job"])
    return pid


def _send(stream, message: dict) -> None:
    stream.write(json.dumps(message).encode("utf-8") + b"\n")
    stream.flush()


def _receive(stream) -> dict:
    line = stream.readline()
    if not line:
        raise ValueError("the connection closed before a reply")
    return json.loads(line)


def stop_launcher(home: str | os.PathLike, timeout: float = 10.0) -> bool:
    """Send SIGTERM to the launcher of ``home`` and wait until it has exited.

    Returns True when a launcher was running. Its workers keep running, because each leads its
    own session. Raises TimeoutError if it is still running after ``timeout`` seconds.
    """
    pid = launcher_pid(home)
    if pid is None:
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while worker_is_alive(pid):
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Training launcher {pid} of {home} is still running {timeout} s after "
                f"SIGTERM. End it with 'kill -KILL {pid}'."
            )
        time.sleep(0.02)
    return True


def launcher_pid(home: str | os.PathLike) -> int | None:
    """Return the pid of the running launcher of ``home``, or None."""
    pid_file = Path(home) / LAUNCHER_FOLDER / PID_FILE_NAME
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if not worker_is_alive(pid):
        return None
    # A pid file left by a launcher that was killed may name an unrelated process by now.
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    if LAUNCHER_MODULE.encode() not in arguments:
        return None
    return pid


# --- launcher side ----------------------------------------------------------------------------


class _Launcher:
    def __init__(self, home: Path, idle_seconds: float):
        self.home = home
        self.folder = home / LAUNCHER_FOLDER
        self.idle_seconds = idle_seconds
        self.children: set[int] = set()
        self.stamp = 0
        self.server: socket.socket | None = None
        self.socket_inode: int | None = None
        self.lock_descriptor: int | None = None

    def run(self) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock_descriptor = os.open(
            self.folder / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(self.lock_descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("Another training launcher serves %s; exiting", self.home)
            return 0

        self._preload()
        self.stamp = code_stamp()
        path = self.folder / SOCKET_NAME
        # A socket file left by a launcher that was killed: the lock shows it is not in use.
        path.unlink(missing_ok=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(16)
        self.server.settimeout(CHECK_SECONDS)
        self.socket_inode = os.stat(path).st_ino
        (self.folder / PID_FILE_NAME).write_text(f"{os.getpid()}\n")
        log.info(
            "Training launcher %d serves %s (idle exit after %.0f s)",
            os.getpid(),
            self.home,
            self.idle_seconds,
        )
        try:
            self._serve()
        finally:
            self._clean_up(path)
        return 0

    def _preload(self) -> None:
        for name in SINGLE_THREAD_VARIABLES:
            os.environ[name] = "1"
        import numpy  # noqa: F401 - imported for the children
        import xgboost  # noqa: F401

        from . import algorithm_job, framework, worker  # noqa: F401

    def _serve(self) -> None:
        idle_since = time.monotonic()
        while True:
            if self._reap():
                idle_since = time.monotonic()
            if not self._socket_is_ours():
                log.info("Launcher socket of %s is gone or replaced; exiting", self.home)
                return
            if not self.children and time.monotonic() - idle_since > self.idle_seconds:
                log.info("Training launcher of %s idle for %.0f s; exiting", self.home, self.idle_seconds)
                return
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            idle_since = time.monotonic()
            self._fork_child(connection)

    def _fork_child(self, connection: socket.socket) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        # SIGTERM stays blocked across the fork, so the launcher's handler cannot run in the
        # child before the child resets it (it would remove the launcher's socket).
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            pid = os.fork()
        except OSError as error:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            log.error("Could not fork a training worker: %s", error)
            connection.close()
            return
        if pid == 0:
            _run_child(self, connection)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        connection.close()
        self.children.add(pid)

    def _reap(self) -> bool:
        reaped = False
        for pid in list(self.children):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if done:
                self.children.discard(pid)
                reaped = True
                log.info("Training worker %d exited with status %d", pid, status)
        return reaped

    def _socket_is_ours(self) -> bool:
        try:
            return os.stat(self.folder / SOCKET_NAME).st_ino == self.socket_inode
        except FileNotFoundError:
            return False

    def _clean_up(self, path: Path) -> None:
        log.info("Training launcher %d of %s stopped", os.getpid(), self.home)
        self.server.close()
        if self._socket_is_ours():
            path.unlink(missing_ok=True)
            (self.folder / PID_FILE_NAME).unlink(missing_ok=True)


def _run_child(launcher: _Launcher, connection: socket.socket) -> None:
    """Serve one request in the forked child and end the process, so it never returns."""
    exit_code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        launcher.server.close()
        # The flock lasts while any copy of the descriptor is open, so a worker that kept it
        # would keep a new launcher from starting after this one exits.
        os.close(launcher.lock_descriptor)
        os.setsid()
        connection.settimeout(REPLY_TIMEOUT_SECONDS)
        stream = connection.makefile("rwb")
        request = _receive(stream)
        problem = _request_problem(launcher, request)
        if problem is not None:
            log.warning("Rejected training job %s: %s", request.get("job"), problem)
            _send(stream, {"error": problem})
            if request.get("code_stamp") != launcher.stamp:
                # The package changed on disk, so this launcher is stale: let a new one start.
                os.kill(os.getppid(), signal.SIGTERM)
            os._exit(0)
        _send(stream, {"pid": os.getpid()})
        if not _receive(stream).get("go"):
            os._exit(0)
        stream.close()
        connection.close()
        exit_code = _run_worker(request)
    except BaseException:
        # Any exception, SystemExit included, must still end the child with os._exit below.
        log.exception("Training worker child %d failed", os.getpid())
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(exit_code)


def _request_problem(launcher: _Launcher, request: dict) -> str | None:
    if Path(request["home"]) != launcher.home:
        return f"this launcher serves home {str(launcher.home)!r}, not {request['home']!r}"
    if request["executable"] != sys.executable:
        return f"this launcher runs {sys.executable!r}, not {request['executable']!r}"
    if request["package"] != str(_PACKAGE_FOLDER):
        return f"this launcher imported {str(_PACKAGE_FOLDER)!r}, not {request['package']!r}"
    if request["code_stamp"] != launcher.stamp:
        return "the package's files changed since this launcher started"
    return None


def _run_worker(request: dict) -> int:
    from . import worker

    folder = Path(request["folder"])
    os.chdir(folder)
    log_descriptor = os.open(folder / WORKER_LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    null_descriptor = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_descriptor, 0)
    os.dup2(log_descriptor, 1)
    os.dup2(log_descriptor, 2)
    os.close(null_descriptor)
    os.close(log_descriptor)
    # The worker and its entry-point script see the client's environment, as a direct start
    # gives them.
    os.environ.clear()
    os.environ.update(request["environment"])
    # worker.main configures logging for the worker log, and basicConfig would keep the
    # launcher's handler.
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    return worker.main([request["home"], request["job"]])


def main(argv: list[str] | None = None) -> int:
    """Run the launcher of the studio home named on the command line until it is idle."""
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m churn_studio_ext.training.launcher <home>", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s",
    )
    idle_text = os.environ.get(IDLE_SECONDS_VARIABLE, "")
    try:
        idle_seconds = float(idle_text) if idle_text else DEFAULT_IDLE_SECONDS
    except ValueError:
        log.error(
            "Invalid %s %r: expected a number of seconds; using %.0f",
            IDLE_SECONDS_VARIABLE,
            idle_text,
            DEFAULT_IDLE_SECONDS,
        )
        idle_seconds = DEFAULT_IDLE_SECONDS
    # SIGTERM ends the serve loop through SystemExit, so the socket and pid file are removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    return _Launcher(Path(arguments[0]), idle_seconds).run()


if __name__ == "__main__":
    sys.exit(main())
