"""Files -> ``Document`` / ``LibraryEntry``, never raising: dispatch through the format registry.

This module knows no format: ``formats.FORMATS`` says which format a file is (by extension,
else by its first bytes) and which functions read it. What is the same for every format
lives here:

- Files larger than ``MAX_BYTES`` (8 MB) are read partially, with a WARNING saying so; the
  document's ``sha256`` is then of the bytes read (the text shown and analysed).
- ``read_entry`` gives the library row from the file's head; ``read_entries`` one row per
  entry for a file of many articles (a feed: paths ``"F#i"``); ``load_document("F#i")``
  opens one entry.
- Missing, unreadable, directory, special and looping paths are ERROR with the reason
  (``reading.read_bytes``); bytes are decoded by ``decoding.decode_bytes``. Anything a
  format's reader raises becomes an ERROR "could not be read: ...".
"""

from __future__ import annotations

import os

from newsreader.model.document import DocStatus, Document, LibraryEntry

from . import reading
from .formats import FORMATS, Format
from .rows import _entry_date as _entry_date  # the UI's sort key (ui/app.py)
from .rows import failed_document, sort_entries, unreadable_row
from .sanitize import sanitize_line
from .sniffing import SNIFF_BYTES

__all__ = ["load_document", "parse_bytes", "read_entries", "read_entry", "sort_entries"]


def _head(name: str) -> bytes | None:
    """The first bytes of a file whose extension does not tell its format, else None."""
    if not FORMATS.needs_head(name):
        return None
    raw = reading.read_bytes(name, SNIFF_BYTES)
    return raw.data if not raw.error else None


def _format_of(name: str) -> Format:
    return FORMATS.format_for(name, _head(name))


def _entry(name: str) -> tuple[Format, str, int] | None:
    """(format, file, index) when ``name`` is an entry address ("F#i") and no file."""
    if not FORMATS.is_entry_address(name):
        return None
    parts = FORMATS.split_entry_path(name)
    assert parts is not None
    return FORMATS.container_for(parts[0], _head(parts[0])), parts[0], parts[1]


def _could_not_read(path: str, error: Exception) -> Document:
    return failed_document(path, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse one file into a ``Document``. Never raises: problems are reported in
    ``status``/``problems`` (ERROR: nothing readable; WARNING: shown, but repaired)."""
    name = os.fspath(path)
    try:
        entry = _entry(name)
        if entry is not None:
            fmt, file, index = entry
            assert fmt.load_entry is not None  # container_for returns a format of many articles
            return fmt.load_entry(file, index, name)
        fmt_by_suffix = FORMATS.by_suffix(name)
        if fmt_by_suffix is not None and fmt_by_suffix.load is not None:
            return fmt_by_suffix.load(name)
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one file
        return _could_not_read(name, error)
    raw = reading.read_bytes(name, reading.MAX_BYTES)
    if raw.error:
        return failed_document(name, raw.error)
    document = parse_bytes(raw.data, name, truncated=raw.truncated)
    if raw.truncated:
        document.problems.append(
            f"showing the first {reading.megabytes(reading.MAX_BYTES)} of {reading.megabytes(raw.size)}"
        )
        document.status = DocStatus.WARNING if document.status is DocStatus.OK else document.status
    return document


def parse_bytes(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """A file's bytes -> ``Document``. Never raises.

    ``path`` names the file (its extension picks the format; a file whose extension no format
    claims is recognised from ``data``); ``truncated`` says ``data`` is only the file's start.
    """
    try:
        return FORMATS.format_for(path, data).parse(data, path, truncated)
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one file
        return _could_not_read(path, error)


def read_entry(path: str | os.PathLike[str]) -> LibraryEntry:
    """The library-list row for a file, from its head only. Never raises.

    A file of many articles (a feed) gives one row for the whole file; an entry address
    ``"F#i"`` gives that entry's row.
    """
    name = os.fspath(path)
    try:
        entry = _entry(name)
        if entry is not None:
            fmt, file, index = entry
            assert fmt.entry_row is not None  # container_for returns a format of many articles
            return fmt.entry_row(file, index, name)
        return _format_of(name).read_entry(name)
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return unreadable_row(name, error)


def read_entries(path: str | os.PathLike[str]) -> list[LibraryEntry]:
    """The library rows for one discovered file: one per entry for a file of many articles
    (paths ``"F#i"``, newest first), else ``[read_entry(path)]``. Never raises."""
    name = os.fspath(path)
    try:
        if not FORMATS.is_entry_address(name):
            fmt = _format_of(name)
            if fmt.read_entries is not None:
                return fmt.read_entries(name)
        return [read_entry(name)]
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return [unreadable_row(name, error)]
