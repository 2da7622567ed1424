"""Names of actors: how they are compared, shown and told apart, and which words are titles.

Pure Python; no spaCy import (tokens are only read).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from newsreader.analysis.datafiles import DATA_DIR

if TYPE_CHECKING:
    from spacy.tokens import Token


PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it", "they", "them"}

_FALLBACK_TITLES = (
    "president",
    "vice president",
    "prime minister",
    "minister",
    "chancellor",
    "secretary",
    "secretary-general",
    "secretary general",
    "chief",
    "king",
    "queen",
    "prince",
    "emir",
    "premier",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "governor",
    "mayor",
    "senator",
    "general",
    "commander",
    "head",
    "chairman",
    "director",
    "official",
    "foreign minister",
)
_FALLBACK_MODIFIERS = (
    "former",
    "acting",
    "deputy",
    "vice",
    "interim",
    "government",
    "foreign",
    "defence",
    "defense",
    "interior",
    "senior",
    "top",
    "state",
)


def _read_lines(name: str) -> list[str]:
    path = DATA_DIR / name
    if not path.is_file():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(title words, title modifier words), lower case. Uses the shared titles list when present."""
    titles = _read_lines("titles.txt") or list(_FALLBACK_TITLES)
    modifiers = _read_lines("titles_modifiers.txt") or list(_FALLBACK_MODIFIERS)
    words: set[str] = set()
    for t in titles:
        words.update(w.lower() for w in re.split(r"[\s]+", t) if w)
    words.update(
        (
            "president",
            "minister",
            "chief",
            "leader",
            "premier",
            "official",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "head",
            "secretary",
            "chairman",
            "commander",
        )
    )
    return frozenset(words), frozenset(m.lower() for m in modifiers)


def fold(text: str) -> str:
    """Lower-case, accent-free, typographic-quote-free form used to compare names."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def slug(text: str) -> str:
    """A stable id fragment: "Kassym-Jomart Tokayev" -> "kassym-jomart-tokayev"."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "actor"


def clean_name(text: str) -> str:
    """Name as shown: quotes, a leading article or owner's pronoun ("His Movement for Democratic
    Change" at a sentence start) and a trailing possessive removed, spaces collapsed. ("Her" stays:
    "Her Majesty's Government" is a name.)"""
    text = " ".join(text.replace("\u2019", "'").split())
    text = re.sub(r"'s$|'$", "", text).strip(" ,.;:\"'()[]")
    return re.sub(r"^(?:the|The|His|Its|Their)\s+(?=\S)", "", text)


def name_parts(name: str) -> list[str]:
    """Comparable parts of a person's name; hyphenated parts also count on their own."""
    parts = []
    for w in fold(name).replace(".", " ").split():
        parts.append(w)
        if "-" in w:
            parts.extend(p for p in w.split("-") if p)
    return parts


def _whole_parts(parts: list[str]) -> set[str]:
    """Name parts without the hyphenated forms whose pieces are there too: "Atta-Mills" is
    "Atta Mills" written with a hyphen."""
    found = set(parts)
    return {p for p in found if "-" not in p or not all(x in found for x in p.split("-") if x)}


def may_be_same_person(known: list[str], later: list[str]) -> bool:
    """Whether a later mention's name parts can name a person already known by ``known``.

    A part of the name ("Tokayev", "Kassym-Jomart Tokayev") or a fuller form that only adds
    initials ("George W. Bush" after "George Bush") is the same person. A later full name that
    adds a whole word ("Gloria Morgan Vanderbilt" after "Gloria Vanderbilt") is someone else,
    usually a relative: an article that calls one person both ways gives the fuller form first.
    """
    k, n = _whole_parts(known), _whole_parts(later)
    if n <= k:
        return True
    if not k <= n:
        return False
    return len(known) == 1 or all(len(p) == 1 for p in n - k)


def spelled_alike(a: str, b: str) -> bool:
    """True for two long name parts one typing slip apart ("Zoellick", "Zoelick"): one letter
    added, dropped, changed, or two neighbours swapped. Short names differ that way by right."""
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper())


def is_title(tok: Token) -> bool:
    """True for an office word ("President", "minister", "Chief")."""
    titles, _ = title_words()
    return tok.lower_ in titles or tok.lemma_.lower() in titles


def is_title_modifier(tok: Token) -> bool:
    _, modifiers = title_words()
    return tok.lower_ in modifiers
