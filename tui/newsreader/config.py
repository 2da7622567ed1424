"""The user's settings file: ``config.toml`` in the XDG config directory.

Fields (all optional; anything missing takes its default):

``theme``
    Name of the colour theme (a bundled one: ``dark``, ``light``, ``high-contrast``,
    ``colour-blind``, or a user theme from ``<config dir>/themes/*.toml``). Written by the app
    when you press ``t`` or pick a theme in the command palette.
``[keys]``
    Key overrides: binding id = key(s), e.g. ``search = "/,ctrl+f"``. Binding ids are listed on
    the help screen (``?``).

Unknown keys and tables are kept when the file is rewritten, so newer versions and hand edits
survive. A file that cannot be read or parsed never stops the app: the defaults are used and a
notice explains what was wrong. The path can be redirected with ``NEWSREADER_CONFIG``.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader import paths

CONFIG_FILE = "config.toml"


def config_path() -> Path:
    """Where the config lives (``$NEWSREADER_CONFIG`` wins over the XDG location)."""
    override = os.environ.get("NEWSREADER_CONFIG")
    if override:
        return Path(override)
    return paths.config_dir() / CONFIG_FILE


@dataclass(slots=True)
class Config:
    """Settings read from ``config.toml``; ``extra`` keeps everything this version doesn't know."""

    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config; return it with notices for anything that had to be ignored.

    Never raises: a missing file is the default config, a broken one gives defaults + a notice.
    """
    path = path or config_path()
    notices: list[str] = []
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), notices
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), [f"Could not read {path}: {exc}. Using default settings."]
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        return Config(), [f"{path} is not valid TOML ({exc}). Using default settings; fix or delete the file."]

    config = Config()
    theme = data.pop("theme", None)
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            notices.append(f"{path}: 'theme' must be a theme name (text); ignored.")
    keys = data.pop("keys", None)
    if keys is not None:
        if isinstance(keys, dict):
            for binding_id, key in keys.items():
                if isinstance(key, str) and key.strip():
                    config.keys[str(binding_id)] = key.strip()
                else:
                    notices.append(f"{path}: keys.{binding_id} must be a key name (text); ignored.")
        else:
            notices.append(f"{path}: [keys] must be a table; ignored.")
    config.extra = data
    return config, notices


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the config atomically (a crash mid-write never leaves a half-written file)."""
    path = path or config_path()
    data: dict[str, Any] = dict(config.extra)
    if config.theme:
        data["theme"] = config.theme
    if config.keys:
        data["keys"] = dict(config.keys)
    paths.atomic_write_text(path, dumps_toml(data))


def save_theme(theme: str, path: Path | None = None) -> list[str]:
    """Persist the chosen theme, keeping every other setting; return notices (never raises)."""
    config, notices = load_config(path)
    if notices:
        # The file is broken: don't overwrite what the user may want to repair.
        return [*notices, "The theme choice was not saved."]
    config.theme = theme
    try:
        save_config(config, path)
    except OSError as exc:
        return [f"Could not save the theme to {path or config_path()}: {exc}"]
    return []


def _toml_key(key: str) -> str:
    if key and all(c.isalnum() or c in "-_" for c in key):
        return key
    return json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are a subset of TOML basic-string escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    # Dates and times round-trip through their ISO form, which TOML accepts unquoted.
    return value.isoformat()


def dumps_toml(data: dict[str, Any]) -> str:
    """Serialise a config dict: scalars first, then one ``[table]`` per nested dict."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for name, table in tables:
        if lines:
            lines.append("")
        lines.append(f"[{_toml_key(name)}]")
        for key, value in table.items():
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
