"""The reader's library tools (issue 7), as the ``NewsreaderApp`` half that runs them.

``e`` export, ``y`` copy evidence (OSC 52 through ``App.copy_to_clipboard``), ``o`` open the
article's URL, ``a`` the across-the-library overview, ``m``/``B`` read marks and bookmarks
(``newsreader.state.ReadingState``), ``ctrl+f`` the library filter (``newsreader.present.query``:
words, ``country:``, ``actor:``, ``category:``; it runs in a thread worker, the library header
shows it with n/total, ``escape`` clears it), and ``jump_to_panel`` for the command palette.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.worker import get_current_worker

from newsreader.ui import keys
from newsreader.ui.lifecycle import ui_callback
from newsreader.ui.widgets.filter_bar import FilterBar
from newsreader.present.text import clean

if TYPE_CHECKING:
    from newsreader.model.document import LibraryEntry


class ReaderActionsMixin:
    """Export, copy, open, overview, read marks, bookmarks and the library filter."""

    def jump_to_panel(self, code: str | None, actor: str | None = None) -> None:
        """Show the actors panel with its cursor on country ``code`` (or ``actor`` in it)."""
        if not self._pane_visible("panel"):
            self.action_toggle_pane("panel")
        from newsreader.ui.commands import panel_row_for

        panel = self.panel
        index = panel_row_for(panel.rows, code, actor)
        if index is None:
            self.notify("Not listed in the actors panel.", markup=False, timeout=2)
            return
        panel.focus()
        panel.highlighted = index

    def action_export(self, fmt: str = "md") -> None:
        """e: write the open article's analysis to a file (the dialog asks for the name)."""
        if self.document is None:
            self.notify("No article open.", markup=False, timeout=2)
            return
        from newsreader.present.export import export_folder
        from newsreader.ui.screens.export_dialog import ExportDialog

        def done(result: Any) -> None:
            if result is not None:
                self.notify(clean(result.message), markup=False)

        folder = export_folder(self.config.export_path)
        self.push_screen(ExportDialog(self.document, self.analysis, fmt=fmt, folder=folder), done)

    def action_copy_evidence(self) -> None:
        """y: copy the sentence behind the panel line under the cursor, with its source."""
        from newsreader.present.export import evidence_clip

        item = self.panel.current_item
        if self.document is None or item is None or item.jump is None:
            self.notify(
                f"Choose a line in the actors panel first: {keys.active_keys(self, 'copy-evidence')} copies its evidence.",
                markup=False, timeout=3,
            )
            return
        self.copy_to_clipboard(evidence_clip(self.document, *item.jump))
        self.notify("Evidence copied to the clipboard.", markup=False, timeout=2)

    def action_open_url(self) -> None:
        """o: open the article's web address in the browser."""
        from newsreader.present.export import article_url

        url = article_url(self.document) if self.document is not None else None
        if url is None:
            self.notify("This article has no web address.", markup=False, timeout=3)
            return
        from newsreader.ui.browser import find_browser

        browser = find_browser()
        if browser.kind == "none":
            self.notify(f"No web browser found (set $BROWSER): {clean(url)}", markup=False, timeout=6)
        elif browser.kind == "console":
            # A console browser needs the terminal: hand it over while the browser runs,
            # rather than freezing the reader with both drawing on the same TTY.
            from textual.app import SuspendNotSupported

            try:
                with self.suspend():
                    opened = browser.open(url)
            except SuspendNotSupported:
                self.notify(f"{clean(browser.name)} needs this terminal, which cannot be handed over here: {clean(url)}",
                            markup=False, timeout=6)
                return
            if not opened:
                self.notify(f"Could not start {clean(browser.name)}: {clean(url)}", markup=False, timeout=6)
        else:
            self.notify(f"Opening {clean(url)}", markup=False, timeout=2)
            self._open_in_background(browser, url)

    @work(thread=True, group="browser")
    def _open_in_background(self, browser: Any, url: str) -> None:
        """A graphical browser starts off the UI thread (a slow launcher must not freeze keys)."""
        if not browser.open(url):
            self.call_from_thread(
                self.notify, f"Could not start {clean(browser.name)}: {clean(url)}", markup=False, timeout=6
            )

    def action_overview(self) -> None:
        """a: countries × reaction categories over every analysed article."""
        from newsreader.ui.screens.overview import OverviewScreen

        entries = list(self._all_entries or self.library_entries)
        service_off = self._service is False

        def source() -> Any:
            from newsreader.library import load_document
            from newsreader.present.overview import build_overview, collect_analysed

            cached = (lambda d: None) if service_off else self._get_service().cached
            return build_overview(collect_analysed(entries, lambda e: load_document(Path(e.path)), cached))

        def chosen(choice: Any) -> None:
            if choice is not None:
                self.open_path(choice.path, choice.span)

        self.push_screen(OverviewScreen(source), chosen)

    # ------------------------------------------------------------ read marks and bookmarks

    def _state_notices(self) -> None:
        if self.reading is None:
            return
        for notice in self.reading.take_notices():
            self.notify(notice, severity="warning", markup=False, timeout=8)

    def _target_entry(self) -> LibraryEntry | None:
        """The entry under the list cursor when the list has focus, else the open one."""
        entries = self.library_entries
        if not entries:
            return None
        if self.focused is self.library:
            return entries[min(self.library.cursor, len(entries) - 1)]
        if self.current_index is not None and self.current_index < len(entries):
            return entries[self.current_index]
        return None

    def action_toggle_read(self) -> None:
        """m: mark the article read or unread (the unread dot in the list)."""
        entry = self._target_entry()
        if entry is None or self.reading is None:
            return
        now = self.reading.toggle_read(entry.path)
        (self.library.read.add if now else self.library.read.discard)(entry.path)
        self.library.refresh()
        self.update_library_title()
        self.notify("Marked read." if now else "Marked unread.", markup=False, timeout=2)
        self._state_notices()

    def action_toggle_bookmark(self) -> None:
        """B: bookmark the article (★ in the list; bookmarks come first in the palette)."""
        entry = self._target_entry()
        if entry is None or self.reading is None:
            return
        same = self.document is not None and self.document.path == entry.path
        now = self.reading.toggle_bookmark(entry.path, sha256=self.document.sha256 if same else "", title=entry.title)
        (self.library.bookmarks.add if now else self.library.bookmarks.discard)(entry.path)
        self.library.refresh()
        self.update_library_title()
        self.notify("Bookmarked." if now else "Bookmark removed.", markup=False, timeout=2)
        self._state_notices()

    # ------------------------------------------------------------------ library filter

    def action_filter_library(self) -> None:
        """ctrl+f: open the filter field above the library list."""
        if not self._pane_visible("library"):
            self.action_toggle_pane("library")
        bar = self.filter_bar
        bar.input.value = self._filter_text
        bar.open()

    def apply_library_filter(self, text: str) -> None:
        """Filter the library by ``text`` (words, country:, actor:, category:) in a worker."""
        text = text.strip()
        if not text:
            self.clear_library_filter()
            return
        self._filter_text = text
        self._set_filter_status(f"Filtering: {clean(text)}…")
        self._run_filter(text, list(self._all_entries or self.library_entries))

    @work(thread=True, exclusive=True, group="filter")
    def _run_filter(self, text: str, entries: list[LibraryEntry]) -> None:
        from newsreader.library import load_document
        from newsreader.present.query import FilterOutcome, filter_library, parse_query

        worker = get_current_worker()
        feed_terms = self.feed_filter_terms(text)  # tag: and feed: (ui/feeds_actions.py)
        if feed_terms is not None:
            text, entries, feed_query = feed_terms
            if not text:
                self.call_from_thread(self._filter_done, feed_query, entries, FilterOutcome())
                return
        query = parse_query(text)  # may read the gazetteer: not on the UI thread
        if feed_terms is not None:
            query = feed_terms[2].with_query(query)
        if query.is_empty:
            # Nothing understood ("country:xyz"): say why rather than silently list everything.
            self.call_from_thread(self._filter_unusable, query)
            return
        cached = (lambda d: None) if self._service is False else self._get_service().cached
        outcome = filter_library(entries, query, lambda e: load_document(Path(e.path)), cached, lambda: worker.is_cancelled)
        if not outcome.cancelled:
            self.call_from_thread(self._filter_done, query, [entries[i] for i in outcome.indices], outcome)

    def _filter_problems(self, query: Any) -> None:
        for problem in query.problems:
            hint = " (a name like France or a code like FRA)" if "country" in problem else ""
            self.notify(f"Filter: {clean(problem)}{hint}", severity="warning", markup=False, timeout=6)

    @ui_callback
    def _filter_unusable(self, query: Any) -> None:
        self._filter_problems(query)
        if not query.problems:
            self.clear_library_filter()
            return
        self._set_filter_status(f"Nothing to filter by: {'; '.join(clean(p) for p in query.problems)}")
        self.update_library_title()

    def _set_filter_status(self, text: str) -> None:
        """The filter in force, in full under the filter field (the pane title is too short)."""
        from textual.widgets import Static

        status = self._main().query_one("#filter-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    @ui_callback
    def _filter_done(self, query: Any, shown: list[LibraryEntry], outcome: Any) -> None:
        self._filter_problems(query)
        self.library_filter = query
        self._filtered = shown
        self.show_library()
        total = len(self._all_entries)
        self._set_filter_status(f"Filter: {clean(query.describe())} · {len(shown):,} of {total:,} match")
        if outcome.unanalysed:
            self.notify(
                f"{outcome.unanalysed} article(s) not analysed yet could not be checked for "
                "country/actor/category (indexing analyses them).",
                markup=False, timeout=5,
            )

    def clear_library_filter(self) -> None:
        """Show the whole library again (esc)."""
        self.workers.cancel_group(self, "filter")
        bar = self.filter_bar
        was_focused = bar.built and self.focused is bar.input
        bar.display = False
        self._filter_text = ""
        self._set_filter_status("")
        if self.library_filter is None:
            self.update_library_title()
        else:
            self.library_filter = None
            self._filtered = None
            self.show_library()
        if was_focused:
            self.library.focus()

    def on_filter_bar_submitted(self, event: FilterBar.Submitted) -> None:
        self.apply_library_filter(event.text)
        self.library.focus()

    def on_filter_bar_closed(self, event: FilterBar.Closed) -> None:
        self.clear_library_filter()
