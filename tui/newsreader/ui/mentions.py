"""Every mention of an actor in the article, not only those the analysis merged into it.

The analysis links an actor to the mentions it could resolve; the same name elsewhere (a
surname alone after the full name, a mention in a sentence the model read differently) was
left out, so ``f`` marked only some of them. :func:`all_mentions` adds every whole-word
occurrence of the names the actor is mentioned by, and of a person's surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Span = tuple[int, int]

#: A surname shorter than this is too likely to be a common word ("Li", "Ng" are kept whole).
_MIN_SURNAME = 3


def all_mentions(text: str, spans: Iterable[Span], names: Iterable[str] = (), person: bool = False) -> list[Span]:
    """``spans`` plus every other whole-word, same-case occurrence in ``text`` of what they
    cover and of ``names``; for a ``person``, of the last word of a multi-word name too.
    Sorted, overlaps merged into the longer mention."""
    spans = [(int(s), int(e)) for s, e in spans if 0 <= s < e <= len(text)]
    forms = {" ".join(text[s:e].split()) for s, e in spans}
    forms.update(" ".join(n.split()) for n in names if n and n.strip())
    if person:
        for form in list(forms):
            words = form.split()
            if len(words) > 1 and len(words[-1]) >= _MIN_SURNAME and words[-1][:1].isupper():
                forms.add(words[-1])
    found = set(spans)
    for form in (f for f in forms if f):
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?!\w)"
        found.update(m.span() for m in re.finditer(pattern, text))
    merged: list[Span] = []
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged
