"""``newsreader_gazetteer``: label and code places, nationalities and organisations.

Corrects the model's entities with the gazetteer (a nationality word the model calls ORG or
PERSON becomes NORP; a country it calls ORG becomes GPE; "EU" becomes ORG), gives every known
entity ``span._.country`` and ``span._.kind``, and adds known names the model missed (all of them
in the rule-only pipeline). Matching is case-sensitive, so "US" is the country and "us" is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsreader.analysis.gazetteer import Gazetteer, get_gazetteer

from .common import bare_start, free_tokens, set_entities

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

#: Entity label for each gazetteer kind.
LABEL_OF_KIND = {"country": "GPE", "place": "GPE", "group": "NORP", "organization": "ORG", "source": "ORG"}
#: Model labels a gazetteer hit may overrule. Numbers and dates are never touched.
#: Model labels a city name may carry and still be taken for the city.
PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}


@Language.factory("newsreader_gazetteer", default_config={"add_places": True})
def make_gazetteer_ruler(nlp: Language, name: str, add_places: bool) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, add_places=add_places)


class GazetteerRuler:
    """Relabel, code and add gazetteer entities (see module docstring)."""

    def __init__(self, nlp: Language, name: str = "newsreader_gazetteer", add_places: bool = True) -> None:
        self.name = name
        # With a statistical model, untagged city names are more often something else
        # ("Batman", "Reading"); without one, the gazetteer is the only place finder.
        self.add_places = add_places
        self.gazetteer: Gazetteer = get_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = [
            (form, entry)
            for form, entry in self.gazetteer.surface_forms().items()
            if add_places or entry.kind != "place"
        ]  # fewer patterns: faster start
        tokenizer = cast("Tokenizer", nlp.tokenizer)  # typed as any callable; the pipelines here use spaCy's
        self.matcher.add("GAZ", list(tokenizer.pipe(form for form, _entry in forms)))
        self.matcher.add("SOURCE", list(tokenizer.pipe(self.gazetteer.source_names)))

    def __call__(self, doc: Doc) -> Doc:
        corrected = [self.correct(ent) for ent in doc.ents]
        corrected = self.acronym_long_forms(doc, self.merge_body_members(doc, corrected))
        set_entities(doc, corrected + self.longer_bodies(doc, corrected))
        set_entities(doc, list(doc.ents) + self.missed(doc))
        return doc

    # -- spans the model splits or mislabels ---------------------------------------------------
    def merge_body_members(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """ "Senate Republicans", "House Democrats": an organisation directly followed by a plural
        group word that is not a nationality names that body's members (one ORG)."""
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label_ == "ORG"
                and ent.label_ == "NORP"
                and prev.end == ent.start
                and len(ent) == 1
                and ent[0].tag_ == "NNPS"
                and self.gazetteer.lookup(ent.text) is None
                and self.gazetteer.lookup(prev.text) is None
            ):
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
                continue
            out.append(ent)
        return out

    def acronym_long_forms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """ "Medecins Sans Frontieres (MSF)": a name followed by a known organisation's acronym
        made of its initials is that organisation, whatever label the model gave the name."""
        out = []
        for ent in ents:
            end = ent.end
            if (
                ent.label_ in NAME_LABELS
                and end + 2 < len(doc)
                and doc[end].text == "("
                and doc[end + 2].text == ")"
                and len(ent) > 1
            ):
                acronym = doc[end + 1].text
                entry = self.gazetteer.lookup(acronym)
                initials = "".join(t.text[0] for t in ent if t.text[:1].isupper())
                if (
                    entry is not None
                    and entry.kind == "organization"
                    and acronym.isupper()
                    and initials.upper() == acronym.replace(".", "")
                ):
                    span = Span(doc, ent.start, ent.end, label="ORG")
                    span._.country, span._.kind = entry.code, entry.kind
                    ent = span
            out.append(ent)
        return out

    def longer_bodies(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A known body's whole name that the model cut in pieces ("Organization for Security
        and Co-operation" + "Europe"): the longer name wins over the pieces it covers whole
        (``set_entities`` keeps the longest), never over an entity it would cut."""
        gz = self.gazetteer
        found: list[Span] = []
        source_key = doc.vocab.strings["SOURCE"]
        for match_id, start, end in self.matcher(doc):
            if match_id == source_key or end - start < 3:
                continue
            inside = [e for e in ents if e.start < end and start < e.end]
            if (
                not inside
                or any(bare_start(e) < start or e.end > end for e in inside)
                or (len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end))
            ):
                continue
            entry = gz.lookup(doc[start:end].text)
            if entry is None or entry.kind != "organization" or gz.is_ambiguous(doc[start:end].text):
                continue
            span = Span(doc, start, end, label="ORG")
            span._.country, span._.kind = entry.code, entry.kind
            found.append(span)
        return found

    # -- existing entities -----------------------------------------------------------------
    def correct(self, ent: Span) -> Span:
        """The entity with the gazetteer's label, country and kind applied where it knows better."""
        gz = self.gazetteer
        if ent.label_ not in NAME_LABELS:
            return ent
        text = ent.text
        if gz.is_news_source(text):
            span = _relabel(ent, "ORG")
            span._.kind = "source"
            return span
        entry = gz.lookup(text)
        if entry is None:
            return self._code_unknown(ent)
        # "arrived in Kyiv": a known city after a place preposition is the city
        city_here = entry.kind == "place" and not gz.is_ambiguous(text) and _locative(ent)
        if ent.label_ == "PERSON" and (entry.kind == "place" or gz.is_ambiguous(text)) and not city_here:
            return ent  # "Jordan" the player, "Vladimir" the first name stay people
        if entry.kind == "place" and ent.label_ not in PLACE_LABELS and not city_here:
            return ent  # "Toyota" the company is not the city
        label = LABEL_OF_KIND[entry.kind]
        if entry.kind == "place" and ent.label_ in ("LOC", "FAC"):
            label = ent.label_
        if entry.kind == "organization" and ent.label_ in ("FAC", "GPE") and not gz.is_organization_code(entry.code):
            label = "ORG"  # "the Kremlin", "White House" act as governments
        span = _relabel(ent, label)
        span._.country = entry.code
        span._.kind = entry.kind
        return span

    def _code_unknown(self, ent: Span) -> Span:
        """An entity the gazetteer does not know as a whole: "Kazakh officials" tagged ORG keeps
        only its nationality word; "Russian Defence Ministry" keeps its label and gets RUS."""
        gz = self.gazetteer
        words = [t for t in ent if not t.is_punct]
        entries = [gz.lookup(t.text) for t in words]
        known = [e for e in entries if e is not None]
        if (
            words
            and len(known) == len(entries)
            and all(e.kind in ("group", "country") for e in known)
            and any(e.kind == "group" for e in known)
        ):
            # "Bosnian Serbs" taken for a person: nationality words only; the first one places them
            span = Span(ent.doc, ent.start, ent.end, label="NORP")
            span._.country, span._.kind = known[0].code, "group"
            return span
        if (
            len(words) > 1
            and entries[-1] is not None
            and entries[-1].kind == "group"
            and all(t.tag_ in ("JJ", "RB") or t.dep_ in ("amod", "advmod") for t in words[:-1])
        ):
            # "Radical French" tagged ORG at the start of a sentence: only the nationality is a name
            last = words[-1]
            span = Span(ent.doc, last.i, last.i + 1, label="NORP")
            span._.country, span._.kind = entries[-1].code, "group"
            return span
        if ent.label_ == "PERSON":
            return ent
        first = ent[0]
        entry = gz.lookup(first.text)
        if (
            entry is not None
            and entry.kind == "group"
            and len(ent) > 1
            and all(t.is_lower or t.is_punct for t in ent[1:])
        ):
            span = Span(ent.doc, ent.start, ent.start + 1, label="NORP")
            span._.country, span._.kind = entry.code, "group"
            return span
        code = gz.country_of(ent.text)
        if code is not None:
            ent._.country = code
            if ent.label_ == "ORG":
                ent._.kind = "organization"
        return ent

    # -- missed names ----------------------------------------------------------------------
    def missed(self, doc: Doc) -> list[Span]:
        """Known names in tokens no entity covers (never ambiguous names like "Jordan")."""
        gz = self.gazetteer
        free = free_tokens(doc)
        found: list[Span] = []
        source_key = doc.vocab.strings["SOURCE"]
        for match_id, start, end in self.matcher(doc):
            if not all(free[start:end]):
                continue
            span_text = doc[start:end].text
            if match_id == source_key:
                span = Span(doc, start, end, label="ORG")
                span._.kind = "source"
                found.append(span)
                continue
            if gz.is_ambiguous(span_text) or _shouted(doc, start, end):
                continue
            entry = gz.lookup(span_text)
            if entry is None or (entry.kind == "place" and not self.add_places):
                continue
            span = Span(doc, start, end, label=LABEL_OF_KIND[entry.kind])
            span._.country, span._.kind = entry.code, entry.kind
            found.append(span)
        return found


#: Prepositions after which a known city name is the city.
LOCATIVE_PREPS = {"in", "to", "from", "at", "near", "into", "across", "outside", "inside", "around", "via"}


def _locative(ent: Span) -> bool:
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def _shouted(doc: Doc, start: int, end: int) -> bool:
    """An acronym inside all-capital text ("WHO IS IN CHARGE", "US" in "TELL US") is a word."""
    if not doc[start:end].text.isupper():
        return False
    neighbours = [
        t
        for t in (doc[start - 1] if start > 0 else None, doc[end] if end < len(doc) else None)
        if t is not None and t.is_alpha
    ]
    return any(t.is_upper and len(t) > 1 for t in neighbours)


def _relabel(ent: Span, label: str) -> Span:
    if ent.label_ == label:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label)
