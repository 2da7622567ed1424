"""RSS 2.0 and Atom feed files: one library article per entry, addressed as "FEED#i".

Every feed is written by the test into tmp_path; the network is switched off for every test
(``no_network`` from test_library_html): reading a feed must never fetch anything, not
even the external entities a hostile feed declares.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import assert_linear_growth
from newsreader.library import discover, entry_path, feeds, load_document, read_entries, read_entry, split_entry_path
from newsreader.model.document import BlockKind, DocStatus, InlineStyle
from test_library_html import no_network  # noqa: F401 - autouse fixture: no network in these tests
from test_markdown_offsets import assert_well_formed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>World Desk</title><link>https://desk.example.com/</link><description>Foreign news</description>
<item>
  <title>Germany pledges aid after floods</title>
  <link>https://desk.example.com/germany-aid</link>
  <guid>desk-1</guid>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
  <author>desk@example.com (Anna Weber)</author>
  <description>&lt;p&gt;German Chancellor Olaf Scholz promised &lt;b&gt;50 million euros&lt;/b&gt; to the
  flooded regions.&lt;/p&gt;&lt;p&gt;The money will reach the towns within a week, Berlin said.&lt;/p&gt;</description>
</item>
<item>
  <title>Macron condemns attack on convoy</title>
  <link>https://desk.example.com/macron-convoy</link>
  <guid>desk-2</guid>
  <pubDate>Thu, 07 Mar 2024 09:00:00 GMT</pubDate>
  <description><![CDATA[<p>French President Emmanuel Macron condemned the attack on the aid convoy.</p>]]></description>
</item>
<item>
  <title>Spain urges calm in the region</title>
  <link>https://desk.example.com/spain-calm</link>
  <guid>desk-3</guid>
  <pubDate>Wed, 06 Mar 2024 08:30:00 GMT</pubDate>
  <description>Spanish Prime Minister Pedro Sanchez urged all sides to remain calm.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Eastern &lt;b&gt;Wire&lt;/b&gt;</title>
  <link href="https://wire.example.net/"/>
  <id>urn:uuid:wire</id><updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Japan and South Korea agree on talks</title>
    <link rel="alternate" href="https://wire.example.net/japan-korea"/>
    <id>urn:uuid:1</id><published>2024-04-01T08:00:00Z</published><updated>2024-04-03T09:00:00Z</updated>
    <author><name>Kenji Sato</name></author>
    <content type="html">&lt;p&gt;Japanese Prime Minister Fumio Kishida welcomed the agreement.&lt;/p&gt;
      &lt;ul&gt;&lt;li&gt;Talks start in Seoul.&lt;/li&gt;&lt;li&gt;A second round follows in Tokyo.&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
  <entry>
    <title type="text">Plain text entry</title>
    <id>urn:uuid:2</id><updated>2024-04-02T08:00:00Z</updated>
    <content type="text">First paragraph with &lt;b&gt;no bold&lt;/b&gt; in it.

Second paragraph.</content>
  </entry>
  <entry>
    <title>XHTML entry</title>
    <id>urn:uuid:3</id><updated>2024-03-30T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Chinese officials <em>rejected</em> the claim.</p></div></content>
  </entry>
</feed>
"""


def write(tmp_path: Path, text: str | bytes, name: str = "desk.rss") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_rss_feed_with_three_entries_gives_three_entries_newest_first(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    entries = read_entries(path)
    assert [e.title for e in entries] == [
        "Macron condemns attack on convoy",
        "Spain urges calm in the region",
        "Germany pledges aid after floods",
    ]
    assert [e.date for e in entries] == ["2024-03-07", "2024-03-06", "2024-03-05"]
    assert [e.path for e in entries] == [f"{path}#2", f"{path}#3", f"{path}#1"]  # numbered in file order
    assert all(e.source == "World Desk" and e.status is DocStatus.OK for e in entries)


def test_an_entry_opens_with_its_title_date_source_url_and_text(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    doc = load_document(entry_path(path, 1))
    assert doc.path == f"{path}#1" and doc.status is DocStatus.OK, doc.problems
    assert doc.meta.title == "Germany pledges aid after floods"
    assert (doc.meta.source, doc.meta.date) == ("World Desk", "2024-03-05")
    assert doc.meta.url == "https://desk.example.com/germany-aid"
    assert doc.text == (
        "Germany pledges aid after floods\n\nGerman Chancellor Olaf Scholz promised 50 million "
        "euros to the flooded regions.\n\nThe money will reach the towns within a week, Berlin said."
    )
    run = next(r for b in doc.blocks for r in b.runs)
    assert run.style is InlineStyle.STRONG and doc.text[run.start : run.end] == "50 million euros"
    assert_well_formed(doc)
    row = read_entry(entry_path(path, 1))  # an entry address also gives its own row
    assert (row.title, row.date, row.source, row.path) == (doc.meta.title, doc.meta.date, doc.meta.source, doc.path)


def test_every_entry_round_trips_its_offsets_and_has_its_own_checksum(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    docs = [load_document(entry.path) for entry in read_entries(path)]
    for doc in docs:
        assert_well_formed(doc)
        assert doc.blocks[0].kind is BlockKind.TITLE and doc.block_text(doc.blocks[0]) == doc.meta.title
    assert len({doc.sha256 for doc in docs}) == 3  # read marks and caches tell entries apart


def test_an_entry_keeps_its_checksum_when_the_feed_gains_an_entry(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    before = load_document(f"{path}#1").sha256
    newer = RSS.replace(
        "<item>",
        "<item><title>Newest</title><guid>desk-0</guid><description>Fresh news.</description></item>\n<item>",
        1,
    )
    write(tmp_path, newer)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))  # a new mtime even on coarse clocks
    moved = load_document(f"{path}#2")
    assert moved.meta.title == "Germany pledges aid after floods" and moved.sha256 == before


def test_atom_feed_content_types_dates_links_and_authors(tmp_path: Path) -> None:
    path = write(tmp_path, ATOM, "wire.atom")
    entries = read_entries(path)
    assert [e.title for e in entries] == ["Plain text entry", "Japan and South Korea agree on talks", "XHTML entry"]
    assert entries[0].source == "Eastern Wire"  # an HTML feed title is shown as text
    first = load_document(f"{path}#1")
    assert first.meta.date == "2024-04-01"  # published, not updated
    assert first.meta.url == "https://wire.example.net/japan-korea" and first.meta.extra["author"] == "Kenji Sato"
    assert [(b.kind, b.marker) for b in first.blocks if b.kind is BlockKind.LIST_ITEM] == [
        (BlockKind.LIST_ITEM, "• "),
        (BlockKind.LIST_ITEM, "• "),
    ]
    plain = load_document(f"{path}#2")
    assert plain.text == "Plain text entry\n\nFirst paragraph with <b>no bold</b> in it.\n\nSecond paragraph."
    assert all(not b.runs for b in plain.blocks)  # text content is never read as markup
    xhtml = load_document(f"{path}#3")
    emphasis = [xhtml.text[r.start : r.end] for b in xhtml.blocks for r in b.runs]
    assert xhtml.text.endswith("Chinese officials rejected the claim.") and emphasis == ["rejected"]
    for doc in (first, plain, xhtml):
        assert_well_formed(doc)


def test_hostile_entries_are_inert(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>[bold]Bad[/bold] feed</title>
<item><title>[@click=app.quit]Quit[/] now</title><link>javascript:alert(1)</link>
<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>
<description><![CDATA[<script>alert("x")</script><p onload="evil()">Officials in Kyiv said the talks
would continue. <a href="javascript:steal()">Details</a> [red]here[/red]</p>
<iframe src="https://ads.example/frame">framed words</iframe><style>p{}</style>]]></description>
</item></channel></rss>"""
    path = write(tmp_path, feed)
    (entry,) = read_entries(path)
    assert entry.title == "[@click=app.quit]Quit[/] now" and entry.source == "[bold]Bad[/bold] feed"
    doc = load_document(entry.path)
    assert_well_formed(doc)
    assert doc.meta.url is None
    assert "Officials in Kyiv said the talks would continue." in doc.text
    assert "[red]here[/red]" in doc.text
    for gone in ("alert", "evil", "framed words", "p{}", "steal"):
        assert gone not in doc.text
    link = next(r for b in doc.blocks for r in b.runs if r.style is InlineStyle.LINK)
    assert doc.text[link.start : link.end] == "Details" and link.href is None


def test_control_characters_in_a_feed_never_reach_the_text(tmp_path: Path) -> None:
    # Raw controls make the XML invalid: the lenient parser reads it, with a warning.
    feed = (
        "<rss version='2.0'><channel><title>Ctl\x07 feed</title><item><title>Esc \x1b[31mred\x1b[0m title</title>"
        "<description>Body with \x1b]52;c;cm0gLXJm\x07 clipboard and \x00 NUL and \u202e bidi.</description>"
        "</item></channel></rss>"
    )
    path = write(tmp_path, feed, "ctl.xml")
    (entry,) = read_entries(path)
    doc = load_document(entry.path)
    assert_well_formed(doc)
    assert "\x1b" not in doc.text + doc.meta.title and "cm0g" not in doc.text
    assert "\x07" not in (doc.meta.source or "") and "\u202e" not in doc.text
    assert "clipboard" in doc.text and "red title" in doc.meta.title


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        ("This is not XML at all, just words.", DocStatus.ERROR, "not an RSS or Atom feed"),
        ("<?xml version='1.0'?><catalog><book>Dune</book></catalog>", DocStatus.ERROR, "not an RSS or Atom feed"),
        (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>",
            DocStatus.WARNING,
            "the feed has no entries",
        ),
        ("", DocStatus.WARNING, "empty file"),
        (b"\x1f\x8b\x08\x00" + bytes(200), DocStatus.ERROR, "binary file (gzip archive?)"),
    ],
    ids=["not-xml", "other-xml", "no-entries", "empty", "binary"],
)
def test_unusable_feeds_give_one_row_with_the_reason(tmp_path: Path, data, status: DocStatus, reason: str) -> None:
    path = write(tmp_path, data, "broken.xml")
    rows = read_entries(path)
    assert len(rows) == 1 and rows[0].path == str(path)
    assert rows[0].status is status and rows[0].reason.startswith(reason), rows[0].reason
    doc = load_document(path)
    assert doc.status is status and doc.problems[0].startswith(reason)
    missing = load_document(f"{path}#1")
    assert missing.status is DocStatus.ERROR and missing.text == ""


def test_a_truncated_feed_keeps_the_entries_it_has_with_a_warning(tmp_path: Path) -> None:
    cut = RSS[: RSS.index("<item>", RSS.index("desk-2"))] + "<item><title>Half"
    path = write(tmp_path, cut)
    rows = read_entries(path)
    assert {"Germany pledges aid after floods", "Macron condemns attack on convoy"} <= {r.title for r in rows}
    assert all(r.status is DocStatus.WARNING and r.reason.startswith("malformed feed") for r in rows)
    doc = load_document(rows[0].path)
    assert doc.status is DocStatus.WARNING and doc.text


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = write(tmp_path, "TOPSECRET-LINE\n", "secret.txt")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "http://attacker.example/x">]>
<rss version="2.0"><channel><title>T</title>
<item><title>Leak &xxe; &net;</title><description>Body &xxe; end &net;</description></item>
</channel></rss>"""
    path = write(tmp_path, feed, "xxe.rss")
    rows = read_entries(path)
    docs = [load_document(row.path) for row in rows]
    assert all("TOPSECRET" not in doc.text + doc.meta.title for doc in docs)


def test_entity_expansion_bomb_does_not_hang(tmp_path: Path) -> None:
    def bomb(levels: int) -> Path:
        # Each level is one more short line and ten times the expanded text: 10**levels "lol"s.
        entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels + 1))
        feed = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">{entities}]>'
            f"<rss version='2.0'><channel><title>Bomb</title><item><title>&e{levels};</title></item></channel></rss>"
        )
        return write(tmp_path, feed, f"bomb{levels}.rss")

    # The XML parser stops expanding at its amplification limit (past 10**6 "lol"s, level 7), so
    # from there on more levels cost nothing more: twice the levels (a billion billion times the
    # expanded text) must cost about the same. Each file is parsed once (parsed feeds are cached).
    paths = {levels: bomb(levels) for levels in (7, 14)}
    assert_linear_growth(lambda levels: read_entries(paths[levels]), 7, 14, repeat=1)
    rows = read_entries(paths[14])
    assert rows and all(len(row.title) <= 200 for row in rows)
    assert rows[0].reason.startswith("malformed feed") and "lol" * 100 not in rows[0].title  # refused, not expanded


def test_whole_feed_opens_as_one_document_with_a_heading_per_entry(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    doc = load_document(path)
    assert doc.meta.title == "World Desk" and doc.meta.date == "2024-03-07"
    headings = [doc.block_text(b) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        "Germany pledges aid after floods",
        "Macron condemns attack on convoy",
        "Spain urges calm in the region",
    ]
    assert_well_formed(doc)
    row = read_entry(path)
    assert (row.title, row.date, row.source) == ("World Desk", "2024-03-07", "World Desk")


def test_entry_addresses_and_real_files_with_hashes(tmp_path: Path) -> None:
    folder = tmp_path / "news #1 folder"
    folder.mkdir()
    path = write(folder, RSS, "desk.rss")
    assert split_entry_path(f"{path}#3") == (str(path), 3)
    for not_an_entry in (f"{path}#0", f"{path}#x", f"{path}#", str(path), f"{folder}/notes.md#2", "a.rss#-1"):
        assert split_entry_path(not_an_entry) is None, not_an_entry
    assert load_document(f"{path}#3").meta.title == "Spain urges calm in the region"
    absent = load_document(f"{path}#9")
    assert absent.status is DocStatus.ERROR and absent.problems == ["the feed has no entry 9 (it has 3)"]
    # A real file whose name looks like an address is read as that file.
    odd = write(folder, "# Hash in the name\n\nA Markdown article, not a feed entry.", "desk.rss#2")
    doc = load_document(odd)
    assert doc.meta.title == "Hash in the name" and read_entry(odd).title == "Hash in the name"
    assert load_document(tmp_path / "nothing.rss#1").problems == ["no such file"]


def test_one_entry_can_be_named_like_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, RSS)
    files, problems = discover([f"{path}#3", f"{path}#x", tmp_path / "gone.rss#1"])
    assert files == [Path(f"{path}#3")]
    assert [reason for _, reason in problems] == ["no such file or directory"] * 2
    assert [row.title for row in read_entries(files[0])] == ["Spain urges calm in the region"]


def test_discover_lists_feeds_once_and_skips_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    write(tmp_path, RSS, "a-desk.rss")
    write(tmp_path, ATOM, "b-wire.xml")
    write(tmp_path, "<?xml version='1.0'?><urlset><url><loc>https://x.example/</loc></url></urlset>", "sitemap.xml")
    write(tmp_path, "<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "c.atom")
    files, problems = discover([tmp_path])
    assert problems == []
    assert [f.name for f in files] == ["a-desk.rss", "b-wire.xml", "c.atom"]
    assert discover([tmp_path / "sitemap.xml"])[0] == [tmp_path / "sitemap.xml"]  # named files are always listed


def test_a_feed_is_parsed_once_for_listing_and_opening(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, RSS)
    calls = []
    real = feeds.parse_feed_bytes
    monkeypatch.setattr(feeds, "parse_feed_bytes", lambda *a, **k: calls.append(1) or real(*a, **k))
    rows = read_entries(path)
    for row in rows:
        load_document(row.path)
    read_entry(path)
    assert len(calls) == 1


def test_feed_recognised_by_content_without_a_feed_extension(tmp_path: Path) -> None:
    path = write(tmp_path, RSS, "desk-feed")
    assert read_entry(path).title == "World Desk"
    assert load_document(path).meta.title == "World Desk"
    assert [row.path for row in read_entries(path)] == [f"{path}#2", f"{path}#3", f"{path}#1"]
    assert load_document(f"{path}#3").meta.title == "Spain urges calm in the region"
