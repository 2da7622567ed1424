"""One-line summaries of reactions for the panel, read off the dependency parse.

A summary is what the actor did, as written in the article from the trigger verb on: "called for an
end to the unrest", "lauded President Tokayev's measures to quash the protests". Its words are the
verb and its complements (object, particles, prepositional and clausal complements), kept with
their determiners and punctuation; when that is too long, whole constituents are dropped from the
right (adjuncts, relative clauses, later conjuncts) so the line stays a phrase, and only a phrase
that still does not fit is cut at a word with "…". Passives are written actively ("were given
orders to shoot" -> "gave orders to shoot"), negations as "did not <verb>", and bare event nouns
with what the sentence says about them ("clashes between protestors and Kazakh forces").

Pure functions over spaCy tokens; no UI imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from newsreader.analysis.datafiles import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: Summaries longer than this lose constituents from the right, then are cut at a word.
LIMIT = 64
#: Dependents a verb keeps in its summary: what was done, to whom, how far.
VP_DEPS = {"dobj", "prt", "prep", "dative", "xcomp", "ccomp", "acomp", "attr", "oprd", "agent"}
#: Dependents that may be dropped whole to shorten a summary (adjuncts and additions); objects,
#: determiners and the words of names never are.
DROPPABLE = {
    "prep",
    "relcl",
    "acl",
    "advcl",
    "conj",
    "appos",
    "npadvmod",
    "advmod",
    "ccomp",
    "xcomp",
    "parataxis",
    "dep",
    "agent",
    "punct",
    "cc",
}
#: Nouns of complex prepositions ("as part of", "in front of", "on behalf of", "in response to").
COMPLEX_PREPOSITION_NOUNS = {
    "part",
    "front",
    "behalf",
    "support",
    "response",
    "favour",
    "favor",
    "spite",
    "charge",
    "search",
    "defiance",
    "place",
    "case",
    "terms",
    "view",
    "light",
    "addition",
    "violation",
    "protest",
    "retaliation",
    "solidarity",
    "honour",
    "honor",
    "memory",
    "aid",
    "pursuit",
    "wake",
    "face",
    "absence",
    "presence",
    "midst",
}
#: Words a cut line must not end on.
DANGLING = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "and",
    "or",
    "but",
    "as",
    "which",
    "who",
    "its",
    "their",
    "his",
    "than",
    "while",
    "against",
    "between",
    "about",
    "over",
    "after",
    "before",
    "during",
    "without",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
    "be",
    "been",
    "so",
    "not",
    "if",
    "unless",
    "other",
    "such",
    "very",
    ",",
}
#: Time and attribution phrases that say when or who reported, not what was done.
TIME_LABELS = {"DATE", "TIME"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
MODALS = {"will", "would", "could", "can", "must", "should", "may", "might", "shall", "'ll", "wo", "ca"}
OPEN_QUOTES = "\u201c\u2018"
CLOSE_QUOTES = "\u201d\u2019"


@lru_cache(maxsize=1)
def irregular_verbs() -> tuple[dict[str, str], dict[str, str]]:
    """(past participle -> simple past, base -> simple past) for irregular verbs."""
    by_participle: dict[str, str] = {}
    by_base: dict[str, str] = {}
    path = DATA_DIR / "verbs_irregular.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        base, past, participle = line.split("\t")[:3]
        by_participle.setdefault(participle, past)
        by_base[base] = past
    return by_participle, by_base


def simple_past(tok: Token) -> str:
    """The simple past of a verb token, for writing a passive actively: "given" -> "gave",
    "arrested" -> "arrested", "shot" -> "shot"."""
    by_participle, by_base = irregular_verbs()
    text = tok.text
    low = text.lower()
    if tok.tag_ == "VBD":
        return text
    if low in by_participle and tok.tag_ == "VBN":
        return by_participle[low]
    lemma = tok.lemma_.lower()
    if lemma in by_base:
        return by_base[lemma]
    if tok.tag_ == "VBN":
        return text  # regular: the participle is the past
    return text


def base_form(tok: Token) -> str:
    """The verb as it follows "did not": its lemma, or the word itself when the lemma is odd."""
    lemma = tok.lemma_
    return lemma if lemma and lemma.isalpha() and lemma != "-PRON-" else tok.text


def render(doc: Doc, keep: Iterable[int], elided: Iterable[int] = ()) -> str:
    """The kept tokens as text: spacing as in the document, one space across dropped words,
    surrounding punctuation and unpaired quotes removed. A gap holding any of ``elided`` (words
    cut to make the line fit, not left out on purpose) is marked "…", so an excerpt never reads
    as the whole ("any company that wants … must not have")."""
    idx = sorted(set(keep))
    cut_out = set(elided)
    parts: list[str] = []
    for n, i in enumerate(idx):
        t = doc[i]
        if t.is_space:
            continue
        parts.append(t.text)
        if n + 1 < len(idx):
            nxt = idx[n + 1]
            if nxt == i + 1:
                parts.append(t.whitespace_)
            elif cut_out and any(j in cut_out for j in range(i + 1, nxt)):
                parts.append(" … ")
            else:
                parts.append(" ")
    text = " ".join("".join(parts).split())
    return _tidy_edges(text)


def _tidy_edges(text: str) -> str:
    text = text.strip(" ,;:-\u2013\u2014(")
    # a quote mark without its partner reads as a typo ("\u2019" doubles as the apostrophe)
    if text.count("\u201c") != text.count("\u201d"):
        text = text.replace("\u201c", "").replace("\u201d", "")
    if text.count("\u2018") > text.count("\u2019"):
        text = text.replace("\u2018", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return " ".join(text.split()).strip(" ,;:")


def shrink(doc: Doc, keep: set[int], protected: set[int], limit: int = LIMIT, anchors: Iterable[int] = ()) -> str:
    """Render ``keep``, dropping whole right-hand constituents (right-most first) until it fits in
    ``limit``; a phrase that cannot shrink further is cut at a word and ends with "…". ``anchors``
    are heads left out of the text whose dependents may still be dropped (the verb)."""
    keep = set(keep)
    anchors = set(anchors)
    elided: set[int] = set()
    text = render(doc, keep)
    while len(text) > limit:
        candidates = [
            doc[i]
            for i in keep
            if i not in protected
            and doc[i].dep_ in DROPPABLE
            and (doc[i].head.i in keep or doc[i].head.i in anchors)
            and doc[i].i > doc[i].head.i
            and doc[i].head.i != doc[i].i
        ]
        if not candidates:
            break
        drop = max(candidates, key=lambda t: t.i)
        if (
            drop.dep_ == "prep"
            and drop.head.lower_ in COMPLEX_PREPOSITION_NOUNS
            and drop.head.dep_ == "pobj"
            and drop.head.head.i not in protected
            and drop.head.head.dep_ == "prep"
        ):
            drop = drop.head.head  # "as part of X" goes whole, never leaving "as part"
        gone = {t.i for t in drop.subtree}
        # the comma or conjunction that joined the dropped part goes with it
        j = drop.left_edge.i - 1
        while (
            j in keep
            and j not in protected
            and doc[j].head.i in (drop.head.i, drop.i)
            and (doc[j].dep_ in ("cc", "punct") or doc[j].is_space)
        ):
            gone.add(j)
            j -= 1
        keep -= gone
        elided |= gone
        text = render(doc, keep, elided)
    if len(text) > limit:
        text = cut(text, limit)
    return text


def cut(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in "…", never on a
    function word."""
    if len(text) <= limit:
        return text
    words = text[: limit - 1].rsplit(" ", 1)[0].split()
    while len(words) > 1 and words[-1].lower().strip(",;:") in DANGLING:
        words.pop()
    return _tidy_edges(" ".join(words)) + "…"


def _complement_tokens(v: Token, extra: Iterable[Token] = (), skipped: set[int] | None = None) -> set[int]:
    """The verb, its particles and complements (whole subtrees), without when-phrases (their
    tokens go to ``skipped``)."""
    keep = {v.i} | {t.i for t in extra}
    for c in v.children:
        if c.i < v.i:
            continue
        if c.dep_ not in VP_DEPS or (c.dep_ == "prep" and _is_time_or_source(c)):
            if skipped is not None and (c.dep_ in ("prep", "npadvmod", "advmod") or c.is_punct):
                skipped.update(t.i for t in c.subtree)  # "on Tuesday", "today": left out on purpose
            continue
        keep.update(t.i for t in c.subtree)
    # a relative clause describes its noun, it is not part of what was done ("measures to halt
    # the protests", an infinitive the parser may also call relcl, is)
    for t in v.doc[v.i : max(keep) + 1]:
        if (
            t.dep_ == "relcl"
            and t.i in keep
            and t.head.i in keep
            and any(c.dep_ in ("nsubj", "nsubjpass") or c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in t.children)
        ):
            gone = {x.i for x in t.subtree}
            left = t.left_edge.i - 1
            if left in keep and v.doc[left].is_punct:
                gone.add(left)
            keep -= gone
    return keep


def _is_time_or_source(prep: Token) -> bool:
    """ "on Friday", "since about a week", "according to Reuters", "as per state media"."""
    if prep.lower_ in ("according", "per") or (prep.lower_ == "as" and any(c.lower_ == "per" for c in prep.children)):
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in TIME_LABELS for o in objs)


def _contiguous(keep: set[int], start: int, bridge: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """Only the tokens from ``start`` on, up to the first gap of more than one word (a parse that
    jumps back and forth makes an unreadable line); words left out on purpose (``bridge``: "on
    Tuesday") do not count as a gap."""
    out: set[int] = set()
    prev = start - 1
    for i in sorted(k for k in keep if k >= start):
        gap = [j for j in range(prev + 1, i) if j not in bridge]
        if len(gap) > 1:
            break
        out.add(i)
        prev = i
    return out


def verb_summary(
    v: Token,
    extra: Iterable[Token] = (),
    negated: bool = False,
    passive: bool = False,
    refusal: str = "",
    limit: int = LIMIT,
) -> str:
    """What the actor of verb ``v`` did: "called for an end to the unrest", "did not condemn the
    coup", "would not accept the plan", "gave orders to shoot" (for "were given orders to
    shoot"), "arrested 3,000" (for "3,000 were arrested")."""
    doc = v.doc
    skipped: set[int] = set()
    keep = _contiguous(_complement_tokens(v, extra, skipped), v.i, skipped)
    keep = _without_broken_list(doc, keep)
    protected = {v.i} | {t.i for t in extra} | {c.i for c in v.children if c.dep_ in ("dobj", "prt", "dative")}
    head = v.text
    patient = ""
    if passive:
        particles = [c for c in v.children if c.dep_ == "prt"]
        head = " ".join([simple_past(v)] + [c.text for c in particles])  # "wiped out the terrorists"
        keep -= {c.i for c in particles}
        keep -= {c.i for c in v.children if c.dep_ == "agent" for c in c.subtree}
        subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if subj is None and v.dep_ == "acl" and v.head.i < v.i:
            subj = v.head  # a headline's "Journalist detained by police"
        if subj is None:
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)  # headline "Activist arrested"
        has_object = any(c.dep_ in ("dobj", "dative") for c in v.children)
        if subj is not None and not has_object:
            patient = _patient(subj, max(16, limit - len(head) - 12))
            if particles and subj.pos_ == "PRON":
                head, patient = simple_past(v), f"{patient} {' '.join(c.text for c in particles)}"  # "kicked them out"
    if negated:
        head = base_form(v) + head[len(v.text) :] if not passive else base_form(v)
    prefix = "did not" if negated else refusal or ("" if passive else _modal_chain(v))
    rest_keep = keep - {v.i}
    room = limit - len(head) - len(patient) - len(prefix) - 2
    rest = shrink(doc, rest_keep, protected - {v.i}, max(12, room), anchors={v.i}) if rest_keep else ""
    if patient.endswith("…"):
        rest = ""  # a cut phrase ends the line
    words = [head]
    if patient:
        words.append(patient)
    if rest:
        words.append(rest)
    text = " ".join(([prefix] if prefix else []) + words)
    return cut(_without_dangling(" ".join(text.split())), limit + 16)


def _without_dangling(text: str) -> str:
    """No trailing "to", "of", "the" left by an odd parse ("granted asylum to")."""
    words = text.split()
    while len(words) > 1 and words[-1].lower() in DANGLING:
        words.pop()
    return " ".join(words)


#: Pronouns as the object of an active verb ("he was shot" -> "shot him").
OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "it": "it", "you": "you"}


def _patient(subj: Token, limit: int) -> str:
    """A passive's subject written as the object of the active verb: "3,000", "him", "the
    embassy" (no relative clauses, no lead-in phrases, no sentence-initial capital)."""
    doc = subj.doc
    if subj.lower_ in ("who", "which", "that", "whom"):
        return ""
    if subj.pos_ == "PRON" and not list(subj.children):
        return OBJECT_CASE.get(subj.lower_, subj.lower_)  # "him", "them", "one", "those"
    keep = {t.i for t in subj.subtree}
    for c in subj.children:
        if c.dep_ in ("relcl", "acl", "appos") or (
            c.i < subj.i and c.dep_ in ("prep", "advmod", "npadvmod", "punct", "cc", "mark")
        ):
            keep -= {t.i for t in c.subtree}
    if not keep:
        return ""
    keep = _contiguous(keep, min(keep))
    text = shrink(doc, keep, {subj.i}, limit)
    first = doc[min(keep)]
    if text[:1].isupper() and _common_word(first) and text[1:2].islower():
        text = text[:1].lower() + text[1:]  # "Those" at the start of the sentence
    return text


def content_summary(v: Token, content: Token, limit: int = LIMIT) -> str:
    """A demand or claim reported by ``v``: "said Sudan must return the helicopter", written in
    that order even when the quote comes first ("Sudan must return it," Russia said)."""
    doc = content.doc
    keep = {t.i for t in content.subtree if not (t.dep_ == "mark" and t.head.i == content.i)}
    keep = {i for i in keep if not doc[i].is_space}
    if not keep:
        return v.text
    whole = _contiguous(keep, min(keep))
    rest = shrink(doc, whole, {content.i}, max(16, limit - len(v.text) - 1), anchors={content.i})
    if not rest.endswith("…") and len(rest) < len(render(doc, whole)) and doc[max(whole)].i > content.i:
        rest += "…"  # what was said, cut: an excerpt must read as one
    first = doc[min(keep)]
    if rest[:1].isupper() and _common_word(first) and rest[1:2].islower() and first.lower_ not in ("i",):
        rest = rest[:1].lower() + rest[1:]
    return f"{v.text} {rest}"


def span_summary(start: Token, v: Token, limit: int = LIMIT) -> str:
    """The words from ``start`` (a governing verb the parser attached oddly, as in "Tokayev on
    Friday directed security forces to shoot") through verb ``v`` and its complements."""
    doc = v.doc
    keep = set(range(start.i, v.i + 1)) | _complement_tokens(v)
    keep = {i for i in _contiguous(keep, start.i) if not doc[i].is_space}
    return shrink(doc, keep, set(range(start.i, v.i + 1)), limit)


def _without_broken_list(doc: Doc, keep: set[int]) -> set[int]:
    """Drop a final "as Germany" whose name the text continues as a list the parse broke off
    ("... as Germany, EU condemn violence"): the phrase would stop mid-clause."""
    last = max(keep)
    if last + 2 >= len(doc) or doc[last + 1].text != "," or doc[last + 2].pos_ != "PROPN" or last + 2 in keep:
        return keep
    t = doc[last]
    while t.head.i in keep and t.head.i != t.i and t.dep_ != "prep":
        t = t.head
    if t.dep_ == "prep" and t.head.i in keep and t.i > min(keep):
        return keep - {x.i for x in t.subtree}
    return keep


def modal_chain(v: Token) -> str:
    """The modal auxiliaries before ``v`` as a summary writes them ("would", "will have"), or ""."""
    return _modal_chain(v)


def _modal_chain(v: Token) -> str:
    """ "would", "will have", "could be": the auxiliaries before ``v`` when a modal leads them."""
    auxes = [c for c in v.children if c.dep_ == "aux" and c.i < v.i and c.lower_ != "to"]
    if not auxes or auxes[0].lower_ not in MODALS:
        return ""
    return " ".join(_modal_text(a) for a in auxes)


def _modal_text(tok: Token) -> str:
    return {"wo": "will", "'ll": "will", "ca": "can"}.get(tok.lower_, tok.lower_)


def noun_summary(n: Token, limit: int = LIMIT) -> str:
    """A bare event noun with what its phrase says: "clashes between protestors and Kazakh
    forces", "protests against the government"; for a noun alone, what its clause says of it
    ("protests were spurred by a surge in fuel prices")."""
    doc = n.doc
    keep = {t.i for t in n.subtree}
    # no leading article or quantity: the panel line starts with the event
    for t in n.subtree:
        if t.i < n.i and t.dep_ in ("det", "predet") and t.head.i == n.i:
            keep.discard(t.i)
    keep = {i for i in keep if i >= min(keep, default=n.i)}
    text = shrink(doc, keep, {n.i}, limit)
    if text.lower() == n.text.lower() or " " not in text:
        h = n.head
        if n.dep_ in ("nsubj", "nsubjpass") and h.pos_ in ("VERB", "AUX") and h.i > n.i:
            clause = set(range(n.i, h.i)) | _complement_tokens(h)
            clause |= {c.i for c in h.children if c.dep_ in ("aux", "auxpass", "neg") and c.i > n.i}
            described = shrink(doc, _contiguous(clause, n.i), {n.i, h.i}, limit)
            if len(described) > len(text):
                text = described
    first = doc[min(keep)] if keep else n
    if text[:1].isupper() and _common_word(first) and text[1:2].islower():
        text = text[:1].lower() + text[1:]  # "Protests ..." at the start of a headline
    return _without_dangling(text)


def _common_word(tok: Token) -> bool:
    """True for a word capitalised only because a sentence or headline starts with it."""
    return tok.pos_ != "PROPN" and tok.ent_type_ not in NAME_LABELS


def event_summary(v: Token, limit: int = LIMIT) -> str:
    """A happening told as its clause, subject first, for an event nobody named did: "a hotel
    collapse in Lagos killed at least 76 people", "twenty people have been killed in riots"."""
    doc = v.doc
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    keep = _complement_tokens(v)
    keep |= {c.i for c in v.children if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ != "to"}
    start = v.i
    if subj is not None and subj.i < v.i:
        aside = {
            t.i
            for c in subj.children
            if c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and c.lower_ in ("including", "among"))
            for t in c.subtree
        }
        aside |= {c.i for c in subj.children if c.dep_ == "punct"}
        keep |= {t.i for t in subj.subtree} - aside
        start = subj.left_edge.i
        while start < subj.i and doc[start].dep_ in ("det", "punct") and doc[start].head.i == subj.i:
            start += 1
        keep = {i for i in _contiguous(keep, start, aside) if not doc[i].is_space}
    else:
        keep = {i for i in _contiguous(keep, start) if not doc[i].is_space}
    text = shrink(doc, keep, {v.i} | ({subj.i} if subj is not None else set()), limit)
    first = doc[min(keep)] if keep else v
    if text[:1].isupper() and _common_word(first) and text[1:2].islower():
        text = text[:1].lower() + text[1:]
    return _without_dangling(text)
