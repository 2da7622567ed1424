"""One display line from untrusted text: the single cleaner every screen, notice and export uses.

Article text, titles, file names, feed titles and error messages come from outside; before any
of them is drawn, put in a notification or written to a CSV cell it passes through ``clean``.
"""

from __future__ import annotations

import re

# C0/C1 control characters (but tab and line breaks, which become spaces) and bidirectional
# marks, embeddings, overrides and isolates: document text must not move the terminal cursor,
# retitle the window or visually reorder a line ("evil\u202etxt.md" reading as "evil.dm.txt").
_DROP: dict[int, None] = dict.fromkeys(
    (
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ),
)
# Lone surrogates (undecodable file names) cannot be encoded as UTF-8 nor drawn: U+FFFD.
_DROP_AND_REPLACE: dict[int, str | None] = {**_DROP, **dict.fromkeys(range(0xD800, 0xE000), "\ufffd")}


def clean(text: str | None) -> str:
    """Untrusted text as one clean line: control and bidi characters dropped, lone surrogates
    shown as U+FFFD, whitespace (line breaks too) collapsed to single spaces."""
    if not text:
        return ""
    return " ".join(text.translate(_DROP_AND_REPLACE).split())


_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character ``clean`` drops (a control or bidi character): a file
    name or URL that does is refused rather than silently changed."""
    return _UNSAFE.search(text) is not None
