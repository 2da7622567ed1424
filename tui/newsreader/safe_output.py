"""Writing a file the user named without losing anything: shared by ``export`` and ``extract``.

Rules (``check_output`` enforces them before anything is written, ``OutputFile`` again at
the moment of replacing):

- Never write over an input being read. Inputs are compared as real files, by
  ``(st_dev, st_ino)``: a hard link, a symbolic link or another spelling of an input is the
  input; a feed entry address ``"feed.xml#2"`` stands for the file ``feed.xml``.
- Never replace anything that is not a regular file: a folder, a device, a named pipe, a
  socket or a symbolic link (dangling or not: ``lstat``, never ``exists()``). Only a caller
  that streams (``extract -o /dev/null``, ``-o /dev/stdout``) may write *into* a character
  device or a named pipe, never replace it.
- An existing regular file is replaced only when the caller says so. The new content is
  written whole to a temporary file first; the replacement keeps the old file's permission
  bits (and its owner when allowed), and a file with other hard links is rewritten in place
  so every link sees the new content.
- A new file gets the usual permissions for the user's umask (``0o666 & ~umask``), like a
  file saved from an editor, not ``0o600``.

``OutputError`` carries a message meant for the user as is. No Textual, no analysis here.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsreader.addresses import address_parts
from newsreader.file_kinds import kind_name


class OutputError(Exception):
    """Why an output file may not or could not be written; the message is for the user."""


def os_reason(error: OSError) -> str:
    """A short reason for an OSError ("File name too long", "Permission denied", ...)."""
    return error.strerror or type(error).__name__


def input_identities(inputs: Iterable[str | os.PathLike[str]]) -> set[tuple[int, int]]:
    """``(st_dev, st_ino)`` of every real file behind ``inputs`` (links followed; a feed
    entry address counts as its feed file). Inputs that cannot be looked up are skipped:
    they cannot be written over by a name that exists either."""
    found: set[tuple[int, int]] = set()
    for item in inputs:
        name = os.fspath(item)
        candidates = [name]
        parts = address_parts(name)  # "FILE#N" is entry N of the feed file FILE
        if parts:
            candidates.append(parts[0])
        for candidate in candidates:
            try:
                info = os.stat(candidate)
            except (OSError, ValueError):
                continue
            found.add((info.st_dev, info.st_ino))
    return found


@dataclass(frozen=True, slots=True)
class Target:
    """Where output goes once ``check_output`` allowed it.

    ``existing`` is the ``lstat`` of the regular file being replaced (None for a new file);
    ``stream`` says the output is written straight into a character device or named pipe.
    """

    path: Path
    existing: os.stat_result | None = None
    stream: bool = False
    inputs: frozenset[tuple[int, int]] = frozenset()


def check_output(
    path: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    replace: bool = False,
    streams: bool = False,
    input_label: str = "an input being read",
) -> Target:
    """Decide whether ``path`` may receive output; raise OutputError saying why not.

    ``inputs``: the files being read (never written over). ``replace``: an existing regular
    file may be replaced. ``streams``: a character device or named pipe (also behind a
    symbolic link such as ``/dev/stdout``) is written into rather than refused.
    ``input_label`` names the inputs in the refusal ("the article itself").
    """
    target = Path(path)
    if target.name in ("", ".", ".."):
        raise OutputError(f"{target} is not a file name.")
    identities = frozenset(input_identities(inputs))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"Cannot use {target}: {os_reason(error)}.") from None
    except ValueError as error:  # an embedded NUL
        raise OutputError(f"Cannot use {target}: {error}.") from None

    if info is None:
        _check_folder(target.parent)
        return Target(target, None, False, identities)
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target} is a folder: add a file name.")
    if not stat.S_ISREG(info.st_mode):
        if streams:
            try:
                real = os.stat(target)  # through a link: /dev/stdout -> /proc/self/fd/1
            except OSError:
                real = None
            if real is not None and (stat.S_ISCHR(real.st_mode) or stat.S_ISFIFO(real.st_mode)):
                if (real.st_dev, real.st_ino) in identities:
                    raise OutputError(f"{target} is {input_label}: choose another name.")
                return Target(target, None, True, identities)
        hint = " (for standard output, write -)" if streams and stat.S_ISLNK(info.st_mode) else ""
        raise OutputError(
            f"{target} is {kind_name(info.st_mode)}, not a regular file: it is never replaced; choose another name{hint}."
        )
    if (info.st_dev, info.st_ino) in identities:
        raise OutputError(f"{target} is {input_label}: choose another name.")
    if not replace:
        raise OutputError(f"{target.name} already exists: choose another name or allow overwriting.")
    _check_folder(target.parent)
    return Target(target, info, False, identities)


def _check_folder(folder: Path) -> None:
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        raise OutputError(f"No such folder: {folder}") from None
    except OSError as error:
        raise OutputError(f"Cannot use the folder {folder}: {os_reason(error)}.") from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"No such folder: {folder} (it is not a folder)")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write in {folder} (permission denied).")


class OutputFile:
    """Context manager: a binary file that becomes ``target`` only if the block succeeds.

    Regular files: written to a temporary file in the same folder, then renamed over the
    target (or copied into it in place when it has other hard links). Streams: written
    straight into the device or pipe. On an exception nothing is left behind and the
    target is untouched.
    """

    def __init__(self, target: Target) -> None:
        self.target = target
        self._tmp: Path | None = None
        self._fh: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        path = self.target.path
        if self.target.stream:
            try:
                self._fh = open(path, "wb")  # closed in __exit__
            except OSError as error:
                raise OutputError(f"Cannot write to {path}: {os_reason(error)}.") from None
            return self._fh
        # The name leaves room for the suffix within NAME_MAX (a 255-byte name stays valid).
        stem = path.name[:200]
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        # 0o666: the umask decides a new file's permissions, as for any program saving a file.
        mode = 0o666 if self.target.existing is None else 0o600
        for _ in range(8):
            tmp = path.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
            try:
                fd = os.open(tmp, flags, mode)
            except FileExistsError:
                continue
            except OSError as error:
                raise OutputError(f"Cannot write in {path.parent}: {os_reason(error)}.") from None
            break
        else:
            raise OutputError(f"Cannot write in {path.parent}: could not create a temporary file.")
        self._tmp = tmp
        self._fh = os.fdopen(fd, "wb")
        return self._fh

    def __exit__(self, exc_type, exc, tb) -> None:
        fh = self._fh
        if fh is None:
            return
        if self.target.stream:
            try:
                fh.close()
            except OSError:
                if exc_type is None:
                    raise
            return
        try:
            if exc_type is None:
                fh.flush()
                os.fsync(fh.fileno())
                self._commit(fh)
        finally:
            if not fh.closed:
                fh.close()
            if self._tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self._tmp)

    def _commit(self, fh: IO[bytes]) -> None:
        """Put the finished temporary file in place, re-checking the target first (it may
        have changed since ``check_output``)."""
        path, existing = self.target.path, self.target.existing
        try:
            now = os.lstat(path)
        except FileNotFoundError:
            now = None
        if now is not None:
            if not stat.S_ISREG(now.st_mode):
                raise OutputError(f"{path} became {kind_name(now.st_mode)} while writing: it was left alone.")
            if (now.st_dev, now.st_ino) in self.target.inputs:
                raise OutputError(f"{path} is an input being read: it was left alone.")
            if existing is None or (now.st_dev, now.st_ino) != (existing.st_dev, existing.st_ino):
                raise OutputError(f"{path} appeared while writing: it was left alone; export again to replace it.")
        if existing is not None:
            # (If it went away meanwhile, the new file still gets the mode it had.)
            if now is not None and now.st_nlink > 1:
                self._copy_in_place(path, now)
                return
            with contextlib.suppress(OSError):  # only root may give a file away; keep ours
                os.fchown(fh.fileno(), existing.st_uid, existing.st_gid)
            os.fchmod(fh.fileno(), stat.S_IMODE(existing.st_mode) & 0o777)
        fh.close()
        os.replace(self._tmp, path)  # type: ignore[arg-type]
        self._tmp = None

    def _copy_in_place(self, path: Path, info: os.stat_result) -> None:
        """Rewrite a hard-linked file through its own inode, so the other links keep seeing it."""
        assert self._tmp is not None
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK)
        try:
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(opened.st_mode):
                raise OutputError(f"{path} changed while writing: it was left alone.")
            with open(self._tmp, "rb") as source, os.fdopen(os.dup(fd), "wb") as dest:
                shutil.copyfileobj(source, dest)
                dest.flush()
                os.ftruncate(dest.fileno(), dest.tell())
                os.fsync(dest.fileno())
        finally:
            os.close(fd)


def write_bytes(target: Target, data: bytes) -> None:
    """Write ``data`` to an allowed target whole (see ``OutputFile``); OSError on failure."""
    with OutputFile(target) as fh:
        fh.write(data)
