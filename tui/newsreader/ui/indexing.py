"""Library-wide indexing: the reader's background analysis of every article not cached yet.

After the library is listed (and the open article is analysed), a thread worker reads each
article and asks the cache (no spaCy); then it analyses the missing ones one at a time, with a
progress line and an estimate of the time left at the foot of the library pane. The article
being read always goes first: while its analysis runs (``foreground``), the indexer waits before
starting another article, and a long article is analysed in parts so the open one overtakes it.
``I`` pauses and resumes; resuming skips everything already cached, so a later run or a resume
picks up where the last one stopped. Nothing is indexed without the cache (``--no-cache``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader.ui import keys
from newsreader.ui.lifecycle import ui_callback

if TYPE_CHECKING:
    from newsreader.model.document import LibraryEntry

log = logging.getLogger("newsreader.ui")

#: Seconds after the library is listed before indexing starts anyway (it normally starts once
#: the open article's analysis is shown, so it never competes with the first article).
INDEX_DELAY = 2.0


class SharedLoads:
    """Articles being read, by path, so the reader and the indexer never parse one file twice.

    ``load`` joins a read of the same path already under way in another thread (waiting for
    its result) instead of starting a second one. The reader's last document is also kept
    (``keep``) for the indexer, which would otherwise parse the open article again; the
    reader itself always reads afresh (``fresh``: the file may have changed since). Only the
    reads in flight and that one document are held."""

    class _Load:
        def __init__(self, path: str) -> None:
            self.path = path
            self.done = threading.Event()
            self.document: object = None

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loads: dict[str, SharedLoads._Load] = {}
        self._kept: SharedLoads._Load | None = None

    def load(self, path: str, read, *, keep: bool = False, fresh: bool = False, cancelled=lambda: False):
        """``read(path)``, or the result of the same read already under way (or kept); None if
        ``cancelled()`` while waiting for another thread's read."""
        with self._lock:
            load = self._loads.get(path)
            if load is None and not fresh and self._kept is not None and self._kept.path == path:
                return self._kept.document
            owner = load is None
            if owner:
                load = self._loads[path] = SharedLoads._Load(path)
        if not owner:
            while not load.done.wait(0.05):
                if cancelled():
                    return None
            return load.document
        try:
            load.document = read(path)
        finally:
            load.done.set()
            with self._lock:
                if self._loads.get(path) is load:
                    del self._loads[path]
                if keep:
                    self._kept = load
        return load.document


class IndexingMixin:
    """The indexer's half of ``NewsreaderApp`` (call ``_init_indexing`` from ``__init__``)."""

    def _init_indexing(self, enabled: bool) -> None:
        self.index_enabled = enabled
        self.indexing = False
        self._index_auto_started = False
        self.index_progress: tuple[int, int] = (0, 0)  # articles checked or analysed, total
        self._reader_idle = threading.Event()  # cleared while the open article is analysed
        self._reader_idle.set()
        self._foreground_lock = threading.Lock()
        self._foreground_count = 0
        self._open_path: str | None = None  # the article being opened or read
        self._loads = SharedLoads()  # the reader's and the indexer's reads of one file are one
        self._indexing_path: str | None = None  # the article the indexer is analysing

    @contextmanager
    def _foreground(self) -> Iterator[None]:
        """While the open article is being analysed, the indexer waits between articles."""
        with self._foreground_lock:
            self._foreground_count += 1
            self._reader_idle.clear()
        try:
            yield
        finally:
            with self._foreground_lock:
                self._foreground_count -= 1
                if self._foreground_count <= 0:
                    self._foreground_count = 0
                    self._reader_idle.set()

    def _index_wanted(self) -> bool:
        # Without the cache an index would be thrown away; with analysis off there is none.
        return self.index_enabled and self.use_cache and self._service is not False

    @ui_callback
    def _auto_index(self) -> None:
        """Start indexing once per run on its own (after that only I starts it again)."""
        if not self._index_auto_started:
            self._index_auto_started = True
            self._start_indexing()

    def _start_indexing(self) -> None:
        if not self._index_wanted() or self.indexing or not self._all_entries:
            return
        self.indexing = True
        self._index_library(list(self._all_entries))

    def _stop_indexing(self) -> None:
        self.workers.cancel_group(self, "indexing")
        self.indexing = False

    @work(thread=True, exclusive=True, group="indexing")
    def _index_library(self, entries: list[LibraryEntry]) -> None:
        """Analyse every article not in the cache yet, oldest work last: first a cheap pass
        (read + cache lookup, no spaCy) to find what's missing, then one article at a time,
        waiting whenever the open article is being analysed. Resumable: done work is cached."""
        from newsreader.library import load_document

        def read(path: str):
            return load_document(Path(path))

        worker = get_current_worker()
        service = self._get_service()
        total = len(entries)
        from newsreader.present.overview import article_countries

        missing: list[str] = []
        countries: dict[str, tuple[str, ...]] = {}  # sent to the list in batches
        last = 0.0
        for i, entry in enumerate(entries):
            if worker.is_cancelled:
                return
            if getattr(entry.status, "value", entry.status) == "error":
                continue
            try:
                # The open article: the reader's read (under way or done), not a second parse.
                document = self._loads.load(entry.path, read, cancelled=lambda: worker.is_cancelled)
                if document is None:
                    return  # cancelled while waiting for the reader's read
                if document.status != "error" and document.text.strip():
                    cached = service.cached(document)
                    if cached is None:
                        missing.append(entry.path)
                    elif cached.complete:
                        countries[entry.path] = article_countries(cached)
            except Exception:  # noqa: BLE001 - one bad file never stops the index
                log.warning("indexing: reading %s failed", entry.path, exc_info=True)
            now = time.monotonic()
            if now - last > 0.25:
                last = now
                self.call_from_thread(self._index_report, f"Checking {i + 1:,}/{total:,}", None)
                if countries:
                    self.call_from_thread(self.set_countries, countries)
                    countries = {}
        if countries:
            self.call_from_thread(self.set_countries, countries)
        done = total - len(missing)
        started = time.monotonic()
        analysed = 0
        for path in missing:
            # The reader's article first: wait while it is being analysed.
            while not self._reader_idle.wait(0.2):
                if worker.is_cancelled:
                    return
            if worker.is_cancelled:
                return
            if path == self._open_path:
                # The reader has opened it meanwhile: its own worker analyses it (nothing to read).
                done += 1
                continue
            try:
                document = self._loads.load(path, read, cancelled=lambda: worker.is_cancelled)
                if document is None:
                    return
                # Claimed first, so the reader's worker waits for it rather than duplicating it;
                # skipped if the reader has opened it meanwhile (the reader's worker does it).
                self._indexing_path = path
                try:
                    if path != self._open_path and service.cached(document) is None:
                        self.call_from_thread(self._index_report, self._index_line(done, total, started, analysed, len(missing)), (done, total))
                        progressive = getattr(service, "analyze_progressive", None)
                        if callable(progressive):
                            # In parts: the reader's article can overtake a long one between them.
                            analysis = progressive(document, lambda _partial: None, should_stop=lambda: worker.is_cancelled)
                        else:
                            analysis = service.analyze(document)
                        analysed += 1
                        if analysis is not None and getattr(analysis, "complete", False):
                            self.call_from_thread(self.set_countries, {path: article_countries(analysis)})
                finally:
                    self._indexing_path = None
            except Exception:  # noqa: BLE001 - an article that fails is skipped, not fatal
                log.warning("indexing: analysing %s failed", path, exc_info=True)
            done += 1
            self.call_from_thread(self._index_report, self._index_line(done, total, started, analysed, len(missing)), (done, total))
        self.call_from_thread(self._index_finished, total)

    @staticmethod
    def _index_line(done: int, total: int, started: float, analysed: int, missing: int) -> str:
        """"Analysing ▰▰▱▱▱▱ 12/62 · 3 min left" (the widget drops parts that don't fit)."""
        width = 6
        filled = round(width * done / total) if total else width
        bar = "▰" * filled + "▱" * (width - filled)
        eta = ""
        if analysed:
            left = (time.monotonic() - started) / analysed * max(0, missing - analysed)
            eta = f" · {duration(left)} left"
        return f"Analysing {bar} {done:,}/{total:,}{eta}"

    @ui_callback
    def _index_report(self, line: str, progress: tuple[int, int] | None) -> None:
        if not self.indexing:
            return
        if progress is not None:
            self.index_progress = progress
        widget = self._main().query_one("#index-status", Static)
        widget.display = True
        room = widget.content_size.width or 28
        if len(line) > room:
            # A narrow pane keeps the count and the time left; the words and the bar go first.
            line = line.removeprefix("Analysing ")
            if len(line) > room:
                line = line.split(" ", 1)[1] if " " in line else line
        widget.update(Content(line))

    @ui_callback
    def _index_finished(self, total: int) -> None:
        self.indexing = False
        self.index_progress = (total, total)
        widget = self._main().query_one("#index-status", Static)
        widget.update(Content(f"All {total:,} articles analysed" if total != 1 else "The article is analysed"))
        self.set_timer(4, lambda: setattr(widget, "display", False) if not self.indexing else None)

    def action_toggle_indexing(self) -> None:
        """I: pause the library-wide analysis, or resume it (it picks up where it stopped)."""
        widget = self._main().query_one("#index-status", Static)
        if self.indexing:
            self._stop_indexing()
            widget.display = True
            key = keys.active_keys(self, "indexing")
            widget.update(Content(f"Library analysis paused · {key} resumes"))
            self.notify(f"Library analysis paused ({key} resumes).", markup=False, timeout=2)
        elif not self._index_wanted():
            self.notify("Indexing needs the analysis cache (it is off with --no-cache).", markup=False, timeout=3)
        elif not self.library_ready:
            self.notify("The library is still loading.", markup=False, timeout=2)
        else:
            self._start_indexing()
            widget.display = True
            widget.update(Content("Library analysis resumed…"))


def duration(seconds: float) -> str:
    """"40 s", "3 min", "2 h 5 min" for an ETA."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
