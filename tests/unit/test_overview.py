"""Across-library aggregation (country x category matrix, timelines) and the library filter."""

from __future__ import annotations

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.model.document import Document, LibraryEntry, Metadata
from newsreader.present.overview import (
    UNATTRIBUTED,
    UNDATED,
    all_periods,
    build_overview,
    choose_granularity,
    collect_analysed,
    period_of,
)
from newsreader.present.query import category_for, matches, parse_query


def reaction(actor: str, country: str | None, category: str, at: int = 0, **kw) -> Reaction:
    return Reaction(
        actor, country, category, kw.pop("trigger", "did"), None, (at, at + 10), actor_name=kw.pop("name", actor), **kw
    )


FRANCE = Actor("fra-macron", "Emmanuel Macron", "person", "FRA", "President", [(0, 6)])
GERMANY = Actor("deu", "Germany", "country", "DEU", None, [(20, 27)])
REUTERS = Actor("reuters", "Reuters", "organization", None, None, [(40, 47)], is_source=True)


def analysis(*reactions: Reaction, actors=(FRANCE, GERMANY, REUTERS)) -> Analysis:
    return Analysis(model="t", actors=list(actors), reactions=list(reactions))


def entry(name: str, date: str | None, title: str | None = None) -> LibraryEntry:
    return LibraryEntry(path=f"/lib/{name}.md", title=title or name.title(), date=date)


def test_matrix_counts_and_backing_items():
    pairs = [
        (
            entry("a", "2022-01-05"),
            analysis(
                reaction("fra-macron", "FRA", "ACCUSE", 0, name="Emmanuel Macron"),
                reaction("deu", "DEU", "ACCUSE", 20),
                reaction("deu", "DEU", "SUPPORT", 30),
            ),
        ),
        (
            entry("b", "2022-01-20"),
            analysis(
                reaction("fra-macron", None, "ACCUSE", 5),  # country from the actor
                reaction("fra-macron", "FRA", "ACCUSE", 50, negated=True),  # not an act
                reaction("reuters", None, "CONSULT", 40),  # a source: never counted
                reaction("", None, "ASSAULT", 60),
                reaction("x", "FRA", "NOT-A-CATEGORY", 70),
            ),
        ),
        (entry("c", "2022-02-01"), None),
    ]
    ov = build_overview(pairs)
    assert ov.articles == 2 and ov.skipped == 1 and ov.articles_with_reactions == 2
    assert ov.count("FRA", "ACCUSE") == 2 and ov.count("DEU", "ACCUSE") == 1 and ov.count("DEU", "SUPPORT") == 1
    assert ov.count(UNATTRIBUTED, "ASSAULT") == 1 and ov.count("FRA", "CONSULT") == 0
    assert ov.countries == ["DEU", "FRA", UNATTRIBUTED] or ov.countries == ["FRA", "DEU", UNATTRIBUTED]
    assert ov.countries[-1] == UNATTRIBUTED
    items = ov.items("FRA", "ACCUSE")
    assert [i.article.path for i in items] == ["/lib/a.md", "/lib/b.md"]
    assert items[0].span == (0, 10) and items[0].article.title == "A"
    assert ov.total("DEU") == 2 and ov.category_total("ACCUSE") == 3
    assert [i.reaction.category for i in ov.items("DEU")] == ["ACCUSE", "SUPPORT"]
    assert build_overview(pairs, include_negated=True).count("FRA", "ACCUSE") == 3


def test_timeline_by_day_within_two_months_with_gaps_filled():
    pairs = [
        (entry("a", "2022-01-05"), analysis(reaction("deu", "DEU", "ACCUSE"))),
        (entry("b", "2022-01-07"), analysis(reaction("deu", "DEU", "ACCUSE"), reaction("deu", "DEU", "AID"))),
        (entry("c", None), analysis(reaction("deu", "DEU", "AID"))),
    ]
    ov = build_overview(pairs)
    assert ov.granularity == "day"
    assert ov.periods == ["2022-01-05", "2022-01-06", "2022-01-07", UNDATED]
    assert ov.series("DEU") == [1, 0, 2, 1]
    assert ov.series("FRA") == [0, 0, 0, 0]


def test_timeline_by_month_over_longer_spans():
    pairs = [
        (entry("a", "2021-11-30"), analysis(reaction("deu", "DEU", "ACCUSE"))),
        (entry("b", "2022-02-01"), analysis(reaction("fra-macron", "FRA", "ACCUSE"))),
    ]
    ov = build_overview(pairs)
    assert ov.granularity == "month"
    assert ov.periods == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert ov.series("DEU") == [1, 0, 0, 0] and ov.series("FRA") == [0, 0, 0, 1]


def test_dates_and_periods():
    assert period_of("2022-01-07") == "2022-01"
    assert period_of("2022-01-07T10:00", "day") == "2022-01-07"
    assert period_of("January 7, 2022") == UNDATED and period_of(None) == UNDATED
    assert period_of("2022-13-01") == UNDATED
    assert choose_granularity(["2022-01-01", None, "junk"]) == "day"
    assert choose_granularity([]) == "month"
    assert choose_granularity(["2005-03-01", "2008-12-31"]) == "month"
    assert choose_granularity(["2005-03-01", "2019-12-31"]) == "year"
    assert period_of("2019-12-31", "year") == "2019"
    assert all_periods("2017", "2019", "year") == ["2017", "2018", "2019"]
    assert all_periods("2021-12", "2022-02", "month") == ["2021-12", "2022-01", "2022-02"]


def test_documents_work_as_articles_too():
    doc = Document(path="/lib/d.md", text="x", blocks=[], meta=Metadata(title="Doc", date="2023-05-01"))
    ov = build_overview([(doc, analysis(reaction("deu", "DEU", "AID")))])
    item = ov.items("DEU", "AID")[0]
    assert item.article.title == "Doc" and item.article.date == "2023-05-01"
    assert ov.is_empty is False and build_overview([]).is_empty


def test_collect_analysed_uses_the_cache_only_and_survives_errors():
    entries = [entry("a", None), entry("b", None), entry("c", None)]

    def load(e):
        if e.path.endswith("b.md"):
            raise OSError("gone")
        return Document(path=e.path, text=e.path, blocks=[], meta=Metadata(title=e.title))

    cached = {"/lib/a.md": analysis()}
    out = list(collect_analysed(entries, load, lambda d: cached.get(d.path)))
    assert [(a.path, b is not None) for a, b in out] == [
        ("/lib/a.md", True),
        ("/lib/b.md", False),
        ("/lib/c.md", False),
    ]
    assert list(collect_analysed(entries, load, lambda d: None, should_stop=lambda: True)) == []


# --------------------------------------------------------------------------- the filter

TEXT = "Macron condemned the crackdown in Almaty. Germany sent aid."
FILTERED = analysis(
    reaction("fra-macron", "FRA", "ACCUSE", 0, name="Emmanuel Macron", trigger="condemned"),
    reaction("deu", "DEU", "AID", 42, trigger="sent"),
    reaction("deu", "DEU", "REJECT", 42, negated=True),
)


def test_free_text_across_title_and_body():
    assert matches(TEXT, None, "crackdown almaty")
    assert matches(TEXT, None, "unrest", title="Unrest in Kazakhstan")
    assert not matches(TEXT, None, "crackdown moscow")
    assert matches(TEXT, None, '"the crackdown in"') and not matches(TEXT, None, '"crackdown the"')
    assert matches(TEXT, None, "")


def test_france_condemned_someone():
    assert matches(TEXT, FILTERED, "country:FRA category:ACCUSE")
    assert matches(TEXT, FILTERED, "country:France category:condemned")
    assert matches(TEXT, FILTERED, "country:french category:accuse")
    # Terms must hold for the same reaction: Germany gave aid, it did not accuse anyone.
    assert not matches(TEXT, FILTERED, "country:DEU category:ACCUSE")
    assert not matches(TEXT, FILTERED, "country:FRA category:AID")
    # A negated reaction is not the act.
    assert not matches(TEXT, FILTERED, "country:DEU category:REJECT")


def test_actor_and_country_alone():
    assert matches(TEXT, FILTERED, "actor:macron")
    assert matches(TEXT, FILTERED, "actor:president")  # the role counts as part of the name
    assert matches(TEXT, FILTERED, "actor:Macron category:ACCUSE")
    assert not matches(TEXT, FILTERED, "actor:Macron category:AID")
    assert matches(TEXT, FILTERED, "country:DEU")
    assert not matches(TEXT, FILTERED, "actor:reuters")  # sources are not actors
    assert not matches(TEXT, FILTERED, "country:RUS")
    assert not matches(TEXT, None, "country:FRA")  # not analysed: unknown, so not listed


def test_repeated_terms_are_alternatives():
    assert matches(TEXT, FILTERED, "category:AID category:SANCTION")
    assert matches(TEXT, FILTERED, "country:RUS country:DEU")


def test_parse_query_reports_what_it_cannot_read():
    q = parse_query("riot country: category:blah country:Ruritania actor:X")
    assert q.words == ("riot",) and q.actors == ("x",)
    assert len(q.problems) == 3
    assert q.needs_analysis and not parse_query("riot").needs_analysis
    assert parse_query('unbalanced "quote').words == ("unbalanced", "quote")
    assert parse_query("country:FRA category:condemned riot").describe() == "riot country:FRA category:ACCUSE"
    assert parse_query("   ").is_empty


def test_category_words():
    assert category_for("condemned") == "ACCUSE"
    assert category_for("ACCUSE") == "ACCUSE" and category_for("accuse") == "ACCUSE"
    assert category_for("sanctioned") == "SANCTION"
    assert category_for("welcomed") == "SUPPORT"
    assert category_for("threat") == "THREATEN"
    assert category_for("nonsense") is None


def test_filter_library_over_entries():
    from newsreader.present.query import filter_library

    texts = {
        "/lib/a.md": "Macron condemned the crackdown.",
        "/lib/b.md": "Germany sent aid.",
        "/lib/c.md": "Macron visited a riot zone.",
    }
    entries = [entry("a", None, "Crackdown"), entry("b", None), entry("c", None), entry("d", None)]
    loaded = []

    def load(e):
        loaded.append(e.path)
        if e.path not in texts:
            raise OSError("unreadable")
        return Document(path=e.path, text=texts[e.path], blocks=[], meta=Metadata(title=e.title))

    analyses = {"/lib/a.md": FILTERED, "/lib/b.md": analysis(reaction("deu", "DEU", "AID"))}
    cached = lambda d: analyses.get(d.path)  # noqa: E731

    out = filter_library(entries, "crackdown", load, cached)
    assert out.indices == [0] and "/lib/a.md" not in loaded  # the title was enough
    out = filter_library(entries, "macron", load, cached)
    assert out.indices == [0, 2] and out.unreadable == 1
    out = filter_library(entries, "country:FRA category:condemned", load, cached)
    assert out.indices == [0] and out.unanalysed == 1  # c.md is not analysed yet
    out = filter_library(entries, "riot country:FRA", load, cached)
    assert out.indices == [] and out.unanalysed == 1
    assert filter_library(entries, "x", load, cached, should_stop=lambda: True).cancelled
