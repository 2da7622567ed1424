"""newsreader.sqlite_store: the SQLite handling both caches share (busy, damaged, unusable)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.sqlite_store import SQLiteStore, create_tables, is_busy, is_corrupt, is_unwritable, remove_files

SCHEMA = "CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, value TEXT NOT NULL);"


class Store(SQLiteStore):
    """A minimal store that records what the hooks were told."""

    busy_timeout_ms = 100

    def __init__(self, path: Path, rebuild: bool = True) -> None:
        super().__init__(path)
        self.rebuild = rebuild
        self.damaged: list[str] = []
        self.off: list[str] = []

    def _prepare(self, conn: sqlite3.Connection) -> None:
        create_tables(conn, SCHEMA, 1, drop=("items",))

    def _damaged(self, exc: Exception) -> bool:
        self.damaged.append(str(exc))
        if not self.rebuild:
            return False
        remove_files(self.path)
        return True

    def _report_off(self, why: str, exc: Exception | None) -> None:
        self.off.append(why)

    def put(self, key: str, value: str) -> bool:
        with self._lock:
            return bool(self._run(lambda c: c.execute("INSERT OR REPLACE INTO items VALUES (?, ?)", (key, value))))

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._run(lambda c: c.execute("SELECT value FROM items WHERE key = ?", (key,)).fetchone())
        return row[0] if row else None


def test_opens_in_wal_mode_and_keeps_values(tmp_path):
    store = Store(tmp_path / "deep" / "store.sqlite")
    assert store.put("k", "v") and store.get("k") == "v"
    store.close()
    with sqlite3.connect(tmp_path / "deep" / "store.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_damaged_file_is_handed_over_once_and_rebuilt(tmp_path):
    db = tmp_path / "store.sqlite"
    db.write_bytes(b"not a database at all " * 100)
    store = Store(db)
    assert store.put("k", "v") and store.get("k") == "v"
    assert len(store.damaged) == 1 and is_corrupt(Exception(store.damaged[0]))
    assert store.enabled and store.off == []


def test_a_damaged_file_that_cannot_be_replaced_turns_the_store_off(tmp_path):
    db = tmp_path / "store.sqlite"
    db.write_bytes(b"not a database at all " * 100)
    store = Store(db, rebuild=False)
    assert store.put("k", "v") is False and store.get("k") is None
    assert not store.enabled and len(store.damaged) == 1
    assert db.read_bytes().startswith(b"not a database"), "the file is left to the subclass"


def test_an_unopenable_location_turns_the_store_off_once(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    store = Store(blocker / "store.sqlite")
    assert store.put("k", "v") is False and store.get("k") is None
    assert store.off == ["unavailable"] and not store.enabled


def test_a_write_lock_held_elsewhere_is_skipped_not_waited_on(tmp_path):
    db = tmp_path / "store.sqlite"
    store = Store(db)
    assert store.put("k", "v")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert store.put("k", "w") is False
        # The only wait is sqlite's busy timeout, the store's own (100 ms here), not sqlite's
        # default or a retry loop: the lock above is held until the end of the test.
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == Store.busy_timeout_ms
        assert store.get("k") == "v", "reads go on in WAL mode"
        assert store.enabled and store.off == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.put("k", "w") and store.get("k") == "w"


def test_error_kinds():
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert is_unwritable(sqlite3.OperationalError("attempt to write a readonly database"))
    assert is_corrupt(sqlite3.DatabaseError("file is not a database"))
    assert not is_corrupt(sqlite3.OperationalError("database is locked"))
