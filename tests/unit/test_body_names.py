"""``newsreader_body_names``: known bodies the model cut short, body-headed names it missed.

Hand-built Docs and an injected table: no model, no knowledge file."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsreader.analysis.components.body_names import BodyNames

KNOWN = {"national movement for the liberation of azawad", "union for the republic"}


def _doc(words, pos=None, ents=()):
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos or ["PROPN" if w[:1].isupper() else "X" for w in words])
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.fixture
def ruler():
    return BodyNames(is_body_name=lambda text: text.lower() in KNOWN, heads=frozenset({"team", "commission"}))


def test_a_known_body_cut_in_two_by_the_model_becomes_one(ruler):
    words = "rebels of the National Movement for the Liberation of Azawad said".split()
    doc = ruler(_doc(words, ents=[(3, 8, "ORG"), (9, 10, "GPE")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("National Movement for the Liberation of Azawad", "ORG")]


def test_a_known_body_the_model_missed_is_added(ruler):
    doc = ruler(_doc("the ruling Union for the Republic denied it".split()))
    assert [e.text for e in doc.ents] == ["Union for the Republic"]


def test_proper_nouns_ending_in_a_kind_of_body_are_an_organisation(ruler):
    words = "a Special Investigations Team appointed by the court".split()
    doc = ruler(_doc(words, pos=["DET", "PROPN", "PROPN", "PROPN", "VERB", "ADP", "DET", "NOUN"]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Special Investigations Team", "ORG")]


@pytest.mark.parametrize(
    ("words", "pos", "ents"),
    [
        # one proper noun is not enough: "Team" alone, "Commission" alone
        ("the Commission said".split(), ["DET", "PROPN", "VERB"], []),
        # a run that does not end in a body word is not a body
        ("Special Investigations Report found".split(), ["PROPN", "PROPN", "PROPN", "VERB"], []),
        # a name the model already has stays as it is
        ("Special Investigations Team met".split(), ["PROPN", "PROPN", "PROPN", "VERB"], [(0, 3, "ORG")]),
        # a person's name is not cut into by a run that would end in a body word
        ("Victor Team met".split(), ["PROPN", "PROPN", "VERB"], [(0, 1, "PERSON")]),
    ],
)
def test_what_is_not_a_new_body(ruler, words, pos, ents):
    doc = ruler(_doc(words, pos=pos, ents=ents))
    assert [e.label_ for e in doc.ents] == [label for _, _, label in ents]


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # a body word, then what it is of or for: one ORG, over the place the model found in it
        ("the Commission for Truth of Ruritania said".split(), [(5, 6, "GPE")], ["Commission for Truth of Ruritania"]),
        ("a Team to Protect Journalists said".split(), [], ["Team to Protect Journalists"]),
        # "and" joins two bodies, it does not make one
        (
            "the Commission of Ruritania and NATO said".split(),
            [(3, 4, "GPE"), (5, 6, "ORG")],
            ["Commission of Ruritania", "NATO"],
        ),
        # nothing capitalised after the preposition: no name
        ("the Commission for the people said".split(), [], []),
    ],
)
def test_a_body_named_by_what_it_is_of_or_for(ruler, words, ents, expected):
    doc = ruler(_doc(words, ents=ents))
    assert [e.text for e in doc.ents] == expected


def test_a_name_run_into_a_bracket_is_cut_into_the_name_and_its_short_form(ruler):
    words = ["by", "its", "subsidiary", "Kellogg", ",", "Brown", "and", "Root", "(", "KBR", ")", "."]
    doc = ruler(_doc(words, ents=[(3, 10, "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Kellogg , Brown and Root", "ORG"), ("KBR", "ORG")]


def test_a_name_with_both_brackets_is_left_whole(ruler):
    words = ["the", "Bank", "(", "Europe", ")", "Limited", "said"]
    doc = ruler(_doc(words, ents=[(1, 6, "ORG")]))
    assert [e.text for e in doc.ents] == ["Bank ( Europe ) Limited"]
