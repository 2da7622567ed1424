"""``extract --format parquet``: the analyses as one Parquet dataset of six tables.

    DIR/documents/part-<id>.parquet   one row per document
    DIR/entities/part-<id>.parquet    one row per entity        } each row keyed by the
    DIR/actors/part-<id>.parquet      one row per actor         } document's sha256 and the
    DIR/reactions/part-<id>.parquet   one row per reaction      } pipeline_version, so they
    DIR/figures/part-<id>.parquet     one row per figure        } join on both
    DIR/events/part-<id>.parquet      one row per event         }

The columns are ``SCHEMAS`` below (documented in docs/cluster.md): stable; a change of meaning
bumps ``SCHEMA_VERSION``, stored in each file's metadata. Each table folder is a plain Parquet
dataset: ``pandas.read_parquet("DIR/reactions")``, DuckDB ``FROM 'DIR/reactions/*.parquet'``,
Spark ``spark.read.parquet("DIR/reactions")``.

Writing is per part (``rows_per_part`` documents) and atomic: a part's six files are written
under ``DIR/_staging`` and renamed into place, ``documents`` last. A part counts once its
documents file is there; at the next open, files of a part without one (a run stopped between
renames) and the staging folder are removed. A document whose sha256 is already in the dataset
for the same pipeline version is not written again, so a re-run (or a retried Dask partition)
adds nothing twice. One writer at a time: an open dataset holds a lock file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = "1"
#: Documents per part file (per table): big enough for efficient Parquet files, small enough
#: that a stopped run loses little.
ROWS_PER_PART = 1000

_S, _I, _B, _F = pa.string(), pa.int64(), pa.bool_(), pa.float64()
_KEY = [("sha256", _S), ("pipeline_version", _S)]

#: Table name -> columns (name, Arrow type). Offsets (start/end) index the document's text.
SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "documents": [
        *_KEY,
        ("path", _S),
        ("title", _S),
        ("model", _S),
        ("status", _S),
        ("complete", _B),
        ("date", _S),
        ("source", _S),
        ("url", _S),
        ("license", _S),
        ("meta_extra", _S),
        ("problems", pa.list_(_S)),
        ("notices", pa.list_(_S)),
        ("text", _S),
    ],
    "entities": [
        *_KEY,
        ("idx", _I),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("label", _S),
        ("layer", _S),
        ("country", _S),
    ],
    "actors": [
        *_KEY,
        ("idx", _I),
        ("id", _S),
        ("name", _S),
        ("kind", _S),
        ("country", _S),
        ("country_source", _S),
        ("role", _S),
        ("is_source", _B),
        ("mentions", pa.list_(pa.struct([("start", _I), ("end", _I)]))),
    ],
    "reactions": [
        *_KEY,
        ("idx", _I),
        ("actor", _S),
        ("actor_name", _S),
        ("country", _S),
        ("category", _S),
        ("trigger", _S),
        ("target", _S),
        ("summary", _S),
        ("negated", _B),
        ("hedged", _B),
        ("sentence_start", _I),
        ("sentence_end", _I),
        ("trigger_start", _I),
        ("trigger_end", _I),
    ],
    "figures": [
        *_KEY,
        ("idx", _I),
        ("value", _F),
        ("approx", _B),
        ("text", _S),
        ("counts", _S),
        ("event", _S),
        ("span_start", _I),
        ("span_end", _I),
        ("sentence_start", _I),
        ("sentence_end", _I),
    ],
    "events": [
        *_KEY,
        ("idx", _I),
        ("summary", _S),
        ("country", _S),
        ("category", _S),
        ("sentence_start", _I),
        ("sentence_end", _I),
        ("trigger_start", _I),
        ("trigger_end", _I),
    ],
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
STAGING = "_staging"
LOCK = ".newsreader.lock"


def table_schema(name: str) -> pa.Schema:
    return pa.schema(
        [pa.field(n, t) for n, t in SCHEMAS[name]],
        metadata={"newsreader.schema": SCHEMA_VERSION, "newsreader.table": name},
    )


def _pair(span: Sequence[int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def record_rows(record: dict, version: str) -> dict[str, list[dict]]:
    """One ``extract`` record -> its rows in each table."""
    key = {"sha256": record["sha256"], "pipeline_version": version}
    meta = record.get("meta", {})
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append(
        {
            **key,
            "path": record["path"],
            "title": record["title"],
            "model": record["model"],
            "status": record["status"],
            "complete": record["complete"],
            "date": meta.get("date"),
            "source": meta.get("source"),
            "url": meta.get("url"),
            "license": meta.get("license"),
            "meta_extra": json.dumps(meta["extra"], ensure_ascii=False, sort_keys=True) if meta.get("extra") else None,
            "problems": list(record["problems"]),
            "notices": list(record["notices"]),
            "text": record["text"],
        }
    )
    for i, e in enumerate(record["entities"]):
        rows["entities"].append(
            {
                **key,
                "idx": i,
                **{k: e[k] for k in ("start", "end", "text", "label", "layer")},
                "country": e.get("country"),
            }
        )
    for i, a in enumerate(record["actors"]):
        rows["actors"].append(
            {
                **key,
                "idx": i,
                **{k: a.get(k) for k in ("id", "name", "kind", "country", "country_source", "role")},
                "is_source": bool(a.get("is_source")),
                "mentions": [{"start": m[0], "end": m[1]} for m in a.get("mentions", [])],
            }
        )
    for i, r in enumerate(record["reactions"]):
        sentence, trigger = _pair(r.get("sentence")), _pair(r.get("trigger_span"))
        rows["reactions"].append(
            {
                **key,
                "idx": i,
                **{k: r.get(k) for k in ("actor", "actor_name", "country", "category", "trigger", "target", "summary")},
                "negated": bool(r.get("negated")),
                "hedged": bool(r.get("hedged")),
                "sentence_start": sentence[0],
                "sentence_end": sentence[1],
                "trigger_start": trigger[0],
                "trigger_end": trigger[1],
            }
        )
    for i, f in enumerate(record["figures"]):
        span, sentence = _pair(f.get("span")), _pair(f.get("sentence"))
        rows["figures"].append(
            {
                **key,
                "idx": i,
                "value": float(f["value"]),
                "approx": bool(f.get("approx")),
                **{k: f.get(k) for k in ("text", "counts", "event")},
                "span_start": span[0],
                "span_end": span[1],
                "sentence_start": sentence[0],
                "sentence_end": sentence[1],
            }
        )
    for i, ev in enumerate(record.get("events", [])):
        sentence, trigger = _pair(ev.get("sentence")), _pair(ev.get("trigger_span"))
        rows["events"].append(
            {
                **key,
                "idx": i,
                **{k: ev.get(k) for k in ("summary", "country", "category")},
                "sentence_start": sentence[0],
                "sentence_end": sentence[1],
                "trigger_start": trigger[0],
                "trigger_end": trigger[1],
            }
        )
    return rows


def records_to_tables(records: list[dict], version: str) -> dict[str, pa.Table]:
    """``extract`` records -> one Arrow table per name in ``TABLES`` (the dataset's columns)."""
    columns: dict[str, list[dict]] = {name: [] for name in TABLES}
    for record in records:
        for name, rows in record_rows(record, version).items():
            columns[name].extend(rows)
    return {name: pa.Table.from_pylist(rows, schema=table_schema(name)) for name, rows in columns.items()}


class DatasetError(Exception):
    """The output folder cannot hold the dataset (not a folder, locked, unreadable)."""


class ParquetDataset:
    """The dataset in ``root`` for one pipeline ``version``; use as a context manager.

    ``add(record)`` buffers a record (False when its document is already in the dataset for
    this version, or was added earlier in this run); parts are committed every
    ``rows_per_part`` documents and on ``close``. ``written`` and ``skipped`` count documents.
    """

    def __init__(self, root: str | os.PathLike[str], version: str, rows_per_part: int = ROWS_PER_PART) -> None:
        self.root = Path(root)
        self.version = version
        self.rows_per_part = rows_per_part
        self.present: set[str] = set()
        self.pending: list[dict] = []
        self.written = 0
        self.skipped = 0
        self.parts = 0
        self._lock: IO[bytes] | None = None

    # -- open / close -------------------------------------------------------------------------

    def __enter__(self) -> ParquetDataset:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # Ctrl-C keeps what is done (complete records); after an error nothing more is written.
        self.close(commit=exc_type is None or issubclass(exc_type, KeyboardInterrupt))

    def open(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise DatasetError(f"{self.root} exists and is not a folder")
        if not self.root.parent.is_dir():
            raise DatasetError(f"no such directory: {self.root.parent}")
        try:
            self.root.mkdir(exist_ok=True)
            self._take_lock()
            self._recover()
            self.present = self.documents_present(self.root, self.version)
        except OSError as exc:
            raise DatasetError(f"{self.root}: {exc.strerror or exc}") from None

    def close(self, commit: bool = True) -> None:
        try:
            if commit:
                self.flush()
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def _take_lock(self) -> None:
        handle = open(self.root / LOCK, "a+b")  # noqa: SIM115 - the open handle is the lock, kept until close()
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass  # no advisory locks here (Windows): one writer at a time is then up to the user
        except OSError:
            handle.close()
            raise DatasetError(f"{self.root}: another newsreader extract is writing to this dataset") from None
        self._lock = handle

    def _recover(self) -> None:
        """Remove what a stopped run left: the staging folder, and files of parts whose
        documents file (the commit mark) was never renamed into place."""
        shutil.rmtree(self.root / STAGING, ignore_errors=True)
        committed = {p.name for p in (self.root / "documents").glob("part-*.parquet")}
        for name in TABLES[1:]:
            for part in (self.root / name).glob("part-*.parquet"):
                if part.name not in committed:
                    part.unlink()

    @staticmethod
    def documents_present(root: str | os.PathLike[str], version: str) -> set[str]:
        """The sha256 of every document in the dataset analysed with pipeline ``version``."""
        folder = Path(root) / "documents"
        present: set[str] = set()
        for part in sorted(folder.glob("part-*.parquet")):
            table = pq.read_table(part, columns=["sha256", "pipeline_version"])
            for sha, ver in zip(
                table.column("sha256").to_pylist(), table.column("pipeline_version").to_pylist(), strict=True
            ):
                if ver == version:
                    present.add(sha)
        return present

    # -- writing ------------------------------------------------------------------------------

    def add(self, record: dict) -> bool:
        sha = record["sha256"]
        if sha in self.present:
            self.skipped += 1
            return False
        self.present.add(sha)
        self.pending.append(record)
        if len(self.pending) >= self.rows_per_part:
            self.flush()
        return True

    def flush(self) -> None:
        """Commit the buffered documents as one part (atomically; see the module docstring)."""
        if not self.pending:
            return
        records, self.pending = self.pending, []
        digest = hashlib.sha256(self.version.encode("utf-8"))
        for sha in sorted(r["sha256"] for r in records):
            digest.update(sha.encode("ascii", "replace"))
        name = f"part-{digest.hexdigest()[:24]}.parquet"
        tables = records_to_tables(records, self.version)
        staging = self.root / STAGING / name
        staging.mkdir(parents=True, exist_ok=True)
        for table_name, table in tables.items():
            pq.write_table(table, staging / f"{table_name}.parquet", compression="zstd")
        for table_name in (*TABLES[1:], TABLES[0]):  # documents last: the commit mark
            (self.root / table_name).mkdir(exist_ok=True)
            os.replace(staging / f"{table_name}.parquet", self.root / table_name / name)
        _fsync_dir(self.root / "documents")
        staging.rmdir()
        with contextlib.suppress(OSError):
            staging.parent.rmdir()
        self.written += len(records)
        self.parts += 1


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
