"""Reading newsreader's own small files (config, state, themes) so that none can stop the app.

``read_own_text(path, limit)`` returns the file's text or raises:

- ``FileNotFoundError`` when there is no such file (callers treat that as "use defaults");
- ``OwnFileError`` with a short reason for everything else: not a regular file (a named pipe
  would block the start-up forever, ``/dev/zero`` would be read until memory runs out),
  larger than ``limit``, unreadable, not UTF-8.

A special file is refused before it is opened; the file is then opened non-blocking and
checked again with ``fstat`` on what was actually opened, so a file swapped for a pipe
between the check and the open cannot hang the reader. A UTF-8
byte-order mark (as some Windows editors write) is accepted and dropped.

``PARSE_ERRORS`` lists what a parser may raise on hostile content (deep nesting raises
RecursionError in ``json`` and ``tomllib``); callers catch it alongside their own errors.
"""

from __future__ import annotations

import os

from newsreader.file_kinds import not_regular

#: What parsing untrusted nested data may raise besides the parser's own error.
PARSE_ERRORS: tuple[type[BaseException], ...] = (ValueError, RecursionError, MemoryError, TypeError)


class OwnFileError(Exception):
    """Why one of newsreader's own files could not be read; ``str()`` is a short reason."""


def read_own_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see the module docstring)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        problem = not_regular(os.stat(path).st_mode)
        if problem:  # refused before opening: opening a device can act
            raise OwnFileError(problem)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise OwnFileError(error.strerror or type(error).__name__) from None
    except ValueError as error:  # an embedded NUL
        raise OwnFileError(str(error)) from None
    try:
        info = os.fstat(fd)
        problem = not_regular(info.st_mode)
        if problem:
            raise OwnFileError(problem)
        if info.st_size > limit:
            raise OwnFileError(f"too large ({info.st_size:,} bytes; at most {limit:,} are read)")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:  # the file may grow after fstat: never read past the cap
            chunk = os.read(fd, min(65536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise OwnFileError(f"too large (more than {limit:,} bytes)")
        return b"".join(chunks)
    except OSError as error:
        raise OwnFileError(error.strerror or type(error).__name__) from None
    finally:
        os.close(fd)


def read_own_text(path: str | os.PathLike[str], limit: int) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, a leading BOM dropped."""
    data = read_own_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OwnFileError(f"not UTF-8 text (byte {error.start})") from None
