"""The people table's key file: computed by knowledge.py's own functions, read back unchanged.

Loading reads every name key from ``people_keys.tsv`` instead of folding 50,000 names; these
tests hold that file to what the functions give and the answers to what computing them gives.
"""

from __future__ import annotations

import logging
from datetime import date

from newsreader.analysis import knowledge
from newsreader.analysis.data import build_people as bp
from newsreader.analysis.knowledge import Knowledge
from test_knowledge_lookup import TABLE  # the made-up table (tests/unit is on sys.path)

QUESTIONS = [
    "Greta Vollmer-Brandt",
    "Sergey P. Ivolgin",
    "Sergey Ivolgin",
    "Sergei Ivolgin",
    "Aleksey Dubrov",
    "Mohammed Tarkan",
    "Mohamed Tarkan",
    "Red Cranes",
    "Joachim Orsted Quist",
    "Joachim Quist",
    "LFZ",
    "Ivolgin",
    "Ali",
    "van der Molen",
    "Molen",
    "Vollmer-Brandt",
    "Zembla",
    "Nobody Known",
]
DATES = [None, date(2005, 1, 1), date(2011, 1, 1), date(2021, 1, 1)]


def answers(table: Knowledge) -> list:
    out = [sorted(table.full_names())]
    for text in QUESTIONS:
        out.extend(
            (table.lookup(text, on), table.by_surname(text, on), table.surname_countries(text, on)) for on in DATES
        )
    return out


def from_files(text: str) -> Knowledge:
    data = text.encode("utf-8")
    loaded = Knowledge.from_files(data, bp.keys_text(data))
    assert loaded is not None
    return loaded


def test_keys_read_from_the_file_give_the_answers_computed_ones_give():
    computed, loaded = Knowledge(TABLE.splitlines()), from_files(TABLE)
    assert answers(loaded) == answers(computed)
    # the very indexes, in the same order (the phrase matcher and ties in ranking see it)
    assert list(loaded.names.items()) == list(computed.names.items())
    assert list(loaded.surnames.items()) == list(computed.surnames.items())
    assert list(loaded.short_names.items()) == list(computed.short_names.items())
    assert list(loaded.loose_names.items()) == list(computed.loose_names.items())
    assert [loaded.offices(i) for i in range(12)] == [computed.offices(i) for i in range(12)]


def test_a_key_file_written_for_another_table_is_refused():
    data = TABLE.encode("utf-8")
    keys = bp.keys_text(data)
    assert Knowledge.from_files(data + b"13\tNew Person\tFRA\tGOV\t\t\tP\t\n", keys) is None
    assert Knowledge.from_files(data, keys.replace(" people 12\n", " people 11\n")) is None
    assert Knowledge.from_files(data, "") is None


def test_a_stale_key_file_falls_back_to_computing_the_keys(tmp_path, monkeypatch, caplog):
    people, keys = tmp_path / "people.tsv", tmp_path / "people_keys.tsv"
    people.write_text(TABLE, encoding="utf-8")
    keys.write_text(bp.keys_text(TABLE.replace("Rudy", "Rudi").encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(knowledge, "DATA_FILE", people)
    monkeypatch.setattr(knowledge, "KEYS_FILE", keys)
    monkeypatch.setattr(knowledge, "_table", None)
    with caplog.at_level(logging.WARNING, logger="newsreader.analysis.knowledge"):
        assert knowledge.lookup("Rudy Cranes")[0].country == "USA"
    assert "people_keys.tsv" in caplog.text
    assert answers(knowledge.table()) == answers(Knowledge(TABLE.splitlines()))


def test_reindex_writes_the_key_file_from_the_table_alone(tmp_path):
    people = tmp_path / "people.tsv"
    people.write_text(TABLE, encoding="utf-8")
    assert bp.main(["--reindex", "--output", str(people)]) == 0
    keys = (tmp_path / "people_keys.tsv").read_text(encoding="utf-8")
    assert "ivolgin\tS\t1" in keys.splitlines()
    loaded = Knowledge.from_files(people.read_bytes(), keys)
    assert loaded is not None and answers(loaded) == answers(Knowledge(TABLE.splitlines()))


def test_the_committed_key_file_is_what_the_functions_give_for_the_committed_table():
    data = knowledge.DATA_FILE.read_bytes()
    committed = knowledge.KEYS_FILE.read_text(encoding="utf-8")
    assert committed == bp.keys_text(data), "rebuild it: python -m newsreader.analysis.data.build_people --reindex"


def test_the_committed_table_reads_the_same_people_from_its_key_file():
    data = knowledge.DATA_FILE.read_bytes()
    loaded = Knowledge.from_files(data, knowledge.KEYS_FILE.read_text(encoding="utf-8"))
    computed = Knowledge(data.decode("utf-8").splitlines())
    assert loaded is not None and len(loaded._starts) - 1 == len(computed._rows)
    # every 37th person and the last: the same rows, so the same offices
    sample = [*range(0, len(computed._rows), 37), len(computed._rows) - 1]
    assert [loaded.offices(i) for i in sample] == [computed.offices(i) for i in sample]
