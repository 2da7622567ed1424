"""``make bench`` rows for ``extract --dask``: throughput with 1 and 2 Dask workers beside
``extract --jobs 1/2`` and bare spaCy, on ../shared's dev corpus repeated; memory per worker.

    python -m tests.bench.cluster [--articles N]

The corpus is copied, repeated, into a temporary folder (N articles, default 496 = dev x 8; the
issue asks ~2,000, which takes ~4x longer: pass --articles 2000 on a quiet machine). Rows:

- bare spaCy: a fresh process loads the model and runs ``nlp.pipe`` (n_process 1 or 2);
- extract --jobs N and extract --dask -j N: the command end to end, output to /dev/null (cluster
  start, pipeline loads and all);
- Dask steady state: the same partitions on an already started LocalCluster whose workers have
  loaded the pipeline: the throughput that scales with workers, and the workers' CPU time per
  article that the estimate in docs/cluster.md uses; then each worker's resident memory.

Each row gives wall-clock throughput and CPU seconds (of the command and every process it waited
for; for the steady state, of the workers): on a shared machine the wall clock depends on the
other users (the load average is printed with the table), CPU time per article much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
if str(ROOT / "tui") not in sys.path:
    sys.path.insert(0, str(ROOT / "tui"))

BARE = """
import sys, time, spacy
from pathlib import Path
from newsreader.analysis.versions import resolve_model
n = int(sys.argv[2]); texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).iterdir())]
nlp = spacy.load(resolve_model(None).name)
for doc in nlp.pipe(texts, batch_size=8, n_process=n):
    pass
"""


def corpus(folder: Path, articles: int) -> tuple[Path, int]:
    """DEV_CORPUS copied round after round into ``folder`` until it holds ``articles`` files;
    (folder, words)."""
    files = sorted(p for p in DEV_CORPUS.iterdir() if p.is_file())
    words = 0
    for i in range(articles):
        source = files[i % len(files)]
        target = folder / f"{i // len(files):03d}-{source.name}"
        shutil.copyfile(source, target)
        words += len(source.read_text(encoding="utf-8", errors="replace").split())
    return folder, words


def env() -> dict[str, str]:
    base = tempfile.mkdtemp(prefix="nr-bench-xdg-")
    out = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tui"), os.environ.get("PYTHONPATH")]))}
    for var in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        out[var] = os.path.join(base, var)
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float] | str:
    """(wall s, CPU s of the process and all the processes it waited for) of ``cmd``."""
    cpu, started = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=3600)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        return f"error: exit {proc.returncode}: {proc.stderr.decode(errors='replace').strip()[-200:]}"
    return wall, _children_cpu() - cpu


def steady_state(folder: Path, workers: int) -> tuple[float, float, float, list[float]]:
    """(start-up s, analysis wall s, the workers' analysis CPU s, worker RSS MB) on a
    LocalCluster of ``workers`` processes."""
    import psutil
    from distributed import Client, LocalCluster

    from newsreader.batch.api import discover_inputs, process_service
    from newsreader.batch.dask_run import LOOPBACK_HTTP, dask_outcomes

    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        **LOOPBACK_HTTP,
        silence_logs=50,
        env={k: v for k, v in env().items() if k.startswith("XDG_")},
    )
    client = Client(cluster)
    try:
        client.run(lambda: process_service(None, False).load() and None)
        ready = time.perf_counter()
        cpu_before = client.run(time.process_time)
        files, _ = discover_inputs([str(folder)])
        done = sum(1 for _, record, _ in dask_outcomes(client, files, model=None, use_cache=False) if record)
        finished = time.perf_counter()
        cpu = sum(client.run(time.process_time).values()) - sum(cpu_before.values())
        assert done == len(files), (done, len(files))
        rss = client.run(lambda: psutil.Process().memory_info().rss / 2**20)
        return ready - started, finished - ready, cpu, sorted(rss.values())
    finally:
        client.close()
        cluster.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.cluster")
    parser.add_argument("--articles", type=int, default=496)
    args = parser.parse_args(argv)
    if not DEV_CORPUS.is_dir():
        print(f"cluster rows: skipped ({DEV_CORPUS} missing)")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("cluster rows: skipped (pip install 'newsreader[cluster]')")
        return 0
    py = sys.executable
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="nr-bench-cluster-") as tmp:
        folder, words = corpus(Path(tmp), args.articles)
        n = args.articles

        def rate(measured: tuple[float, float] | str) -> str:
            if isinstance(measured, str):
                return measured
            wall, cpu = measured
            return (
                f"{n / wall:5.1f} art/s  {words / wall:6,.0f} words/s  ({wall:6.1f} s wall, "
                f"{cpu:6.1f} s CPU = {cpu / n * 1000:4.0f} ms CPU/article)"
            )

        load = os.getloadavg()[0]
        for jobs in (1, 2):
            rows.append(
                (f"bare spaCy load + nlp.pipe, n_process={jobs}", rate(timed([py, "-c", BARE, str(folder), str(jobs)])))
            )
            rows.append(
                (
                    f"extract --jobs {jobs}",
                    rate(
                        timed(
                            [
                                py,
                                "-m",
                                "newsreader",
                                "extract",
                                str(folder),
                                "--no-cache",
                                "--jobs",
                                str(jobs),
                                "-o",
                                os.devnull,
                            ]
                        )
                    ),
                )
            )
            rows.append(
                (
                    f"extract --dask -j {jobs} (local cluster, end to end)",
                    rate(
                        timed(
                            [
                                py,
                                "-m",
                                "newsreader",
                                "extract",
                                str(folder),
                                "--no-cache",
                                "--dask",
                                "-j",
                                str(jobs),
                                "-o",
                                os.devnull,
                            ]
                        )
                    ),
                )
            )
            startup, busy, cpu, rss = steady_state(folder, jobs)
            rows.append(
                (
                    f"Dask {jobs} worker{'s' * (jobs > 1)}, steady state (start-up {startup:.1f} s apart)",
                    rate((busy, cpu)),
                )
            )
            rows.append(
                (
                    f"Dask {jobs} worker{'s' * (jobs > 1)}, memory per worker after the run",
                    ", ".join(f"{mb:.0f} MB" for mb in rss),
                )
            )
        load = max(load, os.getloadavg()[0])
    print(
        f"\nextract on a Dask cluster: {n} articles (../shared/corpus/dev repeated), {words:,} words; "
        f"{os.cpu_count()} CPUs, load average up to {load:.1f}"
    )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
