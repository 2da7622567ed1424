"""The config file in the app (layers, library, model, keys, --config) and what a crash shows."""

from __future__ import annotations

import contextlib
import logging

from newsreader import config
from newsreader.ui import app as app_module
from newsreader.ui.app import NewsreaderApp, report_crash
from uihelp import SEED, wait_for, write_library


def _write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_fields_and_bad_values_name_their_key(tmp_path):
    path = _write(
        tmp_path / "c.toml",
        'theme = "light"\nlayers = ["people", "Places", "weather"]\n'
        'library = "~/news"\nmodel = "en_core_web_md"\n[keys]\noverview = "A"\n',
    )
    cfg, notices = config.load_config(path)
    assert cfg.theme == "light" and cfg.layers == ["people", "places"] and cfg.model == "en_core_web_md"
    assert cfg.keys == {"overview": "A"} and cfg.library_paths[0].endswith("/news") and "~" not in cfg.library_paths[0]
    assert len(notices) == 1 and "'layers'" in notices[0] and "weather" in notices[0]
    _write(path, 'layers = "people"\nlibrary = 3\nmodel = ""\n')
    cfg, notices = config.load_config(path)
    assert cfg.layers is None and cfg.library == [] and cfg.model is None
    assert [n.split("'")[1] for n in notices] == ["layers", "library", "model"]


def test_config_path_order_flag_then_env_then_xdg(tmp_path, monkeypatch):
    assert config.config_path().name == "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "env.toml"))
    assert config.config_path() == tmp_path / "env.toml"
    assert config.config_path(tmp_path / "flag.toml") == tmp_path / "flag.toml"


def test_relative_library_paths_are_taken_from_the_config_folder(tmp_path):
    path = _write(tmp_path / "conf" / "c.toml", 'library = ["articles", "/abs/news"]\n')
    cfg, _ = config.load_config(path)
    assert cfg.library_paths == [str(tmp_path / "conf" / "articles"), "/abs/news"]


def test_nothing_is_written_until_something_changes():
    NewsreaderApp([str(SEED)], service=False)
    assert not config.config_path().exists()


async def test_app_uses_config_file_given_by_path(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    write_library(lib, 2)
    path = _write(
        tmp_path / "my.toml",
        f'theme = "light"\nlayers = ["places"]\nlibrary = ["{lib}"]\n'
        'model = "no_such_model"\n[keys]\noverview = "A"\nnot-a-key = "x"\n',
    )
    app = NewsreaderApp([], service=False, config_path=str(path), index=False)
    assert app.theme == "light" and app.model_name == "no_such_model" and app.paths == [str(lib)]
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        assert len(app.library_entries) == 2
        assert app.article.visible_layers == {"places"}
        assert any("not-a-key" in n for n in app.startup_notices)
        app.article.focus()
        await pilot.press("A")
        await pilot.pause()
        from newsreader.ui.screens.overview import OverviewScreen

        assert isinstance(app.screen, OverviewScreen)
        # t writes the theme into that same file, not the XDG one.
        await pilot.press("escape", "t")
        await pilot.pause()
    assert "theme = " in path.read_text(encoding="utf-8") and 'theme = "light"' not in path.read_text(encoding="utf-8")
    assert not config.config_path().exists()


async def test_command_line_paths_and_model_win_over_the_config(tmp_path):
    path = _write(tmp_path / "c.toml", 'library = ["/nowhere"]\nmodel = "from_config"\n')
    app = NewsreaderApp([str(SEED)], model="from_flag", service=False, config_path=str(path))
    assert app.paths == [str(SEED)] and app.model_name == "from_flag"


def test_a_crash_in_the_app_is_one_line_and_the_traceback_goes_to_the_debug_log(tmp_path, monkeypatch, capsys):
    class Exploding(NewsreaderApp):
        def start(self) -> None:
            super().start()
            raise RuntimeError("boom [bold]x[/]")

    monkeypatch.setattr(app_module, "NewsreaderApp", lambda *a, **k: Exploding(*a, **k, service=False, index=False))
    monkeypatch.setattr(Exploding, "run", lambda self, **kw: _run_headless(self))
    log_file = tmp_path / "newsreader.log"
    handler = logging.FileHandler(log_file)
    logger = logging.getLogger("newsreader")
    old = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        status = app_module.run_app([str(SEED)])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
        handler.close()
    err = capsys.readouterr().err
    assert status == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsreader: error: RuntimeError: boom [bold]x[/]")
    assert str(log_file) in lines[0]
    assert "Traceback" in log_file.read_text() and "boom" in log_file.read_text()


def _run_headless(app):
    import asyncio

    async def go():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.2)

    with contextlib.suppress(RuntimeError):  # run_test re-raises the app's exception; run_app reads app.crash
        asyncio.run(go())
    return app.return_code


def test_crash_line_without_debug_says_how_to_get_details(capsys):
    report_crash(ValueError("bad\nthing\x1b[2J"))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert err.startswith("newsreader: error: ValueError: bad thing") and "(run with --debug for details)" in err


async def test_no_color_drops_colours_and_keeps_highlights_visible(monkeypatch):
    """NO_COLOR: Textual renders in monochrome; highlighted names are underlined instead."""
    from uihelp import FakeService

    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.pause()
        assert app.no_color and app.get_css_variables()["highlight-style"] == "underline"
        styles = [
            style for i in range(20) for text, style in app.article.line_styles(i) if text.strip() == "Kazakhstan"
        ]
        assert styles and all(style.underline for style in styles)


async def test_highlight_style_comes_from_the_theme_when_colour_is_allowed(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = NewsreaderApp([str(SEED)], theme="dark", service=False, index=False)
    async with app.run_test(size=(100, 30)):
        assert app.get_css_variables()["highlight-style"] == "none"


async def test_a_model_in_the_config_that_is_not_installed_is_a_notice(tmp_path, monkeypatch):
    """The real service path: the config's model is checked (no spaCy import) and replaced."""
    import newsreader.analysis.service as service_module

    made = []

    class Recorder:
        def __init__(self, model=None, use_cache=True):
            made.append(model)
            self.notices = []

        def cached(self, document):
            from uihelp import seed_analysis

            return seed_analysis(document.text)

    monkeypatch.setattr(service_module, "AnalysisService", Recorder)
    path = _write(tmp_path / "c.toml", 'model = "no_such_model_xyz"\n')
    app = NewsreaderApp([str(SEED)], config_path=str(path), index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.pause()
        assert made == [None]
        assert any("'model'" in n.message and "no_such_model_xyz" in n.message for n in app._notifications)


async def test_worker_results_after_quit_are_dropped_not_a_crash(tmp_path):
    """q while the library or an analysis is still loading: the late results are ignored
    (their widgets may already be gone), so the run ends cleanly instead of as a crash."""
    from newsreader.ui.lifecycle import shutting_down

    write_library(tmp_path, 3)
    app = NewsreaderApp([str(tmp_path)], service=False, index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        entries = app.library_entries
        app.exit()
        assert shutting_down(app)
        app._library_loaded([])  # a worker's late result
        app._set_analysis(None, app._open_token)
        assert app.library_entries is entries and app.analysis is None
    assert app.crash is None and not app.return_code


async def test_quitting_at_once_is_not_a_crash(tmp_path):
    write_library(tmp_path, 30)
    from uihelp import FakeService

    app = NewsreaderApp([str(tmp_path)], service=FakeService(cached=False))
    async with app.run_test(size=(120, 40)):
        pass
    assert app.crash is None and not app.return_code
