"""``AnalysisRunner``: who analyses what, and when — the open article first, then the library.

No Textual: the app runs these methods in its thread workers and passes callbacks that hand
results to the event loop. The open article's analysis (``analyse_open``) always goes first:
while it runs (``foreground``), the library indexer (``index``) waits before starting another
article, and a long article is analysed in parts so the open one overtakes it. The indexer
first checks every article against the cache (no spaCy), then analyses the missing ones one at
a time, reporting a progress line with an estimate of the time left. It can be paused for any
number of named reasons (``pause``/``resume``); resuming picks up where it stopped, and a later
run skips everything already cached.

The service is anything with ``AnalysisServicePort``'s shape (``analysis.service.AnalysisService``
or a fake); time and waiting come from a ``Clock``, so tests drive both without sleeping.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newsreader.present.shared_loads import SharedLoads

if TYPE_CHECKING:
    from newsreader.model.analysis import Analysis
    from newsreader.model.document import Document, LibraryEntry

log = logging.getLogger("newsreader.ui")

Countries = Mapping[str, tuple[str, ...]]


class AnalysisServicePort(Protocol):
    """What the runner needs of an analysis service (``AnalysisService`` has it)."""

    @property
    def notices(self) -> list[str]:
        """Problems to tell the reader about (a model that failed to load, a cache problem)."""
        ...

    def cached(self, document: Document) -> Analysis | None:
        """The stored analysis of ``document``, or None (cheap: no spaCy)."""
        ...

    def analyze(self, document: Document) -> Analysis:
        """Analyse ``document`` (blocking) and store the result."""
        ...


@runtime_checkable
class ProgressiveServicePort(AnalysisServicePort, Protocol):
    """A service that can analyse in parts, showing each part as it is done."""

    def analyze_progressive(
        self,
        document: Document,
        on_partial: Callable[[Analysis], None],
        should_stop: Callable[[], bool] | None = None,
    ) -> Analysis:
        """``analyze``, calling ``on_partial`` with what is done so far; ``should_stop`` cuts it short."""
        ...


class Clock(Protocol):
    """Time and waiting, injectable: the real one reads ``time.monotonic`` and blocks."""

    def now(self) -> float:
        """Seconds on a monotonic clock."""
        ...

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for ``event``; whether it is set."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """``event.wait(timeout)``."""
        return event.wait(timeout)


class IndexListener(Protocol):
    """Where the indexer reports (the app forwards each call to the event loop)."""

    def line(self, text: str, progress: tuple[int, int] | None) -> None:
        """A progress line, with (done, total) once articles are being analysed."""
        ...

    def countries(self, countries: Countries) -> None:
        """The countries of articles found analysed (path -> country codes)."""
        ...

    def finished(self, total: int) -> None:
        """Every one of ``total`` articles is analysed (or could not be)."""
        ...


def duration(seconds: float) -> str:
    """ "40 s", "3 min", "2 h 5 min" for an ETA."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def progress_line(done: int, total: int, elapsed: float, analysed: int, missing: int) -> str:
    """ "Analysing ▰▰▱▱▱▱ 12/62 · 3 min left" (the widget drops parts that don't fit);
    ``elapsed`` seconds were spent analysing ``analysed`` of the ``missing`` articles."""
    width = 6
    filled = round(width * done / total) if total else width
    bar = "▰" * filled + "▱" * (width - filled)
    eta = ""
    if analysed:
        left = elapsed / analysed * max(0, missing - analysed)
        eta = f" · {duration(left)} left"
    return f"Analysing {bar} {done:,}/{total:,}{eta}"


def _countries_of(analysis: Analysis | None) -> tuple[str, ...]:
    from newsreader.present.overview import article_countries  # imported in the worker, not at start

    return article_countries(analysis)


def _never() -> bool:
    return False


class AnalysisRunner:
    """The open article's analysis and the library index, over one service and one clock.

    ``service`` is used as given; else ``build`` makes it on first use (once, whichever
    thread asks first); with neither, analysis is off. ``read`` loads a document by path
    (shared with the reader through ``loads``)."""

    #: Seconds between two progress reports while checking the cache.
    CHECK_REPORT_EVERY = 0.25
    #: Seconds between two looks at ``cancelled`` while the indexer waits its turn.
    WAIT_POLL = 0.2
    #: Seconds between two looks while the open article waits for the indexer's claim on it.
    CLAIM_POLL = 0.05

    def __init__(
        self,
        service: AnalysisServicePort | None = None,
        *,
        build: Callable[[], AnalysisServicePort] | None = None,
        read: Callable[[str], Document],
        clock: Clock | None = None,
        loads: SharedLoads[Document] | None = None,
        countries_of: Callable[[Analysis | None], tuple[str, ...]] = _countries_of,
    ) -> None:
        self._service = service
        self._build = build
        self._service_lock = threading.Lock()
        self.read = read
        self.clock: Clock = clock or SystemClock()
        self.loads: SharedLoads[Document] = loads if loads is not None else SharedLoads()
        self.countries_of = countries_of
        #: Set unless the open article is being analysed (the indexer waits while it is clear).
        self.reader_idle = threading.Event()
        self.reader_idle.set()
        self._foreground_lock = threading.Lock()
        self._foreground_count = 0
        self._unpaused = threading.Event()
        self._unpaused.set()
        self._pauses: set[str] = set()
        self._indexer_free = threading.Event()  # clear while the indexer analyses ``indexing_path``
        self._indexer_free.set()
        #: The article the indexer is analysing, if any.
        self.indexing_path: str | None = None
        #: The article the reader is opening or reading (the indexer leaves it to the reader).
        self.open_path: str | None = None
        #: Whether an index run is under way (paused or not).
        self.indexing = False
        #: (articles checked or analysed, total) of the last index run.
        self.progress: tuple[int, int] = (0, 0)

    # ------------------------------------------------------------------ the service

    @property
    def enabled(self) -> bool:
        """Whether there is (or can be) an analysis service."""
        return self._service is not None or self._build is not None

    @property
    def built(self) -> bool:
        """Whether the service exists already (building it may cost a few milliseconds)."""
        return self._service is not None

    def service(self) -> AnalysisServicePort:
        """The service, built on first use; workers may ask at once, it is built once."""
        with self._service_lock:
            if self._service is None:
                if self._build is None:
                    raise RuntimeError("analysis is off")
                self._service = self._build()
            return self._service

    def notices(self) -> list[str]:
        """The service's notices ([] before it is built)."""
        return list(self._service.notices or []) if self._service is not None else []

    # ------------------------------------------------------------------ the open article

    @contextmanager
    def foreground(self) -> Iterator[None]:
        """While the open article is being analysed, the indexer waits between articles."""
        with self._foreground_lock:
            self._foreground_count += 1
            self.reader_idle.clear()
        try:
            yield
        finally:
            with self._foreground_lock:
                self._foreground_count = max(0, self._foreground_count - 1)
                if self._foreground_count == 0:
                    self.reader_idle.set()

    def analyse_open(
        self,
        document: Document,
        *,
        on_analysing: Callable[[], None],
        on_partial: Callable[[Analysis], None],
        cancelled: Callable[[], bool] = _never,
    ) -> Analysis:
        """The open article's analysis: from the cache, else analysed now (``on_analysing``
        first; ``on_partial`` with each part of a long article). Blocking: call from a worker.
        The indexer waits meanwhile; if it is analysing this very article, that is awaited."""
        service = self.service()
        # Claimed before the cache lookup, so the indexer never starts this same article.
        with self.foreground():
            while self.indexing_path == document.path:
                self.clock.wait(self._indexer_free, self.CLAIM_POLL)
            analysis = service.cached(document)
            if analysis is not None:
                return analysis
            on_analysing()
            if isinstance(service, ProgressiveServicePort):
                # Highlights of the first screens appear before a long article is done.
                return service.analyze_progressive(document, on_partial, should_stop=cancelled)
            return service.analyze(document)

    # ------------------------------------------------------------------ pausing

    def pause(self, reason: str) -> None:
        """Hold the indexer between articles for ``reason`` (the article in flight finishes)."""
        self._pauses.add(reason)
        self._unpaused.clear()

    def resume(self, reason: str) -> None:
        """Lift the pause for ``reason``; the indexer goes on once no reason is left."""
        self._pauses.discard(reason)
        if not self._pauses:
            self._unpaused.set()

    @property
    def paused(self) -> bool:
        """Whether any pause holds the indexer."""
        return bool(self._pauses)

    @property
    def running(self) -> bool:
        """An index run is under way and not paused."""
        return self.indexing and not self.paused

    def _wait_turn(self, cancelled: Callable[[], bool]) -> bool:
        """Wait while the open article is analysed or a pause holds; False if cancelled."""
        while not (self.reader_idle.is_set() and self._unpaused.is_set()):
            if cancelled():
                return False
            event = self._unpaused if self.reader_idle.is_set() else self.reader_idle
            self.clock.wait(event, self.WAIT_POLL)
        return not cancelled()

    # ------------------------------------------------------------------ the library index

    def begin_index(self) -> bool:
        """Mark an index run as started; False if one is under way already."""
        if self.indexing:
            return False
        self.indexing = True
        return True

    def end_index(self, total: int | None = None) -> None:
        """The run is over (done, or stopped); ``total`` when every article was covered."""
        self.indexing = False
        if total is not None:
            self.progress = (total, total)

    def index(
        self, entries: Sequence[LibraryEntry], listener: IndexListener, cancelled: Callable[[], bool] = _never
    ) -> None:
        """Analyse every article of ``entries`` not in the cache yet: a cheap pass first (read
        + cache lookup, no spaCy) to find what's missing, then one article at a time, each
        after the open article and any pause. Blocking: call from a worker. Resumable: done
        work is cached, so a later run skips it."""
        missing = self._check(entries, listener, cancelled)
        if missing is None:
            return
        service = self.service()
        total = len(entries)
        done = total - len(missing)
        started = self.clock.now()
        analysed = 0

        def line() -> str:
            return progress_line(done, total, self.clock.now() - started, analysed, len(missing))

        for path in missing:
            if not self._wait_turn(cancelled):
                return
            if path == self.open_path:
                # The reader has opened it meanwhile: its own worker analyses it (nothing to read).
                done += 1
                continue
            try:
                document = self.loads.load(path, self.read, cancelled=cancelled)
                if document is None:
                    return  # cancelled while waiting for the reader's read
                # Claimed first, so the reader's worker waits for it rather than duplicating it;
                # skipped if the reader has opened it meanwhile (the reader's worker does it).
                self._claim(path)
                try:
                    if path != self.open_path and service.cached(document) is None:
                        listener.line(line(), (done, total))
                        if isinstance(service, ProgressiveServicePort):
                            # In parts: the reader's article can overtake a long one between them.
                            analysis = service.analyze_progressive(
                                document, lambda _partial: None, should_stop=cancelled
                            )
                        else:
                            analysis = service.analyze(document)
                        analysed += 1
                        if analysis is not None and analysis.complete:
                            listener.countries({path: self.countries_of(analysis)})
                finally:
                    self._claim(None)
            except Exception:  # an article that fails is skipped, not fatal
                log.warning("indexing: analysing %s failed", path, exc_info=True)
            done += 1
            self.progress = (done, total)
            listener.line(line(), (done, total))
        listener.finished(total)

    def _claim(self, path: str | None) -> None:
        self.indexing_path = path
        (self._indexer_free.clear if path is not None else self._indexer_free.set)()

    def _check(
        self, entries: Sequence[LibraryEntry], listener: IndexListener, cancelled: Callable[[], bool]
    ) -> list[str] | None:
        """The paths of ``entries`` with no cached analysis (None if cancelled); the countries
        of those found analysed go to the listener on the way."""
        service = self.service()
        total = len(entries)
        missing: list[str] = []
        countries: dict[str, tuple[str, ...]] = {}  # sent in batches
        last: float | None = None
        for i, entry in enumerate(entries):
            if cancelled():
                return None
            if entry.status == "error":
                continue
            try:
                # The open article: the reader's read (under way or done), not a second parse.
                document = self.loads.load(entry.path, self.read, cancelled=cancelled)
                if document is None:
                    return None  # cancelled while waiting for the reader's read
                if document.status != "error" and document.text.strip():
                    cached = service.cached(document)
                    if cached is None:
                        missing.append(entry.path)
                    elif cached.complete:
                        countries[entry.path] = self.countries_of(cached)
            except Exception:  # one bad file never stops the index
                log.warning("indexing: reading %s failed", entry.path, exc_info=True)
            now = self.clock.now()
            if last is None or now - last > self.CHECK_REPORT_EVERY:
                last = now
                listener.line(f"Checking {i + 1:,}/{total:,}", None)
                if countries:
                    listener.countries(countries)
                    countries = {}
        if countries:
            listener.countries(countries)
        return missing
