"""Hostile and broken files: never crash, never let controls through, keep the words.

Each fixture is generated in tmp_path. The expected substitutions are the ones documented
in newsreader/library/sanitize.py.
"""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import pytest

from conftest import assert_linear_growth
from newsreader.library import display_name, load_document, parse_bytes, read_entry, sanitize_text
from newsreader.library.sanitize import MAX_COMBINING
from newsreader.model.document import DocStatus
from test_markdown_offsets import assert_well_formed


def load(tmp_path: Path, data: bytes | str, name: str = "a.md"):
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    doc = load_document(path)
    assert_well_formed(doc)
    entry = read_entry(path)
    assert "\n" not in entry.title and not any(unicodedata.category(c) == "Cc" for c in entry.title)
    return doc


def body(doc) -> str:
    return doc.text.split("\n\n", 1)[1] if "\n\n" in doc.text else ""


def test_rich_markup_is_kept_literally(tmp_path: Path) -> None:
    doc = load(tmp_path, "# [bold red]Title[/]\n\nClick [@click=app.quit]here[/] or [link=file:///etc]x[/link].")
    assert doc.meta.title == "[bold red]Title[/]"
    assert body(doc) == "Click [@click=app.quit]here[/] or [link=file:///etc]x[/link]."
    assert doc.status is DocStatus.OK


def test_ansi_csi_sequences_are_removed(tmp_path: Path) -> None:
    doc = load(tmp_path, "# T\n\n\x1b[31;1mred\x1b[0m \x1b[2J\x1b[Hcleared \x9b31mC1 CSI")
    assert body(doc) == "red cleared C1 CSI"
    assert doc.status is DocStatus.WARNING
    assert "removed 5 terminal escape sequence(s)" in doc.problems


def test_osc_title_hyperlink_and_clipboard_are_removed_whole(tmp_path: Path) -> None:
    source = (
        "# T\n\nTitle\x1b]0;pwned\x07 link \x1b]8;;http://evil.example\x1b\\shown\x1b]8;;\x1b\\ "
        "clip\x1b]52;c;cm0gLXJmIH4=\x07 end \x1b]2;unterminated title"
    )
    doc = load(tmp_path, source)
    assert body(doc) == "Title link shown clip end"
    assert "evil" not in doc.text and "cm0g" not in doc.text and "pwned" not in doc.text


def test_bell_backspace_nul_and_c1_become_visible_symbols(tmp_path: Path) -> None:
    doc = load(tmp_path, "# T\n\nbell\x07 back\x08space nul\x00 del\x7f c1\x80\x81 esc\x1b".encode() + b" " * 400)
    assert body(doc) == "bell\u2407 back\u2408space nul\u2400 del\u2421 c1\ufffd\ufffd esc\u241b"
    assert doc.status is DocStatus.WARNING


def test_eight_bit_string_introducers_are_removed_like_escapes(tmp_path: Path) -> None:
    doc = load(tmp_path, "# T\n\nbefore\u009d0;title\u009c after \u009fapc to end of line\nnext line")
    assert body(doc) == "before after next line"


def test_carriage_returns_are_line_breaks(tmp_path: Path) -> None:
    doc = load(tmp_path, "# T\r\n\r\none\rtwo\r\n\r\nthree\r")
    assert doc.text == "T\n\none two\n\nthree"


def test_bidi_overrides_and_isolates_are_dropped(tmp_path: Path) -> None:
    doc = load(
        tmp_path, "# Inv\u202eoice\u202c\n\nAccess \u2066level\u2069 \u202aa\u202bb\u202dc\u2067d\u2068e fine\u200f."
    )
    assert doc.meta.title == "Invoice"
    assert body(doc) == "Access level abcde fine\u200f."
    assert "removed 9 bidirectional override/isolate control(s)" in doc.problems


def test_zero_width_characters(tmp_path: Path) -> None:
    doc = load(tmp_path, "# T\n\nzero\u200bwidth \u200cjoin\u200dx word\u2060joiner \ufeffbom")
    assert body(doc) == "zero\u200bwidth \u200cjoin\u200dx word\u2060joiner bom"


def test_combining_floods_are_cut(tmp_path: Path) -> None:
    zalgo = "Z" + "\u0301\u0316\u0327" * 100 + "algo"
    doc = load(tmp_path, f"# T\n\n{zalgo} café e\u0301 ok")
    assert body(doc) == "Z" + ("\u0301\u0316\u0327" * 3)[:MAX_COMBINING] + "algo café e\u0301 ok"
    assert any("combining" in p for p in doc.problems)


def test_emoji_and_flags_are_intact(tmp_path: Path) -> None:
    emoji = "👨\u200d👩\u200d👧 🇫🇷 🇺🇦 1\ufe0f\u20e3 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f 👍🏽"
    doc = load(tmp_path, f"# Emoji {emoji}\n\n{emoji}")
    assert body(doc) == emoji and doc.meta.title == f"Emoji {emoji}"
    assert doc.status is DocStatus.OK


def test_cjk_text(tmp_path: Path) -> None:
    doc = load(
        tmp_path,
        "# 哈萨克斯坦总统下令\n\n中国外交部发言人表示，支持哈萨克斯坦恢复秩序。\n日本語のテキスト、한국어 텍스트",
    )
    assert doc.meta.title == "哈萨克斯坦总统下令"
    assert body(doc) == "中国外交部发言人表示，支持哈萨克斯坦恢复秩序。 日本語のテキスト、한국어 텍스트"


def test_right_to_left_text(tmp_path: Path) -> None:
    doc = load(tmp_path, "# قازاقستان\n\nقال الرئيس توكاييف يوم الجمعة 7 يناير. שלום עולם.")
    assert doc.meta.title == "قازاقستان"
    assert body(doc) == "قال الرئيس توكاييف يوم الجمعة 7 يناير. שלום עולם."


def test_utf8_bom(tmp_path: Path) -> None:
    doc = load(tmp_path, codecs.BOM_UTF8 + b"# Title\n\nBody")
    assert (doc.meta.title, doc.encoding, doc.status) == ("Title", "utf-8-sig", DocStatus.OK)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    doc = load(tmp_path, bom + "# Türkiye\r\n\r\nКиїв said".encode(codec))
    assert (doc.text, doc.encoding, doc.status) == ("Türkiye\n\nКиїв said", codec, DocStatus.OK)


def test_windows_1252(tmp_path: Path) -> None:
    doc = load(tmp_path, "# \u201cQuoted\u201d\n\nCost \u20ac5 \u2013 caf\u00e9".encode("cp1252"))
    assert doc.meta.title == "\u201cQuoted\u201d"
    assert body(doc) == "Cost \u20ac5 \u2013 caf\u00e9"
    assert doc.encoding == "cp1252" and doc.status is DocStatus.WARNING
    assert doc.problems == ["decoded as Windows-1252 (not valid UTF-8)"]


def test_invalid_utf8_falls_back_to_latin1(tmp_path: Path) -> None:
    doc = load(tmp_path, b"# Bad\n\nbytes \x81\x8d\xe9 here")
    assert doc.encoding == "latin-1" and doc.problems[0] == "decoded as Latin-1 (not valid UTF-8)"
    assert body(doc) == "bytes \ufffd\ufffd\u00e9 here"


def test_random_binary_is_an_error(tmp_path: Path) -> None:
    rng = random.Random(7)
    doc = load(tmp_path, bytes(rng.randrange(256) for _ in range(4096)), "noise.txt")
    assert doc.status is DocStatus.ERROR and doc.problems[0].startswith("binary file")
    assert doc.text == "" and doc.blocks == []


def test_png_renamed_to_md(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    doc = load(tmp_path, png, "photo.md")
    assert (doc.status, doc.problems) == (DocStatus.ERROR, ["binary file (PNG image?)"])
    assert read_entry(tmp_path / "photo.md").reason == "binary file (PNG image?)"
    assert doc.meta.title == "photo"


def test_zero_byte_file(tmp_path: Path) -> None:
    doc = load(tmp_path, b"")
    assert (doc.status, doc.problems, doc.text) == (DocStatus.WARNING, ["empty file"], "")
    assert read_entry(tmp_path / "a.md").reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    doc = load(tmp_path, " \n\t\n \r\n   \n")
    assert (doc.status, doc.problems, doc.text) == (DocStatus.WARNING, ["file contains only whitespace"], "")


def test_five_megabyte_article_grows_linearly(tmp_path: Path) -> None:
    paragraph = (
        "The minister said on Friday that talks with Russia would continue in Geneva despite\n"
        "1,200 protests across the region, according to officials who spoke to reporters.\n"
    ) * 3
    paragraph += "Read the [full statement](https://example.org/statement) from the **ministry**.\n"
    sources = {
        size: ("# Big\ndate: 2022-01-07\n\n" + "\n".join([paragraph] * (size // len(paragraph) + 1))).encode()
        for size in (500_000, 5_000_000)
    }
    doc = load(tmp_path, sources[5_000_000])
    assert len(doc.text) > 4_000_000 and doc.meta.date == "2022-01-07"
    assert any("shown as plain text" in problem for problem in doc.problems)
    assert_linear_growth(lambda size: parse_bytes(sources[size], "a.md"), 500_000, 5_000_000, repeat=2)


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    doc = load(tmp_path, "x" * 1_000_000)
    assert_linear_growth(lambda n: parse_bytes(b"x" * n, "a.md"), 100_000, 1_000_000)
    assert len(doc.text) == 1_000_000
    assert len(doc.meta.title) <= 200


def test_two_thousand_deep_quotes(tmp_path: Path) -> None:
    doc = load(tmp_path, "# Deep\n\n" + "> " * 2000 + "bottom words\n")
    assert "bottom words" in doc.text
    assert doc.status is DocStatus.WARNING


@pytest.mark.parametrize("style", ["indented", "inline"])
def test_two_thousand_deep_lists(tmp_path: Path, style: str) -> None:
    def source(depth: int) -> str:
        if style == "indented":
            return "# Deep\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(depth))
        return "# Deep\n\n" + "- " * depth + "bottom words\n"

    doc = load(tmp_path, source(2000))
    sources = {depth: source(depth).encode() for depth in (200, 2000)}
    assert_linear_growth(lambda depth: parse_bytes(sources[depth], "a.md"), 200, 2000)
    assert ("item1999" if style == "indented" else "bottom words") in doc.text


def test_five_thousand_row_table(tmp_path: Path) -> None:
    def source(rows: int) -> str:
        return "# Table\n\n| n | name |\n|---|---|\n" + "".join(f"| {i} | row {i} |\n" for i in range(rows))

    doc = load(tmp_path, source(5000))
    sources = {rows: source(rows).encode() for rows in (500, 5000)}
    assert_linear_growth(lambda rows: parse_bytes(sources[rows], "a.md"), 500, 5000)
    assert doc.text.endswith("4999 │ row 4999")
    assert len(doc.blocks) == 5002


def test_only_markdown_syntax(tmp_path: Path) -> None:
    doc = load(tmp_path, "---\n***\n#\n>\n-\n* * *\n```\n```\n[]()\n")
    assert (doc.text, doc.status, doc.problems, doc.meta.title) == ("", DocStatus.WARNING, ["no text to show"], "a")
    assert {b.kind.value for b in doc.blocks} == {"rule"}


def test_lone_surrogates_in_str_input(tmp_path: Path) -> None:
    from newsreader.library import parse_markdown

    doc = parse_markdown("# A\ud800B\n\nx\udfffy", "s.md")
    assert_well_formed(doc)
    assert doc.text == "A\ufffdB\n\nx\ufffdy"


def test_file_name_with_newline_bidi_and_escape(tmp_path: Path) -> None:
    name = "evil\nname\u202egpj.md"
    doc = load(tmp_path, b"", name)
    shown = display_name(tmp_path / name)
    assert shown == "evil\u240aname" + "gpj.md"
    assert doc.meta.title == "evil\u240anamegpj"
    assert display_name("x\x1b[31m.md") == "x.md"
    assert display_name("tab\there.md") == "tab here.md"
    assert display_name("") == "(unnamed)"


def test_folder_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    doc = load_document(tmp_path / "x.md")
    assert (doc.status, doc.problems) == (DocStatus.ERROR, ["is a folder"])


def test_sanitize_is_idempotent_on_a_mix() -> None:
    mix = "a\x1b[1m\x1b\x1b[\x1b]8;;x\x07\r\n\x00\u202e\ufeff\t" + "e" + "\u0301" * 20
    once = sanitize_text(mix)
    assert sanitize_text(once) == once


@pytest.mark.parametrize(
    "tail",
    [lambda n: "<a" * n, lambda n: "</" * n, lambda n: "<!--" * (n // 2), lambda n: "<div " + 'a="b" ' * (n // 2)],
    ids=["open-tags", "close-tags", "comments", "attributes"],
)
def test_pathological_html_blocks_parse_in_linear_time(tmp_path: Path, tail) -> None:
    doc = load(tmp_path, "# T\n\n<div>\n" + tail(100_000))
    assert doc.meta.title == "T"
    sources = {n: ("# T\n\n<div>\n" + tail(n)).encode() for n in (100_000, 1_000_000)}
    assert_linear_growth(lambda n: parse_bytes(sources[n], "a.md"), 100_000, 1_000_000)
