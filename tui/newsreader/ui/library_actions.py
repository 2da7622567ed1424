"""The ``NewsreaderApp`` half that decides what the library list shows (issue 14).

``u`` cycles the view (all, unread only, bookmarked only), ``s`` the order (newest first, by
source, by country); the library filter (``ctrl+f``) narrows what either works on. The pane
title counts what is shown, unread and bookmarked; its bottom border names the order. Both
choices are kept in the reading state (``ReadingState.choice``) and come back at the next start.
The unread view keeps the article being read listed (at start, the one reopened), so that
choosing it, or starting in it, never hides what is open. The countries of each analysed article (``newsreader.present.overview.article_countries``) are kept here
for the list's meta line and the by-country order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from newsreader.ui import keys
from newsreader.present.library_view import SORT_NAMES, SORTS, VIEW_NAMES, VIEWS, arrange, next_in

if TYPE_CHECKING:
    from newsreader.model.analysis import Analysis
    from newsreader.model.document import LibraryEntry


class LibraryViewMixin:
    """Views, orders and the pane title of the library list."""

    def _init_library_view(self) -> None:
        self.library_view = "all"
        self.library_sort = "newest"
        self._choices_restored = False  # the saved view and order are applied once, at first show
        self._filtered: list[LibraryEntry] | None = None  # the filter's result, None when off
        #: path -> the countries the article is about (only analysed articles are here).
        self.entry_countries: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ showing

    def _country_name(self, code: str) -> str:
        try:
            from newsreader.analysis.country_names import display_name

            return display_name(code) or code
        except Exception:  # noqa: BLE001 - without names the codes still group
            return code

    def _restore_choices(self) -> None:
        """The view and order the reader left the library in (an unknown stored value: the default)."""
        self._choices_restored = True
        reading = self.reading
        if reading is not None:
            self.library_view = reading.choice("view", VIEWS, "all")
            self.library_sort = reading.choice("sort", SORTS, "newest")

    def _remember_choices(self) -> None:
        reading = self.reading
        if reading is not None and self._choices_restored:
            reading.set_choice("view", self.library_view)
            reading.set_choice("sort", self.library_sort)

    def _path_being_read(self) -> str | None:
        """The article being read: the open one, or before one is open, the one to reopen."""
        if self.document is not None:
            return self.document.path
        last = self.reading.last_opened() if self.reading is not None else ""
        if not last:
            return None
        from newsreader.state import article_key

        return next((e.path for e in self._all_entries if e.path == last or article_key(e.path) == last), None)

    def show_library(self, keep_path: str | None = None) -> None:
        """List the library (or the filter's result) in the chosen view and order."""
        if not self._choices_restored:
            self._restore_choices()
        self._remember_choices()
        base = self._filtered if self._filtered is not None else self._all_entries
        library = self.library
        read = library.read
        if self.library_view == "unread":
            reading_now = self._path_being_read()
            if reading_now is not None and reading_now in read:
                read = read - {reading_now}
        arranged = arrange(
            base, view=self.library_view, sort=self.library_sort,
            read=read, bookmarks=library.bookmarks,
            countries=self.entry_countries, country_name=self._country_name,
        )
        self.library_entries = arranged.entries
        library.countries = self.entry_countries
        library.hide_source = self.library_sort == "source"
        library.set_entries(arranged.entries, keep_path=keep_path, groups=arranged.groups)
        self.current_index = library.current
        if not arranged.entries and self._all_entries:
            library.set_placeholder(self._empty_reason())
        self.update_library_title()
        self._set_article_title()

    def _empty_reason(self) -> str:
        view_key = keys.active_keys(self, "library-view")
        if self.library_view == "unread":
            return f"Every article here is read ({view_key} shows all)."
        if self.library_view == "bookmarked":
            bookmark = keys.active_keys(self, "bookmark")
            return f"No bookmarks yet: {bookmark} bookmarks an article ({view_key} shows all)."
        return f"No article matches the filter ({keys.active_keys(self, 'clear')} clears it)."

    def update_library_title(self) -> None:
        """Pane title: view, shown/total, unread and bookmark counts; the order below."""
        every = self._all_entries
        library = self.library
        total = len(every)
        shown = len(self.library_entries)
        if self.library_view == "unread":
            # The article being read stays listed there; the count is of the unread ones.
            shown = sum(1 for e in self.library_entries if e.path not in library.read)
        unread = sum(1 for e in every if e.path not in library.read)
        marked = sum(1 for e in every if e.path in library.bookmarks)
        name = VIEW_NAMES.get(self.library_view, "Library")
        if self._filtered is not None:
            name += " (filtered)"
        parts = [name, f"{shown:,}/{total:,}" if shown != total else f"{total:,}"]
        if unread and (self.library_view != "unread" or unread != shown):
            parts.append(f"{unread:,} unread")
        if marked:
            parts.append(f"{marked:,}★")
        pane = self._main().query_one("#library-pane")
        pane.border_title = Content(" · ".join(parts))
        pane.border_subtitle = Content(
            f"{SORT_NAMES.get(self.library_sort, '')} · {keys.active_keys(self, 'library-sort')} sorts"
        )

    # ------------------------------------------------------------------ keys

    def _keep_path(self) -> str | None:
        entries = self.library_entries
        cursor = self.library.cursor
        return entries[cursor].path if entries and 0 <= cursor < len(entries) else None

    def action_cycle_library_view(self) -> None:
        """u: all articles → only unread → only bookmarked → all."""
        self._choices_restored = True  # a choice made before the library loaded wins
        self.library_view = next_in(VIEWS, self.library_view)
        if not self._pane_visible("library"):
            self.action_toggle_pane("library")
        self.show_library(self._keep_path())
        self.notify(f"Showing {self._view_phrase()}.", markup=False, timeout=2)

    def _view_phrase(self) -> str:
        return {"all": "every article", "unread": "unread articles only", "bookmarked": "bookmarked articles only"}[
            self.library_view
        ]

    def action_cycle_library_sort(self) -> None:
        """s: newest first → by source → by country → newest first."""
        self._choices_restored = True  # a choice made before the library loaded wins
        self.library_sort = next_in(SORTS, self.library_sort)
        if not self._pane_visible("library"):
            self.action_toggle_pane("library")
        self.show_library(self._keep_path())
        note = ""
        if self.library_sort == "country" and len(self.entry_countries) < len(self._all_entries):
            note = " (articles not analysed yet are listed last)"
        self.notify(f"Library {SORT_NAMES[self.library_sort]}{note}.", markup=False, timeout=3)

    # ------------------------------------------------------------------ countries

    def note_countries(self, path: str, analysis: Analysis | None) -> None:
        """Remember the countries of an analysed article (shown on its meta line)."""
        from newsreader.present.overview import article_countries

        self.set_countries({path: article_countries(analysis)})

    def set_countries(self, countries: dict[str, tuple[str, ...]]) -> None:
        changed = {p: c for p, c in countries.items() if self.entry_countries.get(p) != c}
        if not changed:
            return
        self.entry_countries.update(changed)
        # Only the meta lines change; the order is kept until the reader sorts again (a list
        # that re-sorted itself under the cursor would be hard to follow).
        self.library.refresh()
