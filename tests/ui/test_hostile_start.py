"""Issue 18: the app starts whatever its own files are: a config that is a named pipe, a user
theme linked to /dev/zero, a state file nested 100,000 levels deep, a config with a BOM."""

from __future__ import annotations

import os

import pytest

from newsreader import config, paths, state
from newsreader.ui.app import NewsreaderApp
from uihelp import SEEDS, FakeService, wait_for


async def test_app_starts_with_hostile_own_files(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    config_path = config.config_path()
    config_path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(config_path)
    (paths.config_dir() / "themes").mkdir()
    (paths.config_dir() / "themes" / "zero.toml").symlink_to("/dev/zero")
    state_path = state.state_path()
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text('{"read": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")

    app = NewsreaderApp([str(SEEDS)], service=FakeService(), index=False)
    assert app.theme == "dark"
    assert any("named pipe" in n for n in app.startup_notices)
    assert any("zero.toml" in n for n in app.startup_notices)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None, timeout=20)
        assert app.library_entries and app.is_running
    assert not state_path.exists() or state_path.read_text(encoding="utf-8").startswith("{\n")
    assert [p for p in state_path.parent.iterdir() if p.name.startswith("state.json.corrupt-")]


def test_app_reads_a_config_with_a_bom():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'\xef\xbb\xbftheme = "light"\n')
    app = NewsreaderApp([str(SEEDS)], service=False)
    assert app.theme == "light" and app.startup_notices == []
