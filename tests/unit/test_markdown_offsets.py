"""Offsets round-trip: every block indexes Document.text exactly, on every real file we have."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ARTICLES, MESSY, SEED, shared_params
from newsreader.library import load_document
from newsreader.model.document import BlockKind, Document

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def own_files() -> list:
    """Every article of the project's own fixtures (all formats, messy ones too) and the seed."""
    files = sorted(p for p in ARTICLES.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [pytest.param(p, id=str(p.relative_to(ARTICLES))[:60]) for p in files] + [pytest.param(SEED, id="seed")]


def corpus_files() -> list:
    """The own fixtures, then ../shared's dev and messy corpora where they exist."""
    return own_files() + shared_params("corpus/dev") + shared_params("corpus/messy")


def assert_well_formed(doc: Document) -> None:
    """The invariants every Document must keep (also used by the hostile-input tests)."""
    text = doc.text
    previous_end = 0
    pieces: list[str] = []
    for index, block in enumerate(doc.blocks):
        assert 0 <= block.start <= block.end <= len(text), block
        assert block.start >= previous_end, f"block {index} overlaps the previous one"
        body = doc.block_text(block)
        assert body == text[block.start : block.end]
        if block.kind is BlockKind.RULE:
            assert body == ""
        else:
            assert body, f"empty {block.kind} block"
            assert body == body.strip(), f"{block.kind} block has edge whitespace: {body[:40]!r}"
            assert "\n\n" not in body
            gap = text[previous_end : block.start]
            assert gap == ("\n\n" if pieces else ""), f"unexpected text between blocks: {gap!r}"
            pieces.append(body)
            previous_end = block.end
        for run in block.runs:
            assert block.start <= run.start < run.end <= block.end, (block, run)
        assert list(block.runs) == sorted(block.runs, key=lambda r: (r.start, -r.end))
    assert "\n\n".join(pieces) == text, "text outside blocks"
    for char in text:
        if char != "\n":
            assert unicodedata.category(char) != "Cc", f"control {char!r} in text"
        assert char not in BIDI_CONTROLS
        assert not 0xD800 <= ord(char) <= 0xDFFF
    for value in (doc.meta.title, doc.meta.source, doc.meta.date, doc.meta.url, doc.meta.license):
        if value:
            assert "\n" not in value and not any(unicodedata.category(c) == "Cc" for c in value)


@pytest.mark.parametrize("path", corpus_files())
def test_offsets_round_trip_on_every_corpus_file(path: Path) -> None:
    doc = load_document(path)
    assert_well_formed(doc)
    assert doc.sha256 and len(doc.sha256) == 64


def _plain_words(source: str) -> str:
    """Body words of a simple corpus file: metadata lines dropped, heading marks removed."""
    lines = source.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    body = [line for line in lines if not re.match(r"^(source|date|url|license): ", line)]
    return " ".join(re.sub(r"^#+ ", "", line) for line in body).split()


PLAIN_OWN = [
    ARTICLES / "2023-11-02-river-dam-agreement.txt",
    MESSY / "2023-06-10-bom-crlf-regatta.md",
    MESSY / "2020-07-01-header-only.md",
]


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.name[:60]) for p in PLAIN_OWN] + shared_params("corpus/dev", "*.md")
)
def test_plain_articles_keep_every_word(path: Path) -> None:
    source = path.read_text(encoding="utf-8-sig")
    body = "\n".join(line for line in source.split("\n") if not re.match(r"^(source|date|url|license): ", line))
    if re.search(r"[*_`<\\]|\]\(|^\s*([-+*]|\d+[.)])\s|^\s*>|&\w+;", body, re.M):
        pytest.skip("contains Markdown syntax; covered by construct tests")
    doc = load_document(path)
    assert doc.text.split() == _plain_words(source)


def test_seed_keeps_every_word_and_paragraph() -> None:
    source = SEED.read_text(encoding="utf-8")
    doc = load_document(SEED)
    assert doc.text.split() == source.split()
    paragraphs = [" ".join(p.split()) for p in source.split("\n\n") if p.strip()]
    assert [doc.block_text(b) for b in doc.blocks] == paragraphs
