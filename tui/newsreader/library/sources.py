"""Command-line paths -> the article files to list, safely and in a stable order.

- A named file is always included, whatever its extension; so is a named feed entry
  address ("FEED#i", see feeds.py) whose feed file exists.
- A named folder is walked recursively (without recursion in Python: an explicit stack)
  for files with the extension of a library format (``formats.FORMATS``, case-insensitive).
  Hidden entries (names starting with ".") are skipped inside folders.
- Inside folders, a file whose extension other kinds of files use too (``.xml``) is listed
  only when its first 4 KB pass its format's test (an RSS or Atom feed: sitemaps and other
  XML are not articles); ``.rss``/``.atom`` always are. A feed file is listed once;
  ``read_entries`` expands it into its entries.
- The ``NAME_files`` folder a browser saves next to ``NAME.html`` (scripts, images,
  frames) is not walked.
- Symbolic links are followed, but every folder is entered at most once (tracked by device
  and inode), so symlink loops end; a file reached twice is listed once.
- Missing paths, broken links, unreadable folders, paths too long for the system and special
  files (pipes, devices) are returned as ``(path, reason)`` problems instead of raising.
  Broken links inside folders are reported only when their name looks like an article.
- Order: the arguments in the order given; inside a folder, its files sorted by name
  (case-insensitive, then exact), then its sub-folders in the same order, depth first.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .formats import FORMATS
from .reading import read_bytes
from .sniffing import SNIFF_BYTES

MAX_FILES = 100_000  # a walk that finds more stops, with a problem, instead of taking minutes


def is_article_name(name: str) -> bool:
    """Whether a file name has the extension of a library format."""
    return FORMATS.by_suffix(name) is not None


def _head_passes(test: Callable[[bytes], bool], path: str) -> bool:
    """Whether a folder's file passes its format's listing test (an ``.xml`` file must look
    like a feed); unreadable ones are listed, so that read_entry can say why."""
    # The loader's reader: non-blocking and checked with fstat, so a file swapped for a named
    # pipe since the walk's stat() cannot block the listing.
    raw = read_bytes(path, SNIFF_BYTES)
    return True if raw.error else test(raw.data)


def _is_entry_address(name: str) -> bool:
    """Whether a named path that is no file is an entry address ("FEED#i") whose file
    exists, so one entry can be named on the command line."""
    if "#" not in name:
        return False
    parts = FORMATS.split_entry_path(name)
    return parts is not None and os.path.isfile(parts[0])


def _reason(error: OSError, path: str) -> str:
    if error.errno == errno.ENOENT:
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOTDIR:
        return "not a directory"
    if error.errno == errno.ENAMETOOLONG:
        return "path too long for the system (over PATH_MAX or a name over NAME_MAX)"
    return error.strerror or type(error).__name__


def _sort_key(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def discover(
    paths: Iterable[str | os.PathLike[str]], max_files: int = MAX_FILES
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to list for ``paths``, and ``(path, reason)`` for what could not be used."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add_file(path: Path, info: os.stat_result) -> bool:
        key = (info.st_dev, info.st_ino)
        if key in seen_files:
            return True
        if len(files) >= max_files:
            return False
        seen_files.add(key)
        files.append(path)
        return True

    for given in paths:
        name = os.fspath(given)
        try:
            info = os.stat(name)
        except OSError as error:
            if _is_entry_address(name):
                files.append(Path(name))
            else:
                problems.append((name, _reason(error, name)))
            continue
        except ValueError as error:  # NUL in the path
            problems.append((name, str(error)))
            continue
        if stat.S_ISREG(info.st_mode):
            if not add_file(Path(name), info):
                problems.append((name, f"stopped after {max_files} files"))
                break
            continue
        if not stat.S_ISDIR(info.st_mode):
            problems.append((name, "not a regular file or folder"))
            continue
        if not _walk(Path(name), info, add_file, seen_dirs, problems):
            problems.append((name, f"stopped after {max_files} files"))
            break
    return files, problems


def _walk(
    root: Path, root_info: os.stat_result, add_file, seen_dirs: set[tuple[int, int]], problems: list[tuple[str, str]]
) -> bool:
    """Depth-first walk of ``root``; False when the file limit was reached."""
    key = (root_info.st_dev, root_info.st_ino)
    if key in seen_dirs:
        return True
    seen_dirs.add(key)
    stack: list[Path] = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: _sort_key(entry.name))
        except OSError as error:
            problems.append((str(folder), _reason(error, str(folder))))
            continue
        subfolders: list[Path] = []
        page_folders = FORMATS.companion_folders([entry.name for entry in entries])
        for entry in entries:
            if entry.name.startswith(".") or entry.name in page_folders:
                continue
            path = folder / entry.name
            try:
                info = os.stat(entry.path)  # follows links
            except OSError as error:
                # A path too long to open is reported whatever its name: it may be a folder of
                # articles, and skipping it silently would look like success.
                if (entry.is_symlink() and is_article_name(entry.name)) or error.errno == errno.ENAMETOOLONG:
                    problems.append((str(path), _reason(error, entry.path)))
                continue
            if stat.S_ISDIR(info.st_mode):
                dir_key = (info.st_dev, info.st_ino)
                if dir_key not in seen_dirs:
                    seen_dirs.add(dir_key)
                    subfolders.append(path)
            elif stat.S_ISREG(info.st_mode):
                rule = FORMATS.walk_rule(entry.name)
                if rule is False or (rule is not True and not _head_passes(rule, entry.path)):
                    continue
                if not add_file(path, info):
                    return False
        stack.extend(reversed(subfolders))
    return True
