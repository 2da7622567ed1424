"""The footer: the keys that work here ("? Help  q Quit  / Search ..."), as one line.

Textual's ``Footer`` mounts a widget per key and remounts them all on every focus change,
which was the single biggest cost of newsreader's first paint; this draws the same hints as
one line of text. It follows the focused widget's bindings (``Screen.active_bindings``), shows
only bindings with ``show=True``, puts the command palette key on the right, and a click on a
hint presses its key.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from newsreader.ui import keys


class KeyBar(Widget):
    """One-line key hints for the current screen and focus."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._items: list[tuple[str, str, str, bool]] = []  # key, display, description, enabled
        self._palette: tuple[str, str, str, bool] | None = None
        self._spans: list[tuple[int, int, str]] = []  # x range -> key, from the last render

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._collect()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._collect()
            self.refresh()

    def _collect(self) -> None:
        items: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        palette = None
        palette_key = getattr(self.app, "COMMAND_PALETTE_BINDING", "ctrl+p")
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_key and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding.key, self.app.get_key_display(binding), binding.description or "palette", enabled)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((binding.key, self._display(binding), binding.description, enabled))
        self._items = items
        self._palette = palette

    def _display(self, binding: Binding) -> str:
        """The keys as the help and the messages name them: every key of the binding id in force
        (``ui.keys.active_keys``), so a ``[keys]`` remap shows as the user wrote it."""
        if binding.id in keys.BY_ID:
            return keys.active_keys(self.app, binding.id)
        return self.app.get_key_display(binding)

    @property
    def hints(self) -> list[str]:
        """The hints as plain "key description" strings (tests, tools)."""
        return [f"{display} {description}".strip() for _key, display, description, _on in self._items]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def render(self) -> RenderResult:
        width = self.size.width
        key_style = self._style("key-bar--key")
        text_style = self._style("key-bar--description")
        off_style = self._style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []

        def add(key: str, display: str, description: str, enabled: bool) -> None:
            start = line.cell_len
            line.append(" " + display + " ", style=key_style if enabled else off_style)
            if description:
                line.append(description + " ", style=text_style if enabled else off_style)
            spans.append((start, line.cell_len, key))

        for item in self._items:
            add(*item)
        if self._palette is not None:
            key, display, _description, enabled = self._palette
            right = Text(no_wrap=True, end="")
            right.append("▏", style=off_style)
            right.append(display, style=key_style if enabled else off_style)
            right.append(" palette ", style=text_style if enabled else off_style)
            room = width - right.cell_len
            if line.cell_len > room:
                line.truncate(max(0, room), overflow="crop")
                spans = [(s, min(e, room), k) for s, e, k in spans if s < room]
            line.append(" " * max(0, room - line.cell_len))
            spans.append((line.cell_len, line.cell_len + right.cell_len, key))
            line.append_text(right)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
