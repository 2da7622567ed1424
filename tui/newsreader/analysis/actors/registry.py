"""The actors of one document: mentions merged into people, organisations, countries, places
and groups, each with a country and where that country came from (``countries`` has the ladder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsreader.analysis.actors.countries import (
    CONTEXT_LEAD,
    EVIDENCE_CONTEXT,
    EVIDENCE_GAZETTEER,
    EVIDENCE_OFFICE,
    EVIDENCE_ORG,
    EVIDENCE_TEXT,
    LEADING_SOURCES,
    TOP_OFFICE,
    in_office,
    institution_country,
)
from newsreader.analysis.actors.names import (
    clean_name,
    fold,
    initials,
    may_be_same_person,
    name_parts,
    slug,
    spelled_alike,
)
from newsreader.analysis.datafiles import data_lines
from newsreader.model.analysis import Actor, ArticleMeta, Entity


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
    placed_by_town: bool = False  # the country came from a city or region in the body's name
    aliases: set[str] = field(default_factory=set)  # folded short names the text gave it ("PKK")

    def set_country(self, code: str | None, evidence: int) -> None:
        if code and evidence > self.evidence:
            self.country, self.evidence = code, evidence

    @property
    def country_source(self) -> str | None:
        """ "text", "knowledge" or "context": where the country came from (``model.Actor``)."""
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


#: Words that stand for one half of a divided state ("the North fired first").
COMPASS_POINTS = frozenset({"north", "south", "east", "west"})


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
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
            return None

    def is_source_name(self, text: str) -> bool:
        try:
            return bool(self.gaz.is_news_source(text))
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
            return False

    def source_home(self, text: str) -> str | None:
        """Where a listed news source is based, or None."""
        try:
            return self.gaz.source_home(text)
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
            return None

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
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
            return False

    def kind_of(self, text: str) -> str | None:
        try:
            return self.gaz.kind_of(text)
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
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

    def compass_state(self, text: str) -> str | None:
        """The state "the North" or "the South" stands for: the one state the article names
        with that word first ("North Korea", "the South Korean navy", "South Sudan"); None when
        it names none or several ("North Korea" and "North Macedonia")."""
        word = clean_name(text)
        if word.lower().removeprefix("the ").strip() not in COMPASS_POINTS:
            return None
        word = word.split()[-1].lower()
        codes = set()
        for e in self.entities:
            first = e.text.split(maxsplit=1)
            if len(first) == 2 and first[0].lower() == word and e.country and not self.is_org_code(e.country):
                codes.add(e.country)
        return codes.pop() if len(codes) == 1 else None

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
        name = _POSSESSED.sub("", clean_name(name))  # "Atta Mills's NDC": the owner is the person
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
        if best is None and len(parts) == 1:
            # "Zoellick" after "Robert Zoelick": the same person spelt two ways in one article
            alike = [
                d
                for d in self.drafts.values()
                if d.kind == "person" and len(d.parts) > 1 and spelled_alike(d.parts[-1], parts[0])
            ]
            if len(alike) == 1:
                best = alike[0]
        if best is None and len(parts) > 1:
            # "Nana Addo Dankwa Akufo-Addo" after "Nana Akufo-Addo": the tables know both as one
            best = next((d for d in self._namesakes(parts) if _same_known_person(d.name, name)), None)
        if best is None:
            org = self.org_named(name)
            if org is not None:  # "KBR" after "Kellogg, Brown and Root (KBR)", read as a person
                org.add_mention(start, end)
                self.by_span[(start, end)] = org
                return org
        if best is None and (_is_body(name, self.article_date) or self._state_body_name(name)):
            # "the Muslim Brotherhood" read as a person; a name part of someone already met
            # ("Schwab" after "Klaus Schwab") never gets here
            return self.organization(name, start, end)
        if best is None:
            best = self._new("person-" + slug(name), name, "person")
            best.parts = parts
        elif len(parts) > len(best.parts):
            best.name, best.parts = name, parts  # the fuller form names the actor
        best.add_mention(start, end)
        self.by_span[(start, end)] = best
        return best

    def _namesakes(self, parts: list[str]) -> list[Draft]:
        """People met so far who share a name part with ``parts`` (candidates for one person)."""
        return [
            d for d in self.drafts.values() if d.kind == "person" and len(d.parts) > 1 and set(d.parts) & set(parts)
        ]

    def _state_body_name(self, name: str) -> bool:
        """ "United States Congress", "Turkish Grand National Assembly" read as a person: a name
        that says a country and ends in a kind of body is that country's body."""
        words = name.split()
        return len(words) >= 2 and words[-1].lower() in body_heads() and self.named_in(name) is not None

    def org_named(self, text: str) -> Draft | None:
        """The organisation already met under this name or a short name the text gave it."""
        folded = fold(clean_name(text))
        for d in self.drafts.values():
            if d.kind == "organization" and (fold(d.name) == folded or folded in d.aliases):
                return d
        return None

    def known_person_part(self, word: str) -> Draft | None:
        """The one person whose name contains ``word`` ("Gates" -> Robert Gates), if unambiguous."""
        w = fold(clean_name(word))
        hits = [d for d in self.drafts.values() if d.kind == "person" and w in d.parts and len(w) > 2]
        return hits[0] if len(hits) == 1 else None

    def organization(self, name: str, start: int, end: int, code: str | None = None) -> Draft:
        """An organisation; international organisations carry their own code as country."""
        name = clean_name(name)
        is_source = self.is_source_name(name)
        folded = fold(COMPANY_SUFFIX.sub("", name))
        best = None
        for d in self.drafts.values():
            if d.kind != "organization":
                continue
            other = fold(COMPANY_SUFFIX.sub("", d.name))
            if (
                other == folded
                or folded in d.aliases
                or (name.isupper() and initials(d.name) == name)
                or (d.name.isupper() and initials(name) == d.name)
            ):
                best = d
                break
        if best is None and " " not in name and not is_source and self.kind_of(name) is None:
            # "Newmont" after "Newmont Mining Company": the short name of the one body it starts
            heads = [
                d
                for d in self.drafts.values()
                if d.kind == "organization" and not d.is_source and " " in d.name and fold(d.name).split()[0] == folded
            ]
            if len(heads) == 1:
                best = heads[0]
        if best is None:
            best = self._new(("source-" if is_source else "org-") + slug(name), name, "organization")
            best.is_source = is_source
            if is_source:
                best.set_country(self.source_home(name), EVIDENCE_GAZETTEER)  # where the outlet is based
            else:
                code = code or self.country_of(name)
                if code:
                    best.is_igo = self.is_org_code(code)
                    best.set_country(code, EVIDENCE_TEXT if best.is_igo else EVIDENCE_GAZETTEER)
                else:
                    best.set_country(self.named_in(name), EVIDENCE_TEXT)
                    # a city in its name places the body, not the people around it ("Tehran University")
                    best.placed_by_town = best.country is not None and self.named_in(name, places=False) is None
        else:
            if not name.isupper() and best.name.isupper():
                best.name = name  # prefer the spelled-out name over the acronym
            if code and not best.is_source and self.is_org_code(code):
                best.is_igo = True  # a later "Name (ACRONYM)" says which organisation it is
                best.set_country(code, EVIDENCE_TEXT)
        best.add_mention(start, end)
        self.by_span[(start, end)] = best
        return best

    def alias(self, draft: Draft, name: str, start: int, end: int) -> Draft:
        """``name`` is another name of ``draft``'s body, given by the text itself: "Kurdistan
        Workers' Party (PKK)". Later mentions of either name are the one actor."""
        draft.aliases.add(fold(clean_name(name)))
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    def country(self, code: str, name: str, start: int, end: int) -> Draft:
        """A state acting as itself (one actor per code)."""
        draft = self._new("country-" + slug(code), clean_name(name), "country")
        draft.set_country(code, EVIDENCE_TEXT)
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    def named_in(self, name: str, places: bool = True) -> str | None:
        """The one state or international organisation an organisation's own name contains:
        "NATO Response Force" -> NATO, "Government of Iraq" -> IRQ, "Bank of Korea" -> KOR; failing
        that, the one city it contains ("Tehran University" -> IRN; not a region: "Kurdistan" spans
        several states). None when it names
        none, or several ("EU-Turkey Council")."""
        words = re.findall(r"[\w.'’-]+", name)
        use_places, found, towns, nationals = places, set(), set(), set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                if size == 1 and len(words) > 1 and self._nationality_in_name(words, i):
                    nationals.add(self.country_of(part))  # "Royal Thai Police", "Afghan National Army"
                    continue
                if not part[:1].isupper() or (i > 0 and words[i - 1][:1].isupper()):
                    continue  # inside a longer name: "South America" is not America
                code = self.country_of(part)
                kind = self.kind_of(part)
                if code and (kind == "country" or self.is_org_code(code)):
                    found.add(code)  # a national body's alias ("Congress") says nothing here
                elif size == len(words):
                    continue  # a body named just like a town ("Chernobyl released") is not placed by it
                elif code and kind == "place" and self._city(part):
                    towns.add(code)  # "Tehran University", "Los Angeles Sheriff's office"
        if found:
            return found.pop() if len(found) == 1 else None
        if nationals:
            return nationals.pop() if len(nationals) == 1 else None
        return towns.pop() if use_places and len(towns) == 1 else None

    def _nationality_in_name(self, words: list[str], i: int) -> bool:
        """True when word ``i`` of a body's name is a state's nationality word that says whose
        body it is: not part of a longer place ("South African", "New Zealand") nor of a sea
        ("Indian Ocean Commission")."""
        word = words[i]
        if not word[:1].isupper() or self.kind_of(word) != "group":
            return False
        code = self.country_of(word)
        if not code or self.is_org_code(code):
            return False
        before = words[i - 1].lower() if i > 0 else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        return before not in NAME_QUALIFIERS and after not in WATERS

    def _city(self, text: str) -> bool:
        """An unambiguous city of the city list (not a region, not a name that is also a person's)."""
        try:
            return bool(self.gaz.is_city(text)) and not self.gaz.is_ambiguous(text)
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
            return False

    def country_by_code(self, code: str) -> Draft | None:
        """The actor for a state named only through its capital or a city ("Berlin rejected")."""
        for d in self.drafts.values():
            if d.kind == "country" and d.country == code:
                return d
        try:
            name = self.gaz.country_name(code)
        except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown', never stops the analysis
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
        folded = fold(name)
        # "talks with the government of Iraq" after "The Government of Iraq said": one body
        draft = next(
            (
                d
                for d in self.drafts.values()
                if d.kind == "organization" and not d.is_source and fold(d.name) == folded
            ),
            None,
        ) or self._new("group-" + slug(name), name, "group")
        draft.set_country(country, evidence)
        draft.add_mention(start, end)
        self.by_span[(start, end)] = draft
        return draft

    # -- finishing -----------------------------------------------------------------------------
    @property
    def article_date(self) -> date | None:
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
            if not offices and d.kind != "person" and COMPANY_SUFFIX.search(d.name):
                # "Newmont Mining Company" is the table's "Newmont Mining"
                offices = knowledge.lookup(COMPANY_SUFFIX.sub("", d.name), on)
            surname_only = not offices and d.kind == "person" and len(d.parts) == 1
            if surname_only:
                offices = knowledge.by_surname(d.name, on)
        except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
            return None
        mentioned = self._countries_mentioned()
        if d.kind != "person":
            code = _agreed_country(offices, on)
            if code:
                return code
        for office in offices[:4]:
            # A name is not a person: "David Miller" in a British court story is not Toronto's
            # mayor. The table's answer counts when the article involves that country, or when
            # the person held a national office on the article's date (a bare surname: the
            # only bearer in office then, which by_surname already checked).
            if office.country in mentioned:
                return office.country
            if office.source not in LEADING_SOURCES:
                continue
            if on is not None and in_office(office, on):
                return office.country
            if on is None and surname_only and TOP_OFFICE.search(office.role):
                return office.country  # undated text: the only bearer is a head of state ("Putin")
        if (
            d.kind == "person"
            and not surname_only
            and offices
            and len({o.country for o in offices}) == 1
            and any(o.source in LEADING_SOURCES and FAMOUS_OFFICE.search(o.role) for o in offices)
        ):
            # out of office, or the article undated, but the name is a leader's ("Kofi Annan" after
            # 2006 is still the former UN head, "Dick Cheney" in 2010 the former vice-president): a
            # name that famous is rarely somebody else's. A merely rare surname is not enough: the
            # tables hold few of the people news names ("Thomas Jefferson" is not the Caymanian
            # official "Thomas C. Jefferson").
            return offices[0].country
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
            if d.kind == "group":
                code = self.leader_country(d.name)
                if code:
                    d.set_country(code, EVIDENCE_OFFICE)
                    continue
            if d.kind == "organization" and not self.sports and _generic_state_body(d.name):
                code = self._state_spoken_of(min(d.mentions)[0] if d.mentions else 0)
                if code:
                    d.set_country(code, EVIDENCE_CONTEXT)
                    continue
            if d.kind == "organization" and _unplaced(d.name):
                continue  # an international NGO or body no table places: where the story is says nothing
            if d.kind in ("person", "organization", "group") and not self.sports:
                # a sports report has two sides: where it is played says nothing of whose side
                # a player, coach or referee is on
                pos = min(d.mentions)[0] if d.mentions else 0
                d.set_country(self._context_for(pos, d.kind), EVIDENCE_CONTEXT)

    def _state_spoken_of(self, pos: int) -> str | None:
        """The state the text named last before ``pos`` (nearby), for a state body named only
        by what it is ("the Foreign Ministry"); None without a positional context."""
        last = getattr(self.context_country, "last_before", None)
        code = last(pos) if last is not None else None
        return code if code and not self.is_org_code(code) else None

    def leader_country(self, name: str) -> str | None:
        """ "the Bush administration", "the Merkel government": the body of the person whose
        name it starts with acts for that person's country, when the article names them."""
        words = clean_name(name).split()
        if len(words) < 2 or words[-1].lower() not in LEADER_BODIES:
            return None
        leader = fold(" ".join(words[:-1]))
        people = [
            p for p in self.drafts.values() if p.kind == "person" and p.parts and leader in (p.parts[-1], fold(p.name))
        ]
        for p in people:
            if not p.country:
                p.set_country(self.known_country(p), EVIDENCE_OFFICE)
        countries = {p.country for p in people}
        return countries.pop() if len(countries) == 1 else None

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
            if (
                d.kind in ("person", "organization", "group")
                and d.evidence >= EVIDENCE_OFFICE
                and d.country
                and not d.is_source
                and not self.is_org_code(d.country)
                and not d.placed_by_town
            ):
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
        return [
            Actor(
                id=d.key,
                name=d.name,
                kind=d.kind,
                country=d.country,
                role=d.role,
                mentions=sorted(d.mentions),
                is_source=d.is_source,
                country_source=d.country_source,
            )
            for d in sorted(self.drafts.values(), key=lambda d: min(d.mentions) if d.mentions else (0, 0))
        ]


#: Offices whose holders stay known by their full name after they leave: heads of state and
#: government, their deputies, foreign ministers and members of a national legislature's upper house.
FAMOUS_OFFICE = re.compile(
    TOP_OFFICE.pattern.replace("^(?!vice|deputy)", "^")
    + r"|foreign (?:minister|secretary)|minister (?:of|for) foreign affairs|secretary of state"
    + r"|^senator$",
    re.IGNORECASE,
)

#: The kinds of state body a name may consist of with generic words before it ("Foreign
#: Ministry", "High Court", "Electoral Commission", "Cabinet") or after it ("Ministry of Finance").
STATE_BODIES = frozenset(
    """ministry cabinet government parliament army navy police court treasury commission senate
    assembly congress military presidency judiciary legislature""".split()
)


def _generic_state_body(name: str) -> bool:
    """True for a state body named only by what it is: a few capitalised words ending in a kind
    of state body, or "Ministry of ..." (no name of its own that could say whose it is)."""
    words = name.removeprefix("the ").split()
    if len(words) > 2 and words[0].lower() == "ministry" and words[1] == "of":
        return True
    return len(words) <= 3 and words[-1].lower() in STATE_BODIES and all(w[:1].isupper() for w in words)


#: What follows a possessive inside a name read as a person's ("Atta Mills's NDC").
_POSSESSED = re.compile(r"'s\s+\S.*$")

#: What a leader's name names when followed by one of these words: their government.
LEADER_BODIES = frozenset({"administration", "government", "cabinet"})


def body_heads() -> frozenset[str]:
    """Words that end the name of a body (data/body_heads.txt, shared with the body-name finder)."""
    return frozenset(line.lower() for line in data_lines("body_heads.txt"))


#: Words before a nationality word that make it part of a longer place name.
NAME_QUALIFIERS = frozenset(
    "north south east west central northern southern eastern western upper lower new great greater".split()
)
#: Words after a nationality word that make it a sea's or an ocean's name.
WATERS = frozenset("ocean sea gulf".split())

#: A company's legal-form word at the end of its name, which the tables often leave out.
COMPANY_SUFFIX = re.compile(
    r"[\s,]+(?:company|co\.?|corporation|corp\.?|incorporated|inc\.?|limited|ltd\.?|"
    r"plc|group|holdings|llc|s\.?a\.?|ag|gmbh)$",
    re.IGNORECASE,
)


def _agreed_country(offices, on: date | None) -> str | None:
    """The country a body's rows agree on, valid on the article's date.

    A body's full name is not a common name the way "David Miller" is: when the rows agree
    (Hezbollah, Boko Haram, Newmont Mining) that is its country, whether or not the article
    names it. Rows dated outside the article's date do not count ("Chernobyl" was a Phoenix
    code for Ukraine's first months). When they disagree, a country backed by more sources
    than any other wins (Hamas: Palestinian in two sources, an Algerian party's nickname in
    one); a tie says nothing.
    """
    sources: dict[str, set[str]] = {}
    for o in offices:
        undated = o.start is None and o.end is None  # Phoenix's undated rows hold at any date
        if on is None or undated or in_office(o, on):
            sources.setdefault(o.country, set()).add(o.source)
    if not sources:
        return None
    ranked = sorted(sources.items(), key=lambda kv: len(kv[1]), reverse=True)
    if len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1]):
        return ranked[0][0]
    return None


def _unplaced(name: str) -> bool:
    """True for a body the knowledge tables know but place nowhere (an international NGO)."""
    from newsreader.analysis import knowledge

    try:
        return knowledge.unplaced_body(name) is not None
    except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
        return False


def _same_known_person(a: str, b: str) -> bool:
    """True when the knowledge tables know both names as one person."""
    from newsreader.analysis import knowledge

    try:
        return knowledge.same_person(a, b)
    except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
        return False


def _is_body(name: str, on: date | None) -> bool:
    """True when the knowledge tables know ``name`` only as a party, company or other body."""
    from newsreader.analysis import knowledge

    try:
        return knowledge.is_body_name(name, on)
    except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
        return False
