"""The shortcuts that make listing a library cheap give exactly what the full path gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.library import sanitize
from newsreader.library.markdown import inline_plain_text, title_of_line

ROOT = Path(__file__).resolve().parents[2]

# Lines built from plain words, spaces and every character that could matter to markdown-it.
_LINE = st.text(
    alphabet=st.sampled_from(list("abc XYZ 09.,:;'\"#-+=()/?%$@^{}|") + list("\\`*_~[]!<>&") + ["é", "\u00a0", "ü"]),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_title_without_inline_syntax_equals_the_markdown_it_title(line: str) -> None:
    from newsreader.library.markdown import _ATX

    match = _ATX.match(line)
    source = (match.group(2) or "") if match else line.strip()
    if not match:
        source = re.sub(r"^(?:>\s*|[-*+]\s+|\d{1,9}[.)]\s+)+", "", source)
    assert title_of_line(line, True) == inline_plain_text(source)


def test_title_fast_path_is_taken_only_for_literal_text() -> None:
    assert title_of_line("# Kenya hosts talks", True) == "Kenya hosts talks"
    assert title_of_line("# Kenya *hosts* talks", True) == "Kenya hosts talks"
    assert title_of_line("AT&amp;T &lt;sold&gt;", True) == "AT&T <sold>"
    assert title_of_line("a\\_b", True) == "a_b"


def _flood_everywhere(text: str) -> str:
    """The combining-mark rule applied without the pre-check."""
    flood = sanitize._combining_flood()
    return flood.sub(lambda m: m.group(1), text)


_MARKS = st.text(
    alphabet=st.sampled_from(["a", " ", "\u0301", "\u0489", "\u20dd", "\U0001e8d0", "\u4e00", "é", "\n"]), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(_MARKS)
def test_combining_pre_check_never_skips_a_flood(text: str) -> None:
    assert sanitize.sanitize_text(text) == _flood_everywhere(text)


def test_floods_are_still_cut() -> None:
    report = sanitize.SanitizeReport()
    assert sanitize.sanitize_text("Z" + "\u0301" * 20 + "!", report) == "Z" + "\u0301" * 8 + "!"
    assert report.combining == 12


def test_importing_the_library_does_not_load_parsers() -> None:
    code = (
        "import sys\n"
        "import newsreader.model.document\n"
        "from newsreader.library import discover, read_entry, sort_entries\n"
        "heavy = [m for m in ('markdown_it', 'trafilatura', 'feedparser', 'newsreader.library.webpage',"
        " 'newsreader.library.feeds') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "tui"), "PATH": ""},
    ).stdout
    assert out.strip() == "[]"


def test_lazy_names_resolve_and_unknown_names_fail() -> None:
    import newsreader.library as library

    assert set(library.__all__) <= set(dir(library))
    for name in library.__all__:
        assert getattr(library, name) is not None
    try:
        library.no_such_name  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("unknown names must raise AttributeError")
