"""Faster stand-ins for the model's ``attribute_ruler`` and ``lemmatizer``, same output.

Both of spaCy's components do their work one token at a time in Python: the attribute ruler
turns every token's tag into its part of speech and morphology through one Matcher match per
token (about 17 µs a token, a tenth of the whole pipeline's time on news text), and the rule
lemmatizer tests candidate forms with ``in`` against lists of up to 57,000 words.

- ``newsreader_fast_attributes`` applies the rules that only look at a token's tag as one table
  lookup over the whole doc (``Doc.to_array``/``from_array``); other one-token rules are filed
  under a value the token must have (its lower-case form, dependency or tag) and the rules a
  distinct token passes are remembered; rules of several tokens still go to a Matcher, run only
  on docs where a first token could match. Rules apply in the model's order, later ones
  overriding earlier ones, exactly as spaCy's ``AttributeRuler`` does.
- ``newsreader_fast_lemmas`` remembers each (word, part of speech, morphology) it has
  lemmatised and asks the model's lemmatizer, its word lists made sets, only for new ones.

``speed_up(nlp)`` swaps them in under the same names; the model's rules and tables are used, not
copied. tests/integration/test_fast_rules_model.py compares every token's tag, part of speech,
morphology and lemma with the stock pipeline over the seed and the dev and messy corpora.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import DEP, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from thinc.types import Ints2d

#: What the whole-doc table lookup can set (``Doc.from_array`` columns).
_TABLE_ATTRS = (POS, MORPH)


@Language.factory("newsreader_fast_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name)


@Language.factory("newsreader_fast_lemmas")
def make_fast_lemmas(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(name)


def speed_up(nlp: Language) -> Language:
    """Replace the model's ``attribute_ruler`` and rule ``lemmatizer`` with the fast versions
    (no-op for components that are missing, already replaced, or of another kind)."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if type(ruler) is AttributeRuler:
            fast = cast(FastAttributeRuler, nlp.replace_pipe("attribute_ruler", "newsreader_fast_attributes"))
            fast.copy_rules(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
            fast_lemmas = cast(FastLemmatizer, nlp.replace_pipe("lemmatizer", "newsreader_fast_lemmas"))
            fast_lemmas.wrap(lemmatizer)
            share_noun_list(nlp, lemmatizer)
    return nlp


#: Name of the vocab table holding the lemmatizer's common nouns (see ``share_noun_list``).
NOUNS_TABLE = "newsreader_common_nouns"


def share_noun_list(nlp: Language, lemmatizer: Any) -> None:
    """Put the lemmatizer's list of English nouns where analysis code reading a Doc finds it
    (``doc.vocab.lookups``): a capitalised word on that list ("Turnout", "Survival") may be a
    common noun rather than a name."""
    index = lemmatizer.lookups.get_table("lemma_index", {})
    nouns = index.get("noun") if hasattr(index, "get") else None
    if nouns and not nlp.vocab.lookups.has_table(NOUNS_TABLE):
        nlp.vocab.lookups.add_table(NOUNS_TABLE, dict.fromkeys(nouns, True))


def _tag_only(patterns: list[list[dict]], vocab: Any) -> set[int] | None:
    """The tag hashes a rule matches when its every pattern is one token tested on TAG alone
    (``{"TAG": "NN"}`` or ``{"TAG": {"IN": [...]}}``); None for any other rule."""
    tags: set[int] = set()
    for pattern in patterns:
        if len(pattern) != 1 or set(pattern[0]) != {"TAG"}:
            return None
        value = pattern[0]["TAG"]
        if isinstance(value, str):
            tags.add(vocab.strings.add(value))
        elif isinstance(value, dict) and set(value) == {"IN"}:
            tags.update(vocab.strings.add(v) for v in value["IN"])
        else:
            return None
    return tags


#: Token attributes a one-token rule may test here (Matcher names -> attribute ids); a rule
#: testing anything else goes to a real Matcher.
_STRING_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM, "TAG": TAG, "DEP": DEP}
_FLAG_ATTRS = {"IS_SPACE": IS_SPACE, "IS_PUNCT": IS_PUNCT, "IS_ALPHA": IS_ALPHA, "IS_DIGIT": IS_DIGIT}
#: Distinct tokens whose passed rules (or lemmas) are remembered, then forgotten all at once.
MAX_REMEMBERED = 200_000
#: Tests a rule can be found by (in this order of preference): an exact value of one of these.
_INDEX_ATTRS = (LOWER, ORTH, NORM, DEP, TAG)


@dataclass(frozen=True, slots=True)
class _Test:
    """One attribute test of a token pattern, as the Matcher does it."""

    attr: int
    kind: str  # "eq" | "in" | "not_in" | "regex"
    value: Any  # hash or flag, frozenset of hashes, or compiled pattern

    def passes(self, value: int, strings: Any) -> bool:
        if self.kind == "eq":
            return value == self.value
        if self.kind == "in":
            return value in self.value
        if self.kind == "not_in":
            return value not in self.value
        return self.value.search(strings[value]) is not None


def _tests(token_pattern: dict, vocab: Any) -> list[_Test] | None:
    """A token pattern as tests, or None when it uses something not handled here."""
    tests = []
    for key, value in token_pattern.items():
        if key in _STRING_ATTRS:
            attr = _STRING_ATTRS[key]
            if isinstance(value, str):
                tests.append(_Test(attr, "eq", vocab.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
                op, values = next(iter(value.items()))
                if not all(isinstance(v, str) for v in values):
                    return None
                hashes = frozenset(vocab.strings.add(v) for v in values)
                tests.append(_Test(attr, "in" if op == "IN" else "not_in", hashes))
            elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                tests.append(_Test(attr, "regex", re.compile(value["REGEX"])))
            else:
                return None
        elif key in _FLAG_ATTRS and isinstance(value, bool):
            tests.append(_Test(_FLAG_ATTRS[key], "eq", int(value)))
        else:
            return None  # OP, other attributes, other predicates: the Matcher does those
    return tests


def _index_keys(tests: list[_Test]) -> list[tuple[int, int]] | None:
    """(attribute, value) pairs one of which a token must have to pass ``tests``; None when no
    test pins an exact value (the rule is tried on every token)."""
    for attr in _INDEX_ATTRS:
        for test in tests:
            if test.attr == attr and test.kind == "eq":
                return [(attr, test.value)]
            if test.attr == attr and test.kind == "in":
                return [(attr, v) for v in test.value]
    return None


class FastAttributeRuler:
    """spaCy's ``AttributeRuler`` semantics, with its rules found by table lookups.

    Rules that test only the tag are one lookup table over the doc's tags. One-token rules are
    filed under a value the token must have (its lower-case form, dependency or tag) and tested
    only on tokens that have it. Rules of several tokens, or with tests not handled here, go to
    a Matcher, which runs only on docs where some token passes such a rule's first test.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.by_tag: dict[int, list[int]] = {}  # tag hash -> ids of the tag-only rules, in order
        self.table: dict[int, dict[int, int]] = {}  # tag hash -> what those rules set, merged
        # (attribute, value) -> [(rule id or -1 for "run the Matcher", tests)]
        self.index: dict[tuple[int, int], list[tuple[int, list[_Test]]]] = {}
        self.everywhere: list[tuple[int, list[_Test]]] = []  # rules tried on every token
        self.columns: list[int] = []
        self.matcher_always = False  # some Matcher rule has a first token no test can gate
        self._position: dict[int, int] = {}
        self._index_columns: list[tuple[int, int]] = []
        # column values -> rules passed: tokens repeat ("the", DT, det), so each is worked out once
        self._passing: dict[tuple[int, ...], tuple[int, ...]] = {}

    def copy_rules(self, ruler: Any) -> None:
        """Take the rules of a loaded ``AttributeRuler`` (rule ``i`` keeps id ``i``: its place
        in the order)."""
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        columns: set[int] = set()
        for i, attrs in enumerate(self.attrs):
            key = str(i)
            patterns = ruler.matcher.get(key)[1]
            tags = _tag_only(patterns, self.vocab) if self.indices[i] in (0, -1) else None
            if tags is not None and set(attrs) <= set(_TABLE_ATTRS):
                for tag in tags:
                    self.by_tag.setdefault(tag, []).append(i)
                continue
            one_token = [
                _tests(p[0], self.vocab) if len(p) == 1 and self.indices[i] in (0, -1) else None for p in patterns
            ]
            handled = [t for t in one_token if t is not None]
            if len(handled) == len(one_token):
                for tests in handled:
                    self._file(i, tests, columns)
                continue
            self.matcher.add(key, patterns)
            for pattern in patterns:  # gate: the Matcher runs where a first token could match
                first = _tests(pattern[0], self.vocab) if pattern else None
                if first is None:
                    self.matcher_always = True
                else:
                    self._file(-1, first, columns)
        for tag, ids in self.by_tag.items():
            merged: dict[int, int] = {}
            for i in ids:
                merged.update(self.attrs[i])
            self.table[tag] = merged
        self.columns = sorted(columns)
        self._position = {attr: col for col, attr in enumerate(self.columns)}
        self._index_columns = [(attr, self._position[attr]) for attr in _INDEX_ATTRS if attr in self._position]
        self._passing.clear()

    def _file(self, rule: int, tests: list[_Test], columns: set[int]) -> None:
        columns.update(t.attr for t in tests)
        keys = _index_keys(tests)
        if keys is None:
            self.everywhere.append((rule, tests))
            return
        columns.update(attr for attr, _ in keys)
        for key in keys:
            self.index.setdefault(key, []).append((rule, tests))

    def _rules_passed(self, row: list[int]) -> tuple[int, ...]:
        """The rules (-1: "the Matcher may match here") a token with these column values passes."""
        strings = self.vocab.strings
        position = self._position
        candidates = list(self.everywhere)
        for attr, col in self._index_columns:
            candidates += self.index.get((attr, row[col]), ())
        return tuple(rule for rule, tests in candidates if all(t.passes(row[position[t.attr]], strings) for t in tests))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        self._apply_table(doc)
        self._apply_rules(doc)
        return doc

    def _apply_table(self, doc: Doc) -> None:
        tags = doc.to_array(TAG)
        values = _to_array(doc, _TABLE_ATTRS)
        unique, inverse = numpy.unique(tags, return_inverse=True)
        for u, tag in enumerate(unique.tolist()):
            merged = self.table.get(tag)
            if merged:
                rows = inverse == u
                for col, attr in enumerate(_TABLE_ATTRS):
                    if attr in merged:
                        values[rows, col] = merged[attr]
        _from_array(doc, _TABLE_ATTRS, values)

    def _apply_rules(self, doc: Doc) -> None:
        touched: dict[int, set[int]] = {}
        run_matcher = self.matcher_always
        if self.columns:
            rows = _to_array(doc, self.columns).reshape(len(doc), len(self.columns)).tolist()
            passing = self._passing
            for i, row in enumerate(rows):
                key = tuple(row)
                rules = passing.get(key)
                if rules is None:
                    rules = self._rules_passed(row)
                    if len(passing) >= MAX_REMEMBERED:
                        passing.clear()
                    passing[key] = rules
                for rule in rules:
                    if rule < 0:
                        run_matcher = True
                    else:
                        touched.setdefault(i, set()).add(rule)
        if run_matcher and len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                rule = int(self.vocab.strings[match_id])
                token = Span(doc, start, end)[self.indices[rule]]
                touched.setdefault(token.i, set()).add(rule)
        # Each touched token gets every rule that applies to it again, tag rules included, in
        # rule order: the last rule to set an attribute wins, as in spaCy.
        for i, applying in touched.items():
            token = doc[i]
            for rule in sorted(applying.union(self.by_tag.get(token.tag, ()))):
                set_token_attrs(token, self.attrs[rule])


class FastLemmatizer:
    """A rule lemmatizer's output, each (word, part of speech, morphology) worked out once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lemmatizer: Any = None
        self.known: dict[tuple[int, int, int], int] = {}

    def wrap(self, lemmatizer: Any) -> None:
        """Use ``lemmatizer`` (taken out of the pipeline) for words not seen yet. Its word lists
        become sets: it tests each candidate form with ``in`` against a list of up to 57,000
        nouns, which takes up to 0.7 ms a word; a set answers the same in constant time."""
        from spacy.lookups import Lookups

        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                index = lookups.add_table(name)
                for pos, words in table.items():
                    index[pos] = frozenset(words)
            else:
                lookups.set_table(name, table)
        lemmatizer.lookups = lookups
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = _to_array(doc, (ORTH, POS, MORPH, LEMMA))
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        known = self.known
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # set by the attribute ruler's exceptions
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                if len(known) >= MAX_REMEMBERED:
                    known.clear()  # a long session over many texts: start again
                value = known[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        _from_array(doc, (LEMMA,), lemmas)
        return doc


# spaCy's stubs say Doc.to_array gives float64 and Doc.from_array takes thinc's Ints2d; both are
# uint64 columns of attribute values. These two say so in one place.
_Columns = numpy.ndarray[Any, numpy.dtype[numpy.uint64]]


def _to_array(doc: Doc, attrs: Sequence[int]) -> _Columns:
    return cast(_Columns, doc.to_array([*attrs]))


def _from_array(doc: Doc, attrs: Sequence[int], values: _Columns) -> None:
    doc.from_array([*attrs], cast("Ints2d", values))
