"""load_document / read_entry / sort_entries on real files and small fixtures."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from conftest import ARTICLES, MESSY, SEED, SHARED, assert_linear_growth, needs_shared, shared_params
from newsreader.library import HEAD_BYTES, decode_bytes, load_document, read_entry, reading, sort_entries
from newsreader.model.document import DocStatus, LibraryEntry
from test_markdown_offsets import assert_well_formed

CORPUS = SHARED / "corpus"
HAJJ = CORPUS / "dev" / "2006-01-12-hundreds-dead-in-hajj-stampede.md"
HARBOUR = ARTICLES / "2024-03-14-harbour-security-talks.md"


def test_seed_title_and_no_metadata() -> None:
    doc = load_document(SEED)
    assert doc.meta.title == "Kazakh president gives ‘shoot to kill’ orders to quell anti-govt protests"
    assert (doc.meta.source, doc.meta.date, doc.meta.url, doc.meta.extra) == (None, None, None, {})
    assert doc.status is DocStatus.OK and doc.encoding == "utf-8"
    assert doc.text.startswith(doc.meta.title + "\n\nChina lauds strong measures")
    entry = read_entry(SEED)
    assert entry.title == doc.meta.title and entry.date is None and entry.status is DocStatus.OK


def test_own_article_title_and_metadata() -> None:
    doc = load_document(HARBOUR)
    assert doc.meta.title == "Ministers agree on a harbour security plan after two days of talks in Lisbon"
    assert (doc.meta.date, doc.meta.source) == ("2024-03-14", "Newsreader test desk")
    assert doc.meta.url == "https://example.org/news/harbour-security-talks"
    assert doc.meta.license.startswith("CC0")
    assert "source:" not in doc.text and "https://" not in doc.text
    assert doc.text.startswith(doc.meta.title + "\n\nForeign ministers from Portugal")
    entry = read_entry(HARBOUR)
    assert (entry.title, entry.date, entry.source) == (doc.meta.title, doc.meta.date, doc.meta.source)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in ARTICLES.iterdir() if p.is_file() and not p.name.startswith(".")),
    ids=lambda p: p.name[:50],
)
def test_every_own_article_has_title_date_and_entry_agrees(path: Path) -> None:
    doc = load_document(path)
    entry = read_entry(path)
    assert doc.meta.title and doc.meta.date == path.name[:10]
    assert (entry.title, entry.date) == (doc.meta.title, doc.meta.date)
    if path.suffix != ".html":  # a page's row does not name its site yet (the opened page does)
        assert entry.source == doc.meta.source == "Newsreader test desk"
    assert entry.status is DocStatus.OK and doc.status is DocStatus.OK


@needs_shared
def test_corpus_article_title_and_metadata() -> None:
    doc = load_document(HAJJ)
    assert doc.meta.title == "Hundreds dead in Hajj stampede"
    assert doc.meta.date == "2006-01-12"
    assert doc.meta.url == "https://en.wikinews.org/wiki/Hundreds_dead_in_Hajj_stampede"
    assert doc.meta.source.startswith("Wikinews")
    assert doc.meta.license.startswith("CC BY 2.5")
    assert "source:" not in doc.text and "https://" not in doc.text
    assert doc.text.startswith("Hundreds dead in Hajj stampede\n\nAccording to the Saudi Interior Ministry")


@pytest.mark.parametrize("path", shared_params("corpus/dev", "*.md"))
def test_every_dev_article_has_title_date_url_and_entry_agrees(path: Path) -> None:
    doc = load_document(path)
    entry = read_entry(path)
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert doc.meta.title == first_line.removeprefix("# ").strip()
    assert doc.meta.date == path.name[:10]
    assert doc.meta.url and doc.meta.url.startswith("https://en.wikinews.org/")
    assert (entry.title, entry.date, entry.source) == (doc.meta.title, doc.meta.date, doc.meta.source)
    assert entry.status is DocStatus.OK and doc.status is DocStatus.OK


def test_bom_and_crlf_file() -> None:
    doc = load_document(MESSY / "2023-06-10-bom-crlf-regatta.md")
    assert doc.encoding == "utf-8-sig"
    assert doc.meta.title == "Regatta crews from Croatia and Greece share first place" and doc.meta.date == "2023-06-10"
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert doc.status is DocStatus.OK


def test_windows_1252_and_utf16_files_are_decoded() -> None:
    cp1252 = load_document(MESSY / "2022-09-05-cp1252-market.txt")
    assert cp1252.encoding == "cp1252" and cp1252.status is DocStatus.WARNING
    assert cp1252.problems == ["decoded as Windows-1252 (not valid UTF-8)"]
    assert "Liège" in cp1252.meta.title and "“unfair”" in cp1252.text and "€150" in cp1252.text
    utf16 = load_document(MESSY / "2021-02-14-utf16-bridge.txt")
    assert utf16.encoding.startswith("utf-16") and utf16.status is DocStatus.OK
    assert utf16.meta.title == "Bridge between Austria and Slovenia reopens" and "\x00" not in utf16.text


def test_header_only_empty_and_binary_files() -> None:
    header_only = load_document(MESSY / "2020-07-01-header-only.md")
    assert header_only.status is DocStatus.WARNING
    assert header_only.problems == ["no article text after the title"]
    assert header_only.meta.title == "Museum night programme announced"
    entry = read_entry(MESSY / "2020-07-01-header-only.md")
    assert entry.status is DocStatus.WARNING and entry.reason == "no article text after the title"
    empty = load_document(MESSY / "empty.md")
    assert (empty.status, empty.problems, empty.text, empty.meta.title) == (
        DocStatus.WARNING,
        ["empty file"],
        "",
        "empty",
    )
    binary = load_document(MESSY / "picture.md")
    assert (binary.status, binary.text) == (DocStatus.ERROR, "")
    assert binary.problems[0].startswith("binary file")


def test_truncated_and_control_character_files_are_repaired_and_say_so() -> None:
    cut = load_document(MESSY / "2016-08-08-truncated.md")
    assert cut.status is DocStatus.WARNING and cut.text.endswith("\ufffd")
    assert "invalid UTF-8" in cut.problems[0]
    controls = load_document(MESSY / "2017-01-20-control-characters.md")
    assert controls.meta.title == "Control characters in a title"
    assert "\x1b" not in controls.text and "\u202e" not in controls.text and "\x07" not in controls.text
    assert len(controls.problems) == 3 and controls.status is DocStatus.WARNING


def test_raw_scrape_markup_is_stripped_to_text() -> None:
    doc = load_document(MESSY / "2019-04-12-raw-scrape-orchestra.md")
    assert "<ref" not in doc.text and "<hi" not in doc.text and "<text" not in doc.text
    assert "A youth orchestra from Ghana began a tour of Japan on Friday." in doc.text
    assert "The forty musicians will play" in doc.text


def test_hard_wrapped_briefing_reflows() -> None:
    doc = load_document(MESSY / "2018-10-03-hard-wrapped-briefing.txt")
    assert "coming out in this weather. We have three announcements" in doc.text
    assert "will run twice a week from November, not every day." in doc.text


@needs_shared
def test_shared_messy_corpus_files() -> None:
    doc = load_document(next((CORPUS / "messy").glob("*bom-crlf*")))
    assert doc.encoding == "utf-8-sig" and "\r" not in doc.text and doc.status is DocStatus.OK
    header_only = load_document(CORPUS / "messy" / "2017-02-16-header-only-no-body.md")
    assert header_only.problems == ["no article text after the title"]
    doc = load_document(next((CORPUS / "messy").glob("*raw-scrape*")))
    assert "<ref" not in doc.text and "<hi" not in doc.text
    doc = load_document(next((CORPUS / "messy").glob("2022-12-21-*")))
    assert "it’s good to have you back. I’m delighted you were able" in doc.text


def test_sort_entries_newest_first_then_title_undated_last() -> None:
    entries = [
        LibraryEntry("1", "beta", date="2020-01-01"),
        LibraryEntry("2", "Alpha", date="2020-01-01"),
        LibraryEntry("3", "zed", date="2021-06-01"),
        LibraryEntry("4", "undated b"),
        LibraryEntry("5", "Undated a", date="sometime"),
        LibraryEntry("6", "old", date="1999-12-31"),
    ]
    assert [e.path for e in sort_entries(entries)] == ["3", "2", "1", "6", "5", "4"]


def test_sort_entries_accepts_documents() -> None:
    docs = [load_document(SEED), load_document(HARBOUR)]
    assert [d.path for d in sort_entries(docs)] == [str(HARBOUR), str(SEED)]


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    raw = "# T\r\n\r\nBody\r\n".encode("utf-8-sig")
    path = tmp_path / "a.md"
    path.write_bytes(raw)
    assert load_document(path).sha256 == hashlib.sha256(raw).hexdigest()


def test_decode_utf8_with_a_few_bad_bytes_keeps_utf8() -> None:
    decoded = decode_bytes("Türkiye – Zelenskyy ".encode() + b"\xff" + " café".encode())
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Türkiye – Zelenskyy \ufffd café"
    assert decoded.problems == ["replaced 1 invalid UTF-8 byte sequence(s)"]


def test_decode_cut_in_the_middle_of_a_character_drops_it() -> None:
    raw = "abc é".encode()[:-1]
    assert decode_bytes(raw, truncated=True).text == "abc "
    assert decode_bytes(raw, truncated=True).problems == []


def test_utf16_without_bom_is_recognised() -> None:
    decoded = decode_bytes("Hello, plain UTF-16 text here".encode("utf-16-le"))
    assert decoded.text == "Hello, plain UTF-16 text here"
    assert decoded.problems == ["decoded as UTF-16 LE (no byte-order mark)"]


def test_utf32_bom() -> None:
    decoded = decode_bytes(codecs.BOM_UTF32_LE + "wide".encode("utf-32-le"))
    assert (decoded.text, decoded.encoding) == ("wide", "utf-32-le")


def test_large_file_is_read_partially_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 1024)
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + "word " * 1000)
    doc = load_document(path)
    assert doc.status is DocStatus.WARNING
    assert any(p.startswith("showing the first") for p in doc.problems)
    assert len(doc.text) < 1100
    assert_well_formed(doc)
    assert read_entry(path).reason.startswith("large file")


def test_read_entry_reads_only_the_head(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_bytes(b"# Head title\ndate: 2001-02-03\n\n" + b"x" * (HEAD_BYTES * 4) + b"\xff\xfe garbage")
    entry = read_entry(path)
    assert (entry.title, entry.date, entry.status) == ("Head title", "2001-02-03", DocStatus.OK)
    assert entry.size == path.stat().st_size


def test_read_entry_is_cheap_for_thousands_of_files(tmp_path: Path) -> None:
    count = 2000
    for i in range(count):
        (tmp_path / f"{i:05}.md").write_text(f"# Story {i}\nsource: Wire\ndate: 2020-01-{i % 28 + 1:02}\n\nBody {i}.\n")
    entries = [read_entry(tmp_path / f"{i:05}.md") for i in range(count)]
    assert all(e.status is DocStatus.OK for e in entries)
    assert entries[7].title == "Story 7" and entries[7].date == "2020-01-08"
    # Each row costs the same whatever else is in the folder: ten times the files, about ten
    # times the work (the figure for a 10,000-file library is in `make bench`).
    assert_linear_growth(lambda n: [read_entry(tmp_path / f"{i:05}.md") for i in range(n)], 200, count)


def test_errors_never_raise(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    folder = tmp_path / "x.md"
    folder.mkdir()
    broken = tmp_path / "broken.md"
    broken.symlink_to(tmp_path / "nowhere")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    for path, reason in [
        (missing, "no such file"),
        (folder, "is a folder"),
        (broken, "broken symbolic link"),
        (loop, "symbolic link loop"),
    ]:
        doc = load_document(path)
        assert (doc.status, doc.problems, doc.text, doc.blocks) == (DocStatus.ERROR, [reason], "", [])
        entry = read_entry(path)
        assert (entry.status, entry.reason) == (DocStatus.ERROR, reason)


def test_file_that_vanishes_or_refuses_to_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root chmod 000 still reads; simulate the refusal at open time instead.
    path = tmp_path / "secret.md"
    path.write_text("# Secret\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.open", refuse)
    assert load_document(path).problems == ["permission denied"]
    assert read_entry(path).reason == "permission denied"


def _own_and_shared_messy() -> list:
    own = [pytest.param(p, id=p.name[:50]) for p in sorted(MESSY.iterdir()) if not p.name.startswith(".")]
    return [*own, pytest.param(SEED, id="seed"), *shared_params("corpus/messy")]


@pytest.mark.parametrize("path", _own_and_shared_messy())
def test_list_row_agrees_with_the_opened_document(path: Path) -> None:
    doc = load_document(path)
    entry = read_entry(path)
    assert (entry.title, entry.date, entry.source, entry.status) == (
        doc.meta.title,
        doc.meta.date,
        doc.meta.source,
        doc.status,
    )
    assert entry.reason == (doc.problems[0] if doc.problems else None)
