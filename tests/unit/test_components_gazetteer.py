"""Gazetteer lookups: countries, short forms, demonyms, cities, organisations, news sources."""

from __future__ import annotations

import pytest

from newsreader.analysis.gazetteer import get_gazetteer, normalize, plural_forms


@pytest.fixture(scope="module")
def gz():
    return get_gazetteer()


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Kazakhstan", "KAZ", "country"),
        ("Kazakh", "KAZ", "group"),
        ("Kazakhs", "KAZ", "group"),
        ("French", "FRA", "group"),
        ("Chinese", "CHN", "group"),
        ("American", "USA", "group"),
        ("British", "GBR", "group"),
        ("Almaty", "KAZ", "place"),
        ("Paris", "FRA", "place"),
        ("U.S.", "USA", "country"),
        ("US", "USA", "country"),
        ("America", "USA", "country"),
        ("UK", "GBR", "country"),
        ("Britain", "GBR", "country"),
        ("the Netherlands", "NLD", "country"),
        ("Russia", "RUS", "country"),
        ("South Korea", "KOR", "country"),
        ("Iran", "IRN", "country"),
        ("Syria", "SYR", "country"),
        ("Türkiye", "TUR", "country"),
        ("Turkey", "TUR", "country"),
        ("Ivory Coast", "CIV", "country"),
        ("Republic of Kazakhstan", "KAZ", "country"),
        ("EU", "EU", "organization"),
        ("European Commission", "EU", "organization"),
        ("United Nations", "UN", "organization"),
        ("Security Council", "UN", "organization"),
        ("NATO", "NATO", "organization"),
        ("the Collective Security Treaty Organization", "CSTO", "organization"),
        ("CSTO", "CSTO", "organization"),
        ("Arab League", "ARABLEAGUE", "organization"),
        ("IAEA", "IAEA", "organization"),
        ("the UN’s", "UN", "organization"),
    ],
)
def test_country_and_kind(gz, text, code, kind):
    assert gz.country_of(text) == code
    assert gz.kind_of(text) == kind


@pytest.mark.parametrize("text", ["us", "who", "Tokayev", "", "Reuters", "Al-Jazeera"])
def test_unknown_or_lower_case_or_sources_have_no_country(gz, text):
    assert gz.country_of(text) is None


def test_head_word_gives_the_country_of_a_longer_name(gz):
    assert gz.country_of("Kazakh government") == "KAZ"
    assert gz.country_of("European Commission Chief") == "EU"
    assert gz.country_of("Jordan Peterson") is None  # an ambiguous head word proves nothing


def test_country_names_and_organisation_codes(gz):
    assert gz.country_name("KAZ") == "Kazakhstan"
    assert gz.country_name("EU") == "European Union"
    assert gz.country_name("USA") == "United States"
    assert gz.country_name("XYZ") == "XYZ"
    assert gz.is_organization_code("EU") and gz.is_organization_code("CSTO")
    assert not gz.is_organization_code("KAZ") and not gz.is_organization_code(None)


@pytest.mark.parametrize(
    "text",
    [
        "Reuters",
        "AP",
        "Associated Press",
        "DW",
        "Deutsche Welle",
        "Al-Jazeera",
        "Al Jazeera",
        "BBC",
        "Xinhua",
        "TASS",
        "RIA Novosti",
        "Interfax",
        "state media",
        "Russian media",
        "Chinese state media",
        "a local Kazakh broadcaster",
        "international media reports",
        "The Times",
        "the Washington Post",
    ],
)
def test_news_sources(gz, text):
    assert gz.is_news_source(text)


@pytest.mark.parametrize("text", ["Russia", "Kazakh officials", "European Commission", "Tokayev", "media freedom law"])
def test_not_news_sources(gz, text):
    assert not gz.is_news_source(text)


def test_ambiguous_names(gz):
    assert gz.is_ambiguous("Jordan") and gz.is_ambiguous("Georgia")
    assert not gz.is_ambiguous("Kazakhstan")


def test_normalize_and_plurals():
    assert normalize("the  CSTO’s") == "CSTO"
    assert normalize("U.S.") == "U.S."
    assert plural_forms("Kazakh") == ["Kazakhs"]
    assert plural_forms("French") == []
    assert plural_forms("Englishman") == ["Englishmen"]


def test_get_gazetteer_is_a_singleton(gz):
    assert get_gazetteer() is gz


def test_country_names_are_the_short_forms_news_uses(gz):
    names = {
        code: gz.country_name(code)
        for code in (
            "RUS",
            "IRN",
            "SYR",
            "KOR",
            "BOL",
            "VEN",
            "TZA",
            "VNM",
            "LAO",
            "MDA",
            "CZE",
            "USA",
            "GBR",
            "PSE",
            "COD",
        )
    }
    assert names == {
        "RUS": "Russia",
        "IRN": "Iran",
        "SYR": "Syria",
        "KOR": "South Korea",
        "BOL": "Bolivia",
        "VEN": "Venezuela",
        "TZA": "Tanzania",
        "VNM": "Vietnam",
        "LAO": "Laos",
        "MDA": "Moldova",
        "CZE": "Czechia",
        "USA": "United States",
        "GBR": "United Kingdom",
        "PSE": "Palestine",
        "COD": "DR Congo",
    }
    assert gz.country_name("TUR") in ("Türkiye", "Turkey")
    assert all("," not in gz.country_name(code) for code in gz.names)


def test_names_are_found_with_or_without_accents(gz):
    assert gz.country_of("Medecins Sans Frontieres") == gz.country_of("Médecins Sans Frontières") == "MSF"
    assert gz.country_of("Turkiye") == "TUR"
    assert gz.country_of("Sao Paulo") == "BRA"


def test_country_names_are_the_gazetteers_display_names():
    """The panel's quick names (no gazetteer build) are exactly the gazetteer's."""
    from newsreader.analysis.country_names import country_names
    from newsreader.analysis.gazetteer import Gazetteer

    names = country_names()
    assert names == Gazetteer.load().names
    assert (names["RUS"], names["KAZ"], names["EU"]) == ("Russia", "Kazakhstan", "European Union")


@pytest.mark.parametrize(("text", "code"), [("Queensland", "AUS"), ("Tuscany", "ITA"), ("central java", "IDN")])
def test_regions_no_city_list_has_are_known_apart(gz, text, code):
    assert gz.region_country(text) == code
    assert gz.kind_of(text) is None  # asked for, never a place of text the recogniser read otherwise


def test_region_builder_keeps_regions_and_drops_names_spellings_and_shared_entries(tmp_path):
    from newsreader.analysis.data.gazetteer_build import build_regions

    phoenix = tmp_path / "countries.txt"
    phoenix.write_text(
        "NORLAND_ [NRL]\n+NORLANDE_\n+NORLANDIC_\n+EAST_MARCHES_\n+OAK_\n+PORTVILLE_\n+TWIN_VALLEY_\n"
        "SUDLAND_ [SDL]\n+TWIN_VALLEY_\n+HIGH_PLATEAU_\n",
        encoding="utf-8",
    )
    places = {
        "countries": {"NRL": {"names": ["Norland"]}, "SDL": {"names": ["Sudland"]}},
        "cities": {"Portville": "NRL"},
    }
    regions = dict(build_regions(phoenix, places, [("Norlandic", "NRL")]))
    assert regions == {"East Marches": "NRL", "High Plateau": "SDL"}


def test_a_sources_home_is_found_whatever_its_article(gz):
    # listed as "The Times": the text may say "The Times", "the Times" or "Times"
    assert gz.sources[normalize("The Times")] == "GBR"
    assert gz.is_news_source("the Times") and gz.is_news_source("Times")


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("IRNA news agency", "IRN"),
        ("the official IRNA news agency", "IRN"),
        ("state news agency SANA", "SYR"),
        ("Reuters", "GBR"),
        ("Wikinews", None),  # listed without a home
        ("Harbourtown news agency", None),  # not a listed source
    ],
)
def test_a_listed_sources_home_whatever_words_say_what_it_is(gz, text, home):
    assert gz.source_home(text) == home
    assert gz.is_news_source(text) is (text != "Harbourtown news agency")


@pytest.mark.parametrize(
    ("text", "code"),
    [("KFOR", "NATO"), ("AMISOM", "AU"), ("EULEX", "EU"), ("MINUSTAH", "UN"), ("ECOMOG", "ECOWAS")],
)
def test_a_mission_an_organisation_leads_acts_as_that_organisation(gz, text, code):
    assert gz.country_of(text) == code


def test_more_alias_lines_keep_an_organisations_display_name(gz):
    assert [gz.country_name(c) for c in ("NATO", "UN", "EU", "AU")] == [
        "NATO",
        "United Nations",
        "European Union",
        "African Union",
    ]
