"""A file's bytes, within a limit, never raising: the one reader under every library format.

- Missing, unreadable, directory, special and looping paths come back as a short reason
  (``RawBytes.error``), never as an exception.
- A special file is refused before it is opened (opening some devices has side effects);
  then the file is opened non-blocking and what was opened is checked again with
  ``fstat``: a file swapped for a named pipe after the ``stat`` would otherwise block.
- At most ``limit`` bytes are kept; ``RawBytes.truncated`` says there was more.

``MAX_BYTES`` (8 MB) is what a document is read up to, ``HEAD_BYTES`` (8 KB) what a library
row is read from. Standard library only (and ``file_kinds`` for the names of what is refused).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass

from newsreader.file_kinds import not_regular

MAX_BYTES = 8 * 1024 * 1024
HEAD_BYTES = 8 * 1024


def megabytes(size: int) -> str:
    """ "8 MB", "12.5 MB": a size for messages."""
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def describe_error(error: OSError, path: str) -> str:
    """A short reason for an OSError met reading ``path`` ("no such file", "permission denied")."""
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.EISDIR:
        return "is a folder"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return error.strerror or type(error).__name__


@dataclass
class RawBytes:
    """What ``read_bytes`` found: the bytes, the file's size, whether there was more, or why not."""

    data: bytes = b""
    size: int = 0
    truncated: bool = False
    error: str | None = None


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str, limit: int) -> RawBytes:
    """Up to ``limit`` bytes of a regular file; errors come back as text, never raised.

    A special file is refused before it is opened (opening some devices has side effects);
    then the file is opened non-blocking and what was opened is checked again with ``fstat``:
    a file swapped for a named pipe after the ``stat`` would otherwise block forever."""
    try:
        problem = not_regular(os.stat(path).st_mode)
        if problem:
            return RawBytes(error=problem)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return RawBytes(error=describe_error(error, path))
    except ValueError as error:  # e.g. an embedded NUL in the path
        return RawBytes(error=str(error))
    try:
        info = os.fstat(fd)
        problem = not_regular(info.st_mode)
        if problem:
            return RawBytes(error=problem)
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
        return RawBytes(error=describe_error(error, path))
    finally:
        os.close(fd)
    return RawBytes(data[:limit], max(info.st_size, len(data)), len(data) > limit)
