"""Command palette providers, in a tiny host app that records the app methods they call."""

from __future__ import annotations

from types import SimpleNamespace

from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Static

from newsreader.model.analysis import Actor, Analysis, Reaction
from newsreader.model.document import LibraryEntry
from newsreader.ui.commands import (
    PROVIDERS,
    ArticleCommands,
    LayerCommands,
    PanelCommands,
    ReaderCommands,
    ThemeCommands,
    panel_row_for,
)

HOSTILE = "[bold red]Pwned[/] [link=file:///etc/passwd]x"


class Host(App):
    COMMANDS = App.COMMANDS | PROVIDERS

    def __init__(self):
        super().__init__()
        self.calls: list[tuple] = []
        self.library_entries = [
            LibraryEntry("/lib/almaty.md", "Unrest in Almaty", source="Wire", date="2022-01-07"),
            LibraryEntry("/lib/paris.md", "Paris talks resume"),
            LibraryEntry("/lib/evil.md", HOSTILE, source="[b]src[/b]"),
        ]
        self.analysis = Analysis(
            model="t",
            actors=[
                Actor("fra-macron", "Emmanuel Macron", "person", "FRA", "President"),
                Actor("reuters", "Reuters", "organization", None, is_source=True),
            ],
            reactions=[
                Reaction("fra-macron", "FRA", "ACCUSE", "condemned", None, (0, 5), actor_name="Emmanuel Macron")
            ],
        )
        self.article = SimpleNamespace(visible_layers={"people"})

    def compose(self):
        yield Static("host")

    def open_path(self, path):
        self.calls.append(("open_path", path))

    def jump_to_panel(self, code, actor=None):
        self.calls.append(("jump_to_panel", code, actor))

    def action_toggle_layer(self, layer):
        self.calls.append(("toggle_layer", layer))

    def action_export(self, fmt):
        self.calls.append(("export", fmt))


async def _hits(provider_class, app, query):
    provider = provider_class(app.screen)
    source = provider.search(query) if query else provider.discover()
    return [hit async for hit in source]


async def test_go_to_article_by_fuzzy_title_through_the_palette():
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press(*"almaty")
        await pilot.pause(0.3)
        await pilot.press("down", "enter")
        await pilot.pause(0.2)
    assert ("open_path", "/lib/almaty.md") in app.calls


async def test_article_hits_are_plain_text():
    app = Host()
    async with app.run_test(size=(100, 30)):
        hits = await _hits(ArticleCommands, app, "pwned")
        assert len(hits) == 1
        assert hits[0].match_display.plain == HOSTILE  # literal, not a link or style
        assert "[b]src[/b]" in hits[0].help.plain
        hits[0].command()
        assert app.calls == [("open_path", "/lib/evil.md")]
        assert await _hits(ArticleCommands, app, "zzzz") == []


async def test_article_falls_back_to_open_index():
    class IndexHost(Host):
        open_path = None  # type: ignore[assignment]

        def open_index(self, index):
            self.calls.append(("open_index", index))

    app = IndexHost()
    async with app.run_test(size=(100, 30)):
        [hit] = await _hits(ArticleCommands, app, "paris")
        hit.command()
    assert app.calls == [("open_index", 1)]


async def test_countries_and_actors_of_the_open_article():
    app = Host()
    async with app.run_test(size=(100, 30)):
        labels = {h.text: h for h in await _hits(PanelCommands, app, "")}
        assert "Go to France · FRA" in labels
        assert "Go to Emmanuel Macron (President, FRA)" in labels
        assert not any("Reuters" in label for label in labels)  # sources are not actors
        labels["Go to France · FRA"].command()
        [hit] = list(await _hits(PanelCommands, app, "macron"))
        hit.command()
        assert app.calls == [("jump_to_panel", "FRA", None), ("jump_to_panel", "FRA", "Emmanuel Macron")]
        app.analysis = None
        assert await _hits(PanelCommands, app, "france") == []


async def test_layers_say_show_or_hide():
    app = Host()
    async with app.run_test(size=(100, 30)):
        texts = [h.text for h in await _hits(LayerCommands, app, "")]
        assert "Hide people highlights" in texts and "Show places highlights" in texts
        [hit] = [h for h in await _hits(LayerCommands, app, "show places") if h.text == "Show places highlights"]
        hit.command()
        assert app.calls == [("toggle_layer", "places")]


async def test_theme_by_name():
    app = Host()
    async with app.run_test(size=(100, 30)):
        hits = [h for h in await _hits(ThemeCommands, app, "nord") if h.text == "Theme: nord"]
        hits[0].command()
        assert app.theme == "nord"


async def test_reader_actions_only_when_the_app_has_them():
    app = Host()
    async with app.run_test(size=(100, 30)):
        texts = [h.text for h in await _hits(ReaderCommands, app, "")]
        assert texts == ["Export analysis as Markdown brief…", "Export analysis as CSV…", "Export analysis as JSON…"]
        [hit] = list(await _hits(ReaderCommands, app, "csv"))
        hit.command()
        assert app.calls == [("export", "csv")]


def test_panel_row_for_finds_groups_and_actors():
    item = SimpleNamespace(kind="actor", text="Emmanuel Macron")
    rows = [
        SimpleNamespace(toggles="group:DEU", group=None, item=None),
        SimpleNamespace(toggles=None, group="group:DEU", item=SimpleNamespace(kind="actor", text="Emmanuel Macron")),
        SimpleNamespace(toggles="group:FRA", group=None, item=None),
        SimpleNamespace(toggles=None, group="group:FRA", item=item),
        SimpleNamespace(toggles="group:", group=None, item=None),
    ]
    assert panel_row_for(rows, "FRA") == 2
    assert panel_row_for(rows, "FRA", "Emmanuel Macron") == 3
    assert panel_row_for(rows, "FRA", "Somebody folded") == 2  # falls back to the header
    assert panel_row_for(rows, None) == 4
    assert panel_row_for(rows, "RUS") is None


async def test_panel_row_for_on_the_real_actors_panel():
    from newsreader.model.document import Document, Metadata
    from newsreader.ui.widgets.actors_panel import ActorsPanel

    class PanelHost(App):
        def compose(self):
            yield ActorsPanel(id="panel", country_name=lambda c: {"FRA": "France"}.get(c, c))

    app = PanelHost()
    analysis = Host().analysis
    async with app.run_test(size=(80, 30)) as pilot:
        panel = app.query_one(ActorsPanel)
        panel.show(Document("/x.md", "Macron condemned it.", [], Metadata(title="x")), analysis)
        await pilot.pause()
        group = panel_row_for(panel.rows, "FRA")
        actor = panel_row_for(panel.rows, "FRA", "Emmanuel Macron")
        assert panel.rows[group].toggles == "group:FRA"
        assert panel.rows[actor].item.kind == "actor" and panel.rows[actor].item.text == "Emmanuel Macron"
        panel.highlighted = actor
        assert panel.current_item.text == "Emmanuel Macron"


async def test_bookmarked_articles_are_offered_before_typing():
    from newsreader.state import ReadingState

    app = Host()
    app.reading = ReadingState.load()
    app.reading.set_bookmark("/lib/paris.md")
    async with app.run_test(size=(100, 30)):
        hits = await _hits(ArticleCommands, app, "")
        assert [h.text for h in hits] == ["Paris talks resume"]
        hits[0].command()
    assert app.calls == [("open_path", "/lib/paris.md")]
    plain = Host()  # no reading state: nothing to offer before typing
    async with plain.run_test(size=(100, 30)):
        assert await _hits(ArticleCommands, plain, "") == []


def test_app_loads_every_palette_provider_lazily():
    """The app names its providers (so commands.py is imported when the palette opens):
    the names must be exactly the providers commands.py offers."""
    from newsreader.ui import app as app_module
    from newsreader.ui.app import NewsreaderApp

    loaded = {provider() for provider in NewsreaderApp.COMMANDS if not isinstance(provider, type)}
    assert {p for p in loaded if p.__module__.startswith("newsreader.")} == set(PROVIDERS)
    assert len(app_module.PALETTE_PROVIDERS) == len(PROVIDERS)
