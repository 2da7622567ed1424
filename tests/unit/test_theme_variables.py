"""newsreader's theme variables come from one table (``ui.themes.VARIABLES``): every bundled
theme file defines each one with a valid value, the stylesheet uses no other, the README lists
them, and a theme that lacks one gets the Textual colour standing in for it."""

from __future__ import annotations

import re
import tomllib
from typing import ClassVar

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from conftest import ROOT
from newsreader.model.vocabulary import CATEGORY_KIND, LAYERS
from newsreader.ui import themes
from newsreader.ui.widgets import legend

THEME_FILES = sorted((ROOT / "themes").glob("*.toml"))
TEXTUAL_VARIABLES = set(BUILTIN_THEMES["textual-dark"].to_color_system().generate())


def test_the_bundled_themes_are_all_checked():
    assert {f.stem for f in THEME_FILES} == set(themes.BUNDLED_ORDER)


@pytest.mark.parametrize("path", THEME_FILES, ids=lambda p: p.stem)
def test_every_theme_file_defines_every_variable_with_a_valid_value(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    variables = data["variables"]
    assert themes.missing_variables(variables) == []
    for variable in themes.VARIABLES:
        value = variables[variable.name]
        if variable.style:
            assert set(value.split()) <= themes.TEXT_STYLES, (path.name, variable.name, value)
        else:
            Color.parse(value)  # raises on a value that is not a colour
    unknown = set(variables) - set(themes.REQUIRED_VARIABLES)
    assert not unknown, f"{path.name} sets variables no code reads: {sorted(unknown)}"


def test_the_table_follows_the_analysis_vocabularies():
    names = set(themes.REQUIRED_VARIABLES)
    assert {themes.layer_variable(layer) for layer in LAYERS} <= names
    assert {themes.reaction_variable(f"{mode}-{tone}") for mode, tone in CATEGORY_KIND.values()} <= names
    for variable in themes.VARIABLES:
        assert variable.style or variable.textual in TEXTUAL_VARIABLES, variable


def test_the_stylesheets_use_only_textual_or_table_variables():
    css = (ROOT / "tui" / "newsreader" / "ui" / "newsreader.tcss").read_text(encoding="utf-8")
    used = set(re.findall(r"\$([a-z][a-z0-9-]*)", css))
    assert used - TEXTUAL_VARIABLES - set(themes.REQUIRED_VARIABLES) == set()
    assert {"layer-people", "search-match", "code-background"} <= used


def test_readme_variable_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- theme-variables:start[^>]*-->\n(.*?)\n<!-- theme-variables:end -->", readme, re.S)
    assert match, "README lost its generated theme-variable table markers"
    assert match.group(1).strip() == themes.variables_markdown().strip()


def test_a_bundled_theme_lacking_a_variable_is_a_notice_and_gets_a_stand_in(tmp_path):
    dark = (ROOT / "themes" / "dark.toml").read_text(encoding="utf-8")
    (tmp_path / "dark.toml").write_text(re.sub(r"(?m)^mention = .*\n", "", dark), encoding="utf-8")
    loaded = themes.load_themes(bundled_dir=tmp_path, user_dir=tmp_path / "none")
    theme = loaded.get("dark")
    assert len(loaded.notices) == 1 and "mention" in loaded.notices[0]
    expected = theme.to_color_system().generate()[themes.VARIABLE_BY_NAME["mention"].textual]
    assert theme.variables["mention"] == expected
    assert themes.missing_variables(theme.variables) == []


def test_without_bundled_themes_textual_colours_stand_in(tmp_path):
    loaded = themes.load_themes(bundled_dir=tmp_path / "gone", user_dir=tmp_path / "none")
    for dark in (True, False):
        defaults = loaded.variable_defaults(dark)
        assert themes.missing_variables(defaults) == []
        assert defaults == themes.stand_ins(BUILTIN_THEMES["textual-dark" if dark else "textual-light"])


def test_the_legend_falls_back_on_the_stand_in():
    class App:
        theme_variables: ClassVar[dict[str, str]] = {"accent": "#123456", "layer-places": "#654321"}

    assert legend.theme_colour(App(), "layer-people") == Color.parse("#123456")  # people -> accent
    assert legend.theme_colour(App(), "layer-places") == Color.parse("#654321")
    assert legend.theme_colour(App(), "layer-dates") is None  # neither it nor its stand-in
