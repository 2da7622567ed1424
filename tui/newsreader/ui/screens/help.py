"""The help screen (``?``): every key, grouped, read from the one key table in ``ui.keys``."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.analysis.model import LAYERS
from newsreader.ui import keys

INTRO = (
    "newsreader shows who did what, by country. Left: the library. Centre: the article, with "
    "people, organisations, places, groups, numbers and dates highlighted. Right: the actors, "
    "grouped by country, with their reactions. On a narrow terminal the side panes are hidden: "
    "press L for the library and P for the actors panel."
)


def key_table() -> Table:
    """The key table as a Rich table (plain strings only, no markup)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for group, rows in keys.grouped():
        table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text(group.upper(), style="bold underline"))
        for key in rows:
            table.add_row(Text(keys.display_keys(key)), Text(key.description))
    table.add_row(Text(""), Text(""))
    layers = ", ".join(f"{i} {layer}" for i, layer in enumerate(LAYERS, start=1))
    table.add_row(Text("layers"), Text(layers))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close help", id="help-close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help-down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help-up"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc to close"
            yield Static(Text(INTRO), id="help-intro")
            yield Static(key_table(), id="help-keys")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()
