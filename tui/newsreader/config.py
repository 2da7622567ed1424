"""The user's settings file: ``config.toml`` in the XDG config directory.

Nothing is written until you change something (pressing ``t`` saves the theme); a missing file
means every default. The file is found at, in order: the ``--config PATH`` option, the
``NEWSREADER_CONFIG`` environment variable, ``$XDG_CONFIG_HOME/newsreader/config.toml``
(usually ``~/.config/newsreader/config.toml``).

The settings are declared once, in ``SETTINGS`` (name, kind, default, one-line doc): reading
and checking a file, the notices for wrong values and the README's table
(``python -m newsreader.config --markdown``) all come from it.

A value of the wrong kind gets a notice naming the key, and that one setting takes its default;
the rest of the file still applies. A key this version does not know gets a notice too, and is
kept. A file that cannot be read or parsed never stops the app: defaults are used with a notice,
and the file is never overwritten (so you can repair it). Only a regular UTF-8 file of at most
1 MB is read (a leading byte-order mark is fine); a named pipe, a device or deeply nested TOML
is a notice, never a hang or a crash.

Saving (the theme chosen in the app) edits the file with ``tomlkit``: only the settings that
changed are rewritten; the user's comments, order, unknown keys and even values this version
rejects stay as they were.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from newsreader import paths
from newsreader.model.vocabulary import LAYERS
from newsreader.own_files import PARSE_ERRORS, OwnFileError, read_own_text
from newsreader.safe_output import OutputError, check_output, write_bytes

CONFIG_FILE = "config.toml"
#: A config file larger than this is not read (it is a few hundred bytes in practice).
MAX_CONFIG_BYTES = 1024 * 1024


class Problem(ValueError):
    """Why a value was refused: ``str()`` ends the notice "'key' must be ..."."""


class Kind(NamedTuple):
    """What a setting holds: how the README names it, and how a raw TOML value is checked.

    ``check`` returns the value to keep (or raises ``Problem``) and may add notices about parts
    it dropped (``notes``); ``unset`` is the value when the setting is absent."""

    value: str  # the README's "Value" column
    expected: str  # completes "'key' must be ..." in the notice
    check: Callable[[Any, list[str]], Any]


def _text(value: Any, notes: list[str]) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Problem


def _folder(value: Any, notes: list[str]) -> str:
    if isinstance(value, str) and value.strip() and "\0" not in value:
        return value.strip()
    raise Problem


def _paths(value: Any, notes: list[str]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and value and all(isinstance(x, str) and x.strip() for x in value):
        return [x.strip() for x in value]
    raise Problem


def _layers(value: Any, notes: list[str]) -> list[str]:
    if not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
        raise Problem
    chosen = {x.strip().lower() for x in value}
    unknown = [x for x in value if x.strip().lower() not in LAYERS]
    if unknown:
        notes.append(
            f"'layers' has unknown layer(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(LAYERS)}. The others apply."
        )
    return [x for x in LAYERS if x in chosen]


def _keys(value: Any, notes: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise Problem
    keys: dict[str, str] = {}
    for binding_id, key in value.items():
        if isinstance(key, str) and key.strip():
            keys[str(binding_id)] = key.strip()
        else:
            notes.append(f"keys.{binding_id} must be a key name (text); ignored.")
    return keys


def _table(value: Any, notes: list[str]) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise Problem


TEXT = Kind("text", "{what} (text)", _text)
FOLDER = Kind("a folder path", "a folder path (text)", _folder)
PATHS = Kind("a path or a list of paths", "a path or a list of paths (text)", _paths)
LAYER_LIST = Kind("a list of " + ", ".join(f"`{x}`" for x in LAYERS), "a list of layer names ({layers})", _layers)
KEY_TABLE = Kind("a table: binding id = key(s)", "a table of binding id = key", _keys)
TABLE = Kind("a table", "a table", _table)


class Setting(NamedTuple):
    """One setting of config.toml: the one place its name, kind, default and meaning are said."""

    name: str
    kind: Kind
    what: str  # names the value in a notice: "a theme name"
    default: str  # the default as the README and the notices name it
    doc: str  # one line for the README (Markdown)

    @property
    def is_table(self) -> bool:
        return self.kind in (KEY_TABLE, TABLE)

    @property
    def expected(self) -> str:
        return self.kind.expected.format(what=self.what, layers=", ".join(LAYERS))

    def check(self, value: Any, notes: list[str]) -> Any:
        """The value to keep; raises ``Problem`` when it is wrong (the default then applies)."""
        return self.kind.check(value, notes)


#: Every setting this version reads, in the README's order.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "theme",
        TEXT,
        "a theme name",
        "dark",
        "colour theme: a bundled one (see [Themes](#themes)) or a user theme from "
        "`<config dir>/themes/*.toml`; `--theme` wins for one run; written when you change theme in the app",
    ),
    Setting(
        "layers",
        LAYER_LIST,
        "layer names",
        "all layers",
        "highlight layers on at start; `[]` starts with every highlight off",
    ),
    Setting(
        "library",
        PATHS,
        "paths",
        "the bundled samples",
        "files/folders opened when `newsreader` runs without a path; `~` expanded, relative paths "
        "from the config file's folder",
    ),
    Setting(
        "model",
        TEXT,
        "a spaCy model package name",
        "the best installed model",
        "spaCy model package (e.g. `en_core_web_md`); `--model` wins",
    ),
    Setting(
        "export_folder",
        FOLDER,
        "a folder path",
        "the documents folder",
        "folder the export dialog saves plain file names in; `~` and `$VARS` expanded, relative "
        "paths from the config file's folder (default: see [Export](#export))",
    ),
    Setting(
        "keys",
        KEY_TABLE,
        "key overrides",
        "the key table",
        'key overrides by binding id (comma-separated Textual key names, e.g. `search = "/,ctrl+s"`); '
        "the ids are in the help screen (`?`) and the key table above",
    ),
    Setting("feeds", TABLE, "fetch settings", "the fetch defaults", "limits for fetching feeds (see [Feeds](#feeds))"),
)

#: Setting by name.
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
#: Settings this version reads (everything else is kept in ``Config.extra``).
FIELDS = tuple(BY_NAME)


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the config lives: ``override`` (``--config``), else ``$NEWSREADER_CONFIG``, else XDG."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("NEWSREADER_CONFIG")
    if env:
        return Path(env).expanduser()
    return paths.config_dir() / CONFIG_FILE


@dataclass(slots=True)
class Config:
    """Settings read from ``config.toml`` (one attribute per ``SETTINGS`` entry, None or empty
    when unset); ``extra`` keeps everything this version doesn't know.

    ``layers`` None means "all layers on"; ``library`` holds the raw strings from the file
    (``library_paths`` gives them resolved).
    """

    theme: str | None = None
    layers: list[str] | None = None
    library: list[str] = field(default_factory=list)
    model: str | None = None
    export_folder: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    feeds: dict[str, Any] | None = None  # checked by newsreader.library.fetching
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None  # the file the settings were read from

    def _resolve(self, raw: str) -> Path:
        """A path from the file: ``$VARS`` and ``~`` expanded, relative to the config's folder."""
        p = Path(os.path.expandvars(raw)).expanduser()
        if p.is_absolute():
            return p
        base = self.path.parent if self.path is not None else Path.cwd()
        return base / p

    @property
    def library_paths(self) -> list[str]:
        """``library`` with ``~`` expanded and relative paths taken from the config's folder."""
        return [str(self._resolve(raw)) for raw in self.library]

    @property
    def export_path(self) -> Path | None:
        """``export_folder`` resolved like ``library``; None when not set (the default applies)."""
        return self._resolve(self.export_folder) if self.export_folder else None


def _unset(setting: Setting) -> Any:
    """The attribute's value when the setting is absent (the dataclass default)."""
    return getattr(Config(), setting.name)


def from_data(data: dict[str, Any], path: Path | None = None) -> tuple[Config, list[str]]:
    """A ``Config`` from parsed TOML, with a notice for each value that was refused or dropped."""
    config = Config(path=path)
    notes: list[str] = []
    where = f"{path}: " if path is not None else ""
    for key, value in data.items():
        setting = BY_NAME.get(key)
        if setting is None:
            config.extra[key] = value
            notes.append(
                f"'{key}' is not a setting of this version (known: {', '.join(FIELDS)}); it is kept in the file."
            )
            continue
        try:
            setattr(config, key, setting.check(value, notes))
        except Problem:
            notes.append(f"'{key}' must be {setting.expected}; using the default ({setting.default}).")
    return config, [where + note for note in notes]


class ConfigFileError(Exception):
    """The config file exists but cannot be read or parsed; ``str()`` says why, ``advice`` what to do."""

    def __init__(self, reason: str, advice: str = "") -> None:
        super().__init__(reason)
        self.advice = advice


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its parsed TOML ("" and {} when there is none).
    Raises ``ConfigFileError`` when it can't be used."""
    try:
        raw = read_own_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return "", {}
    except OwnFileError as exc:
        raise ConfigFileError(f"Could not read {path}: {exc}.") from None
    repair = "; fix or delete the file"
    try:
        return raw, tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path} is not valid TOML ({exc}).", repair) from None
    except PARSE_ERRORS as exc:  # deep nesting: RecursionError
        reason = "nested too deeply" if isinstance(exc, RecursionError) else type(exc).__name__
        raise ConfigFileError(f"{path} could not be read ({reason}).", repair) from None


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[Config, list[str]]:
    """Read the config; return it with notices for anything that had to be ignored.

    Never raises: a missing file is the default config, a broken one gives defaults + a notice.
    """
    path = config_path(path)
    try:
        _raw, data = _read(path)
    except ConfigFileError as exc:
        return Config(path=path), [f"{exc} Using default settings{exc.advice}."]
    return from_data(data, path)


def _edit(document: Any, config: Config, in_file: Config) -> None:
    """Set in ``document`` (a tomlkit document) the settings where ``config`` differs from the file."""
    import tomlkit

    for setting in SETTINGS:
        value, was = getattr(config, setting.name), getattr(in_file, setting.name)
        if value == was:
            continue
        if value == _unset(setting):
            document.pop(setting.name, None)
        elif setting.is_table and isinstance(document.get(setting.name), dict):
            table = document[setting.name]  # edited key by key: its comments stay
            for key in [k for k in table if k not in value]:
                del table[key]
            for key, item in value.items():
                if table.get(key) != item:
                    table[key] = item
        elif setting.is_table:
            table = tomlkit.table()
            table.update(value)
            document[setting.name] = table
        else:
            document[setting.name] = value
    for key, value in config.extra.items():
        if in_file.extra.get(key) != value:
            document[key] = value


def save_config(config: Config, path: str | os.PathLike[str] | None = None) -> None:
    """Write the settings that differ from the file's, keeping everything else in it as it is
    (comments, order, unknown keys, values this version refuses). Atomic (a crash mid-write
    never leaves a half-written file), through a symbolic link and keeping the file's mode.
    Raises ConfigFileError when the file cannot be read, parsed or edited, OSError when it
    cannot be written."""
    # tomlkit costs ~40 ms to import, and only saving needs it: not imported at start-up.
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    not_editable: tuple[type[BaseException], ...] = (TOMLKitError, *PARSE_ERRORS)

    path = config_path(path) if path is not None else (config.path or config_path())
    raw, _data = _read(path)
    try:
        document = tomlkit.parse(raw)
        in_file, _notes = from_data(document.unwrap(), path)
        _edit(document, config, in_file)
        text = tomlkit.dumps(document)
    except not_editable as exc:
        raise ConfigFileError(f"{path} could not be edited ({type(exc).__name__}).") from None
    # A config kept elsewhere and linked here (dotfile managers) is written where it lives,
    # so the link survives; the file keeps its permissions (newsreader.safe_output).
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_bytes(check_output(target, replace=True), text.encode("utf-8"))
    except OutputError as exc:
        raise OSError(str(exc)) from None


def save_theme(theme: str, path: str | os.PathLike[str] | None = None) -> list[str]:
    """Persist the chosen theme, keeping everything else in the file; return notices (never raises).

    A file that cannot be read or parsed is left alone (the user may want to repair it)."""
    config, _notices = load_config(path)
    config.theme = theme
    where = config_path(path)
    try:
        save_config(config, path)
    except ConfigFileError as exc:
        return [f"{exc} The theme choice was not saved."]
    except OSError as exc:
        return [f"Could not save the theme to {where}: {exc.strerror or exc}"]
    except (RecursionError, ValueError, UnicodeError) as exc:
        return [f"Could not save the theme to {where}: {type(exc).__name__}"]
    return []


def settings_markdown() -> str:
    """The README's table of settings, from ``SETTINGS``."""
    lines = ["| Setting | Value | Meaning | Default |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        name = f"[{s.name}]" if s.is_table else s.name
        lines.append(f"| `{name}` | {s.kind.value} | {s.doc} | {s.default} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m newsreader.config --markdown`` prints the README's table of settings."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["--markdown"]:
        print("usage: python -m newsreader.config --markdown", file=sys.stderr)
        return 2
    print(settings_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
