"""Moving around the app with the keyboard and mouse: library, articles, panes, help, sizes."""

from __future__ import annotations

import pytest

from newsreader.ui import keys
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.help import HelpScreen
from uihelp import SEED, FakeService, wait_for, write_library


async def _ready(pilot, app):
    await wait_for(pilot, lambda: app.library_ready and app.document is not None)
    await pilot.pause()


async def test_opens_newest_article_first_and_lists_all(tmp_path):
    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        titles = [e.title for e in app.library.entries]
        assert titles == ["Article 2", "Article 1", "Article 0"]  # newest date first
        assert app.document.meta.title == "Article 2"
        assert app.library.current == 0


async def test_j_k_move_the_cursor_and_enter_opens(tmp_path):
    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        app.library.focus()
        await pilot.press("j")
        assert app.library.cursor == 1
        assert app.document.meta.title == "Article 2"  # moving doesn't open
        await pilot.press("down", "k")
        assert app.library.cursor == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 1")
        assert app.focused is app.article
        app.library.focus()
        await pilot.press("G")
        assert app.library.cursor == 2
        await pilot.press("l")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 0")
        app.library.focus()
        await pilot.press("g")
        assert app.library.cursor == 0


async def test_J_K_and_brackets_step_articles_from_anywhere(tmp_path):
    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        app.article.focus()
        await pilot.press("J")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 1")
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 0")
        await pilot.press("J")  # at the end: stays put
        await pilot.pause()
        assert app.document.meta.title == "Article 0"
        await pilot.press("K")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 1")
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 2")
        assert app.library.cursor == 0


async def test_open_path_opens_that_entry(tmp_path):
    files = write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        app.open_path(str(files[1]))
        await wait_for(pilot, lambda: app.document.meta.title == "Article 1")
        app.open_path("/not/in/library.md")  # ignored
        await pilot.pause()
        assert app.document.meta.title == "Article 1"


async def test_mouse_click_opens_an_entry(tmp_path):
    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        await pilot.click("#library", offset=(4, 4))  # third entry (two rows each)
        await wait_for(pilot, lambda: app.document.meta.title == "Article 0")


async def test_tab_cycles_panes_and_panes_toggle(tmp_path):
    write_library(tmp_path, 2)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        app.library.focus()
        await pilot.press("tab")
        assert app.focused is app.article
        await pilot.press("tab")
        assert app.focused is app.panel
        await pilot.press("tab")
        assert app.focused is app.library
        await pilot.press("shift+tab")
        assert app.focused is app.panel
        await pilot.press("L")
        assert not app.screen.query_one("#library-pane").display
        await pilot.press("L")
        assert app.screen.query_one("#library-pane").display
        assert app.focused is app.library
        # From the search field (in the article pane) tab moves on to the next pane.
        await pilot.press("slash")
        assert app.focused is app.search_bar.input
        await pilot.press("tab")
        assert app.focused is app.panel


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (200, 60)])
async def test_small_and_large_terminals_work(size):
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.pause()
        library_shown = app.screen.query_one("#library-pane").display
        assert library_shown == (size[0] >= 110)
        assert app.article.size.width > 0
        await pilot.press("space", "b", "G", "g", "1", "0", "0", "J", "K")
        await pilot.press("L")  # library on demand, even when narrow (and hidden on request)
        assert app.screen.query_one("#library-pane").display != library_shown
        await pilot.press("P")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_help_lists_every_key():
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        from newsreader.ui.screens.help import key_table

        console = Console(width=160, record=True)  # wide enough that no description wraps
        console.print(key_table())
        shown = console.export_text()
        for key in keys.ALL_KEYS:
            assert keys.describe(key) in shown
        assert "a country guessed from where the story happens" in shown  # the panel's ~ mark
        await pilot.press("slash", "J", "1")  # reader keys don't act behind the help screen
        assert isinstance(app.screen, HelpScreen)
        assert not app.search_bar.display
        assert "people" in app.article.visible_layers
        await pilot.press("q")  # closes help, does not quit
        assert app.is_running and not isinstance(app.screen, HelpScreen)


def test_binding_ids_are_unique_and_bindings_have_ids():
    ids = [k.id for k in keys.ALL_KEYS]
    assert len(ids) == len(set(ids))
    from newsreader.ui.screens.main import MainScreen

    for binding in [*NewsreaderApp.BINDINGS, *MainScreen.BINDINGS]:
        assert binding.id
    assert "| `?` | Help |" in keys.keys_markdown()


async def test_error_document_is_explained_not_crashing(tmp_path):
    binary = tmp_path / "broken.md"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    app = NewsreaderApp([str(binary)], service=FakeService())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.pause()
        assert app.document.status == "error"
        text = "\n".join(app.article.rendered_text())
        assert "could not be opened" in text
        assert "binary file" in text  # the library's reason, in plain words
        assert "How to fix it" in text
        assert app.analysis is None and not app.analysing
        assert app.is_running


async def test_missing_path_is_listed_with_reason(tmp_path):
    app = NewsreaderApp([str(tmp_path / "nope.md"), str(SEED)], service=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await _ready(pilot, app)
        statuses = {e.status for e in app.library.entries}
        assert "error" in statuses
        missing = next(e for e in app.library.entries if e.status == "error")
        assert missing.reason
        row = app.library.entry_text(app.library.entries.index(missing))[-1]
        assert "✖" in row


async def test_empty_library_explains_what_to_do(tmp_path):
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.pause()
        assert "No articles found" in "\n".join(app.article.rendered_text())


async def test_large_library_is_virtualised(tmp_path):
    from newsreader.model.document import LibraryEntry

    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        entries = [LibraryEntry(path=f"/x/{i}.md", title=f"Entry {i}", date="2024-01-01") for i in range(10_000)]
        app.library.set_entries(entries)
        app.library.focus()
        await pilot.press("G")
        assert app.library.cursor == 9_999
        assert app.library.max_scroll_y > 10_000
        await pilot.press("pageup", "k")
        assert app.library.cursor < 9_990


async def test_command_palette_opens_an_article_by_title(tmp_path):
    from textual.command import CommandPalette

    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot, app)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Article 0")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.document.meta.title == "Article 0")


def test_run_app_runs_the_app_and_returns_its_code(monkeypatch):
    from newsreader.ui import app as app_module

    seen = {}

    def fake_run(self):
        seen["paths"], seen["theme"] = self.paths, self.theme
        return None

    monkeypatch.setattr(app_module.NewsreaderApp, "run", fake_run)
    assert app_module.run_app([str(SEED)], theme="light", use_cache=False) == 0
    assert seen == {"paths": [str(SEED)], "theme": "light"}


def test_ui_modules_do_not_import_spacy_or_the_pipeline():
    import subprocess
    import sys

    code = (
        "import sys, newsreader.ui.app; "
        "bad = [m for m in ('spacy', 'newsreader.analysis.pipeline', 'newsreader.library') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**__import__("os").environ}
    )
    assert out.stdout.strip() == "[]"


async def test_command_palette_shows_hostile_titles_literally(tmp_path):
    from textual.command import CommandPalette, Matcher

    from newsreader.ui.commands import highlight as _highlight

    label = "Pwned [bold red]x[/] [@click=app.quit]"
    matcher = Matcher("pwned")
    assert _highlight(matcher, label).plain == label

    (tmp_path / "h.md").write_text(f"# {label}\n\nBody.\n", encoding="utf-8")
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot, app)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"pwned")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


async def test_focus_starts_in_the_list_for_a_folder_and_in_the_article_for_a_few_files(tmp_path):
    # A folder is listed by a worker: j/k should move in the list from the start.
    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        assert app.focused is app.library
        await pilot.press("j")
        assert app.library.cursor == 1
    # A named file is read before the first frame: the reader starts in its text.
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await _ready(pilot, app)
        assert app.focused is app.article


async def test_narrow_terminal_shows_one_side_pane_at_a_time():
    # At 80 columns both side panes would leave the article ten columns wide.
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.press("L")
        assert app._pane_visible("library") and not app._pane_visible("panel")
        await pilot.press("P")
        await pilot.pause()
        assert app._pane_visible("panel") and not app._pane_visible("library")
        assert app.article.size.width >= 30
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:  # wide enough: both stay
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.press("P", "P")
        assert app._pane_visible("panel") and app._pane_visible("library")


async def test_the_focused_pane_is_marked_and_the_mark_follows_the_focus(tmp_path):
    write_library(tmp_path, 2)
    app = NewsreaderApp([str(tmp_path)], service=False)

    def marked() -> list[str]:
        return [pane.id for pane in app.screen.query(".pane") if pane.has_class("-focus-within")]

    async with app.run_test(size=(160, 40)) as pilot:
        await _ready(pilot, app)
        assert app.focused is app.library and marked() == ["library-pane"]
        border = app.screen.query_one("#library-pane").styles.border_top[1]
        assert border != app.screen.query_one("#article-pane").styles.border_top[1]  # lit, the other not
        await pilot.press("tab")
        assert app.focused is app.article and marked() == ["article-pane"]
        await pilot.press("tab")
        assert app.focused is app.panel and marked() == ["panel"]
        await pilot.press("question_mark", "escape")
        assert marked() == ["panel"]
        await pilot.click("#article")
        await pilot.pause()
        assert marked() == ["article-pane"]


async def test_keys_typed_after_quit_do_nothing():
    """q then e typed quickly: the export dialog must not open on an app that is closing."""
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        # Keys already queued when q is handled still arrive: as if pressed in the same instant.
        app.exit()
        await app.run_action("export")
        await app.run_action("help")
        await pilot.pause()
    assert app.crash is None
    assert app.return_code in (0, None)
