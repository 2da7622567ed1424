"""NewsreaderApp: the three-pane reader (library, article, actors) and ``run_app``.

Start-up is built to paint at once: the window is composed before any file is read; the
library is discovered and its entries read in a thread worker (a few small named files are
read at once instead, so the first frame already shows the article); an article is loaded in a
worker and shown as text first; its analysis comes from the cache or from
``AnalysisService.analyze`` in another worker (spaCy is imported there, never here). Once
the library is listed, an indexing worker analyses every article not in the cache yet (the
article being read always goes first), so each panel is ready when the reader gets there.

Crashes never print a traceback on the terminal: ``run_app`` prints one line and, with
``--debug`` (the ``newsreader`` logger at DEBUG), the traceback goes to the log file.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from newsreader import config as config_module
from newsreader import gc_pause, paths
from newsreader.model.analysis import Analysis
from newsreader.model.vocabulary import LAYERS
from newsreader.paths import fetched_article_dirs
from newsreader.present.analysis_runner import AnalysisRunner
from newsreader.present.facts import reading_time
from newsreader.present.library_view import short_source
from newsreader.present.session import ReaderSession
from newsreader.present.text import clean
from newsreader.ui import keys, quit_fast
from newsreader.ui.feeds_actions import FeedsTools
from newsreader.ui.indexing import INDEX_DELAY, IndexLine
from newsreader.ui.library_actions import LibraryPane
from newsreader.ui.lifecycle import shutting_down, ui_callback
from newsreader.ui.reader_actions import ReaderTools
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.themes import DEFAULT_THEME, ThemeSet, load_themes, next_theme
from newsreader.ui.widgets.actors_panel import ActorsPanel
from newsreader.ui.widgets.article_view import ArticleView, notice_document
from newsreader.ui.widgets.filter_bar import FilterBar
from newsreader.ui.widgets.legend import Legend
from newsreader.ui.widgets.library_list import LibraryList
from newsreader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    # The library package (Markdown parser and friends) is imported by the loading workers,
    # so the window paints before it is loaded.
    from newsreader.model.document import Document, LibraryEntry
    from newsreader.present.analysis_runner import AnalysisServicePort
    from newsreader.present.library_reading import ReadOptions
    from newsreader.state import ReadingState

log = logging.getLogger("newsreader.ui")
# Never let logging fall back to printing on the terminal (the CLI adds a file handler with --debug).
log.addHandler(logging.NullHandler())

#: Below these widths the side panes start hidden (the article keeps a readable column).
LIBRARY_MIN_WIDTH = 110
PANEL_MIN_WIDTH = 90
WIDE_WIDTH = 160
#: Below this size pane borders go, leaving every cell to the text.
TINY_WIDTH = 60
TINY_HEIGHT = 16
#: How many library entries are read between list refreshes.
ENTRY_BATCH = 500
#: A library of more files than this opens an article before all its rows are read.
EARLY_OPEN_FILES = 500
#: How long the library worker waits, at most, for the article it opened early to be painted.
EARLY_PAINT_WAIT = 0.5
#: A library of at most this many named files and bytes is read before the first paint.
SMALL_LIBRARY_FILES = 8
SMALL_LIBRARY_BYTES = 256 * 1024


#: App actions that act on the main screen (disabled while another screen is on top).
_MAIN_SCREEN_ACTIONS = {
    key.action.split("(")[0] for key in keys.APP_KEYS if key.action not in ("help", "quit", "cycle_theme")
}


def _error_explanation(document: Document, app: object = None) -> Document:
    """What went wrong with a file, and what to do about it — shown in the article pane."""
    problems = [clean(p) for p in document.problems] or ["The file could not be read."]
    paragraphs = [
        f"File: {clean(document.path)}",
        *problems,
        (
            "How to fix it: check that the file exists and is readable (ls -l), that it is a text, "
            "Markdown or plain-text article (not a binary or archive), and that it is saved as UTF-8 "
            f"if possible. Then reopen it with {keys.active_keys(app, 'next-article')}, "
            f"{keys.active_keys(app, 'previous-article')} or {keys.active_keys(app, 'library-open')}. "
            "Other articles are not affected."
        ),
    ]
    return notice_document("This article could not be opened", paragraphs, path=document.path)


#: The command palette's own providers (``newsreader.ui.commands``), loaded when the palette
#: first opens rather than before the first frame.
PALETTE_PROVIDERS = ("ArticleCommands", "PanelCommands", "LayerCommands", "ThemeCommands", "ReaderCommands")


def _palette_provider(name: str) -> Callable[[], type]:
    def load() -> type:
        from newsreader.ui import commands

        return getattr(commands, name)

    load.__qualname__ = f"load_{name}"
    return load


class NewsreaderApp(App[int]):
    """The reader. ``service`` may be injected (tests); ``service=False`` turns analysis off.

    ``config_path`` reads the settings from that file instead of the usual place
    (``newsreader.config``); ``reading`` injects a ``ReadingState`` (tests); ``index=False``
    turns off library-wide background analysis.

    What the reader has in front of them is ``session`` (``present.session``, no Textual);
    who analyses what and when is ``runner`` (``present.analysis_runner``). The app composes
    the widgets, binds the keys and draws the session; each area's work is a part that holds
    the app: ``library_pane``, ``indexer``, ``tools`` (export, marks, the filter), ``feeds``.
    """

    CSS_PATH = str(Path(__file__).with_name("newsreader.tcss"))  # absolute: subclasses elsewhere work too
    TITLE = "newsreader"
    BINDINGS = keys.bindings(keys.APP_KEYS)
    COMMANDS = App.COMMANDS | {_palette_provider(name) for name in PALETTE_PROVIDERS}
    NOTIFICATION_TIMEOUT = 4

    def __init__(
        self,
        paths: Iterable[str] = (),
        theme: str | None = None,
        model: str | None = None,
        use_cache: bool = True,
        *,
        service: AnalysisServicePort | bool | None = None,
        themes: ThemeSet | None = None,
        config_path: str | None = None,
        reading: ReadingState | None = None,
        index: bool = True,
    ) -> None:
        # Themes first: App.__init__ already asks for CSS variables (get_theme_variable_defaults).
        self.theme_set = themes if themes is not None else load_themes()
        super().__init__()
        self.config, self.startup_notices = config_module.load_config(config_path)
        self.config_path = config_path
        # The command line wins over the config file, which wins over the defaults.
        given = [str(p) for p in paths]
        self.opened_with_paths = bool(given)  # else the fetched articles join the library (ui/feeds_actions.py)
        self.paths = given or self.config.library_paths + fetched_article_dirs()
        self.model_name = model or self.config.model
        self._cli_model = model
        self._model_notices: list[str] = []
        self.use_cache = use_cache
        self.session = ReaderSession(reading=reading)
        # service: injected (tests), None (built on first use) or False (analysis off).
        self.runner = AnalysisRunner(
            service if service is not None and not isinstance(service, bool) else None,
            build=None if service is False else self._build_service,
            read=_load,
        )
        self.library_pane = LibraryPane(self)
        self.indexer = IndexLine(self, self.runner, index)  # library-wide indexing: I pauses it
        self.tools = ReaderTools(self)
        self.feeds = FeedsTools(self)
        self._pane_override: dict[str, bool] = {}
        self._saved_theme: str | None = None
        self._started = time.perf_counter()
        self.first_paint_seconds: float | None = None
        self.article_paint_seconds: float | None = None
        self.article_show_seconds: float | None = None
        self._shown_notices: set[str] = set()
        self._ui_ready = False
        # (path, document, started, cached analysis): the first article, read before the first paint.
        self._preloaded: tuple[str, Document, float, Analysis | None] | None = None
        self._small_library: bool | None = None  # see _library_is_small (asked at compose and start)
        # Set once an article is painted: the library worker waits for the one it opened early.
        self._article_painted_event = threading.Event()
        # (document, token): an article opened early whose analysis waits for the first rows.
        self._analysis_after_rows: tuple[Document, int] | None = None
        self.crash: BaseException | None = None

        self.startup_notices += self.theme_set.notices
        for bundled in self.theme_set.themes:
            self.register_theme(bundled)
        chosen = theme or self.config.theme or DEFAULT_THEME
        if chosen not in self.available_themes:
            names = ", ".join(self.theme_set.names)
            self.startup_notices.append(f"Unknown theme {chosen!r}; available: {names}.")
            chosen = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self._set_initial_theme(chosen)
        self._saved_theme = chosen

    def _set_initial_theme(self, name: str) -> None:
        """Choose the theme before the app runs, without Textual's theme watcher.

        The watcher re-parses the whole stylesheet and restyles and re-lays-out every widget
        once the app starts (~15 ms before the first frame), which is needed for a theme
        change but not here: the first stylesheet parse already uses this theme's variables.
        What else the watcher does (theme classes, the ANSI colour filter) is done here.
        """
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.update_classes(
            {
                **{cls: False for cls in self.classes if cls.startswith("-theme-")},
                f"-theme-{name}": True,
                "-dark-mode": dark,
                "-light-mode": not dark,
            },
            update=False,
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        # App.__init__ gave the stylesheet the default theme's variables; it is parsed later.
        self.stylesheet.set_variables(self.get_css_variables())

    # ---------------------------------------------------------------------------- setup

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a rich traceback (with locals) on the terminal when the app
        # ends; the reader gets one line from run_app instead, and --debug gets the log.
        if self.crash is None:
            self.crash = error
        log.error("unexpected error in the reader", exc_info=(type(error), error, error.__traceback__))
        super()._handle_exception(error)
        renderables = getattr(self, "_exit_renderables", None)
        if isinstance(renderables, list):
            renderables.clear()

    def get_default_screen(self) -> Screen:
        return MainScreen(id="main")

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes (from the palette) lack newsreader's variables: borrow ours.
        theme = self.get_theme(self.theme) if getattr(self, "theme", None) else None
        return self.theme_set.variable_defaults(theme.dark if theme else True)

    def get_css_variables(self) -> dict[str, str]:
        variables = dict(super().get_css_variables())  # a copy: Textual may cache the mapping
        if getattr(self, "no_color", False):
            # NO_COLOR: Textual draws in monochrome, so layers can't be told apart by colour;
            # underline every highlight so names and numbers still stand out.
            variables["highlight-style"] = "underline"
        return variables

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys typed just after q still arrive: nothing may open on an app that is closing
        # (an export dialog mounting then would crash the exit).
        if shutting_down(self):
            return False
        # While help or another screen is on top, the reader's keys must not act on the
        # hidden main screen (e.g. "/" focusing an invisible search field).
        return not (action in _MAIN_SCREEN_ACTIONS and self.screen_stack and self.screen is not self.main_screen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        theme, help_key = keys.active_keys(self, "theme"), keys.active_keys(self, "help")
        yield SystemCommand("Next theme", f"Cycle through newsreader's themes ({theme})", self.action_cycle_theme)
        yield SystemCommand("Help", f"Show every key ({help_key})", self.action_help)

    def on_mount(self) -> None:
        # Thread workers run on daemon threads that q never waits for (ui/quit_fast.py).
        quit_fast.install()
        # Before the main screen is composed: its widgets get their first styles with the
        # right size classes, so start() need not restyle the whole DOM a second time.
        self._set_size_classes(self.size.width, self.size.height)
        if self.config.keys:
            known = set(keys.BY_ID)
            unknown = sorted(set(self.config.keys) - known)
            for binding_id in unknown:
                self.startup_notices.append(
                    f"{self.config.path}: keys.{binding_id}: no key has that id (see the help screen); ignored."
                )
            self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def start(self) -> None:
        """Called once the main screen exists: lay out, then load the library in the background."""
        self._ui_ready = True
        if self.config.layers is not None:
            self.article.visible_layers = set(self.config.layers)
        self._apply_layout(self.size.width)
        for notice in self.startup_notices:
            self.notify(notice, severity="warning", markup=False, timeout=8)
        self.article.placeholder = "Loading…"
        self.panel.show(None, None)
        self._update_legend()
        if self._library_is_small():
            # A few small named files (the seed, an article given on the command line):
            # reading them here costs a few milliseconds, less than painting an empty
            # window first and the article one frame later.
            self._load_small_library()
        elif self._open_big_library_early():
            # A big library on a first start: its first article is in the first frame; the
            # worker lists the library meanwhile (the article stays open, wherever it sorts).
            self.load_library(open_early=False)
        else:
            # The library worker starts now: its imports and file reads overlap the first
            # paint (the worker's I/O and imports leave the event loop free to draw).
            self.load_library()
        self.call_after_refresh(self._painted)

    @ui_callback
    def _painted(self) -> None:
        """The window is on screen."""
        if self.first_paint_seconds is None:
            self.first_paint_seconds = time.perf_counter() - self._started
        gc_pause.resume()  # paused by the command until now (start-up makes almost no garbage)

    # -------------------------------------------------------------------------- widgets

    def main_screen(self) -> Screen:
        """The main screen (the bottom of the stack; help and the palette sit above it)."""
        return self.screen_stack[0]

    _main = main_screen  # the name tests and tools use

    @property
    def article(self) -> ArticleView:
        return self.main_screen().query_one("#article", ArticleView)

    @property
    def library(self) -> LibraryList:
        return self.main_screen().query_one("#library", LibraryList)

    @property
    def panel(self) -> ActorsPanel:
        return self.main_screen().query_one("#panel", ActorsPanel)

    @property
    def legend(self) -> Legend:
        return self.main_screen().query_one("#legend", Legend)

    @property
    def search_bar(self) -> SearchBar:
        return self.main_screen().query_one("#search-bar", SearchBar)

    @property
    def filter_bar(self) -> FilterBar:
        return self.main_screen().query_one("#filter-bar", FilterBar)

    # ----------------------------------------------------------- the session, read-only views

    @property
    def document(self) -> Document | None:
        """The open article (``session.document``)."""
        return self.session.document

    @document.setter
    def document(self, document: Document | None) -> None:
        self.session.document = document

    @property
    def analysis(self) -> Analysis | None:
        """The open article's analysis, once complete (``session.analysis``)."""
        return self.session.analysis

    @analysis.setter
    def analysis(self, analysis: Analysis | None) -> None:
        self.session.analysis = analysis

    @property
    def reading(self) -> ReadingState | None:
        """Read marks, bookmarks and positions (``session.reading``)."""
        return self.session.reading

    @reading.setter
    def reading(self, reading: ReadingState | None) -> None:
        self.session.reading = reading

    @property
    def analysing(self) -> bool:
        """Whether the open article is being analysed."""
        return self.session.analysing

    @property
    def library_entries(self) -> list[LibraryEntry]:
        """The entries listed, in order (``session.entries``)."""
        return self.session.entries

    @property
    def library_ready(self) -> bool:
        """Whether the whole library has been read."""
        return self.session.library_ready

    @property
    def library_filter(self) -> Any:
        """The library filter in force, or None."""
        return self.session.filter

    @property
    def library_view(self) -> str:
        """ "all", "unread" or "bookmarked"."""
        return self.session.view

    @property
    def library_sort(self) -> str:
        """ "newest", "source" or "country"."""
        return self.session.sort

    @property
    def current_index(self) -> int | None:
        """The open article's row in the list, if listed."""
        return self.session.current_index

    @property
    def indexing(self) -> bool:
        """Whether the library index is running (not paused)."""
        return self.runner.running

    @property
    def index_progress(self) -> tuple[int, int]:
        """(articles checked or analysed, total) of the library index."""
        return self.runner.progress

    # The session's and runner's inner state under the names the tests look at.
    _all_entries = property(lambda self: self.session.all_entries)
    _filtered = property(lambda self: self.session.filtered)
    _open_token = property(lambda self: self.session.open_token)
    _reader_idle = property(lambda self: self.runner.reader_idle)
    _refreshing = property(lambda self: self.feeds.refreshing)

    # ------------------------------------------------------------------------- library

    def initial_focus(self) -> str:
        """The pane the focus starts in: the article when it is read before the first frame
        (a small library), otherwise the list, which fills while the reader waits."""
        return "#article" if self._library_is_small() else "#library"

    def _library_is_small(self) -> bool:
        """Whether the library is a few small named files (read before the first paint)."""
        if self._small_library is None:
            self._small_library = self._measure_library()
        return self._small_library

    def _measure_library(self) -> bool:
        targets = self.paths or [str(paths.bundled_seeds_dir())]
        if len(targets) > SMALL_LIBRARY_FILES:
            return False
        total = 0
        try:
            for target in targets:
                path = Path(target)
                if path.is_dir() and not self.paths:
                    # The bundled seeds: a handful of short articles shipped with the package.
                    files = [p for p in path.iterdir() if p.is_file()]
                    if len(files) > SMALL_LIBRARY_FILES or not all(_text_file(p) for p in files):
                        return False
                    total += sum(p.stat().st_size for p in files)
                elif path.is_file():
                    if not _text_file(path):
                        return False  # web pages and feeds are parsed in the worker, never here
                    total += path.stat().st_size
                else:
                    return False  # a folder (any size) or a missing path: the worker handles it
        except OSError:
            return False
        return total <= SMALL_LIBRARY_BYTES

    def _load_small_library(self) -> None:
        """Read a small library and its first article now, so the first frame shows the text."""
        # A few small files: reading their heads is quicker than the row cache's SQLite file.
        loaded = self._read_library(lambda: False, use_row_cache=False)
        if loaded is None:
            return
        entries, read, bookmarks = loaded
        if not entries:
            self._library_loaded(entries, read, bookmarks)
            return
        path = entries[self.session.resume_index(entries)].path
        started = time.perf_counter()
        document = self._read_open(path)
        analysis = None
        if self.runner.enabled and document.status != "error" and document.text.strip():
            # A cached analysis (no spaCy import, one cache lookup) joins the first frame
            # too: highlights and the actors panel paint with the text, not a frame later.
            analysis = self._cached_analysis(document)
        self._preloaded = (path, document, started, analysis)
        self._library_loaded(entries, read, bookmarks)

    def _read_open(self, path: str) -> Document:
        """The reader's read of ``path``: always afresh, shared with the indexer (a read of
        this file it has under way is joined, not repeated) and kept for it."""
        document = self.runner.loads.load(path, _read_document, keep=True, fresh=True)
        assert document is not None  # only a wait for another thread's read can be cancelled
        return document

    def _cached_analysis(self, document: Document) -> Analysis | None:
        """The open article's analysis from the cache, or None (a miss, or any failure:
        the analysis worker then does the usual work)."""
        if not self.runner.built:
            if not self.use_cache:
                return None
            if not paths.analysis_cache_file().exists():
                return None  # a first start: no cache to look in (building the service costs ~20 ms)
        try:
            return self.runner.service().cached(document)
        except Exception:  # the worker retries and reports failures
            log.warning("cache lookup for %s failed", document.path, exc_info=True)
            return None

    def _open_big_library_early(self) -> bool:
        """On a first start, open a big library's first article before the first paint (see
        ``first_of_big_library``); whether one was opened."""
        if not any(Path(target).is_dir() for target in self.paths):
            return False  # named files only: the worker lists them in a moment
        from newsreader.present.library_reading import first_of_big_library

        path = first_of_big_library(self.paths, self._reading_state(), self._read_options(open_early=True))
        if path is None:
            return False
        self._open_early(path, self._read_for_showing(path))
        return True

    def load_library(self, open_early: bool = True) -> None:
        """Find the files, read each entry's head, sort, in a worker; the list fills in as it goes.
        ``open_early``: a big library opens an article before it is all read (none is open yet)."""
        self.run_worker(
            lambda: self._load_library_worker(open_early),
            name="load_library",
            group="library",
            thread=True,
            exclusive=True,
        )

    def _load_library_worker(self, open_early: bool = True) -> None:
        worker = get_current_worker()
        loaded = self._read_library(lambda: worker.is_cancelled, self.call_from_thread, open_early=open_early)
        if loaded is not None:
            self.call_from_thread(self._library_loaded, *loaded)

    def _read_library(
        self,
        cancelled: Callable[[], bool],
        call: Callable[..., Any] | None = None,
        use_row_cache: bool = True,
        open_early: bool = True,
    ) -> tuple[list[LibraryEntry], set[str], set[str]] | None:
        """Find the files, read each entry's head, sort: (entries, read, bookmarked), or None
        when cancelled or failed (the failure is reported). ``call`` runs UI callbacks (from a
        worker: ``call_from_thread``); without it they run directly."""
        from newsreader.present.library_reading import read_for_reader

        options = self._read_options(use_row_cache=use_row_cache, open_early=open_early and call is not None)
        targets = self.paths or [str(paths.bundled_seeds_dir())]
        listener = _LibraryReadListener(self, call)
        return read_for_reader(
            targets, self._reading_state(), listener, cancelled=cancelled, options=options, clean=clean
        )

    def _reading_state(self) -> ReadingState:
        """What was read and opened (loaded on first use)."""
        if self.session.reading is None:
            from newsreader.state import ReadingState

            self.session.reading = ReadingState.load()
        return self.session.reading

    def _read_options(self, *, use_row_cache: bool = True, open_early: bool) -> ReadOptions:
        from newsreader.present.library_reading import ReadOptions

        return ReadOptions(
            use_cache=self.use_cache,
            use_row_cache=use_row_cache,
            open_early=open_early,
            early_files=EARLY_OPEN_FILES,
            batch=ENTRY_BATCH,
        )

    @ui_callback
    def _open_early(self, path: str, read: tuple[Document, float, Analysis | None] | None = None) -> None:
        """Open ``path`` while the library is still being read (a big library): the article pane
        shows an article at once; the list marks it when its row arrives. ``read``: the
        document, when its read started and its cached analysis, already read by the caller."""
        session = self.session
        if session.document is not None or session.open_path is not None or session.library_ready:
            self._article_painted_event.set()  # nothing for the library worker to wait for
            return  # something is open or being opened already
        session.current_index = None
        token = self._begin_open(path)
        if read is None:
            self._load_document(path, token)
        else:
            self._show_document(read[0], token, read[1], read[2])

    def _mark_open_entry(self) -> None:
        """Put the list's current mark (and, the first time, the cursor) on the open article."""
        library = self.library
        session = self.session
        if library.current is None and session.open_path is not None:
            index = session.index_of(session.open_path)
            if index is not None:
                library.move_to(index)
                library.mark_current(index)
        session.current_index = library.current
        self.set_article_title()

    @ui_callback
    def _library_progress(self, entries: list[LibraryEntry], total: int) -> None:
        self.session.library_progress(entries)
        self.library.set_entries(entries)  # the cursor and the open article's mark stay on their rows
        self._mark_open_entry()
        self._set_library_title(f"Library · {len(entries):,}/{total:,} files")
        self._analyse_after_rows()

    @ui_callback
    def _library_failed(self, message: str) -> None:
        self.session.library_ready = True
        self._analyse_after_rows()
        self.library.set_placeholder(message)
        self.article.show(notice_document("No library", [message]))
        self.notify(message, severity="error", markup=False)

    @ui_callback
    def _library_loaded(
        self, entries: list[LibraryEntry], read: Set[str] = frozenset(), bookmarks: Set[str] = frozenset()
    ) -> None:
        session = self.session
        session.library_loaded(entries, set(read), set(bookmarks))
        self._analyse_after_rows()
        # One set each, shared: the list draws the marks the session keeps.
        self.library.read = session.read
        self.library.bookmarks = session.bookmarks
        self.library_pane.show()
        self.tools.state_notices()
        if not entries:
            from newsreader.library import FORMATS  # the formats the library reads, for the explanation

            where = ", ".join(clean(p) for p in self.paths) or str(paths.bundled_seeds_dir())
            message = f"No articles found in {where}."
            self.library.set_placeholder("No articles found.")
            self.article.show(
                notice_document(
                    "No articles found",
                    [
                        message,
                        (
                            f"newsreader reads {FORMATS.help_text()}. Run: newsreader PATH... "
                            "with files or folders of articles."
                        ),
                    ],
                )
            )
            return
        if session.document is None and session.open_path is None:
            self.open_index(session.resume_index(session.entries))
        else:
            self._mark_open_entry()  # opened early (a big library): it stays open, wherever it sorts
        # Indexing starts once the open article is analysed (see _set_analysis), or after a
        # moment if that never comes (analysis fails or there is nothing to open).
        self.set_timer(INDEX_DELAY, self.indexer.auto_start)

    def remember_position(self) -> None:
        """Keep where the open article is scrolled to (restored when it is opened again)."""
        document = self.session.document
        reading = self.session.reading
        if document is None or reading is None or document.status == "error":
            return
        reading.set_position(document.path, self.article.top_offset)

    def _restore_position(self, document: Document) -> None:
        reading = self.session.reading
        if reading is None or self.session.pending_jump is not None:
            return
        offset = reading.position(document.path)
        if offset:
            self.article.scroll_to_top_offset(offset)

    def _set_library_title(self, title: str) -> None:
        self.main_screen().query_one("#library-pane").border_title = Content(title)

    # ------------------------------------------------------------------------ articles

    def _begin_open(self, path: str) -> int:
        """Start opening ``path`` (the indexer leaves it to the reader); the token of its results."""
        self.runner.open_path = path
        return self.session.begin_open(path)

    def open_index(self, index: int) -> None:
        """Open the library entry at ``index`` (text first, analysis after)."""
        session = self.session
        if not session.entries:
            return
        self.remember_position()
        entry, token = session.open_row(index)
        self.runner.open_path = entry.path
        self.library.move_to(session.current_index or 0)
        self.library.mark_current(session.current_index)
        preloaded, self._preloaded = self._preloaded, None
        if preloaded is not None and preloaded[0] == entry.path:
            _, document, started, analysis = preloaded
            self._show_document(document, token, started, analysis)
            return
        self._load_document(entry.path, token)

    def open_path(self, path: str, span: tuple[int, int] | None = None) -> None:
        """Open the library entry for ``path``; with ``span`` (start, end offsets) scroll there
        and flash it once the text is shown. A path hidden by the library filter clears the
        filter; one not in the library gets a notice."""
        path = str(path)
        session = self.session
        index = session.index_of(path)
        if index is None and session.in_library(path):
            # Hidden by the filter or the view: show the whole library again.
            if session.filter is not None:
                self.clear_library_filter()
            if session.view != "all":
                session.view = "all"
                self.library_pane.show()
            index = session.index_of(path)
        if index is None:
            self.notify("That article is not in the library.", markup=False, timeout=3)
            return
        session.pending_jump = (span[0], span[1]) if span else None
        if index == session.current_index and session.document is not None and session.document.path == path:
            self._jump_pending()
            return
        self.open_index(index)

    def _jump_pending(self) -> None:
        jump = self.session.take_jump()
        if jump is None:
            return
        start, end = jump
        self.call_after_refresh(self.article.scroll_to_offset, start)
        self.call_after_refresh(self.article.flash, start, end)

    def _load_document(self, path: str, token: int) -> None:
        self.run_worker(
            lambda: self._load_document_worker(path, token),
            name="load_document",
            group="document",
            thread=True,
            exclusive=True,
        )

    def _load_document_worker(self, path: str, token: int) -> None:
        document, started, analysis = self._read_for_showing(path, lambda: self.session.is_current(token))
        self.call_from_thread(self._show_document, document, token, started, analysis)

    def _read_for_showing(
        self, path: str, wanted: Callable[[], bool] = lambda: True
    ) -> tuple[Document, float, Analysis | None]:
        """(document, when its read started, its cached analysis or None), in a worker."""
        started = time.perf_counter()
        document = self._read_open(path)
        analysis = None
        if wanted() and self.runner.enabled and document.status != "error" and document.text.strip():
            # A cached analysis (one lookup, no spaCy) is shown with the text, in the same
            # frame: the text waits these few milliseconds rather than being drawn twice.
            analysis = self._cached_analysis(document)
        return document, started, analysis

    @ui_callback
    def _show_document(self, document: Document, token: int, started: float, analysis: Analysis | None = None) -> None:
        """Show ``document`` (and its ``analysis`` when it was in the cache: one frame for both)."""
        session = self.session
        if not session.is_current(token):
            return  # the reader already moved on
        shown = time.perf_counter()
        session.show(document)
        self._close_search(keep_focus=True)
        if document.status == "error":
            self.article.show(_error_explanation(document, self))
        elif not document.text.strip():
            self.article.show(
                notice_document(
                    clean(document.meta.title) or "Empty article",
                    ["This file has no text to show."],
                    path=document.path,
                )
            )
        else:
            self.article.show(document)
            self._restore_position(document)
        self.set_article_title()
        self.call_after_refresh(self._article_painted, started, shown)
        analysable = document.status != "error" and bool(document.text.strip()) and self.runner.enabled
        if analysis is None or not analysable:
            analysis = None
            self.panel.show(document, None, analysing=False)
            self._update_legend()
            self._update_status()
        else:
            # Highlights, panel, legend and status with the text: nothing drawn twice.
            self._set_analysis(analysis, token, [*self._model_notices, *self.runner.notices()])
        self._jump_pending()
        if session.mark_opened(document):
            if session.library_ready:  # while a big library is read its title counts the files read
                self.library_pane.update_title()
            self.tools.state_notices()
        if analysable and analysis is None:
            if not session.library_ready and not session.all_entries:
                # Opened early in a big library: analysis waits for the first rows to be
                # listed (loading spaCy would slow the walk over the folders to a crawl).
                self._analysis_after_rows = (document, token)
            else:
                # After the text is painted: the worker's imports (and spaCy) would hold the GIL
                # while the first screen of text is drawn.
                self.call_after_refresh(self._analyse_if_current, document, token)

    def _analyse_after_rows(self) -> None:
        """The first rows are listed (or the library is read or failed): an article opened
        early starts its analysis now."""
        waiting, self._analysis_after_rows = self._analysis_after_rows, None
        if waiting is not None:
            self.call_after_refresh(self._analyse_if_current, *waiting)

    @ui_callback
    def _analyse_if_current(self, document: Document, token: int) -> None:
        session = self.session
        if session.is_current(token) and not (session.analysis is not None and session.document is document):
            self.run_worker(
                lambda: self._analyse(document, token), name="analyse", group="analysis", thread=True, exclusive=True
            )

    def set_article_title(self) -> None:
        """The article pane's title ("Article · 3/12")."""
        self.main_screen().query_one("#article-pane").border_title = Content(self.session.article_title())

    @ui_callback
    def _article_painted(self, started: float, shown: float) -> None:
        now = time.perf_counter()
        self.article_paint_seconds = now - started  # read + parse + lay out + paint
        self.article_show_seconds = now - shown  # lay out + paint only
        self._article_painted_event.set()

    def _step_article(self, step: int) -> None:
        target = self.session.step_target(step, self.library.cursor)
        if target is not None:
            self.open_index(target)
        elif self.session.entries:
            self.bell()

    # ------------------------------------------------------------------------ analysis

    def _build_service(self) -> AnalysisServicePort:
        """The analysis service, built once on first use (in a worker thread: it pulls in the
        analysis modules). A model named in config.toml that isn't installed is a notice."""
        from newsreader.analysis.service import AnalysisService

        model = self.model_name
        if model and model == self.config.model and model != self._cli_model:
            from newsreader.analysis.versions import resolve_model

            choice = resolve_model(model)
            if choice.name != model and choice.name != Path(model).name:
                self._model_notices.append(
                    f"{self.config.path}: 'model' {model!r} is not installed; using {choice.name}."
                )
                model = None
        return AnalysisService(model=model, use_cache=self.use_cache)

    def _analyse(self, document: Document, token: int) -> None:
        """In a worker: the open article's analysis (cached, or analysed now, in parts)."""
        worker = get_current_worker()
        try:
            analysis = self.runner.analyse_open(
                document,
                on_analysing=lambda: self.call_from_thread(self._set_analysing, token),
                on_partial=lambda partial: self.call_from_thread(self._set_partial_analysis, partial, token),
                cancelled=lambda: worker.is_cancelled,  # the reader moved on
            )
            notices = [*self._model_notices, *self.runner.notices()]
        except Exception as exc:  # analysis failure leaves the text readable
            log.warning("analysis of %s failed", document.path, exc_info=True)
            self.call_from_thread(self._analysis_failed, token, f"{type(exc).__name__}: {exc}")
            return
        self.call_from_thread(self._set_analysis, analysis, token, notices)

    @ui_callback
    def _set_partial_analysis(self, analysis: Analysis, token: int) -> None:
        """Part of the open article is analysed: show its highlights now, the panel later."""
        if not self.session.is_current(token) or not self.session.analysing:
            return
        self.article.set_analysis(analysis)
        self._update_legend()

    @ui_callback
    def _set_analysing(self, token: int) -> None:
        if not self.session.is_current(token):
            return
        self.session.analysing = True
        self.panel.show(self.session.document, None, analysing=True)
        self._update_status()

    @ui_callback
    def _analysis_failed(self, token: int, message: str) -> None:
        if not self.session.is_current(token):
            return
        self.session.analysing = False
        self.panel.show(self.session.document, None, analysing=False)
        self._update_status()
        self.notify(
            f"Analysis failed ({message}). The article is still readable.", severity="error", markup=False, timeout=8
        )

    @ui_callback
    def _set_analysis(self, analysis: Analysis, token: int, notices: Sequence[str] = ()) -> None:
        session = self.session
        if session.library_ready:
            if self.first_paint_seconds is None:
                # A cached analysis joins the first frame: the indexer's thread would compete
                # with drawing it for the interpreter, so it starts once the frame is out.
                self.call_after_refresh(self.indexer.auto_start)
            else:
                self.indexer.auto_start()
        if not session.is_current(token):
            return
        session.set_analysis(analysis)
        if session.document is not None and analysis.complete:
            self.library_pane.note_countries(session.document.path, analysis)
        self.article.set_analysis(analysis)
        self.panel.show(session.document, analysis, analysing=False)
        self._update_legend()
        self._update_status()
        for notice in [*analysis.notices, *notices]:
            if notice not in self._shown_notices:
                self._shown_notices.add(notice)
                self.notify(clean(notice), severity="warning", markup=False, timeout=6)

    def show_analysis(self, analysis: Analysis) -> None:
        """Attach an analysis to the open document directly (tests, tools)."""
        self._set_analysis(analysis, self.session.open_token)

    # ----------------------------------------------------------------------- status

    def _update_status(self) -> None:
        document = self.session.document
        analysis = self.session.analysis
        analysing = self.session.analysing
        parts: list[str] = []
        if document is not None:
            meta = document.meta
            # The source in short (its long form is in the article's header); the date whole.
            parts.extend(clean(value) for value in (short_source(meta.source), meta.date) if value)
            if document.status != "error":
                words = document.word_count
                parts.append(f"{words:,} words · {reading_time(words, short=True)}")
            if document.status == "warning" and document.problems:
                parts.append("⚠ " + clean(document.problems[0]))
        state = ""
        if analysing:
            state = "analysing…"
        elif analysis is not None:
            state = (
                f"analysed · {short_model(analysis.model)}" if analysis.complete else "analysis incomplete (size limit)"
            )
        screen = self.main_screen()
        screen.query_one("#status-meta", Static).update(Content("  ·  ".join(parts)))
        state_widget = screen.query_one("#status-state", Static)
        state_widget.update(Content(state))
        state_widget.set_class(analysing, "-analysing")

    @property
    def status_text(self) -> str:
        """The status line as plain text (for tests and tools)."""
        screen = self.main_screen()
        return "  ".join(str(screen.query_one(f"#status-{part}", Static).render()) for part in ("meta", "state"))

    def _update_legend(self) -> None:
        analysis = self.session.analysis
        counts = analysis.layer_counts() if analysis is not None else dict.fromkeys(LAYERS, 0)
        self.legend.update_state(counts, set(self.article.visible_layers))

    # ----------------------------------------------------------------------- layout

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width, event.size.height)

    def _apply_layout(self, width: int, height: int | None = None) -> None:
        """Show or hide the side panes for this terminal size (the reader's L/P choices win)."""
        height = height if height is not None else self.size.height
        if not self._ui_ready:
            return  # the main screen isn't mounted yet; start() applies the layout
        show_library = self._pane_override.get("library", width >= LIBRARY_MIN_WIDTH)
        show_panel = self._pane_override.get("panel", width >= PANEL_MIN_WIDTH)
        self._pane("library").display = show_library
        self._pane("panel").display = show_panel
        if self._set_size_classes(width, height):
            # One restyle of the whole DOM, not one per class.
            self.update_node_styles()
        focused = self.focused
        if (
            focused is None
            or not focused.display
            or not all(a.display for a in focused.ancestors if hasattr(a, "display"))
        ):
            self._focus_pane(self.library if show_library and self.session.current_index is None else self.article)

    def _focus_pane(self, widget: Any) -> None:
        if self.first_paint_seconds is None:
            # Before the first frame: focus at once, so the frame is drawn focused (Widget.focus
            # moves focus after it, restyling and redrawing the panes a second time).
            self.main_screen().set_focus(widget, scroll_visible=False)
        else:
            widget.focus()

    def _set_size_classes(self, width: int, height: int) -> bool:
        """Set the app's size classes (-wide, -narrow, -tiny) without restyling; True if any changed."""
        wanted = {
            "-wide": width >= WIDE_WIDTH,
            "-narrow": width < PANEL_MIN_WIDTH,
            "-tiny": width < TINY_WIDTH or height < TINY_HEIGHT,
        }
        changed = [name for name, on in wanted.items() if self.has_class(name) != on]
        for name in changed:
            self.set_class(wanted[name], name, update=False)
        return bool(changed)

    #: Each pane's outermost widget (the actors panel is its own pane).
    PANE_SELECTORS: ClassVar[dict[str, str]] = {
        "library": "#library-pane",
        "article": "#article-pane",
        "panel": "#panel",
    }

    def _pane(self, pane: str) -> Widget:
        return self.main_screen().query_one(self.PANE_SELECTORS[pane])

    def pane_visible(self, pane: str) -> bool:
        """Whether ``pane`` ("library", "article", "panel") is shown."""
        return bool(self._pane(pane).display)

    _pane_visible = pane_visible  # the name tests use

    # ---------------------------------------------------------------------- actions

    async def action_quit(self) -> None:
        # Where the reader was is kept for the next start.
        try:
            self.remember_position()
        except Exception:  # quitting must never fail
            log.warning("could not keep the reading position", exc_info=True)
        await super().action_quit()

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen  # on first use: not needed to start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_page_down(self) -> None:
        self.article.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.article.scroll_page_up(animate=False)

    def action_search(self) -> None:
        self.search_bar.open()

    def action_search_next(self) -> None:
        self._search_step(1)

    def action_search_previous(self) -> None:
        self._search_step(-1)

    def _search_step(self, direction: int) -> None:
        article = self.article
        if not article.search_query:
            self.notify(f"No search yet: press {keys.active_keys(self, 'search')} to search.", markup=False, timeout=2)
            return
        article.search_step(direction)
        self._update_search_count()

    def action_clear(self) -> None:
        """esc: clear the search and mentions; with neither, clear the library filter."""
        article = self.article
        busy = bool(article.search_query or self.search_bar.display or article.has_mentions)
        if article.search_query or self.search_bar.display:
            self._close_search()
        if article.has_mentions:
            article.clear_mentions()
        if not busy and (self.session.filter is not None or self.filter_bar.display):
            self.clear_library_filter()

    def _close_search(self, keep_focus: bool = False) -> None:
        bar = self.search_bar
        article = self.article
        if article.search_query:
            article.clear_search()
        if bar.display:
            bar.input.value = ""
            bar.set_count(-1, 0, "")
            bar.display = False
            if not keep_focus or self.focused is None:
                article.focus()

    def _update_search_count(self) -> None:
        article = self.article
        self.search_bar.set_count(article.current_match, article.match_count, article.search_query)

    def action_toggle_layer(self, layer: str) -> None:
        if layer not in LAYERS:
            return
        self.article.toggle_layer(layer)
        self._update_legend()

    def action_toggle_all_layers(self) -> None:
        article = self.article
        article.visible_layers = set() if article.visible_layers else set(LAYERS)
        self._update_legend()

    def action_cycle_theme(self) -> None:
        self.theme = next_theme(self.theme_set.names, self.theme)

    def action_cycle_panes(self, step: int) -> None:
        """Move focus to the next visible pane (library, article, actors)."""
        panes = [
            (self._pane(name), widget)
            for name, widget in (("library", self.library), ("article", self.article), ("panel", self.panel))
            if self.pane_visible(name)
        ]
        if not panes:
            return
        focused = self.focused
        current = next(
            (i for i, (pane, _) in enumerate(panes) if focused is not None and pane in focused.ancestors_with_self),
            -1,
        )
        panes[(current + step) % len(panes)][1].focus()

    def action_toggle_pane(self, pane: str) -> None:
        visible = not self.pane_visible(pane)
        self._pane_override[pane] = visible
        if visible and self.size.width < LIBRARY_MIN_WIDTH:
            # Too narrow for both side panes and a readable article: one at a time.
            self._pane_override["panel" if pane == "library" else "library"] = False
        self._apply_layout(self.size.width)
        widget = self.library if pane == "library" else self.panel
        if visible:
            widget.focus()
        elif self.focused is None or self.focused is widget:
            self.article.focus()

    # ------------------------------------------- actions of the parts (keys and palette)

    def action_toggle_indexing(self) -> None:
        """I: pause the library-wide analysis, or resume it."""
        self.indexer.toggle()

    def _start_indexing(self) -> None:
        self.indexer.start()

    def action_cycle_library_view(self) -> None:
        """u: all articles → only unread → only bookmarked → all."""
        self.library_pane.cycle_view()

    def action_cycle_library_sort(self) -> None:
        """s: newest first → by source → by country → newest first."""
        self.library_pane.cycle_sort()

    def action_export(self, fmt: str = "md") -> None:
        """e: write the open article's analysis to a file."""
        self.tools.export(fmt)

    def action_copy_evidence(self) -> None:
        """y: copy the evidence of the panel line under the cursor."""
        self.tools.copy_evidence()

    def action_open_url(self) -> None:
        """o: open the article's web address in the browser."""
        self.tools.open_url()

    def action_overview(self) -> None:
        """a: countries × reaction categories over every analysed article."""
        self.tools.overview()

    def action_toggle_read(self) -> None:
        """m: mark the article read or unread."""
        self.tools.toggle_read()

    def action_toggle_bookmark(self) -> None:
        """B: bookmark the article or remove its bookmark."""
        self.tools.toggle_bookmark()

    def action_filter_library(self) -> None:
        """ctrl+f: open the filter field above the library list."""
        self.tools.open_filter()

    def apply_library_filter(self, text: str) -> None:
        """Filter the library by ``text`` (words, country:, actor:, category:, tag:, feed:)."""
        self.tools.apply_filter(text)

    def clear_library_filter(self) -> None:
        """Show the whole library again (esc)."""
        self.tools.clear_filter()

    def jump_to_panel(self, code: str | None, actor: str | None = None) -> None:
        """Show the actors panel with its cursor on country ``code`` (or ``actor`` in it)."""
        self.tools.jump_to_panel(code, actor)

    def action_refresh_feeds(self, everything: bool = True) -> None:
        """R: fetch every subscribed feed; r: the feed of the selected article."""
        self.feeds.refresh(everything)

    def action_open_web_page(self) -> None:
        """O / palette "Open URL": fetch a web page and open it."""
        self.feeds.open_web_page()

    # ---------------------------------------------------------------------- events

    @on(LibraryList.Opened)
    def _on_library_opened(self, event: LibraryList.Opened) -> None:
        self.open_index(event.index)
        if self.size.width < LIBRARY_MIN_WIDTH and "library" in self._pane_override:
            # On a narrow screen the list steps aside once an article is chosen.
            self._pane_override.pop("library")
            self._apply_layout(self.size.width)
        self.article.focus()

    @on(SearchBar.Changed)
    def _on_search_changed(self, event: SearchBar.Changed) -> None:
        self.article.search(event.query)
        self._update_search_count()

    @on(SearchBar.Submitted)
    def _on_search_submitted(self, event: SearchBar.Submitted) -> None:
        article = self.article
        if article.search_query != event.query:
            article.search(event.query)
        if article.match_count:
            article.search_step(1)
        self._update_search_count()
        article.focus()

    @on(SearchBar.Closed)
    def _on_search_closed(self, event: SearchBar.Closed) -> None:
        self._close_search()

    @on(ActorsPanel.JumpTo)
    def _on_jump_to(self, event: ActorsPanel.JumpTo) -> None:
        self.article.scroll_to_offset(event.start)
        self.article.flash(event.start, event.end)

    @on(ActorsPanel.ShowMentions)
    def _on_show_mentions(self, event: ActorsPanel.ShowMentions) -> None:
        spans = list(event.spans)
        item = self.panel.current_item
        document = self.session.document
        if item is not None and item.kind == "actor" and document is not None:
            # The analysis merged only the mentions it resolved: mark the others too.
            from newsreader.ui.mentions import all_mentions

            actor = self._actor_for(item.text)
            names = [actor.name] if actor is not None else [item.text]
            spans = all_mentions(document.text, spans, names, person=actor is not None and actor.kind == "person")
        self.article.set_mentions(spans)
        if spans:
            self.article.scroll_to_offset(min(s for s, _ in spans))

    def _actor_for(self, name: str) -> Any:
        """The open analysis's actor shown in the panel as ``name``, if any."""
        analysis = self.session.analysis
        if analysis is None:
            return None
        return next((a for a in analysis.actors if clean(a.name) == name), None)

    @on(ActorsPanel.ClearMentions)
    def _on_clear_mentions(self, event: ActorsPanel.ClearMentions) -> None:
        self.article.clear_mentions()

    @on(FilterBar.Submitted)
    def _on_filter_submitted(self, event: FilterBar.Submitted) -> None:
        self.tools.apply_filter(event.text)
        self.library.focus()

    @on(FilterBar.Closed)
    def _on_filter_closed(self, event: FilterBar.Closed) -> None:
        self.tools.clear_filter()

    @on(Legend.Toggle)
    def _on_legend_toggle(self, event: Legend.Toggle) -> None:
        self.action_toggle_layer(event.layer)

    def _on_theme_changed(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        if name == self._saved_theme:
            return
        self._saved_theme = name
        notices = config_module.save_theme(name, self.config_path)
        for notice in notices:
            self.notify(notice, severity="warning", markup=False)
        self.notify(f"Theme: {name}", markup=False, timeout=2)


def short_model(name: str) -> str:
    """A model's name for the status bar: "en_core_web_trf-3.8.0" -> "spaCy trf"."""
    name = clean(name)
    base = name.rsplit("/", 1)[-1]
    parts = base.split("-", 1)[0].split("_")
    if len(parts) >= 4 and parts[1] == "core":  # spaCy's lang_core_genre_size[_variant]
        short = f"spaCy {'_'.join(parts[3:])}"
        return short if len(short) <= 20 else short[:19] + "…"
    return base if len(base) <= 20 else base[:19] + "…"


class _LibraryReadListener:
    """``read_for_reader``'s reports, run on the event loop (``call``: ``call_from_thread``
    from a worker) or directly (before the first paint)."""

    def __init__(self, app: NewsreaderApp, call: Callable[..., Any] | None) -> None:
        self.app = app
        self.call = call

    def _run(self, callback: Callable[..., Any], *args: Any) -> None:
        if self.call is None:
            callback(*args)
        else:
            self.call(callback, *args)

    def early(self, path: str) -> None:
        if self.call is None:
            self.app._open_early(path)
            return
        # From the library worker: it reads the article itself (the event loop may be busy
        # painting; handing it the path would wait for that before the read even started),
        # then waits (a moment at most) until the article is painted. Reading the rest of a
        # big library is pure Python and would otherwise share the interpreter with laying
        # out and painting the article, slowing both.
        read = self.app._read_for_showing(path)
        self.app._article_painted_event.clear()
        self.call(self.app._open_early, path, read)
        self.app._article_painted_event.wait(EARLY_PAINT_WAIT)

    def progress(self, entries: list[LibraryEntry], total: int) -> None:
        self._run(self.app._library_progress, entries, total)

    def failed(self, message: str) -> None:
        self._run(self.app._library_failed, message)


def _load(path: str) -> Document:
    """``load_document`` (looked up at each call: tests count the reads)."""
    from newsreader.library import load_document

    return load_document(Path(path))


def _read_document(path: str) -> Document:
    """``load_document``, with any unexpected failure turned into an error document."""
    from newsreader.library import load_document
    from newsreader.model.document import DocStatus, Document, Metadata

    try:
        return load_document(Path(path))
    except Exception as exc:  # noqa: BLE001 - load_document shouldn't raise; never crash
        return Document(
            path=path,
            text="",
            blocks=[],
            meta=Metadata(title=Path(path).name),
            status=DocStatus.ERROR,
            problems=[f"Unexpected error while reading: {exc}"],
        )


def _text_file(path: Path) -> bool:
    """A quick format by its extension (Markdown, plain text): the only files read on the UI
    thread (a web page's extraction or a feed's parse can take seconds)."""
    from newsreader.library import FORMATS

    return FORMATS.is_quick(path)


def run_app(
    paths: list[str],
    theme: str | None = None,
    model: str | None = None,
    use_cache: bool = True,
    config_path: str | None = None,
) -> int:
    """Run the reader on ``paths`` (files or folders; else the config's ``library``, else the
    bundled samples). ``config_path`` is ``--config``. Returns the exit status.

    Never shows a traceback: a crash ends the app, restores the terminal and prints one line
    on stderr; with ``--debug`` (the ``newsreader`` logger at DEBUG, set up by the CLI) the
    traceback is written to the log file.
    """
    app = NewsreaderApp(paths, theme=theme, model=model, use_cache=use_cache, config_path=config_path)
    crash: BaseException | None = None
    try:
        result = app.run()
    except Exception as exc:  # e.g. the terminal could not be set up
        crash, result = exc, 1
        log.error("the reader failed", exc_info=exc)
    crash = crash or app.crash
    if crash is not None:
        report_crash(crash)
        return 1
    return int(result or app.return_code or 0)


def report_crash(error: BaseException) -> None:
    """One line on stderr about a crash (the details are in the log with --debug)."""
    message = " ".join(str(error).split()) or type(error).__name__
    message = "".join(ch if ch.isprintable() else "\ufffd" for ch in message)[:300]
    logger = logging.getLogger("newsreader")
    if logger.isEnabledFor(logging.DEBUG) and logger.handlers:
        where = next(
            (getattr(h, "baseFilename", None) for h in logger.handlers if getattr(h, "baseFilename", None)), None
        )
        hint = f"details written to {where}" if where else "details in the debug log"
    else:
        hint = "run with --debug for details"
    with contextlib.suppress(OSError, ValueError):
        print(f"newsreader: error: {type(error).__name__}: {message} ({hint})", file=sys.stderr, flush=True)
