"""Key figures: numbers that count something, with what they count and what happened.

For every number expression (the model's CARDINAL/MONEY/PERCENT/QUANTITY entities, plus numbers
it missed) the value is parsed ("3,000" -> 3000, "1.2 million" -> 1200000, "twenty" -> 20),
hedges mark it approximate ("about", "nearly", "more than"), ``counts`` is the noun phrase it
quantifies from the dependency parse ("security checkpoints", "members of the security forces")
and ``event`` the verb governing it ("killed", "arrested"). Dates, years, times, ages, ordinals
and identifiers ("Resolution 1244", "COVID-19") are not figures. Word lists: data/numbers.json.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsreader.analysis.datafiles import DATA_DIR
from newsreader.model.analysis import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsreader.analysis.pipeline import Chunk


FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
#: Dependency relations by which a number quantifies a noun.
QUANTIFIES = {"nummod", "quantmod", "amod", "compound", "nmod", "det"}
MAX_COUNTS_TOKENS = 8
REPORTING_VERBS = {
    "say",
    "tell",
    "report",
    "accord",
    "state",
    "announce",
    "add",
    "note",
    "claim",
    "write",
    "quote",
    "cite",
    "estimate",
}
LINKING_VERBS = {"remain", "leave", "stay", "become", "keep", "seem", "appear", "go"}
#: Larger "numbers" are serial numbers or junk (and may not fit a float or JSON).
MAX_VALUE = 1e15
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_AGE_AFTER = re.compile(r"^\s*-?\s*(?:years?|yrs?|months?|weeks?|days?)\s*-?\s*old\b", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"^\d[\d,]*(?:\.\d+)?$|^\.\d+$")
_TOKENS = re.compile(r"\d[\d,]*(?:\.\d+)?[a-z]*|\.\d+|[a-z]+(?:\.[a-z]+\.)?|[%$€£¥₹₽~+]")
_WORDISH = re.compile(r"^[^\W\d_][\w'’.&-]*$|^\d[\w.,-]*$")
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def _annotated(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)``, remembered on the doc: it scans every token, and figures ask
    once per number (quadratic in the count of numbers otherwise)."""
    memo, key = _memo(doc), ("newsreader.figures.has", attr)
    value = memo.get(key)
    if value is None:
        value = memo[key] = doc.has_annotation(attr)
    return value


def _memo(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data``: typed with str keys, but spaCy itself keys it by tuples, as these memos do."""
    return doc.user_data


def _sentence_of(span: Span) -> Span:
    """``span.sent`` from sentence starts found once per doc (``span.sent`` scans back to the
    sentence start on every call: quadratic for a long sentence full of numbers)."""
    import bisect

    doc = span.doc
    memo, key = _memo(doc), ("newsreader.figures.sent_starts", None)
    starts = memo.get(key)
    if starts is None:
        starts = memo[key] = [sent.start for sent in doc.sents]
    k = bisect.bisect_right(starts, span.start) - 1
    start = starts[k] if k >= 0 else 0
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[start : max(end, span.end)]


@lru_cache(maxsize=1)
def number_words() -> dict[str, Any]:
    """The word lists of data/numbers.json."""
    return json.loads((DATA_DIR / "numbers.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _approx_phrases() -> tuple[str, ...]:
    return tuple(sorted(number_words()["approx"], key=len, reverse=True))


def _as_number(value: float) -> int | float:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def parse_number(text: str) -> tuple[int | float | None, bool]:
    """(value, approx) of a number expression as written; value None when it names no exact number
    ("dozens", "thousands"). "approximately 2,500" -> (2500, True); "$1.2bn" -> (1200000000, False);
    "twenty-five" -> (25, False); "50.23%" -> (50.23, False)."""
    words = number_words()
    units, tens, scales = words["units"], words["tens"], words["scales"]
    t = " ".join(text.translate(_QUOTES).lower().split())
    approx = False
    stripped = True
    while stripped:
        stripped = False
        for phrase in _approx_phrases():
            if t.startswith(phrase) and (len(t) == len(phrase) or not t[len(phrase)].isalpha()):
                t, approx, stripped = t[len(phrase) :].lstrip(" -"), True, True
                break
    for suffix in ("or more", "plus", "+", "or so"):
        if t.endswith(suffix):
            t, approx = t[: -len(suffix)].rstrip(), True
    tokens = _TOKENS.findall(t.replace("-", " "))
    total = 0.0
    current = 0.0
    seen = False
    last_numeric = False
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        m = re.match(r"^(\d[\d,]*(?:\.\d+)?|\.\d+)([a-z]*)$", tok)
        if m:
            if seen and last_numeric:
                break  # "10 15": two numbers, keep the first
            digits, unit = m.group(1), m.group(2)
            if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
                return None, approx  # "1,2,3" is a list, not a number
            current += float(digits.replace(",", ""))
            seen, last_numeric = True, True
            if unit in scales:
                total += current * scales[unit]
                current = 0.0
                last_numeric = False
            elif unit and unit not in ("st", "nd", "rd", "th", "s"):
                pass  # "10km": the unit is what it counts
            continue
        last_numeric = False
        if tok in ("a", "an") and (nxt in scales or nxt in ("dozen", "hundred")):
            current = max(current, 1.0)
            continue
        if tok in units and tok not in ("a", "an"):
            if tok == "dozen":
                current = (current or 1.0) * 12
            elif tok == "score" and not seen:
                break
            else:
                current += units[tok]
            seen = True
            continue
        if tok in tens:
            current += tens[tok]
            seen = True
            continue
        if tok == "hundred":
            current = (current or 1.0) * 100
            seen = True
            continue
        if (tok in scales and seen) or tok in ("thousand", "million", "billion", "trillion"):
            total += (current or 1.0) * scales[tok]
            current = 0.0
            seen = True
            continue
        if tok == "and" and seen:
            continue
        if seen:
            break
    value = total + current
    if not seen or not math.isfinite(value) or value > MAX_VALUE:
        return None, approx  # a digit string no article means as a count
    return _as_number(value), approx


def extract_figures(chunks: Iterable[Chunk]) -> list[Figure]:
    """Every number in the chunks that counts something, in text order, with absolute offsets."""
    out: list[Figure] = []
    for chunk in chunks:
        doc = chunk.doc
        for span in number_spans(doc):
            figure = figure_of(span, chunk.offset)
            if figure is not None:
                out.append(figure)
    out.sort(key=lambda f: f.span)
    return out


def number_spans(doc: Doc) -> list[Span]:
    """Number expressions: the model's number entities, plus runs of number tokens no entity
    covers (small models miss some), never inside dates, times, ordinals or names."""
    spans = [ent for ent in doc.ents if ent.label_ in FIGURE_LABELS]
    covered = [False] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            covered[i] = True
    tagged = _annotated(doc, "TAG")
    scales = number_words()["scales"]
    i = 0
    while i < len(doc):
        token = doc[i]
        if covered[i] or not _is_number_token(token, tagged):
            i += 1
            continue
        j = i + 1
        while (
            j < len(doc)
            and not covered[j]
            and (_is_number_token(doc[j], tagged) or (doc[j].lower_ in scales and doc[j].lower_ not in ("m", "b", "k")))
        ):
            j += 1
        spans.append(doc[i:j])
        i = j
    grown: list[Span] = []
    for span in sorted((_grow(s) for s in spans), key=lambda s: (s.start, -s.end)):
        if grown and span.start < grown[-1].end:
            continue  # "million" on its own after "$600" was merged into it
        grown.append(span)
    return grown


def _grow(span: Span) -> Span:
    """Take in a currency sign the model left out ("$" + "600") and a scale word on the next
    line ("600\nmillion"), as hard-wrapped text splits them."""
    from spacy.tokens import Span

    doc = span.doc
    words = number_words()
    start, end, label = span.start, span.end, span.label_ or "CARDINAL"
    if start > 0 and doc[start - 1].text in words["currency_symbols"]:
        start, label = start - 1, "MONEY"
    j = end
    while j < len(doc) and doc[j].is_space and "\n\n" not in doc[j].text:
        j += 1
    if j > end and j < len(doc) and doc[j].lower_ in ("hundred", "thousand", "million", "billion", "trillion"):
        end = j + 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=label)


def _is_number_token(token: Token, tagged: bool) -> bool:
    if _NUMBER_TOKEN.match(token.text):
        return True
    if token.like_num and token.is_alpha:
        if token.lower_ in ("one", "a", "an"):
            return tagged and token.pos_ == "NUM"
        # the small model tags "a further sixteen" NOUN; spelled numbers are numbers either way
        return not tagged or token.pos_ in ("NUM", "NOUN")
    return False


def figure_of(span: Span, offset: int = 0) -> Figure | None:
    """The Figure for one number expression, or None when it is not a figure."""
    doc = span.doc
    if span.label_ == "MONEY" and _unit_inside(span) is None:
        from spacy.tokens import Span

        span = Span(doc, span.start, span.end, label="CARDINAL")  # "# 2007": no currency, no money
    value, approx = parse_number(span.text)
    if value is None or _not_a_count(span, value):
        return None
    approx = approx or _hedged_before(span)
    head = _counted_noun(span)
    counts = _counts_phrase(span, head)
    if counts is None and head is None:
        counts = _elided_noun(span)  # "killing twelve people and injuring a further sixteen"
    if head is None and _is_age_of_someone(span):
        return None  # "when she was six"
    if (
        value == 1
        and span.label_ not in ("MONEY", "PERCENT", "QUANTITY")
        and (head is None or not span.text[:1].isdigit())
    ):
        return None  # "one was beheaded", "one step": a pronoun or article, not a key figure
    event = _event(head if head is not None else span.root)
    if (
        counts is None
        and event is None
        and span.label_ not in ("MONEY", "PERCENT")
        and _annotated(doc, "DEP")
        and _governing_verb(span.root) is None
    ):
        return None  # "CC BY 2.5", "17 U.S.C. 105": counts nothing the parse can see
    if _is_score(span) and (head is None or head.tag_ != "NNS"):
        return None  # "22-3", "a 2–0 advantage", "winning 2 – 1": a score; "10-15 people" is a range
    sentence = None
    if _annotated(doc, "SENT_START") or _annotated(doc, "DEP"):
        sentence = _trimmed_bounds(_sentence_of(span), offset)
    return Figure(
        value=value,
        approx=approx,
        text=span.text,
        counts=counts,
        event=event,
        span=(offset + span.start_char, offset + span.end_char),
        sentence=sentence,
    )


def _is_score(span: Span) -> bool:
    """Two numbers joined by a dash: "22-3", "2 – 1"."""
    doc = span.doc
    if re.fullmatch(r"\d+\s*[-–]\s*\d+", span.text.strip()):
        return True
    nxt = doc[span.end : span.end + 2]
    prev = doc[max(0, span.start - 2) : span.start]
    return (len(nxt) == 2 and nxt[0].text in ("-", "–") and nxt[1].like_num) or (
        len(prev) == 2 and prev[1].text in ("-", "–") and prev[0].like_num
    )


def _trimmed_bounds(sent: Span, offset: int) -> tuple[int, int]:
    """Character bounds of a sentence without the blank lines the sentencizer attaches to it."""
    start, end = sent.start, sent.end
    while start < end - 1 and sent.doc[start].is_space:
        start += 1
    while end > start + 1 and sent.doc[end - 1].is_space:
        end -= 1
    doc = sent.doc
    return offset + doc[start].idx, offset + doc[end - 1].idx + len(doc[end - 1].text)


def _not_a_count(span: Span, value: float) -> bool:
    """Years, ages, times, identifiers, list markers, scores."""
    doc = span.doc
    words = number_words()
    last = span[-1]
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    text = span.text.strip()
    if span.label_ not in ("MONEY", "PERCENT") and _YEAR.match(text) and not _hedged_before(span):
        return True  # "the 2008 budget requests": news writes counts that size as "2,008"
    if re.search(r"\d[A-Z]|[A-Z]\d", text):
        return True  # "1950DA", "U17": a designation
    root = span.root
    if (
        root.dep_ == "nummod"
        and root.head.tag_ in ("NNP", "NNPS")
        and root.head.i > root.i
        and not root.head.text.endswith("s")
    ):
        return True  # "21 Lutetia", "7 Eleven": a number in a name
    after = "".join(t.text_with_ws for t in doc[span.end : span.end + 5])  # (doc.text is O(n) per call)
    if _AGE_AFTER.match(after):
        return True
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    if nxt is not None and nxt.lower_ in words["time_words"]:
        return True
    if re.search(r"\d[:/]\d", text):
        return True  # 10:30, 2/3, 24/7
    if re.search(r"\d['’′]", text) or (nxt is not None and nxt.text in ("'", "’", "′") and not last.whitespace_):
        return True  # 12' (a match minute), 6'2"
    if prev is not None and prev.lower_ in words["id_nouns"] and span.label_ in ("CARDINAL", ""):
        # "Resolution 1244", "Flight 370", "Article 5"
        return True
    # COVID-19, F-16, G20: a number glued to letters is part of a name
    if (
        prev is not None
        and prev.text == "-"
        and not prev.whitespace_
        and span.start >= 2
        and doc[span.start - 2].is_alpha
        and not doc[span.start - 2].whitespace_
    ):
        return True
    if prev is not None and not prev.whitespace_ and prev.is_alpha:
        return True
    if (
        prev is not None
        and prev.is_upper
        and prev.is_alpha
        and len(prev) >= 2
        and prev.text not in ("US", "USD", "EUR")
    ):
        return True  # "CC BY 2.5", "MH 17": a version or identifier
    # "two-state solution", "one-sided": spelled numbers glued to a word are idioms, while
    # "9.0-magnitude" or "20-point" measure something
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and not nxt.whitespace_ and last.is_alpha:
        return True
    # "1." or "2)" at the start of a line: a list marker
    line_start = prev is None or prev.text_with_ws.endswith("\n")
    if line_start and nxt is not None and nxt.text in (".", ")") and len(text) <= 3:
        return True
    # sports results "2-1", "3–0"
    if (
        nxt is not None
        and nxt.text in ("-", "–")
        and span.end + 1 < len(doc)
        and doc[span.end + 1].like_num
        and not nxt.whitespace_
        and not last.whitespace_
    ):
        return True
    if (
        prev is not None
        and prev.text in ("-", "–")
        and span.start >= 2
        and doc[span.start - 2].like_num
        and not prev.whitespace_
        and not doc[span.start - 2].whitespace_
    ):
        return True
    head = span.root.head
    # "C-SPAN 3", "Apollo 11", "Boeing 747": part of a name
    return span.root.dep_ in ("nummod", "appos", "npadvmod") and head.i < span.start and head.pos_ == "PROPN"


_PERSONAL = {"i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them"}


def _is_age_of_someone(span: Span) -> bool:
    """ "since I was sixteen", "Obama, 48, said": a bare number said of a person is an age."""
    doc = span.doc
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("was", "is", "am", "were", "'m", "’m", "turned", "turns")
        and doc[span.start - 2].lower_ in _PERSONAL
    ):
        return True  # the parse often misses "since I was sixteen"
    if not _annotated(doc, "DEP"):
        return False
    root = span.root
    verb = root.head
    if root.dep_ in ("attr", "acomp") and verb.lemma_ == "be":
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(s.lower_ in _PERSONAL or s.ent_type_ == "PERSON" for s in subjects)
    return root.dep_ in ("appos", "amod", "npadvmod") and verb.ent_type_ == "PERSON"


def _hedged_before(span: Span) -> bool:
    """ "about", "more than", "nearly" within the three tokens before the number."""
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start].text.lower().translate(_QUOTES)
    before = " " + " ".join(before.split())
    return before.endswith((*_approx_word_endings(), "~"))


@lru_cache(maxsize=1)
def _approx_word_endings() -> tuple[str, ...]:
    """ " about", " more than"...: the spelled hedges as endings, for one ``str.endswith`` call."""
    return tuple(" " + p for p in _approx_phrases() if p[0].isalpha())


def _counted_noun(span: Span) -> Token | None:
    """The noun the number quantifies ("70 security checkpoints" -> checkpoints), or None when the
    number stands alone ("3,000 were arrested")."""
    if not _annotated(span.doc, "DEP"):
        return None
    root = span.root
    head = root.head
    if head.i == root.i or head.i in range(span.start, span.end):
        return None
    if any(t.is_space for t in span.doc[min(head.i, span.end) : max(head.i, span.start)]):
        return None  # a headline number and the next paragraph's noun
    if root.dep_ in QUANTIFIES and head.pos_ in ("NOUN", "PROPN", "PRON") and head.i >= span.end:
        return head
    if root.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN"):
        return head  # "level 7", "magnitude 9.0"
    # "18 of the wounded": the number is the head of an of-phrase
    return None


def _counts_phrase(span: Span, head: Token | None) -> str | None:
    """What the number counts, as written: the noun with its modifiers and a partitive of-phrase."""
    doc = span.doc
    words = number_words()
    if span.label_ in ("MONEY", "QUANTITY", "PERCENT"):
        unit = _unit_inside(span)
        if unit and head is None:
            return unit
        if span.label_ == "PERCENT":
            base = "percent"
            noun = _noun_phrase(doc, span.end, head) if head is not None and head.i >= span.end else None
            if noun:
                base = f"percent {noun}"
            return _with_of_phrase(doc, span.root if head is None else head, base, always=True)
        if span.label_ in ("MONEY", "QUANTITY") and unit:
            return unit  # "70 meter memorial hall" measures metres
    if head is None:
        if not _annotated(doc, "DEP"):
            return _following_words(span)
        return _with_of_phrase(doc, span.root, None, always=True)
    if head.i >= span.end:
        phrase = _noun_phrase(doc, span.end, head)
    else:
        left = min([c.i for c in head.lefts if c.dep_ in ("compound", "amod")] + [head.i])
        phrase = _noun_phrase(doc, left, head)
    partitive = head.lower_ in words["partitive_nouns"]
    return _with_of_phrase(doc, head, phrase, always=partitive)


def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ == "VERB":
            return node
    return None


def _elided_noun(span: Span) -> str | None:
    """The noun a bare number shares with a parallel number in its sentence: "won 114 seats
    while the NPP won 107", "killing twelve people and injuring sixteen", "10,000 and 300,000
    people". Parallel means coordinated numbers, coordinated verbs, or the same verb lemma."""
    doc = span.doc
    if not _annotated(doc, "DEP"):
        return None
    root = span.root
    verb = _governing_verb(root)
    sent = _sentence_of(span)
    for other in sent:
        if other.i in range(span.start, span.end) or other.dep_ != "nummod" or not other.like_num:
            continue
        noun = other.head
        if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
            continue
        other_verb = _governing_verb(noun)
        parallel = (
            root.head.i == other.i
            or other.head.i == root.i
            or root.head.i == noun.i
            or noun.head.i == root.i
            or (
                verb is not None
                and other_verb is not None
                and (
                    verb.i == other_verb.i
                    or verb.head.i == other_verb.i
                    or other_verb.head.i == verb.i
                    or verb.lemma_ == other_verb.lemma_
                )
            )
        )
        if parallel and (root.dep_ in ("dobj", "nsubj", "nsubjpass", "conj", "pobj", "attr")):
            return noun.text
    return None


def _noun_phrase(doc: Doc, start: int, head: Token) -> str | None:
    """Words from ``start`` to the head noun as written ("hard-line operators"), without quote
    marks ('“armed criminals”'); None when they are not words (markup, URLs)."""
    tokens = [t for t in doc[start : head.i + 1] if not (t.is_quote or t.is_space)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    tokens = tokens[-MAX_COUNTS_TOKENS:]
    if not tokens or any(not (_WORDISH.match(t.text) or t.text in ("-", "/")) for t in tokens):
        return None
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text


def _with_of_phrase(doc: Doc, noun: Token, phrase: str | None, always: bool) -> str | None:
    """Append "of the security forces" when the noun (or bare number) takes a partitive of-phrase."""
    if not always:
        return phrase
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == noun.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects or objects[0].pos_ == "PRON":
                return phrase  # "two of which", "three of them"
            end = child.right_edge.i + 1
            if end - child.i <= MAX_COUNTS_TOKENS:
                if phrase:
                    return f"{phrase} {doc[child.i : end].text}"
                return doc[child.i + 1 : end].text  # "two of her sons" counts "her sons"
    return phrase


def _unit_inside(span: Span) -> str | None:
    """Currency or unit written inside a MONEY/QUANTITY entity: "$50 billion" -> "US dollars"."""
    words = number_words()
    text = span.text.translate(_QUOTES)
    for symbol, name in sorted(words["currency_symbols"].items(), key=lambda kv: -len(kv[0])):
        if symbol in text:
            return name
    rest = [
        t
        for t in span
        if not (t.like_num or t.lower_ in words["scales"] or t.is_punct or t.is_space or t.lower_ in words["approx"])
    ]
    for t in rest:
        if t.lower_ in words["currency_words"]:
            return words["currency_words"][t.lower_]
    if not rest:
        return None
    return span.doc[rest[0].i : rest[-1].i + 1].text  # as written: "km/h", "square kilometres"


def _following_words(span: Span) -> str | None:
    """Without a parse: up to three lower-case words after the number ("security checkpoints")."""
    doc = span.doc
    out: list[str] = []
    for token in doc[span.end : span.end + 4]:
        if token.is_quote:
            continue
        if not token.is_alpha or not token.is_lower or (token.is_stop and out):
            break
        if token.is_stop:
            break
        out.append(token.text)
        if len(out) == 3:
            break
    return " ".join(out) or None


def _event(token: Token) -> str | None:
    """The nearest verb governing ``token``, as written, with its particle ("wiped out")."""
    if not _annotated(token.doc, "DEP"):
        return None
    node = token
    for _ in range(6):
        if node.pos_ == "VERB" and node.i != token.i and node.lemma_ not in ("be", "have"):
            if node.lemma_ in REPORTING_VERBS:
                return None  # "said": the figure's event is not the reporting
            if node.lemma_ in LINKING_VERBS:
                # "150,000 people remain displaced", "left 10,000 people dead"
                state = [
                    c
                    for c in node.children
                    if c.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and c.pos_ in ("ADJ", "VERB")
                ]
                if state:
                    return state[0].text.lower()
            particles = [c.text for c in node.rights if c.dep_ == "prt"]
            return " ".join([node.text.lower(), *particles])
        if node.head.i == node.i:
            return None
        node = node.head
    return None
