"""The export dialog in a tiny host app: format, name, validation, overwrite, cancel."""

from __future__ import annotations

import json

from textual.app import App
from textual.widgets import Input, RadioButton, Static

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.model.document import Document, Metadata
from newsreader.ui.screens.export_dialog import ExportDialog

TEXT = "Germany denounced the crackdown. Nothing else happened."


def document(title: str = "Almaty unrest") -> Document:
    return Document(
        path="/nowhere/almaty.md", text=TEXT, blocks=[], meta=Metadata(title=title, source="Wire"), sha256="00"
    )


def analysis() -> Analysis:
    return Analysis(
        model="t",
        actors=[Actor("deu", "Germany", "country", "DEU", None, [(0, 7)])],
        reactions=[Reaction("deu", "DEU", "ACCUSE", "denounced", "the crackdown", (0, 32), actor_name="Germany")],
    )


class Host(App):
    def __init__(self, tmp_path, doc=None, result_analysis=True, fmt="md"):
        super().__init__()
        self.dialog = ExportDialog(
            doc or document(),
            analysis() if result_analysis else None,
            fmt=fmt,
            folder=tmp_path,
            country_name=lambda c: c,
        )
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def _type_name(pilot, dialog, name: str) -> None:
    field = dialog.query_one("#export-name", Input)
    field.value = ""
    await pilot.press(*name) if name else None
    await pilot.pause()


async def test_suggested_name_and_export_with_enter(tmp_path):
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.dialog
        assert dialog.file_name == "almaty-unrest-analysis.md"
        assert str(tmp_path / "almaty-unrest-analysis.md") in str(dialog.query_one("#export-target", Static).render())
        await pilot.press("enter")
        await pilot.pause()
    [result] = app.results
    assert result.path == tmp_path / "almaty-unrest-analysis.md" and result.fmt == "md"
    assert result.path.read_text(encoding="utf-8").startswith("# Almaty unrest")


async def test_changing_format_follows_the_suggested_name(tmp_path):
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.dialog
        dialog.query_one("#export-json", RadioButton).value = True
        await pilot.pause()
        assert dialog.fmt == "json" and dialog.file_name == "almaty-unrest-analysis.json"
        await _type_name(pilot, dialog, "mine.json")
        dialog.query_one("#export-csv", RadioButton).value = True
        await pilot.pause()
        assert dialog.file_name == "mine.csv"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results[0].path == tmp_path / "mine.csv"
    assert (tmp_path / "mine.csv").read_text(encoding="utf-8").splitlines()[1].startswith("DEU,DEU,Germany")


async def test_errors_keep_the_dialog_open(tmp_path):
    (tmp_path / "taken.json").write_text("keep me", encoding="utf-8")
    app = Host(tmp_path, fmt="json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.dialog
        await _type_name(pilot, dialog, "")
        await pilot.press("enter")
        await pilot.pause()
        assert "Type a file name" in dialog.error and app.screen is dialog

        await _type_name(pilot, dialog, "no/such/dir/x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert "No such folder" in dialog.error

        await _type_name(pilot, dialog, "taken.json")
        assert dialog.error == ""  # editing clears the message
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists" in dialog.error and app.screen is dialog
        assert (tmp_path / "taken.json").read_text(encoding="utf-8") == "keep me"

        await pilot.click("#export-overwrite")
        await pilot.pause()
        assert dialog.overwrite
        await pilot.click("#export-ok")
        await pilot.pause()
    assert json.loads((tmp_path / "taken.json").read_text(encoding="utf-8"))["title"] == "Almaty unrest"
    assert app.results[0].fmt == "json"


async def test_escape_cancels_and_writes_nothing(tmp_path):
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None] and list(tmp_path.iterdir()) == []


async def test_unanalysed_article_says_why(tmp_path):
    app = Host(tmp_path, result_analysis=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "not been analysed" in app.dialog.error
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.dialog
    assert list(tmp_path.iterdir()) == []


async def test_hostile_title_is_shown_literally(tmp_path):
    app = Host(tmp_path, doc=document(title="[bold]Big[/bold] \x1b[31mnews"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(app.dialog.query_one("#export-article", Static).render())
        assert "[bold]Big[/bold]" in shown and "\x1b" not in shown
        assert app.dialog.file_name == "bold-big-bold-31mnews-analysis.md"


# ----------------------------------------------------------------------------- issue 14


def highlighted(dialog) -> list[str]:
    """The format buttons RadioSet highlights (its cursor), by id."""
    return [button.id for button in dialog.query("#export-format RadioButton.-selected")]


async def test_the_highlight_is_the_chosen_format_and_arrows_choose(tmp_path):
    for fmt in ("md", "csv", "json"):
        app = Host(tmp_path, fmt=fmt)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            choice = app.dialog.query_one("#export-format")
            assert choice.pressed_button.id == f"export-{fmt}"
            assert highlighted(app.dialog) == [f"export-{fmt}"]  # not JSON, the first button
    app = Host(tmp_path, fmt="md")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.dialog
        dialog.query_one("#export-format").focus()
        await pilot.press("up")  # moving the highlight chooses: what is highlighted is exported
        await pilot.pause()
        assert highlighted(dialog) == ["export-csv"] and dialog.fmt == "csv"
        assert dialog.query_one("#export-csv", RadioButton).value
        assert dialog.file_name == "almaty-unrest-analysis.csv"
        await pilot.press("up")
        await pilot.pause()
        assert highlighted(dialog) == ["export-json"] and dialog.fmt == "json"
        await pilot.click("#export-ok")
        await pilot.pause()
    assert app.results[0].fmt == "json" and app.results[0].path.suffix == ".json"
    json.loads(app.results[0].path.read_text(encoding="utf-8"))


async def test_the_dialog_shows_its_folder_and_writes_plain_names_there(tmp_path):
    app = Host(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = str(app.dialog.query_one("#export-folder", Static).render())
        assert str(tmp_path) in shown
        await _type_name(pilot, app.dialog, "sub.md")
        assert str(app.dialog.query_one("#export-target", Static).render()) == str(tmp_path / "sub.md")


# The dialog in the real reader: over the visible article, in the default folder, naming the
# keys in force.

from newsreader import config  # noqa: E402
from newsreader.ui.app import NewsreaderApp  # noqa: E402
from test_hostile_render import screen_text  # noqa: E402
from uihelp import SEED, FakeService, wait_for  # noqa: E402


async def _open_dialog(pilot, app) -> ExportDialog:
    await wait_for(pilot, lambda: app.analysis is not None, timeout=30)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
    await pilot.pause()
    return app.screen


async def test_the_reader_stays_visible_behind_the_dialog_dimmed():
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 34)) as pilot:
        dialog = await _open_dialog(pilot, app)
        # A theme colour, partly transparent: the reader shows through, dimmed.
        assert 0 < dialog.styles.background.a < 1
        assert dialog.styles.background.rgb == app.current_theme.to_color_system().background.rgb
        rows = screen_text(app).splitlines()
        assert "Library" in rows[0] and "Article" in rows[0] and "Actors" in rows[0]  # the panes' titles
        assert "s sorts" in rows[-3]  # the library pane's bottom border, below the dialog
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)


async def test_default_folder_is_the_documents_folder_and_enter_writes_there(tmp_path, monkeypatch):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    monkeypatch.chdir(tmp_path)
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open_dialog(pilot, app)
        assert str(documents) in str(dialog.query_one("#export-folder", Static).render())
        assert "documents folder" in str(dialog.query_one("#export-folder", Static).render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
    [written] = documents.glob("*.md")
    assert written.read_text(encoding="utf-8").startswith("# Kazakh")
    assert not list(tmp_path.glob("*.md"))  # not the working folder any more


async def test_export_folder_from_the_config_and_remapped_dialog_keys(tmp_path):
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "briefs").mkdir()
    path.write_text(
        f'export_folder = "{tmp_path / "briefs"}"\n[keys]\n"export.cancel" = "ctrl+g"\n"export.submit" = "ctrl+s"\n',
        encoding="utf-8",
    )
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open_dialog(pilot, app)
        assert not app.startup_notices  # both binding ids are known
        hint = str(dialog.query_one("#export-box").border_subtitle)
        assert hint == "ctrl+s export · ctrl+g cancel"
        folder = str(dialog.query_one("#export-folder", Static).render())
        assert str(tmp_path / "briefs") in folder and "config.toml" in folder
        await pilot.press("escape")  # remapped: esc no longer closes the dialog
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert not list((tmp_path / "briefs").iterdir())
        dialog = await _open_dialog(pilot, app)
        dialog.query_one("#export-format").focus()
        await pilot.press("ctrl+s")  # the remapped export key writes from anywhere in the dialog
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
    assert [p.suffix for p in (tmp_path / "briefs").iterdir()] == [".md"]


async def test_the_whole_dialog_fits_an_80x24_terminal():
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_dialog(pilot, app)
        box = dialog.query_one("#export-box")
        inside = box.content_region
        # Compact controls: the reader stays in sight above and below the dialog.
        assert box.region.y >= 1 and box.region.bottom <= 24 - 1 - 1  # the key bar keeps its row
        for selector in (
            "#export-format",
            "#export-name",
            "#export-target",
            "#export-folder",
            "#export-overwrite",
            "#export-ok",
            "#export-cancel",
        ):
            region = dialog.query_one(selector).region
            assert region.height and inside.contains_region(region), (selector, region, inside)
