"""What kind of thing a path is, named once for every message that says so.

Readers (the library, newsreader's own config/state/theme files) refuse anything that is not a
regular file before opening it, and the output writer refuses to replace one; all of them
name the kind with ``kind_name`` and phrase a refusal with ``not_regular``, so the same
named pipe is "a named pipe" everywhere. What *format* a regular file is (Markdown, web
page, feed...) is the library's format registry's business (``library/registry.py``).

Standard library only: every layer may import this module.
"""

from __future__ import annotations

import stat
from collections.abc import Callable

#: The kinds in the order they are tested (a symbolic link only shows up in an ``lstat``).
_KINDS: tuple[tuple[str, Callable[[int], bool]], ...] = (
    ("a regular file", stat.S_ISREG),
    ("a folder", stat.S_ISDIR),
    ("a symbolic link", stat.S_ISLNK),
    ("a named pipe", stat.S_ISFIFO),
    ("a socket", stat.S_ISSOCK),
    ("a device", stat.S_ISCHR),
    ("a device", stat.S_ISBLK),
)


def kind_name(mode: int) -> str:
    """ "a regular file", "a folder", "a symbolic link", "a named pipe", "a socket", "a device"
    (else "a special file") for an ``st_mode``."""
    for name, test in _KINDS:
        if test(mode):
            return name
    return "a special file"


def not_regular(mode: int) -> str | None:
    """Why a path with this ``st_mode`` is not read ("is a folder", "is a named pipe, not a
    regular file"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    return f"is {kind_name(mode)}, not a regular file"
