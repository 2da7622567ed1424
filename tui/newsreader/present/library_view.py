"""What the library list shows and in which order: views, sorts, groups and short sources.

Pure (no Textual): the app keeps the whole library and asks :func:`arrange` for the entries to
list — all, unread only or bookmarked only; newest first, by source or by country — and for the
group heading of each entry, which the list draws above each group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

#: Views (``u`` cycles them) and their pane-title names.
VIEWS: tuple[str, ...] = ("all", "unread", "bookmarked")
VIEW_NAMES = {"all": "Library", "unread": "Unread", "bookmarked": "Bookmarked"}

#: Orders (``s`` cycles them) and how the pane's bottom border names them.
SORTS: tuple[str, ...] = ("newest", "source", "country")
SORT_NAMES = {"newest": "newest first", "source": "by source", "country": "by country"}

#: Group headings for entries without a source or country.
NO_SOURCE = "No source"
NO_COUNTRY = "No country found"
NOT_ANALYSED = "Not analysed yet"

_SHORT_SOURCE_CELLS = 24
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/\s:]+)", re.IGNORECASE)


def short_source(source: str | None) -> str:
    """A source as a reader scans it: "Wikinews (text via GUM corpus, …)" -> "Wikinews",
    "https://www.bbc.co.uk/news/x" -> "bbc.co.uk", "Reuters - World News" -> "Reuters"."""
    text = " ".join((source or "").split())
    if not text:
        return ""
    if "://" in text or text.lower().startswith("www."):
        match = _URL.match(text)
        return match.group(1) if match else text[:_SHORT_SOURCE_CELLS]
    # What follows the name in brackets or after a dash/bar/colon is detail about the copy.
    text = re.split(r"\s*\(|\s+[-–—|:]\s+|\s*\|\s*", text, maxsplit=1)[0].strip() or text
    if len(text) > _SHORT_SOURCE_CELLS:
        text = text[: _SHORT_SOURCE_CELLS - 1].rstrip() + "…"
    return text


class Arranged(NamedTuple):
    """The entries to list, in order, and each one's group heading ("" when not grouped)."""

    entries: list[Any]
    groups: list[str]


def _keep(view: str, read: set[str], bookmarks: set[str]) -> Callable[[Any], bool]:
    if view == "unread":
        return lambda e: e.path not in read
    if view == "bookmarked":
        return lambda e: e.path in bookmarks
    return lambda e: True


def arrange(
    entries: Sequence[Any],
    *,
    view: str = "all",
    sort: str = "newest",
    read: set[str] = frozenset(),  # type: ignore[assignment]
    bookmarks: set[str] = frozenset(),  # type: ignore[assignment]
    countries: Mapping[str, tuple[str, ...]] | None = None,
    country_name: Callable[[str], str] = lambda code: code,
) -> Arranged:
    """``entries`` (already newest first) kept by ``view`` and ordered by ``sort``.

    By source or by country, groups are in alphabetical order (entries without one last) and
    each keeps the newest-first order inside. An article goes under its main country (the
    first of ``countries[path]``); articles not analysed yet are listed apart.
    """
    keep = _keep(view, read, bookmarks)
    shown = [e for e in entries if keep(e)]
    if sort == "source":
        labels = [short_source(getattr(e, "source", None)) or NO_SOURCE for e in shown]
        last = {NO_SOURCE}
    elif sort == "country":
        countries = countries or {}
        labels = []
        for e in shown:
            codes = countries.get(e.path)
            if codes is None:
                labels.append(NOT_ANALYSED)
            elif codes:
                labels.append(
                    f"{country_name(codes[0])} · {codes[0]}" if country_name(codes[0]) != codes[0] else codes[0]
                )
            else:
                labels.append(NO_COUNTRY)
        last = {NO_COUNTRY, NOT_ANALYSED}
    else:
        return Arranged(shown, [""] * len(shown))
    order = sorted(
        range(len(shown)), key=lambda i: (labels[i] in last, labels[i] == NOT_ANALYSED, labels[i].casefold(), i)
    )
    return Arranged([shown[i] for i in order], [labels[i] for i in order])


def next_in(options: Sequence[str], current: str) -> str:
    """The option after ``current`` (the first if it is unknown)."""
    try:
        return options[(options.index(current) + 1) % len(options)]
    except ValueError:
        return options[0]
