"""Hostile documents through the analysis: no exception, no failed stage, every offset valid.

One fixture per hostile case (tests/fixtures/hostile/hostile_cases.py, generated in tmp_path),
loaded with the real loader, analysed by ``AnalysisService(use_cache=False)``:
- with the real English model (``@pytest.mark.model``), and
- with the rule-only pipeline (fast; runs everywhere).
Big inputs are bounded by the service's own limit (``MAX_ANALYSIS_CHARS``), lowered here so the
model run stays short; the real-size shapes run in the rule-only checks, which compare their cost
with a tenth of their size (CPU time, so a busy machine does not matter).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "hostile"))
from conftest import assert_linear_growth
from hostile_cases import UNREADABLE, all_cases, small_cases, write_cases
from newsreader.analysis.analyze import STAGE_FAILED
from newsreader.library import load_document
from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus
from newsreader.model.vocabulary import LAYERS, PLOVER_CATEGORIES


def check_analysis(text: str, analysis: Analysis) -> None:
    """Every offset in ``analysis`` indexes ``text``; entity texts are their slices; JSON round-trips."""
    n = len(text)
    failed = [notice for notice in analysis.notices if notice.startswith(STAGE_FAILED)]
    assert not failed, failed
    for e in analysis.entities:
        assert 0 <= e.start < e.end <= n, e
        assert text[e.start : e.end] == e.text, (e, text[e.start : e.end])
        assert e.layer in LAYERS
    ids = {a.id for a in analysis.actors}
    for a in analysis.actors:
        for s, e in a.mentions:
            assert 0 <= s < e <= n, (a.id, s, e)
    for r in analysis.reactions:
        assert r.category in PLOVER_CATEGORIES
        assert r.actor == "" or r.actor in ids
        s, e = r.sentence
        assert 0 <= s < e <= n, r
        if r.trigger_span is not None:
            ts, te = r.trigger_span
            assert s <= ts < te <= e, r
    for f in analysis.figures:
        s, e = f.span
        assert 0 <= s < e <= n, f
        if f.sentence is not None:
            assert 0 <= f.sentence[0] <= s and e <= f.sentence[1] <= n, f
    data = json.loads(json.dumps(analysis.to_dict()))
    assert Analysis.from_dict(data) == analysis


def _analyse_case(service, tmp_path: Path, case: tuple[str, str, bytes]) -> tuple[object, Analysis | None]:
    paths = write_cases(tmp_path, [case])
    document = load_document(paths[case[0]])
    if case[0] in UNREADABLE:
        assert document.status is DocStatus.ERROR
        return document, None
    analysis = service.analyze(document)
    check_analysis(document.text, analysis)
    return document, analysis


SMALL = small_cases()
ALL = all_cases()


# ----------------------------------------------------------------------------- rule-only


@pytest.fixture(scope="module")
def rule_service():
    from newsreader.analysis.service import AnalysisService

    service = AnalysisService(model="rule-only", use_cache=False)
    service.load()
    return service


@pytest.mark.parametrize("case", SMALL, ids=[c[0] for c in SMALL])
def test_rule_only_analysis_of_each_hostile_case(rule_service, tmp_path, case) -> None:
    _document, analysis = _analyse_case(rule_service, tmp_path, case)
    if analysis is not None:
        assert analysis.model == "rule-only"
        assert any("rule-only" in notice for notice in analysis.notices)


#: The big hostile shapes (as in hostile_cases.py) at any size: each must cost about linear work.
SHAPES = {
    "one-mb-line": (lambda n: b"x" * n, 100_000, 1_000_000),
    "deep-quotes": (lambda n: ("# Deep quotes\n\n" + "> " * n + "bottom words\n").encode(), 200, 2000),
    "deep-lists": (
        lambda n: ("# Deep lists\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(n))).encode(),
        200,
        2000,
    ),
    "table": (
        lambda n: ("# Table\n\n| n | name |\n|---|---|\n" + "".join(f"| {i} | row {i} |\n" for i in range(n))).encode(),
        500,
        5000,
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_rule_only_big_shapes_grow_linearly(rule_service, name) -> None:
    from newsreader.library import parse_bytes

    build, small, large = SHAPES[name]

    def run(n: int) -> None:
        document = parse_bytes(build(n), f"{name}.md")
        check_analysis(document.text, rule_service.analyze(document))

    assert_linear_growth(run, small, large)


def test_service_limit_cuts_at_a_paragraph_and_says_so(rule_service, tmp_path, monkeypatch) -> None:
    from newsreader.analysis import service as service_mod

    monkeypatch.setattr(service_mod, "MAX_ANALYSIS_CHARS", 2_000)
    text = "\n\n".join(f"Paragraph {i} says Paris talks resumed with 1,200 delegates." for i in range(200))
    (tmp_path / "long.txt").write_text("Long\n\n" + text, encoding="utf-8")
    document = load_document(tmp_path / "long.txt")
    analysis = rule_service.analyze(document)
    check_analysis(document.text, analysis)
    assert not analysis.complete
    assert any("only the first" in notice for notice in analysis.notices)
    assert max(e.end for e in analysis.entities) <= 2_000


def test_a_run_of_currency_symbols_is_analysed_in_linear_time(rule_service) -> None:
    from newsreader.library import parse_bytes

    def run(n: int) -> None:
        document = parse_bytes(("Title\n\n" + "¥" * n).encode("utf-8"), "yen.txt")
        check_analysis(document.text, rule_service.analyze(document))

    # spaCy's tokenizer is quadratic in a word's length (3,000 characters took ~1.5 s, a 100 KB
    # chunk ~30 min) until pipeline.parse cut such runs (51bc4b6): ten times the run was then a
    # hundred times the work.
    assert_linear_growth(run, 300, 3_000)


def test_thousands_of_numbers_are_analysed_in_linear_time(rule_service) -> None:
    from newsreader.library import parse_bytes

    def run(count: int) -> None:
        rng = random.Random(6)
        numbers = " ".join(f"{rng.randrange(10**6):,}" for _ in range(count))
        document = parse_bytes(f"Numbers\n\n{numbers}\n".encode(), "numbers.txt")
        analysis = rule_service.analyze(document)
        check_analysis(document.text, analysis)
        assert len(analysis.entities) >= count // 2

    # Figures once scanned the whole document once per number (fixed in 51bc4b6): 5,000 numbers
    # took ~4 s, quadratic growth.
    assert_linear_growth(run, 500, 5_000)


# ---------------------------------------------------------------------------- real model


@pytest.fixture(scope="module")
def model_service():
    from newsreader.analysis.service import AnalysisService

    service = AnalysisService(use_cache=False)
    if service.model_choice.rule_only:
        pytest.skip("no English model installed")
    service.load()
    return service


@pytest.mark.model
@pytest.mark.parametrize("case", SMALL, ids=[c[0] for c in SMALL])
def test_model_analysis_of_each_hostile_case(model_service, tmp_path, case) -> None:
    _document, analysis = _analyse_case(model_service, tmp_path, case)
    if analysis is not None:
        assert analysis.model != "rule-only"
        assert analysis.complete


# Entities the model must still find when the hostile parts are stripped around them.
FOUND = {
    "cp1252": {"Paris"},
    "utf16-be": {"Paris", "Berlin"},
    "utf8-bom": {"Kazakhstan"},
}


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(FOUND))
def test_model_still_finds_names_after_decoding(model_service, tmp_path, name) -> None:
    case = next(c for c in SMALL if c[0] == name)
    _document, analysis = _analyse_case(model_service, tmp_path, case)
    assert FOUND[name] <= {e.text for e in analysis.entities}


@pytest.mark.model
@pytest.mark.parametrize("name", ["one-mb-line", "deep-quotes", "deep-lists", "table", "numbers"])
def test_model_big_inputs_are_cut_by_the_service_limit(model_service, tmp_path, monkeypatch, name) -> None:
    from newsreader.analysis import service as service_mod

    monkeypatch.setattr(service_mod, "MAX_ANALYSIS_CHARS", 6_000)
    case = next(c for c in ALL if c[0] == name)
    # The cut is what keeps the model's work bounded, whatever the input's size.
    document, analysis = _analyse_case(model_service, tmp_path, case)
    if len(document.text) > 6_000:
        assert not analysis.complete
        assert any("only the first" in notice for notice in analysis.notices)
        assert all(e.end <= 6_000 for e in analysis.entities)
