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


def _parsed(words, heads, deps, pos, lemmas=None):
    """A hand-parsed sentence (no model): heads are absolute token indexes."""
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas or [w.lower() for w in words],
    )


def test_a_reported_clause_judges_the_act_it_names_by_its_adjectives():
    from newsreader.analysis.evaluations import said_judgement

    # Sharif said the party had won an impressive victory
    doc = _parsed(
        ["Sharif", "said", "the", "party", "had", "won", "an", "impressive", "victory"],
        [1, 1, 3, 5, 5, 1, 8, 8, 5],
        ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "det", "amod", "dobj"],
        ["PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "DET", "ADJ", "NOUN"],
        ["Sharif", "say", "the", "party", "have", "win", "an", "impressive", "victory"],
    )
    category, words = said_judgement(doc[1])
    assert category == "SUPPORT" and [t.text for t in words] == ["impressive"]
    # an act reported with an adjective is the act's report, not the sayer's judgement
    doc = _parsed(
        ["Paris", "said", "they", "carried", "out", "a", "cowardly", "attack"],
        [1, 1, 3, 1, 3, 7, 7, 3],
        ["nsubj", "ROOT", "nsubj", "ccomp", "prt", "det", "amod", "dobj"],
        ["PROPN", "VERB", "PRON", "VERB", "ADP", "DET", "ADJ", "NOUN"],
        ["Paris", "say", "they", "carry", "out", "a", "cowardly", "attack"],
    )
    assert said_judgement(doc[1]) is None
    # a plain description judges nothing: "said they had won a second victory"
    doc = _parsed(
        ["Sharif", "said", "they", "had", "won", "a", "second", "victory"],
        [1, 1, 4, 4, 1, 7, 7, 4],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "det", "amod", "dobj"],
        ["PROPN", "VERB", "PRON", "AUX", "VERB", "DET", "ADJ", "NOUN"],
        ["Sharif", "say", "they", "have", "win", "a", "second", "victory"],
    )
    assert said_judgement(doc[1]) is None
