"""The ``newsreader`` command: open the reader, or ``extract`` analyses as JSON, or manage the ``cache``.

    newsreader [PATH ...] [--config FILE] [--theme NAME] [--model NAME] [--no-cache] [--debug]
    newsreader extract PATH... [--format json|jsonl] [--output FILE] [--model NAME] [--no-cache] [--jobs N]
    newsreader cache info|clear
    newsreader feeds add|list|remove|import|export ...   (``feeds_cli``)
    newsreader fetch [FEED ...]                          (``feeds_cli``)
    newsreader https://...                               (fetches the page, then reads it)

A first argument spelled ``extract``, ``cache``, ``feeds`` or ``fetch`` is always the command. To open a file that
happens to have one of those names, write ``./extract`` or ``newsreader -- extract``.

Exit status: 0 success; 1 when something could not be done (a file unreadable, no terminal);
2 for usage errors. Errors are one line on stderr, never a traceback: ``--debug`` writes the
details to ``paths.state_dir()/newsreader.log``.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import os
import re
import sys
import traceback
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from newsreader import __version__, gc_pause, paths

# The record and the loop that makes records are shared with ``extract --dask`` workers.
from newsreader.batch.records import expand_feeds as _expand_feeds
from newsreader.batch.records import extract_batch as _extract_batch
from newsreader.batch.records import service_notices

# What the reader and ``extract`` read (folders are searched for these; a named file is read
# whatever its extension): the help texts name the formats of the library's registry.
from newsreader.library.formats import FORMATS

PROG = "newsreader"
SUBCOMMANDS = ("extract", "cache", "feeds", "fetch")
LOG_NAME = "newsreader.log"

#: Documents read and analysed together (``nlp.pipe`` batch) by one process in ``extract``.
EXTRACT_BATCH = 8
#: ... and by each worker process with ``--jobs N`` (smaller: keeps the workers evenly loaded).
WORKER_BATCH = 2


log = logging.getLogger("newsreader")


class UsageError(Exception):
    """Bad arguments found after parsing (exit status 2)."""


# ---------------------------------------------------------------------------------------------
# entry point


def main(argv: list[str] | None = None) -> int:
    """Run the ``newsreader`` command; returns the exit status (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args[: args.index("--")] if "--" in args else "--debug" in args
    handler = _start_debug_log() if debug else None
    try:
        return _run(args, debug)
    finally:
        if handler is not None:
            _stop_debug_log(handler)


def _run(args: list[str], debug: bool) -> int:
    try:
        return _dispatch(args)
    except SystemExit as exc:  # argparse: --help/--version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except UsageError as exc:
        _say(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        return _report_crash(exc, debug)


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "extract":
        return _extract(_extract_parser().parse_args(_dask_argv(args[1:])))
    if args and args[0] == "cache":
        return _cache(_cache_parser().parse_args(args[1:]))
    if args and args[0] in ("feeds", "fetch"):
        from newsreader import feeds_cli

        if args[0] == "feeds":
            return feeds_cli.run_feeds(feeds_cli.feeds_parser().parse_args(args[1:]))
        return feeds_cli.run_fetch(feeds_cli.fetch_parser().parse_args(args[1:]))
    return _open_reader(_app_parser().parse_args(args))


# ---------------------------------------------------------------------------------------------
# argument parsers

_APP_EPILOG = """\
commands:
  newsreader extract PATH...    write each document's analysis as JSON (see 'newsreader extract -h')
  newsreader cache info|clear   show or empty the analysis cache
  newsreader feeds add|list|remove|import|export   manage feed subscriptions
  newsreader fetch              fetch the subscribed feeds (for cron; see 'newsreader fetch -h')
  newsreader URL                fetch one web page (http/https) and read it

With no PATH the fetched articles and the folders listed as 'library' in the config file
open (--config FILE, else $NEWSREADER_CONFIG, else {config}), else the bundled sample articles.
Reads {formats}; each feed entry is one article.
A first argument 'extract' or 'cache' is the command; to open a file with that name write
./extract or 'newsreader -- extract'.
--debug writes details of any error to {log}.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with the house error format: ``newsreader: error: ...`` and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: error: {message}\n")


def _app_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="A terminal reader for news that shows who did what, by country.",
        epilog=_APP_EPILOG.format(
            log=paths.state_dir() / LOG_NAME, config=_default_config_path(), formats=FORMATS.help_text()
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read (see below for the formats)")
    p.add_argument("--config", metavar="FILE", help="settings file to use instead of the usual config.toml")
    p.add_argument(
        "--theme", metavar="NAME", help="colour theme (dark, light, high-contrast, colour-blind, or a user theme)"
    )
    _add_common(p)
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return p


def _extract_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=f"{PROG} extract",
        description=(
            "Analyse documents and write one JSON object per document: path, title, sha256, text, "
            "model, entities, actors, reactions, figures. Offsets index 'text'. Reads "
            f"{FORMATS.help_text()}; each feed entry is one document (its path is FEED#N)."
        ),
        epilog=(
            "Exit status: 0 all documents written, 1 some could not be read or analysed "
            "(each named on stderr; the others are still written), 2 usage error."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "parquet"),
        default="jsonl",
        help="jsonl: one object per line, written as each document is done (default); json: one array; "
        "parquet: a Parquet dataset in the folder --output DIR (docs/cluster.md)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="worker processes (0: one per CPU; default 1)"
    )
    p.add_argument(
        "--dask",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="analyse on a Dask cluster: the scheduler at ADDRESS (e.g. tcp://host:8786), else a local "
        "cluster of --jobs worker processes; needs pip install 'newsreader[cluster]'",
    )
    _add_common(p)
    return p


def _cache_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=f"{PROG} cache",
        description="Manage the caches of analyses and library list rows (safe to clear at any time).",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    info = sub.add_parser("info", help="where the cache is, how big, for which model versions")
    clear = sub.add_parser("clear", help="remove every cached analysis and library list row")
    for q in (info, clear):
        q.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--debug", action="store_true", help="write error details to the log file")
    return p


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="NAME", help="spaCy model package to use (default: best installed English model)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")
    p.add_argument("--debug", action="store_true", help="write error details to the log file")


def _default_config_path() -> str:
    try:
        from newsreader import config

        return str(config.config_path())
    except Exception:  # noqa: BLE001 - only decorates the help text
        return "config.toml in the config folder"


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------
# the reader


def _open_reader(args: argparse.Namespace) -> int:
    # Collections during start-up only re-scan objects that live as long as the app; the app
    # resumes the collector once its first frame is on the screen (see gc_pause).
    gc_pause.pause()
    try:
        return _start_reader(args)
    finally:
        gc_pause.resume()  # the app never painted (an error, no terminal): back to normal


def _start_reader(args: argparse.Namespace) -> int:
    if any(p.lower().startswith(("http://", "https://")) for p in args.paths):
        from newsreader import feeds_cli

        args.paths, _failed = feeds_cli.fetch_pages_for_reader(list(args.paths))
        if not args.paths:
            return 1
    if args.paths:
        missing = [p for p in args.paths if not os.path.lexists(p)]
        if len(missing) == len(args.paths):
            for p in missing:
                _say(f"{p}: no such file or directory{_command_hint(p)}")
            return 1
        targets = list(args.paths)
    else:
        # The app opens the config's library folders, else the bundled samples.
        targets = []
        if (
            not _configured_library(args.config)
            and not paths.fetched_article_dirs()
            and not paths.bundled_seeds_dir().is_dir()
        ):
            _say("error: the bundled sample articles are missing; give a file or folder to read")
            return 1
    _check_model(args.model)
    problem = terminal_problem()
    if problem:
        _say(f"error: {problem}")
        return 1
    from newsreader.ui.app import run_app

    options = {"theme": args.theme, "model": args.model, "use_cache": not args.no_cache}
    if args.config:
        options["config_path"] = args.config
    status = run_app(targets, **options)
    return int(status or 0)


def _configured_library(config_file: str | None) -> list[str]:
    """The config's ``library`` paths (the app reports a broken config itself)."""
    try:
        from newsreader import config

        settings, _notices = config.load_config(config_file)
        return list(getattr(settings, "library_paths", []) or [])
    except Exception:  # the app shows what is wrong with the config
        log.debug("config not readable here", exc_info=True)
        return []


def terminal_problem(
    stdin: IO | None = None, out: IO | None = None, env: Mapping[str, str] | None = None
) -> str | None:
    """Why the reader cannot draw in this terminal, or None when it can.

    Textual reads keys from stdin and draws on stderr, so both must be terminals; TERM=dumb
    cannot position the cursor; a non-UTF-8 encoding cannot show the borders and quotes.
    """
    stdin = sys.__stdin__ if stdin is None else stdin
    out = sys.__stderr__ if out is None else out
    env = os.environ if env is None else env
    hint = "use 'newsreader extract' for output that does not need a terminal"
    if stdin is None or not _isatty(stdin):
        return f"the reader needs an interactive terminal (standard input is not one); {hint}"
    if out is None or not _isatty(out):
        return f"the reader draws on standard error, which is not a terminal; {hint}"
    if env.get("TERM", "") in ("dumb", "unknown"):
        return f"TERM={env.get('TERM')}: this terminal cannot draw the reader; run it in a full terminal, or {hint}"
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8"):
        return f"the terminal encoding is {encoding or 'unknown'}, not UTF-8; set a UTF-8 locale (e.g. LANG=C.UTF-8)"
    return None


def _isatty(stream: IO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _command_hint(path: str) -> str:
    close = difflib.get_close_matches(path, SUBCOMMANDS, n=1, cutoff=0.75)
    if path in SUBCOMMANDS:
        return f" ('{path}' is a command: put it first, e.g. 'newsreader {path} ...')"
    if close:
        return f" (did you mean 'newsreader {close[0]}'?)"
    return ""


def _check_model(name: str | None) -> None:
    """A model asked for by name must be usable: falling back silently would change the output.

    Cheap (no spaCy import). ``rule-only`` is a valid name; so is a model directory.
    """
    if name is None:
        return
    from newsreader.analysis.versions import resolve_model

    try:
        choice = resolve_model(name)
    except (ValueError, LookupError, ImportError) as exc:
        raise UsageError(f"--model {name}: {exc}") from None
    if choice.name != name and choice.name != Path(name).name:
        raise UsageError(f"--model {name}: no such model installed (the default would be {choice.name})")


# ---------------------------------------------------------------------------------------------
# extract


def _extract(args: argparse.Namespace) -> int:
    from newsreader.library import discover

    _check_model(args.model)
    if args.dask is not None or args.format == "parquet":
        return _extract_at_scale(args)
    found, missing = discover(args.paths)
    files = _expand_feeds(found)
    failures = _report_missing(missing, found_any=bool(files))

    # The inputs as found (feed files, not their entries) and as named: never written over.
    with _open_output(args.output, [*found, *args.paths]) as out:
        failures += _write_outcomes(out, args.format, _extract_outcomes(files, args, _NoticeReporter(args.model)))
    return 1 if failures else 0


def _report_missing(missing, found_any: bool) -> int:
    """Say each path that could not be read, or that nothing was found; the number of failures."""
    for path, reason in missing:
        _say(f"{path}: {reason}")
    if not found_any and not missing:
        _say(f"no documents found (looked for {FORMATS.help_text()})")
    return len(missing)


def _write_outcomes(out: IO[bytes], fmt: str, outcomes) -> int:
    """Write each (path, record, problem) as JSON or JSONL, saying each problem; the number of
    problems. Local, ``--jobs`` and ``--dask`` runs share it, so their output is the same bytes."""
    failures = 0
    writer = _JsonlWriter(out) if fmt == "jsonl" else _JsonArrayWriter(out)
    for path, record, problem in outcomes:
        if record is not None:
            writer.write(record)
        if problem:
            _say(f"{path}: {problem}")
            failures += 1
    writer.close()
    return failures


def _extract_at_scale(args: argparse.Namespace) -> int:
    """``extract --dask`` and/or ``--format parquet`` (newsreader.batch; docs/cluster.md)."""
    from newsreader.batch import deps

    if args.dask and not _looks_like_address(args.dask):  # "--dask a.md": a path, not an address
        args.paths.insert(0, args.dask)
        args.dask = ""
    try:
        if args.dask is not None:
            deps.require_dask()
        if args.format == "parquet":
            deps.require_parquet()
    except deps.MissingExtra as exc:
        raise UsageError(str(exc)) from None
    if args.format == "parquet" and args.output in (None, "-"):
        raise UsageError("--format parquet writes a dataset folder: give it with --output DIR")
    if args.format == "parquet" and args.jobs > 1 and args.dask is None:
        raise UsageError(
            "--format parquet runs in one process; for more, add --dask (a local cluster of --jobs workers)"
        )
    from newsreader.batch.api import discover_inputs

    files, missing = discover_inputs(args.paths)
    failures = _report_missing(missing, found_any=bool(files))
    from newsreader.batch.dask_run import ClusterError

    try:
        return _extract_scaled(args, files, _NoticeReporter(args.model)) or (1 if failures else 0)
    except ClusterError as exc:
        _say(f"error: {exc}")
        return 1


def _extract_scaled(args: argparse.Namespace, files: list[str], notices: _NoticeReporter) -> int:
    if args.format == "parquet":
        return _extract_parquet(args, files, notices)
    with (
        _open_output(args.output, [*map(Path, files), *args.paths]) as out,
        _scaled_outcomes(args, files, notices) as outcomes,
    ):
        failures = _write_outcomes(out, args.format, outcomes)
    return 1 if failures else 0


def _extract_parquet(args: argparse.Namespace, files: list[str], notices: _NoticeReporter) -> int:
    from newsreader.batch.api import pipeline_version
    from newsreader.batch.parquet import DatasetError, ParquetDataset

    failures = 0
    try:
        dataset = ParquetDataset(args.output, pipeline_version(args.model))
        dataset.open()
    except DatasetError as exc:
        raise UsageError(f"--output {args.output}: {exc}") from None
    already = 0
    try:
        with _scaled_outcomes(args, files, notices, skip=frozenset(dataset.present)) as outcomes:
            for path, record, problem in outcomes:
                if record is None and problem is None:
                    already += 1
                elif record is not None and problem is None:  # an incomplete analysis is retried next run
                    dataset.add(record)
                if problem:
                    _say(f"{path}: {problem}")
                    failures += 1
        dataset.close()
    except BaseException:
        dataset.close(commit=False)
        raise
    skipped = already + dataset.skipped
    print(
        f"{dataset.written} document{'s' * (dataset.written != 1)} written to {args.output} "
        f"({dataset.parts} part{'s' * (dataset.parts != 1)}); {skipped} already there"
    )
    return 1 if failures else 0


class _scaled_outcomes:
    """The outcomes of ``extract --dask`` (a cluster) or of this process (parquet without Dask),
    as a context manager that closes the cluster connection."""

    def __init__(
        self, args: argparse.Namespace, files: list[str], notices: _NoticeReporter, skip: frozenset[str] = frozenset()
    ) -> None:
        self.args, self.files, self.notices, self.skip = args, files, notices, skip
        self.connection: Any = None
        self.outcomes: Any = None

    def __enter__(self) -> Iterator[tuple[str, dict | None, str | None]]:
        args = self.args
        if args.dask is None:
            from newsreader.batch.api import analyse_partition, close_services

            def local() -> Iterator[tuple[str, dict | None, str | None]]:
                for part in _batches(self.files, EXTRACT_BATCH):
                    result = analyse_partition(part, args.model, not args.no_cache, self.skip)
                    self.notices.say(result.notices)
                    yield from result.outcomes
                close_services()

            return local()
        from newsreader.batch.dask_run import connect, dask_outcomes

        connection = connect(args.dask or None, args.jobs, quiet=not log.isEnabledFor(logging.DEBUG))
        client = connection.__enter__()  # ClusterError: the caller says it (exit 1)
        self.connection = connection
        self.outcomes = dask_outcomes(
            client,
            self.files,
            model=args.model,
            use_cache=not args.no_cache,
            skip=self.skip,
            on_notices=self.notices.say,
        )
        return self.outcomes

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.connection is not None:
            try:
                self.outcomes.close()  # cancels the partitions still in flight (Ctrl-C, an error)
            finally:
                self.connection.__exit__(exc_type, exc, tb)


def _dask_argv(args: list[str]) -> list[str]:
    """``--dask PATH`` means a local cluster and PATH to read: written ``--dask=`` so that
    argparse does not take PATH for the scheduler's address."""
    out = list(args)
    for i, arg in enumerate(out[:-1]):
        if arg == "--":
            break
        if arg == "--dask" and not out[i + 1].startswith("-") and not _looks_like_address(out[i + 1]):
            out[i] = "--dask="
    return out


def _looks_like_address(text: str) -> bool:
    from newsreader.batch.dask_run import looks_like_address

    return looks_like_address(text)


def _extract_outcomes(
    files: list[Path], args: argparse.Namespace, notices: _NoticeReporter
) -> Iterator[tuple[str, dict | None, str | None]]:
    """(path, record or None, problem or None) per file, in input order; the services'
    notices go to ``notices`` as they appear."""
    jobs = min(args.jobs, len(files)) if files else 1
    if jobs <= 1:
        batches = _batches(files, EXTRACT_BATCH)
        service = _make_service(args.model, not args.no_cache)
        try:
            for batch in batches:
                outcomes = _extract_batch(service, batch)
                notices.report(service)
                yield from outcomes
        finally:
            service.close()
        return

    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Batches of about equal text for workers keep the load even and the first lines flowing
    # early; they are handed out in input order (a free worker takes the next) and yielded in
    # input order as each completes. A ProcessPoolExecutor (not multiprocessing.Pool) notices
    # a worker that dies (killed for memory, crashed in native code) instead of waiting for its
    # result forever.
    batches = _balanced_batches(files, jobs)
    debug = logging.getLogger("newsreader").level == logging.DEBUG
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=_worker_context(batches[0] if batches else [], args, notices),
        initializer=_worker_init,
        initargs=(args.model, not args.no_cache, debug),
    )
    try:
        futures = [pool.submit(_worker_batch, batch) for batch in batches]
        for batch, future in zip(batches, futures, strict=True):
            try:
                outcomes, worker_notices = future.result()
            except BrokenProcessPool:
                log.error("an extract worker process died", exc_info=True)
                outcomes = [(path, None, "analysis worker process died (out of memory?)") for path in batch]
            else:
                notices.say(worker_notices)
            yield from outcomes
    except BaseException:
        # Ctrl-C, a closed pipe: stop the workers now rather than after their current batch.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _worker_context(first_batch: list[str], args: argparse.Namespace, notices: _NoticeReporter):
    """How to start the workers. Where processes can fork, the parent loads the pipeline once
    (when the first documents need it) and the workers inherit it: no worker spends ~2.5 s of
    CPU loading spaCy again, and the model's memory is shared. Elsewhere workers are spawned
    and each loads it on its first uncached document."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    import gc

    service = _make_service(args.model, not args.no_cache)
    try:
        if _needs_pipeline(service, first_batch) and callable(getattr(service, "load", None)):
            service.load()  # cached in newsreader.analysis.pipeline for the forked workers
        notices.report(service)  # e.g. a damaged cache rebuilt here: the workers find it sound
    finally:
        service.close()  # no open SQLite connection may cross the fork
    # The model's objects, inherited, are never garbage: frozen, the workers' collections
    # skip them (less CPU, and their pages stay shared rather than copied on each visit).
    gc.collect()
    gc.freeze()
    return multiprocessing.get_context("fork")


def _needs_pipeline(service: Any, paths: list[str]) -> bool:
    """Whether some of these documents are not in the cache (so a worker will parse them)."""
    cached = getattr(service, "cached", None)
    if cached is None:
        return True
    from newsreader.library import load_document

    for path in paths:
        try:
            if cached(load_document(Path(path))) is None:
                return True
        except Exception:  # noqa: BLE001 - the worker reports it
            return True
    return False


def _batches(files: Sequence[str | Path], size: int) -> list[list[str]]:
    return [[str(p) for p in files[i : i + size]] for i in range(0, len(files), size)]


def _balanced_batches(files: list[Path], jobs: int, per_worker: int = WORKER_BATCH) -> list[list[str]]:
    """Consecutive runs of ``files`` holding about equal amounts of text (by file size), for
    ``jobs`` workers: about ``per_worker`` median documents each, so a long article is a batch
    of its own and short ones go together; the last batches get smaller (guided
    self-scheduling) so the workers finish together rather than one waiting on the other's
    last batch. Input order is kept (batches are consecutive)."""
    sizes = [_text_size(path) for path in files]
    if not sizes:
        return []
    median = sorted(sizes)[len(sizes) // 2] or 1
    target = median * per_worker
    batches: list[list[str]] = []
    current: list[str] = []
    held = 0
    left = sum(sizes)
    for path, size in zip(files, sizes, strict=True):
        # near the end, at most a fair share of what is left per batch (never below one file)
        limit = min(target, max(left / (2 * jobs), 1))
        if current and held + size > limit:
            batches.append(current)
            current, held = [], 0
        current.append(str(path))
        held += size
        left -= size
    batches.append(current)
    return batches


def _text_size(path: Path) -> int:
    """A document's size for balancing (a feed entry, which has no file: a typical size)."""
    try:
        return max(1, os.stat(path).st_size)
    except (OSError, ValueError):
        return 4096


def _make_service(model: str | None, use_cache: bool):
    from newsreader.analysis.service import AnalysisService

    return AnalysisService(model=model, use_cache=use_cache)


# Worker processes (``--jobs N``): each builds its own service and loads the pipeline once,
# on its first uncached document.
_WORKER_SERVICE: Any = None


def _worker_init(model: str | None, use_cache: bool, debug: bool) -> None:
    global _WORKER_SERVICE
    import signal

    # Ctrl-C goes to the whole process group; the parent alone decides to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inherited = any(isinstance(h, logging.FileHandler) for h in logging.getLogger("newsreader").handlers)
    if debug and not inherited:  # a forked worker already writes to the parent's log
        _start_debug_log()
    _WORKER_SERVICE = _make_service(model, use_cache)


def _worker_batch(batch: list[str]) -> tuple[list[tuple[str, dict | None, str | None]], list[tuple[bool, str]]]:
    """The batch's outcomes and the worker's service notices (the parent says each once)."""
    outcomes = _extract_batch(_WORKER_SERVICE, batch)
    return outcomes, _NoticeReporter.notices_of(_WORKER_SERVICE)


class _NoticeReporter:
    """Says each analysis-service notice (rule-only fallback, cache turned off or rebuilt) once
    on stderr as ``newsreader: notice: ...``. A rule-only analysis asked for with ``--model
    rule-only`` is what the user wanted, so the model's notices are then left out."""

    def __init__(self, model: str | None) -> None:
        from newsreader.analysis.versions import RULE_ONLY

        self.quiet_model = model == RULE_ONLY
        self.said: set[str] = set()

    @staticmethod
    def notices_of(service: Any) -> list[tuple[bool, str]]:
        """The service's notices as (about the model?, notice)."""
        return service_notices(service)

    def report(self, service: Any) -> None:
        self.say(self.notices_of(service))

    def say(self, notices: list[tuple[bool, str]]) -> None:
        for about_model, notice in notices:
            if notice in self.said or (about_model and self.quiet_model):
                continue
            self.said.add(notice)
            _say(f"notice: {notice}")


# -- output ------------------------------------------------------------------------------------


def _encode(record: dict) -> bytes:
    """``record`` as UTF-8 JSON in which no character can drive a terminal: JSON itself escapes
    C0 controls; C1 controls and format characters (bidi overrides, zero-width joiners, soft
    hyphens: categories Cc and Cf) are written as ``\\uXXXX`` too. Other non-ASCII text stays
    readable UTF-8. (The writers take it in pieces: ``_encoded_pieces``.)"""
    return b"".join(_encoded_pieces(record))


def _encoded_pieces(record: dict) -> list[bytes]:
    """``_encode(record)`` in pieces (joined, the same bytes). The record of a big input (a
    megabyte of numbers has 90,000 entities) is about 15 MB of JSON: encoded in one piece it
    was held two or three times over (the encoder's parts, the text, its UTF-8, that plus a
    newline) at the top of the process's memory."""
    try:
        return [_escape_format_characters(piece).encode("utf-8") for piece in _json_pieces(record, False)]
    except UnicodeEncodeError:
        # A lone surrogate survived sanitising: \u-escape it rather than write invalid UTF-8.
        return [piece.encode("ascii") for piece in _json_pieces(record, True)]


#: Lists longer than this are encoded this many items at a time (``_json_pieces``).
JSON_SLICE = 256


def _json_pieces(value: Any, ensure_ascii: bool) -> Iterator[str]:
    """``json.dumps(value, ensure_ascii=ensure_ascii)`` in pieces that join to the same text:
    a dict with string keys item by item, a long list ``JSON_SLICE`` items at a time (each
    slice by the C encoder), anything else whole. Escaping C1 and format characters piece by
    piece is the same as in the whole: in JSON they only occur inside string literals."""
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield (", " if i else "") + json.dumps(key, ensure_ascii=ensure_ascii) + ": "
            yield from _json_pieces(item, ensure_ascii)
        yield "}"
    elif isinstance(value, list) and len(value) > JSON_SLICE:
        yield "["
        for start in range(0, len(value), JSON_SLICE):
            part = json.dumps(value[start : start + JSON_SLICE], ensure_ascii=ensure_ascii)
            yield (", " if start else "") + part[1:-1]
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=ensure_ascii)


def _escape_format_characters(text: str) -> str:
    """``text`` (JSON) with its Cc and Cf characters written as JSON ``\\u`` escapes.

    Any such character in JSON output is inside a string literal, where the escape means the
    same character, so the document decodes unchanged. Only the distinct characters of the
    text are looked up, which keeps a megabyte of Cyrillic or Chinese quick."""
    hostile = sorted(ch for ch in set(text) if ch >= "\x7f" and unicodedata.category(ch) in ("Cc", "Cf"))
    if not hostile:
        return text
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in hostile) + "]")
    return pattern.sub(lambda m: json.dumps(m.group())[1:-1], text)


class _JsonlWriter:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, record: dict) -> None:
        for piece in _encoded_pieces(record):
            self.out.write(piece)
        self.out.write(b"\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class _JsonArrayWriter:
    """A JSON array written element by element, so memory stays flat on big libraries."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.count = 0

    def write(self, record: dict) -> None:
        self.out.write(b"[\n" if self.count == 0 else b",\n")
        for piece in _encoded_pieces(record):
            self.out.write(piece)
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        self.out.write(b"[]\n" if self.count == 0 else b"\n]\n")
        self.out.flush()


class _open_output:
    """Standard output, or a file written by ``newsreader.safe_output`` rules: atomically
    (complete or not at all), never over one of ``inputs`` nor over anything but a regular
    file (a character device or named pipe such as /dev/null is written into)."""

    def __init__(self, target: str | None, inputs: list[Path] | tuple = ()) -> None:
        self.target = None if target in (None, "-") else Path(target)
        self.inputs = inputs
        self.file: Any = None

    def __enter__(self) -> IO[bytes]:
        from newsreader.safe_output import OutputError, OutputFile, check_output

        if self.target is None:
            stdout = sys.stdout
            if stdout is None or getattr(stdout, "buffer", None) is None:
                raise UsageError("standard output is closed: use --output FILE")
            return stdout.buffer
        try:
            os.stat(self.target.parent)
        except FileNotFoundError:
            raise UsageError(f"--output {self.target}: no such directory: {self.target.parent}") from None
        except (OSError, ValueError):
            pass  # check_output says what is wrong
        try:
            allowed = check_output(self.target, self.inputs, replace=True, streams=True)
            self.file = OutputFile(allowed)
            return self.file.__enter__()
        except OutputError as exc:
            raise UsageError(f"--output {self.target}: {exc}") from None

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.file is not None:
            self.file.__exit__(exc_type, exc, tb)


# ---------------------------------------------------------------------------------------------
# cache


def _cache(args: argparse.Namespace) -> int:
    from newsreader.analysis import cache
    from newsreader.library import entry_cache

    if args.action == "clear":
        try:
            removed = cache.clear()
        except cache.CacheError as exc:
            _say(f"error: {exc}")
            return 1
        print(f"removed {removed} cached analys{'is' if removed == 1 else 'es'} from {cache.default_path()}")
        try:
            rows = entry_cache.clear()
        except OSError as exc:
            _say(f"error: cannot remove {entry_cache.default_path()}: {exc.strerror or exc}")
            return 1
        print(f"removed the library list rows of {rows} file{'s' * (rows != 1)} from {entry_cache.default_path()}")
        return 0
    info = cache.info()
    print(f"cache: {info.path}")
    library_rows = entry_cache.stored_files()
    if not info.exists:
        print("analyses: 0 (no cache file yet)")
        print(f"library list rows: {library_rows} files ({entry_cache.default_path()})")
        return 0
    print(f"library list rows: {library_rows} files ({entry_cache.default_path()})")
    print(f"analyses: {info.entries} ({_size(info.size_bytes)})")
    current = _current_version()
    for version, count in sorted(info.versions.items(), key=lambda kv: -kv[1]):
        mark = "  (current model)" if version == current else ""
        print(f"  {count:6d}  {version}{mark}")
    if info.problem:
        print(f"problem: {info.problem}")
        return 1
    return 0


def _current_version() -> str | None:
    try:
        from newsreader.analysis.versions import resolve_model, version_key

        return version_key(resolve_model(None))
    except Exception:  # only decorates the listing
        log.debug("no current version key", exc_info=True)
        return None


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n}"


# ---------------------------------------------------------------------------------------------
# errors and the debug log


def _say(message: str) -> None:
    """One line on stderr, prefixed with the program name (control characters escaped)."""
    with contextlib.suppress(OSError, ValueError):
        print(f"{PROG}: {printable(message)}", file=sys.stderr, flush=True)


def printable(text: str) -> str:
    """``text`` with every non-printable character (escapes, bidi controls, newlines, lone
    surrogates from undecodable file names) shown as a Python escape: file names are
    untrusted and must not drive the terminal."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text
    )


def log_path() -> Path:
    return paths.state_dir() / LOG_NAME


def _start_debug_log() -> logging.Handler | None:
    """--debug: send the ``newsreader`` logger (DEBUG and up) to the log file."""
    logger = logging.getLogger("newsreader")
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path(), encoding="utf-8", delay=True)
    except OSError as exc:
        _say(f"warning: cannot write the debug log {log_path()}: {exc.strerror or exc}")
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"))
    handler._previous_level = logger.level  # type: ignore[attr-defined]
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    return handler


def _stop_debug_log(handler: logging.Handler) -> None:
    logger = logging.getLogger("newsreader")
    logger.removeHandler(handler)
    logger.setLevel(getattr(handler, "_previous_level", logging.NOTSET))
    handler.close()


def _report_crash(exc: BaseException, debug: bool) -> int:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    _say(f"error: {message}")
    target = log_path()
    if debug:
        text = "".join(traceback.format_exception(exc))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # One write in append mode: concurrent runs interleave whole tracebacks, not lines.
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, f"--- {PROG} {__version__} pid {os.getpid()}\n{text}".encode("utf-8", "replace"))
            finally:
                os.close(fd)
            _say(f"details written to {target}")
        except OSError as write_exc:
            _say(f"could not write details to {target}: {write_exc.strerror or write_exc}")
    else:
        _say(f"run again with --debug to write details to {target}")
    return 1


def _quiet_stdout() -> None:
    """After a broken pipe (``| head``), stop Python complaining while it flushes at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
