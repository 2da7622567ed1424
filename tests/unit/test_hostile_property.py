"""Property tests: any bytes -> a well-formed Document, never an exception.

Budget: ~200 examples per property by default. ``NEWSREADER_FUZZ=long`` runs the long
variants (marked slow) with many more examples.
"""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsreader.library import DocStatus, decode_bytes, display_name, parse_bytes, sanitize_text
from test_markdown_offsets import assert_well_formed

LONG = os.environ.get("NEWSREADER_FUZZ") == "long"
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Pieces that exercise Markdown structure, metadata, escapes and odd characters together.
FRAGMENTS = [
    "# ", "## ", "\n", "\n\n", "> ", "- ", "1. ", "  ", "    ", "**", "*", "_", "`", "```\n", "~~",
    "[", "](", ")", "![", "|", "| --- |", "---", "***", "===", "title: ", "date: ", "source: ",
    "2020-01-02", "word", "Kazakhstan", "\x1b[31m", "\x1b]8;;http://x\x07", "\x1b]52;c;", "\x07",
    "\x1b", "\x00", "\x08", "\r", "\r\n", "\t", "\x85", "\x9b", "\x9d", "\u2028", "\u2029", "\u202e",
    "\u2066", "\u200f", "\ufeff", "\u200d", "é", "中文", "قال", "🇫🇷", "e" + "\u0301" * 12,
    "&#x202e;", "&amp;", "&#0;", "<b>", "</b>", "<div>", "</div>", "<script>", "<!--", "-->",
    "[bold]", "[@click=app.quit]", "\\", "<http://a.b>",
]
markdownish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"])


@st.composite
def file_bytes(draw) -> bytes:
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return draw(st.binary(max_size=3000))
    text = draw(markdownish)
    return text.encode(draw(encodings), errors="replace") if kind == 1 else text.encode("utf-8", "surrogatepass")


def check_any_bytes(data: bytes, suffix: str) -> None:
    doc = parse_bytes(data, "fuzz" + suffix)
    assert_well_formed(doc)
    if doc.status is DocStatus.ERROR:
        assert doc.text == "" and doc.problems


@QUICK
@given(file_bytes(), st.sampled_from([".md", ".txt"]))
def test_any_bytes_make_a_well_formed_document(data: bytes, suffix: str) -> None:
    check_any_bytes(data, suffix)


# Plain text is checkable exactly: apart from the documented substitutions (sanitize_text)
# the words are the input's words. ":" (metadata), "#" and "=-" (title decoration) are avoided.
plain_text = st.text(
    alphabet=st.characters(blacklist_characters="#:=-", blacklist_categories=("Cs",)), max_size=400
)


def check_plain_words(text: str) -> None:
    doc = parse_bytes(text.encode("utf-8"), "fuzz.txt")
    assert_well_formed(doc)
    if doc.problems[:1] and (doc.problems[0].startswith("binary file") or "UTF-16" in doc.problems[0]):
        return  # NUL/control-heavy: refused as binary or read as UTF-16, as loading.py documents
    expected = sanitize_text(text).split()
    if not expected:
        assert doc.text == ""
    else:
        assert doc.text.split() == expected


@QUICK
@given(plain_text)
def test_plain_text_keeps_the_sanitised_words(text: str) -> None:
    check_plain_words(text)


def check_sanitize(text: str) -> None:
    clean = sanitize_text(text)
    assert sanitize_text(clean) == clean
    for char in clean:
        assert char == "\n" or unicodedata.category(char) not in ("Cc", "Cs")
        assert char not in BIDI and char != "\ufeff"
    name = display_name(text.replace("/", "_") or "x")
    assert "\n" not in name and not any(unicodedata.category(c) == "Cc" for c in name)


@QUICK
@given(st.text(max_size=300) | markdownish)
def test_sanitize_is_idempotent_and_leaves_no_controls(text: str) -> None:
    check_sanitize(text)


@QUICK
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
       st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_text_with_a_bom_decodes_exactly(text: str, codec: str) -> None:
    # FF FE 00 00 is the UTF-32 LE byte-order mark, so UTF-16 LE text cannot start with NUL.
    assume(not (codec == "utf-16" and text.startswith("\x00")))
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text and decoded.problems == [] and decoded.binary is None


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="set NEWSREADER_FUZZ=long for the long fuzz run")
def test_long_fuzz() -> None:
    THOROUGH(given(file_bytes(), st.sampled_from([".md", ".txt"]))(check_any_bytes))()
    THOROUGH(given(plain_text)(check_plain_words))()
    THOROUGH(given(st.text(max_size=2000) | markdownish)(check_sanitize))()
