"""``newsreader_numbers``: number, money, percent, date and time entities without a model.

Used by the rule-only pipeline: cardinals with commas or decimals ("3,000", "1.2 million"),
spelled numbers ("twenty-five"), percentages ("12%", "3 per cent"), money ("$50 billion",
"20,000 dollars"), ordinals, times ("10:30", "9 p.m.") and simple dates (weekdays, "January 5",
"5 January 2022", years after "in"/"since"...) so years never pass for counts. Adds only where no
entity already is. Word lists are in ``data/numbers.json``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .common import data_json, free_tokens, set_entities

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "twentieth",
    "hundredth",
    "thousandth",
]
YEAR_LEADS = [
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "of",
    "early",
    "late",
    "mid",
    "through",
    "to",
]
#: When patterns overlap, the earlier label wins (a year is a DATE before it is a CARDINAL).
PRIORITY = ("MONEY", "PERCENT", "TIME", "DATE", "ORDINAL", "CARDINAL")
YEAR = {"TEXT": {"REGEX": r"^(1[5-9]|20)\d\d$"}}


@Language.factory("newsreader_numbers")
def make_numbers(nlp: Language, name: str) -> NumberPatterns:
    return NumberPatterns(nlp, name)


class NumberPatterns:
    """Matcher-based number entities (see module docstring)."""

    def __init__(self, nlp: Language, name: str = "newsreader_numbers") -> None:
        self.name = name
        words = data_json("numbers.json")
        scales = list(words["scales"])
        symbols = list(words["currency_symbols"])
        currencies = list(words["currency_words"])
        num: dict[str, Any] = {"LIKE_NUM": True}
        scale: dict[str, Any] = {"LOWER": {"IN": scales}, "OP": "*"}
        # "3,000", "1.2 million", "twenty-five" (a hyphen only between two number words)
        numbers: list[list[dict[str, Any]]] = [[num, scale], [num, {"ORTH": "-"}, num, scale]]
        us_dollar: list[dict[str, Any]] = [{"ORTH": {"IN": ["US", "U.S."]}}, {"ORTH": "$"}]
        m = Matcher(nlp.vocab)
        m.add(
            "MONEY",
            [
                p
                for n in numbers
                for p in (
                    [{"ORTH": {"IN": symbols}}, *n],
                    [*us_dollar, *n],
                    [*n, {"LOWER": {"IN": currencies}}],
                )
            ],
        )
        m.add(
            "PERCENT",
            [
                p
                for n in numbers
                for p in (
                    [*n, {"LOWER": {"IN": ["%", "percent", "pct"]}}],
                    [*n, {"LOWER": "per"}, {"LOWER": "cent"}],
                )
            ],
        )
        m.add(
            "TIME",
            [
                [{"TEXT": {"REGEX": r"^\d{1,2}[:.]\d\d$"}}, {"LOWER": {"IN": words["time_words"]}, "OP": "?"}],
                [{"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"LOWER": {"IN": words["time_words"]}}],
                [{"TEXT": {"REGEX": r"^\d{1,2}(am|pm|a\.m\.|p\.m\.)$"}}],
            ],
        )
        m.add(
            "DATE",
            [
                [{"LOWER": {"IN": WEEKDAYS}}],
                [
                    {"LOWER": {"IN": MONTHS}, "IS_TITLE": True},
                    {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}, "OP": "?"},
                    {"ORTH": ",", "OP": "?"},
                    {**YEAR, "OP": "?"},
                ],
                [{"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"LOWER": {"IN": MONTHS}}, {**YEAR, "OP": "?"}],
                [{"LOWER": {"IN": YEAR_LEADS}}, YEAR],
                [YEAR, {"ORTH": {"IN": ["-", "–", "/"]}}, {"TEXT": {"REGEX": r"^\d{2,4}$"}}],
                [{"TEXT": {"REGEX": r"^(1[5-9]|20)\d0s$"}}],
            ],
        )
        m.add(
            "ORDINAL",
            [
                [{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}],
                [{"LOWER": {"IN": ORDINAL_WORDS}}],
            ],
        )
        m.add("CARDINAL", numbers)
        self.matcher = m

    def __call__(self, doc: Doc) -> Doc:
        free = free_tokens(doc)
        candidates: list[tuple[int, int, int, str, int]] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if label == "DATE" and doc[start].lower_ in YEAR_LEADS:
                start += 1  # "in 2020": the date is the year alone
            if label == "CARDINAL" and doc[start].lower_ in ("a", "an"):
                continue
            if label == "DATE" and end - start == 1 and doc[start].lower_ in ("may", "march"):
                continue  # the verbs "may" and "march" alone
            candidates.append((PRIORITY.index(label), -(end - start), start, label, end))
        spans: list[Span] = []
        for _prio, _neg_len, start, label, end in sorted(candidates):
            if all(free[start:end]):
                spans.append(Span(doc, start, end, label=label))
                for i in range(start, end):
                    free[i] = False
        set_entities(doc, list(doc.ents) + spans)
        return doc
