"""Decoded text -> ``Document``: header (title, metadata), then blocks with exact offsets.

How ``Document.text`` is built (everything else indexes it):

- The title comes first, as a TITLE block: the first heading when the article starts with
  one, else the first line of the first paragraph (plain text: the first non-empty line),
  or ``title:`` from front matter. ``Metadata.title`` is that text (cut to
  ``MAX_TITLE_CHARS``), or the file name when the article has no text at all.
- Metadata lines are *not* in the text: ``key: value`` lines right under the title (or
  before it, when followed by a blank line), or YAML-style front matter between ``---``
  lines, go to ``Metadata`` (source, date, url, license; other keys to ``extra``). A run of
  such lines counts only if one of its keys is a known metadata key (``KNOWN_KEYS``), so an
  interview's opening "Speaker: text" stays in the article.
- Blocks are separated by "\\n\\n". A block never contains "\\n\\n"; paragraphs are one line
  (soft line breaks become spaces), a hard break is a single "\\n", code keeps its lines.
- Markdown syntax is not in the text: ``**bold**`` is "bold" with a STRONG run. List items
  carry their marker ("• " or "3. ") in ``Block.marker``; quotes carry "│ ".
- Table rows are one TABLE_ROW block each, cells joined by " │ " (header cells get a
  STRONG run).
- Raw HTML is never rendered: tags are dropped and their text kept (b/strong, i/em, a,
  code, s/del become runs; block tags such as <p>, <div>, <br> start a new paragraph;
  <script>/<style> content is dropped).
- Images show their alt text (or "[image]") with an IMAGE run whose href is the source.
- Thematic breaks are zero-length RULE blocks.
- Markdown nested deeper than ``MAX_NESTING`` levels is shown as plain text with a warning
  (markdown-it would otherwise silently drop the deeper content); so is Markdown longer
  than ``MAX_MARKDOWN_CHARS`` or with more than ``MAX_MARKUP_CHARS`` syntax characters,
  which would take markdown-it-py many seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # markdown-it is imported when the first article is parsed, not to list one
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from newsreader.model.document import Block, BlockKind, DocStatus, Document, InlineStyle, Metadata, StyledRun

from .sanitize import SanitizeReport, display_name, sanitize_line, sanitize_text

MAX_NESTING = 40
MAX_MARKDOWN_CHARS = 1_000_000  # larger texts are shown as plain text (see _too_big_for_markdown)
MAX_MARKUP_CHARS = 60_000  # likewise texts with more Markdown syntax characters than this
_MARKUP_CHARS = "[]*_`<>|=\\#!-~"
MAX_TITLE_CHARS = 200
CELL_SEPARATOR = " │ "
BULLET = "• "
QUOTE_MARKER = "│ "
IMAGE_PLACEHOLDER = "[image]"

# Keys that make a run of "key: value" lines a metadata header.
KNOWN_KEYS = frozenset(
    {
        "source",
        "date",
        "url",
        "license",
        "licence",
        "author",
        "authors",
        "byline",
        "published",
        "publisher",
        "link",
        "title",
        "updated",
        "dateline",
    }
)
_KEY_ALIASES = {"licence": "license", "link": "url", "published": "date"}

_META_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _.-]{0,39}):(?:[ \t]+(.*?)|)[ \t]*$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_BLOCK_START = re.compile(r"^(?: {0,3}(?:```|~~~|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|\||<)| {4}|\t)")
_FRONT_MATTER_LIMIT = 200  # lines; a longer "front matter" is more likely a rule + text


# --------------------------------------------------------------------------- header


@dataclass
class Header:
    """What sits above the article body."""

    fields: dict[str, str] = field(default_factory=dict)  # lower-case key -> value
    title_line: str | None = None  # the raw title line (markdown source), if any
    title_is_heading: bool = False
    body: str = ""  # the text with front matter and metadata lines removed
    has_body: bool = False  # any non-blank line after the title and its metadata


def split_header(text: str) -> Header:
    """Find front matter, the title line and metadata lines in sanitised text."""
    lines = text.split("\n")
    header = Header()
    removed: set[int] = set()
    first = 0
    if lines and _FRONT_MATTER_FENCE.match(lines[0]):
        end = _front_matter_end(lines)
        if end is not None:
            header.fields.update(_parse_front_matter(lines[1:end]))
            removed.update(range(end + 1))
            first = end + 1
    index = _next_nonblank(lines, first)
    # A metadata run before the title, closed by a blank line ("source: ...\n\n# Title").
    if index is not None:
        run = _meta_run(lines, index)
        if run and _next_is_blank(lines, index + len(run)):
            header.fields.update(dict(run))
            removed.update(range(index, index + len(run)))
            index = _next_nonblank(lines, index + len(run))
    if index is not None:
        header.title_line = lines[index]
        header.title_is_heading = bool(_ATX.match(lines[index]))
        after = index + 1
        if (
            not header.title_is_heading
            and after < len(lines)
            and _SETEXT_UNDERLINE.match(lines[after])
            and lines[index].strip()
        ):
            header.title_is_heading = True
            after += 1
        # Under a code fence, list or quote, "key: value" lines are content, not metadata.
        run = [] if _BLOCK_START.match(lines[index]) else _meta_run(lines, after)
        if run:
            header.fields.update(dict(run))
            removed.update(range(after, after + len(run)))
        header.has_body = _next_nonblank(lines, after + len(run)) is not None
    header.body = "\n".join(line for i, line in enumerate(lines) if i not in removed) if removed else text
    return header


def _front_matter_end(lines: list[str]) -> int | None:
    for i in range(1, min(len(lines), _FRONT_MATTER_LIMIT)):
        if _FRONT_MATTER_END.match(lines[i]):
            body = [line for line in lines[1:i] if line.strip()]
            ok = all(_META_LINE.match(line) or line[:1] in (" ", "-", "#") for line in body)
            return i if ok and i > 1 else None
    return None


def _parse_front_matter(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        match = _META_LINE.match(line)
        if match and match.group(2):
            fields[match.group(1).strip().lower()] = _unquote(match.group(2))
    return fields


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _meta_run(lines: list[str], start: int) -> list[tuple[str, str]]:
    """The ``key: value`` lines from ``start``, if one of the keys is a known one."""
    run: list[tuple[str, str]] = []
    for line in lines[start : start + 64]:
        match = _META_LINE.match(line)
        if not match or not match.group(2):
            break
        run.append((match.group(1).strip().lower(), match.group(2).strip()))
    if any(key in KNOWN_KEYS for key, _ in run):
        return run
    return []


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _next_is_blank(lines: list[str], index: int) -> bool:
    return index >= len(lines) or not lines[index].strip()


def metadata_from_fields(fields: dict[str, str]) -> Metadata:
    """Map header fields onto ``Metadata`` (values one-lined; dates normalised)."""
    meta = Metadata()
    for raw_key, raw_value in fields.items():
        key = _KEY_ALIASES.get(raw_key, raw_key)
        value = sanitize_line(raw_value)
        if not value:
            continue
        if key in ("source", "url", "license") and getattr(meta, key) is None:
            setattr(meta, key, value)
        elif key == "date" and meta.date is None:
            meta.date = normalize_date(value)
        elif key == "title":
            meta.extra.setdefault("title", value)
        else:
            meta.extra[sanitize_line(raw_key)] = value
    return meta


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ]|\b)")
_DAY_MONTH_YEAR = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def normalize_date(value: str) -> str:
    """``value`` as YYYY-MM-DD when it is a recognisable date, else ``value`` unchanged.

    Understands ISO dates (with or without time), YYYYMMDD, "12 January 2006",
    "January 12, 2006", optional weekday names, and RFC 2822 dates. Ambiguous numeric
    forms such as 01/02/2006 are left as written.
    """
    text = value.strip()
    for pattern, order in ((_ISO, "ymd"), (_COMPACT, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"]
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if month_number is None:
            continue
        iso = _iso(int(parts["y"]), month_number, int(parts["d"]))
        if iso:
            return iso
    from email.utils import parsedate_tz  # only dates in no other form get here (~2 ms import)

    parsed = parsedate_tz(text)
    if parsed:
        iso = _iso(parsed[0], parsed[1], parsed[2])
        if iso:
            return iso
    return text


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _date(year, month, day).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- building


class _TextBuilder:
    """Appends blocks to one string, "\\n\\n" between them, and records their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self._started = False

    def add_block(
        self,
        kind: BlockKind,
        content: str,
        runs: Sequence[tuple[int, int, InlineStyle, str | None]] = (),
        depth: int = 0,
        marker: str = "",
    ) -> Block | None:
        """Add ``content`` (runs relative to it) as a block; empty text blocks are skipped
        (except RULE, which is zero-length by design)."""
        if kind is not BlockKind.RULE:
            # Leading/trailing whitespace would make blank-looking lines; "\n\n" is the separator.
            stripped = content.rstrip()
            lead = len(stripped) - len(stripped.lstrip())
            content = stripped[lead:]
            if not content:
                return None
            while "\n\n" in content:  # a block never contains the block separator
                content = content.replace("\n\n", "\n \n")
            if self._started:
                self.parts.append("\n\n")
                self.pos += 2
            self._started = True
        else:
            lead = 0
            content = ""
        start = self.pos
        self.parts.append(content)
        self.pos += len(content)
        styled = tuple(
            StyledRun(start + max(0, s - lead), start + min(len(content), e - lead), style, href)
            for s, e, style, href in runs
            if min(len(content), e - lead) > max(0, s - lead)
        )
        block = Block(kind, start, self.pos, depth, marker, styled)
        self.blocks.append(block)
        return block

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Inline:
    """Plain text plus runs for one block's inline content."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.len = 0
        self.runs: list[tuple[int, int, InlineStyle, str | None]] = []
        self._open: list[tuple[str, int, InlineStyle, str | None]] = []

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.len += len(text)

    def line_break(self) -> None:
        """A hard break: one "\n", never two in a row ("\n\n" separates blocks)."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self.add("\n")

    def open(self, key: str, style: InlineStyle, href: str | None = None) -> None:
        self._open.append((key, self.len, style, href))

    def close(self, key: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == key:
                _, start, style, href = self._open.pop(i)
                if self.len > start:
                    self.runs.append((start, self.len, style, href))
                return

    def finish(self) -> tuple[str, list[tuple[int, int, InlineStyle, str | None]]]:
        while self._open:
            self.close(self._open[-1][0])
        self.runs.sort(key=lambda run: (run[0], -run[1]))
        return "".join(self.parts), self.runs


_INLINE_STYLES = {
    "em": InlineStyle.EMPHASIS,
    "strong": InlineStyle.STRONG,
    "s": InlineStyle.STRIKE,
}
_HTML_INLINE_STYLES = {
    "b": InlineStyle.STRONG,
    "strong": InlineStyle.STRONG,
    "i": InlineStyle.EMPHASIS,
    "em": InlineStyle.EMPHASIS,
    "code": InlineStyle.CODE,
    "s": InlineStyle.STRIKE,
    "del": InlineStyle.STRIKE,
    "strike": InlineStyle.STRIKE,
    "a": InlineStyle.LINK,
}
_HTML_TAG = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
_HTML_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _clean_inline(text: str) -> str:
    # Entities such as &#x202e; are decoded by markdown-it after we sanitised the source.
    return sanitize_text(text).replace("\n", " ")


def _render_inline(children: list[Token], out: _Inline) -> None:
    """Flatten inline tokens (a flat list; no recursion) into ``out``."""
    for token in children:
        kind = token.type
        if kind == "text":
            out.add(_clean_inline(token.content))
        elif kind == "softbreak":
            out.add(" ")
        elif kind == "hardbreak":
            out.line_break()
        elif kind == "code_inline":
            start = out.len
            out.add(_clean_inline(token.content))
            if out.len > start:
                out.runs.append((start, out.len, InlineStyle.CODE, None))
        elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
            out.open(kind[:-5], _INLINE_STYLES[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
            out.close(kind[:-6])
        elif kind == "link_open":
            out.open("link", InlineStyle.LINK, sanitize_line(str(token.attrs.get("href", ""))))
        elif kind == "link_close":
            out.close("link")
        elif kind == "image":
            start = out.len
            alt = _Inline()
            _render_inline(token.children or [], alt)
            alt_text, _ = alt.finish()
            alt_text = alt_text.strip() or IMAGE_PLACEHOLDER
            out.add(alt_text)
            out.runs.append((start, out.len, InlineStyle.IMAGE, sanitize_line(str(token.attrs.get("src", "")))))
        elif kind == "html_inline":
            _html_inline(token.content, out)
        elif token.content:  # unknown token types (plugins): keep their text
            out.add(_clean_inline(token.content))


def _html_inline(tag: str, out: _Inline) -> None:
    match = _HTML_TAG.match(tag)
    if not match:
        return  # comments, processing instructions, declarations: dropped
    closing, name = match.group(1) == "/", match.group(2).lower()
    if name == "br":
        out.line_break()
    elif name in _HTML_INLINE_STYLES:
        if closing:
            out.close("html-" + name)
        else:
            href = None
            if name == "a":
                found = _HTML_HREF.search(tag)
                href = sanitize_line(next(g for g in found.groups() if g is not None)) if found else ""
            out.open("html-" + name, _HTML_INLINE_STYLES[name], href)


_HTML_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section summary table tbody td "
    "tfoot th thead title tr ul".split()
)
_HTML_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})


# One linear scan (no backtracking across "<"): comments, tags, declarations. The standard
# library's HTMLParser is quadratic on inputs like "<a<a<a...", so it is not used.
_HTML_TOKEN = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>|<[!?][^<>]*>")


class HtmlToken(NamedTuple):
    """One piece of scanned HTML: text (``name`` empty) or a tag (``text`` empty)."""

    text: str = ""
    name: str = ""
    closing: bool = False
    attributes: str = ""


def scan_html(
    html: str,
    skip_tags: frozenset[str],
    swallow_unclosed: frozenset[str],
    self_closing_skips: bool = False,
) -> Iterator[HtmlToken]:
    """Split HTML into text and tags in one linear pass; comments and declarations are dropped.

    The content of an opening tag in ``skip_tags`` (script, style, ...) is dropped up to its
    closing tag. If there is none, a tag in ``swallow_unclosed`` drops the rest of the input (as
    browsers do for an unclosed ``<script>``); any other is dropped alone, and its name is not
    searched for again, which keeps the scan linear. With ``self_closing_skips`` an ``<x/>`` skip
    tag has no content.
    """
    pos = 0
    length = len(html)
    unclosed: set[str] = set()
    while pos < length:
        match = _HTML_TOKEN.search(html, pos)
        if match is None:
            yield HtmlToken(html[pos:])
            return
        if match.start() > pos:
            yield HtmlToken(html[pos : match.start()])
        pos = match.end()
        if match.group(0) == "<!--":
            end = html.find("-->", pos)
            pos = length if end < 0 else end + 3  # an open comment hides the rest, as in browsers
            continue
        name = (match.group(2) or "").lower()
        if not name:
            continue  # <!DOCTYPE ...>, <?xml ...?>, <![CDATA[...]]>: dropped
        closing = match.group(1) == "/"
        attributes = match.group(3) or ""
        if not closing and name in skip_tags:
            if (self_closing_skips and attributes.rstrip().endswith("/")) or name in unclosed:
                continue
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, pos)
            if close is not None:
                pos = close.end()
            elif name in swallow_unclosed:
                pos = length
            else:
                unclosed.add(name)
            continue
        yield HtmlToken("", name, closing, attributes)


def html_unescape(text: str) -> str:
    """``html.unescape``, imported on first use: its entity table costs ~1.3 ms at start-up and
    only raw HTML inside Markdown needs it."""
    from html import unescape

    return unescape(text)


class _HtmlText:
    """Text of a raw HTML block as paragraphs; tags are never rendered."""

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str, list[tuple[int, int, InlineStyle, str | None]]]] = []
        self.current = _Inline()

    def _break(self) -> None:
        text, runs = self.current.finish()
        if text.strip():
            self.paragraphs.append((text, runs))
        self.current = _Inline()

    def feed(self, html: str) -> None:
        for token in scan_html(html, _HTML_SKIP_TAGS, swallow_unclosed=_HTML_SKIP_TAGS):
            name = token.name
            if not name:
                self._data(token.text)
            elif name in _HTML_BLOCK_TAGS:
                self._break()
            elif name in _HTML_INLINE_STYLES:
                if token.closing:
                    self.current.close(name)
                else:
                    href = None
                    if name == "a":
                        found = _HTML_HREF.search(token.attributes)
                        href = (
                            sanitize_line(html_unescape(next(g for g in found.groups() if g is not None)))
                            if found
                            else ""
                        )
                    self.current.open(name, _HTML_INLINE_STYLES[name], href)
        self._break()

    def _data(self, data: str) -> None:
        if not data:
            return
        text = " ".join(_clean_inline(html_unescape(data)).split())
        ends_with_space = bool(self.current.parts) and self.current.parts[-1].endswith(" ")
        if not text:
            if self.current.len and not ends_with_space:
                self.current.add(" ")
            return
        if data[:1].isspace() and self.current.len and not ends_with_space:
            text = " " + text
        if data[-1:].isspace():
            text += " "
        self.current.add(text)


def _html_paragraphs(html: str) -> list[tuple[str, list[tuple[int, int, InlineStyle, str | None]]]]:
    parser = _HtmlText()
    parser.feed(html)
    return parser.paragraphs


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser: CommonMark plus tables and strikethrough."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


@dataclass
class OpenContainer:
    """An open list, list item or quote while blocks are being built (Markdown and HTML alike)."""

    kind: str  # "list", "item", "quote"
    ordered: bool = False
    next_number: int = 1
    marker: str = ""
    used: bool = False  # for items: the marker has been drawn


class _MarkdownWalker:
    """Walks the flat token list iteratively (markdown-it nests with open/close tokens)."""

    def __init__(self, builder: _TextBuilder, title: str | None) -> None:
        self.out = builder
        self.stack: list[OpenContainer] = []
        self.title_from_header = title
        self.title: str | None = None
        self.first_block = True
        self.row: list[tuple[str, list, bool]] = []

    def walk(self, tokens: list[Token]) -> None:
        if self.title_from_header is not None:
            self.title = self.title_from_header
        i = 0
        count = len(tokens)
        while i < count:
            token = tokens[i]
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start", 1)
                self.stack.append(OpenContainer("list", kind == "ordered_list_open", int(start) if start else 1))
            elif kind == "list_item_open":
                parent = self._innermost("list")
                if parent is not None and parent.ordered:
                    marker = f"{token.info or parent.next_number}{token.markup or '.'} "
                    parent.next_number += 1
                else:
                    marker = BULLET
                self.stack.append(OpenContainer("item", marker=marker))
            elif kind == "blockquote_open":
                self.stack.append(OpenContainer("quote"))
            elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
                if self.stack:
                    self.stack.pop()
            elif kind == "heading_open":
                inline = tokens[i + 1] if i + 1 < count and tokens[i + 1].type == "inline" else None
                self._heading(int(token.tag[1:]) if token.tag[1:].isdigit() else 1, inline)
            elif kind == "paragraph_open":
                inline = tokens[i + 1] if i + 1 < count and tokens[i + 1].type == "inline" else None
                self._paragraph(inline)
            elif kind in ("fence", "code_block"):
                self._leaf(BlockKind.CODE, sanitize_text(token.content.rstrip("\n")), [])
            elif kind == "hr":
                self._leaf(BlockKind.RULE, "", [])
            elif kind == "html_block":
                for text, runs in _html_paragraphs(token.content):
                    self._leaf(BlockKind.PARAGRAPH, text, runs)
            elif kind == "tr_open":
                self.row = []
            elif kind in ("th_open", "td_open"):
                inline = tokens[i + 1] if i + 1 < count and tokens[i + 1].type == "inline" else None
                cell = _Inline()
                if inline is not None:
                    _render_inline(inline.children or [], cell)
                text, runs = cell.finish()
                self.row.append((text.replace("\n", " ").strip(), runs, kind == "th_open"))
            elif kind == "tr_close":
                self._table_row()
            i += 1

    def _innermost(self, kind: str) -> OpenContainer | None:
        for container in reversed(self.stack):
            if container.kind == kind:
                return container
        return None

    def _place(self, kind: BlockKind) -> tuple[BlockKind, int, str]:
        """Kind, depth and marker for a leaf block, from the innermost container."""
        lists = sum(1 for c in self.stack if c.kind == "list")
        quotes = sum(1 for c in self.stack if c.kind == "quote")
        inner = next((c for c in reversed(self.stack) if c.kind in ("item", "quote")), None)
        if inner is None:
            return kind, 0, ""
        if inner.kind == "item":
            marker = "" if inner.used else inner.marker
            inner.used = True
            if kind is BlockKind.PARAGRAPH:
                return BlockKind.LIST_ITEM, lists, marker
            return kind, lists, marker if kind is not BlockKind.RULE else ""
        if kind is BlockKind.PARAGRAPH:
            return BlockKind.QUOTE, quotes, QUOTE_MARKER
        return kind, quotes, QUOTE_MARKER if kind is not BlockKind.RULE else ""

    def _leaf(self, kind: BlockKind, text: str, runs: list, level: int = 0) -> None:
        if self.first_block and kind is not BlockKind.RULE and text.strip():
            self.first_block = False
            if self.title is None:
                self._title_from_text(text)
        kind, depth, marker = self._place(kind)
        if kind is BlockKind.HEADING:
            depth = level  # a heading's depth is its level, wherever it sits
        self.out.add_block(kind, text, runs, depth, marker)

    def _title_from_text(self, text: str) -> None:
        self.title = text.strip().split("\n", 1)[0]

    def _heading(self, level: int, inline: Token | None) -> None:
        text, runs = _inline_text(inline)
        if self.first_block and text.strip() and not self.stack:
            self.first_block = False
            if self.title is None or " ".join(text.split()) == self.title:
                self.title = text.strip()
                self.out.add_block(BlockKind.TITLE, text, runs, level)
                return
        self._leaf(BlockKind.HEADING, text, runs, level)

    def _paragraph(self, inline: Token | None) -> None:
        if self.first_block and not self.stack and self.title is None and inline is not None:
            children = inline.children or []
            cut = next((n for n, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
            head, rest = _Inline(), _Inline()
            _render_inline(children[:cut], head)
            title, runs = head.finish()
            if title.strip():
                self.first_block = False
                self.title = title.strip()
                self.out.add_block(BlockKind.TITLE, title, runs, 1)
                _render_inline(children[cut + 1 :], rest)
                text, rest_runs = rest.finish()
                self._leaf(BlockKind.PARAGRAPH, text, rest_runs)
                return
        text, runs = _inline_text(inline)
        self._leaf(BlockKind.PARAGRAPH, text, runs)

    def _table_row(self) -> None:
        row, self.row = self.row, []
        if any(text for text, _, _ in row):
            self._leaf(BlockKind.TABLE_ROW, *join_cells(row))


def join_cells(row: list[tuple[str, list, bool]]) -> tuple[str, list[tuple[int, int, InlineStyle, str | None]]]:
    """A table row's cells (text, runs, is-header) as one line: cells joined by ``CELL_SEPARATOR``,
    cell runs moved to row offsets, header cells made strong."""
    parts: list[str] = []
    runs: list[tuple[int, int, InlineStyle, str | None]] = []
    pos = 0
    for n, (text, cell_runs, header) in enumerate(row):
        if n:
            parts.append(CELL_SEPARATOR)
            pos += len(CELL_SEPARATOR)
        parts.append(text)
        if header and text:
            runs.append((pos, pos + len(text), InlineStyle.STRONG, None))
        runs.extend((pos + s, pos + e, style, href) for s, e, style, href in cell_runs)
        pos += len(text)
    return "".join(parts), runs


def _inline_text(inline: Token | None) -> tuple[str, list]:
    out = _Inline()
    if inline is not None:
        _render_inline(inline.children or [], out)
    return out.finish()


# --------------------------------------------------------------------------- entry points


def _finish(
    path: str, builder: _TextBuilder, title: str | None, header: Header, report: SanitizeReport, problems: list[str]
) -> Document:
    meta = metadata_from_fields(header.fields)
    meta.extra.pop("title", None)
    shown = sanitize_line(title or "")
    if len(shown) > MAX_TITLE_CHARS:
        shown = shown[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    meta.title = shown or title_from_path(path)
    problems = report.problems + problems
    text = builder.text
    if not text.strip():
        problems.append("no text to show")
    elif not any(b.kind is not BlockKind.TITLE for b in builder.blocks):
        problems.append("no article text after the title")
    status = DocStatus.WARNING if problems else DocStatus.OK
    return Document(path=path, text=text, blocks=builder.blocks, meta=meta, status=status, problems=problems)


def title_from_path(path: str) -> str:
    """The title shown for a file without one: its sanitised name without the extension."""
    if not path:
        return "(untitled)"
    name = display_name(path)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return stem or name


def _too_big_for_markdown(body: str) -> str | None:
    """Why ``body`` should skip Markdown parsing, if it should.

    markdown-it-py reads prose at roughly 1 MB/s, but each markup character costs far more
    (~25 µs per table cell, up to ~50 µs per "[" in bracket junk, and it grows slightly
    faster than linearly). Very long or markup-dense input is therefore shown as plain text
    (every word kept) instead of stalling the reader for minutes.
    """
    if len(body) > MAX_MARKDOWN_CHARS:
        return f"too large for Markdown formatting ({len(body):,} characters); shown as plain text"
    markup = sum(body.count(char) for char in _MARKUP_CHARS)
    if markup > MAX_MARKUP_CHARS:
        return f"too much Markdown markup ({markup:,} syntax characters); shown as plain text"
    return None


def _too_deep(tokens: list[Token]) -> bool:
    return any(token.level >= MAX_NESTING - 1 for token in tokens)


def parse_markdown(text: str, path: str = "") -> Document:
    """Build a ``Document`` from Markdown source (any string; it is sanitised first)."""
    report = SanitizeReport()
    clean = sanitize_text(text, report)
    header = split_header(clean)
    front_title = header.fields.get("title")
    too_big = _too_big_for_markdown(header.body)
    if too_big:
        document = _parse_plain(clean, path, report)
        document.problems.append(too_big)
        document.status = DocStatus.WARNING
        return document
    tokens = markdown_parser().parse(header.body)
    if _too_deep(tokens):
        document = _parse_plain(clean, path, report)
        document.problems.append(f"Markdown nested deeper than {MAX_NESTING} levels; shown as plain text")
        document.status = DocStatus.WARNING
        return document
    builder = _TextBuilder()
    walker = _MarkdownWalker(builder, sanitize_line(front_title) if front_title else None)
    if walker.title_from_header:
        # Front matter gave the title; it leads the text unless the first heading repeats it.
        first = next(
            (
                t
                for t in tokens
                if t.type
                in (
                    "heading_open",
                    "paragraph_open",
                    "fence",
                    "code_block",
                    "hr",
                    "html_block",
                    "bullet_list_open",
                    "ordered_list_open",
                    "blockquote_open",
                    "table_open",
                )
            ),
            None,
        )
        repeats = False
        if first is not None and first.type == "heading_open":
            inline = tokens[tokens.index(first) + 1]
            repeats = " ".join(_inline_text(inline)[0].split()) == walker.title_from_header
        if not repeats:
            builder.add_block(BlockKind.TITLE, walker.title_from_header, [], 1)
            walker.first_block = False
    walker.walk(tokens)
    return _finish(path, builder, walker.title, header, report, [])


_ATX_PREFIX = re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$")
# The characters CommonMark inline rules (escape, backticks, emphasis, strikethrough, links,
# images, autolinks, raw HTML, entities, line breaks) start on; text without them is literal.
_INLINE_SYNTAX = re.compile(r"[\\`*_~\[\]!<>&\n]")


def parse_plain_text(text: str, path: str = "") -> Document:
    """Build a ``Document`` from plain text: first non-empty line is the title; paragraphs
    are split on blank lines and their lines joined with a space."""
    return _parse_plain(sanitize_text(text, report := SanitizeReport()), path, report)


def _parse_plain(clean: str, path: str, report: SanitizeReport) -> Document:
    header = split_header(clean)
    builder = _TextBuilder()
    title = header.fields.get("title")
    lines = header.body.split("\n")
    paragraph: list[str] = []
    title_done = False
    if title:
        builder.add_block(BlockKind.TITLE, sanitize_line(title), [], 1)
        title_done = True

    def flush() -> None:
        if paragraph:
            builder.add_block(BlockKind.PARAGRAPH, " ".join(paragraph), [])
            paragraph.clear()

    skip_underline = False
    for line in lines:
        stripped = line.strip()
        if skip_underline:
            skip_underline = False
            if _SETEXT_UNDERLINE.match(line):
                continue
        if not title_done and stripped:
            title = _ATX_PREFIX.sub("", stripped).strip() or stripped
            builder.add_block(BlockKind.TITLE, title, [], 1)
            title_done = True
            skip_underline = True
            continue
        if stripped:
            paragraph.append(stripped)
        else:
            flush()
    flush()
    return _finish(path, builder, title, header, report, [])


def title_of_line(line: str, markdown: bool) -> str:
    """Plain title text of a header line, as ``parse_markdown``/``parse_plain_text`` show it."""
    if not markdown:
        return sanitize_line(_ATX_PREFIX.sub("", line.strip()).strip() or line)
    match = _ATX.match(line)
    source = (match.group(2) or "") if match else line.strip()
    if not match:
        source = re.sub(r"^(?:>\s*|[-*+]\s+|\d{1,9}[.)]\s+)+", "", source)
    if not _INLINE_SYNTAX.search(source):
        # No character any CommonMark inline rule acts on: markdown-it would return the text
        # as it is. Skipping it makes listing a big library several times faster.
        return sanitize_line(source)
    return inline_plain_text(source)


def inline_plain_text(source: str) -> str:
    """The one-line plain text markdown-it makes of inline Markdown ``source``."""
    tokens = markdown_parser().parseInline(source)
    out = _Inline()
    for token in tokens:
        _render_inline(token.children or [], out)
    text, _ = out.finish()
    return sanitize_line(text)
