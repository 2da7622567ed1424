"""Plain-data results of analysing one document.

Everything here is a dataclass that converts to and from JSON, so ``newsreader extract``,
the cache and the UI share one object. Offsets index ``Document.text``. No spaCy or Textual
imports: this module must stay cheap to import (the UI loads cached analyses without spaCy).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from newsreader.model.vocabulary import LAYERS


@dataclass(slots=True)
class Entity:
    """A named entity or number in the text, on one highlight layer."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, CARDINAL, MONEY, DATE, ...
    layer: str  # one of LAYERS
    country: str | None = None  # ISO3 / organisation code when the gazetteer knows it


@dataclass(slots=True)
class Actor:
    """Someone or something that acts: all its mentions merged into one."""

    id: str
    name: str
    kind: str  # person | organization | country | group | place
    country: str | None = None  # ISO3 for states, acronym for international organisations
    role: str | None = None  # title or office: "President", "European Commission Chief"
    mentions: list[tuple[int, int]] = field(default_factory=list)
    is_source: bool = False  # a news source quoted (Reuters, DW), listed apart, never an actor
    #: Where ``country`` came from: "text" (title, apposition, possessive, demonym, the name of a
    #: state or the organisation the person heads), "knowledge" (the dated office and actor
    #: tables), "context" (where the story happens: a guess, shown as uncertain), None (no country).
    country_source: str | None = None


class ArticleMeta(NamedTuple):
    """What the analysis may know about an article besides its text.

    ``date`` (ISO YYYY-MM-DD, or None) picks the office valid on that day ("von der Leyen" is
    German before 2019 and EU after); ``publisher`` (the outlet the article comes from) is never
    one of its actors or quoted sources.
    """

    date: str | None = None
    publisher: str | None = None


@dataclass(slots=True)
class Reaction:
    """Who did what to whom, with its evidence sentence."""

    actor: str  # Actor.id, or "" for an unnamed actor
    country: str | None
    category: str  # one of PLOVER_CATEGORIES
    trigger: str  # the trigger words as written: "called for", "denounced"
    target: str | None
    sentence: tuple[int, int]
    negated: bool = False
    hedged: bool = False  # "reportedly", "allegedly"
    trigger_span: tuple[int, int] | None = None
    summary: str = ""  # one friendly line for the panel: "condemned Tokayev's use of force"
    actor_name: str = ""


@dataclass(slots=True)
class Event:
    """Something that happened with no actor the text names, so nobody's reaction: "76 killed in
    hotel collapse", "clashes erupted in Dhaka". ``category`` is the PLOVER type of an act whose
    doer is not named (an ASSAULT by unknown attackers), None for a natural or accidental event."""

    summary: str
    country: str | None  # where it happened
    category: str | None
    sentence: tuple[int, int]
    trigger_span: tuple[int, int] | None = None


@dataclass(slots=True)
class Figure:
    """A number that counts something, with what it counts and the event it belongs to."""

    value: float | int
    approx: bool
    text: str
    counts: str | None
    event: str | None
    span: tuple[int, int]
    sentence: tuple[int, int] | None = None


@dataclass(slots=True)
class Analysis:
    """Everything the reader and ``extract`` show about one document."""

    model: str
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # e.g. "rule-only pipeline: no model installed"
    complete: bool = True  # False when analysis stopped early (size limits)
    events: list[Event] = field(default_factory=list)  # acts and happenings without a named actor

    def layer_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LAYERS, 0)
        for e in self.entities:
            counts[e.layer] = counts.get(e.layer, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        def tup(v):
            return tuple(v) if v is not None else None

        return cls(
            model=data["model"],
            entities=[Entity(**e) for e in data.get("entities", [])],
            actors=[
                Actor(**{**a, "mentions": [tuple(m) for m in a.get("mentions", [])]}) for a in data.get("actors", [])
            ],
            reactions=[
                Reaction(**{**r, "sentence": tup(r["sentence"]), "trigger_span": tup(r.get("trigger_span"))})
                for r in data.get("reactions", [])
            ],
            figures=[
                Figure(**{**f, "span": tup(f["span"]), "sentence": tup(f.get("sentence"))})
                for f in data.get("figures", [])
            ],
            notices=list(data.get("notices", [])),
            complete=data.get("complete", True),
            events=[
                Event(**{**e, "sentence": tup(e["sentence"]), "trigger_span": tup(e.get("trigger_span"))})
                for e in data.get("events", [])
            ],
        )
