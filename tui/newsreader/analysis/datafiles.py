"""Where the analysis data files live: ``analysis/data`` (lexicons, gazetteer, people, offices;
each file names its source in its header). Every module that reads one builds its path here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of a data file, stripped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
