"""Build ``people.tsv``: who held which office for which country or organisation, and when.

Run by hand from ``tui/`` with a Python that has PyYAML (only the build needs it), then commit
the output. The committed file was built with::

    python3 -m newsreader.analysis.data.build_people \\
        --phoenix-dir ../../shared/reference --mirror /work/.mirror

It also writes ``people_keys.tsv`` next to it: every index key of the table (folded names,
surnames, spelling-variant keys), computed by ``knowledge.py``'s own functions, so loading the
table needs no folding. ``--reindex`` rewrites only that file from the committed ``people.tsv``
(no sources needed; any Python will do)::

    python3 -m newsreader.analysis.data.build_people --reindex

``--mirror DIR`` reads every repository below from ``DIR/owner+name/repo`` (the layout ``fetch``
leaves); each can also be given on its own (``--milnonstate``, ``--congress``, ``--world``,
``--world-leaders`` take a git directory, ``--politicians`` takes ``GITDIR=ISO3`` pairs). A
repository is a bare git directory (its ``HEAD`` is read) or a checked-out work tree. Every
office holder of a ``--politicians`` repository's ``html/holders21.csv`` acts for its country
(``POLITICIANS`` below: the national cabinets, ministers and heads of state of 179
states: every such repository a snapshot could be had of; sub-national, legislature and
Wikipedia-scraped ones are left out), except the posts a foreign head holds ex officio
(Andorra's French co-prince, each Commonwealth realm's monarch), which act for that head's
state (``FOREIGN_HEADS``). The repositories' commits are written into the file's header.

Sources (facts only; no code is copied):

* Phoenix Countries, International and MilNonState actor dictionaries (openeventdata/petrarch2,
  openeventdata/UniversalPetrarch; MIT). Format: a name line starts an entry (``_`` joins words),
  ``+`` lines are its other names, and indented ``[CODE dates]`` lines its CAMEO codes. Dates are
  ``>YYMMDD`` (from), ``<YYMMDD`` (until), ``YYMMDD-YYMMDD`` or eight-digit years; no date means
  always. Name lines that carry no code share the next code block (the trap the research notes
  measured). Codes are ``USAGOV``-style (country + role); IGO codes go through
  ``cameo_codes.tsv``; MNC/NGO codes carry the country after their prefix.
* unitedstates/congress-legislators (CC0): current members of Congress with all their terms, and
  every president and vice-president (``executive.yaml``), from 1945 on.
* Wikidata office holders (CC0), as gathered by every-politician-scrapers repositories
  (``html/holders21.csv``, ``data/wikidata.csv``): facts only, credited to Wikidata. The
  ``world`` repository's international posts go to the organisation named in the post
  (``orgs.tsv``'s names); national envoys to an organisation stay with their state.
* Party Facts core parties (hdigital/partyfactsdata, MIT, Copyright (c) 2022 Party Facts
  authors; ``import/elecglob/partyfacts-core-parties.csv``): about 6,800 political parties of
  every country with their English, native and short names and their first and last years,
  so that "the Congress Party" or "Fidesz" has a home without a hand-typed list. Placeholder
  rows ("technical": independents, others) are skipped; a short name counts only when it is
  three letters or more (two-letter ones are everybody's).
* ``people_curated.tsv`` (hand-maintained): heads of international organisations since about
  2014, which none of the above covers, and heads of government appointed after the above were
  gathered.

The historical members of Congress (``legislators-historical.yaml``) are not read: the stored
snapshot of the repository lacks that file, so only members serving when it was taken, with
all their terms, are in the table.

It also writes ``bodies_unplaced.tsv`` next to the table: the International dictionary's NGOs
and international bodies that no code places in a country ("Reporters Without Borders" is
[NGOHRI]), which the table cannot hold (it maps names to a country) but which are bodies,
never people.

``Phoenix.agents.txt`` is not read: its entries are generic roles ("minister", "police") with
no country, which the title handling elsewhere covers.

Rows for offices that ended before 1945, and names with no country or organisation code the
project knows, are dropped.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from newsreader.analysis.datafiles import DATA_DIR
from newsreader.analysis.knowledge import Knowledge, fold, index_lines, table_digest

OUTPUT = DATA_DIR / "people.tsv"
UNPLACED = "bodies_unplaced.tsv"  # written next to the table
CUTOFF = "1945-01-01"  # offices that ended before this are left out to keep the table small

# One letter per source keeps the file small; knowledge.SOURCES spells them out.
SOURCE_CODES = {
    "phoenix-countries": "P",
    "phoenix-international": "I",
    "phoenix-milnonstate": "M",
    "congress": "C",
    "wikidata": "W",
    "curated": "H",
    "partyfacts": "F",
}
# every-politician-scrapers repositories of national office holders -> the country they serve.
POLITICIANS = {
    "afghanistan": "AFG",
    "albania-cabinet": "ALB",
    "algeria-cabinet": "DZA",
    "andorra-cabinet": "AND",
    "angola": "AGO",
    "antigua-barbuda-ministers": "ATG",
    "argentina-ministers": "ARG",
    "armenia-ministers": "ARM",
    "australia-cabinet": "AUS",
    "austria-cabinet": "AUT",
    "azerbaijan-cabinet": "AZE",
    "bahamas-cabinet": "BHS",
    "bahrain": "BHR",
    "bangladesh-ministers": "BGD",
    "barbados-cabinet": "BRB",
    "belarus-ministers": "BLR",
    "belgium-cabinet": "BEL",
    "belize-ministers": "BLZ",
    "benin-ministers": "BEN",
    "bhutan-ministers": "BTN",
    "bolivia-ministers": "BOL",
    "bosnia-herzegovina-ministers": "BIH",
    "botswana-ministers": "BWA",
    "brazil-ministers": "BRA",
    "brunei-ministers": "BRN",
    "bulgaria-cabinet": "BGR",
    "burkina-faso": "BFA",
    "burundi-ministers": "BDI",
    "cabo-verde": "CPV",
    "cambodia": "KHM",
    "cameroon": "CMR",
    "canada-cabinet": "CAN",
    "central-african-republic": "CAF",
    "chad-ministers": "TCD",
    "chile-ministers": "CHL",
    "china-ministers": "CHN",
    "comoros": "COM",
    "congo-brazzaville": "COG",
    "congo-kinshasa-ministers": "COD",
    "costa-rica": "CRI",
    "croatia-ministers": "HRV",
    "cuba": "CUB",
    "cyprus-cabinet": "CYP",
    "czech-ministers": "CZE",
    "denmark-cabinet": "DNK",
    "djibouti-ministers": "DJI",
    "dominica": "DMA",
    "dominican-republic": "DOM",
    "ecuador-ministers": "ECU",
    "egypt-ministers": "EGY",
    "el-salvador-ministers": "SLV",
    "equatorial-guinea": "GNQ",
    "eritrea-ministers": "ERI",
    "estonia": "EST",
    "eswatini": "SWZ",
    "ethiopia-ministers": "ETH",
    "fiji-ministers": "FJI",
    "finland-cabinet": "FIN",
    "france-cabinet": "FRA",
    "gabon-ministers": "GAB",
    "gambia-ministers": "GMB",
    "georgia-ministers": "GEO",
    "ghana-ministers": "GHA",
    "greece-cabinet": "GRC",
    "grenada": "GRD",
    "guatemala-ministers": "GTM",
    "guinea": "GIN",
    "guinea-bissau": "GNB",
    "guyana": "GUY",
    "haiti": "HTI",
    "honduras-ministers": "HND",
    "hungary-cabinet": "HUN",
    "iceland-cabinet": "ISL",
    "india-ministers": "IND",
    "indonesia-ministers": "IDN",
    "iran-ministers": "IRN",
    "iraq-ministers": "IRQ",
    "ireland-ministers": "IRL",
    "israel-ministers": "ISR",
    "italy-ministers": "ITA",
    "ivory-coast": "CIV",
    "jamaica-ministers": "JAM",
    "japan-ministers": "JPN",
    "jordan-ministers": "JOR",
    "kazakhstan-cabinet": "KAZ",
    "kenya": "KEN",
    "kiribati-ministers": "KIR",
    "kosovo-cabinet": "XKX",
    "kuwait-ministers": "KWT",
    "kyrgyzstan-ministers": "KGZ",
    "latvia-cabinet": "LVA",
    "lesotho-ministers": "LSO",
    "liberia-ministers": "LBR",
    "libya": "LBY",
    "liechtenstein-ministers": "LIE",
    "lithuania": "LTU",
    "luxembourg-cabinet": "LUX",
    "malawi-ministers": "MWI",
    "malaysia-ministers": "MYS",
    "maldives-ministers": "MDV",
    "mali": "MLI",
    "malta-ministers": "MLT",
    "marshall-islands-ministers": "MHL",
    "mauritania": "MRT",
    "mauritius-ministers": "MUS",
    "mexico-ministers": "MEX",
    "micronesia-ministers": "FSM",
    "moldova-ministers": "MDA",
    "mongolia-ministers": "MNG",
    "montenegro-cabinet": "MNE",
    "morocco-ministers": "MAR",
    "mozambique": "MOZ",
    "nepal-ministers": "NPL",
    "netherlands-cabinet": "NLD",
    "new-zealand-cabinet": "NZL",
    "niger-ministers": "NER",
    "nigeria": "NGA",
    "north-korea": "PRK",
    "north-macedonia-ministers": "MKD",
    "norway-cabinet": "NOR",
    "oman": "OMN",
    "pakistan-ministers": "PAK",
    "panama-ministers": "PAN",
    "papua-new-guinea": "PNG",
    "paraguay-ministers": "PRY",
    "philippines-ministers": "PHL",
    "poland-cabinet": "POL",
    "portugal-cabinet": "PRT",
    "romania-cabinet": "ROU",
    "russia-cabinet": "RUS",
    "rwanda-ministers": "RWA",
    "san-marino-ministers": "SMR",
    "sao-tome-and-principe": "STP",
    "saudi-ministers": "SAU",
    "senegal-ministers": "SEN",
    "serbia-ministers": "SRB",
    "sierra-leone": "SLE",
    "singapore-ministers": "SGP",
    "slovakia-cabinet": "SVK",
    "slovenia-cabinet": "SVN",
    "solomons-ministers": "SLB",
    "somalia-cabinet": "SOM",
    "south-africa-cabinet": "ZAF",
    "south-korea-ministers": "KOR",
    "south-sudan": "SSD",
    "spain-ministers": "ESP",
    "sri-lanka-cabinet": "LKA",
    "st-kitts-and-nevis-cabinet": "KNA",
    "st-lucia-cabinet": "LCA",
    "st-vincent-and-the-grenadines": "VCT",
    "sudan": "SDN",
    "suriname": "SUR",
    "sweden-cabinet": "SWE",
    "swiss-federal-council": "CHE",
    "syria": "SYR",
    "taiwan": "TWN",
    "tajikistan-ministers": "TJK",
    "tanzania-ministers": "TZA",
    "timor-leste-ministers": "TLS",
    "togo": "TGO",
    "tonga-ministers": "TON",
    "trinidad-and-tobago-cabinet": "TTO",
    "tunisia-ministers": "TUN",
    "turkey-ministers": "TUR",
    "turkmenistan": "TKM",
    "tuvalu-ministers": "TUV",
    "uae-ministers": "ARE",
    "uganda-ministers": "UGA",
    "ukraine-cabinet": "UKR",
    "united-kingdom-cabinet": "GBR",
    "uruguay-ministers": "URY",
    "us-cabinet": "USA",
    "uzbekistan-ministers": "UZB",
    "vanuatu-cabinet": "VUT",
    "venezuela": "VEN",
    "vietnam": "VNM",
    "yemen": "YEM",
    "zambia-ministers": "ZMB",
    "zimbabwe": "ZWE",
}
# Posts of a cabinet list held ex officio by another state's head: they act for that state.
# Andorra's French co-prince is the president of France; the monarch of each Commonwealth
# realm (Barbados until 2021) is the British monarch.
_REALM_MONARCH = (re.compile(r"^monarch\b", re.I), "GBR")
FOREIGN_HEADS = {
    "AND": (re.compile(r"\bfrench co-prince\b", re.I), "FRA"),
    **dict.fromkeys(
        ["ATG", "AUS", "BHS", "BLZ", "BRB", "CAN", "GRD", "JAM", "KNA", "LCA", "NZL", "PNG", "SLB", "TUV", "VCT"],
        _REALM_MONARCH,
    ),
}
EXECUTIVE_ROLES = {"prez": "president", "viceprez": "vice president"}
CONGRESS_ROLES = {"sen": "senator", "rep": "representative"}


class Code(NamedTuple):
    """One CAMEO code of a Phoenix entry with its validity (ISO dates or "")."""

    code: str
    start: str
    end: str


@dataclass
class Entry:
    """One actor of a Phoenix dictionary: its names (first is the main one) and codes."""

    names: list[str]
    codes: list[Code] = field(default_factory=list)


class Row(NamedTuple):
    """One office of one person or body, as written to people.tsv."""

    name: str
    country: str
    role: str
    start: str
    end: str
    source: str


# --- Phoenix dictionaries ------------------------------------------------------------------

_CODE = re.compile(r"\[([^\]]*)\]")


def phoenix_date(text: str) -> str:
    """``YYMMDD`` or ``YYYYMMDD`` -> ISO date; "" when it is not a valid date.

    Two-digit years up to 30 are 20xx (the dictionaries date from 2014), the rest 19xx.
    """
    text = text.strip()
    if not text.isdigit():
        return ""
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = text[2:4], text[4:6]
    elif len(text) == 8:
        year, month, day = int(text[:4]), text[4:6], text[6:8]
    else:
        return ""
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return ""
    return f"{year:04d}-{month}-{day}"


def parse_code(text: str) -> Code | None:
    """``USAGOV >130201`` -> Code("USAGOV", "2013-02-01", ""); None for ``---`` and junk."""
    text = text.strip()
    match = re.match(r"([A-Z]{3,})\s*(.*)$", text)
    if not match:
        return None
    code, when = match.group(1), match.group(2).replace(" ", "")
    start = end = ""
    if when.startswith(">"):
        start = phoenix_date(when[1:])
    elif when.startswith("<"):
        end = phoenix_date(when[1:])
    elif "-" in when:
        first, _, last = when.partition("-")
        start, end = phoenix_date(first), phoenix_date(last)
    elif when:
        # A single date with no sign: read it as the start, like ">".
        start = phoenix_date(when)
    return Code(code, start, end)


def parse_phoenix(lines: Iterable[str]) -> list[Entry]:
    """Entries of a Phoenix (TABARI/PETRARCH) actor dictionary.

    Name lines without codes are kept pending and all take the next code block, so
    ``A_`` / ``B_`` / ``[XXXGOV]`` gives two entries that both hold XXXGOV.
    """
    entries: list[Entry] = []
    pending: list[Entry] = []  # entries still waiting for their first code
    current: Entry | None = None

    def take_codes(text: str) -> None:
        codes = [c for c in (parse_code(m) for m in _CODE.findall(text)) if c]
        if not codes:
            return
        targets = pending if pending else ([current] if current else [])
        for entry in targets:
            entry.codes.extend(codes)
        pending.clear()

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isspace() or line.startswith("["):
            take_codes(line)
            continue
        if line.startswith("+"):
            name = line[1:].split("[", 1)[0].strip()
            if current is not None and name:
                current.names.append(name)
            take_codes(line)
            continue
        # A new name line. If the previous entry already has codes, the pending group is over.
        if current is not None and current.codes:
            pending.clear()
        name = line.split("[", 1)[0].strip()
        current = Entry([name])
        entries.append(current)
        pending.append(current)
        if "[" in line:
            take_codes(line)
    return [e for e in entries if e.codes]


def phoenix_name(raw: str) -> str:
    """``GEORGE_W._BUSH_`` -> "George W. Bush" (display only; lookups fold names anyway)."""
    words = raw.replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words)


def comma_variants(name: str) -> list[str]:
    """Other ways to write a name with a comma.

    "Robinson, John" -> "John Robinson" (LAST, FIRST); "John Robinson, Baron Martonmere" ->
    "John Robinson" (a title after the name).
    """
    if name.count(",") != 1:
        return []
    before, after = (part.strip() for part in name.split(","))
    if not before or not after:
        return []
    if len(before.split()) == 1 and len(after.split()) <= 2:
        return [f"{after} {before}"]
    return [before]


def code_country(code: str, kind: str, cameo: dict[str, str], countries: set[str]) -> tuple[str, str]:
    """CAMEO code -> (project country or org code, role), or ("", "") when it has none.

    ``kind`` is "international" for the International dictionary, where IGO, MNC and NGO codes
    live; elsewhere the first three letters are the country and the rest is the role. A bare
    country code with no role names the country itself (the gazetteer's job), so it is skipped.
    """
    if code in cameo and code.startswith("IGO"):
        return cameo[code], "IGO"
    if code.startswith("IGO"):
        return "", ""
    if code[:3] in ("MNC", "NGO"):
        country = cameo.get(code[3:6], code[3:6])
        if country in countries:
            return country, code[:3] + code[6:]
        return "", ""
    country = cameo.get(code[:3], code[:3])
    role = code[3:]
    if country not in countries or (not role and kind != "international"):
        return "", ""
    return country, role


def phoenix_rows(
    entries: list[Entry], kind: str, source: str, cameo: dict[str, str], countries: set[str]
) -> Iterator[tuple[list[str], Row]]:
    """(names, row) for every usable code of every entry."""
    for entry in entries:
        names = [phoenix_name(n) for n in entry.names if n.strip("_ ")]
        names += [v for n in names for v in comma_variants(n)]
        if not names:
            continue
        for code in entry.codes:
            country, role = code_country(code.code, kind, cameo, countries)
            if not country:
                continue
            yield names, Row(names[0], country, role, code.start, code.end, source)


def unplaced_bodies(entries: list[Entry], cameo: dict[str, str], countries: set[str]) -> dict[str, str]:
    """Folded names of the International dictionary's bodies that no code places: NGOs such as
    "Save the Children" or "Human Rights Watch" are coded [NGOHRI] with no country. They are
    not in people.tsv (it maps names to a country), but they are bodies, not people: folded
    name -> the kind of body (NGO, IGO, MNC). Entries with a dated code are people."""
    out: dict[str, str] = {}
    for entry in entries:
        kinds = {c.code[:3] for c in entry.codes if not c.start and not c.end}
        if not kinds or not kinds <= {"NGO", "IGO", "MNC"}:
            continue
        if any(code_country(c.code, "international", cameo, countries)[0] for c in entry.codes):
            continue  # placed: people.tsv has it
        for raw in entry.names:
            name = phoenix_name(raw)
            key = fold(name)
            if " " in key and not key.isdigit():  # one-word names ("REDR") are everybody's acronyms
                out.setdefault(key, sorted(kinds)[0])
    return out


def write_unplaced(bodies: dict[str, str], path: Path) -> None:
    lines = [
        "# Bodies that no dictionary places in a country: names (folded) -> kind (NGO, IGO, MNC).",
        "# Built by newsreader/analysis/data/build_people.py from Phoenix.International.actors.txt",
        "# (openeventdata/petrarch2, MIT, Copyright (c) 2014 Open Event Data Alliance); do not edit.",
        "# They are organisations, never people, and their country is not stated.",
        *(f"{k}\t{v}" for k, v in sorted(bodies.items())),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- congress-legislators ------------------------------------------------------------------


def congress_names(name: dict) -> list[str]:
    """Display name first, then the usual ways news writes it."""
    first, last = name.get("first", ""), name.get("last", "")
    middle, nick, suffix = name.get("middle", ""), name.get("nickname", ""), name.get("suffix", "")
    out = [name.get("official_full") or f"{first} {last}", f"{first} {last}"]
    if nick:
        out.append(f"{nick} {last}")
    if middle:
        out.append(f"{first} {middle} {last}")
        out.append(f"{first} {middle[0]}. {last}")
    if suffix:
        out.append(f"{first} {last} {suffix}")
    return out


def merge_terms(terms: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Join back-to-back terms of the same role: (role, start, end) spans, in order."""
    spans: list[list[str]] = []
    for role, start, end in sorted(terms, key=lambda t: t[1]):
        if spans and spans[-1][0] == role and start <= _next_days(spans[-1][2], 40):
            spans[-1][2] = max(spans[-1][2], end)
        else:
            spans.append([role, start, end])
    return [(r, s, e) for r, s, e in spans]


def _next_days(iso: str, days: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()
    except ValueError:
        return iso


def congress_people(people: list[dict], roles: dict[str, str], source: str) -> Iterator[tuple[list[str], Row]]:
    """(names, row) per merged span of office of each person in a congress-legislators file."""
    for person in people:
        names = congress_names(person.get("name", {}))
        terms = [
            (roles[t["type"]], str(t.get("start", "")), str(t.get("end", "")))
            for t in person.get("terms", [])
            if t.get("type") in roles
        ]
        for role, start, end in merge_terms(terms):
            if end and end < CUTOFF:
                continue
            yield names, Row(names[0], "USA", role, start, end, source)


# --- Wikidata office holders (every-politician-scrapers) ----------------------------------


def wikidata_date(text: str, end: bool) -> str:
    """ "2017" / "2017-05" / "2017-05-14" -> full ISO date (a bare year spans the whole year)."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12-31" if end else f"{text}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-28" if end else f"{text}-01"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    return ""


def holders_rows(text: str, country: str, source: str) -> Iterator[tuple[list[str], Row]]:
    """Rows of a ``holders21.csv`` (position, person, personID, start, end, ...)."""
    for rec in csv.DictReader(io.StringIO(text)):
        person, position = (rec.get("person") or "").strip(), (rec.get("position") or "").strip()
        if not person or not position or re.fullmatch(r"Q\d+", person):
            continue
        start, end = wikidata_date(rec.get("start", ""), False), wikidata_date(rec.get("end", ""), True)
        if end and end < CUTOFF:
            continue
        yield [person], Row(person, country, position, start, end, source)


def org_of_position(position: str, orgs: list[tuple[str, str]]) -> str:
    """The organisation an international position belongs to, by its longest name in the label.

    National envoys to an organisation ("Permanent Representative to the United Nations") act
    for their state, not for it, so they get nothing.
    """
    low = position.lower()
    if "representative to" in low or "ambassador" in low:
        return ""
    best = ""
    best_len = 0
    for alias, code in orgs:
        if len(alias) > best_len and re.search(r"\b" + re.escape(alias.lower()) + r"\b", low):
            best, best_len = code, len(alias)
    return best


def world_rows(text: str, orgs: list[tuple[str, str]], source: str) -> Iterator[tuple[list[str], Row]]:
    """Holders of international positions (``world`` repository) -> the organisation's code."""
    for names, row in holders_rows(text, "", source):
        org = org_of_position(row.role, orgs)
        if org:
            yield names, row._replace(country=org)


def world_leader_rows(text: str, country_codes: dict[str, str], source: str) -> Iterator[tuple[list[str], Row]]:
    """Heads of state and government (``world-leaders-2021/data/wikidata.csv``)."""
    for rec in csv.DictReader(io.StringIO(text)):
        code = country_codes.get(fold(rec.get("country", "")))
        person = (rec.get("officeholderLabel") or "").strip()
        if not code or not person or re.fullmatch(r"Q\d+", person):
            continue
        start = wikidata_date(rec.get("start_year", ""), False)
        end = wikidata_date(rec.get("end_year", ""), True)
        if end and end < CUTOFF:
            continue
        yield [person], Row(person, code, rec.get("positionLabel", "").strip(), start, end, source)


def drop_personal_unions(
    leaders: list[tuple[list[str], Row]], others: list[tuple[list[str], Row]]
) -> list[tuple[list[str], Row]]:
    """Leave out the foreign thrones of a head of state of several countries.

    Wikidata lists Elizabeth II as head of state of fifteen realms and the French president as
    co-prince of Andorra; news means the country other sources also place them in. A leader
    listed for several countries keeps only the countries another source confirms (all of them
    when none does).
    """
    elsewhere: dict[str, set[str]] = {}
    for names, row in others:
        elsewhere.setdefault(fold(names[0]), set()).add(row.country)
    listed: dict[str, set[str]] = {}
    for names, row in leaders:
        listed.setdefault(fold(names[0]), set()).add(row.country)
    out = []
    for names, row in leaders:
        key = fold(names[0])
        confirmed = listed[key] & elsewhere.get(key, set())
        if len(listed[key]) > 1 and confirmed and row.country not in confirmed:
            continue
        out.append((names, row))
    return out


def partyfacts_rows(text: str, countries: set[str], source: str) -> Iterator[tuple[list[str], Row]]:
    """Rows of Party Facts' ``partyfacts-core-parties.csv``: one party, its names, its years.

    ``name`` and ``name_english`` may hold several names split by " / " (renamings); each is
    a variant. A party's years become its dates, so a dissolved party does not answer for a
    later article.
    """
    for rec in csv.DictReader(io.StringIO(text)):
        country = (rec.get("country") or "").strip()
        if rec.get("technical") or country not in countries:
            continue
        names: list[str] = []
        for column in ("name_english", "name"):
            for part in (rec.get(column) or "").split(" / "):
                part = re.sub(r"\s*\[[^\]]*\]", "", part).strip().strip('"')
                if len(part) >= 3 and part not in names:
                    names.append(part)
        short = (rec.get("name_short") or "").strip()
        if len(short) >= 3 and re.fullmatch(r"[A-Z][A-Za-z0-9-]+", short) and short not in names:
            names.append(short)
        if not names:
            continue
        first, last = (rec.get("year_first") or "").strip(), (rec.get("year_last") or "").strip()
        start = f"{first}-01-01" if first.isdigit() else ""
        end = f"{last}-12-31" if last.isdigit() else ""
        if end and end < CUTOFF:
            continue
        yield names, Row(names[0], country, "party", start, end, source)


def curated_rows(text: str) -> Iterator[tuple[list[str], Row]]:
    """``people_curated.tsv``: name, organisation, office, start, end."""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, code, office, start, end = (line.split("\t") + [""] * 5)[:5]
        yield [name], Row(name, code, office, start, end, "curated")


# --- input helpers ---------------------------------------------------------------------------


def read_repo_file(repo: Path, path: str) -> str:
    """A file of a work tree, or of a bare git directory's HEAD."""
    plain = repo / path
    if plain.is_file():
        return plain.read_text(encoding="utf-8")
    try:
        out = subprocess.run(
            ["git", f"--git-dir={repo}", "show", f"HEAD:{path}"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"cannot read {path} from {repo}: {exc}") from None
    return out.stdout.decode("utf-8")


def repo_head(repo: Path) -> str:
    """The commit a repository argument was read at (for the header), or "work tree"."""
    try:
        out = subprocess.run(
            ["git", f"--git-dir={repo}", "rev-parse", "--short=12", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "work tree"


def load_cameo() -> dict[str, str]:
    """``cameo_codes.tsv``: CAMEO code -> project code."""
    out = {}
    for line in (DATA_DIR / "cameo_codes.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0]] = cols[1]
    return out


def load_countries() -> tuple[set[str], dict[str, str]]:
    """Known country codes, and folded country name -> code (the gazetteer's own data)."""
    places = json.loads((DATA_DIR / "gazetteer_places.json").read_text(encoding="utf-8"))
    codes = set(places["countries"])
    names: dict[str, str] = {}
    for code, info in places["countries"].items():
        for name in [info["name"], *info.get("names", [])]:
            names.setdefault(fold(name), code)
    for line in (DATA_DIR / "gazetteer_aliases.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3 or cols[2] != "country":
            continue
        codes.add(cols[1])
        names.setdefault(fold(cols[0]), cols[1])
    return codes, names


def load_orgs() -> list[tuple[str, str]]:
    """(alias, code) pairs of ``orgs.tsv``, long names only (acronyms are too loose here)."""
    out: list[tuple[str, str]] = []
    for line in (DATA_DIR / "orgs.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, aliases = [*line.split("\t"), "", ""][:3]
        out.extend((alias, code) for alias in {name, *aliases.split("|")} if len(alias) >= 8 and not alias.isupper())
    return out


# --- output ----------------------------------------------------------------------------------


def assemble(items: Iterable[tuple[list[str], Row]]) -> list[tuple[list[str], list[Row]]]:
    """Group rows into people (same source and same set of names), dropping duplicate rows."""
    people: dict[tuple[str, str, tuple[str, ...]], tuple[list[str], list[Row]]] = {}
    for names, row in items:
        if row.end and row.end < CUTOFF:
            continue
        key = (row.source, fold(names[0]), tuple(sorted({fold(n) for n in names})))
        person = people.setdefault(key, (names, []))
        if row not in person[1]:
            person[1].append(row)
    return list(people.values())


def variants(names: list[str]) -> list[str]:
    """Folded other names of a person, without the main one and without repeats."""
    main = fold(names[0])
    seen = {main, ""}
    out = []
    for name in names[1:]:
        key = fold(name)
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


HEADER = """\
# people.tsv: people and bodies -> the country or organisation they act for, with dates.
# Built by newsreader/analysis/data/build_people.py (run by hand; see its docstring); do not edit.
# Columns: id<TAB>name<TAB>country<TAB>role<TAB>start<TAB>end<TAB>source<TAB>variants
#   id: rows with the same id are one person or body; its name and variants (folded other
#       names, | between) are written on its first row only.
#   country: ISO 3166-1 alpha-3, or the project's organisation code (UN, EU, NATO, ...).
#   role: the CAMEO role code for Phoenix rows (GOV, GOVLEG, ELI = elite, MIL, REB, IGO, MNC =
#       company, NGO...); senator / representative / president / vice president for Congress;
#       the Wikidata position label otherwise.
#   start, end: ISO dates, empty when open or unknown; a row with neither is valid at any date.
#   source: P, I, M, C, W, H, F as below.
# Sources and licences:
#   P, I (phoenix-countries, phoenix-international): Phoenix.Countries.actors.txt and
#       Phoenix.International.actors.txt (openeventdata/petrarch2, MIT, Copyright (c) 2014 Open
#       Event Data Alliance); IGO codes mapped by cameo_codes.tsv.
#   M (phoenix-milnonstate): Phoenix.MilNonState.actors.txt (openeventdata/UniversalPetrarch, MIT).
#   C (congress): unitedstates/congress-legislators (CC0): legislators-current.yaml, executive.yaml.
#   W (wikidata): Wikidata office holders (CC0) as gathered by every-politician-scrapers
#       repositories; facts only, credited to Wikidata.
#   H (curated): people_curated.tsv, heads of international organisations since about 2014
#       and heads of government newer than the sources above, from the organisations' and
#       governments' published lists, maintained by hand.
#   F (partyfacts): Party Facts core parties (hdigital/partyfactsdata, MIT, Copyright (c) 2022
#       Party Facts authors): political parties with their years; role "party".
#   Rows for offices that ended before 1945 are left out.
"""


def write(people: list[tuple[list[str], list[Row]]], path: Path, provenance: list[str]) -> int:
    """Write the table; returns the number of office rows."""
    people.sort(key=lambda p: (fold(p[0][0]), p[1][0].source))
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for line in provenance:
            out.write(f"# {line}\n")
        for pid, (names, rows) in enumerate(people, start=1):
            rows.sort(key=lambda r: (r.start or "0000", r.end or "9999"))
            for i, row in enumerate(rows):
                first = i == 0
                cols = [
                    str(pid),
                    row.name if first else "",
                    row.country,
                    row.role,
                    row.start,
                    row.end,
                    SOURCE_CODES[row.source],
                    "|".join(variants(names)) if first else "",
                ]
                out.write("\t".join(c.replace("\t", " ") for c in cols) + "\n")
                count += 1
    return count


def keys_path(table: Path) -> Path:
    """Where the key file of a people table goes: ``people.tsv`` -> ``people_keys.tsv``."""
    return table.with_name(f"{table.stem}_keys{table.suffix}")


def keys_text(data: bytes) -> str:
    """The key file of a people table given as its bytes (see ``knowledge.index_lines``)."""
    table = Knowledge(data.decode("utf-8").splitlines())
    return "".join(f"{line}\n" for line in index_lines(table, table_digest(data)))


def write_keys(table: Path) -> Path:
    """Write the key file of the people table at ``table``; returns its path."""
    out = keys_path(table)
    out.write_text(keys_text(table.read_bytes()), encoding="utf-8", newline="\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reindex", action="store_true", help="only rewrite the key file of --output")
    parser.add_argument("--phoenix-dir", type=Path, help="folder of Phoenix.*.actors.txt (required to build)")
    parser.add_argument("--milnonstate", type=Path, help="openeventdata/UniversalPetrarch git dir")
    parser.add_argument("--congress", type=Path, help="unitedstates/congress-legislators git dir")
    parser.add_argument("--politicians", nargs="*", default=[], help="GITDIR=ISO3 (holders21.csv)")
    parser.add_argument("--world", type=Path, help="every-politician-scrapers/world git dir")
    parser.add_argument("--world-leaders", type=Path, help="every-politician-scrapers/world-leaders-2021")
    parser.add_argument("--parties", type=Path, help="hdigital/partyfactsdata git dir")
    parser.add_argument("--mirror", type=Path, help="folder of owner+name/repo git dirs: all of the above")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.reindex:
        if not args.output.is_file():
            raise SystemExit(f"missing {args.output}")
        print(f"{write_keys(args.output)}: keys of {args.output}", file=sys.stderr)
        return 0
    if args.phoenix_dir is None:
        parser.error("--phoenix-dir is required to build the table")
    if args.mirror:

        def mirrored(repo: str) -> Path:
            return args.mirror / repo.replace("/", "+") / "repo"

        epc = "every-politician-scrapers"
        args.milnonstate = args.milnonstate or mirrored("openeventdata/UniversalPetrarch")
        args.congress = args.congress or mirrored("unitedstates/congress-legislators")
        args.world = args.world or mirrored(f"{epc}/world")
        args.parties = args.parties or mirrored("hdigital/partyfactsdata")
        args.world_leaders = args.world_leaders or mirrored(f"{epc}/world-leaders-2021")
        args.politicians = args.politicians or [
            f"{mirrored(f'{epc}/{name}')}={code}" for name, code in POLITICIANS.items()
        ]

    cameo = load_cameo()
    countries, country_names = load_countries()
    items: list[tuple[list[str], Row]] = []
    provenance = ["built from:"]

    for fname, kind, source in [
        ("Phoenix.Countries.actors.txt", "countries", "phoenix-countries"),
        ("Phoenix.International.actors.txt", "international", "phoenix-international"),
    ]:
        path = args.phoenix_dir / fname
        if not path.is_file():
            raise SystemExit(f"missing {path}")
        entries = parse_phoenix(path.read_text(encoding="utf-8", errors="replace").splitlines())
        items.extend(phoenix_rows(entries, kind, source, cameo, countries))
        if kind == "international":
            write_unplaced(unplaced_bodies(entries, cameo, countries), args.output.with_name(UNPLACED))
        provenance.append(f"  {fname} (shared reference copy)")
    if args.milnonstate:
        text = read_repo_file(args.milnonstate, "UniversalPetrarch/data/dictionaries/Phoenix.MilNonState.actors.txt")
        items.extend(
            phoenix_rows(parse_phoenix(text.splitlines()), "countries", "phoenix-milnonstate", cameo, countries)
        )
        provenance.append(f"  openeventdata/UniversalPetrarch @{repo_head(args.milnonstate)}")
    if args.congress:
        import yaml  # only the build needs PyYAML

        for fname, roles in [("legislators-current.yaml", CONGRESS_ROLES), ("executive.yaml", EXECUTIVE_ROLES)]:
            people = yaml.safe_load(read_repo_file(args.congress, fname))
            items.extend(congress_people(people, roles, "congress"))
        provenance.append(f"  unitedstates/congress-legislators @{repo_head(args.congress)}")
    for spec in args.politicians:
        repo, _, code = spec.rpartition("=")
        if not repo or code not in countries:
            raise SystemExit(f"--politicians wants GITDIR=ISO3, got {spec!r}")
        foreign = FOREIGN_HEADS.get(code)
        for names, row in holders_rows(read_repo_file(Path(repo), "html/holders21.csv"), code, "wikidata"):
            if foreign and foreign[0].search(row.role):
                row = row._replace(country=foreign[1])
            items.append((names, row))
        provenance.append(f"  {Path(repo).parent.name.replace('+', '/')} @{repo_head(Path(repo))} -> {code}")
    if args.world:
        items.extend(world_rows(read_repo_file(args.world, "html/holders21.csv"), load_orgs(), "wikidata"))
        provenance.append(f"  every-politician-scrapers/world @{repo_head(args.world)}")
    if args.world_leaders:
        text = read_repo_file(args.world_leaders, "data/wikidata.csv")
        leaders = list(world_leader_rows(text, country_names, "wikidata"))
        items.extend(drop_personal_unions(leaders, items))
        provenance.append(f"  every-politician-scrapers/world-leaders-2021 @{repo_head(args.world_leaders)}")

    if args.parties:
        text = read_repo_file(args.parties, "import/elecglob/partyfacts-core-parties.csv")
        items.extend(partyfacts_rows(text, countries, "partyfacts"))
        provenance.append(f"  hdigital/partyfactsdata @{repo_head(args.parties)}")

    items.extend(curated_rows((DATA_DIR / "people_curated.tsv").read_text(encoding="utf-8")))
    provenance.append("  people_curated.tsv (hand-maintained, public record)")

    people = assemble(items)
    rows = write(people, args.output, provenance)
    print(f"{args.output}: {len(people)} people and bodies, {rows} rows", file=sys.stderr)
    print(f"{write_keys(args.output)}: their keys", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
