"""The one-line footer: hints follow the focus, disabled keys grey out, a click presses the key."""

from __future__ import annotations

from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.widgets.key_bar import KeyBar
from uihelp import wait_for, write_library


async def test_hints_follow_focus_and_a_click_presses_the_key(tmp_path):
    write_library(tmp_path, 2)
    app = NewsreaderApp([str(tmp_path)], service=False, index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        bar = app.screen.query_one(KeyBar)
        app.library.focus()
        await pilot.pause()
        assert "enter/l Open" in bar.hints and "? Help" in bar.hints and "a Across" in bar.hints
        app.article.focus()
        await pilot.pause()
        assert "enter/l Open" not in bar.hints
        line = str(bar.render())
        assert line.rstrip().endswith("palette") and len(line) == bar.size.width
        x = line.index("? Help") + 1
        await pilot.click(KeyBar, offset=(x, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
