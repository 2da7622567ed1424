"""Fetching feeds and pages from a real HTTP server on 127.0.0.1 (no network).

Each hostile case must end in one clear per-feed message, with nothing lost (the other feeds
still fetched, articles already stored kept) and nothing half-written (no partial files).
"""

from __future__ import annotations

import gzip
import re
import socket
import time
from pathlib import Path

import pytest

from newsreader.library import load_document, read_entry
from newsreader.library.article_store import ArticleStore
from newsreader.library.fetching import (
    LOOPBACK,
    PRIVATE,
    PUBLIC,
    Fetcher,
    FetchError,
    FetchSettings,
    address_class,
    fetch_page,
    refresh,
    settings_from_config,
)
from newsreader.library.subscriptions import Subscription
from tests.feedserver import FeedServer

# Generous limits: only the slow-server test relies on a timeout firing (the machine may be busy).
SETTINGS = FetchSettings(connect_timeout=20, read_timeout=20, total_timeout=60, trust_env=False, max_bytes=1024 * 1024)


def rss(title: str, items: list[tuple[str, str, str]], link: str = "/") -> bytes:
    """RSS 2.0; items are (guid, link, description)."""
    parts = [
        (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title><link>{link}</link>')
    ]
    for guid, href, text in items:
        parts.append(
            f"<item><title>Story {guid}</title><link>{href}</link><guid>{guid}</guid>"
            f"<pubDate>Mon, 02 Dec 2024 10:00:00 GMT</pubDate><description>{text}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


LONG = "Ministers met in Geneva on Monday to talk about the border. " * 20

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2024-12-01T00:00:00Z</updated>
<entry><title>Atom one</title><id>urn:a1</id><link href="/atom/1"/><updated>2024-12-01T08:00:00Z</updated>
<author><name>Ann Writer</name></author><content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry>
</feed>""".encode()

RDF = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x/"><title>RDF News</title><link>http://x/</link><description>d</description></channel>
<item rdf:about="http://x/r1"><title>RDF one</title><link>http://x/r1</link><dc:date>2024-11-30</dc:date>
<description>{LONG}</description></item>
</rdf:RDF>""".encode()

PAGE = (
    "<html><head><title>Full story</title><meta name='author' content='Jane Roe'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Full story</h1>"
    + "".join(
        f"<p>Paragraph {i}: the President of France met the Chancellor in Berlin to discuss "
        f"the budget and trade, said officials on day {i}.</p>"
        for i in range(12)
    )
    + "</article><footer>Copyright</footer></body></html>"
).encode()


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


@pytest.fixture
def store(tmp_path):
    s = ArticleStore(tmp_path / "data")
    yield s
    s.close()


def sub(url: str, *tags: str) -> Subscription:
    return Subscription(url, tuple(tags))


def run(subs, store, settings=SETTINGS):
    return refresh(subs, settings, store)


def leftovers(store: ArticleStore) -> list[Path]:
    """Temporary or partial files anywhere in the store."""
    return [p for p in store.root.rglob("*") if p.is_file() and p.name.startswith(".")]


# ------------------------------------------------------------------------------ formats


def test_rss2_atom_rss1_are_stored_as_articles_the_library_reads(server, store):
    feeds = {"/rss": rss("World", [("g1", "/a/1", LONG), ("g2", "/a/2", LONG)]), "/atom": ATOM, "/rdf": RDF}
    subs = [sub(server.route(path, body=body)) for path, body in feeds.items()]
    results = run(subs, store)
    assert [r.status for r in results] == ["new", "new", "new"]
    assert [len(r.new) for r in results] == [2, 1, 1]
    assert results[0].line() == "✓ World: 2 new of 2"
    atom_doc = load_document(results[1].new[0])
    assert atom_doc.title == "Atom one"
    assert atom_doc.meta.source == "Atom News" and atom_doc.meta.date == "2024-12-01"
    assert atom_doc.meta.extra["author"] == "Ann Writer"
    assert atom_doc.meta.url == server.url("/atom/1")  # relative link resolved against the feed
    assert "Ministers met in Geneva" in atom_doc.text
    row = read_entry(results[2].new[0])
    assert (row.title, row.source, row.date) == ("RDF one", "RDF News", "2024-11-30")


def test_relative_links_resolve_against_the_feed_url(server, store):
    url = server.route("/news/feed.xml", body=rss("Rel", [("g1", "story/1.html", LONG), ("g2", "/top/2", LONG)]))
    [result] = run([sub(url)], store)
    urls = sorted(load_document(p).meta.url for p in result.new)
    assert urls == [server.url("/news/story/1.html"), server.url("/top/2")]


def test_summary_only_entries_get_their_page_text(server, store):
    server.route("/page/1", body=PAGE, content_type="text/html; charset=utf-8")
    url = server.route("/s.rss", body=rss("Short", [("g1", "/page/1", "Just a teaser.")]))
    [result] = run([sub(url)], store)
    doc = load_document(result.new[0])
    assert "the President of France met the Chancellor" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text  # boilerplate left out
    assert doc.title == "Story g1" and doc.meta.date == "2024-12-02"  # the feed's title and date
    assert doc.meta.extra["author"] == "Jane Roe" and doc.meta.url == server.url("/page/1")


def test_summary_only_tag_and_setting_keep_the_summary(server, store):
    server.route("/page/1", body=PAGE, content_type="text/html")
    url = server.route("/s.rss", body=rss("Short", [("g1", "/page/1", "Just a teaser.")]))
    [result] = run([sub(url, "summary-only")], store)
    assert "Just a teaser." in load_document(result.new[0]).text
    assert server.hits["/page/1"] == 0


def test_a_page_that_fails_leaves_the_summary(server, store):
    url = server.route("/s.rss", body=rss("Short", [("g1", "/missing", "Just a teaser.")]))
    [result] = run([sub(url)], store)
    assert result.status == "new" and "Just a teaser." in load_document(result.new[0]).text


# ------------------------------------------------------------------------------ once, and 304


def test_duplicates_across_fetches_are_stored_once(server, store):
    url = server.route("/f", body=rss("Dup", [("g1", "/1", LONG), ("g2", "/2", LONG)]))
    [first] = run([sub(url)], store)
    server.routes["/f"].body = rss("Dup", [("g3", "/3", LONG), ("g1", "/1", LONG + " Edited."), ("g2", "/2", LONG)])
    [second] = run([sub(url)], store)
    assert len(first.new) == 2 and len(second.new) == 1
    assert second.line() == "✓ Dup: 1 new of 3"
    assert len(store.feed_articles(url)) == 3


def test_304_costs_no_parsing_and_no_writing(server, store):
    url = server.route(
        "/f", body=rss("Cond", [("g1", "/1", LONG)]), etag='"v1"', last_modified="Mon, 02 Dec 2024 10:00:00 GMT"
    )
    run([sub(url)], store)
    before = {p: p.stat().st_mtime_ns for p in store.feed_articles(url)}
    [again] = run([sub(url)], store)
    assert again.status == "unchanged" and again.line() == "= Cond: not modified"
    second_request = server.requests[-1][1]
    assert second_request["If-None-Match"] == '"v1"'
    assert second_request["If-Modified-Since"] == "Mon, 02 Dec 2024 10:00:00 GMT"
    assert {p: p.stat().st_mtime_ns for p in store.feed_articles(url)} == before


def test_user_agent_and_gzip_are_sent(server, store):
    url = server.route("/f", body=gzip.compress(rss("Zip", [("g1", "/1", LONG)])), headers={"Content-Encoding": "gzip"})
    [result] = run([sub(url)], store)
    assert result.status == "new"
    headers = server.requests[-1][1]
    assert headers["User-Agent"].startswith("newsreader/")
    assert "gzip" in headers["Accept-Encoding"]


# ------------------------------------------------------------------------------ redirects


def test_redirect_chain_is_followed(server, store):
    target = server.route("/final", body=rss("Moved", [("g1", "/1", LONG)]))
    server.route("/a", status=301, headers={"Location": "/b"})
    server.route("/b", status=302, headers={"Location": target})
    [result] = run([sub(server.url("/a"))], store)
    assert result.status == "new" and len(result.new) == 1
    assert "moved permanently" not in result.line()  # a 302 on the way: not permanent


def test_permanent_redirect_is_reported(server, store):
    server.route("/final", body=rss("Moved", [("g1", "/1", LONG)]))
    server.route("/old", status=301, headers={"Location": "/final"})
    [result] = run([sub(server.url("/old"))], store)
    assert f"moved permanently to {server.url('/final')}" in result.line()


def test_redirect_loop_and_too_many_redirects(server, store):
    server.route("/x", status=302, headers={"Location": "/y"})
    server.route("/y", status=302, headers={"Location": "/x"})
    for i in range(10):
        server.route(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    loop, chain = run([sub(server.url("/x")), sub(server.url("/r0"))], store)
    assert loop.status == "failed" and "redirect loop" in loop.message
    assert chain.status == "failed" and "too many redirects (more than 5)" in chain.message


@pytest.mark.parametrize("location", ["file:///etc/passwd", "data:text/xml,<rss/>", "ftp://127.0.0.1/x"])
def test_redirects_to_other_schemes_are_refused(server, store, location):
    server.route("/f", status=302, headers={"Location": location})
    [result] = run([sub(server.url("/f"))], store)
    assert result.status == "failed" and result.message.startswith("refused a redirect to a ")


def test_address_classes():
    assert address_class("127.0.0.1") == LOOPBACK == address_class("localhost") == address_class("[::1]")
    assert address_class("192.168.1.20") == PRIVATE == address_class("10.0.0.1") == address_class("169.254.169.254")
    assert address_class("8.8.8.8") == PUBLIC
    assert address_class("::ffff:127.0.0.1") == LOOPBACK


def test_a_redirect_may_not_move_inward(monkeypatch):
    """A public URL redirecting to a loopback or private address is refused; the user's own
    loopback URL may redirect within loopback (the other tests do)."""
    import newsreader.library.fetching as fetching

    fetcher = Fetcher(SETTINGS)
    monkeypatch.setattr(fetcher, "_one_request", lambda url, headers: (302, "http://127.0.0.1:9/admin"))
    monkeypatch.setattr(fetching, "address_class", lambda host: PUBLIC if host == "news.example" else LOOPBACK)
    with pytest.raises(
        FetchError, match=re.escape("refused a redirect from news.example to the internal address 127.0.0.1")
    ):
        fetcher.get("http://news.example/feed")
    fetcher.close()


# ------------------------------------------------------------------------------ hostile servers


def test_slow_server_times_out_and_the_others_are_fetched(server, store):
    def slow(handler):
        time.sleep(8)  # far past the timeout; the server's threads are daemons

    server.route("/slow", handler=slow)
    good = server.route("/good", body=rss("Good", [("g1", "/1", LONG)]))
    settings = FetchSettings(read_timeout=0.3, total_timeout=60, trust_env=False)
    slow_result, good_result = run([sub(server.url("/slow")), sub(good)], store, settings)
    assert slow_result.status == "failed" and slow_result.message.startswith("timed out")
    assert good_result.status == "new"


def test_ten_megabyte_response_is_capped(server, store):
    settings = FetchSettings(read_timeout=20, total_timeout=60, trust_env=False)  # the real 10 MB cap
    url = server.route("/huge", body=b"<rss>" + b" " * (11 * 1024 * 1024))
    [result] = run([sub(url)], store, settings)
    assert result.status == "failed" and "too large" in result.message and "10 MB" in result.message


def test_cap_without_content_length(server, store):
    def streamed(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for _ in range(40):
                handler.wfile.write(b" " * 65536)
        except OSError:
            pass
        handler.close_connection = True

    server.route("/stream", handler=streamed)
    [result] = run([sub(server.url("/stream"))], store)
    assert result.status == "failed" and "too large" in result.message


def test_gzip_bomb_is_stopped_at_the_cap(server, store):
    bomb = gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 1024 * 1024
    url = server.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})
    [result] = run([sub(url)], store)
    assert result.status == "failed" and "once decompressed" in result.message


def test_wrong_content_type_is_named(server, store):
    url = server.route("/img", body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    html = server.route("/html", body=PAGE, content_type="text/html")
    image, page = run([sub(url), sub(html)], store)
    assert image.status == "failed" and "(the server sent image/png)" in image.message
    assert page.status == "failed" and "not an RSS or Atom feed" in page.message and "text/html" in page.message


def test_a_mislabelled_feed_is_still_read(server, store):
    url = server.route("/f", body=rss("Plain", [("g1", "/1", LONG)]), content_type="text/plain")
    [result] = run([sub(url)], store)
    assert result.status == "new"


def test_malformed_xml(server, store):
    broken = rss("Broken", [("g1", "/1", LONG), ("g2", "/2", LONG)])[:-40] + b"<item><title>x</ti"
    garbage = server.route("/garbage", body=b"<<<>>> this is not xml &&&")
    url = server.route("/broken", body=broken)
    repaired, junk = run([sub(url), sub(garbage)], store)
    assert repaired.status == "new" and len(repaired.new) >= 1
    assert "malformed feed" in repaired.line()
    assert junk.status == "failed" and "not an RSS or Atom feed" in junk.message


def test_entity_expansion_feed_is_not_expanded(server, store):
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(lol) + ']><rss version="2.0"><channel>'
        "<title>Bomb &lol9;</title><item><title>t</title><guid>b1</guid><description>&lol9;</description>"
        "</item></channel></rss>"
    ).encode()
    url = server.route("/bomb.xml", body=bomb)
    [result] = run([sub(url)], store)
    stored = "".join(path.read_text() for path in result.new)
    assert len(stored) < 10_000 and "lollollol" not in stored + result.title
    assert result.line().startswith(("✓ ", "✗ "))


@pytest.mark.parametrize("status,words", [(404, "HTTP 404 Not Found"), (410, "removed for good")])
def test_vanished_feed_keeps_what_was_stored(server, store, status, words):
    url = server.route("/f", body=rss("Gone", [("g1", "/1", LONG)]))
    [first] = run([sub(url)], store)
    server.routes["/f"].status = status
    [later] = run([sub(url)], store)
    assert later.status == "failed" and words in later.message
    assert later.line().startswith("✗ ")
    assert first.new[0].exists()
    assert store.state.feed_info(url)["last_error"] == later.message


def test_connection_dropped_mid_body(server, store):
    def drop(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(rss("Cut", [("g1", "/1", LONG)])[:300])
        handler.wfile.flush()
        handler.connection.shutdown(socket.SHUT_RDWR)
        handler.close_connection = True

    server.route("/cut", handler=drop)
    [result] = run([sub(server.url("/cut"))], store)
    assert result.status == "failed"
    assert result.message == "the server closed the connection before the whole response was sent"
    assert not store.feed_articles(server.url("/cut")) and not leftovers(store)


def test_refused_connection(store):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    [result] = run([sub(f"http://127.0.0.1:{port}/feed")], store)
    assert result.status == "failed" and result.message.startswith("could not connect")


def test_validators_are_stored_only_after_the_articles(server, store, monkeypatch):
    """A crash while writing articles leaves no validators, so the next fetch is a full one."""
    url = server.route("/f", body=rss("Crash", [("g1", "/1", LONG), ("g2", "/2", LONG)]), etag='"v1"')
    calls = []
    real_write = store.write

    def failing_write(path, article):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write(path, article)

    monkeypatch.setattr(store, "write", failing_write)
    [crashed] = run([sub(url)], store)
    assert crashed.status == "failed" and "No space left on device" in crashed.message
    assert store.state.validators(url) == (None, None)
    monkeypatch.setattr(store, "write", real_write)
    [again] = run([sub(url)], store)
    assert again.status == "new" and len(store.feed_articles(url)) == 2


def test_leftover_temporary_files_are_cleared(server, store):
    url = server.route("/f", body=rss("Tmp", [("g1", "/1", LONG)]))
    folder = store.feed_dir(url)
    folder.mkdir(parents=True)
    (folder / ".abc.md.x1y2").write_text("half an artic")
    run([sub(url)], store)
    assert not leftovers(store)


# ------------------------------------------------------------------------------ expiry


def test_expiry_by_count_and_age_keeps_bookmarks(server, store):
    url = server.route("/f", body=rss("Many", [(f"g{i}", f"/{i}", LONG) for i in range(6)]))
    [_result] = run([sub(url)], store)
    files = store.feed_articles(url)
    now = time.time()
    for age, path in enumerate(files):
        import os

        os.utime(path, (now - age * 86400, now - age * 86400))
    keep = files[5]
    removed = store.expire(url, max_age_days=3.5, max_count=0, keep=lambda p: p == keep, now=now)
    assert sorted(removed) == sorted(files[4:5])
    removed = store.expire(url, max_age_days=0, max_count=2, keep=lambda p: p == keep, now=now)
    assert sorted(removed) == sorted(files[2:4])
    assert sorted(store.feed_articles(url)) == sorted([files[0], files[1], keep])
    [again] = run([sub(url)], store)  # expired articles are not fetched back
    assert again.new == []


# ------------------------------------------------------------------------------ pages, settings


def test_fetch_page_stores_the_main_text(server, store):
    url = server.route("/p", body=PAGE, content_type="text/html")
    path = fetch_page(url, SETTINGS, store)
    doc = load_document(path)
    assert doc.title == "Full story" and "Chancellor in Berlin" in doc.text
    assert doc.meta.url == url


def test_fetch_page_refuses_what_is_no_page(server, store):
    url = server.route("/img", body=b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(FetchError, match="not a web page"):
        fetch_page(url, SETTINGS, store)
    with pytest.raises(FetchError, match="only http and https"):
        fetch_page("file:///etc/passwd", SETTINGS, store)


def test_settings_from_config():
    settings, notices = settings_from_config(
        {"read_timeout": 3, "full_articles": False, "max_per_feed": "x", "colour": 1, "per_host": 0}
    )
    assert settings.read_timeout == 3.0 and settings.full_articles is False
    assert settings.max_per_feed == FetchSettings().max_per_feed and settings.per_host == 2
    assert len(notices) == 3
    assert settings_from_config("nope")[1]
