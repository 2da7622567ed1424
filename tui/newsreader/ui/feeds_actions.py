"""The ``NewsreaderApp`` half that fetches feeds and pages (issue 19).

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
from typing import Any

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader.paths import fetched_article_dirs
from newsreader.ui.lifecycle import ui_callback

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

    def with_query(self, query: Any) -> "FeedQuery":
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


class FeedsMixin:
    """``r``/``R``, "Open URL", and the feed terms of the library filter."""

    # ------------------------------------------------------------------ the filter

    def feed_filter_terms(self, text: str) -> tuple[str, list, FeedQuery] | None:
        """(other terms, entries of the chosen feeds, query) when ``text`` has ``tag:``/``feed:``
        terms, else None. Reads the urls file and the fetch state: call from a worker."""
        from newsreader.present.query import feed_matcher, split_terms

        terms = split_terms(text)
        if not terms.any and not terms.problems:
            return None
        subscriptions, titles = self._subscriptions_and_titles()
        keep, problems = feed_matcher(terms, subscriptions, titles=titles)
        entries = [e for e in list(self._all_entries or self.library_entries) if keep(e.path)]
        return terms.rest.strip(), entries, FeedQuery(terms, (*terms.problems, *problems))

    def _subscriptions_and_titles(self) -> tuple[list, dict[str, str]]:
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

    def action_refresh_feeds(self, everything: bool = True) -> None:
        """R: fetch every subscribed feed; r: the feed of the selected article."""
        if getattr(self, "_refreshing", False):
            self.notify("Already fetching feeds…", markup=False, timeout=2)
            return
        path = None
        if not everything:
            entries = self.library_entries
            cursor = self.library.cursor
            path = entries[cursor].path if entries and 0 <= cursor < len(entries) else None
        self._refreshing = True
        self._show_feed_progress("Fetching feeds…")
        self._refresh_worker(everything, path)

    @work(thread=True, exclusive=True, group="feeds")
    def _refresh_worker(self, everything: bool, path: str | None) -> None:
        from newsreader.library.feed_library import feed_of, feeds_by_folder
        from newsreader.library.fetching import load_settings, refresh
        from newsreader.library.subscriptions import load_subscriptions

        worker = get_current_worker()
        try:
            subscriptions, problems = load_subscriptions()
            for problem in problems:
                self.call_from_thread(self.notify, f"urls: {problem}", severity="warning", markup=False, timeout=6)
            if not everything:
                feed = feed_of(path, feeds_by_folder(subscriptions)) if path else None
                if feed is None:
                    all_key = self._key_named("refresh-all")
                    self.call_from_thread(self._refresh_finished, [], "The selected article is not from a "
                                          f"subscribed feed; {all_key} fetches every feed.")
                    return
                subscriptions = [feed]
            if not subscriptions:
                self.call_from_thread(self._refresh_finished, [], "No subscriptions yet: add feeds with "
                                      "'newsreader feeds add URL' (or put them in the urls file).")
                return
            settings, _notices = load_settings(getattr(self, "config_path", None))
            self.call_from_thread(self._feed_progress, 0, len(subscriptions), "")

            def progress(done: int, total: int, result: Any) -> None:
                self.call_from_thread(self._feed_progress, done, total, result.line())

            from newsreader.ui.quit_fast import QuitFastExecutor

            # Daemon threads: q never waits for a slow feed (ui/quit_fast.py).
            results = refresh(subscriptions, settings, progress=progress, cancelled=lambda: worker.is_cancelled,
                              executor=QuitFastExecutor)
        except Exception as exc:  # noqa: BLE001 - a refresh failing must not take the app down
            log.error("refresh failed", exc_info=True)
            self.call_from_thread(self._refresh_finished, [], f"Fetching failed: {type(exc).__name__}: {exc}")
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._refresh_finished, results, None)

    def _key_named(self, binding_id: str) -> str:
        from newsreader.ui import keys

        return keys.active_keys(self, binding_id)

    def _progress_widgets(self) -> tuple[Any, Any, Static]:
        """(area, progress bar, result line) under the library list, made on first use."""
        widgets = getattr(self, "_feeds_widgets", None)
        if widgets is not None:
            return widgets
        # Imported here: the progress bar costs ~5 ms to import, and most starts never fetch.
        from textual.containers import Vertical
        from textual.widgets import ProgressBar

        bar = ProgressBar(total=None, show_eta=False, id="feeds-bar")
        line = Static(Content(""), id="feeds-line")
        area = Vertical(bar, line, id="feeds-progress")
        self._main().query_one("#library-pane").mount(area)
        self._feeds_widgets = (area, bar, line)
        return self._feeds_widgets

    @ui_callback
    def _show_feed_progress(self, line: str) -> None:
        area, bar, text = self._progress_widgets()
        area.display = True
        timer = getattr(self, "_progress_timer", None)
        if timer is not None:
            timer.stop()
        bar.update(total=None, progress=0)
        text.update(Content(line))

    @ui_callback
    def _feed_progress(self, done: int, total: int, line: str) -> None:
        _area, bar, text = self._progress_widgets()
        bar.update(total=total, progress=done)
        if line:
            text.update(Content(line))

    @ui_callback
    def _refresh_finished(self, results: list, message: str | None) -> None:
        self._refreshing = False
        self.feed_results = results
        if message is not None:
            self.notify(message, severity="warning", markup=False, timeout=6)
            self._hide_feed_progress()
            return
        new = sum(len(r.new) for r in results)
        failed = [r for r in results if not r.ok]
        for result in failed:
            self.notify(result.line(), severity="warning", markup=False, timeout=8)
        summary = f"{new} new article{'s' * (new != 1)} from {len(results)} feed{'s' * (len(results) != 1)}"
        if failed:
            summary += f"; {len(failed)} failed"
        self._progress_widgets()[2].update(Content(summary))
        self.notify(summary + ".", markup=False, timeout=4)
        self._progress_timer = self.set_timer(PROGRESS_LINGER, self._hide_feed_progress)
        if new:
            self._library_after_fetch()

    def _hide_feed_progress(self) -> None:
        widgets = getattr(self, "_feeds_widgets", None)
        if widgets is not None:
            widgets[0].display = False

    def _library_after_fetch(self) -> None:
        """Read the library again so new articles show (the fetched folders join a library
        opened without a path; one opened with paths is told where they are)."""
        if getattr(self, "opened_with_paths", False):
            where = ", ".join(fetched_article_dirs())
            self.notify(f"New articles are stored in {where}; run newsreader without a path to read them.",
                        markup=False, timeout=6)
            return
        wanted = fetched_article_dirs()
        missing = [d for d in wanted if d not in self.paths]
        if missing:
            self.paths = [*self.paths, *missing]
        self._load_library()

    # ------------------------------------------------------------------ Open URL

    def action_open_web_page(self) -> None:
        """O / palette "Open URL": ask for a page's address, fetch it in a worker, open it."""
        from newsreader.ui.screens.open_url import OpenUrlDialog

        def chosen(url: str | None) -> None:
            if url:
                self.notify(f"Fetching {url}…", markup=False, timeout=3)
                self._open_url_worker(url)

        self.push_screen(OpenUrlDialog(), chosen)

    @work(thread=True, exclusive=True, group="open-url")
    def _open_url_worker(self, url: str) -> None:
        from newsreader.library.fetching import FetchError, fetch_page, load_settings

        try:
            settings, _notices = load_settings(getattr(self, "config_path", None))
            path = fetch_page(url, settings)
        except FetchError as exc:
            self.call_from_thread(self.notify, f"{url}: {exc}", severity="error", markup=False, timeout=8)
            return
        except Exception as exc:  # noqa: BLE001 - one page failing must not take the app down
            log.error("opening %s failed", url, exc_info=True)
            self.call_from_thread(self.notify, f"{url}: {type(exc).__name__}: {exc}", severity="error",
                                  markup=False, timeout=8)
            return
        from newsreader.library import read_entry

        self.call_from_thread(self._show_fetched_page, read_entry(Path(path)))

    @ui_callback
    def _show_fetched_page(self, entry: Any) -> None:
        """Put the fetched page at the top of the library (it stays there: pages/ is one of
        the fetched folders) and open it."""
        if not any(e.path == entry.path for e in self._all_entries):
            self._all_entries = [entry, *self._all_entries]
            self.show_library()
        self.open_path(entry.path)
