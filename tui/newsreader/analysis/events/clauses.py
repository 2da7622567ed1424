"""Pure predicates over parsed clauses: negation, modality, passive, hedges, quotes, headline
shapes, line segments, and the short texts a summary quotes.

Functions of spaCy tokens (and of callables where a predicate needs a trigger's category), with
no state and no model: tests build their Docs by hand. ``pipeline.parse`` parses every line on
its own, so no sentence and no dependency runs across a line break.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Auxiliaries of an act still to come ("will withdraw", "would blockade").
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
#: Verbs that make a planned act a decision rather than a threat.
ANNOUNCING_LEMMAS = {"announce", "decide", "declare", "confirm", "rule", "vote"}
#: Deaths and damage in these are not anyone's attack.
NATURAL_CAUSES = {
    "earthquake",
    "quake",
    "tsunami",
    "mudslide",
    "landslide",
    "flood",
    "flooding",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "accident",
    "crash",
    "fire",
    "blaze",
    "avalanche",
    "stampede",
    "collapse",
    "aftershock",
    "eruption",
    "tornado",
    "drought",
    "heatwave",
    "disaster",
}
QUANTITY_WORDS = {
    "thousand",
    "hundred",
    "dozen",
    "million",
    "number",
    "group",
    "contingent",
    "batch",
    "unit",
    "team",
    "wave",
    "series",
    "round",
    "spate",
    "string",
    "lot",
    "couple",
    "some",
    "many",
    "most",
    "all",
    "both",
    "crowd",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: Hedges that take an infinitive ("is said to have ...").
_HEDGING_VERBS = {"say to", "report to", "believe to", "think to", "allege to"}


# -- tokens, sentences, lines ---------------------------------------------------------------------


def head_of(tok: Token) -> Token | None:
    """The syntactic head, or None for a sentence root."""
    h = tok.head
    return None if h.i == tok.i else h  # spaCy makes a new Token object on every access


def sentence_bounds(tok: Token) -> tuple[int, int]:
    """First and last token index of the sentence around ``tok``, without trailing space."""
    doc = tok.doc
    sent = tok.sent
    lo, hi = sent.start, sent.end - 1
    while hi > tok.i and doc[hi].is_space:
        hi -= 1
    return lo, hi


def sentence_span(tok: Token, offset: int = 0) -> tuple[int, int]:
    """Character span (plus ``offset``) of the sentence around ``tok``, without surrounding space."""
    doc = tok.doc
    sent = tok.sent
    lo, hi = sent.start, sent.end - 1
    while lo < hi and doc[lo].is_space:
        lo += 1
    while hi > lo and doc[hi].is_space:
        hi -= 1
    a, b = doc[lo], doc[hi]
    return offset + a.idx, offset + b.idx + len(b.text)


def segments(doc: Doc) -> list[int]:
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


def quoted(doc: Doc, seg: list[int]) -> list[bool]:
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


def with_conjuncts(tok: Token) -> list[Token]:
    """A noun and the nouns coordinated with it ("Norway and Finland"); a name's last word may
    carry the coordination ("Reporters Without Borders and the Committee to Protect Journalists"
    hangs the Committee on "Borders")."""
    out = [tok]
    stack = [tok, *_inside_name(tok)]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
    return out


def _inside_name(tok: Token) -> list[Token]:
    """The other words of the named entity ``tok`` is in (none when it is in none)."""
    if not tok.ent_type_:
        return []
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [t for t in doc[start:end] if t.i != tok.i]


def with_conjuncts_any(tok: Token) -> list[Token]:
    """A token and its conjuncts whatever their part of speech ("Hungarian and Romanian")."""
    out, stack = [tok], [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def quantity_head(obj: Token | None) -> Token | None:
    """ "thousands of soldiers" -> soldiers; "2,500 troops" stays troops."""
    if obj is None:
        return None
    if obj.lemma_.lower() in QUANTITY_WORDS or obj.pos_ == "NUM" or any(c.dep_ == "nummod" for c in obj.children):
        prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if prep is not None:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return obj


# -- headline shapes and the passive --------------------------------------------------------------


def is_passive(v: Token) -> bool:
    """A passive clause, including headline style without the auxiliary ("Minister rescued from...")."""
    if any(c.dep_ == "auxpass" for c in v.children) or headline_acl(v):
        return True
    # headlines drop "was": "Minister rescued from protesters" (tagged VBN or VBD); they write
    # active news in the present, so a past form with a subject and no object is a passive
    return (
        v.tag_ in ("VBN", "VBD")
        and v.dep_ == "ROOT"
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
        and any(c.dep_ == "nsubj" for c in v.children)
        and headline(v)
        and (v.tag_ == "VBN" or not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in v.children))
    )


def headline_acl(v: Token) -> bool:
    """ "Journalist detained by police in Minsk": a headline parsed as a noun with a participle;
    the participle is the headline's event, a passive."""
    return (
        v.dep_ == "acl"
        and v.tag_ == "VBN"
        and v.head.dep_ == "ROOT"
        and v.head.pos_ in ("NOUN", "PROPN")
        and v.head.i < v.i
        and headline(v)
    )


def headline_series(v: Token) -> Token | None:
    """In a headline "EU condemns Syria for shootdown, urges restraint" the parser makes the first
    act the content of the second ("condemns" a ccomp of "urges", which has no subject): for the
    second verb, the first; None for anything else."""
    if any(c.dep_ in SUBJECT_DEPS for c in v.children) or not headline(v):
        return None
    return next(
        (
            c
            for c in v.children
            if c.dep_ == "ccomp"
            and c.i < v.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in SUBJECT_DEPS for g in c.children)
            and any(g.text == "," and c.i < g.i < v.i for g in v.doc[c.i : v.i])
        ),
        None,
    )


def headline(tok: Token) -> bool:
    """True for a sentence without closing punctuation (a headline or caption): only there does a
    bare participle make a passive ("Minister rescued from protesters"); in running text a bare
    "protested" tagged VBN is a past tense the tagger got wrong."""
    sent = tok.sent
    for t in reversed(sent):
        if t.is_space or t.text in ('"', "'", "\u201d", "\u2019", ")"):
            continue
        return t.text not in (".", "!", "?")
    return True


# -- negation, hedges, modality -------------------------------------------------------------------


def negated(v: Token, passes: Callable[[Token], bool]) -> bool:
    """ "did not condemn", "never agreed"; also "did not try to storm", where ``passes`` says the
    verb ``v`` is the infinitive of is one that passes the act on ("try", "decide")."""
    for c in v.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            return True
    h = head_of(v)
    if v.dep_ == "xcomp" and h is not None and passes(h):
        return any(c.dep_ == "neg" for c in h.children)
    return False


def hedged(v: Token, hedges: frozenset[str]) -> bool:
    """ "reportedly attacked", "allegedly", "is said to have ...": ``hedges`` are the hedge words."""
    for t in (v, head_of(v)):
        if t is None:
            continue
        for c in t.children:
            if c.lower_ in hedges and c.dep_ in ("advmod", "npadvmod", "amod"):
                return True
    # "X is said/reported/believed to have ..."
    h = head_of(v)
    return bool(
        v.dep_ == "xcomp"
        and h is not None
        and f"{h.lemma_.lower()} to" in _HEDGING_VERBS | {f"{w.split()[0]} to" for w in hedges if w.endswith(" to")}
        and h.tag_ == "VBN"
    )


def modality(v: Token, hostile: bool) -> str | None:
    """ "future" for will/would acts, "conditional-threat"/"conditional-offer" when the act
    hangs on an if/unless clause of its own (a threat for ``hostile`` acts or "unless"), None
    for an act reported as done."""
    t = v
    future = False
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children) or any(
            c.dep_ == "aux" and c.lower_ == "going" for c in t.children
        ):
            future = True
            break
        h = head_of(t)
        if h is None or t.dep_ not in ("xcomp", "conj"):
            break
        t = h
    if not future:
        return None
    for c in v.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            if hostile or any(m.lower_ == "unless" for m in c.children):
                return "conditional-threat"
            return "conditional-offer"
    return "future"


def subjunctive(v: Token) -> bool:
    """ "(insisted) that Uganda withdraw its troops": a base form with its own subject and no
    auxiliary, the mandative subjunctive of a demand."""
    return (
        v.tag_ == "VB"
        and any(c.dep_ == "nsubj" for c in v.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    )


def announced(v: Token) -> bool:
    """True when ``v`` is the content of a decision made public ("announced it would...")."""
    while v.dep_ == "conj" and (up := head_of(v)) is not None:
        v = up  # "announced it would prohibit aid and (would) deny entry"
    h = head_of(v)
    return v.dep_ in ("ccomp", "xcomp") and h is not None and h.lemma_.lower() in ANNOUNCING_LEMMAS


def unreal(v: Token, category: Callable[[Token], str | None], actor_noun: Callable[[Token | None], bool]) -> bool:
    """Questions, conditions and mere possibilities are not reported acts; nor are descriptions
    ("the channel disputed by X") and purposes. ``category`` gives a verb's trigger category
    ("wants to visit": "want" is none), ``actor_noun`` says whether a noun can act ("troops
    withdrawing")."""
    doc = v.doc
    lo, hi = sentence_bounds(v)
    last = doc[hi]
    while (last.is_space or last.text in ('"', "\u201d", "'", "\u2019")) and last.i > lo:
        last = doc[last.i - 1]
    if last.text == "?":
        return True
    h0 = head_of(v)
    t = v
    for _ in range(4):
        # descriptions, not acts: "the channel disputed by X", "measures to quash the protests",
        # "a bill containing..."; purposes and wishes: "(in order) to prevent", "wants to visit"
        if t.dep_ == "amod" or (
            t.dep_ == "acl" and (t.tag_ != "VBG" or not actor_noun(head_of(t))) and not headline_acl(t)
        ):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("so", "lest") for c in t.children):
            return True  # "so that marriages are banned": a purpose
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBN"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)
            and not any(c.dep_ in SUBJECT_DEPS for c in t.children)
        ):
            return True  # "as opposed to X", "as compared with X": a comparison, not a stance
        if t.dep_ == "xcomp":
            ht = head_of(t)
            if ht is not None and ht.pos_ in ("VERB", "AUX") and category(ht) in (None, "-", "NONE"):
                return True
        if t.dep_ not in ("xcomp", "conj"):
            break
        up = head_of(t)
        if up is None:
            break
        t = up
    if v.dep_ == "relcl" and not (
        v.tag_ == "VBD" or any(c.dep_ in ("aux", "agent") and c.lemma_ in ("have", "by") for c in v.children)
    ):
        return True  # "Argentina, which opposes ...", "the president, who will step down": descriptions
    if v.dep_ == "relcl" and is_passive(v) and not any(c.dep_ == "agent" for c in v.children):
        return True  # "the plant, which was damaged ...": background
    if (
        v.dep_ == "relcl"
        and any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in v.children)
        and not any(c.lower_ in ("where", "when") for c in v.children)
    ):
        return True  # "the change he promised": the clause describes its noun
    if v.dep_ == "ccomp" and h0 is not None and h0.pos_ in ("NOUN", "PROPN"):
        return True  # "an admission that X murdered...": the content of a claim
    if is_passive(v) and any(
        t.lemma_.lower() in NATURAL_CAUSES for c in v.children if c.dep_ in ("prep", "agent") for t in c.subtree
    ):
        return True  # "killed in a mudslide"
    if (
        v.tag_ == "VB"
        and v.dep_ in ("advcl", "dep")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in v.children)
    ):
        return True  # a bare base form with no "to", modal or subject: a noun the tagger took for a verb
    for n, a in enumerate(v.ancestors):
        if n >= 8:
            break
        if a.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in a.children
        ):
            return True  # "unless X agreed a truce with rebels fighting ...": inside a condition
    t = v
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in t.children):
            return True
        auxes = [c.lower_ for c in t.children if c.dep_ == "aux"]
        if "have" in auxes and any(a in ("would", "should", "'d") for a in auxes):
            return True  # "would have attended": it did not happen
        h = head_of(t)
        if h is None or t.dep_ not in ("xcomp", "conj"):
            break
        t = h
    return False


# -- texts ----------------------------------------------------------------------------------------


def np_text(tok: Token, with_preps: bool = False, limit: int = 10) -> str:
    """A short text for a noun phrase: its left modifiers, the head, and (optionally) "of/in X"."""
    words = []
    for t in tok.subtree:
        if t.i < tok.i:
            if (
                t.dep_ in ("det", "punct")
                and t.i == tok.left_edge.i
                and t.lower_ in ("the", "a", "an", "‘", "'", "“", '"')
            ):
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


def target_text(v: Token, toks: list[Token]) -> str | None:
    """The text of what the act of ``v`` is about (its object, passive subject, "against X" or
    content clause), other than the trigger's own words ``toks``."""
    kids = list(v.children)
    used = {t.i for t in toks}
    for c in kids:
        if c.dep_ in ("dobj",) and c.i not in used:
            return np_text(c)
    for c in kids:
        if c.dep_ in ("prep", "prt") and c.i in used:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return np_text(pobj)
    for c in kids:
        if c.dep_ == "nsubjpass":
            return np_text(c)
    for c in kids:
        if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("against", "on", "to", "with", "for")):
            pobj = c if c.dep_ == "dative" else next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return np_text(pobj)
    for c in kids:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            words = [t for t in c.subtree if t.dep_ not in ("nsubj", "mark") and t.i >= c.i - 1]
            text = " ".join(t.text for t in words[:8])
            return text or None
    return None


def tidy(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
