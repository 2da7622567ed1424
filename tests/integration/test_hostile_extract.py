"""``newsreader extract`` over a folder of hostile files, run as a real subprocess.

Contract (cli.py, issue 6): exit 1 only because some files could not be read, each such file
named once on stderr, every other file written; stdout is valid JSON; neither stream carries a
raw control character or bidi control from a document or a file name (JSON escapes them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "hostile"))
from hostile_cases import PAYLOADS, UNREADABLE, all_cases, small_cases, write_cases

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The big shapes that analyse in a second or two; the 100,000 numbers take ~20 s (rule-only) and
# stay out of the default run.
FAST_BIG = {"one-mb-line", "deep-quotes", "deep-lists", "table"}
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def run_cli(args: list[str], env_extra: dict[str, str] | None = None, prelude: str = "", timeout: float = 240):
    """Run ``newsreader`` (optionally after some Python ``prelude``) and return the completed process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tui"), **(env_extra or {}))
    env.pop("NO_COLOR", None)
    code = f"import sys\n{prelude}\nfrom newsreader.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([PYTHON, "-c", code, *args], capture_output=True, timeout=timeout, env=env)


def raw_controls(data: bytes, allow: str = "\n") -> list[str]:
    """Control and bidi characters in ``data`` (which must be UTF-8), other than ``allow``."""
    text = data.decode("utf-8")  # raises if the output is not valid UTF-8
    return sorted({repr(c) for c in text if c not in allow and (unicodedata.category(c) == "Cc" or c in BIDI)})


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "lib"
    write_cases(folder, small_cases() + [c for c in all_cases() if c[0] in FAST_BIG])
    # File-system cases: a folder named like a file, a broken link, a link loop, a name that is
    # not UTF-8, a named pipe (reading it would block forever).
    (folder / "dir.md").mkdir()
    (folder / "dir.md" / "inner.md").write_text("# Inside\n\nA file in a folder named dir.md.\n")
    (folder / "broken.md").symlink_to(folder / "nowhere.md")
    (folder / "loop").symlink_to(folder)
    with open(os.fsencode(folder) + b"/latin\xff-name.md", "wb") as fh:
        fh.write(b"# Latin name\n\nA name that is not UTF-8.\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.md")
    return folder


@pytest.fixture(scope="module")
def extracted(library, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    proc = run_cli(
        ["extract", str(library), "--format", "json", "--model", "rule-only"], {"XDG_CACHE_HOME": str(cache)}
    )
    return proc


def test_exit_status_is_one_for_the_unreadable_files(extracted) -> None:
    assert extracted.returncode == 1, extracted.stderr.decode(errors="replace")


def test_stdout_is_valid_json_with_a_record_per_readable_file(extracted, library) -> None:
    records = json.loads(extracted.stdout.decode("utf-8"))
    names = {Path(r["path"]).name for r in records}
    readable = {file_name for name, file_name, _ in small_cases() if name not in UNREADABLE}
    readable |= {file_name for name, file_name, _ in all_cases() if name in FAST_BIG}
    readable |= {"inner.md", os.fsdecode(b"latin\xff-name.md")}
    assert names == readable
    for record in records:
        text = record["text"]
        for e in record["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
        assert all(payload not in text + record["title"] for payload in PAYLOADS)


def test_each_failure_is_one_line_on_stderr(extracted, library) -> None:
    lines = extracted.stderr.decode("utf-8").splitlines()
    failing = {file_name for name, file_name, _ in small_cases() if name in UNREADABLE} | {"broken.md"}
    for file_name in failing:
        assert sum(file_name in line for line in lines) == 1, (file_name, lines)
    assert all(line.startswith("newsreader: ") for line in lines), lines
    assert not any("Traceback" in line for line in lines)


def test_no_raw_control_characters_on_stdout_or_stderr(extracted) -> None:
    assert raw_controls(extracted.stdout.replace("\u202e".encode(), b"")) == []
    assert raw_controls(extracted.stderr) == []


def test_no_raw_bidi_controls_on_stdout(extracted) -> None:
    assert raw_controls(extracted.stdout) == []


def test_jsonl_lines_are_each_valid_json(library, tmp_path) -> None:
    picked = [library / "osc.md", library / "c0.md", library / "photo.md", library / "markup.md"]
    proc = run_cli(["extract", *map(str, picked), "--model", "rule-only", "--no-cache"])
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    assert [Path(json.loads(line)["path"]).name for line in lines] == ["osc.md", "c0.md", "markup.md"]
    assert b"photo.md: binary file" in proc.stderr
    assert raw_controls(proc.stdout) == [] and raw_controls(proc.stderr) == []


def test_all_readable_files_exit_zero(library) -> None:
    proc = run_cli(
        ["extract", str(library / "markup.md"), str(library / "u16le.md"), "--model", "rule-only", "--no-cache"]
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2


@pytest.mark.skipif(ROOT_USER, reason="root reads files whatever their mode")
def test_an_unreadable_file_fails_alone(tmp_path) -> None:
    (tmp_path / "ok.md").write_text("# Fine\n\nParis.\n")
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nx\n")
    secret.chmod(0)
    proc = run_cli(["extract", str(tmp_path), "--model", "rule-only", "--no-cache"])
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    assert b"secret.md" in proc.stderr


# ----------------------------------------------------------------- cache and model environment


def test_corrupt_cache_is_rebuilt_and_extract_carries_on(library, tmp_path) -> None:
    cache = tmp_path / "cache"
    (cache / "newsreader").mkdir(parents=True)
    (cache / "newsreader" / "analysis.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    proc = run_cli(["extract", str(library / "markup.md"), "--model", "rule-only"], {"XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "[bold red]Boom[/] [@click=app.quit]Quit[/]"
    assert b"Traceback" not in proc.stderr


def test_unwritable_cache_dir_is_bypassed(library, tmp_path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    proc = run_cli(["extract", str(library / "markup.md"), "--model", "rule-only"], {"XDG_CACHE_HOME": str(blocker)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"].startswith("[bold red]Boom[/]")


def test_full_cache_disk_is_bypassed(library, tmp_path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    cache = tmp_path / "cache"
    (cache / "newsreader").mkdir(parents=True)
    (cache / "newsreader" / "analysis.sqlite").symlink_to("/dev/full")
    proc = run_cli(["extract", str(library / "markup.md"), "--model", "rule-only"], {"XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("[bold red]")


def test_unwritable_cache_dir_is_said_on_stderr(library, tmp_path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    proc = run_cli(["extract", str(library / "markup.md"), "--model", "rule-only"], {"XDG_CACHE_HOME": str(blocker)})
    assert b"cache" in proc.stderr


NO_MODEL = "import newsreader.analysis.versions as v\nv.MODEL_PREFERENCE = ()"


def test_no_model_installed_falls_back_to_rule_only(library) -> None:
    proc = run_cli(["extract", str(library / "bom8.md"), "--no-cache"], prelude=NO_MODEL)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["model"] == "rule-only"
    assert any("rule-only" in notice for notice in record["notices"])


def test_no_model_installed_is_said_on_stderr(library) -> None:
    proc = run_cli(["extract", str(library / "bom8.md"), "--no-cache"], prelude=NO_MODEL)
    assert b"rule-only" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_given_by_name_is_reported_not_read(library) -> None:
    proc = run_cli(
        ["extract", str(library / "pipe.md"), str(library / "crlf.md"), "--no-cache", "--model", "rule-only"],
        timeout=60,
    )
    assert proc.returncode == 1
    assert b"pipe.md" in proc.stderr and len(proc.stdout.splitlines()) == 1


def test_worker_processes_give_the_same_records(library, extracted) -> None:
    picked = [library / n for n in ("osc.md", "photo.md", "c0.md", "unicode.md", "noise.txt", "cp1252.md")]
    one = run_cli(["extract", *map(str, picked), "--model", "rule-only", "--no-cache"])
    two = run_cli(["extract", *map(str, picked), "--model", "rule-only", "--no-cache", "--jobs", "2"])
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert sorted(one.stderr.splitlines()) == sorted(two.stderr.splitlines())
    assert raw_controls(two.stdout) == [] and raw_controls(two.stderr) == []
