"""``newsreader_known_names``: people the knowledge tables know, found where the model missed
or split them ("Hoop Scheffer" as PERSON + ORG, a minister's name the small model skips).

A run of two to five capitalised words whose folded form is a personal name in
``knowledge.py``'s table becomes one PERSON entity, replacing the pieces it covers. It looks
names up in a dict, so it costs a few microseconds a run; the table is read on the first
document, never when the pipeline is built.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from .common import set_entities

#: Longest and shortest name runs looked up.
MAX_NAME_WORDS = 5
MIN_NAME_WORDS = 2
#: Labels the model gives to pieces of a name that a known full name may replace.
REPLACEABLE = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
#: Entities that are never part of a name.
NOT_NAME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


@Language.factory("newsreader_known_names")
def make_known_names(nlp: Language, name: str) -> KnownNames:
    return KnownNames(name)


def _name_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


class KnownNames:
    """Add known personal names as PERSON entities (see module docstring)."""

    def __init__(
        self, name: str = "newsreader_known_names", is_person_name: Callable[[str], bool] | None = None
    ) -> None:
        self.name = name
        # injected in tests; by default the knowledge table, loaded on first use
        self._is_person_name = is_person_name

    def is_person_name(self, text: str) -> bool:
        if self._is_person_name is None:
            from newsreader.analysis import knowledge

            self._is_person_name = knowledge.is_person_name
        return self._is_person_name(text)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        i, n = 0, len(doc)
        while i < n:
            if not _name_word(doc[i].text):
                i += 1
                continue
            j = i
            while j < n and j - i < MAX_NAME_WORDS:
                tok = doc[j]
                joined = tok.text == "-" and j > i and not doc[j - 1].whitespace_  # "Kassym-Jomart"
                if not (_name_word(tok.text) or joined) or tok.ent_type_ in NOT_NAME_LABELS:
                    break  # "Hugo Chávez Thursday": a date ends the name
                j += 1
            hit = self._known_tail(doc, i, j)
            if hit is not None:
                found.append(hit)
            i = max(j, i + 1)  # always move on, even past a capitalised date word
        found = [f for f in found if not _already(doc, f)]
        if found:
            keep = [e for e in doc.ents if not any(_overlaps(e, f) for f in found) or e.label_ not in REPLACEABLE]
            set_entities(doc, keep + found)
        return doc

    def _known_tail(self, doc: Doc, start: int, end: int) -> Span | None:
        """The longest known name ending where the run of capitalised words ends: "President
        Barack Obama" -> "Barack Obama"; never a prefix ("Recep Tayyip" of a longer name)."""
        for first in range(start, end - MIN_NAME_WORDS + 1):
            span = doc[first:end]
            if sum(1 for t in span if t.is_alpha) >= MIN_NAME_WORDS and self.is_person_name(span.text):
                return Span(doc, first, end, label="PERSON")
        return None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _already(doc: Doc, span: Span) -> bool:
    """True when the model already has exactly this span as a name (keep its label), or an
    entity the name cannot replace (a date, a number) overlaps it."""
    return any(
        (e.start == span.start and e.end == span.end) or (_overlaps(e, span) and e.label_ not in REPLACEABLE)
        for e in doc.ents
    )
