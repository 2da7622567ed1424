"""The one object the reader and ``extract`` ask for analyses: cache first, then the pipeline.

``AnalysisService.cached`` answers from the cache without importing spaCy, so an article that
was analysed before shows its highlights as soon as it opens. ``analyze`` runs the pipeline
(loaded lazily, once, on first need) and stores the result. Both are safe to call from several
threads; the pipeline itself runs one document at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsreader.analysis import analyze as analyze_mod
from newsreader.analysis.analyze import analyze as analyze_text
from newsreader.analysis.analyze import analyze_many as analyze_texts
from newsreader.analysis.analyze import stage_failed
from newsreader.analysis.cache import AnalysisCache, text_key
from newsreader.model.analysis import Analysis, ArticleMeta

if TYPE_CHECKING:
    from newsreader.analysis.pipeline import Chunk, Pipeline
    from newsreader.analysis.versions import ModelChoice
    from newsreader.model.document import Document

log = logging.getLogger("newsreader.analysis")

#: Longer texts are analysed up to a paragraph break before this many characters (about
#: 170,000 words, a minute or more of CPU): the rest stays readable, unhighlighted, and the
#: analysis says it is incomplete. Offsets stay valid because the analysed part is a prefix.
MAX_ANALYSIS_CHARS = 1_000_000

#: ``analyze_progressive`` analyses shorter texts in one go (under about half a second of parsing).
PROGRESSIVE_MIN_CHARS = 8_000


class AnalysisService:
    """Analyses documents for one model choice, with an optional persistent cache.

    ``model`` is a spaCy package name (None: the best installed English model, else the
    rule-only fallback). ``use_cache=False`` neither reads nor writes the cache.
    """

    def __init__(self, model: str | None = None, use_cache: bool = True, cache: AnalysisCache | None = None) -> None:
        self._model_name = model
        self._use_cache = use_cache
        self._cache = cache if cache is not None else (AnalysisCache() if use_cache else None)
        self._choice: ModelChoice | None = None
        self._version: str | None = None
        self._pipeline: Pipeline | None = None
        self._state_lock = threading.Lock()  # guards the cheap lazy fields (choice, version)
        self._load_lock = threading.Lock()  # held while the pipeline loads: cached() must not wait on it
        self._run_lock = threading.Lock()  # one document through the pipeline at a time

    # -- what the UI shows ----------------------------------------------------------------

    @property
    def model_choice(self) -> ModelChoice:
        """The resolved model (``versions.ModelChoice``: name, version, rule_only); cheap."""
        with self._state_lock:
            if self._choice is None:
                from newsreader.analysis.versions import resolve_model

                self._choice = resolve_model(self._model_name)
            return self._choice

    @property
    def version_key(self) -> str:
        """The cache version for this model choice (changes with model, code and data)."""
        choice = self.model_choice
        with self._state_lock:
            if self._version is None:
                from newsreader.analysis.versions import version_key

                self._version = version_key(choice)
            return self._version

    @property
    def notices(self) -> list[str]:
        """Things the user should know: rule-only fallback, cache turned off, cache rebuilt."""
        out = self.model_notices
        if self._cache is not None:
            out.extend(self._cache.notices)
        return list(dict.fromkeys(out))

    @property
    def model_notices(self) -> list[str]:
        """The part of ``notices`` about the model (rule-only fallback, a model that failed to load)."""
        out: list[str] = []
        pipeline = self._pipeline
        if pipeline is not None:
            out.extend(pipeline.notices)
        else:
            try:
                choice = self.model_choice
            except Exception:  # noqa: BLE001 - reported when analysis is attempted
                choice = None
            if choice is not None and choice.rule_only:
                out.append("no spaCy English model installed: rule-only analysis (fewer entities and reactions)")
        return out

    @property
    def pipeline_loaded(self) -> bool:
        return self._pipeline is not None

    # -- analyses ---------------------------------------------------------------------------

    def cached(self, document: Document) -> Analysis | None:
        """The stored analysis of this document for the current model, or None. No spaCy."""
        if self._cache is None:
            return None
        try:
            return self._cache.get(analysis_key(document), self.version_key)
        except Exception:  # a cache problem is a miss, never an error
            log.warning("analysis cache lookup failed", exc_info=True)
            return None

    def analyze(self, document: Document) -> Analysis:
        """Analyse a document (blocking; run it in a worker thread) and cache the result."""
        hit = self.cached(document)
        if hit is not None:
            return hit
        pipeline = self.load()
        text, cut = _within_limit(document.text)
        with self._run_lock:
            analysis = _mark_cut(analyze_text(text, pipeline, article_meta(document)), cut, len(document.text))
        self._store(document, analysis)
        return analysis

    def analyze_progressive(
        self,
        document: Document,
        on_partial: Callable[[Analysis], None],
        should_stop: Callable[[], bool] | None = None,
    ) -> Analysis:
        """``analyze``, but a long article's first screen is highlighted long before the rest.

        Blocking: run it in a worker thread. A cached analysis is returned at once (no partial
        calls). A text shorter than ``PROGRESSIVE_MIN_CHARS`` is analysed in one go. A longer one
        is parsed in parts in document order (``analyze.split_parts``: about one screen, then
        ~12,000 characters each, cut at paragraph breaks), and ``on_partial(analysis)`` is called
        **in this thread** (use ``App.call_from_thread``) after the first part and then each time
        the analysed length has doubled. A partial analysis has ``complete=False``, entities and
        figures of the text analysed so far, with offsets into the whole ``document.text``, and no
        actors or reactions: those are found over the whole document at the end. The returned
        analysis is the same as ``analyze`` gives (except near a cut inside a single line longer
        than 24,000 characters, see ``split_parts``), and is cached.

        ``should_stop()`` is checked between parts (e.g. ``lambda: worker.is_cancelled``); when it
        says stop, the last partial analysis (or an empty one) is returned, not cached. Other
        documents may be analysed between this one's parts, so the article being read can
        overtake a long background job. An exception raised by ``on_partial`` is logged and
        ignored.
        """
        hit = self.cached(document)
        if hit is not None:
            return hit
        text, cut = _within_limit(document.text)
        if len(text) < PROGRESSIVE_MIN_CHARS:
            return self.analyze(document)
        pipeline = self.load()
        notices: list[str] = []
        done: list[Chunk] = []  # joined chunks of finished groups
        partial = analyze_mod.partial_analysis([], pipeline, notices)
        reported = 0
        groups = analyze_mod.split_parts(text, pipeline=pipeline)
        for g, parts in enumerate(groups):
            group: list[Chunk] = []
            for p, (start, end) in enumerate(parts):
                if should_stop is not None and should_stop():
                    return partial
                with self._run_lock:
                    group.extend(analyze_mod.parse_part(text, start, end, pipeline, notices))
                last = g == len(groups) - 1 and p == len(parts) - 1
                if not last and (reported == 0 or end >= 2 * reported):
                    reported = end
                    partial = analyze_mod.partial_analysis(done + group, pipeline, notices)
                    try:
                        on_partial(partial)
                    except Exception:  # the caller's display problem must not stop analysis
                        log.warning("on_partial callback failed", exc_info=True)
            if group:
                with self._run_lock:
                    done.extend(analyze_mod.join_parts(group, pipeline))
        if should_stop is not None and should_stop():
            return partial
        with self._run_lock:
            analysis = _mark_cut(
                analyze_mod.analyze_chunks(done, pipeline, notices, article_meta(document)), cut, len(document.text)
            )
        self._store(document, analysis)
        return analysis

    def analyze_many(self, documents: Sequence[Document]) -> Iterator[Analysis]:
        """Analyse documents in order, batching the uncached ones through the pipeline."""
        results: list[Analysis | None] = [self.cached(d) for d in documents]
        missing = [i for i, r in enumerate(results) if r is None]
        fresh: Iterator[Analysis] = iter(())
        if missing:
            pipeline = self.load()
            texts = [_within_limit(documents[i].text) for i in missing]
            fresh = self._locked(
                analyze_texts(
                    [text for text, _ in texts], pipeline, metas=[article_meta(documents[i]) for i in missing]
                )
            )
            cuts = iter(texts)
        for i, result in enumerate(results):
            if result is None:
                result = _mark_cut(next(fresh), next(cuts)[1], len(documents[i].text))
                self._store(documents[i], result)
            yield result

    def load(self) -> Pipeline:
        """Load the pipeline now (otherwise it is loaded on the first uncached analysis)."""
        with self._load_lock:
            if self._pipeline is None:
                import time

                from newsreader.analysis.pipeline import load_pipeline

                started = time.perf_counter()
                self._pipeline = load_pipeline(self._model_name)
                log.info("pipeline %s ready in %.2f s", self._pipeline.name, time.perf_counter() - started)
            return self._pipeline

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()

    # -- internals --------------------------------------------------------------------------

    def _locked(self, results: Iterator[Analysis]) -> Iterator[Analysis]:
        while True:
            with self._run_lock:
                try:
                    item = next(results)
                except StopIteration:
                    return
            yield item

    def _store(self, document: Document, analysis: Analysis) -> None:
        # A partial result (a stage failed) is not kept: the next run should try again.
        if self._cache is None or stage_failed(analysis):
            return
        try:
            self._cache.put(analysis_key(document), self.version_key, analysis)
        except Exception:  # losing a cache write is harmless
            log.warning("analysis cache write failed", exc_info=True)


def article_meta(document: Document) -> ArticleMeta | None:
    """The date and publisher the analysis may use, from the document's metadata lines."""
    date, publisher = document.meta.date, document.meta.source
    if not date and not publisher:
        return None
    return ArticleMeta(
        date=date if isinstance(date, str) else None, publisher=publisher if isinstance(publisher, str) else None
    )


def analysis_key(document: Document) -> str:
    """The cache key of a document's analysis: its text, and the metadata the analysis reads
    (the same text dated another day may give another office-holder's country)."""
    meta = article_meta(document)
    if meta is None:
        return text_key(document.text)
    return text_key(f"{document.text}\x00{meta.date or ''}\x00{meta.publisher or ''}")


def _within_limit(text: str) -> tuple[str, bool]:
    """The part of ``text`` to analyse (a prefix, cut at a paragraph break) and whether it was cut."""
    if len(text) <= MAX_ANALYSIS_CHARS:
        return text, False
    cut = text.rfind("\n\n", MAX_ANALYSIS_CHARS // 2, MAX_ANALYSIS_CHARS)
    return text[: cut if cut != -1 else MAX_ANALYSIS_CHARS], True


def _mark_cut(analysis: Analysis, cut: bool, full_length: int) -> Analysis:
    if cut:
        analysis.complete = False
        analysis.notices.append(
            f"very long article: only the first {MAX_ANALYSIS_CHARS:,} of {full_length:,} characters were analysed"
        )
    return analysis
