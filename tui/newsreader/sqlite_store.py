"""One SQLite file kept as a cache, which must never be the reason something fails.

The analysis cache (``analysis/cache.py``) and the library row cache (``library/entry_cache.py``)
share this: the file is opened in autocommit mode with a WAL journal and a busy timeout, so
several processes (``extract --jobs``, two readers) can use it at once; a statement that still
finds the database locked is skipped; a damaged file is handed to the subclass to move aside or
delete and a fresh one is opened (once); an unwritable or unusable file turns the store off for
the rest of the run. What each store does in those cases (notices, logging) is its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger("newsreader.cache")
if not logging.getLogger("newsreader").handlers:
    # A library never prints warnings itself: without --debug they would land on the terminal
    # the reader draws on. --debug (cli) adds a file handler instead.
    logging.getLogger("newsreader").addHandler(logging.NullHandler())

#: The files SQLite keeps beside a database in WAL mode.
SIDE_SUFFIXES = ("-wal", "-shm")


class SQLiteStore:
    """A lazily opened SQLite connection that turns itself off instead of raising.

    Subclasses implement ``_prepare(conn)`` (create or upgrade the tables; runs on every open),
    ``_damaged(exc) -> bool`` (the file is corrupt and the connection closed: move it aside or
    delete it, and say whether a fresh one may be created now; False turns the store off) and ``_report_off(why, exc)``
    (said once when the store is turned off; ``why`` is "unavailable", "read-only",
    "unusable" or "not rebuilt"). Callers hold ``_lock`` around ``_run``.
    """

    #: How long a statement waits for another process's transaction (ms).
    busy_timeout_ms = 5_000
    #: Busy while opening (another process creating or upgrading the file): True turns the
    #: store off for this run, False tries again on the next call.
    off_when_busy_opening = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._disabled = False
        self._reopening = False
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """False once the store has been turned off for this run (unwritable, unusable)."""
        return not self._disabled

    def close(self) -> None:
        with self._lock:
            self._drop_connection()

    # -- for subclasses -----------------------------------------------------------------------

    def _prepare(self, conn: sqlite3.Connection) -> None:
        raise NotImplementedError

    def _damaged(self, exc: Exception) -> bool:
        raise NotImplementedError

    def _report_off(self, why: str, exc: Exception | None) -> None:
        raise NotImplementedError

    def _run(self, action: Callable[[sqlite3.Connection], T], *, quiet_busy: bool = False) -> T | None:
        """``action(connection)``'s result, or None when the store is busy or unusable."""
        for attempt in (1, 2):
            conn = self._connection()
            if conn is None:
                return None
            try:
                return action(conn)
            except sqlite3.OperationalError as exc:
                if is_busy(exc):
                    # Another process kept the database locked past the timeout: skip this one.
                    if not quiet_busy:
                        log.info("%s busy; skipped: %s", self.path, exc)
                    return None
                if is_unwritable(exc):
                    self._turn_off("read-only", exc)
                    return None
                if attempt == 1 and is_corrupt(exc) and self._start_afresh(exc):
                    continue
                self._turn_off("unusable", exc)
                return None
            except sqlite3.DatabaseError as exc:
                if attempt == 1 and self._start_afresh(exc):
                    continue
                self._turn_off("unusable", exc)
                return None
            except (UnicodeError, ValueError, OverflowError) as exc:
                # A value SQLite cannot bind (a lone surrogate from an undecodable file name, a
                # huge integer): this one statement is skipped, the store stays usable.
                log.warning("%s: a statement was skipped: %s", self.path, exc)
                return None
        return None

    def _turn_off(self, why: str, exc: Exception | None) -> None:
        if not self._disabled:
            self._report_off(why, exc)
        self._disabled = True
        self._drop_connection()

    # -- internals ----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is not None:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=self.busy_timeout_ms / 1000, check_same_thread=False, isolation_level=None
            )
        except (OSError, sqlite3.Error) as exc:
            self._turn_off("unavailable", exc)
            return None
        try:
            conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchall(), self.busy_timeout_ms / 1000)
            conn.execute("PRAGMA synchronous = NORMAL")
            self._prepare(conn)
        except sqlite3.OperationalError as exc:
            conn.close()
            if is_busy(exc):
                log.info("%s busy while opening: %s", self.path, exc)
                if self.off_when_busy_opening:
                    self._disabled = True
                return None
            if is_unwritable(exc):
                self._turn_off("read-only", exc)
                return None
            if is_corrupt(exc) and self._start_afresh(exc):
                return self._reopen_once()
            self._turn_off("unusable", exc)
            return None
        except sqlite3.DatabaseError as exc:
            conn.close()
            return self._reopen_once() if self._start_afresh(exc) else None
        self._conn = conn
        return conn

    def _start_afresh(self, exc: Exception) -> bool:
        """Whether the subclass cleared a damaged file away; if not, the store is turned off."""
        self._drop_connection()
        if self._damaged(exc):
            return True
        self._turn_off("unusable", exc)
        return False

    def _reopen_once(self) -> sqlite3.Connection | None:
        if self._reopening:
            self._turn_off("not rebuilt", None)
            return None
        self._reopening = True
        try:
            return self._connection()
        finally:
            self._reopening = False

    def _drop_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


class transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error). The connection is in autocommit mode,
    where ``with conn`` would not open a transaction and every row would be one (~40x slower)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def create_tables(conn: sqlite3.Connection, schema: str, version: int, drop: tuple[str, ...]) -> None:
    """Create the tables of ``schema`` (dropping ``drop`` first) when the file's ``user_version``
    is not ``version``. Under a write lock and re-checked inside it, so two processes opening a
    new file at once cannot drop each other's fresh tables."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == version:
        return
    with transaction(conn):
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            for table in drop:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in filter(None, (part.strip() for part in schema.split(";"))):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")


def remove_files(path: Path, *, with_database: bool = True) -> None:
    """Delete the database (unless ``with_database`` is False) and its WAL side files; files
    that are not there are fine. Other errors (permissions) are raised."""
    for suffix in ("", *SIDE_SUFFIXES) if with_database else SIDE_SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def retry_busy(action: Callable[[], T], budget_s: float) -> T:
    """Run ``action``, retrying while the database is busy (some pragmas skip the busy handler)."""
    deadline = time.monotonic() + budget_s
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def is_busy(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def is_unwritable(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "readonly" in msg or "read-only" in msg or "unable to open" in msg or "disk i/o" in msg or "full" in msg


def is_corrupt(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "not a database" in msg or "malformed" in msg or "corrupt" in msg
