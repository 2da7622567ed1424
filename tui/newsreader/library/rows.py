"""What every format returns when a file cannot be read, a library row from a file's head,
and the library's order: shared by the format readers so each says these things one way.

- ``failed_document``: an empty ``Document`` with the reason (ERROR, or WARNING for an empty
  file), titled from the file name;
- ``error_row``/``unreadable_row``/``head_row``: ``LibraryEntry`` rows for the same cases and
  for a file whose head was read (a too-large file gets a warning saying what is shown);
- ``sort_entries``: newest first, then title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata

from . import reading
from .markdown import title_from_path


def failed_document(
    path: str, problem: str, status: DocStatus = DocStatus.ERROR, encoding: str | None = None, sha256: str = ""
) -> Document:
    """The document for a file that has nothing to show: its ``problem`` and a title from its name."""
    return Document(
        path=path,
        text="",
        blocks=[],
        meta=Metadata(title=title_from_path(path)),
        status=status,
        problems=[problem],
        encoding=encoding,
        sha256=sha256,
    )


def error_row(path: str, reason: str, status: DocStatus = DocStatus.ERROR, size: int = 0) -> LibraryEntry:
    """The library row for a file that cannot be listed with a title of its own."""
    return LibraryEntry(path, title_from_path(path), status=status, reason=reason, size=size)


def head_row(path: str, title: str | None, meta: Metadata, problems: list[str], size: int) -> LibraryEntry:
    """A library row from a file head: the first problem (if any) is its reason and makes it a warning."""
    if size > reading.MAX_BYTES:
        problems = [*problems, f"large file: showing the first {reading.megabytes(reading.MAX_BYTES)}"]
    return LibraryEntry(
        path=path,
        title=title or title_from_path(path),
        source=meta.source,
        date=meta.date,
        status=DocStatus.WARNING if problems else DocStatus.OK,
        reason=problems[0] if problems else None,
        size=size,
    )


def unreadable_row(path: str, error: Exception) -> LibraryEntry:
    """The row for a file whose head could not be read at all."""
    return error_row(path, f"could not be read: {type(error).__name__}")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
T = TypeVar("T")


def _entry_date(entry: object) -> str | None:
    value = getattr(entry, "date", None)
    meta = getattr(entry, "meta", None)
    if value is None and isinstance(meta, Metadata):
        value = meta.date
    return value if isinstance(value, str) and _ISO_DATE.match(value) else None


def sort_entries(entries: Iterable[T]) -> list[T]:
    """Newest first by ISO date, then by title (case-insensitive), then path; entries
    without a YYYY-MM-DD date come last. Works on ``LibraryEntry`` and ``Document``."""
    by_title = sorted(entries, key=lambda e: (str(getattr(e, "title", "")).casefold(), str(getattr(e, "path", ""))))
    dated = [e for e in by_title if _entry_date(e)]
    undated = [e for e in by_title if not _entry_date(e)]
    dated.sort(key=lambda e: _entry_date(e) or "", reverse=True)  # stable: titles stay in order
    return dated + undated
