"""Reaction extraction, one construction per test, on sentences written for these tests.

These need the dependency parser, so they run the real English model (loaded once per session).
"""

from __future__ import annotations

import pytest

from newsreader.model.analysis import Reaction
from newsreader.model.vocabulary import PLOVER_CATEGORIES

pytestmark = pytest.mark.model


@pytest.fixture
def analyse(analyse_events):
    return analyse_events


def pairs(reactions: list[Reaction]) -> set[tuple[str | None, str]]:
    return {(r.country, r.category) for r in reactions if not r.negated}


def test_plain_verb_gives_category_actor_and_target(analyse):
    _actors, reactions = analyse("Norway condemned the missile test on Tuesday.")
    assert pairs(reactions) == {("NOR", "ACCUSE")}
    r = reactions[0]
    assert r.trigger == "condemned"
    assert r.target and "missile test" in r.target
    assert r.actor_name == "Norway"
    assert "condemned" in r.summary and "missile test" in r.summary


def test_coordinated_subjects_each_react(analyse):
    _, reactions = analyse("Norway and Finland condemned the missile test.")
    assert pairs(reactions) == {("NOR", "ACCUSE"), ("FIN", "ACCUSE")}


def test_passive_with_agent_credits_the_agent(analyse):
    _, reactions = analyse("Dozens of students were detained by Egyptian police on Monday.")
    assert ("EGY", "COERCE") in pairs(reactions)
    r = next(r for r in reactions if r.category == "COERCE")
    assert "police" in r.actor_name.lower()


def test_passive_without_agent_goes_to_the_country_where_it_happened(analyse):
    _, reactions = analyse("More than 200 people were arrested in Chile after the march.")
    coerce = [r for r in reactions if r.category == "COERCE"]
    assert coerce and coerce[0].country == "CHL"
    assert coerce[0].actor == ""


def test_negated_reaction_is_kept_but_marked(analyse):
    _, reactions = analyse("Brazil did not condemn the coup.")
    assert [(r.country, r.category, r.negated) for r in reactions] == [("BRA", "ACCUSE", True)]


def test_refusing_to_accept_is_a_rejection(analyse):
    _, reactions = analyse("Peru would not accept the proposal from its neighbours.")
    assert ("PER", "REJECT") in pairs(reactions)


def test_pronoun_subject_is_the_last_person(analyse):
    actors, reactions = analyse(
        "Chilean President Gabriel Boric visited Lima on Monday. He praised the new trade deal."
    )
    support = [r for r in reactions if r.category == "SUPPORT"]
    assert support and support[0].country == "CHL"
    boric = next(a for a in actors if a.name == "Gabriel Boric")
    assert support[0].actor == boric.id


def test_reported_speech_credits_the_reported_actor(analyse):
    _, reactions = analyse("Officials said that Turkey condemned the attack.")
    assert ("TUR", "ACCUSE") in pairs(reactions)


def test_plain_saying_is_not_a_reaction(analyse):
    _, reactions = analyse("Greece said the talks were long and tiring.")
    assert reactions == []


def test_according_to_names_a_source_not_an_actor(analyse):
    actors, reactions = analyse("According to Reuters, Portugal welcomed the plan.")
    assert pairs(reactions) == {("PRT", "SUPPORT")}
    reuters = [a for a in actors if a.name == "Reuters"]
    assert reuters and reuters[0].is_source and reuters[0].kind == "organization"
    assert all(r.actor != reuters[0].id for r in reactions)


def test_hedged_reaction_is_kept_and_marked(analyse):
    _, reactions = analyse("Syria reportedly attacked the border post.")
    assert [(r.country, r.category, r.hedged) for r in reactions] == [("SYR", "ASSAULT", True)]


def test_light_verb_call_for(analyse):
    _, reactions = analyse("Sweden called for an end to the fighting.")
    r = next(r for r in reactions if r.country == "SWE")
    assert r.category == "REQUEST"
    assert r.trigger == "called for"
    assert "end to the fighting" in r.summary


def test_light_verb_impose_sanctions(analyse):
    _, reactions = analyse("Canada imposed sanctions on the regime last week.")
    assert ("CAN", "SANCTION") in pairs(reactions)


def test_order_to_use_force_is_coercion(analyse):
    _, reactions = analyse("The Bolivian general ordered the troops to fire on the crowd.")
    assert ("BOL", "COERCE") in pairs(reactions)
    assert ("BOL", "ASSAULT") not in pairs(reactions)


def test_noun_event_belongs_to_its_country(analyse):
    _, reactions = analyse("The protests in Peru began after the disputed vote.")
    assert ("PER", "PROTEST") in pairs(reactions)


def test_infinitive_under_a_reaction_is_not_counted_twice(analyse):
    _, reactions = analyse("Japan agreed to send medical teams to the region.")
    assert pairs(reactions) == {("JPN", "AGREE")}


def test_international_organisation_acts_as_itself(analyse):
    _, reactions = analyse("NATO deployed additional jets to Lithuania.")
    assert ("NATO", "MOBILIZE") in pairs(reactions)


def test_questions_and_conditions_are_not_acts(analyse):
    _, reactions = analyse("Will Spain condemn the vote? If Italy attacks the port, nobody knows.")
    assert pairs(reactions) == set()


def test_categories_are_plover(analyse):
    _, reactions = analyse(
        "Ghana praised the deal. Togo rejected it. Benin threatened to close the border. Mali arrested two journalists."
    )
    assert reactions and all(r.category in PLOVER_CATEGORIES for r in reactions)
    assert {r.country for r in reactions} >= {"GHA", "TGO", "BEN", "MLI"}


def test_offsets_are_absolute_across_paragraphs(analyse):
    text = "A first paragraph about nothing in particular.\n\nEstonia denounced the blockade."
    _, reactions = analyse(text)
    r = next(r for r in reactions if r.country == "EST")
    assert text[r.sentence[0] : r.sentence[1]] == "Estonia denounced the blockade."
    assert text[r.trigger_span[0] : r.trigger_span[1]] == "denounced"


def test_no_reactions_without_a_parser():
    """A rule-only pipeline has no dependencies: actors may appear, reactions never crash."""
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.events.extractor import extract_actors_and_reactions
    from newsreader.analysis.pipeline import Pipeline, build_rule_only, parse

    pipeline = Pipeline(nlp=build_rule_only(), name="rule-only", rule_only=True)
    chunks = parse(pipeline, "Norway condemned the test.")
    _actors, reactions = extract_actors_and_reactions(chunks, extract_entities(chunks))
    assert reactions == []


def test_future_harm_is_a_threat(analyse):
    _, reactions = analyse("Radical Dutch fishermen said they would blockade the harbour on Monday.")
    assert ("NLD", "THREATEN") in pairs(reactions)
    assert ("NLD", "COERCE") not in pairs(reactions)


def test_conditional_withdrawal_is_a_threat(analyse):
    _, reactions = analyse("Kenya will withdraw its troops from Somalia unless the talks resume.")
    assert ("KEN", "THREATEN") in pairs(reactions)


def test_conditional_meeting_is_an_offer(analyse):
    _, reactions = analyse("Cuban officials said they would meet the envoy if he dropped his conditions.")
    assert pairs(reactions) == {("CUB", "AGREE")}


def test_pronoun_in_reported_speech_is_the_speaker(analyse):
    _, reactions = analyse("Algeria says it will not accept any new tariffs.")
    assert ("DZA", "REJECT") in pairs(reactions)


def test_first_person_in_a_quote_is_the_quoted_speaker(analyse):
    _actors, reactions = analyse(
        '"The situation is grave," Uruguayan President Luis Lacalle said. "I urge both sides to talk."'
    )
    request = [r for r in reactions if r.category == "REQUEST"]
    assert request and request[0].country == "URY"


def test_capital_city_acting_stands_for_its_state(analyse):
    _, reactions = analyse("Canberra rejected the proposal on Friday.")
    assert ("AUS", "REJECT") in pairs(reactions)


def test_demand_in_reported_speech_is_a_request_by_the_speaker(analyse):
    _, reactions = analyse("Romania said on Monday that Moldova must release the detained journalists.")
    assert ("ROU", "REQUEST") in pairs(reactions)
    assert ("MDA", "RETREAT") not in pairs(reactions)


def test_description_clauses_are_not_acts(analyse):
    _, reactions = analyse("The bridge, which was damaged in the flood last year, reopened on Monday.")
    assert reactions == []


def test_agentless_verbal_passive_invents_no_actor(analyse):
    _, reactions = analyse("Many votes were rejected in Chile.")
    assert reactions == []


def test_sports_reports_are_not_wars(analyse):
    text = (
        "Brazil beat Chile 3-1 in the quarter-final of the tournament. The striker scored a late goal "
        "after a penalty, and the coach praised the squad. Chile attacked in the second half."
    )
    _, reactions = analyse(text)
    assert all(r.category not in ("ASSAULT", "COERCE") for r in reactions)


def test_offsets_are_absolute_across_chunks():
    """Long texts are parsed in pieces; every span still indexes the whole text."""
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.events.extractor import extract_actors_and_reactions
    from newsreader.analysis.pipeline import load_pipeline, parse

    pipeline = load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")
    text = (
        "Nothing happened in the first paragraph at all.\n\n"
        "Estonia denounced the blockade on Monday.\n\n"
        "Later, Latvia called for calm in the region."
    )
    chunks = parse(pipeline, text, chunk_chars=60)
    assert len(chunks) > 1
    actors, reactions = extract_actors_and_reactions(chunks, extract_entities(chunks))
    found = {r.country: r for r in reactions}
    assert set(found) >= {"EST", "LVA"}
    assert text[slice(*found["LVA"].trigger_span)] == "called for"
    assert text[slice(*found["LVA"].sentence)] == "Later, Latvia called for calm in the region."
    for a in actors:
        for s, e in a.mentions:
            assert text[s:e].strip() and 0 <= s < e <= len(text)


def test_coordinated_nationalities_each_react(analyse):
    _, reactions = analyse("Senior Polish and Czech officials agreed on a new border crossing.")
    assert {("POL", "AGREE"), ("CZE", "AGREE")} <= pairs(reactions)


def test_headline_participle_is_passive(analyse):
    _, reactions = analyse("Dutch minister rescued from angry crowd")
    assert all(r.country != "NLD" or r.category != "AID" for r in reactions)


def test_where_people_work_is_not_where_they_act(analyse):
    _, reactions = analyse("American engineers based in Iraq testified to widespread fraud by the contractor.")
    assert ("USA", "ACCUSE") in pairs(reactions)
    assert ("IRQ", "ACCUSE") not in pairs(reactions)


def test_be_adjective_reactions(analyse):
    _, reactions = analyse("Hungary is opposed to the new quota. Slovakia is ready to send engineers.")
    assert {("HUN", "REJECT"), ("SVK", "AGREE")} <= pairs(reactions)


def test_party_members_act_for_their_country(analyse):
    actors, reactions = analyse("Democrats rejected the spending plan on Tuesday.")
    assert ("USA", "REJECT") in pairs(reactions)
    assert any(a.name == "Democrats" and a.country == "USA" for a in actors)


def test_a_headline_name_takes_the_organisation_its_acronym_names_later(analyse):
    actors, _ = analyse(
        "Medecins Sans Frontieres leaves Chad\n\nMedecins Sans Frontieres (MSF) has closed its clinics in Chad."
    )
    msf = [a for a in actors if a.name.startswith("Medecins")]
    assert len(msf) == 1 and msf[0].country == "MSF"


def test_nationality_leading_a_place_places_its_inhabitants(analyse):
    _, reactions = analyse("Residents of the Moroccan Atlas Mountains demanded new roads.")
    assert ("MAR", "REQUEST") in pairs(reactions)


def test_nationality_in_a_non_title_apposition_places_the_person(analyse):
    actors, _ = analyse("Police questioned the Peruvian student, Lucia Quispe, in Madrid.")
    lucia = next(a for a in actors if a.name == "Lucia Quispe")
    assert lucia.country == "PER"


def test_what_would_have_happened_did_not_happen(analyse):
    _, reactions = analyse("Norway would have attended the summit in Oslo.")
    assert pairs(reactions) == set()


def test_ethnic_group_is_placed_where_it_lives(analyse):
    _, reactions = analyse("The Kurds of northern Syria are demanding self-rule.")
    assert ("SYR", "REQUEST") in pairs(reactions)


def test_announced_sanction_is_a_sanction_not_a_threat(analyse):
    _, reactions = analyse(
        "Canada announced on Friday it would ban all arms sales to the junta and would freeze its assets."
    )
    assert ("CAN", "SANCTION") in pairs(reactions)
    assert ("CAN", "THREATEN") not in pairs(reactions)


def test_an_attack_as_subject_is_an_unnamed_attacker_where_it_happened(analyse):
    _, reactions = analyse("A car bomb in Mogadishu killed six soldiers on Tuesday.")
    assault = [r for r in reactions if r.category == "ASSAULT"]
    assert assault and assault[0].country == "SOM" and assault[0].actor == ""
    _, reactions = analyse("An earthquake in Lima killed six people on Tuesday.")
    assert not [r for r in reactions if r.category == "ASSAULT"]


def test_apposition_role_stops_where_the_quote_starts(analyse):
    actors, _ = analyse('Carlos Romero (ESP), Spain coach "We played well and we deserved the win."')
    marta = next(a for a in actors if a.name == "Carlos Romero")
    assert marta.role == "coach" and marta.country == "ESP"


def test_role_as_head_of_the_apposition_leaves_the_name_out(analyse):
    actors, _ = analyse("The chief of staff, Dana Whitfield, resigned on Monday.")
    dana = next(a for a in actors if a.name == "Dana Whitfield")
    assert dana.role == "chief of staff"


def test_contracted_refusal_is_a_plain_rejection(analyse):
    _, reactions = analyse("Oman proposed a truce, but Yemen wouldn't consider that.")
    yem = [r for r in reactions if r.country == "YEM"]
    assert [(r.category, r.negated) for r in yem] == [("REJECT", False)]
    assert yem[0].summary.startswith("would not consider")


def test_participle_after_an_object_belongs_to_the_object(analyse):
    _, reactions = analyse("Under the deal, Kenyan troops will relieve Ugandan troops withdrawing from the town.")
    assert ("UGA", "RETREAT") in pairs(reactions)
    assert ("KEN", "RETREAT") not in pairs(reactions)


def test_pronoun_takes_the_subject_earlier_in_the_same_sentence(analyse):
    _actors, reactions = analyse(
        "Chilean President Gabriel Boric met Bolivian President Luis Arce. "
        "The result was that Arce made a concession: he agreed to reopen the border."
    )
    agree = [r for r in reactions if r.category == "AGREE"]
    assert agree and all(r.country == "BOL" for r in agree)


def test_a_promised_cooperative_act_is_an_agreement_only(analyse):
    _, reactions = analyse("Japan will provide 5,000 tons of food aid to the refugees.")
    assert pairs(reactions) == {("JPN", "AGREE")}


def test_bare_participle_in_running_text_is_a_past_tense(analyse):
    _, reactions = analyse("Thousands of Kenyans protested in Nairobi on Friday.")
    assert ("KEN", "PROTEST") in pairs(reactions)


def test_headline_participles_are_passives(analyse):
    _, reactions = analyse("Journalist detained by police in Minsk\n\nMinister rescued from angry protesters")
    assert ("BLR", "COERCE") in pairs(reactions)
    assert not [r for r in reactions if r.category == "AID"]  # the minister rescued nobody


def test_ethnic_minority_is_placed_where_it_acts(analyse):
    _, reactions = analyse("About 300 ethnic Hungarians demonstrated in Slovakia on Sunday.")
    assert ("SVK", "PROTEST") in pairs(reactions)


def test_coordinated_participles_under_an_act_are_part_of_it(analyse):
    _, reactions = analyse("Peruvian inmates rioted on Sunday, burning mattresses and smashing windows.")
    assert {r.category for r in reactions} == {"PROTEST"}


def test_nationals_living_abroad_keep_their_nationality(analyse):
    _, reactions = analyse("Americans in Paris protested against the new tax on Sunday.")
    assert ("USA", "PROTEST") in pairs(reactions)


def test_an_air_strike_is_an_attack_and_a_labour_strike_is_not(analyse):
    _, reactions = analyse("An air strike on a market in Kandahar killed nine civilians.")
    assert {r.category for r in reactions} == {"ASSAULT"}
    _, reactions = analyse("A strike in Lagos killed two workers.")
    assert "ASSAULT" not in {r.category for r in reactions}


def test_first_person_in_a_transcript_line_is_the_labelled_speaker(analyse):
    _, reactions = analyse(
        "Remarks by Norwegian Prime Minister Erna Solberg\n\n"
        "MS. SOLBERG: We condemn the attack on the embassy.\n"
        "Q: Will you send troops?"
    )
    assert ("NOR", "ACCUSE") in pairs(reactions)
    assert all(r.actor_name == "Erna Solberg" for r in reactions)
