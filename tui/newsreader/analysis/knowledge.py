"""World knowledge about people and bodies: who acts for which country or organisation, when.

Reads ``data/people.tsv`` (built by ``data/build_people.py`` from the Phoenix dictionaries,
congress-legislators and Wikidata office holders; sources in its header) on first use, once,
and answers these questions:

* ``lookup(name, on)``: the offices a full name (or a known variant of it) held, the ones valid
  on the article's date first;
* ``by_surname(surname, on)``: the same for a bare surname, but only when every candidate acts
  for one country (in office on that date, when a date is given); otherwise nothing;
* ``surname_countries(surname, on)``: whom a surname could mean, to tell an ambiguous surname
  (several countries) from an unknown one (none);
* ``known_full_names()``: every multi-word name key, for a phrase matcher.

Names are compared folded (``fold``): lower case, accents stripped, punctuation turned into
spaces. Spelling variants of transliterated names ("Sergey"/"Sergei", "Mohammed"/"Muhammad")
resolve through a looser key, but only when that key points to a single country.

Every index key (folded names, surnames, spelling-variant keys) is computed once, when the
table is built, and read from ``data/people_keys.tsv``: loading is splitting lines, not folding
names (about a tenth of a second, under 30 MB), paid on the first question, never at import. When the
key file is missing or was written for another ``people.tsv``, the keys are computed here instead
(slower, same answers).

Pure and UI-free; nothing here imports spaCy.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

DATA_FILE = Path(__file__).resolve().parent / "data" / "people.tsv"
KEYS_FILE = DATA_FILE.with_name("people_keys.tsv")

_log = logging.getLogger(__name__)

# The one-letter source codes of people.tsv (see its header).
SOURCES = {
    "P": "phoenix-countries",
    "I": "phoenix-international",
    "M": "phoenix-milnonstate",
    "C": "congress",
    "W": "wikidata",
    "H": "curated",
    "F": "partyfacts",
}


class Office(NamedTuple):
    """One office: who, for which country or organisation code, as what, from when to when."""

    name: str
    country: str
    role: str
    start: date | None
    end: date | None
    source: str


# --- name keys ------------------------------------------------------------------------------

_FOLD_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th"}
)
_APOSTROPHES = re.compile(r"['’‘`ʼ]")
_NON_WORD = re.compile(r"[\W_]+")

# Words that mark a name as an organisation's: no surname is derived from such names.
_ORG_WORDS = frozenset(
    """party forces force army navy ministry council committee front movement organization
    organisation union association bank company corporation corp inc ltd group brigade brigades
    league government administration police court commission agency institute university
    national republic assembly parliament office department federation network foundation
    coalition alliance international news times post service services authority
    community society trust fund church people peoples""".split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset("von van der den de del della dei di da das dos du la le al el bin ibn ben abu ul".split())
_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ich)$")


_NON_WORD_ASCII = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Name key: lower case, accents stripped, apostrophes dropped, other punctuation -> space.

    ``fold("Jean-Marc Ayrault") == "jean marc ayrault"``; ``fold("O'Neill") == "oneill"``.
    """
    if text.isascii():
        # The common case, and the one computing the table's keys pays for 30,000 times.
        return _NON_WORD_ASCII.sub(" ", text.lower().replace("'", "").replace("`", "")).strip()
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


_LOOSE_STEPS = [("kh", "h"), ("ks", "x"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("y", "i"), ("j", "i")]


_INNER_VOWEL = re.compile(r"\B[aeiou]")
_FINAL_H = re.compile(r"(?<=\w)([aeiou])h\b")
_DOUBLED = re.compile(r"(\w)\1+")


def loose(key: str) -> str:
    """A spelling-tolerant form of a folded name: each word's first letter and consonants.

    "sergey lavrov" and "sergei lavrov" give the same; so do "mohammed" and "muhammad", and
    "haniyeh" and "haniya" (a word-final "h" after a vowel is how some write a final vowel).
    """
    for old, new in _LOOSE_STEPS:
        key = key.replace(old, new)
    key = _FINAL_H.sub(r"\1", key)
    return _INNER_VOWEL.sub("", _DOUBLED.sub(r"\1", key))


def _extra_keys(key: str) -> list[str]:
    """Shorter keys news uses for a full name: no middle initials, no patronymic."""
    words = key.split()
    if len(words) < 3:
        return []
    out = []
    kept = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    if len(kept) < len(words):
        out.append(" ".join(kept))
    if _PATRONYMIC.search(words[1]) and len(words) == 3:
        out.append(f"{words[0]} {words[2]}")
    return out


#: Countries where a person's last name is usually the mother's surname, which news leaves out
#: ("Alvaro Uribe" for Alvaro Uribe Velez): the Spanish-speaking states (ISO 3166-1 alpha-3).
_SPANISH_NAMING = frozenset(
    "ARG BOL CHL COL CRI CUB DOM ECU ESP GNQ GTM HND MEX NIC PAN PER PRI PRY SLV URY VEN".split()
)


#: At most this many people of the table bear a surname for "first name + surname" to stand
#: for a longer name of one of them.
_RARE_SURNAME = 3
#: A word that starts this many names of the table is a given name: no short form ends in it.
_GIVEN_NAME = 3


def _short_keys(key: str, spanish: bool) -> list[str]:
    """Shorter forms of a folded personal name of three words or more: first and last word,
    first and last two (a double surname), and for Spanish naming all but the last."""
    words = key.split()
    while words and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) < 3 or words[-2] in _PARTICLES:
        return []
    out = [f"{words[0]} {words[-1]}"]
    if len(words) >= 4:
        out.append(" ".join([words[0], *words[-2:]]))
    if spanish:
        out.append(" ".join(words[:-1]))
    return list(dict.fromkeys(out))


def surname_of(key: str) -> str:
    """The surname of a folded personal name ("" for organisations and single words).

    Particles stay with it ("ursula von der leyen" -> "von der leyen"), suffixes go.
    """
    words = key.split()
    while words and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) < 2 or len(words) > 5 or _ORG_WORDS.intersection(words):
        return ""
    i = len(words) - 1
    while i > 1 and words[i - 1] in _PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _surnames_of(key: str) -> list[str]:
    """The surname, and for longer names the last two words too: a double-barrelled surname
    folds into two words ("greta vollmer brandt" -> "brandt", "vollmer brandt")."""
    surname = surname_of(key)
    if not surname:
        return []
    words = key.split()
    if " " not in surname and len(words) >= 3 and words[-1] not in _SUFFIXES:
        return [surname, " ".join(words[-2:])]
    return [surname]


# --- the table --------------------------------------------------------------------------------


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class Knowledge:
    """The loaded table: people (each a tuple of offices) and the keys that reach them.

    ``Knowledge(lines)`` computes the keys from people.tsv's lines: the full-name index with the
    table, the surname and spelling-variant indexes on their first use, since many articles
    never need them. ``Knowledge.from_files`` reads them, computed once, from the key file.

    Each index maps a key to a string, parsed at each use (``_people``): comma-separated person
    numbers for names and surnames, ``|``-separated name keys for spelling variants. Tens of
    thousands of keys load as plain strings, and a question parses only the few it needs.
    """

    def __init__(self, lines: list[str]) -> None:
        # Per person, its raw rows; parsed into Office tuples on first use (most never are).
        self._rows: list[list[str]] = []
        self._offices: dict[int, tuple[Office, ...]] = {}
        self.names: dict[str, str] = {}
        self.bare_surnames: list[tuple[str, int]] = []  # "+MERKEL" variants, for by_surname
        self._surnames: dict[str, str] | None = None
        self._loose: dict[str, str] | None = None
        self._short: dict[str, str] | None = None
        # From the key file: people.tsv's bytes, where each person's rows start, and the
        # surname and spelling-variant sections, parsed on first use.
        self._data = b""
        self._starts: array[int] = array("q")
        self._pending: dict[str, str] = {}
        names: dict[str, list[int]] = {}
        rows: list[str] = []
        for line in lines:
            if not line or line[0] == "#" or "\t" not in line:
                continue
            tab = line.index("\t")
            if line[tab + 1 : tab + 2] == "\t" and rows:
                rows.append(line)  # a further office of the same person (no name)
                continue
            # A person's first row carries the name and variants; the others leave them out.
            cols = line.split("\t")
            if len(cols) < 7:
                continue
            rows = [line]
            self._rows.append(rows)
            variants = cols[7] if len(cols) > 7 else ""
            self._index(names, len(self._rows) - 1, fold(cols[1]), variants.split("|") if variants else [])
        self.names = _joined(names)

    @classmethod
    def from_files(cls, data: bytes, keys: str) -> Knowledge | None:
        """The table of people.tsv's bytes with the keys of its key file (``index_lines``'s
        text); None when the key file was written for another table."""
        self = cls([])
        header = keys[: keys.find("\n", keys.find(_DIGEST_LINE)) + 1]
        if f"{_DIGEST_LINE}{table_digest(data)} people " not in header:
            return None
        self._data = data
        # A person's first row is the one with a name: "<id>\t<name>\t...".
        self._starts = array("q", (m.start() for m in _PERSON_ROW.finditer(data)))
        if f" people {len(self._starts)}\n" not in header:
            return None
        self._starts.append(len(data))
        body = len(header)
        short_at = _section_start(keys, "D", body)
        loose_at = min(_section_start(keys, "L", body), short_at)
        surname_at = min(_section_start(keys, "S", body), loose_at)
        self.names = _parse_section(keys[body:surname_at])
        self._pending = {"S": keys[surname_at:loose_at], "L": keys[loose_at:short_at], "D": keys[short_at:]}
        return self

    def _index(self, names: dict[str, list[int]], index: int, main: str, variants: list[str]) -> None:
        last = main.rsplit(" ", 1)[-1]
        for key in (main, *variants):
            if not key:
                continue
            if key == last and " " in main and surname_of(main):
                # "+MERKEL" under "ANGELA_MERKEL_": a bare surname, never a full name.
                self.bare_surnames.append((key, index))
                continue
            _push(names, key, index)
            if key.count(" ") >= 2:
                for extra in _extra_keys(key):
                    _push(names, extra, index)

    def _is_body(self, index: int) -> bool:
        """True when person ``index``'s first row is a party, company or other body."""
        cols = self._lines_of(index)[0].split("\t")
        cols += [""] * (6 - len(cols))
        return _body_row(cols[3], bool(cols[4] or cols[5]))

    def _lines_of(self, index: int) -> list[str]:
        if not self._data:
            return self._rows[index]
        text = self._data[self._starts[index] : self._starts[index + 1]].decode("utf-8")
        return [line for line in text.splitlines() if line and line[0] != "#" and "\t" in line]

    def offices(self, index: int) -> tuple[Office, ...]:
        """The offices of one person of the table."""
        found = self._offices.get(index)
        if found is None:
            name = ""
            parsed = []
            for line in self._lines_of(index):
                cols = line.rstrip("\n").split("\t")
                cols += [""] * (7 - len(cols))
                name = cols[1] or name
                parsed.append(
                    Office(name, cols[2], cols[3], _date(cols[4]), _date(cols[5]), SOURCES.get(cols[6], cols[6]))
                )
            found = self._offices[index] = tuple(parsed)
        return found

    @property
    def surnames(self) -> dict[str, str]:
        """Surname -> people (``_people``), from every full name (built on first use)."""
        if self._surnames is None and "S" in self._pending:
            self._surnames = _parse_section(self._pending.pop("S"))
        if self._surnames is None:
            index: dict[str, list[int]] = {}
            for key, people in self.names.items():
                for surname in _surnames_of(key):
                    for i in _people(people):
                        if not self._is_body(i):  # "Ministerial Queensland" has no surname
                            _push(index, surname, i)
            for key, i in self.bare_surnames:
                _push(index, key, i)
            self._surnames = _joined(index)
        return self._surnames

    @property
    def loose_names(self) -> dict[str, str]:
        """Spelling-tolerant key -> the name keys that give it, ``|`` between (built on first use)."""
        if self._loose is None and "L" in self._pending:
            self._loose = _parse_section(self._pending.pop("L"))
        if self._loose is None:
            index: dict[str, list[str]] = {}
            for key in self.names:
                if " " in key:
                    index.setdefault(loose(key), []).append(key)
            self._loose = {key: "|".join(names) for key, names in index.items()}
        return self._loose

    @property
    def short_names(self) -> dict[str, str]:
        """Shorter form news gives a long personal name -> people (``_people``), built on first use.

        "john evans atta mills" is "John Atta Mills" and "John Mills"; a Spanish-speaking
        country's "alvaro uribe velez" is "Alvaro Uribe" (the mother's surname dropped). Used
        only when the name itself is unknown, and only when it reaches one country."""
        if self._short is None and "D" in self._pending:
            self._short = _parse_section(self._pending.pop("D"))
        if self._short is None:
            index: dict[str, list[int]] = {}
            given: dict[str, int] = {}  # how many names start with each word: given names do
            for key in self.names:
                if " " in key:
                    first = key.split(" ", 1)[0]
                    given[first] = given.get(first, 0) + 1
            for key, people in self.names.items():
                if key.count(" ") < 2 or not surname_of(key):
                    continue
                for i in _people(people):
                    if self._is_body(i):
                        continue
                    home = self.offices(i)[0].country
                    for short in _short_keys(key, home in _SPANISH_NAMING):
                        if short in self.names:
                            continue
                        last = short.rsplit(" ", 1)[-1]
                        if short.count(" ") == 1 and len(_people(self.surnames.get(last, ""))) > _RARE_SURNAME:
                            continue  # "john smith" is too many people's name to mean John Hilary Smith
                        if given.get(last, 0) >= _GIVEN_NAME:
                            continue  # "jorge alberto" of Jorge Alberto Uribe ends in a given name
                        _push(index, short, i)
            self._short = _joined(index)
        return self._short

    def _short_name(self, key: str, on: date | None) -> list[int]:
        """People whose longer name ``key`` is a short form of, when they act for one country."""
        people = list(dict.fromkeys(_people(self.short_names.get(key, ""))))
        if people and len({rank(self.offices(i), on)[0].country for i in people}) == 1:
            return people
        return []

    def _spelling_variant(self, key: str, on: date | None) -> list[int]:
        """People whose name is a spelling variant of ``key``, when they act for one country.

        Two names with the same loose key must also be close as strings: "rudy croes" and
        "red cross" share one, but are different words.
        """
        if " " not in key:
            return []
        variants = self.loose_names.get(loose(key))
        close = [k for k in variants.split("|") if _similar(k, key)] if variants else []
        people = list(dict.fromkeys(i for k in close for i in _people(self.names[k])))
        if people and len({rank(self.offices(i), on)[0].country for i in people}) == 1:
            return people
        return []

    def lookup(self, name: str, on: date | None = None) -> list[Office]:
        """Offices of the people a full name or known variant names, the best first.

        A name several people share gives the offices of all of them, ranked together; the
        caller can compare the countries of the leading ones.
        """
        found = self.people_named(name, on)
        if not found:
            return []
        return rank([o for i in found for o in self.offices(i)], on)

    def people_named(self, name: str, on: date | None = None) -> list[int]:
        """The people (their numbers in the table) a full name or known variant names."""
        key = fold(name)
        found = _people(self.names.get(key, ""))
        if not found:
            for extra in _extra_keys(key):
                found = _people(self.names.get(extra, ""))
                if found:
                    break
        if not found and " " in key:
            found = self._short_name(key, on)
        if not found and " " in key:
            # A spelling variant of a full name (never of one word: "NISA" is not "NASA"):
            # trusted only when it cannot mean two countries.
            found = self._spelling_variant(key, on)
        return list(dict.fromkeys(found))

    def surname_countries(self, surname: str, on: date | None = None) -> set[str]:
        """The countries the bearers of a surname act for: empty when unknown, several when
        ambiguous. Same counting as ``by_surname``."""
        return {o.country for o in self._bearers(surname, on)}

    def _bearers(self, surname: str, on: date | None) -> list[Office]:
        # Each bearer counts with their best office: the latest appointment valid on the date
        # (an open-ended one from an older source gives way to a newer one), or the latest.
        chosen = []
        for i in dict.fromkeys(_people(self.surnames.get(fold(surname), ""))):
            best = rank(self.offices(i), on)[0]
            if on is None or (_valid(best, on) and (best.start or best.end)):
                chosen.append(best)
        return chosen

    def by_surname(self, surname: str, on: date | None = None) -> list[Office]:
        """Offices for a bare surname, only when all who bear it act for one country.

        With a date, only people in a dated office on that date count; without one, each
        person counts with their latest office. Anything ambiguous gives [].
        """
        chosen = self._bearers(surname, on)
        if not chosen or len({o.country for o in chosen}) != 1:
            return []
        people = dict.fromkeys(_people(self.surnames[fold(surname)]))
        return rank([o for i in people for o in self.offices(i) if o.country == chosen[0].country], on)

    def full_names(self) -> Iterator[str]:
        """Every folded name key of two words or more."""
        return (key for key in self.names if " " in key)


_DIGEST_LINE = "# people.tsv sha256 "
_PERSON_ROW = re.compile(rb"^\d+\t[^\t\n]", re.MULTILINE)


def _section_start(text: str, kind: str, start: int) -> int:
    """Where a key file's lines of one kind begin (the writer groups them), or its end."""
    at = text.find(f"\t{kind}\t", start)
    return len(text) if at < 0 else text.rfind("\n", 0, at) + 1


def _parse_section(text: str) -> dict[str, str]:
    """``key<TAB>kind<TAB>value`` lines -> {key: value}, split in one go (no loop per line)."""
    parts = text.replace("\n", "\t").split("\t")
    return dict(zip(parts[0::3], parts[2::3], strict=False))  # a trailing newline leaves one key over


def _people(value: str) -> list[int]:
    """The person numbers of an index value ("" for none)."""
    if not value:
        return []
    if "," not in value:
        return [int(value)]
    return [int(v) for v in value.split(",")]


def _joined(index: dict[str, list[int]]) -> dict[str, str]:
    return {key: ",".join(map(str, people)) for key, people in index.items()}


def _similar(a: str, b: str) -> bool:
    """Whether two name keys differ only as spellings of one name do: a few letters overall
    and in every word ("mohammed morsi" / "muhammad mursi", not "red cross" / "rudy croes")."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or SequenceMatcher(None, a, b).ratio() < 0.75:
        return False
    return all(SequenceMatcher(None, x, y).ratio() >= 0.6 for x, y in zip(words_a, words_b, strict=True))


def _push(index: dict[str, list[int]], key: str, value: int) -> None:
    bucket = index.setdefault(key, [])
    if not bucket or bucket[-1] != value:
        bucket.append(value)


def _valid(office: Office, on: date) -> bool:
    return (office.start is None or office.start <= on) and (office.end is None or on <= office.end)


def rank(offices: list[Office] | tuple[Office, ...], on: date | None) -> list[Office]:
    """Offices in order of relevance.

    On a date: dated offices valid then (the latest appointment first), then undated ones
    (valid at any date), then the rest by distance in time. Without a date: the latest office
    first (open-ended counts as latest), undated ones last.
    """
    if on is None:

        def recency(o: Office) -> tuple:
            if o.start is None and o.end is None:
                return (0, date.min, date.min)
            return (1, o.end or date.max, o.start or date.min)

        return sorted(offices, key=recency, reverse=True)

    def score(o: Office) -> tuple:
        if o.start is None and o.end is None:
            return (1, 0)
        if _valid(o, on):
            return (0, -(o.start or date.min).toordinal())
        gap = (on - o.end).days if o.end and o.end < on else ((o.start or on) - on).days
        return (2, gap)

    return sorted(offices, key=score)


# --- lazy module-level access -------------------------------------------------------------

_lock = threading.Lock()
_table: Knowledge | None = None


def table_digest(data: bytes) -> str:
    """The fingerprint of a people.tsv that its key file records (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def index_lines(table: Knowledge, digest: str) -> Iterator[str]:
    """The key file of a table computed from its rows (``Knowledge(lines)``), line by line.

    ``key<TAB>kind<TAB>value``, grouped by kind: N (full name -> person numbers, comma
    between), then S (surname -> person numbers), then L (spelling-variant key -> full-name
    keys, ``|`` between). A person's number is its place in people.tsv counting from 0. Each
    index keeps its order, so reading it gives the very dicts computing it does. ``digest`` is
    the table's ``table_digest``; the last header line records it and the number of people.
    """
    yield "# people_keys.tsv: the name keys of people.tsv, computed by knowledge.py's fold, loose"
    yield "# and surname_of, so that loading the table needs no folding. Written by build_people.py"
    yield "# (or its --reindex) with people.tsv; do not edit. Same sources and licences as people.tsv."
    yield "# Columns: key<TAB>kind<TAB>value. N: full name -> person numbers (place in people.tsv from"
    yield "#   0, comma between); S: surname -> person numbers; L: spelling-variant key -> names (| between);"
    yield "#   D: short form of a longer personal name -> person numbers."
    yield f"{_DIGEST_LINE}{digest} people {len(table._rows)}"
    for kind, index in (("N", table.names), ("S", table.surnames), ("L", table.loose_names), ("D", table.short_names)):
        for key, value in index.items():
            yield f"{key}\t{kind}\t{value}"


def _load() -> Knowledge:
    data = DATA_FILE.read_bytes()
    try:
        found = Knowledge.from_files(data, KEYS_FILE.read_text(encoding="utf-8"))
    except OSError:
        found = None
    if found is not None:
        return found
    # Correct but slow: someone changed people.tsv without rebuilding its keys.
    _log.warning("%s is missing or out of date; computing name keys (run build_people.py --reindex)", KEYS_FILE.name)
    return Knowledge(data.decode("utf-8").splitlines())


def table() -> Knowledge:
    """The shared table, read from ``people.tsv`` and its key file on first call."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


def lookup(name: str, on: date | None = None) -> list[Office]:
    """Offices held by the person or body called ``name``, those valid on ``on`` first."""
    return table().lookup(name, on)


def same_person(a: str, b: str) -> bool:
    """True when the table knows two full names as one person ("Nana Akufo-Addo" and "Nana
    Addo Dankwa Akufo-Addo"): each names exactly that one person."""
    t = table()
    first, second = t.people_named(a), t.people_named(b)
    return len(first) == 1 and first == second


def by_surname(surname: str, on: date | None = None) -> list[Office]:
    """Offices for a bare surname when it is unambiguous (one country); [] otherwise."""
    return table().by_surname(surname, on)


def surname_countries(surname: str, on: date | None = None) -> set[str]:
    """Countries of a surname's bearers: tells an ambiguous surname from an unknown one."""
    return table().surname_countries(surname, on)


def known_full_names() -> Iterator[str]:
    """Folded multi-word names the table knows (match them against folded text)."""
    return table().full_names()


#: Role codes of rows that are bodies, not people: Phoenix's companies, NGOs and international
#: bodies (with their sector suffixes) and Party Facts' parties.
_BODY_ROLE = re.compile(r"^(?:MNC|NGO|IGO)[A-Z]*$|^party$")


def _body_row(role: str, dated: bool) -> bool:
    """Whether a row with this role is a body's. Phoenix gives an international body's officials
    its own code, but with the dates of their term ("KOFI_ANNAN_ [IGOUNO 970101-061231]"); the
    body itself has none. Parties' rows carry their years and are bodies all the same."""
    return bool(_BODY_ROLE.match(role)) and not (dated and role.startswith("IGO"))


def _body_office(o: Office) -> bool:
    return _body_row(o.role, o.start is not None or o.end is not None)


def is_body_name(name: str, on: date | None = None) -> bool:
    """True when every row the table has for ``name`` is a body (party, company, NGO,
    international body): "the Muslim Brotherhood" is not a person, however the recogniser reads it."""
    offices = lookup(name, on)
    if not offices:
        return unplaced_body(name) is not None
    return all(_body_office(o) for o in offices)


UNPLACED_FILE = DATA_FILE.with_name("bodies_unplaced.tsv")
_unplaced: dict[str, str] | None = None


def unplaced_body(name: str) -> str | None:
    """The kind of body (NGO, IGO, MNC) of a name the dictionaries know as a body but place in
    no country ("Human Rights Watch", "Reporters Without Borders"), or None."""
    global _unplaced
    if _unplaced is None:
        try:
            lines = UNPLACED_FILE.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        _unplaced = dict(line.split("\t", 1) for line in lines if line and line[0] != "#" and "\t" in line)
    return _unplaced.get(fold(name))


def is_known_body(name: str) -> bool:
    """True when the table knows ``name`` (exactly, no spelling variants) as a body: every row
    is a party, company or international body, or the name itself is a body's ("... Movement
    ...", "... Front"). Cheap enough to ask of every capitalised run of a text."""
    key = fold(name)
    t = table()
    if not key or key not in t.names:
        return unplaced_body(name) is not None
    return not surname_of(key) or all(_body_office(o) for i in _people(t.names[key]) for o in t.offices(i))


def is_known_name(word: str) -> bool:
    """True when some person or body in the table is called ``word`` or bears it as surname."""
    key = fold(word)
    t = table()
    return bool(key) and (key in t.names or key in t.surnames)


#: Words that make a table key a title or description rather than a name ("us defense
#: secretary", "president barack obama": Phoenix lists such forms as names).
_TITLE_WORDS = frozenset(
    """president vice prime minister secretary chancellor king queen prince princess emir sheikh
    general gen colonel col major lieutenant admiral commander chief head leader spokesman
    spokeswoman ambassador envoy senator sen rep representative governor mayor judge justice
    mr mrs ms dr sir lord lady pope cardinal bishop archbishop ayatollah imam rabbi
    defense defence foreign interior state us u s uk un eu nato former acting deputy""".split()
)


def is_person_name(text: str) -> bool:
    """True when ``text`` is the full name (two words or more) of a person in the table, not a
    title-laden form of one."""
    key = fold(text)
    if " " not in key or _TITLE_WORDS.intersection(key.split()):
        return False
    t = table()
    # a short form of a longer known name counts too ("Jorge Alberto Uribe" for the table's
    # Jorge Alberto Uribe Echavarria): the model skips such names as often as full ones
    return bool(surname_of(key)) and (key in t.names or key in t.short_names)
