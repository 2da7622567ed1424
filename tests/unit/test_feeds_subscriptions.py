"""The urls file (newsboat's format) and OPML import/export."""

from __future__ import annotations

import os

import pytest

from newsreader.library.subscriptions import (
    Subscription,
    SubscriptionError,
    UrlsFile,
    check_url,
    export_opml,
    format_line,
    import_opml,
    load_subscriptions,
    parse_line,
    read_opml,
    split_words,
    urls_path,
)

NEWSBOAT = """\
# my feeds, kept by hand
https://example.org/world.rss world "long reads" "~Example World"

   # indented comment
https://example.org/tech.atom tech summary-only  # trailing comment
"query:Unread:unread = \\"yes\\""
exec:~/bin/feed.sh
not-a-url here
https://example.org/world.rss again
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_newsboat_file_is_read():
    path = write(urls_path(), NEWSBOAT)
    urls = UrlsFile.load(path)
    assert [s.url for s in urls.subscriptions] == ["https://example.org/world.rss", "https://example.org/tech.atom"]
    world, tech = urls.subscriptions
    assert world.tags == ("world", "long reads") and world.title == "Example World" and world.full_articles
    assert tech.tags == ("tech", "summary-only") and not tech.full_articles and tech.user_tags == ("tech",)
    assert len(urls.problems) == 4
    assert any("query: feeds are newsboat's own" in p for p in urls.problems)
    assert any("line 9" in p and "listed twice" in p for p in urls.problems)


def test_words_and_quoting_round_trip():
    assert split_words('u a "b c" "~T \\"q\\"" #x y') == ["u", "a", "b c", '~T "q"']
    line = format_line("https://x/f", ["a b", 'q"', "#hash"], "My Title")
    sub, problem = parse_line(line)
    assert problem is None
    assert sub.tags == ("a b", 'q"', "#hash") and sub.title == "My Title"


def test_add_and_remove_keep_every_other_line(tmp_path):
    path = write(tmp_path / "urls", NEWSBOAT)
    urls = UrlsFile.load(path)
    urls.add("https://example.org/new.xml", ["news", "~New Feed"])
    urls.save()
    text = path.read_text()
    assert text.startswith(NEWSBOAT) and text.endswith('https://example.org/new.xml news "~New Feed"\n')
    urls = UrlsFile.load(path)
    urls.remove("Example World")
    urls.save()
    expected = NEWSBOAT.replace('https://example.org/world.rss world "long reads" "~Example World"\n', "")
    assert path.read_text() == expected + 'https://example.org/new.xml news "~New Feed"\n'
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_file_without_final_newline_gets_one_line_appended(tmp_path):
    path = write(tmp_path / "urls", "https://a.example/f")
    urls = UrlsFile.load(path)
    urls.add("https://b.example/f")
    urls.save()
    assert path.read_text() == "https://a.example/f\nhttps://b.example/f\n"


def test_find_by_url_title_and_number(tmp_path):
    urls = UrlsFile.load(write(tmp_path / "urls", NEWSBOAT))
    assert urls.find("https://example.org/tech.atom").url.endswith("tech.atom")
    assert urls.find("example world").url.endswith("world.rss")
    assert urls.find("2").url.endswith("tech.atom")
    assert urls.find("3") is None and urls.find("nothing") is None
    with pytest.raises(SubscriptionError, match="no such subscription"):
        urls.remove("nothing")


@pytest.mark.parametrize(
    "url,words",
    [
        ("example.org/feed", "did you mean https://example.org/feed"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/f", "only http and https"),
        ("https://", "no host"),
        ("https://a b", "not a URL"),
        ("http://x:99999/", "not a valid URL"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url, words):
    with pytest.raises(SubscriptionError, match=words.replace(".", r"\.")):
        check_url(url)


def test_duplicates_are_refused(tmp_path):
    urls = UrlsFile.load(write(tmp_path / "urls", NEWSBOAT))
    with pytest.raises(SubscriptionError, match="already subscribed"):
        urls.add("https://example.org/world.rss")


def test_unreadable_file_is_reported_not_overwritten(tmp_path):
    path = tmp_path / "urls"
    path.write_bytes(b"\xff\xfe not utf-8 \x00")
    with pytest.raises(SubscriptionError, match="cannot read"):
        UrlsFile.load(path)
    subs, problems = load_subscriptions(path)
    assert subs == [] and problems
    os.mkfifo(tmp_path / "pipe")
    assert load_subscriptions(tmp_path / "pipe")[1]  # a named pipe: a problem, never a hang


def test_missing_file_is_no_subscriptions(tmp_path):
    assert load_subscriptions(tmp_path / "nope") == ([], [])


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="News">
    <outline text="World" type="rss" xmlUrl="https://example.org/world.rss" category="/politics/europe"/>
    <outline title="Tech &amp; Science" type="rss" xmlUrl="https://example.org/tech.atom"/>
  </outline>
  <outline text="Top" type="rss" xmlUrl="https://example.org/top.xml"/>
  <outline text="Bad" type="rss" xmlUrl="javascript:alert(1)"/>
</body></opml>"""


def test_opml_import_and_export_round_trip(tmp_path):
    opml = write(tmp_path / "in.opml", OPML)
    feeds = read_opml(opml)
    assert [(f.url, f.tags, f.title) for f in feeds[:3]] == [
        ("https://example.org/world.rss", ("News", "politics", "europe"), "World"),
        ("https://example.org/tech.atom", ("News",), "Tech & Science"),
        ("https://example.org/top.xml", (), "Top"),
    ]
    urls = UrlsFile.load(write(tmp_path / "urls", "# mine\nhttps://example.org/top.xml\n"))
    added, notes = import_opml(urls, opml)
    assert [a.url for a in added] == ["https://example.org/world.rss", "https://example.org/tech.atom"]
    assert len(notes) == 2  # one already there, one not http(s)
    exported = export_opml(urls.subscriptions)
    again = write(tmp_path / "out.opml", exported)
    assert [(f.url, f.tags, f.title) for f in read_opml(again)] == [
        (s.url, s.tags, s.title or s.url) for s in urls.subscriptions
    ]


@pytest.mark.parametrize(
    "data,words",
    [
        ('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', "DOCTYPE"),
        ("<opml><body><outline", "not valid XML"),
        ("<rss/>", "not an OPML file"),
        (None, "not a regular file"),
    ],
)
def test_hostile_opml_is_refused(tmp_path, data, words):
    if data is None:
        os.mkfifo(tmp_path / "x.opml")
        target = tmp_path / "x.opml"
    else:
        target = write(tmp_path / "x.opml", data)
    with pytest.raises(SubscriptionError, match=words):
        read_opml(target)


def test_export_escapes_titles():
    text = export_opml([Subscription("https://x/f?a=1&b=2", ("a<b",), 'T "q" <x>')])
    assert 'xmlUrl="https://x/f?a=1&amp;b=2"' in text and "&lt;x&gt;" in text
