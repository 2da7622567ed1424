"""Trigger classification: which verb or noun reports an act, and of which PLOVER category.

A verb is looked up with its particles, prepositions and object in the :class:`Lexicon`
("called for" -> REQUEST, "imposed sanctions" -> SANCTION); "be" + adjective states a stance
("is opposed to" -> REJECT); a judgement names one ("called the move illegal" -> ACCUSE); a
light verb carries an event noun ("held talks" -> CONSULT, "lifted the curfew" -> CONCEDE, see
``analysis/expressions.py``); a steer (``PSEUDO``) hands the act on: orders ("directed forces to
shoot" -> COERCE), refusals ("refused to sign" -> REJECT), control verbs ("decided to withdraw":
the act is the infinitive, the summary keeps the matrix verb). Event nouns are acts on their own
("the protests", "clashes") or with their agent ("Russia's withdrawal", "a visit by ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsreader.analysis.actors import PERSON_PRONOUNS
from newsreader.analysis.evaluations import judgement, said_judgement
from newsreader.analysis.events import clauses
from newsreader.analysis.events.clauses import NATURAL_CAUSES, SUBJECT_DEPS, head_of, quantity_head, subjunctive
from newsreader.analysis.events.lexicon import PSEUDO, Lexicon
from newsreader.analysis.expressions import expressions, light_event, verb_lemma
from newsreader.model.vocabulary import PLOVER_CATEGORIES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsreader.analysis.events.extractor import DocContext

#: Negating these is a refusal ("would not accept" -> REJECT), not a non-event.
REFUSAL_WHEN_NEGATED = {
    "accept",
    "agree",
    "allow",
    "consider",
    "permit",
    "recognize",
    "recognise",
    "approve",
    "tolerate",
    "cooperate",
    "negotiate",
    "meet",
    "release",
    "sign",
    "endorse",
    "back",
    "support",
    "return",
    "withdraw",
    "resign",
    "hand",
    "give",
    "attend",
    "join",
}
#: Event nouns that stand on their own as the article's events ("the protests", "clashes").
STANDALONE_NOUN_CATEGORIES = {"PROTEST", "ASSAULT", "COERCE"}
MODAL_DEMAND = {"must", "should"}
HOSTILE_MATERIAL = {"PROTEST", "COERCE", "ASSAULT", "SANCTION", "MOBILIZE"}
COOPERATIVE_MATERIAL = {"AID", "CONCEDE", "RETREAT", "COOPERATE", "CONSULT"}
#: Harm verbs that may report an accident as well as an attack ("76 were killed" in a stampede).
HARM_LEMMAS = {"kill", "injure", "wound", "hurt", "die", "damage", "destroy", "burn", "clash", "crush", "trap"}
#: Doers named in a clause that make harm an attack ("gunmen", "militants").
ATTACKER_NOUNS = {
    "gunman",
    "gunmen",
    "militant",
    "insurgent",
    "attacker",
    "assailant",
    "bomber",
    "sniper",
    "terrorist",
    "rebel",
    "fighter",
    "soldier",
    "troop",
    "police",
    "mob",
}
#: Things that kill and wound as subjects of the verb (beyond the trigger lexicon's event nouns).
ATTACK_NOUNS = {
    "bomb",
    "bombing",
    "explosion",
    "blast",
    "shelling",
    "airstrike",
    "rocket",
    "missile",
    "grenade",
    "landmine",
    "ambush",
    "raid",
    "gunfire",
    "attack",
    "assault",
    "shell",
    "mortar",
}
#: Modifiers that make a "strike" an attack.
STRIKE_WEAPONS = {"air", "drone", "missile", "rocket", "artillery", "military", "naval"}
#: Verbs that make an agreement with an object or "to", but only share a view with a clause.
OPINION_VERBS = {"agree", "accept", "concede", "acknowledge"}
#: Prepositions that frame a clause's act with an event ("after a visit", "at a meeting with").
FRAME_PREPS = {"after", "following", "since", "despite", "amid", "during", "at"}
#: Adjectives that lay blame on whom they describe ("said Uganda was responsible for the attack",
#: "held Uganda responsible").
BLAME_ADJECTIVES = {"responsible", "accountable", "culpable", "guilty", "to blame"}
#: Harm one is blamed for, beyond attacks and event nouns ("responsible for the deaths").
BLAMED_HARMS = {"death", "violence", "killing", "failure", "loss", "damage", "crisis", "bloodshed", "crash", "chaos"}
#: Verbs that put a judgement on their object with an adjective ("held/deemed X responsible").
HOLDING_VERBS = {"hold", "deem", "consider", "find"}
#: Verbs that accuse when what follows is a clause ("charged that troops had crossed").
CLAUSE_ACCUSE_VERBS = {"charge"}
#: Subjects of a claim of one's own ("said it was responsible"): a claim, not a blame.
SELF_SUBJECTS = {"i", "we", "it", "he", "she", "they"}
#: Verbs of receiving: "received aid from Brazil", "won the backing of France" report the
#: giver's act (CAMEO codes such patterns target-to-source, its ":051" codes).
RECEIVING_LEMMAS = {"receive", "get", "obtain", "win", "gain", "secure", "garner", "enjoy"}
#: What one receives from another that is the other's act.
RECEIVED_CATEGORIES = {"AID", "SUPPORT", "AGREE", "CONSULT", "COOPERATE", "CONCEDE"}
#: Nouns of an order to use force ("orders to shoot").
ORDER_NOUNS = ("order", "instruction", "command")


class Triggers:
    """Classifies verbs and event nouns with a trigger :class:`Lexicon`; holds no other state."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    # -- verbs ----------------------------------------------------------------------------------
    def classify(self, v: Token) -> tuple[str | None, str, list[Token]]:
        """(category or pseudo, trigger text, trigger tokens) for a verb."""
        cat, text, toks, _key = self.reading(v)
        return cat, text, toks

    def weak(self, v: Token) -> bool:
        """True when the verb is an act only by the CAMEO table's bare verb ("search" -> ACCUSE,
        "flock" -> CONSULT, "improve" -> COOPERATE): no curated entry and no phrase pattern."""
        return self.lex.weak(self.reading(v)[3])

    def reading(self, v: Token) -> tuple[str | None, str, list[Token], str]:
        """As :meth:`classify`, with the lexicon key the category came from ("" when a rule gave it)."""
        lemma = verb_lemma(v)
        kids = list(v.children)
        preps: list[tuple[str, str | None]] = []
        prep_toks: dict[str, Token] = {}
        for c in kids:
            if c.dep_ in ("prt", "prep") and c.i > v.i:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    continue  # "attacked on Friday" is not "attacked on" (a verbal attack)
                preps.append((c.lower_, pobj.lemma_.lower() if pobj is not None else None))
                prep_toks[c.lower_] = c
        obj = next((c for c in kids if c.dep_ in ("dobj",)), None)
        if obj is None and v.tag_ == "VBN":
            obj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        obj = quantity_head(obj)
        if lemma == "be":
            acomp = next((c for c in kids if c.dep_ == "acomp"), None)
            if acomp is not None:
                acat = self.lex.adjective(acomp.lemma_.lower()) or self.lex.adjective(acomp.lower_)
                if acat == "AGREE" and not any(c.dep_ == "xcomp" for c in list(acomp.children) + kids):
                    acat = None  # "ready to help" offers; "well prepared for the storm" does not
                if acat:
                    return acat, f"{v.text} {acomp.text}", [v, acomp], ""
            return None, v.text, [v], ""
        if self.stative(v):
            return self.lex.adjective(v.lower_), v.text, [v], ""  # "Hungary is opposed to" parsed as a passive
        if (
            lemma in OPINION_VERBS
            and any(
                c.dep_ == "ccomp"
                and not any(
                    a.dep_ == "aux" and a.lower_ in ("would", "will", "shall", "should", "'d", "'ll")
                    for a in c.children
                )
                for c in kids
            )
            and not any(c.dep_ in ("dobj", "xcomp") or (c.dep_ == "prep" and c.lower_ == "to") for c in kids)
        ):
            # "agreed that the situation was serious" shares an opinion; "agreed that NATO would
            # not expand" commits to something and stays an agreement
            return None, v.text, [v], ""
        blamed = self.blame(v, lemma)
        if blamed is not None:  # "held Uganda responsible", "charged that troops had crossed"
            return "ACCUSE", " … ".join(t.text for t in blamed), blamed, ""
        judged = judgement(v)
        if judged is not None:  # "called the move illegal", "described the deal as historic"
            jcat, words = judged
            return jcat, f"{v.text} … {words[-1].text}", [v, words[-1]], ""
        cat, key = self.lex.lookup(lemma, preps, obj.lemma_.lower() if obj is not None else None)
        if cat == "SAY":
            judged = said_judgement(v, lambda n: self.lex.event_noun(n) is not None)
            if judged is not None:  # "said the decision was unacceptable"
                jcat, words = judged
                return jcat, f"{v.text} … {words[-1].text}", [v, words[-1]], ""
        if (
            obj is not None
            and ">" in key
            and key not in self.lex.override
            and self.lex.override.get(lemma) in ("-", "SAY")
            and cat == self.lex.event_noun(obj)
        ):
            # CAMEO codes "describe>attack" as the attack itself; a verb that is no act on its own
            # ("described the attack as cowardly") only talks about the act its object names
            cat, key = self.lex.override[lemma], lemma
        if cat in (None, "-", "PASS", "LIGHT") or (expressions().may_stop(lemma) and expressions().role(v) == "STOP"):
            # "held talks", "staged a hunger strike", "arrived on a visit", "lifted the curfew"
            found = light_event(v, self.lex.noun, quantity_head)
            if found is not None:
                ecat, noun = found
                toks = sorted([v, noun] + [c for c in kids if c.dep_ == "prt"], key=lambda t: t.i)
                return ecat, " ".join(t.text for t in toks), toks, ""
        toks = [v]
        m = re.match(r"^[^+>]+(?:\+([^>]+))?(?:>(.+))?$", key)
        if m and m.group(1) and m.group(1) in prep_toks:
            toks.append(prep_toks[m.group(1)])
        if m and m.group(2) and obj is not None and obj.dep_ in ("dobj", "pobj"):
            toks.append(obj)
        toks.sort(key=lambda t: t.i)
        return cat, " ".join(t.text for t in toks), toks, key

    def blame(self, v: Token, lemma: str) -> list[Token] | None:
        """The words that make ``v`` an accusation though its verb is none: "held Uganda
        responsible", "said Uganda was responsible for / behind the attack", "charged that troops
        had crossed"; None otherwise. A speaker's own claim ("said it was responsible") is none."""
        kids = list(v.children)
        if lemma in HOLDING_VERBS and any(c.dep_ == "dobj" for c in kids):
            adj = next(
                (c for c in kids if c.dep_ in ("advcl", "acomp", "oprd", "xcomp", "ccomp") and self._blaming(c)), None
            )
            if adj is not None:  # with what it blames for: "held Uganda responsible for the attack"
                return [v, adj, *(g for c in adj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
        if lemma in CLAUSE_ACCUSE_VERBS and not any(c.dep_ == "dobj" for c in kids):
            content = next((c for c in kids if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
            if content is not None:
                return [v]
        if self.lex.override.get(lemma) != "SAY":
            return None
        for clause in kids:
            if clause.dep_ != "ccomp" or clause.lemma_.lower() != "be":
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.lower_ in SELF_SUBJECTS:
                continue
            for c in clause.children:
                if c.dep_ in ("acomp", "xcomp") and self._blaming(c):
                    return [v, c]
                if c.dep_ == "prep" and c.lower_ == "behind":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if pobj is not None and self._harm(pobj):
                        return [v, c]
        return None

    def _blaming(self, tok: Token) -> bool:
        """ "responsible for the attack", "to blame for the deaths": an adjective that lays blame
        for a harm (not "responsible for security")."""
        if tok.lemma_.lower() not in BLAME_ADJECTIVES and not (
            tok.lower_ == "blame" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            return False
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and self._harm(pobj):
                    return True
        return False

    def _harm(self, n: Token) -> bool:
        """An attack, an act the lexicon knows, or a harm one can be blamed for."""
        return self.attack_noun(n) or self.lex.event_noun(n) is not None or n.lemma_.lower() in BLAMED_HARMS

    def received(self, v: Token) -> tuple[str, Token, Token] | None:
        """(category, act noun, giver) when ``v`` reports receiving another's act: "received
        support from the EU", "won the backing of France", "got a visit from the envoy"."""
        if verb_lemma(v) not in RECEIVING_LEMMAS:
            return None
        obj = quantity_head(next((c for c in v.children if c.dep_ == "dobj"), None))
        if obj is None:
            return None
        cat = self.lex.event_noun(obj)
        if cat not in RECEIVED_CATEGORIES:
            return None
        for holder, preps in ((v, ("from",)), (obj, ("from", "of", "by"))):
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    giver = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if giver is not None and cat is not None:
                        return cat, obj, giver
        return None

    def category(self, v: Token) -> str | None:
        """The category or pseudo-category of a verb (see :meth:`classify`)."""
        return self.classify(v)[0]

    def passes(self, v: Token) -> bool:
        """True for a verb that hands its act to its infinitive ("decided", "tried", "began")."""
        return self.category(v) == "PASS"

    def negated(self, v: Token) -> bool:
        """ "did not condemn", "did not try to storm" (see :func:`clauses.negated`)."""
        return clauses.negated(v, self.passes)

    def hedged(self, v: Token) -> bool:
        """ "reportedly attacked", "is said to have ..." (see :func:`clauses.hedged`)."""
        return clauses.hedged(v, self.lex.hedges)

    def stative(self, v: Token) -> bool:
        """ "is opposed/pleased/concerned": a participle that states a stance, not a passive act."""
        # "was appalled by the shootings": for a feeling, "by" names its cause, not an agent
        # (data: "a:appalled+by"); "is opposed by the army" stays a passive act
        by_cause = self.lex.adjective(v.lower_ + "+by") is not None
        return (
            # (a participle in scare quotes is often tagged an adjective: 'was "deeply concerned"')
            v.tag_ in ("VBN", "JJ")
            and self.lex.adjective(v.lower_) is not None
            and any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in v.children)
            and (by_cause or not any(c.dep_ == "agent" for c in v.children))
        )

    def light_noun(self, v: Token) -> tuple[str, Token] | None:
        """(category, event noun) of a light verb's object ("took a decision", "a mediation
        effort", "war games": a modifier may name the event), or None."""
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is None and v.tag_ == "VBN":
            obj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        obj = quantity_head(obj)
        # the curated nouns, then the expression tables ("issued a warning", "a travel ban")
        ncat = self.lex.event_noun(obj) if obj is not None else None
        if ncat is None and obj is not None:
            for c in obj.children:
                if c.dep_ in ("compound", "amod") and c.i < obj.i:
                    ncat = self.lex.noun(f"{c.lemma_.lower()} {obj.lemma_.lower()}") or self.lex.noun(c.lemma_.lower())
                    if ncat:
                        break
        if ncat is None or obj is None:
            return None
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in NATURAL_CAUSES for c in obj.children):
            return None  # "issued tsunami warnings": about nature, nobody's threat
        return ncat, obj

    def refused(self, v: Token) -> Token | None:
        """The act a refusal verb refuses ("refused to sign" -> sign), when that is an act."""
        x = next((c for c in v.children if c.dep_ == "xcomp"), None)
        if x is None:
            return None
        xcat = self.category(x)
        if xcat is None or xcat in PSEUDO:
            return None
        return x

    def pass_head(self, v: Token) -> Token | None:
        """The verb ``v`` is the infinitive of ("decided", "tried", "began"), which the summary must
        keep: "tried to storm the embassy" is not "stormed the embassy"."""
        h = head_of(v)
        if v.dep_ != "xcomp" or h is None or h.pos_ not in ("VERB", "AUX") or h.i > v.i:
            return None
        return h if self.category(h) == "PASS" else None

    def governed(self, v: Token) -> bool:
        """True when a governing trigger already stands for this verb ("agreed to cooperate",
        "demanded that X withdraw", "assisted Kazakhstan to stop", "accused X of violating",
        "rioted, setting fire to...")."""
        h = head_of(v)
        if h is None or h.i == v.i:
            return False
        first = clauses.headline_series(h)
        if first is not None and first.i == v.i and self.category(h) != "SAY":
            return False  # "EU condemns Syria, urges restraint": two acts, not one's content
        if (
            v.dep_ == "conj"
            and v.tag_ == "VBG"
            and h.tag_ == "VBG"
            and not any(c.dep_ in SUBJECT_DEPS for c in v.children)
        ):
            return self.governed(h)  # "rioted, setting fire to ... and smashing ...": one act
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            g = head_of(h)
            if g is not None and g.pos_ in ("VERB", "AUX"):
                return self.category(g) in PLOVER_CATEGORIES
        if (
            v.dep_ == "advcl"
            and v.tag_ == "VBG"
            and not any(c.dep_ in SUBJECT_DEPS for c in v.children)
            and h.pos_ in ("VERB", "AUX")
            and self.category(h) in PLOVER_CATEGORIES
        ):
            return True
        if v.dep_ in ("xcomp", "ccomp", "advcl") and h.pos_ in ("VERB", "AUX"):
            hcat = self.category(h)
            if hcat is None or hcat in ("-", "PASS", "LIGHT"):
                return False
            if hcat == "SAY":
                # reported content is judged on its own, except a demand ("X said Y must ...",
                # "X insisted that Y withdraw")
                if v.dep_ == "ccomp" and subjunctive(v):
                    return True
                return any(c.dep_ == "aux" and c.lower_ in MODAL_DEMAND for c in v.children) and any(
                    c.dep_ in SUBJECT_DEPS and c.lower_ not in PERSON_PRONOUNS | {"it", "they", "we", "i"}
                    for c in v.children
                )
            # "X denounced ..., while Y called for ..." are two acts
            return not (v.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children))
        return False

    # -- orders ---------------------------------------------------------------------------------
    def is_order(self, v: Token) -> bool:
        """True for a verb of ordering ("ordered", "directed")."""
        return self.lex.override.get(v.lemma_.lower()) == "ORDER"

    def ordered(self, ctx: DocContext, v: Token) -> bool:
        """True for force that was ordered: "orders to shoot", "ordered troops to fire"."""
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) and any(
            t.i < v.i and self.is_order(t) for t in v.subtree if ctx.same(t, v)
        ):
            return True  # "X directed forces to shoot", however the parser attached "directed"
        h = head_of(v)
        if h is None:
            return False
        if h.lemma_.lower() in ORDER_NOUNS:
            return True
        if v.dep_ in ("xcomp", "advcl", "acl") and h.pos_ in ("VERB", "AUX"):
            return any(t.lemma_.lower() in ("order", "instruction") for t in h.subtree if ctx.same(t, h))
        return False

    def ordered_category(self, v: Token) -> str | None:
        """What an order amounts to: ordering force or arrests is coercion."""
        for c in v.children:
            if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                xcat = self.category(c)
                if xcat in ("ASSAULT", "COERCE"):
                    return "COERCE"
                if xcat in PLOVER_CATEGORIES:
                    return xcat
            if c.dep_ == "dobj":
                ncat = self.lex.noun(c.lemma_.lower())
                if ncat:
                    return "COERCE" if ncat == "ASSAULT" else ncat
        return None

    def order_root(self, v: Token) -> Token | None:
        """The verb that gave the order to use force ``v`` stands for: "directed" in "directed
        forces to shoot", "given" in "were given orders to shoot"; None when there is none."""
        h = head_of(v)
        if h is not None and h.lemma_.lower() in ORDER_NOUNS and h.pos_ == "NOUN":
            g = head_of(h)
            return g if g is not None and g.pos_ in ("VERB", "AUX") else None
        t = v
        for _ in range(3):
            up = head_of(t)
            if up is None:
                break
            t = up
            if t.pos_ == "VERB" and self.is_order(t):
                return t
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # the parser may hang the order under the act: "X directed forces to shoot"
            return next((t for t in v.subtree if t.i < v.i and t.pos_ == "VERB" and self.is_order(t)), None)
        return None

    # -- harm -----------------------------------------------------------------------------------
    def attack_noun(self, tok: Token) -> bool:
        """An attack standing as the subject of what it did ("a car bomb killed", "the blast
        wounded"); natural disasters and accidents are nobody's attack."""
        lemma = tok.lemma_.lower()
        if lemma in NATURAL_CAUSES or any(c.lemma_.lower() in NATURAL_CAUSES for c in tok.children):
            return False
        if lemma == "strike":  # an air or drone strike, not a labour strike
            return any(c.lower_ in STRIKE_WEAPONS for c in tok.children)
        return self.lex.noun(lemma) in ("ASSAULT",) or lemma in ATTACK_NOUNS

    def deliberate(self, tok: Token, cat: str) -> bool:
        """False for harm that may be an accident ("76 were killed", "41 injured") unless the
        clause names an attack ("killed in a car bomb explosion", "clashes", "gunmen")."""
        if cat != "ASSAULT" or tok.pos_ not in ("VERB", "AUX") or verb_lemma(tok) not in HARM_LEMMAS:
            return True
        return any(self.attack_noun(t) for t in tok.subtree if t.pos_ in ("NOUN", "PROPN") and t.i != tok.i) or any(
            t.lemma_.lower() in ATTACKER_NOUNS for t in tok.subtree
        )

    @staticmethod
    def natural_cause(v: Token) -> bool:
        """True when what did the harm is nature or an accident: a subject "storm", "hotel
        collapse", "crash", or a passive "killed in a mudslide"."""
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj") and (
                c.lemma_.lower() in NATURAL_CAUSES
                or any(g.lemma_.lower() in NATURAL_CAUSES for g in c.children if g.dep_ in ("compound", "amod"))
            ):
                return True
        return clauses.is_passive(v) and any(
            t.lemma_.lower() in NATURAL_CAUSES for c in v.children if c.dep_ in ("prep", "agent") for t in c.subtree
        )

    # -- nouns ----------------------------------------------------------------------------------
    def noun_category(self, n: Token) -> str | None:
        """Category of an event noun as the curated lexicon has it ("protests" -> PROTEST), an
        air strike being an attack, not a labour strike."""
        cat = self.lex.noun(n.lemma_.lower())
        if n.lemma_.lower() == "strike" and any(c.lower_ in STRIKE_WEAPONS for c in n.children):
            cat = "ASSAULT"
        return cat

    def standalone_event(self, n: Token, located: Callable[[Token], bool]) -> bool:
        """True when the event noun ``n`` ("protests", "clashes") is an event of its own sentence:
        what its clause is about ("protests erupted"), the frame of a verb that is no act ("were
        injured in clashes"), or a strike somebody had somewhere (``located``: "had a strike in
        X"); not a verb's own event noun ("staged a strike"), its target ("protests were
        quelled", "ended the strike"), a negated one ("no protests") or somebody's claim."""
        h = head_of(n)
        g = head_of(h) if n.dep_ == "pobj" and h is not None else h
        if g is not None and g.pos_ in ("VERB", "AUX") and any(t.i == n.i for t in self.classify(g)[2]):
            return False  # the event noun of "took part in protests", "staged a strike": coded with its verb
        if n.dep_ in ("nsubj", "nsubjpass"):
            if (
                h is not None
                and h.pos_ in ("VERB", "AUX")
                and self.category(h) in PLOVER_CATEGORIES
                and n.dep_ == "nsubjpass"
            ):
                return False  # "protests were quelled": the noun is the target
        elif n.dep_ == "pobj" and h is not None and h.lower_ in ("in", "during", "amid", "into", "for"):
            g = head_of(h)
            if g is None or g.pos_ not in ("VERB", "AUX"):
                return False  # "her role in rioting": not an event of this sentence
            if h.lower_ == "for" and self.category(g) in PLOVER_CATEGORIES:
                return False
            gcat = self.category(g)
            if gcat in PLOVER_CATEGORIES and gcat not in STANDALONE_NOUN_CATEGORIES and h.lower_ != "in":
                return False
        elif n.dep_ == "conj" and h is not None and h.dep_ in ("nsubj", "nsubjpass"):
            pass
        elif n.dep_ == "dobj" and h is not None and h.pos_ in ("VERB", "AUX"):
            if self.category(h) not in (None, "-", "NONE") or not located(n):
                return False  # "we had a strike in the United States" counts; "ended the strike" is the target
        else:
            return False
        if any(c.dep_ == "neg" or c.lower_ in ("no", "without") for c in n.children):
            return False
        return not self.not_reported(n)  # "insisted (that) unrest there reflected...": the speaker's view

    def agentive_event(self, n: Token, quoted: Sequence[bool]) -> tuple[str, bool] | None:
        """(category, framed) of a nominal act that may be reported with its agent ("Russia's
        withdrawal", "a visit by ...", "talks between X and Y"), where the noun is what its
        clause is about (a subject, a headline), frames the clause's act (``framed``: "after a
        visit, ..."), or is what a verb that is no act resulted in; never the object of another
        act ("demanded Israel's withdrawal": not done yet), negated, inside quotes (``quoted``:
        per token) or only claimed, planned or asked for."""
        if n.dep_ not in ("nsubj", "nsubjpass", "ROOT", "pobj"):
            return None  # cheap test first: most nouns are objects and modifiers
        cat = self.lex.event_noun(n)
        if cat is None:
            return None
        h = head_of(n)
        g = head_of(h) if n.dep_ == "pobj" and h is not None else None
        framed = n.dep_ == "pobj" and h is not None and h.lower_ in FRAME_PREPS
        if n.dep_ in ("nsubj", "nsubjpass", "ROOT") or framed:
            pass
        elif (
            n.dep_ == "pobj"
            and g is not None
            and g.pos_ in ("VERB", "AUX")
            and h is not None
            and h.lower_ in ("in", "into")
            and self.category(g) in (None, "-")
        ):
            pass  # "talks resulted in a ceasefire agreement between ..."
        else:
            return None
        if any(c.dep_ == "neg" or c.lower_ in ("no", "without", "any") for c in n.children) or quoted[n.i]:
            return None
        if self.not_reported(n, plans_too=True, framed=framed):
            return None  # a claim, a purpose, a plan or a demand: not a reported act
        return cat, framed

    def not_reported(self, n: Token, plans_too: bool = False, framed: bool = False) -> bool:
        """True when a clause above the event noun ``n`` makes it somebody's claim ("insisted (that)
        unrest there reflected..."); with ``plans_too`` also a purpose ("to end the talks"), a
        plan ("X's visit will ...") or, unless the noun frames its clause (``framed``: "after the
        talks"), what an act asks for, threatens or rejects ("called for talks between ...")."""
        a = n
        for _ in range(6):
            up = head_of(a)
            if up is None:
                break
            a = up
            if a.dep_ == "ccomp":
                return True
            if not plans_too:
                continue
            if a.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                return True  # a purpose, not a reported act
            if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "will") for c in a.children):
                return True  # "X's visit will ...": planned
            if not framed and a.pos_ in ("VERB", "AUX") and self.category(a) in ("REQUEST", "THREATEN", "REJECT"):
                return True  # "called for talks between ...": asked for, not held
        return False
