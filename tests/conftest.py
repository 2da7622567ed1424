"""Shared test setup: keep every test out of the real home directory, and say where data lives.

Each test gets its own XDG config/cache/state (and documents) directories, so theme choices, caches, logs and exports
written by the code under test never touch (or depend on) the developer's machine.

The project's own articles (``tests/fixtures/articles/``) are what tests read by default. The
shared corpora, gold and scorers in ``../shared`` exist only on the developers' machine: tests
that need them use ``needs_shared`` / ``shared_params`` and skip, saying why, in a fresh clone.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_567d9a6d704748c4.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
MESSY = ARTICLES / "messy"

SHARED_REASON = f"needs ../shared (the shared corpora and gold; developers only), not found at {SHARED}"

#: Marks a test (or a module, via ``pytestmark``) that reads ``../shared``: skipped, with the
#: reason, when the folder is not beside the repository, e.g. in a fresh clone.
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=SHARED_REASON)


def shared_path(*parts: str) -> Path:
    """``../shared/<parts>``; skips the calling test when that file or folder is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(SHARED_REASON if not SHARED.is_dir() else f"not in ../shared: {path}")
    return path


def shared_params(folder: str, pattern: str = "*") -> list:
    """Files of ``../shared/<folder>`` matching ``pattern``, as parametrize values with short ids.

    Safe to call at import time: without ``../shared`` it gives one parameter that skips with
    the reason (an empty list would skip with pytest's cryptic "got empty parameter set").
    """
    files = sorted(p for p in SHARED.joinpath(folder).glob(pattern) if p.is_file())
    if not files:
        return [pytest.param(None, id="no-shared", marks=pytest.mark.skip(reason=SHARED_REASON))]
    return [pytest.param(p, id=p.name[:50]) for p in files]


def cpu_seconds(run: Callable[[], object], repeat: int = 1) -> float:
    """Least CPU time of ``repeat`` calls of ``run`` (this process, all its threads).

    CPU time, not wall-clock time: another process busy on the machine does not add to it. The
    garbage collector is paused while ``run`` runs: its full collections cost in proportion to
    everything else the test process holds, which would make the figure depend on earlier tests.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def assert_linear_growth(
    run: Callable[[int], object], small: int, large: int, *, slack: float = 2.5, repeat: int = 3
) -> None:
    """``run(size)`` grows about linearly from ``small`` to ``large``.

    Both sizes are measured in this test, on the same machine state, in CPU time, each the least
    of ``repeat`` runs so one hiccup cannot decide. Their ratio may be at most ``slack`` times the
    ratio of the sizes: linear work with fixed costs stays under 1x, while a quadratic step, the
    bug these checks exist for, is ``large / small`` times over. Pick sizes where the small run
    takes several milliseconds; shorter runs are counted as 5 ms (clock noise would dominate).
    """
    small_s = cpu_seconds(lambda: run(small), repeat)
    large_s = cpu_seconds(lambda: run(large), repeat)
    ratio = large_s / max(small_s, 0.005)
    bound = slack * large / small
    assert ratio <= bound, (
        f"size x{large / small:g} took x{ratio:.1f} the CPU time ({small_s:.3f}s -> {large_s:.3f}s); "
        f"linear growth stays under x{bound:g}"
    )


@pytest.fixture(autouse=True)
def _isolated_xdg(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        (base / var).mkdir()
        monkeypatch.setenv(var, str(base / var))
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    # The export dialog's default folder (newsreader.present.export.export_folder): never ~/Documents.
    (base / "documents").mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(base / "documents"))
    yield base


@pytest.fixture(scope="session")
def analyse_events():
    """``analyse_events(text) -> (actors, reactions)`` with the real English model, loaded once.

    Tests of actors, reactions and summaries need the dependency parser; tests using this
    fixture are skipped where no English model is installed.
    """
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.events.extractor import extract_actors_and_reactions
    from newsreader.analysis.pipeline import load_pipeline, parse

    pipeline = load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")

    def run(text: str):
        chunks = parse(pipeline, text)
        return extract_actors_and_reactions(chunks, extract_entities(chunks))

    return run
