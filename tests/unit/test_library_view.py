"""What the library list shows (issue 14): short sources, wrapped titles, views and orders,
the countries of an analysed article, and reading positions kept in the state file."""

from __future__ import annotations

import json
from types import SimpleNamespace

from rich.cells import cell_len

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.present.library_view import NO_COUNTRY, NOT_ANALYSED, arrange, next_in, short_source
from newsreader.present.overview import article_countries
from newsreader.present.query import parse_query
from newsreader.state import MAX_POSITIONS, ReadingState
from newsreader.ui.widgets.library_list import wrap_title


def test_short_source_keeps_the_name_a_reader_scans_by():
    assert short_source("Wikinews (text via GUM corpus, UniversalDependencies/UD_English-GUM)") == "Wikinews"
    assert short_source("Wikinews interview (text via AMALGUM)") == "Wikinews interview"
    assert short_source("https://www.bbc.co.uk/news/world-123") == "bbc.co.uk"
    assert short_source("Reuters - World News") == "Reuters"
    assert short_source("The Guardian | International") == "The Guardian"
    assert short_source(None) == "" and short_source("   ") == ""
    long = short_source("A" * 60)
    assert cell_len(long) <= 24 and long.endswith("…")


def test_wrap_title_breaks_between_words_and_ends_a_cut_title_with_an_ellipsis():
    title = "FIFA World Cup 2018 day seven: Portugal, Uruguay, Spain win 1-0"
    lines = wrap_title(title, 26)
    assert " ".join(lines) == title  # every word kept, none split
    assert all(cell_len(line) <= 26 for line in lines) and len(lines) == 3
    assert wrap_title("Short", 26) == ["Short"]
    cut = wrap_title("word " * 40, 20, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…") and cell_len(cut[-1]) <= 20
    # A word wider than the line (a file name) is cut rather than overflowing.
    assert all(cell_len(line) <= 10 for line in wrap_title("x" * 25, 10))
    # Wide characters count as two cells.
    assert all(cell_len(line) <= 8 for line in wrap_title("哈萨克斯坦 哈萨克斯坦 总统", 8))


def _entry(path, source, date="2024-01-01"):
    return SimpleNamespace(path=path, title=path.upper(), source=source, date=date)


def test_arrange_views_keep_unread_or_bookmarked_and_orders_group():
    entries = [_entry("a", "Reuters"), _entry("b", "Wikinews (via GUM)"), _entry("c", None), _entry("d", "Reuters")]
    assert [e.path for e in arrange(entries, view="unread", read={"a", "c"}).entries] == ["b", "d"]
    assert [e.path for e in arrange(entries, view="bookmarked", bookmarks={"c"}).entries] == ["c"]
    plain = arrange(entries)
    assert [e.path for e in plain.entries] == ["a", "b", "c", "d"] and set(plain.groups) == {""}
    by_source = arrange(entries, sort="source")
    # Groups alphabetical, the newest-first order kept inside each, no source last.
    assert [e.path for e in by_source.entries] == ["a", "d", "b", "c"]
    assert by_source.groups == ["Reuters", "Reuters", "Wikinews", "No source"]
    countries = {"a": ("FRA", "DEU"), "b": (), "d": ("DEU",)}
    by_country = arrange(
        entries, sort="country", countries=countries, country_name={"FRA": "France", "DEU": "Germany"}.get
    )
    assert [e.path for e in by_country.entries] == ["a", "d", "b", "c"]
    assert by_country.groups == ["France · FRA", "Germany · DEU", NO_COUNTRY, NOT_ANALYSED]
    assert next_in(("x", "y"), "y") == "x" and next_in(("x", "y"), "?") == "x"


def test_article_countries_ranks_reactions_and_mentions_and_skips_sources():
    analysis = Analysis(
        model="t",
        actors=[
            Actor("fr", "France", "country", "FRA", None, [(0, 6)]),
            Actor("de", "Merkel", "person", "DEU", None, [(10, 16), (20, 26), (30, 36)]),
            Actor("ap", "AP", "organization", "USA", None, [(40, 42)] * 9, is_source=True),
        ],
        reactions=[Reaction("fr", "FRA", "ACCUSE", "denounced", None, (0, 50)) for _ in range(2)],
    )
    assert article_countries(analysis) == ("FRA", "DEU")  # 2 reactions + 1 mention > 3 mentions
    assert article_countries(None) == ()
    assert article_countries(Analysis(model="t")) == ()


def test_unknown_country_in_a_filter_is_a_problem_not_an_empty_match():
    query = parse_query("country:xyz")
    assert query.countries == () and query.is_empty
    assert any("xyz" in p for p in query.problems)
    assert parse_query("country:France").countries == ("FRA",)
    assert parse_query("country:fra").countries == ("FRA",)


def test_reading_positions_and_last_article_survive_a_restart(tmp_path):
    path = tmp_path / "state.json"
    state = ReadingState.load(path)
    state.set_position(tmp_path / "a.md", 1234)
    state.set_last_opened(tmp_path / "a.md")
    again = ReadingState.load(path)
    assert again.position(tmp_path / "a.md") == 1234 and again.position(tmp_path / "b.md") == 0
    assert again.last_opened() == str(tmp_path / "a.md")
    again.set_position(tmp_path / "a.md", 0)  # back at the top: nothing to keep
    assert "positions" in json.loads(path.read_text()) and ReadingState.load(path).positions == {}


def test_damaged_positions_are_dropped_not_fatal(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "read": {},
                "bookmarks": {},
                "positions": {"/a": "ten", "/b": -3, "/c": 7, "/d": True},
                "last_open": 5,
            }
        )
    )
    state = ReadingState.load(path)
    assert state.positions == {"/c": 7} and state.last_opened() == "" and state.notices == []
    path.write_text(json.dumps({"version": 1, "positions": [1, 2]}))
    assert ReadingState.load(path).positions == {}


def test_positions_keep_only_the_most_recent_articles(tmp_path):
    state = ReadingState(path=tmp_path / "s.json", autosave=False)
    for i in range(MAX_POSITIONS + 5):
        state.set_position(f"/lib/{i}.md", i + 1)
    state.set_position("/lib/0.md", 9)  # forgotten, then read again: kept as the newest
    assert len(state.positions) == MAX_POSITIONS
    assert state.position("/lib/5.md") == 0 and state.position("/lib/6.md") == 7
    assert state.position("/lib/0.md") == 9


def test_meta_line_keeps_the_date_then_the_source_then_fits_countries():
    from newsreader.ui.widgets.library_list import meta_line

    assert meta_line("2019-06-20", "Wikinews", ["USA"], 25) == ("2019-06-20  Wikinews", "USA")
    # Not enough room for every country: as many as fit, the source kept whole.
    assert meta_line("2019-06-20", "Wikinews", ["USA", "ZAF", "GBR"], 25) == ("2019-06-20  Wikinews", "USA")
    # A long source gives way to the first country; one cut to a letter or two is dropped.
    meta, countries = meta_line("2019-06-20", "Coast Gazette Weekly", ["FRA"], 25)
    assert countries == "FRA" and meta.startswith("2019-06-20  Coast") and meta.endswith("…")
    assert cell_len(meta) + 2 + 3 <= 25
    assert meta_line("2019-06-20", "Wikinews", ["FRA"], 17) == ("2019-06-20", "FRA")
    assert meta_line("2019-06-20", "Wikinews", [], 40) == ("2019-06-20  Wikinews", "")
    assert meta_line("", "", ["DEU", "FRA"], 20) == ("", "DEU FRA")
