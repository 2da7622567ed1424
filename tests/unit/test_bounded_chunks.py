"""The text reaches the model in bounded pieces whatever its line structure (issue 18): no line
parsed as one doc is longer than ``MAX_LINE_CHARS``, no ``nlp.pipe`` batch holds more than
``PIPE_BATCH_CHARS`` characters, and the pieces put back together are the text, so offsets hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis import pipeline as pl
from tests.bench import generate, shapes


def _cut(text: str, limit: int) -> list[str]:
    pieces = pl.split_long_line(text, limit)
    assert "".join(pieces) == text
    assert all(pieces) and all(len(p) <= limit for p in pieces)
    return pieces


def test_a_long_line_is_cut_after_sentence_ends():
    text = "The talks ended on Monday. Ministers met again in Oslo. Nobody said when they would end. " * 3
    pieces = _cut(text, 100)
    assert len(pieces) > 1
    assert all(p.endswith(("day. ", "slo. ", "end. ")) for p in pieces[:-1])


def test_a_cut_is_not_made_after_a_title_or_initials():
    text = "Officials said Mr. Okafor and Gen. Haddad met U.S. envoys at the border crossing. They left."
    pieces = _cut(text, 90)
    assert pieces == [
        "Officials said Mr. Okafor and Gen. Haddad met U.S. envoys at the border crossing. ",
        "They left.",
    ]


def test_quotes_and_question_marks_end_sentences_too():
    text = "\u201cWe will not accept it,\u201d she said. \u201cWhy now?\u201d he asked. Then they left the room."
    pieces = _cut(text, 45)
    assert pieces[0] == "\u201cWe will not accept it,\u201d she said. "
    assert pieces[1].startswith("\u201cWhy now?\u201d ")


def test_without_sentence_ends_a_line_is_cut_at_spaces_then_anywhere():
    numbers = " ".join(str(n * 37 % 1000) for n in range(400))
    assert all(p.endswith(" ") for p in _cut(numbers, 120)[:-1])
    assert [len(p) for p in _cut("x" * 250, 100)] == [100, 100, 50]


def test_a_short_line_is_one_piece():
    assert pl.split_long_line("One sentence. Another.", 100) == ["One sentence. Another."]
    assert pl.split_long_line("", 100) == [""]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ab A1.?!\u201d" \n\t')), min_size=1, max_size=600),
    st.integers(min_value=1, max_value=80),
)
def test_pieces_are_exact_and_bounded(text, limit):
    _cut(text, limit)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.\n ")), max_size=600), st.integers(min_value=5, max_value=60))
def test_no_line_piece_is_over_the_limit(text, limit):
    original = pl.MAX_LINE_CHARS
    pl.MAX_LINE_CHARS = limit
    try:
        pieces = pl.split_lines(text)
    finally:
        pl.MAX_LINE_CHARS = original
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


@pytest.mark.parametrize("shape", shapes.SHAPES)
def test_every_shape_reaches_the_model_in_bounded_lines(shape):
    text = shapes.MAKERS[shape](60_000)
    for _offset, piece in pl.split_text(text):
        lines = pl.split_lines(piece)
        assert "".join(lines) == piece
        assert max(len(line) for line in lines) <= pl.MAX_LINE_CHARS


def test_one_line_prose_is_cut_at_sentence_ends():
    text = shapes.one_line_prose(30_000).rstrip("\n")
    pieces = pl.split_lines(text)
    assert len(pieces) >= 30_000 // pl.MAX_LINE_CHARS
    assert all(p.endswith(". ") for p in pieces[:-1])


class _RecordingNlp:
    """Stands in for a Language: records the batches ``nlp.pipe`` is given."""

    def __init__(self) -> None:
        import spacy

        self.blank = spacy.blank("en")
        self.pipe_names: list[str] = []
        self.batches: list[list[str]] = []

    def pipe(self, texts, batch_size=None):
        import numpy

        texts = list(texts)
        self.batches.append(texts)
        for doc in self.blank.pipe(texts, batch_size=batch_size):
            doc.tensor = numpy.ones((len(doc), 4), dtype="float32")  # as a model's tok2vec leaves it
            yield doc


@pytest.mark.parametrize("shape", shapes.SHAPES)
def test_the_model_sees_bounded_batches_and_the_docs_cover_the_text(shape):
    text = shapes.MAKERS[shape](40_000)
    nlp = _RecordingNlp()
    pieces = [piece for _offset, piece in pl.split_text(text, 15_000)]
    docs = pl._run(nlp, pieces)
    assert [doc.text for doc in docs] == pieces
    assert len(nlp.batches) >= len(text) // pl.PIPE_BATCH_CHARS
    for batch in nlp.batches:
        assert sum(map(len, batch)) <= pl.PIPE_BATCH_CHARS or len(batch) == 1
        assert max(map(len, batch)) <= pl.MAX_LINE_CHARS


def test_parsed_docs_keep_no_tensor():
    nlp = _RecordingNlp()
    docs = pl._run(nlp, ["One line.\nAnother line.\n"])
    assert docs[0].tensor.size == 0


@pytest.mark.model
@pytest.mark.xdist_group("model")
def test_offsets_of_a_line_parsed_in_pieces_land_on_their_text(monkeypatch):
    from newsreader.analysis.analyze import analyze

    pipeline = pl.load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")
    monkeypatch.setattr(pl, "MAX_LINE_CHARS", 400)
    monkeypatch.setattr(pl, "PIPE_BATCH_CHARS", 1_000)
    text = "Talks in Oslo\n\n" + shapes.one_line_prose(6_000)
    analysis = analyze(text, pipeline)
    assert analysis.complete and len(analysis.entities) > 100
    for entity in analysis.entities:
        assert text[entity.start : entity.end] == entity.text
    for actor in analysis.actors:
        for start, end in actor.mentions:
            assert text[start:end].strip() and start < end
    for figure in analysis.figures:
        assert (
            figure.text in text[figure.span[0] : figure.span[1]] or text[figure.span[0] : figure.span[1]] in figure.text
        )
    people = {e.text for e in analysis.entities if e.layer == "people"}
    assert len(people & {name for _title, name in generate.PEOPLE}) >= 5  # names are not cut apart
