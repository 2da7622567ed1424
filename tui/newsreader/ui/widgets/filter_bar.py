"""The library filter field (``ctrl+f``): one line above the list.

Words search titles and bodies; ``country:``, ``actor:`` and ``category:`` terms match the
analysed reactions (``newsreader.present.query.parse_query`` reads the text). The bar only collects
the text: the app runs the filter in a worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from newsreader.ui.widgets.input_bar import InputBar

PLACEHOLDER = "words country:FRA actor:Macron category:condemn"


class FilterBar(InputBar):
    """Hidden until ``ctrl+f``; posts ``Submitted`` on enter and ``Closed`` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Clear the filter", show=False, id="filter-close")
    ]

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The reader pressed escape in the filter field (clear the filter)."""

    INPUT_ID = "filter-input"

    def parts(self) -> Iterable[Widget]:
        yield Static(Content("⌕"), id="filter-label")
        yield Input(placeholder=PLACEHOLDER, id="filter-input", select_on_focus=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
