"""Where an actor's country comes from: the evidence ladder, strongest first.

1. ``text``: a title or demonym before the name ("French President"), a possessive ("Jordan's
   Prime Minister"), an apposition ("Naoto Kan, the Japanese prime minister"), the organisation
   a person heads ("European Commission Chief" -> EU), a state or organisation in a body's own
   name ("Government of Iraq"), where a company is based ("Denver-based");
2. the gazetteer (an organisation's home: "European Commission" -> EU);
3. ``knowledge``: the dated office tables (``analysis/knowledge.py``, data/people.tsv), on the
   article's date, and only when the article involves that country or the office was held then;
4. ``context``: where the story happens around the first mention (``CountryContext``), never in
   a sports report, never on a near tie: a guess, shown as one.
Where someone lives is not their nationality, so locative phrases are never used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from newsreader.analysis.actors.names import clean_name, is_title, is_title_modifier
from newsreader.analysis.datafiles import DATA_DIR
from newsreader.model.analysis import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsreader.analysis.actors.registry import ActorRegistry

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

#: Weight of a country named in the headline, for every paragraph (a mention in the same
#: paragraph weighs 3).
TITLE_WEIGHT = 3.0


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
        "acting_for": frozenset(data.get("acting_for", [])),
    }


#: Forms of address that the titles list knows (they start a name) but that are no role.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mister"})

#: Knowledge sources whose dated offices are national or international posts (ministers, heads
#: of state, of government, of organisations): holding one on the article's date is enough.
LEADING_SOURCES = frozenset({"wikidata", "curated", "phoenix-countries", "phoenix-international"})


#: Offices whose holders news names by surname alone (Wikidata position labels).
TOP_OFFICE = re.compile(
    r"^(?!vice|deputy)(?:.*\b)?(?:president|prime minister|chancellor|king|queen|emir|sultan|"
    r"secretary[- ]general|premier|supreme leader|head of state|monarch)\b",
    re.IGNORECASE,
)


def in_office(office, on: date) -> bool:
    """True when a dated office (it has a start or an end) covers ``on``."""
    if office.start is None and office.end is None:
        return False
    return (office.start is None or office.start <= on) and (office.end is None or on <= office.end)


def institution_country(name: str) -> str | None:
    """Country of a national body whose name does not say it ("Senate", "Kremlin"); for a body's
    members, of the members' group ("Senate Republicans" -> "Republicans"). Only members: a body
    whose name merely ends like one is another body ("Indian National Congress" is no US Congress)."""
    table = offices()["institutions"]
    name = clean_name(name).replace("\u2019", "'")
    code = table.get(name)
    if code is None and " " in name:
        last = name.rsplit(" ", 1)[1]
        if last.endswith("s") and not last.endswith("ss"):  # a plural: the members of a party
            code = table.get(last)
    return code


def title_phrase(doc: Doc, start: int, registry: ActorRegistry, offset: int) -> tuple[str | None, str | None, int]:
    """Walk left from token ``start`` over a pre-name title: returns (role, country, evidence).

    "French President", "Kazakhstan President", "former Kazakh government minister",
    "European Commission Chief", "Jordan's Prime Minister" (the possessive owner is the country).
    """
    i = start - 1
    role_toks: list[Token] = []
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
            owner: list[Token] = []
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
        elif is_title_modifier(t):
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
                text = doc[j : i + 1].text
                code = registry.country_of(text)
                if code:
                    if registry.is_org_code(code):
                        role_toks = list(doc[j : i + 1]) + role_toks
                    i = j
                elif saw_title and (k := _possessed_name_start(doc, i)) is not None:
                    # "Pakistan's Foreign Office spokesperson X": a body the possessive places
                    role_toks = list(doc[k : i + 1]) + role_toks
                    i = k - 1
                    continue
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
            if country is None:
                code = descriptor_country(doc, i, registry)
                if code:
                    country, evidence = code, EVIDENCE_TEXT
            break
        i -= 1
    if not saw_title:
        return None, country if role_toks or country else None, evidence
    while role_toks and role_toks[0].lower_ in ("of", "and", "-", "for", "to"):
        role_toks.pop(0)  # "the release of President X": the role is "President"
    role = (
        " ".join(
            t.text
            for t in role_toks
            if registry.country_of(t.text) is None or registry.is_org_code(registry.country_of(t.text))
        )
        or None
    )
    if role and role.lower().rstrip(".") in HONORIFICS:
        role = None  # "Mr. Toccafondi": a form of address, not an office to show in the panel
    return role, country, evidence


def country_named_after(doc: Doc, end: int, registry: ActorRegistry) -> str | None:
    """The state of "<person> of <State>" right after a name ("President Ana Soto of Brazil"),
    or None. Only a state: "of Oxfam", "of Lagos" say where someone works or lives."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    k = end + 1
    if doc[k].lower_ == "the":
        k += 1
    m = k
    while m < len(doc) and doc[m].pos_ == "PROPN" and m - k < 4:
        m += 1
    if m == k:
        return None
    text = doc[k:m].text
    code = registry.country_of(text)
    if code and registry.kind_of(text) == "country" and not registry.is_org_code(code):
        return code
    return None


@lru_cache(maxsize=1)
def _national_titles() -> dict[str, str]:
    """data/national_titles.tsv: title (lower case) -> the one state that uses it."""
    rows = (line.split("\t") for line in (DATA_DIR / "national_titles.tsv").read_text(encoding="utf-8").splitlines())
    return {r[0].strip().lower(): r[1].strip() for r in rows if len(r) > 1 and r[0] and not r[0].startswith("#")}


def national_title_country(doc: Doc, start: int) -> str | None:
    """The state whose title is written right before token ``start`` ("Mr Justice Green",
    "Taoiseach Bertie Ahern"), when only that state uses the title; None otherwise."""
    titles = _national_titles()
    for n in (4, 3, 2, 1):
        if start - n < 0:
            continue
        words = doc[start - n : start]
        if any("\n" in t.whitespace_ for t in words[:-1]):
            continue
        code = titles.get(" ".join(t.text for t in words).lower().replace(".", ""))
        if code:
            return code
    return None


def _possessed_name_start(doc: Doc, end: int) -> int | None:
    """Start of the proper name ending at ``end`` when a possessive comes right before it
    ("Pakistan's | Foreign Office"); None otherwise."""
    k = end
    while k - 1 >= 0 and doc[k - 1].pos_ == "PROPN":
        k -= 1
    if k > 0 and (doc[k - 1].tag_ == "POS" or doc[k - 1].text in ("'s", "\u2019s")):
        return k
    return None


#: Common-noun words a nationality describes before a name ("Burmese nationals", "British rock
#: singer"): at most this many, so a long noun phrase does not reach back to an unrelated word.
DESCRIPTOR_WORDS = 3


def descriptor_country(doc: Doc, end: int, registry: ActorRegistry) -> str | None:
    """The state of a nationality word heading a common-noun description that ends at token
    ``end`` right before a name: "Burmese nationals Zaw Lin", "British journalist Tom Harding",
    "a Kenyan marathon runner X". None when the words before the name are not such a description."""
    i, words = end, 0
    while i >= 0 and words < DESCRIPTOR_WORDS:
        t = doc[i]
        if t.pos_ not in ("NOUN", "ADJ") or not t.is_lower or "\n" in t.whitespace_:
            break
        i, words = i - 1, words + 1
    if words == 0 or i < 0:
        return None
    nat = doc[i]
    if i > 0 and (doc[i - 1].text in ("-", "pro", "anti") or doc[i - 1].text.endswith("-")):
        return None  # "pro-Russian activist": a stance, not a nationality
    if not nat.text[:1].isupper() or nat.pos_ not in ("ADJ", "PROPN", "NOUN") or "\n" in nat.whitespace_:
        return None
    code = registry.country_of(nat.text)
    if code is None or registry.is_org_code(code) or registry.kind_of(nat.text) not in ("group", "country"):
        return None
    return code


def apposition_country(head: Token, registry: ActorRegistry) -> tuple[str | None, str | None]:
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
            if (
                t.dep_ in ("relcl", "acl", "ccomp", "parataxis", "advcl")
                or t.i > ap.i + 6
                or t.pos_ in ("VERB", "AUX", "PRON")
                or t.text in ('"', "\u201c", "\u201d", "(", ")", ":", ";")
            ):
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
                    # the whole name: "head of Human Rights Watch operations" is HRW's
                    code = registry.country_of(t.text) or registry.country_of(_entity_text(t))
                    if code:
                        country = code
                        break
        while words and words[-1].lower() in ("of", "in", "for", "at", "and", "to", "on", ","):
            words.pop()  # a place word taken out leaves its preposition: "operations in (Asia)"
        return (" ".join(words) or None), country
    affiliation = _of_organisation(head, registry)
    if affiliation:
        return None, affiliation
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


def _entity_text(tok: Token) -> str:
    """The text of the named entity a token belongs to (the token itself when it is in none)."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _of_organisation(head: Token, registry: ActorRegistry) -> str | None:
    """The country or international body of "X of <organisation>" ("Peter Klein of the World
    Health Organization" -> its code): a person speaking for a body belongs where it does.
    Only organisations and states the gazetteer places; a town after "of" is where someone lives."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i != head.i + 1:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ not in ("ORG", "GPE"):
                continue
            text = _entity_text(obj)
            code = registry.country_of(text)
            if code and (registry.is_org_code(code) or registry.kind_of(text) == "country"):
                return code
    return None


class CountryContext:
    """Which country the text is about around a position: countries named in the same paragraph
    weigh most, earlier paragraphs less the further back they are, the whole article least. Short
    news round-ups ("Wikinews shorts") change country from one paragraph to the next."""

    def __init__(self, entities: Iterable[Entity], paragraph_starts: list[int], gaz=None, headings: Iterable[int] = ()):
        self.starts = sorted(set(paragraph_starts)) or [0]
        # paragraphs that are headings: a new section starts there, earlier text no longer counts
        headings = sorted(headings)
        self.headings = {self.paragraph(h) for h in headings}
        # the first line, when it is a heading, is the article's headline
        self.title = self.paragraph(headings[0]) if headings and headings[0] <= self.starts[0] else None
        self.by_para: dict[int, dict[str, float]] = {}
        self.total: dict[str, float] = {}
        self.mentions: list[tuple[int, str]] = []  # (position, state), in text order
        for e in entities:
            code = self._code(e, gaz)
            if not code:
                continue
            self.mentions.append((e.start, code))
            p = self.paragraph(e.start)
            bucket = self.by_para.setdefault(p, {})
            bucket[code] = bucket.get(code, 0) + 1
            self.total[code] = self.total.get(code, 0) + 1
        self._cache: dict[int, str | None] = {}

    def add_mention(self, pos: int, code: str, weight: float = 1.0) -> None:
        """Count a country word the entity recogniser missed ("the Nigerian city of Jos"), or
        weigh a paragraph's run-in label ("Ukraine: The foreign ministry warned ...")."""
        p = self.paragraph(pos)
        bucket = self.by_para.setdefault(p, {})
        bucket[code] = bucket.get(code, 0) + weight
        self.total[code] = self.total.get(code, 0) + 1
        self.mentions.append((pos, code))
        self._cache.clear()

    def last_before(self, pos: int) -> str | None:
        """The state named last before ``pos`` in its paragraph or the one before, or None.

        "Kenya's Parliament will meet. The Cabinet met on Tuesday": a state body named only by
        what it is belongs to the state the text was just speaking of."""
        import bisect

        self.mentions.sort()
        i = bisect.bisect_left(self.mentions, (pos, ""))
        if i == 0:
            return None
        at, code = self.mentions[i - 1]
        return code if self.paragraph(pos) - self.paragraph(at) <= 1 else None

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
            except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown'
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
        headline = self.by_para.get(self.title, {}) if self.title is not None and p != self.title else {}
        if len(headline) == 1:  # two countries in the headline say nothing about whose a person is
            # the headline names the country the story is about ("Coup in Niger"): its unplaced
            # people and bodies are that country's, wherever the paragraph's reactions come from
            for code, n in headline.items():
                scores[code] = scores.get(code, 0) + TITLE_WEIGHT * n
        for back in range(6):
            for code, n in self.by_para.get(p - back, {}).items():
                scores[code] = scores.get(code, 0) + n * (3.0 / (1 + back))
            if p - back in self.headings:
                break
        return scores


def dominant_country(entities: Iterable[Entity], gaz=None) -> str | None:
    """The state the article is mostly about: most mentioned ISO3 among places and nationalities."""
    return CountryContext(entities, [0], gaz).dominant()
