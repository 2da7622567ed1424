"""Small helpers the components share: data files and entity-list editing."""

from __future__ import annotations

import json
from functools import cache, lru_cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsreader.analysis.datafiles import DATA_DIR, data_lines


@cache
def data_json(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def title_keys() -> frozenset[str]:
    """Every title of ``titles.txt`` and ``national_titles.tsv`` (first column), lower case without
    spaces (as ``titles._key`` writes them): the title stripper and the speaker-label reader both
    look titles up here."""
    national = (line.split("\t", 1)[0] for line in data_lines("national_titles.tsv"))
    return frozenset(t.lower().replace(" ", "") for t in (*data_lines("titles.txt"), *national))


def copy_extensions(src: Span, dst: Span) -> Span:
    """Carry the project's span extensions over to a re-made span."""
    for name in ("country", "kind", "title", "title_span"):
        value = src._.get(name)
        if value is not None:
            dst._.set(name, value)
    return dst


def set_entities(doc: Doc, spans: list[Span]) -> None:
    """Replace doc.ents with ``spans``, dropping overlaps (longest span wins, like spaCy's rulers)."""
    doc.ents = sorted(filter_spans(spans), key=lambda s: s.start)


def bare_start(ent: Span) -> int:
    """Where an entity's name starts, after a leading article ("the Organization for ...")."""
    return ent.start + 1 if len(ent) > 1 and ent[0].lower_ in ("the", "a", "an") else ent.start


def free_tokens(doc: Doc) -> list[bool]:
    """Per token: True when no entity covers it."""
    free = [True] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            free[i] = False
    return free
