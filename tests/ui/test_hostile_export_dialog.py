"""Issue 18: ordinary file-system errors stay in the export dialog; the app keeps running."""

from __future__ import annotations

import os

import pytest
from textual.app import App
from textual.widgets import Input

from newsreader.model.analysis import Analysis, Reaction
from newsreader.model.document import DocStatus, Document, Metadata
from newsreader.ui.screens.export_dialog import ExportDialog

TEXT = "Germany denounced the crackdown. Nothing else happened."


def document(path: str = "/nowhere/almaty.md") -> Document:
    return Document(path=path, text=TEXT, blocks=[], meta=Metadata(title="Almaty unrest"), sha256="00")


class Host(App):
    def __init__(self, doc, result_analysis, base=None):
        super().__init__()
        self.dialog = ExportDialog(doc, result_analysis, fmt="md", folder=base, country_name=lambda c: c)
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def analysis() -> Analysis:
    return Analysis(
        model="t", reactions=[Reaction("", "DEU", "ACCUSE", "denounced", None, (0, 32), actor_name="Germany")]
    )


async def _submit(pilot, dialog, name: str) -> None:
    dialog.query_one("#export-name", Input).value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_os_errors_are_shown_in_the_dialog(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    app = Host(document(), analysis(), base=gone)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.dialog
        gone.rmdir()  # the export folder (and working folder) is deleted while the app runs
        await _submit(pilot, dialog, "brief.md")
        assert "No such folder" in dialog.error and app.screen is dialog

        await _submit(pilot, dialog, str(tmp_path / ("n" * 300 + ".md")))
        assert "too long" in dialog.error and app.screen is dialog

        feed = tmp_path / "feed.xml"
        feed.write_text("<rss/>", encoding="utf-8")
        app.dialog.document = document(f"{feed}#1")
        dialog.query_one("#export-overwrite").value = True
        await _submit(pilot, dialog, str(feed))
        assert "article itself" in dialog.error and feed.read_text(encoding="utf-8") == "<rss/>"

        await _submit(pilot, dialog, str(tmp_path / "ok.md"))
    assert app.results and app.results[0].path == tmp_path / "ok.md"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can search any folder")
async def test_unsearchable_folder_is_a_message(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o600)  # readable names, but not searchable
    try:
        app = Host(document(), analysis(), base=tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await _submit(pilot, app.dialog, "locked/brief.md")
            assert app.dialog.error and app.screen is app.dialog
    finally:
        locked.chmod(0o700)


async def test_an_article_that_failed_to_open_is_not_waiting_for_analysis(tmp_path):
    doc = document()
    doc.status, doc.problems = DocStatus.ERROR, ["permission denied"]
    app = Host(doc, None, base=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "could not be opened (permission denied)" in app.dialog.error
        assert "wait" not in app.dialog.error
