"""Analyses in bulk: ``(id, text)`` pairs or files -> ``extract`` records, pipeline loaded once
per process. The functions Dask workers run for ``extract --dask`` are here too.

    from newsreader.batch import analyse_texts
    for record in analyse_texts([("a", "Kenya's president visited Ethiopia.")]):
        print(record["sha256"], [r["category"] for r in record["reactions"]])
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from newsreader.batch.records import (
    Outcome,
    analyse_documents,
    expand_feeds,
    extract_batch,
    fill_slots,
    service_notices,
)

if TYPE_CHECKING:
    from newsreader.analysis.service import AnalysisService
    from newsreader.model.document import Document

T = TypeVar("T")

#: Documents analysed together (one ``nlp.pipe`` batch), as ``extract`` does in one process.
BATCH = 8

_services: dict[tuple[str | None, bool], AnalysisService] = {}
_services_lock = threading.Lock()


def process_service(model: str | None = None, use_cache: bool = False) -> AnalysisService:
    """This process's ``AnalysisService`` for ``model``: built on first use and kept, so the
    spaCy pipeline loads once per process (per Dask worker, per Spark Python worker)."""
    key = (model, use_cache)
    with _services_lock:
        service = _services.get(key)
        if service is None:
            from newsreader.analysis.service import AnalysisService

            service = _services[key] = AnalysisService(model=model, use_cache=use_cache)
        return service


def close_services() -> None:
    """Close and forget this process's services (their cache connections); the pipelines stay
    loaded in ``analysis.pipeline`` for the next service."""
    with _services_lock:
        services = list(_services.values())
        _services.clear()
    for service in services:
        service.close()


def pipeline_version(model: str | None = None) -> str:
    """The analysis version key for ``model`` (model, its version, the analysis code and data):
    what the Parquet dataset files documents under, and what a re-run compares."""
    from newsreader.analysis.versions import resolve_model, version_key

    return version_key(resolve_model(model))


# -- the public API -----------------------------------------------------------------------------


def analyse_texts(
    items: Iterable[tuple[str, str]], model: str | None = None, *, use_cache: bool = False
) -> Iterator[dict[str, Any]]:
    """One ``extract`` record per ``(id, text)`` pair, in order (a generator).

    The record is the one ``newsreader extract`` writes for a UTF-8 file named ``id`` holding
    ``text``: ``path`` is ``id``; ``sha256`` is of the UTF-8 bytes; Markdown metadata lines are
    read as in a file. ``text`` may also be ``bytes`` as read from a file (decoded as ``extract``
    decodes files). A text that cannot be read (binary bytes) or analysed gives
    ``{"path": id, "error": reason}``, so there is always one result per pair. ``model`` is a
    spaCy package name (None: the best installed). The pipeline loads on the first text and is
    kept for the life of the process; ``use_cache=True`` also reads and writes the local
    analysis cache (off by default: cluster workers rarely see the same text twice).
    """
    from newsreader.library import parse_bytes

    def documents() -> Iterator[tuple[str, Document]]:
        for item_id, text in items:
            label = str(item_id)
            data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
            yield label, parse_bytes(data, label)

    service = process_service(model, use_cache)
    for batch in _chunks(documents(), BATCH):
        yield from _records(_analyse_loaded(service, batch))


def analyse_paths(
    paths: Iterable[str], model: str | None = None, *, use_cache: bool = True
) -> Iterator[dict[str, Any]]:
    """One ``extract`` record per document in ``paths`` (files, or fsspec URLs such as
    ``s3://bucket/a.md``; a feed file gives one record per entry), in order; a file that cannot
    be read gives ``{"path": ..., "error": reason}``."""
    service = process_service(model, use_cache)
    for batch in _chunks(iter(expand_inputs(list(paths))), BATCH):
        yield from _records(extract_batch(service, batch, load=load_input))


def _records(outcomes: list[Outcome]) -> Iterator[dict[str, Any]]:
    for path, record, problem in outcomes:
        yield record if record is not None else {"path": path, "error": problem or "not analysed"}


def _analyse_loaded(service: Any, batch: list[tuple[str, Any]]) -> list[Outcome]:
    from newsreader.model.document import DocStatus

    outcomes: list[Outcome | None] = []
    loaded: list[tuple[str, Document]] = []
    for label, document in batch:
        if document.status == DocStatus.ERROR:
            outcomes.append((label, None, "; ".join(document.problems) or "could not be read"))
        else:
            outcomes.append(None)  # filled in below, in order
            loaded.append((label, document))
    return fill_slots(outcomes, analyse_documents(service, loaded))


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- inputs: local paths and fsspec URLs ----------------------------------------------------------


def is_url(path: str) -> bool:
    """An fsspec URL (``s3://``, ``gs://``, ``file://``, ...), not a local path."""
    head, sep, _ = str(path).partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum() and len(head) > 1


def discover_inputs(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The article files under ``paths`` (as ``library.discover`` finds them; URLs are listed
    with fsspec: a folder's article files, a glob's matches), and (path, reason) for each path
    that gives none."""
    from newsreader.library import discover, is_article_name

    if not any(is_url(p) for p in paths):
        found, missing = discover(paths)
        return [str(f) for f in found], list(missing)
    out: list[str] = []
    taken: set[str] = set()
    problems: list[tuple[str, str]] = []
    for path in paths:
        if is_url(path):
            listed, problem = _list_url(path, is_article_name)
            if problem:
                problems.append((path, problem))
        else:
            found, missing = discover([path])
            listed = [str(f) for f in found]
            problems.extend(missing)
        for name in listed:
            if name not in taken:
                taken.add(name)
                out.append(name)
    return out, problems


def _list_url(url: str, wanted: Callable[[str], bool]) -> tuple[list[str], str | None]:
    try:
        import fsspec

        fs, _, roots = fsspec.get_fs_token_paths(url)
        names: list[str] = []
        for root in roots:
            if fs.isdir(root):
                names.extend(sorted(n for n in fs.find(root) if wanted(os.path.basename(n))))
            elif fs.exists(root):
                names.append(root)
        protocol = url.split("://", 1)[0]
        names = [n if is_url(n) else f"{protocol}://{n.lstrip('/') if protocol != 'file' else n}" for n in names]
    except ImportError:
        return [], "reading URLs needs fsspec: pip install 'newsreader[cluster]'"
    except Exception as exc:  # noqa: BLE001 - one bad URL is reported, the rest goes on
        return [], f"cannot be listed ({type(exc).__name__}: {exc})"
    return names, None if names else "no such file or directory"


def expand_inputs(paths: list[str]) -> list[str]:
    """``expand_feeds`` for local files (a feed becomes its entries); URLs stay one document."""
    out: list[str] = []
    for path in paths:
        if is_url(path):
            out.append(path)
        else:
            out.extend(str(p) for p in expand_feeds([path]))
    return out


def load_input(path: str) -> Document:
    """A local file or feed entry with ``library.load_document``; a URL read with fsspec
    (up to the same size limit) and parsed the same way."""
    from pathlib import Path

    from newsreader.library import load_document

    if not is_url(path):
        return load_document(Path(path))
    import fsspec

    from newsreader.library import MAX_BYTES, parse_bytes

    with fsspec.open(path, "rb") as handle:  # an error: extract_batch reports this document
        data = handle.read(MAX_BYTES + 1)
    truncated = len(data) > MAX_BYTES
    document = parse_bytes(data[:MAX_BYTES], path, truncated=truncated)
    if truncated:
        document.problems.append(f"showing the first {MAX_BYTES // (1 << 20)} MB")
    return document


# -- what a Dask worker runs ----------------------------------------------------------------------


class PartitionResult(NamedTuple):
    outcomes: list[Outcome]
    notices: list[tuple[bool, str]]
    version: str  # the worker's pipeline version: must match the client's
    pid: int


def analyse_partition(
    paths: list[str], model: str | None, use_cache: bool, skip: frozenset[str] | None = None
) -> PartitionResult:
    """Read and analyse one partition of inputs in this process (a Dask task). Feeds are
    expanded here; documents whose sha256 is in ``skip`` are left out (outcome (path, None,
    None)); outcomes come in input order."""
    service = process_service(model, use_cache)
    skipper = (lambda document: document.sha256 in skip) if skip else None
    outcomes: list[Outcome] = []
    for batch in _chunks(iter(expand_inputs(paths)), BATCH):
        outcomes.extend(extract_batch(service, batch, load=load_input, skip=skipper))
    return PartitionResult(outcomes, service_notices(service), service.version_key, os.getpid())
