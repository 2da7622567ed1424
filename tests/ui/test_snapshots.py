"""SVG snapshots of the main screen on the seed (fixed analysis, no spaCy, no clock)."""

from __future__ import annotations

import pytest

from newsreader.ui.app import NewsreaderApp
from uihelp import SEED, FakeService, wait_for


def _app(theme: str) -> NewsreaderApp:
    # No background indexing: its progress line depends on timing.
    return NewsreaderApp([str(SEED)], theme=theme, service=FakeService(), index=False)


async def _settle(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.analysis is not None)
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.clear_notifications()
    app.article.focus()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_main_screen(snap_compare, theme):
    assert snap_compare(_app(theme), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_narrow_with_search(snap_compare):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("slash", *"kazakh", "enter", "n")
        await pilot.pause()

    assert snap_compare(_app("high-contrast"), terminal_size=(80, 24), run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app("colour-blind"), terminal_size=(100, 40), run_before=run_before)
