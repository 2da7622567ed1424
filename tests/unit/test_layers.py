"""One source per fact (issue 16): the one text cleaner, the one reading-time formula, and the
model importing nothing of the project (the import-linter contracts in pyproject.toml check every
layer in `make test`; this keeps the model's rule visible where tests are read)."""

from __future__ import annotations

import grimp
import pytest

from newsreader.present.facts import reading_time
from newsreader.present.text import clean, has_unsafe


def test_the_model_imports_nothing_else_of_newsreader() -> None:
    graph = grimp.build_graph("newsreader", cache_dir=None)
    model = {m for m in graph.modules if m == "newsreader.model" or m.startswith("newsreader.model.")}
    outside = sorted(
        f"{module} -> {imported}"
        for module in model
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("newsreader") and imported not in model
    )
    assert outside == []


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("evil\u202etxt.md", "eviltxt.md"),  # bidi override: the list would read it reversed
        ("a\u061cb\u200fc", "abc"),  # Arabic letter mark, right-to-left mark
        ("bell\x07 esc\x1b[2J c1\x85x", "bell esc[2J c1x"),
        ("name\udcff.md", "name\ufffd.md"),  # a lone surrogate (undecodable file name) as U+FFFD
        ("two\r\nlines\tand  tabs\x0b", "two lines and tabs"),  # CR and VT dropped, the rest collapsed
    ],
)
def test_one_cleaner_for_lists_panels_and_exports(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_has_unsafe_spots_what_clean_would_drop() -> None:
    assert has_unsafe("report\u202e.pdf") and has_unsafe("a\x1bb") and has_unsafe("x\ry")
    assert not has_unsafe("Jean‑Luc Mélenchon – “quoted”") and not has_unsafe("tab\tand\nnewline")


@pytest.mark.parametrize(
    ("words", "long", "short"),
    [
        (0, "0 min read", "0 min"),
        (50, "< 1 min read", "< 1 min"),
        (114, "< 1 min read", "< 1 min"),
        (116, "1 min read", "1 min"),
        (460, "2 min read", "2 min"),
        (2300, "10 min read", "10 min"),
    ],
)
def test_the_panel_and_the_status_bar_share_one_reading_time(words: int, long: str, short: str) -> None:
    assert reading_time(words) == long
    assert reading_time(words, short=True) == short
