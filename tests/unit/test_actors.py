"""Actor merging, roles and countries, on sentences written for these tests (real model)."""

from __future__ import annotations

import pytest

from newsreader.analysis.actors import fold, name_parts, slug

pytestmark = pytest.mark.model


@pytest.fixture
def analyse(analyse_events):
    return analyse_events


def person(actors, surname):
    found = [a for a in actors if a.kind == "person" and surname in a.name]
    assert len(found) == 1, [a.name for a in actors]
    return found[0]


@pytest.mark.model
def test_mentions_of_one_person_merge(analyse):
    text = (
        "Kenyan President William Ruto arrived in Accra on Monday. Ruto met traders. "
        "Later, President Ruto praised the port."
    )
    actors, _ = analyse(text)
    ruto = person(actors, "Ruto")
    assert ruto.name == "William Ruto"
    assert ruto.role == "President"
    assert ruto.country == "KEN"
    assert len(ruto.mentions) == 3
    assert all(text[s:e].endswith("Ruto") for s, e in ruto.mentions)


def test_chinese_order_name_merges_by_either_part(analyse):
    actors, _ = analyse("Chinese Premier Li Qiang met the delegation. Premier Qiang later praised the talks.")
    li = person(actors, "Qiang")
    assert li.name == "Li Qiang" and li.country == "CHN" and len(li.mentions) == 2


def test_possessive_gives_country(analyse):
    actors, _ = analyse("Norway's Foreign Minister Anniken Huitfeldt criticised the decision.")
    a = person(actors, "Huitfeldt")
    assert a.country == "NOR"
    assert a.role and "Minister" in a.role


def test_apposition_gives_country_and_role(analyse):
    actors, _ = analyse("Mette Frederiksen, the Danish prime minister, welcomed the agreement.")
    a = person(actors, "Frederiksen")
    assert a.country == "DNK"
    assert a.role and "prime minister" in a.role.lower()


def test_organisation_a_person_heads_gives_its_code(analyse):
    actors, _ = analyse("NATO Secretary General Mark Rutte visited the base in Poland.")
    assert person(actors, "Rutte").country == "NATO"


def test_residence_is_not_nationality(analyse):
    actors, _ = analyse("Former Egyptian minister Ahmed Farouk, who lives in London, criticised the verdict.")
    assert person(actors, "Farouk").country == "EGY"


def test_role_drops_the_nationality_word(analyse):
    actors, _ = analyse("Former Kenyan government minister Amina Odhiambo denounced the ruling.")
    a = person(actors, "Odhiambo")
    assert a.country == "KEN"
    assert a.role and "Kenyan" not in a.role and "minister" in a.role.lower()


def test_news_sources_are_flagged(analyse):
    actors, reactions = analyse("Poland condemned the attack, Reuters reported.")
    reuters = next(a for a in actors if a.name == "Reuters")
    assert reuters.is_source and reuters.kind == "organization"
    assert {r.country for r in reactions} == {"POL"}


def test_country_actor_is_one_per_state(analyse):
    actors, _ = analyse("Sweden protested. Sweden then recalled its ambassador.")
    swedes = [a for a in actors if a.kind == "country"]
    assert len(swedes) == 1 and swedes[0].country == "SWE" and len(swedes[0].mentions) == 2


def test_nationality_used_as_subject_is_a_group_with_country(analyse):
    _, reactions = analyse("Hungarian officials rejected the plan.")
    r = next(r for r in reactions if r.category == "REJECT")
    assert r.country == "HUN"
    assert "officials" in r.actor_name


def test_ids_are_stable_slugs(analyse):
    a1, _ = analyse("Kenyan President William Ruto spoke.")
    a2, _ = analyse("Kenyan President William Ruto spoke.")
    assert [a.id for a in a1] == [a.id for a in a2]
    assert person(a1, "Ruto").id == "person-william-ruto"


def test_name_helpers():
    assert slug("Kassym-Jomart Tokayev") == "kassym-jomart-tokayev"
    assert fold("Médecins\u2019") == "medecins'"
    assert set(name_parts("Kassym-Jomart Tokayev")) >= {"kassym-jomart", "kassym", "jomart", "tokayev"}


def test_surname_tagged_as_organisation_is_still_the_person(analyse):
    actors, _ = analyse("US Defense Secretary Robert Gates visited Kabul. Gates said the plan was working.")
    gates = [a for a in actors if "Gates" in a.name]
    assert len(gates) == 1 and gates[0].kind == "person" and gates[0].country == "USA"


def test_a_bodys_members_take_the_bodys_country():
    from newsreader.analysis.actors import institution_country

    assert institution_country("Republicans") == "USA"
    assert institution_country("Senate Republicans") == "USA"
    assert institution_country("Village Council") is None
    # a body whose name only ends like a national institution is another body
    assert institution_country("Indian National Congress") is None
    assert institution_country("National Democratic Congress") is None
    assert institution_country("Philippine Senate") is None


def test_office_holders_are_found_under_other_spellings():
    from newsreader.analysis import knowledge

    assert knowledge.lookup("Volodymyr Zelenskyy")[0].country == "UKR"
    assert knowledge.lookup("Volodymyr Zelensky")[0].country == "UKR"
    assert knowledge.lookup("Kim Jong-un")[0].country == knowledge.lookup("Kim Jong Un")[0].country == "PRK"
