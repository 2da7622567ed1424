"""The user's settings file: ``config.toml`` in the XDG config directory.

Nothing is written until you change something (pressing ``t`` saves the theme); a missing file
means every default below. The file is found at, in order: the ``--config PATH`` option, the
``NEWSREADER_CONFIG`` environment variable, ``$XDG_CONFIG_HOME/newsreader/config.toml``
(usually ``~/.config/newsreader/config.toml``).

Fields (all optional)::

    theme = "dark"
    layers = ["people", "places", "numbers"]
    library = ["~/news", "~/Downloads/feeds"]
    model = "en_core_web_md"
    export_folder = "~/Documents/briefs"

    [keys]
    search = "/,ctrl+s"
    overview = "A"

``theme``
    Colour theme name: a bundled one (``dark``, ``light``, ``high-contrast``, ``colour-blind``)
    or a user theme from ``<config dir>/themes/*.toml``. Default ``dark``. ``--theme`` wins
    over it for one run. Written by the app when you press ``t`` or pick a theme in the palette.
``layers``
    Which highlight layers are on when the app starts, a list of ``people``,
    ``organizations``, ``places``, ``groups``, ``numbers``, ``dates``. Default: all of them.
    ``[]`` starts with every highlight off (keys 1-6 and 0 still toggle them).
``library``
    Files or folders to open when ``newsreader`` is run without a path; a string or a list of
    strings. ``~`` is expanded; relative paths are taken from the config file's folder.
    Default: the bundled sample articles.
``model``
    spaCy model package for the analysis (e.g. ``en_core_web_sm``, ``en_core_web_md``). ``--model``
    wins over it. Default: the best installed English model, else rule-only analysis.
``export_folder``
    The folder the export dialog (``e``) saves a plain file name in; ``~`` and ``$VARS`` are
    expanded, a relative path is taken from the config file's folder. Default: the XDG
    documents folder (``$XDG_DOCUMENTS_DIR``, else ``XDG_DOCUMENTS_DIR`` in
    ``~/.config/user-dirs.dirs``), else ``~/Documents`` if it exists, else the home folder
    (``newsreader.present.export.export_folder``).
``[keys]``
    Key overrides: binding id = key(s) (comma-separated Textual key names), e.g.
    ``search = "/,ctrl+s"``. The ids are the ``id`` column of the key table in ``ui/keys.py``
    (``help``, ``quit``, ``search``, ``next-article``, ``layer-people``, ``overview``, ...);
    an unknown id gets a notice.

A value of the wrong type or an unknown name gets a notice naming the key, and that one setting
takes its default; the rest of the file still applies. A file that cannot be read or parsed
never stops the app: defaults are used with a notice, and the file is never overwritten (so you
can repair it). Only a regular UTF-8 file of at most 1 MB is read (a leading byte-order mark is
fine); a named pipe, a device or deeply nested TOML is a notice, never a hang or a crash. Unknown keys and tables are kept when the app rewrites the file, so newer
versions and hand edits survive.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader import paths
from newsreader.model.vocabulary import LAYERS
from newsreader.own_files import PARSE_ERRORS, OwnFileError, read_own_text
from newsreader.safe_output import OutputError, check_output, write_bytes

CONFIG_FILE = "config.toml"
#: A config file larger than this is not read (it is a few hundred bytes in practice).
MAX_CONFIG_BYTES = 1024 * 1024

#: Settings this version reads (everything else is kept in ``Config.extra``).
FIELDS = ("theme", "layers", "library", "model", "export_folder", "keys")


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
    """Settings read from ``config.toml``; ``extra`` keeps everything this version doesn't know.

    ``layers`` None means "all layers on"; ``library`` holds the raw strings from the file
    (``library_paths`` gives them resolved).
    """

    theme: str | None = None
    layers: list[str] | None = None
    library: list[str] = field(default_factory=list)
    model: str | None = None
    export_folder: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
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


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[Config, list[str]]:
    """Read the config; return it with notices for anything that had to be ignored.

    Never raises: a missing file is the default config, a broken one gives defaults + a notice.
    """
    path = config_path(path)
    notices: list[str] = []
    try:
        raw = read_own_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(path=path), notices
    except OwnFileError as exc:
        return Config(path=path), [f"Could not read {path}: {exc}. Using default settings."]
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path), [f"{path} is not valid TOML ({exc}). Using default settings; fix or delete the file."]
    except PARSE_ERRORS as exc:  # deep nesting: RecursionError
        reason = "nested too deeply" if isinstance(exc, RecursionError) else type(exc).__name__
        return Config(path=path), [f"{path} could not be read ({reason}). Using default settings; fix or delete the file."]

    config = Config(path=path)

    def bad(key: str, expected: str, default: str) -> None:
        notices.append(f"{path}: '{key}' must be {expected}; using the default ({default}).")

    theme = data.pop("theme", None)
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            bad("theme", "a theme name (text)", "dark")
    layers = data.pop("layers", None)
    if layers is not None:
        if isinstance(layers, list) and all(isinstance(x, str) for x in layers):
            unknown = [x for x in layers if x.strip().lower() not in LAYERS]
            if unknown:
                notices.append(
                    f"{path}: 'layers' has unknown layer(s) {', '.join(map(repr, unknown))}; "
                    f"known: {', '.join(LAYERS)}. The others apply."
                )
            config.layers = [x for x in LAYERS if x in {y.strip().lower() for y in layers}]
        else:
            bad("layers", f"a list of layer names ({', '.join(LAYERS)})", "all layers")
    library = data.pop("library", None)
    if library is not None:
        if isinstance(library, str):
            library = [library]
        if isinstance(library, list) and library and all(isinstance(x, str) and x.strip() for x in library):
            config.library = [x.strip() for x in library]
        else:
            bad("library", "a path or a list of paths (text)", "the bundled samples")
    model = data.pop("model", None)
    if model is not None:
        if isinstance(model, str) and model.strip():
            config.model = model.strip()
        else:
            bad("model", "a spaCy model package name (text)", "the best installed model")
    export_folder = data.pop("export_folder", None)
    if export_folder is not None:
        if isinstance(export_folder, str) and export_folder.strip() and "\0" not in export_folder:
            config.export_folder = export_folder.strip()
        else:
            bad("export_folder", "a folder path (text)", "the documents folder")
    keys = data.pop("keys", None)
    if keys is not None:
        if isinstance(keys, dict):
            for binding_id, key in keys.items():
                if isinstance(key, str) and key.strip():
                    config.keys[str(binding_id)] = key.strip()
                else:
                    notices.append(f"{path}: keys.{binding_id} must be a key name (text); ignored.")
        else:
            notices.append(f"{path}: [keys] must be a table of binding id = key; ignored.")
    config.extra = data
    return config, notices


def save_config(config: Config, path: str | os.PathLike[str] | None = None) -> None:
    """Write the config atomically (a crash mid-write never leaves a half-written file),
    through a symbolic link and keeping the file's mode. Raises OSError when it cannot."""
    path = config_path(path) if path is not None else (config.path or config_path())
    data: dict[str, Any] = dict(config.extra)
    if config.theme:
        data["theme"] = config.theme
    if config.layers is not None:
        data["layers"] = list(config.layers)
    if config.library:
        data["library"] = list(config.library)
    if config.model:
        data["model"] = config.model
    if config.export_folder:
        data["export_folder"] = config.export_folder
    if config.keys:
        data["keys"] = dict(config.keys)
    text = dumps_toml(data)
    # A config kept elsewhere and linked here (dotfile managers) is written where it lives,
    # so the link survives; the file keeps its permissions (newsreader.safe_output).
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_bytes(check_output(target, replace=True), text.encode("utf-8"))
    except OutputError as exc:
        raise OSError(str(exc)) from None


def save_theme(theme: str, path: str | os.PathLike[str] | None = None) -> list[str]:
    """Persist the chosen theme, keeping every other setting; return notices (never raises)."""
    config, notices = load_config(path)
    if notices:
        # The file is broken: don't overwrite what the user may want to repair.
        return [*notices, "The theme choice was not saved."]
    config.theme = theme
    try:
        save_config(config, path)
    except OSError as exc:
        return [f"Could not save the theme to {config_path(path)}: {exc.strerror or exc}"]
    except (RecursionError, ValueError, UnicodeError) as exc:
        return [f"Could not save the theme to {config_path(path)}: {type(exc).__name__}"]
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
