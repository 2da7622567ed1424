"""The main screen: library | article (+ legend, search bar) | actors, then status and footer.

It only arranges widgets; the app decides what they show and which panes are visible.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from newsreader.ui import keys
from newsreader.ui.widgets.actors_panel import ActorsPanel
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.filter_bar import FilterBar
from newsreader.ui.widgets.key_bar import KeyBar
from newsreader.ui.widgets.legend import Legend
from newsreader.ui.widgets.library_list import LibraryList
from newsreader.ui.widgets.search_bar import SearchBar


class MainScreen(Screen):
    """The three panes, the status line and the key hints."""

    BINDINGS = keys.bindings(keys.SCREEN_KEYS)

    #: Where the focus starts (the app's ``initial_focus``, set in compose): focusing the
    #: first focusable widget and then moving the focus would restyle both panes before the
    #: first frame.
    AUTO_FOCUS = "#article"

    #: The size of the last full layout (on resume or resize).
    _layout_size: Size | None = None
    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler (Textual calls each class's handler down the
        # MRO), which lays the screen out at the app's size.
        self._layout_size = self.app.size
        if not self._resumed:
            # The first time, every widget was styled as it was mounted a moment ago:
            # restyling the whole screen again would cost ~9 ms before the first frame.
            self._resumed = True
            event.refresh_styles = False

    async def _on_resize(self, event: events.Resize) -> None:
        # At start-up Textual sends the screen the terminal's size several times after it
        # was laid out at that size, and each one re-renders all three panes (about a third
        # of the first frame). A size the screen is already laid out at changes nothing
        # (widgets whose content changed refresh their own layout), so Screen's handler is
        # skipped for it.
        if event.size == self._layout_size:
            event.prevent_default()
            event.stop()
            return
        self._layout_size = event.size

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._mark_focused_pane()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._mark_focused_pane()

    def _mark_focused_pane(self) -> None:
        """Class ``-focus-within`` on the pane that holds the focus (its border lights up).

        CSS ``:focus-within`` would do the same but restyles the pane and everything in it on
        every focus change, the article's ~26 component styles included (~3 ms of the first
        frame, again on each tab); only the panes themselves are restyled here.
        """
        focused = self.focused
        changed = []
        for pane in self.query(".pane"):
            inside = focused is not None and pane in focused.ancestors_with_self
            if pane.has_class("-focus-within") != inside:
                pane.set_class(inside, "-focus-within", update=False)
                changed.append(pane)
        if changed:
            self.app.stylesheet.update_nodes(changed, animate=True)

    def compose(self) -> ComposeResult:
        initial_focus = getattr(self.app, "initial_focus", None)
        if callable(initial_focus):
            self.AUTO_FOCUS = initial_focus()  # type: ignore[misc]  # this screen's own; Textual reads it through the instance
        with Horizontal(id="panes"):
            with Vertical(id="library-pane", classes="pane"):
                filter_bar = FilterBar(id="filter-bar")
                filter_bar.display = False
                yield filter_bar
                filter_status = Static(Content(""), id="filter-status")
                filter_status.display = False
                yield filter_status
                yield LibraryList(id="library")
                index_status = Static(Content(""), id="index-status")
                index_status.display = False
                yield index_status
            with Vertical(id="article-pane", classes="pane"):
                yield ArticleView(id="article")
                yield Legend(id="legend")
                bar = SearchBar(id="search-bar")
                bar.display = False
                yield bar
            # The panel is its own pane (no wrapper): one container less to lay out and draw.
            yield ActorsPanel(id="panel", classes="pane")
        with Horizontal(id="status"):
            yield Static(Content(""), id="status-meta")
            yield Static(Content(""), id="status-state")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self.query_one("#library-pane").border_title = "Library"
        self.query_one("#article-pane").border_title = "Article"
        self.query_one("#panel").border_title = "Actors"
        # The widgets now exist: let the app lay out and start loading.
        start = getattr(self.app, "start", None)
        if callable(start):
            start()
