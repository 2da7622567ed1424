"""``SharedLoads``: the reader's and the indexer's reads of one file are one read.

Pure threading (no Textual): the reader's worker and the indexing worker both ask it for a
document by path; a read already under way in another thread is joined, not repeated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class _Load(Generic[T]):
    """One read of ``path``: ``done`` is set once ``document`` holds its result."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.done = threading.Event()
        self.document: T | None = None


class SharedLoads(Generic[T]):
    """Articles being read, by path, so the reader and the indexer never parse one file twice.

    ``load`` joins a read of the same path already under way in another thread (waiting for
    its result) instead of starting a second one. The reader's last document is also kept
    (``keep``) for the indexer, which would otherwise parse the open article again; the
    reader itself always reads afresh (``fresh``: the file may have changed since). Only the
    reads in flight and that one document are held."""

    #: Seconds between two looks at ``cancelled`` while waiting for another thread's read.
    POLL = 0.05

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loads: dict[str, _Load[T]] = {}
        self._kept: _Load[T] | None = None

    def load(
        self,
        path: str,
        read: Callable[[str], T],
        *,
        keep: bool = False,
        fresh: bool = False,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> T | None:
        """``read(path)``, or the result of the same read already under way (or kept); None if
        ``cancelled()`` while waiting for another thread's read."""
        with self._lock:
            load = self._loads.get(path)
            if load is None and not fresh and self._kept is not None and self._kept.path == path:
                return self._kept.document
            owner = load is None
            if load is None:
                load = self._loads[path] = _Load(path)
        if not owner:
            while not load.done.wait(self.POLL):
                if cancelled():
                    return None
            return load.document
        try:
            load.document = read(path)
        finally:
            load.done.set()
            with self._lock:
                if self._loads.get(path) is load:
                    del self._loads[path]
                if keep:
                    self._kept = load
        return load.document
