"""A persistent cache of analyses, so an article analysed once opens analysed at once.

One SQLite file, ``paths.cache_dir()/analysis.sqlite``. The key is the SHA-256 of the document
text plus the pipeline's ``version_key`` (model, analysis code version, data files): change any
of them and old entries are simply never hit again (they are pruned oldest-first). Values are
``Analysis.to_dict()`` JSON, zlib-compressed.

The cache is an optimisation and must never be the reason something fails:
- WAL journal and a busy timeout let several processes (``extract --jobs``, two readers) share it;
  a write that still finds the database locked is skipped.
- A corrupt file is renamed aside (``analysis.sqlite.corrupt-<time>``) and a fresh one created.
- An unwritable cache directory (read-only home, full disk) turns the cache off for this run with
  a notice, instead of an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from newsreader import paths
from newsreader.analysis.model import Analysis

log = logging.getLogger("newsreader.cache")
if not logging.getLogger("newsreader").handlers:
    # A library never prints warnings itself: without --debug they would land on the terminal
    # the reader draws on. --debug (cli) adds a file handler instead.
    logging.getLogger("newsreader").addHandler(logging.NullHandler())

FILE_NAME = "analysis.sqlite"

#: Bump when the table layout changes; an older file is then emptied and rebuilt.
SCHEMA_VERSION = 1

#: Keep at most this many analyses; the least recently used go first.
MAX_ENTRIES = 20_000

#: A hit refreshes its entry's last-used time only when it is older than this (seconds).
TOUCH_AFTER_S = 6 * 3600

#: How long a writer waits for another process's transaction before giving up (ms).
BUSY_TIMEOUT_MS = 5_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    text_sha  TEXT NOT NULL,
    version   TEXT NOT NULL,
    used      REAL NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (text_sha, version)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS analyses_used ON analyses (used);
"""


def text_key(text: str) -> str:
    """The cache key of a document text (SHA-256 of its UTF-8 encoding)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_path() -> Path:
    return paths.cache_dir() / FILE_NAME


@dataclass(slots=True)
class CacheInfo:
    """What ``newsreader cache info`` reports."""

    path: str
    exists: bool
    entries: int
    size_bytes: int
    versions: dict[str, int]  # version_key -> number of analyses
    problem: str | None = None


class AnalysisCache:
    """Get and put analyses by (text hash, pipeline version). Thread safe; never raises.

    ``notices`` collects what a user should know (cache turned off, file rebuilt).
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.notices: list[str] = []
        self._conn: sqlite3.Connection | None = None
        self._disabled = False
        self._lock = threading.Lock()
        self._writes = 0

    # -- public API -------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """False once the cache has been turned off for this run (unwritable, unusable)."""
        return not self._disabled

    def get(self, text_sha: str, version: str) -> Analysis | None:
        """The cached analysis for this text and pipeline version, or None."""
        with self._lock:
            row = self._execute(
                "SELECT data, used FROM analyses WHERE text_sha = ? AND version = ?", (text_sha, version), fetch=True
            )
        if not row:
            return None
        data, used = row[0]
        try:
            analysis = Analysis.from_dict(json.loads(zlib.decompress(data)))
        except Exception:  # noqa: BLE001 - a bad entry is a miss, and is overwritten on the next put
            log.warning("unreadable cache entry %s/%s ignored", text_sha[:12], version, exc_info=True)
            return None
        if time.time() - used > TOUCH_AFTER_S:
            # Recency for pruning, refreshed rarely so that reads stay reads (no write lock).
            self._touch(text_sha, version)
        return analysis

    def put(self, text_sha: str, version: str, analysis: Analysis) -> bool:
        """Store an analysis; returns False when it could not be stored (never raises)."""
        data = zlib.compress(json.dumps(analysis.to_dict(), ensure_ascii=False).encode("utf-8", "surrogatepass"), 6)
        with self._lock:
            ok = self._execute(
                "INSERT OR REPLACE INTO analyses (text_sha, version, used, data) VALUES (?, ?, ?, ?)",
                (text_sha, version, time.time(), data),
            )
            self._writes += 1
            if ok and self._writes % 200 == 0:
                self._prune()
        return ok is not None

    def clear(self) -> int:
        """Remove every cached analysis; returns how many there were."""
        with self._lock:
            rows = self._execute("SELECT COUNT(*) FROM analyses", fetch=True)
            count = rows[0][0] if rows else 0
            self._execute("DELETE FROM analyses")
            self._execute("VACUUM")
        return count

    def info(self) -> CacheInfo:
        """Entries, size and versions held (opens the file; does not create it)."""
        exists = self.path.exists()
        if not exists:
            return CacheInfo(str(self.path), False, 0, 0, {})
        with self._lock:
            rows = self._execute("SELECT version, COUNT(*) FROM analyses GROUP BY version", fetch=True)
        size = sum(
            p.stat().st_size for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")) if p.exists()
        )
        versions = {v: n for v, n in rows or []}
        problem = "; ".join(self.notices) or None
        return CacheInfo(str(self.path), True, sum(versions.values()), size, versions, problem)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass
                self._conn = None

    # -- internals --------------------------------------------------------------------------

    def _touch(self, text_sha: str, version: str) -> None:
        # Recency for pruning; skipped quietly when another process holds the write lock.
        with self._lock:
            self._execute(
                "UPDATE analyses SET used = ? WHERE text_sha = ? AND version = ?",
                (time.time(), text_sha, version),
                quiet_busy=True,
            )

    def _prune(self) -> None:
        self._execute(
            "DELETE FROM analyses WHERE (text_sha, version) IN "
            "(SELECT text_sha, version FROM analyses ORDER BY used DESC LIMIT -1 OFFSET ?)",
            (MAX_ENTRIES,),
        )

    def _execute(self, sql: str, params: tuple = (), *, fetch: bool = False, quiet_busy: bool = False):
        """Run one statement; returns rows (fetch) or True, or None when the cache is unusable."""
        for attempt in (1, 2):
            conn = self._connection()
            if conn is None:
                return None
            try:
                cur = conn.execute(sql, params)
                return cur.fetchall() if fetch else True
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    # Another process kept the database locked past the timeout: skip this one.
                    if not quiet_busy:
                        log.info("analysis cache busy; skipped: %s", exc)
                    return None
                if _is_unwritable(exc):
                    self._disable(f"analysis cache is read-only ({exc}); analyses will not be kept")
                    return None
                if attempt == 1 and _is_corrupt(exc):
                    self._set_aside_corrupt(exc)
                    continue
                self._disable(f"analysis cache unusable ({exc}); analyses will not be kept")
                return None
            except sqlite3.DatabaseError as exc:
                if attempt == 1:
                    self._set_aside_corrupt(exc)
                    continue
                self._disable(f"analysis cache unusable ({exc}); analyses will not be kept")
                return None
        return None

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is not None:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every statement is its own transaction, except the explicit one below.
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
            )
        except (OSError, sqlite3.Error) as exc:
            self._disable(f"analysis cache unavailable ({exc}); analyses will not be kept")
            return None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchall())
            conn.execute("PRAGMA synchronous = NORMAL")
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                _create_schema(conn)
            conn.execute("SELECT 1 FROM analyses LIMIT 1").fetchall()
        except sqlite3.OperationalError as exc:
            conn.close()
            if _is_busy(exc):
                # Someone else is creating or migrating it right now; try again on the next call.
                log.info("analysis cache busy while opening: %s", exc)
                return None
            if _is_unwritable(exc):
                self._disable(f"analysis cache is read-only ({exc}); analyses will not be kept")
                return None
            if _is_corrupt(exc):
                self._set_aside_corrupt(exc)
                return self._reopen_once()
            self._disable(f"analysis cache unusable ({exc}); analyses will not be kept")
            return None
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._set_aside_corrupt(exc)
            return self._reopen_once()
        self._conn = conn
        return conn

    def _reopen_once(self) -> sqlite3.Connection | None:
        if getattr(self, "_reopening", False):
            self._disable("analysis cache could not be rebuilt; analyses will not be kept")
            return None
        self._reopening = True
        try:
            return self._connection()
        finally:
            self._reopening = False

    def _set_aside_corrupt(self, exc: Exception) -> None:
        """Move a damaged database out of the way so a fresh one can be created."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            if self.path.exists():
                os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    side.unlink()
        except OSError as move_exc:
            self._disable(f"analysis cache is damaged and could not be moved aside ({move_exc})")
            return
        log.warning("damaged analysis cache (%s) moved to %s", exc, aside)
        self.notices.append(f"analysis cache was damaged and has been rebuilt (old file: {aside.name})")

    def _disable(self, notice: str) -> None:
        if not self._disabled:
            log.warning("%s", notice)
            self.notices.append(notice)
        self._disabled = True
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None


def _create_schema(conn: sqlite3.Connection) -> None:
    """Create (or replace an outdated) table. Under a write lock and re-checked inside it, so
    two processes opening a new file at once cannot drop each other's fresh table."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.execute("DROP TABLE IF EXISTS analyses")
            for statement in filter(None, (part.strip() for part in _SCHEMA.split(";"))):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _retry_busy(action, budget_s: float = BUSY_TIMEOUT_MS / 1000):
    """Run ``action``, retrying while the database is busy (some pragmas skip the busy handler)."""
    deadline = time.monotonic() + budget_s
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _message(exc: Exception) -> str:
    return str(exc).lower()


def _is_busy(exc: Exception) -> bool:
    msg = _message(exc)
    return "locked" in msg or "busy" in msg


def _is_unwritable(exc: Exception) -> bool:
    msg = _message(exc)
    return "readonly" in msg or "read-only" in msg or "unable to open" in msg or "disk i/o" in msg or "full" in msg


def _is_corrupt(exc: Exception) -> bool:
    msg = _message(exc)
    return "not a database" in msg or "malformed" in msg or "corrupt" in msg


class CacheError(Exception):
    """The cache could not be cleared (``newsreader cache clear`` reports it)."""


def clear(path: Path | str | None = None) -> int:
    """Empty the cache (``newsreader cache clear``); returns the number of entries removed.

    Damaged copies set aside earlier are deleted too. Raises ``CacheError`` when the file
    exists but cannot be emptied.
    """
    cache = AnalysisCache(path)
    removed = 0
    for old in cache.path.parent.glob(f"{cache.path.name}.corrupt-*") if cache.path.parent.is_dir() else ():
        try:
            old.unlink()
        except OSError as exc:
            raise CacheError(f"cannot remove {old}: {exc.strerror or exc}") from exc
    if not cache.path.exists():
        return removed
    try:
        removed = cache.clear()
        if not cache.enabled:
            raise CacheError("; ".join(cache.notices) or f"cannot clear {cache.path}")
        return removed
    finally:
        cache.close()


def info(path: Path | str | None = None) -> CacheInfo:
    """Describe the cache file (``newsreader cache info``)."""
    cache = AnalysisCache(path)
    try:
        return cache.info()
    finally:
        cache.close()
