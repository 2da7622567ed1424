"""The optional ``cluster`` extra (dask, distributed, pyarrow): present, or how to install it."""

from __future__ import annotations

import importlib

INSTALL_HINT = "pip install 'newsreader[cluster]'"


class MissingExtra(Exception):
    """An optional package that the asked-for feature needs is not installed."""


def require(feature: str, *modules: str) -> None:
    """Import ``modules`` or raise ``MissingExtra`` naming ``feature`` and the install command."""
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise MissingExtra(f"{feature} needs {', '.join(missing)}, not installed here: {INSTALL_HINT}")


def require_dask(feature: str = "--dask") -> None:
    require(feature, "dask", "distributed")


def require_parquet(feature: str = "--format parquet") -> None:
    require(feature, "pyarrow", "pyarrow.parquet")
