"""``ReaderSession``: what the reader has in front of them, as plain Python (no Textual).

The whole library and the part of it listed (view, order, filter), the read marks and
bookmarks, the countries of analysed articles, the open article with its analysis, and where
a step (next, previous) or a start leads. The app renders this state into widgets and hands
user actions to it; the reading state (``state.ReadingState``) keeps what outlives a run.

Opening an article takes a *token*: results of work started for an article the reader has
since left carry an old token and are dropped (``is_current``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsreader.present.library_view import SORT_NAMES, SORTS, VIEW_NAMES, VIEWS, Arranged, arrange, next_in

if TYPE_CHECKING:
    from newsreader.model.analysis import Analysis
    from newsreader.model.document import Document, LibraryEntry
    from newsreader.state import ReadingState

#: What ``u`` says it shows, per view.
VIEW_PHRASES = {"all": "every article", "unread": "unread articles only", "bookmarked": "bookmarked articles only"}


def is_key_of(path: str, key: str) -> bool:
    """Whether ``path`` is the article whose state key (``state.article_key``) is ``key``;
    the names are compared first, so checking 10,000 paths costs no path resolving."""
    from pathlib import Path

    from newsreader.state import article_key

    return Path(path).name == Path(key).name and (path == key or article_key(path) == key)


@dataclass
class ReaderSession:
    """The reader's state between two frames; every field is plain data.

    ``entries`` is what the list shows (``all_entries`` narrowed by the filter and the view,
    in the chosen order); ``current_index`` is the open article's row in it, if listed."""

    reading: ReadingState | None = None
    all_entries: list[LibraryEntry] = field(default_factory=list)
    entries: list[LibraryEntry] = field(default_factory=list)
    library_ready: bool = False
    #: The filter's result (None when no filter is in force), its query and its text.
    filtered: list[LibraryEntry] | None = None
    filter: Any = None  # overview.Query or feeds' FeedQuery: anything with describe() and problems
    filter_text: str = ""
    view: str = "all"
    sort: str = "newest"
    choices_restored: bool = False  # the saved view and order are applied once, at first show
    read: set[str] = field(default_factory=set)
    bookmarks: set[str] = field(default_factory=set)
    #: path -> the countries the article is about (only analysed articles are here).
    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    document: Document | None = None
    analysis: Analysis | None = None
    analysing: bool = False
    current_index: int | None = None
    open_path: str | None = None  # the article being opened or read
    open_token: int = 0
    pending_jump: tuple[int, int] | None = None  # (start, end) to scroll to once shown

    # ------------------------------------------------------------------ the library

    def library_progress(self, entries: list[LibraryEntry]) -> None:
        """Rows read so far (newest first), shown as they are while the library loads."""
        self.entries = entries
        self.all_entries = entries

    def library_loaded(self, entries: Sequence[LibraryEntry], read: set[str], bookmarks: set[str]) -> None:
        """The whole library is read, with its read marks and bookmarks."""
        self.all_entries = list(entries)
        self.library_ready = True
        self.read = set(read)
        self.bookmarks = set(bookmarks)

    def add_entry(self, entry: LibraryEntry) -> bool:
        """Put ``entry`` at the top of the library unless it is there; whether it was added."""
        if any(e.path == entry.path for e in self.all_entries):
            return False
        self.all_entries = [entry, *self.all_entries]
        return True

    def filter_base(self) -> list[LibraryEntry]:
        """The entries a filter works on (the whole library, or the rows read so far)."""
        return list(self.all_entries or self.entries)

    def restore_choices(self) -> None:
        """The view and order the reader left the library in (an unknown stored value: the default)."""
        self.choices_restored = True
        if self.reading is not None:
            self.view = self.reading.choice("view", VIEWS, "all")
            self.sort = self.reading.choice("sort", SORTS, "newest")

    def remember_choices(self) -> None:
        """Keep the view and order for the next start (once they were restored or chosen)."""
        if self.reading is not None and self.choices_restored:
            self.reading.set_choice("view", self.view)
            self.reading.set_choice("sort", self.sort)

    def path_being_read(self) -> str | None:
        """The article being read: the open one, or before one is open, the one to reopen."""
        if self.document is not None:
            return self.document.path
        last = self.reading.last_opened() if self.reading is not None else ""
        if not last:
            return None
        from newsreader.state import article_key

        return next((e.path for e in self.all_entries if e.path == last or article_key(e.path) == last), None)

    def arrange(self, country_name: Callable[[str], str]) -> Arranged:
        """Work out the rows to list (filter, view, order) and make them ``entries``. The unread
        view keeps the article being read listed, so choosing it never hides what is open."""
        if not self.choices_restored:
            self.restore_choices()
        self.remember_choices()
        base = self.filtered if self.filtered is not None else self.all_entries
        read = self.read
        if self.view == "unread":
            reading_now = self.path_being_read()
            if reading_now is not None and reading_now in read:
                read = read - {reading_now}
        arranged = arrange(
            base,
            view=self.view,
            sort=self.sort,
            read=read,
            bookmarks=self.bookmarks,
            countries=self.countries,
            country_name=country_name,
        )
        self.entries = arranged.entries
        return arranged

    def cycle_view(self) -> str:
        """u: all articles -> only unread -> only bookmarked -> all; the new view."""
        self.choices_restored = True  # a choice made before the library loaded wins
        self.view = next_in(VIEWS, self.view)
        return self.view

    def cycle_sort(self) -> str:
        """s: newest first -> by source -> by country -> newest first; the new order."""
        self.choices_restored = True
        self.sort = next_in(SORTS, self.sort)
        return self.sort

    def view_phrase(self) -> str:
        """What the view shows, for the notice after ``u``."""
        return VIEW_PHRASES[self.view]

    def sort_phrase(self) -> str:
        """The order, for the notice after ``s`` ("by country (articles not analysed …)")."""
        note = ""
        if self.sort == "country" and len(self.countries) < len(self.all_entries):
            note = " (articles not analysed yet are listed last)"
        return f"{SORT_NAMES[self.sort]}{note}"

    def library_title(self) -> str:
        """The list's title: view, shown/total, unread and bookmark counts."""
        every = self.all_entries
        total = len(every)
        shown = len(self.entries)
        if self.view == "unread":
            # The article being read stays listed there; the count is of the unread ones.
            shown = sum(1 for e in self.entries if e.path not in self.read)
        unread = sum(1 for e in every if e.path not in self.read)
        marked = sum(1 for e in every if e.path in self.bookmarks)
        name = VIEW_NAMES.get(self.view, "Library")
        if self.filtered is not None:
            name += " (filtered)"
        parts = [name, f"{shown:,}/{total:,}" if shown != total else f"{total:,}"]
        if unread and (self.view != "unread" or unread != shown):
            parts.append(f"{unread:,} unread")
        if marked:
            parts.append(f"{marked:,}★")
        return " · ".join(parts)

    def sort_name(self) -> str:
        """The order as the list's bottom border names it ("newest first")."""
        return SORT_NAMES.get(self.sort, "")

    def set_countries(self, countries: dict[str, tuple[str, ...]]) -> bool:
        """Remember the countries of analysed articles; whether anything changed."""
        changed = {p: c for p, c in countries.items() if self.countries.get(p) != c}
        self.countries.update(changed)
        return bool(changed)

    # ------------------------------------------------------------------ the filter

    def set_filter(self, query: Any, shown: list[LibraryEntry]) -> None:
        """A filter's result is in: list only ``shown``."""
        self.filter = query
        self.filtered = shown

    def clear_filter(self) -> bool:
        """Drop the filter; whether one was in force (the list must then be shown again)."""
        self.filter_text = ""
        if self.filter is None:
            return False
        self.filter = None
        self.filtered = None
        return True

    # ------------------------------------------------------------------ finding and stepping

    def index_of(self, path: str) -> int | None:
        """The listed row of ``path``, if it is listed."""
        return next((i for i, e in enumerate(self.entries) if e.path == path), None)

    def in_library(self, path: str) -> bool:
        """Whether ``path`` is in the library (listed or not)."""
        return any(e.path == path for e in self.all_entries)

    def resume_index(self, entries: Sequence[LibraryEntry]) -> int:
        """Where a start opens: the article read last time, if it is still listed, else the first."""
        last = self.reading.last_opened() if self.reading is not None else None
        if last:
            from newsreader.state import article_key

            for i, entry in enumerate(entries):
                if entry.path == last or article_key(entry.path) == last:
                    return i
        return 0

    def step_target(self, step: int, cursor: int) -> int | None:
        """The row ``step`` rows from the open one (from the list ``cursor`` when none is
        open); None past either end."""
        if not self.entries:
            return None
        index = self.current_index if self.current_index is not None else cursor - step
        target = index + step
        return target if 0 <= target < len(self.entries) else None

    def target_entry(self, cursor: int, list_focused: bool) -> LibraryEntry | None:
        """The entry under the list ``cursor`` when the list has focus, else the open one."""
        entries = self.entries
        if not entries:
            return None
        if list_focused:
            return entries[min(cursor, len(entries) - 1)]
        if self.current_index is not None and self.current_index < len(entries):
            return entries[self.current_index]
        return None

    def entry_at(self, cursor: int) -> LibraryEntry | None:
        """The listed entry at ``cursor``, if there is one."""
        return self.entries[cursor] if 0 <= cursor < len(self.entries) else None

    def article_title(self) -> str:
        """The article pane's title: "Article · 3/12" when the open article is listed."""
        if self.current_index is not None and self.entries:
            return f"Article · {self.current_index + 1}/{len(self.entries)}"
        return "Article"

    # ------------------------------------------------------------------ the open article

    def open_row(self, index: int) -> tuple[LibraryEntry, int]:
        """Open the listed row nearest ``index`` (there must be one): (its entry, the token)."""
        index = max(0, min(index, len(self.entries) - 1))
        entry = self.entries[index]
        self.current_index = index
        return entry, self.begin_open(entry.path)

    def begin_open(self, path: str) -> int:
        """Start opening ``path``; the token its results must carry."""
        self.open_path = path
        self.open_token += 1
        return self.open_token

    def is_current(self, token: int) -> bool:
        """Whether work for ``token`` is still about the article being opened or read."""
        return token == self.open_token

    def show(self, document: Document) -> None:
        """``document`` is the open article now (its analysis comes later)."""
        self.document = document
        self.analysis = None
        self.analysing = False

    def set_analysis(self, analysis: Analysis | None) -> None:
        """The open article's analysis is in."""
        self.analysis = analysis
        self.analysing = False

    def take_jump(self) -> tuple[int, int] | None:
        """The (start, end) span waiting to be scrolled to, once (then it is gone)."""
        jump, self.pending_jump = self.pending_jump, None
        return jump

    def toggle_read(self, entry: LibraryEntry) -> bool | None:
        """Mark ``entry`` read or unread; whether it is read now (None without a reading state)."""
        if self.reading is None:
            return None
        now = self.reading.toggle_read(entry.path)
        (self.read.add if now else self.read.discard)(entry.path)
        return now

    def toggle_bookmark(self, entry: LibraryEntry) -> bool | None:
        """Bookmark ``entry`` or remove its bookmark; whether it is bookmarked now."""
        if self.reading is None:
            return None
        same = self.document is not None and self.document.path == entry.path
        sha256 = self.document.sha256 if same and self.document is not None else ""
        now = self.reading.toggle_bookmark(entry.path, sha256=sha256, title=entry.title)
        (self.bookmarks.add if now else self.bookmarks.discard)(entry.path)
        return now

    def mark_opened(self, document: Document) -> bool:
        """A readable article was shown: it is read and the one to reopen; whether noted."""
        if document.status == "error" or self.reading is None:
            return False
        self.reading.mark_read(document.path, sha256=document.sha256)
        self.reading.set_last_opened(document.path)
        self.read.add(document.path)
        return True
