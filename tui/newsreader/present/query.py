"""The library filter's language: what the user types in the filter bar, parsed and matched.

Free words (all must occur in the title or body, case-insensitive; "quoted phrases" kept whole)
and ``country:``, ``actor:``, ``category:`` terms (``parse_query`` / ``matches``). Terms of
different kinds must hold for the *same* reaction, so ``country:FRA category:ACCUSE`` means
"articles where France condemned someone". A category may be named by a PLOVER name or by a
verb the trigger lexicon knows ("condemned" -> ACCUSE).

``tag:world`` (articles of feeds tagged ``world``) and ``feed:NAME`` (of the feed whose title or
URL contains NAME, or whose number in ``feeds list`` is NAME) are taken out first
(``split_terms``) and matched on the article's path alone (``feed_matcher``); the other terms go
on to ``parse_query``. Several ``tag:`` terms mean any of them, as do several ``feed:`` terms; a
tag and a feed term must both hold.

Pure: no Textual import; the gazetteer and the trigger lexicon are imported only when a query
needs them.
"""

from __future__ import annotations

import re
import shlex
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsreader import paths
from newsreader.analysis.inflection import base_form
from newsreader.library.article_store import feed_folder_name
from newsreader.library.subscriptions import Subscription
from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus
from newsreader.model.vocabulary import PLOVER_CATEGORIES
from newsreader.present.overview import reaction_country

# --------------------------------------------------------------------------- country:, actor:, category:


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed library filter (see the module docstring)."""

    text: str = ""
    words: tuple[str, ...] = ()  # casefolded; all must occur in title or body
    countries: tuple[str, ...] = ()  # ISO3/organisation codes, upper case; any may match
    actors: tuple[str, ...] = ()  # casefolded name parts; any may match
    categories: tuple[str, ...] = ()  # PLOVER names; any may match
    problems: tuple[str, ...] = ()  # terms that could not be understood (shown to the user)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.countries or self.actors or self.categories)

    @property
    def needs_analysis(self) -> bool:
        """Whether the query can only be answered for analysed articles."""
        return bool(self.countries or self.actors or self.categories)

    def describe(self) -> str:
        """The filter in one line, for the library header: 'country:FRA category:ACCUSE "riot"'."""
        parts = [f'"{w}"' if " " in w else w for w in self.words]
        parts += [f"country:{c}" for c in self.countries]
        parts += [f"actor:{a}" for a in self.actors]
        parts += [f"category:{c}" for c in self.categories]
        return " ".join(parts)


_KEYS = {
    "country": "country",
    "c": "country",
    "actor": "actor",
    "a": "actor",
    "category": "category",
    "cat": "category",
    "k": "category",
}


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: plain words
        return text.replace('"', " ").replace("'", " ").split()


@lru_cache(maxsize=1)
def _verb_categories() -> dict[str, str]:
    """Bare verbs of the curated trigger lexicon -> PLOVER category ("condemn" -> ACCUSE)."""
    try:
        from newsreader.analysis.events.lexicon import lexicon

        table = lexicon().override
    except Exception:  # noqa: BLE001 - without the lexicon only category names work
        return {}
    return {k: v for k, v in table.items() if v in PLOVER_CATEGORIES and k.isalpha()}


def category_for(word: str) -> str | None:
    """A PLOVER category from its name ("accuse", "ACCUSE") or a verb ("condemned", "condemns")."""
    w = word.strip().upper()
    if w in PLOVER_CATEGORIES:
        return w
    prefixed = [c for c in PLOVER_CATEGORIES if len(w) >= 3 and c.startswith(w)]
    if len(prefixed) == 1:
        return prefixed[0]
    verbs = _verb_categories()
    lower = word.strip().lower()
    for candidate in (
        lower,
        base_form(lower),
        lower[:-1] if lower.endswith("d") else lower,
        lower.removesuffix("ing"),
        lower.removesuffix("ing") + "e",
    ):
        if candidate in verbs:
            return verbs[candidate]
    return None


def country_code(value: str) -> str | None:
    """ "FRA", "fra", "France", "French" -> "FRA"; "EU" -> "EU"; None when unknown."""
    raw = value.strip()
    if not raw:
        return None
    try:
        from newsreader.analysis.gazetteer import get_gazetteer

        gazetteer = get_gazetteer()
        # The gazetteer matches names as written in articles: try the capitalised forms too.
        for form in dict.fromkeys((raw, string.capwords(raw), raw.title())):
            code = gazetteer.country_of(form)
            if code:
                return code
        upper = raw.upper()
        if gazetteer.country_name(upper) not in ("", upper) or gazetteer.is_organization_code(upper):
            return upper
        # The gazetteer knows every country and organisation an analysis can name: a code
        # it doesn't know would match nothing, so it is reported, not silently accepted.
        return None
    except Exception:  # noqa: BLE001 - without the gazetteer, codes still work
        pass
    return raw.upper() if re.fullmatch(r"[A-Za-z]{2,6}", raw) else None


def parse_query(text: str) -> Query:
    """Parse the filter text (never raises; terms it cannot read go to ``problems``)."""
    words: list[str] = []
    countries: list[str] = []
    actors: list[str] = []
    categories: list[str] = []
    problems: list[str] = []
    for token in _split(text or ""):
        key, sep, value = token.partition(":")
        kind = _KEYS.get(key.lower()) if sep else None
        if kind is None:
            if token.strip():
                words.append(token.casefold())
            continue
        value = value.strip()
        if not value:
            problems.append(f"{key}: needs a value")
        elif kind == "country":
            code = country_code(value)
            (countries.append(code) if code else problems.append(f"unknown country {value!r}"))
        elif kind == "actor":
            actors.append(value.casefold())
        else:
            category = category_for(value)
            (categories.append(category) if category else problems.append(f"unknown category {value!r}"))
    return Query(
        text=text or "",
        words=tuple(dict.fromkeys(words)),
        countries=tuple(dict.fromkeys(countries)),
        actors=tuple(dict.fromkeys(actors)),
        categories=tuple(dict.fromkeys(categories)),
        problems=tuple(problems),
    )


def _actor_matches(names: Sequence[str], query: Query) -> bool:
    return any(a in n.casefold() for a in query.actors for n in names if n)


def matches(document_text: str, analysis: Analysis | None, query: Query | str, title: str = "") -> bool:
    """Whether an article passes the filter. ``analysis`` None fails any country/actor/category
    term (the article's reactions are unknown); free words need only the text."""
    if isinstance(query, str):
        query = parse_query(query)
    if query.words:
        haystack = f"{title}\n{document_text}".casefold()
        if not all(w in haystack for w in query.words):
            return False
    if not query.needs_analysis:
        return True
    if analysis is None:
        return False
    actors = {a.id: a for a in analysis.actors}
    # An actor or country term alone may match an actor that did nothing; with a category the
    # same reaction must satisfy every term.
    if not query.categories:
        for actor in analysis.actors:
            if actor.is_source:
                continue
            if query.countries and actor.country not in query.countries:
                continue
            if query.actors and not _actor_matches((actor.name, actor.role or ""), query):
                continue
            return True
    for reaction in analysis.reactions:
        reactor = actors.get(reaction.actor)
        if reactor is not None and reactor.is_source:
            continue
        if query.categories and (reaction.negated or reaction.category not in query.categories):
            continue
        if query.countries and reaction_country(reaction, reactor) not in query.countries:
            continue
        if query.actors and not _actor_matches(
            (reaction.actor_name, reactor.name if reactor else "", (reactor.role or "") if reactor else ""), query
        ):
            continue
        return True
    return False


@dataclass(slots=True)
class FilterOutcome:
    """Which library entries pass a filter, and how many could not be judged."""

    indices: list[int] = field(default_factory=list)  # positions in the entries given
    unanalysed: int = 0  # left out because the query needs an analysis they don't have (yet)
    unreadable: int = 0
    cancelled: bool = False


def filter_library(
    entries: Sequence[Any],
    query: Query | str,
    load: Callable[[Any], Any],
    cached: Callable[[Any], Analysis | None],
    should_stop: Callable[[], bool] = lambda: False,
) -> FilterOutcome:
    """Run ``matches`` over library entries (blocking: call from a thread worker).

    ``load(entry)`` returns the Document; ``cached(document)`` its cached analysis or None
    (``AnalysisService.cached``: no spaCy). An entry whose title alone holds every free word
    of a text-only query is accepted without reading the file.
    """
    if isinstance(query, str):
        query = parse_query(query)
    outcome = FilterOutcome()
    for index, entry in enumerate(entries):
        if should_stop():
            outcome.cancelled = True
            return outcome
        title = str(getattr(entry, "title", "") or "")
        if not query.needs_analysis and all(w in title.casefold() for w in query.words):
            outcome.indices.append(index)
            continue
        try:
            document = load(entry)
            if document.status is DocStatus.ERROR:
                outcome.unreadable += 1
                continue
            analysis = cached(document) if query.needs_analysis else None
        except Exception:  # noqa: BLE001 - one bad file must not stop the filter
            outcome.unreadable += 1
            continue
        if query.needs_analysis and analysis is None:
            outcome.unanalysed += 1
            if query.words and not matches(document.text, None, Query(words=query.words), title):
                outcome.unanalysed -= 1  # it would fail on the words anyway
            continue
        if matches(document.text, analysis, query, title):
            outcome.indices.append(index)
    return outcome


# --------------------------------------------------------------------------- tag:, feed:

_TERM = re.compile(r"^(tag|feed):(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass
class FeedTerms:
    """The ``tag:``/``feed:`` part of a library filter."""

    text: str  # the whole filter as typed
    rest: str  # the other terms, for parse_query
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
