"""The analysis cache: round trips, keys, damage, unwritable places, several processes at once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader import paths
from newsreader.analysis import cache as cache_mod
from newsreader.analysis.cache import AnalysisCache, text_key
from newsreader.model.analysis import Actor, Analysis, Entity, Figure, Reaction

ROOT = Path(__file__).resolve().parents[2]


def sample_analysis(model: str = "test-model") -> Analysis:
    return Analysis(
        model=model,
        entities=[Entity(0, 10, "Kazakhstan", "GPE", "places", "KAZ"), Entity(20, 22, "70", "CARDINAL", "numbers")],
        actors=[Actor("a1", "Kassym-Jomart Tokayev", "person", "KAZ", "President", [(30, 51), (80, 87)])],
        reactions=[
            Reaction(
                "a1",
                "KAZ",
                "COERCE",
                "directed",
                "protesters",
                (30, 120),
                negated=False,
                hedged=True,
                trigger_span=(52, 60),
                summary="ordered forces to shoot",
                actor_name="Tokayev",
            ),
        ],
        figures=[Figure(70, False, "70", "security checkpoints", None, (20, 22), (0, 40))],
        notices=["something to know"],
        complete=True,
    )


def test_round_trip_keeps_every_field(tmp_path):
    cache = AnalysisCache(tmp_path / "a.sqlite")
    analysis = sample_analysis()
    assert cache.put("k" * 64, "v1", analysis)
    got = cache.get("k" * 64, "v1")
    assert got == analysis
    # a second connection (another process, a later run) sees it too
    assert AnalysisCache(tmp_path / "a.sqlite").get("k" * 64, "v1") == analysis
    assert cache.notices == []


def test_key_is_text_and_version(tmp_path):
    cache = AnalysisCache(tmp_path / "a.sqlite")
    key = text_key("Some article text.")
    cache.put(key, "model-a/1", sample_analysis("a"))
    assert cache.get(key, "model-b/1") is None, "another version key must miss"
    assert cache.get(text_key("Some article text!"), "model-a/1") is None, "another text must miss"
    cache.put(key, "model-b/1", sample_analysis("b"))
    assert cache.get(key, "model-a/1").model == "a"
    assert cache.get(key, "model-b/1").model == "b"


def test_text_key_handles_lone_surrogates():
    assert text_key("a\ud800b") != text_key("ab")
    assert len(text_key("")) == 64


def test_default_location_is_the_xdg_cache_dir():
    assert cache_mod.default_path() == paths.cache_dir() / "analysis.sqlite"
    cache = AnalysisCache()
    cache.put("x", "v", sample_analysis())
    assert (paths.cache_dir() / "analysis.sqlite").is_file()


def test_corrupt_file_is_set_aside_and_rebuilt(tmp_path):
    db = tmp_path / "analysis.sqlite"
    db.write_bytes(b"this is not a database, just junk " * 200)
    cache = AnalysisCache(db)
    assert cache.get("k", "v") is None
    assert cache.put("k", "v", sample_analysis())
    assert cache.get("k", "v") == sample_analysis()
    aside = list(tmp_path.glob("analysis.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert any("rebuilt" in n for n in cache.notices)
    assert cache.enabled


def test_damaged_entry_is_a_miss_and_can_be_overwritten(tmp_path):
    db = tmp_path / "analysis.sqlite"
    cache = AnalysisCache(db)
    cache.put("k", "v", sample_analysis())
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE analyses SET data = ?", (b"not zlib",))
    assert cache.get("k", "v") is None
    cache.put("k", "v", sample_analysis())
    assert cache.get("k", "v") == sample_analysis()


def test_old_schema_is_rebuilt(tmp_path):
    db = tmp_path / "analysis.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE analyses (whatever TEXT)")
        conn.execute("PRAGMA user_version = 0")
    cache = AnalysisCache(db)
    assert cache.put("k", "v", sample_analysis())
    assert cache.get("k", "v") == sample_analysis()


def test_unwritable_location_bypasses_with_a_notice(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    cache = AnalysisCache(blocker / "newsreader" / "analysis.sqlite")
    assert cache.get("k", "v") is None
    assert cache.put("k", "v", sample_analysis()) is False
    assert not cache.enabled
    assert len(cache.notices) == 1 and "will not be kept" in cache.notices[0]
    # further calls stay quiet and cheap
    assert cache.get("k", "v") is None
    assert len(cache.notices) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory_bypasses_with_a_notice(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        cache = AnalysisCache(ro / "analysis.sqlite")
        assert cache.put("k", "v", sample_analysis()) is False
        assert cache.get("k", "v") is None
        assert not cache.enabled and cache.notices
    finally:
        ro.chmod(0o755)


def test_read_only_database_file_bypasses_with_a_notice(tmp_path):
    db = tmp_path / "analysis.sqlite"
    AnalysisCache(db).put("k", "v", sample_analysis())
    # Opening the file read-only (as SQLite does for a file it may not write) must not be fatal.
    cache = AnalysisCache(db)
    real_connect = sqlite3.connect

    def read_only_connect(path, *args, **kwargs):
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    import newsreader.analysis.cache as module

    module.sqlite3.connect = read_only_connect
    try:
        cache.put("k2", "v", sample_analysis())
        assert cache.get("k2", "v") is None
    finally:
        module.sqlite3.connect = real_connect
    assert not cache.enabled
    assert any("read-only" in n or "unusable" in n or "unavailable" in n for n in cache.notices)


def test_clear_and_info(tmp_path):
    db = tmp_path / "analysis.sqlite"
    assert cache_mod.info(db).exists is False
    assert cache_mod.clear(db) == 0
    cache = AnalysisCache(db)
    for i in range(5):
        cache.put(f"k{i}", "v1" if i < 3 else "v2", sample_analysis())
    cache.close()
    info = cache_mod.info(db)
    assert info.exists and info.entries == 5 and info.versions == {"v1": 3, "v2": 2}
    assert info.size_bytes > 0 and info.problem is None
    (tmp_path / "analysis.sqlite.corrupt-123").write_bytes(b"old")
    assert cache_mod.clear(db) == 5
    assert cache_mod.info(db).entries == 0
    assert not (tmp_path / "analysis.sqlite.corrupt-123").exists()


def test_prune_keeps_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 10)
    monkeypatch.setattr(cache_mod, "TOUCH_AFTER_S", 0)
    cache = AnalysisCache(tmp_path / "a.sqlite")
    for i in range(199):
        cache.put(f"k{i:03d}", "v", sample_analysis())
        if i == 5:
            cache.get("k000", "v")  # k000 was used recently: it survives the prune
    cache.get("k000", "v")
    cache.put("k199", "v", sample_analysis())  # the 200th write prunes
    assert cache_mod.info(tmp_path / "a.sqlite").entries == 10
    assert cache.get("k199", "v") is not None
    assert cache.get("k000", "v") is not None
    assert cache.get("k001", "v") is None


def test_a_hit_does_not_write_unless_the_entry_is_stale(tmp_path, monkeypatch):
    db = tmp_path / "a.sqlite"
    cache = AnalysisCache(db)
    cache.put("k", "v", sample_analysis())
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE analyses SET used = 1000")
    monkeypatch.setattr(cache_mod, "TOUCH_AFTER_S", 10**12)
    cache.get("k", "v")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT used FROM analyses").fetchone()[0] == 1000
    monkeypatch.setattr(cache_mod, "TOUCH_AFTER_S", 60)
    cache.get("k", "v")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT used FROM analyses").fetchone()[0] > 1000


WRITER = textwrap.dedent(
    """
    import sys
    from newsreader.analysis.cache import AnalysisCache
    from newsreader.model.analysis import Analysis, Entity
    db, who = sys.argv[1], sys.argv[2]
    cache = AnalysisCache(db)
    for i in range(150):
        a = Analysis(model=who, entities=[Entity(i, i + 1, "x", "GPE", "places")])
        assert cache.put(f"{who}-{i}", "v", a), cache.notices
        assert cache.get(f"{who}-{i}", "v").entities[0].start == i
        # also fight over one shared key
        cache.put("shared", "v", a)
        assert cache.get("shared", "v") is not None
    assert cache.enabled, cache.notices
    print("ok")
    """
)


def test_two_processes_write_concurrently(tmp_path):
    db = tmp_path / "analysis.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tui")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), who],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("p1", "p2")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    info = cache_mod.info(db)
    assert info.entries == 301  # 150 each + the shared key
    cache = AnalysisCache(db)
    assert all(cache.get(f"p1-{i}", "v") and cache.get(f"p2-{i}", "v") for i in range(150))
