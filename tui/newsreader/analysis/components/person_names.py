"""``newsreader_names``: repair personal names the model splits (and drop URLs taken for names).

Small models often cut a name at a lower-case particle ("Ursula von der" PERSON + "Leyen" GPE)
or at a hyphen ("Jomart Tokayev" without "Kassym-"). This component extends a PERSON span over
particles (``data/names_particles.txt``) and the capitalised words after them, over hyphenated
name parts written without spaces, and merges a PERSON directly followed by another PERSON. Entities
swallowed by the merge are dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsreader.analysis.gazetteer import get_gazetteer

from .common import copy_extensions, data_lines, set_entities, title_keys

#: Labels a small model wrongly gives to a person it has already recognised elsewhere.
RELABEL_AS_PERSON = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}
#: A repaired name never grows beyond this many tokens (guards against runaway merges).
MAX_NAME_TOKENS = 8


@Language.factory("newsreader_names")
def make_person_names(nlp: Language, name: str) -> PersonNameRepair:
    return PersonNameRepair(name)


def _is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a name ("Leyen", "Assad", "O'Brien")."""
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _is_address(ent: Span) -> bool:
    """A URL, e-mail address or scrap of markup the model took for a name."""
    return ent.label_ in RELABEL_AS_PERSON | {"PERSON"} and any(
        marker in ent.text for marker in ("://", "www.", "@", ".org/", ".com/", "%20", "<", ">", "=", '"')
    )


def _is_stage_direction(ent: Span) -> bool:
    """ "(Laughter.)", "(Applause)", "(Inaudible.)" in a transcript: one ordinary capitalised word
    alone in parentheses is a note on the recording, not a name. Acronyms ("(MSF)") and names the
    gazetteer knows ("(Reuters)") stay."""
    doc = ent.doc
    if len(ent) != 1 or ent.start == 0 or doc[ent.start - 1].text != "(" or ent.text.isupper():
        return False
    end = ent.end
    if end < len(doc) and doc[end].text == ".":
        end += 1
    if end >= len(doc) or doc[end].text != ")":
        return False
    gz = get_gazetteer()
    return gz.lookup(ent.text) is None and not gz.is_news_source(ent.text)


def _words(text: str) -> list[str]:
    """Space-separated words of a name without a possessive: "Atta Mills'" -> ["Atta", "Mills"]."""
    text = text.replace("\u2019", "'")
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.split()


class PersonNameRepair:
    """Extend or merge PERSON spans (see module docstring)."""

    def __init__(self, name: str = "newsreader_names") -> None:
        self.name = name
        self.particles = frozenset(data_lines("names_particles.txt"))
        self.facility_heads = frozenset(data_lines("names_facility_heads.txt"))

    def __call__(self, doc: Doc) -> Doc:
        ents = [e for e in doc.ents if not _is_address(e) and not _is_stage_direction(e)]
        ents = [self.facility(e) for e in ents]
        if ents != list(doc.ents):
            doc.ents = ents
        if not any(e.label_ == "PERSON" for e in ents):
            return doc
        repaired: list[Span] = []
        for ent in ents:
            if ent.label_ != "PERSON":
                repaired.append(ent)
                continue
            start, end = self.extend_left(doc, ent.start), self.extend_right(doc, ent.start, ent.end)
            if (start, end) == (ent.start, ent.end):
                repaired.append(ent)
            else:
                repaired.append(copy_extensions(ent, Span(doc, start, end, label="PERSON")))
        repaired = self.merge_adjacent(doc, repaired)
        repaired = self.relabel_known_people(doc, repaired)
        # The longest span wins, so a grown PERSON replaces the fragments it now covers.
        set_entities(doc, repaired)
        return doc

    def facility(self, ent: Span) -> Span:
        """ "Kazan Arena", "Spartak Stadium" taken for people are places."""
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text in self.facility_heads:
            return Span(ent.doc, ent.start, ent.end, label="FAC")
        return ent

    def _is_particle(self, token: Token) -> bool:
        return token.is_lower and token.text in self.particles

    def extend_right(self, doc: Doc, start: int, end: int) -> int:
        """Grow over "von der Leyen", "al-Assad", "-Jomart" after the span."""
        while end - start < MAX_NAME_TOKENS:
            i = end
            # a span that already ends in particles ("Ursula von der") counts as having them
            had_particle = self._is_particle(doc[end - 1]) and end - 1 > start
            while i < len(doc) and self._is_particle(doc[i]) and doc[i - 1].whitespace_:
                i += 1
                had_particle = True
            if had_particle and i < len(doc) and doc[i].text == "-" and not doc[i].whitespace_:
                i += 1  # al-Assad
            if had_particle and i < len(doc) and _is_name_word(doc[i]):
                end = i + 1
                continue
            # Jean-Claude, Kassym-Jomart: hyphen with no spaces around it
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and _is_name_word(doc[end + 1])
            ):
                end += 2
                continue
            break
        return end

    def extend_left(self, doc: Doc, start: int) -> int:
        """Grow over "Ursula von der" or "Kassym-" before the span."""
        while start > 0:
            i = start
            while i > 0 and self._is_particle(doc[i - 1]):
                i -= 1
            if i < start and i > 0 and _is_name_word(doc[i - 1]) and doc[i - 1].ent_iob_ != "I":
                start = i - 1
                continue
            if (
                start >= 2
                and doc[start - 1].text == "-"
                and not doc[start - 1].whitespace_
                and not doc[start - 2].whitespace_
                and _is_name_word(doc[start - 2])
            ):
                start -= 2
                continue
            break
        return start

    @staticmethod
    def relabel_known_people(doc: Doc, ents: list[Span]) -> list[Span]:
        """A later "Gates" tagged ORG is the "Robert Gates" the document already named: any
        non-person name equal to a person's full name or surname becomes PERSON, unless the
        gazetteer knows it as a place, nationality or organisation."""
        people = [_words(e.text) for e in ents if e.label_ == "PERSON"]
        if not people:
            return ents
        surnames = {p[-1] for p in people if len(p) > 1}
        gz = get_gazetteer()
        out = []
        for ent in ents:
            words = _words(ent.text)
            if (
                ent.label_ in RELABEL_AS_PERSON
                and words
                and len(words) <= 3
                and all(w[:1].isupper() for w in words)
                and (any(p[-len(words) :] == words for p in people) or words[-1] in surnames)
                and gz.lookup(ent.text) is None
                and not gz.is_news_source(ent.text)
            ):
                ent = copy_extensions(ent, Span(doc, ent.start, ent.end, label="PERSON"))
            out.append(ent)
        return out

    @staticmethod
    def merge_adjacent(doc: Doc, ents: list[Span]) -> list[Span]:
        """ "Ursula" PERSON + "von der Leyen" PERSON separated by one space become one PERSON."""
        ents = sorted(ents, key=lambda s: (s.start, -s.end))
        out: list[Span] = []
        for ent in ents:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.label_ == ent.label_ == "PERSON"
                and prev.end == ent.start
                and doc[prev.end - 1].whitespace_ == " "
                and ent.end - prev.start <= MAX_NAME_TOKENS
            ):
                out[-1] = copy_extensions(prev, Span(doc, prev.start, ent.end, label="PERSON"))
            else:
                out.append(ent)
        return out


#: Honorifics that only ever come before a person's name; never an entity of their own.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme", "m"})
#: A transcript's speaker label is at most this many words before its colon.
MAX_LABEL_TOKENS = 6


def repair_document(doc: Doc) -> Doc:
    """Name repairs that need the whole document, run once the lines parsed apart are joined:
    a later bare surname the model tagged ORG is the person named earlier, and a transcript's
    all-caps speaker label ("MR. SINGH:", "PRESIDENT BIDEN:") names a person."""
    ents = list(doc.ents)
    ents = speaker_labels(doc, ents)
    if any(e.label_ == "PERSON" for e in ents):
        ents = PersonNameRepair.relabel_known_people(doc, ents)
    set_entities(doc, ents)
    return doc


def speaker_labels(doc: Doc, ents: list[Span]) -> list[Span]:
    """PERSON spans for the name in an all-caps speaker label at the start of a line, when a
    title or honorific leads it ("MS. PSAKI:") or the document names that person elsewhere
    ("BIDEN:" after "Joe Biden"). Entities the model put inside the label are replaced."""
    titles = title_keys()
    known = {w.lower() for e in ents if e.label_ == "PERSON" and not e.text.isupper() for w in _words(e.text)}
    out = list(ents)
    for sent in doc.sents:
        start = sent.start
        while start < sent.end and doc[start].is_space:
            start += 1
        colon = next((t.i for t in doc[start : min(sent.end, start + MAX_LABEL_TOKENS + 1)] if t.text == ":"), None)
        if colon is None or colon == start:
            continue
        label = doc[start:colon]
        if not all(t.is_upper or t.text == "." for t in label) or not any(t.is_alpha for t in label):
            continue
        # skip the title/honorific words at the front of the label
        i, led = start, False
        while i < colon:
            word = doc[i].text.rstrip(".").lower()
            if word in HONORIFICS or word in titles:
                i += 1
                led = True
                if i < colon and doc[i].text == ".":
                    i += 1
                continue
            break
        name = [t for t in doc[i:colon] if t.is_alpha and len(t) > 1]
        if not name or len(name) != colon - i:
            continue
        if not led and not any(t.lower_ in known for t in name):
            continue
        out = [e for e in out if e.end <= start or e.start >= colon]
        out.append(Span(doc, i, colon, label="PERSON"))
    return out
