"""AnalysisService.analyze_progressive: first screen first, same final result as analyze()."""

from __future__ import annotations

import itertools

import pytest

from newsreader.analysis import analyze as analyze_mod
from newsreader.analysis.cache import AnalysisCache
from newsreader.analysis.service import PROGRESSIVE_MIN_CHARS, AnalysisService
from newsreader.library import parse_markdown
from tests.bench import generate

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("model")]


def _document(words: int = 5_000, seed: int = 3):
    return parse_markdown(generate.article(words=words, seed=seed), "long.md")


def _flat(groups):
    return [part for group in groups for part in group]


def test_parts_cover_the_text_and_end_at_paragraph_breaks() -> None:
    text = _document().text
    groups = analyze_mod.split_parts(text, first_chars=3_000, part_chars=12_000)
    assert len(groups) == 1  # under pipeline.CHUNK_CHARS: one chunk, as parse makes it
    parts = _flat(groups)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    assert 3_000 <= parts[0][1] <= 6_000
    assert all(text[end - 2 : end] == "\n\n" for _, end in parts[:-1])


@pytest.mark.parametrize("text", ["", "x", "one line without breaks " * 500, "a\n\nb" * 3000, "\n\n\n" * 2000])
def test_parts_of_odd_texts(text: str) -> None:
    parts = _flat(analyze_mod.split_parts(text, first_chars=100, part_chars=400))
    assert "".join(text[s:e] for s, e in parts) == text
    assert all(e > s for s, e in parts)


def test_groups_follow_the_chunks_parse_makes(monkeypatch) -> None:
    from newsreader.analysis import pipeline as pipeline_mod

    text = _document().text
    monkeypatch.setattr(pipeline_mod, "CHUNK_CHARS", 10_000)
    groups = analyze_mod.split_parts(text, first_chars=1_000, part_chars=3_000)
    chunks = pipeline_mod.split_text(text, 10_000)
    assert [(g[0][0], g[-1][1]) for g in groups] == [(o, o + len(p)) for o, p in chunks]
    assert _flat(groups)[0][1] < 2_000


@pytest.fixture(scope="module")
def model_service(tmp_path_factory):
    cache = AnalysisCache(tmp_path_factory.mktemp("cache") / "analysis.sqlite")
    service = AnalysisService(cache=cache)
    service.load()
    yield service
    service.close()


@pytest.mark.filterwarnings("error")
def test_first_screen_comes_first_and_the_end_equals_analyze(model_service) -> None:
    document = _document()
    assert len(document.text) > 4 * PROGRESSIVE_MIN_CHARS
    partials = []
    final = model_service.analyze_progressive(document, partials.append)
    assert len(partials) >= 2
    first = partials[0]
    first_end = analyze_mod.split_parts(document.text)[0][0][1]
    assert first.entities and not first.complete and not first.actors and not first.reactions
    assert all(e.end <= first_end for e in first.entities)
    for partial in partials:  # absolute offsets into the whole text
        assert all(document.text[e.start : e.end] == e.text for e in partial.entities)
    # the partials' spans stay (labels may still change: names are repaired over the whole text)
    final_spans = {(e.start, e.end) for e in final.entities}
    assert {(e.start, e.end) for e in partials[-1].entities} <= final_spans
    assert len(partials[-1].entities) > len(first.entities)
    assert final.complete and final.actors and final.reactions
    assert model_service.cached(document) is not None

    whole = AnalysisService(use_cache=False).analyze(document)
    assert final.to_dict() == whole.to_dict()


def test_cached_result_comes_back_without_partials(model_service) -> None:
    document = _document(seed=4)
    model_service.analyze(document)
    partials = []
    assert model_service.analyze_progressive(document, partials.append).complete
    assert partials == []


def test_short_text_is_analysed_in_one_go(model_service) -> None:
    document = parse_markdown("# Talks\n\nKenya hosted talks with Uganda in Nairobi on Monday.\n", "short.md")
    partials = []
    result = model_service.analyze_progressive(document, partials.append)
    assert partials == [] and result.complete and result.entities


def test_stopping_returns_the_partial_and_caches_nothing(model_service) -> None:
    document = _document(seed=5)
    partials = []
    result = model_service.analyze_progressive(document, partials.append, should_stop=lambda: bool(partials))
    assert len(partials) == 1 and result is partials[0] and not result.complete
    assert model_service.cached(document) is None


def test_a_failing_callback_does_not_stop_the_analysis(model_service) -> None:
    document = _document(seed=6)

    def broken(_analysis):
        raise RuntimeError("display gone")

    result = model_service.analyze_progressive(document, broken)
    assert result.complete and result.reactions
