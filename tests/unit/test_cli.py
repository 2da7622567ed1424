"""The ``newsreader`` command line: parsing, dispatch, exit statuses, error reporting.

Library loading and analysis are replaced by stand-ins here (they have their own tests); the
end-to-end runs with the real model are in tests/integration/test_extract*.py.
"""

from __future__ import annotations

import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest

from newsreader import __version__, cli, paths
from newsreader.analysis.analyze import STAGE_FAILED
from newsreader.model.analysis import Analysis, Entity, Reaction
from newsreader.model.document import DocStatus, Metadata

# -- helpers -------------------------------------------------------------------------------------


@pytest.fixture
def run(capsys):
    """Run the command; returns (status, stdout, stderr). extract writes bytes to
    sys.stdout.buffer, which capsys captures too."""

    def go(argv):
        status = cli.main(argv)
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return go


@dataclass
class FakeDocument:
    path: str
    text: str
    status: DocStatus = DocStatus.OK
    problems: list = field(default_factory=list)
    sha256: str = "0" * 64
    meta: Metadata = field(default_factory=Metadata)

    @property
    def title(self):
        return self.meta.title


class FakeService:
    instances: ClassVar[list[FakeService]] = []

    def __init__(self, model=None, use_cache=True):
        self.model, self.use_cache = model, use_cache
        FakeService.instances.append(self)

    def analyze_many(self, documents):
        for d in documents:
            yield self.analyze(d)

    def analyze(self, document):
        if "CRASH" in document.text:
            raise RuntimeError("analysis exploded")
        notices = [f"{STAGE_FAILED}: figures (ValueError: bad)"] if "PARTIAL" in document.text else []
        first = document.text.split()[0]
        return Analysis(
            model="fake-1",
            entities=[Entity(0, len(first), first, "GPE", "places")],
            reactions=[Reaction("", None, "CONSULT", "met", None, (0, len(document.text)))],
            notices=notices,
            complete=not notices,
        )

    def close(self):
        pass


@pytest.fixture
def fake_library(monkeypatch, tmp_path):
    """discover/load_document stand-ins over real files in tmp_path; service stand-in."""
    import newsreader.library as library

    def discover(given):
        found, missing = [], []
        for g in given:
            p = Path(g)
            if p.is_dir():
                found.extend(sorted(x for x in p.rglob("*") if x.suffix in (".md", ".txt")))
            elif p.exists():
                found.append(p)
            else:
                missing.append((g, "no such file or directory"))
        return found, missing

    def load_document(path):
        raw = Path(path).read_bytes()
        if b"\0" in raw:
            return FakeDocument(str(path), "", DocStatus.ERROR, ["binary file (not text)"])
        text = raw.decode("utf-8")
        return FakeDocument(str(path), text, meta=Metadata(title=text.splitlines()[0] if text else ""))

    monkeypatch.setattr(library, "discover", discover, raising=False)
    monkeypatch.setattr(library, "load_document", load_document, raising=False)
    monkeypatch.setattr(cli, "_make_service", lambda model, use_cache: FakeService(model, use_cache))
    monkeypatch.setattr(cli, "_check_model", lambda name: None)
    FakeService.instances = []
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("Kazakhstan protests\n\nKazakhstan met China.")
    (docs / "b.txt").write_text("China agreed.")
    return docs


# -- top level -----------------------------------------------------------------------------------


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsreader {__version__}"


def test_help_mentions_the_commands(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "newsreader extract" in out and "newsreader cache" in out and "./extract" in out


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--theme"], "expected one argument"),
        (["extract"], "the following arguments are required: PATH"),
        (["extract", "x", "--format", "xml"], "invalid choice: 'xml'"),
        (["extract", "x", "--jobs", "-1"], "must be 0"),
        (["extract", "x", "--jobs", "two"], "not a number"),
        (["cache"], "required: ACTION"),
        (["cache", "wipe"], "invalid choice: 'wipe'"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(argv, fragment, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("newsreader") and "error:" in last and fragment in last


def test_unknown_model_is_a_usage_error(capsys):
    assert cli.main(["extract", "x.md", "--model", "no_such_model_xyz"]) == 2
    err = capsys.readouterr().err
    assert "newsreader: error: --model no_such_model_xyz" in err and "Traceback" not in err


def test_an_unexpected_error_is_one_line_and_hints_at_debug(monkeypatch, capsys):
    def boom(args):
        raise RuntimeError("something deep broke\nsecond line")

    monkeypatch.setattr(cli, "_dispatch", boom)
    assert cli.main(["whatever"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0] == "newsreader: error: something deep broke"
    assert "--debug" in err
    assert not (paths.state_dir() / "newsreader.log").exists()


def test_debug_writes_the_traceback_to_the_log(monkeypatch, capsys):
    def boom(args):
        raise KeyError("missing piece")

    monkeypatch.setattr(cli, "_dispatch", boom)
    assert cli.main(["--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "details written to" in err
    log = (paths.state_dir() / "newsreader.log").read_text()
    assert "Traceback" in log and "KeyError" in log and "missing piece" in log


def test_debug_logs_the_run_and_leaves_no_handler_behind(monkeypatch):
    import logging

    def noisy(args):
        logging.getLogger("newsreader.analysis").error("stage figures failed")
        return 0

    monkeypatch.setattr(cli, "_dispatch", noisy)
    before = list(logging.getLogger("newsreader").handlers)
    assert cli.main(["--debug"]) == 0
    assert "stage figures failed" in (paths.state_dir() / "newsreader.log").read_text()
    assert logging.getLogger("newsreader").handlers == before


def test_keyboard_interrupt_exits_130_quietly(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main([]) == 130
    assert capsys.readouterr().err == ""


# -- opening the reader --------------------------------------------------------------------------


@pytest.fixture
def fake_app(monkeypatch):
    """Record run_app calls instead of starting Textual; pretend we are in a good terminal."""
    import sys
    import types

    calls = []
    module = types.ModuleType("newsreader.ui.app")
    module.run_app = lambda paths, theme=None, model=None, use_cache=True, **more: (
        calls.append(dict(paths=paths, theme=theme, model=model, use_cache=use_cache, **more)) or 0
    )
    monkeypatch.setitem(sys.modules, "newsreader.ui.app", module)
    import newsreader.ui as ui_pkg

    monkeypatch.setattr(ui_pkg, "app", module, raising=False)
    monkeypatch.setattr(cli, "terminal_problem", lambda: None)
    monkeypatch.setattr(cli, "_check_model", lambda name: None)
    return calls


def test_no_path_leaves_the_choice_to_the_app(fake_app):
    # the app opens the config's library folders, else the bundled seeds
    assert cli.main([]) == 0
    assert fake_app == [{"paths": [], "theme": None, "model": None, "use_cache": True}]


def test_config_file_is_passed_to_the_app(fake_app, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('library = ["news"]\n')
    assert cli.main(["--config", str(settings)]) == 0
    assert fake_app == [{"paths": [], "theme": None, "model": None, "use_cache": True, "config_path": str(settings)}]


def test_without_seeds_a_configured_library_still_opens(fake_app, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(paths, "bundled_seeds_dir", lambda: tmp_path / "no-seeds")
    assert cli.main([]) == 1
    assert "bundled sample articles are missing" in capsys.readouterr().err
    settings = tmp_path / "settings.toml"
    settings.write_text('library = ["news"]\n')
    assert cli.main(["--config", str(settings)]) == 0
    monkeypatch.setenv("NEWSREADER_CONFIG", str(settings))
    assert cli.main([]) == 0
    assert len(fake_app) == 2


def test_help_lists_every_format(capsys):
    for argv in (["--help"], ["extract", "--help"]):
        assert cli.main(argv) == 0
        out = " ".join(capsys.readouterr().out.split())
        for suffix in (".md", ".txt", ".html", ".htm", ".xml", ".rss", ".atom"):
            assert suffix in out, (argv, suffix)
    assert cli.main(["--help"]) == 0
    assert "--config" in capsys.readouterr().out


def test_app_options_are_passed_through(fake_app, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("x")
    assert cli.main([str(f), "--theme", "light", "--model", "m", "--no-cache", "--debug"]) == 0
    assert fake_app == [{"paths": [str(f)], "theme": "light", "model": "m", "use_cache": False}]


def test_double_dash_opens_a_file_named_like_a_command(fake_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("extract").write_text("an article called extract")
    assert cli.main(["--", "extract"]) == 0
    assert cli.main(["./extract"]) == 0
    assert [c["paths"] for c in fake_app] == [["extract"], ["./extract"]]


def test_missing_paths_exit_1_with_a_hint(fake_app, capsys):
    assert cli.main(["--no-cache", "extract"]) == 1
    assert "'extract' is a command: put it first" in capsys.readouterr().err
    assert cli.main(["extrct"]) == 1
    assert "did you mean 'newsreader extract'" in capsys.readouterr().err
    assert fake_app == []


def test_some_missing_paths_still_open_the_reader(fake_app, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("x")
    assert cli.main([str(f), str(tmp_path / "gone.md")]) == 0
    assert len(fake_app) == 1


def test_reader_refuses_a_terminal_it_cannot_draw_on(monkeypatch, capsys):
    monkeypatch.setattr(cli, "terminal_problem", lambda: "TERM=dumb: this terminal cannot draw the reader")
    assert cli.main([]) == 1
    assert capsys.readouterr().err.strip() == "newsreader: error: TERM=dumb: this terminal cannot draw the reader"


class Tty(io.StringIO):
    def __init__(self, tty=True, encoding="utf-8"):
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self):
        return self._tty

    @property
    def encoding(self):
        return self._encoding


def test_terminal_problem():
    good = {"stdin": Tty(), "out": Tty(), "env": {"TERM": "xterm-256color"}}
    assert cli.terminal_problem(**good) is None
    assert "standard input" in cli.terminal_problem(**{**good, "stdin": Tty(tty=False)})
    assert "standard error" in cli.terminal_problem(**{**good, "out": Tty(tty=False)})
    assert "TERM=dumb" in cli.terminal_problem(**{**good, "env": {"TERM": "dumb"}})
    assert "not UTF-8" in cli.terminal_problem(**{**good, "out": Tty(encoding="ascii")})
    assert cli.terminal_problem(**{**good, "out": Tty(encoding="UTF8")}) is None


# -- extract -------------------------------------------------------------------------------------


def test_extract_jsonl_one_object_per_document(fake_library, run):
    status, out, err = run(["extract", str(fake_library)])
    assert status == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.md", "b.txt"]
    a = records[0]
    for key in ("path", "title", "sha256", "text", "model", "entities", "actors", "reactions", "figures"):
        assert key in a
    assert a["title"] == "Kazakhstan protests" and a["model"] == "fake-1"
    e = a["entities"][0]
    assert a["text"][e["start"] : e["end"]] == e["text"]
    assert a["reactions"][0]["sentence"] == [0, len(a["text"])]


def test_extract_json_is_one_array(fake_library, run):
    status, out, _ = run(["extract", str(fake_library), "--format", "json"])
    data = json.loads(out)
    assert status == 0 and isinstance(data, list) and len(data) == 2


def test_extract_json_with_nothing_found_is_an_empty_array(fake_library, run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    status, out, err = run(["extract", str(empty), "--format", "json"])
    assert status == 0 and json.loads(out) == []
    assert "no documents found" in err


def test_extract_failures_exit_1_and_the_rest_is_written(fake_library, run, tmp_path):
    binary = fake_library / "c.md"
    binary.write_bytes(b"\0\1\2binary")
    crash = fake_library / "d.md"
    crash.write_text("CRASH here")
    partial = fake_library / "e.md"
    partial.write_text("PARTIAL result")
    missing = tmp_path / "gone.md"
    status, out, err = run(["extract", str(fake_library), str(missing)])
    assert status == 1
    names = [Path(json.loads(line)["path"]).name for line in out.splitlines()]
    assert names == ["a.md", "b.txt", "e.md"], "good and partial documents are still written, in order"
    lines = err.splitlines()
    assert f"newsreader: {missing}: no such file or directory" in lines
    assert f"newsreader: {binary}: binary file (not text)" in lines
    assert f"newsreader: {crash}: analysis failed (RuntimeError: analysis exploded)" in lines
    assert any(line.startswith(f"newsreader: {partial}: incomplete analysis") for line in lines)
    assert "Traceback" not in err


def test_hostile_file_names_cannot_drive_the_terminal(fake_library, run, tmp_path):
    evil = tmp_path / "\x1b]0;owned\x07\x1b[2J\u202enews\udcff.md"
    status, _, err = run(["extract", str(evil)])
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202enews\\udcff.md: no such file or directory" in err


def test_json_output_escapes_c1_controls_and_format_characters():
    hostile = "\u202eevil\u2066 \x85\x9b2J \x7f \u200b\u00ad \ufeff \U000e0001"
    record = {"path": f"/tmp/{hostile}.md", "text": "Жители Алматы — café 北京 \U0001f600 " + hostile}
    data = cli._encode(record)
    assert json.loads(data) == record, "escapes decode to the same characters"
    text = data.decode("utf-8")
    assert not [c for c in text if unicodedata.category(c) in ("Cc", "Cf")]
    assert "Жители Алматы — café 北京 \U0001f600" in text, "other non-ASCII stays readable UTF-8"
    assert "\\u202e" in text and "\\udb40\\udc01" in text


def test_json_output_in_pieces_is_the_text_json_dumps_writes(monkeypatch):
    monkeypatch.setattr(cli, "JSON_SLICE", 3)  # every list longer than 3 goes in slices
    hostile = "\u202eevil \x85 café 北京"
    record = {
        "path": "/a.md",
        "text": hostile,
        "entities": [{"text": f"{i}{hostile}", "start": i, "score": i / 7, "none": None} for i in range(10)],
        "empty": [],
        "few": [1, 2, 3],
        "nested": {"deep": [[1, 2, 3, 4], {"x": [True, False, None, 1.5, -0.0]}], "": "empty key"},
        "int keys": {1: "one", 2: "two"},
        "exactly": list(range(6)),
    }
    expected = cli._escape_format_characters(json.dumps(record, ensure_ascii=False)).encode("utf-8")
    pieces = cli._encoded_pieces(record)
    assert len(pieces) > 10  # really in pieces
    assert b"".join(pieces) == expected == cli._encode(record)


def test_json_output_of_a_lone_surrogate_is_still_valid_utf8():
    data = cli._encode({"text": "bad \udcff and \u202e"})
    assert json.loads(data.decode("utf-8")) == {"text": "bad \udcff and \u202e"}
    assert data.isascii()


class NoticingService(FakeService):
    """A service whose notices grow as it works, like a cache that turns itself off."""

    def __init__(self, model=None, use_cache=True):
        super().__init__(model, use_cache)
        self.model_notices = ["rule-only analysis (no model)"]
        self.notices = list(self.model_notices)

    def analyze(self, document):
        self.notices = [*self.model_notices, "analysis cache is read-only; analyses will not be kept"]
        return super().analyze(document)


def test_extract_says_each_service_notice_once_on_stderr(fake_library, run, monkeypatch):
    monkeypatch.setattr(cli, "EXTRACT_BATCH", 1)  # notices are gathered after every batch
    monkeypatch.setattr(cli, "_make_service", lambda model, use_cache: NoticingService(model, use_cache))
    status, out, err = run(["extract", str(fake_library)])
    assert status == 0 and len(out.splitlines()) == 2
    assert err.splitlines() == [
        "newsreader: notice: rule-only analysis (no model)",
        "newsreader: notice: analysis cache is read-only; analyses will not be kept",
    ]


def test_extract_workers_notices_are_said_once(fake_library, run, monkeypatch):
    for n in range(5):
        (fake_library / f"more{n}.md").write_text(f"Kazakhstan {n}")
    monkeypatch.setattr(cli, "_make_service", lambda model, use_cache: NoticingService(model, use_cache))
    status, out, err = run(["extract", str(fake_library), "--jobs", "2"])
    assert status == 0 and len(out.splitlines()) == 7
    assert sorted(err.splitlines()) == [
        "newsreader: notice: analysis cache is read-only; analyses will not be kept",
        "newsreader: notice: rule-only analysis (no model)",
    ]


def test_extract_asked_for_rule_only_keeps_the_model_notice_to_itself(fake_library, run, monkeypatch):
    monkeypatch.setattr(cli, "_make_service", lambda model, use_cache: NoticingService(model, use_cache))
    status, _, err = run(["extract", str(fake_library), "--model", "rule-only"])
    assert status == 0
    assert err.splitlines() == ["newsreader: notice: analysis cache is read-only; analyses will not be kept"]


def test_extract_options_reach_the_service(fake_library, run):
    assert run(["extract", str(fake_library), "--model", "m", "--no-cache"])[0] == 0
    assert [(s.model, s.use_cache) for s in FakeService.instances] == [("m", False)]


def test_extract_output_file_is_written_whole(fake_library, tmp_path, run):
    target = tmp_path / "out.jsonl"
    status, out, _ = run(["extract", str(fake_library), "-o", str(target)])
    assert status == 0 and out == ""
    assert len(target.read_text().splitlines()) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == [], "no temp file left"


def test_extract_output_to_a_device_writes_into_it(fake_library, run):
    # never "atomically replace" /dev/null with a regular file
    assert run(["extract", str(fake_library), "-o", "/dev/null"])[0] == 0
    assert not Path("/dev/null").is_file()
    assert not list(Path("/dev").glob(".null.*"))


def test_extract_output_into_missing_directory_is_a_usage_error(fake_library, tmp_path, capsys):
    assert cli.main(["extract", str(fake_library), "-o", str(tmp_path / "nope" / "out.json")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_extract_broken_pipe_is_quiet(fake_library, monkeypatch, capsys):
    attempts = []

    class Broken:
        def write(self, b):
            attempts.append(b)
            raise BrokenPipeError

        def flush(self):
            raise BrokenPipeError

    class Out:
        buffer = Broken()

        def fileno(self):
            raise io.UnsupportedOperation

    monkeypatch.setattr("sys.stdout", Out())
    status = cli.main(["extract", str(fake_library)])
    assert attempts, "the first record was written into the broken pipe"
    assert status == 0
    assert capsys.readouterr().err == ""


def _die_on_kill(batch):
    """Stand-in worker task (module level so spawned workers can import it)."""
    import os

    if any("KILL" in path for path in batch):
        os._exit(9)  # like the kernel's OOM killer: no exception, no goodbye
    return [(path, {"path": path}, None) for path in batch], []


def test_extract_survives_a_worker_process_dying(fake_library, run, monkeypatch):
    (fake_library / "KILL.md").write_text("this one takes its worker down")
    monkeypatch.setattr(cli, "_worker_batch", _die_on_kill)
    status, out, err = run(["extract", str(fake_library), "--jobs", "2"])
    assert status == 1
    assert f"newsreader: {fake_library / 'KILL.md'}: analysis worker process died" in err
    assert "Traceback" not in err
    for line in out.splitlines():
        assert "KILL" not in json.loads(line)["path"]


# -- cache ---------------------------------------------------------------------------------------


def test_cache_info_and_clear(capsys):
    from newsreader.analysis.cache import AnalysisCache

    assert cli.main(["cache", "info"]) == 0
    assert "no cache file yet" in capsys.readouterr().out
    cache = AnalysisCache()
    cache.put("k1", "v1", Analysis("m"))
    cache.put("k2", "v1", Analysis("m"))
    cache.close()
    assert cli.main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert "analyses: 2" in out and "v1" in out and str(paths.cache_dir()) in out
    assert cli.main(["cache", "clear"]) == 0
    assert "removed 2 cached analyses" in capsys.readouterr().out
    assert cli.main(["cache", "info"]) == 0
    assert "analyses: 0" in capsys.readouterr().out


def test_cache_info_and_clear_cover_the_library_rows(tmp_path, capsys):
    import os
    import time

    from newsreader.library import discover, entry_cache, read_library

    for i in range(3):
        path = tmp_path / f"{i}.md"
        path.write_text(f"# Story {i}\n\nText.\n")
        os.utime(path, (time.time() - 60, time.time() - 60))
    list(read_library(discover([tmp_path])[0]))
    assert cli.main(["cache", "info"]) == 0
    assert "library list rows: 3 files" in capsys.readouterr().out
    assert cli.main(["cache", "clear"]) == 0
    assert "removed the library list rows of 3 files" in capsys.readouterr().out
    assert not entry_cache.default_path().exists()
    assert cli.main(["cache", "info"]) == 0
    assert "library list rows: 0 files" in capsys.readouterr().out


def test_cache_clear_failure_is_reported(monkeypatch, capsys):
    from newsreader.analysis import cache

    def fail(path=None):
        raise cache.CacheError("cannot remove it")

    monkeypatch.setattr(cache, "clear", fail)
    assert cli.main(["cache", "clear"]) == 1
    assert capsys.readouterr().err.strip() == "newsreader: error: cannot remove it"


def test_python_dash_m_newsreader_exits_with_the_status():
    """The module entry point passes main()'s status to the shell (no traceback, no spaCy)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "tui"), os.environ.get("PYTHONPATH")]))}
    version = subprocess.run([sys.executable, "-m", "newsreader", "--version"], env=env, capture_output=True, text=True)
    assert (version.returncode, version.stdout.strip()) == (0, f"newsreader {__version__}")
    usage = subprocess.run([sys.executable, "-m", "newsreader", "extract"], env=env, capture_output=True, text=True)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    assert usage.stderr.strip().splitlines()[-1] == "newsreader: error: the following arguments are required: PATH"
