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

    Texts short enough for one spaCy call are parsed together with ``nlp.pipe`` (faster than
    one call each); longer ones go through ``pipeline.parse``, which splits them. If a batch
    fails, its texts are retried one by one so a single bad text cannot spoil the others.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    nlp = getattr(pipeline, "nlp", None)
    chunk_cls = getattr(pipeline_mod, "Chunk", None)
    # The same bound ``pipeline.parse`` splits at: a text within it is parsed as one doc either way.
    max_length = getattr(nlp, "max_length", 0) if nlp is not None else 0
    limit = max(1, min(getattr(pipeline_mod, "CHUNK_CHARS", max_length), max_length - 1))
    if nlp is None or chunk_cls is None or not hasattr(nlp, "pipe"):
        for text in texts:
            yield analyze(text, pipeline)
        return

    for start in range(0, len(texts), max(1, batch_size)):
        batch = list(texts[start : start + batch_size])
        short = [i for i, t in enumerate(batch) if len(t) <= limit]
        parsed: dict[int, list] = {}
        if len(short) > 1:
            try:
                docs = list(nlp.pipe([batch[i] for i in short], batch_size=len(short)))
                parsed = {i: [chunk_cls(0, doc)] for i, doc in zip(short, docs)}
            except Exception:  # noqa: BLE001 - retried one by one below, where it is reported
                log.debug("batch parse failed; retrying texts one by one", exc_info=True)
                parsed = {}
        for i, text in enumerate(batch):
            if i in parsed:
                yield _analyze_chunks(parsed[i], pipeline, [])
            else:
                yield analyze(text, pipeline)


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
