"""The analysis runner without Textual, threads or sleeps: a fake clock decides what happens
while the indexer waits, a fake service records what it was asked to analyse."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from contextlib import ExitStack

from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata
from newsreader.present.analysis_runner import (
    AnalysisRunner,
    AnalysisServicePort,
    ProgressiveServicePort,
    duration,
    progress_line,
)


class FakeClock:
    """Time moves only when told; ``wait`` runs ``on_wait`` (the other thread's move) instead of blocking."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.waits: list[float] = []
        self.on_wait: Callable[[], None] = lambda: None

    def now(self) -> float:
        return self.t

    def wait(self, event: threading.Event, timeout: float) -> bool:
        self.waits.append(timeout)
        self.t += timeout
        self.on_wait()
        return event.is_set()


class FakeService:
    """A memory cache; ``analyze`` records the path and may run ``during`` (the reader acting meanwhile)."""

    def __init__(self, clock: FakeClock | None = None, seconds: float = 0.0) -> None:
        self.store: dict[str, Analysis] = {}
        self.analyzed: list[str] = []
        self.notices: list[str] = []
        self.clock = clock
        self.seconds = seconds
        self.during: Callable[[str], None] = lambda path: None

    def cached(self, document: Document) -> Analysis | None:
        return self.store.get(document.path)

    def analyze(self, document: Document) -> Analysis:
        self.analyzed.append(document.path)
        self.during(document.path)
        if self.clock is not None:
            self.clock.t += self.seconds
        result = Analysis(model="fake")
        self.store[document.path] = result
        return result


class ProgressiveFake(FakeService):
    def analyze_progressive(
        self, document: Document, on_partial: Callable[[Analysis], None], should_stop: Callable[[], bool] | None = None
    ) -> Analysis:
        on_partial(Analysis(model="fake", complete=False))
        return self.analyze(document)


class Listener:
    def __init__(self) -> None:
        self.lines: list[tuple[str, tuple[int, int] | None]] = []
        self.found: list[dict[str, tuple[str, ...]]] = []
        self.done: list[int] = []

    def line(self, text: str, progress: tuple[int, int] | None) -> None:
        self.lines.append((text, progress))

    def countries(self, countries: Mapping[str, tuple[str, ...]]) -> None:
        self.found.append(dict(countries))

    def finished(self, total: int) -> None:
        self.done.append(total)


def _doc(path: str) -> Document:
    return Document(path=path, text=f"Text of {path}.", blocks=[], meta=Metadata(title=path))


def _entries(n: int) -> list[LibraryEntry]:
    return [LibraryEntry(path=f"/lib/{i}.md", title=str(i)) for i in range(n)]


def _runner(service: AnalysisServicePort, clock: FakeClock) -> AnalysisRunner:
    return AnalysisRunner(service, read=_doc, clock=clock, countries_of=lambda analysis: ("FRA",))


def test_the_index_analyses_each_uncached_article_once_and_reports():
    clock = FakeClock()
    service = FakeService()
    service.store["/lib/1.md"] = Analysis(model="fake")  # cached already
    runner = _runner(service, clock)
    listener = Listener()
    assert runner.begin_index() and not runner.begin_index()  # one run at a time
    runner.index(_entries(3), listener)
    assert service.analyzed == ["/lib/0.md", "/lib/2.md"]
    assert listener.done == [3] and runner.progress == (3, 3)
    assert listener.lines[0] == ("Checking 1/3", None)
    assert listener.lines[-1][1] == (3, 3)
    # The cached article's countries come from the check, the others' as they are analysed.
    assert {"/lib/1.md": ("FRA",)} in listener.found and {"/lib/2.md": ("FRA",)} in listener.found
    runner.end_index(3)
    assert not runner.indexing
    runner.index(_entries(3), Listener())  # a second run finds everything cached
    assert service.analyzed == ["/lib/0.md", "/lib/2.md"]


def test_error_rows_and_the_open_article_are_left_alone():
    clock = FakeClock()
    service = FakeService()
    runner = _runner(service, clock)
    entries = _entries(3)
    entries[0].status = DocStatus.ERROR
    runner.open_path = "/lib/2.md"  # the reader's own worker analyses it
    listener = Listener()
    runner.index(entries, listener)
    assert service.analyzed == ["/lib/1.md"] and listener.done == [3]


def test_the_indexer_waits_while_the_open_article_is_analysed():
    clock = FakeClock()
    service = FakeService()
    runner = _runner(service, clock)
    seen_while_waiting: list[list[str]] = []
    with ExitStack() as reader:
        reader.enter_context(runner.foreground())
        assert not runner.reader_idle.is_set()

        def reader_finishes() -> None:
            seen_while_waiting.append(list(service.analyzed))
            if len(clock.waits) == 3:
                reader.close()  # the open article's analysis is done

        clock.on_wait = reader_finishes
        runner.index(_entries(2), Listener())
    assert seen_while_waiting == [[], [], []]  # nothing analysed while the reader's article was
    assert runner.reader_idle.is_set() and service.analyzed == ["/lib/0.md", "/lib/1.md"]


def test_a_pause_holds_the_indexer_between_articles_until_every_reason_is_lifted():
    clock = FakeClock()
    service = FakeService()
    runner = _runner(service, clock)
    runner.begin_index()

    def user_starts_typing(path: str) -> None:
        if path == "/lib/0.md":
            runner.pause("typing")
            runner.pause("asked")

    service.during = user_starts_typing
    analysed_during_pause: list[int] = []

    def time_passes() -> None:
        analysed_during_pause.append(len(service.analyzed))
        assert not runner.running
        if len(clock.waits) == 2:
            runner.resume("asked")  # one reason gone: still paused
        if len(clock.waits) == 4:
            runner.resume("typing")

    clock.on_wait = time_passes
    listener = Listener()
    runner.index(_entries(3), listener)
    assert analysed_during_pause == [1, 1, 1, 1]  # the article in flight finished, no other began
    assert service.analyzed == ["/lib/0.md", "/lib/1.md", "/lib/2.md"] and listener.done == [3]
    assert runner.running and not runner.paused


def test_cancelling_a_paused_index_ends_it_without_finishing():
    clock = FakeClock()
    service = FakeService()
    runner = _runner(service, clock)
    runner.pause("asked")
    cancelled = False

    def quit_meanwhile() -> None:
        nonlocal cancelled
        cancelled = True

    clock.on_wait = quit_meanwhile
    listener = Listener()
    runner.index(_entries(2), listener, cancelled=lambda: cancelled)
    assert service.analyzed == [] and listener.done == []


def test_the_time_left_comes_from_the_clock():
    clock = FakeClock()
    service = FakeService(clock, seconds=60.0)  # a minute per article
    runner = _runner(service, clock)
    listener = Listener()
    runner.index(_entries(4), listener)
    analysing = [text for text, progress in listener.lines if progress is not None]
    assert analysing[0] == "Analysing ▱▱▱▱▱▱ 0/4"
    assert analysing[1] == "Analysing ▰▰▱▱▱▱ 1/4 · 3 min left"
    assert analysing[-1] == "Analysing ▰▰▰▰▰▰ 4/4 · 0 s left"


def test_the_open_article_comes_from_the_cache_or_is_analysed_in_parts():
    clock = FakeClock()
    service = ProgressiveFake()
    assert isinstance(service, ProgressiveServicePort)
    runner = _runner(service, clock)
    events: list[str] = []
    service.during = lambda path: events.append("idle" if runner.reader_idle.is_set() else "foreground")
    document = _doc("/lib/open.md")
    first = runner.analyse_open(
        document, on_analysing=lambda: events.append("analysing"), on_partial=lambda a: events.append("partial")
    )
    # The indexer is held (reader_idle clear) while the open article is analysed.
    assert events == ["analysing", "partial", "foreground"] and service.analyzed == ["/lib/open.md"]
    again = runner.analyse_open(document, on_analysing=lambda: events.append("again"), on_partial=lambda a: None)
    assert again is first and len(events) == 3  # cached: no second analysis
    assert runner.reader_idle.is_set()  # the foreground is over


def test_the_open_article_waits_for_the_indexer_analysing_it():
    clock = FakeClock()
    service = FakeService()
    runner = _runner(service, clock)
    runner.indexing_path = "/lib/open.md"  # the indexer claimed it a moment ago

    def indexer_finishes() -> None:
        service.store["/lib/open.md"] = Analysis(model="indexer")
        runner.indexing_path = None

    clock.on_wait = indexer_finishes
    analysis = runner.analyse_open(_doc("/lib/open.md"), on_analysing=lambda: None, on_partial=lambda a: None)
    assert analysis.model == "indexer" and service.analyzed == []  # the indexer's result, not a second run
    assert clock.waits == [AnalysisRunner.CLAIM_POLL]


def test_the_service_is_built_once_and_only_when_asked():
    builds: list[int] = []

    def build() -> AnalysisServicePort:
        builds.append(1)
        return FakeService()

    runner = AnalysisRunner(build=build, read=_doc, clock=FakeClock())
    assert runner.enabled and not runner.built and runner.notices() == []
    assert runner.service() is runner.service() and builds == [1] and runner.built
    off = AnalysisRunner(read=_doc)
    assert not off.enabled


def test_the_real_service_has_the_runners_interface():
    from newsreader.analysis.service import AnalysisService

    service: AnalysisServicePort = AnalysisService(use_cache=False)
    assert isinstance(service, ProgressiveServicePort)


def test_progress_lines_and_durations_read_naturally():
    assert progress_line(0, 0, 0.0, 0, 0) == "Analysing ▰▰▰▰▰▰ 0/0"
    assert progress_line(3, 6, 120.0, 2, 5) == "Analysing ▰▰▰▱▱▱ 3/6 · 3 min left"
    assert [duration(s) for s in (-3, 5, 3600)] == ["0 s", "5 s", "1 h 0 min"]
