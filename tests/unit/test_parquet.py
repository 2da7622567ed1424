"""The Parquet dataset of ``extract --format parquet`` (no Dask, no model needed) and the
install hints when the cluster extra is missing."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from newsreader import cli
from newsreader.model import analysis as analysis_model

pq = pytest.importorskip("pyarrow.parquet")
from newsreader.batch.parquet import (  # noqa: E402
    SCHEMAS,
    STAGING,
    TABLES,
    DatasetError,
    ParquetDataset,
    records_to_tables,
    table_schema,
)

VERSION = "test-model-1+a1+d0"


def record(sha: str, **extra) -> dict:
    base = {
        "path": f"/x/{sha}.md",
        "title": "T",
        "sha256": sha,
        "text": "Kenya met Uganda.",
        "model": "m",
        "entities": [{"start": 0, "end": 5, "text": "Kenya", "label": "GPE", "layer": "places", "country": "KEN"}],
        "actors": [
            {
                "id": "a1",
                "name": "Kenya",
                "kind": "country",
                "country": "KEN",
                "role": None,
                "mentions": [(0, 5)],
                "is_source": False,
                "country_source": "text",
            }
        ],
        "reactions": [
            {
                "actor": "a1",
                "country": "KEN",
                "category": "CONSULT",
                "trigger": "met",
                "target": "Uganda",
                "sentence": (0, 17),
                "negated": False,
                "hedged": False,
                "trigger_span": (6, 9),
                "summary": "met Uganda",
                "actor_name": "Kenya",
            }
        ],
        "figures": [
            {
                "value": 3,
                "approx": False,
                "text": "three",
                "counts": "people",
                "event": None,
                "span": (0, 5),
                "sentence": None,
            }
        ],
        "events": [{"summary": "flood", "country": "KEN", "category": None, "sentence": (0, 17), "trigger_span": None}],
        "notices": [],
        "complete": True,
        "status": "ok",
        "problems": [],
        "meta": {"date": "2024-06-03", "extra": {"k": "v"}},
    }
    return {**base, **extra}


def test_every_field_of_the_analysis_has_a_column():
    """A field added to the analysis model must be added to the tables (or this fails)."""
    columns = {name: {c for c, _ in cols} for name, cols in SCHEMAS.items()}
    spans = {"sentence", "trigger_span", "span", "mentions"}
    for table, cls in (
        ("entities", analysis_model.Entity),
        ("actors", analysis_model.Actor),
        ("reactions", analysis_model.Reaction),
        ("figures", analysis_model.Figure),
        ("events", analysis_model.Event),
    ):
        for field in dataclasses.fields(cls):
            name = field.name
            if name in spans and name != "mentions":
                prefix = {"trigger_span": "trigger"}.get(name, name)
                assert {f"{prefix}_start", f"{prefix}_end"} <= columns[table], (table, name)
            else:
                assert name in columns[table], (table, name)
    record_keys = set(record("a" * 64)) - {"entities", "actors", "reactions", "figures", "events", "meta"}
    assert record_keys <= columns["documents"]


def test_tables_have_the_documented_schema_and_rows():
    tables = records_to_tables([record("a" * 64), record("b" * 64, entities=[])], VERSION)
    assert tuple(tables) == TABLES
    for name, table in tables.items():
        assert table.schema.equals(table_schema(name), check_metadata=True)
    assert tables["documents"].num_rows == 2 and tables["entities"].num_rows == 1
    reaction = tables["reactions"].to_pylist()[0]
    assert (reaction["sentence_start"], reaction["sentence_end"], reaction["trigger_start"]) == (0, 17, 6)
    actor = tables["actors"].to_pylist()[0]
    assert actor["mentions"] == [{"start": 0, "end": 5}] and actor["pipeline_version"] == VERSION
    doc = tables["documents"].to_pylist()[0]
    assert json.loads(doc["meta_extra"]) == {"k": "v"} and doc["date"] == "2024-06-03"
    assert tables["figures"].to_pylist()[0]["value"] == 3.0


def test_parts_are_committed_and_a_reopen_skips_what_is_there(tmp_path):
    root = tmp_path / "ds"
    with ParquetDataset(root, VERSION, rows_per_part=2) as ds:
        assert [ds.add(record(c * 64)) for c in "abc"] == [True, True, True]
        assert ds.add(record("a" * 64)) is False  # the same text twice in one run: written once
    assert (ds.written, ds.parts, ds.skipped) == (3, 2, 1)
    for name in TABLES:
        assert len(list((root / name).glob("part-*.parquet"))) == 2
    assert not (root / STAGING).exists()
    assert ParquetDataset.documents_present(root, VERSION) == {c * 64 for c in "abc"}
    assert ParquetDataset.documents_present(root, "other-version") == set()

    with ParquetDataset(root, VERSION) as again:
        assert again.add(record("a" * 64)) is False and again.add(record("d" * 64)) is True
    assert sorted(pq.read_table(root / "documents").column("sha256").to_pylist()) == [c * 64 for c in "abcd"]
    with ParquetDataset(root, "other-version") as other:  # another pipeline: analysed again
        assert other.add(record("a" * 64)) is True


def test_a_part_stopped_between_renames_is_removed_at_the_next_open(tmp_path):
    root = tmp_path / "ds"
    with ParquetDataset(root, VERSION) as ds:
        ds.add(record("a" * 64))
    # A stopped run: one child file renamed into place, its documents file never was.
    orphan = root / "entities" / "part-0000.parquet"
    orphan.write_bytes((next((root / "entities").glob("part-*.parquet"))).read_bytes())
    (root / STAGING / "part-0000.parquet").mkdir(parents=True)
    with ParquetDataset(root, VERSION):
        pass
    assert not orphan.exists() and not (root / STAGING).exists()
    assert pq.read_table(root / "entities").num_rows == 1


def test_one_writer_at_a_time(tmp_path):
    pytest.importorskip("fcntl")
    with ParquetDataset(tmp_path / "ds", VERSION), pytest.raises(DatasetError, match="another newsreader extract"):
        ParquetDataset(tmp_path / "ds", VERSION).open()


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(DatasetError, match="not a folder"):
        ParquetDataset(tmp_path / "f", VERSION).open()


# -- the command without a cluster ----------------------------------------------------------------


def test_extract_parquet_without_dask_then_a_rerun_skips(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("Kenya and Uganda signed a trade agreement in Nairobi.\n")
    (docs / "b.txt").write_text("Chile condemned the attack on its embassy in Lima.\n")
    out = tmp_path / "ds"
    argv = ["extract", str(docs), "--model", "rule-only", "--no-cache", "--format", "parquet", "-o", str(out)]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == f"2 documents written to {out} (1 part); 0 already there\n"
    (docs / "c.md").write_text("France urged calm in Paris.\n")
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == f"1 document written to {out} (1 part); 2 already there\n"
    paths = sorted(Path(p).name for p in pq.read_table(out / "documents").column("path").to_pylist())
    assert paths == ["a.md", "b.txt", "c.md"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--format", "parquet"], "--output DIR"),
        (["--format", "parquet", "-o", "-"], "--output DIR"),
        (["--format", "parquet", "-o", "{tmp}/f"], "not a folder"),
        (["--format", "parquet", "-o", "{tmp}/no/such/ds"], "no such directory"),
        (["--format", "parquet", "-o", "{tmp}/ds", "--jobs", "2"], "add --dask"),
    ],
)
def test_parquet_usage_errors(tmp_path, capsys, argv, message):
    (tmp_path / "f").write_text("x")
    (tmp_path / "a.md").write_text("Kenya.\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert cli.main(["extract", str(tmp_path / "a.md"), "--model", "rule-only", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


# -- without the cluster extra ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, module",
    [
        (["--dask"], "distributed"),
        (["--dask", "tcp://127.0.0.1:8786"], "dask"),
        (["--format", "parquet", "-o", "ds"], "pyarrow"),
    ],
)
def test_without_the_extra_the_command_says_how_to_install(tmp_path, capsys, monkeypatch, argv, module):
    monkeypatch.setitem(sys.modules, module, None)  # "import <module>" now raises ImportError
    (tmp_path / "a.md").write_text("Kenya.\n")
    assert cli.main(["extract", str(tmp_path / "a.md"), *argv]) == 2
    err = capsys.readouterr().err
    assert "pip install 'newsreader[cluster]'" in err and module in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_plain_extract_and_the_reader_do_not_import_the_extra(tmp_path):
    import subprocess

    code = (
        "import sys; from newsreader import cli; cli._extract_parser(); "
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_dask_followed_by_a_path_reads_the_path(tmp_path, capsys, monkeypatch):
    """``--dask a.md``: a.md is not an address, so it is read (on a local cluster)."""
    from newsreader.batch import dask_run

    assert dask_run.looks_like_address("tcp://10.0.0.5:8786") and dask_run.looks_like_address("sched:8786")
    assert dask_run.looks_like_address("tls://[::1]:8786")
    assert not dask_run.looks_like_address("a.md") and not dask_run.looks_like_address("docs/")
    seen = {}

    class Stop(Exception):
        pass

    def connect(address, n_workers, quiet=True):
        seen.update(address=address, workers=n_workers)
        raise Stop

    monkeypatch.setattr(dask_run, "connect", connect)
    (tmp_path / "a.md").write_text("Kenya.\n")
    with pytest.raises(Stop):
        cli._dispatch(["extract", "--dask", str(tmp_path / "a.md"), "-j", "3"])
    assert seen == {"address": None, "workers": 3}


# -- the Python API ---------------------------------------------------------------------------------


def test_analyse_texts_gives_the_extract_record_for_each_pair(tmp_path, capsys):
    from newsreader.batch import analyse_texts

    text = "Kenya and Uganda signed a trade agreement in Nairobi.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(tmp_path / "a.md"), "--model", "rule-only", "--no-cache", "-o", str(out)]) == 0
    expected = json.loads(out.read_text(encoding="utf-8"))
    results = list(analyse_texts([("a.md", text), ("b.md", ""), ("c.md", b"\x89PNG\r\n\x1a\n\x00\x00")], "rule-only"))
    assert len(results) == 3
    assert json.loads(json.dumps(results[0])) == {**expected, "path": "a.md"}
    assert results[1]["path"] == "b.md" and results[1]["text"] == ""  # empty: a record, as extract writes
    assert results[2]["path"] == "c.md" and "binary" in results[2]["error"]


def test_the_dask_bag_example_of_the_docs_runs():
    db = pytest.importorskip("dask.bag")
    from newsreader.batch import analyse_texts

    pairs = [(f"{i}.md", f"Chile condemned the attack on its embassy in Lima, day {i}.\n") for i in range(5)]
    records = db.from_sequence(pairs, npartitions=2).map_partitions(lambda part: list(analyse_texts(part, "rule-only")))
    got = records.compute(scheduler="sync")
    assert [r["path"] for r in got] == [p for p, _ in pairs]
    assert all(r["sha256"] and "entities" in r for r in got)


def test_a_scheduler_that_does_not_answer_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    import socket

    from newsreader.batch import dask_run

    monkeypatch.setattr(dask_run, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "a.md").write_text("Kenya.\n")
    assert cli.main(["extract", str(tmp_path / "a.md"), "--dask", f"tcp://127.0.0.1:{port}"]) == 1
    err = capsys.readouterr().err
    assert f"cannot connect to tcp://127.0.0.1:{port}" in err and len(err.splitlines()) == 1
