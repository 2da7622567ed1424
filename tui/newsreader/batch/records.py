"""The loop that makes ``extract`` records (``model.record``) from files.

Shared by ``newsreader extract`` (this process or ``--jobs`` workers), the Dask workers of
``extract --dask`` and the Python API (``newsreader.batch.analyse_texts``), so every way of
running gives the same records. No UI and no CLI imports here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.analysis.service import AnalysisService
    from newsreader.model.analysis import Analysis
    from newsreader.model.document import Document

from newsreader.model.record import extract_record

log = logging.getLogger("newsreader")

#: (path, record or None, problem or None): the outcome of one document. Both None: skipped
#: on purpose (``skip`` said so), nothing to write and nothing to report.
Outcome = tuple[str, "dict[str, Any] | None", "str | None"]


def expand_feeds(files: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Each feed file replaced by its entries ("FEED#1", "FEED#2", ...: one document each).
    Files whose extension names a format of one article per file are not opened here."""
    from newsreader.library import FORMATS, read_entries

    plain = FORMATS.suffixes(entries=False)
    out: list[Path] = []
    for path in files:
        if Path(path).suffix.lower() in plain:
            out.append(Path(path))
        else:
            out.extend(Path(entry.path) for entry in read_entries(path))
    return out


def _load_path(path: str) -> Document:
    from newsreader.library import load_document

    return load_document(Path(path))


def extract_batch(
    service: AnalysisService,
    batch: list[str],
    *,
    load: Callable[[str], Document] | None = None,
    skip: Callable[[Document], bool] | None = None,
) -> list[Outcome]:
    """Load and analyse a few files together; failures are reported per file.

    ``load(path) -> Document`` reads one input (default: ``library.load_document``);
    ``skip(document)`` true leaves a readable document out (outcome ``(path, None, None)``)."""
    from newsreader.model.document import DocStatus

    load = load or _load_path
    loaded: list[tuple[str, Document]] = []
    outcomes: list[Outcome | None] = []
    for path in batch:
        try:
            document = load(path)
        except Exception as exc:  # loaders should not raise; if one does, one file fails
            log.error("loading %s failed", path, exc_info=True)
            outcomes.append((path, None, f"could not be read ({type(exc).__name__}: {exc})"))
            continue
        if document.status == DocStatus.ERROR:
            outcomes.append((path, None, "; ".join(document.problems) or "could not be read"))
            continue
        if skip is not None and skip(document):
            outcomes.append((path, None, None))
            continue
        outcomes.append(None)  # filled in below, in order
        loaded.append((path, document))
    return fill_slots(outcomes, analyse_documents(service, loaded))


def fill_slots(outcomes: list[Outcome | None], analysed: list[Outcome]) -> list[Outcome]:
    """``outcomes`` with each None (a document sent to analysis) replaced, in order, by the next
    of ``analysed`` (one per None)."""
    fill = iter(analysed)
    filled = [outcome if outcome is not None else next(fill) for outcome in outcomes]
    if next(fill, None) is not None:
        raise ValueError("more analysed outcomes than documents sent to analysis")
    return filled


def analyse_documents(service: AnalysisService, loaded: list[tuple[str, Document]]) -> list[Outcome]:
    """(path, Document) -> outcome per document, analysed together (``nlp.pipe``); when
    the batch fails, again one by one so one bad document fails alone."""
    from newsreader.analysis.analyze import STAGE_FAILED

    analyses: list[Analysis | Exception]
    try:
        analyses = list(service.analyze_many([doc for _, doc in loaded]))
    except Exception:  # retry one by one so one bad document fails alone
        log.error("batch analysis failed; retrying one by one", exc_info=True)
        analyses = []
        for path, doc in loaded:
            try:
                analyses.append(service.analyze(doc))
            except Exception as exc:
                log.error("analysing %s failed", path, exc_info=True)
                analyses.append(exc)

    outcomes: list[Outcome] = []
    for (path, document), analysis in zip(loaded, analyses, strict=True):
        if isinstance(analysis, Exception):
            outcomes.append((path, None, f"analysis failed ({type(analysis).__name__}: {analysis})"))
            continue
        failed = [n for n in analysis.notices if n.startswith(STAGE_FAILED)]
        problem = "incomplete analysis: " + "; ".join(failed) if failed else None
        outcomes.append((path, extract_record(document, analysis), problem))
    return outcomes


def service_notices(service: object) -> list[tuple[bool, str]]:
    """The analysis service's notices as (about the model?, notice); a stand-in service without
    ``notices`` or ``model_notices`` (tests, a custom one) has none."""
    try:
        notices = list(getattr(service, "notices", []))
        model = set(getattr(service, "model_notices", []))
    except Exception:  # a notice is never worth failing the run for
        log.warning("service notices unavailable", exc_info=True)
        return []
    return [(n in model, n) for n in notices]
