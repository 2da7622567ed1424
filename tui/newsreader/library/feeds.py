"""RSS and Atom feed files (.xml, .rss, .atom): each entry is one library article, offline.

The ``feed`` format of the registry (``formats.py``). Entry ``i`` (1-based, in the order the
entries appear in the file) of feed file ``F`` is the path string ``"F#i"``
(``newsreader.addresses.entry_path``; the registry decides what is an address). ``discover`` returns the feed file itself;
``read_entries(F)`` expands it into one ``LibraryEntry`` per entry (``feed_entries``), whose
``path`` is ``"F#i"``; ``load_document("F#i")`` loads that entry (``load_entry_document``).
Feed files are recognised by extension (.xml, .rss, .atom) or, for other extensions, by their
content (``sniffing.looks_like_xml_feed``).

Reading. The file's bytes (never a URL or a file name: feedparser would fetch those) go
to feedparser, whose XML parser has external entities switched off. For each entry: title,
date (published, else updated, as YYYY-MM-DD), URL (the entry's link, http(s) only),
author, and its content (else its summary) as HTML through ``htmlblocks``, or as plain
text when the feed says so. The source is the feed's title.

- A file feedparser cannot read as a feed is ERROR "not an RSS or Atom feed (reason)".
- A feed repaired by the lenient parser lists its entries with a WARNING and the reason.
- A feed with no entries is one WARNING row.
- ``load_document(F)`` on the feed file itself gives one document with every entry under
  its own heading (so a caller that only knows ``read_entry``/``load_document`` still shows
  the feed), and ``read_entry(F)`` its row: the feed's title and newest date.

Parsed feeds are kept in a small cache keyed by the file's identity, size and
modification time, so listing a feed and then opening its entries parses it once.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from html import escape as html_escape
from html import unescape as html_unescape

from newsreader.addresses import entry_path
from newsreader.model.document import DocStatus, Document, LibraryEntry, Metadata

from . import reading
from .decoding import decode_bytes, text_codec
from .htmlblocks import html_document, plain_document, safe_url, title_from_text
from .markdown import MAX_TITLE_CHARS, normalize_date, title_from_path
from .rows import failed_document, sort_entries
from .sanitize import sanitize_line

_ANY_TAG = re.compile(r"<[^<>]*>")
_CACHE_SIZE = 4


@dataclass
class FeedItem:
    """One entry of a feed, as read from the file."""

    index: int  # 1-based, file order
    title: str
    date: str | None
    url: str | None
    author: str | None
    body: str
    body_is_html: bool
    key: str  # sha256 of the entry's own fields: stable across moves and other entries' changes
    entry_id: str | None = None  # the feed's own id for the entry (RSS guid, Atom id), if any


@dataclass
class Feed:
    """A parsed feed file."""

    path: str
    title: str
    url: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    status: DocStatus = DocStatus.OK
    problems: list[str] = field(default_factory=list)
    encoding: str | None = None
    sha256: str = ""
    size: int = 0


def _text_of(value: object, is_html: bool = True) -> str:
    text = str(value or "")
    if is_html:
        text = html_unescape(_ANY_TAG.sub(" ", text))
    return sanitize_line(text)


def _date_of(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return time.strftime("%Y-%m-%d", parsed)
            except (TypeError, ValueError):
                continue
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return normalize_date(sanitize_line(str(entry[key]))) or None
    return None


def _body_of(entry: dict) -> tuple[str, bool]:
    """The entry's content (preferring HTML), else its summary; and whether it is HTML."""
    contents = [c for c in entry.get("content") or [] if isinstance(c, dict) and c.get("value")]
    chosen = next((c for c in contents if "html" in str(c.get("type", ""))), contents[0] if contents else None)
    if chosen is None and entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        chosen = {"value": entry["summary"], "type": detail.get("type", "text/html")}
    if chosen is None:
        return "", True
    return str(chosen["value"]), str(chosen.get("type", "text/html")) != "text/plain"


def _is_html(detail: object) -> bool:
    return "html" in str((detail or {}).get("type", "text/html")) if isinstance(detail, dict) else True


def parse_feed_bytes(data: bytes, path: str = "", truncated: bool = False, base_url: str | None = None) -> Feed:
    """A feed file's bytes -> ``Feed``. Never raises; problems go to status/problems.

    ``base_url`` (a fetched feed's address) resolves relative entry and feed links."""
    feed = Feed(path=path, title="", sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    try:
        if not data.strip():
            feed.status, feed.problems = DocStatus.WARNING, ["empty file"]
            return feed
        decoded = decode_bytes(data[:8192], truncated=True)
        if decoded.binary:
            feed.status, feed.problems = DocStatus.ERROR, [decoded.binary]
            return feed
        import feedparser  # imported on first use: only feeds need it

        utf8, encoding, notes = as_utf8_xml(data, truncated)
        # A file object, never a string: feedparser treats strings as URLs or file names.
        # Its HTML sanitiser is off: it keeps the text inside tags it removes (<iframe>,
        # <svg>), while htmlblocks drops those with their content and renders no markup.
        result = feedparser.parse(
            io.BytesIO(utf8),
            resolve_relative_uris=False,
            sanitize_html=False,
            response_headers={"content-location": base_url, "content-type": "application/xml"} if base_url else None,
        )
        feed.encoding = encoding
        channel = result.get("feed") or {}
        feed.title = _text_of(channel.get("title"), _is_html(channel.get("title_detail")))
        feed.url = safe_url(channel.get("link"), web_only=True)
        entries = list(result.get("entries") or [])
        problem = result.get("bozo_exception") if result.get("bozo") else None
        reason = sanitize_line(str(problem) or type(problem).__name__) if problem is not None else ""
        if not entries:
            if not result.get("version") or problem is not None:
                feed.status = DocStatus.ERROR
                feed.problems = [f"not an RSS or Atom feed ({reason})" if reason else "not an RSS or Atom feed"]
            else:
                feed.status, feed.problems = DocStatus.WARNING, ["the feed has no entries"]
            return feed
        if problem is not None:
            feed.status = DocStatus.WARNING
            feed.problems = [f"malformed feed, read as far as possible: {reason}"]
        if notes:
            feed.status = DocStatus.WARNING
            feed.problems.extend(notes)
        if truncated:
            feed.status = DocStatus.WARNING
            feed.problems.append(f"large file: read the first {reading.megabytes(reading.MAX_BYTES)}")
        unreadable = 0
        for index, entry in enumerate(entries, start=1):
            try:
                feed.items.append(_item(index, entry))
            except Exception:  # noqa: BLE001 - one odd entry must not take the feed down
                unreadable += 1
                feed.items.append(
                    FeedItem(
                        index,
                        f"Entry {index} (could not be read)",
                        None,
                        None,
                        None,
                        "",
                        False,
                        hashlib.sha256(f"{path}#{index}".encode("utf-8", "replace")).hexdigest(),
                    )
                )
        if unreadable:
            feed.status = DocStatus.WARNING
            feed.problems.append(f"{unreadable} entr{'y' if unreadable == 1 else 'ies'} could not be read")
    except Exception as error:  # noqa: BLE001 - one broken feed must not break the library
        feed.status = DocStatus.ERROR
        feed.problems = [f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}"]
        feed.items = []
    return feed


_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml\b[^>]{0,300}?\?>")
_DECLARED_ENCODING = re.compile(
    rb"""^(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]{0,300}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
# A numeric character reference to something XML forbids (a surrogate, NUL and most C0
# controls, beyond U+10FFFF): one of them made feedparser's whole parse fail.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _valid_xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


_FIRST_ELEMENT = re.compile(r"<\w")


def _one_declaration_a_line(text: str) -> str:
    """The prolog with each ``<!DOCTYPE`` and ``<!ENTITY`` on a line of its own.

    feedparser drops entity declarations that expand other entities (the "billion laughs")
    but finds them only at the start of a line: a bomb written on one line reached expat,
    which expanded a million characters before giving up."""
    first = _FIRST_ELEMENT.search(text)
    end = first.start() if first else len(text)
    head = text[:end]
    if "<!" not in head:
        return text
    head = head.replace("<!DOCTYPE", "\n<!DOCTYPE").replace("<!ENTITY", "\n<!ENTITY")
    return head + text[end:]


def as_utf8_xml(data: bytes, truncated: bool = False) -> tuple[bytes, str | None, list[str]]:
    """A feed's bytes decoded by our rules and handed back as UTF-8 declared as UTF-8, with
    the encoding used and notes about repairs.

    feedparser would decode with whatever the XML declaration names, and Python knows codecs
    that are no text encodings (zlib, base64) or decode in quadratic time (punycode): only a
    real text encoding (``decoding.text_codec``) is used, else the bytes are decoded as any
    file (BOM, UTF-8, Windows-1252). Character references XML forbids (``&#xD800;``) become
    U+FFFD instead of failing the whole feed.
    """
    notes: list[str] = []
    match = _DECLARED_ENCODING.match(data[:1024])
    declared = match.group(1).decode("ascii") if match else None
    codec = text_codec(declared)
    if declared and codec is None:
        notes.append(f"ignored the declared encoding {sanitize_line(declared)!r} (not a text encoding)")
    if codec is not None and not codec.startswith(("utf-8", "utf-16", "utf-32")):
        text = data.decode(codec, "replace")  # linear for every codec text_codec allows
        encoding: str | None = codec
    else:
        decoded = decode_bytes(data, truncated)
        text, encoding = decoded.text, decoded.encoding
        notes.extend(decoded.problems)
    text = text.lstrip("\ufeff")
    if "&#" in text:
        replaced: list[int] = []

        def fix(match: re.Match[str]) -> str:
            code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
            if _valid_xml_char(code):
                return match.group()
            replaced.append(code)
            return "&#xFFFD;"

        text = _CHAR_REF.sub(fix, text)
        if replaced:
            notes.append(f"replaced {len(replaced)} invalid character reference(s) such as &#x{replaced[0]:X};")
    new_declaration = '<?xml version="1.0" encoding="utf-8"?>'
    if _XML_DECLARATION.match(text):
        text = _XML_DECLARATION.sub(new_declaration, text, count=1)
    text = _one_declaration_a_line(text)
    return text.encode("utf-8", "replace"), encoding, notes


def _item(index: int, entry: dict) -> FeedItem:
    body, body_is_html = _body_of(entry)
    title = _text_of(entry.get("title"), _is_html(entry.get("title_detail")))
    if not title and body:
        title = title_from_text(_text_of(body, body_is_html))
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    date = _date_of(entry)
    url = safe_url(entry.get("link"), web_only=True)
    author = sanitize_line(str(entry.get("author") or "")) or None
    identity = "\0".join(str(part) for part in (entry.get("id", ""), entry.get("link", ""), title, date, body))
    key = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    entry_id = sanitize_line(str(entry.get("id") or "")) or None
    return FeedItem(index, title, date, url, author, body, body_is_html, key, entry_id)


# --------------------------------------------------------------------------- files

_cache: OrderedDict[tuple, Feed] = OrderedDict()
_cache_lock = threading.Lock()


def read_feed(path: str | os.PathLike[str]) -> Feed:
    """The parsed feed at ``path`` (cached by file identity, size and mtime). Never raises."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
        key: tuple | None = (name, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    except (OSError, ValueError):
        key = None
    if key is not None:
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _cache[key]
    raw = reading.read_bytes(name, reading.MAX_BYTES)
    if raw.error:
        return Feed(path=name, title="", status=DocStatus.ERROR, problems=[raw.error])
    feed = parse_feed_bytes(raw.data, name, raw.truncated)
    feed.size = raw.size
    if key is not None:
        with _cache_lock:
            _cache[key] = feed
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return feed


def _feed_row(feed: Feed) -> LibraryEntry:
    title = feed.title or title_from_path(feed.path)
    dates = sorted(item.date for item in feed.items if item.date and re.match(r"^\d{4}-\d{2}-\d{2}$", item.date))
    return LibraryEntry(
        feed.path,
        title,
        source=feed.title or None,
        date=dates[-1] if dates else None,
        status=feed.status,
        reason=feed.problems[0] if feed.problems else None,
        size=feed.size,
    )


def feed_entry(path: str | os.PathLike[str]) -> LibraryEntry:
    """``read_entry`` for a feed file: one row for the whole feed (its title, newest date)."""
    return _feed_row(read_feed(path))


def _item_title(feed: Feed, item: FeedItem) -> str:
    """The entry's title; an entry with neither title nor text is "<feed title> #i"."""
    return item.title or f"{feed.title or title_from_path(feed.path)} #{item.index}"


def _entry_row(feed: Feed, item: FeedItem) -> LibraryEntry:
    return LibraryEntry(
        path=entry_path(feed.path, item.index),
        title=_item_title(feed, item),
        source=feed.title or None,
        date=item.date,
        status=feed.status,
        reason=feed.problems[0] if feed.problems else None,
        size=len(item.body.encode("utf-8", "surrogatepass")),
    )


def feed_entries(path: str | os.PathLike[str]) -> list[LibraryEntry]:
    """One row per entry (paths ``"F#i"``), newest first; a feed that cannot be read or
    has no entries gives one row for the file with the reason."""
    feed = read_feed(path)
    if not feed.items:
        return [_feed_row(feed)]
    return sort_entries(_entry_row(feed, item) for item in feed.items)


def entry_row(feed_file: str, index: int, address: str) -> LibraryEntry:
    """``read_entry`` for the entry address ``address`` ("F#i": entry ``index`` of ``feed_file``)."""
    feed = read_feed(feed_file)
    if not feed.items:
        row = _feed_row(feed)
        row.path = address
        if row.status is not DocStatus.ERROR:
            row.status, row.reason = DocStatus.ERROR, f"the feed has no entry {index}"
        return row
    if index > len(feed.items):
        return LibraryEntry(
            address,
            title_from_path(feed_file),
            status=DocStatus.ERROR,
            reason=f"the feed has no entry {index} (it has {len(feed.items)})",
        )
    return _entry_row(feed, feed.items[index - 1])


def _item_document(feed: Feed, item: FeedItem, path: str) -> Document:
    meta = Metadata(title=_item_title(feed, item), source=feed.title or None, date=item.date, url=item.url)
    if item.author:
        meta.extra["author"] = item.author
    build = html_document if item.body_is_html else plain_document
    document = build(item.body, path, meta, list(feed.problems))
    document.encoding = feed.encoding
    document.sha256 = item.key
    return document


def load_entry_document(feed_file: str, index: int, address: str) -> Document:
    """``load_document`` for the entry address ``address`` ("F#i": entry ``index`` of
    ``feed_file``). Never raises."""
    try:
        feed = read_feed(feed_file)
        if feed.status is DocStatus.ERROR:
            return failed_document(
                address, feed.problems[0] if feed.problems else "could not be read", sha256=feed.sha256
            )
        if index > len(feed.items):
            return failed_document(
                address, f"the feed has no entry {index} (it has {len(feed.items)})", sha256=feed.sha256
            )
        return _item_document(feed, feed.items[index - 1], address)
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one entry
        return failed_document(address, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def feed_document(feed: Feed) -> Document:
    """The whole feed as one document: the feed's title, then each entry under its own
    heading, in file order."""
    if feed.status is DocStatus.ERROR or not feed.items:
        status = DocStatus.ERROR if feed.status is DocStatus.ERROR else DocStatus.WARNING
        document = failed_document(
            feed.path, feed.problems[0] if feed.problems else "the feed has no entries", status, sha256=feed.sha256
        )
        if feed.title:
            document.meta.title = feed.title
        return document
    parts: list[str] = []
    for item in feed.items:
        parts.append(f"<h2>{html_escape(item.title or f'#{item.index}')}</h2>")
        if item.body_is_html:
            parts.append(item.body)
        else:
            parts.extend(f"<p>{html_escape(p)}</p>" for p in re.split(r"\n[ \t]*\n", item.body))
        parts.append("<hr>")
    meta = Metadata(title=feed.title, source=feed.title or None, url=feed.url)
    dates = sorted(item.date for item in feed.items if item.date and re.match(r"^\d{4}-\d{2}-\d{2}$", item.date))
    meta.date = dates[-1] if dates else None
    document = html_document("".join(parts[:-1]), feed.path, meta, list(feed.problems))
    document.encoding = feed.encoding
    document.sha256 = feed.sha256
    return document


def load_feed_document(path: str | os.PathLike[str], data: bytes | None = None, truncated: bool = False) -> Document:
    """``load_document`` for a feed file itself (or its bytes): see ``feed_document``."""
    name = os.fspath(path)
    try:
        feed = read_feed(name) if data is None else parse_feed_bytes(data, name, truncated)
        return feed_document(feed)
    except Exception as error:  # noqa: BLE001
        return failed_document(name, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def parse_feed_document(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """A feed file's bytes -> one ``Document`` (see ``feed_document``). Never raises."""
    return load_feed_document(path, data, truncated)
