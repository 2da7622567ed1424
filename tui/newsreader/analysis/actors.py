"""Actors: entity mentions merged into people, organisations, countries, places and groups.

A person mentioned as "Kazakhstan President Kassym-Jomart Tokayev", "President Tokayev",
"Tokayev" and "the Kazakh president" is one actor with role "President" and country KAZ.
Countries come from what the text says first -- a demonym or country in the title ("French
President"), a possessive ("Jordan's Prime Minister"), an apposition ("Naoto Kan, the Japanese
prime minister"), the organisation a person heads ("European Commission Chief" -> EU) -- then the
gazetteer, then the knowledge tables of dated offices (data/people.tsv, see knowledge.py), and
last the article's dominant country (marked "context": a guess the panel shows as one). Where someone lives is not their nationality, so locative phrases are never used.

Pure Python over spaCy docs; no UI imports.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from newsreader.analysis.model import Actor, ArticleMeta, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATA_DIR = Path(__file__).resolve().parent / "data"

#: How much we trust where a country came from; a weaker source never replaces a stronger one.
EVIDENCE_TEXT = 5  # the text ties the actor to a country (title, possessive, apposition, name)
EVIDENCE_ORG = 4  # the organisation a person heads or speaks for
EVIDENCE_GAZETTEER = 3
EVIDENCE_OFFICE = 2  # curated offices table
EVIDENCE_CONTEXT = 1  # the article's dominant country

#: How strongly the story's place must lead before an unplaced person or body is filed under it:
#: the leading country's weight around the first mention over the next one's; at or below this
#: (a near tie) the actor goes under "Country not stated" rather than under a coin-toss flag.
#: Measured on the tuning gold: asking for a lead of 1.3 / 1.6 cost 5 / 6 points of actor-country
#: accuracy (the leader is right more often than not), 1.0-1.1 nothing once the knowledge tables
#: place the people they know. The guess that remains is marked "context" in the panel.
CONTEXT_LEAD = 1.1

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it", "they", "them"}

_FALLBACK_TITLES = (
    "president", "vice president", "prime minister", "minister", "chancellor", "secretary",
    "secretary-general", "secretary general", "chief", "king", "queen", "prince", "emir", "premier",
    "leader", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "governor", "mayor",
    "senator", "general", "commander", "head", "chairman", "director", "official", "foreign minister",
)
_FALLBACK_MODIFIERS = ("former", "acting", "deputy", "vice", "interim", "government", "foreign", "defence",
                       "defense", "interior", "senior", "top", "state")


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    if not path.is_file():
        return []
    return [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


@lru_cache(maxsize=1)
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(title words, title modifier words), lower case. Uses the shared titles list when present."""
    titles = _read_lines("titles.txt") or list(_FALLBACK_TITLES)
    modifiers = _read_lines("titles_modifiers.txt") or list(_FALLBACK_MODIFIERS)
    words: set[str] = set()
    for t in titles:
        words.update(w.lower() for w in re.split(r"[\s]+", t) if w)
    words.update(("president", "minister", "chief", "leader", "premier", "official", "spokesman",
                  "spokeswoman", "spokesperson", "head", "secretary", "chairman", "commander"))
    return frozenset(words), frozenset(m.lower() for m in modifiers)


@lru_cache(maxsize=1)
def offices() -> dict:
    """The curated table of state bodies (institutions by name, generic body nouns)."""
    path = DATA_DIR / "offices.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    # case-sensitive: "Congress" is the US Congress, "a party congress" is not
    institutions = {name: code for code, names in data.get("institutions", {}).items() for name in names}
    return {
        "institutions": institutions,
        "bodies": frozenset(data.get("bodies", [])),
        "collective": frozenset(data.get("collective", [])),
    }


#: Knowledge sources whose dated offices are national or international posts (ministers, heads
#: of state, of government, of organisations): holding one on the article's date is enough.
LEADING_SOURCES = frozenset({"wikidata", "curated", "phoenix-countries", "phoenix-international"})


#: Offices whose holders news names by surname alone (Wikidata position labels).
TOP_OFFICE = re.compile(r"^(?!vice|deputy)(?:.*\b)?(?:president|prime minister|chancellor|king|queen|emir|sultan|"
                        r"secretary[- ]general|premier|supreme leader|head of state|monarch)\b", re.IGNORECASE)


def _in_office(office, on: date) -> bool:
    """True when a dated office (it has a start or an end) covers ``on``."""
    if office.start is None and office.end is None:
        return False
    return (office.start is None or office.start <= on) and (office.end is None or on <= office.end)


def institution_country(name: str) -> str | None:
    """Country of a national body whose name does not say it ("Senate", "Kremlin"); for a body's
    members, of the members' group ("Senate Republicans" -> "Republicans")."""
    table = offices()["institutions"]
    name = clean_name(name).replace("\u2019", "'")
    code = table.get(name)
    if code is None and " " in name:
        code = table.get(name.rsplit(" ", 1)[1])
    return code


def fold(text: str) -> str:
    """Lower-case, accent-free, typographic-quote-free form used to compare names."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def slug(text: str) -> str:
    """A stable id fragment: "Kassym-Jomart Tokayev" -> "kassym-jomart-tokayev"."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "actor"


def clean_name(text: str) -> str:
    """Name as shown: quotes and a trailing possessive removed, spaces collapsed."""
    text = " ".join(text.replace("\u2019", "'").split())
    text = re.sub(r"'s$|'$", "", text).strip(" ,.;:\"'()[]")
    return re.sub(r"^(?:the|The)\s+", "", text)


def name_parts(name: str) -> list[str]:
    """Comparable parts of a person's name; hyphenated parts also count on their own."""
    parts = []
    for w in fold(name).replace(".", " ").split():
        parts.append(w)
        if "-" in w:
            parts.extend(p for p in w.split("-") if p)
    return parts


def may_be_same_person(known: list[str], later: list[str]) -> bool:
    """Whether a later mention's name parts can name a person already known by ``known``.

    A part of the name ("Tokayev", "Kassym-Jomart Tokayev") or a fuller form that only adds
    initials ("George W. Bush" after "George Bush") is the same person. A later full name that
    adds a whole word ("Gloria Morgan Vanderbilt" after "Gloria Vanderbilt") is someone else,
    usually a relative: an article that calls one person both ways gives the fuller form first.
    """
    k, n = set(known), set(later)
    if n <= k:
        return True
    if not k <= n:
        return False
    return len(known) == 1 or all(len(p) == 1 for p in n - k)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper())


@dataclass
class Draft:
    """An actor being assembled; becomes a model.Actor at the end."""

    key: str
    name: str
    kind: str
    country: str | None = None
    evidence: int = 0
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    is_source: bool = False
    parts: list[str] = field(default_factory=list)
    last_seen: int = -1
    is_igo: bool = False

    def set_country(self, code: str | None, evidence: int) -> None:
        if code and evidence > self.evidence:
            self.country, self.evidence = code, evidence

    @property
    def country_source(self) -> str | None:
        """"text", "knowledge" or "context": where the country came from (``model.Actor``)."""
        if not self.country:
            return None
        if self.evidence >= EVIDENCE_ORG:
            return "text"
        if self.evidence == EVIDENCE_GAZETTEER:
            # a state, place or nationality word names its country; an organisation's home is looked up
            return "text" if self.kind in ("country", "place", "group") else "knowledge"
        if self.evidence == EVIDENCE_OFFICE:
            return "knowledge"
        return "context"

    def add_mention(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        self.last_seen = max(self.last_seen, start)


class ActorRegistry:
    """Collects actors for one document and resolves tokens (names, pronouns, descriptions) to them."""

    def __init__(self, gazetteer, entities: list[Entity], context_country=None, meta: ArticleMeta | None = None):
        self.gaz = gazetteer
        self.meta = meta or ArticleMeta()
        self.sports = False  # a sports report: its two sides are never one context country
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self.drafts: dict[str, Draft] = {}
        self.by_span: dict[tuple[int, int], Draft] = {}
        # a country code, or a function from a text position to the country in context there
        self.context_country = context_country
        self._starts = [e.start for e in self.entities]

    # -- lookups -------------------------------------------------------------------------------
    def country_of(self, text: str) -> str | None:
        try:
            return self.gaz.country_of(text)
        except Exception:
            return None

    def is_source_name(self, text: str) -> bool:
        try:
            return bool(self.gaz.is_news_source(text))
        except Exception:
            return False

    def is_publisher(self, text: str) -> bool:
        """True for the outlet that published the article ("Wikinews interviews ..."): it is
        neither an actor of its own story nor a source it quotes."""
        publisher = self.meta.publisher
        if not publisher:
            return False
        # "Wikinews (text via ...)", "Reuters, London": the outlet's own name comes first
        head = fold(clean_name(re.split(r"\s*[(,;|/]\s*|\s+-\s+|\s+via\s+", publisher, maxsplit=1)[0]))
        name = fold(clean_name(text))
        # "Wikinews" for "Wikinews interview": the outlet's name is the head's first words
        return bool(name) and (head == name or head.startswith(name + " "))

    def is_org_code(self, code: str | None) -> bool:
        try:
            return bool(code) and bool(self.gaz.is_organization_code(code))
        except Exception:
            return False

    def kind_of(self, text: str) -> str | None:
        try:
            return self.gaz.kind_of(text)
        except Exception:
            return None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity overlapping [start, end), if any (entities are few per sentence)."""
        import bisect

        i = bisect.bisect_right(self._starts, start)
        for j in range(max(0, i - 3), min(len(self.entities), i + 3)):
            e = self.entities[j]
            if e.start < end and start < e.end and e.layer in ("people", "organizations", "places", "groups"):
                return e
        return None

    # -- creating actors -----------------------------------------------------------------------
    def _new(self, key: str, name: str, kind: str) -> Draft:
        base, n = key, 2
        while key in self.drafts and self.drafts[key].kind != kind:
            key = f"{base}-{n}"
            n += 1
        draft = self.drafts.get(key)
        if draft is None:
            draft = Draft(key=key, name=name, kind=kind)
            self.drafts[key] = draft
        return draft

    def person(self, name: str, start: int, end: int) -> Draft:
        """The person called ``name``, merged with earlier mentions by name parts."""
        name = clean_name(name)
        parts = name_parts(name)
        best = None
        if parts:
            same = [d for d in self.drafts.values() if d.kind == "person" and d.parts == parts]
            if same:
                best = same[0]
            for d in self.drafts.values() if best is None else ():
                if d.kind != "person" or not d.parts or not may_be_same_person(d.parts, parts):
                    continue
                if best is None or d.last_seen > best.last_seen:
                    best = d
        if best is None:
            best = self._new("person-" + slug(name), name, "person")
            best.parts = parts
        elif len(parts) > len(best.parts):
            best.name, best.parts = name, parts  # the fuller form names the actor
        best.add_mention(start, end)
        self.by_span[(start, end)] = best
        return best

    def known_person_part(self, word: str) -> Draft | None:
        """The one person whose name contains ``word`` ("Gates" -> Robert Gates), if unambiguous."""
        w = fold(clean_name(word))
        hits = [d for d in self.drafts.values() if d.kind == "person" and w in d.parts and len(w) > 2]
        return hits[0] if len(hits) == 1 else None

    def organization(self, name: str, start: int, end: int, code: str | None = None) -> Draft:
        """An organisation; international organisations carry their own code as country."""
        name = clean_name(name)
        is_source = self.is_source_name(name)
        folded = fold(name)
        best = None
        for d in self.drafts.values():
            if d.kind != "organization":
                continue
            other = fold(d.name)
            if other == folded or (name.isupper() and initials(d.name) == name) or (
                d.name.isupper() and initials(name) == d.name
            ):
                best = d
                break
        if best is None:
            best = self._new(("source-" if is_source else "org-") + slug(name), name, "organization")
            best.is_source = is_source
            if is_source:
                home = getattr(self.gaz, "sources", {}).get(name) if hasattr(self.gaz, "sources") else None
                best.set_country(home or None, EVIDENCE_GAZETTEER)  # where the outlet is based
            else:
                code = code or self.country_of(name)
                if code:
                    best.is_igo = self.is_org_code(code)
                    best.set_country(code, EVIDENCE_TEXT if best.is_igo else EVIDENCE_GAZETTEER)
                else:
                    best.set_country(self.named_in(name), EVIDENCE_TEXT)
        else:
            if not name.isupper() and best.name.isupper():
                best.name = name  # prefer the spelled-out name over the acronym
            if code and not best.is_source and self.is_org_code(code):
                best.is_igo = True  # a later "Name (ACRONYM)" says which organisation it is
                best.set_country(code, EVIDENCE_TEXT)
        best.add_mention(start, end)
        self.by_span[(start, end)] = best
        return best

    def country(self, code: str, name: str, start: int, end: int) -> Draft:
        """A state acting as itself (one actor per code)."""
        draft = self._new("country-" + slug(code), clean_name(name), "country")
        draft.set_country(code, EVIDENCE_TEXT)
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    def named_in(self, name: str) -> str | None:
        """The one state or international organisation an organisation's own name contains:
        "NATO Response Force" -> NATO, "Government of Iraq" -> IRQ, "Bank of Korea" -> KOR.
        None when it names none, or several ("EU-Turkey Council")."""
        words = re.findall(r"[\w.'’-]+", name)
        found = set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i:i + size])
                if not part[:1].isupper() or i > 0 and words[i - 1][:1].isupper():
                    continue  # inside a longer name: "South America" is not America
                code = self.country_of(part)
                if code and (self.kind_of(part) == "country" or self.is_org_code(code)):
                    found.add(code)  # a national body's alias ("Congress") says nothing here
        return found.pop() if len(found) == 1 else None

    def country_by_code(self, code: str) -> Draft | None:
        """The actor for a state named only through its capital or a city ("Berlin rejected")."""
        for d in self.drafts.values():
            if d.kind == "country" and d.country == code:
                return d
        try:
            name = self.gaz.country_name(code)
        except Exception:
            name = code
        draft = self._new("country-" + slug(code), name, "country")
        draft.set_country(code, EVIDENCE_TEXT)
        return draft

    def place(self, name: str, code: str | None, start: int, end: int) -> Draft:
        draft = self._new("place-" + slug(name), clean_name(name), "place")
        draft.set_country(code, EVIDENCE_GAZETTEER)
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    def group(self, name: str, country: str | None, start: int, end: int, evidence: int = EVIDENCE_TEXT) -> Draft:
        """A body or group acting for a country: "Kazakh officials", "Russian forces", "police"."""
        name = clean_name(name)
        draft = self._new("group-" + slug(name), name, "group")
        draft.set_country(country, evidence)
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    # -- finishing -----------------------------------------------------------------------------
    @property
    def article_date(self) -> "date | None":
        """The article's date (from its metadata), or None."""
        try:
            return date.fromisoformat((self.meta.date or "")[:10])
        except ValueError:
            return None

    def known_country(self, d: Draft) -> str | None:
        """The country or organisation the knowledge tables give a person or body on the
        article's date: the full name (or a known variant), or a bare surname when the table
        has one country for it (in office on that date, when the article is dated)."""
        from newsreader.analysis import knowledge

        on = self.article_date
        try:
            offices = knowledge.lookup(d.name, on)
            surname_only = not offices and d.kind == "person" and len(d.parts) == 1
            if surname_only:
                offices = knowledge.by_surname(d.name, on)
        except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
            return None
        mentioned = self._countries_mentioned()
        for office in offices[:4]:
            # A name is not a person: "David Miller" in a British court story is not Toronto's
            # mayor. The table's answer counts when the article involves that country, or when
            # the person held a national office on the article's date (a bare surname: the
            # only bearer in office then, which by_surname already checked).
            if office.country in mentioned:
                return office.country
            if office.source not in LEADING_SOURCES:
                continue
            if on is not None and _in_office(office, on):
                return office.country
            if on is None and surname_only and TOP_OFFICE.search(office.role):
                return office.country  # undated text: the only bearer is a head of state ("Putin")
        return None

    def _countries_mentioned(self) -> set[str]:
        """Every state and organisation code the article names (places, nationalities, bodies)."""
        ctx = self.context_country
        found = set(getattr(ctx, "total", {}) or ())
        found.update(d.country for d in self.drafts.values() if d.country and d.evidence >= EVIDENCE_GAZETTEER)
        return found

    def apply_fallbacks(self) -> None:
        """Countries for actors the text did not place: the knowledge tables on the article's
        date, the curated institutions, and last (marked "context") where the story happens."""
        for d in self.drafts.values():
            if d.country or (d.is_source and d.kind != "person"):
                continue
            if d.kind in ("person", "organization"):
                code = self.known_country(d)
                if code:
                    d.set_country(code, EVIDENCE_OFFICE)
                    continue
            if d.kind == "organization":
                code = institution_country(d.name)
                if code:
                    d.set_country(code, EVIDENCE_OFFICE)
                    continue
            if d.kind in ("person", "organization", "group") and not self.sports:
                # a sports report has two sides: where it is played says nothing of whose side
                # a player, coach or referee is on
                pos = min(d.mentions)[0] if d.mentions else 0
                d.set_country(self._context_for(pos, d.kind), EVIDENCE_CONTEXT)

    def _context_for(self, pos: int, kind: str) -> str | None:
        """The country in context for an actor the text did not place, when one clearly leads.

        For people and bodies, where the story happens counts together with whose people the
        story is about: an article on US politics mentions Iraq a lot, but its unplaced senators
        are American. When two countries weigh about the same (a summit, a dispute, a round-up)
        the guess would be a coin toss: None, and the actor is listed as "country not stated".
        """
        ctx = self.context_country
        if not callable(ctx):
            return ctx
        place = ctx.scores(pos) if hasattr(ctx, "scores") else {}
        placed: dict[str, int] = {}
        for d in self.drafts.values():
            if d.kind in ("person", "organization", "group") and d.evidence >= EVIDENCE_OFFICE and d.country \
                    and not d.is_source and not self.is_org_code(d.country):
                placed[d.country] = placed.get(d.country, 0) + 1
        if not place and not placed:
            return ctx(pos)
        top = max(place.values()) if place else 1.0
        n = sum(placed.values()) or 1
        score = {c: v / top for c, v in place.items()}
        if sum(placed.values()) >= 2 and kind == "person":
            for c, k in placed.items():
                score[c] = score.get(c, 0) + 1.5 * k / n
        if not score:
            return ctx(pos)
        ranked = sorted(score.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] <= CONTEXT_LEAD * ranked[1]:
            return None
        return max(score, key=lambda c: score[c])

    def actors(self) -> list[Actor]:
        """Finished actors, in order of first mention."""
        out = []
        for d in sorted(self.drafts.values(), key=lambda d: min(d.mentions) if d.mentions else (0, 0)):
            out.append(Actor(id=d.key, name=d.name, kind=d.kind, country=d.country, role=d.role,
                             mentions=sorted(d.mentions), is_source=d.is_source,
                             country_source=d.country_source))
        return out


# -- reading roles and countries off the parse --------------------------------------------------

def is_title(tok: "Token") -> bool:
    """True for an office word ("President", "minister", "Chief")."""
    titles, _ = title_words()
    return tok.lower_ in titles or tok.lemma_.lower() in titles


def _is_modifier(tok: "Token") -> bool:
    _, modifiers = title_words()
    return tok.lower_ in modifiers


def title_phrase(doc: "Doc", start: int, registry: ActorRegistry, offset: int) -> tuple[str | None, str | None, int]:
    """Walk left from token ``start`` over a pre-name title: returns (role, country, evidence).

    "French President", "Kazakhstan President", "former Kazakh government minister",
    "European Commission Chief", "Jordan's Prime Minister" (the possessive owner is the country).
    """
    i = start - 1
    role_toks: list["Token"] = []
    country = None
    evidence = 0
    saw_title = False
    while i >= 0:
        t = doc[i]
        if "\n" in t.whitespace_ or t.is_space:
            break
        if t.tag_ == "POS" or t.text in ("'s", "\u2019s"):
            # possessive owner: "Jordan's Prime Minister X"
            j = i - 1
            owner = []
            while j >= 0 and doc[j].pos_ == "PROPN":
                owner.insert(0, doc[j])
                j -= 1
            if owner:
                text = " ".join(o.text for o in owner)
                code = registry.country_of(text)
                if code and saw_title:
                    country, evidence = code, EVIDENCE_TEXT
            break
        if is_title(t) or (t.text[:1].isupper() and t.lower_ in ("chief", "head")):
            saw_title = True
            role_toks.insert(0, t)
        elif _is_modifier(t):
            role_toks.insert(0, t)
        elif t.pos_ in ("PROPN", "ADJ", "NOUN") and t.text[:1].isupper():
            code = registry.country_of(t.text)
            ent = registry.entity_at(offset + t.idx, offset + t.idx + len(t.text))
            if code is None and ent is not None and ent.label in ("ORG", "GPE", "NORP"):
                code = ent.country or registry.country_of(ent.text)
            if code is None:
                # multi-word organisation or country ("European Commission", "Papua New Guinea")
                j = i
                while j - 1 >= 0 and doc[j - 1].pos_ == "PROPN" and not is_title(doc[j - 1]):
                    j -= 1
                text = doc[j:i + 1].text
                code = registry.country_of(text)
                if code:
                    if registry.is_org_code(code):
                        role_toks = list(doc[j:i + 1]) + role_toks
                    i = j
            elif registry.is_org_code(code):
                role_toks.insert(0, t)
            if code is None:
                break
            if country is None or evidence < EVIDENCE_TEXT:
                country = code
                evidence = EVIDENCE_ORG if registry.is_org_code(code) else EVIDENCE_TEXT
        elif t.lower_ in ("-", "the") and role_toks:
            if t.lower_ == "the":
                break
            role_toks.insert(0, t)
        else:
            break
        i -= 1
    if not saw_title:
        return None, country if role_toks or country else None, evidence
    role = " ".join(t.text for t in role_toks if registry.country_of(t.text) is None or registry.is_org_code(
        registry.country_of(t.text))) or None
    return role, country, evidence


def apposition_country(head: "Token", registry: ActorRegistry) -> tuple[str | None, str | None]:
    """(role, country) from an apposition or "X of Y" next to a person: "Naoto Kan, the Japanese
    prime minister", "the Japanese prime minister, Naoto Kan", "Kenzo Oshima, the UN coordinator"."""
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
    for ap in candidates:
        if ap.pos_ not in ("NOUN", "PROPN") or not is_title(ap):
            continue
        country = None
        words = []
        own = {t.i for t in head.subtree} if ap.i == head.head.i else set()
        for t in ap.subtree:
            if t.i in own or t.i < ap.left_edge.i:
                continue  # the person's own name, when the role is the head
            if t.dep_ in ("relcl", "acl", "ccomp", "parataxis", "advcl") or t.i > ap.i + 6 or t.pos_ in (
                    "VERB", "AUX", "PRON") or t.text in ('"', "\u201c", "\u201d", "(", ")", ":", ";"):
                break  # the role ends where a clause or a quotation starts
            if t.dep_ in ("det", "punct"):
                continue
            code = registry.country_of(t.text)
            if t.pos_ in ("ADJ", "PROPN") and code:
                country = country or code
                if registry.is_org_code(code):
                    words.append(t.text)
                continue
            words.append(t.text)
        if country is None:
            for t in ap.subtree:
                if t.ent_type_ in ("GPE", "ORG", "NORP"):
                    code = registry.country_of(t.text)
                    if code:
                        country = code
                        break
        return (" ".join(words) or None), country
    for ap in candidates:
        # "the Nigerian suspect, Umar Farouk Abdulmutallab", "Ana Silva, a Brazilian engineer":
        # a nationality word describing the person
        if ap.pos_ != "NOUN" or ap.tag_.endswith("S"):
            continue
        for c in ap.children:
            if c.dep_ in ("amod", "compound") and c.i < ap.i and registry.kind_of(c.text) == "group":
                code = registry.country_of(c.text)
                if code and not registry.is_org_code(code):
                    return None, code
    return None, None


class CountryContext:
    """Which country the text is about around a position: countries named in the same paragraph
    weigh most, earlier paragraphs less the further back they are, the whole article least. Short
    news round-ups ("Wikinews shorts") change country from one paragraph to the next."""

    def __init__(self, entities: Iterable[Entity], paragraph_starts: list[int], gaz=None,
                 headings: Iterable[int] = ()):
        self.starts = sorted(paragraph_starts) or [0]
        # paragraphs that are headings: a new section starts there, earlier text no longer counts
        self.headings = {self.paragraph(h) for h in headings}
        self.by_para: dict[int, dict[str, float]] = {}
        self.total: dict[str, float] = {}
        for e in entities:
            code = self._code(e, gaz)
            if not code:
                continue
            p = self.paragraph(e.start)
            bucket = self.by_para.setdefault(p, {})
            bucket[code] = bucket.get(code, 0) + 1
            self.total[code] = self.total.get(code, 0) + 1
        self._cache: dict[int, str | None] = {}

    def add_mention(self, pos: int, code: str) -> None:
        """Count a country word the entity recogniser missed ("the Nigerian city of Jos")."""
        p = self.paragraph(pos)
        bucket = self.by_para.setdefault(p, {})
        bucket[code] = bucket.get(code, 0) + 1
        self.total[code] = self.total.get(code, 0) + 1
        self._cache.clear()

    @staticmethod
    def _code(e: Entity, gaz) -> str | None:
        code = e.country
        if e.layer == "organizations":
            code = code or institution_country(e.text)
        elif e.layer not in ("places", "groups"):
            return None
        if not code or len(code) != 3 or not code.isupper():
            return None
        if gaz is not None:
            try:
                if gaz.is_organization_code(code):
                    return None
            except Exception:
                pass
        return code

    def paragraph(self, pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def dominant(self) -> str | None:
        return max(self.total, key=lambda c: self.total[c]) if self.total else None

    def __call__(self, pos: int) -> str | None:
        p = self.paragraph(pos)
        if p in self._cache:
            return self._cache[p]
        scores = self.scores(pos)
        best = max(scores, key=lambda c: scores[c]) if scores else None
        self._cache[p] = best
        return best

    def scores(self, pos: int) -> dict[str, float]:
        """Weight of each country around ``pos`` (same paragraph most, back to the last heading)."""
        p = self.paragraph(pos)
        scores: dict[str, float] = {c: 0.1 * n for c, n in self.total.items()}
        for back in range(0, 6):
            for code, n in self.by_para.get(p - back, {}).items():
                scores[code] = scores.get(code, 0) + n * (3.0 / (1 + back))
            if p - back in self.headings:
                break
        return scores


def dominant_country(entities: Iterable[Entity], gaz=None) -> str | None:
    """The state the article is mostly about: most mentioned ISO3 among places and nationalities."""
    return CountryContext(entities, [0], gaz).dominant()
