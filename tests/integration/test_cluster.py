"""``extract --dask`` on a LocalCluster (127.0.0.1, two worker processes), one per test session.

The runs go through ``cli.main`` in this process with the cluster's address, so they exercise
the same code as ``newsreader extract --dask tcp://...``; the local runs they are compared with
are ``cli.main`` without ``--dask``. Inputs are small: each worker loads spaCy once.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="needs the cluster extra: pip install 'newsreader[cluster]'")
pq = pytest.importorskip("pyarrow.parquet")

from conftest import ARTICLES, SHARED, needs_shared  # noqa: E402
from newsreader import cli  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("cluster")]


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """(client, address) of a LocalCluster of two single-threaded worker processes on 127.0.0.1.
    Workers get their own XDG folders (the tests run with --no-cache anyway)."""
    from distributed import Client, LocalCluster

    from newsreader.batch.dask_run import LOOPBACK_HTTP

    base = tmp_path_factory.mktemp("cluster-xdg")
    env = {var: str(base / var) for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", **LOOPBACK_HTTP, env=env, silence_logs=50
    )
    client = Client(cluster)
    try:
        yield client, cluster.scheduler_address
    finally:
        client.close()
        cluster.close()


@pytest.fixture(autouse=True)
def _small_partitions(monkeypatch):
    """Partitions of two files: the fixtures make several, spread over both workers, so the
    order of the output is the client's doing, not one worker's."""
    from newsreader.batch import dask_run

    monkeypatch.setattr(dask_run, "PARTITION_FILES", 2)


def extract_to(tmp_path: Path, name: str, inputs: list, extra: list, capsys) -> tuple[int, bytes, list[str]]:
    """(exit status, output bytes, stderr lines sorted) of ``extract INPUTS --no-cache -o NAME EXTRA``."""
    out = tmp_path / name
    status = cli.main([str(a) for a in ["extract", *inputs, "--no-cache", "-o", out, *extra]])
    return status, out.read_bytes(), sorted(capsys.readouterr().err.splitlines())


@pytest.fixture(scope="module")
def local_fixture_run(tmp_path_factory):
    """The local JSONL run over the project's articles: (status, bytes)."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    status = cli.main(["extract", str(ARTICLES), "--no-cache", "-o", str(out)])
    return status, out.read_bytes()


def test_dask_output_is_byte_identical_to_a_local_run(cluster, local_fixture_run, tmp_path, capsys):
    _client, address = cluster
    local_status, local = local_fixture_run
    status, remote, err = extract_to(tmp_path, "dask.jsonl", [ARTICLES], ["--dask", address], capsys)
    assert remote == local
    assert status == local_status == 1  # the fixtures hold a picture named .md
    assert err == [
        "newsreader: tests/fixtures/articles/messy/picture.md: binary file (PNG image?)".replace(
            "tests/fixtures/articles", str(ARTICLES)
        )
    ]
    assert len(local.splitlines()) >= 10


def _loaded_here() -> tuple[int, int, bool]:
    from newsreader.analysis import pipeline
    from newsreader.batch import api

    services = list(api._services.values())
    return len(pipeline._pipelines), len(services), all(s.pipeline_loaded for s in services)


def test_each_worker_process_loaded_the_pipeline_once(cluster, local_fixture_run, tmp_path, capsys):
    """After a run of many partitions each worker holds one service and one pipeline."""
    client, address = cluster
    extract_to(tmp_path, "dask.jsonl", [ARTICLES], ["--dask", address], capsys)
    states = client.run(_loaded_here)
    busy = [state for state in states.values() if state[1]]
    assert busy and all(state == (1, 1, True) for state in busy), states


def test_json_array_too(cluster, tmp_path, capsys):
    _client, address = cluster
    inputs = [ARTICLES / "2024-03-14-harbour-security-talks.md", ARTICLES / "feeds"]
    _, local, _ = extract_to(tmp_path, "local.json", inputs, ["--format", "json"], capsys)
    status, remote, err = extract_to(tmp_path, "dask.json", inputs, ["--format", "json", "--dask", address], capsys)
    assert (status, err) == (0, [])
    assert remote == local and len(json.loads(remote)) > 2


@needs_shared
def test_same_output_as_local_on_the_shared_corpus(cluster, tmp_path, capsys):
    _client, address = cluster
    # Small files only (each worker parses with spaCy): the messy part's (odd encodings, byte
    # order marks, an empty file, no body) and a slice of dev2.
    small = [p for p in sorted((SHARED / "corpus" / "messy").iterdir()) if p.stat().st_size < 8000]
    inputs = [*small, *sorted((SHARED / "corpus" / "dev2").glob("*.md"))[:10]]
    local_status, local, local_err = extract_to(tmp_path, "local.jsonl", inputs, [], capsys)
    status, remote, err = extract_to(tmp_path, "dask.jsonl", inputs, ["--dask", address], capsys)
    assert (status, err) == (local_status, local_err)
    assert remote == local and len(local.splitlines()) >= 15


def test_bad_files_are_reported_and_the_rest_goes_on(cluster, tmp_path, capsys):
    _client, address = cluster
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "good.md").write_text("Kenya and Uganda signed a trade agreement in Nairobi on Monday.\n")
    (lib / "empty.md").write_bytes(b"")
    (lib / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    if hasattr(os, "mkfifo"):
        os.mkfifo(lib / "pipe.md")
    inputs = [lib, tmp_path / "missing.md"]
    local_status, local, local_err = extract_to(tmp_path, "local.jsonl", inputs, [], capsys)
    status, remote, err = extract_to(tmp_path, "dask.jsonl", inputs, ["--dask", address], capsys)
    assert status == local_status == 1
    assert err == local_err
    assert any("missing.md" in line for line in err) and any("binary.txt" in line for line in err)
    assert remote == local
    assert sorted(Path(json.loads(line)["path"]).name for line in remote.splitlines()) == ["empty.md", "good.md"]


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster, local_fixture_run, tmp_path):
    """One worker is killed (SIGKILL) as soon as the first partition is back: its partitions
    run again on the other worker (or its restarted replacement); the outcomes, and the
    Parquet dataset written from them, hold every document exactly once."""
    from newsreader.batch.api import discover_inputs, pipeline_version
    from newsreader.batch.dask_run import dask_outcomes
    from newsreader.batch.parquet import ParquetDataset

    client, _address = cluster
    client.wait_for_workers(2)
    killed: list[int] = []

    def kill_one(result) -> None:
        if killed:
            return
        pids = set(client.run(os.getpid).values())
        victim = next(pid for pid in sorted(pids) if pid != result.pid) if len(pids) > 1 else result.pid
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    files, _ = discover_inputs([str(ARTICLES)])
    records = []
    with ParquetDataset(tmp_path / "ds", pipeline_version(None), rows_per_part=3) as dataset:
        for _path, record, _problem in dask_outcomes(
            client, files, model=None, use_cache=False, partition_files=1, on_result=kill_one
        ):
            if record is not None:
                records.append(record)
                dataset.add(record)
    assert killed, "no worker was killed"
    local = [json.loads(line) for line in local_fixture_run[1].splitlines()]
    assert [r["path"] for r in records] == [r["path"] for r in local]
    assert [json.loads(json.dumps(r)) for r in records] == local  # tuples as JSON lists
    shas = pq.read_table(tmp_path / "ds" / "documents", columns=["sha256"]).column("sha256").to_pylist()
    assert sorted(shas) == sorted({r["sha256"] for r in local})
    client.wait_for_workers(2, timeout=120)  # the nanny restarts the killed worker for later tests


def test_parquet_dataset_matches_the_jsonl_and_a_rerun_adds_nothing(cluster, local_fixture_run, tmp_path, capsys):
    _client, address = cluster
    out = tmp_path / "dataset"
    status = cli.main(
        ["extract", str(ARTICLES), "--no-cache", "--format", "parquet", "-o", str(out), "--dask", address]
    )
    captured = capsys.readouterr()
    assert status == 1 and "picture.md" in captured.err
    local = [json.loads(line) for line in local_fixture_run[1].splitlines()]
    assert captured.out.startswith(f"{len(local)} documents written")
    check_dataset_against_records(out, local)

    files = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    status = cli.main(
        ["extract", str(ARTICLES), "--no-cache", "--format", "parquet", "-o", str(out), "--dask", address]
    )
    assert capsys.readouterr().out.startswith(f"0 documents written to {out} (0 parts); {len(local)} already there")
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == files


def check_dataset_against_records(root: Path, records: list[dict]) -> None:
    """Every table read back with pyarrow holds exactly what the JSONL records say."""
    tables = {
        name: pq.read_table(root / name).to_pylist()
        for name in ("documents", "entities", "actors", "reactions", "figures", "events")
    }
    by_sha = {r["sha256"]: r for r in records}
    assert sorted(d["sha256"] for d in tables["documents"]) == sorted(by_sha)
    for doc in tables["documents"]:
        r = by_sha[doc["sha256"]]
        assert (doc["path"], doc["title"], doc["text"], doc["model"], doc["status"], doc["complete"]) == (
            r["path"],
            r["title"],
            r["text"],
            r["model"],
            r["status"],
            r["complete"],
        )
        assert doc["problems"] == r["problems"] and doc["notices"] == r["notices"]
        assert doc["date"] == r["meta"].get("date") and doc["source"] == r["meta"].get("source")

    def rows(name: str, sha: str) -> list[dict]:
        return sorted((row for row in tables[name] if row["sha256"] == sha), key=lambda row: row["idx"])

    for sha, r in by_sha.items():
        assert [
            (e["start"], e["end"], e["text"], e["label"], e["layer"], e["country"]) for e in rows("entities", sha)
        ] == [(e["start"], e["end"], e["text"], e["label"], e["layer"], e.get("country")) for e in r["entities"]]
        assert [
            (
                a["id"],
                a["name"],
                a["kind"],
                a["country"],
                a["role"],
                a["is_source"],
                [[m["start"], m["end"]] for m in a["mentions"]],
            )
            for a in rows("actors", sha)
        ] == [
            (
                a["id"],
                a["name"],
                a["kind"],
                a.get("country"),
                a.get("role"),
                a["is_source"],
                [list(m) for m in a["mentions"]],
            )
            for a in r["actors"]
        ]
        assert [
            (
                x["actor"],
                x["country"],
                x["category"],
                x["trigger"],
                x["target"],
                x["summary"],
                [x["sentence_start"], x["sentence_end"]],
            )
            for x in rows("reactions", sha)
        ] == [
            (
                x["actor"],
                x.get("country"),
                x["category"],
                x["trigger"],
                x.get("target"),
                x["summary"],
                list(x["sentence"]),
            )
            for x in r["reactions"]
        ]
        assert [
            (f["value"], f["text"], f["counts"], [f["span_start"], f["span_end"]]) for f in rows("figures", sha)
        ] == [(float(f["value"]), f["text"], f.get("counts"), list(f["span"])) for f in r["figures"]]
        assert [(e["summary"], e["category"]) for e in rows("events", sha)] == [
            (e["summary"], e.get("category")) for e in r.get("events", [])
        ]
