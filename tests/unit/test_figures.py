"""Figure values and what is (not) a figure, on the rule-only pipeline (no model)."""

from __future__ import annotations

import pytest

from newsreader.analysis.figures import parse_number


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("3,000", 3000, False),
        ("70", 70, False),
        ("1.2 million", 1_200_000, False),
        ("8.6m", 8_600_000, False),
        ("$1.2bn", 1_200_000_000, False),
        ("$50 billion", 50_000_000_000, False),
        ("US$10 billion", 10_000_000_000, False),
        ("twenty", 20, False),
        ("twenty-five", 25, False),
        ("Eight", 8, False),
        ("one hundred and twenty", 120, False),
        ("two thousand five hundred", 2500, False),
        ("a dozen", 12, False),
        ("ten thousand", 10_000, False),
        ("50.23%", 50.23, False),
        ("10 per cent", 10, False),
        ("4,521,032", 4_521_032, False),
        ("9.0", 9, False),
        ("approximately 2,500", 2500, True),
        ("about 300", 300, True),
        ("nearly 200,000", 200_000, True),
        ("more than 1,000", 1000, True),
        ("at least twenty", 20, True),
        ("some 8,500", 8500, True),
        ("as many as 200", 200, True),
        ("~40", 40, True),
        ("as high as US$ 10 billion", 10_000_000_000, True),
        ("500 or more", 500, True),
        ("More than 150,000", 150_000, True),
    ],
)
def test_parse_number(text, value, approx):
    got, got_approx = parse_number(text)
    assert got == value and type(got) is type(value)
    assert got_approx is approx


@pytest.mark.parametrize(
    "text", ["dozens", "hundreds", "thousands", "about a week", "", "many", "1,2,3", "9" * 400, "$" + "5" * 50]
)
def test_parse_number_rejects_inexact_amounts(text):
    assert parse_number(text)[0] is None


@pytest.fixture(scope="module")
def figures_of():
    pytest.importorskip("spacy")
    from newsreader.analysis.figures import extract_figures
    from newsreader.analysis.pipeline import load_pipeline, parse

    pipeline = load_pipeline("rule-only")

    def run(text):
        return extract_figures(parse(pipeline, text))

    return run


def test_counts_without_a_parse_are_the_following_words(figures_of):
    figs = figures_of("Police said 70 security checkpoints were set up and 3,000 were arrested.")
    assert [(f.value, f.counts) for f in figs] == [(70, "security checkpoints"), (3000, None)]


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2021.",
        "A 45-year-old man was hurt.",
        "A man aged 45 was hurt.",
        "They met at 10:30 on Friday.",
        "Resolution 1244 was cited.",
        "The COVID-19 rules ended.",
        "He came third, then 2nd.",
        "One was beheaded.",
        "A two-state solution was backed.",
        "Published under CC BY 2.5 by them.",
        "Tolisso scored at 12' from a corner.",
        "Grades went from 2/3 to 3/4.",
        "He wrote poems since I was sixteen then.",
        "The 2007 and 2008 budget requests were sent.",
        "Spectra of 1950DA were taken.",
        "England ended winning 2 – 1 at home.",
    ],
)
def test_not_figures(figures_of, text):
    assert figures_of(text) == []


def test_offsets_and_sentence_are_absolute(figures_of):
    text = "First line.\n\nThey killed 26 people."
    (fig,) = figures_of(text)
    assert text[fig.span[0] : fig.span[1]] == "26" == fig.text
    assert text[fig.sentence[0] : fig.sentence[1]] == "They killed 26 people."


def test_hard_wrapped_money_is_one_figure(figures_of):
    figs = figures_of("They are sending $600\nmillion in aid.")
    assert [(f.value, f.counts) for f in figs] == [(600_000_000, "US dollars")]


def test_money_and_percent_are_figures(figures_of):
    figs = figures_of("The fund holds $50 billion and turnout was 69.52%.")
    assert [(f.value, f.counts) for f in figs] == [(50_000_000_000, "US dollars"), (69.52, "percent")]
