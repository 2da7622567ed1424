"""On the real model, the fast attribute ruler and lemmatizer change nothing: every token of the
seed, of the project's own test articles and (where ../shared is there) of every dev and messy
corpus article gets the same tag, part of speech, morphology, lemma, dependency and entity as with
the model's own components."""

from __future__ import annotations

import pytest

from conftest import ARTICLES, SEEDS, SHARED

pytestmark = [pytest.mark.model, pytest.mark.xdist_group("model")]


def _texts() -> list[str]:
    from newsreader.library import discover, load_document

    folders = [SEEDS, ARTICLES] + [d for d in (SHARED / "corpus" / "dev", SHARED / "corpus" / "messy") if d.is_dir()]
    files, _missing = discover([str(folder) for folder in folders])
    texts = [load_document(path).text for path in files]
    return [t for t in texts if t.strip()]


def test_fast_components_annotate_like_the_models_own():
    import spacy

    from newsreader.analysis.components import fast_rules
    from newsreader.analysis.pipeline import resolve_model, split_lines

    choice = resolve_model()
    if choice.rule_only:
        pytest.skip("no English model installed")
    stock = spacy.load(choice.name)
    fast = fast_rules.speed_up(spacy.load(choice.name))
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    assert type(fast.get_pipe("lemmatizer")).__name__ == "FastLemmatizer"

    lines = [line for text in _texts() for line in split_lines(text)]
    # With the shared corpora the comparison covers tens of thousands of tokens; the seed and
    # the own articles alone, over a thousand.
    with_shared = (SHARED / "corpus" / "dev").is_dir()
    assert len(lines) > (1000 if with_shared else 40)
    tokens = 0
    for a, b in zip(stock.pipe(lines), fast.pipe(lines), strict=True):
        expected = [
            (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a
        ]
        got = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b]
        assert got == expected, a.text
        tokens += len(a)
    assert tokens > (50_000 if with_shared else 1_200)
