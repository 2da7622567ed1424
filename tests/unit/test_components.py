"""The project's spaCy components on a blank English pipeline (fast, no statistical model).

Model output is simulated by setting ``doc.ents`` by hand, then running one component on it.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Span  # noqa: E402

import newsreader.analysis.components  # noqa: E402,F401  (registers factories)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    for name in ("newsreader_names", "newsreader_gazetteer", "newsreader_titles"):
        nlp.add_pipe(name)
    return nlp


def doc_with(nlp, text: str, ents: list[tuple[str, str]]):
    """A doc whose entities are the given (surface text, label) pairs, found left to right."""
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        pos = start + len(surface)
    doc.ents = spans
    return doc


def run(nlp, name, doc):
    return nlp.get_pipe(name)(doc)


def ents(doc):
    return [(e.text, e.label_, e._.country) for e in doc.ents]


# -- gazetteer ruler ------------------------------------------------------------------------


def test_nationality_word_tagged_org_becomes_norp_with_country(nlp):
    doc = run(nlp, "newsreader_gazetteer", doc_with(nlp, "Kazakh officials reported deaths.", [("Kazakh", "ORG")]))
    assert ents(doc) == [("Kazakh", "NORP", "KAZ")]
    assert doc.ents[0]._.kind == "group"


def test_org_span_with_nationality_and_common_noun_keeps_only_the_nationality(nlp):
    doc = run(nlp, "newsreader_gazetteer", doc_with(nlp, "Kazakh officials said so.", [("Kazakh officials", "ORG")]))
    assert ents(doc) == [("Kazakh", "NORP", "KAZ")]


def test_international_organisations_get_their_codes(nlp):
    text = "The European Commission and the Collective Security Treaty Organization (CSTO) met the EU."
    doc = doc_with(
        nlp,
        text,
        [
            ("European Commission", "ORG"),
            ("the Collective Security Treaty Organization", "ORG"),
            ("CSTO", "ORG"),
            ("EU", "GPE"),
        ],
    )
    doc = run(nlp, "newsreader_gazetteer", doc)
    assert ents(doc) == [
        ("European Commission", "ORG", "EU"),
        ("the Collective Security Treaty Organization", "ORG", "CSTO"),
        ("CSTO", "ORG", "CSTO"),
        ("EU", "ORG", "EU"),
    ]


def test_cities_are_places_of_their_country(nlp):
    doc = run(
        nlp, "newsreader_gazetteer", doc_with(nlp, "From Almaty to Paris.", [("Almaty", "GPE"), ("Paris", "GPE")])
    )
    assert ents(doc) == [("Almaty", "GPE", "KAZ"), ("Paris", "GPE", "FRA")]
    assert {e._.kind for e in doc.ents} == {"place"}


def test_country_tagged_org_becomes_gpe(nlp):
    doc = run(nlp, "newsreader_gazetteer", doc_with(nlp, "Russia said no.", [("Russia", "ORG")]))
    assert ents(doc) == [("Russia", "GPE", "RUS")]


def test_missed_names_are_added_case_sensitively(nlp):
    doc = run(nlp, "newsreader_gazetteer", doc_with(nlp, "The US told us that Kazakhs in Britain left.", []))
    assert ents(doc) == [("US", "GPE", "USA"), ("Kazakhs", "NORP", "KAZ"), ("Britain", "GPE", "GBR")]


def test_acronyms_in_shouted_text_are_words(nlp):
    doc = run(nlp, "newsreader_gazetteer", doc_with(nlp, "WHO IS TO BLAME? TELL US NOW. The WHO and the US agree.", []))
    assert ents(doc) == [("WHO", "ORG", "WHO"), ("US", "GPE", "USA")]


def test_ambiguous_person_names_stay_people_and_are_not_added(nlp):
    doc = doc_with(nlp, "Jordan scored while Georgia watched.", [("Jordan", "PERSON")])
    doc = run(nlp, "newsreader_gazetteer", doc)
    assert ents(doc) == [("Jordan", "PERSON", None)]


def test_city_names_never_take_over_people_or_companies(nlp):
    doc = doc_with(
        nlp, "Vladimir met Toyota in Almaty.", [("Vladimir", "PERSON"), ("Toyota", "ORG"), ("Almaty", "PERSON")]
    )
    doc = run(nlp, "newsreader_gazetteer", doc)
    assert ents(doc) == [("Vladimir", "PERSON", None), ("Toyota", "ORG", None), ("Almaty", "PERSON", None)]


def test_untagged_cities_are_added_only_without_a_model():
    blank = spacy.blank("en")
    blank.add_pipe("newsreader_gazetteer", config={"add_places": False})
    doc = blank("Troops reached Almaty from Russia.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Russia", "GPE")]


def test_news_sources_are_marked_and_get_no_country(nlp):
    doc = run(
        nlp, "newsreader_gazetteer", doc_with(nlp, "Reuters and Al-Jazeera reported it.", [("Reuters", "PERSON")])
    )
    assert [(e.text, e.label_, e._.kind, e._.country) for e in doc.ents] == [
        ("Reuters", "ORG", "source", None),
        ("Al-Jazeera", "ORG", "source", None),
    ]


def test_unknown_org_with_a_country_prefix_gets_that_country(nlp):
    doc = run(
        nlp,
        "newsreader_gazetteer",
        doc_with(nlp, "The Russian Defence Ministry said.", [("Russian Defence Ministry", "ORG")]),
    )
    assert ents(doc) == [("Russian Defence Ministry", "ORG", "RUS")]


def test_numbers_and_dates_are_never_relabelled(nlp):
    doc = run(
        nlp, "newsreader_gazetteer", doc_with(nlp, "On Friday 70 died.", [("Friday", "DATE"), ("70", "CARDINAL")])
    )
    assert ents(doc) == [("Friday", "DATE", None), ("70", "CARDINAL", None)]


# -- person names ---------------------------------------------------------------------------


def test_name_split_at_particles_is_merged(nlp):
    text = "Chief Ursula von der Leyen spoke."
    doc = run(nlp, "newsreader_names", doc_with(nlp, text, [("Ursula von der", "PERSON"), ("Leyen", "GPE")]))
    assert ents(doc) == [("Ursula von der Leyen", "PERSON", None)]


def test_particles_after_a_person_span_are_followed(nlp):
    doc = run(nlp, "newsreader_names", doc_with(nlp, "President Bashar al-Assad spoke.", [("Bashar", "PERSON")]))
    assert ents(doc) == [("Bashar al-Assad", "PERSON", None)]


def test_particles_before_a_person_span_are_followed(nlp):
    doc = run(nlp, "newsreader_names", doc_with(nlp, "Ursula von der Leyen spoke.", [("Leyen", "PERSON")]))
    assert ents(doc) == [("Ursula von der Leyen", "PERSON", None)]


def test_hyphenated_given_name_is_joined(nlp):
    doc = run(nlp, "newsreader_names", doc_with(nlp, "Kassym-Jomart Tokayev spoke.", [("Jomart Tokayev", "PERSON")]))
    assert ents(doc) == [("Kassym-Jomart Tokayev", "PERSON", None)]


def test_adjacent_person_fragments_merge_but_listed_people_do_not(nlp):
    doc = run(
        nlp,
        "newsreader_names",
        doc_with(
            nlp,
            "Emmanuel Macron and Xi Jinping met.",
            [("Emmanuel", "PERSON"), ("Macron", "PERSON"), ("Xi Jinping", "PERSON")],
        ),
    )
    assert ents(doc) == [("Emmanuel Macron", "PERSON", None), ("Xi Jinping", "PERSON", None)]


def test_lower_case_words_after_a_name_are_not_swallowed(nlp):
    doc = run(nlp, "newsreader_names", doc_with(nlp, "Tokayev de facto ruled.", [("Tokayev", "PERSON")]))
    assert ents(doc) == [("Tokayev", "PERSON", None)]


def test_urls_are_not_names(nlp):
    text = "See https://en.wikinews.org/wiki/Peres and Shimon Peres."
    doc = doc_with(nlp, text, [("https://en.wikinews.org/wiki/Peres", "PERSON"), ("Shimon Peres", "PERSON")])
    doc = run(nlp, "newsreader_names", doc)
    assert ents(doc) == [("Shimon Peres", "PERSON", None)]


def test_markup_scraps_are_not_names(nlp):
    text = 'Then Kane%20Thompson">K and K Thompson left.'
    doc = doc_with(nlp, text, [('Kane%20Thompson">K', "PERSON"), ("K Thompson", "PERSON")])
    doc = run(nlp, "newsreader_names", doc)
    assert ents(doc) == [("K Thompson", "PERSON", None)]


# -- titles ---------------------------------------------------------------------------------


def test_title_inside_person_span_is_stripped_and_recorded(nlp):
    doc = run(nlp, "newsreader_titles", doc_with(nlp, "President Tokayev spoke.", [("President Tokayev", "PERSON")]))
    assert ents(doc) == [("Tokayev", "PERSON", None)]
    assert doc.ents[0]._.title == "President"
    assert doc.ents[0]._.title_span == (0, 9)


def test_role_includes_the_organisation_or_nationality_before_the_title(nlp):
    text = "European Commission Chief Ursula von der Leyen and French President Emmanuel Macron called."
    doc = doc_with(
        nlp,
        text,
        [
            ("European Commission", "ORG"),
            ("Ursula von der Leyen", "PERSON"),
            ("French", "NORP"),
            ("Emmanuel Macron", "PERSON"),
        ],
    )
    doc = run(nlp, "newsreader_titles", doc)
    people = {e.text: e._.title for e in doc.ents if e.label_ == "PERSON"}
    assert people == {"Ursula von der Leyen": "European Commission Chief", "Emmanuel Macron": "French President"}


def test_role_includes_modifiers(nlp):
    text = "Meanwhile, former Kazakh government minister Mukhtar Ablyazov spoke."
    doc = run(nlp, "newsreader_titles", doc_with(nlp, text, [("Kazakh", "NORP"), ("Mukhtar Ablyazov", "PERSON")]))
    assert doc.ents[1]._.title == "former Kazakh government minister"


def test_name_after_a_capitalised_title_becomes_a_person(nlp):
    doc = run(nlp, "newsreader_titles", doc_with(nlp, "Later President Jinping said it.", []))
    assert ents(doc) == [("Jinping", "PERSON", None)]
    assert doc.ents[0]._.title == "President"


def test_new_person_after_a_title_takes_the_whole_name(nlp):
    doc = run(
        nlp,
        "newsreader_titles",
        doc_with(nlp, "Then President Kassym-Jomart Tokayev and Chief Ursula von der Leyen spoke.", []),
    )
    assert ents(doc) == [("Kassym-Jomart Tokayev", "PERSON", None), ("Ursula von der Leyen", "PERSON", None)]


def test_lower_case_title_or_known_place_does_not_make_a_person(nlp):
    doc = run(nlp, "newsreader_titles", doc_with(nlp, "The president Said. Minister Russia left.", []))
    assert ents(doc) == []


def test_person_without_title_has_none(nlp):
    doc = run(
        nlp, "newsreader_titles", doc_with(nlp, "Then Nursultan Nazarbayev left.", [("Nursultan Nazarbayev", "PERSON")])
    )
    assert doc.ents[0]._.title is None


# -- number patterns (rule-only) ------------------------------------------------------------


@pytest.fixture(scope="module")
def numbers_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsreader_numbers")
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said 3,000 were arrested.", [("3,000", "CARDINAL")]),
        ("It cost $50 billion in all.", [("$50 billion", "MONEY")]),
        ("Turnout was 69.52% this time.", [("69.52%", "PERCENT")]),
        ("Up 3 per cent on the year.", [("3 per cent", "PERCENT")]),
        ("He paid 20,000 dollars.", [("20,000 dollars", "MONEY")]),
        ("It began in 2021 with 1.2 million people.", [("2021", "DATE"), ("1.2 million", "CARDINAL")]),
        ("On Friday at 10:30 they met.", [("Friday", "DATE"), ("10:30", "TIME")]),
        ("On January 5, 2022 it ended.", [("January 5, 2022", "DATE")]),
        ("She came 3rd out of twenty-five.", [("3rd", "ORDINAL"), ("twenty-five", "CARDINAL")]),
        ("They may march on.", []),
    ],
)
def test_number_patterns(numbers_nlp, text, expected):
    doc = numbers_nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_number_patterns_keep_existing_entities(numbers_nlp):
    doc = numbers_nlp.make_doc("About 70 people.")
    doc.ents = [Span(doc, 0, 2, label="CARDINAL")]
    doc = numbers_nlp.get_pipe("newsreader_numbers")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("About 70", "CARDINAL")]
