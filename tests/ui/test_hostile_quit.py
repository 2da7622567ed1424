"""Issue 18: q ends the reader although a document is still being parsed (a parse may take
minutes, or never end): worker threads are daemon threads nobody waits for at exit
(ui/quit_fast.py). Web pages and feeds are never parsed on the UI thread before the first paint.
"""

from __future__ import annotations

import os
import sys
import threading

import pytest

from newsreader.library import FORMATS
from newsreader.ui import app as app_module
from newsreader.ui.quit_fast import QuitFastExecutor
from test_hostile_render import ROOT, run_in_pty

HANG = """
import threading
import newsreader.library.loading as loading

_real = loading.parse_bytes


def parse_bytes(data, path="", truncated=False):
    if "hang" in str(path):
        threading.Event().wait()  # a parse that never ends
    return _real(data, path, truncated)


loading.parse_bytes = parse_bytes
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test written for Linux")
def test_q_quits_while_a_document_load_never_ends(tmp_path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HANG, encoding="utf-8")
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "hang.md").write_text("# Never parsed\n\nThe parse of this article never ends.\n", encoding="utf-8")
    env = {"PYTHONPATH": f"{hooks}{os.pathsep}{ROOT / 'tui'}", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    # The window only guards against hanging forever (the old behaviour): q is typed at 1 s.
    out, status = run_in_pty(
        [str(lib), "--model", "rule-only", "--no-cache"], [(1.0, b"q")], seconds=60, env_extra=env, ready=b"Library"
    )
    assert b"Library" in out, out[-300:]
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (status, out[-300:])


def test_the_pool_never_waits_for_a_running_task() -> None:
    release = threading.Event()
    pool = QuitFastExecutor(max_workers=2)
    running = threading.Event()

    def stuck() -> None:
        running.set()
        release.wait()

    future = pool.submit(stuck)
    queued = [pool.submit(stuck) for _ in range(3)]
    running.wait()
    pool.shutdown(wait=True)  # returns although a task is still running
    assert not future.done() and any(f.cancelled() for f in queued)
    assert all(t.daemon for t in pool._threads)
    release.set()


def test_only_markdown_and_text_are_read_on_the_ui_thread(tmp_path) -> None:
    assert FORMATS.suffixes(quick=True) == {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text"}
    page = tmp_path / "small.html"
    page.write_text("<html><body><p>" + "<span>x</span>" * 100 + "</p></body></html>", encoding="utf-8")
    feed = tmp_path / "small.xml"
    feed.write_text("<rss version='2.0'><channel><title>T</title></channel></rss>", encoding="utf-8")
    text = tmp_path / "small.md"
    text.write_text("# Small\n\nText.\n", encoding="utf-8")
    for paths, small in (([page], False), ([feed], False), ([text, page], False), ([text], True)):
        reader = app_module.NewsreaderApp([str(p) for p in paths], service=False, index=False)
        assert reader._measure_library() is small, paths
