"""Wrapping ``Document.blocks`` into screen lines: every line maps back to exact text offsets."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import assert_linear_growth
from newsreader.library import parse_markdown, parse_plain_text
from newsreader.model.document import Block, BlockKind, Document, Metadata
from newsreader.ui.widgets.article_view import MAX_COLUMN, layout_document
from uihelp import big_markdown, seed_document


def _words(text: str) -> list[str]:
    return text.split()


def test_seed_lines_cover_every_word_in_order():
    doc = seed_document()
    layout = layout_document(doc, 60)
    shown = []
    for s, e, b in zip(layout.start, layout.end, layout.block, strict=True):
        if b >= 0:
            shown.extend(doc.text[s:e].split())
    assert shown == _words(doc.text)


def test_lines_fit_the_column_and_column_is_capped():
    doc = seed_document()
    for width in (30, 60, 120, 200):
        layout = layout_document(doc, width)
        assert layout.column <= MAX_COLUMN
        assert layout.margin + layout.column <= width
        for s, e, prefix in zip(layout.start, layout.end, layout.prefix, strict=True):
            assert cell_len(prefix) + cell_len(doc.text[s:e]) <= layout.column


def test_wide_pane_centres_the_column():
    layout = layout_document(seed_document(), 200)
    assert layout.column == MAX_COLUMN
    assert layout.margin == (200 - MAX_COLUMN) // 2


def test_paragraphs_are_separated_by_one_blank_line():
    doc = parse_plain_text("First paragraph here.\n\nSecond one.\n\nThird.")
    layout = layout_document(doc, 40)
    kinds = ["text" if b >= 0 else "blank" for b in layout.block]
    assert "blank" in kinds
    assert "blank,blank" not in ",".join(kinds)


def test_long_word_is_cut_not_lost():
    url = "https://example.org/" + "x" * 150
    doc = parse_plain_text(f"Title\n\nSee {url} now.")
    layout = layout_document(doc, 40)
    joined = "".join(doc.text[s:e] for s, e, b in zip(layout.start, layout.end, layout.block, strict=True) if b >= 0)
    assert url in joined.replace(" ", " ")
    assert all(cell_len(doc.text[s:e]) <= layout.column for s, e in zip(layout.start, layout.end, strict=True))


def test_wide_characters_measured_in_cells():
    text = "标题\n\n" + "中文字符" * 30
    doc = parse_plain_text(text)
    layout = layout_document(doc, 30)
    for s, e in zip(layout.start, layout.end, strict=True):
        assert cell_len(doc.text[s:e]) <= layout.column


def test_line_of_offset_finds_the_line_holding_it():
    doc = seed_document()
    layout = layout_document(doc, 50)
    for offset in (0, len(doc.text) // 3, doc.text.index("Ablyazov"), len(doc.text) - 1):
        line = layout.line_of_offset(offset)
        assert layout.block[line] >= 0
        assert layout.start[line] <= offset <= layout.end[line]


def test_markdown_constructs_keep_markers_and_code_lines():
    md = "# Title\n\nIntro.\n\n- one\n- two\n\n> quoted text\n\n```\ncode line 1\n    indented\n```\n"
    doc = parse_markdown(md)
    layout = layout_document(doc, 60)
    prefixes = [p for p, b in zip(layout.prefix, layout.block, strict=True) if b >= 0]
    texts = [doc.text[s:e] for s, e, b in zip(layout.start, layout.end, layout.block, strict=True) if b >= 0]
    assert any(p.strip().startswith(("•", "-", "*", "1")) for p in prefixes)
    assert any("│" in p for p in prefixes)
    assert "    indented" in texts


def test_empty_and_rule_blocks_do_not_crash():
    doc = Document(
        path="",
        text="A\n\n",
        meta=Metadata(title="A"),
        blocks=[Block(BlockKind.TITLE, 0, 1), Block(BlockKind.RULE, 3, 3), Block(BlockKind.PARAGRAPH, 3, 3)],
    )
    layout = layout_document(doc, 20)
    assert len(layout) >= 3
    assert layout_document(doc, 1).column >= 1


def test_600kb_article_lays_out_in_linear_time():
    docs = {size: parse_markdown(big_markdown(size)) for size in (60_000, 600_000)}
    assert len(docs[600_000].text) > 500_000
    assert len(layout_document(docs[600_000], 90)) > 5_000
    # The wall-clock figure (first paint of a 600 KB article) is a `make bench` row.
    assert_linear_growth(lambda size: layout_document(docs[size], 90), 60_000, 600_000)


_ALPHABET = st.sampled_from(list("ab cd\n\t\x00\x1b[]é中😀\u200b\u0301-"))


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(_ALPHABET, max_size=300),
    cuts=st.lists(st.integers(0, 300), max_size=8),
    kinds=st.lists(st.sampled_from(list(BlockKind)), min_size=1, max_size=9),
    width=st.integers(1, 120),
)
def test_any_blocks_lay_out_within_the_column(text, cuts, kinds, width):
    points = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    blocks = [
        Block(kinds[i % len(kinds)], s, e, depth=i % 3, marker="• " if i % 2 else "")
        for i, (s, e) in enumerate(itertools.pairwise(points))
    ]
    doc = Document(path="", text=text, blocks=blocks, meta=Metadata())
    layout = layout_document(doc, width)
    assert layout.margin + layout.column <= max(width, 8)
    for s, e, prefix, b in zip(layout.start, layout.end, layout.prefix, layout.block, strict=True):
        assert 0 <= s <= e <= len(text)
        if b >= 0 and blocks[b].kind != BlockKind.CODE:
            assert cell_len(prefix) + cell_len(text[s:e].replace("\t", " ")) <= max(layout.column, cell_len(prefix) + 2)
    # Every non-space character of prose blocks is shown exactly once.
    for index, block in enumerate(blocks):
        if block.kind in (BlockKind.CODE, BlockKind.TABLE_ROW, BlockKind.RULE):
            continue
        shown = "".join(text[s:e] for s, e, b in zip(layout.start, layout.end, layout.block, strict=True) if b == index)
        assert "".join(shown.split()) == "".join(text[block.start : block.end].split())
