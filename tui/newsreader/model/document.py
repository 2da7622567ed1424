"""The document model: one plain text per article, and blocks that index into it.

``Document.text`` is the single string everything else indexes: blocks, inline styles,
entities, actors, reactions, figures and search hits all carry ``[start, end)`` character
offsets into it. The renderer draws blocks from it; analysis reads it whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class BlockKind(str, Enum):  # noqa: UP042 - a StrEnum changes str(member) and f"{member}" to the value
    """What a block is, which decides how the reader lays it out."""

    TITLE = "title"  # the article's title line (first heading or first line)
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"  # a paragraph inside a block quote
    CODE = "code"
    TABLE_ROW = "table_row"
    RULE = "rule"  # a thematic break; its text is empty
    META = "meta"  # a metadata line shown under the title (source, date, ...)


class InlineStyle(str, Enum):  # noqa: UP042 - a StrEnum changes str(member) and f"{member}" to the value
    """Inline emphasis inside a block."""

    EMPHASIS = "em"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"
    IMAGE = "image"  # image alt text
    STRIKE = "strike"


# Immutable records are NamedTuples, not frozen dataclasses: cheaper to define at every start
# (~0.1 ms against ~0.7 ms) and to create (a frozen dataclass sets each field through
# object.__setattr__), and a long article has thousands of them.
class StyledRun(NamedTuple):
    """An inline style over ``[start, end)`` of ``Document.text`` (absolute offsets)."""

    start: int
    end: int
    style: InlineStyle
    href: str | None = None  # link target for LINK/IMAGE; shown, never followed automatically


class Block(NamedTuple):
    """One layout block: its text is exactly ``Document.text[start:end]``.

    ``depth`` is nesting (list/quote depth; heading level for headings). ``marker`` is drawn
    before the first line ("• ", "1. ", "│ ") and is *not* part of the text, so offsets stay
    exact.
    """

    kind: BlockKind
    start: int
    end: int
    depth: int = 0
    marker: str = ""
    runs: tuple[StyledRun, ...] = ()


@dataclass(slots=True)
class Metadata:
    """What we know about an article besides its text."""

    title: str = ""
    source: str | None = None
    date: str | None = None  # ISO date (YYYY-MM-DD) when it could be parsed, else as written
    url: str | None = None
    license: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class DocStatus(str, Enum):  # noqa: UP042 - a StrEnum changes str(member) and f"{member}" to the value
    """Whether a file could be read."""

    OK = "ok"
    WARNING = "warning"  # readable, but something was repaired (encoding, controls, truncation)
    ERROR = "error"  # could not be read; ``problems`` says why


@dataclass(slots=True)
class Document:
    """An article: its plain text, blocks indexing it, and metadata.

    A document that could not be read still exists (status ERROR, empty text) so the
    library can list it with its reason.
    """

    path: str
    text: str
    blocks: list[Block]
    meta: Metadata
    status: DocStatus = DocStatus.OK
    problems: list[str] = field(default_factory=list)
    encoding: str | None = None
    sha256: str = ""  # of the raw bytes on disk

    @property
    def title(self) -> str:
        return self.meta.title

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class LibraryEntry:
    """One row of the library list, read cheaply (file head only) before the article is opened."""

    path: str
    title: str
    source: str | None = None
    date: str | None = None
    status: DocStatus = DocStatus.OK
    reason: str | None = None  # why the file is marked (unreadable, binary, repaired encoding, ...)
    size: int = 0
