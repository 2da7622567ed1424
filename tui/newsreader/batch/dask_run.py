"""``extract --dask``: partitions of input files analysed on a Dask cluster, outcomes back in
input order.

Files are read on the workers (paths or fsspec URLs every worker can see). Each worker process
keeps one analysis service (``api.process_service``), so the pipeline loads once per worker.
The client keeps a window of partitions in flight and yields their outcomes in input order, so
the output is the same, byte for byte, as a run in one process. A worker that dies mid-task
(killed, out of memory) has its partition run again elsewhere by the scheduler; a partition
that kills ``distributed.scheduler.allowed-failures`` workers is reported as failed, per file,
and the rest goes on. Nothing is written by the workers: the client alone writes, once per
document, so a retried partition cannot double anything.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from newsreader.batch.api import PartitionResult, analyse_partition, pipeline_version
from newsreader.batch.records import Outcome

log = logging.getLogger("newsreader")

#: Input files per Dask task: a few seconds of work, so a lost worker costs little and the
#: output streams early.
PARTITION_FILES = 16
#: Partitions in flight per worker thread: enough to keep every worker busy while the client
#: waits for the oldest one, few enough that results do not pile up in memory.
WINDOW_PER_THREAD = 3

#: How long to wait for a scheduler that does not answer.
CONNECT_TIMEOUT = "20s"

#: LocalCluster options: no dashboard, and the scheduler's HTTP endpoint (health checks, which
#: it starts anyway) on a free loopback port rather than 8787 (a warning on stderr when taken).
LOOPBACK_HTTP: dict[str, Any] = {
    "dashboard_address": None,
    "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
}

_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:\[[0-9a-fA-F:]+\]|[\w.-]+):\d+/?$")


class ClusterError(Exception):
    """The cluster cannot be reached or used (one line for the user)."""


def looks_like_address(text: str) -> bool:
    """``tcp://host:8786``, ``host:8786``, ``tls://[::1]:8786``: a scheduler address, not a path."""
    return bool(_ADDRESS.match(text))


@contextmanager
def connect(address: str | None, n_workers: int = 1, *, quiet: bool = True) -> Iterator[Any]:
    """A ``distributed.Client``: to the scheduler at ``address``, or to a new LocalCluster of
    ``n_workers`` single-threaded worker processes listening on 127.0.0.1 only (no dashboard).
    Closed, with the local cluster, on exit."""
    from distributed import Client, LocalCluster

    if quiet:  # the scheduler's and nanny's warnings (a worker restarted) are not for stderr
        for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    cluster = None
    try:
        if address:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                **LOOPBACK_HTTP,
                silence_logs=logging.CRITICAL if quiet else logging.WARNING,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        target = address or "a local cluster"
        raise ClusterError(f"cannot connect to {target}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def partitions(files: list[str], size: int) -> list[list[str]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def dask_outcomes(
    client: Any,
    files: list[str],
    *,
    model: str | None,
    use_cache: bool,
    skip: set[str] | frozenset[str] = frozenset(),
    partition_files: int | None = None,
    on_notices: Callable[[list[tuple[bool, str]]], None] | None = None,
    on_result: Callable[[PartitionResult], None] | None = None,
) -> Iterator[Outcome]:
    """(path, record, problem) per document of ``files``, in input order, analysed on the
    cluster behind ``client``. Documents whose sha256 is in ``skip`` give (path, None, None).
    Raises ``ClusterError`` when a worker runs another pipeline version than this process."""
    from distributed import KilledWorker

    expected = pipeline_version(model)
    parts = partitions(files, partition_files or PARTITION_FILES)
    skip_arg = client.scatter(frozenset(skip), broadcast=True, hash=False) if skip else None
    threads = sum(client.nthreads().values()) or 1
    window = max(2, WINDOW_PER_THREAD * threads)
    pending: deque = deque()
    queued = iter(enumerate(parts))
    token = f"{id(parts):x}"

    def submit() -> None:
        for index, part in queued:
            future = client.submit(
                analyse_partition,
                part,
                model,
                use_cache,
                skip_arg,
                key=f"newsreader-extract-{token}-{index}",
                pure=False,
            )
            pending.append((part, future))
            if len(pending) >= window:
                return

    submit()
    try:
        while pending:
            part, future = pending.popleft()
            submit()
            try:
                result: PartitionResult = future.result()
            except KilledWorker:
                log.error("a partition killed its workers", exc_info=True)
                yield from (
                    (path, None, "analysis worker process died, more than once (out of memory?)") for path in part
                )
                continue
            finally:
                future.release()
            if result.version != expected:
                raise ClusterError(
                    f"a worker analyses with {result.version}, this machine with {expected}: "
                    "install the same newsreader and model on every worker"
                )
            if on_notices is not None:
                on_notices(result.notices)
            if on_result is not None:
                on_result(result)
            yield from result.outcomes
    finally:
        for _, future in pending:  # stopped early (Ctrl-C, an error): drop the rest
            future.cancel()
