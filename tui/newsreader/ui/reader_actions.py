"""The reader's library tools (issue 7): export, copy, open, overview, marks and the filter.

``e`` export, ``y`` copy evidence (OSC 52 through ``App.copy_to_clipboard``), ``o`` open the
article's URL, ``a`` the across-the-library overview, ``m``/``B`` read marks and bookmarks
(kept by ``present.session.ReaderSession`` in ``newsreader.state.ReadingState``), ``ctrl+f``
the library filter (``newsreader.present.query``: words, ``country:``, ``actor:``, ``category:``;
it runs in a thread worker, the library header shows it with n/total, ``escape`` clears it),
and ``jump_to_panel`` for the command palette.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader.present.text import clean
from newsreader.ui import keys
from newsreader.ui.lifecycle import AppPart, ui_callback

if TYPE_CHECKING:
    from newsreader.model.document import LibraryEntry
    from newsreader.ui.browser import Browser


class ReaderTools(AppPart):
    """Export, copy, open, overview, read marks, bookmarks and the library filter."""

    def jump_to_panel(self, code: str | None, actor: str | None = None) -> None:
        """Show the actors panel with its cursor on country ``code`` (or ``actor`` in it)."""
        app = self.app
        if not app.pane_visible("panel"):
            app.action_toggle_pane("panel")
        from newsreader.ui.commands import panel_row_for

        panel = app.panel
        index = panel_row_for(panel.rows, code, actor)
        if index is None:
            app.notify("Not listed in the actors panel.", markup=False, timeout=2)
            return
        panel.focus()
        panel.highlighted = index

    def export(self, fmt: str = "md") -> None:
        """e: write the open article's analysis to a file (the dialog asks for the name)."""
        app = self.app
        document = app.session.document
        if document is None:
            app.notify("No article open.", markup=False, timeout=2)
            return
        from newsreader.present.export import export_folder
        from newsreader.ui.screens.export_dialog import ExportDialog

        def done(result: Any) -> None:
            if result is not None:
                app.notify(clean(result.message), markup=False)

        folder = export_folder(app.config.export_path)
        app.push_screen(ExportDialog(document, app.session.analysis, fmt=fmt, folder=folder), done)

    def copy_evidence(self) -> None:
        """y: copy the sentence behind the panel line under the cursor, with its source."""
        from newsreader.present.export import evidence_clip

        app = self.app
        item = app.panel.current_item
        document = app.session.document
        if document is None or item is None or item.jump is None:
            app.notify(
                f"Choose a line in the actors panel first: {keys.active_keys(app, 'copy-evidence')} copies its evidence.",
                markup=False,
                timeout=3,
            )
            return
        app.copy_to_clipboard(evidence_clip(document, *item.jump))
        app.notify("Evidence copied to the clipboard.", markup=False, timeout=2)

    def open_url(self) -> None:
        """o: open the article's web address in the browser."""
        from newsreader.present.export import article_url

        app = self.app
        document = app.session.document
        url = article_url(document) if document is not None else None
        if url is None:
            app.notify("This article has no web address.", markup=False, timeout=3)
            return
        from newsreader.ui.browser import find_browser

        browser = find_browser()
        if browser.kind == "none":
            app.notify(f"No web browser found (set $BROWSER): {clean(url)}", markup=False, timeout=6)
        elif browser.kind == "console":
            # A console browser needs the terminal: hand it over while the browser runs,
            # rather than freezing the reader with both drawing on the same TTY.
            from textual.app import SuspendNotSupported

            try:
                with app.suspend():
                    opened = browser.open(url)
            except SuspendNotSupported:
                app.notify(
                    f"{clean(browser.name)} needs this terminal, which cannot be handed over here: {clean(url)}",
                    markup=False,
                    timeout=6,
                )
                return
            if not opened:
                app.notify(f"Could not start {clean(browser.name)}: {clean(url)}", markup=False, timeout=6)
        else:
            app.notify(f"Opening {clean(url)}", markup=False, timeout=2)
            # A graphical browser starts off the UI thread (a slow launcher must not freeze keys).
            app.run_worker(
                lambda: self._open_in_background(browser, url), name="open_in_background", group="browser", thread=True
            )

    def _open_in_background(self, browser: Browser, url: str) -> None:
        if not browser.open(url):
            self.app.call_from_thread(
                self.app.notify, f"Could not start {clean(browser.name)}: {clean(url)}", markup=False, timeout=6
            )

    def overview(self) -> None:
        """a: countries × reaction categories over every analysed article."""
        from newsreader.ui.screens.overview import OverviewScreen

        app = self.app
        entries = app.session.filter_base()
        runner = app.runner

        def source() -> Any:
            from newsreader.library import load_document
            from newsreader.present.overview import build_overview, collect_analysed

            cached = runner.service().cached if runner.enabled else (lambda d: None)
            return build_overview(collect_analysed(entries, lambda e: load_document(Path(e.path)), cached))

        def chosen(choice: Any) -> None:
            if choice is not None:
                app.open_path(choice.path, choice.span)

        app.push_screen(OverviewScreen(source), chosen)

    # ------------------------------------------------------------ read marks and bookmarks

    def state_notices(self) -> None:
        """Problems the reading state met (a state file that could not be saved)."""
        reading = self.app.session.reading
        if reading is None:
            return
        for notice in reading.take_notices():
            self.app.notify(notice, severity="warning", markup=False, timeout=8)

    def _target_entry(self) -> LibraryEntry | None:
        """The entry under the list cursor when the list has focus, else the open one."""
        app = self.app
        return app.session.target_entry(app.library.cursor, app.focused is app.library)

    def toggle_read(self) -> None:
        """m: mark the article read or unread (the unread dot in the list)."""
        entry = self._target_entry()
        now = self.app.session.toggle_read(entry) if entry is not None else None
        if now is None:
            return
        self._marked("Marked read." if now else "Marked unread.")

    def toggle_bookmark(self) -> None:
        """B: bookmark the article (★ in the list; bookmarks come first in the palette)."""
        entry = self._target_entry()
        now = self.app.session.toggle_bookmark(entry) if entry is not None else None
        if now is None:
            return
        self._marked("Bookmarked." if now else "Bookmark removed.")

    def _marked(self, message: str) -> None:
        self.app.library.refresh()
        self.app.library_pane.update_title()
        self.app.notify(message, markup=False, timeout=2)
        self.state_notices()

    # ------------------------------------------------------------------ library filter

    def open_filter(self) -> None:
        """ctrl+f: open the filter field above the library list."""
        app = self.app
        if not app.pane_visible("library"):
            app.action_toggle_pane("library")
        bar = app.filter_bar
        bar.input.value = app.session.filter_text
        bar.open()

    def apply_filter(self, text: str) -> None:
        """Filter the library by ``text`` (words, country:, actor:, category:) in a worker."""
        text = text.strip()
        if not text:
            self.clear_filter()
            return
        self.app.session.filter_text = text
        self._set_filter_status(f"Filtering: {clean(text)}…")
        entries = self.app.session.filter_base()
        self.app.run_worker(
            lambda: self._run_filter(text, entries), name="run_filter", group="filter", thread=True, exclusive=True
        )

    def _run_filter(self, text: str, entries: list[LibraryEntry]) -> None:
        from newsreader.library import load_document
        from newsreader.present.query import FilterOutcome, filter_library, parse_query

        app = self.app
        worker = get_current_worker()
        feed_terms = app.feeds.filter_terms(text)  # tag: and feed: (ui/feeds_actions.py)
        if feed_terms is not None:
            text, entries, feed_query = feed_terms
            if not text:
                app.call_from_thread(self._filter_done, feed_query, entries, FilterOutcome())
                return
        query: Any = parse_query(text)  # may read the gazetteer: not on the UI thread
        if feed_terms is not None:
            query = feed_terms[2].with_query(query)
        if query.is_empty:
            # Nothing understood ("country:xyz"): say why rather than silently list everything.
            app.call_from_thread(self._filter_unusable, query)
            return
        runner = app.runner
        cached = runner.service().cached if runner.enabled else (lambda d: None)
        outcome = filter_library(
            entries, query, lambda e: load_document(Path(e.path)), cached, lambda: worker.is_cancelled
        )
        if not outcome.cancelled:
            app.call_from_thread(self._filter_done, query, [entries[i] for i in outcome.indices], outcome)

    def _filter_problems(self, query: Any) -> None:
        for problem in query.problems:
            hint = " (a name like France or a code like FRA)" if "country" in problem else ""
            self.app.notify(f"Filter: {clean(problem)}{hint}", severity="warning", markup=False, timeout=6)

    @ui_callback
    def _filter_unusable(self, query: Any) -> None:
        self._filter_problems(query)
        if not query.problems:
            self.clear_filter()
            return
        self._set_filter_status(f"Nothing to filter by: {'; '.join(clean(p) for p in query.problems)}")
        self.app.library_pane.update_title()

    def _set_filter_status(self, text: str) -> None:
        """The filter in force, in full under the filter field (the pane title is too short)."""
        status = self.app.main_screen().query_one("#filter-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    @ui_callback
    def _filter_done(self, query: Any, shown: list[LibraryEntry], outcome: Any) -> None:
        app = self.app
        self._filter_problems(query)
        app.session.set_filter(query, shown)
        app.library_pane.show()
        total = len(app.session.all_entries)
        self._set_filter_status(f"Filter: {clean(query.describe())} · {len(shown):,} of {total:,} match")
        if outcome.unanalysed:
            app.notify(
                f"{outcome.unanalysed} article(s) not analysed yet could not be checked for "
                "country/actor/category (indexing analyses them).",
                markup=False,
                timeout=5,
            )

    def clear_filter(self) -> None:
        """Show the whole library again (esc)."""
        app = self.app
        app.workers.cancel_group(app, "filter")
        bar = app.filter_bar
        was_focused = bar.built and app.focused is bar.input
        bar.display = False
        self._set_filter_status("")
        if app.session.clear_filter():
            app.library_pane.show()
        else:
            app.library_pane.update_title()
        if was_focused:
            app.library.focus()
