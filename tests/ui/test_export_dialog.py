"""The export dialog in a tiny host app: format, name, validation, overwrite, cancel."""

from __future__ import annotations

import json

from textual.app import App
from textual.widgets import Input, RadioButton, Static

from newsreader.analysis.model import Actor, Analysis, Reaction
from newsreader.library.document import Document, Metadata
from newsreader.ui.screens.export_dialog import ExportDialog

TEXT = "Germany denounced the crackdown. Nothing else happened."


def document(title: str = "Almaty unrest") -> Document:
    return Document(path="/nowhere/almaty.md", text=TEXT, blocks=[], meta=Metadata(title=title, source="Wire"), sha256="00")


def analysis() -> Analysis:
    return Analysis(
        model="t",
        actors=[Actor("deu", "Germany", "country", "DEU", None, [(0, 7)])],
        reactions=[Reaction("deu", "DEU", "ACCUSE", "denounced", "the crackdown", (0, 32), actor_name="Germany")],
    )


class Host(App):
    def __init__(self, tmp_path, doc=None, result_analysis=True, fmt="md"):
        super().__init__()
        self.dialog = ExportDialog(doc or document(), analysis() if result_analysis else None, fmt=fmt,
                                   base=tmp_path, country_name=lambda c: c)
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
