"""``newsreader_titles``: keep titles out of PERSON spans and record them as the person's role.

"President Tokayev" -> PERSON "Tokayev" with ``span._.title == "President"``; "French President
Emmanuel Macron" -> ``title == "French President"`` (the nationality or organisation entity right
before the title belongs to the role); "former Kazakh government minister Mukhtar Ablyazov" ->
``title == "former Kazakh government minister"``. A capitalised title followed by capitalised
words that no entity covers ("President Jinping" missed by the model, or any name in the rule-only
pipeline) becomes a PERSON. Titles are in ``data/titles.txt``, role modifiers in
``data/titles_modifiers.txt``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsreader.analysis.gazetteer import get_gazetteer

from .common import copy_extensions, data_lines, set_entities, title_keys
from .person_names import PersonNameRepair

MAX_TITLE_TOKENS = 6
MAX_NEW_NAME_TOKENS = 4
#: Entities that may lead a role: "French President", "European Commission Chief", "Kazakhstan's".
ROLE_LEAD_LABELS = {"NORP", "GPE", "ORG"}


@Language.factory("newsreader_titles")
def make_titles(nlp: Language, name: str) -> TitleStripper:
    return TitleStripper(name)


def _key(tokens) -> str:
    """Lower-case text without spaces, so "Secretary-General" (3 tokens) and "Prime Minister" compare
    as written in the data file."""
    return "".join(t.text for t in tokens).lower()


class TitleStripper:
    """Strip and record titles (see module docstring)."""

    def __init__(self, name: str = "newsreader_titles") -> None:
        self.name = name
        self.titles = title_keys()
        self.title_words = frozenset(w.lower() for t in data_lines("titles.txt") for w in t.replace("-", " ").split())
        self.modifiers = frozenset(m.lower() for m in data_lines("titles_modifiers.txt"))
        self.names = PersonNameRepair()

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        out: list[Span] = []
        for ent in ents:
            if ent.label_ == "PERSON" and self.inside_title(doc, ent):
                continue  # "Cabinet" of "Chief Cabinet Secretary Yoshito Sengoku" is no person
            if ent.label_ == "PERSON":
                ent = self.strip(doc, ent)
                self.record(doc, ent)
            out.append(ent)
        set_entities(doc, out + self.new_people(doc))
        return doc

    def inside_title(self, doc: Doc, ent: Span) -> bool:
        """True when the whole span is part of a longer title written around it."""
        for start in range(max(0, ent.end - MAX_TITLE_TOKENS), ent.start + 1):
            for end in range(ent.end, min(len(doc), start + MAX_TITLE_TOKENS) + 1):
                if end - start > len(ent) and _key(doc[start:end]) in self.titles:
                    return True
        return False

    def title_ending_at(self, doc: Doc, end: int) -> int | None:
        """Start of the longest title whose last token is ``end - 1``, or None."""
        for length in range(min(MAX_TITLE_TOKENS, end), 0, -1):
            if _key(doc[end - length : end]) in self.titles:
                return end - length
        return None

    def title_starting_at(self, doc: Doc, start: int, limit: int) -> int | None:
        """End of the longest title (or modifier) beginning at ``start`` and ending before ``limit``."""
        for length in range(min(MAX_TITLE_TOKENS, limit - start), 0, -1):
            key = _key(doc[start : start + length])
            if key in self.titles or (length == 1 and key in self.modifiers):
                return start + length
        return None

    def strip(self, doc: Doc, ent: Span) -> Span:
        """The PERSON without leading titles; the stripped words become its recorded role."""
        start = ent.start
        while start < ent.end - 1:
            end = self.title_starting_at(doc, start, ent.end)
            if end is None or end >= ent.end:
                break
            start = end
        if start == ent.start:
            return ent
        span = copy_extensions(ent, Span(doc, start, ent.end, label="PERSON"))
        return span

    def record(self, doc: Doc, ent: Span) -> None:
        """Set ``title``/``title_span`` from the role written right before the name."""
        start = self.role_start(doc, ent.start)
        if start is None:
            return
        end = ent.start
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        role = doc[start:end]
        ent._.title = role.text
        ent._.title_span = (role.start_char, role.end_char)

    def role_start(self, doc: Doc, name_start: int) -> int | None:
        """Token index where the role before ``name_start`` begins, or None when there is no title."""
        start = self.title_ending_at(doc, name_start)
        if start is None:
            return None
        while start > 0:
            prev = doc[start - 1]
            if prev.lower_ in self.modifiers:
                start -= 1
                continue
            new = self.title_ending_at(doc, start)
            if new is not None:
                start = new
                continue
            if prev.ent_type_ in ROLE_LEAD_LABELS and prev.ent_iob_ in ("B", "I"):
                # include the whole entity ending here ("European Commission")
                while start > 0 and doc[start - 1].ent_iob_ == "I":
                    start -= 1
                start -= 1
                continue
            if prev.text in ("'s", "’s", "'") and start >= 2 and doc[start - 2].ent_type_ in ROLE_LEAD_LABELS:
                start -= 1  # "Russia's President": the possessive joins the entity before it
                continue
            break
        return start

    def new_people(self, doc: Doc) -> list[Span]:
        """PERSON spans for capitalised words right after a capitalised title ("President Jinping")
        that no entity covers and the gazetteer does not know as a place or group."""
        gz = get_gazetteer()
        covered = [False] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                covered[i] = True
        found: list[Span] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if covered[i] or not token.text[:1].isupper():
                i += 1
                continue
            end = self.title_starting_at(doc, i, len(doc))
            if end is None or _key(doc[i:end]) not in self.titles:
                i += 1
                continue
            j = end
            while True:
                while (
                    j < len(doc)
                    and j - end < MAX_NEW_NAME_TOKENS
                    and not covered[j]
                    and doc[j].text[:1].isupper()
                    and doc[j].is_alpha
                    and doc[j].lower_ not in self.title_words
                    and gz.lookup(doc[j].text) is None
                ):
                    j += 1
                if j == end:
                    break
                # "President Kassym-Jomart Tokayev", "Chief Ursula von der Leyen"
                grown = self.names.extend_right(doc, end, j)
                if grown == j:
                    break
                j = grown
            if j > end:
                if any(covered[end:j]):
                    i += 1
                    continue
                span = Span(doc, end, j, label="PERSON")
                self.record(doc, span)
                found.append(span)
            i = max(j, i + 1)
        return found
