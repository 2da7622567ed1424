"""``newsreader_run_in_labels``: a line's run-in label ends a sentence (no model needed)."""

from __future__ import annotations

import pytest
import spacy

from newsreader.analysis.components.run_in_labels import RunInLabels


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "starts_after"),
    [
        ("Germany: Chancellor Berg condemned the attack.", "Chancellor"),
        ("Intro line.\nUnited States: The State Department urged calm.", "The"),
        ("Bosnia and Herzegovina: The presidency met.", "The"),
        ("Angela Berg: We reject the plan.", "We"),
    ],
)
def test_a_labelled_line_starts_a_sentence_after_its_label(nlp, text, starts_after):
    doc = RunInLabels()(nlp(text))
    starts = [t.text for t in doc if t.is_sent_start and t.i > 0 and doc[t.i - 1].text == ":"]
    assert starts == [starts_after]


@pytest.mark.parametrize(
    "text",
    [
        "He said: we will not go.",  # not at a line start in a label shape
        "The minister said the following words to the press: no comment.",  # too long for a label
        "Germany:\nThe next line.",  # nothing after the colon on the same line
        "Time 10:30 was set.",  # a clock time
    ],
)
def test_other_colons_are_left_to_the_parser(nlp, text):
    doc = RunInLabels()(nlp(text))
    assert not any(t.is_sent_start and t.i > 0 and doc[t.i - 1].text == ":" for t in doc)
