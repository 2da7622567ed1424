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

from newsreader.library import decode_bytes, display_name, parse_bytes, sanitize_text
from newsreader.model.document import DocStatus
from test_markdown_offsets import assert_well_formed

LONG = os.environ.get("NEWSREADER_FUZZ") == "long"
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Pieces that exercise Markdown structure, metadata, escapes and odd characters together.
FRAGMENTS = [
    "# ",
    "## ",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "  ",
    "    ",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "~~",
    "[",
    "](",
    ")",
    "![",
    "|",
    "| --- |",
    "---",
    "***",
    "===",
    "title: ",
    "date: ",
    "source: ",
    "2020-01-02",
    "word",
    "Kazakhstan",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x1b]52;c;",
    "\x07",
    "\x1b",
    "\x00",
    "\x08",
    "\r",
    "\r\n",
    "\t",
    "\x85",
    "\x9b",
    "\x9d",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200f",
    "\ufeff",
    "\u200d",
    "é",
    "中文",
    "قال",
    "🇫🇷",
    "e" + "\u0301" * 12,
    "&#x202e;",
    "&amp;",
    "&#0;",
    "<b>",
    "</b>",
    "<div>",
    "</div>",
    "<script>",
    "<!--",
    "-->",
    "[bold]",
    "[@click=app.quit]",
    "\\",
    "<http://a.b>",
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
plain_text = st.text(alphabet=st.characters(blacklist_characters="#:=-", blacklist_categories=("Cs",)), max_size=400)


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
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]),
)
def test_text_with_a_bom_decodes_exactly(text: str, codec: str) -> None:
    # FF FE 00 00 is the UTF-32 LE byte-order mark, so UTF-16 LE text cannot start with NUL.
    assume(not (codec == "utf-16" and text.startswith("\x00")))
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text and decoded.problems == [] and decoded.binary is None


# ------------------------------------------------------------------ web pages and feeds

HTML_FRAGMENTS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<a href='javascript:x'>",
    "<a href=/ok>",
    "</a>",
    "<ul>",
    "</ul>",
    "<ol start=3>",
    "</ol>",
    "<li>",
    "</li>",
    "<blockquote>",
    "</blockquote>",
    "<h1>",
    "</h1>",
    "<h3>",
    "</h3>",
    "<pre>",
    "</pre>",
    "<br>",
    "<hr>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</td>",
    "</tr>",
    "</table>",
    "<script>",
    "</script>",
    "<style>",
    "<iframe>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<img alt='x' src='data:a'>",
    "&amp;",
    "&#27;",
    "&#x202e;",
    "&lt;b&gt;",
    "<",
    ">",
    "&",
    "\n",
    " ",
    "\n\n",
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<meta property='og:title' content='T'>",
    "word",
    "Paris",
    "[bold]",
    "\x1b[31m",
    "\x00",
    "\t",
    "\u2028",
    "é",
    "中文",
    "e" + "\u0301" * 12,
]
htmlish = st.lists(st.one_of(st.sampled_from(HTML_FRAGMENTS), st.text(max_size=6)), max_size=80).map("".join)


@QUICK
@given(htmlish)
def test_any_html_fragment_makes_a_well_formed_document(html: str) -> None:
    from newsreader.library.htmlblocks import html_document
    from newsreader.model.document import Metadata

    for title in ("", "T"):
        doc = html_document(html, "fuzz.html", Metadata(title=title))
        assert_well_formed(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(htmlish.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=2000))
def test_any_bytes_make_a_well_formed_web_page(data: bytes) -> None:
    check_any_bytes(data, ".html")


# Words separated by spaces and structural tags come out as the same words, in order.
STRUCTURE = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<b>",
    "</b>",
    "<em>",
    "</em>",
    "<ul>",
    "<li>",
    "</ul>",
    "<ol>",
    "</li>",
    "<blockquote>",
    "</blockquote>",
    "<h2>",
    "</h2>",
    "<br>",
    "<hr>",
    "<pre>",
    "</pre>",
    "<a href='https://x.example/'>",
    "</a>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</table>",
]
word = st.text(
    alphabet=st.characters(blacklist_characters="<>&│", blacklist_categories=("Cs", "Cc", "Cf", "Z")),
    min_size=1,
    max_size=8,
)


@QUICK
@given(st.lists(st.one_of(word, st.sampled_from(STRUCTURE)), max_size=60))
def test_html_structure_keeps_every_word_in_order(tokens: list[str]) -> None:
    from newsreader.library.htmlblocks import html_document
    from newsreader.model.document import Metadata

    doc = html_document(" ".join(tokens), "fuzz.html", Metadata())
    assert_well_formed(doc)
    expected = sanitize_text(" ".join(t for t in tokens if not t.startswith("<"))).split()
    assert [w for w in doc.text.split() if w != "│"] == expected


FEED_FRAGMENTS = [
    "<?xml version='1.0'?>",
    "<rss version='2.0'>",
    "</rss>",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "<link>",
    "</link>",
    "<pubDate>",
    "</pubDate>",
    "Mon, 01 Jan 2024 00:00:00 GMT",
    "https://x.example/",
    "javascript:x",
    "<![CDATA[",
    "]]>",
    "&lt;p&gt;",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "</feed>",
    "<entry>",
    "</entry>",
    "<content type='html'>",
    "</content>",
    "<!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    "&x;",
    "&amp;",
    "word",
    "\x1b",
]
feedish = st.lists(st.one_of(st.sampled_from(FEED_FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(feedish.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=1000))
def test_any_bytes_make_well_formed_feed_entries(data: bytes) -> None:
    from newsreader.library.feeds import Feed, _item_document, feed_document, parse_feed_bytes

    feed = parse_feed_bytes(data, "fuzz.rss")
    assert isinstance(feed, Feed)
    if feed.status is DocStatus.ERROR:
        assert feed.problems and not feed.items
    assert_well_formed(feed_document(feed))
    for item in feed.items:
        doc = _item_document(feed, item, f"fuzz.rss#{item.index}")
        assert_well_formed(doc)
        assert "root:" not in doc.text


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="set NEWSREADER_FUZZ=long for the long fuzz run")
def test_long_fuzz() -> None:
    THOROUGH(given(file_bytes(), st.sampled_from([".md", ".txt"]))(check_any_bytes))()
    THOROUGH(given(plain_text)(check_plain_words))()
    THOROUGH(given(st.text(max_size=2000) | markdownish)(check_sanitize))()
    THOROUGH(
        given(htmlish.map(lambda t: t.encode("utf-8", "surrogatepass")))(lambda data: check_any_bytes(data, ".html"))
    )()
