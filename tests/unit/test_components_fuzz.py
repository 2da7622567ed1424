"""Random text made of the words the components react to never breaks analysis or offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("spacy")

WORDS = [
    "President",
    "Prime",
    "Minister",
    "Ursula",
    "von",
    "der",
    "Leyen",
    "al",
    "-",
    "Assad",
    "Kazakh",
    "Kazakhs",
    "US",
    "us",
    "U.S.",
    "EU",
    "the",
    "Collective",
    "Security",
    "Treaty",
    "Organization",
    "CSTO",
    "Reuters",
    "state",
    "media",
    "Jordan",
    "3,000",
    "1.2",
    "million",
    "$",
    "50",
    "%",
    "percent",
    "twenty",
    "five",
    "aged",
    "45",
    "year",
    "old",
    "in",
    "2021",
    "10:30",
    "'",
    "’s",
    "“",
    "”",
    "(",
    ")",
    ".",
    ",",
    "\n",
    "\n\n",
    "Almaty",
    "Paris",
    "killed",
    "were",
    "about",
    "more",
    "than",
    "troops",
    "of",
    "Dr.",
    "Mr",
    "former",
    "French",
    "Chief",
    "Kassym",
    "Jomart",
    "Tokayev",
    "one",
    "a",
    "dozen",
    "https://x.org/a",
]


@pytest.fixture(scope="module")
def pipeline():
    from newsreader.analysis.pipeline import load_pipeline

    return load_pipeline("rule-only")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(WORDS), max_size=60), st.lists(st.sampled_from(["", " ", "  "]), min_size=60, max_size=60)
)
def test_random_word_soup(pipeline, words, gaps):
    from newsreader.analysis.entities import extract_entities
    from newsreader.analysis.figures import extract_figures
    from newsreader.analysis.pipeline import parse

    text = "".join(w + g for w, g in zip(words, gaps, strict=False))  # one gap after each word; 60 gaps cover any soup
    chunks = parse(pipeline, text, chunk_chars=80)
    assert "".join(c.doc.text for c in chunks) == text
    for e in extract_entities(chunks):
        assert text[e.start : e.end] == e.text
    for f in extract_figures(chunks):
        assert text[f.span[0] : f.span[1]] == f.text
        assert isinstance(f.value, (int, float)) and f.value == f.value  # not NaN
