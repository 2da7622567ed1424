"""Feed subscriptions: the ``urls`` file in the config folder, in newsboat's format, and OPML.

The file (``paths.config_dir()/urls``, usually ``~/.config/newsreader/urls``) has one feed a
line, as newsboat reads it, so a newsboat ``urls`` file can be copied over unchanged::

    # world news
    https://example.org/world.rss world "long reads" "~Example World"
    https://example.org/tech.atom tech summary-only

- the first word is the feed's URL (http or https);
- the other words are tags (``"..."`` quotes a tag with spaces in it; ``\\"`` is a quote);
- a tag starting with ``~`` is the feed's title, shown instead of the one the feed gives;
- the tag ``summary-only`` keeps the feed's summaries: without it, entries that carry only a
  summary get their web page fetched and its main text extracted (see ``fetching``);
- a line starting with ``#`` (or the rest of a line from a word starting with ``#``) is a
  comment; blank lines are fine.

Lines this version cannot use (newsboat's ``query:``, ``exec:`` and ``filter:`` feeds, a
word that is no http(s) URL) are kept in the file and reported, never removed: ``add`` appends
one line and ``remove`` deletes exactly one line, so the user's comments, order and spacing
survive. Every write is atomic (a temporary file, then a rename).

No Textual here: the ``feeds`` command and the app's workers call the same functions.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from newsreader import paths
from newsreader.own_files import OwnFileError, read_own_text

URLS_FILE = "urls"
#: The urls file and an OPML file are read only up to this size (a thousand feeds is ~100 KB).
MAX_URLS_BYTES = 4 * 1024 * 1024
MAX_OPML_BYTES = 10 * 1024 * 1024
#: The tag that turns off fetching full pages for a feed's summary-only entries.
SUMMARY_ONLY_TAG = "summary-only"
_UNSUPPORTED_PREFIXES = ("query:", "exec:", "filter:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class SubscriptionError(Exception):
    """A subscription could not be added, removed, imported or read; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed of the ``urls`` file."""

    url: str
    tags: tuple[str, ...] = ()
    title: str | None = None  # the "~title" given in the file, if any
    line: int = 0  # 1-based line number in the file (0: not from a file)

    @property
    def full_articles(self) -> bool:
        """Whether summary-only entries get their page fetched (on unless tagged ``summary-only``)."""
        return SUMMARY_ONLY_TAG not in self.tags

    @property
    def user_tags(self) -> tuple[str, ...]:
        """The tags without newsreader's own options (``summary-only``)."""
        return tuple(t for t in self.tags if t != SUMMARY_ONLY_TAG)


def urls_path() -> Path:
    """Where the subscriptions live."""
    return paths.config_dir() / URLS_FILE


def check_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL with a host; else SubscriptionError saying why."""
    url = (url or "").strip()
    if not url or _CONTROL.search(url) or any(ch.isspace() for ch in url):
        raise SubscriptionError(f"not a URL: {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise SubscriptionError(f"not a valid URL: {url!r} ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme or "." in parts.scheme or (not parts.netloc and "." in url.split("/")[0]):
            raise SubscriptionError(f"not an http(s) URL: {url!r} (did you mean https://{url}?)")
        raise SubscriptionError(f"only http and https feeds can be fetched, not {parts.scheme}: ({url!r})")
    if not parts.hostname:
        raise SubscriptionError(f"no host name in {url!r}")
    return url


# --------------------------------------------------------------------------- one line


def split_words(line: str) -> list[str]:
    """A urls line's words: whitespace-separated, ``"..."`` quoting (``\\"``, ``\\\\`` escapes),
    stopping at a word that starts with an unquoted ``#`` (a comment)."""
    words: list[str] = []
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i].isspace():
            i += 1
        if i >= n or line[i] == "#":
            break
        word: list[str] = []
        while i < n and not line[i].isspace():
            if line[i] == '"':
                i += 1
                while i < n and line[i] != '"':
                    if line[i] == "\\" and i + 1 < n:
                        i += 1
                    word.append(line[i])
                    i += 1
                i += 1  # the closing quote (or the end of a line missing it)
            else:
                word.append(line[i])
                i += 1
        words.append("".join(word))
    return words


def quote_word(word: str) -> str:
    """``word`` as it must be written in the urls file to read back as one word."""
    if word and not any(ch.isspace() or ch in '"\\' for ch in word) and not word.startswith("#"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_line(url: str, tags: tuple[str, ...] | list[str] = (), title: str | None = None) -> str:
    """The urls line for a feed."""
    line = " ".join(quote_word(w) for w in [url, *tags])
    if title:  # always quoted, as newsboat writes it
        line += ' "' + f"~{title}".replace("\\", "\\\\").replace('"', '\\"') + '"'
    return line


def parse_line(line: str, number: int = 0) -> tuple[Subscription | None, str | None]:
    """(subscription, None), (None, None) for a blank or comment line, or (None, problem)."""
    words = split_words(line)
    if not words:
        return None, None
    first = words[0]
    if first.startswith(_UNSUPPORTED_PREFIXES):
        return None, f"line {number}: {first.split(':', 1)[0]}: feeds are newsboat's own; skipped"
    try:
        url = check_url(first)
    except SubscriptionError as exc:
        return None, f"line {number}: {exc}; skipped"
    tags: list[str] = []
    title = None
    for word in words[1:]:
        if word.startswith("~"):
            title = _CONTROL.sub(" ", word[1:]).strip() or title
        elif word and word not in tags:
            tags.append(_CONTROL.sub(" ", word).strip())
    return Subscription(url, tuple(t for t in tags if t), title, number), None


# --------------------------------------------------------------------------- the file


@dataclass
class UrlsFile:
    """The ``urls`` file as its lines (kept verbatim) and the subscriptions read from them."""

    path: Path
    lines: list[str] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The file ended without a newline (kept so on rewrite, except after an appended line).
    _ends_without_newline: bool = False

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> UrlsFile:
        """The file at ``path`` (default ``urls_path()``); a missing file has no subscriptions.
        An unreadable one raises SubscriptionError (it is never overwritten then)."""
        target = Path(path) if path is not None else urls_path()
        try:
            text = read_own_text(target, MAX_URLS_BYTES)
        except FileNotFoundError:
            return cls(target)
        except OwnFileError as exc:
            raise SubscriptionError(f"cannot read {target}: {exc}") from None
        urls = cls(target, text.splitlines(), _ends_without_newline=bool(text) and not text.endswith("\n"))
        urls._reparse()
        return urls

    def _reparse(self) -> None:
        self.subscriptions, self.problems = [], []
        seen: set[str] = set()
        for number, line in enumerate(self.lines, start=1):
            sub, problem = parse_line(line, number)
            if problem:
                self.problems.append(problem)
            if sub is None:
                continue
            if sub.url in seen:
                self.problems.append(f"line {number}: {sub.url} is listed twice; the first line is used")
                continue
            seen.add(sub.url)
            self.subscriptions.append(sub)

    def text(self) -> str:
        if not self.lines:
            return ""
        return "\n".join(self.lines) + ("" if self._ends_without_newline else "\n")

    def save(self) -> None:
        """Write the file atomically (SubscriptionError when that is impossible)."""
        try:
            paths.atomic_write_text(self.path, self.text())
        except OSError as exc:
            raise SubscriptionError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def find(self, key: str) -> Subscription | None:
        """The subscription whose URL, title or number (as ``feeds list`` shows it) is ``key``."""
        key = key.strip()
        for sub in self.subscriptions:
            if sub.url == key:
                return sub
        folded = key.casefold()
        titled = [s for s in self.subscriptions if s.title and s.title.casefold() == folded]
        if len(titled) == 1:
            return titled[0]
        if key.isdigit() and 1 <= int(key) <= len(self.subscriptions):
            return self.subscriptions[int(key) - 1]
        return None

    def add(self, url: str, tags: list[str] | tuple[str, ...] = (), title: str | None = None) -> Subscription:
        """Append a line for ``url`` (SubscriptionError when it is no http(s) URL or already there)."""
        url = check_url(url)
        if any(s.url == url for s in self.subscriptions):
            raise SubscriptionError(f"already subscribed: {url}")
        clean_tags = []
        for tag in tags:
            tag = _CONTROL.sub(" ", tag).strip()
            if tag.startswith("~"):
                title = title or tag[1:].strip() or None
            elif tag and tag not in clean_tags:
                clean_tags.append(tag)
        title = (_CONTROL.sub(" ", title).strip() or None) if title else None
        self._ends_without_newline = False
        self.lines.append(format_line(url, clean_tags, title))
        self._reparse()
        return self.subscriptions[-1]

    def remove(self, key: str) -> Subscription:
        """Delete the line of the subscription ``key`` (see ``find``); only that line."""
        sub = self.find(key)
        if sub is None:
            raise SubscriptionError(f"no such subscription: {key} (see 'newsreader feeds list')")
        del self.lines[sub.line - 1]
        self._reparse()
        return sub


def load_subscriptions(path: str | os.PathLike[str] | None = None) -> tuple[list[Subscription], list[str]]:
    """The subscriptions and the problems of the urls file; never raises (an unreadable file is
    no subscriptions and one problem)."""
    try:
        urls = UrlsFile.load(path)
    except SubscriptionError as exc:
        return [], [str(exc)]
    return urls.subscriptions, urls.problems


# --------------------------------------------------------------------------- OPML


def read_opml(path: str | os.PathLike[str]) -> list[Subscription]:
    """The feeds of an OPML file: ``xmlUrl`` outlines, with their ``title``/``text`` as title
    and their folders' names and ``category`` as tags. SubscriptionError when it cannot be read.

    A DOCTYPE or entity declaration is refused before parsing (OPML needs none, and entity
    expansion is how an XML file blows up a reader)."""
    name = os.fspath(path)
    try:
        if not stat.S_ISREG(os.stat(name).st_mode):  # a named pipe would block the open
            raise SubscriptionError(f"{name}: not a regular file")
        with open(name, "rb") as fh:
            data = fh.read(MAX_OPML_BYTES + 1)
    except OSError as exc:
        raise SubscriptionError(f"{name}: {exc.strerror or exc}") from None
    if len(data) > MAX_OPML_BYTES:
        raise SubscriptionError(f"{name}: larger than {MAX_OPML_BYTES // (1024 * 1024)} MB; not an OPML file?")
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise SubscriptionError(f"{name}: has a DOCTYPE or entity declarations, which OPML does not use; refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SubscriptionError(f"{name}: not valid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise SubscriptionError(f"{name}: not an OPML file (its root element is <{root.tag}>)")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    found: list[Subscription] = []
    if body is not None:
        _collect(body, (), found, 0)
    return found


def _collect(element: ET.Element, folders: tuple[str, ...], found: list[Subscription], depth: int) -> None:
    if depth > 50:
        return
    for child in element:
        if child.tag.lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in child.attrib.items()}
        label = _CONTROL.sub(" ", attrs.get("title") or attrs.get("text") or "").strip()
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            tags = list(folders)
            for category in re.split(r"[,]", attrs.get("category", "")):
                tags.extend(part.strip() for part in category.split("/") if part.strip())
            found.append(
                Subscription(url, tuple(dict.fromkeys(_CONTROL.sub(" ", t).strip() for t in tags)), label or None)
            )
        else:
            _collect(child, folders + ((label,) if label else ()), found, depth + 1)


def import_opml(urls: UrlsFile, opml: str | os.PathLike[str]) -> tuple[list[Subscription], list[str]]:
    """Add the OPML file's feeds to ``urls`` (not saved); returns (added, notes on the skipped)."""
    added: list[Subscription] = []
    notes: list[str] = []
    for feed in read_opml(opml):
        try:
            added.append(urls.add(feed.url, list(feed.tags), feed.title))
        except SubscriptionError as exc:
            notes.append(str(exc))
    return added, notes


def _xml_text(text: str) -> str:
    return quoteattr(_CONTROL.sub(" ", text))


def export_opml(subscriptions: list[Subscription], title: str = "newsreader subscriptions") -> str:
    """OPML 2.0 for the subscriptions (tags as ``category``, comma-separated)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_xml_text(title)[1:-1]}</title></head>",
        "  <body>",
    ]
    for sub in subscriptions:
        label = sub.title or sub.url
        attrs = f'type="rss" text={_xml_text(label)} title={_xml_text(label)} xmlUrl={_xml_text(sub.url)}'
        if sub.tags:
            attrs += f" category={_xml_text(','.join(sub.tags))}"
        out.append(f"    <outline {attrs}/>")
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)
