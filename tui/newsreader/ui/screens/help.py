"""The help screen (``?``): every key, grouped, read from the one key table in ``ui.keys``.

Each row shows the keys in force (a ``[keys]`` remap in config.toml replaces the default), what
they do and the binding id to remap them by. j/k, g/G, space/b and the arrows scroll it.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.model.vocabulary import LAYERS
from newsreader.present.panel import UNATTRIBUTED, UNCERTAIN_MARK
from newsreader.ui import keys


def intro(app: object = None) -> str:
    """The help screen's first paragraph, naming the keys in force."""
    library = keys.active_keys(app, "toggle-library")
    panel = keys.active_keys(app, "toggle-panel")
    return (
        "newsreader shows who did what, by country. Left: the library. Centre: the article, with "
        "people, organisations, places, groups, numbers and dates highlighted. Right: the actors, "
        "grouped by country, with their reactions. On a narrow terminal the side panes are hidden: "
        f"press {library} for the library and {panel} for the actors panel. The right-hand column "
        'is each key\'s binding id: remap it in config.toml, e.g. [keys] search = "/,ctrl+f".'
    )


def subtitle(app: object = None) -> str:
    """The help box's last line, naming the keys in force: "j/k g/G scroll · esc closes"."""

    def first(binding_id: str) -> str:
        return keys.active_keys(app, binding_id, first=True)

    return (
        f"{first('help-down')}/{first('help-up')} {first('help-top')}/{first('help-bottom')} scroll"
        f" · {first('help-close')} closes"
    )


def key_table(keymap: Mapping[str, str] | None = None) -> Table:
    """The key table as a Rich table (plain strings only, no markup): keys in force (``keymap``
    is the app's remap by binding id), what they do, and the binding id."""
    keymap = keymap or {}
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    for group, rows in keys.grouped():
        table.add_row(Text(""), Text(""), Text(""))
        table.add_row(Text(""), Text(group.upper(), style="bold underline"), Text(""))
        for key in rows:
            table.add_row(Text(keys.active_keys(keymap, key.id)), Text(keys.describe(key, keymap)), Text(key.id))
    table.add_row(Text(""), Text(""), Text(""))
    layers = ", ".join(f"{keys.active_keys(keymap, keys.layer_binding(layer))} {layer}" for layer in LAYERS)
    table.add_row(Text("layers"), Text(layers), Text(""))
    table.add_row(
        Text(UNCERTAIN_MARK),
        Text(
            "in the actors panel: a country guessed from where the story happens, not stated by the text "
            'or known from the office tables; actors with no country are under "' + UNATTRIBUTED + '"'
        ),
        Text(""),
    )
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS = keys.bindings(keys.HELP_KEYS)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = subtitle(self.app)
            yield Static(Text(intro(self.app)), id="help-intro")
            yield Static(key_table(getattr(self.app, "_keymap", None)), id="help-keys")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        move = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
            "page-down": body.scroll_page_down,
            "page-up": body.scroll_page_up,
        }[direction]
        move(animate=False)
