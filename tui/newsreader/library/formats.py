"""The library's formats: one ``Format`` record each, in one registry (``FORMATS``).

A record says everything the rest of the program asks about a format: its name and the
words for it in help texts, the extensions it claims, how its content is recognised when the
extension says nothing (``sniff``), and the functions that read it (a library row from the
file's head, a ``Document`` from its bytes, and for a file of many articles such as a feed,
its rows and one entry). ``loading`` dispatches through the registry and knows no format;
the folder walk, the command-line help, the empty-library message and ``extract`` take
their lists of extensions from it.

Which format a file is (``Registry.format_for``): the one claiming its extension
(case-insensitive); else the first whose ``sniff`` recognises the file's head (formats with a
signature before those whose sniff is only a ``guess``); else the fallback (plain text).

Entry addresses: entry ``i`` (1-based, file order) of a file of many articles ``F`` is
addressed as the path ``"F#i"`` (``newsreader.addresses.entry_path``). A path is read as an address
only when the part after the last "#" is a number (1 or more), the part before it does not
have the extension of a single-article format (so "notes.md#2" is a file name) and no file of that
exact name exists (``is_entry_address``).

The built-in formats name their readers by module (``_lazy``), so importing the registry
(the folder walk does) loads neither the Markdown parser nor the web-page or feed readers;
each reader module is imported the first time one of its files is read. Reader modules never
import this registry or ``loading``: the dependencies run one way, registry -> readers ->
shared modules (``reading``, ``decoding``, ``rows``, ``sniffing``; ``newsreader.addresses``).

A new format is a ``Format`` given to ``FORMATS.register`` (see ``tests/unit/test_formats.py``).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsreader.addresses import address_parts
from newsreader.addresses import entry_path as entry_path  # the library's name for it

from .sniffing import looks_like_feed, looks_like_html, looks_like_markdown, looks_like_xml_feed

if TYPE_CHECKING:
    from newsreader.model.document import Document, LibraryEntry

_SUFFIX = re.compile(r"^\.[a-z0-9][a-z0-9._+-]*$")


class FormatError(ValueError):
    """A format that cannot be registered, or a name no format has; the message says why."""


@dataclass(frozen=True, slots=True)
class Format:
    """One library format. Readers never raise: problems are the row's or document's status."""

    #: Short identifier ("markdown", "html", "feed").
    name: str
    #: Words for help texts, plural where it reads so ("saved web pages").
    label: str
    #: Extensions claimed, lower case with the dot, in the order help texts show them.
    suffixes: tuple[str, ...]
    #: path -> the library row, from the file's head only.
    read_entry: Callable[[str], LibraryEntry]
    #: (bytes, path, truncated) -> Document; ``truncated``: the bytes are the file's start.
    parse: Callable[[bytes, str, bool], Document]
    #: path -> Document, for formats that read their files themselves (a feed keeps its parse
    #: for its entries); None: ``loading`` reads up to ``MAX_BYTES`` and calls ``parse``.
    load: Callable[[str], Document] | None = None
    #: head bytes -> whether a file whose extension says nothing is of this format.
    sniff: Callable[[bytes], bool] | None = None
    #: The sniff is only a guess from how a text starts: tried after the real signatures.
    guess: bool = False
    #: A file of many articles: path -> one row per entry (paths "F#i").
    read_entries: Callable[[str], list[LibraryEntry]] | None = None
    #: (file, index, address) -> the row of one entry.
    entry_row: Callable[[str, int, str], LibraryEntry] | None = None
    #: (file, index, address) -> the Document of one entry.
    load_entry: Callable[[str, int, str], Document] | None = None
    #: Extensions other kinds of files use too (".xml": sitemaps...): inside folders, such a
    #: file is listed only when ``listed_if`` says so about its head.
    shared_suffixes: frozenset[str] = frozenset()
    listed_if: Callable[[bytes], bool] | None = None
    #: The folder a browser saves next to a page ("NAME_files" beside "NAME.html"): not walked.
    companion_folder_suffix: str | None = None
    #: Parsed in a few milliseconds: may be read on the UI thread before the first paint.
    quick: bool = False

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", self.name):
            raise FormatError(f"format name {self.name!r}: use lower-case letters, digits, '-' or '_'")
        if not self.label.strip():
            raise FormatError(f"format {self.name!r} has no label for help texts")
        for suffix in (*self.suffixes, *self.shared_suffixes):
            if not _SUFFIX.match(suffix):
                raise FormatError(f"format {self.name!r}: suffix {suffix!r} must be lower case and start with a dot")
        if not self.shared_suffixes <= set(self.suffixes):
            raise FormatError(f"format {self.name!r}: shared suffixes must be among its suffixes")
        if (self.shared_suffixes and self.listed_if is None) or (self.listed_if and not self.shared_suffixes):
            raise FormatError(f"format {self.name!r}: shared_suffixes and listed_if go together")
        entries = (self.read_entries, self.entry_row, self.load_entry)
        if any(f is not None for f in entries) and not all(f is not None for f in entries):
            raise FormatError(
                f"format {self.name!r}: a file of many articles needs read_entries, entry_row and load_entry"
            )

    @property
    def has_entries(self) -> bool:
        """A file of this format holds many articles, addressed "F#i"."""
        return self.read_entries is not None

    def help_text(self) -> str:
        """ "saved web pages (.html, .htm, .xhtml)"."""
        return f"{self.label} ({', '.join(self.suffixes)})"


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


class Registry:
    """The formats the library reads, in registration order (the order of help texts)."""

    def __init__(self, formats: tuple[Format, ...] = (), fallback: str | None = None) -> None:
        self._formats: dict[str, Format] = {}
        self._by_suffix: dict[str, Format] = {}
        self._listing: dict[str, Callable[[bytes], bool]] = {}  # shared suffix -> its listing test
        self._companions: dict[str, str] = {}  # suffix -> the suffix of its companion folder
        self._fallback = fallback
        for fmt in formats:
            self.register(fmt)

    def register(self, fmt: Format) -> Format:
        """Add ``fmt``; FormatError when its name or one of its extensions is taken."""
        if fmt.name in self._formats:
            raise FormatError(f"a format named {fmt.name!r} is already registered")
        for suffix in fmt.suffixes:
            if suffix in self._by_suffix:
                raise FormatError(f"format {fmt.name!r}: {suffix} is already read as {self._by_suffix[suffix].name}")
        self._formats[fmt.name] = fmt
        self._by_suffix.update(dict.fromkeys(fmt.suffixes, fmt))
        if fmt.listed_if is not None:
            self._listing.update(dict.fromkeys(fmt.shared_suffixes, fmt.listed_if))
        if fmt.companion_folder_suffix:
            self._companions.update(dict.fromkeys(fmt.suffixes, fmt.companion_folder_suffix))
        return fmt

    def unregister(self, name: str) -> None:
        """Remove the format ``name`` (tests register throw-away formats)."""
        fmt = self.get(name)
        if name == self._fallback:
            raise FormatError(f"{name!r} is the fallback format and stays")
        del self._formats[name]
        for suffix in fmt.suffixes:
            del self._by_suffix[suffix]
            self._listing.pop(suffix, None)
            self._companions.pop(suffix, None)

    def __iter__(self) -> Iterator[Format]:
        return iter(tuple(self._formats.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._formats

    def get(self, name: str) -> Format:
        """The format called ``name``; FormatError naming the known ones otherwise."""
        try:
            return self._formats[name]
        except KeyError:
            known = ", ".join(self._formats) or "none"
            raise FormatError(f"unknown format {name!r} (known: {known})") from None

    # ----------------------------------------------------------------- which format

    def by_suffix(self, path: str) -> Format | None:
        """The format claiming ``path``'s extension, if any."""
        return self._by_suffix.get(_suffix(path))

    def needs_head(self, path: str) -> bool:
        """Whether ``path``'s extension says nothing, so its content decides (``format_for``)."""
        return _suffix(path) not in self._by_suffix

    def format_for(self, path: str, head: bytes | None = None) -> Format:
        """The format of ``path``: by extension, else by ``head`` (sniffed), else the fallback."""
        fmt = self._by_suffix.get(_suffix(path))
        if fmt is not None:
            return fmt
        if head is not None:
            for candidate in self._sniff_order():
                if candidate.sniff is not None and candidate.sniff(head):
                    return candidate
        return self.fallback

    def _sniff_order(self) -> list[Format]:
        return sorted(self._formats.values(), key=lambda fmt: fmt.guess)  # stable: registration order

    @property
    def fallback(self) -> Format:
        """The format of a file nothing else recognises (plain text)."""
        if self._fallback is None:
            raise FormatError("no fallback format registered")
        return self.get(self._fallback)

    # ----------------------------------------------------------------- extensions

    def suffixes(self, *, quick: bool | None = None, entries: bool | None = None) -> frozenset[str]:
        """Every extension a format claims; ``quick``/``entries`` keep only formats that are
        (True) or are not (False) quick to parse / files of many articles."""
        return frozenset(
            suffix
            for fmt in self._formats.values()
            if (quick is None or fmt.quick == quick) and (entries is None or fmt.has_entries == entries)
            for suffix in fmt.suffixes
        )

    def is_quick(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path``'s extension names a format that parses in a few milliseconds."""
        fmt = self.by_suffix(os.fspath(path))
        return fmt is not None and fmt.quick

    def walk_rule(self, name: str) -> bool | Callable[[bytes], bool]:
        """Whether a folder walk lists a file called ``name``: False when no format claims its
        extension, True when one does, and for an extension other kinds of files use too
        (".xml") the test the file's head must pass."""
        suffix = _suffix(name)
        if suffix not in self._by_suffix:
            return False
        return self._listing.get(suffix, True)

    def companion_folders(self, names: list[str]) -> set[str]:
        """The folders a browser saved beside pages among ``names`` ("NAME_files" for "NAME.html")."""
        found: set[str] = set()
        for name in names:
            folder_suffix = self._companions.get(_suffix(name))
            if folder_suffix is not None:
                found.add(name.rsplit(".", 1)[0] + folder_suffix)
        return found

    def help_text(self) -> str:
        """ "Markdown (.md, ...), plain text (.txt, .text), ... and RSS/Atom feeds (.xml, ...)"."""
        parts = [fmt.help_text() for fmt in self._formats.values()]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    # ----------------------------------------------------------------- entry addresses

    def split_entry_path(self, path: str | os.PathLike[str]) -> tuple[str, int] | None:
        """``(file, index)`` when ``path`` has the form of an entry address, else None.

        Only the form matters here (a number after the last "#", no single-article format's
        extension before it); callers read a file of that exact name instead when one exists.
        """
        parts = address_parts(path)
        if parts is None:
            return None
        fmt = self._by_suffix.get(_suffix(parts[0]))
        return None if fmt is not None and not fmt.has_entries else parts

    def is_entry_address(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is an entry address and not the name of an existing file."""
        name = os.fspath(path)
        return "#" in name and self.split_entry_path(name) is not None and not os.path.lexists(name)

    def container_for(self, file: str, head: bytes | None = None) -> Format:
        """The format holding the entries of ``file``: by extension, else by its head, else the
        first format of many articles (whose reader then says why the file is not one)."""
        containers = [fmt for fmt in self._formats.values() if fmt.has_entries]
        if not containers:
            raise FormatError("no registered format holds several articles")
        fmt = self.format_for(file, head)
        return fmt if fmt.has_entries else containers[0]


def _lazy(target: str) -> Callable[..., Any]:
    """``"module:function"`` as a function that imports ``module`` when first called (and
    looks the function up on every call, so a patched function is the one called)."""
    module, _, name = target.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{target} (imported on first use)"
    return call


_TEXT = "newsreader.library.textfile"
_WEB = "newsreader.library.webpage"
_FEEDS = "newsreader.library.feeds"

MARKDOWN = Format(
    name="markdown",
    label="Markdown",
    suffixes=(".md", ".markdown", ".mdown", ".mkd", ".mkdn"),
    read_entry=_lazy(f"{_TEXT}:read_markdown_entry"),
    parse=_lazy(f"{_TEXT}:parse_markdown_bytes"),
    sniff=looks_like_markdown,
    guess=True,
    quick=True,
)
PLAIN_TEXT = Format(
    name="text",
    label="plain text",
    suffixes=(".txt", ".text"),
    read_entry=_lazy(f"{_TEXT}:read_plain_entry"),
    parse=_lazy(f"{_TEXT}:parse_plain_bytes"),
    quick=True,
)
WEB_PAGE = Format(
    name="html",
    label="saved web pages",
    suffixes=(".html", ".htm", ".xhtml"),
    read_entry=_lazy(f"{_WEB}:read_html_entry"),
    parse=_lazy(f"{_WEB}:parse_html_bytes"),
    sniff=looks_like_html,
    companion_folder_suffix="_files",
)
FEED = Format(
    name="feed",
    label="RSS/Atom feeds",
    suffixes=(".xml", ".rss", ".atom"),
    read_entry=_lazy(f"{_FEEDS}:feed_entry"),
    parse=_lazy(f"{_FEEDS}:parse_feed_document"),
    load=_lazy(f"{_FEEDS}:load_feed_document"),
    sniff=looks_like_xml_feed,
    read_entries=_lazy(f"{_FEEDS}:feed_entries"),
    entry_row=_lazy(f"{_FEEDS}:entry_row"),
    load_entry=_lazy(f"{_FEEDS}:load_entry_document"),
    shared_suffixes=frozenset({".xml"}),
    listed_if=looks_like_feed,
)

#: The formats the library reads. Plain text is the fallback: a file nothing recognises is
#: read as text (and a binary one is refused with what it looks like: "binary file (PNG image?)").
FORMATS = Registry((MARKDOWN, PLAIN_TEXT, WEB_PAGE, FEED), fallback=PLAIN_TEXT.name)

#: The library's rules for entry addresses, as functions.
split_entry_path = FORMATS.split_entry_path
is_entry_address = FORMATS.is_entry_address
