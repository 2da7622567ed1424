"""One measurement in a fresh process: ``python -m tests.bench.probe RESULT.json KIND [ARGS...]``.

The bench (``run.py``) starts each probe in its own process so start-up, imports and model
loading are counted, and so each probe's peak memory is its own. Probes write what they saw to
RESULT.json; times are absolute (``time.time()``) so the harness measures from the moment it
started the process.

UI probes run the app for real inside a pseudo-terminal the harness provides, so painting
includes the terminal output. Every UI probe uses the same method: the time is noted when the
app writes a frame to the terminal while "the content is there" holds (for the trivial app: its
label exists; for newsreader: the article is in the view, or its analysis is attached), and the
process exits at once. That is the first frame the user sees with the content: not earlier
(nothing is on the screen before a frame is written) and not a refresh later. newsreader is
started through its command's entry point (``cli.main``), as the ``newsreader`` script does.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
import traceback
from pathlib import Path

TIMEOUT_S = 180.0


def _vmhwm_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _write(result_path: str, data: dict) -> None:
    data.setdefault("rss_kb", _vmhwm_kb())
    data.setdefault("spacy_imported", "spacy" in sys.modules)
    tmp = f"{result_path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, result_path)


# -- UI probes -----------------------------------------------------------------------------------


def _watch_frames(result_path: str, app_class: type, ready) -> None:
    """From now on, at the first frame an ``app_class`` app writes while ``ready(app)`` holds,
    record the time and exit; give up after ``TIMEOUT_S``.

    Frames are caught where Textual hands a rendered update to the terminal driver
    (``App._display``, a private method: this probe must follow Textual if it changes). The
    hook is on the class so that an app built by the command's own entry point is watched.
    """
    display = app_class._display

    def display_and_check(app, screen, renderable) -> None:
        display(app, screen, renderable)
        if renderable is None:
            return
        try:
            done = ready(app)
        except Exception as exc:  # noqa: BLE001 - reported in the table cell
            _write(result_path, {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()})
            os._exit(4)
        if done:
            _write(result_path, {"t_event": time.time()})
            # Leave at once: worker threads (analysis) must not stretch the process past the event.
            os._exit(0)

    app_class._display = display_and_check

    def give_up() -> None:
        _write(result_path, {"error": "timed out waiting for the screen"})
        os._exit(3)

    timer = threading.Timer(TIMEOUT_S, give_up)
    timer.daemon = True
    timer.start()


def _run_ui(result_path: str, app, ready) -> None:
    """Run ``app`` in the terminal until its first frame written while ``ready(app)`` holds."""
    _watch_frames(result_path, type(app), ready)
    app.run()
    # app.run returned without a frame showing the content: the app stopped on its own
    if not os.path.exists(result_path):
        _write(result_path, {"error": "the app exited before the screen was ready"})


def paint_trivial(result_path: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Trivial(App):
        def compose(self) -> ComposeResult:
            yield Static("Hello, terminal.", id="hello")

    app = Trivial()
    _run_ui(result_path, app, lambda a: bool(a.query("#hello")))


def paint_markdown(result_path: str, path: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import MarkdownViewer

    text = Path(path).read_text(encoding="utf-8")

    class Viewer(App):
        def compose(self) -> ComposeResult:
            yield MarkdownViewer(text, show_table_of_contents=False)

    app = Viewer()

    def ready(a) -> bool:
        # the first batch of blocks is mounted (Textual mounts big documents in batches)
        viewer = a.query(MarkdownViewer)
        return bool(viewer) and bool(viewer.first().document.query("MarkdownBlock"))

    _run_ui(result_path, app, ready)


def paint_dirtree(result_path: str, path: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DirectoryTree

    class Tree(App):
        def compose(self) -> ComposeResult:
            yield DirectoryTree(path)

    app = Tree()

    def ready(a) -> bool:
        tree = a.query(DirectoryTree)
        return bool(tree) and bool(tree.first().root.children)

    _run_ui(result_path, app, ready)


def paint_newsreader(result_path: str, until: str, *paths: str) -> None:
    """The ``newsreader PATH...`` command as a user starts it: its entry point (argument
    parsing, checks, imports) is part of the time."""
    from textual.app import App

    from newsreader import cli

    conditions = {
        # the article's text is in the view (analysis may still be running)
        "article": lambda a: a.document is not None and a.article.document is a.document,
        # its analysis is attached (highlights and the actors panel are drawn on this refresh)
        "analysed": lambda a: a.analysis is not None and not a.analysing,
        # the whole library is listed and the first article shown
        "library": lambda a: a.library_ready and a.document is not None and a.article.document is a.document,
        # the list shows its first rows and can be navigated (the rest may still be loading)
        "library-rows": lambda a: bool(getattr(a, "library_entries", None)),
    }
    # On Textual's App class: importing the reader here would move its import cost out of the command.
    _watch_frames(result_path, App, conditions[until])
    status = cli.main(["--", *paths])
    if not os.path.exists(result_path):
        _write(result_path, {"error": f"newsreader exited (status {status}) before the screen was ready"})


# -- analysis probes -------------------------------------------------------------------------------


def analyze_file(result_path: str, path: str, repeat: str = "3") -> None:
    """newsreader's full analysis of one article (pipeline already loaded)."""
    from newsreader.analysis.analyze import analyze
    from newsreader.analysis.pipeline import load_pipeline
    from newsreader.library import load_document

    text = load_document(Path(path)).text
    pipeline = load_pipeline()
    times = []
    for _ in range(int(repeat)):
        start = time.perf_counter()
        result = analyze(text, pipeline)
        times.append(time.perf_counter() - start)
    _write(
        result_path,
        {
            "t_event": time.time(),
            "median_s": statistics.median(times),
            "first_s": times[0],
            "words": len(text.split()),
            "entities": len(result.entities),
            "model": pipeline.name,
        },
    )


def spacy_parse(result_path: str, path: str, repeat: str = "3") -> None:
    """The bare model (spacy.load + nlp(text)) on the same text: what analysis adds to it."""
    import spacy

    from newsreader.analysis.versions import resolve_model
    from newsreader.library import load_document

    text = load_document(Path(path)).text
    nlp = spacy.load(resolve_model().name)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    times = []
    for _ in range(int(repeat)):
        start = time.perf_counter()
        doc = nlp(text)
        times.append(time.perf_counter() - start)
    _write(
        result_path,
        {"t_event": time.time(), "median_s": statistics.median(times), "first_s": times[0], "tokens": len(doc)},
    )


def spacy_pipe(result_path: str, folder: str, n_process: str = "1") -> None:
    """The bare model over a folder with nlp.pipe: the throughput extract competes with."""
    import spacy

    from newsreader.analysis.versions import resolve_model

    files = sorted(p for p in Path(folder).rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file())
    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    nlp = spacy.load(resolve_model().name)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=int(n_process), batch_size=8))
    _write(result_path, {"t_event": time.time(), "tokens": tokens, "documents": len(texts)})


PROBES = {
    "paint-trivial": paint_trivial,
    "paint-markdown": paint_markdown,
    "paint-dirtree": paint_dirtree,
    "paint-newsreader": paint_newsreader,
    "analyze": analyze_file,
    "spacy-parse": spacy_parse,
    "spacy-pipe": spacy_pipe,
}


def main(argv: list[str]) -> int:
    result_path, kind, *args = argv
    try:
        PROBES[kind](result_path, *args)
    except Exception as exc:  # noqa: BLE001 - reported in the table cell
        _write(result_path, {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
