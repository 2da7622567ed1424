"""Reading the library for the reader: find the files, read each entry's head, sort — no Textual.

The app runs ``read_for_reader`` in a worker (or, for a few small named files, before the
first paint) and hears from it through a ``ReadListener``: a big library opens an article
before it is all read (``early``), the rows read so far come in batches, newest first
(``progress``), and a library that cannot be listed is reported (``failed``). The library
package (Markdown parser and friends) is imported here, in the caller's thread, never at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from newsreader.present.session import is_key_of

if TYPE_CHECKING:
    from newsreader.model.document import LibraryEntry
    from newsreader.state import ReadingState

#: (entries newest first, with unreadable paths last; the read ones; the bookmarked ones)
Loaded = tuple[list["LibraryEntry"], set[str], set[str]]


class ReadListener(Protocol):
    """Where ``read_for_reader`` reports while it reads."""

    def early(self, path: str) -> None:
        """Open ``path`` now, before the library is all read."""
        ...

    def progress(self, entries: list[LibraryEntry], total: int) -> None:
        """The rows read so far, newest first, of ``total`` files."""
        ...

    def failed(self, message: str) -> None:
        """The library could not be listed or read."""
        ...


@dataclass(frozen=True)
class ReadOptions:
    """How to read: with the analysis/row caches or not, and when to open early."""

    use_cache: bool = True
    use_row_cache: bool = True
    #: Whether an article may be opened before all rows are read (only from a worker).
    open_early: bool = False
    #: A library of more files than this opens an article before all its rows are read.
    early_files: int = 500
    #: How many files are read between two ``progress`` reports.
    batch: int = 500


class ProgressiveOrder:
    """The rows read so far in ``sort_entries``' order (newest first by ISO date, then title
    case-insensitively, then path; undated last), kept sorted as batches arrive: each batch
    is keyed and sorted once and merged in (sorting all rows again at every batch would cost
    the reader a second on a 10,000-file library)."""

    def __init__(self) -> None:
        self._keyed: list[tuple[Any, ...]] = []
        self._seen = 0

    @staticmethod
    def key(entry: LibraryEntry) -> tuple[Any, ...]:
        """``sort_entries``' order as a key."""
        from newsreader.library.loading import _entry_date

        date = _entry_date(entry)
        title = str(entry.title).casefold()
        path = str(entry.path)
        if date is None:
            return (1, (), title, path)
        # descending by the date string: each character negated, a longer string first
        return (0, (*(-ord(c) for c in date), 1), title, path)

    def add(self, entries: list[LibraryEntry]) -> list[LibraryEntry]:
        """Take the rows of ``entries`` not seen yet (entries only grows); all rows, in order."""
        fresh = [(self.key(e), self._seen + i, e) for i, e in enumerate(entries[self._seen :])]
        self._seen = len(entries)
        # two sorted runs: Timsort merges them in one pass (the keys never tie: the index breaks ties)
        self._keyed = sorted(self._keyed + sorted(fresh, key=lambda item: item[:2]), key=lambda item: item[:2])
        return [item[2] for item in self._keyed]


def early_article(files: Sequence[Any], reading: ReadingState | None, use_cache: bool) -> tuple[str | None, str | None]:
    """Before any row is read: (the article to open now, or None; the key of one to open
    once its row is read, or None). The article read last time if it is among ``files``
    (what the start opens when all is read), else the newest the row cache knows."""
    last = reading.last_opened() if reading is not None else None
    if last:
        for name in map(str, files):
            if is_key_of(name, last):
                return name, None
        if "#" in Path(last).name:
            return None, last  # a feed's entry: opened when the feed's rows are read
    if not use_cache:
        return None, None
    from newsreader.library.entry_cache import newest_known

    return newest_known(files), None


def first_of_big_library(targets: Sequence[str], reading: ReadingState | None, options: ReadOptions) -> str | None:
    """The article a big library opens with on a first start, found before the first paint,
    or None. With nothing read last time and no row cache to name the newest article, a
    library that lists more than ``early_files`` files opens its first readable one; the walk
    stops there (tens of milliseconds, where walking 10,000 files takes a third of a second
    and the reader would wait for it). Any other start leaves the choice to ``early_article``,
    once the library worker has walked it all."""
    if reading is not None and reading.last_opened():
        return None
    if options.use_cache and _row_cache_exists():
        return None
    from newsreader.library import discover

    try:
        files, _problems = discover(list(targets), max_files=options.early_files + 1)
    except Exception:  # noqa: BLE001 - the library worker reports what is wrong with the library
        return None
    if len(files) <= options.early_files:
        return None
    return _first_readable(files[:EARLY_TRIES])


#: Files tried, in walk order, for a big library's first readable article.
EARLY_TRIES = 8


def _row_cache_exists() -> bool:
    from newsreader.library.entry_cache import default_path

    try:
        return default_path().exists()
    except OSError:
        return True  # cannot tell: leave the choice to early_article


def _first_readable(files: Sequence[Path]) -> str | None:
    """The path of the first row of ``files`` that is not an error (a feed gives its first
    entry's address), as ``read_library`` will list it; None if none is."""
    from newsreader.library import read_entries
    from newsreader.model.document import DocStatus

    for name in files:
        row = next((row for row in read_entries(str(name)) if row.status is not DocStatus.ERROR), None)
        if row is not None:
            return row.path
    return None


def read_for_reader(
    targets: Sequence[str],
    reading: ReadingState,
    listener: ReadListener,
    *,
    cancelled: Callable[[], bool],
    options: ReadOptions,
    clean: Callable[[str], str] = str,
) -> Loaded | None:
    """Find the files of ``targets``, read each entry's head, sort: (entries, read,
    bookmarked), or None when cancelled or failed (the failure goes to the listener).
    ``clean`` makes a reason shown for an unreadable path safe to display."""
    from newsreader.library import discover, sort_entries
    from newsreader.model.document import DocStatus, LibraryEntry

    try:
        files, problems = discover(list(targets))
    except Exception as exc:  # noqa: BLE001 - a library problem must not take the app down
        listener.failed(f"Could not list the library: {exc}")
        return None
    missing = [
        LibraryEntry(path=str(path), title=Path(str(path)).name, status=DocStatus.ERROR, reason=clean(str(reason)))
        for path, reason in problems
    ]
    entries: list[LibraryEntry] = []
    # A big library opens an article before it is all read (the reader keeps it): the
    # article read last time, else the newest the row cache knows, else the first read.
    # A smaller one is read in a moment and opens on its newest (or last read) article.
    big = options.open_early and len(files) > options.early_files
    early, awaited = early_article(files, reading, options.use_cache) if big else (None, None)
    if early is not None:
        listener.early(early)
    ordered_so_far = ProgressiveOrder()
    batches: Iterable[list[LibraryEntry]]
    if options.use_cache and options.use_row_cache:
        # One list of rows per file (a feed gives one row per entry), answered from the
        # library row cache for files unchanged since the last start.
        from newsreader.library import read_library

        batches = read_library(files)
    else:
        # Without the row cache, without SQLite either (read_entries never raises).
        from newsreader.library import read_entries

        batches = (read_entries(name) for name in files)
    try:
        for i, rows in enumerate(batches):
            if cancelled():
                return None
            entries.extend(rows)
            if early is None and big:
                if awaited is None:
                    first = next((row for row in rows if row.status is not DocStatus.ERROR), None)
                else:  # the feed entry read last time, once its feed is read
                    first = next((row for row in rows if is_key_of(row.path, awaited)), None)
                if first is not None:
                    early = first.path
                    listener.early(early)
            if (i + 1) % options.batch == 0:
                # Newest first already (sort_entries' order), refined as rows come in.
                listener.progress(ordered_so_far.add(entries), len(files))
    except Exception as exc:  # noqa: BLE001 - read_library never raises by contract; be safe anyway
        listener.failed(f"Could not read the library: {exc}")
        return None
    try:
        ordered = list(sort_entries(entries))
    except Exception:  # noqa: BLE001
        ordered = entries
    ordered = ordered + missing
    read = {e.path for e in ordered if reading.is_read(e.path)}
    bookmarks = {e.path for e in ordered if reading.is_bookmarked(e.path)}
    return ordered, read, bookmarks
