"""Saved web pages (.html, .htm, .xhtml) -> ``Document`` / ``LibraryEntry``, offline: the
``html`` format of the registry (``formats.py``).

- Decoding: ``decode_bytes`` (BOM, UTF-8, UTF-16 by zero bytes); when the bytes are not
  UTF-8, the charset the page declares (``<meta charset>`` or the ``http-equiv``
  Content-Type) is used before the Windows-1252 guess.
- Metadata comes from the page's head first (the same tags ``read_entry`` reads, so the
  library row and the opened article agree): title from ``og:title``/``twitter:title``/
  ``<title>`` (a trailing " | Site name" removed), source from ``og:site_name``, date from
  ``article:published_time`` and similar tags, URL from ``<link rel=canonical>`` or
  ``og:url``, else the "saved from url" mark browsers leave (http(s) only, so ``o`` can
  never open a ``javascript:`` address). What the head lacks is taken from trafilatura's
  metadata (JSON-LD, bylines, htmldate) over the page's first ``METADATA_CHARS``.
- The article text is trafilatura's main-text extraction (boilerplate such as menus,
  footers and comments removed), as HTML, turned into blocks by ``htmlblocks``. When the
  extractor finds nothing, fails, or the page has more than ``MAX_EXTRACT_TAGS`` tags, all
  the text of the page's body is shown, with a WARNING saying which.
- trafilatura is imported on first use (it costs ~0.15 s) and is only ever given a string:
  it never fetches anything.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import logging
import re
from functools import cache
from html import unescape as html_unescape
from typing import Any

from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata

from . import reading
from .decoding import Decoded, decode_bytes, text_codec
from .htmlblocks import html_document, safe_url
from .markdown import MAX_TITLE_CHARS, normalize_date
from .rows import error_row, failed_document, head_row, unreadable_row
from .sanitize import sanitize_line

#: read_entry reads this much of a web page: heads full of inline scripts and styles are
#: common, and 64 KB still reads in well under a millisecond.
HTML_HEAD_BYTES = 64 * 1024
NO_MAIN_TEXT = "the extractor found no main text; showing all the text of the page"
#: Pages with more tags than this (scripts, styles, SVG and comments not counted) skip
#: main-text extraction, whose cost grows faster than the page (3,000 paragraphs of links
#: ~1 s, 9,500 ~5 s), and show all their text instead.
MAX_EXTRACT_TAGS = 25_000
#: trafilatura's metadata search (JSON-LD, bylines, dates) reads this much of the page:
#: what it looks for sits in the head and the top of the article.
METADATA_CHARS = 256 * 1024

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b([^<>]*)>", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b([^<>]*)>", re.IGNORECASE)
_ELEMENT_TEXT_LIMIT = 2000  # characters of a <title>/<h1> read when its end tag is missing
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")
# Browsers mark a saved page with where it came from: <!-- saved from url=(0041)https://... -->
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


def _attr(name: str) -> re.Pattern[str]:
    return re.compile(rf"""(?:^|\s){name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


_PROPERTY, _NAME, _ITEMPROP, _CONTENT = _attr("property"), _attr("name"), _attr("itemprop"), _attr("content")
_HTTP_EQUIV, _REL, _HREF = _attr("http-equiv"), _attr("rel"), _attr("href")

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "title")
_SOURCE_KEYS = ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher", "publisher", "copyright")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publication_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "og:published_time",
    "article:modified_time",
    "datemodified",
    "og:updated_time",
)
_URL_KEYS = ("og:url", "twitter:url")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")


# --------------------------------------------------------------------------- decoding


def declared_charset(raw: bytes) -> str | None:
    """The Python codec named by the page's ``<meta charset>``/Content-Type, if any and if it
    is a real text encoding (``decoding.text_codec``: never punycode, zlib, base64...)."""
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    return text_codec(match.group(1))


def decode_html(raw: bytes, truncated: bool = False) -> Decoded:
    """``decode_bytes``, but a page that is not UTF-8 is read in the charset it declares."""
    decoded = decode_bytes(raw, truncated)
    if decoded.binary or decoded.encoding not in ("cp1252", "latin-1"):
        return decoded
    charset = declared_charset(raw)
    if charset is None or charset.startswith(("utf-16", "utf-32")) or charset == "utf-8":
        return decoded
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    try:
        text = decoder.decode(raw, final=not truncated)
    except Exception:  # noqa: BLE001 - an exotic codec failing keeps the guess
        return decoded
    strict_bad = text.count("\ufffd")
    problems = [f"replaced {strict_bad} invalid {charset} sequence(s)"] if strict_bad else []
    return Decoded(text, charset, problems)


# --------------------------------------------------------------------------- head metadata


def _value(pattern: re.Pattern[str], attributes: str) -> str | None:
    found = pattern.search(attributes)
    if not found:
        return None
    return html_unescape(next(group for group in found.groups() if group is not None))


def _first_element_text(html: str, tag: str, end: int | None = None) -> str | None:
    """The one-lined text of the first ``<tag>`` in ``html[:end]``, up to its end tag.

    Two linear searches rather than one pattern with a lazy ``.*?``, which a page of
    thousands of unclosed tags would make quadratic.
    """
    limit = len(html) if end is None else min(end, len(html))
    start = re.compile(rf"<{tag}\b[^<>]*>", re.IGNORECASE).search(html, 0, limit)
    if start is None:
        return None
    stop = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(html, start.end(), limit)
    text = html[start.end() : stop.start() if stop else start.end() + _ELEMENT_TEXT_LIMIT]
    return _one_line_text(text[: _ELEMENT_TEXT_LIMIT * 4]) or None


def _one_line_text(html: str) -> str:
    return sanitize_line(html_unescape(_ANY_TAG.sub(" ", html)))


def head_metadata(html: str) -> tuple[Metadata, str | None]:
    """Metadata from the tags in a page's head (and the first ``<h1>``, returned apart as a
    fallback title). Reads only up to ``</head>``/``<body>`` for the tags."""
    end = _HEAD_END.search(html)
    head = html[: end.start()] if end else html
    found: dict[str, str] = {}
    for match in _META_TAG.finditer(head):
        attributes = match.group(1)
        key = _value(_PROPERTY, attributes) or _value(_NAME, attributes) or _value(_ITEMPROP, attributes)
        content = _value(_CONTENT, attributes)
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content)
    canonical = None
    for match in _LINK_TAG.finditer(head):
        rel = (_value(_REL, match.group(1)) or "").lower().split()
        if "canonical" in rel:
            canonical = safe_url(_value(_HREF, match.group(1)), web_only=True)
            if canonical:
                break
    meta = Metadata()
    source = next((sanitize_line(found[k]) for k in _SOURCE_KEYS if k in found and sanitize_line(found[k])), None)
    meta.source = source
    title = next((sanitize_line(found[k]) for k in _TITLE_KEYS if k in found and sanitize_line(found[k])), "")
    if not title:
        title = _strip_site_name(_first_element_text(head, "title") or "", source)
    meta.title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…" if len(title) > MAX_TITLE_CHARS else title
    for key in _DATE_KEYS:
        if key in found:
            date = normalize_date(sanitize_line(found[key]))
            if re.match(r"^\d{4}-\d{2}-\d{2}$", date):
                meta.date = date
                break
    meta.url = canonical or next(
        (url for url in (safe_url(found.get(k), web_only=True) for k in _URL_KEYS) if url), None
    )
    if meta.url is None:
        saved = _SAVED_FROM.search(html[:2048])
        meta.url = safe_url(saved.group(1), web_only=True) if saved else None
    author = next((sanitize_line(found[k]) for k in _AUTHOR_KEYS if k in found and sanitize_line(found[k])), None)
    if author and not author.lower().startswith(("http:", "https:")):
        meta.extra["author"] = author
    return meta, _first_element_text(html, "h1", HTML_HEAD_BYTES)


def _strip_site_name(title: str, source: str | None) -> str:
    """ "Headline | Site" -> "Headline" when the site's name is known."""
    if not source:
        return title
    for separator in _TITLE_SEPARATORS:
        if title.endswith(separator + source):
            return title[: -len(separator + source)].strip() or title
        if title.startswith(source + separator):
            return title[len(source + separator) :].strip() or title
    return title


# --------------------------------------------------------------------------- extraction


@cache
def _trafilatura() -> Any:
    """The extractor, imported on first use; its log messages stay out of the terminal."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    import trafilatura

    return trafilatura


_DROPPED_ELEMENT = re.compile(r"<!--|<(script|style|svg|noscript|template)\b[^<>]*>", re.IGNORECASE)


def without_scripts(html: str) -> str:
    """``html`` without comments and script, style, SVG, noscript and template elements,
    which the extractor drops anyway: less for it to parse, and a fairer tag count.

    Linear: an element whose end tag is missing is cut to the end of the page (scripts and
    styles, as browsers read them) or loses only its start tag (the others).
    """
    parts: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    while True:
        match = _DROPPED_ELEMENT.search(html, pos)
        if match is None:
            parts.append(html[pos:])
            break
        parts.append(html[pos : match.start()])
        name = (match.group(1) or "").lower()
        if not name:
            end = html.find("-->", match.end())
            if end < 0:
                break
            pos = end + 3
            continue
        close = None if name in unclosed else re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, match.end())
        if close is not None:
            pos = close.end()
        elif name in ("script", "style"):
            break
        else:
            unclosed.add(name)
            pos = match.end()
    return "".join(parts)


def _extract(text: str) -> str | None:
    """The page's main text as clean HTML (the body part), or None when nothing was found.

    No metadata here: trafilatura would also fingerprint the text and search the whole
    page for dates (over a second on a 1.5 MB page), which the head usually makes needless.
    """
    output = _trafilatura().extract(
        text,
        output_format="html",
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        include_links=True,
        include_images=False,
        deduplicate=False,
    )
    if not output:
        return None
    body = _BODY_START.search(output)
    main = output[body.end() :] if body else output
    return main if _one_line_text(main) else None


def _extracted_metadata(text: str, search_date: bool = True) -> dict[str, str]:
    """trafilatura's metadata (JSON-LD, bylines, htmldate's date search, thorough only when
    ``search_date``) as strings."""
    found = _trafilatura().extract_metadata(text, extensive=search_date)
    fields: dict[str, str] = {}
    for key in ("title", "sitename", "date", "url", "author"):
        value = getattr(found, key, None)
        if isinstance(value, str) and value.strip():
            fields[key] = value
    return fields


def _merge(meta: Metadata, extracted: dict[str, str]) -> None:
    """Fill what the head lacked from the extractor's metadata."""
    if not meta.title and extracted.get("title"):
        meta.title = sanitize_line(extracted["title"])
    if not meta.source and extracted.get("sitename"):
        meta.source = sanitize_line(extracted["sitename"]) or None
    if not meta.date and extracted.get("date"):
        meta.date = normalize_date(sanitize_line(extracted["date"])) or None
    if not meta.url:
        meta.url = safe_url(extracted.get("url"), web_only=True)
    if "author" not in meta.extra and extracted.get("author"):
        meta.extra["author"] = sanitize_line(extracted["author"])


def parse_html_bytes(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """A saved web page's bytes -> ``Document`` (see the module docstring). Never raises."""
    try:
        digest = hashlib.sha256(data).hexdigest()
        if not data:
            return failed_document(path, "empty file", DocStatus.WARNING, sha256=digest)
        decoded = decode_html(data, truncated)
        if decoded.binary:
            return failed_document(path, decoded.binary, sha256=digest)
        text = decoded.text
        meta, first_h1 = head_metadata(text)
        problems = list(decoded.problems)
        main = None
        lean = without_scripts(text)
        tags = lean.count("<")
        if tags > MAX_EXTRACT_TAGS:
            problems.append(f"page too large for main-text extraction ({tags:,} tags); showing all its text")
        else:
            try:
                main = _extract(lean)
                if main is None:
                    problems.append(NO_MAIN_TEXT)
            except Exception as error:  # noqa: BLE001 - the extractor failing leaves the page's text
                problems.append(f"the extractor failed ({type(error).__name__}); showing all the text of the page")
        if not (meta.title and meta.source and meta.date and meta.url):
            with contextlib.suppress(Exception):  # metadata is a bonus; the head's is kept
                _merge(meta, _extracted_metadata(text[:METADATA_CHARS], search_date=meta.date is None))
        if main is None:
            body = _BODY_START.search(text)
            main = text[body.end() :] if body else text
        if not meta.title and first_h1:
            meta.title = first_h1
        document = html_document(main, path, meta, problems)
        document.encoding = decoded.encoding
        document.sha256 = digest
        return document
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one file
        return failed_document(path, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def read_html_entry(path: str) -> LibraryEntry:
    """The library row for a web page, from its head tags only (no extraction). Never raises."""
    try:
        raw = reading.read_bytes(path, HTML_HEAD_BYTES)
        if raw.error:
            return error_row(path, raw.error)
        if not raw.data:
            return error_row(path, "empty file", DocStatus.WARNING)
        decoded = decode_html(raw.data, raw.truncated)
        if decoded.binary:
            return error_row(path, decoded.binary, size=raw.size)
        meta, first_h1 = head_metadata(decoded.text)
        return head_row(path, meta.title or first_h1, meta, list(decoded.problems), raw.size)
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return unreadable_row(path, error)
