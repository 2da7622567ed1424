"""The trigger lexicon: data files load, the curated file wins, the CAMEO builder reads the format."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from newsreader.analysis.events.lexicon import PSEUDO, lexicon
from newsreader.model.vocabulary import PLOVER_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
BUILDER = ROOT / "tui" / "newsreader" / "analysis" / "data" / "build_triggers.py"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_triggers", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_entry_is_a_plover_category_or_a_known_steer():
    lex = lexicon()
    assert len(lex.cameo) > 1000 and len(lex.override) > 100
    for table in (lex.cameo, lex.override):
        assert set(table.values()) <= set(PLOVER_CATEGORIES) | PSEUDO


def test_curated_verbs_win_over_cameo_defaults():
    lex = lexicon()
    # CAMEO files "agree" under diplomatic cooperation; the curated reading is AGREE
    assert lex.lookup("agree", [], None)[0] == "AGREE"
    assert lex.lookup("call", [("for", "end")], None) == ("REQUEST", "call+for")
    assert lex.lookup("impose", [], "sanction") == ("SANCTION", "impose>sanction")
    assert lex.lookup("say", [], None)[0] == "SAY"


def test_cameo_phrases_apply_where_the_curated_verb_is_only_a_light_verb():
    lex = lexicon()
    # "give" alone is not an event; CAMEO phrases with it still are
    assert lex.lookup("give", [], None)[0] == "-"
    assert lex.lookup("give", [], "order")[0] == "COERCE"


def test_never_events_block_cameo_phrases():
    lex = lexicon()
    assert lex.lookup("handle", [], "situation")[0] is None


def test_hedges_and_nouns_load():
    lex = lexicon()
    assert {"reportedly", "allegedly"} <= lex.hedges
    assert lex.noun("protest") == "PROTEST"
    assert lex.noun("clash") == "ASSAULT"
    assert lex.adjective("opposed") == "REJECT"


def test_builder_reads_cameo_blocks_and_patterns(tmp_path):
    builder = load_builder()
    (tmp_path / "CAMEO2PLOVER-2021.txt").write_text(
        "111: ACCUSE, disapprove,    # Criticize or denounce\n020: REQUEST\n173: COERCE, arrest, legal\n",
        encoding="utf-8",
    )
    (tmp_path / "CAMEO.2.0.txt").write_text(
        "&SECURITY\n+POLICE\n+ARMY\n\n####### VERB PATTERNS #######\n"
        "---  DENOUNCE   [111]  ---\nDENOUNCE\nDECRY\n- * (FOR) [020]  # x\n- * &SECURITY [173]\n"
        "- POLICE * [173]\n",
        encoding="utf-8",
    )
    rows = {k: c for k, c, _ in builder.build(tmp_path)}
    assert rows["denounce"] == "ACCUSE" and rows["decry"] == "ACCUSE"
    assert rows["denounce+for"] == "REQUEST"  # CAMEO 02x appeals are PLOVER requests
    assert rows["decry>police"] == "COERCE" and rows["decry>army"] == "COERCE"  # synonym sets expand
    assert not any(k.startswith("police") for k in rows)  # subject-side patterns are skipped


def test_curated_file_has_one_line_per_key():
    path = ROOT / "tui" / "newsreader" / "analysis" / "data" / "triggers_override.tsv"
    keys = [
        line.split("\t")[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
