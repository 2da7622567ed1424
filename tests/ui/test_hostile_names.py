"""Issue 18: file and folder names that are not valid UTF-8 never empty the library.

os.fsdecode gives such names lone surrogates, which SQLite (the library row cache) refuses;
the app must list every article, on the first start and on the cached second one, and show
the odd name escaped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.library import discover, display_name, read_library
from newsreader.ui.app import NewsreaderApp
from test_hostile_render import screen_text
from uihelp import FakeService, wait_for


def odd_library(root: Path) -> Path:
    """Four articles, three of them behind names that are not UTF-8."""
    base = os.fsencode(root)
    os.makedirs(base + b"/lib/dir\xff")
    for name, text in (
        (b"a.md", b"# Plain name\n\nText one.\n"),
        (b"\xff\xfebad.md", b"# Bad bytes\n\nText two.\n"),
        (b"\xe9t\xe9.txt", b"Latin one name\n\nText three.\n"),
        (b"dir\xff/c.md", b"# In an odd folder\n\nText four.\n"),
    ):
        with open(base + b"/lib/" + name, "wb") as handle:
            handle.write(text)
    return root / "lib"


def test_read_library_lists_every_file_and_caches_the_rest(tmp_path):
    try:
        lib = odd_library(tmp_path)
    except (OSError, UnicodeError) as error:
        pytest.skip(f"this file system refuses non-UTF-8 names: {error}")
    files, problems = discover([lib])
    assert problems == [] and len(files) == 4
    for _ in range(2):  # the second pass answers from the cache where it can
        titles = sorted(row.title for rows in read_library(files) for row in rows)
        assert titles == ["Bad bytes", "In an odd folder", "Latin one name", "Plain name"]
    assert display_name(os.fsdecode(b"/x/\xff\xfebad.md")) == "\\xff\\xfebad.md"


async def test_app_lists_articles_with_undecodable_names(tmp_path):
    try:
        lib = odd_library(tmp_path)
    except (OSError, UnicodeError) as error:
        pytest.skip(f"this file system refuses non-UTF-8 names: {error}")
    (Path(os.fsdecode(os.fsencode(lib) + b"/\xff\xfebad.md"))).write_bytes(b"")  # no title: the name is shown
    for _ in range(2):
        app = NewsreaderApp([str(lib)], service=FakeService(), index=False)
        async with app.run_test(size=(160, 40)) as pilot:
            await wait_for(pilot, lambda app=app: app.library_ready, timeout=20)
            await pilot.pause()
            assert len(app.library.entries) == 4
            assert "\\xff\\xfebad" in screen_text(app)
