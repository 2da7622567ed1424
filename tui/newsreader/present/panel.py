"""What the actors side panel shows, as plain data: ``Analysis`` grouped for reading.

``build_panel`` turns an :class:`~newsreader.model.analysis.Analysis` into groups (one per
country or international organisation, busiest first, "Unattributed" last), then "Events" (what
happened with no actor named), then "Key figures",
then "Sources". Every line carries the evidence span to jump to, so the widget only draws and
navigates. No Textual import here: the grouping is tested without a screen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple, cast

from newsreader.analysis.inflection import base_form
from newsreader.model.analysis import Actor, Analysis, Event, Figure, Reaction
from newsreader.model.vocabulary import CATEGORY_KIND
from newsreader.present.text import clean

Span = tuple[int, int]

#: How much one reaction weighs against one mention when ordering groups: what a country
#: *does* matters more than how often it is named.
REACTION_WEIGHT = 5

UNATTRIBUTED = "Country not stated"

#: Drawn before an actor whose country is only a guess from where the story happens
#: (``Actor.country_source == "context"``); the help screen explains it.
UNCERTAIN_MARK = "~"

_NEGATION = re.compile(r"\b(?:not|never|no longer)\b|n't\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(reportedly|allegedly|apparently|purportedly|reported to|said to|claimed to)\b",
    re.IGNORECASE,
)


# Immutable records are NamedTuples, not frozen dataclasses: a frozen, slotted dataclass
# costs ~1 ms to define (its methods are generated and compiled at import), a NamedTuple
# ~0.1 ms, and the reader defines these on every start.
class PanelItem(NamedTuple):
    """One selectable line of the panel.

    ``kind`` is "actor", "reaction", "event", "figure" or "source". ``jump`` is the span the article
    scrolls to when the line is chosen; ``spans`` are what ``f`` highlights (every mention of an
    actor, the trigger words of a reaction, the number of a figure).
    """

    kind: str
    text: str
    jump: Span | None
    spans: tuple[Span, ...] = ()
    lead: str = ""  # a reaction's actor name, a figure's formatted value: drawn emphasised
    detail: str = ""  # secondary text drawn dimmed: a role, "×3", a PLOVER category
    # (The field shadows tuple.count, which nothing calls on an item.)
    count: int = 0  # type: ignore[assignment]  # mentions of an actor or source; times a reaction is reported
    layer: str | None = None  # highlight layer whose colour the line's name takes (as in the article)
    category: str | None = None
    tone: str | None = None  # "verbal-cooperative", "material-hostile", ... (theme colour)
    negated: bool = False
    hedged: bool = False
    uncertain: bool = False  # an actor's country guessed from context, not stated or known


class PanelGroup(NamedTuple):
    """A country or organisation with its actors and what they did."""

    code: str | None  # ISO3 / organisation acronym; None for the unattributed group
    name: str
    actors: tuple[PanelItem, ...]
    reactions: tuple[PanelItem, ...]
    weight: int = 0

    @property
    def title(self) -> str:
        """ "Kazakhstan · KAZ", "European Union · EU", or just the name when it is the code."""
        if self.code and self.name and self.name != self.code:
            return f"{self.name} · {self.code}"
        return self.name or (self.code or UNATTRIBUTED)

    @property
    def key(self) -> str:
        """A stable identity for the group (remembering it collapsed across re-renders)."""
        return f"group:{self.code or ''}"


class PanelModel(NamedTuple):
    """Everything the panel lists for one analysed article, in display order."""

    groups: tuple[PanelGroup, ...] = ()
    figures: tuple[PanelItem, ...] = ()
    sources: tuple[PanelItem, ...] = ()
    notices: tuple[str, ...] = ()
    model: str = ""
    events: tuple[PanelItem, ...] = ()  # what happened with no actor named: "76 killed in hotel collapse"

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.figures or self.sources or self.events)

    def items(self) -> list[PanelItem]:
        """Every selectable line in display order (groups, events, figures, sources)."""
        out: list[PanelItem] = []
        for group in self.groups:
            out.extend(group.actors)
            out.extend(group.reactions)
        out.extend(self.events)
        out.extend(self.figures)
        out.extend(self.sources)
        return out


# --------------------------------------------------------------------------- formatting


def format_value(value: float | int, approx: bool = False) -> str:
    """A figure's value for reading: thousands separators, "~" when approximate.

    ``2500`` -> "2,500"; ``1200000.0`` -> "1,200,000"; ``2.5`` -> "2.5"; approx -> "~2,500".
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"~{text}" if approx else text


def figure_line(figure: Figure) -> str:
    """ "~2,500 troops — delivered": the value, what it counts, and the event it belongs to."""
    parts = [format_value(figure.value, figure.approx)]
    if counts := clean(figure.counts):
        parts.append(f" {counts}")
    if event := clean(figure.event):
        parts.append(f" — {event}")
    return "".join(parts)


def _negate(phrase: str) -> str:
    """ "condemned Tokayev's use of force" -> "did not condemn Tokayev's use of force"."""
    if _NEGATION.search(phrase):
        return phrase
    head, _, rest = phrase.partition(" ")
    negated = f"did not {base_form(head)}"
    return f"{negated} {rest}" if rest else negated


def reaction_phrase(reaction: Reaction) -> str:
    """The verb phrase a reaction line reads as, marked when negated or hedged.

    Prefers the analyser's ``summary``; otherwise trigger + target. Negated reactions read
    "did not condemn …", hedged ones "reportedly …", unless the words already say so.
    """
    phrase = clean(reaction.summary)
    if not phrase:
        trigger = clean(reaction.trigger) or (reaction.category or "").lower()
        target = clean(reaction.target)
        phrase = f"{trigger} {target}".strip()
    if reaction.negated:
        phrase = _negate(phrase)
    if reaction.hedged and not _HEDGE.search(phrase):
        phrase = f"reportedly {phrase}"
    return phrase


def tone_of(category: str) -> str | None:
    """ "ACCUSE" -> "verbal-hostile": the colour family of a PLOVER category, None if unknown."""
    kind = CATEGORY_KIND.get((category or "").upper())
    return f"{kind[0]}-{kind[1]}" if kind else None


# --------------------------------------------------------------------------- building


#: Actor kinds -> the highlight layer the article draws their names in.
ACTOR_LAYER = {
    "person": "people",
    "organization": "organizations",
    "country": "places",
    "place": "places",
    "group": "groups",
}


def _actor_item(actor: Actor, kind: str = "actor") -> PanelItem:
    mentions = cast(
        "tuple[Span, ...]", tuple(tuple(m) for m in actor.mentions)
    )  # (start, end) pairs; lists from JSON made tuples
    count = len(mentions)
    return PanelItem(
        kind=kind,
        text=clean(actor.name) or clean(actor.id),
        jump=mentions[0] if mentions else None,
        spans=mentions,
        detail=clean(actor.role),
        count=count,
        layer=ACTOR_LAYER.get(actor.kind, "organizations" if kind == "source" else None),
        uncertain=actor.country_source == "context",
    )


def _reaction_item(reaction: Reaction, actor: Actor | None) -> PanelItem:
    name = reaction.actor_name or (actor.name if actor else "")
    sentence = tuple(reaction.sentence) if reaction.sentence else None
    trigger = tuple(reaction.trigger_span) if reaction.trigger_span else None
    return PanelItem(
        kind="reaction",
        text=reaction_phrase(reaction),
        jump=sentence or trigger,  # type: ignore[arg-type]
        spans=tuple(s for s in (trigger or sentence,) if s),  # type: ignore[misc]
        lead=clean(name),
        detail=reaction.category,
        category=reaction.category,
        tone=tone_of(reaction.category),
        negated=reaction.negated,
        hedged=reaction.hedged,
        count=1,
    )


def _merge_repeats(reactions: list[PanelItem]) -> list[PanelItem]:
    """One line for reactions that read the same (same actor, words, category, marks).

    The article often reports one act several times ("protests … the protests …"); the panel
    lists it once with a count, jumping to the first occurrence while ``f`` shows them all.
    """
    merged: dict[tuple, PanelItem] = {}
    for item in reactions:
        key = (item.lead.casefold(), item.text.casefold(), item.category, item.negated, item.hedged)
        first = merged.get(key)
        if first is None:
            merged[key] = item
            continue
        spans = first.spans + tuple(s for s in item.spans if s not in first.spans)
        merged[key] = first._replace(spans=spans, count=first.count + item.count)
    return list(merged.values())


def _figure_item(figure: Figure) -> PanelItem:
    span = tuple(figure.span)
    value = format_value(figure.value, figure.approx)
    line = figure_line(figure)
    return PanelItem(
        kind="figure",
        text=line[len(value) :].lstrip(),
        jump=tuple(figure.sentence) if figure.sentence else span,  # type: ignore[arg-type]
        spans=(span,),  # type: ignore[arg-type]
        lead=value,
        layer="numbers",
    )


def _event_item(event: Event) -> PanelItem:
    sentence = tuple(event.sentence) if event.sentence else None
    trigger = tuple(event.trigger_span) if event.trigger_span else None
    return PanelItem(
        kind="event",
        text=clean(event.summary),
        jump=sentence or trigger,  # type: ignore[arg-type]
        spans=tuple(s for s in (trigger or sentence,) if s),  # type: ignore[misc]
        detail=(event.category or "").lower(),
        category=event.category,
    )


def _first_offset(item: PanelItem) -> int:
    return item.jump[0] if item.jump else 1 << 62


def build_panel(analysis: Analysis, country_name: Callable[[str], str]) -> PanelModel:
    """Group an analysis for the side panel (see the module docstring for the order)."""
    by_id = {a.id: a for a in analysis.actors}
    actors_in: dict[str | None, list[PanelItem]] = defaultdict(list)
    reactions_in: dict[str | None, list[PanelItem]] = defaultdict(list)
    sources: list[PanelItem] = []

    for actor in analysis.actors:
        if actor.is_source:
            sources.append(_actor_item(actor, "source"))
        else:
            actors_in[actor.country or None].append(_actor_item(actor))

    for reaction in analysis.reactions:
        reactor = by_id.get(reaction.actor)
        if reactor is not None and reactor.is_source:
            continue  # a news agency quoted is never an actor (the analyser should not do this)
        code = reaction.country or (reactor.country if reactor else None) or None
        reactions_in[code].append(_reaction_item(reaction, reactor))

    def name_of(code: str) -> str:
        try:
            name = country_name(code)
        except Exception:  # noqa: BLE001 - a lookup failure must never break the panel
            name = ""
        return clean(name) or clean(code)

    groups: list[PanelGroup] = []
    for code in set(actors_in) | set(reactions_in):
        actors = sorted(actors_in.get(code, []), key=lambda i: (-i.count, _first_offset(i), i.text))
        reactions = _merge_repeats(sorted(reactions_in.get(code, []), key=_first_offset))
        weight = REACTION_WEIGHT * sum(r.count for r in reactions) + sum(i.count for i in actors)
        groups.append(
            PanelGroup(
                code=code,
                name=name_of(code) if code else UNATTRIBUTED,
                actors=tuple(actors),
                reactions=tuple(reactions),
                weight=weight,
            )
        )
    # Busiest first; the unattributed group always last, whatever its weight.
    groups.sort(key=lambda g: (g.code is None, -g.weight, g.name.casefold()))

    figures = sorted((_figure_item(f) for f in analysis.figures), key=lambda i: i.spans[0][0])
    events = sorted((_event_item(e) for e in analysis.events if clean(e.summary)), key=_first_offset)
    sources.sort(key=lambda i: (-i.count, _first_offset(i), i.text))

    notices = [clean(n) for n in analysis.notices if clean(n)]
    if not analysis.complete:
        notices.append("Analysis stopped early: only the first part of this long article was read.")

    return PanelModel(
        groups=tuple(groups),
        figures=tuple(figures),
        sources=tuple(sources),
        notices=tuple(notices),
        model=analysis.model,
        events=tuple(events),
    )
