"""Read/unread marks, bookmarks, reading positions and the library's view and order, kept in
``paths.state_dir()/state.json``.

Articles are keyed by absolute path (the library list knows only paths before a file is
opened); the file's sha256 is stored with each mark once known, so an article that was moved
or renamed finds its marks again when it is opened (``is_read(path, sha256)``).

Never fatal: a missing file is an empty state; a corrupt one (bad JSON, wrong shapes, nesting
too deep, not UTF-8, over 64 MB, not a regular file) is moved aside
(``state.json.corrupt-<time>``) and the app starts empty with a notice; a directory that cannot
be written keeps the marks in memory for the session, with one notice. Writes are atomic.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader import paths
from newsreader.own_files import PARSE_ERRORS, OwnFileError, read_own_text

STATE_FILE = "state.json"
#: A state file larger than this is set aside unread (100,000 marks take about 15 MB).
MAX_STATE_BYTES = 64 * 1024 * 1024
VERSION = 1
#: Reading positions kept (the most recently read articles; older ones are forgotten).
MAX_POSITIONS = 2000


def state_path() -> Path:
    """Where the reading state lives."""
    return paths.state_dir() / STATE_FILE


def article_key(path: str | os.PathLike[str]) -> str:
    """The key of an article: its absolute, normalised path (symlinks kept as named)."""
    return os.path.normpath(os.path.abspath(os.fspath(path)))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(slots=True)
class Mark:
    """One read mark or bookmark: when it was set and, once known, the file's sha256."""

    sha256: str = ""
    at: str = ""
    title: str = ""

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("sha256", self.sha256), ("at", self.at), ("title", self.title)) if v}

    @classmethod
    def from_dict(cls, data: Any) -> Mark:
        if not isinstance(data, dict):
            return cls()
        return cls(**{k: str(data[k]) for k in ("sha256", "at", "title") if isinstance(data.get(k), str)})


@dataclass
class ReadingState:
    """Read marks and bookmarks for the library; ``notices`` says what went wrong, if anything.

    ``path=None`` uses :func:`state_path`. Every change is saved at once unless
    ``autosave=False`` (then call :meth:`save`).
    """

    path: Path | None = None
    autosave: bool = True
    read: dict[str, Mark] = field(default_factory=dict)
    bookmarks: dict[str, Mark] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    persistent: bool = True  # False once a save failed: marks live for this session only
    _extra: dict[str, Any] = field(default_factory=dict)
    #: Where each article was scrolled to (a character offset of its top line), oldest first.
    positions: dict[str, int] = field(default_factory=dict)
    last_open: str = ""  # the article open when the reader last left (reopened at start)
    #: The library list's choices by name ("view": "unread", "sort": "source"); the UI says
    #: which values are valid (``choice``), so an unknown stored one falls back to its default.
    choices: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.path is None:
            self.path = state_path()
        self.path = Path(self.path)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | None = None, autosave: bool = True) -> ReadingState:
        """Read the state file; never raises (see the module docstring)."""
        state = cls(path=path, autosave=autosave)
        assert state.path is not None
        try:
            raw = read_own_text(state.path, MAX_STATE_BYTES)
        except FileNotFoundError:
            return state
        except OwnFileError as exc:
            state.notices.append(f"Could not read {state.path} ({exc}): read marks and bookmarks start empty.")
            state._set_aside()
            return state
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            read = data.get("read", {})
            bookmarks = data.get("bookmarks", {})
            if not isinstance(read, dict) or not isinstance(bookmarks, dict):
                raise ValueError("'read' and 'bookmarks' must be objects")
            marks = {str(k): Mark.from_dict(v) for k, v in read.items()}
            bookmarked = {str(k): Mark.from_dict(v) for k, v in bookmarks.items()}
            extra = {k: v for k, v in data.items() if k not in ("version", "read", "bookmarks")}
            # What is kept must be writable again: deep nesting would fail every later save.
            json.dumps(extra)
        except PARSE_ERRORS as exc:
            if isinstance(exc, RecursionError):
                exc = ValueError("nested too deeply")
            moved = state._set_aside()
            where = (
                f"; the old file is kept as {moved.name}"
                if moved
                else "; the file is left untouched and marks are kept for this session only"
            )
            state.notices.append(f"{state.path} was damaged ({exc}): read marks and bookmarks start empty{where}.")
            return state
        state.read, state.bookmarks = marks, bookmarked
        state._extra = {k: v for k, v in extra.items() if k not in ("positions", "last_open", "library")}
        # Resuming is a convenience: a damaged value is dropped, never fatal.
        positions = data.get("positions", {})
        if isinstance(positions, dict):
            state.positions = {
                str(k): v for k, v in positions.items() if isinstance(v, int) and not isinstance(v, bool) and v >= 0
            }
        last = data.get("last_open", "")
        state.last_open = last if isinstance(last, str) else ""
        choices = data.get("library", {})
        if isinstance(choices, dict):
            state.choices = {str(k): v for k, v in choices.items() if isinstance(v, str)}
        return state

    def _set_aside(self) -> Path | None:
        """Move a bad state file out of the way so the next save doesn't destroy it."""
        assert self.path is not None
        target = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            if os.path.lexists(target):
                target = target.with_name(f"{target.name}-{os.getpid()}")
            os.replace(self.path, target)
            return target
        except OSError:
            # Can't move it (read-only directory): don't overwrite it either.
            self.persistent = False
            return None

    # ------------------------------------------------------------------ queries

    def _find(self, marks: dict[str, Mark], path: str | os.PathLike[str], sha256: str = "") -> str | None:
        key = article_key(path)
        if key in marks:
            return key
        if sha256:
            return next((k for k, m in marks.items() if m.sha256 == sha256), None)
        return None

    def is_read(self, path: str | os.PathLike[str], sha256: str = "") -> bool:
        """Whether the article at ``path`` (or with this content hash) was opened before."""
        return self._find(self.read, path, sha256) is not None

    def is_bookmarked(self, path: str | os.PathLike[str], sha256: str = "") -> bool:
        return self._find(self.bookmarks, path, sha256) is not None

    def read_paths(self) -> set[str]:
        """Keys of every article marked read (for the library list's unread dots)."""
        return set(self.read)

    def bookmarked_paths(self) -> set[str]:
        return set(self.bookmarks)

    # ------------------------------------------------------------------ changes

    def _set(self, marks: dict[str, Mark], path: str | os.PathLike[str], on: bool, sha256: str, title: str) -> bool:
        found = self._find(marks, path, sha256)
        key = article_key(path)
        changed = False
        if on:
            if found is not None and found != key:
                marks[key] = marks.pop(found)  # the file moved: follow it
                changed = True
            mark = marks.get(key)
            if mark is None:
                marks[key] = Mark(sha256=sha256, at=_now(), title=title)
                changed = True
            elif (sha256 and mark.sha256 != sha256) or (title and mark.title != title):
                mark.sha256 = sha256 or mark.sha256
                mark.title = title or mark.title
                changed = True
        elif found is not None:
            del marks[found]
            changed = True
        if changed and self.autosave:
            self.save()
        return on

    def mark_read(self, path: str | os.PathLike[str], read: bool = True, sha256: str = "") -> bool:
        """Mark an article read (or unread); returns the new state."""
        return self._set(self.read, path, read, sha256, "")

    def toggle_read(self, path: str | os.PathLike[str], sha256: str = "") -> bool:
        """``m``: flip read/unread; returns True when the article is now read."""
        return self.mark_read(path, not self.is_read(path, sha256), sha256)

    def set_bookmark(self, path: str | os.PathLike[str], on: bool = True, sha256: str = "", title: str = "") -> bool:
        return self._set(self.bookmarks, path, on, sha256, title)

    def toggle_bookmark(self, path: str | os.PathLike[str], sha256: str = "", title: str = "") -> bool:
        """``B``: flip the bookmark; returns True when the article is now bookmarked."""
        return self.set_bookmark(path, not self.is_bookmarked(path, sha256), sha256, title)

    # ------------------------------------------------------------------ reading positions

    def position(self, path: str | os.PathLike[str]) -> int:
        """Where the article was scrolled to last (a character offset; 0 = its top)."""
        return self.positions.get(article_key(path), 0)

    def set_position(self, path: str | os.PathLike[str], offset: int) -> None:
        """Keep the article's reading position (saved with the next change, or now if it moved)."""
        key = article_key(path)
        offset = max(0, int(offset))
        if self.positions.get(key) == offset:
            return
        self.positions.pop(key, None)  # re-inserted last: the dict stays oldest first
        if offset:
            self.positions[key] = offset
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]
        if self.autosave:
            self.save()

    def last_opened(self) -> str:
        """The key of the article open when the reader last left, or ""."""
        return self.last_open

    def set_last_opened(self, path: str | os.PathLike[str]) -> None:
        key = article_key(path)
        if key != self.last_open:
            self.last_open = key
            if self.autosave:
                self.save()

    # ------------------------------------------------------------------ library view and order

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        """The stored choice ``name`` (e.g. "sort") if it is one of ``allowed``, else ``default``
        (never stored, or written by another version, or edited by hand)."""
        value = self.choices.get(name)
        return value if value in allowed else default

    def set_choice(self, name: str, value: str) -> None:
        """Remember a choice for the next start (saved now if it changed)."""
        if self.choices.get(name) == value:
            return
        self.choices[name] = value
        if self.autosave:
            self.save()

    # ------------------------------------------------------------------ saving

    def to_dict(self) -> dict[str, Any]:
        return {
            **self._extra,
            "version": VERSION,
            "read": {k: m.to_dict() for k, m in sorted(self.read.items())},
            "bookmarks": {k: m.to_dict() for k, m in sorted(self.bookmarks.items())},
            "positions": dict(self.positions),
            "last_open": self.last_open,
            "library": dict(self.choices),
        }

    def save(self) -> bool:
        """Write the state atomically; on failure keep it in memory and add one notice."""
        if not self.persistent:
            return False
        assert self.path is not None
        try:
            # ASCII escapes: a file name that isn't valid UTF-8 (surrogate-escaped) still round-trips.
            paths.atomic_write_text(self.path, json.dumps(self.to_dict(), ensure_ascii=True, indent=1) + "\n")
            return True
        except (OSError, UnicodeEncodeError, ValueError, RecursionError) as exc:
            self.persistent = False
            self.notices.append(
                f"Could not save read marks and bookmarks to {self.path} ({_reason(exc)}): they are kept for this session only."
            )
            return False

    def take_notices(self) -> list[str]:
        """The notices not shown yet (each is returned once)."""
        out, self.notices = self.notices, []
        return out


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
