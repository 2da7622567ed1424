"""Export the open article's analysis to a file the user names, and clip evidence for pasting.

Three formats:

``json``
    The object ``newsreader extract`` writes for one document (``model.record.extract_record``), so a
    file exported from the reader and a line of ``extract`` output are interchangeable.
``csv``
    One row per reaction (``CSV_COLUMNS``). Cells that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading ``'``:
    the text comes from an untrusted article.
``md``
    A Markdown brief: title, source/date/URL, reactions grouped by country (as the side panel
    groups them) with evidence quotes, key figures, sources. Article text is escaped, so a
    title like ``[x](javascript:...)`` or ``<script>`` stays literal text in the brief.

``export`` writes atomically (complete or not at all) and only to the path given, by the rules
of ``newsreader.safe_output``: it refuses to replace an existing file unless ``overwrite=True``,
never writes over the file the article is read from (a feed entry's feed file too) nor over
anything that is not a regular file, and keeps the mode and hard links of a file it replaces.
No Textual import here: the export dialog and tests call the same functions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from newsreader.model.analysis import Analysis
from newsreader.model.document import DocStatus, Document
from newsreader.model.record import extract_record
from newsreader.model.vocabulary import CATEGORY_KIND
from newsreader.own_files import OwnFileError, read_own_text
from newsreader.present.panel import build_panel, figure_line
from newsreader.present.text import clean, has_unsafe
from newsreader.safe_output import OutputError, Target, check_output, write_bytes

#: Format name -> file extension. "markdown" is accepted as another name for "md".
FORMATS: dict[str, str] = {"json": ".json", "csv": ".csv", "md": ".md"}
FORMAT_LABELS: dict[str, str] = {
    "json": "JSON (as newsreader extract)",
    "csv": "CSV (one row per reaction)",
    "md": "Markdown brief",
}

CSV_COLUMNS: tuple[str, ...] = (
    "country",
    "country_name",
    "actor",
    "role",
    "category",
    "trigger",
    "target",
    "negated",
    "hedged",
    "evidence",
    "start",
    "end",
    "title",
    "source",
    "url",
)


class ExportError(Exception):
    """Why an export could not be written; the message is meant for the user as is."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written: the file and how many reactions it holds."""

    path: Path
    fmt: str
    reactions: int

    @property
    def message(self) -> str:
        """ "Exported 1 reaction to brief.md" (the notice after an export)."""
        noun = "reaction" if self.reactions == 1 else "reactions"
        return f"Exported {self.reactions} {noun} to {clean(str(self.path))}"


def not_analysed_message(document: Document) -> str:
    """Why there is nothing to export yet: the article failed to open, or its analysis is
    still running."""
    if document.status is DocStatus.ERROR:
        reason = clean(document.problems[0]) if document.problems else ""
        return f"The article could not be opened{f' ({reason})' if reason else ''}: there is no analysis to export."
    return "The article has not been analysed yet: wait for the analysis, then export."


# --------------------------------------------------------------------------- text hygiene

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str | None) -> str:
    """A text cell safe to open in a spreadsheet (formula-looking text gets a leading ')."""
    value = clean(text)
    return "'" + value if value.startswith(_FORMULA_START) else value


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|~&])")


def md_escape(text: str | None) -> str:
    """Untrusted text for a Markdown brief: every character Markdown or HTML could act on is
    backslash-escaped, so links, images, emphasis and tags stay literal."""
    return _MD_SPECIAL.sub(r"\\\1", clean(text))


_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


def md_url(url: str | None) -> str:
    """An http(s) URL as a Markdown autolink; anything else as escaped text."""
    value = clean(url)
    if _SAFE_URL.match(value):
        return f"<{value}>"
    return md_escape(value)


# --------------------------------------------------------------------------- helpers


def normalize_format(fmt: str) -> str:
    """ "JSON" -> "json", "markdown" -> "md"; raises ExportError for an unknown format."""
    name = (fmt or "").strip().lower().lstrip(".")
    if name == "markdown":
        name = "md"
    if name not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}: choose json, csv or md.")
    return name


def default_country_name(code: str) -> str:
    """The gazetteer's name for a country or organisation code; the code if it has none."""
    from newsreader.analysis.country_names import display_name

    return display_name(code)


def _safe_name(country_name: Callable[[str], str]) -> Callable[[str], str]:
    def name(code: str) -> str:
        try:
            return clean(country_name(code)) or code
        except Exception:  # noqa: BLE001
            return code

    return name


def _span_text(text: str, span: Any) -> str:
    if not span:
        return ""
    start, end = int(span[0]), int(span[1])
    start, end = max(0, start), min(len(text), end)
    return text[start:end] if start < end else ""


def suggested_name(document: Any, fmt: str) -> str:
    """A file name from the article title: "Kazakhstan unrest!" + md -> "kazakhstan-unrest.md"."""
    fmt = normalize_format(fmt)
    for candidate in (clean(getattr(document.meta, "title", "")), Path(document.path or "").stem):
        slug = re.sub(r"[^\w]+", "-", candidate.lower()).strip("-_")[:60].strip("-_")
        if slug:
            return f"{slug}-analysis{FORMATS[fmt]}"
    return f"article-analysis{FORMATS[fmt]}"


#: ``user-dirs.dirs`` is a few hundred bytes; anything much larger is not that file.
_USER_DIRS_MAX_BYTES = 64 * 1024
_USER_DIRS_LINE = re.compile(r'^\s*XDG_DOCUMENTS_DIR\s*=\s*"([^"]*)"\s*$', re.MULTILINE)


class ExportFolder(NamedTuple):
    """Where plain file names are saved, and why there (shown in the export dialog)."""

    path: Path
    why: str


def _home() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):  # no $HOME and no passwd entry
        return None


def _user_dirs_documents(home: Path | None) -> Path | None:
    """``XDG_DOCUMENTS_DIR`` from ``$XDG_CONFIG_HOME/user-dirs.dirs`` (the xdg-user-dirs file:
    lines ``XDG_DOCUMENTS_DIR="$HOME/Documents"``; ``$HOME`` is the only variable it may use)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    root = Path(base) if base and os.path.isabs(base) else (home / ".config" if home else None)
    if root is None:
        return None
    try:
        text = read_own_text(root / "user-dirs.dirs", _USER_DIRS_MAX_BYTES)
    except (FileNotFoundError, OwnFileError):  # none, or not a small regular UTF-8 file
        return None
    found = _USER_DIRS_LINE.findall(text)
    return _documents_value(found[-1], home) if found else None


def _documents_value(value: str, home: Path | None) -> Path | None:
    """A ``XDG_DOCUMENTS_DIR`` value as a folder; None when unset, relative or just ``$HOME``
    (the xdg-user-dirs way of saying "no such folder")."""
    value = value.strip()
    if value.startswith("$HOME"):
        if home is None:
            return None
        rest = value[len("$HOME") :].strip("/")
        return home / rest if rest else None
    path = Path(value)
    return path if value and path.is_absolute() and path != home else None


def export_folder(configured: Path | None = None) -> ExportFolder:
    """Where the export dialog saves a plain file name, in this order:

    1. ``configured``: ``export_folder`` in config.toml (used even if it does not exist yet:
       the dialog then says the folder is missing);
    2. the XDG documents folder: ``$XDG_DOCUMENTS_DIR``, else ``XDG_DOCUMENTS_DIR`` in
       ``$XDG_CONFIG_HOME/user-dirs.dirs`` (``~/.config/user-dirs.dirs``, what ``xdg-user-dir
       DOCUMENTS`` reads), if that folder exists;
    3. ``~/Documents`` if it exists;
    4. the home folder (the working directory if there is no home).
    """
    if configured is not None:
        return ExportFolder(Path(configured), "export_folder in config.toml")
    home = _home()
    env = os.environ.get("XDG_DOCUMENTS_DIR", "")
    for candidate in (_documents_value(env, home) if env else None, _user_dirs_documents(home)):
        if candidate is not None and candidate.is_dir():
            return ExportFolder(candidate, "your documents folder")
    if home is not None:
        if (home / "Documents").is_dir():
            return ExportFolder(home / "Documents", "your documents folder")
        return ExportFolder(home, "your home folder")
    try:
        return ExportFolder(Path.cwd(), "the working folder (no home folder is set)")
    except OSError:
        return ExportFolder(Path("/"), "the root folder (no home or working folder)")


def short_path(path: str | Path) -> str:
    """A path as the dialog shows it: the home folder written ``~`` (``~/Documents/x.md``)."""
    text = str(path)
    home = _home()
    if home is not None and str(home) not in ("", "/"):
        prefix = str(home).rstrip("/")
        if text == prefix:
            return "~"
        if text.startswith(prefix + "/"):
            return "~" + text[len(prefix) :]
    return text


def resolve_target(name: str, base: Path | None = None) -> Path:
    """The path a typed file name means: ``~`` expanded, relative names under ``base`` (the
    working directory by default)."""
    raw = (name or "").strip()
    if not raw:
        raise ExportError("Type a file name to export to.")
    if has_unsafe(raw) or "\n" in raw or "\0" in raw:
        raise ExportError("The file name contains control characters.")
    path = Path(os.path.expanduser(raw))
    if not path.is_absolute():
        if base is None:
            try:
                base = Path.cwd()
            except OSError:
                raise ExportError(
                    "The working folder no longer exists: type a full path (starting with / or ~)."
                ) from None
        path = base / path
    return path


ARTICLE_ITSELF = "the article itself (the file it is read from)"


def check_target(path: Path, document: Any, overwrite: bool = False) -> Target:
    """Raise ExportError (with a message for the user) unless ``path`` may be written.

    The rules are ``safe_output``'s: never the file the article is read from (a feed entry's
    feed file included), never anything but a regular file, an existing one only with
    ``overwrite``."""
    source = getattr(document, "path", "") or ""
    try:
        return check_output(Path(path), [source] if source else [], replace=overwrite, input_label=ARTICLE_ITSELF)
    except OutputError as exc:
        raise ExportError(str(exc)) from None


# --------------------------------------------------------------------------- the formats


def to_json(document: Any, analysis: Analysis) -> str:
    """The ``extract`` record for this document, pretty-printed."""
    record = extract_record(document, analysis)
    try:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate survived sanitising: \u-escape it rather than fail to write.
        text = json.dumps(record, ensure_ascii=True, indent=2)
    return text + "\n"


def reaction_rows(
    document: Any, analysis: Analysis, country_name: Callable[[str], str] = default_country_name
) -> list[dict[str, Any]]:
    """One dict per reaction with the ``CSV_COLUMNS`` (plain values, not yet CSV-escaped).

    News sources are never actors (as in the panel), so reactions attributed to one are left out.
    """
    name_of = _safe_name(country_name)
    actors = {a.id: a for a in analysis.actors}
    meta = document.meta
    rows = []
    for reaction in analysis.reactions:
        actor = actors.get(reaction.actor)
        if actor is not None and actor.is_source:
            continue
        code = reaction.country or (actor.country if actor else None) or ""
        sentence = tuple(reaction.sentence) if reaction.sentence else (0, 0)
        rows.append(
            {
                "country": code,
                "country_name": name_of(code) if code else "",
                "actor": reaction.actor_name or (actor.name if actor else ""),
                "role": (actor.role if actor else None) or "",
                "category": reaction.category,
                "trigger": reaction.trigger,
                "target": reaction.target or "",
                "negated": reaction.negated,
                "hedged": reaction.hedged,
                "evidence": _span_text(document.text, sentence),
                "start": sentence[0],
                "end": sentence[1],
                "title": meta.title or "",
                "source": meta.source or "",
                "url": meta.url or "",
            }
        )
    return rows


def to_csv(document: Any, analysis: Analysis, country_name: Callable[[str], str] = default_country_name) -> str:
    """The reactions as CSV with a header row (``CSV_COLUMNS``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in reaction_rows(document, analysis, country_name):
        writer.writerow(
            [
                str(row[c]).lower()
                if isinstance(row[c], bool)
                else row[c]
                if isinstance(row[c], int)
                else csv_cell(row[c])
                for c in CSV_COLUMNS
            ]
        )
    return out.getvalue()


def to_markdown(document: Any, analysis: Analysis, country_name: Callable[[str], str] = default_country_name) -> str:
    """A Markdown brief of the article's analysis (see the module docstring)."""
    meta = document.meta
    text = document.text
    model = build_panel(analysis, _safe_name(country_name))
    title = md_escape(meta.title) or md_escape(Path(document.path or "").name) or "Untitled"
    lines = [f"# {title}", ""]
    for label, value in (("Source", md_escape(meta.source)), ("Date", md_escape(meta.date)), ("URL", md_url(meta.url))):
        if value:
            lines.append(f"- {label}: {value}")
    if document.path:
        lines.append(f"- File: {md_escape(document.path)}")
    lines.append(
        f"- Analysis: {md_escape(analysis.model)}"
        + ("" if analysis.complete else " (incomplete: the article was too long to read whole)")
    )
    lines.append("")

    lines += ["## Reactions by country", ""]
    groups = [g for g in model.groups if g.reactions]
    if not groups:
        lines += ["No reactions found.", ""]
    for group in groups:
        lines += [f"### {md_escape(group.title)}", ""]
        last_quote = ""
        for item in group.reactions:
            kind = CATEGORY_KIND.get(item.category or "")
            label = f"{item.category} ({kind[0]}, {kind[1]})" if kind else (item.category or "")
            who = f"**{md_escape(item.lead)}** " if item.lead else ""
            times = f" ×{item.count}" if item.count > 1 else ""
            lines.append(f"- {who}{md_escape(item.text)} — {md_escape(label)}{times}")
            quote = clean(_span_text(text, item.jump))
            if quote and quote != last_quote:  # one sentence often holds several acts: quote it once
                lines.append(f"  > {md_escape(quote)}")
            last_quote = quote
        lines.append("")

    by_span = {tuple(f.span): f for f in analysis.figures}
    lines += ["## Key figures", ""]
    if not model.figures:
        lines += ["None found.", ""]
    for item in model.figures:
        figure = by_span.get(item.spans[0]) if item.spans else None
        line = figure_line(figure) if figure is not None else f"{item.lead} {item.text}"
        lines.append(f"- {md_escape(line)}")
        quote = clean(_span_text(text, item.jump)) if item.jump != (item.spans[0] if item.spans else None) else ""
        if quote:
            lines.append(f"  > {md_escape(quote)}")
    if model.figures:
        lines.append("")

    lines += ["## Sources", ""]
    if not model.sources:
        lines += ["None named.", ""]
    for item in model.sources:
        times = f" (×{item.count})" if item.count > 1 else ""
        lines.append(f"- {md_escape(item.text)}{times}")
    if model.sources:
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render(
    document: Any, analysis: Analysis, fmt: str, country_name: Callable[[str], str] = default_country_name
) -> str:
    """The export as text, without writing it."""
    fmt = normalize_format(fmt)
    if fmt == "json":
        return to_json(document, analysis)
    if fmt == "csv":
        return to_csv(document, analysis, country_name)
    return to_markdown(document, analysis, country_name)


def export(
    document: Any,
    analysis: Analysis,
    fmt: str,
    path: str | Path,
    overwrite: bool = False,
    country_name: Callable[[str], str] = default_country_name,
) -> ExportResult:
    """Write the analysis of ``document`` as ``fmt`` to ``path`` (atomically).

    Raises ExportError with a message for the user: unknown format, missing folder, an
    existing file without ``overwrite``, the article itself, a write that failed.
    """
    if analysis is None:
        raise ExportError(not_analysed_message(document))
    fmt = normalize_format(fmt)
    target = check_target(Path(path), document, overwrite)
    content = render(document, analysis, fmt, country_name)
    try:
        write_bytes(target, content.encode("utf-8"))
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    except (OSError, UnicodeEncodeError) as exc:
        raise ExportError(f"Could not write {target.path}: {getattr(exc, 'strerror', None) or exc}") from None
    return ExportResult(target.path, fmt, len(reaction_rows(document, analysis, lambda c: c)))


# --------------------------------------------------------------------------- evidence and links


def article_url(document: Any) -> str | None:
    """The article's own web address if it is a plain http(s) URL (safe to hand to a browser);
    None for no URL or anything else (``file:``, ``javascript:``, control characters)."""
    url = (getattr(getattr(document, "meta", None), "url", None) or "").strip()
    return url if _SAFE_URL.match(url) and not has_unsafe(url) else None


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence containing ``[start, end)``: widened to the nearest sentence ends
    (., !, ? followed by space, or a blank line); a span that already is one is kept."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, max(start, end - 1))
    if after is None:
        stop = len(text)
    else:
        stop = after.start() if after.group().startswith("\n") else after.end()
    while begin < start and text[begin].isspace():
        begin += 1
    while stop > end and text[stop - 1].isspace():
        stop -= 1
    return min(begin, start), max(stop, end)


#: The longest evidence ``y`` copies: an article without sentence ends (one 250,000-character
#: "sentence") must not become a terminal-flooding OSC 52 clipboard payload.
MAX_CLIP_CHARS = 2000


def evidence_clip(document: Any, start: int, end: int) -> str:
    """The evidence sentence around ``[start, end)`` with where it comes from, for the clipboard:

        “Germany denounced Tokayev's use of force.”
        — Kazakhstan unrest, Reuters, 2022-01-07, https://...

    A sentence longer than ``MAX_CLIP_CHARS`` is cut to that many characters around the
    span, with "…" where it was cut.
    """
    text = document.text or ""
    s, e = sentence_around(text, start, end)
    cut_start = cut_end = False
    if e - s > MAX_CLIP_CHARS:
        # Keep the span itself (as much of it as fits) with context on both sides.
        start = max(s, min(start, e))
        end = max(start, min(end, e))
        room = max(0, MAX_CLIP_CHARS - (end - start))
        new_s = max(s, start - room // 2)
        new_e = min(e, new_s + MAX_CLIP_CHARS)
        new_s = max(s, new_e - MAX_CLIP_CHARS)
        cut_start, cut_end = new_s > s, new_e < e
        s, e = new_s, new_e
    sentence = ("…" if cut_start else "") + clean(text[s:e]) + ("…" if cut_end else "")
    meta = document.meta
    where = [clean(meta.title) or Path(document.path or "").name, clean(meta.source), clean(meta.date), clean(meta.url)]
    attribution = ", ".join(p for p in where if p)
    return f"“{sentence}”\n— {attribution}" if attribution else f"“{sentence}”"
