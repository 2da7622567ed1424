"""The side panel's grouping of an Analysis, tested on hand-built analyses (no Textual, no spaCy)."""

from __future__ import annotations

import pytest

from newsreader.analysis.inflection import base_form
from newsreader.model.analysis import Actor, Analysis, Event, Figure, Reaction
from newsreader.model.document import DocStatus, Document, Metadata
from newsreader.present.facts import article_facts, reading_time
from newsreader.present.panel import UNATTRIBUTED, build_panel, figure_line, format_value, reaction_phrase, tone_of

NAMES = {"KAZ": "Kazakhstan", "RUS": "Russia", "EU": "European Union", "DEU": "Germany", "CHN": "China"}


def name_of(code: str) -> str:
    return NAMES.get(code, code)


def actor(id, name, country=None, mentions=((0, 1),), kind="person", role=None, source=False):
    return Actor(id=id, name=name, kind=kind, country=country, role=role, mentions=list(mentions), is_source=source)


def reaction(actor_id, country, category="ACCUSE", sentence=(0, 10), **kw):
    kw.setdefault("trigger", "denounced")
    kw.setdefault("target", "the violence")
    return Reaction(actor=actor_id, country=country, category=category, sentence=sentence, **kw)


def sample() -> Analysis:
    return Analysis(
        model="test",
        actors=[
            actor("tok", "Kassym-Jomart Tokayev", "KAZ", [(10, 31), (200, 207), (400, 407)], role="President"),
            actor("kaz", "Kazakhstan", "KAZ", [(50, 60)], kind="country"),
            actor("rus", "Russia", "RUS", [(300, 306), (500, 506), (600, 606), (700, 706)], kind="country"),
            actor("deu", "Germany", "DEU", [(800, 807)], kind="country"),
            actor("vdl", "Ursula von der Leyen", "EU", [(900, 920)], role="European Commission Chief"),
            actor("abl", "Mukhtar Ablyazov", None, [(1000, 1016)]),
            actor("dw", "DW", None, [(120, 122), (330, 332)], kind="organization", source=True),
            actor("reu", "Reuters", None, [(1100, 1107)], kind="organization", source=True),
        ],
        reactions=[
            reaction("tok", "KAZ", "COERCE", (5, 90), summary="directed security forces to shoot"),
            reaction("tok", "KAZ", "ACCUSE", (380, 450), trigger="accused", target="extremists"),
            reaction("deu", "DEU", "ACCUSE", (790, 880), summary="denounced Tokayev's use of force"),
            reaction("deu", "DEU", "REQUEST", (790, 880), trigger="called for", target="an end to the unrest"),
            reaction("vdl", "EU", "REQUEST", (890, 960), summary="called for an end to the unrest"),
            reaction("", None, "PROTEST", (95, 150), summary="protested fuel prices"),
        ],
        figures=[
            Figure(
                value=2500,
                approx=True,
                text="approximately 2,500",
                counts="troops",
                event="delivered",
                span=(620, 639),
                sentence=(600, 680),
            ),
            Figure(value=70, approx=False, text="70", counts="security checkpoints", event=None, span=(125, 127)),
        ],
        notices=["rule-only pipeline: no model installed"],
    )


# ------------------------------------------------------------------ grouping and order


def test_groups_are_named_with_code_and_ordered_by_activity_unattributed_last():
    panel = build_panel(sample(), name_of)
    titles = [g.title for g in panel.groups]
    # KAZ: 2 reactions + 4 mentions; DEU: 2 reactions + 1 mention; EU: 1 + 1; RUS: 0 + 4 mentions.
    assert titles == [
        "Kazakhstan · KAZ",
        "Germany · DEU",
        "European Union · EU",
        "Russia · RUS",
        UNATTRIBUTED,
    ]
    assert panel.groups[0].weight > panel.groups[1].weight > panel.groups[2].weight


def test_reactions_outweigh_mentions():
    analysis = Analysis(
        model="t",
        actors=[
            actor("a", "Often Named", "RUS", [(i, i + 1) for i in range(4)]),
            actor("b", "Acts Once", "CHN", [(50, 51)]),
        ],
        reactions=[reaction("b", "CHN", "SUPPORT", (50, 60))],
    )
    assert [g.code for g in build_panel(analysis, name_of).groups] == ["CHN", "RUS"]


def test_actors_sorted_by_mentions_and_carry_role_count_and_all_spans():
    kaz = build_panel(sample(), name_of).groups[0]
    assert [a.text for a in kaz.actors] == ["Kassym-Jomart Tokayev", "Kazakhstan"]
    tok = kaz.actors[0]
    assert tok.detail == "President"
    assert tok.count == 3
    assert tok.jump == (10, 31)
    assert tok.spans == ((10, 31), (200, 207), (400, 407))
    assert tok.layer == "people"
    assert kaz.actors[1].layer == "places"


def test_sources_listed_apart_and_never_as_actors():
    panel = build_panel(sample(), name_of)
    assert [s.text for s in panel.sources] == ["DW", "Reuters"]
    assert panel.sources[0].spans == ((120, 122), (330, 332))
    actor_names = {a.text for g in panel.groups for a in g.actors}
    assert "DW" not in actor_names and "Reuters" not in actor_names


def test_unattributed_group_collects_actors_and_reactions_without_country():
    last = build_panel(sample(), name_of).groups[-1]
    assert last.code is None and last.title == UNATTRIBUTED
    assert [a.text for a in last.actors] == ["Mukhtar Ablyazov"]
    assert [r.text for r in last.reactions] == ["protested fuel prices"]


def test_reaction_without_country_takes_its_actors_country():
    analysis = Analysis(
        model="t",
        actors=[actor("x", "Xi Jinping", "CHN", [(5, 14)])],
        reactions=[reaction("x", None, "SUPPORT", (0, 40), summary="lauded the measures")],
    )
    (group,) = build_panel(analysis, name_of).groups
    assert group.code == "CHN" and group.reactions[0].lead == "Xi Jinping"


def test_reaction_by_a_source_is_dropped():
    analysis = Analysis(
        model="t",
        actors=[actor("r", "Reuters", None, [(0, 7)], source=True)],
        reactions=[reaction("r", None, "ACCUSE", (0, 20))],
    )
    panel = build_panel(analysis, name_of)
    assert panel.groups == () and [s.text for s in panel.sources] == ["Reuters"]


def test_reactions_in_article_order_with_evidence_spans():
    analysis = sample()
    deu = next(g for g in build_panel(analysis, name_of).groups if g.code == "DEU")
    assert [r.category for r in deu.reactions] == ["ACCUSE", "REQUEST"]
    first = deu.reactions[0]
    assert first.jump == (790, 880)
    assert first.tone == "verbal-hostile"
    assert first.lead == "Germany"  # the actor's name when the reaction carries none
    assert first.text == "denounced Tokayev's use of force"
    # No summary: built from trigger + target.
    assert deu.reactions[1].text == "called for an end to the unrest"


def test_trigger_span_is_what_f_highlights_for_a_reaction():
    analysis = Analysis(
        model="t",
        actors=[actor("d", "Germany", "DEU", [(0, 7)])],
        reactions=[reaction("d", "DEU", sentence=(0, 60), trigger_span=(8, 17))],
    )
    item = build_panel(analysis, name_of).groups[0].reactions[0]
    assert item.jump == (0, 60) and item.spans == ((8, 17),)


def test_country_name_failures_fall_back_to_the_code():
    def broken(code: str) -> str:
        raise KeyError(code)

    panel = build_panel(sample(), broken)
    assert panel.groups[0].title == "KAZ"
    assert build_panel(sample(), lambda c: "").groups[0].title == "KAZ"


def test_notices_and_incomplete_analysis():
    analysis = sample()
    analysis.complete = False
    notices = build_panel(analysis, name_of).notices
    assert notices[0] == "rule-only pipeline: no model installed"
    assert any("stopped early" in n for n in notices)


def test_empty_analysis_is_empty():
    panel = build_panel(Analysis(model="t"), name_of)
    assert panel.is_empty and panel.items() == []


def test_items_lists_every_line_in_display_order():
    panel = build_panel(sample(), name_of)
    kinds = [i.kind for i in panel.items()]
    assert kinds.count("source") == 2 and kinds[-1] == "source"
    assert kinds.count("figure") == 2
    assert kinds.count("reaction") == 6


# ------------------------------------------------------------------ figures


@pytest.mark.parametrize(
    ("value", "approx", "expected"),
    [
        (2500, True, "~2,500"),
        (3000, False, "3,000"),
        (1200000.0, False, "1,200,000"),
        (2.5, False, "2.5"),
        (0.125, True, "~0.12"),
        (18, False, "18"),
        (-4000, False, "-4,000"),
    ],
)
def test_format_value(value, approx, expected):
    assert format_value(value, approx) == expected


def test_figure_line_reads_value_counts_event():
    fig = Figure(value=2500, approx=True, text="approximately 2,500", counts="troops", event="delivered", span=(0, 5))
    assert figure_line(fig) == "~2,500 troops — delivered"
    assert figure_line(Figure(3000, False, "3,000", None, "arrested", (0, 5))) == "3,000 — arrested"
    assert figure_line(Figure(70, False, "70", "security checkpoints", None, (0, 2))) == "70 security checkpoints"


def test_figures_in_article_order_jumping_to_their_sentence():
    figures = build_panel(sample(), name_of).figures
    assert [f.lead for f in figures] == ["70", "~2,500"]
    assert figures[0].jump == (125, 127)  # no sentence: the number itself
    assert figures[1].jump == (600, 680)
    assert figures[1].spans == ((620, 639),)
    assert figures[1].text == "troops — delivered"


# ------------------------------------------------------------------ reaction wording


def test_negated_reaction_reads_did_not():
    r = reaction("g", "DEU", summary="condemned Tokayev's use of force", negated=True)
    assert reaction_phrase(r) == "did not condemn Tokayev's use of force"
    r = reaction("g", "DEU", summary="", trigger="condemn", target="the crackdown", negated=True)
    assert reaction_phrase(r) == "did not condemn the crackdown"


def test_negated_summary_already_negative_is_kept():
    r = reaction("g", "DEU", summary="didn't condemn the crackdown", negated=True)
    assert reaction_phrase(r) == "didn't condemn the crackdown"
    r = reaction("g", "DEU", summary="refused to not attend", negated=True)
    assert reaction_phrase(r) == "refused to not attend"


def test_hedged_reaction_reads_reportedly_once():
    r = reaction("r", "RUS", "AID", summary="assisted Kazakhstan", hedged=True)
    assert reaction_phrase(r) == "reportedly assisted Kazakhstan"
    r = reaction("r", "RUS", "AID", summary="allegedly delivered troops", hedged=True)
    assert reaction_phrase(r) == "allegedly delivered troops"


def test_negated_and_hedged_marks_carried_on_item():
    analysis = Analysis(
        model="t",
        actors=[actor("g", "Germany", "DEU")],
        reactions=[reaction("g", "DEU", summary="condemned it", negated=True, hedged=True)],
    )
    item = build_panel(analysis, name_of).groups[0].reactions[0]
    assert item.negated and item.hedged
    assert item.text == "reportedly did not condemn it"


def test_whitespace_in_document_text_is_collapsed():
    r = reaction("g", "DEU", summary="called\nfor   an end")
    assert reaction_phrase(r) == "called for an end"


def test_reaction_with_no_words_falls_back_to_category():
    r = Reaction(actor="", country="KAZ", category="PROTEST", trigger="", target=None, sentence=(0, 3))
    assert reaction_phrase(r) == "protest"


@pytest.mark.parametrize(
    ("verb", "base"),
    [
        ("condemned", "condemn"),
        ("denounced", "denounce"),
        ("called", "call"),
        ("urged", "urge"),
        ("stopped", "stop"),
        ("carried", "carry"),
        ("agreed", "agree"),
        ("praised", "praise"),
        ("condemns", "condemn"),
        ("pushes", "push"),
        ("condemn", "condemn"),
        ("welcomed", "welcome"),
    ],
)
def test_base_form(verb, base):
    assert base_form(verb) == base


@pytest.mark.parametrize(
    ("category", "tone"),
    [
        ("ACCUSE", "verbal-hostile"),
        ("SUPPORT", "verbal-cooperative"),
        ("AID", "material-cooperative"),
        ("ASSAULT", "material-hostile"),
        ("accuse", "verbal-hostile"),
        ("NONSENSE", None),
        ("", None),
    ],
)
def test_tone_of(category, tone):
    assert tone_of(category) == tone


# ------------------------------------------------------------------ article facts


def _doc(text="word " * 460, status=DocStatus.OK, problems=(), **meta) -> Document:
    return Document(
        path="/tmp/a/article.md", text=text, blocks=[], meta=Metadata(**meta), status=status, problems=list(problems)
    )


def test_article_facts_rows_and_reading_time():
    facts = article_facts(_doc(title="Title", source="AP", date="2022-01-07", url="https://x.org/a"))
    assert facts.title == "Title"
    assert facts.rows == (
        ("Source", "AP"),
        ("Date", "2022-01-07"),
        ("URL", "https://x.org/a"),
        ("Length", "460 words · 2 min read"),
    )
    assert facts.problems == ()


def test_article_facts_without_metadata_uses_file_name_and_shows_problems():
    facts = article_facts(_doc(text="", status=DocStatus.ERROR, problems=["not readable: permission denied"]))
    assert facts.title == "article.md"
    assert facts.rows == (("Length", "0 words · 0 min read"),)
    assert facts.problems == ("not readable: permission denied",)
    assert facts.status == "error"


def test_problems_hidden_when_status_ok():
    assert article_facts(_doc(problems=["note"])).problems == ()


@pytest.mark.parametrize(
    ("words", "text"),
    [(0, "0 min read"), (50, "< 1 min read"), (230, "1 min read"), (2300, "10 min read"), (1_000_000, "4348 min read")],
)
def test_reading_time(words, text):
    assert reading_time(words) == text


def test_reactions_reported_the_same_way_are_merged_with_a_count():
    analysis = Analysis(
        model="t",
        actors=[actor("k", "Kazakhstan", "KAZ", [(0, 10)], kind="country")],
        reactions=[
            reaction("", "KAZ", "PROTEST", (100, 150), summary="protests", trigger_span=(100, 108)),
            reaction("", "KAZ", "PROTEST", (20, 60), summary="Protests", trigger_span=(20, 28)),
            reaction("", "KAZ", "PROTEST", (300, 350), summary="protests", trigger_span=(300, 308)),
            reaction("", "KAZ", "PROTEST", (400, 450), summary="protests", negated=True),
            reaction("", "KAZ", "COERCE", (500, 550), summary="protests"),
        ],
    )
    (group,) = build_panel(analysis, name_of).groups
    first = group.reactions[0]
    assert first.count == 3 and first.jump == (20, 60)
    assert first.spans == ((20, 28), (100, 108), (300, 308))
    assert [r.count for r in group.reactions] == [3, 1, 1]  # negated and other category kept apart
    assert group.weight == 5 * 5 + 1


def test_clean_drops_controls_and_bidi_and_collapses_whitespace():
    from newsreader.present.text import clean

    assert clean("Evil\x1b]0;pwned\x07\x1b[31mName\x9b") == "Evil]0;pwned[31mName"
    assert clean("a\u202egnp.exe\u2066b") == "agnp.exeb"
    assert clean("  two\n\tlines\r ") == "two lines"
    assert clean(None) == "" and clean("") == ""
    assert clean("Jean‑Luc Mélenchon – “quoted”") == "Jean‑Luc Mélenchon – “quoted”"


def test_a_country_guessed_from_context_is_marked_uncertain_and_unknown_ones_not_stated():
    analysis = Analysis(
        model="m",
        actors=[
            Actor("a", "Ana Ruiz", "person", country="ESP", mentions=[(0, 8)], country_source="text"),
            Actor("b", "Ben Ode", "person", country="ESP", mentions=[(10, 17)], country_source="context"),
            Actor("c", "Cy Lo", "person", country=None, mentions=[(20, 25)]),
        ],
    )
    panel = build_panel(analysis, name_of)
    spain = next(g for g in panel.groups if g.code == "ESP")
    marks = {i.text: i.uncertain for i in spain.actors}
    assert marks == {"Ana Ruiz": False, "Ben Ode": True}
    assert panel.groups[-1].code is None and panel.groups[-1].title == "Country not stated"


def test_events_without_an_actor_are_listed_apart_in_text_order():
    analysis = sample()
    analysis.events = [
        Event("storm killed ten people in Manila", "PHL", None, (40, 80), (42, 47)),
        Event("car bomb killed six soldiers", "SOM", "ASSAULT", (0, 30), (4, 8)),
        Event("   ", None, None, (90, 95)),  # nothing to show: left out
    ]
    model = build_panel(analysis, name_of)
    assert [e.text for e in model.events] == ["car bomb killed six soldiers", "storm killed ten people in Manila"]
    assert [e.kind for e in model.events] == ["event", "event"]
    assert model.events[0].jump == (0, 30) and model.events[0].spans == ((4, 8),)
    assert model.events[0].detail == "assault" and model.events[1].detail == ""
    # events are nobody's reactions: no group gains a line from them
    assert sum(len(g.reactions) for g in model.groups) == len(analysis.reactions)
    assert model.items()[-len(model.figures) - len(model.sources) - 2 :][:2] == list(model.events)


def test_an_article_with_only_events_is_not_empty():
    model = build_panel(Analysis(model="test", events=[Event("quake killed six", "PER", None, (0, 10))]), name_of)
    assert not model.is_empty and len(model.events) == 1


def test_events_survive_the_json_round_trip():
    analysis = Analysis(model="m", events=[Event("storm killed ten", "PHL", None, (1, 9), (1, 6))])
    again = Analysis.from_dict(analysis.to_dict())
    assert again.events == analysis.events
    assert Analysis.from_dict({"model": "m"}).events == []  # records written before events existed
