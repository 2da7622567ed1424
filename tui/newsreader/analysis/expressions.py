"""Multi-word event expressions: an event named by a noun that a light verb carries.

News reports many acts as a verb plus an event noun rather than as one verb: "held talks",
"staged a hunger strike", "paid a visit", "arrived in Amman on a visit", "took part in protests",
"lifted the curfew". This module reads such expressions off the dependency parse with two data
files beside it:

* ``data/light_verbs.tsv`` -- verbs whose event is a noun they govern, with a role: DO (the object
  is the event), VIA (the object of on/for/in is), STOP (the object is an event brought to an end);
* ``data/event_nouns.tsv`` (hand-written) over ``data/event_nouns_generated.tsv`` (built from Open
  English WordNet derivations and CAMEO noun patterns by ``data/build_expressions.py``, reviewed):
  event noun, or "modifier noun", -> PLOVER category.

Data is loaded once, lazily, into dicts: matching is a few dict look-ups per verb.
Pure functions over spaCy tokens; no UI imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.analysis.datafiles import DATA_DIR
from newsreader.model.vocabulary import PLOVER_CATEGORIES

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


#: Prepositions whose object is the event of a motion verb ("on a visit", "for talks", "in protests").
VIA_PREPS = {"on", "for", "in", "into"}
#: What ending a hostile act amounts to: calling off a strike or lifting a curfew concedes, halting
#: an offensive retreats; suspending a cooperative act (aid, talks) is a sanction.
STOP_CATEGORY = {
    "PROTEST": "CONCEDE",
    "SANCTION": "CONCEDE",
    "COERCE": "CONCEDE",
    "ASSAULT": "RETREAT",
    "MOBILIZE": "RETREAT",
    "AID": "SANCTION",
    "COOPERATE": "SANCTION",
    "CONSULT": "SANCTION",
}
#: A match score: "3-0", "2–1", "21-17" (the tokenizer may split it).
_SCORE = re.compile(r"(?<![\d-])\d{1,3} ?[-\u2013\u2014] ?\d{1,3}(?![\d-])")
#: spaCy's small model lemmatises a few event verbs wrongly ("staged" -> "stag").
LEMMA_FIXES = {"stag": "stage", "staging": "stage"}


@dataclass(frozen=True)
class Expressions:
    """The light-verb, event-noun and sports-sense tables."""

    light: dict[str, str]  # verb key -> DO | VIA | STOP
    nouns: dict[str, str]  # noun lemma or "modifier noun" -> PLOVER category
    sports_words: frozenset[str] = frozenset()
    sports_roles: frozenset[str] = frozenset()
    sports_verbs: frozenset[str] = frozenset()
    stop_lemmas: frozenset[str] = frozenset()  # verbs with a STOP role: asked about before any other role
    sports_pattern: re.Pattern[str] | None = None  # a score or a sports word in a sentence's text

    def may_stop(self, lemma: str) -> bool:
        """True when a verb with this lemma may end an event ("lifted", "called off")."""
        return lemma in self.stop_lemmas

    def role(self, verb: Token) -> str | None:
        """The light-verb role of ``verb`` (its particle or object may be part of the key)."""
        lemma = verb_lemma(verb)
        for c in verb.children:
            if c.dep_ == "prt":
                role = self.light.get(f"{lemma}+{c.lower_}")
                if role:
                    return role
            elif c.dep_ == "dobj":
                role = self.light.get(f"{lemma}>{c.lemma_.lower()}")
                if role:
                    return role
        return self.light.get(lemma)


@lru_cache(maxsize=1)
def expressions() -> Expressions:
    """The expression tables, loaded once per process."""
    # the trigger lexicon's reader (imported here: the lexicon module imports this one)
    from newsreader.analysis.events.lexicon import read_lines, read_rows

    def _table(path: Path) -> dict[str, str]:
        return {key.lower(): value for key, value in read_rows(path)}

    nouns = {k: v for k, v in _table(DATA_DIR / "event_nouns_generated.tsv").items() if v in PLOVER_CATEGORIES}
    nouns.update({k: v for k, v in _table(DATA_DIR / "event_nouns.tsv").items() if v in PLOVER_CATEGORIES or v == "-"})
    light = {k: v for k, v in _table(DATA_DIR / "light_verbs.tsv").items() if v in ("DO", "VIA", "STOP")}
    rows: dict[str, set[str]] = {"word": set(), "role": set(), "verb": set()}
    for line in read_lines(DATA_DIR / "sports_clauses.txt"):
        kind, _, word = line.partition(":")
        if kind in rows and word:
            rows[kind].add(word.lower())
    stops = frozenset(re.split(r"[+>]", k)[0] for k, v in light.items() if v == "STOP")
    words = "|".join(sorted((re.escape(w) for w in rows["word"]), key=len, reverse=True))
    # one search over the sentence's text, no walk over its tokens: a score or a sports word
    pattern = re.compile(_SCORE.pattern + (rf"|\b(?:{words})(?:s|es)?\b" if words else ""), re.IGNORECASE)
    return Expressions(
        light, nouns, frozenset(rows["word"]), frozenset(rows["role"]), frozenset(rows["verb"]), stops, pattern
    )


def verb_lemma(tok: Token) -> str:
    """The verb's lemma, with the model's known slips mended."""
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def noun_category(noun: Token, curated: Callable[[str], str | None]) -> str | None:
    """PLOVER category of an event noun, or None. "modifier noun" rows ("hunger strike",
    "military exercise") win over the noun alone; ``curated`` (the trigger lexicon's own event
    nouns) wins over the expression tables."""
    table = expressions().nouns
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
            key = f"{c.lemma_.lower()} {lemma}"
            cat = curated(key) or table.get(key)
            if cat:
                return None if cat == "-" else cat  # "-": "news conference" is no meeting
    if lemma == "strike" and any(
        c.lower_ in ("air", "drone", "missile", "rocket", "artillery", "military", "naval") for c in noun.children
    ):
        return "ASSAULT"
    cat = curated(lemma) or table.get(lemma)
    return None if cat == "-" else cat


def light_event(
    verb: Token, curated: Callable[[str], str | None], head_of: Callable[[Token | None], Token | None]
) -> tuple[str, Token] | None:
    """(category, event noun) when ``verb`` is a light verb carrying an event noun: "held talks"
    -> CONSULT, "arrived ... on a visit" -> CONSULT, "lifted the curfew" -> CONCEDE. ``head_of``
    steps from a quantity to what it counts ("a series of attacks" -> attacks)."""
    ex = expressions()
    role = ex.role(verb)
    if role is None:
        return None
    if any(c.dep_ == "xcomp" for c in verb.children) and role == "DO":
        return None  # "began to withdraw": the event is the infinitive
    noun = None
    if role in ("DO", "STOP"):
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if noun is None and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
            noun = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "talks were held by ..."
    else:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in VIA_PREPS and c.i > verb.i:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                head = head_of(pobj) if pobj is not None else None
                cat = noun_category(head, curated) if head is not None else None
                if head is not None and cat in ("CONSULT", "PROTEST", "ASSAULT"):  # "on a visit", "on strike"
                    return cat, head
        return None
    noun = head_of(noun)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    cat = noun_category(noun, curated)
    if cat is None:
        return None
    if role == "STOP":
        cat = STOP_CATEGORY.get(cat)
        if cat is None:
            return None
    return cat, noun


def sports_sentence(sent: Span) -> bool:
    """True for a sentence about sport: it has a score ("3-0") or a word only sport uses."""
    pattern = expressions().sports_pattern
    return pattern is not None and pattern.search(sent.text) is not None


def sports_clause(verb: Token, about_sport: bool) -> bool:
    """True when ``verb``'s clause reports play, not politics: a result verb ("beat", "thrashed")
    or any act by a sports role ("the coach praised his players"), where ``about_sport`` (the
    sentence or the whole article is about sport, see :func:`sports_sentence`)."""
    if not about_sport:
        return False
    ex = expressions()
    if verb_lemma(verb) in ex.sports_verbs:
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    h = verb
    while subj is None and h.dep_ in ("conj", "xcomp") and h.head.i != h.i:
        h = h.head
        subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() in ex.sports_roles
