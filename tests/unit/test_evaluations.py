"""The evaluative-word table behind judgements ("called the move illegal"): its builder and data."""

from __future__ import annotations

from newsreader.analysis.data.build_evaluations import evaluative_words
from newsreader.analysis.evaluations import ratings


def test_builder_keeps_clearly_evaluative_words_only():
    lexicon = "illegal\t-2.6\t0.5\t[]\nstep\t0.2\t0.4\t[]\n:-)\t1.9\t0.3\t[]\nok\t1.6\t0.1\t[]\nhero\t2.6\t0.9\t[]\n"
    assert evaluative_words(lexicon) == [("hero", 2.6), ("illegal", -2.6)]


def test_curated_words_win_over_the_generated_list():
    table = ratings()
    assert table["sham"] < 0 and table["historic"] > 0  # only in the curated file
    assert table["illegal"] < 0 and table["welcome"] > 0  # from the VADER list
    assert "decision" not in table
