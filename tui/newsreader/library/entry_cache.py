"""Library rows remembered between runs, so a big library lists at once on the second start.

``read_library(files)`` gives the same rows as ``read_entries`` on each file, in order, but
answers from ``paths.cache_dir()/library.sqlite`` for every file whose size, modification
time, change time and inode are unchanged since it was last read. One query per folder
fetches the folder's rows; new rows are written in batches, in one transaction each.

The cache is an optimisation and never the reason a row is wrong or missing:

- Any change to a file (content, permissions, a symlink now pointing elsewhere) changes its
  stat signature, so the row is read again. Files changed in the last ``RACY_S`` seconds are
  not stored: a second change within the file system's timestamp resolution could otherwise
  keep the same signature (git's "racy clean" problem).
- Rows are tagged with a hash of the library code that builds them; after an upgrade that
  changes titles or dates, the old rows are dropped.
- Error rows (missing, unreadable) are not stored; they are cheap to find again.
- A corrupt, locked, unwritable or missing cache is bypassed (rows are read from the files),
  never an error. Files or folders whose names are not valid UTF-8 are never stored (SQLite
  text must be UTF-8): they are read each time, and the rest of the library still is cached. Several processes may share it (WAL journal, short busy timeout).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsreader.model.document import DocStatus, LibraryEntry
from newsreader.sqlite_store import SQLiteStore, create_tables, remove_files, transaction

log = logging.getLogger("newsreader.library")

FILE_NAME = "library.sqlite"
#: Files modified this recently (seconds) are read but not stored (see the module docstring).
RACY_S = 3.0
#: New rows are written after this many, in one transaction.
WRITE_BATCH = 500
#: Keep at most this many files' rows; the oldest stored go first.
MAX_FILES = 200_000
BUSY_TIMEOUT_MS = 250  # the list must never wait on another process for long

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    dir     TEXT NOT NULL,
    name    TEXT NOT NULL,
    sig     TEXT NOT NULL,
    stored  REAL NOT NULL,
    rows    TEXT NOT NULL,
    PRIMARY KEY (dir, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# Every module a row's content comes from: the format registry, its readers and what they share.
_CODE_FILES = (
    "../model/document.py",
    "loading.py",
    "markdown.py",
    "sanitize.py",
    "feeds.py",
    "webpage.py",
    "htmlblocks.py",
    "entry_cache.py",
    "formats.py",
    "textfile.py",
    "reading.py",
    "decoding.py",
    "sniffing.py",
    "rows.py",
    "../addresses.py",
    "../file_kinds.py",
)


def default_path() -> Path:
    from newsreader import paths

    return paths.cache_dir() / FILE_NAME


def code_version() -> str:
    """Hash of the code that builds library rows: rows stored by other code are not used."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        try:
            digest.update(name.encode() + (here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


def _signature(info: os.stat_result) -> str:
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def _encode(name: str, rows: list[LibraryEntry]) -> str | None:
    """Rows as JSON with paths relative to ``name`` ("" or "#3"); None if they can't be."""
    out = []
    for row in rows:
        if not row.path.startswith(name):
            return None
        out.append([row.path[len(name) :], row.title, row.source, row.date, row.status.value, row.reason, row.size])
    return json.dumps(out, ensure_ascii=False)


_STATUS = {status.value: status for status in DocStatus}


def _decode(name: str, data: str) -> list[LibraryEntry] | None:
    try:
        return [
            LibraryEntry(name + suffix, title, source, date, _STATUS[status], reason, size)
            for suffix, title, source, date, status, reason, size in json.loads(data)
        ]
    except (ValueError, TypeError, KeyError):
        return None


class EntryCache(SQLiteStore):
    """Stored library rows by folder and file name. Thread safe; never raises."""

    busy_timeout_ms = BUSY_TIMEOUT_MS
    # Being created or upgraded by another process: read the files this time rather than wait
    # again on every folder.
    off_when_busy_opening = True

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(Path(path) if path is not None else default_path())
        self._version = code_version()
        self._started_over = False

    def folder(self, folder: str) -> dict[str, tuple[str, str]]:
        """``name -> (signature, rows JSON)`` for every stored file of ``folder``."""
        with self._lock:
            rows = self._run(
                lambda c: c.execute("SELECT name, sig, rows FROM files WHERE dir = ?", (folder,)).fetchall()
            )
        return {name: (sig, data) for name, sig, data in rows or ()}

    def put_many(self, items: Iterable[tuple[str, str, str, str]]) -> bool:
        """Store ``(folder, name, signature, rows JSON)`` items in one transaction."""
        items = list(items)
        if not items:
            return True
        now = time.time()

        def write(conn: sqlite3.Connection) -> bool:
            with transaction(conn):
                conn.executemany(
                    "INSERT OR REPLACE INTO files (dir, name, sig, stored, rows) VALUES (?, ?, ?, ?, ?)",
                    [(d, n, s, now, r) for d, n, s, r in items],
                )
            count = conn.execute("SELECT COUNT(*) FROM files").fetchone()[0]
            if count > MAX_FILES:
                conn.execute(
                    "DELETE FROM files WHERE (dir, name) IN (SELECT dir, name FROM files ORDER BY stored LIMIT ?)",
                    (count - MAX_FILES,),
                )
            return True

        with self._lock:
            return bool(self._run(write))

    def clear(self) -> None:
        with self._lock:
            self._run(lambda c: c.execute("DELETE FROM files"))

    # -- internals ------------------------------------------------------------------------

    def _prepare(self, conn: sqlite3.Connection) -> None:
        create_tables(conn, _SCHEMA, _SCHEMA_VERSION, drop=("files", "info"))
        stored = conn.execute("SELECT value FROM info WHERE key = 'code'").fetchone()
        if stored is None or stored[0] != self._version:
            with transaction(conn):  # rows built by other code: start again
                conn.execute("DELETE FROM files")
                conn.execute("INSERT OR REPLACE INTO info (key, value) VALUES ('code', ?)", (self._version,))

    def _damaged(self, exc: Exception) -> bool:
        """Delete a damaged file once (it only holds what the files say); then give up."""
        if self._started_over:
            return False
        self._started_over = True
        log.warning("library cache %s is damaged (%s); starting a new one", self.path, exc)
        with contextlib.suppress(OSError):  # opening it again finds it still damaged, and the cache is turned off then
            remove_files(self.path)
        return True

    def _report_off(self, why: str, exc: Exception | None) -> None:
        log.warning("library cache %s not used (%s): %s", self.path, why, exc)


def stored_files(path: Path | str | None = None) -> int:
    """How many files' rows the cache holds (0 when there is no cache file)."""
    target = Path(path) if path is not None else default_path()
    if not target.exists():
        return 0
    cache = EntryCache(target)
    try:
        with cache._lock:
            rows = cache._run(lambda c: c.execute("SELECT COUNT(*) FROM files").fetchone())
        return int(rows[0]) if rows else 0
    finally:
        cache.close()


def clear(path: Path | str | None = None) -> int:
    """Delete the cache file (``newsreader cache clear``); returns how many files' rows it held.
    Raises OSError when the file exists but cannot be removed."""
    target = Path(path) if path is not None else default_path()
    count = stored_files(target)
    remove_files(target)
    return count


def read_library(
    files: Iterable[str | os.PathLike[str]],
    use_cache: bool = True,
    expand_feeds: bool = True,
    cache: EntryCache | None = None,
) -> Iterator[list[LibraryEntry]]:
    """For each of ``files`` (as ``discover`` returns them), in order, its library rows; never raises.

    Each file gives ``read_entries(file)`` (a feed: one row per entry) or, with
    ``expand_feeds=False``, ``[read_entry(file)]``. Unchanged files are answered from the
    cache (``use_cache``; ``cache`` overrides the default file). One list per file, yielded as
    soon as it is ready, so a caller can fill a list progressively and count files done;
    stopping early is fine (what was read so far is still stored)::

        for done, rows in enumerate(read_library(files), 1):
            entries.extend(rows)
    """
    from .loading import read_entries, read_entry

    read = read_entries if expand_feeds else (lambda name: [read_entry(name)])
    store = (cache if cache is not None else EntryCache()) if use_cache else None
    tag = "feeds" if expand_feeds else "files"  # the two modes give different rows for a feed
    folders: dict[str, dict[str, tuple[str, str]]] = {}
    absolute: dict[str, str] = {}  # folder as given -> absolute (files come folder by folder)
    pending: list[tuple[str, str, str, str]] = []
    try:
        for given in files:
            name = os.fspath(given)
            if store is None or not store.enabled:
                yield _safe_read(read, name)
                continue
            try:
                info = os.stat(name)
            except (OSError, ValueError):
                yield _safe_read(read, name)  # a feed entry address, or gone: read says why
                continue
            given_folder, base = os.path.split(name)
            if not (_storable(given_folder) and _storable(base)):
                # A name that is not valid UTF-8 (surrogate-escaped by os.fsdecode) cannot be a
                # SQLite key: read that file directly, every time.
                yield _safe_read(read, name)
                continue
            folder = absolute.get(given_folder)
            if folder is None:
                try:
                    folder = os.path.abspath(given_folder)
                except OSError:  # the working directory was deleted
                    yield _safe_read(read, name)
                    continue
                absolute[given_folder] = folder
                if len(absolute) > 64:
                    absolute.pop(next(iter(absolute)))
            known = folders.get(folder)
            if known is None:
                known = folders[folder] = store.folder(folder)
                if len(folders) > 64:  # a deep tree: forget folders already done
                    folders.pop(next(iter(folders)))
            signature = f"{tag}:{_signature(info)}"
            hit = known.get(base)
            if hit is not None and hit[0] == signature:
                rows = _decode(name, hit[1])
                if rows is not None:
                    yield rows
                    continue
            rows = _safe_read(read, name)
            # mtime only: a recent ctime alone (chmod, link) cannot change what the file says
            if time.time() - info.st_mtime > RACY_S and all(r.status is not DocStatus.ERROR for r in rows):
                data = _encode(name, rows)
                if data is not None and _storable(data):
                    pending.append((folder, base, signature, data))
                    if len(pending) >= WRITE_BATCH:
                        store.put_many(pending)
                        pending = []
            yield rows
    finally:
        if store is not None:
            store.put_many(pending)
            if cache is None:
                store.close()


def newest_known(files: Iterable[str | os.PathLike[str]], path: Path | str | None = None) -> str | None:
    """The newest dated row stored for any of ``files`` (a path, as ``read_library`` would give
    it), or None: what the sorted library will most likely show first, known before any file is
    read. A guess from stored rows (a file changed since may say otherwise); never raises, and
    never creates the cache (a first start has none)."""
    target = Path(path) if path is not None else default_path()
    if not target.exists():
        return None
    by_folder: dict[str, dict[str, str]] = {}  # absolute folder -> stored name -> name as given
    try:
        for given in files:
            name = os.fspath(given)
            folder, base = os.path.split(name)
            if _storable(folder) and _storable(base):
                by_folder.setdefault(os.path.abspath(folder), {})[base] = name
    except (OSError, ValueError):
        return None
    store = EntryCache(target)
    best: tuple[str, str] | None = None  # (date, path as given)
    try:
        for folder, names in by_folder.items():
            with store._lock:
                rows = store._run(functools.partial(_newest_rows, folder=folder))
            for name, suffix, day in rows or ():
                if name in names and isinstance(day, str) and (best is None or day > best[0]):
                    best = (day, names[name] + (suffix or ""))
                    break
    except Exception:  # a guess only: never the reason the library fails
        log.debug("newest_known failed", exc_info=True)
        return None
    finally:
        store.close()
    return best[1] if best else None


def _newest_rows(conn: sqlite3.Connection, folder: str) -> list[tuple[str, str | None, str]]:
    """(name, first suffix, date) of the folder's 64 newest dated files, newest first."""
    return conn.execute(
        "SELECT name, json_extract(rows, '$[0][0]'), json_extract(rows, '$[0][3]') AS day FROM files "
        "WHERE dir = ? AND day IS NOT NULL ORDER BY day DESC LIMIT 64",
        (folder,),
    ).fetchall()


def _storable(text: str) -> bool:
    """Whether ``text`` can go to SQLite (valid UTF-8: no lone surrogates)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _safe_read(read: Callable[[str], Iterable[LibraryEntry]], name: str) -> list[LibraryEntry]:
    try:
        return list(read(name))
    except Exception as error:  # noqa: BLE001 - read_entries never raises; be safe anyway
        from .markdown import title_from_path

        return [
            LibraryEntry(
                name, title_from_path(name), status=DocStatus.ERROR, reason=f"could not be read: {type(error).__name__}"
            )
        ]
