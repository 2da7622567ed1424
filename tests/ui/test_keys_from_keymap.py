"""Keys are named from the keymap in force (``ui.keys.active_keys``): remapping a key in
config.toml's ``[keys]`` changes what the help screen, the across-library hints and the key bar say."""

from __future__ import annotations

from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader import config
from newsreader.present.overview import build_overview
from newsreader.ui import keys
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.export_dialog import ExportDialog
from newsreader.ui.screens.help import HelpScreen, intro, key_table, subtitle
from newsreader.ui.screens.open_url import OpenUrlDialog
from newsreader.ui.screens.overview import OverviewItems, OverviewMatrix, OverviewScreen
from newsreader.ui.widgets.key_bar import KeyBar
from newsreader.ui.widgets.legend import Legend
from test_overview_screen import Host, _pairs
from uihelp import SEED, wait_for


def test_active_keys_spells_the_table_or_the_remap():
    assert keys.active_keys(None, "search") == "/"
    assert keys.active_keys({"search": "ctrl+s"}, "search") == "ctrl+s"
    assert keys.active_keys({"search": "slash,ctrl+s"}, "search") == "/ ctrl+s"  # not "//ctrl+s"
    assert keys.active_keys({}, "next-article") == "J/]"
    assert keys.active_keys({}, "help-close") == "esc/q/?"
    assert keys.active_keys({}, "help-close", first=True) == "esc"
    assert keys.active_keys({"help-close": "ctrl+w,escape"}, "help-close", first=True) == "ctrl+w"
    assert keys.active_keys({}, "no-such-id") == "no-such-id"


def test_every_bound_screen_key_is_in_the_table():
    for owner in (HelpScreen, OverviewScreen, OverviewMatrix, OverviewItems, OpenUrlDialog, ExportDialog):
        assert {b.id for b in owner.BINDINGS} <= set(keys.BY_ID), owner.__name__


def test_help_texts_follow_the_keymap():
    assert subtitle({}) == "j/k g/G scroll · esc closes"
    assert subtitle({"help-down": "n", "help-close": "ctrl+w"}) == "n/k g/G scroll · ctrl+w closes"
    assert "press L for the library" in intro({})
    assert "press ctrl+l for the library" in intro({"toggle-library": "ctrl+l"})

    def layers_row(keymap):
        cells = [str(cell) for column in key_table(keymap).columns for cell in column._cells]
        return next(cell for cell in cells if " people, " in cell)

    assert layers_row({}).startswith("1 people, 2 organizations")
    assert layers_row({"layer-people": "F1"}).startswith("F1 people, 2 organizations")


async def test_legend_names_the_layer_keys_in_force():
    class LegendHost(App):
        def compose(self):
            yield Legend()

    app = LegendHost()
    async with app.run_test(size=(120, 3)) as pilot:
        legend = app.query_one(Legend)
        assert legend.legend_text().plain.startswith("1 people 0  2 orgs 0")
        app.set_keymap({"layer-people": "p", "layer-organizations": "ctrl+o,o"})
        await pilot.pause()
        assert legend.legend_text().plain.startswith("p people 0  ctrl+o orgs 0")


async def test_overview_hint_names_the_remapped_key():
    app = Host(build_overview(_pairs()))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        cell = app.screen.query_one("#overview-cell", Static)
        assert "enter lists them" in str(cell.render())
        app.set_keymap({"overview.open": "o"})
        app.screen.query_one("OverviewMatrix").move_cursor(row=0, column=1)
        await pilot.pause()
        assert "o lists them" in str(cell.render()) and "enter lists" not in str(cell.render())
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one(OverviewItems).display  # the remapped key does what it says


async def test_key_bar_and_help_name_the_keys_in_force():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nsearch = "/,ctrl+s"\nhelp-close = "ctrl+w"\n', encoding="utf-8")
    app = NewsreaderApp([str(SEED)], service=False, index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        assert not any("help-close" in n for n in app.startup_notices)
        bar = app.screen.query_one(KeyBar)
        assert "/ ctrl+s Search" in bar.hints and "? Help" in bar.hints
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert str(body.border_subtitle).endswith("ctrl+w closes")
        await pilot.press("ctrl+w")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
