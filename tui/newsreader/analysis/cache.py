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
(The SQLite side of this is shared with the library row cache: ``newsreader.sqlite_store``.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from newsreader import paths
from newsreader.model.analysis import Analysis
from newsreader.sqlite_store import SQLiteStore, create_tables, remove_files, transaction

log = logging.getLogger("newsreader.cache")


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
    return paths.analysis_cache_file()


class CacheInfo(NamedTuple):
    """What ``newsreader cache info`` reports."""

    path: str
    exists: bool
    entries: int
    size_bytes: int
    versions: dict[str, int]  # version_key -> number of analyses
    problem: str | None = None


class AnalysisCache(SQLiteStore):
    """Get and put analyses by (text hash, pipeline version). Thread safe; never raises.

    ``notices`` collects what a user should know (cache turned off, file rebuilt).
    """

    busy_timeout_ms = BUSY_TIMEOUT_MS

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(Path(path) if path is not None else default_path())
        self.notices: list[str] = []
        self._writes = 0

    # -- public API -------------------------------------------------------------------------

    def get(self, text_sha: str, version: str) -> Analysis | None:
        """The cached analysis for this text and pipeline version, or None."""
        with self._lock:
            row = self._fetch("SELECT data, used FROM analyses WHERE text_sha = ? AND version = ?", (text_sha, version))
        if not row:
            return None
        data, used = row[0]
        try:
            analysis = Analysis.from_dict(json.loads(zlib.decompress(data)))
        except Exception:  # a bad entry is a miss, and is overwritten on the next put
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
        return ok

    def clear(self) -> int | None:
        """Remove every cached analysis; returns how many there were, or None when nothing was
        removed (another process held the lock past the timeout, or the cache is unusable)."""

        def wipe(conn: sqlite3.Connection) -> int:
            # Counted and deleted in one write transaction: the count is what was removed.
            with transaction(conn):
                count = conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
                conn.execute("DELETE FROM analyses")
            return int(count)

        with self._lock:
            count = self._run(wipe)
            if count is not None:
                self._execute("VACUUM", quiet_busy=True)  # only shrinks the file: may be skipped
        return count

    def info(self) -> CacheInfo:
        """Entries, size and versions held (opens the file; does not create it)."""
        exists = self.path.exists()
        if not exists:
            return CacheInfo(str(self.path), False, 0, 0, {})
        with self._lock:
            rows = self._fetch("SELECT version, COUNT(*) FROM analyses GROUP BY version")
        size = sum(
            p.stat().st_size for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")) if p.exists()
        )
        versions = dict(rows or [])
        problem = "; ".join(self.notices) or None
        return CacheInfo(str(self.path), True, sum(versions.values()), size, versions, problem)

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

    def _execute(self, sql: str, params: tuple[object, ...] = (), *, quiet_busy: bool = False) -> bool:
        """Run one statement; False when it was skipped (the cache is busy or unusable)."""

        def run(conn: sqlite3.Connection) -> bool:
            conn.execute(sql, params)
            return True

        return self._run(run, quiet_busy=quiet_busy) is not None

    def _fetch(self, sql: str, params: tuple[object, ...] = ()) -> list[Any] | None:
        """The rows of one query, or None when the cache is busy or unusable."""
        return self._run(lambda conn: conn.execute(sql, params).fetchall())

    def _prepare(self, conn: sqlite3.Connection) -> None:
        create_tables(conn, _SCHEMA, SCHEMA_VERSION, drop=("analyses",))
        conn.execute("SELECT 1 FROM analyses LIMIT 1").fetchall()

    def _damaged(self, exc: Exception) -> bool:
        """Move a damaged database out of the way so a fresh one can be created."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            if self.path.exists():
                os.replace(self.path, aside)
            remove_files(self.path, with_database=False)
        except OSError as move_exc:
            self._turn_off("not moved", move_exc)
            return False
        log.warning("damaged analysis cache (%s) moved to %s", exc, aside)
        self.notices.append(f"analysis cache was damaged and has been rebuilt (old file: {aside.name})")
        return True

    def _report_off(self, why: str, exc: Exception | None) -> None:
        notice = {
            "unavailable": f"analysis cache unavailable ({exc}); analyses will not be kept",
            "read-only": f"analysis cache is read-only ({exc}); analyses will not be kept",
            "not rebuilt": "analysis cache could not be rebuilt; analyses will not be kept",
            "not moved": f"analysis cache is damaged and could not be moved aside ({exc})",
        }.get(why, f"analysis cache unusable ({exc}); analyses will not be kept")
        log.warning("%s", notice)
        self.notices.append(notice)


class CacheError(Exception):
    """The cache could not be cleared (``newsreader cache clear`` reports it)."""


def clear(path: Path | str | None = None) -> int:
    """Empty the cache (``newsreader cache clear``); returns the number of entries removed.

    Damaged copies set aside earlier are deleted too. Raises ``CacheError`` when the file
    exists but cannot be emptied, also when another process holds its lock (nothing removed).
    """
    cache = AnalysisCache(path)
    for old in cache.path.parent.glob(f"{cache.path.name}.corrupt-*") if cache.path.parent.is_dir() else ():
        try:
            old.unlink()
        except OSError as exc:
            raise CacheError(f"cannot remove {old}: {exc.strerror or exc}") from exc
    if not cache.path.exists():
        return 0
    try:
        removed = cache.clear()
        if not cache.enabled:
            raise CacheError("; ".join(cache.notices) or f"cannot clear {cache.path}")
        if removed is None:
            raise CacheError(
                f"{cache.path} is in use by another newsreader process (locked): nothing was removed; "
                "try again when it has finished"
            )
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
