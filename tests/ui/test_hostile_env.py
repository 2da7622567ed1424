"""The reader in hostile surroundings: markup-looking text in every place it can appear, no
model, tiny and resizing terminals, NO_COLOR, TERM=dumb, a non-UTF-8 terminal, files that vanish
or change while the reader runs, and broken config or cache files.

Every check ends with the frame test of test_hostile_render: what Textual would write holds
its own escape sequences only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from newsreader.ui.app import NewsreaderApp
from test_hostile_render import frame_problems, run_in_pty, screen_text, words_analysis
from uihelp import FakeService, wait_for

MARKUP = "[@click=app.quit]"
HOSTILE_TITLE = "[bold red]Boom[/] [@click=app.quit]Quit[/] [link=https://example.org/x]x[/link]"


def write_article(folder: Path, name: str = "a.md", title: str = HOSTILE_TITLE, body: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = body or (
        f"Paris said {MARKUP}here[/] on Friday that talks with Berlin resume.\n\n"
        "Second paragraph with [b]bold-looking[/b] text and 1,200 people.\n"
    )
    path.write_text(f"---\ntitle: {title}\nsource: AP {MARKUP}\ndate: 2024-01-02\n---\n\n{body}", encoding="utf-8")
    return path


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def ready(pilot, app, analysed: bool = False) -> None:
    await wait_for(pilot, lambda: app.library_ready and app.document is not None)
    if analysed:
        await wait_for(pilot, lambda: app.analysis is not None)
    await pilot.pause()


# --------------------------------------------------------------------- markup, place by place


async def test_markup_in_title_list_body_and_panel_is_literal(tmp_path) -> None:
    write_article(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=FakeService(words_analysis), index=False)
    async with app.run_test(size=(180, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        shown = screen_text(app)
        assert "[bold red]Boom[/] [@click=app.quit]Quit[/]" in shown  # list and article title
        assert "AP [@click=app.quit]" in shown  # panel metadata (source)
        assert f"{MARKUP}here[/]" in " ".join(app.article.rendered_text())
        assert app.is_running and frame_problems(app) == []


async def test_markup_typed_into_search_is_literal(tmp_path) -> None:
    write_article(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        app.article.focus()
        await pilot.press("slash")
        await pilot.press(*list(MARKUP))
        await pilot.pause()
        assert app.search_bar.value == MARKUP
        # Found as text (in the title, source and body), not run as an action.
        assert app.article.match_count == app.document.text.count(MARKUP) >= 2
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and MARKUP in screen_text(app)
        assert frame_problems(app) == []


async def test_markup_in_a_notification_is_literal(tmp_path) -> None:
    write_article(tmp_path / "lib")
    config = tmp_path / "config.toml"
    config.write_text(f'theme = "{MARKUP}[bold]"\n', encoding="utf-8")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False, config_path=str(config))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        notes = messages(app)
        assert any(MARKUP in note for note in notes), notes
        assert app.is_running
        assert MARKUP in screen_text(app)  # the toast shows it as written
        assert frame_problems(app) == []


async def test_markup_in_key_overrides_and_the_help_screen(tmp_path) -> None:
    write_article(tmp_path / "lib")
    config = tmp_path / "config.toml"
    config.write_text(f'[keys]\nsearch = "{MARKUP}"\nhelp = "question_mark"\n', encoding="utf-8")
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False, config_path=str(config))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert app.is_running and frame_problems(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and frame_problems(app) == []


async def test_markup_in_a_file_problem_shown_in_the_article_pane(tmp_path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / f"{MARKUP}.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    app = NewsreaderApp([str(folder)], service=False, index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        article = " ".join(app.article.rendered_text())
        assert "could not be opened" in article and f"{MARKUP}.md" in article
        assert "binary file" in screen_text(app)  # the list gives the short reason too
        assert app.is_running and frame_problems(app) == []


# ------------------------------------------------------------------------------ no model


async def test_no_model_installed_falls_back_and_says_so(tmp_path, monkeypatch) -> None:
    from newsreader.analysis import versions

    monkeypatch.setattr(versions, "MODEL_PREFERENCE", ())
    write_article(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], use_cache=False, index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        await pilot.pause(0.1)
        assert app.analysis.model == "rule-only"
        said = [*messages(app), screen_text(app)]
        assert any("rule-only" in s for s in said), said
        assert frame_problems(app) == []


# ------------------------------------------------------------------ size, resizing, colour


async def test_tiny_terminal_and_live_resizing(tmp_path) -> None:
    write_article(
        tmp_path / "lib", body="Word " * 400 + "\n\n" + "中文字符 " * 100 + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    app = NewsreaderApp([str(tmp_path / "lib")], service=FakeService(words_analysis), index=False)
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(pilot, app, analysed=True)
        assert frame_problems(app) == []
        for size in [(20, 6), (1, 1), (200, 60), (41, 13), (40, 12), (79, 24), (12, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, size
            assert frame_problems(app) == [], size
        await pilot.press("G", "g", "J", "K", "question_mark")
        await pilot.pause()
        assert app.is_running and frame_problems(app) == []


async def test_no_color(tmp_path, monkeypatch) -> None:
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    write_article(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], service=FakeService(words_analysis), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        assert frame_problems(app) == []
        update = app.screen._compositor.render_full_update()
        written = "".join(strip.render(app.console) for line in update.strips for strip in line)
        codes = {int(c) for params in re.findall(r"\x1b\[([0-9;]*)m", written) for c in params.split(";") if c}
        assert not codes & {38, 48}, "extended (256/true) colours under NO_COLOR"
        hues = {c for c in codes if 30 <= c <= 47 or 90 <= c <= 107}
        assert hues and hues <= {30, 37, 90, 97, 40, 47, 100, 107}, sorted(hues)  # black, white, greys


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test written for Linux")
@pytest.mark.parametrize(
    "env, expected",
    [({"TERM": "dumb"}, b"TERM=dumb"), ({"PYTHONIOENCODING": "latin-1"}, b"not UTF-8")],
    ids=["term-dumb", "latin-1"],
)
def test_unusable_terminal_is_refused_with_a_clear_message(tmp_path, env, expected) -> None:
    write_article(tmp_path / "lib")
    out, status = run_in_pty([str(tmp_path / "lib")], [], seconds=30, env_extra=env)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1, (status, out)
    assert expected in out
    assert b"\x1b" not in out and b"Traceback" not in out  # nothing drawn, no screen switched


# ------------------------------------------------------------------------ the file system


async def test_file_deleted_after_listing_is_explained(tmp_path) -> None:
    folder = tmp_path / "lib"
    first = write_article(folder, "a.md", title="Newest")
    gone = write_article(folder, "b.md", title="Older").parent / "b.md"
    gone.write_text(gone.read_text().replace("2024-01-02", "2023-01-02"))
    app = NewsreaderApp([str(folder)], service=False, index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        assert app.document.path == str(first)
        gone.unlink()
        app.open_index(1)
        await wait_for(pilot, lambda: app.document is not None and app.document.path == str(gone))
        await pilot.pause()
        article = " ".join(app.article.rendered_text())
        assert "could not be opened" in article
        assert app.is_running and frame_problems(app) == []
        app.open_index(0)  # the rest of the library is unaffected
        await wait_for(pilot, lambda: app.document.path == str(first))


async def test_file_changed_while_open_reopens_as_it_now_is(tmp_path) -> None:
    folder = tmp_path / "lib"
    path = write_article(folder, "a.md", title="Before")
    write_article(folder, "b.md", title="Other")
    app = NewsreaderApp([str(path), str(folder / "b.md")], service=FakeService(words_analysis), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        index = next(i for i, e in enumerate(app.library.entries) if e.path == str(path))
        other = 1 - index
        # Replaced by a binary file, then by a folder: each reopen explains, never crashes.
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
        for change in ("binary", "folder"):
            if change == "folder":
                path.unlink()
                path.mkdir()
            app.open_index(other)
            await wait_for(pilot, lambda: app.document.path != str(path))
            app.open_index(index)
            await wait_for(pilot, lambda: app.document.path == str(path))
            await pilot.pause()
            assert "could not be opened" in " ".join(app.article.rendered_text()), change
            assert app.is_running and frame_problems(app) == []


async def test_file_growing_while_open_is_shown_as_read(tmp_path) -> None:
    folder = tmp_path / "lib"
    path = write_article(folder, "a.md", title="Growing")
    app = NewsreaderApp([str(folder)], service=FakeService(words_analysis), index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        with path.open("ab") as fh:
            fh.write(b"\n\nAppended \x1b]0;PWNEDTITLE\x07 later.\n")
        app.open_index(0)
        await wait_for(pilot, lambda: "Appended" in (app.document.text if app.document else ""))
        await pilot.pause()
        assert frame_problems(app) == []


# ------------------------------------------------------------------- config and cache files


@pytest.mark.parametrize(
    "content",
    [b"theme = [unclosed\n", b"\xff\xfe\x00garbage\x1b[2J", b'keys = 5\nlayers = "nope"\nlibrary = 7\n', b""],
    ids=["bad-toml", "not-utf8", "wrong-types", "empty"],
)
async def test_corrupt_config_gives_defaults_and_a_notice(tmp_path, content) -> None:
    write_article(tmp_path / "lib")
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    app = NewsreaderApp([str(tmp_path / "lib")], service=False, index=False, config_path=str(config))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        if content:
            assert any("config" in note.lower() for note in messages(app)), messages(app)
        assert app.is_running and frame_problems(app) == []


async def test_unwritable_config_location_does_not_stop_theme_changes(tmp_path) -> None:
    write_article(tmp_path / "lib")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    app = NewsreaderApp(
        [str(tmp_path / "lib")], service=False, index=False, config_path=str(blocker / "newsreader" / "config.toml")
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        before = app.theme
        await pilot.press("t")
        await pilot.pause()
        assert app.theme != before and app.is_running
        assert frame_problems(app) == []


@pytest.mark.parametrize("damage", ["corrupt", "not-a-folder", "full-disk"])
async def test_broken_cache_is_bypassed_with_a_notice(tmp_path, monkeypatch, damage) -> None:
    cache_home = tmp_path / "cache"
    if damage == "corrupt":
        (cache_home / "newsreader").mkdir(parents=True)
        (cache_home / "newsreader" / "analysis.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    elif damage == "not-a-folder":
        cache_home.write_text("a file where the cache folder should be")
    else:
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full here")
        (cache_home / "newsreader").mkdir(parents=True)
        (cache_home / "newsreader" / "analysis.sqlite").symlink_to("/dev/full")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    write_article(tmp_path / "lib")
    app = NewsreaderApp([str(tmp_path / "lib")], model="rule-only", index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app, analysed=True)
        await pilot.pause(0.1)
        assert app.analysis.model == "rule-only"
        assert any("cache" in note.lower() for note in messages(app)), messages(app)
        assert app.is_running and frame_problems(app) == []
