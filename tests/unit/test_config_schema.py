"""config.toml through one declarative schema (``config.SETTINGS``): checking, notices, the
README's table, and saving with tomlkit so the user's comments, order and unknown keys survive."""

from __future__ import annotations

import re
import tomllib

import pytest

from conftest import ROOT
from newsreader import config

COMMENTED = """\
# My newsreader settings.
theme = "dark"   # the calm one
layers = ["people", "places"]

# Things a newer version reads:
future_option = 3

[keys]
# ctrl+s, as in my editor
search = "/,ctrl+s"

[reader]
width = 72  # columns
"""


def test_readme_settings_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- config-table:start[^>]*-->\n(.*?)\n<!-- config-table:end -->", readme, re.S)
    assert match, "README lost its generated settings table markers"
    assert match.group(1).strip() == config.settings_markdown().strip(), (
        "README settings table is stale: regenerate it with python -m newsreader.config --markdown"
    )


def test_markdown_command_prints_one_row_per_setting(capsys):
    assert config.main(["--markdown"]) == 0
    out = capsys.readouterr().out
    assert [line.split("`")[1].strip("[]") for line in out.splitlines()[2:]] == [s.name for s in config.SETTINGS]
    assert config.main(["--bogus"]) == 2


def test_config_attributes_are_the_settings():
    """Every setting has its attribute on Config, and Config has no setting the schema misses."""
    fields = set(config.Config.__dataclass_fields__) - {"extra", "path"}
    assert fields == set(config.FIELDS)


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.name)
def test_each_bad_value_gives_its_notice_and_the_default(tmp_path, setting):
    path = tmp_path / "config.toml"
    path.write_text(
        f'{setting.name} = 5\nmodel = "en_core_web_md"\n'
        if setting.name != "model"
        else 'model = 5\ntheme = "light"\n',
        encoding="utf-8",
    )
    cfg, notices = config.load_config(path)
    assert notices == [f"{path}: '{setting.name}' must be {setting.expected}; using the default ({setting.default})."]
    assert getattr(cfg, setting.name) == getattr(config.Config(), setting.name)
    # The rest of the file still applies.
    assert cfg.model == "en_core_web_md" or cfg.theme == "light"


def test_partly_wrong_values_keep_the_good_parts(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('layers = ["People", "weather"]\n[keys]\nsearch = "ctrl+s"\nhelp = 3\n', encoding="utf-8")
    cfg, notices = config.load_config(path)
    assert cfg.layers == ["people"] and cfg.keys == {"search": "ctrl+s"}
    assert len(notices) == 2 and "weather" in notices[0] and "keys.help" in notices[1]


def test_unknown_keys_are_reported_not_fatal_and_kept(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('thme = "light"\ntheme = "light"\n[reader]\nwidth = 72\n', encoding="utf-8")
    cfg, notices = config.load_config(path)
    assert cfg.theme == "light" and cfg.extra == {"thme": "light", "reader": {"width": 72}}
    assert len(notices) == 2 and "'thme' is not a setting" in notices[0] and "'reader'" in notices[1]
    assert config.save_theme("dark", path) == []
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved == {"thme": "light", "theme": "dark", "reader": {"width": 72}}


def test_saving_the_theme_keeps_comments_order_and_unknown_keys(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    assert config.save_theme("light", path) == []
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('theme = "dark"', 'theme = "light"')
    # Saving what is already there changes nothing, byte for byte.
    assert config.save_theme("light", path) == []
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('theme = "dark"', 'theme = "light"')


def test_saving_a_changed_table_edits_it_key_by_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    cfg, _ = config.load_config(path)
    cfg.keys = {"search": "/,ctrl+s", "overview": "A"}
    cfg.layers = None  # back to the default: the line goes
    config.save_config(cfg)
    text = path.read_text(encoding="utf-8")
    assert "# ctrl+s, as in my editor" in text and "# the calm one" in text and "layers" not in text
    assert tomllib.loads(text)["keys"] == {"search": "/,ctrl+s", "overview": "A"}


def test_a_value_this_version_refuses_is_left_as_written(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("model = 5  # fix me later\n", encoding="utf-8")
    assert config.save_theme("light", path) == []
    assert path.read_text(encoding="utf-8") == 'model = 5  # fix me later\ntheme = "light"\n'


def test_a_new_file_is_plain_toml(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    cfg = config.Config(theme="light", layers=["places"], keys={"search": "ctrl+s"})
    config.save_config(cfg, path)
    again, notices = config.load_config(path)
    assert notices == [] and (again.theme, again.layers, again.keys) == ("light", ["places"], {"search": "ctrl+s"})


def test_a_file_that_cannot_be_parsed_is_never_rewritten(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = [unclosed  # mine\n", encoding="utf-8")
    notices = config.save_theme("light", path)
    assert len(notices) == 1 and "not valid TOML" in notices[0] and "not saved" in notices[0]
    assert path.read_text(encoding="utf-8") == "theme = [unclosed  # mine\n"
    with pytest.raises(config.ConfigFileError):
        config.save_config(config.Config(theme="light"), path)
