"""Analysing many documents: the records ``extract`` writes, for jobs of any size.

Public API (see docs/cluster.md):

    analyse_texts(items, model=None, *, use_cache=False) -> Iterator[dict]
        (id, text) pairs -> one ``extract`` record per pair, in order. The pipeline is loaded
        once per process and kept, so it suits Dask's ``bag.map_partitions`` and Spark's
        ``rdd.mapPartitions``.                                       (api.py)
    analyse_paths(paths, model=None, *, use_cache=True) -> Iterator[dict]
        the same for files, folders' contents or fsspec URLs          (api.py)
    extract_record(document, analysis) -> dict                       (newsreader.model.record)
    TABLES, table_schema(name), records_to_tables(records, version)  (parquet.py: the Parquet
        dataset's tables, see docs/cluster.md "Parquet tables")

``newsreader extract --dask`` and ``--format parquet`` are built on these (dask_run.py,
parquet.py). This package imports no UI and no CLI code; dask, distributed and pyarrow (the
``cluster`` extra) are imported only by the modules that need them.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "analyse_texts": "api",
    "analyse_paths": "api",
    "extract_record": "newsreader.model.record",
    "TABLES": "parquet",
    "table_schema": "parquet",
    "records_to_tables": "parquet",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module if "." in module else f"{__name__}.{module}"), name)
