"""``make bench``: newsreader's figures, each beside a competing figure measured in the same run.

    python -m tests.bench.run [--repeat N] [--only WORD]

Every number comes from a fresh process (``probe.py``), timed from the moment the process is
started, so interpreter start-up, imports and model loading count as they do for a user. UI
probes run the real app in a pseudo-terminal (160x50) and stop at the first refresh after the
content is on screen; the competitor apps are measured the same way. Peak memory is the peak
resident set of the measured process (of all its processes for the multi-process rows).
Inputs that are not in the repository (big articles, a 10,000-file library) are generated in a
temporary folder. A row that fails shows ``error: ...`` in its cell; the table still prints.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import statistics
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
TERM_SIZE = (160, 50)  # columns, rows: wide enough for all three panes
TIMEOUT_S = 300

if str(ROOT / "tui") not in sys.path:
    sys.path.insert(0, str(ROOT / "tui"))


@dataclass
class Run:
    """One process: wall time from start to exit, when its event happened, peak memory, result."""

    wall_s: float = 0.0
    event_s: float | None = None
    rss_kb: int | None = None
    result: dict = field(default_factory=dict)
    error: str | None = None


@dataclass
class Cell:
    text: str
    rss: str = ""


def _tree_rss_kb(root_pid: int) -> int:
    """Sum of VmRSS over ``root_pid`` and its descendants (for multi-process rows)."""
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
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def spawn(cmd: list[str], env: dict[str, str], *, tty: bool = False, tree: bool = False,
          result_file: str | None = None, timeout: float = TIMEOUT_S) -> Run:
    """Run ``cmd`` to completion, measuring wall time and peak memory (never raises)."""
    run = Run()
    master = None
    try:
        if tty:
            master, slave = os.openpty()
            cols, rows = TERM_SIZE
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            io_kwargs = dict(stdin=slave, stdout=slave, stderr=slave)
        else:
            slave = None
            io_kwargs = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t0 = time.time()
        proc = subprocess.Popen(cmd, env=env, start_new_session=True, cwd=ROOT, **io_kwargs)
        if slave is not None:
            os.close(slave)
    except OSError as exc:
        run.error = f"error: cannot start: {exc}"
        return run

    stop = threading.Event()
    peak_tree = [0]
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
            peak_tree[0] = max(peak_tree[0], _tree_rss_kb(proc.pid))

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
    try:
        # multiprocessing leftovers of a killed run must not outlive the row
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    if master is not None:
        os.close(master)
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
            PYTHONPATH=os.pathsep.join(pythonpath), TERM="xterm-256color", COLORTERM="truecolor",
            LANG="C.UTF-8", LC_ALL="C.UTF-8", XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"),
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
    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return Cell(text, fmt_rss(run))


def fmt_rss(run: Run) -> str:
    return f"{run.rss_kb / 1024:.0f} MB" if run.rss_kb else ""


def fmt_rate(run: Run, tokens: int | None) -> Cell:
    if run.error:
        return Cell(run.error)
    if not tokens:
        return Cell("error: token count unavailable")
    return Cell(f"{tokens / run.wall_s:,.0f} tok/s ({run.wall_s:.1f} s)", fmt_rss(run))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("NEWSREADER_BENCH_REPEAT", "3")),
                        help="runs per quick row; the median is shown (default 3)")
    parser.add_argument("--only", help="run only rows whose name contains this word")
    args = parser.parse_args(argv)

    from newsreader import paths
    from tests.bench import generate

    seed_dir = paths.bundled_seeds_dir()
    seed = next(iter(sorted(seed_dir.glob("*"))), None) if seed_dir.is_dir() else None
    rows: list[tuple[str, Cell, str, Cell]] = []

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

        def row(name: str, ours, competitor_name: str, theirs) -> None:
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
            rows.append((name, ours_cell, competitor_name, theirs_cell))

        def trivial() -> Run:
            if "trivial" not in cache:
                cache["trivial"] = bench.best_of(lambda: bench.probe("paint-trivial", tty=True))
            return cache["trivial"]

        if seed is None:
            rows.append(("seed article", Cell("error: no bundled seed article"), "", Cell("")))
        else:
            row("seed: first paint (article text on screen)",
                lambda: fmt_s(bench.best_of(lambda: bench.probe("paint-newsreader", "article", seed, tty=True))),
                "trivial Textual app, first paint", lambda: fmt_s(trivial()))

            warm_home = work / "warm-home"

            def cold() -> Cell:
                runs = []
                for i in range(bench.repeat):
                    home = warm_home if i == 0 else None  # the first run's cache serves the warm row
                    runs.append(bench.probe("paint-newsreader", "analysed", seed, tty=True, home=home))
                good = [r for r in runs if not r.error] or runs
                good.sort(key=lambda r: r.event_s or 0)
                return fmt_s(good[len(good) // 2]) if not good[0].error else fmt_s(good[0])

            row("seed: cold, analysed + highlighted (model load incl.)", cold,
                "bare spaCy: load model + parse seed",
                lambda: fmt_s(bench.best_of(lambda: bench.probe("spacy-parse", seed, "1"))))
            def warm() -> Cell:
                if not (warm_home / "cache").exists():  # the cold row did not run (--only): fill the cache
                    bench.probe("paint-newsreader", "analysed", seed, tty=True, home=warm_home)
                run = bench.best_of(lambda: bench.probe("paint-newsreader", "analysed", seed, tty=True, home=warm_home))
                cell = fmt_s(run)
                if run.result.get("spacy_imported"):
                    # a run missed the cache (data files changed since the cold run?): not a warm figure
                    cell.text += " (a run missed the cache)"
                return cell

            row("seed: warm (cached), analysed + highlighted", warm,
                "trivial Textual app, first paint", lambda: fmt_s(trivial()))

        for label, path in (("60 KB", art60), ("600 KB", art600)):
            row(f"{label} article: first paint",
                lambda p=path: fmt_s(bench.best_of(lambda: bench.probe("paint-newsreader", "article", p, tty=True))),
                "Textual MarkdownViewer, same file",
                lambda p=path: fmt_s(bench.best_of(lambda: bench.probe("paint-markdown", p, tty=True))))

        tokens: dict[int, Run] = {}

        def pipe(n: int) -> Run:
            if n not in tokens:
                tokens[n] = bench.probe("spacy-pipe", DEV_CORPUS, str(n), tree=n > 1)
            return tokens[n]

        def extract(jobs: int) -> Cell:
            count = pipe(1).result.get("tokens")
            cmd = [sys.executable, "-m", "newsreader", "extract", str(DEV_CORPUS), "--no-cache", "--jobs", str(jobs)]
            return fmt_rate(spawn(cmd, bench.env(), tree=jobs > 1), count)

        if DEV_CORPUS.is_dir():
            for jobs in (1, 2):
                row(f"extract corpus/dev ({len(list(DEV_CORPUS.iterdir()))} files), {jobs} job{'s' * (jobs > 1)}",
                    lambda j=jobs: extract(j),
                    f"bare spaCy load + nlp.pipe, n_process={jobs}",
                    lambda j=jobs: fmt_rate(pipe(j), pipe(1).result.get("tokens")))
        else:
            rows.append(("extract corpus/dev", Cell(f"error: {DEV_CORPUS} missing"), "", Cell("")))

        def per_article(path: Path) -> Cell:
            run = bench.probe("analyze", path, "3")
            return fmt_s(run, run.result.get("median_s"))

        def bare_parse(path: Path) -> Cell:
            run = bench.probe("spacy-parse", path, "3")
            return fmt_s(run, run.result.get("median_s"))

        if seed is not None:
            row("analysis time per article: seed", lambda: per_article(seed),
                "bare spaCy nlp(text), same text", lambda: bare_parse(seed))
        row("analysis time per article: 10,000 words", lambda: per_article(words10k),
            "bare spaCy nlp(text), same text", lambda: bare_parse(words10k))

        row("library of 10,000 files: listed + first article shown",
            lambda: fmt_s(bench.best_of(lambda: bench.probe("paint-newsreader", "library", library, tty=True), 1)),
            "Textual DirectoryTree, same folder",
            lambda: fmt_s(bench.best_of(lambda: bench.probe("paint-dirtree", library, tty=True), 1)))

    print_table(rows, args.repeat, (load_before, os.getloadavg()[0]))
    return 0


def _progress(message: str) -> None:
    print(f"bench: {message}…", file=sys.stderr, flush=True)


def print_table(rows: list[tuple[str, Cell, str, Cell]], repeat: int, load: tuple[float, float]) -> None:
    headers = ("measure", "newsreader", "peak RSS", "competitor", "competitor figure", "peak RSS")
    table = [headers] + [(name, ours.text, ours.rss, cname, theirs.text, theirs.rss) for name, ours, cname, theirs in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]

    def fmt(r):
        return "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()

    print(fmt(headers))
    print("  ".join("-" * w for w in widths))
    for r in table[1:]:
        print(fmt(r))
    print()
    print(
        f"Times run from process start (imports, model load included) to the first screen refresh showing the "
        f"content; median of {repeat} runs (extract and library rows: 1); {TERM_SIZE[0]}x{TERM_SIZE[1]} "
        f"pseudo-terminal. Per-article rows: median analysis time, pipeline already loaded. Throughput: corpus "
        f"tokens (bare spaCy count) / process wall time. {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} before and {load[1]:.1f} after the run (other load skews the figures)."
    )


if __name__ == "__main__":
    sys.exit(main())
