"""Verb inflection by rule, for words without a parse: "condemned" -> "condemn".

The panel writes a negated reaction as "did not <verb> ..." from the reaction's stored summary
(no spaCy at hand), and the library filter accepts "category:condemned". With a parse, the
token's lemma is better (``summaries.base_form``). Pure: no spaCy import.
"""

from __future__ import annotations

import re

# Stem endings after which a dropped "-ed" needs its "e" back: denounc(e)d, urg(e)d, rais(e)d,
# argu(e)d, endors(e)d, welcom(e)d, declin(e)d, stat(e)d, negotiat(e)d, agre(e)d.
_E_STEM = re.compile(r"(?:[cgvzue]|[aeiou]s|rs|[^aeiou]om|[^aeiou]in|[^aeiou]at|iat)$")
_VOWELS = set("aeiou")


def base_form(verb: str) -> str:
    """A rough base form of an inflected English verb, for "did not <verb>".

    Rules only ("condemned" -> "condemn", "urged" -> "urge", "stopped" -> "stop",
    "carried" -> "carry", "condemns" -> "condemn"); words it does not recognise as inflected
    are returned unchanged, which still reads correctly after "did not" for base forms.
    """
    word = verb
    lower = word.lower()
    if len(lower) > 4 and lower.endswith("ied"):
        return word[:-3] + "y"
    if len(lower) > 4 and lower.endswith("ed"):
        stem = word[:-2]
        low = stem.lower()
        if len(low) >= 3 and low[-1] == low[-2] and low[-1] not in _VOWELS and low[-1] not in "lsz":
            return stem[:-1]  # stopped -> stop (but called -> call, kissed -> kiss)
        if _E_STEM.search(low):
            return stem + "e"
        return stem
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        if lower.endswith(("ches", "shes", "xes", "sses")):
            return word[:-2]
        if lower.endswith("ies"):
            return word[:-3] + "y"
        return word[:-1]
    return word
