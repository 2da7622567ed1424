"""A big library opens an article before all its rows are read, and keeps it open (and the
cursor on it) while the rest arrive and the list sorts itself."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import newsreader.library as library_package
import newsreader.ui.app as app_module
from newsreader.library import sort_entries
from newsreader.model.document import LibraryEntry
from newsreader.present.library_reading import ProgressiveOrder as _ProgressiveOrder
from newsreader.ui.app import NewsreaderApp
from tests.bench.generate import write_library
from uihelp import FakeService, wait_for

FILES = 40
HELD_AFTER = 6  # files read before the test holds the reading


def _held_read_library(monkeypatch):
    """read_library that stops after HELD_AFTER files until ``release`` is set."""
    release = threading.Event()
    real = library_package.read_library

    def held(files, *args, **kwargs):
        for i, rows in enumerate(real(files, *args, **kwargs)):
            if i == HELD_AFTER:
                release.wait(30)
            yield rows

    monkeypatch.setattr(library_package, "read_library", held)
    # the 10,000-file code path on a small library: progress every 3 files, "big" from 10
    monkeypatch.setattr(app_module, "ENTRY_BATCH", 3)
    monkeypatch.setattr(app_module, "EARLY_OPEN_FILES", 10)
    return release


async def test_an_article_opens_before_the_library_is_read_and_stays_open(tmp_path, monkeypatch):
    folder = write_library(tmp_path / "lib", FILES)
    release = _held_read_library(monkeypatch)
    app = NewsreaderApp([str(folder)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        assert not app.library_ready  # the rows are still being read: the article came first
        opened = app.document
        assert app.article.document is opened
        await wait_for(pilot, lambda: app.library.current is not None)
        release.set()
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.pause()
        assert app.document is opened  # not reopened, not replaced by the newest
        index = app.current_index
        assert index is not None and app.library_entries[index].path == opened.path
        assert app.library.current == index and app.library.cursor == index  # the reader did not move
        assert app.library_entries == sort_entries(app.library_entries)  # sorted once all are read
        assert len(app.library_entries) == FILES


async def test_the_article_read_last_time_opens_first(tmp_path, monkeypatch):
    folder = write_library(tmp_path / "lib", FILES)
    files = sorted(str(p) for p in folder.iterdir())
    last = files[FILES // 2]
    from newsreader.state import ReadingState

    reading = ReadingState.load()
    reading.set_last_opened(last)
    release = _held_read_library(monkeypatch)
    monkeypatch.chdir(tmp_path)  # the library named relatively: the state's key is absolute
    app = NewsreaderApp(["lib"], service=FakeService(), index=False, reading=reading)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        relative = str(Path("lib") / Path(last).name)
        assert app.document.path == relative and not app.library_ready
        release.set()
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.pause()
        assert app.document.path == relative
        assert app.library_entries[app.library.cursor].path == relative


def test_progressive_order_is_sort_entries_order():
    rng = random.Random(5)
    entries = []
    for i in range(300):
        date = rng.choice(
            [
                None,
                "2024-01-05",
                "2024-01-05T10:00",
                "2023-12-31",
                "not a date",
                f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            ]
        )
        title = rng.choice(["Alpha", "alpha", "Beta", "ZETA", "Éclair", ""]) + str(rng.randint(0, 3))
        entries.append(LibraryEntry(f"/lib/{i:03d}.md", title, None, date))
    order = _ProgressiveOrder()
    so_far: list[LibraryEntry] = []
    for start in range(0, len(entries), 37):
        so_far.extend(entries[start : start + 37])
        assert order.add(so_far) == sort_entries(so_far)


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Kenya hosts talks</title><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>Kenyan officials met delegates in Nairobi.</description></item>
<item><title>Chile votes</title><pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate>
<description>Chileans voted on Sunday.</description></item>
</channel></rss>
"""


async def test_a_feed_entry_read_last_time_opens_when_its_feed_is_read(tmp_path, monkeypatch):
    folder = write_library(tmp_path / "lib", FILES)
    feed = folder / "zz-wire.xml"  # read last
    feed.write_text(FEED, encoding="utf-8")
    from newsreader.library import read_entries
    from newsreader.state import ReadingState, article_key

    wanted = next(e.path for e in read_entries(str(feed)) if e.title == "Kenya hosts talks")
    reading = ReadingState.load()
    reading.set_last_opened(wanted)
    release = _held_read_library(monkeypatch)
    app = NewsreaderApp([str(folder)], service=FakeService(), index=False, reading=reading)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        assert app.document is None  # not the first file read: the feed's entry is awaited
        release.set()
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        await pilot.pause()
        assert article_key(app.document.path) == article_key(wanted)
        assert app.library_entries[app.library.cursor].path == app.document.path


async def test_a_first_start_paints_the_first_article_before_any_row_is_read(tmp_path, monkeypatch):
    """Nothing read last time and no row cache: the first article of a big library is shown
    with the first frame (the walk stops after EARLY_OPEN_FILES + 1 files), and its analysis
    waits until the first rows are listed."""
    folder = write_library(tmp_path / "lib", FILES)
    first = sorted(str(p) for p in folder.iterdir())[0]
    release = threading.Event()
    real = library_package.read_library

    def held(files, *args, **kwargs):
        release.wait(30)  # no row is read until the test says so
        yield from real(files, *args, **kwargs)

    monkeypatch.setattr(library_package, "read_library", held)
    monkeypatch.setattr(app_module, "ENTRY_BATCH", 3)
    monkeypatch.setattr(app_module, "EARLY_OPEN_FILES", 10)
    service = FakeService(cached=False)
    app = NewsreaderApp([str(folder)], service=service, index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # mounted: the article was opened in start(), before the first frame
        assert app.document is not None and app.document.path == first
        assert app.article.document is app.document
        await pilot.pause()
        assert not app.library_entries and service.analyzed == []  # no row yet, so no analysis
        release.set()
        await wait_for(pilot, lambda: service.analyzed == [first])
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.pause()
        assert app.document.path == first  # kept open, wherever it sorts
        assert app.library_entries[app.library.cursor].path == first
        assert len(app.library_entries) == FILES
