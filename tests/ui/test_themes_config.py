"""Themes (bundled, user, broken) and the config file that remembers the choice."""

from __future__ import annotations

import tomllib

from newsreader import config, paths
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.themes import BUNDLED_ORDER, REQUIRED_VARIABLES, load_themes, next_theme
from uihelp import SEED, FakeService, wait_for


def test_bundled_themes_load_with_every_variable():
    themes = load_themes()
    assert themes.notices == []
    assert themes.names[: len(BUNDLED_ORDER)] == list(BUNDLED_ORDER)
    for theme in themes.themes:
        for var in REQUIRED_VARIABLES:
            assert var in theme.variables, (theme.name, var)
        assert theme.primary and theme.background and theme.foreground


def test_colour_blind_theme_uses_okabe_ito_layers():
    """The Okabe-Ito hues (some lightened just enough for WCAG AA contrast: the hue is kept)."""
    import colorsys

    from textual.color import Color

    def hue(value: str) -> float:
        c = Color.parse(value)
        return colorsys.rgb_to_hls(c.r / 255, c.g / 255, c.b / 255)[0]

    okabe_ito = [hue(c) for c in ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")]
    theme = load_themes().get("colour-blind")
    layers = [
        theme.variables[f"layer-{name}"].upper()
        for name in ("people", "organizations", "places", "groups", "numbers", "dates")
    ]
    assert len(set(layers)) == 6
    for layer in layers:
        assert min(abs(hue(layer) - h) for h in okabe_ito) < 0.01, layer


def test_user_theme_is_added_and_broken_one_is_reported(tmp_path):
    user = paths.config_dir() / "themes"
    user.mkdir(parents=True)
    (user / "sepia.toml").write_text('primary = "#8B5A2B"\nbackground = "#F4ECD8"\ndark = false\n')
    (user / "broken.toml").write_text('primary = "not a colour"\n')
    (user / "garbage.toml").write_text("this is = = not toml")
    themes = load_themes()
    sepia = themes.get("sepia")
    assert sepia is not None and not sepia.dark
    # Missing variables are borrowed from the bundled light theme.
    assert sepia.variables["layer-people"] == themes.get("light").variables["layer-people"]
    assert themes.get("broken") is None
    assert len(themes.notices) == 2 and any("broken.toml" in n for n in themes.notices)


def test_next_theme_wraps_and_recovers():
    assert next_theme(["a", "b"], "a") == "b"
    assert next_theme(["a", "b"], "b") == "a"
    assert next_theme(["a", "b"], "zzz") == "a"


async def test_t_cycles_themes_and_persists_choice():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        assert app.theme == "dark"
        await pilot.press("t")
        await pilot.pause()
        assert app.theme == "light"
        saved = tomllib.loads(config.config_path().read_text())
        assert saved["theme"] == "light"
        await pilot.press("t", "t", "t")
        await pilot.pause()
        assert app.theme == "dark"
        assert tomllib.loads(config.config_path().read_text())["theme"] == "dark"
    # The next start uses the saved theme.
    config.save_theme("high-contrast")
    app = NewsreaderApp([str(SEED)], service=False)
    assert app.theme == "high-contrast"


async def test_theme_option_wins_and_unknown_theme_is_a_notice():
    assert NewsreaderApp([str(SEED)], theme="light", service=False).theme == "light"
    app = NewsreaderApp([str(SEED)], theme="no-such-theme", service=False)
    assert app.theme == "dark"
    assert any("no-such-theme" in n for n in app.startup_notices)


async def test_textual_builtin_theme_still_has_newsreader_variables():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        app.theme = "textual-light"
        await pilot.pause()
        assert "layer-people" in app.get_css_variables()
        assert app.is_running


def test_config_round_trip_keeps_unknown_settings():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "light"\nfuture_option = 3\n\n[keys]\nsearch = "ctrl+f"\n\n[reader]\nwidth = 72\n')
    cfg, notices = config.load_config()
    assert cfg.theme == "light" and cfg.keys == {"search": "ctrl+f"}
    # Unknown keys are reported (a typo must not go unseen), never fatal, and kept.
    assert [n.split("'")[1] for n in notices] == ["future_option", "reader"]
    assert config.save_theme("dark") == []
    data = tomllib.loads(path.read_text())
    assert data == {"theme": "dark", "future_option": 3, "keys": {"search": "ctrl+f"}, "reader": {"width": 72}}


def test_broken_config_gives_defaults_and_a_notice_and_is_not_overwritten():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme = [unclosed\n")
    cfg, notices = config.load_config()
    assert cfg.theme is None and notices and "not valid TOML" in notices[0]
    assert config.save_theme("light")  # refuses, with a notice
    assert path.read_text() == "theme = [unclosed\n"
    app = NewsreaderApp([str(SEED)], service=False)
    assert app.theme == "dark" and any("not valid TOML" in n for n in app.startup_notices)


def test_wrong_types_in_config_are_ignored_with_notices():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = 5\nkeys = "x"\n')
    cfg, notices = config.load_config()
    assert cfg.theme is None and cfg.keys == {} and len(notices) == 2


async def test_keymap_from_config_rebinds_a_key():
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keys]\nsearch = "ctrl+s"\n')
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.press("ctrl+s")
        assert app.search_bar.display


async def test_every_bundled_theme_renders_highlights():
    app = NewsreaderApp([str(SEED)], service=FakeService())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        seen = set()
        for name in BUNDLED_ORDER:
            app.theme = name
            await pilot.pause()
            text = app.document.text
            offset = text.index("Tokayev")
            line = app.article.line_of_offset(offset)
            style = next(s for t, s in app.article.line_styles(line) if t == "Tokayev")
            seen.add(str(style.color))
            assert style.color != app.article.rich_style.color
        assert len(seen) == len(BUNDLED_ORDER)  # each theme has its own people colour
