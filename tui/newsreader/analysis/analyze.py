"""Text in, ``Analysis`` out: the one place the analysis stages are put together.

The stages (parse, entities, figures, actors and reactions) are written elsewhere; this module
only decides their order and what happens when one of them fails. A failing stage never takes
the others down: its part of the result stays empty, a notice says so, the analysis is marked
incomplete and the traceback goes to the ``newsreader`` logger (``--debug`` writes it to the log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from newsreader.model.analysis import Actor, Analysis, ArticleMeta, Entity, Event, Figure, Reaction

if TYPE_CHECKING:
    from newsreader.analysis.pipeline import Chunk, Pipeline

T = TypeVar("T")

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

#: Progressive analysis: the first part is about one screen of a 160x50 terminal's article pane
#: (it is cut at the next paragraph break), the later parts are larger; parts never split a line.
FIRST_PART_CHARS = 3_000
PART_CHARS = 12_000


def stage_failed(analysis: Analysis) -> bool:
    """True when some analysis stage raised and the result is partial."""
    return any(n.startswith(STAGE_FAILED) for n in analysis.notices)


def analyze(text: str, pipeline: Pipeline, meta: ArticleMeta | None = None) -> Analysis:
    """Analyse ``text`` with a loaded pipeline (``pipeline.load_pipeline``).

    Offsets in the result index ``text``. ``Analysis.model`` is the pipeline's name and the
    pipeline's notices (e.g. the rule-only fallback) are carried over. ``meta`` (the article's
    date and publisher) dates offices and keeps the publisher out of the actors.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    notices: list[str] = []
    chunks: list[Chunk] = _run_stage("parse", notices, lambda: pipeline_mod.parse(pipeline, text), [])
    return _analyze_chunks(chunks, pipeline, notices, meta)


def analyze_many(
    texts: Sequence[str],
    pipeline: Pipeline,
    batch_size: int = BATCH_SIZE,
    metas: Sequence[ArticleMeta | None] | None = None,
) -> Iterator[Analysis]:
    """Analyse several texts, yielding one ``Analysis`` per text, in order.

    Texts are parsed a batch at a time with ``pipeline.parse_many`` (short texts share the
    model's batches, faster than one call per text); a batch holds at most ``batch_size`` texts and about
    ``BATCH_CHARS`` characters so memory stays flat. If a batch fails, its texts are retried one
    by one so a single bad text cannot spoil the others. ``metas[i]`` goes with ``texts[i]``.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    done = 0
    for batch in _batches(texts, max(1, batch_size)):
        parsed = None
        if len(batch) > 1:
            try:
                parsed = pipeline_mod.parse_many(pipeline, batch)
            except Exception:  # retried one by one below, where it is reported
                log.debug("batch parse failed; retrying texts one by one", exc_info=True)
        for i, text in enumerate(batch):
            meta = metas[done + i] if metas is not None else None
            if parsed is None:
                yield analyze(text, pipeline, meta)
                continue
            chunks, parsed[i] = parsed[i], []
            analysis = _analyze_chunks(chunks, pipeline, [], meta)
            del chunks  # the text's docs go as soon as its analysis (plain records) is made
            yield analysis
        done += len(batch)


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


def split_parts(
    text: str, first_chars: int | None = None, part_chars: int | None = None, pipeline: Pipeline | None = None
) -> list[list[tuple[int, int]]]:
    """Parts of ``text`` for progressive analysis, grouped as ``pipeline.parse`` would chunk
    the whole text (``pipeline.split_text``; one group for texts up to ``CHUNK_CHARS``), so
    joining a group's parsed parts gives the chunk ``parse`` would have made.

    Each part is ``[start, end)``; together they cover ``text`` exactly, in order. The first is
    about ``first_chars`` long, the others about ``part_chars``; each ends at a paragraph break
    ("\n\n") when there is one within twice its size, else at a line break; only a line
    longer than twice the size is cut, after a full stop if it can be (the one case where
    the parsed parts can differ from the whole: near the cut).
    Lines are parsed on their own (``pipeline.split_lines``), so parsing parts gives the same
    tokens and entities as parsing the whole group.
    """
    from newsreader.analysis import pipeline as pipeline_mod

    limit = pipeline_mod.CHUNK_CHARS
    if pipeline is not None:
        limit = max(1, min(limit, pipeline.nlp.max_length - 1))
    first_chars = FIRST_PART_CHARS if first_chars is None else first_chars
    part_chars = PART_CHARS if part_chars is None else part_chars
    groups: list[list[tuple[int, int]]] = []
    size = max(1, first_chars)
    for offset, piece in pipeline_mod.split_text(text, limit) if text else []:
        parts: list[tuple[int, int]] = []
        start, end_of_piece = offset, offset + len(piece)
        while start < end_of_piece:
            end = _part_end(text, start, size, end_of_piece)
            parts.append((start, end))
            start = end
            size = max(1, part_chars)
        groups.append(parts)
    return groups


def _part_end(text: str, start: int, size: int, limit: int) -> int:
    """Where a part starting at ``start`` ends: after the paragraph break nearest past
    ``start + size`` (looking on to twice the size, then back), else likewise after a line
    break; a single line longer than twice the size is cut after a full stop, else at a space.
    Never past ``limit``."""
    target = start + size
    if target >= limit:
        return limit
    window = min(limit, start + 2 * size)
    for sep in ("\n\n", "\n"):
        pos = text.find(sep, target, window)
        if pos == -1:
            pos = text.rfind(sep, start + 1, target)
        if pos != -1:
            return min(limit, pos + len(sep))
    if limit - start <= 2 * size:
        return limit  # the rest is one line: keep it whole
    for sep in (". ", " "):  # a huge line: best at a sentence end
        pos = text.rfind(sep, start + 1, target)
        if pos == -1:
            pos = text.find(sep, target, window)
        if pos != -1:
            return pos + len(sep)
    return window


def join_parts(chunks: list[Chunk], pipeline: Pipeline) -> list[Chunk]:
    """The chunks of one group's consecutive parts (see ``split_parts``) as the one chunk
    ``parse`` makes of the group: their docs joined, then the document-wide name repairs run
    over the whole. Chunks that are not contiguous (a part failed to parse) are left apart."""
    from newsreader.analysis import pipeline as pipeline_mod

    if len(chunks) < 2:
        return list(chunks)
    position = chunks[0].offset
    for chunk in chunks:
        if chunk.offset != position:
            return list(chunks)
        position += len(chunk.doc.text)
    from spacy.tokens import Doc

    docs = [chunk.doc for chunk in chunks]
    for part in docs:
        # Per-doc caches the stages left (e.g. figures' sentence starts) describe the part, and
        # from_docs would warn on stderr (the reader's terminal) about each: drop them; only
        # extension values ("._.", name, start, end) are carried into the joined doc.
        for key in [k for k in part.user_data if not (isinstance(k, tuple) and k[:1] == ("._.",))]:
            del part.user_data[key]
    pipeline_mod._shift_title_spans(docs)
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if "newsreader_names" in pipeline.nlp.pipe_names:
        from newsreader.analysis.components.person_names import repair_document

        doc = repair_document(doc)
    return [pipeline_mod.Chunk(chunks[0].offset, doc)]


def parse_part(text: str, start: int, end: int, pipeline: Pipeline, notices: list[str]) -> list[Chunk]:
    """Parse ``text[start:end]``; the chunks' offsets index ``text`` (absolute)."""
    from newsreader.analysis import pipeline as pipeline_mod

    chunks: list[Chunk] = _run_stage("parse", notices, lambda: pipeline_mod.parse(pipeline, text[start:end]), [])
    return [pipeline_mod.Chunk(start + chunk.offset, chunk.doc) for chunk in chunks]


def partial_analysis(chunks: list[Chunk], pipeline: Pipeline, notices: list[str]) -> Analysis:
    """Entities and figures of the chunks parsed so far (no actors or reactions yet: those are
    found over the whole document); ``complete`` is False."""
    from newsreader.analysis import entities as entities_mod
    from newsreader.analysis import figures as figures_mod

    entities: list[Entity] = _run_stage("entities", notices, lambda: entities_mod.extract_entities(chunks), [])
    figures: list[Figure] = _run_stage("figures", notices, lambda: figures_mod.extract_figures(chunks), [])
    return Analysis(
        model=pipeline.name,
        entities=list(entities),
        actors=[],
        reactions=[],
        figures=list(figures),
        notices=_unique([*pipeline.notices, *notices]),
        complete=False,
    )


def analyze_chunks(
    chunks: list[Chunk], pipeline: Pipeline, notices: list[str] | None = None, meta: ArticleMeta | None = None
) -> Analysis:
    """The full analysis of already parsed chunks (absolute offsets), as ``analyze`` makes it."""
    return _analyze_chunks(chunks, pipeline, list(notices or []), meta)


def _analyze_chunks(
    chunks: list[Chunk], pipeline: Pipeline, notices: list[str], meta: ArticleMeta | None = None
) -> Analysis:
    from newsreader.analysis import entities as entities_mod
    from newsreader.analysis import figures as figures_mod
    from newsreader.analysis.events import extractor as events_mod

    entities: list[Entity] = _run_stage("entities", notices, lambda: entities_mod.extract_entities(chunks), [])
    figures: list[Figure] = _run_stage("figures", notices, lambda: figures_mod.extract_figures(chunks), [])
    nothing: tuple[list[Actor], list[Reaction], list[Event]] = ([], [], [])
    actors, reactions, events = _run_stage(
        "actors and reactions",
        notices,
        lambda: events_mod.extract_actors_reactions_events(chunks, entities, meta),
        nothing,
    )
    failed = any(n.startswith(STAGE_FAILED) for n in notices)
    return Analysis(
        model=pipeline.name,
        entities=list(entities),
        actors=list(actors),
        reactions=list(reactions),
        figures=list(figures),
        notices=_unique([*pipeline.notices, *notices]),
        complete=not failed,
        events=list(events),
    )


def _run_stage(name: str, notices: list[str], run: Callable[[], T], empty: T) -> T:
    try:
        return run()
    except Exception as exc:  # one stage's bug must not lose the others' results
        log.error("%s: %s failed", STAGE_FAILED, name, exc_info=True)
        notices.append(f"{STAGE_FAILED}: {name} ({type(exc).__name__}: {exc})")
        return empty


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
