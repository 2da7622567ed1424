"""``newsreader_body_names``: organisations the model missed or cut short.

Two cases, both in capitalised runs the model left unlabelled or split:

- a body the knowledge tables know (parties, armed groups, companies, international bodies):
  "National Movement for the Liberation of Azawad" is one ORG, not "National Movement for the
  Liberation of" + "Azawad"; small words ("of", "for", "the", "and", "in") may sit inside;
- a run of two or more proper nouns ending in a word that names a kind of body ("Special
  Investigations Team", "Truth and Reconciliation Commission"), which no entity covers at all.

Lookups are dict hits on folded runs; the table is read on the first document, never when the
pipeline is built. ``is_body_name`` is injected in tests.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .common import bare_start, data_lines, set_entities

#: Longest run looked up (words and small words together).
MAX_RUN = 9
#: Lower-case words that may sit inside a body's name.
INNER_WORDS = frozenset({"of", "for", "the", "and", "in", "de", "du", "des", "la", "le", "al", "el", "&"})
#: Words that join a body word to what the body is of or for ("Court of Appeal", "Committee to
#: Protect Journalists"); "and" is not one: "Council of Europe and NATO" are two bodies.
HEAD_LINKS = frozenset({"of", "for", "to", "on"})
#: Model labels a known body's name may replace when it covers them whole.
REPLACEABLE = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}


@Language.factory("newsreader_body_names")
def make_body_names(nlp: Language, name: str) -> BodyNames:
    return BodyNames(name)


def _capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


class BodyNames:
    """Add known and body-headed organisation names as ORG entities (see module docstring)."""

    def __init__(self, name: str = "newsreader_body_names", is_body_name=None, heads: frozenset[str] | None = None):
        self.name = name
        self._is_body_name = is_body_name
        # the kinds of body a name can end in, one per line in data/body_heads.txt
        self.heads = heads if heads is not None else frozenset(w.lower() for w in data_lines("body_heads.txt"))

    def is_body_name(self, text: str) -> bool:
        if self._is_body_name is None:
            from newsreader.analysis import knowledge

            self._is_body_name = knowledge.is_known_body
        return self._is_body_name(text)

    def __call__(self, doc: Doc) -> Doc:
        split_open_brackets(doc)
        found: list[Span] = []
        i, n = 0, len(doc)
        while i < n:
            if not _capitalised(doc[i].text) or doc[i].ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                i += 1
                continue
            span = self._known_body(doc, i) or self._head_first_body(doc, i) or self._headed_body(doc, i)
            if span is not None:
                found.append(span)
                i = span.end
            else:
                i += 1
        found = [f for f in found if _free_or_covered(doc, f)]
        if found:
            keep = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
            set_entities(doc, keep + found)
        return doc

    def _run_ends(self, doc: Doc, start: int) -> list[int]:
        """Ends of the capitalised runs from ``start`` (small words inside, never at the end)."""
        ends = []
        j = start
        while j < len(doc) and j - start < MAX_RUN:
            tok = doc[j]
            if _capitalised(tok.text) or (tok.text == "-" and j > start and not doc[j - 1].whitespace_):
                j += 1
                if _capitalised(tok.text):
                    ends.append(j)
            elif tok.lower_ in INNER_WORDS and j > start:
                j += 1
            else:
                break
            if "\n" in tok.whitespace_:
                break
        return ends

    def _known_body(self, doc: Doc, start: int) -> Span | None:
        """The longest run from ``start`` the tables know only as a body (three words or more:
        shorter names are the model's and the gazetteer's job)."""
        for end in reversed(self._run_ends(doc, start)):
            if end - start < 3:
                break
            if self.is_body_name(doc[start:end].text):
                return Span(doc, start, end, label="ORG")
        return None

    def _head_first_body(self, doc: Doc, start: int) -> Span | None:
        """A kind of body named by what it is for or of: "Alliance for the Re-liberation of
        Somalia", "Supreme Court of Pakistan", "Committee to Protect Journalists" — capitalised
        words, one of them a body word followed by "of", "for", "to" or "on", then at least one
        more capitalised word. The model often cuts such names at the preposition."""
        j = start
        while j < len(doc) and j - start < MAX_RUN and _capitalised(doc[j].text) and doc[j].lower_ not in self.heads:
            j += 1
        if j >= len(doc) - 2 or not _capitalised(doc[j].text) or doc[j].lower_ not in self.heads:
            return None
        if doc[j + 1].lower_ not in HEAD_LINKS or "\n" in doc[j].whitespace_:
            return None
        end = None
        k = j + 1
        while k < len(doc) and k - start < MAX_RUN:
            tok = doc[k]
            joined = k > 0 and not doc[k - 1].whitespace_ and (tok.text == "-" or doc[k - 1].text == "-")
            if _capitalised(tok.text) and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                end = k + 1
            elif joined:
                pass  # "Re-liberation": a hyphenated word goes on
            elif tok.lower_ not in HEAD_LINKS and tok.lower_ != "the":
                break
            if "\n" in tok.whitespace_:
                break
            k += 1
        if end is None or end <= j + 2:
            return None
        return Span(doc, start, end, label="ORG")

    def _headed_body(self, doc: Doc, start: int) -> Span | None:
        """Two or more proper nouns ending in a kind of body, which no entity touches."""
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and _capitalised(doc[end].text) and not doc[end].ent_type_:
            end += 1
        if end - start >= 2 and doc[end - 1].lower_ in self.heads:
            return Span(doc, start, end, label="ORG")
        return None


def split_open_brackets(doc: Doc) -> None:
    """Cut a name the model ran into a bracket ("Kellogg, Brown and Root (KBR" + ")") into the
    name and the short form inside the brackets, two entities with the same label, so the short
    form is recognised as the body's alias later."""
    ents = list(doc.ents)
    out: list[Span] = []
    changed = False
    for e in ents:
        opens = [t.i for t in e if t.text == "("]
        if len(opens) == 1 and not any(t.text == ")" for t in e) and e.start < opens[0] < e.end - 1:
            cut = opens[0]
            out.append(Span(doc, e.start, cut, label=e.label_))
            out.append(Span(doc, cut + 1, e.end, label=e.label_))
            changed = True
        else:
            out.append(e)
    if changed:
        set_entities(doc, out)


def _free_or_covered(doc: Doc, span: Span) -> bool:
    """True when every entity the span touches lies inside it and may be replaced, and it is
    not exactly an entity the model already has."""
    for e in doc.ents:
        if e.start < span.end and span.start < e.end:
            if (e.start, e.end) == (span.start, span.end) or e.label_ not in REPLACEABLE:
                return False
            if bare_start(e) < span.start or e.end > span.end:
                return False  # (a leading "the" may stay outside: "the National Movement ...")
    return True
