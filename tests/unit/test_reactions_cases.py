"""Reaction extraction, table-driven: each row of reactions_cases.tsv is one construction
(light verbs, control chains, passives with and without agents, nominal events, refusals, quoted
and reported demands, negation, conditions, natural harm, sport) with the exact reactions and
events expected. The sentences are written for the table. They need the dependency parser, so
they run the real English model (loaded once per session).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.model.vocabulary import PLOVER_CATEGORIES

pytestmark = pytest.mark.model

CASES_FILE = Path(__file__).with_name("reactions_cases.tsv")


def _pairs(cell: str) -> set[tuple[str, str]]:
    if cell.strip() == "-":
        return set()
    out = set()
    for item in cell.split(","):
        code, _, category = item.strip().partition(":")
        assert category in PLOVER_CATEGORIES, f"bad category in {CASES_FILE.name}: {item!r}"
        out.add((code, category))
    return out


def _events(cell: str) -> list[str | None]:
    if cell.strip() == "-":
        return []
    return [None if c.strip() == "natural" else c.strip() for c in cell.split(",")]


def _cases() -> list:
    rows = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, reactions, negated, events = line.split("\t")
        rows.append(pytest.param(sentence, reactions, negated, events, id=sentence[:48]))
    return rows


@pytest.fixture(scope="module")
def extract():
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.events.extractor import extract_actors_reactions_events
    from newsreader.analysis.pipeline import load_pipeline, parse

    pipeline = load_pipeline()
    if pipeline.rule_only:
        pytest.skip("no English model installed")

    def run(text: str):
        chunks = parse(pipeline, text)
        return extract_actors_reactions_events(chunks, extract_entities(chunks))

    return run


def test_the_table_covers_the_constructions() -> None:
    rows = _cases()
    assert len(rows) >= 50
    assert len({r.values[0] for r in rows}) == len(rows), "a sentence is listed twice"


@pytest.mark.parametrize(("sentence", "reactions", "negated", "events"), _cases())
def test_case(extract, sentence: str, reactions: str, negated: str, events: str) -> None:
    _actors, found, found_events = extract(sentence)
    assert {(r.country, r.category) for r in found if not r.negated} == _pairs(reactions)
    assert {(r.country, r.category) for r in found if r.negated} == _pairs(negated)
    assert sorted((e.category for e in found_events), key=lambda c: c or "") == sorted(
        _events(events), key=lambda c: c or ""
    )
    for r in found:
        assert r.actor_name and r.actor_name != "(unnamed)", "every reaction names who acted"
        assert r.summary, "every reaction has a panel line"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Dozens of terrorists were wiped out in Almaty on Friday.", "Kazakh forces"),
        ("Two policemen were beheaded in Almaty.", "attackers in Kazakhstan"),
        ("More than 200 people were arrested in Chile after the march.", "Chilean authorities"),
        ("Protests erupted in Dhaka on Monday.", "protesters in Bangladesh"),
    ],
)
def test_an_unnamed_doer_is_the_body_the_act_implies(extract, sentence: str, name: str) -> None:
    _actors, found, _events = extract(sentence)
    assert [r.actor_name for r in found] == [name]
    assert found[0].actor == ""  # no actor record: the text names nobody


def test_harm_that_may_be_an_accident_is_an_event_with_its_clause(extract) -> None:
    _actors, found, events = extract("At least 76 people were killed in Mecca on Thursday.")
    assert found == []
    assert [(e.country, e.category) for e in events] == [("SAU", None)]
    assert events[0].summary == "at least 76 people were killed in Mecca"
