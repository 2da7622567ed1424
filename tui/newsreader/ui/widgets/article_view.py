"""The article pane: a Line-API scroll view that lays ``Document.blocks`` out in a reading column.

Layout happens once per width (a fast greedy word wrap over ``Document.text``); every wrapped
line remembers the ``[start, end)`` slice of the text it shows, so entities, search matches,
mentions and flashes — all offsets into ``Document.text`` — map straight onto screen lines.
Only lines that are on screen are styled and rendered, and their strips are cached until a
style input changes (visible layers, search, mentions, flash, theme, width).

Document text is untrusted: it is only ever placed into ``rich.text.Text`` objects as plain
strings (never parsed as markup), and control characters are replaced before they can reach
the terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.model.analysis import Analysis
from newsreader.model.vocabulary import LAYERS
from newsreader.ui import keys
from newsreader.ui.widgets.pass_style import PassStyleMixin

if TYPE_CHECKING:  # the library package (markdown parser) loads in a worker, after first paint
    from textual.timer import Timer

    from newsreader.model.document import Block, Document

#: The reading column never gets wider than this (cells), however wide the pane.
MAX_COLUMN = 80
#: Blank cells kept on each side of the column when the pane is narrow.
MIN_MARGIN = 2
FLASH_SECONDS = 1.5

_WORD = re.compile(r"\S+")

# Every character is replaced by exactly one character, so display offsets stay text offsets.
_PROSE_TABLE = dict.fromkeys([*range(32), 127, *range(128, 160)], "�")
_PROSE_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", ord("\f"): " ", ord("\v"): " "})
_CODE_TABLE = dict(_PROSE_TABLE)
_CODE_TABLE[ord("\t")] = "\t"  # expanded after styling by Text.expand_tabs (which moves spans)

# Keyed by the enums' string values (InlineStyle / BlockKind are str enums), which keeps this
# module free of a runtime import of the library package.
_RUN_COMPONENT = {
    "em": "article--em",
    "strong": "article--strong",
    "code": "article--inline-code",
    "link": "article--link",
    "image": "article--image",
    "strike": "article--strike",
}
_BLOCK_COMPONENT = {
    "title": "article--title",
    "heading": "article--heading",
    "paragraph": "article--text",
    "list_item": "article--text",
    "quote": "article--quote",
    "code": "article--code",
    "table_row": "article--table",
    "rule": "article--rule",
    "meta": "article--meta",
}
# Blocks that keep their own line breaks instead of being reflowed.
_PREFORMATTED = {"code", "table_row"}
# Consecutive blocks of these kinds are not separated by a blank line.
_TIGHT = {"list_item", "table_row", "meta"}


def _kind(value: str) -> str:
    """The plain string of a BlockKind / InlineStyle member (or of a plain string)."""
    return getattr(value, "value", value)


def _width(s: str) -> int:
    return len(s) if s.isascii() else cell_len(s)


@dataclass(slots=True)
class Layout:
    """Wrapped lines for one column width. Parallel lists, one entry per screen line.

    ``block[i]`` is -1 for spacer lines (blank separators), whose ``start == end``.
    ``prefix[i]`` is drawn before the text (list marker, hanging indent, quote bar).
    """

    width: int
    column: int
    margin: int
    start: list[int]
    end: list[int]
    block: list[int]
    prefix: list[str]

    def __len__(self) -> int:
        return len(self.start)

    def line_of_offset(self, offset: int) -> int:
        """The first screen line showing ``offset`` (or the nearest line after it)."""
        i = bisect_right(self.start, offset) - 1
        i = max(i, 0)
        # Step back over lines that start at the same offset (wrapped lines share no offsets,
        # but spacer lines do); then forward to a line that actually holds text.
        while i > 0 and self.start[i - 1] == self.start[i] and self.block[i - 1] != -1:
            i -= 1
        n = len(self.start)
        while i < n - 1 and (self.block[i] == -1 or self.end[i] < offset) and self.start[i + 1] <= offset:
            i += 1
        while i < n - 1 and self.block[i] == -1:
            i += 1
        return i


def _wrap_prose(text: str, start: int, end: int, avail: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into ``avail`` cells; returns (start, end) slices."""
    lines: list[tuple[int, int]] = []
    line_start = -1
    line_end = 0
    line_width = 0
    for match in _WORD.finditer(text, start, end):
        s, e = match.span()
        word = match.group()
        w = _width(word)
        if line_start >= 0 and line_width + (s - line_end) + w <= avail:
            line_width += (s - line_end) + w
            line_end = e
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        if w <= avail:
            line_start, line_end, line_width = s, e, w
            continue
        # A word longer than the column (URLs, hashes): cut it into column-sized pieces.
        piece_start, piece_width = s, 0
        for i, ch in enumerate(word):
            cw = _width(ch)
            if piece_width + cw > avail and piece_width:
                lines.append((piece_start, s + i))
                piece_start, piece_width = s + i, 0
            piece_width += cw
        line_start, line_end, line_width = piece_start, e, piece_width
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


def _wrap_preformatted(text: str, start: int, end: int, avail: int) -> list[tuple[int, int]]:
    """Keep line breaks; cut lines longer than the column (no reflow)."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        newline = text.find("\n", pos, end)
        line_end = end if newline < 0 else newline
        segment = text[pos:line_end]
        if _width(segment.replace("\t", "    ")) <= avail:
            lines.append((pos, line_end))
        else:
            piece_start, piece_width = pos, 0
            for i, ch in enumerate(segment):
                cw = 4 if ch == "\t" else _width(ch)
                if piece_width + cw > avail and piece_width:
                    lines.append((piece_start, pos + i))
                    piece_start, piece_width = pos + i, 0
                piece_width += cw
            lines.append((piece_start, line_end))
        if newline < 0:
            break
        pos = newline + 1
    return lines or [(start, start)]


def layout_document(document: Document, width: int, max_column: int = MAX_COLUMN) -> Layout:
    """Wrap ``document`` for a pane ``width`` cells wide."""
    column = max(8, min(max_column, width - 2 * MIN_MARGIN))
    column = min(column, max(width, 1))
    margin = max(0, (width - column) // 2)
    starts: list[int] = []
    ends: list[int] = []
    block_ids: list[int] = []
    prefixes: list[str] = []
    text = document.text

    def spacer(at: int, prefix: str = "") -> None:
        starts.append(at)
        ends.append(at)
        block_ids.append(-1)
        prefixes.append(prefix)

    previous: Block | None = None
    previous_kind = ""
    marker_width: dict[int, int] = {}  # list depth -> width of the last marker drawn there
    for index, block in enumerate(document.blocks):
        kind = _kind(block.kind)
        if previous is not None:
            same_tight = kind == previous_kind and kind in _TIGHT
            if kind == "quote" and previous_kind == "quote":
                spacer(block.start, "│ " * max(1, min(block.depth, previous.depth)))
            elif not same_tight:
                spacer(block.start)
        previous, previous_kind = block, kind

        if kind == "rule":
            starts.append(block.start)
            ends.append(block.start)
            block_ids.append(index)
            prefixes.append("")
            continue
        if kind == "list_item":
            indent = "  " * max(0, block.depth - 1)
            if block.marker:
                marker_width[block.depth] = _width(block.marker)
                first_prefix = indent + block.marker
            else:
                # A later paragraph of the same item: no second bullet, just the item's indent.
                first_prefix = indent + " " * marker_width.get(block.depth, _width("• "))
            rest_prefix = " " * _width(first_prefix)
        elif kind == "quote":
            first_prefix = rest_prefix = "│ " * max(1, block.depth)
        elif kind == "code":
            first_prefix = rest_prefix = "  "
        else:
            first_prefix = rest_prefix = block.marker if kind == "heading" and block.marker else ""
            rest_prefix = " " * _width(first_prefix)
        avail = max(1, column - _width(first_prefix) - (2 if kind == "code" else 0))
        if kind in _PREFORMATTED:
            pieces = _wrap_preformatted(text, block.start, block.end, avail)
        else:
            pieces = _wrap_prose(text, block.start, block.end, avail) or [(block.start, block.start)]
        for i, (s, e) in enumerate(pieces):
            starts.append(s)
            ends.append(e)
            block_ids.append(index)
            prefixes.append(first_prefix if i == 0 else rest_prefix)
    return Layout(width, column, margin, starts, ends, block_ids, prefixes)


def notice_document(title: str, paragraphs: Sequence[str], path: str = "") -> Document:
    """A small synthetic document used to explain something in the article pane."""
    from newsreader.model.document import Block, BlockKind, Document, Metadata

    parts = [title, *paragraphs]
    text = "\n\n".join(parts)
    blocks: list[Block] = []
    offset = 0
    for i, part in enumerate(parts):
        kind = BlockKind.TITLE if i == 0 else BlockKind.PARAGRAPH
        blocks.append(Block(kind, offset, offset + len(part)))
        offset += len(part) + 2
    return Document(path=path, text=text, blocks=blocks, meta=Metadata(title=title))


class _Spans:
    """Sorted, possibly overlapping ``(start, end, tag)`` spans with fast overlap queries."""

    __slots__ = ("items", "longest", "starts")

    def __init__(self, items: Iterable[tuple[int, int, str]]):
        self.items = sorted((s, e, t) for s, e, t in items if e > s)
        self.starts = [s for s, _, _ in self.items]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [item for item in self.items[lo:hi] if item[1] > start]

    def __len__(self) -> int:
        return len(self.items)


class ArticleView(PassStyleMixin, ScrollView, can_focus=True):
    """Shows one document in a wrapped reading column with highlight layers.

    Public API used by the app and the actors panel: ``show(document)``, ``set_analysis``,
    ``visible_layers``, ``search`` / ``search_step`` / ``clear_search``, ``scroll_to_offset``,
    ``flash``, ``set_mentions`` / ``clear_mentions``, ``line_of_offset`` and ``rendered_text``.
    """

    BINDINGS = keys.bindings(keys.ARTICLE_KEYS)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--heading",
        "article--meta",
        "article--text",
        "article--quote",
        "article--quote-bar",
        "article--code",
        "article--table",
        "article--rule",
        "article--marker",
        "article--em",
        "article--strong",
        "article--inline-code",
        "article--link",
        "article--image",
        "article--strike",
        "article--search-match",
        "article--search-current",
        "article--flash",
        "article--mention",
        *(f"article--layer-{layer}" for layer in LAYERS),
    }

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._layout: Layout | None = None
        self._visible_layers: set[str] = set(LAYERS)
        self._entities = _Spans(())
        self._matches: list[tuple[int, int]] = []
        self._match_spans = _Spans(())
        self._current_match = -1
        self._mentions = _Spans(())
        self._flash: tuple[int, int] | None = None
        self._flash_timer: Timer | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._search_query = ""
        self.placeholder = ""  # shown when there is no document (e.g. "Loading…")
        self._pending_anchor: int | None = None
        self._in_relayout = False

    # ----------------------------------------------------------------------------------- content

    def show(self, document: Document | None, analysis: Analysis | None = None) -> None:
        """Display ``document`` from its top; clears search, mentions and flash."""
        self.document = document
        self._matches = []
        self._match_spans = _Spans(())
        self._current_match = -1
        self._search_query = ""
        self._mentions = _Spans(())
        self._flash = None
        self.set_analysis(analysis, refresh=False)
        self._layout = None
        self._pending_anchor = None
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def set_analysis(self, analysis: Analysis | None, refresh: bool = True) -> None:
        """Attach the entities to highlight; never re-runs anything, just restyles."""
        self.analysis = analysis
        self._entities = _Spans(
            (e.start, e.end, e.layer) for e in (analysis.entities if analysis else ()) if e.layer in LAYERS
        )
        if refresh:
            self._restyle()

    @property
    def visible_layers(self) -> frozenset[str]:
        return frozenset(self._visible_layers)

    @visible_layers.setter
    def visible_layers(self, layers: Iterable[str]) -> None:
        self._visible_layers = set(layers) & set(LAYERS)
        self._restyle()

    def toggle_layer(self, layer: str) -> bool:
        """Show or hide one layer; returns whether it is now visible."""
        if layer in self._visible_layers:
            self._visible_layers.discard(layer)
        else:
            self._visible_layers.add(layer)
        self._restyle()
        return layer in self._visible_layers

    # ------------------------------------------------------------------------------------ search

    @property
    def search_query(self) -> str:
        return self._search_query

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int:
        """Index of the current match (0-based), or -1."""
        return self._current_match

    def search(self, query: str) -> int:
        """Highlight every case-insensitive occurrence of ``query``; returns how many there are."""
        self._search_query = query
        self._matches = []
        self._current_match = -1
        if query and self.document is not None:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            self._matches = [m.span() for m in pattern.finditer(self.document.text)]
        self._match_spans = _Spans((s, e, "match") for s, e in self._matches)
        self._restyle()
        return len(self._matches)

    def search_step(self, direction: int = 1) -> int:
        """Move to the next (``1``) or previous (``-1``) match and scroll to it; returns its index."""
        if not self._matches:
            return -1
        if self._current_match < 0:
            # Start from what is on screen: the first match at or after the top line.
            top = self._top_offset()
            starts = [s for s, _ in self._matches]
            if direction > 0:
                index = bisect_left(starts, top) % len(starts)
            else:
                index = (bisect_left(starts, top) - 1) % len(starts)
        else:
            index = (self._current_match + direction) % len(self._matches)
        self._current_match = index
        self._restyle()
        self.scroll_to_offset(self._matches[index][0])
        return index

    def clear_search(self) -> None:
        self.search("")

    # ------------------------------------------------------------------------- mentions & flash

    def set_mentions(self, spans: Iterable[tuple[int, int]]) -> None:
        """Underline every mention of something (e.g. an actor chosen in the panel)."""
        self._mentions = _Spans((s, e, "mention") for s, e in spans)
        self._restyle()

    def clear_mentions(self) -> None:
        self.set_mentions(())

    @property
    def has_mentions(self) -> bool:
        return len(self._mentions) > 0

    def flash(self, start: int, end: int, seconds: float = FLASH_SECONDS) -> None:
        """Briefly highlight ``[start, end)`` so the eye finds what was jumped to."""
        self._flash = (start, end)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(seconds, self._end_flash)
        self._restyle()

    def _end_flash(self) -> None:
        self._flash = None
        self._flash_timer = None
        self._restyle()

    # -------------------------------------------------------------------------------- scrolling

    def line_of_offset(self, offset: int) -> int:
        layout = self._ensure_layout()
        return layout.line_of_offset(offset) if layout is not None and len(layout) else 0

    def scroll_to_offset(self, offset: int, animate: bool = False) -> None:
        """Scroll so the line holding ``offset`` sits a third of the way down the pane."""
        line = self.line_of_offset(offset)
        height = self.scrollable_content_region.height or self.size.height
        top = self.scroll_y
        if not (top <= line < top + height - 1) or line < top + 1:
            self.scroll_to(y=max(0, line - height // 3), animate=animate, immediate=True)

    @property
    def top_offset(self) -> int:
        """The character offset of the line at the top of the pane (a reading position)."""
        self._ensure_layout()
        return self._top_offset()

    def scroll_to_top_offset(self, offset: int, retry: bool = True) -> None:
        """Scroll so the line holding ``offset`` is the top line (a kept reading position).
        Before the text is laid out (or while the pane is too short to reach it), the
        offset is kept and honoured by the next layout."""
        self._pending_anchor = offset or None
        layout = self._ensure_layout()
        if layout is None or not len(layout):
            return
        target = layout.line_of_offset(offset)
        self._in_relayout = True  # not the reader's own scroll: keep the anchor if clamped
        try:
            self.scroll_to(y=target, animate=False, immediate=True)
        finally:
            self._in_relayout = False
        # Before the pane is laid out the scroll is clamped: try again once it is (and on the
        # next resize); a position past the end of a shorter text stays clamped.
        if int(self.scroll_y) == target:
            self._pending_anchor = None
        elif retry:
            self.call_after_refresh(self._retry_anchor, offset)

    def _retry_anchor(self, offset: int) -> None:
        if self._pending_anchor == offset:
            self.scroll_to_top_offset(offset, retry=False)

    def _top_offset(self) -> int:
        layout = self._layout
        if layout is None or not len(layout):
            return 0
        y = min(int(self.scroll_y), len(layout) - 1)
        return layout.start[y]

    # ----------------------------------------------------------------------------------- layout

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _ensure_layout(self) -> Layout | None:
        if self.document is not None and (self._layout is None or self._layout.width != self._content_width()):
            self._relayout()
        return self._layout

    def _relayout(self) -> None:
        width = self._content_width()
        if self.document is None or width <= 0:
            self._layout = None
            self.virtual_size = Size(max(width, 0), 0)
            self._strips.clear()
            self.refresh()
            return
        # Keep the text at the top of the pane in place across re-wraps. If a re-wrap had to
        # clamp the scroll (an intermediate, wider layout during a resize), remember the
        # original anchor so the next layout can honour it.
        anchor = self._pending_anchor
        if anchor is None and self._layout is not None:
            anchor = self._top_offset()
        self._layout = layout_document(self.document, width)
        self._strips.clear()
        self._in_relayout = True
        try:
            self.virtual_size = Size(width, len(self._layout))
            if anchor:
                target = self._layout.line_of_offset(anchor)
                height = self.scrollable_content_region.height
                max_y = max(0, len(self._layout) - height)
                self._pending_anchor = anchor if target > max_y else None
                self.scroll_to(y=min(target, max_y), animate=False, immediate=True)
        finally:
            self._in_relayout = False
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._in_relayout:
            self._pending_anchor = None  # the reader moved: their position is the new anchor

    def on_resize(self, event: events.Resize) -> None:
        if self.document is not None and (self._layout is None or self._layout.width != self._content_width()):
            self._relayout()
        elif self._pending_anchor is not None:
            self.scroll_to_top_offset(self._pending_anchor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The theme (or a pseudo class like :focus) changed: cached strips hold old colours.
        if hasattr(self, "_styles"):
            self._strips.clear()
            self._styles.clear()

    def _restyle(self) -> None:
        self._strips.clear()
        self.refresh()

    # ---------------------------------------------------------------------------------- render

    def render_line(self, y: int) -> Strip:
        layout = self._ensure_layout()
        width = self.scrollable_content_region.width
        base = self.base_style
        index = int(self.scroll_y) + y
        if layout is None and self.placeholder and y == 1:
            style = base + self._component("article--meta")
            text = Text(self.placeholder, style=style, end="")
            segments = Segment.apply_style(text.render(self.app.console), style=style)
            return Strip([Segment(" " * MIN_MARGIN, base), *segments]).adjust_cell_length(width, base)
        if layout is None or index >= len(layout):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_layout_line(layout, index, base)
            self._strips[index] = strip
        return strip.apply_offsets(0, index)

    def _component(self, name: str) -> Style:
        """A component's own style, with its colours blended over the pane (alpha backgrounds).

        Only what the component declares is set, so styles layer: an entity inside a heading
        keeps the heading's boldness, a search match inside an entity keeps its underline.
        """
        style = self._styles.get(name)
        if style is None:
            full = self.get_component_rich_style(name)
            own = self.get_component_rich_style(name, partial=True)
            style = Style(
                color=full.color if own.color is not None else None,
                bgcolor=full.bgcolor if own.bgcolor is not None else None,
                bold=own.bold,
                dim=own.dim,
                italic=own.italic,
                underline=own.underline,
                strike=own.strike,
                reverse=own.reverse,
            )
            self._styles[name] = style
        return style

    def _render_layout_line(self, layout: Layout, index: int, base: Style) -> Strip:
        document = self.document
        assert document is not None
        block_index = layout.block[index]
        width = layout.width
        margin = Segment(" " * layout.margin, base)
        if block_index < 0:
            segments = [margin]
            if layout.prefix[index]:
                segments.append(Segment(layout.prefix[index], base + self._component("article--quote-bar")))
            return Strip(segments).adjust_cell_length(width, base)

        block = document.blocks[block_index]
        kind = _kind(block.kind)
        block_style = base + self._component(_BLOCK_COMPONENT.get(kind, "article--text"))
        if kind == "rule":
            rule = Segment("─" * layout.column, block_style)
            return Strip([margin, rule]).adjust_cell_length(width, base)

        start, end = layout.start[index], layout.end[index]
        code = kind == "code"
        raw = document.text[start:end]
        line = Text(raw.translate(_CODE_TABLE if kind in _PREFORMATTED else _PROSE_TABLE), style=block_style, end="")
        self._stylize_line(line, block, start, end)
        if code and "\t" in line.plain:
            line.expand_tabs(4)

        prefix = layout.prefix[index]
        parts: list[Segment] = [margin]
        if prefix:
            if kind == "quote":
                prefix_style = base + self._component("article--quote-bar")
            elif code:
                prefix_style = block_style
            else:
                prefix_style = base + self._component("article--marker")
            parts.append(Segment(prefix, prefix_style))
        # Text.render drops the base style when there are no spans: apply it explicitly.
        parts.extend(Segment.apply_style(line.render(self.app.console), style=block_style))
        strip = Strip(parts)
        if code:
            # The code background spans the whole column, not just the characters.
            strip = strip.adjust_cell_length(layout.margin + layout.column, block_style)
        return strip.adjust_cell_length(width, base)

    def _stylize_line(self, line: Text, block: Block, start: int, end: int) -> None:
        """Apply inline runs, layers, mentions, search matches and flash, in rising priority."""
        if end <= start:
            return
        for run in block.runs:
            if run.end > start and run.start < end:
                name = _RUN_COMPONENT.get(_kind(run.style))
                if name:
                    line.stylize(self._component(name), max(run.start, start) - start, min(run.end, end) - start)
        if self._visible_layers:
            for s, e, layer in self._entities.overlapping(start, end):
                if layer in self._visible_layers:
                    line.stylize(self._component(f"article--layer-{layer}"), max(s, start) - start, min(e, end) - start)
        for s, e, _ in self._mentions.overlapping(start, end):
            line.stylize(self._component("article--mention"), max(s, start) - start, min(e, end) - start)
        if self._matches:
            current = self._matches[self._current_match] if self._current_match >= 0 else None
            for s, e, _ in self._match_spans.overlapping(start, end):
                name = "article--search-current" if (s, e) == current else "article--search-match"
                line.stylize(self._component(name), max(s, start) - start, min(e, end) - start)
        if self._flash is not None:
            s, e = self._flash
            if e > start and s < end:
                line.stylize(self._component("article--flash"), max(s, start) - start, min(e, end) - start)

    # ---------------------------------------------------------------------------------- testing

    def rendered_text(self) -> list[str]:
        """Every laid-out line as plain text (what the reader sees, without colours)."""
        layout = self._ensure_layout()
        if layout is None:
            return []
        base = Style()
        return [self._render_layout_line(layout, i, base).text.rstrip() for i in range(len(layout))]

    def line_styles(self, index: int) -> list[tuple[str, Style]]:
        """The (text, style) segments of one laid-out line, for tests and debugging."""
        layout = self._ensure_layout()
        if layout is None:
            return []
        return [(seg.text, seg.style or Style()) for seg in self._render_layout_line(layout, index, self.rich_style)]
