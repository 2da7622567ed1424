"""Bytes -> text for every reader (files, web pages, feeds), never raising.

- A BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); otherwise UTF-8; text that is UTF-8
  with a few bad bytes keeps UTF-8 with U+FFFD for the bad bytes; otherwise Windows-1252,
  then Latin-1 (both with a problem saying so). UTF-16 without a BOM is recognised by its
  zero bytes.
- Binary files (known magic numbers, zero bytes, or many control bytes) are not decoded:
  ``Decoded.binary`` says "binary file (PNG image?)".
- ``text_codec`` turns a charset a page or feed declares into a Python codec only when it is
  a real text encoding (never punycode, zlib, base64...).

Standard library only.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass, field

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
_BINARY_BYTES = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_SAMPLE = 8192


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
    "utf-8",
    "utf-16-le",
    "utf-16-be",
    "utf-16",
    "utf-32-le",
    "utf-32-be",
    "utf-32",
    "ascii",
    "latin-1",
    "ibm866",
    "iso-8859-2",
    "iso-8859-3",
    "iso-8859-4",
    "iso-8859-5",
    "iso-8859-6",
    "iso-8859-7",
    "iso-8859-8",
    "iso-8859-9",
    "iso-8859-10",
    "iso-8859-11",
    "iso-8859-13",
    "iso-8859-14",
    "iso-8859-15",
    "iso-8859-16",
    "koi8-r",
    "koi8-u",
    "mac-roman",
    "mac-cyrillic",
    "cp874",
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "gbk",
    "gb2312",
    "gb18030",
    "big5",
    "big5hkscs",
    "euc-jp",
    "iso-2022-jp",
    "shift_jis",
    "cp932",
    "euc-kr",
    "cp949",
    "tis-620",
)


@functools.cache
def _known_codecs() -> frozenset[str]:
    """The codec names of ``_TEXT_CODEC_LABELS``. Looked up on first use, not at import:
    each lookup imports a codec module (about 50 of them, ~10 ms), and most starts read
    only UTF-8 files."""
    names = set()
    for label in _TEXT_CODEC_LABELS:
        try:
            names.add(codecs.lookup(label).name)
        except LookupError:  # a Python built without one of them
            continue
    return frozenset(names)


def __getattr__(name: str) -> frozenset[str]:
    if name == "TEXT_CODECS":  # the codecs a declared charset may name (see text_codec)
        return _known_codecs()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    if info.name not in _known_codecs() or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _decode(raw: bytes, codec: str, final: bool, errors: str = "strict") -> str:
    if final:
        return raw.decode(codec, errors)
    # The incremental decoder drops a character cut in half by a partial read.
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    return decoder.decode(raw, final=final)


def decode_bytes(raw: bytes, truncated: bool = False) -> Decoded:
    """Decode bytes as described in the module docstring. ``truncated`` says the bytes
    are a file's head, so a cut-off last character is dropped rather than replaced."""
    final = not truncated
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            text = _decode(body, codec, final, "replace")
            bad = text.count("\ufffd") - _decode(body, codec, final, "ignore").count("\ufffd")
            problems = [f"replaced {bad} invalid {label} sequence(s)"] if bad else []
            return Decoded(text, codec if codec != "utf-8" else "utf-8-sig", problems)
    magic = _magic(raw)
    if magic:
        return Decoded(binary=f"binary file ({magic}?)")
    sample = raw[:_SAMPLE]
    if 0 in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            text = _decode(raw[: len(raw) - len(raw) % 2] if truncated else raw, utf16, final, "replace")
            name = "UTF-16 LE" if utf16.endswith("le") else "UTF-16 BE"
            return Decoded(text, utf16, [f"decoded as {name} (no byte-order mark)"])
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
