"""Reactions: who did what, read off the dependency parse with a trigger lexicon.

For every verb (and a few event nouns) the lexicon (data/triggers_override.tsv, then the
CAMEO-derived data/triggers_cameo.tsv) gives a PLOVER category. The actor is the verb's subject
(or the passive's agent), resolved to an Actor: a named entity, a pronoun ("he" -> the last
person subject), a description ("the Kazakh president", "Russian forces", "the international
force"), or, for an agentless passive or a bare event noun ("3,000 were arrested", "the protests
were spurred by..."), an unnamed actor in the country where it happened.

Handled on purpose: coordinated subjects (each gets the reaction), light verbs ("called for an
end", "gave orders to shoot", "imposed sanctions"), orders ("directed forces to shoot" -> COERCE),
negation ("did not condemn" -> negated; "would not accept" -> REJECT), hedges ("reportedly" ->
hedged), reported speech (plain "said"/"told" is not a reaction; its content clause may be one),
"according to X" (X is a source, never the actor), news agencies (never actors).

Public API: ``extract_actors_and_reactions(chunks, entities, meta) -> (actors, reactions)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.analysis.datafiles import DATA_DIR
from newsreader.analysis import knowledge
from newsreader.analysis.evaluations import judgement, said_judgement
from newsreader.analysis.expressions import (
    expressions,
    light_event,
    noun_category,
    sports_clause,
    sports_sentence,
    verb_lemma,
)
from newsreader.analysis.actors import (
    EVIDENCE_CONTEXT,
    EVIDENCE_TEXT,
    PERSON_PRONOUNS,
    ActorRegistry,
    CountryContext,
    Draft,
    apposition_country,
    descriptor_country,
    fold,
    institution_country,
    is_title,
    offices,
    title_phrase,
)
from newsreader.analysis.actors.non_actors import non_actor_reason
from newsreader.model.analysis import Actor, ArticleMeta, Entity, Event, Reaction
from newsreader.model.vocabulary import PLOVER_CATEGORIES
from newsreader.analysis.summaries import (
    content_summary,
    event_summary,
    noun_summary,
    simple_past,
    span_summary,
    verb_summary,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


PSEUDO = {"-", "NONE", "SAY", "ORDER", "PASS", "LIGHT", "REFUSE"}
#: Negating these is a refusal ("would not accept" -> REJECT), not a non-event.
REFUSAL_WHEN_NEGATED = {"accept", "agree", "allow", "consider", "permit", "recognize", "recognise", "approve",
                        "tolerate", "cooperate", "negotiate", "meet", "release", "sign", "endorse", "back",
                        "support", "return", "withdraw", "resign", "hand", "give", "attend", "join"}
#: Event nouns that stand on their own as the article's events ("the protests", "clashes").
STANDALONE_NOUN_CATEGORIES = {"PROTEST", "ASSAULT", "COERCE"}
LOCATION_PREPS = {"in", "at", "across", "throughout", "near", "around", "inside", "within", "on"}
MODAL_DEMAND = {"must", "should"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
HOSTILE_MATERIAL = {"PROTEST", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE"}
COOPERATIVE_MATERIAL = {"AID", "CONCEDE", "RETREAT", "COOPERATE", "CONSULT"}
#: Meeting-type acts involve both sides ("X telephoned Y", "X met with Y").
RECIPROCAL_LEMMAS = {"meet", "telephone", "phone", "talk", "negotiate", "confer"}
#: In sports reports only these survive: "beat", "attacked", "met" are play there.
SPORTS_CATEGORIES = {"ACCUSE", "SUPPORT", "REJECT", "AGREE"}
#: Distinct sports words that make a document a sports report.
SPORTS_THRESHOLD = 4
#: Acts an unnamed actor can be credited with from an agentless passive ("3,000 were arrested"):
#: the state's own hostile material acts. Verbal acts need a named speaker.
UNNAMED_CATEGORIES = {"COERCE", "ASSAULT", "MOBILIZE", "SANCTION"}
#: Harm verbs that may report an accident as well as an attack ("76 were killed" in a stampede).
HARM_LEMMAS = {"kill", "injure", "wound", "hurt", "die", "damage", "destroy", "burn", "clash", "crush", "trap"}
#: Doers named in a clause that make harm an attack ("gunmen", "militants").
ATTACKER_NOUNS = {"gunman", "gunmen", "militant", "insurgent", "attacker", "assailant", "bomber", "sniper",
                  "terrorist", "rebel", "fighter", "soldier", "troop", "police", "mob"}
#: Armed groups a state's forces fight: harm done to them with no doer named is the forces' act.
ARMED_GROUPS = {"terrorist", "militant", "insurgent", "rebel", "gunman", "gunmen", "extremist", "jihadist",
                "fighter", "guerrilla", "attacker", "assailant", "bandit", "pirate"}
#: Coercion only a state does: an agentless "were arrested" is the authorities' act.
STATE_LEMMAS = {"arrest", "detain", "jail", "imprison", "charge", "prosecute", "indict", "deport", "ban", "expel",
                "sentence", "convict", "raid", "deploy", "sanction", "seize", "confiscate", "evict", "extradite",
                "outlaw", "censor", "disperse", "round", "hold", "intern", "fine", "search", "question", "interrogate",
                "kick", "bar", "block", "shut", "close", "suspend", "dissolve", "impose", "declare", "order",
                "instruction", "command", "curfew", "crackdown"}
#: Verbs of conversation: consulting only with a named partner ("spoke to Prayut", not "to reporters").
CONVERSE_LEMMAS = {"speak", "talk", "chat", "confer"}
#: Prepositions that frame a clause's act with an event ("after a visit", "at a meeting with").
FRAME_PREPS = {"after", "following", "since", "despite", "amid", "during", "at"}
#: Acts both sides of "between" do ("an agreement between X and Y", "talks between X and Y").
RECIPROCAL_CATEGORIES = {"AGREE", "CONSULT", "COOPERATE"}
#: Whatever protesters do to people or places (block, surround, occupy) is a protest.
PROTESTER_LEMMAS = {"protester", "protestor", "demonstrator", "rioter", "marcher"}
#: Publications attack with words.
PUBLICATION_WORDS = {"magazine", "newspaper", "paper", "journal", "daily", "weekly", "times", "post", "news",
                     "tribune", "herald", "gazette", "publication", "blog", "website"}
#: Deaths and damage in these are not anyone's attack.
NATURAL_CAUSES = {"earthquake", "quake", "tsunami", "mudslide", "landslide", "flood", "flooding", "storm",
                  "hurricane", "typhoon", "cyclone", "accident", "crash", "fire", "blaze", "avalanche",
                  "stampede", "collapse", "aftershock", "eruption", "tornado", "drought", "heatwave", "disaster"}
#: Modifiers that keep a generic body political ("security forces", "opposition groups").
BODY_MODIFIERS = {"security", "armed", "government", "military", "federal", "state", "local", "national",
                  "opposition", "rebel", "special", "riot", "border", "foreign", "senior", "top", "regional",
                  "provincial", "coalition", "allied", "peacekeeping", "paramilitary", "police", "intelligence",
                  "interim", "new", "ruling", "governing", "civil", "rival", "militant", "separatist",
                  "ethnic", "muslim", "christian", "islamist", "radical", "hardline", "elite", "naval", "air",
                  "ground", "defence", "defense", "interior", "justice", "health", "finance", "trade",
                  "former", "many", "other", "several", "some", "young", "angry", "thousands", "hundreds"}
#: Body nouns with everyday non-political senses ("cohesive forces", "mining missions").
AMBIGUOUS_BODIES = {"force", "forces", "mission", "union", "council", "group", "commission", "committee", "agency",
                    "team", "body", "unit", "members", "member", "people", "crowd", "workers", "staff"}
#: Things that kill and wound as subjects of the verb (beyond the trigger lexicon's event nouns).
ATTACK_NOUNS = {"bomb", "bombing", "explosion", "blast", "shelling", "airstrike", "rocket", "missile",
                "grenade", "landmine", "ambush", "raid", "gunfire", "attack", "assault", "shell", "mortar"}
#: Contracted auxiliaries and negations as a summary writes them ("wouldn't" -> "would not").
NEGATION_WORDS = {"n't": "not", "wo": "will", "ca": "can", "'ll": "will", "'d": "would", "never": "never"}
#: Modifiers that make a "strike" an attack.
STRIKE_WEAPONS = {"air", "drone", "missile", "rocket", "artillery", "military", "naval"}
#: Verbs that make a planned act a decision rather than a threat.
ANNOUNCING_LEMMAS = {"announce", "decide", "declare", "confirm", "rule", "vote"}
RESIDENCE_VERBS = {"base", "live", "station", "work", "reside", "operate", "administer", "stay", "settle"}
STATEMENT_NOUNS = {"statement", "declaration", "letter", "resolution", "communique", "message", "note", "appeal"}
QUANTITY_WORDS = {"thousand", "hundred", "dozen", "million", "number", "group", "contingent", "batch", "unit",
                  "team", "wave", "series", "round", "spate", "string", "lot", "couple", "some", "many", "most", "all", "both", "crowd"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: Words that announce that the content is reported, not a reaction of the reporter.
CONTENT_DEPS = {"ccomp"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


# -- lexicon ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    override: dict[str, str]
    cameo: dict[str, str]
    hedges: frozenset[str]
    sports: frozenset[str] = frozenset()

    def lookup(self, lemma: str, preps: list[tuple[str, str | None]], obj: str | None) -> tuple[str | None, str]:
        """(category or pseudo-category, matched key) for a verb with its particles/preps and object."""
        specific = [f"{lemma}+{p}>{pobj}" for p, pobj in preps if pobj]
        if obj:
            specific += [f"{lemma}+{p}>{obj}" for p, pobj in preps if not pobj]  # particle + object
        obj_key = [f"{lemma}>{obj}"] if obj else []
        prep_keys = [f"{lemma}+{p}" for p, _ in preps]
        # curated phrases and verbs first; CAMEO phrases only where the curated verb is absent or
        # merely "not an event on its own" ("-"); NONE blocks every reading of the verb
        for key in specific + obj_key + prep_keys:
            if key in self.override:
                return self.override[key], key
        bare = self.override.get(lemma)
        if bare == "NONE":
            return None, lemma
        if bare is not None and bare != "-":
            return bare, lemma
        for key in specific + obj_key:
            if key in self.cameo:
                return self.cameo[key], key
        if bare is not None:
            return bare, lemma
        for key in prep_keys + [lemma]:
            if key in self.cameo:
                return self.cameo[key], key
        return None, lemma

    def noun(self, lemma: str) -> str | None:
        return self.override.get("n:" + lemma)

    def event_noun(self, tok: "Token") -> str | None:
        """Category of an event noun from the curated nouns, then the expression tables (wider
        than ``noun``: used where a verb or an agent makes the noun an act)."""
        return noun_category(tok, self.noun)

    def adjective(self, lemma: str) -> str | None:
        """Category of "be <adjective>": "is opposed to" -> REJECT, "is ready to" -> AGREE."""
        return self.override.get("a:" + lemma)


def _read_table(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    if not path.is_file():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2:
            cat = parts[1].strip()
            if cat in PLOVER_CATEGORIES or cat in PSEUDO:
                table[parts[0].strip()] = cat
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon, loaded once per process."""
    hedges_path = DATA_DIR / "hedges.txt"
    hedges = frozenset(
        l.strip().lower() for l in hedges_path.read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")
    ) if hedges_path.is_file() else frozenset()
    sports_path = DATA_DIR / "triggers_sports.txt"
    sports = frozenset(
        l.strip().lower() for l in sports_path.read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")
    ) if sports_path.is_file() else frozenset()
    return Lexicon(_read_table(DATA_DIR / "triggers_override.tsv"), _read_table(DATA_DIR / "triggers_cameo.tsv"),
                   hedges, sports)


# -- per-document state -------------------------------------------------------------------------

@dataclass
class Pending:
    """A reaction whose actor's country is only final after all mentions are seen."""

    draft: Draft | None
    country: str | None
    category: str
    trigger: str
    target: str | None
    sentence: tuple[int, int]
    negated: bool
    hedged: bool
    trigger_span: tuple[int, int]
    summary: str
    actor_name: str


class Extractor:
    """Walks one document's chunks and collects actors and reactions."""

    def __init__(self, gazetteer, entities: list[Entity], meta: ArticleMeta | None = None):
        self.gaz = gazetteer
        self.lex = lexicon()
        self.entities = entities
        self.context_at = CountryContext(entities, [0], gazetteer)
        self.registry = ActorRegistry(gazetteer, entities, self.context_at, meta)
        self.history: list[tuple[int, Draft, bool]] = []  # (abs start, actor, was a subject)
        self.pending: list[Pending] = []
        self.sourced: set[str] = set()  # actors named in "according to X"
        self.reacting: set[str] = set()
        self.noun_events_seen: set[tuple[str | None, str]] = set()
        # state bodies named but not acting ("Guinean security forces", "the military government"):
        # (name, country or None for the context's, start, end), listed once the actors are placed
        self.bodies: list[tuple[str, str | None, int, int]] = []
        self.events: list[Event] = []  # acts and happenings nobody named did: not reactions

    # -- entities -> actors ---------------------------------------------------------------------
    def _missed_places(self, doc: "Doc", offset: int) -> None:
        """Country words outside any entity still say where a paragraph is ("Nigerian", "Jos")."""
        reg = self.registry
        for t in doc:
            if t.ent_type_ or not t.text[:1].isupper() or t.pos_ not in ("PROPN", "ADJ") or len(t.text) < 3:
                continue
            if t.i > 0 and doc[t.i - 1].text[:1].isupper() and doc[t.i - 1].pos_ == "PROPN":
                continue  # inside a longer name
            kind = reg.kind_of(t.text)
            if kind not in ("country", "group", "place"):
                continue
            try:
                if self.gaz.is_ambiguous(t.text):
                    continue
            except Exception:
                pass
            code = reg.country_of(t.text)
            if code and len(code) == 3 and not reg.is_org_code(code):
                self.context_at.add_mention(offset + t.idx, code)

    def register_entities(self, doc: "Doc", offset: int) -> dict[int, Draft]:
        """Create actors for the entities inside this doc; returns token index -> actor."""
        reg = self.registry
        by_token: dict[int, Draft] = {}
        end = offset + len(doc.text)
        for e in reg.entities:
            if e.start < offset or e.end > end or e.layer not in ("people", "organizations", "places", "groups"):
                continue
            span = doc.char_span(e.start - offset, e.end - offset, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            draft = self._actor_for_entity(e, span, doc, offset)
            if draft is not None:
                for t in span:
                    by_token[t.i] = draft
        self._bare_surnames(doc, offset, by_token)
        return by_token

    def _bare_surnames(self, doc: "Doc", offset: int, by_token: dict[int, Draft]) -> None:
        """Mentions the entity recogniser missed: a known person's name part on its own ("Ruto met")."""
        owners: dict[str, list[Draft]] = {}
        for d in self.registry.drafts.values():
            if d.kind == "person":
                for part in d.parts:
                    if len(part) > 2:
                        owners.setdefault(part, []).append(d)
        if not owners:
            return
        for t in doc:
            if t.i in by_token or t.pos_ != "PROPN" or t.ent_type_ not in ("", "PERSON"):
                continue
            ds = owners.get(fold(t.text))
            if ds and len(ds) == 1:
                start = offset + t.idx
                ds[0].add_mention(start, start + len(t.text))
                by_token[t.i] = ds[0]

    def _actor_for_entity(self, e: Entity, span: "Span", doc: "Doc", offset: int) -> Draft | None:
        reg = self.registry
        text = e.text
        known = reg.kind_of(text)
        if reg.is_publisher(text) or known is None and non_actor_reason(span, e.label) is not None:
            return None  # (a name the gazetteer knows is no common noun, however it is tagged: "Bahrain cut ties")
        if known == "country" and e.label == "PERSON" and _lone_country_name(span, doc):
            code = reg.country_of(text)
            if code:  # "Jordan refused to attend": the state, unless a longer name says a person
                return reg.country(code, text, e.start, e.end)
        region = _region_named(reg, text) if known is None else None
        if region:  # "Tuscany", "Central Java", even read as a person or an organisation: a place
            return reg.place(text, region, e.start, e.end)
        if e.label == "PERSON" or e.layer == "people":
            if reg.is_source_name(text):
                return reg.organization(text, e.start, e.end)
            draft = reg.person(text, e.start, e.end)
            role, country, evidence = title_phrase(doc, span.start, reg, offset)
            if not role and not country:
                role, country = apposition_country(span.root, reg)
                evidence = EVIDENCE_TEXT if country and not reg.is_org_code(country) else 4
            if not country:
                country = _shared_descriptor(doc, span, reg)
                evidence = EVIDENCE_TEXT
            if role and not draft.role:
                draft.role = role
            draft.set_country(country, evidence)
            return draft
        kind = reg.kind_of(text)
        code = e.country or reg.country_of(text)
        if kind is None and code is None and " " not in text.strip():
            person = reg.known_person_part(text)
            if person is not None:  # "Gates said" after "Robert Gates", tagged ORG by the model
                person.add_mention(e.start, e.end)
                return person
        if kind is None and code is None and e.label in ("ORG", "GPE") and (
                span.root.dep_ == "appos" or any(c.dep_ == "appos" for c in span.root.children)):
            role, country = apposition_country(span.root, reg)
            if country and not role and not reg.is_org_code(country):
                # "the Peruvian student, Lucia Quispe": a nationality noun in apposition names a person
                draft = reg.person(text, e.start, e.end)
                draft.set_country(country, EVIDENCE_TEXT)
                return draft
        if e.label == "NORP" and kind is None and code is None and institution_country(text):
            return reg.organization(text, e.start, e.end)  # a party's members: "Democrats", "Tories"
        if e.label in ("NORP",) or kind == "group":
            # nationality words act through the noun they modify; a state body they name
            # ("Guinean security forces", "the Afghan army") is an actor even when it does nothing
            self._body_of_nationality(span, code, doc, offset)
            return None
        if reg.is_source_name(text):
            return reg.organization(text, e.start, e.end)
        if e.label == "ORG" or e.layer == "organizations" or kind == "organization":
            if kind == "country" and code:
                return reg.country(code, text, e.start, e.end)
            org = reg.organization(text, e.start, e.end, code if reg.is_org_code(code) else None)
            home = _based_in(span, reg)
            if home and not org.is_igo:
                org.set_country(home, EVIDENCE_TEXT)  # "Denver-based Newmont Mining"
            return org
        if kind == "country" and code:
            return reg.country(code, text, e.start, e.end)
        if kind is None and code is None and e.label in ("GPE", "LOC") and not _locative(span):
            # a "place" no gazetteer knows, not used as a location, is usually a company or body
            return reg.organization(text, e.start, e.end)
        return reg.place(text, code, e.start, e.end)

    def _body_of_nationality(self, span: "Span", code: str | None, doc: "Doc", offset: int) -> None:
        """Register "<nationality> <state body>" ("Guinean security forces") as a group actor."""
        head = span.root.head
        if not code or self.registry.is_org_code(code) or span.root.dep_ not in ("amod", "compound"):
            return
        if head.pos_ != "NOUN" or head.lemma_.lower() not in BODY_NOUNS_FOR_GROUPS:
            return
        start = doc[span.start].idx + offset
        words = doc[span.start: head.i + 1]
        # listed at the end: a body named in passing must not tip the context country of others
        self.bodies.append((words.text, code, start, offset + head.idx + len(head.text)))

    def _quiet_bodies(self, ctx: "DocContext") -> None:
        """State bodies the text names without their acting ("killed by security forces", "told
        state television", "the military government's inquiry"): actors a reader looks for in the
        panel. Only a body with a determiner, owner or modifier ("the army", "Guinea's army",
        "security forces"), never a bare plural of people ("officials")."""
        for t in ctx.doc:
            lemma = t.lemma_.lower()
            if t.pos_ not in ("NOUN", "PROPN") or t.i in ctx.by_token or t.ent_type_ or lemma not in QUIET_BODY_NOUNS:
                continue  # ("the Army", "Parliament": capitalised, still a common name when no entity)
            if t.i > 0 and ctx.doc[t.i - 1].text == "-" and not ctx.doc[t.i - 1].whitespace_:
                continue  # "e-Government", "self-government": part of another word
            kids = [c for c in t.children if c.i < t.i]
            if lemma in STATE_OUTLETS and not any(c.lower_ == "state" for c in kids):
                continue  # "state television" is a body; "television" is not
            if not any(c.dep_ in ("det", "poss", "amod", "compound") for c in kids):
                continue
            if any(c.lower_ in ("a", "an", "any", "no", "every", "other", "such", "some") for c in kids):
                continue  # "a government", "other governments": not a particular one
            mods = [c for c in kids if c.dep_ in ("amod", "compound")]
            if lemma in NAMED_BY_KIND:
                # "the ruling party", "the Supreme Court", "the electoral commission"; not "a
                # birthday party" or "the football council": the modifier says it is the state's
                if not mods or any(c.lower_ not in BODY_MODIFIERS and c.lower_ not in STATE_KIND_WORDS
                                   and not self.registry.country_of(c.text) for c in mods):
                    continue
            elif lemma == "force":
                # "security forces", "Afghan forces"; not "cohesive forces" or "the force of gravity"
                if not mods or any(c.lower_ not in BODY_MODIFIERS and not self.registry.country_of(c.text)
                                   for c in mods):
                    continue
            elif t.tag_ == "NNS":
                continue  # "local governments": many, not one body
            name = re.sub(r"^(?:his|her|its|their|our|this|that|these|those)\s+", "", _group_name(t), flags=re.I)
            if len(name.split()) > 5 or lemma not in STATE_OUTLETS and self.registry.is_source_name(name):
                continue  # (state television is the state's voice, a body as much as a source)
            code = self._np_country(ctx, t)
            start = ctx.offset + t.left_edge.idx
            self.bodies.append((name, code, start, ctx.offset + t.idx + len(t.text)))

    # -- main walk ----------------------------------------------------------------------------
    def run(self, chunks) -> tuple[list[Actor], list[Reaction]]:
        chunks = list(chunks)
        seen_sports = {t.lemma_.lower() for chunk in chunks for t in chunk.doc} & self.lex.sports
        self.sports = len(seen_sports) >= SPORTS_THRESHOLD
        self.registry.sports = self.sports
        starts, headings = [0], []
        for chunk in chunks:
            text = chunk.doc.text
            for m in re.finditer(r"(?:^|\n)\s*([^\n]+)", text):
                starts.append(chunk.offset + m.start(1))
                line = m.group(1).strip()
                if len(line) < 120 and line[-1:] not in ".!?\"'\u201d\u2019:;,)":
                    headings.append(chunk.offset + m.start(1))  # a title or section heading
        self.context_at = CountryContext(self.entities, starts, self.gaz, headings)
        self.registry.context_country = self.context_at
        for chunk in chunks:
            self._missed_places(chunk.doc, chunk.offset)
        for chunk in chunks:
            doc, offset = chunk.doc, chunk.offset
            by_token = self.register_entities(doc, offset)
            if not doc.has_annotation("DEP"):
                continue
            seg = _segments(doc)
            ctx = DocContext(doc, offset, by_token, seg)
            self._find_speakers(ctx)
            for sent in doc.sents:
                try:
                    self._sentence(ctx, sent)
                except Exception:  # one odd parse must never lose the whole document
                    continue
            self._quiet_bodies(ctx)
        return self._finish()

    def _sentence(self, ctx: "DocContext", sent: "Span") -> None:
        sources = self._according_to(ctx, sent)
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux" and tok.dep_ != "auxpass":
                self._verb(ctx, tok, sources)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNS"):
                self._noun_event(ctx, tok, sources)
        # remember who was mentioned, for pronouns in later sentences
        for tok in sent:
            d = ctx.by_token.get(tok.i)
            if d is not None and (not self.history or self.history[-1][1] is not d):
                self.history.append((ctx.offset + tok.idx, d, tok.dep_ in SUBJECT_DEPS))

    def _find_speakers(self, ctx: "DocContext") -> None:
        """Who is quoted in each paragraph: the named subject of "said"/"told" outside the quotes.
        "I" and "we" inside that paragraph's quotes are that speaker."""
        for t in ctx.doc:
            if t.pos_ != "VERB" or ctx.in_quote(t) or ctx.seg[t.i] in ctx.speakers:
                continue
            if self.lex.override.get(t.lemma_.lower()) != "SAY":
                continue
            subj = next((c for c in ctx.kids(t) if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                continue
            d = ctx.by_token.get(subj.i)
            if d is not None and d.kind in ("person", "organization", "country") and not d.is_source:
                ctx.speakers[ctx.seg[t.i]] = d
        self._label_speakers(ctx)

    @staticmethod
    def _label_speakers(ctx: "DocContext") -> None:
        """Transcript lines ("MS. PSAKI: We will ...", "Lindqvist: I agree"): the person named
        before the colon at the start of the line speaks the whole line."""
        doc = ctx.doc
        seen: set[int] = set()
        for t in doc:
            seg = ctx.seg[t.i]
            if seg in seen or t.is_space:
                continue
            seen.add(seg)  # the first word of the line
            j = t.i
            while j < len(doc) and j - t.i < 6 and ctx.seg[j] == seg and doc[j].text != ":":
                j += 1
            if j >= len(doc) or doc[j].text != ":" or j == t.i:
                continue
            d = ctx.by_token.get(j - 1)
            if d is not None and d.kind == "person":
                ctx.label_speakers[seg] = d

    def _according_to(self, ctx: "DocContext", sent: "Span") -> set[str]:
        """Actors cited as sources in this sentence ("according to DW", "as per Chinese state media")."""
        keys = set()
        for tok in sent:
            if tok.lower_ == "according" or (tok.lower_ == "per" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as"):
                for t in tok.subtree:
                    d = ctx.by_token.get(t.i)
                    if d is not None:
                        keys.add(d.key)
                        self.sourced.add(d.key)
        return keys

    # -- verbs ----------------------------------------------------------------------------------
    def _classify(self, ctx: "DocContext", v: "Token") -> tuple[str | None, str, list["Token"]]:
        """(category or pseudo, trigger text, trigger tokens) for a verb."""
        lemma = verb_lemma(v)
        kids = ctx.kids(v)
        preps: list[tuple[str, str | None]] = []
        prep_toks: dict[str, "Token"] = {}
        for c in kids:
            if c.dep_ in ("prt", "prep") and c.i > v.i:
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    continue  # "attacked on Friday" is not "attacked on" (a verbal attack)
                preps.append((c.lower_, pobj.lemma_.lower() if pobj is not None else None))
                prep_toks[c.lower_] = c
        obj = next((c for c in kids if c.dep_ in ("dobj",)), None)
        if obj is None and v.tag_ == "VBN":
            obj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        obj = _quantity_head(ctx, obj)
        if lemma == "be":
            acomp = next((c for c in kids if c.dep_ == "acomp"), None)
            if acomp is not None:
                acat = self.lex.adjective(acomp.lemma_.lower()) or self.lex.adjective(acomp.lower_)
                if acat == "AGREE" and not any(c.dep_ == "xcomp" for c in list(acomp.children) + kids):
                    acat = None  # "ready to help" offers; "well prepared for the storm" does not
                if acat:
                    return acat, f"{v.text} {acomp.text}", [v, acomp]
            return None, v.text, [v]
        if self._stative(ctx, v):
            return self.lex.adjective(v.lower_), v.text, [v]  # "Hungary is opposed to" parsed as a passive
        if lemma in OPINION_VERBS and any(c.dep_ == "ccomp" and not any(
                a.dep_ == "aux" and a.lower_ in ("would", "will", "shall", "should", "'d", "'ll") for a in c.children)
                for c in kids) and not any(c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" and c.lower_ == "to"
                                           for c in kids):
            # "agreed that the situation was serious" shares an opinion; "agreed that NATO would
            # not expand" commits to something and stays an agreement
            return None, v.text, [v]
        judged = judgement(v)
        if judged is not None:  # "called the move illegal", "described the deal as historic"
            jcat, words = judged
            return jcat, f"{v.text} … {words[-1].text}", [v, words[-1]]
        cat, key = self.lex.lookup(lemma, preps, obj.lemma_.lower() if obj is not None else None)
        if cat == "SAY":
            judged = said_judgement(v, lambda n: self.lex.event_noun(n) is not None)
            if judged is not None:  # "said the decision was unacceptable"
                jcat, words = judged
                return jcat, f"{v.text} … {words[-1].text}", [v, words[-1]]
        if obj is not None and ">" in key and key not in self.lex.override and self.lex.override.get(lemma) in (
                "-", "SAY") and cat == self.lex.event_noun(obj):
            # CAMEO codes "describe>attack" as the attack itself; a verb that is no act on its own
            # ("described the attack as cowardly") only talks about the act its object names
            cat, key = self.lex.override[lemma], lemma
        if cat in (None, "-", "PASS", "LIGHT") or expressions().may_stop(lemma) and expressions().role(v) == "STOP":
            # "held talks", "staged a hunger strike", "arrived on a visit", "lifted the curfew"
            found = light_event(v, self.lex.noun, lambda t: _quantity_head(ctx, t))
            if found is not None:
                ecat, noun = found
                toks = sorted([v, noun] + [c for c in kids if c.dep_ == "prt"], key=lambda t: t.i)
                return ecat, " ".join(t.text for t in toks), toks
        toks = [v]
        m = re.match(r"^[^+>]+(?:\+([^>]+))?(?:>(.+))?$", key)
        if m and m.group(1) and m.group(1) in prep_toks:
            toks.append(prep_toks[m.group(1)])
        if m and m.group(2) and obj is not None and obj.dep_ in ("dobj", "pobj"):
            toks.append(obj)
        toks.sort(key=lambda t: t.i)
        return cat, " ".join(t.text for t in toks), toks

    def _verb(self, ctx: "DocContext", v: "Token", sources: set[str]) -> None:
        cat, trigger, toks = self._classify(ctx, v)
        if cat in (None, "-", "SAY") and verb_lemma(v) in CONVERSE_LEMMAS:
            partner = self._named_partner(ctx, v)
            if partner is not None:  # "Cameron spoke to Thai Prime Minister Prayut": not "spoke to reporters"
                cat, toks = "CONSULT", sorted([v, ctx.head(partner)], key=lambda t: t.i)
                trigger = " ".join(t.text for t in toks)
        if cat in (None, "-", "NONE") and v.lemma_.lower() in REFUSAL_WHEN_NEGATED and self._negated(ctx, v):
            cat = "REJECT"  # "the U.S. wouldn't consider that"
        if cat is None or cat in ("-", "PASS", "NONE"):
            return
        if cat != "SAY" and sports_clause(v, self._about_sport(ctx, v)):
            return  # "Brazil beat Argentina 3-0", "the coach praised his players": play, not politics
        if cat == "ASSAULT" and self._natural_cause(ctx, v) and not self._governed(ctx, v):
            # "a hotel collapse killed 76", "killed in a mudslide": the article's event, nobody's attack
            if not ctx.in_quote(v) and not self._negated(ctx, v):
                self._event(ctx, v, self._event_country(ctx, v), None, "", [v])
            return
        if self._governed(ctx, v) or self._unreal(ctx, v):
            return
        if any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND | {"ought"} for c in v.children):
            # "Hamas must release the hostages" is somebody's demand, not Hamas's act
            speaker = ctx.speakers.get(ctx.seg[v.i]) if ctx.in_quote(v) else None
            if speaker is not None:
                start, end = ctx.sentence_span(v)
                self._add(ctx, v, speaker, None, speaker.name, "REQUEST", v.text, verb_summary(v),
                          None, [v], False, self._hedged(ctx, v))
            return
        if cat == "ASSAULT" and self._ordered(ctx, v):
            cat = "COERCE"  # "gave shoot-to-kill orders": an order to use force
        if cat == "THREATEN" and v.lemma_.lower() in ("warn", "caution") and any(
            c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ in FUTURE_AUX for a in c.children)
            for c in ctx.kids(v)
        ):
            cat = "SAY"  # "warned (that) the crisis is grave" reports; "warned of force" threatens
        if cat == "SAY":
            self._reported_speech(ctx, v, sources)
            return
        if cat == "LIGHT":
            obj = next((c for c in ctx.kids(v) if c.dep_ == "dobj"), None)
            if obj is None and v.tag_ == "VBN":
                obj = next((c for c in ctx.kids(v) if c.dep_ == "nsubjpass"), None)
            obj = _quantity_head(ctx, obj)
            ncat = self.lex.noun(obj.lemma_.lower()) if obj is not None else None
            if ncat is None and obj is not None:
                # "a mediation effort", "war games": the modifier names the event
                for c in obj.children:
                    if c.dep_ in ("compound", "amod") and c.i < obj.i:
                        ncat = self.lex.noun(f"{c.lemma_.lower()} {obj.lemma_.lower()}") or self.lex.noun(
                            c.lemma_.lower())
                        if ncat:
                            break
            if ncat is None:
                return
            cat, trigger, toks = ncat, f"{v.text} {obj.text}", [v, obj]
        elif cat == "ORDER":
            cat = self._ordered_category(ctx, v)
            if cat is None:
                return
        elif cat == "REFUSE":
            x = next((c for c in ctx.kids(v) if c.dep_ == "xcomp"), None)
            if x is None:
                return
            xcat, xtrig, _ = self._classify(ctx, x)
            if xcat is None or xcat in PSEUDO:
                return
            cat, trigger = "REJECT", f"{v.text} to {x.text}"
        tense = self._modality(ctx, v)
        if tense == "future" and cat in HOSTILE_MATERIAL - {"ASSAULT"} and self._announced(ctx, v):
            pass  # "announced it would prohibit all aid": a decided measure, not a threat
        elif tense == "conditional-threat" or (tense == "future" and cat in HOSTILE_MATERIAL):
            cat = "THREATEN"  # "will withdraw unless...", "would blockade Paris": announced harm
        elif tense in ("conditional-offer", "future") and cat in COOPERATIVE_MATERIAL:
            # "would meet X if ...", "will provide aid": an offer or promise is an agreement (PLOVER);
            # the act itself has not happened yet
            cat = "AGREE"
        self._emit(ctx, v, cat, trigger, toks, sources)
        if v.lemma_.lower() in RECIPROCAL_LEMMAS and cat == "CONSULT":
            self._reciprocal(ctx, v, trigger, toks, sources)

    @staticmethod
    def _announced(ctx: "DocContext", v: "Token") -> bool:
        """True when ``v`` is the content of a decision made public ("announced it would...")."""
        while v.dep_ == "conj" and ctx.head(v) is not None:
            v = ctx.head(v)  # "announced it would prohibit aid and (would) deny entry"
        h = ctx.head(v)
        return v.dep_ in ("ccomp", "xcomp") and h is not None and h.lemma_.lower() in ANNOUNCING_LEMMAS

    def _stative(self, ctx: "DocContext", v: "Token") -> bool:
        """"is opposed/pleased/concerned": a participle that states a stance, not a passive act."""
        return (v.tag_ == "VBN" and self.lex.adjective(v.lower_) is not None
                and any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in v.children)
                and not any(c.dep_ == "agent" for c in v.children))

    def _modality(self, ctx: "DocContext", v: "Token") -> str | None:
        """"future" for will/would acts, "conditional-threat"/"conditional-offer" when the act
        hangs on an if/unless clause of its own."""
        t = v
        future = False
        for _ in range(3):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children) or any(
                c.dep_ == "aux" and c.lower_ == "going" for c in t.children
            ):
                future = True
                break
            h = ctx.head(t)
            if h is None or t.dep_ not in ("xcomp", "conj"):
                break
            t = h
        if not future:
            return None
        for c in ctx.kids(v):
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                cat, _, _ = self._classify(ctx, v)
                if cat in HOSTILE_MATERIAL or cat in ("RETREAT", "SANCTION") or any(
                    m.lower_ == "unless" for m in c.children
                ):
                    return "conditional-threat"
                return "conditional-offer"
        return "future"

    def _reciprocal(self, ctx: "DocContext", v: "Token", trigger: str, toks: list["Token"], sources: set[str]) -> None:
        """The other side of a meeting or call is consulting too."""
        for c in ctx.kids(v):
            other = None
            if c.dep_ == "dobj":
                other = c
            elif c.dep_ == "prep" and c.lower_ == "with":
                other = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
            if other is None:
                continue
            subject = next((d for d, _c, _n in map(lambda t: self._resolve(ctx, t), self._subjects(ctx, v))
                            if d is not None), None)
            for o in _with_conjuncts(ctx, other):
                draft, country, name = self._resolve(ctx, o)
                if draft is not None and draft.kind != "place" and draft.key not in sources:
                    summary = f"{simple_past(v) if v.tag_ in ('VBD', 'VBN') else v.text} with {subject.name}" \
                        if subject is not None and subject is not draft else verb_summary(v)
                    self._add(ctx, v, draft, None, name, "CONSULT", trigger, summary, None,
                              toks, False, self._hedged(ctx, v))

    def _unreal(self, ctx: "DocContext", v: "Token") -> bool:
        """Questions, conditions and mere possibilities are not reported acts."""
        lo, hi = ctx.sentence_bounds(v)
        last = ctx.doc[hi]
        while (last.is_space or last.text in ('"', "\u201d", "'", "\u2019")) and last.i > lo:
            last = ctx.doc[last.i - 1]
        if last.text == "?":
            return True
        h0 = ctx.head(v)
        t = v
        for _ in range(4):
            # descriptions, not acts: "the channel disputed by X", "measures to quash the protests",
            # "a bill containing..."; purposes and wishes: "(in order) to prevent", "wants to visit"
            if t.dep_ == "amod" or (t.dep_ == "acl" and (t.tag_ != "VBG" or not self._actor_noun(ctx, ctx.head(t)))
                                     and not _headline_acl(t)):
                return True
            if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                return True
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("so", "lest") for c in t.children):
                return True  # "so that marriages are banned": a purpose
            if t.dep_ == "xcomp":
                ht = ctx.head(t)
                if ht is not None and ht.pos_ in ("VERB", "AUX"):
                    hcat, _, _ = self._classify(ctx, ht)
                    if hcat in (None, "-", "NONE") and not (ht.lemma_ == "be" and hcat is None and False):
                        return True
            if t.dep_ not in ("xcomp", "conj"):
                break
            t = ctx.head(t)
            if t is None:
                break
        if v.dep_ == "relcl" and not (v.tag_ == "VBD" or any(c.dep_ in ("aux", "agent") and c.lemma_ in ("have", "by")
                                                            for c in v.children)):
            return True  # "Hamas, which advocates ...", "Kufuor, who will step down": descriptions
        if v.dep_ == "relcl" and _is_passive(ctx, v) and not any(c.dep_ == "agent" for c in v.children):
            return True  # "the plant, which was damaged ...": background
        if v.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in v.children) and not any(
            c.lower_ in ("where", "when") for c in v.children
        ):
            return True  # "the change he promised": the clause describes its noun
        if v.dep_ == "ccomp" and h0 is not None and h0.pos_ in ("NOUN", "PROPN"):
            return True  # "an admission that X murdered...": the content of a claim
        if _is_passive(ctx, v) and any(
            t.lemma_.lower() in NATURAL_CAUSES for c in ctx.kids(v) if c.dep_ in ("prep", "agent") for t in c.subtree
        ):
            return True  # "killed in a mudslide"
        if v.tag_ == "VB" and v.dep_ in ("advcl", "dep") and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in v.children):
            return True  # a bare base form with no "to", modal or subject: a noun the tagger took for a verb
        for n, a in enumerate(v.ancestors):
            if n >= 8:
                break
            if a.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
                                                 for c in a.children):
                return True  # "unless X arranged a ceasefire with rebels fighting ...": inside a condition
        t = v
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
                return True
            if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in t.children):
                return True
            auxes = [c.lower_ for c in t.children if c.dep_ == "aux"]
            if "have" in auxes and any(a in ("would", "should", "'d") for a in auxes):
                return True  # "would have attended": it did not happen
            h = ctx.head(t)
            if h is None or t.dep_ not in ("xcomp", "conj"):
                break
            t = h
        return False

    def _actor_noun(self, ctx: "DocContext", n: "Token | None") -> bool:
        """True for a noun that can act: a named actor or a body ("troops withdrawing"), or a
        statement that speaks for its author ("issued a declaration demanding...")."""
        if n is None:
            return False
        if n.lemma_.lower() in STATEMENT_NOUNS and n.dep_ == "dobj":
            return True
        if n.i in ctx.by_token:
            return True
        return n.lemma_.lower() in offices()["bodies"] or n.lower_ in offices()["bodies"]

    def _ordered(self, ctx: "DocContext", v: "Token") -> bool:
        """True for force that was ordered: "orders to shoot", "ordered troops to fire"."""
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and any(
            t.i < v.i and self.lex.override.get(t.lemma_.lower()) == "ORDER" for t in v.subtree if ctx.same(t, v)
        ):
            return True  # "X directed forces to shoot", however the parser attached "directed"
        h = ctx.head(v)
        if h is None:
            return False
        if h.lemma_.lower() in ("order", "instruction", "command"):
            return True
        if v.dep_ in ("xcomp", "advcl", "acl") and h.pos_ in ("VERB", "AUX"):
            return any(t.lemma_.lower() in ("order", "instruction") for t in h.subtree if ctx.same(t, h))
        return False

    def _governed(self, ctx: "DocContext", v: "Token") -> bool:
        """True when a governing trigger already stands for this verb ("agreed to cooperate",
        "demanded that X withdraw", "assisted Kazakhstan to stop", "accused X of violating",
        "rioted, setting fire to...")."""
        h = ctx.head(v)
        if h is None or h.i == v.i:
            return False
        if v.dep_ == "conj" and v.tag_ == "VBG" and h.tag_ == "VBG" and not any(
                c.dep_ in SUBJECT_DEPS for c in v.children):
            return self._governed(ctx, h)  # "rioted, setting fire to ... and smashing ...": one act
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            g = ctx.head(h)
            if g is not None and g.pos_ in ("VERB", "AUX"):
                gcat, _, _ = self._classify(ctx, g)
                return gcat in PLOVER_CATEGORIES
        if v.dep_ == "advcl" and v.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in v.children) \
                and h.pos_ in ("VERB", "AUX"):
            hcat, _, _ = self._classify(ctx, h)
            if hcat in PLOVER_CATEGORIES:
                return True
        if v.dep_ in ("xcomp", "ccomp", "advcl") and h.pos_ in ("VERB", "AUX"):
            hcat, _, _ = self._classify(ctx, h)
            if hcat is None or hcat in ("-", "PASS", "LIGHT"):
                return False
            if hcat == "SAY":
                # reported content is judged on its own, except a demand ("X said Y must ...")
                return any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND for c in v.children) and any(
                    c.dep_ in SUBJECT_DEPS and c.lower_ not in PERSON_PRONOUNS | {"it", "they", "we", "i"}
                    for c in v.children)
            if v.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                return False  # "X denounced ..., while Y called for ..." are two acts
            return True
        return False

    def _ordered_category(self, ctx: "DocContext", v: "Token") -> str | None:
        """What an order amounts to: ordering force or arrests is coercion."""
        for c in ctx.kids(v):
            if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                xcat, _, _ = self._classify(ctx, c)
                if xcat in ("ASSAULT", "COERCE"):
                    return "COERCE"
                if xcat in PLOVER_CATEGORIES:
                    return xcat
            if c.dep_ == "dobj":
                ncat = self.lex.noun(c.lemma_.lower())
                if ncat:
                    return "COERCE" if ncat == "ASSAULT" else ncat
        return None

    def _reported_speech(self, ctx: "DocContext", v: "Token", sources: set[str]) -> None:
        """"Russia said Sudan must return the helicopter" is a request by Russia; "Italy announced a
        suspension of air links" is a sanction by Italy."""
        obj = _quantity_head(ctx, next((c for c in ctx.kids(v) if c.dep_ == "dobj"), None))
        if obj is not None:
            ncat = self.lex.noun(obj.lemma_.lower())
            if ncat:
                self._emit(ctx, v, ncat, f"{v.text} {obj.text}", [v, obj], sources)
                return
        content = next((c for c in ctx.kids(v) if c.dep_ in CONTENT_DEPS and c.pos_ in ("VERB", "AUX")), None)
        if content is None:
            return
        if any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND for c in content.children):
            subj = next((c for c in ctx.kids(content) if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ in PERSON_PRONOUNS | {"it", "they", "we", "i"}:
                return  # "X said it must..." is an obligation on the speaker, not a demand
            self._emit(ctx, v, "REQUEST", f"{v.text} {content.text}", [v], sources, content_verb=content)

    # -- nouns ----------------------------------------------------------------------------------
    def _noun_event(self, ctx: "DocContext", n: "Token", sources: set[str]) -> None:
        cat = self.lex.noun(n.lemma_.lower())
        if n.lemma_.lower() == "strike" and any(c.lower_ in STRIKE_WEAPONS for c in n.children):
            cat = "ASSAULT"  # an air strike, not a labour strike
        if cat is None or cat not in STANDALONE_NOUN_CATEGORIES:
            self._agentive_noun_event(ctx, n, sources)
            return
        h = ctx.head(n)
        g = ctx.head(h) if n.dep_ == "pobj" and h is not None else h
        if g is not None and g.pos_ in ("VERB", "AUX") and any(t.i == n.i for t in self._classify(ctx, g)[2]):
            return  # the event noun of "took part in protests", "staged a strike": coded with its verb
        if n.dep_ in ("nsubj", "nsubjpass"):
            if h is not None and h.pos_ in ("VERB", "AUX"):
                hcat, _, _ = self._classify(ctx, h)
                if hcat in PLOVER_CATEGORIES and n.dep_ == "nsubjpass":
                    return  # "protests were quelled": the noun is the target
        elif n.dep_ == "pobj" and h is not None and h.lower_ in ("in", "during", "amid", "into", "for"):
            g = ctx.head(h)
            if g is None or g.pos_ not in ("VERB", "AUX"):
                return  # "her role in rioting": not an event of this sentence
            if h.lower_ == "for" and self._classify(ctx, g)[0] in PLOVER_CATEGORIES:
                return
            if g is not None and g.pos_ in ("VERB", "AUX"):
                gcat, _, _ = self._classify(ctx, g)
                if gcat in PLOVER_CATEGORIES and gcat not in STANDALONE_NOUN_CATEGORIES and h.lower_ != "in":
                    return
        elif n.dep_ == "conj" and h is not None and h.dep_ in ("nsubj", "nsubjpass"):
            pass
        elif n.dep_ == "dobj" and h is not None and h.pos_ in ("VERB", "AUX"):
            hcat, _, _ = self._classify(ctx, h)
            if hcat not in (None, "-", "NONE") or not self._located(ctx, n):
                return  # "we had a strike in the United States" counts; "ended the strike" is the target
        else:
            return
        if any(c.dep_ == "neg" or c.lower_ in ("no", "without") for c in n.children):
            return
        a = n
        for _ in range(6):
            a = ctx.head(a)
            if a is None:
                break
            if a.dep_ == "ccomp":
                return  # "insisted (that) unrest there reflected...": the speaker's view, not the event
        draft, country, name = None, None, ""
        for c in ctx.kids(n):
            if c.dep_ == "poss":
                draft, country, name = self._resolve(ctx, c)
                break
            if c.dep_ == "prep" and c.lower_ == "by":
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    draft, country, name = self._resolve(ctx, pobj)
                    break
        if draft is None and country is None:
            for c in ctx.kids(n):
                if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "PROPN"):
                    code = self.registry.country_of(c.text)
                    if code:
                        country = code
                        break
        if draft is None and country is None:
            country = self._event_country(ctx, n)
        if draft is not None and draft.key in sources:
            return
        if draft is None:
            if (country, cat) in self.noun_events_seen:
                return  # the article's own events: listed once per country, not per mention
            start, end = ctx.sentence_span(n)
            if any(p.sentence == (start, end) and p.category == cat for p in self.pending):
                return  # "students took part in protests": the act is already someone's
            self.noun_events_seen.add((country, cat))
        self._add(ctx, n, draft, country, name, cat, n.text, noun_summary(n), None, [n], negated=False,
                  hedged=self._hedged(ctx, n))

    def _agentive_noun_event(self, ctx: "DocContext", n: "Token", sources: set[str]) -> None:
        """A nominal act with its agent: "the Israeli army's withdrawal began", "after Russia's
        condemnation of ...", "a visit by the Chinese president", "a ceasefire agreement between
        Ukraine and Russia", "at a meeting with Ukraine's president", "after a visit to Kenya, Annan
        warned ...". Only where the noun is what the clause is about (a subject, a headline) or the
        frame of the clause's act ("after/during/at X"), never the object of another act ("demanded
        Israel's withdrawal": not done yet) nor of a light verb (coded there)."""
        if n.dep_ not in ("nsubj", "nsubjpass", "ROOT", "pobj"):
            return  # cheap test first: most nouns are objects and modifiers
        cat = self.lex.event_noun(n)
        if cat is None:
            return
        h = ctx.head(n)
        g = ctx.head(h) if n.dep_ == "pobj" and h is not None else None
        framed = n.dep_ == "pobj" and h is not None and h.lower_ in FRAME_PREPS
        if n.dep_ in ("nsubj", "nsubjpass", "ROOT") or framed:
            pass
        elif n.dep_ == "pobj" and g is not None and g.pos_ in ("VERB", "AUX") and h.lower_ in ("in", "into") \
                and self._classify(ctx, g)[0] in (None, "-"):
            pass  # "talks resulted in a ceasefire agreement between ..."
        else:
            return
        if any(c.dep_ == "neg" or c.lower_ in ("no", "without", "any") for c in n.children) or ctx.in_quote(n):
            return
        a = n
        for _ in range(6):
            a = ctx.head(a)
            if a is None:
                break
            if a.dep_ == "ccomp" or a.dep_ in ("advcl", "xcomp") and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                return  # a claim or a purpose, not a reported act
            if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "will") for c in a.children):
                return  # "X's visit will ...": planned
            if not framed and a.pos_ in ("VERB", "AUX") and self._classify(ctx, a)[0] in ("REQUEST", "THREATEN", "REJECT"):
                return  # "called for talks between ...": asked for, not held
        # the clause the event belongs to: the nearest verb with a subject ("after a visit, Annan warned")
        clause = next((t for t in list(n.ancestors)[:6] if t.pos_ in ("VERB", "AUX")
                       and any(c.dep_ in SUBJECT_DEPS for c in t.children)), None)
        if clause is not None and (self._unreal(ctx, clause) or self._negated(ctx, clause)):
            return
        own: list["Token"] = []  # the event's own doer: "Russia's", "by farmers"
        sides: list["Token"] = []  # both sides or the partner: "between X and Y", "with X"
        for c in ctx.kids(n):
            if c.dep_ == "poss":
                own.append(c)
            elif c.dep_ == "prep" and c.i > n.i and c.lower_ in ("by", "between", "with"):
                pobj = next((t for t in ctx.kids(c) if t.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if c.lower_ == "by":
                    own.extend(_with_conjuncts(ctx, pobj))
                elif c.lower_ == "between" and cat in RECIPROCAL_CATEGORIES or c.lower_ == "with" and cat == "CONSULT":
                    sides.extend(_with_conjuncts(ctx, pobj))
        doers = [d for d in (self._resolve(ctx, t)[0] for t in own) if d is not None]
        if not doers and framed and cat == "CONSULT" and clause is not None:
            # "after a three-day visit to Kenya, Annan warned", "at a meeting with X, NATO pledged": the subject met
            doers = [d for d in (self._resolve(ctx, t)[0] for t in self._subjects(ctx, clause)) if d is not None]
        doers += [d for d in (self._resolve(ctx, t)[0] for t in sides) if d is not None]
        seen: set[str] = set()
        for draft in doers:
            if draft.key in sources or draft.is_source or draft.key in seen:
                continue
            seen.add(draft.key)
            self._add(ctx, n, draft, None, draft.name, cat, n.text, noun_summary(n), None, [n], negated=False,
                      hedged=self._hedged(ctx, n))

    # -- emitting --------------------------------------------------------------------------------
    def _emit(self, ctx: "DocContext", v: "Token", cat: str, trigger: str, toks: list["Token"], sources: set[str],
              content_verb: "Token | None" = None) -> None:
        negated = self._negated(ctx, v)
        refusal = ""
        if negated and v.lemma_.lower() in REFUSAL_WHEN_NEGATED:
            # "would not accept" is a rejection, not a negated acceptance
            if cat != "REJECT" or not trigger.startswith("not "):
                trigger = "not " + trigger
            cat, negated = "REJECT", False
            refusal = " ".join(NEGATION_WORDS.get(c.lower_, c.lower_) for c in v.children
                               if c.dep_ in ("aux", "neg") and c.i < v.i) or "did not"
        hedged = self._hedged(ctx, v)
        target = self._target(ctx, v, toks)
        subjects = self._subjects(ctx, v)
        root = self._order_root(ctx, v) if cat == "COERCE" else None
        if content_verb is not None:  # "said Sudan must return the helicopter"
            summary_core = content_summary(v, content_verb)
        elif root is not None and root.i < v.i and root in v.subtree:  # a misparse: "directed" under "shoot"
            summary_core = span_summary(root, v)
        elif root is not None:  # "directed security forces to shoot", "gave orders to shoot"
            summary_core = verb_summary(root, passive=_is_passive(ctx, root))
        elif self._pass_head(ctx, v) is not None:  # "decided to withdraw", "tried to storm": keep the matrix verb
            head = self._pass_head(ctx, v)
            # with its own auxiliaries and negation: "will try to", "did not try to"
            lead = [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i and c.lower_ != "to"]
            start = min(lead, key=lambda t: t.i) if lead and all(
                ctx.doc[i].dep_ in ("aux", "neg", "advmod") for i in range(min(t.i for t in lead), head.i)) else head
            summary_core = span_summary(start, v)
        else:
            summary_core = verb_summary(v, [t for t in toks if t.i > v.i], negated=negated,
                                        passive=_is_passive(ctx, v) and not self._stative(ctx, v), refusal=refusal)
        summary_core = summary_core or trigger
        if not subjects:
            if (v.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in ctx.kids(v)) or _is_passive(ctx, v)) \
                    and not self._stative(ctx, v):
                if ctx.in_quote(v) or cat not in UNNAMED_CATEGORIES:
                    return
                country = self._event_country(ctx, v)
                self._add(ctx, v, None, country, "", cat, trigger, summary_core, target, toks, negated, hedged)
            return
        for subj in subjects:
            draft, country, name = self._resolve(ctx, subj)
            if draft is None and country is None and cat in ("ASSAULT", "COERCE") and self._attack_noun(subj):
                # "a roadside bombing killed ...": an unnamed attacker where it happened
                where = self._event_country(ctx, subj)
                self._add(ctx, v, None, where, self._attackers(where), cat, trigger, summary_core, target,
                          toks, negated, hedged)
                continue
            if draft is None and country is None:
                continue
            if draft is not None and (draft.is_source or draft.key in sources):
                continue
            acat = cat
            head = subj.lemma_.lower()
            if acat in ("ASSAULT", "COERCE") and head in PROTESTER_LEMMAS:
                acat = "PROTEST"
            elif acat == "ASSAULT" and draft is not None and draft.kind == "organization" and (
                PUBLICATION_WORDS & set(fold(draft.name).split())
            ):
                acat = "ACCUSE"
            self._add(ctx, v, draft, country, name, acat, trigger, summary_core, target, toks, negated, hedged)
            for extra in self._coordinated_groups(ctx, subj, draft):
                self._add(ctx, v, extra, None, extra.name, acat, trigger, summary_core, target, toks, negated, hedged)

    def _named_partner(self, ctx: "DocContext", v: "Token") -> "Token | None":
        """The named state, body or person ``v`` spoke to or with ("spoke to Prayut"), or None."""
        for c in ctx.kids(v):
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                d = ctx.by_token.get(pobj.i) if pobj is not None else None
                if d is None and pobj is not None:
                    d = next((ctx.by_token[g.i] for g in ctx.kids(pobj) if g.dep_ in ("appos", "compound")
                              and g.i in ctx.by_token), None)
                if d is not None and d.kind in ("person", "country", "organization") and not d.is_source:
                    return pobj
        return None

    def _pass_head(self, ctx: "DocContext", v: "Token") -> "Token | None":
        """The verb ``v`` is the infinitive of ("decided", "tried", "began"), which the summary must
        keep: "tried to storm the embassy" is not "stormed the embassy"."""
        h = ctx.head(v)
        if v.dep_ != "xcomp" or h is None or h.pos_ not in ("VERB", "AUX") or h.i > v.i:
            return None
        return h if self._classify(ctx, h)[0] == "PASS" else None

    def _attack_noun(self, tok: "Token") -> bool:
        """An attack standing as the subject of what it did ("a car bomb killed", "the blast
        wounded"); natural disasters and accidents are nobody's attack."""
        lemma = tok.lemma_.lower()
        if lemma in NATURAL_CAUSES or any(c.lemma_.lower() in NATURAL_CAUSES for c in tok.children):
            return False
        if lemma == "strike":  # an air or drone strike, not a labour strike
            return any(c.lower_ in STRIKE_WEAPONS for c in tok.children)
        return self.lex.noun(lemma) in ("ASSAULT",) or lemma in ATTACK_NOUNS

    def _order_root(self, ctx: "DocContext", v: "Token") -> "Token | None":
        """The verb that gave the order to use force ``v`` stands for: "directed" in "directed
        forces to shoot", "given" in "were given orders to shoot"; None when there is none."""
        h = ctx.head(v)
        if h is not None and h.lemma_.lower() in ("order", "instruction", "command") and h.pos_ == "NOUN":
            g = ctx.head(h)
            return g if g is not None and g.pos_ in ("VERB", "AUX") else None
        t = v
        for _ in range(3):
            t = ctx.head(t)
            if t is None:
                break
            if t.pos_ == "VERB" and self.lex.override.get(t.lemma_.lower()) == "ORDER":
                return t
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # the parser may hang the order under the act: "X directed forces to shoot"
            return next((t for t in v.subtree if t.i < v.i and t.pos_ == "VERB"
                         and self.lex.override.get(t.lemma_.lower()) == "ORDER"), None)
        return None

    def _add(self, ctx, tok, draft, country, name, cat, trigger, summary, target, toks, negated, hedged) -> None:
        start, end = ctx.sentence_span(tok)
        t0 = min(toks, key=lambda t: t.i)
        t1 = max(toks, key=lambda t: t.i)
        span = (ctx.offset + t0.idx, ctx.offset + t1.idx + len(t1.text))
        for p in self.pending:
            if p.sentence == (start, end) and p.category == cat and (
                (draft is not None and p.draft is draft) or (draft is None and p.draft is None and p.country == country)
            ):
                return
        if draft is not None:
            self.reacting.add(draft.key)
            name = draft.name
        elif not name:
            name = self._unnamed_name(country, cat, tok, toks)
            if not name:  # nobody the text implies: the article's event, not someone's reaction
                if not negated:
                    self._event(ctx, tok, country, cat if self._deliberate(tok, cat) else None, summary, toks)
                return
        self.pending.append(Pending(draft, country, cat, trigger, target, (start, end), negated, hedged, span,
                                    _tidy(summary), name))

    def _deliberate(self, tok: "Token", cat: str) -> bool:
        """False for harm that may be an accident ("76 were killed", "41 injured") unless the
        clause names an attack ("killed in a car bomb explosion", "clashes", "gunmen")."""
        if cat != "ASSAULT" or tok.pos_ not in ("VERB", "AUX") or verb_lemma(tok) not in HARM_LEMMAS:
            return True
        return any(self._attack_noun(t) for t in tok.subtree if t.pos_ in ("NOUN", "PROPN") and t.i != tok.i) or any(
            t.lemma_.lower() in ATTACKER_NOUNS for t in tok.subtree)

    def _unnamed_name(self, country: str | None, cat: str, tok: "Token | None" = None,
                      toks: "list[Token] | None" = None) -> str:
        """Who did an act the text names no doer of, when the act itself says: the state's
        authorities for the acts only a state does (arrests, deployments, sanctions), protesters
        for a protest, attackers for a deliberate attack; "" when nothing does (harm that may be
        an accident, being forced to work): then it is only the article's event."""
        if not country or self.registry.is_org_code(country):
            return ""
        if tok is not None and tok.pos_ in ("VERB", "AUX") and cat == "COERCE" and not any(
                t.lemma_.lower() in STATE_LEMMAS for t in [tok, *(toks or ())]):
            return ""  # "she was forced to work": by whom the text does not say
        if cat == "ASSAULT" and tok is not None and not self._deliberate(tok, cat):
            return ""
        if cat in ("COERCE", "MOBILIZE", "SANCTION"):
            demonym = self.gaz.demonym(country) if hasattr(self.gaz, "demonym") else None
            if demonym:
                return f"{demonym} authorities"
            return f"authorities in {self.gaz.country_name(country)}"
        if cat == "PROTEST":
            return f"protesters in {self.gaz.country_name(country)}"
        if cat == "ASSAULT":  # natural and accidental harm never gets here: it is an event
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None) if tok is not None else None
            if patient is not None and (patient.lemma_.lower() in QUANTITY_WORDS or patient.pos_ == "NUM"):
                of = next((c for c in patient.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                patient = next((g for g in of.children if g.dep_ == "pobj"), patient) if of is not None else patient
            if patient is not None and patient.lemma_.lower() in ARMED_GROUPS:
                # "the terrorists were wiped out": the state's forces fought them, not "attackers"
                demonym = self.gaz.demonym(country) if hasattr(self.gaz, "demonym") else None
                return f"{demonym} forces" if demonym else f"forces in {self.gaz.country_name(country)}"
            return self._attackers(country)
        return ""

    def _about_sport(self, ctx: "DocContext", v: "Token") -> bool:
        """True when the article is a sports report or ``v``'s sentence is about sport (once per sentence)."""
        if getattr(self, "sports", False):
            return True
        key = (ctx.offset, v.sent.start)
        memo = self.__dict__.setdefault("_sport_sentences", {})
        if key not in memo:
            memo[key] = sports_sentence(v.sent)
        return memo[key]

    def _natural_cause(self, ctx: "DocContext", v: "Token") -> bool:
        """True when what did the harm is nature or an accident: a subject "storm", "hotel
        collapse", "crash", or a passive "killed in a mudslide"."""
        for c in ctx.kids(v):
            if c.dep_ in ("nsubj", "csubj") and (c.lemma_.lower() in NATURAL_CAUSES or any(
                    g.lemma_.lower() in NATURAL_CAUSES for g in c.children if g.dep_ in ("compound", "amod"))):
                return True
        return _is_passive(ctx, v) and any(
            t.lemma_.lower() in NATURAL_CAUSES for c in ctx.kids(v) if c.dep_ in ("prep", "agent") for t in c.subtree)

    def _attackers(self, country: str | None) -> str:
        """The doers an attack implies when the text names none: "attackers in Iraq" ("" when
        the place is unknown: then it is only the article's event)."""
        if not country or self.registry.is_org_code(country):
            return ""
        return f"attackers in {self.gaz.country_name(country)}"

    def _event(self, ctx: "DocContext", tok: "Token", country: str | None, cat: str | None, summary: str,
               toks: list["Token"]) -> None:
        """Record something that happened with no actor: once per sentence and category. A verb's
        event is told as its clause, subject first ("a car bomb killed six soldiers")."""
        if tok.pos_ in ("VERB", "AUX"):
            summary = event_summary(tok) or summary
        start, end = ctx.sentence_span(tok)
        if any(e.sentence == (start, end) and e.category == cat for e in self.events):
            return
        t0, t1 = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        span = (ctx.offset + t0.idx, ctx.offset + t1.idx + len(t1.text))
        self.events.append(Event(_tidy(summary), country, cat, (start, end), span))

    # -- attributes ----------------------------------------------------------------------------
    def _negated(self, ctx: "DocContext", v: "Token") -> bool:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ in ("never",):
                return True
        h = ctx.head(v)
        if v.dep_ == "xcomp" and h is not None:
            hcat, _, _ = self._classify(ctx, h)
            if hcat == "PASS":
                return any(c.dep_ == "neg" for c in h.children)
        return False

    def _hedged(self, ctx: "DocContext", v: "Token") -> bool:
        hedges = self.lex.hedges
        for t in (v, ctx.head(v)):
            if t is None:
                continue
            for c in t.children:
                if c.lower_ in hedges and c.dep_ in ("advmod", "npadvmod", "amod"):
                    return True
        # "X is said/reported/believed to have ..."
        h = ctx.head(v)
        if v.dep_ == "xcomp" and h is not None and f"{h.lemma_.lower()} to" in {
            "say to", "report to", "believe to", "think to", "allege to"
        } | {f"{w.split()[0]} to" for w in hedges if w.endswith(" to")} and h.tag_ == "VBN":
            return True
        return False

    def _target(self, ctx: "DocContext", v: "Token", toks: list["Token"]) -> str | None:
        kids = ctx.kids(v)
        used = {t.i for t in toks}
        for c in kids:
            if c.dep_ in ("dobj",) and c.i not in used:
                return _np_text(c)
        for c in kids:
            if c.dep_ in ("prep", "prt") and c.i in used:
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _np_text(pobj)
        for c in kids:
            if c.dep_ == "nsubjpass":
                return _np_text(c)
        for c in kids:
            if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("against", "on", "to", "with", "for")):
                pobj = c if c.dep_ == "dative" else next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _np_text(pobj)
        for c in kids:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                words = [t for t in c.subtree if t.dep_ not in ("nsubj", "mark") and t.i >= c.i - 1]
                text = " ".join(t.text for t in words[:8])
                return text or None
        return None

    def _subjects(self, ctx: "DocContext", v: "Token") -> list["Token"]:
        """Subject tokens (actors) of a verb, following coordination and inheritance."""
        kids = ctx.kids(v)
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((g for g in ctx.kids(agent) if g.dep_ == "pobj"), None)
            return _with_conjuncts(ctx, pobj) if pobj is not None else []
        if self._stative(ctx, v):
            aux = [g for c in kids if c.dep_ == "auxpass" for g in ctx.kids(c)]  # parsers hang it on "is"
            subj = next((c for c in kids + aux if c.dep_ in ("nsubjpass", "nsubj")), None)
            return _with_conjuncts(ctx, subj) if subj is not None else []
        if _is_passive(ctx, v):
            return []  # agentless passive (also headline style): the caller names the unnamed actor
        subj = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None and subj.dep_ == "csubj":
            # "Writing to newspapers, Naoto Kan, the prime minister, expressed...": a misparsed
            # opening participle; the named actor in apposition is the subject
            named = [t for t in subj.subtree if t.dep_ == "appos" and t.i in ctx.by_token
                     and ctx.by_token[t.i].kind in ("person", "organization", "country")]
            return named[:1]
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                h = ctx.head(v)
                return _with_conjuncts(ctx, h) if h is not None else []
            return _with_conjuncts(ctx, subj)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or _is_passive(ctx, v):
            return []  # agentless passive: the caller names the unnamed actor
        h = ctx.head(v)
        if h is None or h.i == v.i:
            return []
        if v.dep_ in ("conj", "xcomp", "advcl") and h.pos_ in ("VERB", "AUX"):
            if v.dep_ == "xcomp":
                # object control: "urged the Senate to join" -> the Senate; subject control otherwise
                hobj = next((c for c in ctx.kids(h) if c.dep_ == "dobj"), None)
                hcat, _, _ = self._classify(ctx, h)
                if hobj is not None and hcat in ("REQUEST", "ORDER"):
                    return _with_conjuncts(ctx, hobj)
            if v.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in ctx.kids(h)):
                return []
            return self._subjects(ctx, h)
        if v.dep_ in ("acl",) and h.pos_ in ("NOUN", "PROPN") and v.tag_ == "VBG":
            g = ctx.head(h)
            if h.dep_ == "dobj" and g is not None and g.pos_ in ("VERB", "AUX") and (
                    h.lemma_.lower() in STATEMENT_NOUNS):
                return self._subjects(ctx, g)  # "issued a declaration demanding ...": the issuer demands
            return [h]  # "replaced troops withdrawing from ...": the troops withdraw
        return []

    def _resolve(self, ctx: "DocContext", tok: "Token") -> tuple[Draft | None, str | None, str]:
        """An actor for a subject token: (actor, country for an unnamed actor, name)."""
        reg = self.registry
        if tok.lemma_.lower() in QUANTITY_WORDS or tok.pos_ == "NUM":
            tok = _quantity_head(ctx, tok) or tok  # "thousands of Nigerians" -> Nigerians
        draft = ctx.by_token.get(tok.i)
        if draft is None:
            # the name may sit in the noun phrase: "President Tokayev", "the CSTO grouping"
            for c in tok.children:
                if c.dep_ in ("compound", "appos") and ctx.same(c, tok):
                    d = ctx.by_token.get(c.i)
                    if d is not None and d.kind in ("person", "organization", "country"):
                        if d.kind == "country" and tok.lemma_.lower() in offices()["bodies"]:
                            return self._group(ctx, tok, d.country)
                        draft = d
                        break
        if draft is not None:
            if draft.kind == "place":
                # a capital or big city acting stands for its state: "Berlin rejected", "Jakarta forced"
                if draft.country and not reg.is_org_code(draft.country) and tok.dep_ in SUBJECT_DEPS | {"pobj"}:
                    d = reg.country_by_code(draft.country)
                    return (d, None, d.name) if d is not None else (None, None, "")
                return None, None, ""
            if draft.is_source:
                return None, None, ""
            return draft, None, draft.name
        low = tok.lower_
        abs_start = ctx.offset + tok.idx
        if low in ("i", "we") and not ctx.in_quote(tok) and ctx.seg[tok.i] in ctx.label_speakers:
            d = ctx.label_speakers[ctx.seg[tok.i]]  # "LINDQVIST: We reject the plan."
            return d, None, d.name
        if tok.pos_ == "PRON" and ctx.in_quote(tok):
            if low in ("i", "we") and ctx.seg[tok.i] in ctx.speakers:
                d = ctx.speakers[ctx.seg[tok.i]]  # "I urge them...," Annan said
                return d, None, d.name
            return None, None, ""  # other pronouns in quotes refer to the speaker's world
        if low in PERSON_PRONOUNS or low in ("it", "they"):
            kinds = ("person",) if low in PERSON_PRONOUNS else ("organization", "country", "group")
            d = self._speaker(ctx, tok, kinds) or self._subject_before(ctx, tok, kinds) or self._recent(
                abs_start, kinds=kinds)
            return (d, None, d.name) if d else (None, None, "")
        if tok.pos_ == "PRON" or tok.tag_ in ("WDT", "WP", "EX", "DT"):
            return None, None, ""
        lemma = tok.lemma_.lower()
        # "the Kazakh president", "the president": a person already named with that title
        if is_title(tok) and tok.pos_ in ("NOUN", "PROPN") and not tok.tag_.endswith("S"):
            code = self._np_country(ctx, tok)
            d = self._recent_titled(abs_start, lemma, code)
            if d is not None:
                return d, None, d.name
            if code:
                return self._group(ctx, tok, code)
        # "the international force", "the alliance": the last international organisation named
        if lemma in offices()["collective"] and any(
            c.lower_ in ("international", "multinational", "joint", "peacekeeping", "regional", "military")
            or c.lower_ in ("the", "this") for c in tok.children
        ):
            code = self._np_country(ctx, tok)
            if code is None:
                d = self._recent(abs_start, kinds=("organization",), igo=True)
                if d is not None:
                    return d, None, d.name
        code = self.registry.country_of(tok.text) if tok.pos_ == "PROPN" or tok.tag_ == "NNPS" or (
            tok.ent_type_ == "NORP") else None  # "Albanians" is often tagged a common noun
        kind = self.registry.kind_of(tok.text) if code else None
        if kind == "group":
            # "Bosnian Serbs": the nationality group's entity is placed by its first word
            ent = reg.entity_at(abs_start, abs_start + len(tok.text))
            if ent is not None and ent.layer == "groups" and ent.country and ent.start < abs_start:
                code = ent.country
        if code and kind == "group" or code is None and tok.ent_type_ == "NORP":
            # "the Albanians of southern Serbia", "Kurds in Iraq": an ethnic group placed where it lives
            place = self._home_of_group(ctx, tok)
            h = ctx.head(tok)
            if place is None and h is not None and tok.dep_ in SUBJECT_DEPS and any(
                    c.lower_ == "ethnic" for c in tok.children):
                place = self._place_in_clause(ctx, h)  # "ethnic Albanians demonstrated in Serbia": a minority
            if place or code:
                return self._group(ctx, tok, place or code)
        if code and kind in ("country", "place") and not reg.is_org_code(code) and tok.dep_ in SUBJECT_DEPS | {"pobj"}:
            d = reg.country_by_code(code)  # a state or capital the recogniser missed ("Canberra rejected")
            if d is not None:
                start = ctx.offset + tok.idx
                if kind == "country":
                    d.add_mention(start, start + len(tok.text))
                return d, None, d.name
        if tok.tag_ == "NNS" and lemma not in offices()["bodies"]:
            code = self._np_country(ctx, tok)
            if code:
                return self._group(ctx, tok, code)  # "Dutch fishermen", "Swiss doctors"
        if lemma in offices()["bodies"] or tok.lower_ in offices()["bodies"]:
            code = self._np_country(ctx, tok)
            if code:
                return self._group(ctx, tok, code)
            if self.registry.is_source_name(_np_text(tok)):
                return None, None, ""
            if lemma in AMBIGUOUS_BODIES and any(
                c.dep_ in ("amod", "compound") and c.lower_ not in BODY_MODIFIERS and not c.ent_type_
                for c in tok.children
            ):
                return None, None, ""  # "cohesive forces", "mining missions": not a state body
            h = ctx.head(tok)
            where = self._event_country(ctx, h if h is not None and tok.dep_ in SUBJECT_DEPS else tok)
            return self._group(ctx, tok, where, evidence=EVIDENCE_CONTEXT)
        return None, None, ""

    @staticmethod
    def _subject_before(ctx: "DocContext", tok: "Token", kinds: tuple[str, ...]) -> Draft | None:
        """The nearest named subject earlier in the same sentence ("X agreed to a concession: he
        agreed to ..."): the history of subjects only grows after each sentence."""
        for t in reversed(ctx.doc[tok.sent.start:tok.i]):
            if t.dep_ in ("nsubj", "nsubjpass"):
                d = ctx.by_token.get(t.i)
                if d is not None and d.kind in kinds and not d.is_source:
                    return d
        return None

    def _home_of_group(self, ctx: "DocContext", tok: "Token") -> str | None:
        """The state named by "of <place>" right after a plural nationality noun ("the Albanians
        of southern Serbia": its inhabitants); "in <place>" only for an ethnic group ("ethnic
        Serbs in Kosovo") -- "Americans in Paris" are still American."""
        if not tok.tag_.endswith("S"):
            return None
        ethnic = any(c.lower_ == "ethnic" for c in tok.children)
        for c in ctx.kids(tok):
            if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "in" and ethnic) and c.i > tok.i:
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is None:
                    return None
                d = ctx.by_token.get(pobj.i)
                code = d.country if d is not None and d.kind in ("country", "place") else None
                if code is None and self.registry.kind_of(pobj.text) in ("country", "place"):
                    code = self.registry.country_of(pobj.text)
                if code and not self.registry.is_org_code(code):
                    return code
        return None

    def _coordinated_groups(self, ctx: "DocContext", subj: "Token", draft: Draft | None) -> list[Draft]:
        """"Hungarian and Romanian officials": one group per nationality."""
        if draft is None or draft.kind != "group":
            return []
        out = []
        for c in ctx.kids(subj):
            if c.dep_ != "amod" or not self.registry.country_of(c.text):
                continue
            for conj in _with_conjuncts_any(ctx, c)[1:]:
                code = self.registry.country_of(conj.text)
                if code and code != draft.country:
                    start = ctx.offset + conj.idx
                    out.append(self.registry.group(f"{conj.text} {subj.text}", code, start,
                                                   ctx.offset + subj.idx + len(subj.text)))
        return out

    def _speaker(self, ctx: "DocContext", tok: "Token", kinds: tuple[str, ...]) -> Draft | None:
        """In "Syria says it will not accept...", "it" is the speaker: the subject of a verb above."""
        t = ctx.head(tok)
        for _ in range(4):
            if t is None:
                return None
            h = ctx.head(t)
            if h is None or t.dep_ not in ("ccomp", "xcomp", "advcl", "conj"):
                return None
            subj = next((c for c in ctx.kids(h) if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
            if subj is not None and subj.tag_ in ("WP", "WDT") and h.dep_ == "relcl" and ctx.head(h) is not None:
                subj = ctx.head(h)  # "Devocht, who had told him he would help": "he" is Devocht
            if subj is not None and subj.pos_ != "PRON":
                for s in (subj, *[c for c in subj.children if c.dep_ == "compound"]):
                    d = ctx.by_token.get(s.i)
                    if d is not None and d.kind in kinds and not d.is_source:
                        return d
                if "person" not in kinds:
                    d, _, _ = self._resolve(ctx, subj)
                    if d is not None and d.kind in kinds:
                        return d
                return None
            t = h
        return None

    def _group(self, ctx: "DocContext", tok: "Token", code: str | None, evidence: int = EVIDENCE_TEXT):
        name = _group_name(tok)
        if self.registry.is_source_name(name):
            return None, None, ""
        abs_start = ctx.offset + tok.left_edge.idx
        d = self.registry.group(name, code, abs_start, ctx.offset + tok.idx + len(tok.text), evidence)
        if d.country and self.registry.is_org_code(d.country):
            d.is_igo = True
        return d, None, d.name

    def _np_country(self, ctx: "DocContext", tok: "Token") -> str | None:
        """A country named inside a noun phrase: "Kazakh officials", "Jordan's army", "police in Iraq"."""
        for c in tok.children:
            if not ctx.same(c, tok):
                continue
            if c.dep_ == "poss" and c.lemma_.lower() in ("country", "nation", "state"):
                return self.context_at(ctx.offset + c.idx)  # "the country's prime minister"
            if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and c.pos_ in ("ADJ", "PROPN", "NOUN"):
                d = ctx.by_token.get(c.i)
                if d is not None and d.country and d.kind in ("country", "organization"):
                    return d.country
                code = self.registry.country_of(c.text)
                if code is None and "-" in c.text:
                    code = self.registry.country_of(c.text.split("-")[0])  # "Vietnamese-led forces"
                if code is None and c.i > 0:
                    code = self.registry.country_of(tok.doc[c.left_edge.i: c.i + 1].text)
                if code:
                    return code
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    d = ctx.by_token.get(pobj.i)
                    if d is not None and d.country:
                        return d.country
                    code = self.registry.country_of(pobj.text)
                    if code is None and pobj.i > pobj.left_edge.i:
                        # "inhabitants of the Syrian Golan Heights": a nationality leads the name
                        code = self.registry.country_of(tok.doc[pobj.left_edge.i: pobj.i + 1].text)
                    if code:
                        return code
        return None

    def _located(self, ctx: "DocContext", n: "Token") -> bool:
        """True when a noun's clause names where it happened ("... in the United States")."""
        h = ctx.head(n) or n
        for t in h.subtree:
            if t.dep_ == "pobj" and ctx.head(t) is not None and ctx.head(t).lower_ in LOCATION_PREPS:
                d = ctx.by_token.get(t.i)
                if d is not None and d.kind in ("place", "country"):
                    return True
        return False

    def _event_country(self, ctx: "DocContext", tok: "Token") -> str | None:
        """Where an act by an unnamed actor happened: a place in the clause, else the patient's
        nationality, else the article's dominant country."""
        code = self._place_in_clause(ctx, tok)
        if code:
            return code
        for c in ctx.kids(tok):
            if c.dep_ == "nsubjpass":
                code = self._np_country(ctx, c)
                if code and not self.registry.is_org_code(code):
                    return code
        return self.context_at(ctx.offset + tok.idx)

    def _place_in_clause(self, ctx: "DocContext", tok: "Token") -> str | None:
        """The state of a place the clause of ``tok`` puts the act in ("in Serbia", "near the town
        of Samarra"), or None."""
        seen = 0
        for t in tok.subtree:
            seen += 1
            if seen > 60:
                break
            d = ctx.by_token.get(t.i)
            code = d.country if d is not None and d.kind in ("place", "country") else None
            if d is None and t.pos_ == "PROPN" and t.dep_ == "pobj" and self.registry.kind_of(t.text) in (
                "country", "place"
            ):
                code = self.registry.country_of(t.text)  # a place the recogniser missed
            if not code or not ctx.same(t, tok) or self.registry.is_org_code(code):
                continue
            # a place under a locative preposition, possibly nested: "near the town of Samarra"
            a, located = t, False
            for _ in range(6):
                h = ctx.head(a)
                if h is None or a.i == tok.i or h.i == tok.i and a.dep_ != "prep":
                    located = located or (a.dep_ == "prep" and a.lower_ in LOCATION_PREPS)
                    break
                if a.dep_ == "pobj" and h.lower_ in LOCATION_PREPS:
                    g = ctx.head(h)
                    # "employees based in Iraq": where someone lives or works is not where this happened
                    located = not (g is not None and g.dep_ == "acl" and g.lemma_.lower() in RESIDENCE_VERBS)
                    break
                if a.dep_ in ("nsubj", "nsubjpass", "dobj"):
                    break
                a = h
            if located:
                return code
        return None

    def _recent(self, before: int, kinds: tuple[str, ...], igo: bool = False) -> Draft | None:
        best = None
        for start, d, was_subject in reversed(self.history):
            if start >= before or d.kind not in kinds or d.is_source:
                continue
            if igo and not d.is_igo:
                continue
            if was_subject:
                return d
            if best is None:
                best = d
        return best

    def _recent_titled(self, before: int, title: str, code: str | None) -> Draft | None:
        for start, d, _ in reversed(self.history):
            if start >= before or d.kind != "person" or not d.role:
                continue
            if title in d.role.lower() and (code is None or d.country == code):
                return d
        # a person named later in the article (headlines come first)
        for d in self.registry.drafts.values():
            if d.kind == "person" and d.role and title in d.role.lower() and code and d.country == code:
                return d
        return None

    # -- finishing -----------------------------------------------------------------------------
    def _finish(self) -> tuple[list[Actor], list[Reaction]]:
        reg = self.registry
        for key in self.sourced - self.reacting:
            d = reg.drafts.get(key)
            # outlets cited ("according to DW") are sources; a person cited is still an actor
            # (the interviewee of an interview is its main actor)
            if d is not None and d.kind == "organization":
                d.is_source = True
        reg.apply_fallbacks()
        for name, code, start, end in sorted(self.bodies, key=lambda b: b[1] is None):
            if code is None:
                guess = reg._context_for(start, "group")
                same = _same_body(reg, name, guess)
                if same is not None:  # "the government" after "the Kazakh government": one body
                    same.add_mention(start, end)
                    continue
                reg.group(name, guess, start, end, EVIDENCE_CONTEXT)
            else:
                reg.group(name, code, start, end)
        reactions = []
        for p in self.pending:
            if p.draft is not None and p.draft.is_source:
                continue
            if getattr(self, "sports", False) and p.category not in SPORTS_CATEGORIES:
                continue
            country = p.draft.country if p.draft is not None else p.country
            reactions.append(Reaction(
                actor=p.draft.key if p.draft is not None else "",
                country=country,
                category=p.category,
                trigger=p.trigger,
                target=p.target,
                sentence=p.sentence,
                negated=p.negated,
                hedged=p.hedged,
                trigger_span=p.trigger_span,
                summary=p.summary,
                actor_name=p.actor_name,
            ))
        return reg.actors(), reactions


# -- parse helpers --------------------------------------------------------------------------------

class DocContext:
    """One parsed chunk with its offset, entity-token map and line segments.

    ``pipeline.parse`` parses every line on its own, so no sentence and no dependency runs across
    a line break; ``seg`` numbers the lines (quotes and quoted speakers are per line).
    """

    def __init__(self, doc: "Doc", offset: int, by_token: dict[int, Draft], seg: list[int]):
        self.doc, self.offset, self.by_token, self.seg = doc, offset, by_token, seg
        self.quoted = _quoted(doc, seg)
        self.speakers: dict[int, Draft] = {}
        self.label_speakers: dict[int, Draft] = {}  # transcript lines: "NAME: ..." speaks the line

    def in_quote(self, tok: "Token") -> bool:
        return self.quoted[tok.i]

    def same(self, a: "Token", b: "Token") -> bool:
        """True for two tokens on the same line."""
        return self.seg[a.i] == self.seg[b.i]

    def kids(self, tok: "Token") -> list["Token"]:
        return list(tok.children)

    def head(self, tok: "Token") -> "Token | None":
        """The syntactic head, or None for a sentence root."""
        h = tok.head
        return None if h.i == tok.i else h  # spaCy makes a new Token object on every access

    def sentence_bounds(self, tok: "Token") -> tuple[int, int]:
        """First and last token index of the sentence around ``tok``, without trailing space."""
        sent = tok.sent
        lo, hi = sent.start, sent.end - 1
        while hi > tok.i and self.doc[hi].is_space:
            hi -= 1
        return lo, hi

    def sentence_span(self, tok: "Token") -> tuple[int, int]:
        """Absolute span of the sentence around ``tok``, without surrounding space."""
        sent = tok.sent
        lo, hi = sent.start, sent.end - 1
        while lo < hi and self.doc[lo].is_space:
            lo += 1
        while hi > lo and self.doc[hi].is_space:
            hi -= 1
        a, b = self.doc[lo], self.doc[hi]
        return self.offset + a.idx, self.offset + b.idx + len(b.text)


def _segments(doc: "Doc") -> list[int]:
    """Line number of every token (a new line starts after a line break)."""
    seg, n = [], 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            seg.append(n)
            n += 1
            continue
        seg.append(n)
        if "\n" in t.whitespace_:
            n += 1
    return seg


def _locative(span: "Span") -> bool:
    """True when a name is used as a location ("in Tain", "from Babil", "Tain's voters")."""
    h = span.root.head
    return span.root.dep_ == "pobj" and h.lower_ in LOCATION_PREPS | {"from", "to", "into", "of", "near"}


def _quoted(doc: "Doc", seg: list[int]) -> list[bool]:
    """Which tokens sit inside double quotes (quotes never run past a line break)."""
    out, inside, cur = [], False, -1
    for t in doc:
        if seg[t.i] != cur:
            cur, inside = seg[t.i], False
        if t.text in ("\u201c",):
            inside = True
            out.append(False)
            continue
        if t.text in ("\u201d",):
            inside = False
            out.append(False)
            continue
        if t.text == '"' or t.text == "``" or t.text == "''":
            inside = not inside
            out.append(False)
            continue
        out.append(inside)
    return out


def _quantity_head(ctx: "DocContext", obj: "Token | None") -> "Token | None":
    """"thousands of soldiers" -> soldiers; "2,500 troops" stays troops."""
    if obj is None:
        return None
    if obj.lemma_.lower() in QUANTITY_WORDS or obj.pos_ == "NUM" or any(c.dep_ == "nummod" for c in obj.children):
        prep = next((c for c in ctx.kids(obj) if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is not None:
            pobj = next((g for g in ctx.kids(prep) if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return obj


def _with_conjuncts(ctx: DocContext, tok: "Token") -> list["Token"]:
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in ctx.kids(t):
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                out.append(c)
                stack.append(c)
    return out


def _with_conjuncts_any(ctx: DocContext, tok: "Token") -> list["Token"]:
    """A token and its conjuncts whatever their part of speech ("Hungarian and Romanian")."""
    out, stack = [tok], [tok]
    while stack:
        t = stack.pop()
        for c in ctx.kids(t):
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def _is_passive(ctx: DocContext, v: "Token") -> bool:
    """A passive clause, including headline style without the auxiliary ("Minister rescued from...")."""
    if any(c.dep_ == "auxpass" for c in v.children) or _headline_acl(v):
        return True
    # headlines drop "was": "Minister rescued from protesters" (tagged VBN or VBD); they write
    # active news in the present, so a past form with a subject and no object is a passive
    return v.tag_ in ("VBN", "VBD") and v.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in v.children) \
        and any(c.dep_ == "nsubj" for c in v.children) and _headline(v) and (
            v.tag_ == "VBN" or not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in v.children))


def _headline_acl(v: "Token") -> bool:
    """"Journalist detained by police in Minsk": a headline parsed as a noun with a participle;
    the participle is the headline's event, a passive."""
    return (v.dep_ == "acl" and v.tag_ == "VBN" and v.head.dep_ == "ROOT" and v.head.pos_ in ("NOUN", "PROPN")
            and v.head.i < v.i and _headline(v))


def _headline(tok: "Token") -> bool:
    """True for a sentence without closing punctuation (a headline or caption): only there does a
    bare participle make a passive ("Minister rescued from protesters"); in running text a bare
    "protested" tagged VBN is a past tense the tagger got wrong."""
    sent = tok.sent
    for t in reversed(sent):
        if t.is_space or t.text in ('"', "'", "\u201d", "\u2019", ")"):
            continue
        return t.text not in (".", "!", "?")
    return True


def _same_body(reg: ActorRegistry, name: str, country: str | None) -> Draft | None:
    """A body of that country already listed under the same head noun ("Kazakh government" for
    "the current government", "Kazakh forces" for "security forces"), else None."""
    if not country:
        return None
    head = name.split()[-1].lower()
    for d in reg.drafts.values():
        if d.kind in ("group", "organization") and d.country == country and d.name != name and (
                d.name.split()[-1].lower() == head):
            return d
    return None


def _lone_country_name(span: "Span", doc: "Doc") -> bool:
    """A one-word "person" that is a state's name ("Jordan", "Chad", "Georgia") and never part of
    a longer personal name in the document ("Michael Jordan"): the state."""
    if len(span) != 1:
        return False
    word = span.text
    return not any(t.text == word and t.ent_type_ == "PERSON" and not (t.i == span.start) and (
        t.ent_iob_ == "I" or (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I")) for t in doc)


def _region_named(reg: ActorRegistry, text: str) -> str | None:
    """The country of a region the text names, unless the name is also a person's: a one-word
    region that someone in the knowledge tables is called ("Lawrence") stays what the recogniser
    said it was."""
    try:
        code = reg.gaz.region_country(text)
    except Exception:
        return None
    if code and " " not in text.strip() and knowledge.is_known_name(text):
        return None
    return code


def _shared_descriptor(doc: "Doc", span: "Span", reg: ActorRegistry) -> str | None:
    """The nationality of a plural description before a list of names: in "Burmese nationals Zaw
    Lin and Wai Phyo" the second name is described too. Only a plural description is shared
    ("French President Macron and Merkel" does not make Merkel French)."""
    root = span.root
    if root.dep_ != "conj" or root.head.ent_type_ != "PERSON":
        return None
    first = root.head
    while first.i > 0 and first.ent_iob_ == "I":
        first = doc[first.i - 1]
    before = first.i - 1
    if before < 0 or doc[before].tag_ != "NNS":
        return None
    return descriptor_country(doc, before, reg)


#: Verbs that make an agreement with an object or "to", but only share a view with a clause.
OPINION_VERBS = {"agree", "accept", "concede", "acknowledge"}

#: State bodies that are actors wherever the text names them ("security forces", "the junta").
QUIET_BODY_NOUNS = {"army", "military", "government", "police", "force", "navy", "ministry", "parliament", "junta",
                    "regime", "cabinet", "opposition", "embassy", "judiciary", "legislature", "administration",
                    "television", "radio", "media", "party", "court", "council", "commission", "assembly", "senate",
                    "congress", "agency", "service"}
#: Institutions that are the state's only with a modifier saying so ("ruling party", "Supreme
#: Court", "electoral commission", "National Assembly").
NAMED_BY_KIND = {"party", "court", "council", "commission", "assembly", "senate", "congress", "agency", "service"}
STATE_KIND_WORDS = {"supreme", "high", "constitutional", "electoral", "election", "transitional", "presidential",
                    "national", "central", "appeals", "appeal", "district", "criminal", "legislative", "upper",
                    "lower", "people", "communist", "socialist", "democratic", "republican", "labour", "labor",
                    "conservative", "liberal", "nationalist"}
#: Outlets that are a state body only as "state television", "state media".
STATE_OUTLETS = {"television", "radio", "media"}

#: State bodies a nationality word makes an actor of ("Afghan forces"), whether or not they act.
BODY_NOUNS_FOR_GROUPS = {"army", "military", "force", "forces", "government", "police", "troops", "soldier",
                         "navy", "authorities", "authority", "ministry", "parliament", "officials", "official",
                         "diplomats", "delegation", "embassy", "junta", "regime", "cabinet", "security",
                         "guard", "coast", "intelligence", "court", "judiciary", "legislature", "administration"}


def _based_in(span: "Span", registry) -> str | None:
    """The state of "<Country>'s" or "<Place>-based" right before an organisation's name, or of
    "based in <Place>" right after it: whose body it is, or where a company is based."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].tag_ == "POS":
        # "Israel's Ministry of Strategic Affairs": the possessive owner is the body's state
        j = i
        while j > 0 and doc[j - 1].pos_ == "PROPN":
            j -= 1
        code = registry.country_of(doc[j:i].text) if j < i else None
        if code and registry.kind_of(doc[j:i].text) == "country" and not registry.is_org_code(code):
            return code
    if i >= 2 and doc[i].lower_ == "based" and doc[i - 1].text == "-":
        j = i - 2
        while j > 0 and doc[j - 1].pos_ == "PROPN":
            j -= 1
        code = registry.country_of(doc[j:i - 1].text)
        if code and not registry.is_org_code(code):
            return code
    k = span.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "based" and doc[k + 2].lower_ == "in":
        m = k + 3
        while m < len(doc) and doc[m].pos_ in ("PROPN", "DET") and m < k + 7:
            m += 1
        place = doc[k + 3:m].text.removeprefix("the ").strip()
        code = registry.country_of(place) if place else None
        if code and not registry.is_org_code(code):
            return code
    return None


def _np_text(tok: "Token", with_preps: bool = False, limit: int = 10) -> str:
    """A short text for a noun phrase: its left modifiers, the head, and (optionally) "of/in X"."""
    words = []
    for t in tok.subtree:
        if t.i < tok.i:
            if t.dep_ in ("det", "punct") and t.i == tok.left_edge.i and t.lower_ in ("the", "a", "an", "‘", "'", "“", '"'):
                continue
            words.append(t)
        elif t.i == tok.i:
            words.append(t)
        else:
            if t.dep_ in ("relcl", "acl", "punct", "appos", "cc", "conj") and t.head.i == tok.i:
                break
            if not with_preps and t.head.i == tok.i and t.dep_ == "prep" and t.lower_ not in ("of", "to", "against"):
                break
            words.append(t)
        if len(words) >= limit:
            break
    text = "".join(t.text_with_ws for t in words).strip()
    return text.strip(" ,.;:\"'“”‘’")


#: Leading words a group's name does without: "these", "up to 100", "some 500", "about 3,000".
_NAME_LEAD_DEPS = {"det", "predet", "nummod", "quantmod", "advmod", "punct", "cc", "npadvmod"}


def _group_name(tok: "Token") -> str:
    """The name of a group as the panel shows it: "ethnic Albanians", not "Up to 100 ethnic
    Albanians"; "supporters of ...", not "These supporters of ..."."""
    text = _np_text(tok, with_preps=True)
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and (doc[start].dep_ in _NAME_LEAD_DEPS or doc[start].like_num or doc[start].pos_ == "NUM"
                             or doc[start].lower_ in ("up", "to", "as", "many", "than", "more", "over")):
        start += 1
    if start > tok.left_edge.i:
        lead = doc[tok.left_edge.i:start].text
        if text.startswith(lead):
            text = text[len(lead):].strip() or text
        elif text.lower().startswith(lead.lower().split(" ", 1)[-1]):
            pass
    if text[:1].isupper() and not doc[start].ent_type_ and doc[start].pos_ != "PROPN" and text[1:2].islower():
        text = text[:1].lower() + text[1:]  # "these protesters" at the start of a sentence
    return text or _np_text(tok, with_preps=True)


def _tidy(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


# -- public API -----------------------------------------------------------------------------------

def extract_actors_and_reactions(chunks, entities: list[Entity],
                                 meta: ArticleMeta | None = None) -> tuple[list[Actor], list[Reaction]]:
    """Actors (news sources flagged ``is_source``) and their reactions for one parsed document.

    ``chunks`` are ``pipeline.Chunk(offset, doc)``; ``entities`` have absolute offsets; ``meta``
    (date, publisher) dates offices and names the publisher. Never raises on odd input: a parse
    without dependencies yields actors but no reactions.
    """
    actors, reactions, _events = extract_actors_reactions_events(chunks, entities, meta)
    return actors, reactions


def extract_actors_reactions_events(chunks, entities: list[Entity], meta: ArticleMeta | None = None,
                                    ) -> tuple[list[Actor], list[Reaction], list[Event]]:
    """As :func:`extract_actors_and_reactions`, with the article's events that nobody named did
    ("76 killed in hotel collapse", an attack by unknown attackers) as a third list."""
    from newsreader.analysis.gazetteer import get_gazetteer

    extractor = Extractor(get_gazetteer(), list(entities), meta)
    actors, reactions = extractor.run(chunks)
    return actors, reactions, list(extractor.events)
