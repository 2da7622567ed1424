"""Feeds and web pages in the reader (issue 19): ``r``/``R``, "Open URL", ``tag:``/``feed:``.

``r`` fetches the feed of the selected article, ``R`` every subscribed feed: in a thread worker
(``library.fetching.refresh``), with a progress bar and the latest per-feed result line under
the library list; failures are notified one per feed. New articles join the library (which is
read again) and are unread until opened. ``O`` (palette: "Open URL") asks for a web page's
address, fetches it in a worker and opens it. The library filter's ``tag:`` and ``feed:`` terms
are answered here (``library.feed_library``). Nothing here touches the network on the UI
thread.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader.paths import fetched_article_dirs
from newsreader.ui import keys
from newsreader.ui.lifecycle import AppPart, ui_callback

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widgets import ProgressBar

    from newsreader.model.document import LibraryEntry
    from newsreader.ui.app import NewsreaderApp

log = logging.getLogger("newsreader.ui")

#: Seconds the progress area stays up after a refresh ends.
PROGRESS_LINGER = 4.0


class FeedQuery:
    """A library filter with ``tag:``/``feed:`` terms: answers like ``present.query.Query`` (to
    which it hands the other terms) and describes itself with the feed terms in front."""

    def __init__(self, terms: Any, problems: tuple[str, ...], query: Any = None) -> None:
        self.terms = terms
        self.problems = problems
        self.query = query

    def with_query(self, query: Any) -> FeedQuery:
        return FeedQuery(self.terms, self.problems, replace(query, problems=tuple(query.problems) + self.problems))

    def __getattr__(self, name: str) -> Any:
        query = self.__dict__.get("query")
        if query is None:
            raise AttributeError(name)
        return getattr(query, name)

    @property
    def is_empty(self) -> bool:
        return False  # the feed terms already chose the articles

    def describe(self) -> str:
        rest = self.query.describe() if self.query is not None else ""
        return " ".join(part for part in (self.terms.describe(), rest) if part)


class FeedsTools(AppPart):
    """``r``/``R``, "Open URL", and the feed terms of the library filter."""

    def __init__(self, app: NewsreaderApp) -> None:
        super().__init__(app)
        self.refreshing = False
        self.results: list[Any] = []  # the last refresh's per-feed results
        self._widgets: tuple[Widget, ProgressBar, Static] | None = None
        self._timer: Timer | None = None

    # ------------------------------------------------------------------ the filter

    def filter_terms(self, text: str) -> tuple[str, list[LibraryEntry], FeedQuery] | None:
        """(other terms, entries of the chosen feeds, query) when ``text`` has ``tag:``/``feed:``
        terms, else None. Reads the urls file and the fetch state: call from a worker."""
        from newsreader.present.query import feed_matcher, split_terms

        terms = split_terms(text)
        if not terms.any and not terms.problems:
            return None
        subscriptions, titles = self._subscriptions_and_titles()
        keep, problems = feed_matcher(terms, subscriptions, titles=titles)
        entries = [e for e in self.app.session.filter_base() if keep(e.path)]
        return terms.rest.strip(), entries, FeedQuery(terms, (*terms.problems, *problems))

    def _subscriptions_and_titles(self) -> tuple[list[Any], dict[str, str]]:
        from newsreader.library.article_store import ArticleStore
        from newsreader.library.subscriptions import load_subscriptions

        subscriptions, _problems = load_subscriptions()
        titles: dict[str, str] = {}
        if subscriptions:
            store = ArticleStore()
            try:
                for sub in subscriptions:
                    info = store.state.feed_info(sub.url) or {}
                    if info.get("title"):
                        titles[sub.url] = info["title"]
            finally:
                store.close()
        return subscriptions, titles

    # ------------------------------------------------------------------ r / R

    def refresh(self, everything: bool = True) -> None:
        """R: fetch every subscribed feed; r: the feed of the selected article."""
        app = self.app
        if self.refreshing:
            app.notify("Already fetching feeds…", markup=False, timeout=2)
            return
        path = None
        if not everything:
            entry = app.session.entry_at(app.library.cursor)
            path = entry.path if entry is not None else None
        self.refreshing = True
        self._show_progress("Fetching feeds…")
        app.run_worker(
            lambda: self._refresh_worker(everything, path),
            name="refresh_worker",
            group="feeds",
            thread=True,
            exclusive=True,
        )

    def _refresh_worker(self, everything: bool, path: str | None) -> None:
        from newsreader.library.feed_library import feed_of, feeds_by_folder
        from newsreader.library.fetching import load_settings, refresh
        from newsreader.library.subscriptions import load_subscriptions

        app = self.app
        worker = get_current_worker()
        try:
            subscriptions, problems = load_subscriptions()
            for problem in problems:
                app.call_from_thread(app.notify, f"urls: {problem}", severity="warning", markup=False, timeout=6)
            if not everything:
                feed = feed_of(path, feeds_by_folder(subscriptions)) if path else None
                if feed is None:
                    all_key = keys.active_keys(app, "refresh-all")
                    app.call_from_thread(
                        self._refresh_finished,
                        [],
                        f"The selected article is not from a subscribed feed; {all_key} fetches every feed.",
                    )
                    return
                subscriptions = [feed]
            if not subscriptions:
                app.call_from_thread(
                    self._refresh_finished,
                    [],
                    "No subscriptions yet: add feeds with 'newsreader feeds add URL' (or put them in the urls file).",
                )
                return
            settings, _notices = load_settings(app.config_path)
            app.call_from_thread(self._progress, 0, len(subscriptions), "")

            def progress(done: int, total: int, result: Any) -> None:
                app.call_from_thread(self._progress, done, total, result.line())

            from newsreader.ui.quit_fast import QuitFastExecutor

            # Daemon threads: q never waits for a slow feed (ui/quit_fast.py).
            results = refresh(
                subscriptions,
                settings,
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
                executor=QuitFastExecutor,
            )
        except Exception as exc:  # a refresh failing must not take the app down
            log.error("refresh failed", exc_info=True)
            app.call_from_thread(self._refresh_finished, [], f"Fetching failed: {type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            app.call_from_thread(self._refresh_finished, results, None)

    def _progress_widgets(self) -> tuple[Widget, ProgressBar, Static]:
        """(area, progress bar, result line) under the library list, made on first use."""
        if self._widgets is not None:
            return self._widgets
        # Imported here: the progress bar costs ~5 ms to import, and most starts never fetch.
        from textual.containers import Vertical
        from textual.widgets import ProgressBar

        bar = ProgressBar(total=None, show_eta=False, id="feeds-bar")
        line = Static(Content(""), id="feeds-line")
        area = Vertical(bar, line, id="feeds-progress")
        self.app.main_screen().query_one("#library-pane").mount(area)
        self._widgets = (area, bar, line)
        return self._widgets

    @ui_callback
    def _show_progress(self, line: str) -> None:
        area, bar, text = self._progress_widgets()
        area.display = True
        if self._timer is not None:
            self._timer.stop()
        bar.update(total=None, progress=0)
        text.update(Content(line))

    @ui_callback
    def _progress(self, done: int, total: int, line: str) -> None:
        _area, bar, text = self._progress_widgets()
        bar.update(total=total, progress=done)
        if line:
            text.update(Content(line))

    @ui_callback
    def _refresh_finished(self, results: list[Any], message: str | None) -> None:
        app = self.app
        self.refreshing = False
        self.results = results
        if message is not None:
            app.notify(message, severity="warning", markup=False, timeout=6)
            self._hide_progress()
            return
        new = sum(len(r.new) for r in results)
        failed = [r for r in results if not r.ok]
        for result in failed:
            app.notify(result.line(), severity="warning", markup=False, timeout=8)
        summary = f"{new} new article{'s' * (new != 1)} from {len(results)} feed{'s' * (len(results) != 1)}"
        if failed:
            summary += f"; {len(failed)} failed"
        self._progress_widgets()[2].update(Content(summary))
        app.notify(summary + ".", markup=False, timeout=4)
        self._timer = app.set_timer(PROGRESS_LINGER, self._hide_progress)
        if new:
            self._library_after_fetch()

    def _hide_progress(self) -> None:
        if self._widgets is not None:
            self._widgets[0].display = False

    def _library_after_fetch(self) -> None:
        """Read the library again so new articles show (the fetched folders join a library
        opened without a path; one opened with paths is told where they are)."""
        app = self.app
        if app.opened_with_paths:
            where = ", ".join(fetched_article_dirs())
            app.notify(
                f"New articles are stored in {where}; run newsreader without a path to read them.",
                markup=False,
                timeout=6,
            )
            return
        missing = [d for d in fetched_article_dirs() if d not in app.paths]
        if missing:
            app.paths = [*app.paths, *missing]
        app.load_library()

    # ------------------------------------------------------------------ Open URL

    def open_web_page(self) -> None:
        """O / palette "Open URL": ask for a page's address, fetch it in a worker, open it."""
        from newsreader.ui.screens.open_url import OpenUrlDialog

        app = self.app

        def chosen(url: str | None) -> None:
            if url:
                app.notify(f"Fetching {url}…", markup=False, timeout=3)
                app.run_worker(
                    lambda: self._open_url_worker(url),
                    name="open_url_worker",
                    group="open-url",
                    thread=True,
                    exclusive=True,
                )

        app.push_screen(OpenUrlDialog(), chosen)

    def _open_url_worker(self, url: str) -> None:
        from newsreader.library.fetching import FetchError, fetch_page, load_settings

        app = self.app
        try:
            settings, _notices = load_settings(app.config_path)
            path = fetch_page(url, settings)
        except FetchError as exc:
            app.call_from_thread(app.notify, f"{url}: {exc}", severity="error", markup=False, timeout=8)
            return
        except Exception as exc:  # one page failing must not take the app down
            log.error("opening %s failed", url, exc_info=True)
            app.call_from_thread(
                app.notify, f"{url}: {type(exc).__name__}: {exc}", severity="error", markup=False, timeout=8
            )
            return
        from newsreader.library import read_entry

        app.call_from_thread(self._show_fetched_page, read_entry(Path(path)))

    @ui_callback
    def _show_fetched_page(self, entry: LibraryEntry) -> None:
        """Put the fetched page at the top of the library (it stays there: pages/ is one of
        the fetched folders) and open it."""
        if self.app.session.add_entry(entry):
            self.app.library_pane.show()
        self.app.open_path(entry.path)
