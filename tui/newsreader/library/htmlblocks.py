"""HTML -> ``Document`` blocks with exact offsets, for saved web pages and feed entries.

The input is either the main text a web page's extractor kept (clean HTML) or a feed
entry's content (any HTML a publisher wrote). Tags are never rendered; they only decide
where blocks start and which inline runs exist:

- ``<h1>``-``<h6>`` are HEADING blocks (depth = level); ``<p>``, ``<div>`` and the other
  block tags start new paragraphs; ``<br>`` is a hard break ("\\n").
- ``<ul>``/``<ol>`` items are LIST_ITEM blocks with "• " or "3. " markers; ``<blockquote>``
  paragraphs are QUOTE blocks with "│ "; ``<pre>`` is a CODE block keeping its lines;
  ``<hr>`` is a zero-length RULE; table rows are TABLE_ROW blocks, cells joined by " │ "
  (header cells STRONG).
- ``<b>``/``<strong>``, ``<i>``/``<em>``, ``<code>``, ``<s>``/``<del>`` and ``<a>`` become runs.
  A link keeps its target only when it is http(s), mailto, ftp or relative; ``javascript:``,
  ``data:`` and other schemes are dropped (the run stays, with ``href=None``).
- Images show their alt text as an IMAGE run; images without alt text are left out (in web
  pages and feeds they are mostly decoration and tracking pixels).
- ``<script>``, ``<style>``, ``<title>``, ``<template>``, ``<noscript>``, ``<iframe>``,
  ``<svg>``, media and form controls are dropped with their content (an unclosed one drops
  only its tag, except the raw-text ones such as ``<script>``, which swallow the rest as in
  browsers); comments and declarations are dropped too.

The scan is one linear pass of a regular expression over the text (no tree, no recursion),
so nesting depth and unclosed tags cannot hurt it; implicit closes (``<li>`` without
``</li>``) are handled with a small container stack. Every piece of text is sanitised
after entity decoding, so ``&#27;`` cannot smuggle an escape character in.

The title: when ``title`` is given it leads the text as a TITLE block, unless the first
block is a heading saying the same, which then becomes the TITLE. Without a title a
leading heading is the title; otherwise there is no TITLE block and the title is the start
of the first paragraph.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape

from newsreader.model.document import BlockKind, DocStatus, Document, InlineStyle, Metadata

from .markdown import (
    BULLET,
    MAX_TITLE_CHARS,
    QUOTE_MARKER,
    OpenContainer,
    _Inline,
    _TextBuilder,
    join_cells,
    scan_html,
    title_from_path,
)
from .sanitize import SanitizeReport, sanitize_line, sanitize_text

_RAW_TEXT_TAGS = frozenset("script style title textarea xmp plaintext".split())
_SKIP_TAGS = _RAW_TEXT_TAGS | frozenset(
    "template noscript iframe object svg math select button canvas audio video map".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside body center details dialog dd dir div dl dt fieldset figcaption figure footer "
    "form header hgroup html legend main nav p section summary caption".split()
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset({"ul", "ol", "menu"})
_INLINE = {
    "b": InlineStyle.STRONG,
    "strong": InlineStyle.STRONG,
    "i": InlineStyle.EMPHASIS,
    "em": InlineStyle.EMPHASIS,
    "cite": InlineStyle.EMPHASIS,
    "code": InlineStyle.CODE,
    "kbd": InlineStyle.CODE,
    "samp": InlineStyle.CODE,
    "tt": InlineStyle.CODE,
    "s": InlineStyle.STRIKE,
    "del": InlineStyle.STRIKE,
    "strike": InlineStyle.STRIKE,
    "a": InlineStyle.LINK,
}
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
_ATTRIBUTE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_HREF = re.compile(_ATTRIBUTE.format(name="href"), re.IGNORECASE)
_ALT = re.compile(_ATTRIBUTE.format(name="alt"), re.IGNORECASE)
_SRC = re.compile(_ATTRIBUTE.format(name="src"), re.IGNORECASE)
_START = re.compile(_ATTRIBUTE.format(name="start"), re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_UNTITLED_CHARS = 80  # a title taken from the first paragraph is cut about here


def attribute(pattern: re.Pattern[str], attributes: str) -> str | None:
    """The unescaped value of one attribute in a tag's attribute text, if present."""
    found = pattern.search(attributes)
    if not found:
        return None
    return html_unescape(next(group for group in found.groups() if group is not None))


def safe_url(raw: str | None, *, web_only: bool = False) -> str | None:
    """``raw`` one-lined, when it is an address that is safe to show and follow.

    http(s), mailto and ftp addresses and relative links pass; ``javascript:``,
    ``data:``, ``file:`` and every other scheme give None. Browsers ignore tabs and
    newlines inside a scheme ("java\\tscript:"), so they are removed before checking.
    ``web_only`` accepts absolute http(s) addresses only (an article's URL).
    """
    if not raw:
        return None
    value = sanitize_line(raw)
    squeezed = re.sub(r"[\s\u2400-\u2421]+", "", value)
    match = _SCHEME.match(squeezed)
    if web_only:
        return value if match and match.group(1).lower() in ("http", "https") and " " not in value else None
    if match is None:
        return value if ":" not in squeezed.split("/", 1)[0] else None
    return value if match.group(1).lower() in _SAFE_SCHEMES else None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _HtmlWalker:
    """One pass over HTML, appending blocks to a ``_TextBuilder``."""

    def __init__(self, builder: _TextBuilder, title: str | None) -> None:
        self.out = builder
        self.title = title
        self.title_done = False
        self.first_paragraph: str | None = None
        self.current = _Inline()
        self.boxes: list[OpenContainer] = []
        self.heading = 0
        self.pre = 0
        self.row: list[tuple[str, list, bool]] | None = None
        self.cell: _Inline | None = None
        self.cell_header = False

    # ----------------------------------------------------------------- scanning

    def feed(self, html: str) -> None:
        for token in scan_html(html, _SKIP_TAGS, _RAW_TEXT_TAGS, self_closing_skips=True):
            if not token.name:
                self._data(token.text)
            elif token.closing:
                self._close(token.name)
            else:
                self._open(token.name, token.attributes)
        self.finish()

    def finish(self) -> None:
        self._end_row()
        self._flush()
        self.pre = 0
        self.heading = 0

    # ----------------------------------------------------------------- text

    def _target(self) -> _Inline:
        return self.cell if self.cell is not None else self.current

    def _data(self, data: str) -> None:
        if not data:
            return
        out = self._target()
        if self.pre and self.cell is None:
            out.add(sanitize_text(html_unescape(data)))
            return
        clean = sanitize_text(html_unescape(data))
        text = " ".join(clean.split())
        ends_with_space = bool(out.parts) and out.parts[-1][-1:] in (" ", "\n")
        if not text:
            if out.len and not ends_with_space:
                out.add(" ")
            return
        if clean[:1].isspace() and out.len and not ends_with_space:
            text = " " + text
        if clean[-1:].isspace():
            text += " "
        out.add(text)

    def _space(self) -> None:
        out = self._target()
        if out.len and not (out.parts and out.parts[-1][-1:] in (" ", "\n")):
            out.add(" ")

    # ----------------------------------------------------------------- tags

    def _open(self, name: str, attributes: str) -> None:
        if (
            self.cell is not None
            and name not in ("td", "th", "tr", "table")
            and name not in _INLINE
            and name not in ("br", "img")
        ):
            self._space()  # block structure inside a table cell flattens to spaces
            return
        if name in _INLINE:
            href = None
            if name == "a":
                href = safe_url(attribute(_HREF, attributes))
            self._target().open(name, _INLINE[name], href)
        elif name == "br":
            if self.pre and self.cell is None:
                self._target().add("\n")
            elif self.cell is not None:
                self._space()
            else:
                self._target().line_break()
        elif name == "img":
            alt = sanitize_line(attribute(_ALT, attributes) or "")
            if alt:
                out = self._target()
                self._space_before_word(out)
                start = out.len
                out.add(alt)
                out.runs.append((start, out.len, InlineStyle.IMAGE, safe_url(attribute(_SRC, attributes))))
        elif name in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS[name]
        elif name in _LISTS:
            self._flush()
            first = attribute(_START, attributes)
            number = int(first) if first and first.strip().isdigit() and len(first.strip()) < 10 else 1
            self.boxes.append(OpenContainer("list", ordered=name == "ol", next_number=number))
        elif name == "li":
            self._flush()
            while self.boxes and self.boxes[-1].kind == "item":
                self.boxes.pop()  # an unclosed previous item ends here
            parent = self.boxes[-1] if self.boxes and self.boxes[-1].kind == "list" else None
            if parent is None:
                parent = OpenContainer("list")
                self.boxes.append(parent)
            if parent.ordered:
                marker = f"{parent.next_number}. "
                parent.next_number += 1
            else:
                marker = BULLET
            self.boxes.append(OpenContainer("item", marker=marker))
        elif name == "blockquote":
            self._flush()
            self.boxes.append(OpenContainer("quote"))
        elif name == "pre":
            self._flush()
            self.pre += 1
        elif name == "hr":
            self._flush()
            self._emit(BlockKind.RULE, "", [])
        elif name == "table":
            self._flush()
        elif name == "tr":
            self._flush()
            self._end_row()
            self.row = []
        elif name in ("td", "th"):
            self._flush()
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = _Inline()
            self.cell_header = name == "th"
        elif name in _BLOCK_TAGS:
            self._flush()

    def _close(self, name: str) -> None:
        if name in _INLINE:
            self._target().close(name)
        elif self.cell is not None and name not in ("td", "th", "tr", "table"):
            self._space()
        elif name in _HEADINGS:
            self._flush()
            self.heading = 0
        elif name == "li":
            self._flush()
            self._pop_through("item", stop_at="list")
        elif name in _LISTS:
            self._flush()
            self._pop_through("list")
        elif name == "blockquote":
            self._flush()
            self._pop_through("quote")
        elif name == "pre":
            self._flush()
            self.pre = max(0, self.pre - 1)
        elif name in ("td", "th"):
            self._end_cell()
        elif name in ("tr", "table"):
            self._end_row()
        elif name in _BLOCK_TAGS:
            self._flush()

    def _space_before_word(self, out: _Inline) -> None:
        if out.len and out.parts and out.parts[-1][-1:] not in (" ", "\n"):
            out.add(" ")

    def _pop_through(self, kind: str, stop_at: str | None = None) -> None:
        for index in range(len(self.boxes) - 1, -1, -1):
            if self.boxes[index].kind == kind:
                del self.boxes[index:]
                return
            if stop_at and self.boxes[index].kind == stop_at:
                return

    # ----------------------------------------------------------------- tables

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        text, runs = self.cell.finish()
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        runs = [(max(0, s - lead), min(len(stripped), e - lead), style, href) for s, e, style, href in runs]
        runs = [run for run in runs if run[1] > run[0]]
        if self.row is not None:
            self.row.append((stripped, runs, self.cell_header))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None:
            return
        row, self.row = self.row, None
        if any(text for text, _, _ in row):
            text, runs = join_cells(row)
            runs.sort(key=lambda run: (run[0], -run[1]))
            self._emit(BlockKind.TABLE_ROW, text, runs)

    # ----------------------------------------------------------------- blocks

    def _flush(self) -> None:
        text, runs = self.current.finish()
        self.current = _Inline()
        if not text.strip():
            return
        if self.pre:
            self._emit(BlockKind.CODE, text.rstrip("\n"), runs)
        elif self.heading:
            self._emit(BlockKind.HEADING, text, runs, self.heading)
        else:
            self._emit(BlockKind.PARAGRAPH, text, runs)

    def _place(self, kind: BlockKind) -> tuple[BlockKind, int, str]:
        lists = sum(1 for box in self.boxes if box.kind == "list")
        quotes = sum(1 for box in self.boxes if box.kind == "quote")
        inner = next((box for box in reversed(self.boxes) if box.kind in ("item", "quote")), None)
        if inner is None or kind is BlockKind.RULE:
            return kind, 0, ""
        if inner.kind == "item":
            marker = "" if inner.used else inner.marker
            inner.used = True
            return (BlockKind.LIST_ITEM if kind is BlockKind.PARAGRAPH else kind), lists, marker
        return (BlockKind.QUOTE if kind is BlockKind.PARAGRAPH else kind), quotes, QUOTE_MARKER

    def _emit(self, kind: BlockKind, text: str, runs: list, level: int = 0) -> None:
        if kind is not BlockKind.RULE and not self.title_done:
            self.title_done = True
            if self.title:
                if kind is BlockKind.HEADING and not self.boxes and _norm(text) == _norm(self.title):
                    self.out.add_block(BlockKind.TITLE, text, runs, level)
                    return
                self.out.add_block(BlockKind.TITLE, self.title, [], 1)
            elif kind is BlockKind.HEADING and not self.boxes:
                self.title = " ".join(text.split())
                self.out.add_block(BlockKind.TITLE, text, runs, level)
                return
        if kind is BlockKind.PARAGRAPH and self.first_paragraph is None:
            self.first_paragraph = text
        kind, depth, marker = self._place(kind)
        if kind is BlockKind.HEADING:
            depth = level
        self.out.add_block(kind, text, runs, depth, marker)


def title_from_text(text: str, limit: int = _UNTITLED_CHARS) -> str:
    """A short title from the start of a paragraph: its first line, cut at a word near
    ``limit`` characters with "…"."""
    line = " ".join(text.split("\n", 1)[0].split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def html_document(html: str, path: str, meta: Metadata, problems: list[str] | None = None) -> Document:
    """A ``Document`` from ``html`` with ``meta`` (its title leads the text, see the module
    docstring). ``problems`` found earlier (decoding, extraction) come first. Never raises
    on any string."""
    report = SanitizeReport()
    clean = sanitize_text(html, report)
    builder = _TextBuilder()
    title = sanitize_line(meta.title) if meta.title else None
    walker = _HtmlWalker(builder, title)
    walker.feed(clean)
    return finish_document(path, builder, meta, walker.title, walker.first_paragraph, report, problems or [])


def plain_document(text: str, path: str, meta: Metadata, problems: list[str] | None = None) -> Document:
    """A ``Document`` from plain text (a feed's text/plain content): blank lines separate
    paragraphs, other line breaks become spaces; ``meta.title`` leads as the TITLE."""
    report = SanitizeReport()
    clean = sanitize_text(text, report)
    builder = _TextBuilder()
    title = sanitize_line(meta.title) if meta.title else None
    if title:
        builder.add_block(BlockKind.TITLE, title, [], 1)
    first: str | None = None
    for paragraph in re.split(r"\n[ \t]*\n", clean):
        joined = " ".join(paragraph.split())
        if joined:
            first = first or joined
            builder.add_block(BlockKind.PARAGRAPH, joined, [])
    return finish_document(path, builder, meta, title, first, report, problems or [])


def finish_document(
    path: str,
    builder: _TextBuilder,
    meta: Metadata,
    title: str | None,
    first_paragraph: str | None,
    report: SanitizeReport,
    problems: list[str],
) -> Document:
    """Title, status and problems for a built document (the shared end of both builders)."""
    shown = sanitize_line(title or "") or (title_from_text(first_paragraph) if first_paragraph else "")
    if len(shown) > MAX_TITLE_CHARS:
        shown = shown[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    meta.title = shown or title_from_path(path)
    all_problems = list(problems) + report.problems
    text = builder.text
    if not text.strip():
        all_problems.append("no text to show")
    elif not any(block.kind is not BlockKind.TITLE for block in builder.blocks):
        all_problems.append("no article text after the title")
    return Document(
        path=path,
        text=text,
        blocks=builder.blocks,
        meta=meta,
        status=DocStatus.WARNING if all_problems else DocStatus.OK,
        problems=all_problems,
    )
