"""Who acted: entity mentions and descriptions resolved to actors.

The actor of an act is the verb's subject (or the passive's agent), resolved to an actor of the
document's :class:`ActorRegistry`: a named entity, a pronoun ("he" -> the last person subject,
"it" in "Syria says it will..." -> the speaker), a description ("the Kazakh president", "Russian
forces", "the international force"); with no doer in the text, the body the act implies
("Chilean authorities" for arrests, "attackers in Iraq" for a bombing) or nobody (the article's
event). "According to X" makes X a source, never the actor; news agencies are never actors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.analysis import knowledge
from newsreader.analysis.actors import (
    EVIDENCE_CONTEXT,
    EVIDENCE_OFFICE,
    EVIDENCE_TEXT,
    PERSON_PRONOUNS,
    ActorRegistry,
    CountryContext,
    Draft,
    apposition_country,
    country_named_after,
    descriptor_country,
    fold,
    initials,
    institution_country,
    is_title,
    national_title_country,
    offices,
    title_phrase,
)
from newsreader.analysis.actors.non_actors import non_actor_reason
from newsreader.analysis.events.clauses import (
    QUANTITY_WORDS,
    SUBJECT_DEPS,
    headline_series,
    is_passive,
    np_text,
    quantity_head,
    with_conjuncts,
    with_conjuncts_any,
)
from newsreader.model.analysis import ArticleMeta, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsreader.analysis.events.extractor import DocContext
    from newsreader.analysis.events.triggers import Triggers

LOCATION_PREPS = {"in", "at", "across", "throughout", "near", "around", "inside", "within", "on"}
#: Armed groups a state's forces fight: harm done to them with no doer named is the forces' act.
ARMED_GROUPS = {
    "terrorist",
    "militant",
    "insurgent",
    "rebel",
    "gunman",
    "gunmen",
    "extremist",
    "jihadist",
    "fighter",
    "guerrilla",
    "attacker",
    "assailant",
    "bandit",
    "pirate",
}
#: Coercion only a state does: an agentless "were arrested" is the authorities' act.
STATE_LEMMAS = {
    "arrest",
    "detain",
    "jail",
    "imprison",
    "charge",
    "prosecute",
    "indict",
    "deport",
    "ban",
    "expel",
    "sentence",
    "convict",
    "raid",
    "deploy",
    "sanction",
    "seize",
    "confiscate",
    "evict",
    "extradite",
    "outlaw",
    "censor",
    "disperse",
    "round",
    "hold",
    "intern",
    "fine",
    "search",
    "question",
    "interrogate",
    "kick",
    "bar",
    "block",
    "shut",
    "close",
    "suspend",
    "dissolve",
    "impose",
    "declare",
    "order",
    "instruction",
    "command",
    "curfew",
    "crackdown",
}
#: Modifiers that keep a generic body political ("security forces", "opposition groups").
BODY_MODIFIERS = {
    "security",
    "armed",
    "government",
    "military",
    "federal",
    "state",
    "local",
    "national",
    "opposition",
    "rebel",
    "special",
    "riot",
    "border",
    "foreign",
    "senior",
    "top",
    "regional",
    "provincial",
    "coalition",
    "allied",
    "peacekeeping",
    "paramilitary",
    "police",
    "intelligence",
    "interim",
    "new",
    "ruling",
    "governing",
    "civil",
    "rival",
    "militant",
    "separatist",
    "ethnic",
    "muslim",
    "christian",
    "islamist",
    "radical",
    "hardline",
    "elite",
    "naval",
    "air",
    "ground",
    "defence",
    "defense",
    "interior",
    "justice",
    "health",
    "finance",
    "trade",
    "former",
    "many",
    "other",
    "several",
    "some",
    "young",
    "angry",
    "thousands",
    "hundreds",
}
#: Body nouns with everyday non-political senses ("cohesive forces", "mining missions").
AMBIGUOUS_BODIES = {
    "force",
    "forces",
    "mission",
    "union",
    "council",
    "group",
    "commission",
    "committee",
    "agency",
    "team",
    "body",
    "unit",
    "members",
    "member",
    "people",
    "crowd",
    "workers",
    "staff",
}
RESIDENCE_VERBS = {"base", "live", "station", "work", "reside", "operate", "administer", "stay", "settle"}
STATEMENT_NOUNS = {"statement", "declaration", "letter", "resolution", "communique", "message", "note", "appeal"}

#: State bodies that are actors wherever the text names them ("security forces", "the junta").
QUIET_BODY_NOUNS = {
    "army",
    "military",
    "government",
    "police",
    "force",
    "navy",
    "ministry",
    "parliament",
    "junta",
    "regime",
    "cabinet",
    "opposition",
    "embassy",
    "judiciary",
    "legislature",
    "administration",
    "television",
    "radio",
    "media",
    "party",
    "court",
    "council",
    "commission",
    "assembly",
    "senate",
    "congress",
    "agency",
    "service",
}
#: Institutions that are the state's only with a modifier saying so ("ruling party", "Supreme
#: Court", "electoral commission", "National Assembly").
NAMED_BY_KIND = {"party", "court", "council", "commission", "assembly", "senate", "congress", "agency", "service"}
STATE_KIND_WORDS = {
    "supreme",
    "high",
    "constitutional",
    "electoral",
    "election",
    "transitional",
    "presidential",
    "national",
    "central",
    "appeals",
    "appeal",
    "district",
    "criminal",
    "legislative",
    "upper",
    "lower",
    "people",
    "communist",
    "socialist",
    "democratic",
    "republican",
    "labour",
    "labor",
    "conservative",
    "liberal",
    "nationalist",
}
#: Outlets that are a state body only as "state television", "state media".
STATE_OUTLETS = {"television", "radio", "media"}

#: State bodies a nationality word makes an actor of ("Afghan forces"), whether or not they act.
BODY_NOUNS_FOR_GROUPS = {
    "army",
    "military",
    "force",
    "forces",
    "government",
    "police",
    "troops",
    "soldier",
    "navy",
    "authorities",
    "authority",
    "ministry",
    "parliament",
    "officials",
    "official",
    "diplomats",
    "delegation",
    "embassy",
    "junta",
    "regime",
    "cabinet",
    "security",
    "guard",
    "coast",
    "intelligence",
    "court",
    "judiciary",
    "legislature",
    "administration",
}


#: People who act for the leader named as their owner ("Putin's envoy").
LEADERS_AGENTS = {"envoy", "envoys", "spokesman", "spokeswoman", "spokesperson", "party"}

#: How much a run-in label weighs in its paragraph's country context (a mention weighs 1).
LABEL_WEIGHT = 5.0


class Agents:
    """The actors of one document: entities registered as they come, subjects resolved to them,
    the mentions remembered for pronouns, and the state bodies named without acting."""

    def __init__(self, gazetteer, triggers: Triggers, entities: list[Entity], meta: ArticleMeta | None = None):
        self.gaz = gazetteer
        self.triggers = triggers
        self.entities = entities
        self.context_at = CountryContext(entities, [0], gazetteer)
        self.registry = ActorRegistry(gazetteer, entities, self.context_at, meta)
        self.history: list[tuple[int, Draft, bool]] = []  # (abs start, actor, was a subject)
        self.sourced: set[str] = set()  # actors named in "according to X"
        # state bodies named but not acting ("Guinean security forces", "the military government"):
        # (name, country or None for the context's, start, end), listed once the actors are placed
        self.bodies: list[tuple[str, str | None, int, int]] = []

    def read_layout(self, chunks) -> None:
        """The country in context at each line, from where lines and headings start, and the
        country words outside entities."""
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
        # the component's own definition of a label (imported here: it registers a spaCy factory,
        # and this module is imported where spaCy must not be)
        from newsreader.analysis.components.run_in_labels import label_spans

        for chunk in chunks:
            for label in label_spans(chunk.doc):
                code = self.registry.country_of(label.text)
                if code and self.registry.kind_of(label.text) in ("country", "organization"):
                    # "Ukraine: The foreign ministry warned ...": the label says whose the
                    # paragraph's unplaced bodies and people are, whatever else it names
                    self.context_at.add_mention(chunk.offset + label.start_char, code, LABEL_WEIGHT)
        for chunk in chunks:
            self.missed_places(chunk.doc, chunk.offset)

    def remember(self, ctx: DocContext, sent: Span) -> None:
        """Who was mentioned in ``sent``, for pronouns in later sentences."""
        for tok in sent:
            d = ctx.by_token.get(tok.i)
            if d is not None and (not self.history or self.history[-1][1] is not d):
                self.history.append((ctx.offset + tok.idx, d, tok.dep_ in SUBJECT_DEPS))

    def settle(self, reacting: set[str]) -> None:
        """Place every actor: outlets only cited are sources, fallbacks give countries, the
        quiet state bodies are listed (after the actors: they must not tip the context)."""
        reg = self.registry
        for key in self.sourced - reacting:
            d = reg.drafts.get(key)
            # outlets cited ("according to DW") are sources; a person cited is still an actor
            # (the interviewee of an interview is its main actor)
            if d is not None and d.kind == "organization":
                d.is_source = True
        reg.apply_fallbacks()
        for name, code, start, end in sorted(self.bodies, key=lambda b: b[1] is None):
            if code is None and reg.leader_country(name):
                reg.group(name, reg.leader_country(name), start, end, EVIDENCE_OFFICE)
                continue
            if code is None:
                guess = reg._context_for(start, "group")
                same = _same_body(reg, name, guess)
                if same is not None:  # "the government" after "the Kazakh government": one body
                    same.add_mention(start, end)
                    continue
                reg.group(name, guess, start, end, EVIDENCE_CONTEXT)
            else:
                reg.group(name, code, start, end)

    # -- entities -> actors ---------------------------------------------------------------------
    def missed_places(self, doc: Doc, offset: int) -> None:
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
            except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown'
                pass
            code = reg.country_of(t.text)
            if code and len(code) == 3 and not reg.is_org_code(code):
                self.context_at.add_mention(offset + t.idx, code)

    def register_entities(self, doc: Doc, offset: int) -> dict[int, Draft]:
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
            named = _named_before(span, by_token)
            draft: Draft | None
            if named is not None:
                draft = reg.alias(named, e.text, e.start, e.end)
            else:
                draft = self._actor_for_entity(e, span, doc, offset)
            if draft is not None:
                for t in span:
                    by_token[t.i] = draft
        self._bare_surnames(doc, offset, by_token)
        self._bare_acronyms(doc, offset, by_token)
        return by_token

    def _bare_acronyms(self, doc: Doc, offset: int, by_token: dict[int, Draft]) -> None:
        """A body's acronym the entity recogniser left untagged: given in brackets after its name
        ("National Democratic Congress (NDC)"), or later alone ("the NDC rejected the count"),
        when it is the short name or the initials of exactly one body of the document."""
        reg = self.registry
        for t in doc:
            if t.i in by_token or t.ent_type_ or len(t.text) < 2 or not t.text.isupper() or not t.is_alpha:
                continue
            named = _named_before(doc[t.i : t.i + 1], by_token)
            start = offset + t.idx
            if named is not None:
                by_token[t.i] = reg.alias(named, t.text, start, start + len(t.text))
                continue
            key = fold(t.text)
            owners = [
                d
                for d in reg.drafts.values()
                if d.kind == "organization"
                and not d.is_source
                and (key in d.aliases or (" " in d.name and initials(d.name) == t.text))
            ]
            if len(owners) == 1:
                owners[0].add_mention(start, start + len(t.text))
                by_token[t.i] = owners[0]

    def _bare_surnames(self, doc: Doc, offset: int, by_token: dict[int, Draft]) -> None:
        """Mentions the entity recogniser missed: a known person's name part on its own ("Mensah condemned" after "President Kofi Mensah")."""
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

    def _actor_for_entity(self, e: Entity, span: Span, doc: Doc, offset: int) -> Draft | None:
        reg = self.registry
        text = e.text
        known = reg.kind_of(text)
        if reg.is_publisher(text) or (known is None and non_actor_reason(span, e.label) is not None):
            return None  # (a name the gazetteer knows is no common noun, however it is tagged: "Bahrain cut ties")
        if e.label != "PERSON" and e.layer != "people" and known is None and _part_of_a_title(span):
            return None  # "Secretary of State Condoleezza Rice": "State" names her office, not a body
        if known == "country" and e.label == "PERSON" and _lone_country_name(span, doc):
            code = reg.country_of(text)
            if code:  # "Jordan refused to attend": the state, unless a longer name says a person
                return reg.country(code, text, e.start, e.end)
        region = _region_named(reg, text) if known is None else None
        if region:  # "Tuscany", "Central Java", even read as a person or an organisation: a place
            return reg.place(text, region, e.start, e.end)
        outlet = _outlet_described(span, reg) if known is None else None
        if outlet is not None:
            # "the Kenyan newspaper Daily Nation", "Bogota's daily El Tiempo": a news outlet,
            # placed where the description says, whatever the model took the name for. It stays
            # an organisation: a state paper's editorial line is that state's stand, and whether
            # a clause reports or takes a stand is the clause's to say
            draft = reg.organization(text, e.start, e.end)
            if outlet and not draft.country:
                draft.set_country(outlet, EVIDENCE_TEXT)
            return draft
        if (
            e.label == "PERSON"
            or e.layer == "people"
            or (e.label in ("ORG", "GPE", "LOC", "FAC") and known is None and _known_person(text))
        ):
            # (a name the tables know as a person's, read as an organisation or a place: "Javier
            # Solana, the EU foreign policy chief", "President Thabo Mbeki")
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
            if not country:
                country = national_title_country(doc, span.start)  # "Mr Justice Green": England's judges
                evidence = EVIDENCE_TEXT
            if not country:
                country = country_named_after(doc, span.end, reg)  # "President Ana Soto of Brazil"
                evidence = EVIDENCE_TEXT
            if role and not draft.role:
                draft.role = role
            draft.set_country(country, evidence)
            return draft
        kind = reg.kind_of(text)
        code = e.country or reg.country_of(text)
        if kind is None and code is None and " " not in text.strip():
            person = reg.known_person_part(text)
            if person is not None:  # a surname alone after the full name, tagged ORG by the model
                person.add_mention(e.start, e.end)
                return person
        if kind is None and code is None and e.label in ("ORG", "GPE", "LOC", "NORP"):
            state = reg.compass_state(text)
            if state:  # "the North fired first" in a story on North and South Korea
                if locative(span):
                    return reg.place(text, state, e.start, e.end)
                state_draft = reg.country_by_code(state)  # shown as the state's name, not "North"
                if state_draft is not None:
                    state_draft.add_mention(e.start, e.end)
                    reg.by_span[(e.start, e.end)] = state_draft
                return state_draft
        if (
            kind is None
            and code is None
            and e.label in ("ORG", "GPE")
            and (span.root.dep_ == "appos" or any(c.dep_ == "appos" for c in span.root.children))
        ):
            role, country = apposition_country(span.root, reg)
            if country and not role and not reg.is_org_code(country):
                # "the Peruvian student, Rosa Mamani": a nationality noun in apposition names a person
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
            if kind == "place" and code and not reg.is_org_code(code):
                return reg.place(text, code, e.start, e.end)  # "HARARE (Reuters) -": a town read as a body
            org = reg.organization(text, e.start, e.end, code if reg.is_org_code(code) else None)
            home = _based_in(span, reg)
            if home and not org.is_igo:
                org.set_country(home, EVIDENCE_TEXT)  # "Oslo-based Norsk Metall"
            return org
        if kind == "country" and code:
            return reg.country(code, text, e.start, e.end)
        if kind is None and code is None and e.label in ("GPE", "LOC") and not locative(span):
            # a "place" no gazetteer knows, not used as a location, is usually a company or body
            return reg.organization(text, e.start, e.end)
        return reg.place(text, code, e.start, e.end)

    def _body_of_nationality(self, span: Span, code: str | None, doc: Doc, offset: int) -> None:
        """Register "<nationality> <state body>" ("Guinean security forces") as a group actor."""
        head = span.root.head
        if not code or self.registry.is_org_code(code) or span.root.dep_ not in ("amod", "compound"):
            return
        if head.pos_ != "NOUN" or head.lemma_.lower() not in BODY_NOUNS_FOR_GROUPS:
            return
        start = doc[span.start].idx + offset
        words = doc[span.start : head.i + 1]
        # listed at the end: a body named in passing must not tip the context country of others
        self.bodies.append((words.text, code, start, offset + head.idx + len(head.text)))

    def quiet_bodies(self, ctx: DocContext) -> None:
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
                if not mods or any(
                    c.lower_ not in BODY_MODIFIERS
                    and c.lower_ not in STATE_KIND_WORDS
                    and not self.registry.country_of(c.text)
                    for c in mods
                ):
                    continue
            elif lemma == "force":
                # "security forces", "Afghan forces"; not "cohesive forces" or "the force of gravity"
                if not mods or any(
                    c.lower_ not in BODY_MODIFIERS and not self.registry.country_of(c.text) for c in mods
                ):
                    continue
            elif t.tag_ == "NNS":
                continue  # "local governments": many, not one body
            name = re.sub(r"^(?:his|her|its|their|our|this|that|these|those)\s+", "", group_name(t), flags=re.I)
            if len(name.split()) > 5 or (lemma not in STATE_OUTLETS and self.registry.is_source_name(name)):
                continue  # (state television is the state's voice, a body as much as a source)
            code = self.np_country(ctx, t)
            start = ctx.offset + t.left_edge.idx
            self.bodies.append((name, code, start, ctx.offset + t.idx + len(t.text)))

    # -- main walk ----------------------------------------------------------------------------

    def find_speakers(self, ctx: DocContext) -> None:
        """Who is quoted in each paragraph: the named subject of "said"/"told" outside the quotes.
        "I" and "we" inside that paragraph's quotes are that speaker."""
        for t in ctx.doc:
            if t.pos_ != "VERB" or ctx.in_quote(t) or ctx.seg[t.i] in ctx.speakers:
                continue
            if self.triggers.lex.override.get(t.lemma_.lower()) != "SAY":
                continue
            subj = next((c for c in ctx.kids(t) if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                continue
            d = ctx.by_token.get(subj.i)
            if d is not None and d.kind in ("person", "organization", "country") and not d.is_source:
                ctx.speakers[ctx.seg[t.i]] = d
        self._label_speakers(ctx)

    @staticmethod
    def _label_speakers(ctx: DocContext) -> None:
        """Transcript lines ("MS. BERG: We will ...", "Holm: I agree"): the person named
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

    def according_to(self, ctx: DocContext, sent: Span) -> set[str]:
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

    def actor_noun(self, ctx: DocContext, n: Token | None) -> bool:
        """True for a noun that can act: a named actor or a body ("troops withdrawing"), or a
        statement that speaks for its author ("issued a declaration demanding...")."""
        if n is None:
            return False
        if n.lemma_.lower() in STATEMENT_NOUNS and n.dep_ == "dobj":
            return True
        if n.i in ctx.by_token:
            return True
        return n.lemma_.lower() in offices()["bodies"] or n.lower_ in offices()["bodies"]

    def has_target(self, ctx: DocContext, v: Token) -> bool:
        """True when the act of ``v`` is done to an actor: its object, passive subject, dative or
        a prepositional object is a named actor, a body ("the police") or a third person ("them",
        "she" as a passive's subject)."""
        targets = []
        for c in ctx.kids(v):
            if c.dep_ in ("dobj", "dative", "nsubjpass", "attr"):
                targets.append(c)
            elif c.dep_ in ("prep", "prt", "agent"):
                targets.extend(g for g in ctx.kids(c) if g.dep_ == "pobj")
        for t in targets:
            for n in with_conjuncts(quantity_head(t) or t):
                if n.lower_ in ("him", "her", "them", "he", "she") and not ctx.in_quote(n):
                    return True  # "expelled them", "she was forced to": people; not "it", nor "us" in a quote
                if n.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or self.actor_noun(ctx, n):
                    return True
                if any(g.dep_ in ("compound", "appos", "poss") and g.i in ctx.by_token for g in ctx.kids(n)):
                    return True
        return False

    def named_partner(self, ctx: DocContext, v: Token) -> Token | None:
        """The named state, body or person ``v`` spoke to or with ("spoke to Chancellor Weber"), or None."""
        for c in ctx.kids(v):
            if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                d = ctx.by_token.get(pobj.i) if pobj is not None else None
                if d is None and pobj is not None:
                    d = next(
                        (
                            ctx.by_token[g.i]
                            for g in ctx.kids(pobj)
                            if g.dep_ in ("appos", "compound") and g.i in ctx.by_token
                        ),
                        None,
                    )
                if d is not None and d.kind in ("person", "country", "organization") and not d.is_source:
                    return pobj
        return None

    def subjects(self, ctx: DocContext, v: Token) -> list[Token]:
        """Subject tokens (actors) of a verb, following coordination and inheritance."""
        kids = ctx.kids(v)
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if agent is not None and not self.triggers.stative(v):  # "appalled by": the cause, not an agent
            pobj = next((g for g in ctx.kids(agent) if g.dep_ == "pobj"), None)
            return with_conjuncts(pobj) if pobj is not None else []
        if self.triggers.stative(v):
            aux = [g for c in kids if c.dep_ == "auxpass" for g in ctx.kids(c)]  # parsers hang it on "is"
            subj = next((c for c in kids + aux if c.dep_ in ("nsubjpass", "nsubj")), None)
            return with_conjuncts(subj) if subj is not None else []
        if is_passive(v):
            return []  # agentless passive (also headline style): the caller names the unnamed actor
        subj = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        first = headline_series(v) if subj is None else None
        if first is not None and self.triggers.category(v) != "SAY":
            return self.subjects(ctx, first)  # "EU condemns Syria, urges restraint": the EU urges
        if subj is not None and subj.dep_ == "csubj":
            # "Writing to the newspapers, Lena Fischer, the German chancellor, condemned...": a misparsed
            # opening participle; the named actor in apposition is the subject
            named = [
                t
                for t in subj.subtree
                if t.dep_ == "appos"
                and t.i in ctx.by_token
                and ctx.by_token[t.i].kind in ("person", "organization", "country")
            ]
            return named[:1]
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                h = ctx.head(v)
                return with_conjuncts(h) if h is not None else []
            if subj.lower_ in ("they", "we") and v.dep_ == "ccomp":
                # "Britain, France and Germany said they would recognise Kosovo": each of them
                h = ctx.head(v)
                hsubj = next((c for c in ctx.kids(h) if c.dep_ == "nsubj"), None) if h is not None else None
                if hsubj is not None and len(with_conjuncts(hsubj)) > 1:
                    return with_conjuncts(hsubj)
            return with_conjuncts(subj)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids) or is_passive(v):
            return []  # agentless passive: the caller names the unnamed actor
        h = ctx.head(v)
        if h is None or h.i == v.i:
            return []
        if v.dep_ in ("conj", "xcomp", "advcl") and h.pos_ in ("VERB", "AUX"):
            if v.dep_ == "xcomp":
                # object control: "urged the Senate to join" -> the Senate; subject control otherwise
                hobj = next((c for c in ctx.kids(h) if c.dep_ == "dobj"), None)
                hcat, _, _ = self.triggers.classify(h)
                if hobj is not None and hcat in ("REQUEST", "ORDER"):
                    return with_conjuncts(hobj)
            if v.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in ctx.kids(h)):
                return []
            return self.subjects(ctx, h)
        if v.dep_ in ("acl",) and h.pos_ in ("NOUN", "PROPN") and v.tag_ == "VBG":
            g = ctx.head(h)
            if (
                h.dep_ == "dobj"
                and g is not None
                and g.pos_ in ("VERB", "AUX")
                and (h.lemma_.lower() in STATEMENT_NOUNS)
            ):
                return self.subjects(ctx, g)  # "issued a declaration demanding ...": the issuer demands
            return [h]  # "replaced troops withdrawing from ...": the troops withdraw
        return []

    def resolve(self, ctx: DocContext, tok: Token) -> tuple[Draft | None, str | None, str]:
        """An actor for a subject token: (actor, country for an unnamed actor, name)."""
        reg = self.registry
        if tok.lemma_.lower() in QUANTITY_WORDS or tok.pos_ == "NUM":
            tok = quantity_head(tok) or tok  # "thousands of Nigerians" -> Nigerians
        draft = ctx.by_token.get(tok.i)
        if draft is None:
            # the name may sit in the noun phrase: "President Mensah", "the NATO alliance"
            for c in tok.children:
                if c.dep_ in ("compound", "appos") and ctx.same(c, tok):
                    d = ctx.by_token.get(c.i)
                    if d is not None and d.kind in ("person", "organization", "country"):
                        if d.kind == "country" and tok.lemma_.lower() in offices()["bodies"]:
                            return self._group(ctx, tok, d.country)
                        draft = d
                        break
        if draft is None and tok.lemma_.lower() in offices()["acting_for"]:
            # "the (French) presidency of the EU said": the office speaks for what it is of
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            d = ctx.by_token.get(pobj.i) if pobj is not None else None
            if d is not None and d.kind in ("organization", "country") and not d.is_source:
                draft = d
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
            d = ctx.label_speakers[ctx.seg[tok.i]]  # "HOLM: We reject the plan."
            return d, None, d.name
        if tok.pos_ == "PRON" and ctx.in_quote(tok):
            if low in ("i", "we") and ctx.seg[tok.i] in ctx.speakers:
                d = ctx.speakers[ctx.seg[tok.i]]  # "I urge both sides ...," Lindqvist said
                return d, None, d.name
            return None, None, ""  # other pronouns in quotes refer to the speaker's world
        if low in PERSON_PRONOUNS or low in ("it", "they"):
            kinds = ("person",) if low in PERSON_PRONOUNS else ("organization", "country", "group")
            d = (
                self._speaker(ctx, tok, kinds)
                or self._subject_before(ctx, tok, kinds)
                or self._recent(abs_start, kinds=kinds)
            )
            return (d, None, d.name) if d else (None, None, "")
        if tok.pos_ == "PRON" or tok.tag_ in ("WDT", "WP", "EX", "DT"):
            return None, None, ""
        lemma = tok.lemma_.lower()
        # "the Kazakh president", "the president": a person already named with that title
        if is_title(tok) and tok.pos_ in ("NOUN", "PROPN") and not tok.tag_.endswith("S"):
            code = self.np_country(ctx, tok)
            d = self._recent_titled(abs_start, lemma, code)
            if d is not None:
                return d, None, d.name
            if code:
                return self._group(ctx, tok, code)
        # "the international force", "the alliance": the last international organisation named
        if lemma in offices()["collective"] and any(
            c.lower_ in ("international", "multinational", "joint", "peacekeeping", "regional", "military")
            or c.lower_ in ("the", "this")
            for c in tok.children
        ):
            code = self.np_country(ctx, tok)
            if code is None:
                d = self._recent(abs_start, kinds=("organization",), igo=True)
                if d is not None:
                    return d, None, d.name
        code = (
            self.registry.country_of(tok.text)
            if tok.pos_ == "PROPN" or tok.tag_ == "NNPS" or (tok.ent_type_ == "NORP")
            else None
        )  # "Albanians" is often tagged a common noun
        kind = self.registry.kind_of(tok.text) if code else None
        if kind == "group":
            # "Bosnian Serbs": the nationality group's entity is placed by its first word
            ent = reg.entity_at(abs_start, abs_start + len(tok.text))
            if ent is not None and ent.layer == "groups" and ent.country and ent.start < abs_start:
                code = ent.country
        if (code and kind == "group") or (code is None and tok.ent_type_ == "NORP"):
            # "the Albanians of southern Serbia", "Kurds in Iraq": an ethnic group placed where it lives
            place = self._home_of_group(ctx, tok)
            h = ctx.head(tok)
            if (
                place is None
                and h is not None
                and tok.dep_ in SUBJECT_DEPS
                and any(c.lower_ == "ethnic" for c in tok.children)
            ):
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
            code = self.np_country(ctx, tok)
            if code:
                return self._group(ctx, tok, code)  # "Dutch fishermen", "Swiss doctors"
        if lemma in offices()["bodies"] or tok.lower_ in offices()["bodies"]:
            code = self.np_country(ctx, tok)
            if code:
                return self._group(ctx, tok, code)
            if self.registry.is_source_name(np_text(tok)):
                return None, None, ""
            if lemma in AMBIGUOUS_BODIES and any(
                c.dep_ in ("amod", "compound") and c.lower_ not in BODY_MODIFIERS and not c.ent_type_
                for c in tok.children
            ):
                return None, None, ""  # "cohesive forces", "mining missions": not a state body
            h = ctx.head(tok)
            where = self.event_country(ctx, h if h is not None and tok.dep_ in SUBJECT_DEPS else tok)
            return self._group(ctx, tok, where, evidence=EVIDENCE_CONTEXT)
        return None, None, ""

    @staticmethod
    def _subject_before(ctx: DocContext, tok: Token, kinds: tuple[str, ...]) -> Draft | None:
        """The nearest named subject earlier in the same sentence ("X agreed to a concession: he
        agreed to ..."): the history of subjects only grows after each sentence."""
        for t in reversed(ctx.doc[tok.sent.start : tok.i]):
            if t.dep_ in ("nsubj", "nsubjpass"):
                d = ctx.by_token.get(t.i)
                if d is not None and d.kind in kinds and not d.is_source:
                    return d
        return None

    def _home_of_group(self, ctx: DocContext, tok: Token) -> str | None:
        """The state named by "of <place>" right after a plural nationality noun ("the Albanians
        of southern Serbia": its inhabitants); "in <place>" only for an ethnic group ("ethnic
        Serbs in Kosovo") -- "Americans in Paris" are still American."""
        if not tok.tag_.endswith("S"):
            return None
        ethnic = any(c.lower_ == "ethnic" for c in tok.children)
        for c in ctx.kids(tok):
            if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and ethnic)) and c.i > tok.i:
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

    def coordinated_groups(self, ctx: DocContext, subj: Token, draft: Draft | None) -> list[Draft]:
        """ "Hungarian and Romanian officials", "the presidents of Poland, Estonia and Latvia":
        one group per nationality or country."""
        if draft is None or draft.kind != "group":
            return []
        out = []
        if subj.tag_ == "NNS":
            for prep in (c for c in ctx.kids(subj) if c.dep_ == "prep" and c.lower_ == "of"):
                pobj = next((g for g in ctx.kids(prep) if g.dep_ == "pobj"), None)
                for conj in with_conjuncts_any(pobj)[1:] if pobj is not None else []:
                    code = self.registry.country_of(conj.text)
                    if code and code != draft.country and self.registry.kind_of(conj.text) == "country":
                        start = ctx.offset + subj.idx
                        out.append(
                            self.registry.group(
                                f"{subj.text} of {conj.text}", code, start, ctx.offset + conj.idx + len(conj.text)
                            )
                        )
        for c in ctx.kids(subj):
            if c.dep_ != "amod" or not self.registry.country_of(c.text):
                continue
            for conj in with_conjuncts_any(c)[1:]:
                code = self.registry.country_of(conj.text)
                if code and code != draft.country:
                    start = ctx.offset + conj.idx
                    out.append(
                        self.registry.group(
                            f"{conj.text} {subj.text}", code, start, ctx.offset + subj.idx + len(subj.text)
                        )
                    )
        return out

    def _speaker(self, ctx: DocContext, tok: Token, kinds: tuple[str, ...]) -> Draft | None:
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
                subj = ctx.head(h)  # "Holm, who had told them he would help": "he" is Holm
            if subj is not None and subj.pos_ != "PRON":
                for s in (subj, *[c for c in subj.children if c.dep_ == "compound"]):
                    d = ctx.by_token.get(s.i)
                    if d is not None and d.kind in kinds and not d.is_source:
                        return d
                if "person" not in kinds:
                    d, _, _ = self.resolve(ctx, subj)
                    if d is not None and d.kind in kinds:
                        return d
                return None
            t = h
        return None

    def _group(self, ctx: DocContext, tok: Token, code: str | None, evidence: int = EVIDENCE_TEXT):
        name = group_name(tok)
        if self.registry.is_source_name(name):
            return None, None, ""
        abs_start = ctx.offset + tok.left_edge.idx
        d = self.registry.group(name, code, abs_start, ctx.offset + tok.idx + len(tok.text), evidence)
        if d.country and self.registry.is_org_code(d.country):
            d.is_igo = True
        return d, None, d.name

    def np_country(self, ctx: DocContext, tok: Token) -> str | None:
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
                if (
                    d is not None
                    and d.kind == "person"
                    and c.dep_ == "poss"
                    and d.country
                    and not self.registry.is_org_code(d.country)
                    and tok.lemma_.lower() in BODY_NOUNS_FOR_GROUPS | LEADERS_AGENTS
                ):
                    return d.country  # "Mugabe's government", "Putin's envoy": the leader's state's body
                code = self.registry.country_of(c.text)
                if code is None and "-" in c.text:
                    code = self.registry.country_of(c.text.split("-")[0])  # "Vietnamese-led forces"
                if code is None and c.i > 0:
                    code = self.registry.country_of(tok.doc[c.left_edge.i : c.i + 1].text)
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
                        code = self.registry.country_of(tok.doc[pobj.left_edge.i : pobj.i + 1].text)
                    if code:
                        return code
        return None

    def located(self, ctx: DocContext, n: Token) -> bool:
        """True when a noun's clause names where it happened ("... in the United States")."""
        h = ctx.head(n) or n
        for t in h.subtree:
            if t.dep_ == "pobj" and (prep := ctx.head(t)) is not None and prep.lower_ in LOCATION_PREPS:
                d = ctx.by_token.get(t.i)
                if d is not None and d.kind in ("place", "country"):
                    return True
        return False

    def event_country(self, ctx: DocContext, tok: Token) -> str | None:
        """Where an act by an unnamed actor happened: a place in the clause, else the patient's
        nationality, else the article's dominant country."""
        code = self._place_in_clause(ctx, tok)
        if code:
            return code
        for c in ctx.kids(tok):
            if c.dep_ == "nsubjpass":
                code = self.np_country(ctx, c)
                if code and not self.registry.is_org_code(code):
                    return code
        return self.context_at(ctx.offset + tok.idx)

    def _place_in_clause(self, ctx: DocContext, tok: Token) -> str | None:
        """The state of a place the clause of ``tok`` puts the act in ("in Serbia", "near the town
        of Samarra"), or None."""
        seen = 0
        for t in tok.subtree:
            seen += 1
            if seen > 60:
                break
            d = ctx.by_token.get(t.i)
            code = d.country if d is not None and d.kind in ("place", "country") else None
            if (
                d is None
                and t.pos_ == "PROPN"
                and t.dep_ == "pobj"
                and self.registry.kind_of(t.text) in ("country", "place")
            ):
                code = self.registry.country_of(t.text)  # a place the recogniser missed
            if not code or not ctx.same(t, tok) or self.registry.is_org_code(code):
                continue
            # a place under a locative preposition, possibly nested: "near the town of Samarra"
            a, located = t, False
            for _ in range(6):
                h = ctx.head(a)
                if h is None or a.i == tok.i or (h.i == tok.i and a.dep_ != "prep"):
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

    def unnamed_name(
        self, country: str | None, cat: str, tok: Token | None = None, toks: list[Token] | None = None
    ) -> str:
        """Who did an act the text names no doer of, when the act itself says: the state's
        authorities for the acts only a state does (arrests, deployments, sanctions), protesters
        for a protest, attackers for a deliberate attack; "" when nothing does (harm that may be
        an accident, being forced to work): then it is only the article's event."""
        if not country or self.registry.is_org_code(country):
            return ""
        if (
            tok is not None
            and tok.pos_ in ("VERB", "AUX")
            and cat == "COERCE"
            and not any(t.lemma_.lower() in STATE_LEMMAS for t in [tok, *(toks or ())])
        ):
            return ""  # "she was forced to work": by whom the text does not say
        if cat == "ASSAULT" and tok is not None and not self.triggers.deliberate(tok, cat):
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
            return self.attackers(country)
        return ""

    def attackers(self, country: str | None) -> str:
        """The doers an attack implies when the text names none: "attackers in Iraq" ("" when
        the place is unknown: then it is only the article's event)."""
        if not country or self.registry.is_org_code(country):
            return ""
        return f"attackers in {self.gaz.country_name(country)}"


def locative(span: Span) -> bool:
    """True when a name is used as a location ("in Tain", "from Babil", "Tain's voters")."""
    h = span.root.head
    return span.root.dep_ == "pobj" and h.lower_ in LOCATION_PREPS | {"from", "to", "into", "of", "near"}


def _same_body(reg: ActorRegistry, name: str, country: str | None) -> Draft | None:
    """A body of that country already listed under the same head noun ("Kazakh government" for
    "the current government", "Kazakh forces" for "security forces"), else None."""
    if not country:
        return None
    head = name.split()[-1].lower()
    for d in reg.drafts.values():
        if (
            d.kind in ("group", "organization")
            and d.country == country
            and d.name != name
            and (d.name.split()[-1].lower() == head)
            and not _proper_name(reg, d.name)
        ):
            return d
    return None


def _proper_name(reg: ActorRegistry, name: str) -> bool:
    """True for a body's own name ("Liberal Party"), not a description of a state's body
    ("Kazakh government", "Guinea's military government"): a capitalised word that is no
    country or nationality. "The ruling party" is not the Liberal Party."""
    return any(w[:1].isupper() and not reg.country_of(w.removesuffix("'s")) for w in name.split()[:-1])


def _known_person(text: str) -> bool:
    """True when the knowledge tables know ``text`` as a person's full name."""
    try:
        return knowledge.is_person_name(text) and not knowledge.is_known_body(text)
    except (OSError, ValueError):  # a missing or damaged table: no knowledge, no failure
        return False


def _part_of_a_title(span: Span) -> bool:
    """True when the entity is a piece of an office's title written before a person's name:
    "Secretary of State Condoleezza Rice", "Chief Cabinet Secretary Nobutaka Machimura",
    "UN Secretary-General Ban Ki-moon" (the person carries the office and its country)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    j = span.end
    while j < len(doc) and (is_title(doc[j]) or doc[j].text in ("-", "of")) and doc[j].ent_type_ != "PERSON":
        j += 1
    # the entity holds a title word, follows "<title> of", or sits between two title words;
    # an employer before a title ("National Security Council spokesman X") stays an actor
    titled = (
        any(is_title(t) for t in span)
        or (span.start >= 2 and before is not None and before.lower_ == "of" and is_title(doc[span.start - 2]))
        or (before is not None and is_title(before) and j > span.end)
    )
    return titled and j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B"


def _named_before(span: Span, by_token: dict[int, Draft]) -> Draft | None:
    """The body whose acronym ``span`` is, in brackets right after its name ("Kurdistan
    Workers' Party (PKK)", "the Alliance for the Re-liberation of Somalia (ARS)"), or None.

    Whatever its letters: the text itself says the two names are one body."""
    doc = span.doc
    if (
        len(span) != 1
        or not span.text.isupper()
        or len(span.text) < 2
        or span.start < 2
        or span.end >= len(doc)
        or doc[span.start - 1].text != "("
        or doc[span.end].text != ")"
    ):
        return None
    before = by_token.get(span.start - 2)
    return before if before is not None and before.kind == "organization" and not before.is_source else None


def _lone_country_name(span: Span, doc: Doc) -> bool:
    """A one-word "person" that is a state's name ("Jordan", "Chad", "Georgia") and never part of
    a longer personal name in the document ("Michael Jordan"): the state."""
    if len(span) != 1:
        return False
    word = span.text
    return not any(
        t.text == word
        and t.ent_type_ == "PERSON"
        and t.i != span.start
        and (t.ent_iob_ == "I" or (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I"))
        for t in doc
    )


def _region_named(reg: ActorRegistry, text: str) -> str | None:
    """The country of a region the text names, unless the name is also a person's: a one-word
    region that someone in the knowledge tables is called ("Lawrence") stays what the recogniser
    said it was."""
    try:
        code = reg.gaz.region_country(text)
    except Exception:  # noqa: BLE001 - a broken gazetteer degrades to 'unknown'
        return None
    if code and " " not in text.strip() and knowledge.is_known_name(text):
        return None
    return code


def _shared_descriptor(doc: Doc, span: Span, reg: ActorRegistry) -> str | None:
    """The nationality of a plural description before a list of names: in "Burmese nationals Zaw
    Lin and Wai Phyo" the second name is described too. Only a plural description is shared
    ("French President Dubois and Weber" does not make Weber French)."""
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


#: Nouns that describe a news outlet right before its name ("the newspaper El Tiempo").
MEDIA_NOUNS = frozenset(
    {
        "newspaper",
        "paper",
        "daily",
        "weekly",
        "tabloid",
        "magazine",
        "broadcaster",
        "channel",
        "outlet",
    }
)


def _outlet_described(span: Span, reg: ActorRegistry) -> str | None:
    """For a name right after a media noun ("the Kenyan newspaper Daily Nation", "Peru's daily La
    Republica"): the outlet's state from the description, or "" when it names none; None when
    no media noun comes right before the name."""
    doc = span.doc
    i = span.start - 1
    if i < 0 or doc[i].lower_ not in MEDIA_NOUNS or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    for t in doc[max(0, i - 4) : i]:
        if t.dep_ == "poss" or t.pos_ in ("ADJ", "PROPN"):
            code = reg.country_of(t.text)
            if code and not reg.is_org_code(code):
                return code
    return ""


#: Nouns that say a company belongs to another ("Halliburton subsidiary KBR").
SUBSIDIARY_NOUNS = frozenset({"subsidiary", "subsidiaries", "unit", "affiliate", "division"})


def _parent_country(doc: Doc, span: Span, noun: int, registry) -> str | None:
    """The state of the company owning ``span``, named before the subsidiary noun at ``noun``:
    as a compound ("Halliburton subsidiary") or, after "its", as the last body named earlier in
    the sentence ("Halliburton and its subsidiary")."""
    j = noun
    while j > 0 and doc[j - 1].pos_ == "PROPN":
        j -= 1
    if j < noun:
        owner = registry.org_named(doc[j:noun].text)
    elif noun >= 1 and doc[noun - 1].lower_ == "its":
        sent_start = doc[noun].sent.start
        before = [e for e in doc.ents if sent_start <= e.start and e.end <= noun - 1]
        owner = next((o for e in reversed(before) if (o := registry.org_named(e.text)) is not None), None)
    else:
        return None
    if owner is None or owner.is_igo or owner.is_source:
        return None
    if not owner.country:
        owner.set_country(registry.known_country(owner), EVIDENCE_OFFICE)
    return owner.country if owner.country and not registry.is_org_code(owner.country) else None


def _based_in(span: Span, registry) -> str | None:
    """The state of "<Country>'s" or "<Place>-based" right before an organisation's name, or of
    "based in <Place>" right after it: whose body it is, or where a company is based."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].tag_ == "POS":
        # "Norway's Ministry of Fisheries": the possessive owner is the body's state
        j = i
        while j > 0 and doc[j - 1].pos_ == "PROPN":
            j -= 1
        code = registry.country_of(doc[j:i].text) if j < i else None
        if code and registry.kind_of(doc[j:i].text) == "country" and not registry.is_org_code(code):
            return code
        owner = registry.org_named(doc[j:i].text) if j < i and code is None else None
        if owner is not None and not owner.is_igo and not owner.is_source:
            if not owner.country:
                owner.set_country(registry.known_country(owner), EVIDENCE_OFFICE)
            if owner.country:
                return owner.country  # "Fatah's Central Committee": a body's own organ
    if i >= 1 and doc[i].lower_ in SUBSIDIARY_NOUNS:
        code = _parent_country(doc, span, i, registry)
        if code:
            return code  # "Halliburton subsidiary KBR", "Halliburton and its subsidiary KBR"
    if i >= 2 and doc[i].lower_ == "based" and doc[i - 1].text == "-":
        j = i - 2
        while j > 0 and doc[j - 1].pos_ == "PROPN":
            j -= 1
        code = registry.country_of(doc[j : i - 1].text)
        if code and not registry.is_org_code(code):
            return code
    k = span.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "based" and doc[k + 2].lower_ == "in":
        m = k + 3
        while m < len(doc) and doc[m].pos_ in ("PROPN", "DET") and m < k + 7:
            m += 1
        place = doc[k + 3 : m].text.removeprefix("the ").strip()
        code = registry.country_of(place) if place else None
        if code and not registry.is_org_code(code):
            return code
    return None


#: Leading words a group's name does without: "these", "up to 100", "some 500", "about 3,000".
_NAME_LEAD_DEPS = {"det", "predet", "nummod", "quantmod", "advmod", "punct", "cc", "npadvmod"}


#: Verbs whose "of" phrase says what the object is charged with or told of ("accused X of Y").
VERBS_WITH_OF = frozenset(
    {
        "accuse",
        "suspect",
        "convict",
        "acquit",
        "clear",
        "warn",
        "inform",
        "remind",
        "deprive",
        "rob",
        "strip",
        "notify",
        "absolve",
    }
)


def group_name(tok: Token) -> str:
    """The name of a group as the panel shows it: "ethnic Albanians", not "Up to 100 ethnic
    Albanians"; "supporters of ...", not "These supporters of ..."."""
    # "accused the ruling party of fraud": the parser hangs "of fraud" on the object, but it is
    # the verb's (what the party is accused of), not part of the group's name
    of_verb = tok.dep_ == "dobj" and tok.head.lemma_.lower() in VERBS_WITH_OF
    text = np_text(tok, with_preps=True)
    if of_verb and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        text = text.split(" of ", 1)[0]
    doc = tok.doc
    start = tok.left_edge.i
    while start < tok.i and (
        doc[start].dep_ in _NAME_LEAD_DEPS
        or doc[start].like_num
        or doc[start].pos_ == "NUM"
        or doc[start].lower_ in ("up", "to", "as", "many", "than", "more", "over")
    ):
        start += 1
    if start > tok.left_edge.i:
        lead = doc[tok.left_edge.i : start].text
        if text.startswith(lead):
            text = text[len(lead) :].strip() or text
        elif text.lower().startswith(lead.lower().split(" ", 1)[-1]):
            pass
    if text[:1].isupper() and not doc[start].ent_type_ and doc[start].pos_ != "PROPN" and text[1:2].islower():
        text = text[:1].lower() + text[1:]  # "these protesters" at the start of a sentence
    return text or np_text(tok, with_preps=True)
