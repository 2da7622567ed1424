"""The one table of keys: app and widget bindings, the help screen and the README all read it.

Each key has a stable binding ``id`` so users can rebind it in ``config.toml`` (``[keys]``
table, e.g. ``search = "/,ctrl+f"``), which the app applies with ``App.set_keymap``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from textual.binding import Binding, BindingType

from newsreader.model.vocabulary import LAYERS


# Immutable records are NamedTuples, not frozen dataclasses: a frozen, slotted dataclass
# costs ~1 ms to define (its methods are generated and compiled at import), a NamedTuple
# ~0.1 ms, and the reader defines these on every start.
class Key(NamedTuple):
    """One row of the key table."""

    id: str
    keys: str  # comma-separated Textual key names
    action: str
    description: str
    group: str  # heading on the help screen
    show: bool = False  # shown in the footer
    display: str | None = None  # how the footer/help spells the keys
    short: str | None = None  # footer label when the description is too long for it

    def binding(self) -> Binding:
        described = describe(self)
        return Binding(
            self.keys,
            self.action,
            self.short or described,
            show=self.show,
            key_display=self.display,
            tooltip=described,
            id=self.id,
        )


def layer_binding(layer: str) -> str:
    """The binding id of a highlight layer's toggle key: ``people`` -> ``layer-people``."""
    return f"layer-{layer}"


_LAYER_KEYS = tuple(
    Key(layer_binding(layer), str(i), f"toggle_layer('{layer}')", f"Show/hide {layer}", "Highlights")
    for i, layer in enumerate(LAYERS, start=1)
)

#: Keys that work from anywhere in the main screen.
APP_KEYS: tuple[Key, ...] = (
    Key("help", "question_mark", "help", "Help", "General", show=True, display="?"),
    Key("quit", "q", "quit", "Quit", "General", show=True),
    Key("next-article", "J,right_square_bracket", "next_article", "Next article", "Articles", display="J/]"),
    Key("previous-article", "K,left_square_bracket", "previous_article", "Previous article", "Articles", display="K/["),
    Key("page-down", "space", "page_down", "Page down", "Reading", display="space"),
    Key("page-up", "b", "page_up", "Page up", "Reading"),
    Key("search", "slash", "search", "Search", "Search", show=True, display="/"),
    Key("search-next", "n", "search_next", "Next match", "Search"),
    Key("search-previous", "N", "search_previous", "Previous match", "Search"),
    Key("clear", "escape", "clear", "Clear search and mentions", "Search", display="esc"),
    *_LAYER_KEYS,
    Key("layers-all", "0", "toggle_all_layers", "Show/hide all highlights", "Highlights"),
    Key(
        "toggle-library",
        "L",
        "toggle_pane('library')",
        "Show/hide library",
        "Panes",
        show=True,
        display="L",
        short="Library",
    ),
    Key(
        "toggle-panel",
        "P",
        "toggle_pane('panel')",
        "Show/hide actors panel",
        "Panes",
        show=True,
        display="P",
        short="Actors",
    ),
    Key("theme", "t", "cycle_theme", "Theme", "General", show=True),
    Key("export", "e", "export", "Export the analysis (JSON, CSV or Markdown brief)", "Articles"),
    Key("copy-evidence", "y", "copy_evidence", "Copy the chosen evidence sentence with its source", "Articles"),
    Key("open-url", "o", "open_url", "Open the article's web page in the browser", "Articles"),
    Key("overview", "a", "overview", "Across the library: countries × reactions", "Library", show=True, short="Across"),
    Key("toggle-read", "m", "toggle_read", "Mark read/unread", "Library"),
    Key("bookmark", "B", "toggle_bookmark", "Bookmark the article", "Library"),
    Key(
        "filter-library",
        "ctrl+f",
        "filter_library",
        "Filter the library (words, country:, actor:, category:; {clear} clears)",
        "Library",
        display="ctrl+f",
    ),
    Key("indexing", "I", "toggle_indexing", "Pause/resume analysing the whole library", "Library"),
    Key("library-view", "u", "cycle_library_view", "List all, only unread or only bookmarked articles", "Library"),
    Key("library-sort", "s", "cycle_library_sort", "Order the library: newest first, by source, by country", "Library"),
    Key("refresh-feed", "r", "refresh_feeds(False)", "Fetch the selected article's feed", "Feeds"),
    Key("refresh-all", "R", "refresh_feeds(True)", "Fetch every subscribed feed", "Feeds"),
    Key("open-web-page", "O", "open_web_page", "Open a web page by its URL (fetched, then shown)", "Feeds"),
)

#: Keys bound on the main screen (they replace Textual's screen-level tab focus cycling).
SCREEN_KEYS: tuple[Key, ...] = (
    Key("next-pane", "tab", "app.cycle_panes(1)", "Next pane", "Panes"),
    Key("previous-pane", "shift+tab", "app.cycle_panes(-1)", "Previous pane", "Panes", display="shift+tab"),
)

#: Keys of the library list (when it has focus).
LIBRARY_KEYS: tuple[Key, ...] = (
    Key("library-down", "j,down", "cursor_down", "Next entry", "Library", display="j/↓"),
    Key("library-up", "k,up", "cursor_up", "Previous entry", "Library", display="k/↑"),
    Key("library-open", "enter,l", "open", "Open article", "Library", show=True, display="enter/l", short="Open"),
    Key("library-first", "g,home", "first", "First entry", "Library", display="g"),
    Key("library-last", "G,end", "last", "Last entry", "Library", display="G"),
    Key("library-page-down", "pagedown", "page_down", "Page down the list", "Library", display="PgDn"),
    Key("library-page-up", "pageup", "page_up", "Page up the list", "Library", display="PgUp"),
)

#: Keys of the article view (when it has focus).
ARTICLE_KEYS: tuple[Key, ...] = (
    Key("article-down", "j,down", "scroll_down", "Scroll down a line", "Reading", display="j/↓"),
    Key("article-up", "k,up", "scroll_up", "Scroll up a line", "Reading", display="k/↑"),
    Key("article-page-down", "pagedown", "page_down", "Page down", "Reading", display="PgDn"),
    Key("article-page-up", "pageup", "page_up", "Page up", "Reading", display="PgUp"),
    Key("article-top", "g,home", "scroll_home", "Top of article", "Reading", display="g"),
    Key("article-bottom", "G,end", "scroll_end", "End of article", "Reading", display="G"),
)

#: Keys of the actors panel (when it has focus). The ids keep the panel's first names.
PANEL_KEYS: tuple[Key, ...] = (
    Key("panel.down", "j,down", "cursor_down", "Next line", "Actors panel", display="j/↓"),
    Key("panel.up", "k,up", "cursor_up", "Previous line", "Actors panel", display="k/↑"),
    Key("panel.first", "g,home", "first", "First line", "Actors panel", display="g"),
    Key("panel.last", "G,end", "last", "Last line", "Actors panel", display="G"),
    Key("panel.page-down", "pagedown", "page_down", "Page down the panel", "Actors panel", display="PgDn"),
    Key("panel.page-up", "pageup", "page_up", "Page up the panel", "Actors panel", display="PgUp"),
    Key(
        "panel.select",
        "enter",
        "select",
        "Jump to the line's evidence in the article ({copy-evidence} copies it)",
        "Actors panel",
        display="enter",
    ),
    Key("panel.toggle", "space", "toggle_group", "Fold/unfold the country", "Actors panel", display="space"),
    Key("panel.collapse", "h,left", "collapse_group", "Fold the country", "Actors panel", display="h/←"),
    Key("panel.expand", "l,right", "expand_group", "Unfold the country", "Actors panel", display="l/→"),
    Key(
        "panel.mentions",
        "f",
        "show_mentions",
        "Mark every mention of the actor in the article",
        "Actors panel",
        show=True,
        short="Mentions",
    ),
    Key("panel.clear", "escape", "clear_mentions", "Clear the marked mentions", "Actors panel", display="esc"),
)

#: Keys of the export dialog (``e``); enter also writes from the file-name field.
EXPORT_KEYS: tuple[Key, ...] = (
    Key("export.submit", "enter", "export", "Write the file", "Export dialog", display="enter"),
    Key("export.cancel", "escape", "cancel", "Close without writing", "Export dialog", display="esc"),
)

#: Keys of the help screen (``?``).
HELP_KEYS: tuple[Key, ...] = (
    Key("help-close", "escape,q,question_mark", "dismiss_help", "Close help", "Help screen", show=True),
    Key("help-down", "j,down", "scroll('down')", "Scroll the help down", "Help screen"),
    Key("help-up", "k,up", "scroll('up')", "Scroll the help up", "Help screen"),
    Key("help-top", "g,home", "scroll('home')", "Top of the help", "Help screen"),
    Key("help-bottom", "G,end", "scroll('end')", "End of the help", "Help screen"),
    Key("help-page-down", "space,pagedown", "scroll('page-down')", "Page down the help", "Help screen"),
    Key("help-page-up", "b,pageup", "scroll('page-up')", "Page up the help", "Help screen"),
)

#: Keys of the across-library screen (``a``): the screen, its matrix and its list of reactions.
OVERVIEW_KEYS: tuple[Key, ...] = (
    Key(
        "overview.close",
        "escape,q",
        "close",
        "Close the list of reactions, then the screen",
        "Across the library",
        show=True,
        short="Close",
    ),
)
OVERVIEW_MATRIX_KEYS: tuple[Key, ...] = (
    Key("overview.down", "j", "cursor_down", "Down a country", "Across the library"),
    Key("overview.up", "k", "cursor_up", "Up a country", "Across the library"),
    Key("overview.left", "h", "cursor_left", "Previous column", "Across the library"),
    Key("overview.right", "l", "cursor_right", "Next column", "Across the library"),
    Key("overview.top", "g", "scroll_top", "First country", "Across the library"),
    Key("overview.bottom", "G", "scroll_bottom", "Last country", "Across the library"),
    Key("overview.open", "enter", "select_cursor", "List the reactions behind the cell", "Across the library"),
)
OVERVIEW_ITEMS_KEYS: tuple[Key, ...] = (
    Key("overview.items.down", "j", "cursor_down", "Next reaction", "Across the library"),
    Key("overview.items.up", "k", "cursor_up", "Previous reaction", "Across the library"),
    Key(
        "overview.items.back",
        "escape",
        "screen.back_to_matrix",
        "Back to the matrix",
        "Across the library",
        show=True,
        short="Back",
    ),
)

#: Keys of the "open a web page" dialog (``O``); enter in the field opens the page.
OPEN_URL_KEYS: tuple[Key, ...] = (
    Key("open-url-dialog.cancel", "escape", "cancel", "Close without opening", "Open URL", show=True, short="Cancel"),
)

#: Shown on the help screen only: keys Textual or other widgets provide.
OTHER_KEYS: tuple[Key, ...] = (
    Key(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "Command palette (articles, countries, actors, layers, themes, export)",
        "General",
    ),
    Key("search-submit", "enter", "", "Search: jump to the first match", "Search"),
)

# Widget keys first: in each help section, moving around comes before the other actions.
ALL_KEYS: tuple[Key, ...] = LIBRARY_KEYS + ARTICLE_KEYS + PANEL_KEYS + APP_KEYS + SCREEN_KEYS + EXPORT_KEYS + OTHER_KEYS

#: Keys of the help, across-library and open-URL screens: bound and named from this table like the others,
#: not (yet) listed on the help screen and in the README (each says its keys where it is shown).
OTHER_SCREEN_KEYS: tuple[Key, ...] = (
    OVERVIEW_MATRIX_KEYS + OVERVIEW_ITEMS_KEYS + OVERVIEW_KEYS + HELP_KEYS + OPEN_URL_KEYS
)

#: Every key by binding id.
BY_ID: dict[str, Key] = {key.id: key for key in reversed(ALL_KEYS + OTHER_SCREEN_KEYS)}

#: Help-screen section order.
GROUPS: tuple[str, ...] = (
    "Library",
    "Feeds",
    "Articles",
    "Reading",
    "Actors panel",
    "Search",
    "Highlights",
    "Panes",
    "General",
    "Export dialog",
)


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    return [k.binding() for k in keys]


def display_keys(key: Key) -> str:
    """Human spelling of a key's keys in the table, e.g. ``J/]``."""
    return key.display or spell(key.keys)


#: How key names Textual uses are written for a reader.
_SPELLING = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "full_stop": ".",
    "comma": ",",
    "colon": ":",
    "semicolon": ";",
    "plus": "+",
    "minus": "-",
}


def spell(key_names: str) -> str:
    """Textual key names as a reader types them: ``question_mark,K`` -> ``?/K`` (``/ ctrl+s``
    when one of the keys is the slash itself)."""
    spelled = [_SPELLING.get(k.strip(), k.strip()) for k in key_names.split(",") if k.strip()]
    return (" " if "/" in spelled else "/").join(spelled)


_PLACEHOLDER = re.compile(r"\{([\w.-]+)\}")


def keymap_of(source: object) -> Mapping[str, str]:
    """The keymap in force for ``source``: the app's (its ``[keys]`` remap, ``App.set_keymap``),
    or ``source`` itself when it is a keymap (binding id -> Textual key names); None: the table's."""
    if isinstance(source, Mapping):
        return source
    keymap = getattr(source, "_keymap", None)  # Textual's App keeps the remap there
    return keymap if isinstance(keymap, Mapping) else {}


def describe(key: Key, app: object = None) -> str:
    """A key's description with the keys it names (``{copy-evidence}``) spelled as in force."""
    return _PLACEHOLDER.sub(lambda m: active_keys(app, m.group(1)), key.description)


def active_keys(app: object, binding_id: str, first: bool = False) -> str:
    """How a reader types ``binding_id`` now: the user's ``[keys]`` remap if any, else the table's
    keys (``first``: only the first of them, for short hints like "esc closes"). Every message,
    hint and help line names keys through this, so a remapped key is named right."""
    remapped = keymap_of(app).get(binding_id)
    key = BY_ID.get(binding_id)
    if remapped:
        names = remapped
    elif key is None:
        return binding_id
    elif key.display and not first:
        return key.display
    else:
        names = key.keys
    return spell(names.split(",")[0] if first else names)


def grouped() -> list[tuple[str, list[Key]]]:
    """Keys by help-screen section, each section in table order, duplicates by id removed."""
    seen: set[str] = set()
    result: list[tuple[str, list[Key]]] = []
    for group in GROUPS:
        rows = []
        for key in ALL_KEYS:
            if key.group == group and key.id not in seen:
                seen.add(key.id)
                rows.append(key)
        if rows:
            result.append((group, rows))
    return result


def keys_markdown() -> str:
    """The key table as Markdown, for the README."""
    lines = []
    for group, rows in grouped():
        lines += [f"**{group}**", "", "| Keys | Action |", "| --- | --- |"]
        lines += [f"| `{display_keys(k)}` | {describe(k)} |" for k in rows]
        lines.append("")
    return "\n".join(lines)
