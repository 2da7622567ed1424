"""The actors side panel: who did what, by country, then key figures and sources.

Before an article is analysed the panel shows its metadata (source, date, URL, length, reading
time) and, while analysis runs, "analysing…". With an ``Analysis`` it lists the groups built by
:func:`newsreader.present.panel.build_panel`, each line wrapped with a hanging indent so it stays
readable in a narrow column. Choosing a line posts ``JumpTo`` (the article scrolls to the
evidence), ``f`` posts ``ShowMentions`` and ``escape`` ``ClearMentions``.

It is a Line-API view (like the article): rows are wrapped once per width into a table of
screen lines, and only the lines on screen are turned into strips. (An ``OptionList`` renders
and measures every option through the Visual machinery: about 15 ms for a 60-row panel, the
largest single cost of a warm start's first frame.)

All document-derived text is put into ``Content`` objects as plain text: a name like
"[bold]X[/bold]" is shown as written, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus
from newsreader.present.facts import article_facts
from newsreader.present.panel import UNCERTAIN_MARK, PanelGroup, PanelItem, PanelModel, build_panel
from newsreader.ui import keys
from newsreader.ui.themes import layer_variable, reaction_variable
from newsreader.ui.widgets.legend import colour_style
from newsreader.ui.widgets.pass_style import PassStyleMixin

Span = tuple[int, int]

#: Shapes tell verbal from material acts without relying on colour alone.
_MODE_GLYPH = {"verbal": "●", "material": "■"}


class Hanging:
    """A line of content with a lead-in (indent, bullet) and its wrapped lines indented to
    match, so a long reaction wraps under its own text rather than under the bullet."""

    __slots__ = ("body", "lead")

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead = lead
        self.body = body

    @property
    def indent(self) -> int:
        return self.lead.cell_length

    def wrap(self, width: int) -> list[Content]:
        """The screen lines at ``width`` cells."""
        indent = self.indent
        if width - indent < 8:  # too narrow to indent: plain wrapping reads better
            return _wrap(self.lead + self.body, width)
        pad = Content(" " * indent)
        return [(self.lead if n == 0 else pad) + line for n, line in enumerate(_wrap(self.body, width - indent))]


def _wrap(content: Content, width: int) -> list[Content]:
    return content.wrap(max(width, 1)) or [Content("")]


def _lines_of(visual: Content | Hanging, width: int) -> list[Content]:
    return visual.wrap(width) if isinstance(visual, Hanging) else _wrap(visual, width)


@dataclass(slots=True)
class _Row:
    """One option of the list and what choosing it does."""

    key: str  # stable identity, to keep the cursor on the same line across re-renders
    visual: Content | Hanging
    item: PanelItem | None = None  # a line that jumps to evidence
    toggles: str | None = None  # a header: the key of the group it folds
    group: str | None = None  # the group an item line sits in
    spans: tuple[Span, ...] = ()  # a header's: every span of its lines, for ``f``
    selectable: bool = True
    divider: bool = False


class ActorsPanel(PassStyleMixin, ScrollView, can_focus=True):
    """The right-hand panel: article facts before analysis, actors by country after it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"actors-panel--cursor", "actors-panel--divider"}

    DEFAULT_CSS = """
    ActorsPanel {
        height: 1fr;
        width: 1fr;
        padding: 0 1;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        /* Reserved: the wrap width stays put when the scrollbar comes or goes. */
        scrollbar-gutter: stable;
        /* A tinted cursor bar rather than a solid one: the coloured text stays legible. */
        & > .actors-panel--cursor {
            background: $primary 15%;
        }
        &:focus {
            background-tint: $foreground 3%;
            & > .actors-panel--cursor {
                background: $primary 35%;
                text-style: bold;
            }
        }
        & > .actors-panel--divider {
            color: $foreground 10%;
        }
    }
    """

    BINDINGS = keys.bindings(keys.PANEL_KEYS)

    class JumpTo(Message):
        """Scroll the article to ``[start, end)`` of ``Document.text`` and flash it."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    class ShowMentions(Message):
        """Highlight every span (all mentions of the chosen actor) in the article."""

        def __init__(self, spans: list[Span]) -> None:
            super().__init__()
            self.spans = spans

    class ClearMentions(Message):
        """Remove the mention highlights."""

    def __init__(
        self,
        *,
        country_name: Callable[[str], str] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``country_name`` maps a code to a name ("KAZ" -> "Kazakhstan"); by default the
        gazetteer's display names (``country_names.display_name``, read once, ~2 ms)."""
        super().__init__(name=name, id=id, classes=classes)
        self._country_name = country_name
        self.document = None
        self.analysis: Analysis | None = None
        self.analysing = False
        self.model: PanelModel | None = None
        self._rows: list[_Row] = []
        self._collapsed: set[str] = set()
        self._document_key: tuple[str, str] | None = None
        self._cursor: int | None = None
        # The screen lines at the width they were wrapped for: (row, line of the row), line -1
        # being the rule under a divider row; the row's wrapped lines; its first line.
        self._layout_width = -1
        self._lines: list[tuple[int, int]] = []
        self._wrapped: list[list[Content]] = []
        self._row_start: list[int] = []
        self._strips: dict[int, Strip] = {}

    # ----------------------------------------------------------------- public API

    def show(self, document, analysis: Analysis | None, analysing: bool = False) -> None:
        """Show ``document``'s facts, or its analysis once there is one."""
        key = None if document is None else (getattr(document, "path", ""), getattr(document, "sha256", ""))
        if key != self._document_key:
            self._collapsed.clear()
            self._cursor = None
            self.scroll_home(animate=False, immediate=True)
        self._document_key = key
        self.document = document
        self.analysis = analysis
        self.analysing = analysing
        self.model = build_panel(analysis, self._name_for) if analysis is not None else None
        self._render_rows()

    @property
    def rows(self) -> list[_Row]:
        """The lines currently listed (for tests and the app's status line)."""
        return list(self._rows)

    @property
    def current_item(self) -> PanelItem | None:
        """The line under the cursor, if it is an actor, reaction, figure or source."""
        row = self._current_row()
        return row.item if row else None

    # ----------------------------------------------------------------- country names

    def _name_for(self, code: str) -> str:
        if self._country_name is not None:
            return self._country_name(code)
        from newsreader.analysis.country_names import display_name

        return display_name(code)

    # ----------------------------------------------------------------- rendering

    def on_mount(self) -> None:
        # Colours are read from the theme when rows are built: rebuild them on a theme change.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if not self._rows:
            self._render_rows()

    def on_focus(self) -> None:
        # Show the cursor as soon as the panel is entered, so enter/f act on something visible.
        if self._cursor is None:
            self.action_first()

    def _theme_changed(self, _theme: object) -> None:
        self._render_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # :focus or a theme changed the cursor and rule colours: drawn lines are stale.
        if hasattr(self, "_strips"):
            self._strips.clear()

    def _style(self, variable: str, *, bold: bool | None = None, italic: bool | None = None) -> Style:
        return colour_style(self.app, variable, bold=bold, italic=italic)

    def _render_rows(self) -> None:
        if not self.is_mounted:
            return
        previous = self._current_row()
        previous_key = previous.key if previous else None
        self._rows = self._fact_rows() if self.model is None else self._analysis_rows(self.model)
        self._layout_width = -1  # wrap the new rows
        self._strips.clear()
        target = next((n for n, r in enumerate(self._rows) if r.key == previous_key and r.selectable), None)
        if target is None and previous_key is not None:
            # The line is gone (its group folded): stay on the group header.
            group = previous.group if previous else None
            target = next((n for n, r in enumerate(self._rows) if r.toggles == group and group), None)
        self._cursor = None
        if target is not None:
            self.highlighted = target
        elif previous_key is None and self.has_focus:
            self.action_first()
        self.refresh()

    # Screen lines ------------------------------------------------------------------

    def _ensure_layout(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._relayout(width)

    def _relayout(self, width: int) -> None:
        """Wrap every row at ``width`` into the table of screen lines."""
        lines: list[tuple[int, int]] = []
        wrapped: list[list[Content]] = []
        starts: list[int] = []
        last = len(self._rows) - 1
        for n, row in enumerate(self._rows):
            row_lines = _lines_of(row.visual, width)
            wrapped.append(row_lines)
            starts.append(len(lines))
            lines.extend((n, i) for i in range(len(row_lines)))
            if row.divider and n < last:
                lines.append((n, -1))
        self._layout_width = width
        self._lines, self._wrapped, self._row_start = lines, wrapped, starts
        self._strips.clear()
        self.virtual_size = Size(max(width, 0), len(lines))

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self._layout_width
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.base_style)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._render_screen_line(index, width)
        return strip

    def _render_screen_line(self, index: int, width: int) -> Strip:
        row, line = self._lines[index]
        if line < 0:
            rule = self.get_component_rich_style("actors-panel--divider")
            return Strip([Segment("─" * width, rule)], width)
        if row == self._cursor:
            style = self.get_visual_style("actors-panel--cursor")
        else:
            style = self.get_visual_style()
        segments = self._wrapped[row][line].render_segments(style)
        return Strip(segments).adjust_cell_length(width, style.rich_style)

    # ----------------------------------------------------------------- the cursor

    @property
    def highlighted(self) -> int | None:
        """The row under the cursor (an index into ``rows``), or None."""
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not (0 <= index < len(self._rows) and self._rows[index].selectable):
            index = None
        if index == self._cursor:
            return
        self._cursor = index
        self._strips.clear()
        self.refresh()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        """Bring the cursor's row (with its wrapped lines) into view."""
        if self._cursor is None or not self.is_mounted:
            return
        self._ensure_layout()
        if not self._row_start or self._cursor >= len(self._row_start):
            return
        top = self._row_start[self._cursor]
        height = len(self._wrapped[self._cursor])
        self.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True, force=True)

    def _selectable(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if row.selectable]

    def _step(self, direction: int) -> None:
        selectable = self._selectable()
        if not selectable:
            return
        cursor = self._cursor
        if cursor is None:
            self.highlighted = selectable[0] if direction > 0 else selectable[-1]
            return
        after = [n for n in selectable if (n - cursor) * direction > 0]
        if after:
            self.highlighted = min(after, key=lambda n: abs(n - cursor))
        else:  # past the end: wrap around, as Textual's lists do
            self.highlighted = selectable[0] if direction > 0 else selectable[-1]

    def action_cursor_down(self) -> None:
        """Next selectable line."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Previous selectable line."""
        self._step(-1)

    def action_first(self) -> None:
        selectable = self._selectable()
        self.highlighted = selectable[0] if selectable else None

    def action_last(self) -> None:
        selectable = self._selectable()
        self.highlighted = selectable[-1] if selectable else None

    def _page(self, direction: int) -> None:
        selectable = self._selectable()
        if not selectable:
            return
        self._ensure_layout()
        current = self._cursor if self._cursor is not None else selectable[0]
        line = self._row_start[current] + direction * self.scrollable_content_region.height
        line = min(max(line, 0), len(self._lines) - 1)
        target_row = self._lines[line][0]
        # The selectable row nearest the line a page away, not past it.
        candidates = [n for n in selectable if (n - target_row) * direction <= 0] or selectable
        self.highlighted = max(candidates) if direction > 0 else min(candidates)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_y) + offset.y
        if 0 <= index < len(self._lines):
            row = self._lines[index][0]
            if self._rows[row].selectable:
                self.highlighted = row
                self.action_select()

    # Before analysis -------------------------------------------------------------

    def _fact_rows(self) -> list[_Row]:
        document = self.document
        if document is None:
            return [_Row("empty", Content.styled("No article open.", Style(dim=True)), selectable=False)]
        facts = article_facts(document)
        muted = Style(dim=True)
        rows = [
            _Row("title", Content.styled(facts.title, Style(bold=True)), selectable=False),
            _Row("gap", Content(" "), selectable=False),
        ]
        width = max(len(label) for label, _ in facts.rows) + 2
        for label, value in facts.rows:
            lead = Content.styled(label.ljust(width), muted)
            body = Content.styled(value, self._style("link")) if label == "URL" else Content(value)
            rows.append(_Row(f"fact:{label}", Hanging(lead, body), selectable=False))
        if self.analysing:
            rows.append(_Row("gap2", Content(" "), selectable=False))
            analysing = Content.styled("analysing…", self._style("accent", italic=True))
            rows.append(_Row("analysing", analysing, selectable=False))
        if facts.problems:
            colour = "error" if facts.status is DocStatus.ERROR else "warning"
            rows.append(_Row("gap3", Content(" "), selectable=False))
            for n, problem in enumerate(facts.problems):
                lead = Content.styled("! ", self._style(colour, bold=True))
                body = Content.styled(problem, self._style(colour))
                rows.append(_Row(f"problem:{n}", Hanging(lead, body), selectable=False))
        return rows

    # With analysis ---------------------------------------------------------------

    def _analysis_rows(self, model: PanelModel) -> list[_Row]:
        rows: list[_Row] = []
        for n, notice in enumerate(model.notices):
            lead = Content.styled("! ", self._style("warning", bold=True))
            body = Content.styled(notice, self._style("warning", italic=True))
            rows.append(_Row(f"notice:{n}", Hanging(lead, body), selectable=False))
        if model.notices:
            rows[-1].divider = True
        if model.is_empty:
            rows.append(
                _Row(
                    "nothing",
                    Content.styled("No actors, reactions or figures found in this article.", Style(dim=True)),
                    selectable=False,
                )
            )
            return rows
        for group in model.groups:
            rows.extend(self._group_rows(group))
        if model.events:
            rows.extend(self._section_rows("section:events", "Events", model.events))
        if model.figures:
            rows.extend(self._section_rows("section:figures", "Key figures", model.figures))
        if model.sources:
            rows.extend(self._section_rows("section:sources", "Sources", model.sources))
        return rows

    def _header(self, key: str, title: str, items: Sequence[PanelItem], colour: str | None) -> _Row:
        """A foldable heading; ``colour`` None draws it muted (sections, unattributed)."""
        folded = key in self._collapsed
        title_style = self._style(colour, bold=True) if colour else Style(bold=True, dim=True)
        parts: list[tuple[str, Style] | str] = [(title, title_style)]
        if folded and items:
            parts.append((f"  {len(items)}", Style(dim=True)))
        lead = Content.styled("▸ " if folded else "▾ ", Style(dim=True))
        # Names and trigger words, not whole evidence sentences: those would flood the article.
        named = (item for item in items if item.kind != "reaction" or item.spans != (item.jump,))
        spans = tuple(sorted({span for item in named for span in item.spans}))
        return _Row(key, Hanging(lead, Content.assemble(*parts)), toggles=key, spans=spans)

    def _group_rows(self, group: PanelGroup) -> list[_Row]:
        key = group.key
        colour = "foreground" if group.code else None
        items = [*group.actors, *group.reactions]
        rows = [self._header(key, group.title, items, colour)]
        if key not in self._collapsed:
            rows.extend(self._item_row(key, n, item) for n, item in enumerate(items))
        rows[-1].divider = True
        return rows

    def _section_rows(self, key: str, title: str, items: tuple[PanelItem, ...]) -> list[_Row]:
        rows = [self._header(key, title, items, None)]
        if key not in self._collapsed:
            rows.extend(self._item_row(key, n, item) for n, item in enumerate(items))
        rows[-1].divider = True
        return rows

    def _item_row(self, group: str, n: int, item: PanelItem) -> _Row:
        muted = Style(dim=True)
        if item.kind == "reaction":
            tone = item.tone or ""
            mode = tone.split("-")[0] if tone else ""
            colour = self._style(reaction_variable(tone)) if tone else Style()
            glyph = _MODE_GLYPH.get(mode, "•")
            lead = Content.assemble("  ", (glyph, colour), " ")
            text_style = colour + Style(italic=item.hedged or item.negated, dim=item.negated)
            parts: list[tuple[str, Style] | str] = []
            if item.lead:
                parts += [(item.lead, Style(bold=True)), " "]
            parts.append((item.text, text_style))
            if item.count > 1:
                parts.append((f" ×{item.count}", muted))
            if item.category:
                parts.append(("  " + item.category.lower(), muted))
            body = Content.assemble(*parts)
        elif item.kind == "figure":
            lead = Content("  ")
            body = Content.assemble((item.lead, self._style(layer_variable("numbers"), bold=True)), " ", item.text)
        else:  # actor or source
            lead = Content.assemble(" ", (UNCERTAIN_MARK, muted)) if item.uncertain else Content("  ")
            name_style = self._style(layer_variable(item.layer)) if item.layer else Style()
            parts = [(item.text, name_style)]
            if item.detail:
                parts += ["  ", (item.detail, Style(italic=True, dim=True))]
            if item.count > 1:
                parts += ["  ", (f"×{item.count}", muted)]
            body = Content.assemble(*parts)
        return _Row(f"{group}:{item.kind}:{n}:{item.text}", Hanging(lead, body), item=item, group=group)

    # ----------------------------------------------------------------- navigation

    def _current_row(self) -> _Row | None:
        index = self._cursor
        return self._rows[index] if index is not None and index < len(self._rows) else None

    def action_select(self) -> None:
        """Enter/click: fold a header, or jump the article to a line's evidence."""
        row = self._current_row()
        if row is None:
            return
        if row.toggles:
            self._set_folded(row.toggles, row.toggles not in self._collapsed)
        elif row.item is not None and row.item.jump is not None:
            start, end = row.item.jump
            self.post_message(self.JumpTo(start, end))

    def action_toggle_group(self) -> None:
        """``space``: fold or unfold the group under the cursor."""
        row = self._current_row()
        if row is None:
            return
        key = row.toggles or row.group
        if key:
            self._set_folded(key, key not in self._collapsed)

    def action_collapse_group(self) -> None:
        """``h``/``left``: fold the group under the cursor, leaving the cursor on its header."""
        row = self._current_row()
        if row is None:
            return
        key = row.toggles or row.group
        if key:
            self._set_folded(key, True)

    def action_expand_group(self) -> None:
        """``l``/``right``: unfold the group whose header is under the cursor."""
        row = self._current_row()
        if row is not None and row.toggles:
            self._set_folded(row.toggles, False)

    def _set_folded(self, key: str, folded: bool) -> None:
        if folded == (key in self._collapsed):
            return
        if folded:
            self._collapsed.add(key)
        else:
            self._collapsed.discard(key)
        self._render_rows()

    def action_show_mentions(self) -> None:
        """``f``: highlight every mention of the actor under the cursor (a reaction's trigger
        words, a figure's number; on a header, everything its group lists)."""
        row = self._current_row()
        if row is None:
            return
        spans = row.item.spans if row.item is not None else row.spans
        if spans:
            self.post_message(self.ShowMentions(list(spans)))

    def action_clear_mentions(self) -> None:
        """``escape``: remove the mention highlights."""
        self.post_message(self.ClearMentions())
