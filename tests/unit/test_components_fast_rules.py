"""The fast attribute ruler and lemmatizer give exactly what spaCy's own components give.

Blank English pipelines with hand-set tags, dependencies and lookup tables: no model needed.
The real model is compared over whole corpora in tests/integration/test_fast_rules_model.py.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from newsreader.analysis.components import fast_rules

#: Rules of every shape the model uses: tag only, word + tag, word lists, dependencies,
#: negated lists, regular expressions, space flags, several tokens with an index (also -1),
#: later rules overriding earlier ones, and an operator the fast path leaves to the Matcher.
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBP"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Pres"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "PronType=Prs"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {
        "patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]],
        "attrs": {"LEMMA": "be", "POS": "AUX", "MORPH": "Number=Sing|Tense=Pres"},
    },
    {"patterns": [[{"LOWER": "it", "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom|PronType=Prs"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "ran", "OP": "+"}]], "attrs": {"LEMMA": "run"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"MORPH": "Tense=Past"}},  # overrides rule 2's MORPH
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},  # overrides rule 6's POS on "is"
]

DOCS = [
    (
        ["It", "is", "gon", "na", "rain", "nothin'", "."],
        ["PRP", "VBZ", "VBG", "TO", "VB", "NN", "."],
        ["nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "punct"],
        [2, 2, 2, 4, 2, 4, 2],
    ),
    (
        ["There", "is", "that", "dog", "\n", "which", "ran", "ran"],
        ["EX", "VBZ", "DT", "NN", "_SP", "WDT", "VBD", "VBD"],
        ["expl", "ROOT", "nsubj", "attr", "dep", "nsubj", "relcl", "conj"],
        [1, 1, 3, 1, 3, 6, 3, 6],
    ),
    (
        ["the", "dogs", "sees", "it", "'s"],
        ["DT", "NNS", "VBZ", "PRP", "VBZ"],
        ["det", "nsubj", "ROOT", "dobj", "ccomp"],
        [1, 2, 2, 2, 2],
    ),
]


def _nlp_with_ruler(name: str):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)
    return nlp, ruler


def _doc(nlp, words, tags, deps, heads):
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.parametrize("words,tags,deps,heads", DOCS)
def test_fast_attribute_ruler_matches_spacy(words, tags, deps, heads):
    stock_nlp, stock = _nlp_with_ruler("stock")
    fast_nlp, _ = _nlp_with_ruler("fast")
    fast_rules.speed_up(fast_nlp)
    fast = fast_nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, fast_rules.FastAttributeRuler)
    expected = _annotations(stock(_doc(stock_nlp, words, tags, deps, heads)))
    got = _annotations(fast(_doc(fast_nlp, words, tags, deps, heads)))
    assert got == expected
    # the second time round the remembered per-token results give the same
    assert _annotations(fast(_doc(fast_nlp, words, tags, deps, heads))) == expected


def test_fast_attribute_ruler_files_rules_where_they_belong():
    nlp, _ = _nlp_with_ruler("x")
    fast_rules.speed_up(nlp)
    fast = nlp.get_pipe("attribute_ruler")
    tag_rules = {i for ids in fast.by_tag.values() for i in ids}
    assert tag_rules == {0, 1, 2, 3, 4, 5, 14, 15}
    matcher_rules = {int(nlp.vocab.strings[key]) for key in fast.matcher._patterns}
    assert matcher_rules == {10, 11, 13}  # several tokens, or an operator
    assert fast.matcher_always  # the "+" rule cannot be gated on its first token


def test_empty_doc_passes_through():
    nlp, _ = _nlp_with_ruler("x")
    fast_rules.speed_up(nlp)
    doc = Doc(nlp.vocab, words=[])
    assert len(nlp.get_pipe("attribute_ruler")(doc)) == 0


def _lemma_nlp():
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_index", {"noun": ["city", "minister"], "verb": ["condemn", "say"]})
    lookups.add_table("lemma_exc", {"verb": {"said": ["say"]}, "noun": {"children": ["child"]}})
    lookups.add_table("lemma_rules", {"noun": [["ies", "y"], ["s", ""]], "verb": [["ed", ""], ["ed", "e"], ["s", ""]]})
    lemmatizer.initialize(lookups=lookups)
    return nlp


def test_fast_lemmatizer_matches_spacy():
    words = ["Ministers", "condemned", "cities", "and", "said", "children", "cities", "zorbed", "Paris", "\n"]
    pos = ["NOUN", "VERB", "NOUN", "CCONJ", "VERB", "NOUN", "NOUN", "VERB", "PROPN", "SPACE"]
    morphs = [
        "Number=Plur",
        "Tense=Past|VerbForm=Fin",
        "Number=Plur",
        "",
        "Tense=Past|VerbForm=Fin",
        "Number=Plur",
        "Number=Plur",
        "Tense=Past|VerbForm=Fin",
        "Number=Sing",
        "",
    ]
    stock_nlp, fast_nlp = _lemma_nlp(), _lemma_nlp()
    fast_rules.speed_up(fast_nlp)
    assert isinstance(fast_nlp.get_pipe("lemmatizer"), fast_rules.FastLemmatizer)

    def run(nlp):
        doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)
        doc[3].lemma_ = "and"  # set before (as the attribute ruler's exceptions do): kept
        return [t.lemma_ for t in nlp.get_pipe("lemmatizer")(doc)]

    expected = run(stock_nlp)
    assert expected[:3] == ["minister", "condemn", "city"]
    assert run(fast_nlp) == expected
    assert run(fast_nlp) == expected  # from what it remembered


def test_speed_up_leaves_other_lemmatizers_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    fast_rules.speed_up(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), fast_rules.FastLemmatizer)
