"""The bench's headline start-up rows, measured from outside the process (``screen.py``).

newsreader is started with its console script, the trivial Textual app as a script, both in a
120x40 pseudo-terminal with the same environment, runs interleaved (trivial, warm, cold, ...)
so that a busy minute on the machine hits all of them alike. Watches:

* first paint: a word of the seed's first paragraph is on the screen (the trivial app: its line);
* highlighted: the person layer's colour (the theme's ``layer-people``) is on a name the seed's
  text holds, where the text holds it (the actors panel shows the name in that colour too, so
  the watch looks only at the sentence around it);
* panel: the actors panel lists the seed's first country.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.screen import (
    TERM_SIZE,
    Check,
    Result,
    all_of,
    run_in_terminal,
    text_absent,
    text_in_colour,
    text_on_screen,
)

ROOT = Path(__file__).resolve().parents[2]
TRIVIAL_APP = Path(__file__).with_name("trivial_app.py")
TRIVIAL_TEXT = "Hello, terminal."

#: What the bench looks for in the bundled seed (checked against the seed's text first).
SEED_WORD = "counterterrorist"  # first paragraph, not in the title (so not in the library list)
SEED_NAME = "Kassym-Jomart Tokayev"
SEED_NAME_CONTEXT = "President Kassym-Jomart Tokayev"  # how the text has it (the panel has the bare name)
SEED_PANEL = "Kazakhstan · KAZ"  # the panel's first country heading


def person_colour() -> str:
    """The default theme's person-layer colour, as the app reads it."""
    from newsreader.ui.themes import DEFAULT_THEME, load_themes

    theme = load_themes().get(DEFAULT_THEME)
    return theme.variables["layer-people"]


def newsreader_cmd(*args: str) -> list[str]:
    """The ``newsreader`` console script next to this interpreter (as a user starts it)."""
    script = Path(sys.executable).with_name("newsreader")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "newsreader", *args]


def trivial_cmd() -> list[str]:
    return [sys.executable, str(TRIVIAL_APP)]


def check_seed(seed: Path) -> str | None:
    """None if the seed holds what the watches look for, else why not."""
    text = seed.read_text(encoding="utf-8")
    for needle in (SEED_WORD, SEED_NAME_CONTEXT):
        if needle not in text:
            return f"the seed no longer holds {needle!r}: update tests/bench/terminal.py"
    return None


def seed_watches(colour: str) -> dict[str, Check]:
    return {
        "text": text_on_screen(SEED_WORD),
        "highlighted": text_in_colour(SEED_NAME, colour, SEED_NAME_CONTEXT),
        "panel": text_on_screen(SEED_PANEL),
    }


def trivial_watches() -> dict[str, Check]:
    return {"text": text_on_screen(TRIVIAL_TEXT)}


def library_watches() -> dict[str, Check]:
    # An article is shown: the article pane's placeholder ("Loading…") is gone and the status
    # line gives the open article's length ("93 words · < 1 min"). A big library opens an
    # article before its rows are read; the pane's title gets the article's place in the
    # list ("Article · n/N") once its row is listed ("listed").
    return {
        "rows": text_on_screen("Library · "),
        "article": all_of(text_on_screen(" words · "), text_absent("Loading…")),
        "listed": all_of(text_on_screen("Article · "), text_absent("Loading…")),
    }


@dataclass
class Series:
    """The runs of one program: each run's watch times, or its error."""

    times: list[dict[str, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, result: Result) -> None:
        if result.error:
            self.errors.append(result.error)
        else:
            self.times.append(result.times)

    def median(self, watch: str) -> float | None:
        values = [t[watch] for t in self.times if watch in t]
        return statistics.median(values) if values else None

    def median_gap(self, first: str, then: str) -> float | None:
        """Median over runs of the time from ``first`` to ``then`` (same run)."""
        values = [t[then] - t[first] for t in self.times if first in t and then in t]
        return statistics.median(values) if values else None


def run_seed_series(
    seed: Path,
    runs: int,
    env: Callable[[Path | None], dict[str, str]],
    warm_home: Path,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Series]:
    """``runs`` interleaved rounds of trivial / warm / cold starts on the seed."""
    colour = person_colour()
    watches = seed_watches(colour)
    # One cold start fills the warm home's analysis cache (not counted).
    run_in_terminal(newsreader_cmd("--", str(seed)), watches, env=env(warm_home), cwd=str(ROOT))
    series = {"trivial": Series(), "warm": Series(), "cold": Series()}
    for i in range(runs):
        progress(f"terminal round {i + 1}/{runs}")
        series["trivial"].add(run_in_terminal(trivial_cmd(), trivial_watches(), env=env(None), cwd=str(ROOT)))
        series["warm"].add(run_in_terminal(newsreader_cmd("--", str(seed)), watches, env=env(warm_home), cwd=str(ROOT)))
        series["cold"].add(run_in_terminal(newsreader_cmd("--", str(seed)), watches, env=env(None), cwd=str(ROOT)))
    return series


def run_library_series(library: Path, runs: int, env: Callable[[Path | None], dict[str, str]]) -> Series:
    """First starts (empty caches) on a big library: when rows and an article are on screen."""
    series = Series()
    for _ in range(runs):
        series.add(run_in_terminal(newsreader_cmd("--", str(library)), library_watches(), env=env(None), cwd=str(ROOT)))
    return series


__all__ = ["TERM_SIZE", "Series", "check_seed", "run_library_series", "run_seed_series"]
