"""The library filter field (``ctrl+f``): one line above the list.

Words search titles and bodies; ``country:``, ``actor:`` and ``category:`` terms match the
analysed reactions (``newsreader.overview.parse_query`` reads the text). The bar only collects
the text: the app runs the filter in a worker.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

PLACEHOLDER = "words country:FRA actor:Macron category:condemn"


class FilterBar(Horizontal):
    """Hidden until ``ctrl+f``; posts ``Submitted`` on enter and ``Closed`` on escape."""

    BINDINGS = [Binding("escape", "close", "Clear the filter", show=False, id="filter-close")]

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The reader pressed escape in the filter field (clear the filter)."""

    def compose(self) -> ComposeResult:
        yield Static(Content("⌕"), id="filter-label")
        yield Input(placeholder=PLACEHOLDER, id="filter-input", select_on_focus=True)

    @property
    def input(self) -> Input:
        return self.query_one("#filter-input", Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
