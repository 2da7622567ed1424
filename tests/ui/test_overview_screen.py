"""The across-library screen in a tiny host app (the main app wires it to ``a``)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable, OptionList, Sparkline, Static

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.model.document import LibraryEntry
from newsreader.present.overview import build_overview
from newsreader.ui.screens.overview import OverviewChoice, OverviewScreen

HOSTILE = "[bold red]Boom[/] \x1b[2J"


def _pairs():
    def analysis(*reactions):
        return Analysis(model="t", actors=[Actor("deu", "Germany", "country", "DEU")], reactions=list(reactions))

    def r(country, category, at, name="Germany"):
        return Reaction("deu", country, category, "did", None, (at, at + 5), actor_name=name)

    return [
        (
            LibraryEntry("/lib/a.md", HOSTILE, date="2022-01-05"),
            analysis(r("DEU", "ACCUSE", 10, name="[i]Germany[/i]"), r("DEU", "AID", 20)),
        ),
        (
            LibraryEntry("/lib/b.md", "Second", date="2022-01-09"),
            analysis(r("DEU", "ACCUSE", 30), r("FRA", "SUPPORT", 40)),
        ),
        (LibraryEntry("/lib/c.md", "Unanalysed"), None),
    ]


NAMES = {"DEU": "Germany", "FRA": "France"}.get


class Host(App):
    def __init__(self, source):
        super().__init__()
        self.source = source
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(OverviewScreen(self.source, country_name=lambda c: NAMES(c, c)), self.results.append)


def _plain(table: DataTable, row: int, column: int) -> str:
    return table.get_cell_at((row, column)).plain


async def test_matrix_counts_colours_and_choice():
    app = Host(build_overview(_pairs()))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert _plain(table, 0, 0) == "Germany · DEU" and _plain(table, 1, 0) == "France · FRA"
        columns = [c.label.plain for c in table.columns.values()]
        accuse, aid = columns.index("ACCUSE"), columns.index("AID")
        assert _plain(table, 0, accuse) == "2" and _plain(table, 0, aid) == "1" and _plain(table, 0, 1) == "3"
        assert _plain(table, 1, accuse) == "·"
        # Hostile (verbal) and cooperative (material) counts are drawn in different colours.
        assert table.get_cell_at((0, accuse)).style != table.get_cell_at((0, aid)).style
        summary = str(screen.query_one("#overview-summary", Static).render())
        assert "2 analysed articles" in summary and "1 not analysed" in summary

        table.move_cursor(row=0, column=accuse)
        await pilot.pause()
        assert "Germany · ACCUSE (verbal, hostile): 2 reactions in 2 articles" in str(
            screen.query_one("#overview-cell", Static).render()
        )
        assert list(screen.query_one(Sparkline).data) == [2, 0, 0, 0, 1]  # all of Germany's reactions by day

        await pilot.press("enter")
        await pilot.pause()
        items = screen.query_one("#overview-items", OptionList)
        assert items.display and items.option_count == 2 and items.has_focus
        first = items.get_option_at_index(0).prompt
        assert first.plain.startswith("2022-01-05  [bold red]Boom[/] ")  # literal, never markup
        assert "\x1b" not in first.plain and "[i]Germany[/i]" in first.plain
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [OverviewChoice("/lib/a.md", (10, 15))]


async def test_row_cell_lists_the_whole_country_and_escape_steps_back():
    app = Host(build_overview(_pairs()))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        table.move_cursor(row=0, column=0)
        await pilot.press("enter")
        await pilot.pause()
        items = screen.query_one("#overview-items", OptionList)
        assert items.option_count == 3
        await pilot.press("escape")
        await pilot.pause()
        assert not items.display and table.has_focus
        await pilot.press("j", "l")
        assert table.cursor_coordinate == (1, 1)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_callable_source_is_collected_in_a_worker():
    calls = []

    def collect():
        calls.append(1)
        return build_overview(_pairs())

    app = Host(collect)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == [1]
        assert app.screen.query_one(DataTable).row_count == 2


async def test_failing_source_is_a_message():
    def broken():
        raise RuntimeError("[b]disk[/b] on fire")

    app = Host(broken)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#overview-summary", Static).render())
        assert "Could not build the overview" in text and "[b]disk[/b]" in text


async def test_empty_library_says_so():
    app = Host(build_overview([]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "nothing to show" in str(app.screen.query_one("#overview-summary", Static).render())
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_long_country_names_keep_their_code():
    pairs = [
        (
            LibraryEntry("/lib/a.md", "A", date="2022-01-01"),
            Analysis(model="t", reactions=[Reaction("", "COD", "AID", "sent", None, (0, 4))]),
        )
    ]

    class LongHost(App):
        def on_mount(self) -> None:
            self.push_screen(
                OverviewScreen(build_overview(pairs), country_name=lambda c: "Democratic Republic of the Congo")
            )

    app = LongHost()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        label = _plain(app.screen.query_one(DataTable), 0, 0)
        assert label.endswith("… · COD") and len(label) <= 24


async def test_closing_before_the_overview_is_collected_is_harmless():
    import threading

    gate = threading.Event()

    def slow():
        gate.wait(5)
        return build_overview(_pairs())

    app = Host(slow)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # close while the worker is still reading
        await pilot.pause()
        assert app.results == [None]
        gate.set()
        await pilot.pause(0.3)
        assert app.is_running
    assert app.return_code in (0, None)
