"""Issue 18, ``o``: a console browser (w3m, lynx, $BROWSER) is never run on the UI thread while
the reader draws; a graphical one starts off the UI thread; no browser says so."""

from __future__ import annotations

import threading
import webbrowser

import pytest

from newsreader.model.document import Document, Metadata
from newsreader.ui import browser as browser_mod
from newsreader.ui.app import NewsreaderApp
from uihelp import SEEDS, FakeService, wait_for


@pytest.fixture
def fresh_registry(monkeypatch):
    """webbrowser reads $BROWSER and the PATH once: start from an empty registry."""
    monkeypatch.setattr(webbrowser, "_browsers", {})
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")


def test_console_browsers_and_browser_commands_are_console(fresh_registry, monkeypatch):
    monkeypatch.setenv("BROWSER", "my-pager-browser")
    found = browser_mod.find_browser()
    assert found.kind == "console" and found.name == "my-pager-browser"
    assert browser_mod.classify(webbrowser.GenericBrowser("w3m")) == "console"
    assert browser_mod.classify(webbrowser.BackgroundBrowser("firefox")) == "background"


def test_no_browser_at_all(fresh_registry, monkeypatch):
    monkeypatch.delenv("BROWSER", raising=False)
    assert browser_mod.find_browser().kind == "none"


def _article_with_url() -> Document:
    return Document(
        path="/nowhere/a.md",
        text="Text.",
        blocks=[],
        meta=Metadata(title="T", url="https://example.org/story"),
        sha256="0",
    )


async def _open(app, pilot) -> list[str]:
    app.document = _article_with_url()
    app.action_open_url()
    await pilot.pause()
    return [str(n.message) for n in app._notifications]


async def test_o_without_a_browser_says_so(monkeypatch):
    monkeypatch.setattr(browser_mod, "find_browser", lambda: browser_mod.Browser("none"))
    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None, timeout=20)
        messages = await _open(app, pilot)
        assert any("No web browser found" in m and "https://example.org/story" in m for m in messages)
        assert not any(m.startswith("Opening") for m in messages)


async def test_o_never_runs_a_console_browser_under_the_running_screen(monkeypatch):
    ran: list[str] = []

    class Console(webbrowser.GenericBrowser):
        def open(self, url, new=0, autoraise=True):
            ran.append(url)
            return True

    monkeypatch.setattr(browser_mod, "find_browser", lambda: browser_mod.Browser("console", "w3m", Console("w3m")))
    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None, timeout=20)
        messages = await _open(app, pilot)
    # The headless test driver cannot hand the terminal over: the browser must not run at all.
    assert ran == [] and any("w3m needs this terminal" in m for m in messages)


async def test_o_starts_a_graphical_browser_off_the_ui_thread(monkeypatch):
    threads: list[bool] = []

    class Graphical(webbrowser.BackgroundBrowser):
        def open(self, url, new=0, autoraise=True):
            threads.append(threading.current_thread() is threading.main_thread())
            return True

    monkeypatch.setattr(
        browser_mod, "find_browser", lambda: browser_mod.Browser("background", "firefox", Graphical("firefox"))
    )
    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None, timeout=20)
        messages = await _open(app, pilot)
        await wait_for(pilot, lambda: bool(threads), timeout=10)
    assert threads == [False] and any(m.startswith("Opening https://example.org/story") for m in messages)
