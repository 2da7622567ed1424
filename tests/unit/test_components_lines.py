"""Every line parsed as its own sentence, and the name repairs that need the whole document."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis import pipeline as pl


def test_split_lines_cuts_after_each_break_and_keeps_the_text():
    text = "Troops sent to border\n\nA caption line\nThe first paragraph. Its second sentence."
    assert pl.split_lines(text) == [
        "Troops sent to border\n\n",
        "A caption line\n",
        "The first paragraph. Its second sentence.",
    ]


def test_split_lines_keeps_a_hard_wrapped_paragraph_together():
    text = "The minister said the negotiations would last well into\nnext week, aides said.\nNext line"
    assert pl.split_lines(text) == [
        "The minister said the negotiations would last well into\nnext week, aides said.\n",
        "Next line",
    ]


def test_split_lines_a_short_line_before_lower_case_is_still_a_line():
    assert pl.split_lines("Photo\nby the agency") == ["Photo\n", "by the agency"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .A\n\t:"), max_size=80))
def test_split_lines_pieces_concatenate_back(text):
    pieces = pl.split_lines(text)
    assert "".join(pieces) == text and pieces


@pytest.fixture(scope="module")
def model():
    pipeline = pl.load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")
    return pipeline


def _doc(pipeline, text):
    chunks = pl.parse(pipeline, text)
    assert len(chunks) == 1 and chunks[0].doc.text == text
    return chunks[0].doc


def test_headline_is_not_parsed_with_the_first_paragraph(model):
    text = "Farmers block motorways over diesel tax\n\nPolice in Lyon arrested twelve farmers on Monday."
    doc = _doc(model, text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Farmers block motorways over diesel tax"
    assert all(t.head.i < 7 for t in doc[:7])  # no headline word depends on the paragraph
    assert all(t.head.i >= 7 for t in doc[8:])


def test_coordinated_subjects_right_after_a_heading_stay_together(model):
    doc = _doc(model, "Summary\n\nChile and Peru signed a fishing accord.")
    sent = next(s for s in doc.sents if "Chile" in s.text)
    assert "Peru signed" in sent.text


def test_entities_never_cross_a_line_break(model):
    doc = _doc(model, "United Nations\nSecurity Council members met in Geneva.\nAngela Merkel\nspoke later.")
    assert all("\n" not in e.text.strip() for e in doc.ents)


def test_titles_keep_their_offsets_on_later_lines(model):
    text = "A headline\n\nFrench President Emmanuel Macron arrived."
    doc = _doc(model, text)
    macron = next(e for e in doc.ents if e.label_ == "PERSON")
    start, end = macron._.title_span
    assert text[start:end] == "French President"


def test_later_bare_surname_is_the_person_named_lines_earlier(model):
    text = (
        "Defence chief Marta Kowalczyk visited the base.\n\n"
        "The visit lasted two hours.\n\n"
        "Kowalczyk said the base would stay open."
    )
    doc = _doc(model, text)
    labels = {e.label_ for e in doc.ents if e.text == "Kowalczyk"}
    assert labels == {"PERSON"}


def test_all_caps_speaker_labels_are_people(model):
    text = (
        "Remarks by Mayor Tomas Lindqvist\n\n"
        "MR. HALVORSEN: Thank you for coming.\n"
        "LINDQVIST: It is a pleasure.\n"
        "Q: Any news on the budget?\n"
        "SPEAKER OF THE HOUSE: Order."
    )
    doc = _doc(model, text)
    people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert {"HALVORSEN", "LINDQVIST"} <= people
    assert not any(e.text in ("MR", "MR.", "Q") for e in doc.ents)


def _ents(pipeline, text):
    return {(e.text, e.label_, e._.country) for e in _doc(pipeline, text).ents}


def test_nationality_words_taken_for_a_person_are_a_group(model):
    ents = _ents(model, "Bosnian Croats demanded a ceasefire.")
    assert ("Bosnian Croats", "NORP", "BIH") in ents


def test_capitalised_adjective_does_not_make_a_nationality_an_organisation(model):
    ents = _ents(model, "Angry Italian truckers blocked the motorway.")
    assert ("Italian", "NORP", "ITA") in ents
    assert not any(label == "ORG" for _t, label, _c in ents)


def test_name_followed_by_its_known_acronym_is_that_organisation(model):
    ents = _ents(model, "Medecins Sans Frontieres (MSF) opened a clinic.")
    assert ("Medecins Sans Frontieres", "ORG", "MSF") in ents
    ents = _ents(model, "Maria Lopez Alvarez (MLA) opened a clinic.")  # not a known acronym: untouched
    assert not any(c == "MSF" for _t, _l, c in ents)


def test_body_and_its_members_are_one_name(model):
    ents = _ents(model, "Senate Democrats rejected the budget.")
    assert any(t == "Senate Democrats" and label == "ORG" for t, label, _c in ents)


def test_transcript_notes_in_parentheses_are_not_names(model):
    ents = _ents(model, "MS. OKAFOR: We are done here. (Applause.) Any questions? (Reuters) The UNHCR (UNHCR) agreed.")
    assert not any(t == "Applause" for t, _l, _c in ents)
    assert any(t == "Reuters" for t, _l, _c in ents)


def test_a_known_city_after_a_place_preposition_is_the_city(model):
    ents = _ents(model, "The envoy arrived in Kyiv on Monday.")
    assert ("Kyiv", "GPE", "UKR") in ents


def test_names_ending_in_a_facility_word_are_places(model):
    doc = _doc(model, "The final was played at Dinamo Stadium in front of 40,000 fans.")
    assert all(e.label_ != "PERSON" for e in doc.ents if "Stadium" in e.text)


def test_overlong_words_are_parsed_in_pieces():
    text = "Title\n\n" + "¥" * 1000 + " tail"
    pieces = pl.split_lines(text)
    assert "".join(pieces) == text
    assert max(len(p.strip()) for p in pieces) <= pl.MAX_WORD_CHARS + len(" tail")
