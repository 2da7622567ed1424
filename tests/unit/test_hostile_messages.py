"""Issue 18, honest messages: ``cache clear`` never claims to have removed what another
process kept locked."""

from __future__ import annotations

import sqlite3

import pytest

from newsreader import cli
from newsreader.analysis import cache as cache_mod
from newsreader.analysis.cache import AnalysisCache
from newsreader.model.analysis import Analysis


def filled(db, count: int = 3) -> None:
    cache = AnalysisCache(db)
    for i in range(count):
        cache.put(f"k{i}", "v1", Analysis(model="m"))
    cache.close()


def test_cache_clear_under_another_process_lock_removes_nothing_and_says_so(tmp_path, monkeypatch):
    db = tmp_path / "analysis.sqlite"
    filled(db)
    monkeypatch.setattr(AnalysisCache, "busy_timeout_ms", 50)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another newsreader writing
    try:
        with pytest.raises(cache_mod.CacheError, match="nothing was removed"):
            cache_mod.clear(db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert cache_mod.info(db).entries == 3
    assert cache_mod.clear(db) == 3 and cache_mod.info(db).entries == 0


def test_cli_cache_clear_exits_non_zero_when_locked(monkeypatch, capsys):
    filled(cache_mod.default_path())
    monkeypatch.setattr(AnalysisCache, "busy_timeout_ms", 50)
    other = sqlite3.connect(cache_mod.default_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        status = cli.main(["cache", "clear"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    out, err = capsys.readouterr()
    assert status == 1 and "removed" not in out and "nothing was removed" in err
