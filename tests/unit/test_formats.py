"""The library's format registry (issue 16): one ``Format`` record per format decides which
reader a file goes to, the extensions a folder walk lists and the help texts; ``loading``
knows no format, so a new one registers without touching it."""

from __future__ import annotations

import ast
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARTICLES, MESSY, ROOT
from newsreader import cli
from newsreader.file_kinds import kind_name, not_regular
from newsreader.library import (
    FORMATS,
    Format,
    FormatError,
    discover,
    load_document,
    parse_bytes,
    read_entries,
    read_entry,
    split_entry_path,
)
from newsreader.library.formats import Registry
from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata

FEEDS = ARTICLES / "feeds"

# --------------------------------------------------------------------------- sniffing

# (sample, format the registry gives a file of that content whose extension says nothing)
SNIFF_SAMPLES = [
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"\xef\xbb\xbf  <!-- saved --> <HTML lang=en><p>x</p>", "html"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>', "feed"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', "feed"),
    (b'<?xml version="1.0"?><urlset><url><loc>https://e.org/</loc></url></urlset>', "text"),  # a sitemap
    (b"Notes on <rss> feeds and <feed> tags", "text"),  # mentions a root, is no XML
    (b"# A heading\n\nBody.", "markdown"),
    (b"---\ntitle: T\n---\nBody.", "markdown"),
    (b"   \n# Heading after blank lines", "markdown"),
    ("# UTF-16 heading\n\nBody text here.".encode("utf-16"), "markdown"),
    (b"Plain words, no heading.", "text"),
    (b"", "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text"),  # nothing claims it: the text reader refuses it
]


@pytest.mark.parametrize(
    ("head", "expected"), SNIFF_SAMPLES, ids=[f"{i}-{e}" for i, (_, e) in enumerate(SNIFF_SAMPLES)]
)
def test_each_format_is_sniffed_from_its_head(head: bytes, expected: str) -> None:
    assert FORMATS.format_for("download", head).name == expected
    assert FORMATS.format_for("download.dat", head).name == expected


# The project's own fixtures, as a file whose name says nothing would hold them.
FIXTURE_SAMPLES = [
    (ARTICLES / "2024-05-20-coastal-election.html", "html"),
    (ARTICLES / "2024-03-14-harbour-security-talks.md", "markdown"),
    (ARTICLES / "2023-11-02-river-dam-agreement.txt", "text"),
    (FEEDS / "wire.rss", "feed"),
    (FEEDS / "desk.atom", "feed"),
    (MESSY / "2021-02-14-utf16-bridge.txt", "text"),
]


@pytest.mark.parametrize(("fixture", "expected"), FIXTURE_SAMPLES, ids=[p.name for p, _ in FIXTURE_SAMPLES])
def test_fixtures_without_their_extension_are_recognised(fixture: Path, expected: str, tmp_path: Path) -> None:
    assert FORMATS.by_suffix(fixture.name) is FORMATS.get(expected)
    copy = tmp_path / "download"
    shutil.copyfile(fixture, copy)
    head = copy.read_bytes()[:4096]
    assert FORMATS.format_for(str(copy), head).name == expected
    by_name, by_content = load_document(fixture), load_document(copy)
    assert by_content.status is by_name.status
    assert by_content.text == by_name.text
    if expected == "feed":  # read as a feed: one row per entry, addressed "F#i"
        addresses = [split_entry_path(row.path) for row in read_entries(copy)]
        assert sorted(addresses) == [(str(copy), i) for i in range(1, len(addresses) + 1)]
        assert len(addresses) == len(read_entries(fixture)) > 1


def test_extensions_decide_before_content_and_ignore_case(tmp_path: Path) -> None:
    page = tmp_path / "page.HTM"
    page.write_text("# Looks like Markdown\n\nBut the extension says web page.", encoding="utf-8")
    assert FORMATS.format_for(str(page), page.read_bytes()).name == "html"
    for name, expected in [("a.MD", "markdown"), ("a.Text", "text"), ("a.xhtml", "html"), ("a.Atom", "feed")]:
        assert FORMATS.by_suffix(name) is FORMATS.get(expected)


def test_every_extension_is_claimed_once_and_help_names_them_all() -> None:
    claimed = [suffix for fmt in FORMATS for suffix in fmt.suffixes]
    assert len(claimed) == len(set(claimed)) == len(FORMATS.suffixes())
    assert FORMATS.suffixes(entries=True) == {".xml", ".rss", ".atom"}
    text = FORMATS.help_text()
    assert all(suffix in text for suffix in claimed)
    assert all(fmt.label in text for fmt in FORMATS)


# --------------------------------------------------------------------------- odd files


def test_an_unknown_binary_file_gets_a_clear_message(tmp_path: Path) -> None:
    odd = tmp_path / "archive.docx"
    odd.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    document = load_document(odd)
    assert (document.status, document.problems) == (DocStatus.ERROR, ["binary file (ZIP archive?)"])
    assert read_entry(odd).reason == "binary file (ZIP archive?)"
    assert parse_bytes(odd.read_bytes(), "upload").problems == ["binary file (ZIP archive?)"]
    assert discover([tmp_path]) == ([], [])  # not listed from a folder: no format claims .docx


def test_unknown_format_names_and_bad_records_are_refused_with_the_reason() -> None:
    with pytest.raises(FormatError, match=r"unknown format 'docx' \(known: markdown, text, html, feed\)"):
        FORMATS.get("docx")
    reader = FORMATS.get("text")
    with pytest.raises(FormatError, match="suffix 'note' must be lower case and start with a dot"):
        Format("note", "notes", ("note",), reader.read_entry, reader.parse)
    with pytest.raises(FormatError, match=r"\.md is already read as markdown"):
        FORMATS.register(Format("notes", "notes", (".md",), reader.read_entry, reader.parse))
    with pytest.raises(FormatError, match="needs read_entries, entry_row and load_entry"):
        Format("bag", "bags", (".bag",), reader.read_entry, reader.parse, read_entries=lambda path: [])
    assert "notes" not in FORMATS


def test_a_file_that_is_not_regular_is_named_the_same_everywhere(tmp_path: Path) -> None:
    from newsreader.own_files import OwnFileError, read_own_text
    from newsreader.safe_output import OutputError, check_output

    assert kind_name(os.stat(tmp_path).st_mode) == "a folder"
    assert not_regular(os.stat(tmp_path).st_mode) == "is a folder"
    assert not_regular(stat.S_IFREG | 0o644) is None
    assert load_document(tmp_path).problems == ["is a folder"]
    if not hasattr(os, "mkfifo"):
        return
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    assert kind_name(os.stat(pipe).st_mode) == "a named pipe"
    reasons = [load_document(pipe).problems[0], read_entry(pipe).reason]
    with pytest.raises(OwnFileError) as own:
        read_own_text(pipe, 1024)
    with pytest.raises(OutputError) as output:
        check_output(pipe)
    reasons += [str(own.value), str(output.value)]
    assert all("is a named pipe, not a regular file" in reason for reason in reasons), reasons


# --------------------------------------------------------------------------- a new format


def _note_document(data: bytes, path: str = "", truncated: bool = False) -> Document:
    text = data.decode("utf-8").removeprefix("NOTE:").strip()
    return Document(path=path, text=text, blocks=[], meta=Metadata(title=f"Note: {text[:20]}"))


def _note_row(path: str) -> LibraryEntry:
    return LibraryEntry(path, "Note: " + Path(path).read_text(encoding="utf-8").removeprefix("NOTE:").strip()[:20])


@pytest.fixture
def notes_format() -> Iterator[Format]:
    """A throw-away format (".note" files, or any file starting "NOTE:"), registered for one test."""
    fmt = FORMATS.register(
        Format(
            name="note",
            label="notes",
            suffixes=(".note",),
            read_entry=_note_row,
            parse=_note_document,
            sniff=lambda head: head.startswith(b"NOTE:"),
        )
    )
    try:
        yield fmt
    finally:
        FORMATS.unregister("note")
    assert "note" not in FORMATS and FORMATS.by_suffix("a.note") is None


def test_a_new_format_registers_without_touching_loading(
    notes_format: Format, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "todo.note").write_text("NOTE: buy milk", encoding="utf-8")
    (folder / "later.bin").write_text("NOTE: sniffed, not listed from a folder", encoding="utf-8")
    files, problems = discover([folder])
    assert [f.name for f in files] == ["todo.note"] and problems == []
    assert read_entry(files[0]).title == "Note: buy milk"
    assert load_document(files[0]).text == "buy milk"
    assert load_document(folder / "later.bin").meta.title == "Note: sniffed, not listed "  # by its head
    assert read_entries(folder / "later.bin")[0].title.startswith("Note: sniffed")
    assert "notes (.note)" in FORMATS.help_text()
    assert cli.main(["--help"]) == 0
    assert ".note" in capsys.readouterr().out
    assert split_entry_path(f"{folder / 'todo.note'}#2") is None  # a one-article format: no entry addresses


def test_a_registry_of_its_own_needs_a_fallback_to_read_unknown_files() -> None:
    text = FORMATS.get("text")
    registry = Registry((text,))
    assert registry.format_for("a.txt") is text
    with pytest.raises(FormatError, match="no fallback format registered"):
        registry.format_for("a.unknown")
    with pytest.raises(FormatError, match="no registered format holds several articles"):
        registry.container_for("a.rss")


# --------------------------------------------------------------------------- direction


LIBRARY = ROOT / "tui" / "newsreader" / "library"


def _imported_modules(path: Path) -> set[str]:
    """The ``newsreader.library`` modules ``path`` imports, at module level or in functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1:
                names = [module] if module else [alias.name for alias in node.names]
                found.update(name.split(".")[0] for name in names)
            elif module.startswith("newsreader.library."):
                found.add(module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("newsreader.library."))
    return found


def test_readers_and_shared_modules_never_import_the_dispatch() -> None:
    """registry -> readers -> shared modules: no reader reaches back (the loading/feeds/webpage
    cycle that function-level imports used to hide)."""
    dispatch = {"loading", "formats", "sources", "entry_cache"}
    for name in ("textfile", "webpage", "feeds", "htmlblocks", "markdown", "reading", "decoding", "rows", "sniffing"):
        assert not _imported_modules(LIBRARY / f"{name}.py") & dispatch, name
    shared = {"reading", "decoding", "sniffing"}
    for name in shared:
        assert _imported_modules(LIBRARY / f"{name}.py") <= shared, name
    assert not _imported_modules(LIBRARY / "loading.py") & {"textfile", "webpage", "feeds", "markdown"}


def test_cached_rows_depend_on_every_module_that_builds_them() -> None:
    """The library-row cache is keyed by the code that reads files: a reader module missing
    from that list would let rows made by old code survive a change to it."""
    from newsreader.library import entry_cache

    not_readers = {"__init__", "fetching", "subscriptions", "article_store", "feed_library", "sources"}
    readers = {path.name for path in LIBRARY.glob("*.py") if path.stem not in not_readers}
    assert readers <= set(entry_cache._CODE_FILES)
    assert all((LIBRARY / name).resolve().is_file() for name in entry_cache._CODE_FILES)
