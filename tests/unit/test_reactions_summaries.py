"""Panel summaries of reactions: clean phrases from the parse, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsreader.analysis import summaries

pytestmark = pytest.mark.model


@pytest.fixture
def analyse(analyse_events):
    """Only the reactions: summaries are what these tests read."""
    return lambda text: analyse_events(text)[1]


def one(reactions, category):
    found = [r for r in reactions if r.category == category]
    assert found, [(r.category, r.summary) for r in reactions]
    return found[0]


def test_cut_ends_on_a_word_that_finishes_the_phrase():
    text = "demanded the immediate release of all the journalists held in the capital since March"
    out = summaries.cut(text, 40)
    assert out.endswith("…") and len(out) <= 40
    assert out[:-1].split()[-1] not in summaries.DANGLING


def test_summary_keeps_determiners(analyse):
    r = one(analyse("Sweden called for an end to the blockade."), "REQUEST")
    assert r.summary == "called for an end to the blockade"


def test_long_summary_drops_whole_constituents(analyse):
    r = one(
        analyse("Argentina praised President Ruiz's plan to reform the courts and cut red tape in the provinces."),
        "SUPPORT",
    )
    assert r.summary.startswith("praised President Ruiz's plan to reform the courts")
    assert len(r.summary) <= summaries.LIMIT + 16
    assert r.summary.split()[-1] not in summaries.DANGLING


def test_passive_is_written_actively(analyse):
    r = one(analyse("Riot police in Minsk were given orders to disperse the crowd."), "COERCE")
    assert r.summary.startswith("gave orders to disperse the crowd")


def test_agentless_passive_puts_the_patient_after_the_verb(analyse):
    r = one(analyse("Two hundred students were arrested in Minsk on Sunday."), "COERCE")
    assert r.summary.startswith("arrested two hundred students")
    assert r.actor_name == "Belarusian authorities"


def test_pronoun_patient_takes_the_object_form(analyse):
    r = one(analyse("She was detained at the airport in Minsk."), "COERCE")
    assert r.summary.startswith("detained her")


def test_negation_uses_the_base_form(analyse):
    r = one(analyse("Spain has not condemned the coup."), "ACCUSE")
    assert r.negated and r.summary == "did not condemn the coup"


def test_refusal_keeps_its_modal(analyse):
    r = one(analyse("Peru would not accept the proposal."), "REJECT")
    assert r.summary == "would not accept the proposal"


def test_unnamed_actor_is_never_blank(analyse):
    for r in analyse("Heavy fighting broke out near Goma. Dozens were killed in Goma on Monday."):
        assert r.actor_name


def test_event_noun_reads_as_a_phrase(analyse):
    r = one(analyse("Clashes between students and riot police erupted in Dhaka."), "ASSAULT")
    assert r.summary.startswith("clashes between students and riot police")


def test_meeting_partner_met_with_the_subject(analyse):
    reactions = analyse("Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima.")
    other = [r for r in reactions if r.category == "CONSULT" and r.country == "PER"]
    assert other and other[0].summary == "met with Gabriel Boric"


def test_passive_particle_goes_after_a_pronoun(analyse):
    reactions = analyse("They were thrown out of the country by Hungarian police.")
    assert reactions and reactions[0].summary.startswith("threw them out")


def test_modal_chain_is_kept(analyse):
    r = one(analyse("Kenya will withdraw its troops from Somalia."), "AGREE")
    assert r.summary.startswith("will withdraw its troops")


def test_quoted_demand_before_the_speaker_reads_in_order(analyse):
    r = one(analyse('"The junta must free the prisoners," Ghana said.'), "REQUEST")
    assert r.summary == "said the junta must free the prisoners"


def test_pronoun_like_patient_is_kept(analyse):
    r = one(analyse("One was beheaded in Kabul on Friday."), "ASSAULT")
    assert r.summary.startswith("beheaded one")


def test_relative_clause_is_not_part_of_the_summary(analyse):
    r = one(
        analyse("Brazilian minister Pedro Alves met Senator Maria Santos, who had told him she would resign."),
        "CONSULT",
    )
    assert r.summary == "met Senator Maria Santos"


def test_pronoun_in_a_relative_clause_is_the_clause_subject(analyse):
    reactions = analyse(
        "Brazilian minister Pedro Alves met Senator Maria Santos, who had told Alves she would support the reform."
    )
    support = [r for r in reactions if r.category == "SUPPORT"]
    assert support and support[0].actor_name == "Maria Santos"


def test_when_phrases_in_the_middle_do_not_cut_the_summary(analyse):
    r = one(analyse("About 200 ethnic Hungarians demonstrated on Tuesday in Slovakia."), "PROTEST")
    assert r.summary == "demonstrated in Slovakia"
    assert r.actor_name == "ethnic Hungarians"


def test_an_object_pronoun_at_the_end_stays(analyse):
    r = one(analyse("Belarusian police detained her."), "COERCE")
    assert r.summary == "detained her"


def test_a_list_the_parse_broke_off_is_left_out():
    import spacy
    from spacy.tokens import Doc

    words = ["lauds", "measures", "as", "Germany", ",", "EU", "condemn", "violence"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[0, 0, 1, 2, 7, 6, 7, 0],
        deps=["ROOT", "dobj", "prep", "pobj", "punct", "compound", "compound", "npadvmod"],
        pos=["VERB", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "NOUN", "NOUN"],
    )
    assert summaries._without_broken_list(doc, {0, 1, 2, 3}) == {0, 1}
    # a list the summary keeps whole stays
    assert summaries._without_broken_list(doc, {0, 1, 2, 3, 4, 5}) == {0, 1, 2, 3, 4, 5}
