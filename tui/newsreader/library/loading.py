"""Files -> bytes -> text -> ``Document`` / ``LibraryEntry``, never raising.

Reading rules:

- Files larger than ``MAX_BYTES`` (8 MB) are read partially, with a WARNING saying so; the
  document's ``sha256`` is then of the bytes read (the text shown and analysed).
- ``read_entry`` reads only the first ``HEAD_BYTES`` (8 KB): enough for title and metadata.
- Decoding: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); otherwise UTF-8; text that is
  UTF-8 with a few bad bytes keeps UTF-8 with U+FFFD for the bad bytes; otherwise
  Windows-1252, then Latin-1 (both with a WARNING). UTF-16 without a BOM is recognised by
  its zero bytes.
- Binary files (known magic numbers, zero bytes, or many control bytes) are ERROR
  "binary file (PNG image?)"; empty and whitespace-only files are WARNING.
- Missing, unreadable, directory, special and looping paths are ERROR with the reason.

Formats, by extension (files with another extension are sniffed: a head starting with
``<!DOCTYPE html``/``<html`` is a web page, an XML head with an RSS/Atom root is a feed):

- ``.md``/``.markdown``/... Markdown, ``.txt``/``.text`` plain text (``markdown.py``);
- ``.html``/``.htm``/``.xhtml`` saved web pages (``webpage.py``: main text by trafilatura);
- ``.xml``/``.rss``/``.atom`` feeds (``feeds.py``): each entry is an article addressed as
  ``"FEED#i"``; ``read_entries(FEED)`` lists them and ``load_document("FEED#i")`` opens one.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Iterable, TypeVar

from newsreader.model.document import Document, DocStatus, LibraryEntry, Metadata
from .markdown import (
    MAX_TITLE_CHARS,
    metadata_from_fields,
    parse_markdown,
    parse_plain_text,
    split_header,
    title_from_path,
    title_of_line,
)
from .sanitize import SanitizeReport, sanitize_line, sanitize_text

MAX_BYTES = 8 * 1024 * 1024
HEAD_BYTES = 8 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
PLAIN_SUFFIXES = frozenset({".txt", ".text"})
# Defined here (not in webpage.py/feeds.py) so routing a file imports neither module.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
_HTML_HEAD = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
    (b"\xca\xfe\xba\xbe", "executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC excluded).
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_SAMPLE = 8192
_BLANK = " \t\n\r\ufeff\u2028\u2029\x85"  # what sanitize_text turns into blank space


@dataclass
class Decoded:
    """Bytes turned into text, or the reason they are not text."""

    text: str = ""
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    binary: str | None = None  # "binary file (...)" when the bytes are not text


_MAGIC_PREFIXES = tuple(prefix for prefix, _ in _MAGIC)


def _magic(raw: bytes) -> str | None:
    if not raw.startswith(_MAGIC_PREFIXES) and raw[:4] != b"RIFF" and raw[4:8] != b"ftyp":
        return None  # the common case, in one C call
    for prefix, label in _MAGIC:
        if raw.startswith(prefix):
            return label
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[raw[8:12]]
    if raw[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit in every other position, like ASCII in UTF-16."""
    pairs = len(sample) // 2
    if pairs < 8:  # too little to tell; such tiny files are read as UTF-8 with visible NULs
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


# The encodings of the WHATWG Encoding Standard (what browsers accept from a page), as Python
# codecs, plus plain ASCII/Latin-1 and UTF-32. A page or feed may declare any codec name
# Python knows, and some are not text encodings at all: "zlib" and "base64" turn bytes into
# bytes, "punycode" decodes in quadratic time (250 KB took 9 s), "unicode_escape" interprets
# backslashes. Every one of these decodes in linear time.
_TEXT_CODEC_LABELS = (
    "utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32-be", "utf-32", "ascii", "latin-1",
    "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7",
    "iso-8859-8", "iso-8859-9", "iso-8859-10", "iso-8859-11", "iso-8859-13", "iso-8859-14", "iso-8859-15",
    "iso-8859-16", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250", "cp1251", "cp1252",
    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "gbk", "gb2312", "gb18030", "big5",
    "big5hkscs", "euc-jp", "iso-2022-jp", "shift_jis", "cp932", "euc-kr", "cp949", "tis-620",
)


def _known_codecs() -> frozenset[str]:
    names = set()
    for label in _TEXT_CODEC_LABELS:
        try:
            names.add(codecs.lookup(label).name)
        except LookupError:  # a Python built without one of them
            continue
    return frozenset(names)


TEXT_CODECS = _known_codecs()


def text_codec(label: str | bytes | None) -> str | None:
    """The Python codec for a declared charset ``label`` if it is a real text encoding
    (``TEXT_CODECS``); None for unknown names and for codecs such as punycode or zlib."""
    if not label:
        return None
    try:
        name = label.decode("ascii") if isinstance(label, bytes) else label
        info = codecs.lookup(name.strip())
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    if info.name not in TEXT_CODECS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _decode(raw: bytes, codec: str, final: bool, errors: str = "strict") -> str:
    if final:
        return raw.decode(codec, errors)
    # The incremental decoder drops a character cut in half by a partial read.
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    return decoder.decode(raw, final=final)


def decode_bytes(raw: bytes, truncated: bool = False) -> Decoded:
    """Decode file bytes as described in the module docstring. ``truncated`` says the bytes
    are a file's head, so a cut-off last character is dropped rather than replaced."""
    final = not truncated
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom):]
            text = _decode(body, codec, final, "replace")
            bad = text.count("\ufffd") - _decode(body, codec, final, "ignore").count("\ufffd")
            problems = [f"replaced {bad} invalid {label} sequence(s)"] if bad else []
            return Decoded(text, codec if codec != "utf-8" else "utf-8-sig", problems)
    label = _magic(raw)
    if label:
        return Decoded(binary=f"binary file ({label}?)")
    sample = raw[:_SAMPLE]
    if 0 in sample:
        codec = _utf16_without_bom(sample)
        if codec:
            text = _decode(raw[: len(raw) - len(raw) % 2] if truncated else raw, codec, final, "replace")
            name = "UTF-16 LE" if codec.endswith("le") else "UTF-16 BE"
            return Decoded(text, codec, [f"decoded as {name} (no byte-order mark)"])
    odd = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    # Tiny files are shown (with visible control symbols) rather than judged on a few bytes.
    if (len(sample) >= 64 and odd > 0.10 * len(sample)) or sample.count(0) > max(4, 0.01 * len(sample)):
        return Decoded(binary="binary file (zero or control bytes)")
    try:
        return Decoded(_decode(raw, "utf-8", final), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = _decode(raw, "utf-8", final, "replace")
    bad = lenient.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good_multibyte = sum(1 for char in lenient if char > "\x7f") - lenient.count("\ufffd")
    if good_multibyte >= 2 * bad:
        return Decoded(lenient, "utf-8", [f"replaced {bad} invalid UTF-8 byte sequence(s)"])
    try:
        return Decoded(raw.decode("cp1252"), "cp1252", ["decoded as Windows-1252 (not valid UTF-8)"])
    except UnicodeDecodeError:
        return Decoded(raw.decode("latin-1"), "latin-1", ["decoded as Latin-1 (not valid UTF-8)"])


def _describe(error: OSError, path: str) -> str:
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.EISDIR:
        return "is a directory"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return error.strerror or type(error).__name__


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "not a regular file (named pipe)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (socket)"
    return "not a regular file (device)"


@dataclass
class _Raw:
    data: bytes = b""
    size: int = 0
    truncated: bool = False
    error: str | None = None


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read(path: str, limit: int) -> _Raw:
    """Up to ``limit`` bytes of a regular file; errors come back as text, never raised.

    A special file is refused before it is opened (opening some devices has side effects);
    then the file is opened non-blocking and what was opened is checked again with ``fstat``:
    a file swapped for a named pipe after the ``stat`` would otherwise block forever."""
    try:
        problem = _kind_problem(os.stat(path).st_mode)
        if problem:
            return _Raw(error=problem)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _Raw(error=_describe(error, path))
    except ValueError as error:  # e.g. an embedded NUL in the path
        return _Raw(error=str(error))
    try:
        info = os.fstat(fd)
        problem = _kind_problem(info.st_mode)
        if problem:
            return _Raw(error=problem)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # never more than limit + 1 bytes, however the file grows
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        return _Raw(error=_describe(error, path))
    finally:
        os.close(fd)
    return _Raw(data[:limit], max(info.st_size, len(data)), len(data) > limit)


def _is_markdown(path: str, text: str) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in MARKDOWN_SUFFIXES:
        return True
    if suffix in PLAIN_SUFFIXES:
        return False
    head = text.lstrip()[:4]
    return head.startswith("#") or head.startswith("---")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _failed(path: str, problem: str, status: DocStatus = DocStatus.ERROR, encoding: str | None = None,
            sha256: str = "") -> Document:
    return Document(path=path, text="", blocks=[], meta=Metadata(title=title_from_path(path)), status=status,
                    problems=[problem], encoding=encoding, sha256=sha256)


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse one file into a ``Document``. Never raises: problems are reported in
    ``status``/``problems`` (ERROR: nothing readable; WARNING: shown, but repaired)."""
    name = os.fspath(path)
    if _format(name) == "feed" or _is_entry_address(name):
        from .feeds import load_entry_document, load_feed_document

        return load_entry_document(name) if _is_entry_address(name) else load_feed_document(name)
    raw = _read(name, MAX_BYTES)
    if raw.error:
        return _failed(name, raw.error)
    document = parse_bytes(raw.data, name, truncated=raw.truncated)
    if raw.truncated:
        document.problems.append(f"showing the first {_megabytes(MAX_BYTES)} of {_megabytes(raw.size)}")
        document.status = DocStatus.WARNING if document.status is DocStatus.OK else document.status
    return document


def parse_bytes(data: bytes, path: str = "", truncated: bool = False) -> Document:
    """A file's bytes -> ``Document`` (decode, sanitise, parse). Never raises.

    ``path`` names the file (its extension picks Markdown, plain text, web page or feed;
    see the module docstring); ``truncated`` says ``data`` is only the start of the file.
    """
    try:
        kind = _format(path, data)
        if kind == "html":
            from .webpage import parse_html_bytes

            return parse_html_bytes(data, path, truncated)
        if kind == "feed":
            from .feeds import load_feed_document

            return load_feed_document(path, data, truncated)
        digest = hashlib.sha256(data).hexdigest()
        if not data:
            return _failed(path, "empty file", DocStatus.WARNING, sha256=digest)
        decoded = decode_bytes(data, truncated)
        if decoded.binary:
            return _failed(path, decoded.binary, sha256=digest)
        # Not str.strip(): Python counts the controls U+001C-U+001F as whitespace.
        if not decoded.text.strip(_BLANK):
            return _failed(path, "file contains only whitespace", DocStatus.WARNING, decoded.encoding, digest)
        parse = parse_markdown if _is_markdown(path, decoded.text) else parse_plain_text
        document = parse(decoded.text, path)
        document.problems = decoded.problems + document.problems
        if document.problems and document.status is DocStatus.OK:
            document.status = DocStatus.WARNING
        document.encoding = decoded.encoding
        document.sha256 = digest
        return document
    except Exception as error:  # noqa: BLE001 - a reader must never crash on one file
        return _failed(path, f"could not be read: {type(error).__name__}: {sanitize_line(str(error))}")


def read_entry(path: str | os.PathLike[str]) -> LibraryEntry:
    """The library-list row for a file, from its first ``HEAD_BYTES`` only. Never raises.

    Web pages read their head tags (up to 64 KB); a feed file is parsed whole (once: the
    parse is cached for ``read_entries`` and ``load_document``) and gives one row for the
    feed; an entry address ``"FEED#i"`` gives that entry's row.
    """
    name = os.fspath(path)
    try:
        if _is_entry_address(name):
            from .feeds import entry_row

            return entry_row(name)
        kind = _format(name)
        if kind == "feed":
            from .feeds import feed_entry

            return feed_entry(name)
        if kind == "html":
            from .webpage import read_html_entry

            return read_html_entry(name)
        raw = _read(name, HEAD_BYTES)
        if raw.error:
            return LibraryEntry(name, title_from_path(name), status=DocStatus.ERROR, reason=raw.error)
        if not raw.data:
            return LibraryEntry(name, title_from_path(name), status=DocStatus.WARNING, reason="empty file")
        sniffed = _format(name, raw.data)
        if sniffed != "text":
            from .feeds import feed_entry
            from .webpage import read_html_entry

            return read_html_entry(name) if sniffed == "html" else feed_entry(name)
        decoded = decode_bytes(raw.data, raw.truncated)
        if decoded.binary:
            return LibraryEntry(name, title_from_path(name), status=DocStatus.ERROR, reason=decoded.binary,
                                size=raw.size)
        report = SanitizeReport()
        text = sanitize_text(decoded.text, report)
        if not text.strip():
            reason = "file contains only whitespace" if not raw.truncated else "no text in the first 8 KB"
            return LibraryEntry(name, title_from_path(name), status=DocStatus.WARNING, reason=reason, size=raw.size)
        header = split_header(text)
        meta = metadata_from_fields(header.fields)
        title = header.fields.get("title")
        title = sanitize_line(title) if title else ""
        if not title and header.title_line is not None:
            title = title_of_line(header.title_line, _is_markdown(name, text))
        if len(title) > MAX_TITLE_CHARS:
            title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
        problems = decoded.problems + report.problems
        if not raw.truncated and not header.has_body and not header.fields.get("title"):
            problems.append("no article text after the title")
        return head_row(name, title, meta, problems, raw.size)
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return unreadable_row(name, error)


def head_row(path: str, title: str, meta: Metadata, problems: list[str], size: int) -> LibraryEntry:
    """A library row from a file head: the first problem (if any) is its reason and makes it a warning."""
    if size > MAX_BYTES:
        problems = [*problems, f"large file: showing the first {_megabytes(MAX_BYTES)}"]
    return LibraryEntry(
        path=path,
        title=title or title_from_path(path),
        source=meta.source,
        date=meta.date,
        status=DocStatus.WARNING if problems else DocStatus.OK,
        reason=problems[0] if problems else None,
        size=size,
    )


def unreadable_row(path: str, error: Exception) -> LibraryEntry:
    """The row for a file whose head could not be read at all."""
    return LibraryEntry(path, title_from_path(path), status=DocStatus.ERROR,
                        reason=f"could not be read: {type(error).__name__}")


def read_entries(path: str | os.PathLike[str]) -> list[LibraryEntry]:
    """The library rows for one discovered file: one per entry for a feed file (paths
    ``"FEED#i"``, newest first), else ``[read_entry(path)]``. Never raises."""
    name = os.fspath(path)
    try:
        if not _is_entry_address(name) and _format(name, _sniff_head(name)) == "feed":
            from .feeds import feed_entries

            return feed_entries(name)
        return [read_entry(name)]
    except Exception as error:  # noqa: BLE001 - one odd file must not break the list
        return [LibraryEntry(name, title_from_path(name), status=DocStatus.ERROR,
                             reason=f"could not be read: {type(error).__name__}")]


def _format(path: str, head: bytes | None = None) -> str:
    """"html", "feed" or "text" (Markdown/plain) for a file, by extension; files with
    another extension are sniffed from ``head`` when it is given."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if head is None or suffix in MARKDOWN_SUFFIXES or suffix in PLAIN_SUFFIXES:
        return "text"
    if _HTML_HEAD.match(head[:4096]):
        return "html"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        from .feeds import looks_like_feed

        if looks_like_feed(head):
            return "feed"
    return "text"


def _sniff_head(name: str) -> bytes | None:
    """The first 4 KB of a file whose extension does not tell its format, else None."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in MARKDOWN_SUFFIXES or suffix in PLAIN_SUFFIXES or suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES:
        return None
    raw = _read(name, 4096)
    return raw.data if not raw.error else None


def _is_entry_address(name: str) -> bool:
    if "#" not in name:
        return False
    from .feeds import is_entry_address

    return is_entry_address(name)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
T = TypeVar("T")


def _entry_date(entry: object) -> str | None:
    value = getattr(entry, "date", None)
    if value is None and isinstance(getattr(entry, "meta", None), Metadata):
        value = entry.meta.date  # type: ignore[attr-defined]
    return value if isinstance(value, str) and _ISO_DATE.match(value) else None


def sort_entries(entries: Iterable[T]) -> list[T]:
    """Newest first by ISO date, then by title (case-insensitive), then path; entries
    without a YYYY-MM-DD date come last. Works on ``LibraryEntry`` and ``Document``."""
    by_title = sorted(entries, key=lambda e: (str(getattr(e, "title", "")).casefold(), str(getattr(e, "path", ""))))
    dated = [e for e in by_title if _entry_date(e)]
    undated = [e for e in by_title if not _entry_date(e)]
    dated.sort(key=lambda e: _entry_date(e) or "", reverse=True)  # stable: titles stay in order
    return dated + undated
