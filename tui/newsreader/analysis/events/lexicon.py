"""The trigger lexicon: verbs, phrases, event nouns and adjectives -> PLOVER category.

For every verb (and a few event nouns) the lexicon (data/triggers_override.tsv, then the
CAMEO-derived data/triggers_cameo.tsv) gives a PLOVER category or a steer (``PSEUDO``: say,
order, light verb...); data/hedges.txt lists hedges, data/triggers_sports.txt sports words.
The extractor is handed a :class:`Lexicon` (as negspacy is handed its term sets), so a caller
or a test may pass its own; :func:`lexicon` is the one loaded from the data files.

:func:`read_rows` and :func:`read_lines` are the one reader of the analysis data tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.analysis.datafiles import DATA_DIR
from newsreader.analysis.expressions import noun_category
from newsreader.model.vocabulary import PLOVER_CATEGORIES

if TYPE_CHECKING:
    from spacy.tokens import Token


PSEUDO = {"-", "NONE", "SAY", "ORDER", "PASS", "LIGHT", "REFUSE"}


# -- data files -----------------------------------------------------------------------------------


def _content_lines(path: Path) -> Iterator[str]:
    """The lines of a data file that are neither blank nor comments ("#" first); none when the
    file is missing."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def read_rows(path: Path) -> Iterator[tuple[str, str]]:
    """(first column, second column), stripped, of each row of a tab-separated data file; rows
    with a single column are skipped."""
    for line in _content_lines(path):
        parts = line.split("\t")
        if len(parts) >= 2:
            yield parts[0].strip(), parts[1].strip()


def read_lines(path: Path) -> Iterator[str]:
    """Each entry of a one-entry-per-line data file, stripped."""
    for line in _content_lines(path):
        yield line.strip()


def read_table(path: Path) -> dict[str, str]:
    """A trigger table: key -> PLOVER category or steer; rows with anything else are skipped."""
    return {key: cat for key, cat in read_rows(path) if cat in PLOVER_CATEGORIES or cat in PSEUDO}


# -- the lexicon ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    override: dict[str, str]
    cameo: dict[str, str]
    hedges: frozenset[str]
    sports: frozenset[str] = frozenset()

    def lookup(self, lemma: str, preps: list[tuple[str, str | None]], obj: str | None) -> tuple[str | None, str]:
        """(category or pseudo-category, matched key) for a verb with its particles/preps and object."""
        specific = [f"{lemma}+{p}>{pobj}" for p, pobj in preps if pobj]
        if obj:
            specific += [f"{lemma}+{p}>{obj}" for p, pobj in preps if not pobj]  # particle + object
        obj_key = [f"{lemma}>{obj}"] if obj else []
        prep_keys = [f"{lemma}+{p}" for p, _ in preps]
        # curated phrases and verbs first; CAMEO phrases only where the curated verb is absent or
        # merely "not an event on its own" ("-"); NONE blocks every reading of the verb
        for key in specific + obj_key + prep_keys:
            if key in self.override:
                return self.override[key], key
        bare = self.override.get(lemma)
        if bare == "NONE":
            return None, lemma
        if bare is not None and bare != "-":
            return bare, lemma
        for key in specific + obj_key:
            if key in self.cameo:
                return self.cameo[key], key
        if bare is not None:
            return bare, lemma
        for key in [*prep_keys, lemma]:
            if key in self.cameo:
                return self.cameo[key], key
        return None, lemma

    def weak(self, key: str) -> bool:
        """True for a key only the CAMEO table has, as a bare verb or verb + preposition ("search",
        "flock", "gear+up"): CAMEO codes those only between two actors (its coder needs a source
        and a target), so a reading by the bare verb needs a target actor too."""
        return bool(key) and key not in self.override and key in self.cameo and ">" not in key

    def noun(self, lemma: str) -> str | None:
        return self.override.get("n:" + lemma)

    def event_noun(self, tok: Token) -> str | None:
        """Category of an event noun from the curated nouns, then the expression tables (wider
        than ``noun``: used where a verb or an agent makes the noun an act)."""
        return noun_category(tok, self.noun)

    def adjective(self, lemma: str) -> str | None:
        """Category of "be <adjective>": "is opposed to" -> REJECT, "is ready to" -> AGREE."""
        return self.override.get("a:" + lemma)


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """The trigger lexicon in ``data_dir``: curated table, CAMEO table, hedges, sports words."""
    hedges = frozenset(line.lower() for line in read_lines(data_dir / "hedges.txt"))
    sports = frozenset(line.lower() for line in read_lines(data_dir / "triggers_sports.txt"))
    return Lexicon(
        read_table(data_dir / "triggers_override.tsv"), read_table(data_dir / "triggers_cameo.tsv"), hedges, sports
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon of the package's data files, loaded once per process."""
    return load_lexicon()
