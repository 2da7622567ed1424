"""Text in, ``Analysis`` out: the one place the analysis stages are put together.

The stages (parse, entities, figures, actors and reactions) are written elsewhere; this module
only decides their order and what happens when one of them fails. A failing stage never takes
the others down: its part of the result stays empty, a notice says so, the analysis is marked
incomplete and the traceback goes to the ``newsreader`` logger (``--debug`` writes it to the log).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsreader.analysis.model import Analysis

log = logging.getLogger("newsreader.analysis")
if not logging.getLogger("newsreader").handlers:
    # A library never prints warnings itself: without --debug they would land on the terminal
    # the reader draws on. --debug (cli) adds a file handler instead.
    logging.getLogger("newsreader").addHandler(logging.NullHandler())

#: Notices that start with this mark a stage that failed; callers (``extract``) treat such an
#: analysis as a partial failure and the cache does not keep it.
STAGE_FAILED = "analysis stage failed"

#: How many short documents go through ``nlp.pipe`` together. Batching lets spaCy amortise
#: per-call overhead; more than this only adds latency before the first document is written.
BATCH_SIZE = 16

#: Character budget of one ``analyze_many`` batch (a few articles; one long one goes alone).
BATCH_CHARS = 200_000


def stage_failed(analysis: Analysis) -> bool:
    """True when some analysis stage raised and the result is partial."""
    return any(n.startswith(STAGE_FAILED) for n in analysis.notices)


def analyze(text: str, pipeline: Any) -> Analysis:
    """Analyse ``text`` with a loaded pipeline (``pipeline.load_pipeline``).

    Offsets in the result index ``text``. ``Analysis.model`` is the pipeline's name and the
    pipeline's notices (e.g. the rule-only fallback) are carried over.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    notices: list[str] = []
    chunks = _run_stage("parse", notices, lambda: pipeline_mod.parse(pipeline, text), [])
    return _analyze_chunks(chunks, pipeline, notices)


def analyze_many(texts: Sequence[str], pipeline: Any, batch_size: int = BATCH_SIZE) -> Iterator[Analysis]:
    """Analyse several texts, yielding one ``Analysis`` per text, in order.

    Texts are parsed a batch at a time with ``pipeline.parse_many`` (one ``nlp.pipe`` call,
    faster than one call per text); a batch holds at most ``batch_size`` texts and about
    ``BATCH_CHARS`` characters so memory stays flat. If a batch fails, its texts are retried one
    by one so a single bad text cannot spoil the others.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    parse_many = getattr(pipeline_mod, "parse_many", None)
    for batch in _batches(texts, max(1, batch_size)):
        parsed = None
        if parse_many is not None and len(batch) > 1:
            try:
                parsed = parse_many(pipeline, batch)
            except Exception:  # noqa: BLE001 - retried one by one below, where it is reported
                log.debug("batch parse failed; retrying texts one by one", exc_info=True)
        for i, text in enumerate(batch):
            yield _analyze_chunks(parsed[i], pipeline, []) if parsed is not None else analyze(text, pipeline)


def _batches(texts: Sequence[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) >= size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def _analyze_chunks(chunks: list, pipeline: Any, notices: list[str]) -> Analysis:
    from newsreader.analysis import entities as entities_mod
    from newsreader.analysis import figures as figures_mod
    from newsreader.analysis import reactions as reactions_mod

    entities = _run_stage("entities", notices, lambda: entities_mod.extract_entities(chunks), [])
    figures = _run_stage("figures", notices, lambda: figures_mod.extract_figures(chunks), [])
    actors, reactions = _run_stage(
        "actors and reactions",
        notices,
        lambda: reactions_mod.extract_actors_and_reactions(chunks, entities),
        ([], []),
    )
    failed = any(n.startswith(STAGE_FAILED) for n in notices)
    return Analysis(
        model=str(getattr(pipeline, "name", "unknown")),
        entities=list(entities),
        actors=list(actors),
        reactions=list(reactions),
        figures=list(figures),
        notices=_unique([*getattr(pipeline, "notices", []), *notices]),
        complete=not failed,
    )


def _run_stage(name: str, notices: list[str], run, empty):
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - one stage's bug must not lose the others' results
        log.error("%s: %s failed", STAGE_FAILED, name, exc_info=True)
        notices.append(f"{STAGE_FAILED}: {name} ({type(exc).__name__}: {exc})")
        return empty


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
