"""``newsreader_run_in_labels``: a line's run-in label ends a sentence before the parser runs.

Round-ups of reactions are written as labelled lines: "Germany: Chancellor X said ...",
"**United States**: The State Department urged ...". Read as one sentence, "Germany" becomes
the root and the whole report hangs off it as a modifier, so the act is lost ("Putin accused
Georgia" under "Russia:" was no accusation at all). This component, placed before the parser,
starts a new sentence after such a label; the parser keeps boundaries set before it.

A label is the start of a line, at most ``MAX_LABEL_TOKENS`` capitalised words (and small words
such as "of", "and"), then a colon, then more text on the same line.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

#: Longest label, in tokens (not counting the colon).
MAX_LABEL_TOKENS = 6
#: Lower-case words a label may hold ("Republic of Korea", "Bosnia and Herzegovina").
SMALL_WORDS = frozenset({"of", "and", "the", "&", "-", "*", "**"})


@Language.factory("newsreader_run_in_labels")
def make_run_in_labels(nlp: Language, name: str) -> RunInLabels:
    return RunInLabels(name)


class RunInLabels:
    """Start a sentence after a line's run-in label (see module docstring)."""

    def __init__(self, name: str = "newsreader_run_in_labels") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for label in label_spans(doc):
            doc[label.end + 1].is_sent_start = True  # the word after the colon
        return doc


def label_spans(doc: Doc) -> list[Span]:
    """The run-in labels of a doc's lines ("Germany" in "Germany: ..."), without their colon.

    The one definition of a label: this component starts a sentence after each, and the actor
    analysis weighs each in its paragraph's country context.
    """
    n = len(doc)
    found = []
    for start in _line_starts(doc):
        end = start
        while end < n and end - start <= MAX_LABEL_TOKENS and doc[end].text != ":":
            tok = doc[end]
            if "\n" in tok.whitespace_ or not (tok.text[:1].isupper() or tok.lower_ in SMALL_WORDS):
                break
            end += 1
        else:
            if (
                start < end < n - 1
                and doc[end].text == ":"
                and "\n" not in doc[end].whitespace_
                and not doc[end + 1].is_space
            ):
                found.append(doc[start:end])
    return found


def _line_starts(doc: Doc) -> list[int]:
    """Indexes of the first word of each line."""
    starts = [0] if len(doc) else []
    starts.extend(tok.i + 1 for tok in doc[:-1] if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text))
    return [i for i in starts if i < len(doc) and not doc[i].is_space]
