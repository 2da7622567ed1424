"""Make untrusted text safe to put on a terminal, without changing what it says.

Every string that comes out of a file (article text, titles, metadata, file names) goes
through here before anything shows it. The substitutions, in the order applied, are:

1. Line endings: CRLF and lone CR become LF. U+2028 (line separator) and NEL (U+0085)
   become LF; U+2029 (paragraph separator) becomes a blank line ("\\n\\n").
2. Terminal escape sequences are removed whole: ESC-introduced CSI (``ESC [ ... final``),
   OSC (``ESC ] ... BEL`` or ``ESC ] ... ESC \\``, including OSC 8 hyperlinks and OSC 52
   clipboard writes), DCS/SOS/PM/APC strings (``ESC P``/``X``/``^``/``_`` up to ST), the
   8-bit forms introduced by U+009B (CSI), U+009D (OSC), U+0090/U+0098/U+009E/U+009F, and
   short ``ESC`` + one/two character escapes. An OSC/DCS/SOS/PM/APC string with no
   terminator is removed up to the end of its line (or the next ESC). A lone ESC left over
   becomes "␛".
3. Tabs are expanded to spaces (tab stops every 4 columns, as CommonMark counts them).
4. Other C0 controls (U+0000-U+001F except LF) and DEL become their Unicode control
   pictures ("␀" U+2400 ... "␟" U+241F, "␡" U+2421) so they stay visible.
5. Remaining C1 controls (U+0080-U+009F) become U+FFFD "�".
6. Bidirectional embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069) are
   dropped: they are invisible, and dropping them cannot reorder what follows.
   Marks (U+200E LRM, U+200F RLM, U+061C ALM) are kept: they cannot reorder text beyond a
   character and real right-to-left text uses them.
7. U+FEFF (byte-order mark / zero-width no-break space) is dropped anywhere in the text.
   Other zero-width characters (U+200B-U+200D, U+2060) are kept: ZWJ builds emoji and
   ZWNJ is needed by Persian and Indic scripts.
8. Lone surrogates (U+D800-U+DFFF, only possible in ``str`` inputs) become U+FFFD.
9. Runs of more than ``MAX_COMBINING`` (8) consecutive combining marks (categories Mn and
   Me) are cut to 8, so "Zalgo" floods cannot paint over neighbouring lines.

``sanitize_text`` keeps newlines; ``sanitize_line`` (titles, metadata values) also turns
every newline into a space and trims; ``display_name`` makes a file name safe for a list.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

MAX_COMBINING = 8

# 2. Terminal escape sequences. The string-type sequences (OSC, DCS, SOS, PM, APC) end at
# BEL or ST (ESC \ or U+009C); when unterminated we stop at the end of the line so one
# stray ESC ] cannot swallow an article.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?              # CSI, parameters, final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC, DCS, SOS, PM, APC
      [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?            # payload up to BEL / ST / EOL
    | \x1b [ -/]* [0-~]                                   # nF and Fp/Fe/Fs escapes
    """,
    re.VERBOSE,
)

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)
    del table[0x0A]  # LF stays
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = "\ufffd"
    for char in _BIDI_CONTROLS:
        table[ord(char)] = None
    table[0xFEFF] = None
    return table


_TABLE = _build_table()
_SURROGATES = re.compile("[\ud800-\udfff]")
# os.fsdecode turns each byte 0x80-0xFF that is not UTF-8 into U+DC80-U+DCFF.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NEEDS_TRANSLATE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# Every combining mark is at or above U+0300, so a flood needs a run of that many such
# characters. This simple class is ~30x faster to scan than the mark class itself, which
# then only runs on text that has such a run (most Latin-script text has none).
_MAYBE_FLOOD = re.compile(f"[^\x00-\u02ff]{{{MAX_COMBINING + 1}}}")


@cache
def _combining_flood() -> re.Pattern[str]:
    """A pattern for too-long runs of combining marks (built once, on first need: ~15 ms).

    Combining marks live in planes 0-1 and the variation selectors of plane 14; the
    planes between hold only ideographs and unassigned code points, so they are skipped.
    """
    ranges: list[str] = []
    start = prev = -2
    for code in itertools.chain(range(0x300, 0x20000), range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) in ("Mn", "Me"):
            if code != prev + 1:
                if start >= 0:
                    ranges.append(_range(start, prev))
                start = code
            prev = code
    ranges.append(_range(start, prev))
    marks = "".join(ranges)
    return re.compile(f"([{marks}]{{{MAX_COMBINING}}})[{marks}]+")


def _range(first: int, last: int) -> str:
    return re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}"


@dataclass
class SanitizeReport:
    """What ``sanitize_text`` changed, so the loader can tell the reader."""

    escapes: int = 0  # terminal escape sequences removed
    controls: int = 0  # control characters replaced by visible symbols
    bidi: int = 0  # bidirectional controls dropped
    combining: int = 0  # combining marks cut from floods
    surrogates: int = 0

    @property
    def problems(self) -> list[str]:
        out: list[str] = []
        if self.escapes:
            out.append(f"removed {self.escapes} terminal escape sequence(s)")
        if self.controls:
            out.append(f"replaced {self.controls} control character(s) with visible symbols")
        if self.bidi:
            out.append(f"removed {self.bidi} bidirectional override/isolate control(s)")
        if self.combining:
            out.append(f"cut {self.combining} excess combining mark(s)")
        if self.surrogates:
            out.append(f"replaced {self.surrogates} invalid surrogate(s)")
        return out

    def merge(self, other: SanitizeReport) -> None:
        self.escapes += other.escapes
        self.controls += other.controls
        self.bidi += other.bidi
        self.combining += other.combining
        self.surrogates += other.surrogates


def sanitize_text(text: str, report: SanitizeReport | None = None) -> str:
    """Apply the substitutions listed in the module docstring; newlines are kept.

    Idempotent: ``sanitize_text(sanitize_text(s)) == sanitize_text(s)``. Pass a
    ``SanitizeReport`` to learn what was changed.
    """
    # Fast path: printable text (no Cc/Cf/Cs/Zl/Zp, so no controls, escapes, bidi, BOM or
    # surrogates) only needs the combining-mark check.
    if not text.isprintable() and not text.replace("\n", "").isprintable():
        text = _substitute(text, report)
    if not text.isascii() and _MAYBE_FLOOD.search(text):
        flood = _combining_flood()
        if flood.search(text):

            def keep_first(match: re.Match[str]) -> str:
                if report is not None:
                    report.combining += len(match.group()) - MAX_COMBINING
                return match.group(1)

            text = flood.sub(keep_first, text)
    return text


def _substitute(text: str, report: SanitizeReport | None) -> str:
    """Steps 1-8 of the module docstring."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\x85", "\n").replace("\u2029", "\n\n")
    if "\x1b" in text or _has_c1_introducer(text):
        text, removed = _ESCAPES.subn("", text)
        if report is not None:
            report.escapes += removed
    if "\t" in text:
        text = text.expandtabs(4)
    if _SURROGATES.search(text):
        text, replaced = _SURROGATES.subn("\ufffd", text)
        if report is not None:
            report.surrogates += replaced
    if _NEEDS_TRANSLATE.search(text):
        if report is not None:
            for match in _NEEDS_TRANSLATE.finditer(text):
                char = match.group()
                if char in _BIDI_CONTROLS:
                    report.bidi += 1
                elif char != "\ufeff":
                    report.controls += 1
        text = text.translate(_TABLE)
    return text


def _has_c1_introducer(text: str) -> bool:
    return any(c in text for c in "\x90\x98\x9b\x9d\x9e\x9f")


def sanitize_line(text: str, report: SanitizeReport | None = None) -> str:
    """Sanitise a one-line value (title, metadata): newlines become spaces, runs of spaces
    collapse, and the ends are trimmed."""
    return " ".join(sanitize_text(text, report).split())


def display_name(path: str | PurePath) -> str:
    """A file's name made safe and one-line for the library list.

    Newlines and other controls become visible symbols (newline -> "␊"), bidi controls are
    dropped, as in ``sanitize_text``; bytes that are not UTF-8 (surrogate-escaped by
    ``os.fsdecode``) show escaped, ``\\xff``; an empty name shows as "(unnamed)".
    """
    name = PurePath(path).name
    if _SURROGATES.search(name):
        name = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", name)
    name = name.replace("\r", "\u240d").replace("\n", "\u240a")
    name = sanitize_text(name).replace("\n", "\u240a")
    return name.strip() or "(unnamed)"
