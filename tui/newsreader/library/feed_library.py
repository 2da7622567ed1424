"""Which library articles came from which subscribed feed: ``tag:`` and ``feed:`` filters.

A fetched article lives in its feed's folder (``article_store.feed_folder_name``), so the
feed of a library path is known from the path alone, without opening the file. The library
filter takes ``tag:world`` (articles of feeds tagged ``world``) and ``feed:NAME`` (of the feed
whose title or URL contains NAME, or whose number in ``feeds list`` is NAME); the other terms
go on to ``overview.parse_query``. Several ``tag:`` terms mean any of them, as do several
``feed:`` terms; a tag and a feed term must both hold.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsreader import paths

from .article_store import feed_folder_name
from .subscriptions import Subscription

_TERM = re.compile(r"^(tag|feed):(.*)$", re.IGNORECASE | re.DOTALL)


def feeds_by_folder(subscriptions: list[Subscription]) -> dict[str, Subscription]:
    return {feed_folder_name(s.url): s for s in subscriptions}


def feed_of(path: str, folders: dict[str, Subscription], root: Path | None = None) -> Subscription | None:
    """The subscription whose folder holds the article at ``path`` (None for other files)."""
    where = Path(path)
    feeds_root = (root if root is not None else paths.data_dir()) / paths.FEEDS_DIR
    if where.parent.parent != feeds_root:
        return None
    return folders.get(where.parent.name)


@dataclass
class FeedTerms:
    """The ``tag:``/``feed:`` part of a library filter."""

    text: str  # the whole filter as typed
    rest: str  # the other terms, for overview.parse_query
    tags: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.tags or self.feeds)

    def describe(self) -> str:
        return " ".join([*(f"tag:{t}" for t in self.tags), *(f"feed:{f}" for f in self.feeds)])


def split_terms(text: str) -> FeedTerms:
    """Take the ``tag:`` and ``feed:`` terms out of a filter."""
    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.replace('"', " ").split()
    tags: list[str] = []
    feeds: list[str] = []
    rest: list[str] = []
    problems: list[str] = []
    for token in tokens:
        match = _TERM.match(token)
        if not match:
            rest.append(shlex.quote(token) if " " in token else token)
            continue
        value = match.group(2).strip()
        if not value:
            problems.append(f"{match.group(1).lower()}: needs a value")
        elif match.group(1).lower() == "tag":
            tags.append(value)
        else:
            feeds.append(value)
    return FeedTerms(text, " ".join(rest), tuple(dict.fromkeys(tags)), tuple(dict.fromkeys(feeds)), tuple(problems))


def feed_matcher(
    terms: FeedTerms, subscriptions: list[Subscription], root: Path | None = None, titles: dict[str, str] | None = None
) -> tuple[Callable[[str], bool], list[str]]:
    """``keep(path)`` for the terms, and problems (a tag or feed that matches no subscription).
    ``titles`` maps feed URLs to the titles the feeds gave (for ``feed:`` by title)."""
    titles = titles or {}
    problems: list[str] = []
    chosen: set[str] | None = None
    if terms.tags:
        wanted = {t.casefold() for t in terms.tags}
        tagged = {s.url for s in subscriptions if wanted & {t.casefold() for t in s.tags}}
        problems.extend(
            f"no feed is tagged {tag!r}"
            for tag in terms.tags
            if not any(tag.casefold() in {t.casefold() for t in s.tags} for s in subscriptions)
        )
        chosen = tagged
    if terms.feeds:
        named: set[str] = set()
        for name in terms.feeds:
            folded = name.casefold()
            hits = {
                s.url
                for i, s in enumerate(subscriptions, start=1)
                if name == str(i)
                or folded in s.url.casefold()
                or folded in (s.title or titles.get(s.url) or "").casefold()
            }
            if not hits:
                problems.append(f"no subscribed feed matches {name!r}")
            named |= hits
        chosen = named if chosen is None else chosen & named
    folders = {feed_folder_name(url) for url in (chosen or set())}
    feeds_root = (root if root is not None else paths.data_dir()) / paths.FEEDS_DIR

    def keep(path: str) -> bool:
        where = Path(path)
        return where.parent.parent == feeds_root and where.parent.name in folders

    return keep, problems
