"""Shared test setup: keep every test out of the real home directory.

Each test gets its own XDG config/cache/state directories, so theme choices, caches and logs
written by the code under test never touch (or depend on) the developer's machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_567d9a6d704748c4.txt"


@pytest.fixture(autouse=True)
def _isolated_xdg(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (base / var).mkdir()
        monkeypatch.setenv(var, str(base / var))
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    yield base


@pytest.fixture(scope="session")
def analyse_events():
    """``analyse_events(text) -> (actors, reactions)`` with the real English model, loaded once.

    Tests of actors, reactions and summaries need the dependency parser; tests using this
    fixture are skipped where no English model is installed.
    """
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.pipeline import load_pipeline, parse
    from newsreader.analysis.reactions import extract_actors_and_reactions

    pipeline = load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")

    def run(text: str):
        chunks = parse(pipeline, text)
        return extract_actors_and_reactions(chunks, extract_entities(chunks))

    return run
