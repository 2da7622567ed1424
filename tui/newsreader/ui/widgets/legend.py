"""The layer legend: one line naming the six highlight layers in their colours, with counts.

Each layer reads "1 people 12" (its toggle key, name, how many highlights it has) in the
layer's theme colour (``$layer-people`` ...); a hidden layer is dimmed and struck through.
Clicking a layer posts ``Legend.Toggle(layer)``. The line shortens itself to fit narrow widths,
keeping words a reader understands without the help screen: first the keys go, then the long
names shorten, then the counts go ("people orgs places groups nums dates"); only a very narrow
pane gets the numbered colour swatches.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import App
from textual.color import Color, ColorParseError
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from newsreader.model.vocabulary import LAYERS
from newsreader.ui import keys
from newsreader.ui.themes import VARIABLE_BY_NAME, layer_variable

#: Names shown for each layer: full, then a short word for narrow widths.
LAYER_LABELS: dict[str, tuple[str, str]] = {
    "people": ("people", "people"),
    "organizations": ("orgs", "orgs"),
    "places": ("places", "places"),
    "groups": ("groups", "groups"),
    "numbers": ("numbers", "nums"),
    "dates": ("dates", "dates"),
}

#: The legend's forms, widest first: (label form or None for swatches, gap, show keys, show counts).
FORMS: tuple[tuple[int | None, str, bool, bool], ...] = (
    (0, "  ", True, True),
    (0, " ", True, True),
    (0, " ", False, True),
    (1, " ", False, True),
    (1, " ", False, False),
    (None, " ", True, True),
)


def theme_colour(app: App, variable: str) -> Color | None:
    """The current theme's colour for ``variable`` (no "$"), falling back to the Textual
    variable that stands in for it (``ui.themes.VARIABLES``); None if nothing parses."""
    variables: Mapping[str, str] = getattr(app, "theme_variables", None) or {}
    known = VARIABLE_BY_NAME.get(variable)
    for name in (variable, known.textual if known else ""):
        value = variables.get(name)
        if not value:
            continue
        try:
            return Color.parse(value)
        except ColorParseError:
            continue
    return None


def colour_style(
    app: App, variable: str, *, bold: bool | None = None, dim: bool | None = None, italic: bool | None = None
) -> Style:
    """A text style in the theme colour of ``variable`` plus flags like ``bold=True``."""
    return Style(foreground=theme_colour(app, variable), bold=bold, dim=dim, italic=italic)


class Legend(Widget):
    """One line listing the highlight layers, their keys, counts and whether they are shown."""

    DEFAULT_CSS = """
    Legend {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    class Toggle(Message):
        """The user clicked a layer in the legend: show or hide it."""

        def __init__(self, layer: str) -> None:
            super().__init__()
            self.layer = layer

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.counts: dict[str, int] = dict.fromkeys(LAYERS, 0)
        self.visible_layers: set[str] = set(LAYERS)
        # Cell ranges of each layer in the last rendered line, for clicks.
        self._hit_ranges: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        # Colours are baked into the rendered Content, so re-render when the theme changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def update_state(self, counts: Mapping[str, int], visible: set[str] | frozenset[str]) -> None:
        """Show these highlight counts per layer; layers not in ``visible`` are drawn as off."""
        self.counts = {layer: int(counts.get(layer, 0) or 0) for layer in LAYERS}
        self.visible_layers = set(visible)
        self.refresh()

    def legend_text(self, width: int | None = None) -> Content:
        """The legend line, in the longest form that fits ``width`` cells (None: full form)."""
        # Widest first; each form is built only if the wider ones did not fit.
        for label, gap, with_keys, with_counts in FORMS:
            content, ranges = self._build(label=label, gap=gap, with_keys=with_keys, with_counts=with_counts)
            if width is None or content.cell_length <= width:
                break
        self._hit_ranges = ranges
        return content

    def _build(
        self, label: int | None, gap: str, with_keys: bool = True, with_counts: bool = True
    ) -> tuple[Content, list[tuple[int, int, str]]]:
        parts: list[Content] = []
        ranges: list[tuple[int, int, str]] = []
        x = 0
        for layer in LAYERS:
            key = keys.active_keys(self.app, keys.layer_binding(layer), first=True)  # "1", or the remap
            on = layer in self.visible_layers
            colour = theme_colour(self.app, layer_variable(layer))
            count = str(self.counts.get(layer, 0))
            if on:
                key_style = Style(bold=True)
                name_style = Style(foreground=colour, bold=True)
                count_style = Style(foreground=colour)
            else:
                key_style = name_style = count_style = Style(dim=True, strike=True)
            if label is None:
                # Narrowest form: a colour swatch in place of the name.
                item = Content.assemble(
                    (key, key_style),
                    ("■" if on else "□", Style(foreground=colour, dim=not on)),
                    (count, count_style),
                )
            else:
                pieces: list[tuple[str, Style] | str] = []
                if with_keys:
                    pieces += [(key, key_style), " "]
                pieces.append((LAYER_LABELS[layer][label], name_style))
                if with_counts:
                    pieces += [" ", (count, count_style)]
                item = Content.assemble(*pieces)
            if parts:
                parts.append(Content(gap))
                x += len(gap)
            ranges.append((x, x + item.cell_length, layer))
            x += item.cell_length
            parts.append(item)
        return Content("").join(parts), ranges

    def render(self) -> Content:
        return self.legend_text(self.content_region.width or None)

    def layer_at(self, x: int) -> str | None:
        """The layer drawn at content column ``x`` of the last render, if any."""
        return next((layer for start, end, layer in self._hit_ranges if start <= x < end), None)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        layer = self.layer_at(offset.x)
        if layer is not None:
            event.stop()
            self.post_message(self.Toggle(layer))
