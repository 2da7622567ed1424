"""Each Markdown construct becomes the documented blocks, runs and plain text."""

from __future__ import annotations

import pytest

from newsreader.library import normalize_date, parse_markdown, parse_plain_text
from newsreader.library.markdown import CELL_SEPARATOR, MAX_NESTING
from newsreader.model.document import BlockKind, DocStatus, InlineStyle
from test_markdown_offsets import assert_well_formed


def blocks(doc):
    return [(b.kind, doc.block_text(b)) for b in doc.blocks]


def runs(doc, block_index):
    block = doc.blocks[block_index]
    return [(r.style, doc.text[r.start : r.end], r.href) for r in block.runs]


def parse(source: str):
    doc = parse_markdown(source, "t.md")
    assert_well_formed(doc)
    return doc


def test_first_heading_is_the_title_block() -> None:
    doc = parse("# The *big* story\n\nBody.")
    assert doc.meta.title == "The big story"
    assert blocks(doc) == [(BlockKind.TITLE, "The big story"), (BlockKind.PARAGRAPH, "Body.")]
    assert doc.blocks[0].depth == 1
    assert runs(doc, 0) == [(InlineStyle.EMPHASIS, "big", None)]


def test_without_heading_the_first_line_is_the_title() -> None:
    doc = parse("Title line\nrest of the paragraph\n\nNext.")
    assert doc.meta.title == "Title line"
    assert blocks(doc) == [
        (BlockKind.TITLE, "Title line"),
        (BlockKind.PARAGRAPH, "rest of the paragraph"),
        (BlockKind.PARAGRAPH, "Next."),
    ]


def test_metadata_lines_under_the_title_go_to_metadata_not_text() -> None:
    doc = parse("# T\nsource: Wire\ndate: 12 January 2006\nurl: http://x/y_z\nlicense: CC BY\nauthor: Ann\n\nBody")
    assert doc.meta.source == "Wire"
    assert doc.meta.date == "2006-01-12"
    assert doc.meta.url == "http://x/y_z"
    assert doc.meta.license == "CC BY"
    assert doc.meta.extra == {"author": "Ann"}
    assert doc.text == "T\n\nBody"


def test_speaker_lines_are_not_mistaken_for_metadata() -> None:
    doc = parse("# Interview\nJohn Smith: Hello there.\nMary: Hi.")
    assert doc.meta.extra == {} and doc.meta.source is None
    assert blocks(doc)[1] == (BlockKind.PARAGRAPH, "John Smith: Hello there. Mary: Hi.")


def test_key_value_lines_inside_a_leading_code_fence_stay_code() -> None:
    doc = parse("```\nsource: config\ndate: 2020-01-01\n```\n")
    assert doc.meta.source is None
    assert blocks(doc) == [(BlockKind.CODE, "source: config\ndate: 2020-01-01")]


def test_front_matter() -> None:
    doc = parse('---\ntitle: "Front title"\ndate: 2020-03-04T10:00:00Z\nsource: Agency\ntags:\n  - a\n---\n\nBody')
    assert doc.meta.title == "Front title"
    assert doc.meta.date == "2020-03-04"
    assert doc.meta.source == "Agency"
    assert blocks(doc) == [(BlockKind.TITLE, "Front title"), (BlockKind.PARAGRAPH, "Body")]


def test_front_matter_title_repeated_by_first_heading_appears_once() -> None:
    doc = parse("---\ntitle: Same\n---\n# Same\n\nBody")
    assert blocks(doc) == [(BlockKind.TITLE, "Same"), (BlockKind.PARAGRAPH, "Body")]


def test_metadata_before_the_title() -> None:
    doc = parse("source: X\ndate: Jan 5, 2020\n\n# Title\n\nBody")
    assert (doc.meta.source, doc.meta.date, doc.meta.title) == ("X", "2020-01-05", "Title")
    assert doc.text == "Title\n\nBody"


def test_headings_keep_their_level() -> None:
    doc = parse("# T\n\n## Section\n\n### Sub\n\ntext")
    assert [(b.kind, b.depth) for b in doc.blocks[1:3]] == [(BlockKind.HEADING, 2), (BlockKind.HEADING, 3)]


def test_inline_styles_drop_the_syntax() -> None:
    doc = parse("# T\n\n**bold** *em* `code` ~~gone~~ [link](http://a.example/x) ![alt text](pic.png) ![](n.png)")
    assert doc.block_text(doc.blocks[1]) == "bold em code gone link alt text [image]"
    assert runs(doc, 1) == [
        (InlineStyle.STRONG, "bold", None),
        (InlineStyle.EMPHASIS, "em", None),
        (InlineStyle.CODE, "code", None),
        (InlineStyle.STRIKE, "gone", None),
        (InlineStyle.LINK, "link", "http://a.example/x"),
        (InlineStyle.IMAGE, "alt text", "pic.png"),
        (InlineStyle.IMAGE, "[image]", "n.png"),
    ]


def test_nested_runs_both_survive() -> None:
    doc = parse("# T\n\n[**strong link**](u)")
    assert sorted(runs(doc, 1)) == sorted(
        [(InlineStyle.LINK, "strong link", "u"), (InlineStyle.STRONG, "strong link", None)]
    )


def test_soft_breaks_reflow_and_hard_breaks_stay() -> None:
    doc = parse("# T\n\nA hard-wrapped\nbriefing line\ncontinues.  \nAfter a hard break.")
    assert doc.block_text(doc.blocks[1]) == "A hard-wrapped briefing line continues.\nAfter a hard break."


def test_repeated_hard_breaks_never_make_a_block_separator() -> None:
    doc = parse("# T\n\none\\\n\\\ntwo<br><br>**three**")
    assert doc.block_text(doc.blocks[1]) == "one\ntwo\nthree"
    assert runs(doc, 1) == [(InlineStyle.STRONG, "three", None)]


def test_lists_carry_markers_and_depth() -> None:
    doc = parse("# T\n\n- a\n- b\n  - c\n\n    second paragraph of b\n\n3. three\n4. four\n")
    items = [(b.kind, doc.block_text(b), b.depth, b.marker) for b in doc.blocks[1:]]
    assert items == [
        (BlockKind.LIST_ITEM, "a", 1, "• "),
        (BlockKind.LIST_ITEM, "b", 1, "• "),
        (BlockKind.LIST_ITEM, "c", 2, "• "),
        (BlockKind.LIST_ITEM, "second paragraph of b", 2, ""),
        (BlockKind.LIST_ITEM, "three", 1, "3. "),
        (BlockKind.LIST_ITEM, "four", 1, "4. "),
    ]


def test_block_quotes_have_depth() -> None:
    doc = parse("# T\n\n> said\n> more\n>\n> > nested")
    assert [(b.kind, doc.block_text(b), b.depth, b.marker) for b in doc.blocks[1:]] == [
        (BlockKind.QUOTE, "said more", 1, "│ "),
        (BlockKind.QUOTE, "nested", 2, "│ "),
    ]


def test_code_keeps_its_lines() -> None:
    doc = parse("# T\n\n```python\nx = 1\n    y = [2]\n```\n\n    indented\n    code")
    assert blocks(doc)[1:] == [(BlockKind.CODE, "x = 1\n    y = [2]"), (BlockKind.CODE, "indented\ncode")]


def test_code_with_blank_lines_never_contains_the_block_separator() -> None:
    doc = parse("# T\n\n```\na\n\nb\n```")
    assert doc.block_text(doc.blocks[1]) == "a\n \nb"


def test_table_rows() -> None:
    doc = parse("# T\n\n| Team | Pts |\n|---|--:|\n| *France* | 3 |\n| Peru | 0 |")
    rows = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert [doc.block_text(b) for b in rows] == [
        f"Team{CELL_SEPARATOR}Pts",
        f"France{CELL_SEPARATOR}3",
        f"Peru{CELL_SEPARATOR}0",
    ]
    assert [r.style for r in rows[0].runs] == [InlineStyle.STRONG, InlineStyle.STRONG]
    assert [(r.style, doc.text[r.start : r.end]) for r in rows[1].runs] == [(InlineStyle.EMPHASIS, "France")]


def test_thematic_break_is_a_zero_length_rule() -> None:
    doc = parse("# T\n\nabove\n\n***\n\nbelow")
    assert blocks(doc) == [
        (BlockKind.TITLE, "T"),
        (BlockKind.PARAGRAPH, "above"),
        (BlockKind.RULE, ""),
        (BlockKind.PARAGRAPH, "below"),
    ]


def test_raw_html_is_never_rendered_but_its_text_is_kept() -> None:
    doc = parse(
        '# T\n\n<div><p>Hello <b>world</b></p><script>alert(1)</script><p>Two</p></div>\n\nInline <a href="http://x">x</a> <!-- hidden -->'
    )
    assert blocks(doc)[1:] == [
        (BlockKind.PARAGRAPH, "Hello world"),
        (BlockKind.PARAGRAPH, "Two"),
        (BlockKind.PARAGRAPH, "Inline x"),
    ]
    assert runs(doc, 1) == [(InlineStyle.STRONG, "world", None)]
    assert runs(doc, 3) == [(InlineStyle.LINK, "x", "http://x")]


def test_entities_are_decoded_and_sanitised() -> None:
    doc = parse("# T\n\nAT&amp;T &#x202e;evil &#27;")
    assert doc.block_text(doc.blocks[1]) == "AT&T evil \ufffd"


def test_only_markdown_syntax_has_no_text_and_a_warning() -> None:
    doc = parse("***\n---\n#\n>\n-\n```\n```\n")
    assert doc.text == ""
    assert doc.status is DocStatus.WARNING
    assert doc.meta.title == "t"


def test_too_deep_nesting_falls_back_to_plain_text_without_losing_words() -> None:
    source = "# T\n\n" + "> " * (MAX_NESTING + 5) + "deep words"
    doc = parse(source)
    assert "deep words" in doc.text
    assert any("nested deeper" in p for p in doc.problems)


def test_plain_text_paragraphs_join_lines_with_spaces() -> None:
    doc = parse_plain_text("\n\n  Title  \n\nline one\nline two\n   \nnext *not markdown*\n", "a.txt")
    assert_well_formed(doc)
    assert blocks(doc) == [
        (BlockKind.TITLE, "Title"),
        (BlockKind.PARAGRAPH, "line one line two"),
        (BlockKind.PARAGRAPH, "next *not markdown*"),
    ]


def test_plain_text_metadata_under_title() -> None:
    doc = parse_plain_text("Title\nsource: AP\ndate: 2021-05-06\n\nBody", "a.txt")
    assert (doc.meta.title, doc.meta.source, doc.meta.date) == ("Title", "AP", "2021-05-06")
    assert doc.text == "Title\n\nBody"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2006-01-12", "2006-01-12"),
        ("2006/1/2", "2006-01-02"),
        ("2020-03-04T10:00:00Z", "2020-03-04"),
        ("20200304", "2020-03-04"),
        ("12 January 2006", "2006-01-12"),
        ("Friday, September 28, 2007", "2007-09-28"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("Thu, 12 Jan 2006 10:00:00 +0000", "2006-01-12"),
        ("01/02/2006", "01/02/2006"),
        ("2006-02-30", "2006-02-30"),
        ("last Tuesday", "last Tuesday"),
    ],
)
def test_dates_are_normalised_when_parseable(written: str, iso: str) -> None:
    assert normalize_date(written) == iso


def test_huge_or_cell_dense_markdown_is_shown_as_plain_text() -> None:
    from newsreader.library.markdown import MAX_MARKDOWN_CHARS, MAX_MARKUP_CHARS

    big = parse("# Big\n\n" + "plain words " * (MAX_MARKDOWN_CHARS // 12 + 10))
    assert big.status is DocStatus.WARNING
    assert big.problems[-1].startswith("too large for Markdown formatting") and big.meta.title == "Big"
    dense = parse("# Dense\n\n" + "[a" * (MAX_MARKUP_CHARS + 1) + "\n")
    assert dense.problems[-1].startswith("too much Markdown markup")
    assert dense.text.endswith("[a[a[a")
    table = parse("# Table\n\n" + "| a | b |\n" * 100)
    assert "shown as plain text" not in " ".join(table.problems)
