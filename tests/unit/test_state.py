"""Read/unread marks and bookmarks persisted in the XDG state directory."""

from __future__ import annotations

import json

from newsreader import paths
from newsreader.state import ReadingState, article_key, state_path


def test_default_location_is_the_xdg_state_dir():
    assert state_path() == paths.state_dir() / "state.json"


def test_marks_survive_a_restart(tmp_path):
    article = tmp_path / "a.md"
    state = ReadingState.load()
    assert not state.is_read(article)
    assert state.toggle_read(article, sha256="s1") is True
    assert state.toggle_bookmark(article, title="A") is True
    again = ReadingState.load()
    assert again.is_read(article) and again.is_bookmarked(article)
    assert again.read_paths() == {article_key(article)}
    assert again.toggle_read(article) is False
    assert not ReadingState.load().is_read(article)
    assert ReadingState.load().bookmarks[article_key(article)].title == "A"


def test_relative_and_absolute_paths_are_one_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = ReadingState.load()
    state.mark_read("sub/../a.md")
    assert state.is_read(tmp_path / "a.md")


def test_a_moved_file_finds_its_marks_by_sha256(tmp_path):
    state = ReadingState.load()
    state.mark_read(tmp_path / "old.md", sha256="abc")
    state.set_bookmark(tmp_path / "old.md", sha256="abc")
    assert state.is_read(tmp_path / "new.md", sha256="abc")
    assert not state.is_read(tmp_path / "new.md")
    state.mark_read(tmp_path / "new.md", sha256="abc")  # opening it follows the move
    reloaded = ReadingState.load()
    assert reloaded.is_read(tmp_path / "new.md") and not reloaded.is_read(tmp_path / "old.md")
    assert reloaded.toggle_bookmark(tmp_path / "new.md", sha256="abc") is False
    assert not reloaded.bookmarks


def test_corrupt_file_is_set_aside_and_state_starts_empty():
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    state = ReadingState.load()
    assert not state.read and not state.bookmarks
    assert state.notices and "damaged" in state.notices[0]
    kept = [p for p in path.parent.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"
    state.mark_read("/x.md")
    assert json.loads(path.read_text(encoding="utf-8"))["read"]  # a fresh, valid file


def test_wrong_shapes_count_as_corrupt():
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for bad in ("[]", '{"read": []}', '"text"'):
        path.write_text(bad, encoding="utf-8")
        state = ReadingState.load()
        assert not state.read and state.notices


def test_unknown_fields_are_kept(tmp_path):
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"version": 1, "read": {"/a.md": {"at": "x", "junk": 3}}, "future": [1]}), encoding="utf-8"
    )
    state = ReadingState.load()
    assert state.is_read("/a.md")
    state.mark_read("/b.md")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["future"] == [1] and set(data["read"]) == {"/a.md", "/b.md"}


def test_unwritable_state_dir_keeps_marks_in_memory(monkeypatch):
    def refuse(path, text):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths, "atomic_write_text", refuse)
    state = ReadingState.load()
    state.mark_read("/a.md")
    state.toggle_bookmark("/b.md")
    assert state.is_read("/a.md") and state.is_bookmarked("/b.md")
    assert not state.persistent
    notices = state.take_notices()
    assert len(notices) == 1 and "this session only" in notices[0]
    assert state.take_notices() == []


def test_unreadable_state_file_is_not_fatal(monkeypatch):
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    state = ReadingState.load()
    assert not state.read and state.notices


def test_autosave_off_writes_only_on_save():
    state = ReadingState.load(autosave=False)
    state.mark_read("/a.md")
    assert not state_path().exists()
    assert state.save() and ReadingState.load().is_read("/a.md")


def test_undecodable_and_non_ascii_file_names_round_trip():
    odd = "/lib/caf\udce9.md"  # a Latin-1 byte in a UTF-8 file system, as os.fsdecode gives it
    state = ReadingState.load()
    state.mark_read(odd)
    state.mark_read("/lib/Москва.md")
    assert state.persistent and not state.notices
    again = ReadingState.load()
    assert again.is_read(odd) and again.is_read("/lib/Москва.md")


VIEWS = ("all", "unread", "bookmarked")


def test_library_choices_survive_a_restart():
    state = ReadingState.load()
    assert state.choice("view", VIEWS, "all") == "all"  # nothing stored: the default
    state.set_choice("view", "unread")
    state.set_choice("sort", "country")
    again = ReadingState.load()
    assert again.choice("view", VIEWS, "all") == "unread"
    assert again.choice("sort", ("newest", "source", "country"), "newest") == "country"
    assert json.loads(state_path().read_text(encoding="utf-8"))["library"] == {"view": "unread", "sort": "country"}


def test_an_unknown_or_damaged_choice_falls_back_to_the_default():
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"version": 1, "read": {"/a.md": {}}, "library": {"view": "starred", "sort": 7}}), encoding="utf-8"
    )
    state = ReadingState.load()
    assert state.choice("view", VIEWS, "all") == "all"  # a value this version does not know
    assert state.choice("sort", ("newest",), "newest") == "newest"  # not even text
    assert state.is_read("/a.md") and not state.notices  # the rest of the file still applies
    path.write_text(json.dumps({"version": 1, "read": {}, "library": ["unread"]}), encoding="utf-8")
    state = ReadingState.load()
    assert state.choice("view", VIEWS, "all") == "all" and not state.notices
    state.set_choice("view", "bookmarked")
    assert ReadingState.load().choice("view", VIEWS, "all") == "bookmarked"


def test_setting_the_same_choice_does_not_rewrite_the_file(monkeypatch):
    state = ReadingState.load()
    saves: list[int] = []
    monkeypatch.setattr(state, "save", lambda: saves.append(1) or True)
    state.set_choice("sort", "source")
    state.set_choice("sort", "source")  # the list is shown again in the same order: no write
    assert saves == [1]
