"""The library pane: a virtualised list of articles (Line API, fine for 10,000 entries).

Each article is its full title, wrapped over up to four lines (an unread dot and a ★ for
bookmarks before it), then one line with the date, the short source and the countries the
article is about once analysed — or why the file is marked (repaired encoding, unreadable).
When the library is grouped (by source, by country) a heading line starts each group.
Titles come from the files, so they are drawn as plain text, never parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.model.document import DocStatus, LibraryEntry
from newsreader.present.library_view import short_source
from newsreader.present.text import clean
from newsreader.ui import keys
from newsreader.ui.widgets.pass_style import PassStyleMixin

#: A title longer than this many lines is cut with an ellipsis on the last one.
MAX_TITLE_LINES = 4
#: Cells before a title: unread dot, bookmark star, a space (continuation lines are indented).
PREFIX = 3


def _fit(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` cells with an ellipsis."""
    fitted = Text(text, end="")
    fitted.truncate(max(cells, 0), overflow="ellipsis")
    return fitted.plain


def meta_line(date: str, source: str, codes: list[str], room: int) -> tuple[str, str]:
    """(date and source, countries) for an entry's last line in ``room`` cells.

    The date always shows; then the short source; the countries take what is left, the
    first one always (a source is cut, or dropped when it would be a letter or two, to make
    room for it) and more as they fit.
    """
    meta = "  ".join(p for p in (date, source) if p)
    if not codes:
        return _fit(meta, room), ""
    gap = 2 if meta else 0
    shown = [codes[0]]
    for code in codes[1:]:
        if cell_len(meta) + gap + cell_len(" ".join([*shown, code])) > room:
            break
        shown.append(code)
    countries = " ".join(shown)
    left = room - gap - cell_len(countries)
    if cell_len(meta) > left and date and source:
        rest = left - cell_len(date) - 2
        meta = date if rest < 4 else f"{date}  {_fit(source, rest)}"
    return _fit(meta, max(left, 0)), countries


def wrap_title(title: str, width: int, max_lines: int = MAX_TITLE_LINES) -> list[str]:
    """``title`` in lines of at most ``width`` cells, broken between words (a word wider than
    a line is cut); past ``max_lines`` the last line ends with an ellipsis."""
    width = max(width, 1)
    if len(title) <= width and (title.isascii() or cell_len(title) <= width):
        return [title]  # most titles in a wide pane: no measuring word by word
    lines: list[str] = []
    line: list[str] = []
    used = 0  # cells in ``line``, spaces included
    for word in title.split(" "):
        size = len(word) if word.isascii() else cell_len(word)
        if line and used + 1 + size <= width:
            line.append(word)
            used += 1 + size
            continue
        if line:
            lines.append(" ".join(line))
            line, used = [], 0
        while size > width:  # a very long word (a URL, a file name): cut it
            cut = width
            while cut > 1 and cell_len(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            size = cell_len(word)
        line, used = [word], size
        if len(lines) > max_lines:
            break  # the rest is cut anyway
    if line:
        lines.append(" ".join(line))
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        last = _fit(last + " ", width)  # cut with an ellipsis (the space forces a cut)
        lines = [*lines[: max_lines - 1], last]
    return lines


class LibraryList(PassStyleMixin, ScrollView, can_focus=True):
    """The list of articles; posts ``Opened`` when the reader opens one."""

    BINDINGS = keys.bindings(keys.LIBRARY_KEYS)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library--title",
        "library--meta",
        "library--cursor",
        "library--unread",
        "library--warning",
        "library--error",
        "library--placeholder",
        "library--current",
        "library--bookmark",
        "library--group",
        "library--countries",
    }

    DEFAULT_CSS = """
    LibraryList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    class Opened(Message):
        """The reader asked to open the entry at ``index``."""

        def __init__(self, index: int, entry: LibraryEntry) -> None:
            super().__init__()
            self.index = index
            self.entry = entry

    class Highlighted(Message):
        """The cursor moved to ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.entries: list[LibraryEntry] = []
        self.cursor = 0
        self.current: int | None = None  # the entry shown in the article pane
        self.read: set[str] = set()  # entry paths marked read (no unread dot)
        self.bookmarks: set[str] = set()  # entry paths bookmarked (★)
        self.placeholder = "Loading library…"
        self.groups: list[str] = []  # each entry's group heading ("" when not grouped)
        self.countries: Mapping[str, tuple[str, ...]] = {}  # entry path -> countries (analysed)
        self.hide_source = False  # grouped by source: the heading already names it
        # The layout, rebuilt when the entries or the width change: each entry is an optional
        # group heading, its title's lines, then the meta line.
        self._tops: list[int] = []  # each entry's first line (its heading's, if it has one)
        self._headed: list[bool] = []  # whether a group heading starts at the entry
        self._titles: list[list[str]] = []
        self._lines = 0  # lines in all
        self._layout_width = -1
        self._wraps: dict[str, tuple[int, str, list[str]]] = {}  # path -> (width, title, lines)

    # ------------------------------------------------------------------------------------- data

    def set_entries(
        self, entries: list[LibraryEntry], keep_path: str | None = None, groups: list[str] | None = None
    ) -> None:
        """Replace the list, keeping the cursor on ``keep_path`` (or the current entry) if present.
        ``groups`` gives each entry's group heading (by source, by country)."""
        old = keep_path or (
            self.entries[self.cursor].path if self.entries and self.cursor < len(self.entries) else None
        )
        current_path = (
            self.entries[self.current].path
            if self.current is not None and self.entries and self.current < len(self.entries)
            else None
        )
        self.entries = entries
        self.groups = list(groups) if groups is not None and len(groups) == len(entries) else [""] * len(entries)
        index = {e.path: i for i, e in enumerate(entries)}
        self.cursor = index.get(old, 0) if old else 0
        self.current = index.get(current_path) if current_path else None
        self._relayout()
        # A new order makes the old scroll offset meaningless (the list could start on the last
        # line of some entry): from the top if the cursor's entry shows there, else just to it.
        top, rows = self.entry_rows(self.cursor)
        height = self.scrollable_content_region.height
        if height > 0 and top + rows <= height and self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.scroll_to_cursor()

    def unread_in_group(self, index: int) -> int:
        """How many articles of the group entry ``index`` is in are unread (counted as drawn, so
        marking one read shows at once)."""
        label = self.groups[index] if index < len(self.groups) else ""
        if not label:
            return 0
        read = self.read
        return sum(1 for e, g in zip(self.entries, self.groups, strict=True) if g == label and e.path not in read)

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        self._layout_width = width
        # Before the first layout the width is unknown: one title line each, redone on resize.
        avail = width - PREFIX - 1 if width > PREFIX + 1 else 10_000
        tops: list[int] = []
        headed: list[bool] = []
        titles: list[list[str]] = []
        # Wrapped titles are kept per entry: a view, an order or more entries while loading
        # lay out again without re-wrapping 10,000 titles (a width change does).
        wraps = self._wraps
        previous = ""
        line = 0
        groups = self.groups
        for i, entry in enumerate(self.entries):
            tops.append(line)
            group = groups[i]
            heading = bool(group) and group != previous
            previous = group
            headed.append(heading)
            raw = entry.title
            cached = wraps.get(entry.path)
            if cached is not None and cached[0] == avail and cached[1] is raw:
                lines = cached[2]
            else:
                lines = wrap_title(self._title(entry), avail)
                wraps[entry.path] = (avail, raw, lines)
            titles.append(lines)
            line += heading + len(lines) + 1
        self._tops, self._headed, self._titles, self._lines = tops, headed, titles, line
        self.virtual_size = Size(width, line)
        self.refresh()

    @staticmethod
    def _title(entry: LibraryEntry) -> str:
        return clean(entry.title) or clean(entry.path.rsplit("/", 1)[-1]) or "(untitled)"

    def entry_rows(self, index: int) -> tuple[int, int]:
        """(first line, number of lines) of entry ``index``, its group heading included."""
        if not 0 <= index < len(self._tops):
            return 0, 0
        top = self._tops[index]
        end = self._tops[index + 1] if index + 1 < len(self._tops) else self._lines
        return top, end - top

    def entry_text(self, index: int) -> list[str]:
        """The lines of entry ``index`` as plain text, heading included (tests, tools)."""
        top, rows = self.entry_rows(index)
        strips = [self.render_line(line - int(self.scroll_y)) for line in range(top, top + rows)]
        return ["".join(seg.text for seg in strip).rstrip() for strip in strips]

    def index_at(self, line: int) -> int | None:
        """The entry drawn on virtual line ``line`` (a heading belongs to the entry below it)."""
        if not self._tops or line < 0 or line >= self._lines:
            return None
        return bisect_right(self._tops, line) - 1

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.refresh()

    def mark_current(self, index: int | None) -> None:
        self.current = index
        if index is not None and 0 <= index < len(self.entries):
            self.read.add(self.entries[index].path)
        self.refresh()

    # -------------------------------------------------------------------------------- movement

    def move_to(self, index: int) -> None:
        if not self.entries:
            return
        index = max(0, min(index, len(self.entries) - 1))
        if index != self.cursor:
            old, self.cursor = self.cursor, index
            self.post_message(self.Highlighted(index))
            # Only the two entries whose cursor state changed need repainting (a scroll
            # repaints everything anyway).
            for changed in (old, index):
                top, rows = self.entry_rows(changed)
                if rows:
                    self.refresh_lines(top - int(self.scroll_y), rows)
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        top, rows = self.entry_rows(self.cursor)
        height = self.scrollable_content_region.height
        if height <= 0 or not rows:
            return
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + rows > self.scroll_y + height:
            self.scroll_to(y=top + rows - height, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.entries) - 1)

    def _page(self) -> int:
        # Entries are 2-4 lines: a page is about a screenful of three-line entries.
        return max(1, self.scrollable_content_region.height // 3 - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())

    def action_open(self) -> None:
        if self.entries:
            self.post_message(self.Opened(self.cursor, self.entries[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = self.index_at(event.y + int(self.scroll_y))
        if index is not None and 0 <= index < len(self.entries):
            self.move_to(index)
            self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._relayout()
        self.scroll_to_cursor()

    # ---------------------------------------------------------------------------------- render

    def _style(self, name: str) -> Style:
        """A component's own style with resolved colours.

        The partial style alone can't resolve colours like ``$text-muted`` ("auto" contrast
        colours) — they need the pane's background — so colours come from the full style.
        """
        full = self.get_component_rich_style(name)
        own = self.get_component_rich_style(name, partial=True)
        return Style(
            color=full.color if own.color is not None else None,
            bgcolor=full.bgcolor if own.bgcolor is not None else None,
            bold=own.bold,
            dim=own.dim,
            italic=own.italic,
            underline=own.underline,
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = int(self.scroll_y) + y
        if not self.entries:
            # The placeholder says why the list is empty, and which key to press: wrapped, not cut.
            lines = wrap_title(clean(self.placeholder), width - 3, max_lines=8) if self.placeholder else []
            if 1 <= y <= len(lines):
                style = base + self._style("library--placeholder")
                text = Text("  " + lines[y - 1], style=style, end="")
                text.truncate(width, overflow="ellipsis")
                segments = Segment.apply_style(text.render(self.app.console), style=style)
                return Strip(list(segments)).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if self._layout_width != width:
            self._relayout()
        index = self.index_at(line)
        if index is None:
            return Strip.blank(width, base)
        part = line - self._tops[index] - self._headed[index]  # -1: the group heading
        entry = self.entries[index]
        if part < 0:
            # The heading's band spans the row, so groups stand apart while scrolling.
            band = base + self._style("library--group")
            heading = clean(self.groups[index])
            unread = self.unread_in_group(index)
            if unread:
                heading += f" · {unread} unread"
            text = Text(" " + heading, style=band, end="", no_wrap=True, overflow="ellipsis")
            text.truncate(max(width - 1, 1), overflow="ellipsis")
            segments = list(Segment.apply_style(text.render(self.app.console), style=band))
            return Strip(segments).adjust_cell_length(width, band).apply_offsets(0, line)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("library--cursor")
        elif index == self.current:
            style = base + self.get_component_rich_style("library--current")
        text = Text(style=style, end="", no_wrap=True, overflow="ellipsis")
        titles = self._titles[index]
        if part == 0:
            unread = entry.path not in self.read
            text.append("•" if unread else " ", style=self._style("library--unread"))
            text.append("★" if entry.path in self.bookmarks else " ", style=self._style("library--bookmark"))
            text.append(" ")
            text.append(titles[0], style=self._style("library--title"))
        elif part < len(titles):
            text.append(" " * PREFIX)
            text.append(titles[part], style=self._style("library--title"))
        else:
            text.append(" " * PREFIX)
            status = entry.status
            if status is DocStatus.ERROR:
                text.append("✖ " + clean(entry.reason or "cannot be read"), style=self._style("library--error"))
            else:
                date = clean(entry.date or "")
                source = "" if self.hide_source else clean(short_source(entry.source))
                codes = list(self.countries.get(entry.path, ()))
                if status is DocStatus.WARNING:
                    meta = "  ".join(p for p in (date, source) if p)
                    if meta:
                        text.append(meta + "  ", style=self._style("library--meta"))
                    text.append("⚠ " + clean(entry.reason or "repaired"), style=self._style("library--warning"))
                elif date or source or codes:
                    meta, countries = meta_line(date, source, codes, width - 1 - PREFIX)
                    text.append(meta, style=self._style("library--meta"))
                    if countries:
                        gap = width - 1 - PREFIX - cell_len(meta) - cell_len(countries)
                        text.append(" " * max(gap, 2 if meta else 0))
                        text.append(countries, style=self._style("library--countries"))
                else:
                    # Without a source or date, the file name still tells entries apart.
                    fallback = clean(entry.path.replace("\\", "/").rsplit("/", 1)[-1])
                    text.append(fallback or " ", style=self._style("library--meta"))
        text.truncate(max(width - 1, 1), overflow="ellipsis")
        segments = list(Segment.apply_style(text.render(self.app.console), style=style))
        return Strip(segments).adjust_cell_length(width, style).apply_offsets(0, line)
