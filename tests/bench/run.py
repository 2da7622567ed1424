"""``make bench``: newsreader's figures, each beside a competing figure measured in the same run.

    python -m tests.bench.run [--repeat N] [--only WORD]

The headline start-up rows (``terminal:``) are measured from outside, on the screen of a
terminal emulator fed with the program's output (``terminal.py``, ``screen.py``); the rest
are diagnostics. Every number comes from a fresh process (``probe.py``), timed from the moment the process is
started, so interpreter start-up, imports and model loading count as they do for a user. UI
probes run the real app in a pseudo-terminal (160x50) and stop at the first frame written to the
terminal that shows the content; the competitor apps are measured the same way. Peak memory is
the peak resident set of the measured process; multi-process rows are timed in one run and
their memory (all their processes) sampled in another, as the sampler takes CPU.
Inputs that are not in the repository (big articles, a 10,000-file library) are generated in a
temporary folder. A row that fails shows ``error: ...`` in its cell; the table still prints.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
#: Runs of the seed's first-paint rows and the trivial app (their median is reported): a start
#: takes ~0.2 s, and the ratio between them varies by a few percent from run to run.
PAINT_RUNS = 9
TERM_SIZE = (160, 50)  # columns, rows: wide enough for all three panes
TIMEOUT_S = 300
#: The peak memory target for every newsreader row (issue 17; issue 5 asked < 500 MB).
PEAK_MB = 400
#: Interleaved rounds (trivial app, warm start, first start) of the terminal rows; medians shown.
TERMINAL_RUNS = 7
#: First starts on the 10,000-file library (each ~1-2 s).
LIBRARY_RUNS = 3

if str(ROOT / "tui") not in sys.path:
    sys.path.insert(0, str(ROOT / "tui"))

from tests.bench import terminal  # noqa: E402 - after the path set-up


@dataclass
class Run:
    """One process: wall time from start to exit, when its event happened, peak memory, result."""

    wall_s: float = 0.0
    event_s: float | None = None
    rss_kb: int | None = None
    rss_sum_kb: int | None = None  # multi-process rows: summed RSS (rss_kb is then summed PSS)
    result: dict = field(default_factory=dict)
    error: str | None = None


@dataclass
class Cell:
    text: str
    rss: str = ""
    value: float | None = None  # seconds, or tokens/s for throughput cells
    rss_mb: float | None = None


def _tree_memory_kb(root_pid: int) -> tuple[int, int]:
    """(summed VmRSS, summed PSS) over ``root_pid`` and its descendants (multi-process rows).

    Summed RSS counts pages shared between processes (a forked worker's inherited model) once
    per process; PSS splits each shared page between its sharers, so its sum is the memory
    the processes really take. Where PSS is unreadable, the RSS sum stands in for it.
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            fields = stat[stat.rindex(")") + 2 :].split()
            pid, ppid = int(entry.name), int(fields[1])
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            children.setdefault(ppid, []).append(pid)
        except (OSError, ValueError, IndexError):
            continue
    total_rss = total_pss = 0
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        total_rss += rss.get(pid, 0)
        total_pss += _pss_kb(pid, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return total_rss, total_pss


def _pss_kb(pid: int, fallback: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return fallback


def spawn(
    cmd: list[str],
    env: dict[str, str],
    *,
    tty: bool = False,
    tree: bool = False,
    result_file: str | None = None,
    timeout: float = TIMEOUT_S,
) -> Run:
    """Run ``cmd`` to completion, measuring wall time and peak memory (never raises)."""
    run = Run()
    master = None
    try:
        if tty:
            master, slave = os.openpty()
            cols, rows = TERM_SIZE
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            io_kwargs = {"stdin": slave, "stdout": slave, "stderr": slave}
        else:
            slave = None
            io_kwargs = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
        t0 = time.time()
        proc = subprocess.Popen(cmd, env=env, start_new_session=True, cwd=ROOT, **io_kwargs)
        if slave is not None:
            os.close(slave)
    except OSError as exc:
        run.error = f"error: cannot start: {exc}"
        return run

    stop = threading.Event()
    peak_tree = [0, 0]  # summed RSS, summed PSS
    stderr_tail: list[bytes] = []

    def drain_tty() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    def drain_stderr() -> None:
        for chunk in iter(lambda: proc.stderr.read(4096), b""):
            stderr_tail.append(chunk)
            del stderr_tail[:-4]

    def sample_tree() -> None:
        while not stop.wait(0.05):
            rss_kb, pss_kb = _tree_memory_kb(proc.pid)
            peak_tree[0], peak_tree[1] = max(peak_tree[0], rss_kb), max(peak_tree[1], pss_kb)

    threads = [threading.Thread(target=drain_tty if tty else drain_stderr, daemon=True)]
    if tree:
        threads.append(threading.Thread(target=sample_tree, daemon=True))
    for t in threads:
        t.start()

    deadline = time.monotonic() + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, rusage = os.wait4(proc.pid, 0)
            run.error = f"error: timed out after {timeout:.0f} s"
            break
        time.sleep(0.002)
    run.wall_s = time.time() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    with contextlib.suppress(OSError):  # multiprocessing leftovers of a killed run must not outlive the row
        os.killpg(proc.pid, signal.SIGKILL)
    if master is not None:
        os.close(master)
    if tree and peak_tree[1]:
        # several processes: what they take together (PSS), the summed RSS shown beside it
        run.rss_kb, run.rss_sum_kb = peak_tree[1], peak_tree[0]
    else:
        run.rss_kb = max(rusage.ru_maxrss, peak_tree[0])

    if result_file is not None:
        try:
            run.result = json.loads(Path(result_file).read_text())
        except (OSError, ValueError):
            run.result = {}
        if "error" in run.result and not run.error:
            run.error = f"error: {run.result['error']}"
        if "t_event" in run.result:
            run.event_s = run.result["t_event"] - t0
    if run.error is None and proc.returncode != 0:
        tail = b"".join(stderr_tail).decode(errors="replace").strip().splitlines()
        run.error = f"error: exit {proc.returncode}" + (f": {tail[-1][:120]}" if tail else "")
    if run.error is None and result_file is not None and run.event_s is None and not run.result:
        run.error = "error: no result written"
    return run


def timed_apart(make_run) -> Run:
    """A multi-process row: one run timed alone, another run sampled for memory.

    Sampling a process tree's memory reads /proc for every process (smaps_rollup walks the
    page tables of a 300 MB process) twenty times a second: on two cores that takes CPU from
    the processes being timed. So the time comes from a run without the sampler and the
    memory from a second run with it.
    """
    timed = make_run(False)
    if timed.error:
        return timed
    sampled = make_run(True)
    timed.rss_kb, timed.rss_sum_kb = sampled.rss_kb, sampled.rss_sum_kb
    return timed


class Bench:
    def __init__(self, repeat: int, workdir: Path) -> None:
        self.repeat = repeat
        self.workdir = workdir
        self.counter = 0

    def env(self, home: Path | None = None) -> dict[str, str]:
        """A clean environment: own XDG dirs (empty cache unless ``home`` is reused), UTF-8 terminal."""
        if home is None:
            self.counter += 1
            home = self.workdir / f"home{self.counter}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TEXTUAL"))}
        pythonpath = [str(ROOT / "tui"), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env.update(
            PYTHONPATH=os.pathsep.join(pythonpath),
            TERM="xterm-256color",
            COLORTERM="truecolor",
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
        )
        return env

    def probe(self, kind: str, *args: str, home: Path | None = None, tty: bool = False, tree: bool = False) -> Run:
        self.counter += 1
        result = str(self.workdir / f"result{self.counter}.json")
        cmd = [sys.executable, "-m", "tests.bench.probe", result, kind, *map(str, args)]
        return spawn(cmd, self.env(home), tty=tty, tree=tree, result_file=result)

    def best_of(self, make_run, times: int | None = None) -> Run:
        """Median event time over ``times`` runs (each a fresh process); errors win."""
        runs = [make_run() for _ in range(times or self.repeat)]
        failed = [r for r in runs if r.error]
        if failed:
            return failed[0]
        runs.sort(key=lambda r: r.event_s if r.event_s is not None else r.wall_s)
        middle = runs[len(runs) // 2]
        middle.rss_kb = max(r.rss_kb or 0 for r in runs)
        middle.result["spacy_imported"] = any(r.result.get("spacy_imported") for r in runs)
        return middle


def fmt_s(run: Run, value: float | None = None) -> Cell:
    if run.error:
        return Cell(run.error)
    seconds = value if value is not None else run.event_s if run.event_s is not None else run.wall_s
    return Cell(_seconds(seconds), fmt_rss(run), seconds, _mb(run))


def series_cell(seconds: float | None) -> Cell:
    """A median from a terminal series (no memory figure: measured from outside)."""
    if seconds is None:
        return Cell("error: never seen")
    return Cell(_seconds(seconds), "", seconds)


def _seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(run: Run) -> float | None:
    return run.rss_kb / 1024 if run.rss_kb else None


def fmt_rss(run: Run) -> str:
    if not run.rss_kb:
        return ""
    if run.rss_sum_kb:
        return f"{run.rss_kb / 1024:.0f} MB PSS (RSS sum {run.rss_sum_kb / 1024:.0f} MB)"
    return f"{run.rss_kb / 1024:.0f} MB"


def fmt_rate(run: Run, tokens: int | None) -> Cell:
    if run.error:
        return Cell(run.error)
    if not tokens:
        return Cell("error: token count unavailable")
    rate = tokens / run.wall_s
    return Cell(f"{rate:,.0f} tok/s ({run.wall_s:.1f} s)", fmt_rss(run), rate, _mb(run))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=int(os.environ.get("NEWSREADER_BENCH_REPEAT", "3")),
        help="runs per quick row; the median is shown (default 3)",
    )
    parser.add_argument("--only", help="run only rows whose name contains this word")
    args = parser.parse_args(argv)

    from newsreader import paths
    from tests.bench import generate

    seed_dir = paths.bundled_seeds_dir()
    seed = next(iter(sorted(seed_dir.glob("*"))), None) if seed_dir.is_dir() else None
    rows: list[Row] = []

    started = time.time()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as tmp:
        work = Path(tmp)
        bench = Bench(max(1, args.repeat), work)
        inputs = work / "inputs"
        art60 = generate.write_article(inputs / "big60" / "article-60k.md", target_bytes=60_000)
        art600 = generate.write_article(inputs / "big600" / "article-600k.md", target_bytes=600_000, seed=8)
        words10k = generate.write_article(inputs / "words" / "article-10k-words.md", words=10_000, seed=9)
        _progress("generating a library of 10,000 files")
        library = generate.write_library(inputs / "library", 10_000)
        cache: dict[str, Run] = {}

        def wanted(name: str) -> bool:
            return not args.only or args.only.lower() in name.lower()

        def row(name: str, ours, competitor_name: str, theirs, target: Target | None = None) -> None:
            if not wanted(name):
                return
            _progress(name)
            try:
                ours_cell = ours()
            except Exception as exc:  # noqa: BLE001 - one broken row must not lose the table
                ours_cell = Cell(f"error: {type(exc).__name__}: {exc}")
            try:
                theirs_cell = theirs()
            except Exception as exc:  # noqa: BLE001
                theirs_cell = Cell(f"error: {type(exc).__name__}: {exc}")
            rows.append(Row(name, ours_cell, competitor_name, theirs_cell, target))

        def trivial() -> Run:
            if "trivial" not in cache:
                cache["trivial"] = bench.best_of(lambda: bench.probe("paint-trivial", tty=True), PAINT_RUNS)
            return cache["trivial"]

        # -- the headline: what the terminal shows (tests/bench/terminal.py) -----------------------
        series: dict[str, terminal.Series] = {}

        def seed_series() -> dict[str, terminal.Series]:
            if not series:
                problem = terminal.check_seed(seed)
                if problem:
                    raise RuntimeError(problem)
                series.update(
                    terminal.run_seed_series(
                        seed, TERMINAL_RUNS, lambda home: bench.env(home), work / "terminal-warm-home", _progress
                    )
                )
            return series

        def seed_cell(kind: str, watch: str) -> Cell:
            found = seed_series()[kind]
            if found.errors:
                return Cell(f"error: {found.errors[0]}")
            return series_cell(found.median(watch))

        def trivial_cell() -> Cell:
            return seed_cell("trivial", "text")

        if seed is None:
            rows.append(Row("seed article", Cell("error: no bundled seed article"), "", Cell("")))
        else:
            row(
                "terminal: seed, first paint (text on screen), cached start",
                lambda: seed_cell("warm", "text"),
                "trivial Textual app, text on screen",
                trivial_cell,
                Target("<= 1.3x competitor", lambda ours, theirs: ours <= 1.3 * theirs),
            )
            row(
                "terminal: seed, first paint (text on screen), first start",
                lambda: seed_cell("cold", "text"),
                "trivial Textual app, text on screen",
                trivial_cell,
                Target("<= 1.3x competitor", lambda ours, theirs: ours <= 1.3 * theirs),
            )
            row(
                "terminal: seed, warm (cached), fully highlighted",
                lambda: seed_cell("warm", "highlighted"),
                "trivial Textual app, text on screen",
                trivial_cell,
                Target("<= 1.4x competitor", lambda ours, theirs: ours <= 1.4 * theirs),
            )
            row(
                "terminal: seed, warm, highlights after the text (same run)",
                lambda: series_cell(seed_series()["warm"].median_gap("text", "highlighted")),
                "warm, actors panel after the text",
                lambda: series_cell(seed_series()["warm"].median_gap("text", "panel")),
            )
            row(
                "terminal: seed, cold (no cache), fully highlighted",
                lambda: seed_cell("cold", "highlighted"),
                "bare spaCy: load model + parse seed",
                lambda: fmt_s(bench.best_of(lambda: bench.probe("spacy-parse", seed, "1"))),
                Target("< 2.5 s", lambda ours, theirs: ours < 2.5),
            )

        library_runs: dict[str, terminal.Series] = {}

        def library_cell(watch: str) -> Cell:
            if "first" not in library_runs:
                library_runs["first"] = terminal.run_library_series(library, LIBRARY_RUNS, lambda home: bench.env(home))
            found = library_runs["first"]
            if found.errors:
                return Cell(f"error: {found.errors[0]}")
            return series_cell(found.median(watch))

        row(
            "terminal: library of 10,000 files, an article shown, first start",
            lambda: library_cell("article"),
            "same runs: first rows listed",
            lambda: library_cell("rows"),
            Target("<= 0.8 s", lambda ours, theirs: ours <= 0.8),
        )
        row(
            "terminal: library of 10,000 files, the open article's place in the list (n/N)",
            lambda: library_cell("listed"),
            "same runs: first rows listed",
            lambda: library_cell("rows"),
        )

        # -- diagnostics: in-process probes (the moment the app hands a frame to its driver) -------
        if seed is not None:
            row(
                "seed: first paint (article text on screen)",
                lambda: fmt_s(
                    bench.best_of(lambda: bench.probe("paint-newsreader", "article", seed, tty=True), PAINT_RUNS)
                ),
                "trivial Textual app, first paint",
                lambda: fmt_s(trivial()),
            )

            warm_home = work / "warm-home"

            def cold() -> Cell:
                runs = []
                for i in range(bench.repeat):
                    home = warm_home if i == 0 else None  # the first run's cache serves the warm row
                    runs.append(bench.probe("paint-newsreader", "analysed", seed, tty=True, home=home))
                good = [r for r in runs if not r.error] or runs
                good.sort(key=lambda r: r.event_s or 0)
                return fmt_s(good[len(good) // 2]) if not good[0].error else fmt_s(good[0])

            row(
                "seed: cold, analysed + highlighted (model load incl.)",
                cold,
                "bare spaCy: load model + parse seed",
                lambda: fmt_s(bench.best_of(lambda: bench.probe("spacy-parse", seed, "1"))),
                Target("< 2.5 s", lambda ours, theirs: ours < 2.5),
            )

            def warm() -> Cell:
                if not (warm_home / "cache").exists():  # the cold row did not run (--only): fill the cache
                    bench.probe("paint-newsreader", "analysed", seed, tty=True, home=warm_home)
                run = bench.best_of(
                    lambda: bench.probe("paint-newsreader", "analysed", seed, tty=True, home=warm_home), PAINT_RUNS
                )
                cell = fmt_s(run)
                if run.result.get("spacy_imported"):
                    # a run missed the cache (data files changed since the cold run?): not a warm figure
                    cell.text += " (a run missed the cache)"
                return cell

            row(
                "seed: warm (cached), analysed + highlighted",
                warm,
                "trivial Textual app, first paint",
                lambda: fmt_s(trivial()),
                Target("<= 1.5x competitor", lambda ours, theirs: ours <= 1.5 * theirs),
            )

        for label, path in (("60 KB", art60), ("600 KB", art600)):
            row(
                f"{label} article: first paint",
                lambda p=path: fmt_s(bench.best_of(lambda: bench.probe("paint-newsreader", "article", p, tty=True))),
                "Textual MarkdownViewer, same file",
                lambda p=path: fmt_s(bench.best_of(lambda: bench.probe("paint-markdown", p, tty=True))),
                Target("< 1 s", lambda ours, theirs: ours < 1.0)
                if label == "600 KB"
                else Target("< competitor", lambda ours, theirs: ours < theirs),
            )

        tokens: dict[int, Run] = {}

        def pipe(n: int) -> Run:
            if n not in tokens:
                tokens[n] = (
                    timed_apart(lambda tree: bench.probe("spacy-pipe", DEV_CORPUS, str(n), tree=tree))
                    if n > 1
                    else bench.probe("spacy-pipe", DEV_CORPUS, str(n))
                )
            return tokens[n]

        def bare_rate() -> float | None:
            """Tokens/s of the bare single-process pipeline: what the extract targets are relative to."""
            return fmt_rate(pipe(1), pipe(1).result.get("tokens")).value

        def extract(jobs: int) -> Cell:
            count = pipe(1).result.get("tokens")
            cmd = [sys.executable, "-m", "newsreader", "extract", str(DEV_CORPUS), "--no-cache", "--jobs", str(jobs)]
            run = timed_apart(lambda tree: spawn(cmd, bench.env(), tree=tree)) if jobs > 1 else spawn(cmd, bench.env())
            return fmt_rate(run, count)

        if DEV_CORPUS.is_dir():
            for jobs in (1, 2):
                factor = 0.95 if jobs == 1 else 1.7  # issue 17 (issue 5 asked 0.8x and 1.6x)
                row(
                    f"extract corpus/dev ({len(list(DEV_CORPUS.iterdir()))} files), {jobs} job{'s' * (jobs > 1)}",
                    lambda j=jobs: extract(j),
                    f"bare spaCy load + nlp.pipe, n_process={jobs}",
                    lambda j=jobs: fmt_rate(pipe(j), pipe(1).result.get("tokens")),
                    Target(
                        f">= {factor}x bare n_process=1",
                        lambda ours, theirs, f=factor: ours >= f * (bare_rate() or float("inf")),
                        ratio_to=bare_rate,
                    ),
                )
        else:
            rows.append(Row("extract corpus/dev", Cell(f"error: {DEV_CORPUS} missing"), "", Cell("")))

        article_runs: dict[tuple[str, Path], Run] = {}

        def analysis_run(kind: str, path: Path) -> Run:
            if (kind, path) not in article_runs:
                article_runs[kind, path] = bench.probe(kind, path, "3")
            return article_runs[kind, path]

        def per_article(path: Path) -> Cell:
            run = analysis_run("analyze", path)
            return fmt_s(run, run.result.get("median_s"))

        def bare_parse(path: Path) -> Cell:
            run = analysis_run("spacy-parse", path)
            return fmt_s(run, run.result.get("median_s"))

        def per_thousand_words(kind: str) -> Cell:
            run = analysis_run(kind, words10k)
            words = len(words10k.read_text(encoding="utf-8").split())
            median = run.result.get("median_s")
            if run.error or median is None or not words:
                return Cell(run.error or "error: no analysis time")
            return fmt_s(run, median * 1000 / words)

        if seed is not None:
            row(
                "analysis time per article: seed",
                lambda: per_article(seed),
                "bare spaCy nlp(text), same text",
                lambda: bare_parse(seed),
            )
        row(
            "analysis time per article: 10,000 words",
            lambda: per_article(words10k),
            "bare spaCy nlp(text), same text",
            lambda: bare_parse(words10k),
        )
        row(
            "analysis time per 1,000 words (the 10,000-word article)",
            lambda: per_thousand_words("analyze"),
            "bare spaCy nlp(text), same text",
            lambda: per_thousand_words("spacy-parse"),
            Target("<= 1.1x competitor", lambda ours, theirs: ours <= 1.1 * theirs),
        )

        from tests.bench import memory  # issue 18: extract's peak memory per line structure

        memory.add_rows(row, bench, inputs)

        dirtree: dict[str, Cell] = {}

        def directory_tree() -> Cell:
            if "cell" not in dirtree:
                dirtree["cell"] = fmt_s(bench.best_of(lambda: bench.probe("paint-dirtree", library, tty=True), 1))
            return dirtree["cell"]

        library_home = work / "library-home"
        row(
            "library of 10,000 files: list usable (first rows shown), first start",
            lambda: fmt_s(bench.best_of(lambda: bench.probe("paint-newsreader", "library-rows", library, tty=True), 1)),
            "Textual DirectoryTree, same folder",
            directory_tree,
            Target("< 1 s", lambda ours, theirs: ours < 1.0),
        )
        row(
            "library of 10,000 files: all listed + first article shown, first start",
            lambda: fmt_s(bench.probe("paint-newsreader", "library", library, tty=True, home=library_home)),
            "Textual DirectoryTree, same folder",
            directory_tree,
        )
        row(
            "library of 10,000 files: all listed + first article shown, second start",
            lambda: fmt_s(bench.probe("paint-newsreader", "library", library, tty=True, home=library_home)),
            "Textual DirectoryTree, same folder",
            directory_tree,
            Target("< 1 s", lambda ours, theirs: ours < 1.0),
        )

        from tests.bench import feeds as feeds_bench  # fetching feeds (issue 19): rows in their own module

        feeds_bench.add_rows(row, bench, work)

    print_table(rows, args.repeat, (load_before, os.getloadavg()[0]), started)
    return 0


def _progress(message: str) -> None:
    print(f"bench: {message}…", file=sys.stderr, flush=True)


@dataclass
class Target:
    """A goal from issue 5 for one row: ``met(ours, theirs)`` on the cells' values."""

    text: str
    met: object  # Callable[[float, float | None], bool]
    ratio_to: object = None  # Callable[[], float | None]: show ours / this value (throughput rows)

    def verdict(self, ours: Cell, theirs: Cell) -> str:
        if ours.value is None:
            return f"{self.text}: no figure"
        try:
            ok = self.met(ours.value, theirs.value if theirs.value is not None else float("nan"))
        except Exception:  # noqa: BLE001 - a missing competitor figure
            return f"{self.text}: no figure"
        extra = ""
        if self.ratio_to is not None:
            reference = self.ratio_to()
            extra = f" ({ours.value / reference:.2f}x)" if reference else ""
        elif theirs.value:
            extra = f" ({ours.value / theirs.value:.2f}x competitor)"
        return f"{self.text}: {'met' if ok else 'MISSED'}{extra}"


@dataclass
class Row:
    name: str
    ours: Cell
    competitor: str
    theirs: Cell
    target: Target | None = None


def machine_description() -> str:
    """CPU model, cores, memory, OS and the versions that matter, for the table's heading."""
    import platform
    from importlib import metadata

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
                break
    except (OSError, ValueError):
        pass
    versions = []
    for dist in ("textual", "spacy"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    try:
        from newsreader.analysis.versions import resolve_model

        choice = resolve_model()
        versions.append(f"model {choice.name} {choice.version}")
    except Exception:  # noqa: BLE001 - decoration only
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, " + ", ".join(versions)
    )


def print_table(rows: list[Row], repeat: int, load: tuple[float, float], started: float | None = None) -> None:
    """One Markdown table (pastes into docs/performance.md as it is), the date and machine above it."""
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started if started is not None else time.time()))
    print(f"newsreader benchmark, {when}")
    print(f"Machine: {machine_description()}")
    print()
    headers = (
        "measure",
        "newsreader",
        "peak memory",
        "competitor",
        "competitor figure",
        "peak memory",
        "target (issues 5, 17)",
    )
    table = [headers] + [
        (
            r.name,
            r.ours.text,
            r.ours.rss,
            r.competitor,
            r.theirs.text,
            r.theirs.rss,
            r.target.verdict(r.ours, r.theirs) if r.target else "",
        )
        for r in rows
    ]
    table = [tuple(cell.replace("|", "/") for cell in line) for line in table]
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]

    def fmt(line) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"

    print(fmt(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in table[1:]:
        print(fmt(line))
    print()
    peaks = [(r.ours.rss_mb, r.name) for r in rows if r.ours.rss_mb is not None]
    if peaks:
        peak, where = max(peaks)
        print(
            f"Peak memory <= {PEAK_MB} MB for every newsreader row (RSS; multi-process rows: summed PSS): "
            f"{'met' if peak <= PEAK_MB else 'MISSED'} (largest {peak:.0f} MB: {where})."
        )
    print(
        f"Rows marked 'terminal:' are the headline: each program is started as a user starts it (newsreader by its "
        f"console script, the trivial app as a script) in a {terminal.TERM_SIZE[0]}x{terminal.TERM_SIZE[1]} "
        f"pseudo-terminal whose output is played into the pyte terminal emulator; a time is the moment the byte "
        f"that put the watched thing on the emulated screen was read (text: a word of the seed's first paragraph; "
        f"fully highlighted: the theme's person colour on a name in the text; library: an article in the article "
        f"pane, 'Loading…' gone, its length on the status line; listed: its place in the pane's title). Medians of {TERMINAL_RUNS} interleaved rounds (trivial, warm, first start) "
        f"and of {LIBRARY_RUNS} library first starts. The rows below them are in-process probes, kept as diagnostics."
    )
    print(
        f"Times run from process start (imports, model load included) to the first frame written to the terminal "
        f"showing the content; median of {repeat} runs (the seed's first-paint and warm rows and the trivial app: "
        f"{PAINT_RUNS}; extract, library and cold rows as noted: 1 run or median of the cold runs); newsreader started "
        f"through its command's entry point; {TERM_SIZE[0]}x{TERM_SIZE[1]} pseudo-terminal. Per-article rows: median analysis time, pipeline "
        f"already loaded. Throughput: corpus tokens (bare spaCy count) / process wall time. Multi-process rows: timed "
        f"in one run; peak memory, from a second run (sampling /proc takes CPU), of all the processes together (summed PSS: pages they share counted once; the summed RSS, "
        f"which counts them once per process, beside it). 'First start': empty "
        f"caches; 'second start': the caches the first start left. Load average {load[0]:.1f} before and "
        f"{load[1]:.1f} after the run on {os.cpu_count()} CPUs (other load skews the figures)."
    )


if __name__ == "__main__":
    sys.exit(main())
