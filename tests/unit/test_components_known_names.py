"""``newsreader_known_names`` on a blank pipeline with an injected name list (no model, no table)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from newsreader.analysis.components.known_names import KnownNames

KNOWN = {"anna berg", "kassym-jomart tokayev", "jaap de hoop scheffer"}


def run(text: str, ents: list[tuple[int, int, str]] = ()):
    nlp = spacy.blank("en")
    doc = nlp(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    component = KnownNames(is_person_name=lambda t: t.lower().replace("  ", " ") in KNOWN)
    return [(e.text, e.label_) for e in component(doc).ents]


def test_a_known_name_the_model_missed_becomes_a_person():
    assert run("Then Anna Berg spoke.") == [("Anna Berg", "PERSON")]


def test_a_split_name_is_joined_and_its_pieces_replaced():
    # "Anna" PERSON + "Berg" ORG from a small model
    assert run("Anna Berg spoke.", [(0, 1, "PERSON"), (1, 2, "ORG")]) == [("Anna Berg", "PERSON")]


def test_a_title_before_the_name_is_left_out_and_no_prefix_is_taken():
    assert run("President Anna Berg Laine met them.") == []  # "Anna Berg" is a prefix of the run
    assert run("President Anna Berg met them.") == [("Anna Berg", "PERSON")]


def test_hyphenated_names_are_one_run():
    assert run("Kassym-Jomart Tokayev said.") == [("Kassym-Jomart Tokayev", "PERSON")]


def test_an_exact_entity_keeps_its_label_and_dates_end_a_name():
    assert run("Anna Berg spoke.", [(0, 2, "ORG")]) == [("Anna Berg", "ORG")]
    # a capitalised date word right after, or alone, must neither join the name nor stall the scan
    assert run("Anna Berg Thursday", [(2, 3, "DATE")]) == [("Anna Berg", "PERSON"), ("Thursday", "DATE")]
    assert run("Monday Tuesday", [(0, 1, "DATE"), (1, 2, "DATE")]) == [("Monday", "DATE"), ("Tuesday", "DATE")]
