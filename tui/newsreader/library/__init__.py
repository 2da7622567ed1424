"""Finding and reading articles: paths -> files -> ``Document`` (no UI code here).

Public API:
    discover(paths) -> (files, problems)       sources.py
    read_entry(path) -> LibraryEntry          loading.py (file head only; never raises)
    load_document(path) -> Document           loading.py (never raises)
    parse_bytes(data, path="") -> Document    loading.py (the same, from bytes in memory)
    sort_entries(entries) -> list             loading.py (newest first, then title)
    parse_markdown(text, path="") -> Document markdown.py
    parse_plain_text(text, path="") -> Document
    sanitize_text / sanitize_line / display_name   sanitize.py
"""

from .document import (
    Block,
    BlockKind,
    Document,
    DocStatus,
    InlineStyle,
    LibraryEntry,
    Metadata,
    StyledRun,
)
from .loading import HEAD_BYTES, MAX_BYTES, decode_bytes, load_document, parse_bytes, read_entry, sort_entries
from .markdown import normalize_date, parse_markdown, parse_plain_text
from .sanitize import SanitizeReport, display_name, sanitize_line, sanitize_text
from .sources import ARTICLE_SUFFIXES, discover, is_article_name

__all__ = [
    "ARTICLE_SUFFIXES",
    "Block",
    "BlockKind",
    "DocStatus",
    "Document",
    "HEAD_BYTES",
    "InlineStyle",
    "LibraryEntry",
    "MAX_BYTES",
    "Metadata",
    "SanitizeReport",
    "StyledRun",
    "decode_bytes",
    "discover",
    "display_name",
    "is_article_name",
    "load_document",
    "normalize_date",
    "parse_bytes",
    "parse_markdown",
    "parse_plain_text",
    "read_entry",
    "sanitize_line",
    "sanitize_text",
    "sort_entries",
]
