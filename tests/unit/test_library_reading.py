"""Reading the library for the reader, without Textual: early open, batches, failures."""

from __future__ import annotations

from newsreader.present.library_reading import ReadOptions, read_for_reader
from newsreader.state import ReadingState


class Listener:
    def __init__(self) -> None:
        self.early_paths: list[str] = []
        self.batches: list[tuple[int, int]] = []
        self.failures: list[str] = []

    def early(self, path: str) -> None:
        self.early_paths.append(path)

    def progress(self, entries, total: int) -> None:
        self.batches.append((len(entries), total))

    def failed(self, message: str) -> None:
        self.failures.append(message)


def _library(tmp_path, n: int):
    for i in range(n):
        (tmp_path / f"a{i}.md").write_text(f"# Story {i}\n\nDate: 2026-01-0{i + 1}\n\nSome text.\n", encoding="utf-8")
    return ReadingState(tmp_path / "state.json")


def test_a_big_library_opens_its_first_readable_row_early_and_reports_batches(tmp_path):
    reading = _library(tmp_path, 3)
    reading.mark_read(str(tmp_path / "a1.md"))
    listener = Listener()
    options = ReadOptions(use_cache=False, open_early=True, early_files=1, batch=2)
    entries, read, bookmarks = read_for_reader(
        [str(tmp_path)], reading, listener, cancelled=lambda: False, options=options
    )
    assert len(entries) == 3 and read == {str(tmp_path / "a1.md")} and bookmarks == set()
    assert len(listener.early_paths) == 1 and listener.early_paths[0].endswith(".md")
    assert listener.batches == [(2, 3)] and listener.failures == []


def test_a_small_library_is_not_opened_early_and_cancelling_stops_the_read(tmp_path):
    reading = _library(tmp_path, 2)
    listener = Listener()
    options = ReadOptions(use_cache=False, open_early=True, early_files=10)
    assert read_for_reader([str(tmp_path)], reading, listener, cancelled=lambda: False, options=options) is not None
    assert listener.early_paths == []
    assert read_for_reader([str(tmp_path)], reading, listener, cancelled=lambda: True, options=options) is None


def test_a_missing_path_is_listed_as_unreadable_with_a_clean_reason(tmp_path):
    reading = ReadingState(tmp_path / "state.json")
    listener = Listener()
    gone = tmp_path / "gone\x1b.md"
    entries, _, _ = read_for_reader(
        [str(gone)],
        reading,
        listener,
        cancelled=lambda: False,
        options=ReadOptions(use_cache=False),
        clean=lambda text: text.replace("\x1b", "?"),
    )
    assert [e.status.value for e in entries] == ["error"] and "\x1b" not in (entries[0].reason or "")
