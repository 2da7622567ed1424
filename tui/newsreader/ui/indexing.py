"""The library index on screen: the runner's index in a worker, its line under the list, ``I``.

After the library is listed (and the open article is analysed), ``present.analysis_runner``
checks every article against the cache and analyses the missing ones, the open article
always first; this part runs it in a thread worker and draws its progress at the foot of the
library pane. ``I`` pauses the index and resumes it where it stopped. Nothing is indexed
without the cache (``--no-cache``) or with analysis off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader.ui import keys
from newsreader.ui.lifecycle import AppPart, ui_callback

if TYPE_CHECKING:
    from newsreader.model.document import LibraryEntry
    from newsreader.present.analysis_runner import AnalysisRunner
    from newsreader.ui.app import NewsreaderApp

#: Seconds after the library is listed before indexing starts anyway (it normally starts once
#: the open article's analysis is shown, so it never competes with the first article).
INDEX_DELAY = 2.0
#: Seconds the "all analysed" line stays up.
DONE_LINGER = 4.0
#: The pause reason of ``I``.
ASKED = "asked"


class IndexLine(AppPart):
    """Starts, pauses and draws the library index (an ``IndexListener`` for the runner)."""

    def __init__(self, app: NewsreaderApp, runner: AnalysisRunner, enabled: bool) -> None:
        super().__init__(app)
        self.runner = runner
        self.enabled = enabled
        self._auto_started = False

    def wanted(self) -> bool:
        """Without the cache an index would be thrown away; with analysis off there is none."""
        return self.enabled and self.app.use_cache and self.runner.enabled

    @ui_callback
    def auto_start(self) -> None:
        """Start indexing once per run on its own (after that only I starts it again)."""
        if not self._auto_started:
            self._auto_started = True
            self.start()

    def start(self) -> None:
        """Index the whole library in a worker (nothing if unwanted or already under way)."""
        entries = self.app.session.all_entries
        if not self.wanted() or not entries or not self.runner.begin_index():
            return
        snapshot = list(entries)
        self.app.run_worker(
            lambda: self._run(snapshot), name="index_library", group="indexing", thread=True, exclusive=True
        )

    def _run(self, entries: list[LibraryEntry]) -> None:
        worker = get_current_worker()
        self.runner.index(entries, self, lambda: worker.is_cancelled)

    # ------------------------------------------------------------------ IndexListener (worker thread)

    def line(self, text: str, progress: tuple[int, int] | None) -> None:
        """A progress line from the worker."""
        self.app.call_from_thread(self._show_line, text)

    def countries(self, countries: Mapping[str, tuple[str, ...]]) -> None:
        """Countries of analysed articles from the worker."""
        self.app.call_from_thread(self.app.library_pane.set_countries, dict(countries))

    def finished(self, total: int) -> None:
        """The worker's run is over."""
        self.app.call_from_thread(self._finished, total)

    # ------------------------------------------------------------------ drawing

    def _widget(self) -> Static:
        return self.app.main_screen().query_one("#index-status", Static)

    @ui_callback
    def _show_line(self, line: str) -> None:
        if not self.runner.running:
            return  # paused: the line says so until resumed
        widget = self._widget()
        widget.display = True
        room = widget.content_size.width or 28
        if len(line) > room:
            # A narrow pane keeps the count and the time left; the words and the bar go first.
            line = line.removeprefix("Analysing ")
            if len(line) > room:
                line = line.split(" ", 1)[1] if " " in line else line
        widget.update(Content(line))

    @ui_callback
    def _finished(self, total: int) -> None:
        self.runner.end_index(total)
        widget = self._widget()
        widget.update(Content(f"All {total:,} articles analysed" if total != 1 else "The article is analysed"))
        self.app.set_timer(DONE_LINGER, lambda: setattr(widget, "display", False) if not self.runner.indexing else None)

    def toggle(self) -> None:
        """I: pause the library-wide analysis, or resume it (it picks up where it stopped)."""
        app = self.app
        widget = self._widget()
        if self.runner.running:
            self.runner.pause(ASKED)
            widget.display = True
            key = keys.active_keys(app, "indexing")
            widget.update(Content(f"Library analysis paused · {key} resumes"))
            app.notify(f"Library analysis paused ({key} resumes).", markup=False, timeout=2)
        elif not self.wanted():
            app.notify("Indexing needs the analysis cache (it is off with --no-cache).", markup=False, timeout=3)
        elif not app.session.library_ready:
            app.notify("The library is still loading.", markup=False, timeout=2)
        else:
            self.runner.resume(ASKED)
            if not self.runner.indexing:
                self.start()
            widget.display = True
            widget.update(Content("Library analysis resumed…"))
