"""Where the analysis data files live: ``analysis/data`` (lexicons, gazetteer, people, offices;
each file names its source in its header). Every module that reads one builds its path here."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
