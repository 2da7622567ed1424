"""The indexer never parses the article the reader is loading or has loaded: it joins the
reader's read (counted: one load_document call per file and reason, no clock involved)."""

from __future__ import annotations

import threading
from collections import Counter

import newsreader.library as library_package
from newsreader.present.shared_loads import SharedLoads
from newsreader.ui.app import NewsreaderApp
from test_indexing import CachingService
from uihelp import wait_for, write_library


async def test_the_open_article_is_parsed_once_while_the_indexer_runs(tmp_path, monkeypatch):
    files = write_library(tmp_path, 4)
    opened = str(files[-1])  # the newest: opened first
    loads: Counter[str] = Counter()
    release = threading.Event()
    real = library_package.load_document

    def counting_load(path, *args, **kwargs):
        loads[str(path)] += 1
        if str(path) == opened:
            release.wait(30)  # the reader's read is slow (a big web page)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(library_package, "load_document", counting_load)
    service = CachingService()
    app = NewsreaderApp([str(tmp_path)], service=service)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and loads[opened] == 1)
        app._start_indexing()  # the indexer runs while the reader's read is under way
        # it checks the articles in list order: the open (newest) one first, so it is waiting on it
        await wait_for(pilot, lambda: app.indexing)
        await pilot.pause(0.3)
        release.set()
        await wait_for(pilot, lambda: app.analysis is not None and not app.indexing)
        assert app.document.path == opened
        assert loads[opened] == 1, f"the open article was parsed {loads[opened]} times"
        assert sorted(service.analyzed) == sorted(str(f) for f in files)  # each analysed once
        # I again: the open article (cached now) is checked from the reader's document
        before = loads[opened]
        app.action_toggle_indexing()
        await wait_for(pilot, lambda: not app.indexing)
        assert loads[opened] == before


def test_shared_loads_join_reads_in_flight_and_keep_the_readers():
    reads: Counter[str] = Counter()
    started, go = threading.Event(), threading.Event()

    def slow_read(path):
        reads[path] += 1
        started.set()
        go.wait(10)
        return f"doc {path} #{reads[path]}"

    loads = SharedLoads()
    results = {}
    reader = threading.Thread(
        target=lambda: results.setdefault("reader", loads.load("a", slow_read, keep=True, fresh=True))
    )
    reader.start()
    started.wait(10)
    indexer = threading.Thread(target=lambda: results.setdefault("indexer", loads.load("a", slow_read)))
    indexer.start()
    go.set()
    reader.join(10)
    indexer.join(10)
    assert reads["a"] == 1 and results == {"reader": "doc a #1", "indexer": "doc a #1"}
    assert loads.load("a", slow_read) == "doc a #1"  # kept: the indexer reuses the reader's
    assert loads.load("a", slow_read, fresh=True) == "doc a #2"  # the reader reads again
    assert loads.load("b", slow_read) == "doc b #1" and loads.load("b", slow_read) == "doc b #2"  # not kept
    assert loads.load("c", slow_read, cancelled=lambda: True) == "doc c #1"  # cancel only stops a wait
