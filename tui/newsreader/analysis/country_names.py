"""Country and organisation names for display: "RUS" -> "Russia", "EU" -> "European Union".

The actors panel, palette, overview and export name their groups with these. They are the
gazetteer's own names (its data files: pycountry's names, the aliases' and ``orgs.tsv``'s, then
the short forms news uses from ``gazetteer_display_names.tsv``), read here without building
the gazetteer or importing its module: the reader asks for them before its first frame.
"""

from __future__ import annotations

import json
import threading

from newsreader.analysis.datafiles import DATA_DIR


def read_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without comments and blank lines."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def places() -> dict:
    """The built gazetteer data (``gazetteer_places.json``: countries, places, demonyms)."""
    return json.loads((DATA_DIR / "gazetteer_places.json").read_text(encoding="utf-8"))


def official_names(places: dict) -> dict[str, str]:
    """Code -> name before the display-name overrides (pycountry's, the aliases', orgs.tsv's)."""
    names = {code: info["name"] for code, info in places["countries"].items()}
    for row in read_rows("gazetteer_aliases.tsv"):
        if len(row) > 3 and row[3]:
            names.setdefault(row[1], row[3])
    for row in read_rows("orgs.tsv"):
        names[row[0]] = row[1]
    return names


def with_display_names(official: dict[str, str]) -> dict[str, str]:
    """``official`` with the short forms news uses ("Russia", not "Russian Federation")."""
    names = dict(official)
    for row in read_rows("gazetteer_display_names.tsv"):
        names[row[0]] = row[1]
    return names


_lock = threading.Lock()
_names: dict[str, str] | None = None


def country_names() -> dict[str, str]:
    """Code -> display name, for states and organisations (~2 ms, read once). Do not modify
    the returned dict."""
    global _names
    if _names is None:
        with _lock:
            if _names is None:
                _names = with_display_names(official_names(places()))
    return _names


def display_name(code: str) -> str:
    """``country_names()[code]``, or the code itself when it has no name or the data files
    cannot be read (names only decorate: never an error)."""
    try:
        return country_names().get(code, code)
    except Exception:  # noqa: BLE001 - damaged data files: codes are readable enough
        return code
