"""Names the entity recogniser finds that are not actors: titles of works, celestial bodies,
diseases, common nouns written with a capital, descriptions that only look like names.

Like negspacy's term sets, the word lists are data (``data/non_actors.tsv``,
``data/work_words.tsv``, ``data/non_actor_kinds.tsv``) loaded once and passed in; the tests
build their own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from newsreader.analysis.datafiles import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Span


#: Dependencies that tie a title to the noun naming its kind ("his book, Survival";
#: "the film Obsession"; "Hegemony or Survival" coordinated inside one title).
_TITLE_DEPS = ("appos", "compound", "conj", "attr")


class WorkWords(NamedTuple):
    """The word sets the filter uses (lower case)."""

    never: frozenset[str]  # whole names that are never actors: "moon", "covid"
    work_nouns: frozenset[str]  # "book", "film"
    work_verbs: frozenset[str]  # lemmas: "write", "publish"
    kinds: frozenset[str] = frozenset()  # first words of things that never act: "Hurricane", "USS"


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def default_words() -> WorkWords:
    """The bundled lists."""
    never = frozenset(row[0].lower() for row in _rows("non_actors.tsv"))
    works = _rows("work_words.tsv")
    return WorkWords(
        never=never,
        kinds=frozenset(row[0] for row in _rows("non_actor_kinds.tsv")),
        work_nouns=frozenset(r[0] for r in works if len(r) > 1 and r[1] == "noun"),
        work_verbs=frozenset(r[0] for r in works if len(r) > 1 and r[1] == "verb"),
    )


def non_actor_reason(span: Span, label: str, words: WorkWords | None = None) -> str | None:
    """Why the entity ``span`` (spaCy label ``label``) is not an actor, or None if it may be one."""
    words = words or default_words()
    text = span.text.strip()
    if text.lower() in words.never:
        return "never an actor"
    root = span.root
    if _named_kind(span, words.kinds):
        return "named thing"  # "Cyclone Phailin", "Space Shuttle Columbia", "USS Cole"
    if len(span) > 1 and span[-1].is_digit:
        return "score or label"  # "Sweden 1" in a results line, "Apollo 11"
    bare = [t for t in span if t.tag_ != "POS"]  # "Group E's first place"
    if len(bare) == 2 and label != "PERSON" and len(bare[-1].text) == 1 and bare[-1].text.isupper():
        return "score or label"  # "Group F", "Pool A" (but "Malcolm X" is a person)
    if (len(span) == 1 and root.pos_ == "NOUN" and label != "PERSON") or (
        len(span) == 1 and root.pos_ == "NOUN" and root.is_sent_start
    ):
        return "common noun"  # "Turnout was 70 percent": a capital, not a name
    if len(span) == 1 and root.pos_ == "ADJ" and label in ("ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT"):
        return "common adjective"  # "Coastal province elects ...": a capital, not a name
    if len(span) == 1 and label == "PERSON" and _lone_common_noun(span):
        return "common noun"  # "Turnout was low": a sentence-initial capital
    if label == "PERSON" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children):
        return "description"  # "a self-described Libertarian Socialist": names take no article
    if _names_a_work(span, words):
        return "title of a work"
    return None


def _named_kind(span: Span, kinds: frozenset[str]) -> bool:
    """True when the name starts with, or follows, a word for a kind of thing that never acts."""
    words = [t.text for t in span]
    if len(words) > 1 and any(" ".join(words[:n]) in kinds for n in (1, 2) if n < len(words)):
        return True
    doc = span.doc
    before = [doc[i].text for i in range(max(0, span.start - 2), span.start)]
    return any(" ".join(before[-n:]) in kinds for n in (1, 2) if len(before) >= n)


def _lone_common_noun(span: Span) -> bool:
    """A one-word "person" that starts its sentence, is on the parser's noun list, is nobody's
    name in the knowledge tables, and is never part of a longer name in the document: more
    likely a capitalised noun than a surname ("Turnout was low"; but "Putin said", and "Bush
    said" after "George Bush")."""
    tok = span.root
    if not tok.is_sent_start:
        return False
    from newsreader.analysis.components.fast_rules import NOUNS_TABLE

    lookups = tok.doc.vocab.lookups
    if not lookups.has_table(NOUNS_TABLE) or tok.lower_ not in lookups.get_table(NOUNS_TABLE):
        return False
    from newsreader.analysis import knowledge

    if knowledge.is_known_name(tok.text):
        return False  # the noun list has famous names too ("Putin", "Chomsky")
    return not any(
        t.text == tok.text
        and t.i != tok.i
        and t.ent_type_ == "PERSON"
        and (t.ent_iob_ != "B" or (t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I"))
        for t in tok.doc
    )


def _names_a_work(span: Span, words: WorkWords) -> bool:
    tok = span.root
    if any(c.dep_ == "compound" and c.lemma_.lower() in words.work_nouns for c in tok.children):
        return True  # "the 2009 novel Obsession"
    for _ in range(3):  # up through a coordination or compound inside the title
        head = tok.head
        if head is tok:
            return False
        if tok.dep_ == "conj" and head.ent_type_ == "WORK_OF_ART":
            return True  # "Once Upon a Time and Black Knight": listed with a work
        if (
            tok.dep_ in _TITLE_DEPS
            and head.lemma_.lower() in words.work_nouns
            and head.i not in range(span.start, span.end)
        ):
            return True
        if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in words.work_verbs:
            return True
        if tok.dep_ not in ("conj", "compound", "appos"):
            break
        tok = head
    before = span.start - 1
    doc = span.doc
    while before >= 0 and doc[before].is_punct and doc[before].text in ('"', "\u201c", "'", "\u2018", ","):
        before -= 1
    return before >= 0 and doc[before].lower_ in words.work_nouns and doc[before].pos_ == "NOUN"
