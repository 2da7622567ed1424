"""Entry addresses: entry ``i`` (1-based, file order) of a file of many articles ``F`` (a
feed) is the path string ``"F#i"``. Only the form is here; whether a path *is* an address
(no single-article extension before the "#", no file of that exact name) is the format
registry's rule (``library/formats.py``: ``Registry.split_entry_path``/``is_entry_address``).

Standard library only, outside the library package: the output writer uses it to protect the
file behind an address without importing the library.
"""

from __future__ import annotations

import os
import re

_ENTRY_ADDRESS = re.compile(r"^(.+)#([1-9][0-9]{0,8})$", re.DOTALL)


def entry_path(file: str | os.PathLike[str], index: int) -> str:
    """The path string addressing entry ``index`` (1-based, file order) of ``file``."""
    return f"{os.fspath(file)}#{index}"


def address_parts(path: str | os.PathLike[str]) -> tuple[str, int] | None:
    """``(file, index)`` when ``path`` has the form "F#i" (a number after the last "#"),
    whatever F's extension."""
    match = _ENTRY_ADDRESS.match(os.fspath(path))
    return (match.group(1), int(match.group(2))) if match else None
