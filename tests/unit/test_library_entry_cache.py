"""read_library: the same rows as read_entries, answered from the cache for unchanged files."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from newsreader.library import discover, entry_cache, loading, read_entries, read_entry, read_library
from newsreader.library.entry_cache import EntryCache
from newsreader.model.document import DocStatus

FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Kenya hosts talks</title><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>Kenyan officials met delegates in Nairobi.</description></item>
<item><title>Chile votes</title><pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate>
<description>Chileans voted on Sunday.</description></item>
</channel></rss>
"""


def _rows(per_file) -> list:
    return [row for rows in per_file for row in rows]


def _age(path: Path, seconds: float = 60) -> None:
    """Make a file look written a while ago (files changed just now are not stored)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _library(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.md").write_text("# Talks in *Nairobi*\nsource: Wire\ndate: 2024-06-03\n\nKenya hosted talks.\n")
    (folder / "b.txt").write_text("Chile votes\n\nChileans voted on Sunday.\n")
    (folder / "c.md").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (folder / "d.rss").write_bytes(FEED)
    (folder / "e.md").write_text("")
    sub = folder / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "f.md").write_text("---\ntitle: Front matter title\ndate: 3 June 2024\n---\n\nBody text.\n")
    for path in [*folder.iterdir(), *sub.iterdir()]:
        if path.is_file():
            _age(path)
    return discover([folder])[0]


def _expected(files: list[Path], expand: bool = True) -> list:
    return [row for f in files for row in (read_entries(f) if expand else [read_entry(f)])]


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = loading.read_entries

    def counting(path):
        calls.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(loading, "read_entries", counting)
    return calls


def test_rows_equal_read_entries_cold_and_warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _library(tmp_path / "lib")
    expected = _expected(files)
    assert any("#" in row.path for row in expected) and any(row.status is DocStatus.ERROR for row in expected)
    calls = _count_reads(monkeypatch)
    assert _rows(read_library(files)) == expected
    assert len(calls) == len(files)
    calls.clear()
    assert _rows(read_library(files)) == expected
    # only the error rows (binary file) are read again; they are never stored
    assert calls == [str(tmp_path / "lib" / "c.md")]


def test_without_feed_expansion_rows_equal_read_entry(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    assert _rows(read_library(files)) == _expected(files)  # fills the cache in the expanded form
    assert _rows(read_library(files, expand_feeds=False)) == _expected(files, expand=False)
    assert _rows(read_library(files, expand_feeds=False)) == _expected(files, expand=False)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    _rows(read_library(files))
    path = tmp_path / "lib" / "a.md"
    text = path.read_text()
    path.write_text(text.replace("Nairobi", "Mombasa"))  # same size
    _age(path, 30)
    rows = {row.path: row for row in _rows(read_library(files))}
    assert rows[str(path)].title == "Talks in Mombasa"


def test_a_file_changed_just_now_is_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.md"
    path.write_text("# Fresh\n\nText.\n")
    calls = _count_reads(monkeypatch)
    _rows(read_library([path]))
    _rows(read_library([path]))
    assert len(calls) == 2


def test_paths_keep_the_form_they_were_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _library(tmp_path / "lib")
    monkeypatch.chdir(tmp_path)
    relative = discover(["lib"])[0]
    assert not os.path.isabs(relative[0])
    _rows(read_library(relative))
    again = _rows(read_library(relative))
    assert again == _expected(relative)
    absolute = discover([tmp_path / "lib"])[0]
    assert _rows(read_library(absolute)) == _expected(absolute)


def test_new_library_code_drops_old_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _library(tmp_path / "lib")
    _rows(read_library(files))
    monkeypatch.setattr(entry_cache, "code_version", lambda: "other-code")
    calls = _count_reads(monkeypatch)
    assert _rows(read_library(files)) == _expected(files)
    assert len(calls) == len(files)


def test_stopping_early_keeps_what_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _library(tmp_path / "lib")
    rows = read_library(files)
    next(rows)
    rows.close()
    calls = _count_reads(monkeypatch)
    _rows(read_library(files))
    assert str(files[0]) not in calls


def test_use_cache_false_neither_reads_nor_writes(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    assert _rows(read_library(files, use_cache=False)) == _expected(files)
    assert not entry_cache.default_path().exists()


def test_corrupt_cache_is_replaced(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    target = entry_cache.default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"this is not a database" * 100)
    assert _rows(read_library(files)) == _expected(files)
    assert _rows(read_library(files)) == _expected(files)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM files").fetchone()[0] == len(files) - 1  # all but the binary c.md


def test_unusable_cache_location_reads_the_files(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = EntryCache(blocker / "library.sqlite")
    assert _rows(read_library(files, cache=cache)) == _expected(files)
    assert not cache.enabled


def test_a_damaged_row_is_read_again(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    _rows(read_library(files))
    with sqlite3.connect(entry_cache.default_path()) as conn:
        conn.execute("UPDATE files SET rows = '[[1, 2]]'")
    assert _rows(read_library(files)) == _expected(files)


def test_files_that_vanish_or_are_feed_addresses(tmp_path: Path) -> None:
    files = _library(tmp_path / "lib")
    _rows(read_library(files))
    (tmp_path / "lib" / "b.txt").unlink()
    feed_entry = f"{tmp_path / 'lib' / 'd.rss'}#2"
    per_file = list(read_library([*files, tmp_path / "missing.md", feed_entry]))
    assert len(per_file) == len(files) + 2
    rows = _rows(per_file)
    by_path = {row.path: row for row in rows}
    assert by_path[str(tmp_path / "lib" / "b.txt")].status is DocStatus.ERROR
    assert by_path[str(tmp_path / "missing.md")].reason == "no such file"
    assert by_path[feed_entry].title == read_entry(feed_entry).title


def test_two_thousand_files_warm_read_no_file_and_query_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        path = folder / f"{i:05}.md"
        path.write_text(f"# Story {i}\nsource: Wire\ndate: 2020-01-{i % 28 + 1:02}\n\nBody {i}.\n")
        _age(path)
    files = discover([folder])[0]
    cold = _rows(read_library(files))
    # Warm, the work is one cache query for the folder and a stat per file: no file is opened.
    # (The time this saves on a 10,000-file library is a `make bench` row.)
    reads = _count_reads(monkeypatch)
    queries = []
    real_folder = EntryCache.folder

    def counting_folder(self, name):
        queries.append(name)
        return real_folder(self, name)

    monkeypatch.setattr(EntryCache, "folder", counting_folder)
    warm = _rows(read_library(files))
    assert warm == cold and warm[7].title == "Story 7"
    assert reads == [] and queries == [str(folder)]


def test_newest_known_names_the_newest_stored_row_of_the_given_files(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    dates = {"old.md": "2020-01-01", "new.md": "2024-06-03", "mid.md": "2022-05-05", "undated.md": None}
    for name, date in dates.items():
        head = f"date: {date}\n" if date else ""
        (folder / name).write_text(f"# {name}\n{head}\nText.\n")
        _age(folder / name)
    files = [str(folder / name) for name in dates]
    cache_file = tmp_path / "rows.sqlite"
    assert entry_cache.newest_known(files, cache_file) is None  # a first start: no cache, none made
    assert not cache_file.exists()
    cache = EntryCache(cache_file)
    list(read_library(files, cache=cache))
    cache.close()
    assert entry_cache.newest_known(files, cache_file) == str(folder / "new.md")
    # only the files asked about count (a file no longer in the library is not opened)
    assert entry_cache.newest_known([f for f in files if not f.endswith("new.md")], cache_file) == str(
        folder / "mid.md"
    )
