"""Article facts shown before (and besides) its analysis: source, date, URL, length, reading time.

One reading-time formula for the side panel's "Length" row and the status bar.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsreader.model.document import DocStatus, Document
from newsreader.present.text import clean


class ArticleFacts(NamedTuple):
    """The metadata the panel shows before an article is analysed."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()  # (label, value)
    problems: tuple[str, ...] = ()
    status: DocStatus = DocStatus.OK


#: Average adult silent reading speed for non-fiction, words per minute.
WORDS_PER_MINUTE = 230


def reading_time(words: int, *, short: bool = False) -> str:
    """ "3 min read"; "< 1 min read" for very short texts; ``short``: "3 min", "< 1 min"
    (the status bar)."""
    minutes = round(words / WORDS_PER_MINUTE) if words > 0 else 0
    label = "< 1 min" if words > 0 and minutes < 1 else f"{minutes} min"
    return label if short else f"{label} read"


def article_facts(document: Document) -> ArticleFacts:
    """Title, source, date, URL, length and problems of a ``Document``."""
    meta = document.meta
    rows: list[tuple[str, str]] = []
    for label, value in (("Source", meta.source), ("Date", meta.date), ("URL", meta.url)):
        value = clean(value)
        if value:
            rows.append((label, value))
    words = document.word_count
    rows.append(("Length", f"{words:,} words · {reading_time(words)}"))
    problems = tuple(clean(p) for p in document.problems if clean(p))
    title = clean(meta.title) or clean(_file_name(document.path))
    return ArticleFacts(
        title=title,
        rows=tuple(rows),
        problems=problems if document.status is not DocStatus.OK else (),
        status=document.status,
    )


def _file_name(path: str) -> str:
    return re.split(r"[\\/]", path or "")[-1] or "Untitled"
