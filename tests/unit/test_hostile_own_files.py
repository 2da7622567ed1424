"""Issue 18: newsreader's own files (config.toml, state.json, user themes) can never stop the
start-up: not a pipe (hang), not /dev/zero (memory), not deep nesting (RecursionError), not a
byte-order mark. Each gives defaults and a notice; a bad state file is set aside.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader import config, state
from newsreader.own_files import OwnFileError, read_own_text
from newsreader.ui import themes

DEEP_TOML = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_JSON = '{"read": {}, "bookmarks": {}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


def hostile(path: Path, kind: str, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        with open(path, "wb") as handle:
            handle.truncate(80 * 1024 * 1024)  # sparse: large, costs no disk
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge"])
def test_reader_refuses_what_is_not_a_small_regular_file(tmp_path, kind):
    target = hostile(tmp_path / "file", kind)
    with pytest.raises(OwnFileError):
        read_own_text(target, 1024 * 1024)


def test_reader_drops_a_bom_and_says_not_utf8(tmp_path):
    (tmp_path / "bom").write_bytes(b"\xef\xbb\xbftheme = 'light'\n")
    assert read_own_text(tmp_path / "bom", 100) == "theme = 'light'\n"
    (tmp_path / "latin").write_bytes(b"theme = 'caf\xe9'\n")
    with pytest.raises(OwnFileError, match="not UTF-8"):
        read_own_text(tmp_path / "latin", 100)
    with pytest.raises(FileNotFoundError):
        read_own_text(tmp_path / "missing", 100)


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge", "deep"])
def test_config_gives_defaults_and_a_notice(tmp_path, kind):
    path = hostile(tmp_path / "config.toml", kind, DEEP_TOML)
    cfg, notices = config.load_config(path)
    assert cfg.theme is None and cfg.library == [] and len(notices) == 1
    assert str(path) in notices[0]
    assert config.save_theme("light", path)  # a file that could not be read is never replaced
    assert os.path.lexists(path)


def test_config_with_a_bom_is_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes('\ufefftheme = "light"\nlayers = ["places"]\n'.encode("utf-8"))
    cfg, notices = config.load_config(path)
    assert notices == [] and cfg.theme == "light" and cfg.layers == ["places"]


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge", "deep"])
def test_state_starts_empty_and_sets_the_bad_file_aside(tmp_path, kind):
    path = hostile(tmp_path / "state" / "state.json", kind, DEEP_JSON)
    loaded = state.ReadingState.load(path)
    assert loaded.read == {} and len(loaded.notices) == 1
    assert not os.path.lexists(path), "the bad file is moved aside, so the next start is clean"
    assert [p.name for p in path.parent.iterdir() if p.name.startswith("state.json.corrupt-")]
    loaded.mark_read("/lib/a.md")
    again = state.ReadingState.load(path)
    assert again.notices == [] and again.is_read("/lib/a.md")


def test_state_nested_just_within_the_parser_is_still_saveable(tmp_path):
    # Nesting the parser accepts but the writer may not: either kept and saved, or set aside.
    path = tmp_path / "state.json"
    path.write_text('{"read": {}, "bookmarks": {}, "x": ' + "[" * 900 + "]" * 900 + "}", encoding="utf-8")
    loaded = state.ReadingState.load(path)
    loaded.mark_read("/lib/a.md")
    assert state.ReadingState.load(path).is_read("/lib/a.md") or not loaded.persistent


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge", "deep", "bom"])
def test_a_bad_user_theme_is_skipped_with_a_notice(tmp_path, kind):
    user = tmp_path / "themes"
    text = "\ufeffname = 'mine'\nprimary = '#123456'\n" if kind == "bom" else DEEP_TOML
    hostile(user / "mine.toml", kind, text)
    loaded = themes.load_themes(user_dir=user)
    assert "dark" in loaded.names
    if kind == "bom":
        assert "mine" in loaded.names and loaded.notices == []
    else:
        assert "mine" not in loaded.names and len(loaded.notices) == 1 and "mine.toml" in loaded.notices[0]


def test_saving_the_theme_keeps_a_linked_config_and_its_mode(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "newsreader.toml"
    real.write_text('theme = "dark"\nlibrary = ["~/news"]\n', encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    assert config.save_theme("light", link) == []
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert 'theme = "light"' in real.read_text(encoding="utf-8") and "~/news" in real.read_text(encoding="utf-8")
    assert (real.stat().st_mode & 0o777) == 0o640
