"""The library pane: draws the session's list (view, order, titles) and runs ``u`` and ``s``.

``u`` cycles the view (all, unread only, bookmarked only), ``s`` the order (newest first, by
source, by country); the library filter (``ctrl+f``) narrows what either works on. What is
listed, and the counts in the pane title, come from ``present.session.ReaderSession``; this
part puts them on screen. The choices come back at the next start (``ReadingState.choice``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from newsreader.ui import keys
from newsreader.ui.lifecycle import AppPart

if TYPE_CHECKING:
    from newsreader.model.analysis import Analysis


def country_name(code: str) -> str:
    """A country's name for group headings (its code when names can't be loaded)."""
    try:
        from newsreader.analysis.country_names import display_name

        return display_name(code) or code
    except Exception:  # noqa: BLE001 - without names the codes still group
        return code


class LibraryPane(AppPart):
    """Views, orders and the pane title of the library list."""

    def show(self, keep_path: str | None = None) -> None:
        """List the library (or the filter's result) in the chosen view and order."""
        app = self.app
        session = app.session
        arranged = session.arrange(country_name)
        library = app.library
        library.countries = session.countries
        library.hide_source = session.sort == "source"
        library.set_entries(arranged.entries, keep_path=keep_path, groups=arranged.groups)
        session.current_index = library.current
        if not arranged.entries and session.all_entries:
            library.set_placeholder(self._empty_reason())
        self.update_title()
        app.set_article_title()

    def _empty_reason(self) -> str:
        app = self.app
        view = app.session.view
        view_key = keys.active_keys(app, "library-view")
        if view == "unread":
            return f"Every article here is read ({view_key} shows all)."
        if view == "bookmarked":
            bookmark = keys.active_keys(app, "bookmark")
            return f"No bookmarks yet: {bookmark} bookmarks an article ({view_key} shows all)."
        return f"No article matches the filter ({keys.active_keys(app, 'clear')} clears it)."

    def update_title(self) -> None:
        """Pane title: view, shown/total, unread and bookmark counts; the order below."""
        app = self.app
        pane = app.main_screen().query_one("#library-pane")
        pane.border_title = Content(app.session.library_title())
        pane.border_subtitle = Content(f"{app.session.sort_name()} · {keys.active_keys(app, 'library-sort')} sorts")

    def _keep_path(self) -> str | None:
        entry = self.app.session.entry_at(self.app.library.cursor)
        return entry.path if entry is not None else None

    def _reveal(self) -> None:
        if not self.app.pane_visible("library"):
            self.app.action_toggle_pane("library")

    def cycle_view(self) -> None:
        """u: all articles → only unread → only bookmarked → all."""
        self.app.session.cycle_view()
        self._reveal()
        self.show(self._keep_path())
        self.app.notify(f"Showing {self.app.session.view_phrase()}.", markup=False, timeout=2)

    def cycle_sort(self) -> None:
        """s: newest first → by source → by country → newest first."""
        self.app.session.cycle_sort()
        self._reveal()
        self.show(self._keep_path())
        self.app.notify(f"Library {self.app.session.sort_phrase()}.", markup=False, timeout=3)

    def note_countries(self, path: str, analysis: Analysis | None) -> None:
        """Remember the countries of an analysed article (shown on its meta line)."""
        from newsreader.present.overview import article_countries

        self.set_countries({path: article_countries(analysis)})

    def set_countries(self, countries: dict[str, tuple[str, ...]]) -> None:
        """Remember countries of analysed articles; only the meta lines change (the order is kept
        until the reader sorts again: a list that re-sorted under the cursor would be hard to follow)."""
        if self.app.session.set_countries(countries):
            self.app.library.refresh()
