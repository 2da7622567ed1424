"""``newsreader extract`` on saved web pages and feed files: each feed entry is one record."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example/</link>
<item><title>Kenya hosts regional talks</title><link>https://wire.example/kenya</link>
<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>Kenyan President William Ruto welcomed delegates from Uganda and Tanzania in Nairobi on Monday.</description></item>
<item><title>Chile condemns attack</title><link>https://wire.example/chile</link>
<pubDate>Tue, 04 Jun 2024 10:00:00 GMT</pubDate>
<description>Chile condemned the attack on its embassy in Lima and summoned the Peruvian ambassador.</description></item>
</channel></rss>
"""
PAGE = """<!DOCTYPE html><html><head><title>France urges calm | Daily Example</title>
<meta property="og:site_name" content="Daily Example"><meta property="article:published_time" content="2024-06-05">
</head><body><nav>Home | World</nav><article><h1>France urges calm</h1>
<p>French Foreign Minister Stephane Sejourne urged calm in Paris on Wednesday after clashes in New Caledonia.</p>
<p>About 3,000 police officers were sent to the territory, the ministry said.</p></article>
<footer>Copyright Daily Example</footer></body></html>
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.rss").write_text(FEED, encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "note.md").write_text("# Note\n\nGermany and Poland signed a border deal.\n", encoding="utf-8")
    return folder


def _extract(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "tui"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "extract", *args, "--model", "rule-only"],
        env=env,
        capture_output=True,
        timeout=300,
    )


def test_feed_entries_and_pages_are_records(inputs: Path, tmp_path: Path) -> None:
    proc = _extract(tmp_path, str(inputs))
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    by_name = {Path(r["path"]).name: r for r in records}
    assert set(by_name) == {"note.md", "page.html", "wire.rss#1", "wire.rss#2"}
    assert by_name["wire.rss#2"]["title"] == "Chile condemns attack"
    assert "Lima" in by_name["wire.rss#2"]["text"] and "Nairobi" not in by_name["wire.rss#2"]["text"]
    assert by_name["page.html"]["title"] == "France urges calm"
    assert "Copyright" not in by_name["page.html"]["text"]
    for record in records:
        assert record["entities"], record["path"]
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]


def test_one_feed_entry_named_on_the_command_line(inputs: Path, tmp_path: Path) -> None:
    proc = _extract(tmp_path, f"{inputs / 'wire.rss'}#1")
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["title"] for r in records] == ["Kenya hosts regional talks"]


#: ``newsreader`` with the pipeline builder wrapped to note, per process, each real build (a
#: cache hit in ``load_pipeline`` does not build). Forked workers inherit the wrapper.
COUNT_BUILDS = """
import os, sys
from newsreader.analysis import pipeline
real_build = pipeline._build
def noted_build(*args, **kwargs):
    with open(os.environ["NEWSREADER_TEST_BUILDS"], "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    return real_build(*args, **kwargs)
pipeline._build = noted_build
from newsreader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_two_jobs_are_two_processes_that_each_load_the_pipeline_once(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02}.md").write_text(f"# Story {i}\n\nKenya and Uganda met in Nairobi on day {i}.\n")
    builds = tmp_path / "builds.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "tui"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NEWSREADER_TEST_BUILDS": str(builds),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            COUNT_BUILDS,
            "extract",
            str(folder),
            "--model",
            "rule-only",
            "--jobs",
            "2",
            "--no-cache",
            "--debug",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert len(out.decode().splitlines()) == 12
    log = (tmp_path / "state" / "newsreader" / "newsreader.log").read_text()
    ready = [line.split() for line in log.splitlines() if "pipeline rule-only ready in" in line]
    pids = [fields[2] for fields in ready]
    assert pids and len(pids) == len(set(pids))  # at most once per process
    workers = {fields[2] for fields in (line.split() for line in log.splitlines()) if len(fields) > 2} - {str(proc.pid)}
    assert 1 <= len(workers) <= 2
    built = builds.read_text().split() if builds.exists() else []
    if "fork" in multiprocessing.get_all_start_methods():
        # the parent builds it once and the forked workers inherit it (their load is a cache hit)
        assert built == [str(proc.pid)]
    else:
        assert str(proc.pid) not in pids and str(proc.pid) not in built
