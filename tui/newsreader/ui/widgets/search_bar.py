"""The search bar under the article: a text field and the match counter ("3/17")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from newsreader.ui.widgets.input_bar import InputBar


class SearchBar(InputBar):
    """Hidden until ``/``; posts ``Changed`` while typing, ``Submitted`` on enter, ``Closed`` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close search", show=False, id="search-close")]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        """The reader pressed escape in the search field."""

    INPUT_ID = "search-input"

    def parts(self) -> Iterable[Widget]:
        yield Static(Content("/"), id="search-label")
        yield Input(placeholder="search this article", id="search-input", select_on_focus=True)
        yield Static(Content(""), id="search-count")

    def set_count(self, current: int, total: int, query: str) -> None:
        """Show "3/17", "17 matches" (no current one yet) or "no matches"."""
        if not self.built:
            return  # never opened: nothing to count
        if not query:
            text = ""
        elif total == 0:
            text = "no matches"
        elif current < 0:
            text = f"{total} match" + ("" if total == 1 else "es")
        else:
            text = f"{current + 1}/{total}"
        self.query_one("#search-count", Static).update(Content(text))
        self.set_class(bool(query) and total == 0, "-no-matches")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
