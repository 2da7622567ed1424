"""Property tests of the whole path: any bytes -> parse_bytes -> the article view's lines, and ->
the rule-only analysis.

For every generated file:
- the ArticleView, mounted in a real (headless) app, lays the document out; each screen line is
  the margin, the line's prefix (list marker, quote bar) and the text slice the line map says it
  shows, with the view's documented substitutions (control characters -> U+FFFD, whitespace ->
  space in prose; code keeps its tabs, expanded); no line holds a control or bidi character or is
  wider than the pane, and together the lines show every non-space character of Document.text;
- the rule-only pipeline analyses Document.text without an exception or a failed stage, with
  every offset valid (``check_analysis``).

Budget: about 100 examples by default; ``NEWSREADER_FUZZ=long`` (``make fuzz``) runs the slow
variant with thousands.
"""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult

from newsreader.library import parse_bytes
from newsreader.model.document import DocStatus
from newsreader.ui.widgets.article_view import _CODE_TABLE, _PREFORMATTED, _PROSE_TABLE, ArticleView, _kind
from test_hostile_analysis import check_analysis
from test_hostile_property import FRAGMENTS, file_bytes

LONG = os.environ.get("NEWSREADER_FUZZ") == "long"
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# More structure than the loader fuzz: lists, quotes, code and tables with hostile content inside.
BLOCKY = [
    *FRAGMENTS,
    "\n- [@click=app.quit]x\n",
    "\n> > quoted \x1b[2J\n",
    "\n```\ncode\t\x07tab\n```\n",
    "\n| a | b |\n|---|---|\n| 1 | \x1b]52;c;x\x07 |\n",
    "\n1. one\n2. two\n",
    "\n    indented code\n",
    "# ",
    "\n\n",
    "¥",
    "٣",
    "\u0301" * 3,
    "ﷺ",
    "𒐫",
    "\U0001f1fa\U0001f1f8",
]
blocky_bytes = st.lists(st.one_of(st.sampled_from(BLOCKY), st.text(max_size=6)), max_size=80).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)
any_file = st.one_of(file_bytes(), blocky_bytes)


class Host(App):
    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")


class Counter:
    examples = 0
    analysed = 0
    errors = 0


def check_view(view: ArticleView, document, width: int) -> None:
    view.show(document)
    lines = view.rendered_text()
    layout = view._layout
    if document.text == "" and not document.blocks:
        assert lines == [] or all(not line.strip() for line in lines)
        return
    assert layout is not None and len(lines) == len(layout)
    text = document.text
    shown: list[str] = []
    for i, line in enumerate(lines):
        assert cell_len(line) <= width, (i, line)
        bad = [c for c in line if unicodedata.category(c) == "Cc" or c in BIDI]
        assert not bad, (i, line)
        block = layout.block[i]
        if block < 0:
            assert line.strip() in ("", *{p.strip() for p in layout.prefix}), (i, line)
            continue
        kind = _kind(document.blocks[block].kind)
        if kind == "rule":
            continue
        lead = " " * layout.margin + layout.prefix[i]
        assert line.startswith(lead.rstrip()) or not line.strip(), (i, line, lead)
        body = line[len(lead) :] if line.startswith(lead) else ""
        s, e = layout.start[i], layout.end[i]
        if kind in _PREFORMATTED:
            expected = text[s:e].translate(_CODE_TABLE).expandtabs(4)
            assert "".join(body.split()) == "".join(expected.split()), (i, body, expected)
        else:
            assert body == text[s:e].translate(_PROSE_TABLE).rstrip(), (i, body, text[s:e])
        shown.append(text[s:e])
    # Every non-space character of the text is on some line, in order, once.
    assert "".join("".join(shown).split()) == "".join(text.split())


def check_analysis_of(pipeline, document) -> None:
    from newsreader.analysis.analyze import analyze

    check_analysis(document.text, analyze(document.text, pipeline))


@pytest.fixture(scope="module")
def rule_pipeline():
    from newsreader.analysis.pipeline import load_pipeline

    return load_pipeline("rule-only")


def make_check(view: ArticleView, pipeline, width: int, counter: type[Counter]):
    def check(data: bytes, suffix: str) -> None:
        counter.examples += 1
        document = parse_bytes(data, "fuzz" + suffix)
        if document.status is DocStatus.ERROR:
            counter.errors += 1
            assert document.text == "" and document.problems
        check_view(view, document, width)
        if document.text.strip():
            counter.analysed += 1
            check_analysis_of(pipeline, document)

    return check


async def _run(size: tuple[int, int], rule_pipeline, budget: settings) -> type[Counter]:
    app = Host()
    counter = type("RunCounter", (Counter,), {})
    async with app.run_test(size=size):
        view = app.query_one(ArticleView)
        width = view.scrollable_content_region.width
        check = make_check(view, rule_pipeline, width, counter)
        budget(given(any_file, st.sampled_from([".md", ".txt"]))(check))()
    return counter


QUICK = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), database=None)
THOROUGH = settings(max_examples=12000, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("size", [(100, 30), (40, 12)], ids=["100x30", "40x12"])
async def test_any_bytes_render_and_analyse(size, rule_pipeline) -> None:
    counter = await _run(size, rule_pipeline, QUICK)
    assert counter.examples >= 20


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="set NEWSREADER_FUZZ=long for the long fuzz run")
@pytest.mark.parametrize("size", [(100, 30), (40, 12)], ids=["100x30", "40x12"])
async def test_long_fuzz_whole_path(size, rule_pipeline) -> None:
    counter = await _run(size, rule_pipeline, THOROUGH)
    print(
        f"\nwhole-path fuzz {size}: {counter.examples} examples, {counter.analysed} analysed, "
        f"{counter.errors} refused as unreadable"
    )
