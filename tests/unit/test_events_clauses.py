"""Clause predicates and the trigger lexicon on hand-built Docs: no model, no parser.

Each Doc is written out as (word, head, dep, pos, tag, lemma) rows, heads as token indices, so a
test states the parse it is about instead of depending on what a model makes of a sentence.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsreader.analysis.events import clauses
from newsreader.analysis.events.lexicon import PSEUDO, Lexicon, load_lexicon, read_lines, read_rows, read_table
from newsreader.analysis.events.triggers import Triggers

VOCAB = spacy.blank("en").vocab  # English word shapes (lower case, spaces, numbers); no model


def parsed(*rows: tuple[str, int, str, str, str, str], spaces: list[bool] | None = None) -> Doc:
    """A Doc from (word, head, dep, pos, tag, lemma) rows; a row whose head is itself is the root."""
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def never(_tok) -> bool:
    return False


# "Brazil did not condemn the coup ."
DID_NOT_CONDEMN = [
    ("Brazil", 3, "nsubj", "PROPN", "NNP", "Brazil"),
    ("did", 3, "aux", "AUX", "VBD", "do"),
    ("not", 3, "neg", "PART", "RB", "not"),
    ("condemn", 3, "ROOT", "VERB", "VB", "condemn"),
    ("the", 5, "det", "DET", "DT", "the"),
    ("coup", 3, "dobj", "NOUN", "NN", "coup"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
# "Iran did not try to storm the embassy ."
DID_NOT_TRY = [
    ("Iran", 3, "nsubj", "PROPN", "NNP", "Iran"),
    ("did", 3, "aux", "AUX", "VBD", "do"),
    ("not", 3, "neg", "PART", "RB", "not"),
    ("try", 3, "ROOT", "VERB", "VB", "try"),
    ("to", 5, "aux", "PART", "TO", "to"),
    ("storm", 3, "xcomp", "VERB", "VB", "storm"),
    ("the", 7, "det", "DET", "DT", "the"),
    ("embassy", 5, "dobj", "NOUN", "NN", "embassy"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
# "Kenya will withdraw its troops unless talks resume ."
WILL_UNLESS = [
    ("Kenya", 2, "nsubj", "PROPN", "NNP", "Kenya"),
    ("will", 2, "aux", "AUX", "MD", "will"),
    ("withdraw", 2, "ROOT", "VERB", "VB", "withdraw"),
    ("its", 4, "poss", "PRON", "PRP$", "its"),
    ("troops", 2, "dobj", "NOUN", "NNS", "troop"),
    ("unless", 7, "mark", "SCONJ", "IN", "unless"),
    ("talks", 7, "nsubj", "NOUN", "NNS", "talk"),
    ("resume", 2, "advcl", "VERB", "VBP", "resume"),
    (".", 2, "punct", "PUNCT", ".", "."),
]


# -- negation -------------------------------------------------------------------------------------


def test_a_negated_verb_is_negated() -> None:
    doc = parsed(*DID_NOT_CONDEMN)
    assert clauses.negated(doc[3], never)


def test_an_infinitive_is_negated_through_a_verb_that_passes_the_act_on() -> None:
    doc = parsed(*DID_NOT_TRY)
    storm = doc[5]
    assert clauses.negated(storm, lambda h: h.lemma_ == "try")
    assert not clauses.negated(storm, never)  # "did not want to storm" says nothing about storming


def test_a_plain_verb_is_not_negated() -> None:
    rows = [r for r in DID_NOT_CONDEMN if r[0] != "not"]
    rows = [(w, h - 1 if h > 2 else h, d, p, t, lemma) for w, h, d, p, t, lemma in rows]
    doc = parsed(*rows)
    assert doc[2].text == "condemn" and not clauses.negated(doc[2], never)


# -- hedges ---------------------------------------------------------------------------------------


def test_a_hedge_word_hedges_its_verb() -> None:
    # "Syria reportedly attacked the post ."
    doc = parsed(
        ("Syria", 2, "nsubj", "PROPN", "NNP", "Syria"),
        ("reportedly", 2, "advmod", "ADV", "RB", "reportedly"),
        ("attacked", 2, "ROOT", "VERB", "VBD", "attack"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("post", 2, "dobj", "NOUN", "NN", "post"),
        (".", 2, "punct", "PUNCT", ".", "."),
    )
    assert clauses.hedged(doc[2], frozenset({"reportedly"}))
    assert not clauses.hedged(doc[2], frozenset({"allegedly"}))


def test_is_said_to_have_hedges_the_infinitive() -> None:
    # "Syria is said to have attacked ."
    doc = parsed(
        ("Syria", 2, "nsubjpass", "PROPN", "NNP", "Syria"),
        ("is", 2, "auxpass", "AUX", "VBZ", "be"),
        ("said", 2, "ROOT", "VERB", "VBN", "say"),
        ("to", 5, "aux", "PART", "TO", "to"),
        ("have", 5, "aux", "AUX", "VB", "have"),
        ("attacked", 2, "xcomp", "VERB", "VBN", "attack"),
        (".", 2, "punct", "PUNCT", ".", "."),
    )
    assert clauses.hedged(doc[5], frozenset())


# -- modality -------------------------------------------------------------------------------------


def test_will_unless_is_a_conditional_threat_whatever_the_act() -> None:
    doc = parsed(*WILL_UNLESS)
    assert clauses.modality(doc[2], hostile=False) == "conditional-threat"


def test_would_if_is_an_offer_unless_the_act_is_hostile() -> None:
    rows = [("if", 7, "mark", "SCONJ", "IN", "if") if r[0] == "unless" else r for r in WILL_UNLESS]
    doc = parsed(*rows)
    assert clauses.modality(doc[2], hostile=False) == "conditional-offer"
    assert clauses.modality(doc[2], hostile=True) == "conditional-threat"


def test_will_alone_is_future_and_a_past_act_has_no_modality() -> None:
    doc = parsed(*WILL_UNLESS[:5], (".", 2, "punct", "PUNCT", ".", "."))
    assert clauses.modality(doc[2], hostile=False) == "future"
    past = parsed(
        ("Kenya", 1, "nsubj", "PROPN", "NNP", "Kenya"),
        ("withdrew", 1, "ROOT", "VERB", "VBD", "withdraw"),
        (".", 1, "punct", "PUNCT", ".", "."),
    )
    assert clauses.modality(past[1], hostile=False) is None


def test_an_announced_measure_is_announced() -> None:
    # "Canada announced it would ban sales ."
    doc = parsed(
        ("Canada", 1, "nsubj", "PROPN", "NNP", "Canada"),
        ("announced", 1, "ROOT", "VERB", "VBD", "announce"),
        ("it", 4, "nsubj", "PRON", "PRP", "it"),
        ("would", 4, "aux", "AUX", "MD", "would"),
        ("ban", 1, "ccomp", "VERB", "VB", "ban"),
        ("sales", 4, "dobj", "NOUN", "NNS", "sale"),
        (".", 1, "punct", "PUNCT", ".", "."),
    )
    assert clauses.announced(doc[4])
    assert not clauses.announced(doc[1])


# -- reported or not --------------------------------------------------------------------------------


def test_a_question_a_possibility_and_what_would_have_happened_are_unreal() -> None:
    question = parsed(
        ("Did", 2, "aux", "AUX", "VBD", "do"),
        ("Spain", 2, "nsubj", "PROPN", "NNP", "Spain"),
        ("condemn", 2, "ROOT", "VERB", "VB", "condemn"),
        ("it", 2, "dobj", "PRON", "PRP", "it"),
        ("?", 2, "punct", "PUNCT", ".", "?"),
    )
    assert clauses.unreal(question[2], lambda t: None, never)
    would_have = parsed(
        ("Oman", 3, "nsubj", "PROPN", "NNP", "Oman"),
        ("would", 3, "aux", "AUX", "MD", "would"),
        ("have", 3, "aux", "AUX", "VB", "have"),
        ("attended", 3, "ROOT", "VERB", "VBN", "attend"),
        (".", 3, "punct", "PUNCT", ".", "."),
    )
    assert clauses.unreal(would_have[3], lambda t: None, never)
    could = parsed(
        ("Oman", 2, "nsubj", "PROPN", "NNP", "Oman"),
        ("could", 2, "aux", "AUX", "MD", "could"),
        ("attend", 2, "ROOT", "VERB", "VB", "attend"),
        (".", 2, "punct", "PUNCT", ".", "."),
    )
    assert clauses.unreal(could[2], lambda t: None, never)


def test_a_reported_act_is_real_and_a_wish_is_not() -> None:
    doc = parsed(*DID_NOT_CONDEMN)
    assert not clauses.unreal(doc[3], lambda t: None, never)
    # "Uganda wants to host the summit .": "want" is no act, so hosting is only wished
    wants = parsed(
        ("Uganda", 1, "nsubj", "PROPN", "NNP", "Uganda"),
        ("wants", 1, "ROOT", "VERB", "VBZ", "want"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("host", 1, "xcomp", "VERB", "VB", "host"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("summit", 3, "dobj", "NOUN", "NN", "summit"),
        (".", 1, "punct", "PUNCT", ".", "."),
    )
    assert clauses.unreal(wants[3], lambda t: None, never)
    assert not clauses.unreal(wants[3], lambda t: "AGREE" if t.lemma_ == "want" else None, never)


# -- passive and headlines ----------------------------------------------------------------------------


def test_an_auxiliary_passive_is_passive() -> None:
    # "Students were detained ."
    doc = parsed(
        ("Students", 2, "nsubjpass", "NOUN", "NNS", "student"),
        ("were", 2, "auxpass", "AUX", "VBD", "be"),
        ("detained", 2, "ROOT", "VERB", "VBN", "detain"),
        (".", 2, "punct", "PUNCT", ".", "."),
    )
    assert clauses.is_passive(doc[2])


def test_a_headline_participle_is_passive_but_not_in_running_text() -> None:
    # "Minister rescued from protesters" (no closing stop: a headline)
    rows = [
        ("Minister", 1, "nsubj", "NOUN", "NN", "minister"),
        ("rescued", 1, "ROOT", "VERB", "VBN", "rescue"),
        ("from", 1, "prep", "ADP", "IN", "from"),
        ("protesters", 2, "pobj", "NOUN", "NNS", "protester"),
    ]
    headline = parsed(*rows)
    assert clauses.headline(headline[1]) and clauses.is_passive(headline[1])
    sentence = parsed(*rows, (".", 1, "punct", "PUNCT", ".", "."))
    assert not clauses.headline(sentence[1]) and not clauses.is_passive(sentence[1])


def test_a_headline_noun_with_a_participle_is_a_passive_event() -> None:
    # "Journalist detained by police"
    doc = parsed(
        ("Journalist", 0, "ROOT", "NOUN", "NN", "journalist"),
        ("detained", 0, "acl", "VERB", "VBN", "detain"),
        ("by", 1, "agent", "ADP", "IN", "by"),
        ("police", 2, "pobj", "NOUN", "NN", "police"),
    )
    assert clauses.headline_acl(doc[1]) and clauses.is_passive(doc[1])


# -- lines and quotes ---------------------------------------------------------------------------------


def test_segments_number_the_lines() -> None:
    doc = Doc(
        VOCAB,
        words=["Kenya", "left", ".", "\n", "Chad", "stayed", "."],
        spaces=[True, False, False, False, True, False, False],
    )
    assert clauses.segments(doc) == [0, 0, 0, 0, 1, 1, 1]


def test_quotes_cover_their_words_and_end_at_a_line_break() -> None:
    doc = Doc(
        VOCAB,
        words=["\u201c", "We", "refuse", "\u201d", "he", "said", '"', "open", "\n", "still"],
        spaces=[False, True, False, True, True, True, False, False, False, False],
    )
    seg = clauses.segments(doc)
    assert clauses.quoted(doc, seg) == [False, True, True, False, False, False, False, True, True, False]


# -- noun phrases -------------------------------------------------------------------------------------


def test_a_quantity_stands_for_what_it_counts() -> None:
    # "thousands of soldiers"
    doc = parsed(
        ("thousands", 0, "ROOT", "NOUN", "NNS", "thousand"),
        ("of", 0, "prep", "ADP", "IN", "of"),
        ("soldiers", 1, "pobj", "NOUN", "NNS", "soldier"),
    )
    assert clauses.quantity_head(doc[0]).text == "soldiers"
    assert clauses.quantity_head(doc[2]).text == "soldiers"
    assert clauses.quantity_head(None) is None


def test_conjuncts_are_followed() -> None:
    # "Norway and Finland condemned it"
    doc = parsed(
        ("Norway", 3, "nsubj", "PROPN", "NNP", "Norway"),
        ("and", 0, "cc", "CCONJ", "CC", "and"),
        ("Finland", 0, "conj", "PROPN", "NNP", "Finland"),
        ("condemned", 3, "ROOT", "VERB", "VBD", "condemn"),
        ("it", 3, "dobj", "PRON", "PRP", "it"),
    )
    assert [t.text for t in clauses.with_conjuncts(doc[0])] == ["Norway", "Finland"]


def test_the_target_is_the_object_without_its_article() -> None:
    doc = parsed(*DID_NOT_CONDEMN)
    assert clauses.target_text(doc[3], [doc[3]]) == "coup"
    assert clauses.target_text(doc[3], [doc[3], doc[5]]) is None  # the object is part of the trigger


def test_sentence_span_adds_the_chunk_offset() -> None:
    doc = parsed(*DID_NOT_CONDEMN, spaces=[True, True, True, True, True, False, False])
    assert clauses.sentence_span(doc[3], 100) == (100, 100 + len("Brazil did not condemn the coup."))
    assert clauses.sentence_bounds(doc[3]) == (0, 6)


def test_tidy_cuts_at_a_word() -> None:
    assert clauses.tidy("a  b\nc") == "a b c"
    assert clauses.tidy("word " * 30, limit=20) == "word word word…"


# -- the lexicon, handed in ----------------------------------------------------------------------------


def test_the_reader_skips_comments_blank_lines_and_single_columns(tmp_path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(
        "# source: test\n\ncondemn\tACCUSE\t# note\n lone\nhail \t SUPPORT\nodd\tNOT_A_CATEGORY\n", encoding="utf-8"
    )
    assert list(read_rows(table)) == [("condemn", "ACCUSE"), ("hail", "SUPPORT"), ("odd", "NOT_A_CATEGORY")]
    assert read_table(table) == {"condemn": "ACCUSE", "hail": "SUPPORT"}
    assert list(read_lines(table)) == ["condemn\tACCUSE\t# note", "lone", "hail \t SUPPORT", "odd\tNOT_A_CATEGORY"]
    assert list(read_rows(tmp_path / "missing.tsv")) == []


def test_a_lexicon_loads_from_any_folder(tmp_path) -> None:
    (tmp_path / "triggers_override.tsv").write_text("condemn\tACCUSE\nsay\tSAY\n", encoding="utf-8")
    (tmp_path / "hedges.txt").write_text("# hedges\nReportedly\n", encoding="utf-8")
    lex = load_lexicon(tmp_path)
    assert lex.override == {"condemn": "ACCUSE", "say": "SAY"} and lex.cameo == {}
    assert lex.hedges == frozenset({"reportedly"}) and lex.sports == frozenset()
    assert set(lex.override.values()) <= PSEUDO | {"ACCUSE"}


def test_the_classifier_uses_the_lexicon_it_is_given() -> None:
    doc = parsed(
        ("Norway", 1, "nsubj", "PROPN", "NNP", "Norway"),
        ("condemned", 1, "ROOT", "VERB", "VBD", "condemn"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("test", 1, "dobj", "NOUN", "NN", "test"),
        (".", 1, "punct", "PUNCT", ".", "."),
    )
    accuse = Triggers(Lexicon({"condemn": "ACCUSE"}, {}, frozenset()))
    assert accuse.classify(doc[1]) == ("ACCUSE", "condemned", [doc[1]])
    nothing = Triggers(Lexicon({"condemn": "NONE"}, {"condemn": "ACCUSE"}, frozenset()))
    assert nothing.category(doc[1]) is None  # NONE blocks the CAMEO reading


@pytest.mark.parametrize(("lemma", "expected"), [("decline", "sign"), ("decline", None)])
def test_a_refusal_refuses_only_an_act(lemma: str, expected: str | None) -> None:
    # "Chad declined to sign ." / with "sign" unknown to the lexicon: nothing refused
    doc = parsed(
        ("Chad", 1, "nsubj", "PROPN", "NNP", "Chad"),
        ("declined", 1, "ROOT", "VERB", "VBD", lemma),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("sign", 1, "xcomp", "VERB", "VB", "sign"),
        (".", 1, "punct", "PUNCT", ".", "."),
    )
    table = {"decline": "REFUSE", **({"sign": "AGREE"} if expected else {})}
    refused = Triggers(Lexicon(table, {}, frozenset())).refused(doc[1])
    assert (refused.text if refused is not None else None) == expected
