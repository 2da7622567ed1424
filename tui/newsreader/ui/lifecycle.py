"""``ui_callback``: worker results that arrive while the app shuts down are dropped.

Workers (library loading, analysis, indexing, filtering) hand their results to the event loop
with ``call_from_thread``. If the reader quits meanwhile, the widgets those callbacks update
are already gone; without this guard the lookup error would travel back into the worker and
end the run as a crash ("newsreader: error: NoMatches ...") although nothing went wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.css.query import NoMatches

if TYPE_CHECKING:
    from newsreader.ui.app import NewsreaderApp

F = TypeVar("F", bound=Callable[..., Any])


def shutting_down(app: Any) -> bool:
    """Whether ``app`` has been asked to exit or is no longer running."""
    return bool(getattr(app, "_exit", False)) or not app.is_running


class AppPart:
    """One job of the app (the index line, the library pane, feeds, the reader's tools): it
    holds the app it works for rather than being mixed into it, so everything it uses is
    named on the app's class."""

    def __init__(self, app: NewsreaderApp) -> None:
        self.app = app


def ui_callback(method: F) -> F:
    """Decorate an app (or ``AppPart``) method called from a worker: skipped once the app is
    shutting down, and a missing widget during shutdown is not an error."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        app = self.app if isinstance(self, AppPart) else self
        if shutting_down(app):
            return None
        try:
            return method(self, *args, **kwargs)
        except NoMatches:
            if shutting_down(app):
                return None
            raise

    return wrapper  # type: ignore[return-value]
