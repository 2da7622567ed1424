"""Finding and reading articles: paths -> files -> ``Document`` (no UI code here).

Public API:
    discover(paths) -> (files, problems)       sources.py
    read_entry(path) -> LibraryEntry          loading.py (file head only; never raises)
    read_entries(path) -> list[LibraryEntry]  loading.py (a feed file: one row per entry, "FEED#i")
    read_library(files, use_cache=True) -> Iterator[list[LibraryEntry]]
                                              entry_cache.py (read_entries of each file, in order,
                                              from a cache for unchanged files: lists 10,000 at once)
    load_document(path) -> Document           loading.py (never raises; "FEED#i" opens a feed entry)
    parse_bytes(data, path="") -> Document    loading.py (the same, from bytes in memory)
    sort_entries(entries) -> list             loading.py (newest first, then title)
    parse_markdown(text, path="") -> Document markdown.py
    parse_plain_text(text, path="") -> Document
    sanitize_text / sanitize_line / display_name   sanitize.py
    entry_path(feed, i) / split_entry_path(path)    formats.py (feed entry addresses)
    parse_html_bytes(data, path="") -> Document     webpage.py (saved web pages)
    FORMATS, Format, FormatError                    formats.py (the format registry)
    decode_bytes(raw) -> Decoded                    decoding.py

Formats (``formats.FORMATS``, one ``Format`` record each; ``loading`` dispatches through it):
Markdown and plain text (textfile.py); saved web pages (.html, .htm, .xhtml: main text by
trafilatura, webpage.py); RSS/Atom feeds (.xml, .rss, .atom: each entry an article, feeds.py).
Shared below them: reading.py (bytes within limits), decoding.py (encodings), sniffing.py
(recognising a format from a file's head), rows.py (error documents and rows, the order).
Reading is offline: trafilatura/feedparser are imported only when a page or feed is read, and
only given bytes.

Subscribed feeds (issue 19), not exported here: ``subscriptions`` (the urls file, OPML),
``fetching`` (the only module that touches the network: httpx, imported on first fetch),
``article_store`` (fetched articles as Markdown files, the fetch state), ``feed_library``
(``tag:``/``feed:`` filter terms).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are imported from their module on first use (PEP 562), so importing
# ``newsreader.library`` (the UI does at start-up) does not load markdown-it, the
# web page or feed readers.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("FORMATS", "Format", "FormatError", "entry_path", "split_entry_path"), "formats"),
    **dict.fromkeys(("HEAD_BYTES", "MAX_BYTES"), "reading"),
    **dict.fromkeys(("Decoded", "decode_bytes"), "decoding"),
    **dict.fromkeys(("load_document", "parse_bytes", "read_entries", "read_entry", "sort_entries"), "loading"),
    **dict.fromkeys(("normalize_date", "parse_markdown", "parse_plain_text"), "markdown"),
    **dict.fromkeys(("SanitizeReport", "display_name", "sanitize_line", "sanitize_text"), "sanitize"),
    **dict.fromkeys(("discover", "is_article_name"), "sources"),
    "parse_html_bytes": "webpage",
    "read_library": "entry_cache",
}

if TYPE_CHECKING:
    from .decoding import Decoded, decode_bytes
    from .entry_cache import read_library
    from .formats import FORMATS, Format, FormatError, entry_path, split_entry_path
    from .loading import load_document, parse_bytes, read_entries, read_entry, sort_entries
    from .markdown import normalize_date, parse_markdown, parse_plain_text
    from .reading import HEAD_BYTES, MAX_BYTES
    from .sanitize import SanitizeReport, display_name, sanitize_line, sanitize_text
    from .sources import discover, is_article_name
    from .webpage import parse_html_bytes


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "FORMATS",
    "HEAD_BYTES",
    "MAX_BYTES",
    "Decoded",
    "Format",
    "FormatError",
    "SanitizeReport",
    "decode_bytes",
    "discover",
    "display_name",
    "entry_path",
    "is_article_name",
    "load_document",
    "normalize_date",
    "parse_bytes",
    "parse_html_bytes",
    "parse_markdown",
    "parse_plain_text",
    "read_entries",
    "read_entry",
    "read_library",
    "sanitize_line",
    "sanitize_text",
    "sort_entries",
    "split_entry_path",
]
