"""The people-table builder: Phoenix dictionary format, dated codes, IGO codes, other sources."""

from __future__ import annotations

from datetime import date

from newsreader.analysis.data import build_people as bp
from newsreader.analysis.knowledge import Knowledge

# Made-up people in the Phoenix format: a tab before code lines, "+" before other names.
COUNTRIES = """\
# a made-up dictionary
FREEDONIA_  [FRE]
+FREEDONIAN_

RUFUS_T._FIREFLY_  # CountryInfo.txt
+PRESIDENT_FIREFLY_
+FIREFLY
\t[FREGOV 930101-931231]
\t[FREELI]
CHICOLINI_ONE_
CHICOLINI_TWO_
\t[FREREB >200115]
PINKY_PINKERTON_
\t[XXXGOV 900101-950101]
TRENTINO_AMBASSADOR_  [FREGOVDIP <19991231]
NOBODY_IN_PARTICULAR_
\t[---]
"""

INTERNATIONAL = """\
WORLD_ORG_CHIEF_
+SECRETARY_GENERAL_CHIEF_
\t[IGOUNO 970101-061231]
\t[GHAELI]
ACME_WIDGETS_  [MNCUSAHLH]
SAVE_THE_NEWTS_  [NGOENV]
VAGUE_BLOC_OFFICIAL_  [IGOLAM >100101]
"""

CAMEO = {"IGOUNO": "UN", "IGOWSTNAT": "NATO"}
COUNTRY_CODES = {"FRE", "USA", "GHA"}


def test_dates_read_two_and_four_digit_years_and_reject_junk():
    assert bp.phoenix_date("130201") == "2013-02-01"
    assert bp.phoenix_date("970101") == "1997-01-01"
    assert bp.phoenix_date("19270101") == "1927-01-01"
    assert bp.phoenix_date("2004017") == ""  # seven digits: a typo in the source
    assert bp.phoenix_date("991399") == ""


def test_codes_carry_open_closed_and_missing_dates():
    assert bp.parse_code("USAGOV >130201") == bp.Code("USAGOV", "2013-02-01", "")
    assert bp.parse_code("EGYGOV > 140608") == bp.Code("EGYGOV", "2014-06-08", "")
    assert bp.parse_code("IRQ <20030320") == bp.Code("IRQ", "", "2003-03-20")
    assert bp.parse_code("GBRGOV 070701-100531") == bp.Code("GBRGOV", "2007-07-01", "2010-05-31")
    assert bp.parse_code("USAGOV") == bp.Code("USAGOV", "", "")
    assert bp.parse_code("---") is None


def test_name_lines_without_codes_share_the_next_code_block():
    entries = {e.names[0]: e for e in bp.parse_phoenix(COUNTRIES.splitlines())}
    assert entries["CHICOLINI_ONE_"].codes == [bp.Code("FREREB", "2020-01-15", "")]
    assert entries["CHICOLINI_TWO_"].codes == entries["CHICOLINI_ONE_"].codes
    # ...and the block after them is not shared any further
    assert entries["PINKY_PINKERTON_"].codes == [bp.Code("XXXGOV", "1990-01-01", "1995-01-01")]


def test_variants_and_several_code_lines_belong_to_one_entry():
    entries = {e.names[0]: e for e in bp.parse_phoenix(COUNTRIES.splitlines())}
    firefly = entries["RUFUS_T._FIREFLY_"]
    assert firefly.names == ["RUFUS_T._FIREFLY_", "PRESIDENT_FIREFLY_", "FIREFLY"]
    assert firefly.codes == [bp.Code("FREGOV", "1993-01-01", "1993-12-31"), bp.Code("FREELI", "", "")]
    assert entries["TRENTINO_AMBASSADOR_"].codes == [bp.Code("FREGOVDIP", "", "1999-12-31")]
    assert "NOBODY_IN_PARTICULAR_" not in entries  # "[---]" is no code


def test_country_rows_skip_bare_country_names_and_unknown_codes():
    entries = bp.parse_phoenix(COUNTRIES.splitlines())
    rows = [row for _, row in bp.phoenix_rows(entries, "countries", "phoenix-countries", CAMEO, COUNTRY_CODES)]
    by_name = {}
    for row in rows:
        by_name.setdefault(row.name, []).append((row.country, row.role, row.start, row.end))
    assert "Freedonia" not in by_name  # the country itself is the gazetteer's business
    assert "Pinky Pinkerton" not in by_name  # XXX is no country the project knows
    assert by_name["Rufus T. Firefly"] == [("FRE", "GOV", "1993-01-01", "1993-12-31"), ("FRE", "ELI", "", "")]


def test_international_codes_map_igos_and_read_the_country_of_companies():
    entries = bp.parse_phoenix(INTERNATIONAL.splitlines())
    rows = {row.name: [] for _, row in bp.phoenix_rows(entries, "international", "i", CAMEO, COUNTRY_CODES)}
    for _, row in bp.phoenix_rows(entries, "international", "i", CAMEO, COUNTRY_CODES):
        rows[row.name].append((row.country, row.role))
    assert rows["World Org Chief"] == [("UN", "IGO"), ("GHA", "ELI")]
    assert rows["Acme Widgets"] == [("USA", "MNCHLH")]
    assert "Save The Newts" not in rows  # an NGO with no country
    assert "Vague Bloc Official" not in rows  # an IGO code the map leaves out


def test_the_curated_code_map_covers_the_gold_conventions():
    cameo = bp.load_cameo()
    assert cameo["IGOUNO"] == "UN" and cameo["IGOEUREEC"] == "EU" and cameo["IGOWSTNAT"] == "NATO"
    assert cameo["IGOUNOHLHWHO"] == "WHO" and cameo["IGOUNOIAE"] == "IAEA"
    assert cameo["IGOMEAARL"] == "ARABLEAGUE" and cameo["IGOAFRAFU"] == "AU"
    assert cameo["KSV"] == "XKX"


def test_comma_names_give_the_usual_order():
    assert bp.comma_variants("Firefly, Rufus") == ["Rufus Firefly"]
    assert bp.comma_variants("Rufus Thaddeus Firefly, Baron Freedonia") == ["Rufus Thaddeus Firefly"]
    assert bp.comma_variants("Rufus Firefly") == []


def test_back_to_back_terms_merge_and_gaps_do_not():
    terms = [
        ("senator", "2001-01-03", "2007-01-03"),
        ("senator", "2007-01-04", "2013-01-03"),
        ("representative", "1993-01-05", "1995-01-03"),
        ("senator", "2019-01-03", "2025-01-03"),
    ]
    assert bp.merge_terms(terms) == [
        ("representative", "1993-01-05", "1995-01-03"),
        ("senator", "2001-01-03", "2013-01-03"),
        ("senator", "2019-01-03", "2025-01-03"),
    ]


def test_congress_people_get_their_usual_names_and_usa():
    person = {
        "name": {"first": "Jedediah", "middle": "Quincy", "last": "Leland", "nickname": "Jed"},
        "terms": [
            {"type": "rep", "start": "1939-01-03", "end": "1941-01-03"},
            {"type": "sen", "start": "2003-01-07", "end": "2009-01-03"},
        ],
    }
    out = list(bp.congress_people([person], bp.CONGRESS_ROLES, "congress"))
    names, row = out[0]
    assert len(out) == 1  # the term that ended before 1945 is left out
    assert row == bp.Row("Jedediah Leland", "USA", "senator", "2003-01-07", "2009-01-03", "congress")
    assert {"Jed Leland", "Jedediah Quincy Leland", "Jedediah Q. Leland"} <= set(names)


def test_wikidata_year_only_dates_span_the_year():
    assert bp.wikidata_date("2017", end=False) == "2017-01-01"
    assert bp.wikidata_date("2017", end=True) == "2017-12-31"
    assert bp.wikidata_date("2017-05-14", end=True) == "2017-05-14"
    assert bp.wikidata_date("sometime", end=True) == ""


def test_international_posts_go_to_the_organisation_but_envoys_stay_national():
    orgs = [("United Nations", "UN"), ("International Court of Justice", "ICJ")]
    assert bp.org_of_position("Secretary-General of the United Nations", orgs) == "UN"
    assert bp.org_of_position("Judge of the International Court of Justice", orgs) == "ICJ"
    assert bp.org_of_position("Permanent Representative to the United Nations", orgs) == ""


def test_a_leader_of_several_countries_keeps_the_ones_other_sources_confirm():
    leaders = [
        (["Queen Zara"], bp.Row("Queen Zara", "FRE", "monarch", "", "", "w")),
        (["Queen Zara"], bp.Row("Queen Zara", "SYL", "monarch of Sylvania", "", "", "w")),
        (["Duke Odo"], bp.Row("Duke Odo", "SYL", "head of state", "", "", "w")),
    ]
    others = [(["Queen Zara"], bp.Row("Queen Zara", "FRE", "GOV", "", "", "p"))]
    kept = [(row.name, row.country) for _, row in bp.drop_personal_unions(leaders, others)]
    assert kept == [("Queen Zara", "FRE"), ("Duke Odo", "SYL")]


def test_the_built_file_loads_and_answers(tmp_path):
    phoenix = tmp_path / "phoenix"
    phoenix.mkdir()
    (phoenix / "Phoenix.Countries.actors.txt").write_text(COUNTRIES.replace("FRE", "FRA"), encoding="utf-8")
    (phoenix / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    out = tmp_path / "people.tsv"
    assert bp.main(["--phoenix-dir", str(phoenix), "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# people.tsv") and "MIT" in text
    table = Knowledge(text.splitlines())
    assert [o.country for o in table.lookup("Rufus T. Firefly", date(1993, 6, 1))] == ["FRA", "FRA"]
    assert table.lookup("World Org Chief", date(2000, 1, 1))[0].country == "UN"
    assert table.lookup("Secretary General Chief", date(2010, 1, 1))[0].country == "GHA"
    assert table.lookup("Acme Widgets")[0].source == "phoenix-international"


PARTIES = """\
country,partyfacts_id,technical,name_short,name,name_english,name_other,year_first,year_last
FRA,1,,FLP,Parti de la Liberté / Les Libres,Freedom Party [Libres],,1950,
FRA,2,7,,Others,Others,,,
FRA,3,,WP,Parti Ouvrier,Workers' Party,,1920,1940
FRA,4,,OLD,Vieux Parti,Old Party,,1930,1999
ZZZ,5,,NOPE,Nowhere Party,Nowhere Party,,1990,
"""


def test_party_rows_carry_all_names_their_years_and_skip_placeholders():
    rows = list(bp.partyfacts_rows(PARTIES, {"FRA"}, "partyfacts"))
    got = {row.name: (names, row.country, row.role, row.start, row.end) for names, row in rows}
    # English and native names, renamings split at " / ", a bracketed note dropped, the short name
    assert got["Freedom Party"] == (
        ["Freedom Party", "Parti de la Liberté", "Les Libres", "FLP"],
        "FRA",
        "party",
        "1950-01-01",
        "",
    )
    assert "Others" not in got  # a "technical" placeholder row
    assert "Workers' Party" not in got  # dissolved before 1945
    assert got["Old Party"][3:] == ("1930-01-01", "1999-12-31")
    assert got["Old Party"][0][-1] == "OLD"
    assert "Nowhere Party" not in got  # a country code the project does not know
    assert all(n != "WP" for names, _ in rows for n in names)  # two-letter short names are everybody's


def test_a_party_name_gives_no_surname():
    lines = ["1\tMinisterial Lorraine\tFRA\tparty\t1900-01-01\t\tF\t", "2\tRufus Firefly\tFRA\tGOV\t\t\tP\t"]
    table = Knowledge(lines)
    assert "lorraine" not in table.surnames  # a place in a party's name is not a surname
    assert "firefly" in table.surnames


def test_bodies_no_code_places_are_kept_apart_as_bodies():
    from newsreader.analysis.data import build_people as bp

    lines = [
        "HARBOUR_WATCH_",
        "+HARBOUR_WATCH_INTERNATIONAL_",
        "\t[NGOHRI]",
        "LIMA_RELIEF_FUND_",
        "\t[NGOPERDEV]",
        "ANA_SOTO_",
        "\t[IGOUNO 970101-061231]",
    ]
    entries = bp.parse_phoenix(lines)
    found = bp.unplaced_bodies(entries, {"IGOUNO": "UN"}, {"PER", "UN"})
    # the NGO with no country is kept; the placed one (PER) and the dated official are not
    assert found == {"harbour watch": "NGO", "harbour watch international": "NGO"}
