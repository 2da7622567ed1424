"""Markdown and plain-text files -> ``Document`` / ``LibraryEntry`` (the ``markdown`` and
``text`` formats of ``formats.py``), never raising.

- Bytes are decoded by ``decoding.decode_bytes``; binary files are ERROR "binary file (PNG
  image?)"; empty and whitespace-only files are WARNING.
- A Markdown file is parsed by ``markdown.parse_markdown``, a text file by
  ``parse_plain_text``; a file whose extension says neither was given one of the two by the
  registry from how it starts ("#" or "---": Markdown).
- The library row reads only the first ``HEAD_BYTES`` (8 KB): enough for title and metadata.
"""

from __future__ import annotations

import hashlib

from newsreader.model.document import DocStatus, Document, LibraryEntry

from . import reading
from .decoding import decode_bytes
from .markdown import (
    MAX_TITLE_CHARS,
    metadata_from_fields,
    parse_markdown,
    parse_plain_text,
    split_header,
    title_of_line,
)
from .rows import error_row, failed_document, head_row, unreadable_row
from .sanitize import SanitizeReport, sanitize_line, sanitize_text

_BLANK = " \t\n\r\ufeff\u2028\u2029\x85"  # what sanitize_text turns into blank space


def parse_text_bytes(data: bytes, path: str, truncated: bool, markdown: bool) -> Document:
    """A text file's bytes -> ``Document`` (decode, sanitise, parse). Never raises."""
    try:
        digest = hashlib.sha256(data).hexdigest()
        if not data:
            return failed_document(path, "empty file", DocStatus.WARNING, sha256=digest)
        decoded = decode_bytes(data, truncated)
        if decoded.binary:
            return failed_document(path, decoded.binary, sha256=digest)
        # Not str.strip(): Python counts the controls U+001C-U+001F as whitespace.
        if not decoded.text.strip(_BLANK):
            return failed_document(path, "file contains only whitespace", DocStatus.WARNING, decoded.encoding, digest)
        parse = parse_markdown if markdown else parse_plain_text
        document = parse(decoded.text, path)
        document.problems = decoded.problems + document.problems
        if document.problems and document.status is DocStatus.OK:
            document.status = DocStatus.WARNING
        document.encoding = decoded.encoding
        document.sha256 = digest
        return document
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one file
        return failed_document(path, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def read_text_entry(path: str, markdown: bool) -> LibraryEntry:
    """The library-list row for a text file, from its first ``HEAD_BYTES`` only. Never raises."""
    try:
        raw = reading.read_bytes(path, reading.HEAD_BYTES)
        if raw.error:
            return error_row(path, raw.error)
        if not raw.data:
            return error_row(path, "empty file", DocStatus.WARNING)
        decoded = decode_bytes(raw.data, raw.truncated)
        if decoded.binary:
            return error_row(path, decoded.binary, size=raw.size)
        report = SanitizeReport()
        text = sanitize_text(decoded.text, report)
        if not text.strip():
            reason = "file contains only whitespace" if not raw.truncated else "no text in the first 8 KB"
            return error_row(path, reason, DocStatus.WARNING, raw.size)
        header = split_header(text)
        meta = metadata_from_fields(header.fields)
        title = header.fields.get("title")
        title = sanitize_line(title) if title else ""
        if not title and header.title_line is not None:
            title = title_of_line(header.title_line, markdown)
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
        problems = decoded.problems + report.problems
        if not raw.truncated and not header.has_body and not header.fields.get("title"):
            problems.append("no article text after the title")
        return head_row(path, title, meta, problems, raw.size)
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return unreadable_row(path, error)


def parse_markdown_bytes(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """``parse_text_bytes`` for a Markdown file."""
    return parse_text_bytes(data, path, truncated, markdown=True)


def parse_plain_bytes(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """``parse_text_bytes`` for a plain-text file."""
    return parse_text_bytes(data, path, truncated, markdown=False)


def read_markdown_entry(path: str) -> LibraryEntry:
    """``read_text_entry`` for a Markdown file."""
    return read_text_entry(path, markdown=True)


def read_plain_entry(path: str) -> LibraryEntry:
    """``read_text_entry`` for a plain-text file."""
    return read_text_entry(path, markdown=False)
