"""``newsreader extract`` end to end: the real model on the seed and the project's own articles.

Runs the command as a user would (a subprocess), with ``PYTHONPATH`` pointing at the source
tree so it works whether or not the package is installed. Each test run has its own XDG
directories, so the cache starts empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ARTICLES, MESSY, ROOT, SEED
from newsreader.model.vocabulary import LAYERS, PLOVER_CATEGORIES

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("model")]

# The project's own articles, one per kind of single-document input: Markdown with metadata, a
# saved web page and a messy file (byte-order mark, Windows line ends). Feeds, one record per
# entry, are in test_extract_feeds.py.
CORPUS = [
    ARTICLES / "2024-03-14-harbour-security-talks.md",
    ARTICLES / "2024-05-20-coastal-election.html",
    MESSY / "2023-06-10-bom-crlf-regatta.md",
]
INPUTS = [SEED, *CORPUS]
REQUIRED = {
    "path": str,
    "title": str,
    "sha256": str,
    "text": str,
    "model": str,
    "entities": list,
    "actors": list,
    "reactions": list,
    "figures": list,
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("extract-xdg")
    pythonpath = os.pathsep.join(filter(None, [str(ROOT / "tui"), os.environ.get("PYTHONPATH")]))
    return {
        **os.environ,
        "PYTHONPATH": pythonpath,
        "XDG_CACHE_HOME": str(base / "cache"),
        "XDG_STATE_HOME": str(base / "state"),
        "XDG_CONFIG_HOME": str(base / "config"),
    }


def extract(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "extract", *map(str, args)],
        env=env,
        capture_output=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def jsonl_run(env):
    proc = extract(env, *INPUTS, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr.decode()
    return proc


@pytest.fixture(scope="module")
def records(jsonl_run):
    return [json.loads(line) for line in jsonl_run.stdout.decode("utf-8").splitlines()]


def test_one_record_per_input_in_order(records, jsonl_run):
    assert [Path(r["path"]).name for r in records] == [p.name for p in INPUTS]
    assert jsonl_run.stderr == b""


def test_schema_keys_and_types(records):
    for r in records:
        for key, kind in REQUIRED.items():
            assert isinstance(r[key], kind), (r["path"], key)
        assert r["model"] and r["title"]
        assert r["sha256"] == hashlib.sha256(Path(r["path"]).read_bytes()).hexdigest()
        for e in r["entities"]:
            assert {"start", "end", "text", "label", "layer"} <= e.keys()
            assert e["layer"] in LAYERS
        for a in r["actors"]:
            assert {"id", "name", "kind", "country", "role", "mentions"} <= a.keys()
            assert all(isinstance(m, list) and len(m) == 2 for m in a["mentions"])
        for x in r["reactions"]:
            assert {"actor", "country", "category", "trigger", "target", "sentence", "negated"} <= x.keys()
            assert x["category"] in PLOVER_CATEGORIES and isinstance(x["negated"], bool)
        for f in r["figures"]:
            assert {"value", "approx", "text", "counts", "event", "span"} <= f.keys()
            assert isinstance(f["value"], (int, float)) and isinstance(f["approx"], bool)


def test_offsets_index_the_text(records):
    for r in records:
        text, n = r["text"], len(r["text"])
        assert r["title"] in text, "the title is part of the text"
        for e in r["entities"]:
            assert text[e["start"] : e["end"]] == e["text"], e
        for a in r["actors"]:
            for s, e in a["mentions"]:
                assert 0 <= s < e <= n
        for x in r["reactions"]:
            s, e = x["sentence"]
            assert 0 <= s < e <= n
            if x.get("trigger_span"):
                ts, te = x["trigger_span"]
                assert s <= ts < te <= e
        for f in r["figures"]:
            s, e = f["span"]
            assert 0 <= s < e <= n


def test_reactions_name_known_actors(records):
    for r in records:
        ids = {a["id"] for a in r["actors"]}
        assert all(x["actor"] in ids or x["actor"] == "" for x in r["reactions"])


def test_the_seed_is_analysed(records):
    seed = records[0]
    assert len(seed["entities"]) > 10 and seed["actors"] and seed["reactions"] and seed["figures"]
    assert "KAZ" in {a["country"] for a in seed["actors"]}


def test_json_array_from_the_cache_equals_jsonl(env, records, jsonl_run):
    # the jsonl run filled the cache: this one reads it back and must say exactly the same
    proc = extract(env, *INPUTS, "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout) == records


def test_failures_exit_1_and_the_good_documents_are_still_written(env, tmp_path):
    binary = tmp_path / "picture.md"
    binary.write_bytes(bytes(range(256)) * 64)
    missing = tmp_path / "nowhere.md"
    proc = extract(env, SEED, binary, missing, CORPUS[0], "--no-cache")
    assert proc.returncode == 1
    names = [Path(json.loads(line)["path"]).name for line in proc.stdout.decode().splitlines()]
    assert names == [SEED.name, CORPUS[0].name]
    err = proc.stderr.decode().splitlines()
    assert any(line.startswith(f"newsreader: {binary}: ") for line in err), err
    assert any(line.startswith(f"newsreader: {missing}: ") for line in err), err
    assert len(err) == 2 and "Traceback" not in proc.stderr.decode()


def test_jobs_give_the_same_output_in_the_same_order(env, records):
    proc = extract(env, *INPUTS, "--jobs", "2", "--no-cache")
    assert proc.returncode == 0, proc.stderr.decode()
    assert [json.loads(line) for line in proc.stdout.decode().splitlines()] == records


def test_no_cache_leaves_no_cache_file(tmp_path, env):
    fresh = {**env, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = extract(fresh, SEED, "--no-cache")
    assert proc.returncode == 0
    assert not (tmp_path / "cache").exists()


def test_closed_pipe_exits_quietly(env, jsonl_run, tmp_path):
    # More output than a pipe buffer holds (copies of the seed, cached by the jsonl run), so
    # the writer really meets the closed pipe.
    for i in range(8):
        (tmp_path / f"copy{i}.txt").write_bytes(SEED.read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "extract", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(100)  # like `| head -c 100`
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 0
    assert err == b""
