"""Which library articles came from which subscribed feed.

A fetched article lives in its feed's folder (``article_store.feed_folder_name``), so the
feed of a library path is known from the path alone, without opening the file. The ``tag:`` and
``feed:`` filter terms built on this are in ``present.query``.
"""

from __future__ import annotations

from pathlib import Path

from newsreader import paths

from .article_store import feed_folder_name
from .subscriptions import Subscription


def feeds_by_folder(subscriptions: list[Subscription]) -> dict[str, Subscription]:
    return {feed_folder_name(s.url): s for s in subscriptions}


def feed_of(path: str, folders: dict[str, Subscription], root: Path | None = None) -> Subscription | None:
    """The subscription whose folder holds the article at ``path`` (None for other files)."""
    where = Path(path)
    feeds_root = (root if root is not None else paths.data_dir()) / paths.FEEDS_DIR
    if where.parent.parent != feeds_root:
        return None
    return folders.get(where.parent.name)
