"""Entities and figures from the real English model on the seed, the project's own articles and
(where ../shared is there) a few dev articles."""

from __future__ import annotations

import pytest

from conftest import ARTICLES, SEED, shared_path

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline():
    pytest.importorskip("spacy")
    from newsreader.analysis.pipeline import load_pipeline

    p = load_pipeline()
    if p.rule_only:
        pytest.skip("no English model installed")
    return p


@pytest.fixture(scope="module")
def seed(pipeline):
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.figures import extract_figures
    from newsreader.analysis.pipeline import parse

    text = SEED.read_text(encoding="utf-8")
    chunks = parse(pipeline, text)
    return text, chunks, extract_entities(chunks), extract_figures(chunks)


def _labels(entities, text):
    return {(e.label, e.country) for e in entities if e.text == text}


def test_seed_entity_fixes(seed):
    _text, _chunks, entities, _figures = seed
    assert _labels(entities, "Kazakh") == {("NORP", "KAZ")}
    assert _labels(entities, "Ursula von der Leyen") == {("PERSON", None)}
    assert not [e for e in entities if e.text in ("Leyen", "Ursula von der")]
    assert _labels(entities, "Emmanuel Macron") == {("PERSON", None)}
    assert _labels(entities, "European Commission") == {("ORG", "EU")}
    assert _labels(entities, "CSTO") == {("ORG", "CSTO")}
    assert _labels(entities, "Almaty") == {("GPE", "KAZ")}
    assert _labels(entities, "Paris") == {("GPE", "FRA")}
    assert _labels(entities, "Kazakhstan") == {("GPE", "KAZ")}
    assert ("NORP", "CHN") in _labels(entities, "Chinese")


def test_seed_entities_have_layers_and_exact_offsets(seed):
    text, _chunks, entities, _figures = seed
    from newsreader.model.vocabulary import LAYERS

    assert entities
    for e in entities:
        assert text[e.start : e.end] == e.text
        assert e.layer in LAYERS
    assert not [e for e in entities if e.label == "ORDINAL"]


def test_seed_titles_are_separate_from_names(seed):
    _text, chunks, _entities, _figures = seed
    people = {e.text: e._.title for c in chunks for e in c.doc.ents if e.label_ == "PERSON"}
    assert people["Emmanuel Macron"] == "French President"
    assert people["Ursula von der Leyen"] == "European Commission Chief"
    assert people["Mukhtar Ablyazov"] == "former Kazakh government minister"
    assert "President" not in " ".join(people)


def test_seed_figures(seed):
    _text, _chunks, _entities, figures = seed
    got = [(f.value, f.counts, f.event) for f in figures]
    assert (70, "security checkpoints", "established") in got
    assert (26, "armed criminals", "killed") in got
    assert (18, "others", "injured") in got
    assert (3000, None, "arrested") in got
    assert (18, "members of the security forces", "died") in got
    assert (2500, "troops", "delivered") in got
    (troops,) = [f for f in figures if f.value == 2500]
    assert troops.approx and troops.text == "approximately 2,500"
    assert len(figures) == 6  # nothing else in the seed counts anything


def test_seed_figure_spans_and_sentences(seed):
    text, _chunks, _entities, figures = seed
    for f in figures:
        assert text[f.span[0] : f.span[1]] == f.text
        start, end = f.sentence
        assert start <= f.span[0] < f.span[1] <= end
        assert "\n" not in text[start:end]


def _own(pipeline, name):
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.figures import extract_figures
    from newsreader.analysis.pipeline import parse
    from newsreader.library import load_document

    chunks = parse(pipeline, load_document(ARTICLES / name).text)
    return chunks, extract_entities(chunks), extract_figures(chunks)


def test_own_figures_spelled_approximate_money_and_percent(pipeline):
    _chunks, _entities, figures = _own(pipeline, "2024-03-14-harbour-security-talks.md")
    got = {(f.value, f.counts, f.approx) for f in figures}
    assert (12, "officers", False) in got  # "send twelve officers"
    assert (300, "fishermen", True) in got  # "About 300 fishermen"
    assert (4_500_000, "euros", False) in got  # "€4.5 million"
    assert (60, "percent", False) in got
    assert not [f for f in figures if f.value == 2025]  # a year is not a figure
    _chunks, _entities, figures = _own(pipeline, "2023-11-02-river-dam-agreement.txt")
    got = {(f.value, f.counts, f.approx) for f in figures}
    assert (2000, "families", True) in got  # "Roughly 2,000 families"
    assert (11, "rounds of negotiations", False) in got
    assert not [f for f in figures if f.value == 18]  # "within 18 months" is a duration


def test_own_entities_countries_and_titles(pipeline):
    chunks, entities, _figures = _own(pipeline, "2024-03-14-harbour-security-talks.md")
    assert _labels(entities, "Portuguese") == {("NORP", "PRT")}
    assert _labels(entities, "Lisbon") == {("GPE", "PRT")}
    assert ("ORG", "EU") in {(e.label, e.country) for e in entities if e.text.endswith("European Union")}
    people = {e.text: e._.title for c in chunks for e in c.doc.ents if e.label_ == "PERSON"}
    assert people["Ana Ribeiro"] == "Portuguese Foreign Minister"
    chunks, entities, _figures = _own(pipeline, "2024-05-20-coastal-election.html")
    assert _labels(entities, "Valparaíso") == {("GPE", "CHL")}
    assert ("ORG", "OAS") in {(e.label, e.country) for e in entities if "Organization of American States" in e.text}


def _figures_of(pipeline, name):
    from newsreader.analysis.figures import extract_figures
    from newsreader.analysis.pipeline import parse

    path = shared_path("corpus", "dev", name)
    return extract_figures(parse(pipeline, path.read_text(encoding="utf-8")))


def test_dev_figures_spelled_numbers_and_hedges(pipeline):
    figures = _figures_of(pipeline, "2008-11-29-wikinews-shorts-november-29-2008.md")
    got = {(f.value, f.counts, f.approx) for f in figures}
    assert (12, "people", False) in got  # "killing twelve people"
    # "killing twelve people and injuring a further sixteen": the noun is shared, "sixteen" is tagged NOUN
    assert (16, "people", False) in got
    assert (100, "homes", True) in got  # "About 100 homes"
    assert (2, "British trainee police officers", False) in got


def test_dev_figures_money_percent_and_votes(pipeline):
    figures = _figures_of(pipeline, "2009-01-03-ghanaians-elect-new-president.md")
    values = {f.value for f in figures}
    assert {50.23, 4521032, 49.77, 4480446, 114, 107, 8600000, 200000, 2.4, 53000} <= values
    assert any(f.value == 4521032 and f.counts == "votes" for f in figures)
    # "won 114 seats to the NPP's 107": the bare number counts what its parallel counts
    assert any(f.value == 107 and f.counts == "seats" and f.event == "won" for f in figures)


def test_dev_counts_are_written_as_in_the_text(pipeline):
    figures = _figures_of(pipeline, "2007-04-06-us-defense-secretary-evaluates-iraq-and-the-political-climate.md")
    assert any(f.value == 70000 and f.counts == "hard-line operators" for f in figures)


def test_dev_people_are_repaired_across_mentions(pipeline):
    from newsreader.analysis.pipeline import parse

    path = shared_path("corpus", "dev", "2007-04-06-us-defense-secretary-evaluates-iraq-and-the-political-climate.md")
    chunks = parse(pipeline, path.read_text(encoding="utf-8"))
    labels = {e.label_ for c in chunks for e in c.doc.ents if e.text == "Gates"}
    assert labels == {"PERSON"}  # the model tags a later bare "Gates" ORG
