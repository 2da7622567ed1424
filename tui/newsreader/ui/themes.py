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
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from newsreader import paths
from newsreader.own_files import PARSE_ERRORS, OwnFileError, read_own_text

#: A theme file is a few kilobytes; larger ones (or /dev/zero behind a link) are skipped.
MAX_THEME_BYTES = 256 * 1024
#: More theme files than anyone cycles through with ``t`` are not read.
MAX_THEME_FILES = 200

#: Theme colour fields accepted from a file, passed straight to ``textual.theme.Theme``.
COLOUR_FIELDS = (
    "primary", "secondary", "accent", "background", "surface", "panel", "boost",
    "foreground", "warning", "error", "success",
)
NUMBER_FIELDS = ("luminosity_spread", "text_alpha")

#: The bundled themes in the order ``t`` cycles through them.
BUNDLED_ORDER = ("dark", "light", "high-contrast", "colour-blind")
DEFAULT_THEME = "dark"

#: Variables every theme provides (missing ones are filled from the bundled dark/light theme).
REQUIRED_VARIABLES = (
    "layer-people", "layer-organizations", "layer-places", "layer-groups", "layer-numbers",
    "layer-dates", "reaction-verbal-cooperative", "reaction-verbal-hostile",
    "reaction-material-cooperative", "reaction-material-hostile", "highlight-style",
    "search-match", "search-match-text", "search-current", "search-current-text", "flash",
    "mention", "link", "code-background",
)
#: Variables that are text styles rather than colours.
STYLE_VARIABLES = {"highlight-style"}
TEXT_STYLES = {"none", "bold", "italic", "underline", "reverse", "dim", "strike", "not", "b", "i", "u"}

#: Used only if the bundled files themselves are missing (a broken install): keeps CSS parseable.
_FALLBACK_VARIABLES = {
    "layer-people": "#F4A261", "layer-organizations": "#C8A2E0", "layer-places": "#7EC699",
    "layer-groups": "#5EC4CF", "layer-numbers": "#E9D46B", "layer-dates": "#F08FA0",
    "reaction-verbal-cooperative": "#7FB8E6", "reaction-verbal-hostile": "#F0A06A",
    "reaction-material-cooperative": "#8FC28A", "reaction-material-hostile": "#E27878",
    "highlight-style": "none", "search-match": "#8A6D1F", "search-match-text": "#F5F5F5",
    "search-current": "#D9932B", "search-current-text": "#1B1E24", "flash": "#3D6FA8",
    "mention": "#4B5E86", "link": "#7FB8E6", "code-background": "#262A32",
}


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
        return {**_FALLBACK_VARIABLES, **(base.variables if base else {})}


def user_themes_dir() -> Path:
    return paths.config_dir() / "themes"


def _check_colour(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a colour string like \"#1B1E24\"")
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
                raise ValueError(f"variables.{key} = {value!r} is not a text style (e.g. \"bold\", \"none\")")
            checked[key] = value
        else:
            checked[key] = _check_colour(value, f"variables.{key}")
    defaults = (fallback or {}).get("dark" if dark else "light") or _FALLBACK_VARIABLES
    merged = {**_FALLBACK_VARIABLES, **defaults, **checked}
    return Theme(name=name, dark=dark, variables=merged, **kwargs)


def _load_dir(directory: Path, fallback: dict[str, dict[str, str]] | None, notices: list[str]) -> list[Theme]:
    themes: list[Theme] = []
    try:
        files = sorted(directory.glob("*.toml"))
    except OSError:
        return themes
    for file in files[:MAX_THEME_FILES]:
        try:
            data = tomllib.loads(read_own_text(file, MAX_THEME_BYTES))
            themes.append(theme_from_dict(data, file.stem, fallback))
        except RecursionError:
            notices.append(f"Theme file {file} skipped: nested too deeply")
        except (OwnFileError, tomllib.TOMLDecodeError, *PARSE_ERRORS) as exc:
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
        "dark": next((t.variables for t in bundled if t.name == "dark"), _FALLBACK_VARIABLES),
        "light": next((t.variables for t in bundled if t.name == "light"), _FALLBACK_VARIABLES),
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
