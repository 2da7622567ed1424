"""Issue 7 in the real app: export, copy evidence, open URL, overview, read marks, bookmarks,
the library filter and the palette providers, driven by their keys with Pilot."""

from __future__ import annotations

import json

from textual.command import CommandPalette

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.state import ReadingState
from newsreader.ui import keys
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.export_dialog import ExportDialog
from newsreader.ui.screens.help import key_table
from newsreader.ui.screens.overview import OverviewScreen
from uihelp import SEEDS, FakeService, wait_for, write_library

NEW_KEYS = {
    "export": "e",
    "copy-evidence": "y",
    "open-url": "o",
    "overview": "a",
    "toggle-read": "m",
    "bookmark": "B",
    "filter-library": "ctrl+f",
    "indexing": "I",
}


def germany(text: str) -> Analysis:
    """A fixed analysis: 'Germany denounced ...' is an ACCUSE reaction wherever it occurs."""
    if "Germany denounced" not in text:
        return Analysis(model="t")
    i = text.index("Germany denounced")
    end = text.index(".", i) + 1
    return Analysis(
        model="t",
        actors=[Actor("deu", "Germany", "country", "DEU", None, [(i, i + 7)])],
        reactions=[Reaction("deu", "DEU", "ACCUSE", "denounced", "the plan", (i, end), actor_name="Germany")],
    )


def library(tmp_path, url: bool = False):
    lib = tmp_path / "lib"
    lib.mkdir()
    write_library(lib, 3)
    head = "url: https://example.org/germany\n" if url else ""
    (lib / "article-1.md").write_text(
        f"---\ntitle: Germany story\ndate: 2024-01-11\nsource: Wire\n{head}---\n\n# Germany story\n\n"
        "Germany denounced the plan. A riot followed in the capital.\n",
        encoding="utf-8",
    )
    return lib


async def _ready(pilot, app):
    await wait_for(pilot, lambda: app.library_ready and app.document is not None)
    await pilot.pause()


def test_new_keys_are_bound_described_and_in_the_readme_table():
    by_id = {k.id: k for k in keys.ALL_KEYS}
    markdown = keys.keys_markdown()
    help_text = "".join(str(cell) for column in key_table().columns for cell in column._cells)
    for binding_id, key in NEW_KEYS.items():
        row = by_id[binding_id]
        assert row.keys == key and row.description
        assert keys.describe(row) in markdown and keys.describe(row) in help_text
    app_ids = {b.id for b in NewsreaderApp.BINDINGS}
    assert set(NEW_KEYS) <= app_ids


async def test_opened_article_is_marked_read_and_m_B_toggle_marks(tmp_path):
    app = NewsreaderApp([str(library(tmp_path))], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        opened = app.document.path
        assert ReadingState.load().is_read(opened)
        assert opened in app.library.read
        app.library.focus()
        await pilot.press("j")
        second = app.library_entries[app.library.cursor].path
        assert second not in app.library.read  # unread dot
        await pilot.press("m")
        assert ReadingState.load().is_read(second) and second in app.library.read
        await pilot.press("m")
        assert not ReadingState.load().is_read(second)
        await pilot.press("B")
        assert ReadingState.load().is_bookmarked(second) and second in app.library.bookmarks
        line = app.library.entry_text(app.library.cursor)[0]
        assert "★" in line
    # The marks survive a restart: unread dots and stars come back from the state file.
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        assert second in app.library.bookmarks and opened in app.library.read


async def test_ctrl_f_filters_by_words_and_by_country_category_and_esc_clears(tmp_path):
    app = NewsreaderApp([str(library(tmp_path))], service=FakeService(analysis_for=germany), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        await pilot.press("ctrl+f")
        assert app.filter_bar.display and app.focused is app.filter_bar.input
        await pilot.press(*"riot", "enter")
        await wait_for(pilot, lambda: app.library_filter is not None)
        assert [e.title for e in app.library_entries] == ["Germany story"]
        title = str(app._main().query_one("#library-pane").border_title)
        assert "1/3" in title and "filtered" in title
        # The query itself is shown in full under the field (a pane title would cut it).
        status = str(app._main().query_one("#filter-status").render())
        assert "riot" in status and "1 of 3" in status
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.library_filter is None)
        assert len(app.library_entries) == 3 and not app.filter_bar.display
        app.apply_library_filter("country:Germany category:condemned")
        await wait_for(pilot, lambda: app.library_filter is not None)
        assert app.library_filter.countries == ("DEU",) and app.library_filter.categories == ("ACCUSE",)
        assert [e.title for e in app.library_entries] == ["Germany story"]
        app.apply_library_filter("category:praise")
        await wait_for(pilot, lambda: app.library_filter is not None and app.library_filter.categories != ("ACCUSE",))
        assert app.library_entries == []
        app.clear_library_filter()
        await pilot.pause()
        assert len(app.library_entries) == 3


async def test_filter_with_no_match_says_so_and_esc_from_the_article_clears_it(tmp_path):
    app = NewsreaderApp([str(library(tmp_path))], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        app.apply_library_filter("zebra")
        await wait_for(pilot, lambda: app.library_filter is not None)
        assert app.library_entries == [] and "No article matches" in app.library.placeholder
        app.article.focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.library_filter is None)
        assert len(app.library_entries) == 3


async def test_export_key_writes_the_brief_and_y_copies_evidence(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))  # the dialog's default folder
    app = NewsreaderApp([str(library(tmp_path))], service=FakeService(analysis_for=germany), index=False)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        app.open_path(next(e.path for e in app.library_entries if e.title == "Germany story"))
        await wait_for(pilot, lambda: app.analysis is not None and app.analysis.reactions)
        await pilot.press("y")  # nothing chosen in the panel yet: a hint, no copy
        assert copied == []
        app.jump_to_panel("DEU", "Germany")
        await pilot.pause()
        assert app.focused is app.panel and app.panel.current_item is not None
        await pilot.press("y")
        assert copied and "Germany denounced the plan." in copied[0]
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        written = list(tmp_path.glob("*.md"))
        assert len(written) == 1 and "Germany" in written[0].read_text(encoding="utf-8")
        # The palette's JSON export goes through the same dialog.
        app.action_export("json")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        [out] = list(tmp_path.glob("*.json"))
        assert "denounced" in json.dumps(json.loads(out.read_text(encoding="utf-8")))


async def test_o_opens_the_url_or_explains_there_is_none(tmp_path, monkeypatch):
    app = NewsreaderApp([str(library(tmp_path, url=True))], service=False, index=False)
    opened: list[str] = []
    from newsreader.ui import browser

    # A graphical browser (started off the UI thread); test_hostile_open_url covers the others.
    fake = type("Fake", (), {"open": lambda self, url, *a, **k: opened.append(url) or True})()
    monkeypatch.setattr(browser, "find_browser", lambda: browser.Browser("background", "fake", fake))
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        app.open_path(next(e.path for e in app.library_entries if e.title == "Germany story"))
        await wait_for(pilot, lambda: app.document.meta.title == "Germany story")
        app.article.focus()
        await pilot.press("o")
        await wait_for(pilot, lambda: bool(opened))
        assert opened == ["https://example.org/germany"]
        await pilot.press("K")  # Article 2 has no URL
        await wait_for(pilot, lambda: app.document.meta.title != "Germany story")
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/germany"]
        assert any("no web address" in n.message for n in app._notifications)


async def test_a_shows_the_overview_and_choosing_a_reaction_opens_it(tmp_path):
    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and app.screen.overview is not None)
        assert "DEU" in app.screen.overview.countries
        await pilot.press("enter")  # the first cell with reactions: its items
        await pilot.pause()
        await pilot.press("enter")  # open the first reaction
        await wait_for(pilot, lambda: not isinstance(app.screen, OverviewScreen))
        await wait_for(pilot, lambda: app.analysis is not None)
        assert app.document is not None and app.is_running


async def test_palette_offers_reader_commands_and_countries(tmp_path):
    app = NewsreaderApp([str(library(tmp_path))], service=FakeService(analysis_for=germany), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        app.open_path(next(e.path for e in app.library_entries if e.title == "Germany story"))
        await wait_for(pilot, lambda: app.analysis is not None and app.analysis.reactions)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"go to germany")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
        await pilot.pause()
        panel = app.panel
        assert app.focused is panel
        row = panel.rows[panel.highlighted]
        assert row.toggles == "group:DEU" or (row.item is not None and row.item.text == "Germany")


async def test_open_path_with_a_span_scrolls_and_clears_a_hiding_filter(tmp_path):
    app = NewsreaderApp([str(library(tmp_path))], service=False, index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await _ready(pilot, app)
        target = next(e.path for e in app.library_entries if e.title == "Article 0")
        app.apply_library_filter("germany")
        await wait_for(pilot, lambda: app.library_filter is not None)
        text_end = 1500
        app.open_path(target, (text_end, text_end + 5))
        await wait_for(pilot, lambda: app.document.path == target)
        await pilot.pause(0.1)
        assert app.library_filter is None
        assert app.article.scroll_y > 0


def test_every_main_screen_binding_is_in_the_key_table():
    """The help, the README table and the keymap check all read keys.ALL_KEYS."""
    from newsreader.ui.screens.main import MainScreen
    from newsreader.ui.widgets.actors_panel import ActorsPanel
    from newsreader.ui.widgets.article_view import ArticleView
    from newsreader.ui.widgets.library_list import LibraryList

    table = {k.id for k in keys.ALL_KEYS}
    for owner in (NewsreaderApp, MainScreen, LibraryList, ArticleView, ActorsPanel):
        ids = {b.id for b in owner.BINDINGS}
        assert ids <= table, (owner.__name__, ids - table)
    assert "Mark every mention of the actor in the article" in keys.keys_markdown()


async def test_panel_keys_can_be_remapped_from_the_config(tmp_path):
    from newsreader import config

    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\n"panel.mentions" = "M"\n', encoding="utf-8")
    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        assert not any("panel.mentions" in n for n in app.startup_notices)
        app.jump_to_panel("KAZ", "Kassym-Jomart Tokayev")
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert app.article.has_mentions
