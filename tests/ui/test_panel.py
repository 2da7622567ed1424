"""Pilot tests of the actors side panel and the layer legend, in a tiny host app."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.containers import Horizontal
from textual.theme import Theme

from newsreader.model.analysis import Actor, Analysis, Entity, Figure, Reaction
from newsreader.model.document import DocStatus, Document, Metadata
from newsreader.ui.widgets.actors_panel import ActorsPanel
from newsreader.ui.widgets.legend import Legend

VARIABLES_A = {
    "layer-people": "#F4A261",
    "layer-organizations": "#C8A2E0",
    "layer-places": "#7EC699",
    "layer-groups": "#5EC4CF",
    "layer-numbers": "#E9D46B",
    "layer-dates": "#F08FA0",
    "reaction-verbal-cooperative": "#7FB8E6",
    "reaction-verbal-hostile": "#F0A06A",
    "reaction-material-cooperative": "#8FC28A",
    "reaction-material-hostile": "#E27878",
}
VARIABLES_B = {**VARIABLES_A, "reaction-verbal-hostile": "#112233", "layer-people": "#445566"}

THEME_A = Theme(name="test-a", primary="#6FA3D8", background="#1B1E24", dark=True, variables=VARIABLES_A)
THEME_B = Theme(name="test-b", primary="#2F6CA3", background="#F7F5EF", dark=False, variables=VARIABLES_B)
# No newsreader variables at all: the widgets must fall back to Textual's own colours.
THEME_BARE = Theme(name="test-bare", primary="#0178D4", warning="#FEA62B", error="#BA3C5B", dark=True)

NAMES = {"KAZ": "Kazakhstan", "DEU": "Germany", "CHN": "China"}
MARKUP_NAME = "[bold]X[/bold]"
ACTION_NAME = "[@click=app.quit]Evil[/]"


def document(status=DocStatus.OK, problems=(), title="Kazakh [red]president[/red] gives orders") -> Document:
    return Document(
        path="/tmp/x/article.md",
        text="word " * 690,
        blocks=[],
        meta=Metadata(title=title, source="AP [@click=app.quit]", date="2022-01-07", url="https://example.org/a"),
        status=status,
        problems=list(problems),
        sha256="abc",
    )


def analysis() -> Analysis:
    return Analysis(
        model="test",
        actors=[
            Actor("tok", "Kassym-Jomart Tokayev", "person", "KAZ", "President", [(10, 31), (200, 207), (400, 407)]),
            Actor("deu", "Germany", "country", "DEU", None, [(800, 807), (820, 827)]),
            Actor("xi", MARKUP_NAME, "person", "CHN", None, [(900, 902)]),
            Actor("evil", ACTION_NAME, "person", None, None, [(950, 954)]),
            Actor("dw", "DW", "organization", None, None, [(120, 122)], is_source=True),
        ],
        reactions=[
            Reaction(
                "tok",
                "KAZ",
                "COERCE",
                "directed",
                "security forces",
                (5, 90),
                summary="directed security forces to shoot",
                actor_name="Tokayev",
            ),
            Reaction(
                "deu",
                "DEU",
                "ACCUSE",
                "denounced",
                "the use of force",
                (790, 880),
                trigger_span=(808, 817),
                summary="denounced [@click=app.quit]the use[/] of force",
                actor_name="Germany",
            ),
            Reaction("xi", "CHN", "SUPPORT", "lauded", "the measures", (890, 940), actor_name=MARKUP_NAME),
        ],
        figures=[Figure(2500, True, "approximately 2,500", "troops", "delivered", (620, 639), (600, 680))],
        notices=["rule-only pipeline: no model installed"],
        entities=[Entity(0, 1, "x", "PERSON", "people")] * 12 + [Entity(0, 1, "x", "ORG", "organizations")] * 5,
    )


class Host(App):
    """Mounts one panel and one legend, and records the messages they post."""

    CSS = "ActorsPanel { width: 44; } Legend { width: 1fr; }"

    def __init__(self, theme: Theme = THEME_A) -> None:
        super().__init__()
        self.start_theme = theme
        self.messages: list = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Legend()
            yield ActorsPanel(country_name=lambda code: NAMES.get(code, code))

    def on_mount(self) -> None:
        for theme in (THEME_A, THEME_B, THEME_BARE):
            self.register_theme(theme)
        self.theme = self.start_theme.name

    def on_actors_panel_jump_to(self, message: ActorsPanel.JumpTo) -> None:
        self.messages.append(("jump", message.start, message.end))

    def on_actors_panel_show_mentions(self, message: ActorsPanel.ShowMentions) -> None:
        self.messages.append(("mentions", message.spans))

    def on_actors_panel_clear_mentions(self, message: ActorsPanel.ClearMentions) -> None:
        self.messages.append(("clear",))

    def on_legend_toggle(self, message: Legend.Toggle) -> None:
        self.messages.append(("toggle", message.layer))


def screen_lines(panel: ActorsPanel) -> list[str]:
    return [panel.render_line(y).text.rstrip() for y in range(panel.scrollable_content_region.height)]


def screen_text(panel: ActorsPanel) -> str:
    return "\n".join(screen_lines(panel))


def flat_text(panel: ActorsPanel) -> str:
    """The panel's text with wrapping undone (whitespace runs collapsed)."""
    return " ".join(screen_text(panel).split())


def colour_of(strip, fragment: str) -> str | None:
    """The hex foreground colour of the first segment containing ``fragment``."""
    for segment in strip:
        if fragment in segment.text and segment.style and segment.style.color:
            return segment.style.color.triplet.hex.upper()
    return None


def line_with(panel: ActorsPanel, fragment: str):
    for y in range(panel.scrollable_content_region.height):
        strip = panel.render_line(y)
        if fragment in strip.text:
            return strip
    raise AssertionError(f"{fragment!r} not on screen:\n{screen_text(panel)}")


async def shown(pilot, doc=None, result=None, analysing=False) -> ActorsPanel:
    panel = pilot.app.query_one(ActorsPanel)
    panel.focus()
    await pilot.pause()
    panel.show(doc or document(), result, analysing)
    await pilot.pause()
    return panel


# ------------------------------------------------------------------ before analysis


async def test_metadata_before_analysis():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        panel = await shown(pilot, analysing=True)
        text = screen_text(panel)
        assert "Kazakh [red]president[/red] gives orders" in text  # markup shown literally
        assert "AP [@click=app.quit]" in text
        assert "2022-01-07" in text and "https://example.org/a" in text
        assert "690 words · 3 min read" in text
        assert "analysing…" in text
        assert panel.highlighted is None  # nothing selectable
        await pilot.press("enter", "down", "enter")
        assert app.messages == [] and app.is_running


async def test_metadata_without_analysing_and_with_problems():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        doc = document(DocStatus.WARNING, ["repaired encoding: cp1252", "[b]removed[/b] 2 control characters"])
        panel = await shown(pilot, doc)
        text = screen_text(panel)
        assert "analysing…" not in text
        assert "repaired encoding: cp1252" in text
        assert "[b]removed[/b] 2 control characters" in text


async def test_no_document():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        panel = app.query_one(ActorsPanel)
        panel.show(None, None)
        await pilot.pause()
        assert "No article open." in screen_text(panel)


# ------------------------------------------------------------------ with analysis


async def test_groups_notice_figures_sources_listed():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        lines = screen_lines(panel)
        text = "\n".join(lines)
        assert lines[0].startswith("! rule-only pipeline")
        order = [
            text.index(s)
            for s in (
                "Kazakhstan · KAZ",
                "Germany · DEU",
                "China · CHN",
                "Country not stated",
                "Key figures",
                "Sources",
            )
        ]
        assert order == sorted(order)
        assert "~2,500 troops — delivered" in text
        assert "Kassym-Jomart Tokayev" in text and "President" in text and "×3" in text
        assert "DW" in text.split("Sources")[1]


async def test_document_text_is_never_markup():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        text = screen_text(panel)
        assert MARKUP_NAME in text
        assert ACTION_NAME in text
        assert "denounced [@click=app.quit]the use[/] of force" in flat_text(panel)
        # Clicking the action-looking text jumps (it is just a line), it does not quit.
        strip = line_with(panel, ACTION_NAME)
        y = screen_lines(panel).index(strip.text.rstrip())
        await pilot.click(ActorsPanel, offset=(4, y))
        await pilot.pause()
        assert app.is_running
        assert ("jump", 950, 954) in app.messages


async def test_keys_enter_jumps_f_shows_mentions_escape_clears():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        # The focused panel starts on its first selectable line: the busiest group's header.
        assert panel._current_row().toggles == "group:KAZ"
        await pilot.press("j")  # Tokayev
        assert panel.current_item.text == "Kassym-Jomart Tokayev"
        await pilot.press("enter")
        assert app.messages[-1] == ("jump", 10, 31)
        await pilot.press("f")
        assert app.messages[-1] == ("mentions", [(10, 31), (200, 207), (400, 407)])
        await pilot.press("escape")
        assert app.messages[-1] == ("clear",)
        await pilot.press("down", "enter")  # Tokayev's reaction: jumps to its sentence
        assert panel.current_item.kind == "reaction"
        assert app.messages[-1] == ("jump", 5, 90)
        await pilot.press("k", "k")
        assert panel._current_row().toggles == "group:KAZ"


async def test_figure_jumps_to_its_sentence():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        index = next(n for n, r in enumerate(panel.rows) if r.item and r.item.kind == "figure")
        panel.highlighted = index
        await pilot.press("enter")
        assert app.messages[-1] == ("jump", 600, 680)
        await pilot.press("f")
        assert app.messages[-1] == ("mentions", [(620, 639)])


async def test_headers_fold_and_unfold():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        assert "Kassym-Jomart Tokayev" in screen_text(panel)
        await pilot.press("enter")  # fold Kazakhstan
        text = screen_text(panel)
        assert "Kassym-Jomart Tokayev" not in text and "▸ Kazakhstan · KAZ" in text
        assert panel._current_row().toggles == "group:KAZ"
        await pilot.press("l")
        assert "Kassym-Jomart Tokayev" in screen_text(panel)
        await pilot.press("j", "j", "h")  # on an item, h folds its group and goes to the header
        assert "Kassym-Jomart Tokayev" not in screen_text(panel)
        assert panel._current_row().toggles == "group:KAZ"
        await pilot.press("space")
        assert "Kassym-Jomart Tokayev" in screen_text(panel)
        assert not any(m[0] == "jump" for m in app.messages)  # headers never jump


async def test_folds_survive_analysis_refresh_but_not_a_new_document():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        await pilot.press("enter")
        panel.show(document(), analysis())
        await pilot.pause()
        assert "Kassym-Jomart Tokayev" not in screen_text(panel)
        other = document()
        other.path = "/tmp/x/other.md"
        panel.show(other, analysis())
        await pilot.pause()
        assert "Kassym-Jomart Tokayev" in screen_text(panel)


async def test_empty_analysis_says_so():
    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        panel = await shown(pilot, result=Analysis(model="t"))
        assert "No actors, reactions or figures found" in screen_text(panel)


async def test_reactions_coloured_by_kind_and_restyled_on_theme_change():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        assert colour_of(line_with(panel, "denounced"), "denounced") == "#F0A06A"
        assert colour_of(line_with(panel, "directed"), "directed") == "#E27878"
        assert colour_of(line_with(panel, "lauded"), "lauded") == "#7FB8E6"
        assert colour_of(line_with(panel, "Kassym"), "Kassym") == "#F4A261"
        app.theme = THEME_B.name
        await pilot.pause()
        await pilot.pause()
        assert colour_of(line_with(panel, "denounced"), "denounced") == "#112233"
        assert colour_of(line_with(panel, "Kassym"), "Kassym") == "#445566"


async def test_theme_without_newsreader_variables_falls_back():
    app = Host(THEME_BARE)
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        # verbal-hostile falls back to the theme's warning colour, material-hostile to its error.
        warning = Color.parse(app.theme_variables["warning"]).hex.upper()
        error = Color.parse(app.theme_variables["error"]).hex.upper()
        assert warning != error
        assert colour_of(line_with(panel, "denounced"), "denounced") == warning
        assert colour_of(line_with(panel, "directed"), "directed") == error


async def test_narrow_panel_wraps_long_lines_with_hanging_indent():
    app = Host()
    async with app.run_test(size=(70, 50)) as pilot:
        panel = app.query_one(ActorsPanel)
        panel.styles.width = 32
        await shown(pilot, result=analysis())
        lines = screen_lines(panel)
        assert all(len(line) <= 32 for line in lines)
        start = next(n for n, line in enumerate(lines) if "Tokayev directed" in line)
        continuation = lines[start + 1]
        indent = lines[start].index("Tokayev")
        assert continuation[:indent].strip() == "" and continuation[indent : indent + 1].strip()


# ------------------------------------------------------------------ legend


async def test_legend_shows_layers_counts_and_hidden_state():
    app = Host()
    async with app.run_test(size=(140, 20)) as pilot:
        legend = app.query_one(Legend)
        legend.update_state(analysis().layer_counts(), {"people", "places", "numbers", "dates", "groups"})
        await pilot.pause()
        strip = legend.render_line(0)
        assert "1 people 12" in strip.text and "2 orgs 5" in strip.text and "6 dates 0" in strip.text
        people = next(s for s in strip if s.text == "people")
        orgs = next(s for s in strip if s.text == "orgs")
        assert people.style.color.triplet.hex.upper() == "#F4A261" and not people.style.strike
        assert orgs.style.strike  # hidden layer: struck through
        legend.update_state(analysis().layer_counts(), {"organizations"})
        await pilot.pause()
        strip = legend.render_line(0)
        assert next(s for s in strip if s.text == "people").style.strike
        assert not next(s for s in strip if s.text == "orgs").style.strike


async def test_legend_shortens_to_fit_and_click_toggles():
    app = Host()
    async with app.run_test(size=(80, 20)) as pilot:
        legend = app.query_one(Legend)
        legend.styles.width = 30
        legend.update_state({"people": 3}, {"people"})
        await pilot.pause()
        text = legend.render_line(0).text
        assert len(text.rstrip()) <= 30 and "people" not in text
        assert text.lstrip().startswith("1■3")
        x = legend.legend_text(30).plain.index("2")
        await pilot.click(Legend, offset=(1 + x, 0))  # +1: the legend's left padding
        assert app.messages[-1] == ("toggle", "organizations")


async def test_legend_restyles_on_theme_change():
    app = Host()
    async with app.run_test(size=(140, 20)) as pilot:
        legend = app.query_one(Legend)
        legend.update_state({"people": 1}, {"people"})
        await pilot.pause()
        people = next(s for s in legend.render_line(0) if s.text == "people")
        assert people.style.color.triplet.hex.upper() == "#F4A261"
        app.theme = THEME_B.name
        await pilot.pause()
        await pilot.pause()
        people = next(s for s in legend.render_line(0) if s.text == "people")
        assert people.style.color.triplet.hex.upper() == "#445566"


@pytest.mark.parametrize("width", [32, 44, 60])
async def test_panel_renders_at_sidebar_widths(width):
    app = Host()
    async with app.run_test(size=(width + 40, 60)) as pilot:
        panel = app.query_one(ActorsPanel)
        panel.styles.width = width
        await shown(pilot, result=analysis())
        lines = screen_lines(panel)
        assert max(len(line) for line in lines) <= width
        assert any("Kazakhstan · KAZ" in line for line in lines)


async def test_wrapped_lines_not_clipped_when_scrollbar_appears():
    # Panel 44 wide, padding 1+1: 42 cells, 41 once the scrollbar shows. A 40-cell title (plus
    # the 2-cell fold marker) fits on one line only without the scrollbar.
    long_name = "N" * 34  # "NNN… · LNG" is 40 cells
    names = {**NAMES, "LNG": long_name}
    many = Analysis(
        model="t",
        actors=[Actor(f"a{n}", f"Actor number {n}", "person", "LNG", None, [(n, n + 1)]) for n in range(40)],
    )

    class Tall(Host):
        def compose(self) -> ComposeResult:
            yield ActorsPanel(country_name=lambda code: names.get(code, code))

    app = Tall()
    async with app.run_test(size=(80, 20)) as pilot:
        panel = await shown(pilot, result=many)
        assert panel.scrollbars_enabled[0]
        lines = screen_lines(panel)
        assert lines[0].startswith("▾ " + long_name[:20])
        assert lines[1].strip() == "LNG"  # the wrapped rest of the title, not the next row
        assert lines[2].strip() == "Actor number 0"


async def test_default_country_names_without_a_namer():
    class Plain(Host):
        def compose(self) -> ComposeResult:
            yield ActorsPanel()

    app = Plain()
    async with app.run_test(size=(80, 40)) as pilot:
        panel = await shown(pilot, result=analysis())
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(panel)
        assert "Kazakhstan · KAZ" in text and "Germany · DEU" in text


async def test_control_characters_never_reach_the_screen():
    hostile = Analysis(
        model="t",
        actors=[Actor("e", "Evil\x1b]0;pwned\x07\x1b[31mName\x9b", "person", "KAZ", "Role\r\x08", [(0, 4)])],
        reactions=[Reaction("e", "KAZ", "ACCUSE", "said", None, (0, 9), summary="accused\x1b[2J everyone")],
    )
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = await shown(pilot, result=hostile)
        for y in range(panel.scrollable_content_region.height):
            for segment in panel.render_line(y):
                assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in segment.text), repr(segment.text)
        assert "Evil]0;pwned[31mName" in screen_text(panel)


async def test_f_on_a_header_shows_everything_the_group_lists():
    app = Host()
    async with app.run_test(size=(100, 50)) as pilot:
        panel = await shown(pilot, result=analysis())
        assert panel._current_row().toggles == "group:KAZ"
        await pilot.press("f")
        # Tokayev's three mentions; not his reaction's whole sentence (it has no trigger span).
        assert app.messages[-1] == ("mentions", [(10, 31), (200, 207), (400, 407)])
        assert not any(m[0] == "jump" for m in app.messages)
