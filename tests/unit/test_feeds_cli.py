"""``newsreader feeds ...``, ``newsreader fetch`` and ``newsreader URL``: output and exit codes
(0 all fetched, 1 some failed, 2 usage), against a local HTTP server."""

from __future__ import annotations

import pytest

from newsreader import cli, paths
from newsreader.library import load_document
from newsreader.library.subscriptions import urls_path
from tests.feedserver import FeedServer
from tests.unit.test_feeds_fetch import LONG, PAGE, rss


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def run(capsys):
    def go(*argv):
        status = cli.main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return go


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def test_add_list_remove(run):
    status, out, _ = run("feeds", "add", "https://example.org/w.rss", "world", "--title", "World")
    assert status == 0 and "subscribed to https://example.org/w.rss (world)" in out
    assert urls_path().read_text() == 'https://example.org/w.rss world "~World"\n'
    status, out, _ = run("feeds", "list")
    assert status == 0 and "World  [world]" in out and "not fetched yet" in out
    status, out, _ = run("feeds", "remove", "1")
    assert status == 0 and "unsubscribed" in out and urls_path().read_text() == ""


@pytest.mark.parametrize(
    "argv,words",
    [
        (("feeds",), "required"),
        (("feeds", "add", "example.org/feed"), "did you mean https://example.org/feed"),
        (("feeds", "remove", "nothing"), "no such subscription"),
        (("feeds", "frobnicate"), "invalid choice"),
        (("fetch", "--bogus"), "unrecognized arguments"),
        (("fetch", "nothing"), "no such subscription"),
    ],
)
def test_usage_errors_exit_2(run, argv, words):
    status, _, err = run(*argv)
    assert status == 2 and words in err and "Traceback" not in err


def test_add_twice_fails_with_1(run):
    run("feeds", "add", "https://example.org/w.rss")
    status, _, err = run("feeds", "add", "https://example.org/w.rss")
    assert status == 1 and "already subscribed" in err


def test_import_and_export(run, tmp_path):
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/f" category="x"/></body></opml>'
    )
    status, out, _ = run("feeds", "import", str(opml))
    assert status == 0 and "imported 1 feed" in out
    status, out, _ = run("feeds", "export")
    assert status == 0 and 'xmlUrl="https://a.example/f"' in out and 'category="x"' in out
    target = tmp_path / "out.opml"
    assert run("feeds", "export", "-o", str(target))[0] == 0 and "https://a.example/f" in target.read_text()
    status, _, err = run("feeds", "import", str(tmp_path / "missing.opml"))
    assert status == 1 and "No such file" in err


def test_fetch_all_ok_is_0_and_some_failed_is_1(run, server):
    good = server.route("/good.rss", body=rss("Good News", [("g1", "/1", LONG), ("g2", "/2", LONG)]))
    assert run("feeds", "add", good, "world")[0] == 0
    status, out, _ = run("fetch")
    assert status == 0 and "✓ Good News: 2 new of 2" in out and "2 new articles from 1 feed" in out
    status, out, _ = run("fetch", "--quiet")
    assert status == 0 and out == ""
    assert run("feeds", "add", server.url("/gone.rss"))[0] == 0
    status, out, _ = run("fetch")
    assert status == 1
    assert f"✗ {server.url('/gone.rss')}: HTTP 404 Not Found" in out
    assert "✓ Good News: 0 new of 2" in out
    assert "1 failed" in out
    status, out, _ = run("fetch", "--tag", "world")
    assert status == 0
    status, out, _ = run("feeds", "list")
    assert "last fetch failed: HTTP 404" in out and "2 articles" in out


def test_fetch_with_no_subscriptions_is_0(run):
    status, _, err = run("fetch")
    assert status == 0 and "no subscriptions" in err


def test_open_url_fetches_the_page(run, server, monkeypatch):
    url = server.route("/story", body=PAGE, content_type="text/html")
    opened = []
    monkeypatch.setattr(cli, "terminal_problem", lambda: None)
    monkeypatch.setattr(cli, "_check_model", lambda name: None)
    import newsreader.ui.app as app_module

    monkeypatch.setattr(app_module, "run_app", lambda targets, **options: opened.append(targets) or 0)
    status, _, err = run(url)
    assert status == 0 and f"fetching {url}" in err
    [[path]] = opened
    assert path.startswith(str(paths.data_dir())) and "Chancellor in Berlin" in load_document(path).text


def test_open_url_that_fails_is_1(run, server):
    status, _, err = run(server.url("/missing"))
    assert status == 1 and "HTTP 404 Not Found" in err and "Traceback" not in err
