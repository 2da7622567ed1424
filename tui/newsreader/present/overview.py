"""Across the library: who did what, summed over many articles (the library filter is ``query``).

``build_overview(pairs)`` takes ``(article, Analysis)`` pairs (``article`` is a ``LibraryEntry``
or a ``Document``: anything with ``path``, a title and a date) and builds a country x PLOVER
category matrix of reaction counts, each cell keeping the (article, reaction) pairs behind it,
plus a per-country timeline by article date. Negated reactions ("did not condemn") are not
acts and are left out unless asked for; reactions attributed to news sources are never counted.

Pure: no Textual import.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.model.document import DocStatus
from newsreader.model.vocabulary import PLOVER_CATEGORIES

#: The row for reactions whose country is unknown.
UNATTRIBUTED = ""
UNATTRIBUTED_NAME = "Unattributed"
UNDATED = "undated"


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What the overview needs to list and reopen an article."""

    path: str
    title: str
    date: str | None = None
    source: str | None = None


def article_ref(article: Any) -> ArticleRef:
    """An ``ArticleRef`` from a ``LibraryEntry`` or a ``Document`` (duck-typed)."""
    meta = getattr(article, "meta", None)
    title = getattr(article, "title", "") or (getattr(meta, "title", "") if meta else "")
    date = getattr(meta, "date", None) if meta is not None else getattr(article, "date", None)
    source = getattr(meta, "source", None) if meta is not None else getattr(article, "source", None)
    path = str(getattr(article, "path", ""))
    return ArticleRef(path=path, title=title or Path(path).name, date=date, source=source)


@dataclass(frozen=True, slots=True)
class CellItem:
    """One reaction behind a matrix cell, with the article it was found in."""

    article: ArticleRef
    reaction: Reaction

    @property
    def span(self) -> tuple[int, int] | None:
        """The evidence sentence to open the article at."""
        s = self.reaction.sentence or self.reaction.trigger_span
        return (int(s[0]), int(s[1])) if s else None


# --------------------------------------------------------------------------- dates


_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def period_of(date: str | None, granularity: str = "month") -> str:
    """ "2022-01-07" -> "2022-01" (month) or "2022-01-07" (day); anything unparsable -> "undated"."""
    m = _ISO.match((date or "").strip())
    if not m:
        return UNDATED
    year, month, day = m.groups()
    if not 1 <= int(month) <= 12:
        return UNDATED
    if granularity == "day" and day:
        return f"{year}-{month}-{day}"
    if granularity == "year":
        return year
    return f"{year}-{month}"


def choose_granularity(dates: Iterable[str | None]) -> str:
    """ "day" when every dated article falls within about two months, "month" within four
    years, else "year" (a timeline of a few dozen bars reads better than hundreds)."""
    months = {period_of(d, "month") for d in dates} - {UNDATED}
    if not months:
        return "month"
    ordered = sorted(months)
    first, last = ordered[0], ordered[-1]
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])
    if span <= 1:
        return "day"
    return "month" if span <= 48 else "year"


def all_periods(first: str, last: str, granularity: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive (gaps filled, so timelines are to scale)."""
    if granularity == "day":
        from datetime import date, timedelta

        try:
            a, b = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            return sorted({first, last})
        if (b - a).days > 3660:
            return sorted({first, last})
        return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]
    if granularity == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while (y, m) <= (int(last[:4]), int(last[5:7])) and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --------------------------------------------------------------------------- the matrix


def reaction_country(reaction: Reaction, actor: Actor | None) -> str:
    """The country a reaction counts for: its own, else its actor's, else unattributed."""
    return reaction.country or (actor.country if actor else None) or UNATTRIBUTED


def article_countries(analysis: Analysis | None, limit: int = 3) -> tuple[str, ...]:
    """The countries an article is about, most involved first (for the library list).

    Each reaction counts for its country; each actor that is not a news source counts once
    per mention (an actor named often is what the article is about). Ties keep first-seen order.
    """
    if analysis is None:
        return ()
    counts: Counter[str] = Counter()
    actors = {a.id: a for a in analysis.actors}
    for reaction in analysis.reactions:
        actor = actors.get(reaction.actor)
        if actor is not None and actor.is_source:
            continue
        code = reaction_country(reaction, actor)
        if code:
            counts[code] += 2  # a reaction says more about an article than a passing mention
    for actor in analysis.actors:
        if actor.country and not actor.is_source:
            counts[actor.country] += max(1, len(actor.mentions))
    return tuple(code for code, _ in counts.most_common(limit))


@dataclass
class Overview:
    """The country x category matrix and per-country timelines over many articles."""

    cells: dict[tuple[str, str], list[CellItem]] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)  # busiest first, unattributed last
    categories: tuple[str, ...] = PLOVER_CATEGORIES
    articles: int = 0  # analysed articles counted
    articles_with_reactions: int = 0
    granularity: str = "month"
    timeline: dict[str, Counter] = field(default_factory=dict)  # country -> period -> reactions
    periods: list[str] = field(default_factory=list)  # every period in order ("undated" last)
    skipped: int = 0  # articles given without an analysis

    def count(self, country: str, category: str) -> int:
        return len(self.cells.get((country, category), ()))

    def items(self, country: str, category: str | None = None) -> list[CellItem]:
        """The reactions behind a cell, or behind a whole country row when ``category`` is None."""
        if category is not None:
            return list(self.cells.get((country, category), ()))
        out: list[CellItem] = []
        for cat in self.categories:
            out.extend(self.cells.get((country, cat), ()))
        out.sort(key=lambda i: (i.article.date or "", i.article.title, i.span or (0, 0)))
        return out

    def total(self, country: str) -> int:
        return sum(self.count(country, c) for c in self.categories)

    def category_total(self, category: str) -> int:
        return sum(self.count(c, category) for c in self.countries)

    def series(self, country: str) -> list[int]:
        """Reactions per period for ``country``, in ``periods`` order (for a sparkline)."""
        counts = self.timeline.get(country, Counter())
        return [counts.get(p, 0) for p in self.periods]

    @property
    def is_empty(self) -> bool:
        return not self.cells


def build_overview(
    pairs: Iterable[tuple[Any, Analysis | None]],
    include_negated: bool = False,
    granularity: str | None = None,
) -> Overview:
    """Sum reactions over ``(article, analysis)`` pairs (see the module docstring).

    ``granularity`` is "day", "month" or "year"; None chooses from the dates (``choose_granularity``).
    """
    overview = Overview()
    cells: dict[tuple[str, str], list[CellItem]] = defaultdict(list)
    dated: list[tuple[ArticleRef, str]] = []  # (article, country) per counted reaction
    for article, analysis in pairs:
        if analysis is None:
            overview.skipped += 1
            continue
        ref = article_ref(article)
        overview.articles += 1
        actors = {a.id: a for a in analysis.actors}
        counted = False
        for reaction in analysis.reactions:
            actor = actors.get(reaction.actor)
            if actor is not None and actor.is_source:
                continue
            if reaction.negated and not include_negated:
                continue
            if reaction.category not in PLOVER_CATEGORIES:
                continue
            country = reaction_country(reaction, actor)
            cells[(country, reaction.category)].append(CellItem(ref, reaction))
            dated.append((ref, country))
            counted = True
        overview.articles_with_reactions += counted
    for items in cells.values():
        items.sort(key=lambda i: (i.article.date or "", i.article.title, i.span or (0, 0)))
    overview.cells = dict(cells)

    totals: Counter = Counter()
    for (country, _), items in cells.items():
        totals[country] += len(items)
    overview.countries = sorted(totals, key=lambda c: (c == UNATTRIBUTED, -totals[c], c))

    overview.granularity = granularity or choose_granularity(ref.date for ref, _ in dated)
    timeline: dict[str, Counter] = defaultdict(Counter)
    for ref, country in dated:
        timeline[country][period_of(ref.date, overview.granularity)] += 1
    overview.timeline = dict(timeline)
    seen = sorted({p for counts in timeline.values() for p in counts} - {UNDATED})
    periods = all_periods(seen[0], seen[-1], overview.granularity) if seen else []
    if any(UNDATED in counts for counts in timeline.values()):
        periods.append(UNDATED)
    overview.periods = periods
    return overview


def collect_analysed(
    entries: Iterable[Any],
    load: Callable[[Any], Any],
    cached: Callable[[Any], Analysis | None],
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[Any, Analysis | None]]:
    """``(document, analysis or None)`` for each entry, from the cache only (no analysis runs).

    ``load(entry)`` returns a Document (e.g. ``lambda e: load_document(Path(e.path))``);
    ``cached(document)`` is ``AnalysisService.cached``. Meant for a thread worker; a document
    that fails to load or look up is passed on with None (counted as not analysed).
    """
    for entry in entries:
        if should_stop():
            return
        try:
            document = load(entry)
            if document.status is DocStatus.ERROR:
                yield entry, None
                continue
            yield document, cached(document)
        except Exception:  # noqa: BLE001 - one bad file must not spoil the overview
            yield entry, None
