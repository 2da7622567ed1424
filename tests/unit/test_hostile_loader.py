"""Issue 18, loader: a declared charset that is no text encoding (punycode decodes in quadratic
time, zlib is bytes-to-bytes and failed with AssertionError), character references XML forbids,
one odd feed entry, and a file swapped for a named pipe between stat() and open()."""

from __future__ import annotations

import os

import pytest

from newsreader.library import feeds, load_document, loading, read_entries
from newsreader.library.decoding import TEXT_CODECS, text_codec
from newsreader.model.document import DocStatus

NOT_TEXT = [
    "punycode",
    "zlib",
    "base64",
    "rot13",
    "unicode_escape",
    "raw_unicode_escape",
    "idna",
    "hex",
    "bz2",
    "uu",
    "quopri",
    "utf-7",
    "no-such-codec",
    "x" * 40,
]
BODY = "<p>" + "Plain words in a sentence about the talks. " * 40 + "</p>\n"


@pytest.mark.parametrize(
    "label",
    [
        "utf-8",
        "UTF8",
        "latin1",
        "ISO-8859-1",
        "windows-1251",
        "Shift_JIS",
        "gb2312",
        "koi8-r",
        "euc-kr",
        "big5",
        "utf-16le",
        "ascii",
    ],
)
def test_real_text_encodings_are_accepted(label):
    assert text_codec(label) in TEXT_CODECS


@pytest.mark.parametrize("label", NOT_TEXT)
def test_codecs_that_are_not_text_encodings_are_refused(label):
    assert text_codec(label) is None


@pytest.mark.parametrize("label", NOT_TEXT)
def test_web_page_declaring_a_non_text_charset_still_opens(tmp_path, label):
    # Not valid UTF-8 (one Latin-1 byte), so the declared charset is consulted.
    page = (
        f'<html><head><meta charset="{label}"><title>Talks</title></head><body><article>'
        + BODY * 20
        + "<p>caf\xe9</p></article></body></html>"
    ).encode("latin-1")
    path = tmp_path / "page.html"
    path.write_bytes(page)
    document = load_document(path)
    assert document.status is not DocStatus.ERROR, document.problems
    assert document.encoding in TEXT_CODECS and "Plain words" in document.text


@pytest.mark.parametrize("label", NOT_TEXT)
def test_feed_declaring_a_non_text_encoding_still_lists_its_entries(tmp_path, label):
    feed = (
        f'<?xml version="1.0" encoding="{label}"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>One caf\xe9</title><description>{BODY * 20}</description></item>"
        "<item><title>Two</title><description>Second text.</description></item></channel></rss>"
    )
    path = tmp_path / "feed.xml"
    path.write_bytes(feed.replace("<p>", "").replace("</p>", "").encode("latin-1"))
    rows = read_entries(path)
    assert sorted(r.title for r in rows) == ["One café", "Two"]
    assert all(r.status is not DocStatus.ERROR for r in rows)
    assert "Plain words" in load_document(f"{path}#1").text


def test_feed_in_a_declared_legacy_encoding_is_still_decoded_by_it(tmp_path):
    text = "Москва заявила"
    feed = (
        f'<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>{text}</title><description>{text}.</description></item></channel></rss>"
    )
    path = tmp_path / "ru.xml"
    path.write_bytes(feed.encode("cp1251"))
    [row] = read_entries(path)
    assert row.title == text and row.status is DocStatus.OK


def test_forbidden_character_references_leave_the_rest_of_the_feed(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W</title>'
        "<item><title>Bad &#xD800; title</title><description>One &#55296; &#x110000; &#0; x</description></item>"
        "<item><title>Two</title><description>Fine text &#233;.</description></item></channel></rss>"
    )
    path = tmp_path / "refs.xml"
    path.write_text(feed, encoding="utf-8")
    rows = read_entries(path)
    assert sorted(r.title for r in rows) == ["Bad \ufffd title", "Two"]
    assert all(r.status is DocStatus.WARNING for r in rows)
    assert "Fine text é." in load_document(f"{path}#2").text
    assert "One" in load_document(f"{path}#1").text


def test_one_entry_that_fails_does_not_take_the_feed_down(tmp_path, monkeypatch):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        "<item><title>One</title><description>First.</description></item>"
        "<item><title>BOOM</title><description>Second.</description></item>"
        "<item><title>Three</title><description>Third.</description></item></channel></rss>"
    )
    path = tmp_path / "three.xml"
    path.write_text(feed, encoding="utf-8")
    real = feeds._item

    def fragile(index, entry):
        if entry.get("title") == "BOOM":
            raise RuntimeError("odd entry")
        return real(index, entry)

    monkeypatch.setattr(feeds, "_item", fragile)
    parsed = feeds.parse_feed_bytes(path.read_bytes(), str(path))
    assert [i.title for i in parsed.items] == ["One", "Entry 2 (could not be read)", "Three"]
    assert parsed.status is DocStatus.WARNING and "1 entry could not be read" in parsed.problems


def test_a_file_swapped_for_a_pipe_after_stat_does_not_block(tmp_path, monkeypatch):
    regular = tmp_path / "regular.md"
    regular.write_text("# Fine\n\nText.\n", encoding="utf-8")
    pipe = tmp_path / "article.md"
    os.mkfifo(pipe)
    real_stat = os.stat

    def stale_stat(path, *args, **kwargs):
        # What stat() saw a moment before the file was replaced by a named pipe.
        return real_stat(regular) if os.fspath(path) == str(pipe) else real_stat(path, *args, **kwargs)

    monkeypatch.setattr(loading.os, "stat", stale_stat)
    document = load_document(pipe)
    assert document.status is DocStatus.ERROR and "named pipe" in document.problems[0]
    assert "named pipe" in (loading.read_entry(pipe).reason or "")
