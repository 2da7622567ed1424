"""Command palette (``ctrl+p``) providers: articles, countries/actors, layers, themes, actions.

Each provider reads the app's state and calls app methods by name, so the palette never
duplicates what keys do. A command whose app method is missing is not offered (the providers
also work in small test apps). What each expects of the app:

``ArticleCommands``  ``app.library_entries`` (list of LibraryEntry); ``app.open_path(path)``
                     (falls back to ``app.open_index(index)``); bookmarks listed before typing
                     from ``app.reading`` (a ``newsreader.state.ReadingState``) if present.
``PanelCommands``    ``app.analysis`` (Analysis or None); ``app.jump_to_panel(code, actor=None)``:
                     show the actors panel, focus it and put the cursor on the country group
                     ``code`` (None = unattributed) or on the actor named ``actor`` in it
                     (:func:`panel_row_for` finds the row).
``LayerCommands``    ``app.action_toggle_layer(layer)``; ``app.action_toggle_all_layers()``;
                     shown/hidden state from ``app.article.visible_layers`` when there is one.
``ThemeCommands``    ``app.theme_set.names`` (else ``app.available_themes``); sets ``app.theme``.
``ReaderCommands``   ``app.action_export(fmt)``, ``app.action_copy_evidence()``,
                     ``app.action_open_url()``, ``app.action_overview()``,
                     ``app.action_filter_library()``, ``app.action_toggle_read()``,
                     ``app.action_toggle_bookmark()``.

Titles and names come from articles: every hit is a ``Content`` built as plain text (Textual
would read a plain ``str`` prompt or help as markup).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from newsreader.model.vocabulary import LAYERS
from newsreader.present.library_view import short_source
from newsreader.present.panel import UNATTRIBUTED
from newsreader.present.text import clean
from newsreader.ui import keys

#: Most articles offered for one query (the palette shows the best of them).
MAX_ARTICLE_HITS = 200


def highlight(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as plain text with the fuzzy-matched letters styled.

    ``Matcher.highlight`` parses its argument as markup; a title like "[b]x" must stay literal.
    """
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


_WORD = re.compile(r"\w+")


def rank(query: str, candidate: str, fuzzy: float) -> float:
    """A hit's score: every query word found as a whole word in ``candidate`` ranks first,
    then words that start a word ("fra" in "France"), then letters scattered anywhere (fuzzy
    matching alone put "f…r…a…n…c…e" across a title above a title about France)."""
    wanted = _WORD.findall(query.casefold())
    words = _WORD.findall(candidate.casefold())
    fuzzy = max(0.0, min(fuzzy, 1.0))
    if wanted and all(w in words for w in wanted):
        return 0.75 + 0.25 * fuzzy
    if wanted and all(any(word.startswith(w) for word in words) for w in wanted):
        return 0.5 + 0.25 * fuzzy
    return 0.5 * fuzzy


def _subsequence(query: str, candidate: str) -> bool:
    """Cheap pre-filter: every letter of ``query`` occurs in ``candidate`` in order."""
    it = iter(candidate)
    return all(ch in it for ch in query if not ch.isspace())


def _has(obj: Any, name: str) -> bool:
    return callable(getattr(obj, name, None))


Command = tuple[str, Callable[[], Any], str]  # label, callback, help text


class CommandListProvider(Provider):
    """A provider over a short list of commands that ``_commands`` builds when asked."""

    #: Whether the list is offered before anything is typed, and how much of it.
    discoverable = True
    discover_limit: int | None = None

    def _commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        if not self.discoverable:
            return
        for label, callback, help_text in self._commands()[: self.discover_limit]:
            yield DiscoveryHit(
                Content(label),
                callback,
                text=label,
                help=Content(help_text) if help_text else None,  # type: ignore[arg-type]  # Content: shown as is, never parsed as markup
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    rank(query, label, score),
                    highlight(matcher, label),
                    callback,
                    text=label,
                    help=Content(help_text) if help_text else None,  # type: ignore[arg-type]  # Content: shown as is, never parsed as markup
                )


# --------------------------------------------------------------------------- articles


class ArticleCommands(Provider):
    """Go to any article in the library by (fuzzy) title."""

    def _open(self, path: str, index: int) -> None:
        app = self.app
        if _has(app, "open_path"):
            app.open_path(path)  # type: ignore[attr-defined]
        elif _has(app, "open_index"):
            app.open_index(index)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        """Bookmarked articles (``app.reading``: a ``ReadingState``), when there are any."""
        reading = getattr(self.app, "reading", None)
        entries: Sequence[Any] = getattr(self.app, "library_entries", None) or ()
        if reading is None or not getattr(reading, "bookmarks", None):
            return
        for index, entry in enumerate(entries):
            if reading.is_bookmarked(entry.path):
                title = clean(getattr(entry, "title", "")) or Path(str(entry.path)).name
                yield DiscoveryHit(
                    Content(f"★ {title}"),
                    partial(self._open, str(entry.path), index),
                    text=title,
                    help=Content("Bookmarked article"),  # type: ignore[arg-type]  # Content: shown as is, never parsed as markup
                )

    async def search(self, query: str) -> Hits:
        entries: Sequence[Any] = getattr(self.app, "library_entries", None) or ()
        matcher = self.matcher(query)
        folded = query.casefold()
        found: list[tuple[float, int, str]] = []
        for index, entry in enumerate(entries):
            title = clean(getattr(entry, "title", "")) or Path(str(entry.path)).name
            if not _subsequence(folded, title.casefold()):
                continue
            score = matcher.match(title)
            if score > 0:
                found.append((rank(query, title, score), index, title))
        # The best hits of the whole library, not the first ones in list order.
        found.sort(key=lambda hit: -hit[0])
        for score, index, title in found[:MAX_ARTICLE_HITS]:
            entry = entries[index]
            about = " · ".join(
                clean(p) for p in (short_source(getattr(entry, "source", None)), getattr(entry, "date", None)) if p
            )
            yield Hit(
                score,
                highlight(matcher, title),
                partial(self._open, str(entry.path), index),
                text=title,
                help=Content(f"Open article{' · ' + about if about else ''}"),  # type: ignore[arg-type]  # Content: shown as is, never parsed as markup
            )


# --------------------------------------------------------------------------- panel


def panel_row_for(rows: Sequence[Any], code: str | None, actor: str | None = None) -> int | None:
    """The index in ``ActorsPanel.rows`` of the actor ``actor`` in group ``code`` (or of the
    group's header when ``actor`` is None or its group is folded); None if not listed."""
    group_key = f"group:{code or ''}"
    header = None
    for index, row in enumerate(rows):
        if getattr(row, "toggles", None) == group_key:
            header = index
            if actor is None:
                return index
        elif (
            actor is not None
            and getattr(row, "group", None) == group_key
            and getattr(row, "item", None) is not None
            and row.item.kind == "actor"
            and row.item.text == clean(actor)
        ):
            return index
    return header


class PanelCommands(CommandListProvider):
    """Go to a country or an actor of the open article (the panel item)."""

    discover_limit = 10

    def _commands(self) -> list[Command]:
        app = self.app
        analysis = getattr(app, "analysis", None)
        if analysis is None or not _has(app, "jump_to_panel"):
            return []
        from newsreader.present.overview import reaction_country

        names = _country_namer()
        reactions: dict[str | None, int] = {}
        actors = {a.id: a for a in analysis.actors}
        for reaction in analysis.reactions:
            code = reaction_country(reaction, actors.get(reaction.actor)) or None
            reactions[code] = reactions.get(code, 0) + 1
        codes = list(dict.fromkeys([*reactions, *(a.country or None for a in analysis.actors if not a.is_source)]))
        commands: list[Command] = []
        for code in codes:
            name = (clean(names(code)) or code) if code else UNATTRIBUTED
            label = f"Go to {name} · {code}" if code and name != code else f"Go to {name}"
            n = reactions.get(code, 0)
            commands.append(
                (
                    label,
                    partial(app.jump_to_panel, code),  # type: ignore[attr-defined]  # checked by _has above
                    f"Country in the actors panel · {n} reaction{'s' if n != 1 else ''}",
                )
            )
        for actor in analysis.actors:
            if actor.is_source or not clean(actor.name):
                continue
            about = ", ".join(p for p in (clean(actor.role), actor.country or "") if p)
            label = f"Go to {clean(actor.name)}" + (f" ({about})" if about else "")
            go = partial(app.jump_to_panel, actor.country or None, actor.name)  # type: ignore[attr-defined]  # checked by _has above
            commands.append((label, go, "Actor in the actors panel"))
        return commands


def _country_namer() -> Callable[[str], str]:
    from newsreader.analysis.country_names import display_name

    return display_name


# --------------------------------------------------------------------------- layers and themes


class LayerCommands(CommandListProvider):
    """Show or hide a highlight layer (as keys 1-6 and 0 do)."""

    def _commands(self) -> list[Command]:
        app = self.app
        if not _has(app, "action_toggle_layer"):
            return []
        visible = None
        try:
            visible = set(app.article.visible_layers)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - no article view: offer plain toggles
            visible = None
        commands: list[Command] = []
        for layer in LAYERS:
            verb = "Toggle" if visible is None else ("Hide" if layer in visible else "Show")
            key = keys.active_keys(app, f"layer-{layer}")
            toggle = partial(app.action_toggle_layer, layer)  # type: ignore[attr-defined]  # checked by _has above
            commands.append((f"{verb} {layer} highlights", toggle, f"Highlight layer (key {key})"))
        if _has(app, "action_toggle_all_layers"):
            key = keys.active_keys(app, "layers-all")
            toggle_all = app.action_toggle_all_layers  # type: ignore[attr-defined]  # checked by _has above
            commands.append(("Show/hide all highlights", toggle_all, f"All layers (key {key})"))
        return commands


class ThemeCommands(CommandListProvider):
    """Switch to a colour theme by name (the choice is saved by the app)."""

    discoverable = False  # offered once typed: every theme would crowd the empty palette

    def _names(self) -> list[str]:
        app = self.app
        theme_set = getattr(app, "theme_set", None)
        names = list(getattr(theme_set, "names", []) or [])
        return names or sorted(app.available_themes)

    def _set(self, name: str) -> None:
        self.app.theme = name

    def _commands(self) -> list[Command]:
        current = self.app.theme
        return [
            (f"Theme: {name}", partial(self._set, name), "Current theme" if name == current else "Colour theme")
            for name in self._names()
        ]


# --------------------------------------------------------------------------- actions

#: (label, app method, arguments, help, binding id) for the reader's actions; the help names
#: the key in force (a ``[keys]`` remap included).
READER_ACTIONS: tuple[tuple[str, str, tuple[Any, ...], str, str], ...] = (
    (
        "Export analysis as Markdown brief…",
        "action_export",
        ("md",),
        "Write the article's analysis to a file",
        "export",
    ),
    ("Export analysis as CSV…", "action_export", ("csv",), "One row per reaction", "export"),
    ("Export analysis as JSON…", "action_export", ("json",), "The same JSON as newsreader extract", "export"),
    (
        "Copy evidence sentence",
        "action_copy_evidence",
        (),
        "The selected evidence with its source, to the clipboard",
        "copy-evidence",
    ),
    ("Open article URL in browser", "action_open_url", (), "The article's own link", "open-url"),
    ("Across the library", "action_overview", (), "Countries x reactions over all analysed articles", "overview"),
    ("Filter library", "action_filter_library", (), "By text, country:, actor:, category:", "filter-library"),
    ("Mark read/unread", "action_toggle_read", (), "The open article", "toggle-read"),
    ("Bookmark article", "action_toggle_bookmark", (), "Add or remove a bookmark", "bookmark"),
    ("Show only unread / bookmarked / all", "action_cycle_library_view", (), "The library's view", "library-view"),
    ("Order the library", "action_cycle_library_sort", (), "Newest first, by source, by country", "library-sort"),
    ("Open URL…", "action_open_web_page", (), "Fetch a web page and read it", "open-web-page"),
    ("Fetch all feeds", "action_refresh_feeds", (True,), "Every subscribed feed", "refresh-all"),
    ("Fetch this article's feed", "action_refresh_feeds", (False,), "The selected article's feed", "refresh-feed"),
)


class ReaderCommands(CommandListProvider):
    """Export, copy, open, overview, filter, read marks and bookmarks."""

    def _commands(self) -> list[Command]:
        app = self.app
        return [
            (label, partial(getattr(app, method), *args), f"{help_text} ({keys.active_keys(app, binding_id)})")
            for label, method, args, help_text, binding_id in READER_ACTIONS
            if _has(app, method)
        ]


#: Add to the app: ``COMMANDS = App.COMMANDS | PROVIDERS``.
PROVIDERS: frozenset[type[Provider]] = frozenset(
    {ArticleCommands, PanelCommands, LayerCommands, ThemeCommands, ReaderCommands}
)
