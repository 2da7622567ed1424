"""discover(): which files are listed, in which order, and what is reported instead of raising."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.library import discover


def touch(path: Path, text: str = "# t\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_folders_are_walked_recursively_for_article_extensions(tmp_path: Path) -> None:
    for name in [
        "b.md",
        "a.txt",
        "C.markdown",
        "d.text",
        "e.MD",
        "skip.pdf",
        "skip.css",
        "page.HTML",
        "sub/z.md",
        "sub/deeper/y.txt",
    ]:
        touch(tmp_path / name)
    files, problems = discover([tmp_path])
    assert problems == []
    names = [f.relative_to(tmp_path).as_posix() for f in files]
    assert names == ["a.txt", "b.md", "C.markdown", "d.text", "e.MD", "page.HTML", "sub/z.md", "sub/deeper/y.txt"]


def test_order_is_deterministic_and_follows_arguments(tmp_path: Path) -> None:
    first = touch(tmp_path / "one" / "x.md")
    second = touch(tmp_path / "two" / "a.md")
    files, _ = discover([tmp_path / "two", tmp_path / "one"])
    assert files == [second, first]
    assert discover([tmp_path])[0] == discover([tmp_path])[0]


def test_explicit_file_is_included_whatever_its_extension(tmp_path: Path) -> None:
    odd = touch(tmp_path / "notes.rst")
    files, problems = discover([odd])
    assert files == [odd] and problems == []


def test_missing_path_is_reported(tmp_path: Path) -> None:
    files, problems = discover([tmp_path / "nope.md"])
    assert files == [] and problems == [(str(tmp_path / "nope.md"), "no such file or directory")]


def test_broken_symlink_is_reported_not_raised(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "missing-target.md")
    assert discover([link]) == ([], [(str(link), "broken symbolic link")])
    files, problems = discover([tmp_path])
    assert files == [] and problems == [(str(link), "broken symbolic link")]


def test_symlink_loops_terminate(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "story.md")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    self_link = tmp_path / "self.md"
    self_link.symlink_to(self_link)
    files, problems = discover([tmp_path, tmp_path / "a"])
    assert [f.name for f in files] == ["story.md"]
    assert problems == [(str(self_link), "symbolic link loop")]


def test_same_file_twice_is_listed_once(tmp_path: Path) -> None:
    story = touch(tmp_path / "story.md")
    (tmp_path / "alias.md").symlink_to(story)
    files, _ = discover([story, tmp_path])
    assert files == [story]


def test_hidden_entries_are_skipped_inside_folders(tmp_path: Path) -> None:
    touch(tmp_path / ".git" / "x.md")
    touch(tmp_path / ".hidden.md")
    visible = touch(tmp_path / "v.md")
    assert discover([tmp_path])[0] == [visible]


def test_folder_named_like_a_file_is_walked(tmp_path: Path) -> None:
    inner = touch(tmp_path / "x.md" / "inner.txt")
    assert discover([tmp_path])[0] == [inner]
    assert discover([tmp_path / "x.md"])[0] == [inner]


def test_file_names_with_newlines_and_bidi_are_found(tmp_path: Path) -> None:
    odd = touch(tmp_path / "evil\nname\u202e.md")
    assert discover([tmp_path])[0] == [odd]


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, so chmod cannot make a folder unreadable; simulate the refusal.
    locked = tmp_path / "locked"
    touch(locked / "secret.md")
    visible = touch(tmp_path / "open.md")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = discover([tmp_path])
    assert files == [visible]
    assert problems == [(str(locked), "permission denied")]


def test_special_files_are_reported(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert discover([fifo]) == ([], [(str(fifo), "not a regular file or folder")])
    assert discover([tmp_path]) == ([], [])


def test_file_limit_stops_the_walk(tmp_path: Path) -> None:
    for i in range(5):
        touch(tmp_path / f"{i}.md")
    files, problems = discover([tmp_path], max_files=3)
    assert len(files) == 3
    assert problems == [(str(tmp_path), "stopped after 3 files")]
