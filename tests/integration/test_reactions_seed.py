"""The sample article meets its targets: every required reaction, few extras, people placed right.

Measured against the shared gold (../shared/gold/seed-kazakhstan.json) with the shared scorer's
own matching rules. This test measures the real thing and may fail when quality regresses.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import SEED, SHARED, needs_shared

GOLD = SHARED / "gold" / "seed-kazakhstan.json"
SCORER = SHARED / "eval" / "score.py"

pytestmark = [
    pytest.mark.model,
    needs_shared,
    pytest.mark.skipif(not (GOLD.is_file() and SCORER.is_file()), reason=f"../shared has no {GOLD.name} or score.py"),
]


@pytest.fixture(scope="module")
def result():
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.events.extractor import extract_actors_and_reactions
    from newsreader.analysis.pipeline import load_pipeline, parse

    pipeline = load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")
    try:
        from newsreader.library import load_document

        text = load_document(str(SEED)).text
    except ImportError:
        text = SEED.read_text(encoding="utf-8")
    chunks = parse(pipeline, text)
    actors, reactions = extract_actors_and_reactions(chunks, extract_entities(chunks))
    record = {
        "path": str(SEED),
        "actors": [{"name": a.name, "kind": a.kind, "country": a.country} for a in actors],
        "reactions": [{"country": r.country, "category": r.category, "negated": r.negated} for r in reactions],
        "figures": [],
    }
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return scorer.score_doc(gold, record), actors, reactions, text


def test_every_required_reaction_is_found(result):
    score, *_ = result
    assert score["missed"] == []


def test_at_most_two_reactions_outside_gold(result):
    score, *_ = result
    assert len(score["extra"]) <= 2, score["extra"]


def test_every_listed_person_and_organisation_has_the_right_country(result):
    score, *_ = result
    assert score["wrong"] == []
    assert score["a_right"] == score["a_total"]


def test_news_sources_never_react(result):
    _, actors, reactions, _ = result
    sources = {a.id for a in actors if a.is_source}
    assert {"Reuters", "DW", "Al-Jazeera"} <= {a.name for a in actors if a.is_source}
    assert not any(r.actor in sources for r in reactions)


def test_reaction_evidence_is_a_sentence_of_the_text(result):
    _, _, reactions, text = result
    for r in reactions:
        s, e = r.sentence
        assert 0 <= s < e <= len(text)
        assert r.summary and r.trigger
        ts, te = r.trigger_span
        assert s <= ts < te <= e


def test_panel_lines_read_as_clean_phrases(result):
    from newsreader.analysis.summaries import DANGLING, LIMIT

    _, _, reactions, _ = result
    for r in reactions:
        assert r.actor_name, r  # the panel never shows a blank actor
        assert len(r.summary) <= LIMIT + 16, r.summary
        assert r.summary.split()[-1].rstrip("…").lower() not in DANGLING, r.summary
        assert r.summary == " ".join(r.summary.split()), r.summary
    lines = {r.summary for r in reactions}
    assert "called for an end to the unrest in the Central Asian country" in lines
    assert any(s.startswith("lauded President Tokayev") and s.endswith("to quash the protests") for s in lines)
    assert any(s.startswith("gave orders to shoot") for s in lines)
