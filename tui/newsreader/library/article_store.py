"""Where fetched articles and the fetch state live (``paths.data_dir()``).

Layout::

    <data dir>/feeds/<host>-<hash of the feed URL>/<key>.md   one article of a subscribed feed
    <data dir>/pages/<host>-<key>.md                         a page opened by URL
    <data dir>/fetch.sqlite                                  validators, last results, seen keys

Each article is one Markdown file with the metadata lines ``loading``/``markdown`` already read
(``# Title``, then ``source:``, ``date:``, ``url:``, ``author:``, ``feed:`` lines), so the
library, ``extract``, the analysis cache, search, marks and export treat it like any file.

- **Once.** An article's key is a hash of the feed's URL and the entry's own id (RSS guid, Atom
  id), else its link, else its content; the file is named after the key, so an entry seen again
  is never written twice. Keys are also remembered in SQLite, so an article removed by expiry is
  not fetched back while the feed still lists it.
- **Atomic.** Files are written to a temporary name and renamed: a crash leaves either the whole
  article or none.
- **Expiry.** ``expire`` removes a feed's articles fetched more than ``max_age_days`` ago and
  all but the newest ``max_count``; bookmarked articles are never removed.
- **The state** (ETag, Last-Modified, last result, last error per feed) is a cache in the
  sense of ``sqlite_store``: if the file is damaged it is started again, and losing it costs one
  full fetch, never an article.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsreader import paths
from newsreader.model.document import BlockKind, Document
from newsreader.sqlite_store import SQLiteStore, create_tables, remove_files, transaction

from .sanitize import sanitize_line

log = logging.getLogger("newsreader.feeds")

FEEDS_DIR = paths.FEEDS_DIR
PAGES_DIR = paths.PAGES_DIR
STATE_FILE = "fetch.sqlite"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE feeds (url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT,
                    last_attempt REAL, last_success REAL, last_error TEXT, last_new INTEGER);
CREATE TABLE seen (key TEXT PRIMARY KEY, feed TEXT NOT NULL, first_seen REAL NOT NULL);
CREATE INDEX seen_feed ON seen (feed)
"""
_SLUG = re.compile(r"[^a-z0-9.-]+")


def store_dir() -> Path:
    return paths.data_dir()


def _slug(text: str, limit: int = 40) -> str:
    return _SLUG.sub("-", text.lower()).strip("-.")[:limit] or "feed"


def feed_folder_name(feed_url: str) -> str:
    """The folder of a feed's articles: its host and a hash of its whole URL."""
    host = urlsplit(feed_url).hostname or "feed"
    return f"{_slug(host)}-{hashlib.sha256(feed_url.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def article_key(feed_url: str, entry_id: str | None, link: str | None, content_key: str) -> str:
    """The key an article is stored once under: feed + entry id, else feed + link, else content."""
    identity = f"id:{entry_id}" if entry_id else f"url:{link}" if link else f"content:{content_key}"
    return hashlib.sha256(f"{feed_url}\0{identity}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


# --------------------------------------------------------------------------- Markdown

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)(?:([#>+=-])|(\d{1,9})([.)]))")


def md_text(text: str) -> str:
    """``text`` written so Markdown shows it literally (no emphasis, links, HTML or headings)."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    return "\n".join(_LINE_START_SPECIAL.sub(_escape_line_start, line) for line in escaped.split("\n"))


def _escape_line_start(match: re.Match[str]) -> str:
    """ "# x" -> "\\# x"; "1. x" -> "1\\. x" (a digit cannot be escaped, the dot can)."""
    lead, mark, number, dot = match.groups()
    return f"{lead}\\{mark}" if mark else f"{lead}{number}\\{dot}"


def document_markdown(document: Document) -> str:
    """The body of ``document`` (its blocks after the title) as Markdown."""
    parts: list[str] = []
    for block in document.blocks:
        text = document.text[block.start : block.end]
        kind = block.kind
        if kind in (BlockKind.TITLE, BlockKind.META):
            continue
        if kind == BlockKind.RULE:
            parts.append("* * *")
        elif kind == BlockKind.CODE:
            fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
            parts.append(f"{fence}\n{text}\n{fence}")
        elif not text.strip():
            continue
        elif kind == BlockKind.HEADING:
            parts.append("#" * min(max(block.depth, 2), 6) + " " + md_text(text.replace("\n", " ")))
        elif kind == BlockKind.LIST_ITEM:
            marker = block.marker.strip()
            bullet = marker if re.fullmatch(r"\d{1,9}[.)]", marker) else "-"
            indent = "    " * max(block.depth - 1, 0)
            parts.append(indent + bullet + " " + md_text(text).replace("\n", "\\\n" + indent + "  "))
        elif kind == BlockKind.QUOTE:
            parts.append("> " + md_text(text).replace("\n", "\\\n> "))
        else:
            parts.append(md_text(text).replace("\n", "\\\n"))
    return "\n\n".join(parts)


@dataclass
class StoredArticle:
    """What goes into an article file."""

    title: str
    body_markdown: str
    source: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    feed: str | None = None

    def markdown(self) -> str:
        title = sanitize_line(self.title) or "Untitled"
        lines = [f"# {md_text(title)}"]
        for key in ("source", "date", "url", "author", "feed"):
            value = sanitize_line(getattr(self, key) or "")
            if value:
                lines.append(f"{key}: {value}")
        return "\n".join(lines) + "\n\n" + self.body_markdown.strip() + "\n"


# --------------------------------------------------------------------------- the state


class FetchState(SQLiteStore):
    """Per-feed validators and results, and the keys already stored. Thread safe; never raises."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path if path is not None else store_dir() / STATE_FILE)
        self._started_over = False

    def validators(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            row = self._run(
                lambda c: c.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
            )
        return (row[0], row[1]) if row else (None, None)

    def feed_info(self, url: str) -> dict | None:
        """``title, last_attempt, last_success, last_error, last_new`` of a feed, if it was fetched."""
        with self._lock:
            row = self._run(
                lambda c: c.execute(
                    "SELECT title, last_attempt, last_success, last_error, last_new FROM feeds WHERE url = ?", (url,)
                ).fetchone()
            )
        if not row:
            return None
        return dict(zip(("title", "last_attempt", "last_success", "last_error", "last_new"), row, strict=True))

    def record_success(
        self, url: str, title: str, etag: str | None, last_modified: str | None, new: int, keys: Iterable[str] = ()
    ) -> None:
        """After every article of a fetch is written: the validators (so a 304 never hides an
        article that was not stored) and the keys seen."""
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                conn.execute(
                    "INSERT INTO feeds (url, title, etag, last_modified, last_attempt, last_success, last_error,"
                    " last_new) VALUES (?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT(url) DO UPDATE SET"
                    " title = excluded.title, etag = excluded.etag, last_modified = excluded.last_modified,"
                    " last_attempt = excluded.last_attempt, last_success = excluded.last_success,"
                    " last_error = NULL, last_new = excluded.last_new",
                    (url, title, etag, last_modified, now, now, new),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO seen (key, feed, first_seen) VALUES (?, ?, ?)",
                    [(key, url, now) for key in keys],
                )

        with self._lock:
            self._run(write)

    def record_unchanged(self, url: str) -> None:
        now = time.time()
        with self._lock:
            self._run(
                lambda c: c.execute(
                    "UPDATE feeds SET last_attempt = ?, last_success = ?, last_error = NULL, last_new = 0"
                    " WHERE url = ?",
                    (now, now, url),
                )
            )

    def record_failure(self, url: str, error: str) -> None:
        now = time.time()
        with self._lock:
            self._run(
                lambda c: c.execute(
                    "INSERT INTO feeds (url, last_attempt, last_error) VALUES (?, ?, ?) ON CONFLICT(url) DO UPDATE"
                    " SET last_attempt = excluded.last_attempt, last_error = excluded.last_error",
                    (url, now, error),
                )
            )

    def seen_keys(self, url: str) -> set[str]:
        with self._lock:
            rows = self._run(lambda c: c.execute("SELECT key FROM seen WHERE feed = ?", (url,)).fetchall())
        return {row[0] for row in rows or ()}

    def _prepare(self, conn: sqlite3.Connection) -> None:
        create_tables(conn, _SCHEMA, _SCHEMA_VERSION, drop=("feeds", "seen"))

    def _damaged(self, exc: Exception) -> bool:
        if self._started_over:
            return False
        self._started_over = True
        log.warning("fetch state %s is damaged (%s); starting a new one", self.path, exc)
        with contextlib.suppress(OSError):
            remove_files(self.path)
        return True

    def _report_off(self, why: str, exc: Exception | None) -> None:
        log.warning("fetch state %s not used (%s): %s", self.path, why, exc)


# --------------------------------------------------------------------------- the articles


class ArticleStore:
    """The article files under ``root`` (default ``paths.data_dir()``) and the fetch state."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else store_dir()
        self.state = FetchState(self.root / STATE_FILE)

    def close(self) -> None:
        self.state.close()

    @property
    def feeds_root(self) -> Path:
        return self.root / FEEDS_DIR

    @property
    def pages_root(self) -> Path:
        return self.root / PAGES_DIR

    def feed_dir(self, feed_url: str) -> Path:
        return self.feeds_root / feed_folder_name(feed_url)

    def article_path(self, feed_url: str, key: str) -> Path:
        return self.feed_dir(feed_url) / f"{key}.md"

    def page_path(self, url: str) -> Path:
        host = urlsplit(url).hostname or "page"
        return (
            self.pages_root
            / f"{_slug(host)}-{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.md"
        )

    def write(self, path: Path, article: StoredArticle) -> Path:
        """Write an article file atomically (OSError when the disk refuses)."""
        paths.atomic_write_text(path, article.markdown())
        return path

    def feed_articles(self, feed_url: str) -> list[Path]:
        folder = self.feed_dir(feed_url)
        try:
            return sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
        except OSError:
            return []

    def remove_leftovers(self, feed_url: str) -> int:
        """Delete temporary files a crash left in the feed's folder; returns how many."""
        removed = 0
        try:
            entries = list(self.feed_dir(feed_url).iterdir())
        except OSError:
            return 0
        for path in entries:
            if path.name.startswith(".") and ".md." in path.name:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed

    def expire(
        self,
        feed_url: str,
        max_age_days: float = 0,
        max_count: int = 0,
        keep: Callable[[Path], bool] = lambda path: False,
        now: float | None = None,
    ) -> list[Path]:
        """Remove the feed's articles fetched more than ``max_age_days`` ago and all but the
        newest ``max_count`` (0: no limit), except those ``keep`` says to keep (bookmarked).
        Returns the removed files."""
        if not max_age_days and not max_count:
            return []
        now = time.time() if now is None else now
        dated: list[tuple[float, Path]] = []
        for path in self.feed_articles(feed_url):
            try:
                dated.append((path.stat().st_mtime, path))
            except OSError:
                continue
        dated.sort(key=lambda item: (-item[0], item[1].name))
        removed: list[Path] = []
        for rank, (mtime, path) in enumerate(dated):
            too_old = bool(max_age_days) and now - mtime > max_age_days * 86400
            too_many = bool(max_count) and rank >= max_count
            if (too_old or too_many) and not keep(path):
                try:
                    path.unlink()
                    removed.append(path)
                except OSError as exc:
                    log.warning("could not expire %s: %s", path, exc)
        return removed


def path_bookmarks() -> Callable[[Path], bool]:
    """A test for "is this file bookmarked", reading the reading state once."""
    try:
        from newsreader.state import ReadingState

        state = ReadingState.load(autosave=False)
        marked = state.bookmarked_paths()
    except Exception:  # unreadable state: keep everything this time
        log.warning("reading state unreadable; nothing expires this time", exc_info=True)
        return lambda path: True
    from newsreader.state import article_key as state_key

    return lambda path: state_key(path) in marked
