"""Which web browser ``o`` would start, and whether it needs the terminal.

Python's ``webbrowser`` picks a console browser (w3m, lynx, links, elinks, www-browser: the
usual case over SSH) when there is no display, and runs it, or a ``$BROWSER`` command, to
completion: called on the UI thread that froze the reader while both fought over the TTY.
``find_browser`` classifies the choice so the reader can hand the terminal over (suspend)
for a console browser, start a graphical one off the UI thread, and say so when there is none.
"""

from __future__ import annotations

import webbrowser
from dataclasses import dataclass
from typing import Literal

Kind = Literal["none", "console", "background"]


@dataclass(frozen=True, slots=True)
class Browser:
    """A browser to open URLs with: ``console`` ones run in the foreground on our terminal,
    ``background`` ones start their own window and return at once."""

    kind: Kind
    name: str = ""
    controller: webbrowser.BaseBrowser | None = None

    def open(self, url: str) -> bool:
        """Open ``url``; False when the browser could not be started."""
        if self.controller is None:
            return False
        try:
            return bool(self.controller.open(url))
        except (OSError, webbrowser.Error, ValueError):
            return False


def classify(controller: webbrowser.BaseBrowser) -> Kind:
    """ "console" for a browser that runs to completion on our terminal, else "background"."""
    if isinstance(controller, webbrowser.BackgroundBrowser):
        return "background"
    if isinstance(controller, webbrowser.UnixBrowser):
        # Elinks and similar are UnixBrowsers that keep the terminal (background=False).
        return "background" if controller.background else "console"
    if isinstance(controller, webbrowser.GenericBrowser):
        # lynx, w3m, links, www-browser and $BROWSER commands: run and waited for.
        return "console"
    return "background"  # platform launchers (macOS, Windows) hand the URL over and return


def find_browser() -> Browser:
    """The browser ``webbrowser.open`` would use, classified (kind "none" when there is none)."""
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return Browser("none")
    return Browser(classify(controller), getattr(controller, "name", "") or type(controller).__name__, controller)
