"""``r``/``R`` in the app (issue 19): fetching in a worker with a progress bar and per-feed lines,
the fetched articles joining a library opened without a path, feed grouping, ``tag:`` and
``feed:`` filters, and "Open URL" — against a local HTTP server."""

from __future__ import annotations

import threading

from textual.widgets import Input, ProgressBar, Static

from newsreader import paths
from newsreader.library.subscriptions import UrlsFile
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.open_url import OpenUrlDialog
from tests.feedserver import FeedServer
from tests.unit.test_feeds_fetch import LONG, PAGE, rss
from uihelp import wait_for


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def subscribe(*lines: tuple[str, list[str]]) -> None:
    urls = UrlsFile.load()
    for url, tags in lines:
        urls.add(url, tags)
    urls.save()


def trust_no_proxy(monkeypatch) -> None:
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


async def test_R_fetches_every_feed_with_progress_and_the_library_fills(monkeypatch):
    trust_no_proxy(monkeypatch)
    release = threading.Event()
    with FeedServer() as server:
        world = server.route("/world.rss", body=rss("World Desk", [("w1", "/w/1", LONG), ("w2", "/w/2", LONG)]))
        sport = server.route("/sport.rss", body=rss("Sport Desk", [("s1", "/s/1", LONG)]))

        def held(handler):  # the third feed answers only when the test says so
            release.wait(30)
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        server.route("/gone.rss", handler=held)
        subscribe((world, ["world"]), (sport, ["sport"]), (server.url("/gone.rss"), ["world"]))
        app = NewsreaderApp([], service=False, index=False)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: app.library_ready)
            await pilot.press("R")
            await wait_for(pilot, lambda: app.query("#feeds-bar"))
            bar = app.query_one("#feeds-bar", ProgressBar)
            await wait_for(pilot, lambda: bar.total == 3 and bar.progress == 2)
            # The app answers keys while a feed is still being fetched.
            await pilot.press("question_mark")
            await wait_for(pilot, lambda: app.screen.id != "_default" and type(app.screen).__name__ == "HelpScreen")
            await pilot.press("escape")
            line = str(app.query_one("#feeds-line", Static).render())
            assert line.startswith(("✓ World Desk", "✓ Sport Desk"))
            release.set()
            await wait_for(pilot, lambda: not getattr(app, "_refreshing", True))
            await wait_for(pilot, lambda: len(app._all_entries) == 3)
            assert bar.progress == 3
            assert any("HTTP 404" in m and m.startswith("✗ ") for m in messages(app))
            assert "3 new articles from 3 feeds; 1 failed." in messages(app)
            fetched = str(paths.data_dir() / paths.FEEDS_DIR)
            assert all(e.path.startswith(fetched) for e in app._all_entries)  # no more sample articles
            assert app.library.read == set()  # new articles are unread

            # Feed grouping: ordered by source, the fetched articles group under their feeds.
            await pilot.press("s")
            await wait_for(pilot, lambda: app.library_sort == "source")
            sources = [e.source for e in app.library_entries]
            assert sorted(set(sources)) == ["Sport Desk", "World Desk"]
            assert sources == sorted(sources, key=lambda s: s != sources[0])  # each feed together

            # tag: and feed: filters.
            app.apply_library_filter("tag:sport")
            await wait_for(pilot, lambda: app._filtered is not None and len(app.library_entries) == 1)
            assert app.library_entries[0].source == "Sport Desk"
            app.apply_library_filter('feed:"world desk"')
            await wait_for(pilot, lambda: app._filtered is not None and len(app.library_entries) == 2)
            assert "feed:world desk" in str(app.query_one("#filter-status", Static).render())
            app.apply_library_filter("tag:nothing")
            await wait_for(pilot, lambda: any("no feed is tagged 'nothing'" in m for m in messages(app)))
            app.clear_library_filter()

            # r: only the selected article's feed (nothing new: its server sends the same entries).
            await wait_for(pilot, lambda: len(app.library_entries) == 3)
            before = server.hits["/sport.rss"] + server.hits["/world.rss"]
            await pilot.press("r")
            await wait_for(pilot, lambda: any(m == "0 new articles from 1 feed." for m in messages(app)))
            assert server.hits["/sport.rss"] + server.hits["/world.rss"] == before + 1


async def test_r_on_an_article_that_is_no_feed_says_so(monkeypatch):
    app = NewsreaderApp([], service=False, index=False)  # the bundled samples
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.library_ready)
        await pilot.press("r")
        await wait_for(pilot, lambda: any("not from a subscribed feed" in m for m in messages(app)))
        await pilot.press("R")
        await wait_for(pilot, lambda: any("No subscriptions yet" in m for m in messages(app)))


async def test_open_url_dialog_fetches_and_opens_the_page(monkeypatch):
    trust_no_proxy(monkeypatch)
    with FeedServer() as server:
        url = server.route("/story", body=PAGE, content_type="text/html")
        app = NewsreaderApp([], service=False, index=False)
        async with app.run_test(size=(120, 30)) as pilot:
            await wait_for(pilot, lambda: app.library_ready and app.document is not None)
            await pilot.press("O")
            await wait_for(pilot, lambda: isinstance(app.screen, OpenUrlDialog))
            field = app.screen.query_one(Input)
            field.value = "file:///etc/passwd"
            await pilot.press("enter")
            assert "only http and https" in str(app.screen.query_one("#open-url-error", Static).render())
            field.value = url
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.document is not None and app.document.title == "Full story")
            assert "Chancellor in Berlin" in app.document.text
