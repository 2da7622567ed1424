"""The library pane: a virtualised two-row-per-article list (Line API, fine for 10,000 entries).

Row one is the title (with an unread dot and a ★ for bookmarks), row two the source and date, or why the file is
marked (repaired encoding, unreadable). Titles come from the files, so they are drawn as plain
text, never parsed as markup.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from typing import TYPE_CHECKING

from newsreader.ui import keys
from newsreader.ui.widgets.pass_style import PassStyleMixin

if TYPE_CHECKING:  # the library package loads in a worker, after first paint
    from newsreader.library.document import LibraryEntry

ROWS_PER_ENTRY = 2
_CONTROL = {c: "\ufffd" for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
# Bidi marks, embeddings, overrides and isolates would visually reorder the row (a name like
# "evil\u202etxt.md" reading as "evil.dm.txt"): dropped, as the library's sanitiser does.
_CONTROL.update({c: None for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def clean(text: str) -> str:
    """One display line: control characters and line breaks can't reach the terminal."""
    return " ".join(text.translate(_CONTROL).split()) if text else ""


class LibraryList(PassStyleMixin, ScrollView, can_focus=True):
    """The list of articles; posts ``Opened`` when the reader opens one."""

    BINDINGS = keys.bindings(keys.LIBRARY_KEYS)

    COMPONENT_CLASSES = {
        "library--title", "library--meta", "library--cursor", "library--unread",
        "library--warning", "library--error", "library--placeholder", "library--current",
        "library--bookmark",
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

    # ------------------------------------------------------------------------------------- data

    def set_entries(self, entries: list[LibraryEntry], keep_path: str | None = None) -> None:
        """Replace the list, keeping the cursor on ``keep_path`` (or the current entry) if present."""
        old = keep_path or (self.entries[self.cursor].path if self.entries else None)
        current_path = self.entries[self.current].path if self.current is not None and self.entries else None
        self.entries = entries
        index = {e.path: i for i, e in enumerate(entries)}
        self.cursor = index.get(old, 0) if old else 0
        self.current = index.get(current_path) if current_path else None
        self.virtual_size = Size(self.scrollable_content_region.width, len(entries) * ROWS_PER_ENTRY)
        self.refresh()
        self.scroll_to_cursor()

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
            self.refresh_lines(old * ROWS_PER_ENTRY, ROWS_PER_ENTRY)
            self.refresh_lines(index * ROWS_PER_ENTRY, ROWS_PER_ENTRY)
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        top = self.cursor * ROWS_PER_ENTRY
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROWS_PER_ENTRY > self.scroll_y + height:
            self.scroll_to(y=top + ROWS_PER_ENTRY - height, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.entries) - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROWS_PER_ENTRY - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())

    def action_open(self) -> None:
        if self.entries:
            self.post_message(self.Opened(self.cursor, self.entries[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_y)) // ROWS_PER_ENTRY
        if 0 <= index < len(self.entries):
            self.move_to(index)
            self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.entries) * ROWS_PER_ENTRY)
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
            bold=own.bold, dim=own.dim, italic=own.italic, underline=own.underline,
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = int(self.scroll_y) + y
        if not self.entries:
            if y == 1 and self.placeholder:
                text = Text("  " + self.placeholder, style=base + self._style("library--placeholder"), end="")
                text.truncate(width, overflow="ellipsis")
                segments = Segment.apply_style(text.render(self.app.console), style=text.style)
                return Strip(list(segments)).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index, row = divmod(line, ROWS_PER_ENTRY)
        if index >= len(self.entries):
            return Strip.blank(width, base)
        entry = self.entries[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("library--cursor")
        elif index == self.current:
            style = base + self.get_component_rich_style("library--current")
        text = Text(style=style, end="", no_wrap=True, overflow="ellipsis")
        if row == 0:
            unread = entry.path not in self.read
            text.append(" ")
            text.append("•" if unread else " ", style=self._style("library--unread"))
            text.append(" ")
            if entry.path in self.bookmarks:
                text.append("★ ", style=self._style("library--bookmark"))
            title = clean(entry.title) or clean(entry.path.rsplit("/", 1)[-1]) or "(untitled)"
            text.append(title, style=self._style("library--title"))
        else:
            text.append("   ")
            status = getattr(entry.status, "value", entry.status)
            if status == "error":
                text.append("✖ " + clean(entry.reason or "cannot be read"), style=self._style("library--error"))
            else:
                meta = " · ".join(clean(p) for p in (entry.source, entry.date) if p)
                if status == "warning":
                    if meta:
                        text.append(meta + "  ", style=self._style("library--meta"))
                    text.append("⚠ " + clean(entry.reason or "repaired"), style=self._style("library--warning"))
                else:
                    # Without a source or date, the file name still tells entries apart.
                    fallback = clean(entry.path.replace("\\", "/").rsplit("/", 1)[-1])
                    text.append(meta or fallback or " ", style=self._style("library--meta"))
        text.truncate(max(width - 1, 1), overflow="ellipsis")
        segments = list(Segment.apply_style(text.render(self.app.console), style=style))
        return Strip(segments).adjust_cell_length(width, style).apply_offsets(0, line)
