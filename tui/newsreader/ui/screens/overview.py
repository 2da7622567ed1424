"""The across-library screen (``a``): a country x reaction-category matrix and timelines.

Rows are countries (busiest first, "Unattributed" last), columns the 16 PLOVER categories, each
count coloured by the category's kind (verbal/material, cooperative/hostile) from the theme's
``reaction-*`` variables. Moving over a cell shows what it means and the country's timeline by
article date; choosing it (``enter``) lists the reactions behind it; choosing one of those
dismisses the screen with an :class:`OverviewChoice` (article path + evidence span) for the app
to open. Choosing a country's name or its "All" cell lists every reaction of that country.

All article-derived text (titles, names, trigger words) goes into ``rich.text.Text`` /
``Content`` objects as plain text: it is never read as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style as RichStyle
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import DataTable, Footer, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from newsreader.model.vocabulary import CATEGORY_KIND
from newsreader.present.overview import UNATTRIBUTED, UNATTRIBUTED_NAME, UNDATED, CellItem, Overview
from newsreader.present.panel import reaction_phrase
from newsreader.present.text import clean
from newsreader.ui import keys
from newsreader.ui.themes import reaction_variable
from newsreader.ui.widgets.legend import theme_colour

ROW_PREFIX = "row:"
COUNTRY_COLUMN = "country"
TOTAL_COLUMN = "total"
#: Widest the country column gets (longer names are shortened with "…", keeping the code).
COUNTRY_WIDTH = 24
#: Most reactions listed for one cell (the rest are counted, not drawn).
MAX_ITEMS = 500


@dataclass(frozen=True, slots=True)
class OverviewChoice:
    """The article to open and the evidence to show: the screen's result."""

    path: str
    span: tuple[int, int] | None = None


def _default_country_name(code: str) -> str:
    from newsreader.analysis.country_names import display_name

    return display_name(code)


class OverviewMatrix(DataTable):
    """The matrix, with vim keys on top of the arrows."""

    BINDINGS = keys.bindings(keys.OVERVIEW_MATRIX_KEYS)


class OverviewItems(OptionList):
    """The reactions behind the chosen cell; ``escape`` goes back to the matrix."""

    BINDINGS = keys.bindings(keys.OVERVIEW_ITEMS_KEYS)


class OverviewScreen(Screen[OverviewChoice | None]):
    """Across the library. ``source`` is an :class:`Overview`, or a blocking callable that
    builds one (run in a thread worker while the screen shows "Collecting…")."""

    DEFAULT_CSS = """
    OverviewScreen {
        layout: vertical;
        background: $background;
    }
    OverviewScreen #overview-summary {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    OverviewScreen OverviewMatrix {
        height: 1fr;
        min-height: 5;
        background: $surface;
    }
    OverviewScreen #overview-detail {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    OverviewScreen #overview-cell {
        height: auto;
    }
    OverviewScreen #overview-timeline {
        height: 2;
        margin: 0 0;
    }
    OverviewScreen #overview-periods {
        height: auto;
        color: $text-muted;
    }
    OverviewScreen OverviewItems {
        height: 1fr;
        max-height: 50%;
        border-top: solid $primary;
        background: $surface;
    }
    """

    BINDINGS = keys.bindings(keys.OVERVIEW_KEYS)

    def __init__(
        self,
        source: Overview | Callable[[], Overview],
        country_name: Callable[[str], str] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self._source = source
        self._country_name = country_name
        self.overview: Overview | None = source if isinstance(source, Overview) else None
        self._names: dict[str, str] = {}
        self._items: list[CellItem] = []
        self._placed = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(Content("Collecting analysed articles…"), id="overview-summary")
        yield OverviewMatrix(id="overview-matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=2)
        with Vertical(id="overview-detail"):
            yield Static(Content(""), id="overview-cell")
            yield Sparkline([], summary_function=max, id="overview-timeline")
            yield Static(Content(""), id="overview-periods")
        items = OverviewItems(id="overview-items", markup=False)
        items.display = False
        yield items
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OverviewMatrix).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill_matrix())
        if self.overview is not None:
            self._names = self._resolve_names(self.overview)
            self._show_overview()
        else:
            self._collect()

    @work(thread=True, exclusive=True, group="overview")
    def _collect(self) -> None:
        try:
            overview = self._source()  # type: ignore[operator]
            names = self._resolve_names(overview)
        except Exception as exc:  # noqa: BLE001 - a failed overview is a message, not a crash
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._collected, overview, names)

    def _collected(self, overview: Overview, names: dict[str, str]) -> None:
        if not self.is_attached:
            return  # closed while the library was read
        self.overview = overview
        self._names = names
        self._show_overview()

    def _failed(self, message: str) -> None:
        if not self.is_attached:
            return
        self.query_one("#overview-summary", Static).update(Content(f"Could not build the overview: {clean(message)}"))

    def _resolve_names(self, overview: Overview) -> dict[str, str]:
        namer = self._country_name or _default_country_name
        names = {}
        for code in overview.countries:
            if code == UNATTRIBUTED:
                names[code] = UNATTRIBUTED_NAME
                continue
            try:
                names[code] = clean(namer(code)) or code
            except Exception:  # noqa: BLE001
                names[code] = code
        return names

    # ------------------------------------------------------------------ drawing

    def _show_overview(self) -> None:
        overview = self.overview
        assert overview is not None
        parts = [f"Across the library · {overview.articles:,} analysed article{'s' if overview.articles != 1 else ''}"]
        if overview.skipped:
            parts.append(f"{overview.skipped:,} not analysed yet (open them to analyse)")
        reactions = sum(len(v) for v in overview.cells.values())
        parts.append(f"{reactions:,} reactions")
        if overview.is_empty:
            parts.append("nothing to show: no reactions found in the analysed articles")
        self.query_one("#overview-summary", Static).update(Content(" · ".join(parts)))
        self._fill_matrix()

    def _kind_style(self, category: str) -> RichStyle:
        kind = CATEGORY_KIND.get(category)
        colour = theme_colour(self.app, reaction_variable(f"{kind[0]}-{kind[1]}")) if kind else None
        return RichStyle(color=colour.rich_color if colour else None, bold=True)

    def _fill_matrix(self) -> None:
        overview = self.overview
        if overview is None:
            return
        table = self.query_one(OverviewMatrix)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        labels = {code: self._label(code) for code in overview.countries}
        width = min(COUNTRY_WIDTH, max((len(label) for label in labels.values()), default=7))
        table.add_column(Text("Country"), key=COUNTRY_COLUMN, width=max(7, width))
        table.add_column(Text("All", justify="right"), key=TOTAL_COLUMN)
        for category in overview.categories:
            table.add_column(Text(category, style=self._kind_style(category)), key=category)
        for code in overview.countries:
            label = Text(labels[code], no_wrap=True, overflow="ellipsis")
            cells: list[Text] = [label, Text(str(overview.total(code)), justify="right", style="bold")]
            for category in overview.categories:
                n = overview.count(code, category)
                cells.append(
                    Text(str(n), justify="right", style=self._kind_style(category))
                    if n
                    else Text("·", justify="right", style="dim")
                )
            table.add_row(*cells, key=ROW_PREFIX + code)
        if overview.countries:
            row = min(cursor.row, len(overview.countries) - 1)
            column = cursor.column
            if not self._placed:
                # Start on the first country's busiest category.
                self._placed = True
                counts = [overview.count(overview.countries[0], c) for c in overview.categories]
                column = 2 + counts.index(max(counts)) if counts else 0
            table.move_cursor(row=row, column=column, animate=False)
            self._describe(row, column)

    def _label(self, code: str) -> str:
        """ "France · FRA"; a long name is shortened so that the code still shows."""
        name = self._names.get(code, code)
        if not code or name == code:
            return name
        room = COUNTRY_WIDTH - len(code) - 3
        if len(name) > room:
            name = name[: max(1, room - 1)].rstrip() + "…"
        return f"{name} · {code}"

    def _cell_at(self, row: int, column: int) -> tuple[str, str | None] | None:
        """(country code, category or None for the whole row) under the matrix cursor."""
        overview = self.overview
        if overview is None or not 0 <= row < len(overview.countries):
            return None
        code = overview.countries[row]
        index = column - 2
        category = overview.categories[index] if 0 <= index < len(overview.categories) else None
        return code, category

    def _describe(self, row: int, column: int) -> None:
        overview = self.overview
        cell = self._cell_at(row, column)
        if overview is None or cell is None:
            return
        code, category = cell
        name = self._names.get(code, code)
        if category is None:
            n = overview.total(code)
            what = f"{name}: {n:,} reaction{'s' if n != 1 else ''} in all categories"
        else:
            items = overview.items(code, category)
            articles = len({i.article.path for i in items})
            mode, tone = CATEGORY_KIND.get(category, ("", ""))
            what = (
                f"{name} · {category} ({mode}, {tone}): {len(items):,} reaction{'s' if len(items) != 1 else ''}"
                f" in {articles:,} article{'s' if articles != 1 else ''}"
            )
        count = overview.count(code, category) if category else overview.total(code)
        hint = f"  ·  {keys.active_keys(self.app, 'overview.open', first=True)} lists them" if count else ""
        self.query_one("#overview-cell", Static).update(
            Content.assemble((what, Style(bold=True)), (hint, Style(dim=True)))
        )
        self._show_timeline(code, name)

    def _show_timeline(self, code: str, name: str) -> None:
        overview = self.overview
        assert overview is not None
        periods = [p for p in overview.periods if p != UNDATED]
        series = overview.series(code)
        dated = series[: len(periods)]
        sparkline = self.query_one("#overview-timeline", Sparkline)
        sparkline.data = dated if dated else [0]
        undated = overview.timeline.get(code, Counter()).get(UNDATED, 0)
        by = {"day": "day", "month": "month", "year": "year"}.get(overview.granularity, overview.granularity)
        if periods:
            busiest = sorted(((n, p) for p, n in zip(periods, dated, strict=True) if n), reverse=True)[:3]
            peaks = ", ".join(f"{p}: {n}" for n, p in busiest)
            line = f"{name} by {by}: {periods[0]} → {periods[-1]}" + (f"  ·  busiest {peaks}" if peaks else "")
        else:
            line = f"{name}: no dated articles"
        if undated:
            line += f"  ·  undated: {undated}"
        self.query_one("#overview-periods", Static).update(Content(line))

    # ------------------------------------------------------------------ events

    @on(DataTable.CellHighlighted)
    def _on_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._describe(event.coordinate.row, event.coordinate.column)

    @on(DataTable.CellSelected)
    def _on_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.open_cell(event.coordinate.row, event.coordinate.column)

    def open_cell(self, row: int, column: int) -> None:
        """List the reactions behind a cell (or a whole row) below the matrix."""
        overview = self.overview
        cell = self._cell_at(row, column)
        if overview is None or cell is None:
            return
        code, category = cell
        self._items = overview.items(code, category)[:MAX_ITEMS]
        listing = self.query_one(OverviewItems)
        listing.clear_options()
        if not self._items:
            self.notify("No reactions in this cell.", markup=False, timeout=2)
            return
        listing.add_options([Option(self._item_prompt(item), id=f"item-{n}") for n, item in enumerate(self._items)])
        listing.display = True
        listing.highlighted = 0
        listing.focus()

    def _item_prompt(self, item: CellItem) -> Content:
        reaction = item.reaction
        date = clean(item.article.date) or "undated"
        title = clean(item.article.title) or "(untitled)"
        actor = clean(reaction.actor_name)
        parts: list[tuple[str, Style] | str] = [(date, Style(dim=True)), "  ", (title, Style(bold=True)), "\n  "]
        if actor:
            parts += [(actor, Style(bold=True)), " "]
        parts.append(reaction_phrase(reaction))
        parts.append((f"  {reaction.category.lower()}", Style(dim=True)))
        return Content.assemble(*parts)

    @on(OptionList.OptionSelected, "#overview-items")
    def _on_item_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self._items):
            item = self._items[index]
            self.dismiss(OverviewChoice(item.article.path, item.span))

    def action_back_to_matrix(self) -> None:
        listing = self.query_one(OverviewItems)
        listing.display = False
        self.query_one(OverviewMatrix).focus()

    def action_close(self) -> None:
        if self.query_one(OverviewItems).display:
            self.action_back_to_matrix()
        else:
            self.dismiss(None)
