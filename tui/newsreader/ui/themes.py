"""Colour themes: the bundled ``themes/*.toml`` plus the user's ``<config dir>/themes/*.toml``.

A theme file holds Textual's theme colours (``primary``, ``background``, ...) and a
``[variables]`` table with newsreader's own colours (``layer-people`` ... ``reaction-*``, search
and flash highlights). A user theme may leave variables out: they are taken from the bundled
dark or light theme, whichever matches its ``dark`` flag. A broken file is skipped with a notice:
bad TOML or colours, nesting too deep, not UTF-8, over 256 KB, or not a regular file (a named
pipe must not hang the start-up).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from newsreader import paths
from newsreader.model.vocabulary import CATEGORY_KIND, LAYERS
from newsreader.own_files import PARSE_ERRORS, OwnFileError, read_own_text

#: A theme file is a few kilobytes; larger ones (or /dev/zero behind a link) are skipped.
MAX_THEME_BYTES = 256 * 1024
#: More theme files than anyone cycles through with ``t`` are not read.
MAX_THEME_FILES = 200

#: Theme colour fields accepted from a file, passed straight to ``textual.theme.Theme``.
COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "boost",
    "foreground",
    "warning",
    "error",
    "success",
)
NUMBER_FIELDS = ("luminosity_spread", "text_alpha")

#: The bundled themes in the order ``t`` cycles through them.
BUNDLED_ORDER = ("dark", "light", "high-contrast", "colour-blind")
DEFAULT_THEME = "dark"


def layer_variable(layer: str) -> str:
    """The theme variable of a highlight layer: ``people`` -> ``layer-people``."""
    return f"layer-{layer}"


def reaction_variable(tone: str) -> str:
    """The theme variable of a reaction kind: ``verbal-hostile`` -> ``reaction-verbal-hostile``."""
    return f"reaction-{tone}"


class ThemeVariable(NamedTuple):
    """One of newsreader's own theme variables (``$layer-people`` in the .tcss files)."""

    name: str
    #: The Textual theme variable standing in when a theme lacks this one (Textual's own
    #: themes from the palette, a broken install), so nothing is ever colourless.
    textual: str
    doc: str  # what it colours, one line (README)
    style: bool = False  # a text style ("bold", "none"), not a colour


#: Every variable a theme provides: the one list the required-variable check, the legend's and
#: panel's fallbacks, the README and the test of ``themes/*.toml`` read. Layer and reaction
#: variables follow the analysis vocabularies (LAYERS, CATEGORY_KIND).
_LAYER_STAND_INS = {
    "people": "accent",
    "organizations": "secondary",
    "places": "success",
    "groups": "primary",
    "numbers": "warning",
    "dates": "error",
}
_REACTION_STAND_INS = {
    ("verbal", "cooperative"): "primary",
    ("verbal", "hostile"): "warning",
    ("material", "cooperative"): "success",
    ("material", "hostile"): "error",
}
VARIABLES: tuple[ThemeVariable, ...] = (
    *(
        ThemeVariable(
            layer_variable(layer), _LAYER_STAND_INS[layer], f"the {layer} highlight layer and its legend entry"
        )
        for layer in LAYERS
    ),
    *(
        ThemeVariable(reaction_variable(f"{mode}-{tone}"), _REACTION_STAND_INS[mode, tone], f"{mode} {tone} reactions")
        for mode, tone in dict.fromkeys(CATEGORY_KIND.values())
    ),
    ThemeVariable(
        "highlight-style", "", "text style added to every highlight (`none`, `bold`, `underline`, ...)", style=True
    ),
    ThemeVariable("search-match", "warning-darken-2", "background of a search match"),
    ThemeVariable("search-match-text", "foreground", "text of a search match"),
    ThemeVariable("search-current", "accent", "background of the current search match"),
    ThemeVariable("search-current-text", "background", "text of the current search match"),
    ThemeVariable("flash", "primary-darken-2", "the evidence briefly marked after a jump"),
    ThemeVariable("mention", "secondary-darken-2", "every mention of the chosen actor"),
    ThemeVariable("link", "primary", "links in the article"),
    ThemeVariable("code-background", "surface-lighten-1", "background of code in the article"),
)
#: Variable by name.
VARIABLE_BY_NAME: dict[str, ThemeVariable] = {v.name: v for v in VARIABLES}
#: Variables every theme provides (missing ones are filled from the bundled dark/light theme).
REQUIRED_VARIABLES: tuple[str, ...] = tuple(VARIABLE_BY_NAME)
#: Variables that are text styles rather than colours.
STYLE_VARIABLES = {v.name for v in VARIABLES if v.style}
TEXT_STYLES = {"none", "bold", "italic", "underline", "reverse", "dim", "strike", "not", "b", "i", "u"}


def stand_ins(theme: Theme) -> dict[str, str]:
    """Every variable from ``theme``'s own Textual colours (``ThemeVariable.textual``)."""
    generated = theme.to_color_system().generate()
    return {v.name: "none" if v.style else generated[v.textual] for v in VARIABLES}


def _textual_stand_ins(dark: bool) -> dict[str, str]:
    """The variables from Textual's default dark or light theme (a broken install)."""
    return stand_ins(BUILTIN_THEMES["textual-dark" if dark else "textual-light"])


def missing_variables(variables: Mapping[str, object]) -> list[str]:
    """The required variables a theme file's ``[variables]`` table leaves out."""
    return [name for name in REQUIRED_VARIABLES if name not in variables]


def variables_markdown() -> str:
    """The README's table of theme variables, from ``VARIABLES``."""
    lines = ["| Variable | Colours | Without it |", "| --- | --- | --- |"]
    lines.extend(f"| `{v.name}` | {v.doc} | {f'`{v.textual}`' if v.textual else '`none`'} |" for v in VARIABLES)
    return "\n".join(lines)


@dataclass(slots=True)
class ThemeSet:
    """All loadable themes, in cycle order, with notices about files that were skipped."""

    themes: list[Theme] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]

    def get(self, name: str) -> Theme | None:
        return next((t for t in self.themes if t.name == name), None)

    def variable_defaults(self, dark: bool) -> dict[str, str]:
        """Newsreader variables for a theme that lacks them (e.g. Textual's built-in themes)."""
        base = self.get("dark" if dark else "light") or self.get(DEFAULT_THEME)
        if base is not None and not missing_variables(base.variables):
            return dict(base.variables)
        return {**_textual_stand_ins(dark), **(base.variables if base else {})}


def user_themes_dir() -> Path:
    return paths.config_dir() / "themes"


def _check_colour(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f'{where} must be a colour string like "#1B1E24"')
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"{where} = {value!r} is not a colour") from None
    return value


def theme_from_dict(data: dict, default_name: str, fallback: dict[str, dict[str, str]] | None = None) -> Theme:
    """Build a Theme from parsed TOML; raise ValueError with a readable reason if it is invalid."""
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        raise ValueError("'name' must be a non-empty string")
    name = name.strip()
    if "primary" not in data:
        raise ValueError("'primary' colour is required")
    kwargs: dict = {}
    for key in COLOUR_FIELDS:
        if key in data:
            kwargs[key] = _check_colour(data[key], key)
    for key in NUMBER_FIELDS:
        if key in data:
            value = data[key]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                raise ValueError(f"{key} must be a number between 0 and 1")
            kwargs[key] = float(value)
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("'dark' must be true or false")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError("[variables] must be a table")
    checked: dict[str, str] = {}
    for key, value in variables.items():
        if key in STYLE_VARIABLES:
            if not isinstance(value, str) or not set(value.split()) <= TEXT_STYLES:
                raise ValueError(f'variables.{key} = {value!r} is not a text style (e.g. "bold", "none")')
            checked[key] = value
        else:
            checked[key] = _check_colour(value, f"variables.{key}")
    theme = Theme(name=name, dark=dark, **kwargs)
    defaults = (fallback or {}).get("dark" if dark else "light") or {}
    if missing_variables({**defaults, **checked}):
        defaults = {**stand_ins(theme), **defaults}
    theme.variables = {**defaults, **checked}
    return theme


def _load_dir(directory: Path, fallback: dict[str, dict[str, str]] | None, notices: list[str]) -> list[Theme]:
    themes: list[Theme] = []
    skipped: tuple[type[BaseException], ...] = (OwnFileError, tomllib.TOMLDecodeError, *PARSE_ERRORS)
    try:
        files = sorted(directory.glob("*.toml"))
    except OSError:
        return themes
    for file in files[:MAX_THEME_FILES]:
        try:
            data = tomllib.loads(read_own_text(file, MAX_THEME_BYTES))
            themes.append(theme_from_dict(data, file.stem, fallback))
            missing = missing_variables(data.get("variables", {})) if fallback is None else []
            if missing:  # a bundled theme must be complete (a user theme may borrow them)
                notices.append(f"Theme file {file} lacks {', '.join(missing)}: Textual's colours stand in.")
        except RecursionError:
            notices.append(f"Theme file {file} skipped: nested too deeply")
        except skipped as exc:
            notices.append(f"Theme file {file} skipped: {exc or type(exc).__name__}")
    if len(files) > MAX_THEME_FILES:
        notices.append(f"Only the first {MAX_THEME_FILES} theme files in {directory} were read.")
    return themes


def load_themes(bundled_dir: Path | None = None, user_dir: Path | None = None) -> ThemeSet:
    """Load bundled themes (in ``BUNDLED_ORDER``), then user themes (a user theme may replace one)."""
    notices: list[str] = []
    bundled = _load_dir(bundled_dir or paths.bundled_themes_dir(), None, notices)
    order = {name: i for i, name in enumerate(BUNDLED_ORDER)}
    bundled.sort(key=lambda t: (order.get(t.name, len(order)), t.name))
    fallback = {
        "dark": next((t.variables for t in bundled if t.name == "dark"), None) or _textual_stand_ins(True),
        "light": next((t.variables for t in bundled if t.name == "light"), None) or _textual_stand_ins(False),
    }
    user = _load_dir(user_dir or user_themes_dir(), fallback, notices)
    themes = list(bundled)
    for theme in user:
        existing = next((i for i, t in enumerate(themes) if t.name == theme.name), None)
        if existing is None:
            themes.append(theme)
        else:
            themes[existing] = theme
    return ThemeSet(themes, notices)


def next_theme(names: list[str], current: str) -> str:
    """The theme after ``current`` in ``names`` (wrapping); the first one if current isn't listed."""
    if not names:
        return current
    try:
        return names[(names.index(current) + 1) % len(names)]
    except ValueError:
        return names[0]
