"""The reaction extractor: walks a document's sentences and composes the lexicon, the clause
predicates, the trigger classifier and the actor resolver.

For every verb (and a few event nouns) the trigger classifier gives a PLOVER category; the actor
is the verb's subject (or the passive's agent), resolved to an actor; an agentless passive or a
bare event noun ("3,000 were arrested", "the protests were spurred by...") is credited to the
body the act implies, or listed as the article's event when nothing says who acted.

Handled on purpose: coordinated subjects (each gets the reaction), light verbs ("called for an
end", "gave orders to shoot", "imposed sanctions"), orders ("directed forces to shoot" -> COERCE),
negation ("did not condemn" -> negated; "would not accept" -> REJECT), hedges ("reportedly" ->
hedged), reported speech (plain "said"/"told" is not a reaction; its content clause may be one),
"according to X" (X is a source, never the actor), news agencies (never actors).
tests/unit/reactions_cases.tsv lists one sentence per construction with what it gives.

Public API: ``extract_actors_and_reactions(chunks, entities, meta) -> (actors, reactions)`` and
``extract_actors_reactions_events`` (the same with the article's events).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from newsreader.analysis.actors import PERSON_PRONOUNS, Draft, fold
from newsreader.analysis.events.agents import Agents
from newsreader.analysis.events.clauses import (
    FUTURE_AUX,
    SUBJECT_DEPS,
    announced,
    head_of,
    is_passive,
    modality,
    quantity_head,
    quoted,
    segments,
    sentence_bounds,
    sentence_span,
    subjunctive,
    target_text,
    tidy,
    unreal,
    with_conjuncts,
)
from newsreader.analysis.events.lexicon import Lexicon, lexicon
from newsreader.analysis.events.triggers import (
    COOPERATIVE_MATERIAL,
    HOSTILE_MATERIAL,
    MODAL_DEMAND,
    REFUSAL_WHEN_NEGATED,
    STANDALONE_NOUN_CATEGORIES,
    Triggers,
)
from newsreader.analysis.expressions import sports_clause, sports_sentence, verb_lemma
from newsreader.analysis.summaries import (
    content_summary,
    event_summary,
    noun_summary,
    simple_past,
    span_summary,
    verb_summary,
)
from newsreader.model.analysis import Actor, ArticleMeta, Entity, Event, Reaction

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Meeting-type acts involve both sides ("X telephoned Y", "X met with Y").
RECIPROCAL_LEMMAS = {"meet", "telephone", "phone", "talk", "negotiate", "confer"}
#: In sports reports only these survive: "beat", "attacked", "met" are play there.
SPORTS_CATEGORIES = {"ACCUSE", "SUPPORT", "REJECT", "AGREE"}
#: Roles of people in the game (beyond the sports words): in a sports report their praise and
#: blame are play, not politics.
SPORT_ROLES = {"captain", "manager", "player", "forward", "skipper", "head"}
#: Distinct sports words that make a document a sports report.
SPORTS_THRESHOLD = 4
#: Acts an unnamed actor can be credited with from an agentless passive ("3,000 were arrested"):
#: the state's own hostile material acts. Verbal acts need a named speaker.
UNNAMED_CATEGORIES = {"COERCE", "ASSAULT", "MOBILIZE", "SANCTION"}
#: Verbs of conversation: consulting only with a named partner ("spoke to Chancellor Weber", not "to reporters").
CONVERSE_LEMMAS = {"speak", "talk", "chat", "confer"}
#: Acts both sides of "between" do ("an agreement between X and Y", "talks between X and Y").
RECIPROCAL_CATEGORIES = {"AGREE", "CONSULT", "COOPERATE"}
#: Whatever protesters do to people or places (block, surround, occupy) is a protest.
PROTESTER_LEMMAS = {"protester", "protestor", "demonstrator", "rioter", "marcher"}
#: Publications attack with words.
PUBLICATION_WORDS = {
    "magazine",
    "newspaper",
    "paper",
    "journal",
    "daily",
    "weekly",
    "times",
    "post",
    "news",
    "tribune",
    "herald",
    "gazette",
    "publication",
    "blog",
    "website",
}
#: Contracted auxiliaries and negations as a summary writes them ("wouldn't" -> "would not").
NEGATION_WORDS = {"n't": "not", "wo": "will", "ca": "can", "'ll": "will", "'d": "would", "never": "never"}
#: Clauses whose content is reported, not a reaction of the reporter.
CONTENT_DEPS = {"ccomp"}


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


class DocContext:
    """One parsed chunk with its offset, entity-token map and line segments.

    ``pipeline.parse`` parses every line on its own, so no sentence and no dependency runs across
    a line break; ``seg`` numbers the lines (quotes and quoted speakers are per line).
    """

    def __init__(self, doc: Doc, offset: int, by_token: dict[int, Draft], seg: list[int]):
        self.doc, self.offset, self.by_token, self.seg = doc, offset, by_token, seg
        self.quoted = quoted(doc, seg)
        self.speakers: dict[int, Draft] = {}
        self.label_speakers: dict[int, Draft] = {}  # transcript lines: "NAME: ..." speaks the line

    def in_quote(self, tok: Token) -> bool:
        return self.quoted[tok.i]

    def same(self, a: Token, b: Token) -> bool:
        """True for two tokens on the same line."""
        return self.seg[a.i] == self.seg[b.i]

    def kids(self, tok: Token) -> list[Token]:
        return list(tok.children)

    def head(self, tok: Token) -> Token | None:
        """The syntactic head, or None for a sentence root."""
        return head_of(tok)

    def sentence_bounds(self, tok: Token) -> tuple[int, int]:
        """First and last token index of the sentence around ``tok``, without trailing space."""
        return sentence_bounds(tok)

    def sentence_span(self, tok: Token) -> tuple[int, int]:
        """Absolute span of the sentence around ``tok``, without surrounding space."""
        return sentence_span(tok, self.offset)


class Extractor:
    """Walks one document's chunks and collects actors, reactions and events."""

    def __init__(self, gazetteer, lex: Lexicon, entities: list[Entity], meta: ArticleMeta | None = None):
        self.lex = lex
        self.triggers = Triggers(lex)
        self.agents = Agents(gazetteer, self.triggers, entities, meta)
        self.pending: list[Pending] = []
        self.reacting: set[str] = set()
        self.noun_events_seen: set[tuple[str | None, str]] = set()
        self.events: list[Event] = []  # acts and happenings nobody named did: not reactions

    # -- main walk ----------------------------------------------------------------------------
    def run(self, chunks) -> tuple[list[Actor], list[Reaction]]:
        chunks = list(chunks)
        seen_sports = {t.lemma_.lower() for chunk in chunks for t in chunk.doc} & self.lex.sports
        self.sports = len(seen_sports) >= SPORTS_THRESHOLD
        self.agents.registry.sports = self.sports
        self.agents.read_layout(chunks)
        for chunk in chunks:
            doc, offset = chunk.doc, chunk.offset
            by_token = self.agents.register_entities(doc, offset)
            if not doc.has_annotation("DEP"):
                continue
            ctx = DocContext(doc, offset, by_token, segments(doc))
            self.agents.find_speakers(ctx)
            for sent in doc.sents:
                try:
                    self._sentence(ctx, sent)
                except Exception:  # noqa: BLE001 - one odd parse must never lose the whole document
                    continue
            self.agents.quiet_bodies(ctx)
        return self._finish()

    def _sentence(self, ctx: DocContext, sent: Span) -> None:
        sources = self.agents.according_to(ctx, sent)
        for tok in sent:
            if (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux" and tok.dep_ != "auxpass") or (
                tok.pos_ == "ADJ" and self.triggers.stative(tok)
            ):
                # (a stance participle the quotes around it made an adjective: 'was "deeply concerned"')
                self._verb(ctx, tok, sources)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNS"):
                self._noun_event(ctx, tok, sources)
        self.agents.remember(ctx, sent)

    def _weak_without_target(self, ctx: DocContext, v: Token) -> bool:
        """A bare CAMEO verb with no actor as target: no act (see :meth:`Lexicon.weak`)."""
        return (
            self.triggers.weak(v)
            and v.lemma_.lower() not in REFUSAL_WHEN_NEGATED
            and not self.agents.has_target(ctx, v)
        )

    def _governed(self, ctx: DocContext, v: Token) -> bool:
        """:meth:`Triggers.governed`, unless the governing verb is no act after all ("intervened,
        speaking to the Thai prime minister": "intervened" has no target, the call stands)."""
        if not self.triggers.governed(v):
            return False
        h = ctx.head(v)
        g = ctx.head(h) if h is not None and v.dep_ == "pcomp" else h
        return g is None or not self._weak_without_target(ctx, g)

    def _unreal(self, ctx: DocContext, v: Token) -> bool:
        return unreal(v, self.triggers.category, partial(self.agents.actor_noun, ctx))

    def _verb(self, ctx: DocContext, v: Token, sources: set[str]) -> None:
        given = self.triggers.received(v)
        if given is not None:  # "Haiti received aid from Brazil": Brazil's aid
            self._received(ctx, v, *given, sources)
            return
        cat, trigger, toks, key = self.triggers.reading(v)
        if self.lex.weak(key) and self._weak_without_target(ctx, v):
            # a bare CAMEO verb is an act only between two actors ("Serbia overran Vukovar"); alone it
            # is mostly ordinary language ("people flock", "searching", "improving the odds")
            return
        hostile = cat in HOSTILE_MATERIAL or cat in ("RETREAT", "SANCTION")  # as a conditional threatens
        if cat in (None, "-", "SAY") and verb_lemma(v) in CONVERSE_LEMMAS:
            partner = self.agents.named_partner(ctx, v)
            if partner is not None:  # "the Polish president spoke to Chancellor Weber": not "spoke to reporters"
                cat, toks = "CONSULT", sorted([v, ctx.head(partner) or partner], key=lambda t: t.i)
                trigger = " ".join(t.text for t in toks)
        if cat in (None, "-", "NONE") and v.lemma_.lower() in REFUSAL_WHEN_NEGATED and self.triggers.negated(v):
            cat = "REJECT"  # "Oslo won't consider the offer"
        if cat is None or cat in ("-", "PASS", "NONE"):
            return
        if cat != "SAY" and sports_clause(v, self._about_sport(ctx, v)):
            return  # "Brazil beat Argentina 3-0", "the coach praised his players": play, not politics
        if cat == "ASSAULT" and self.triggers.natural_cause(v) and not self.triggers.governed(v):
            # "a hotel collapse killed 76", "killed in a mudslide": the article's event, nobody's attack
            if not ctx.in_quote(v) and not self.triggers.negated(v):
                self._event(ctx, v, self.agents.event_country(ctx, v), None, "", [v])
            return
        if self._governed(ctx, v) or self._unreal(ctx, v):
            return
        if any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND | {"ought"} for c in v.children):
            # "the rebels must free the hostages" is somebody's demand, not the rebels' act
            speaker = ctx.speakers.get(ctx.seg[v.i]) if ctx.in_quote(v) else None
            if speaker is not None:
                self._add(
                    ctx,
                    v,
                    speaker,
                    None,
                    speaker.name,
                    "REQUEST",
                    v.text,
                    verb_summary(v),
                    None,
                    [v],
                    False,
                    self.triggers.hedged(v),
                )
            return
        if cat == "ASSAULT" and self.triggers.ordered(ctx, v):
            cat = "COERCE"  # "gave shoot-to-kill orders": an order to use force
        if (
            cat == "THREATEN"
            and v.lemma_.lower() in ("warn", "caution")
            and any(
                c.dep_ == "ccomp" and not any(a.dep_ == "aux" and a.lower_ in FUTURE_AUX for a in c.children)
                for c in ctx.kids(v)
            )
        ):
            cat = "SAY"  # "warned (that) the crisis is grave" reports; "warned of force" threatens
        if cat == "SAY":
            self._reported_speech(ctx, v, sources)
            return
        if cat == "LIGHT":  # "voiced strong criticism": an event noun only the trigger lexicon knows
            found = self.triggers.light_noun(v)
            if found is None:
                return
            ncat, obj = found
            cat, trigger, toks = ncat, f"{v.text} {obj.text}", [v, obj]
        elif cat == "ORDER":
            cat = self.triggers.ordered_category(v)
            if cat is None:
                return
        elif cat == "REFUSE":  # "refused to sign": a rejection of the act refused
            x = self.triggers.refused(v)
            if x is None:
                return
            cat, trigger = "REJECT", f"{v.text} to {x.text}"
        tense = modality(v, hostile)
        if tense == "future" and cat in HOSTILE_MATERIAL - {"ASSAULT"} and announced(v):
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

    def _received(self, ctx: DocContext, v: Token, cat: str, noun: Token, giver: Token, sources: set[str]) -> None:
        """The giver's act in "X received support from Y": Y's, told as the clause."""
        if ctx.in_quote(v) or self.triggers.negated(v) or self._governed(ctx, v) or self._unreal(ctx, v):
            return
        toks = sorted([v, noun], key=lambda t: t.i)
        for g in with_conjuncts(giver):
            draft, country, name = self.agents.resolve(ctx, g)
            if draft is None or draft.kind == "place" or draft.is_source or draft.key in sources:
                continue
            summary = event_summary(v) or noun_summary(noun)
            trigger = " ".join(t.text for t in toks)
            self._add(ctx, v, draft, country, name, cat, trigger, summary, None, toks, False, self.triggers.hedged(v))

    def _reciprocal(self, ctx: DocContext, v: Token, trigger: str, toks: list[Token], sources: set[str]) -> None:
        """The other side of a meeting or call is consulting too."""
        for c in ctx.kids(v):
            other = None
            if c.dep_ == "dobj":
                other = c
            elif c.dep_ == "prep" and c.lower_ == "with":
                other = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
            if other is None:
                continue
            subject = next(
                (
                    d
                    for d, _c, _n in (self.agents.resolve(ctx, t) for t in self.agents.subjects(ctx, v))
                    if d is not None
                ),
                None,
            )
            for o in with_conjuncts(other):
                draft, _country, name = self.agents.resolve(ctx, o)
                if draft is not None and draft.kind != "place" and draft.key not in sources:
                    summary = (
                        f"{simple_past(v) if v.tag_ in ('VBD', 'VBN') else v.text} with {subject.name}"
                        if subject is not None and subject is not draft
                        else verb_summary(v)
                    )
                    self._add(
                        ctx,
                        v,
                        draft,
                        None,
                        name,
                        "CONSULT",
                        trigger,
                        summary,
                        None,
                        toks,
                        False,
                        self.triggers.hedged(v),
                    )

    def _reported_speech(self, ctx: DocContext, v: Token, sources: set[str]) -> None:
        """ "Russia said Sudan must return the helicopter" is a request by Russia; "Kuwait announced a
        suspension of flights" is a sanction by Kuwait."""
        obj = quantity_head(next((c for c in ctx.kids(v) if c.dep_ == "dobj"), None))
        if obj is not None:
            ncat = self.lex.noun(obj.lemma_.lower())
            if ncat:
                self._emit(ctx, v, ncat, f"{v.text} {obj.text}", [v, obj], sources)
                return
        content = next((c for c in ctx.kids(v) if c.dep_ in CONTENT_DEPS and c.pos_ in ("VERB", "AUX")), None)
        if content is None:
            return
        if subjunctive(content) or any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND for c in content.children):
            subj = next((c for c in ctx.kids(content) if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lower_ in PERSON_PRONOUNS | {"it", "they", "we", "i"}:
                return  # "X said it must..." is an obligation on the speaker, not a demand
            self._emit(ctx, v, "REQUEST", f"{v.text} {content.text}", [v], sources, content_verb=content)

    # -- nouns ----------------------------------------------------------------------------------
    def _noun_event(self, ctx: DocContext, n: Token, sources: set[str]) -> None:
        cat = self.triggers.noun_category(n)
        if cat is None or cat not in STANDALONE_NOUN_CATEGORIES:
            self._agentive_noun_event(ctx, n, sources)
            return
        if not self.triggers.standalone_event(n, partial(self.agents.located, ctx)):
            return
        draft, country, name = None, None, ""
        for c in ctx.kids(n):
            if c.dep_ == "poss":
                draft, country, name = self.agents.resolve(ctx, c)
                break
            if c.dep_ == "prep" and c.lower_ == "by":
                pobj = next((g for g in ctx.kids(c) if g.dep_ == "pobj"), None)
                if pobj is not None:
                    draft, country, name = self.agents.resolve(ctx, pobj)
                    break
        if draft is None and country is None:
            for c in ctx.kids(n):
                if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "PROPN"):
                    code = self.agents.registry.country_of(c.text)
                    if code:
                        country = code
                        break
        if draft is None and country is None:
            country = self.agents.event_country(ctx, n)
        if draft is not None and draft.key in sources:
            return
        if draft is None:
            if (country, cat) in self.noun_events_seen:
                return  # the article's own events: listed once per country, not per mention
            start, end = ctx.sentence_span(n)
            if any(p.sentence == (start, end) and p.category == cat for p in self.pending):
                return  # "students took part in protests": the act is already someone's
            self.noun_events_seen.add((country, cat))
        self._add_noun(ctx, n, draft, country, name, cat)

    def _agentive_noun_event(self, ctx: DocContext, n: Token, sources: set[str]) -> None:
        """A nominal act with its agent: "the Israeli army's withdrawal began", "after Russia's
        condemnation of ...", "a visit by the Chinese president", "a ceasefire agreement between
        Ukraine and Russia", "at a meeting with Ukraine's president", "after a visit to Ghana, the envoy
        condemned ...". Only where the noun is what the clause is about (a subject, a headline) or the
        frame of the clause's act ("after/during/at X"), never the object of another act ("demanded
        Israel's withdrawal": not done yet) nor of a light verb (coded there)."""
        found = self.triggers.agentive_event(n, ctx.quoted)
        if found is None:
            return
        cat, framed = found
        # the clause the event belongs to: the nearest verb with a subject ("after a visit, the envoy condemned")
        clause = next(
            (
                t
                for t in list(n.ancestors)[:6]
                if t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in t.children)
            ),
            None,
        )
        if clause is not None and (self._unreal(ctx, clause) or self.triggers.negated(clause)):
            return
        own: list[Token] = []  # the event's own doer: "Russia's", "by farmers"
        sides: list[Token] = []  # both sides or the partner: "between X and Y", "with X"
        for c in ctx.kids(n):
            if c.dep_ == "poss":
                own.append(c)
            elif c.dep_ == "prep" and c.i > n.i and c.lower_ in ("by", "between", "with"):
                pobj = next((t for t in ctx.kids(c) if t.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if c.lower_ == "by":
                    own.extend(with_conjuncts(pobj))
                elif (c.lower_ == "between" and cat in RECIPROCAL_CATEGORIES) or (
                    c.lower_ == "with" and cat == "CONSULT"
                ):
                    sides.extend(with_conjuncts(pobj))
        doers = [d for d in (self.agents.resolve(ctx, t)[0] for t in own) if d is not None]
        if not doers and framed and cat == "CONSULT" and clause is not None:
            # "after a two-day visit to Ghana, the envoy condemned", "at a meeting with X, Peru pledged": the subject met
            doers = [
                d for d in (self.agents.resolve(ctx, t)[0] for t in self.agents.subjects(ctx, clause)) if d is not None
            ]
        doers += [d for d in (self.agents.resolve(ctx, t)[0] for t in sides) if d is not None]
        seen: set[str] = set()
        for draft in doers:
            if draft.key in sources or draft.is_source or draft.key in seen:
                continue
            seen.add(draft.key)
            self._add_noun(ctx, n, draft, None, draft.name, cat)

    # -- emitting --------------------------------------------------------------------------------
    def _emit(
        self,
        ctx: DocContext,
        v: Token,
        cat: str,
        trigger: str,
        toks: list[Token],
        sources: set[str],
        content_verb: Token | None = None,
    ) -> None:
        negated = self.triggers.negated(v)
        refusal = ""
        if negated and v.lemma_.lower() in REFUSAL_WHEN_NEGATED:
            # "would not accept" is a rejection, not a negated acceptance
            if cat != "REJECT" or not trigger.startswith("not "):
                trigger = "not " + trigger
            cat, negated = "REJECT", False
            refusal = (
                " ".join(
                    NEGATION_WORDS.get(c.lower_, c.lower_) for c in v.children if c.dep_ in ("aux", "neg") and c.i < v.i
                )
                or "did not"
            )
        hedged = self.triggers.hedged(v)
        target = target_text(v, toks)
        subjects = self.agents.subjects(ctx, v)
        root = self.triggers.order_root(v) if cat == "COERCE" else None
        if content_verb is not None:  # "said Sudan must return the helicopter"
            summary_core = content_summary(v, content_verb)
        elif root is not None and root.i < v.i and root in v.subtree:  # a misparse: "directed" under "shoot"
            summary_core = span_summary(root, v)
        elif root is not None:  # "directed security forces to shoot", "gave orders to shoot"
            summary_core = verb_summary(root, passive=is_passive(root))
        elif (head := self.triggers.pass_head(v)) is not None:  # "decided to withdraw", "tried to storm"
            # with its own auxiliaries and negation: "will try to", "did not try to"
            lead = [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i and c.lower_ != "to"]
            start = (
                min(lead, key=lambda t: t.i)
                if lead
                and all(ctx.doc[i].dep_ in ("aux", "neg", "advmod") for i in range(min(t.i for t in lead), head.i))
                else head
            )
            summary_core = span_summary(start, v)
        else:
            summary_core = verb_summary(
                v,
                [t for t in toks if t.i > v.i],
                negated=negated,
                passive=is_passive(v) and not self.triggers.stative(v),
                refusal=refusal,
            )
        summary_core = summary_core or trigger
        if not subjects:
            if (
                (v.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in ctx.kids(v))) or is_passive(v)
            ) and not self.triggers.stative(v):
                if ctx.in_quote(v) or cat not in UNNAMED_CATEGORIES:
                    return
                country = self.agents.event_country(ctx, v)
                self._add(ctx, v, None, country, "", cat, trigger, summary_core, target, toks, negated, hedged)
            return
        for subj in subjects:
            draft, country, name = self.agents.resolve(ctx, subj)
            if draft is None and country is None and cat in ("ASSAULT", "COERCE") and self.triggers.attack_noun(subj):
                # "a roadside bombing killed ...": an unnamed attacker where it happened
                where = self.agents.event_country(ctx, subj)
                self._add(
                    ctx,
                    v,
                    None,
                    where,
                    self.agents.attackers(where),
                    cat,
                    trigger,
                    summary_core,
                    target,
                    toks,
                    negated,
                    hedged,
                )
                continue
            if draft is None and country is None:
                continue
            if draft is not None and (draft.is_source or draft.key in sources):
                continue
            acat = cat
            subject_lemma = subj.lemma_.lower()
            if acat in ("ASSAULT", "COERCE") and subject_lemma in PROTESTER_LEMMAS:
                acat = "PROTEST"
            elif (
                acat == "ASSAULT"
                and draft is not None
                and draft.kind == "organization"
                and (PUBLICATION_WORDS & set(fold(draft.name).split()))
            ):
                acat = "ACCUSE"
            self._add(ctx, v, draft, country, name, acat, trigger, summary_core, target, toks, negated, hedged)
            for extra in self.agents.coordinated_groups(ctx, subj, draft):
                self._add(ctx, v, extra, None, extra.name, acat, trigger, summary_core, target, toks, negated, hedged)

    def _add(self, ctx, tok, draft, country, name, cat, trigger, summary, target, toks, negated, hedged) -> None:
        start, end = ctx.sentence_span(tok)
        t0 = min(toks, key=lambda t: t.i)
        t1 = max(toks, key=lambda t: t.i)
        span = (ctx.offset + t0.idx, ctx.offset + t1.idx + len(t1.text))
        for p in self.pending:
            if (
                p.sentence == (start, end)
                and p.category == cat
                and (
                    (draft is not None and p.draft is draft)
                    or (draft is None and p.draft is None and p.country == country)
                )
            ):
                return
        if draft is not None:
            self.reacting.add(draft.key)
            name = draft.name
        elif not name:
            name = self.agents.unnamed_name(country, cat, tok, toks)
            if not name:  # nobody the text implies: the article's event, not someone's reaction
                if not negated:
                    self._event(ctx, tok, country, cat if self.triggers.deliberate(tok, cat) else None, summary, toks)
                return
        self.pending.append(
            Pending(draft, country, cat, trigger, target, (start, end), negated, hedged, span, tidy(summary), name)
        )

    def _add_noun(
        self, ctx: DocContext, n: Token, draft: Draft | None, country: str | None, name: str, cat: str
    ) -> None:
        """A reaction told by an event noun ("the Israeli army's withdrawal"): the noun is its
        trigger and its summary."""
        self._add(
            ctx,
            n,
            draft,
            country,
            name,
            cat,
            n.text,
            noun_summary(n),
            None,
            [n],
            negated=False,
            hedged=self.triggers.hedged(n),
        )

    def _event(
        self, ctx: DocContext, tok: Token, country: str | None, cat: str | None, summary: str, toks: list[Token]
    ) -> None:
        """Record something that happened with no actor: once per sentence and category. A verb's
        event is told as its clause, subject first ("a car bomb killed six soldiers")."""
        if tok.pos_ in ("VERB", "AUX"):
            summary = event_summary(tok) or summary
        start, end = ctx.sentence_span(tok)
        if any(e.sentence == (start, end) and e.category == cat for e in self.events):
            return
        t0, t1 = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        span = (ctx.offset + t0.idx, ctx.offset + t1.idx + len(t1.text))
        self.events.append(Event(tidy(summary), country, cat, (start, end), span))

    # -- attributes ----------------------------------------------------------------------------
    def _about_sport(self, ctx: DocContext, v: Token) -> bool:
        """True when the article is a sports report or ``v``'s sentence is about sport (once per sentence)."""
        if getattr(self, "sports", False):
            return True
        key = (ctx.offset, v.sent.start)
        memo = self.__dict__.setdefault("_sport_sentences", {})
        if key not in memo:
            memo[key] = sports_sentence(v.sent)
        return memo[key]

    def _in_the_game(self, draft: Draft | None) -> bool:
        """True for a person of a sports report without a title outside sport (a player, "coach",
        "captain"): "I'm delighted with my goals", "the coach praised his players" are no reactions;
        a president's or a federation's are."""
        if draft is None or draft.kind != "person":
            return False
        words = set(fold(draft.role or "").split())
        return not words or bool(words & (self.lex.sports | SPORT_ROLES))

    def _finish(self) -> tuple[list[Actor], list[Reaction]]:
        self.agents.settle(self.reacting)
        reactions = []
        for p in self.pending:
            if p.draft is not None and p.draft.is_source:
                continue
            if getattr(self, "sports", False) and (p.category not in SPORTS_CATEGORIES or self._in_the_game(p.draft)):
                continue
            country = p.draft.country if p.draft is not None else p.country
            reactions.append(
                Reaction(
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
                )
            )
        return self.agents.registry.actors(), reactions


# -- public API -----------------------------------------------------------------------------------


def extract_actors_and_reactions(
    chunks, entities: list[Entity], meta: ArticleMeta | None = None
) -> tuple[list[Actor], list[Reaction]]:
    """Actors (news sources flagged ``is_source``) and their reactions for one parsed document.

    ``chunks`` are ``pipeline.Chunk(offset, doc)``; ``entities`` have absolute offsets; ``meta``
    (date, publisher) dates offices and names the publisher. Never raises on odd input: a parse
    without dependencies yields actors but no reactions.
    """
    actors, reactions, _events = extract_actors_reactions_events(chunks, entities, meta)
    return actors, reactions


def extract_actors_reactions_events(
    chunks,
    entities: list[Entity],
    meta: ArticleMeta | None = None,
) -> tuple[list[Actor], list[Reaction], list[Event]]:
    """As :func:`extract_actors_and_reactions`, with the article's events that nobody named did
    ("76 killed in hotel collapse", an attack by unknown attackers) as a third list."""
    from newsreader.analysis.gazetteer import get_gazetteer

    extractor = Extractor(get_gazetteer(), lexicon(), list(entities), meta)
    actors, reactions = extractor.run(chunks)
    return actors, reactions, list(extractor.events)
