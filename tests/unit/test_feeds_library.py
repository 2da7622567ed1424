"""``tag:`` and ``feed:`` library filter terms (library/feed_library.py)."""

from __future__ import annotations

from newsreader import paths
from newsreader.library.article_store import feed_folder_name
from newsreader.library.feed_library import feed_of, feeds_by_folder
from newsreader.library.subscriptions import Subscription
from newsreader.present.query import feed_matcher, split_terms

SUBS = [
    Subscription("https://a.example/world.rss", ("world", "europe")),
    Subscription("https://b.example/sport.rss", ("sport",), "Sport Desk"),
    Subscription("https://c.example/more.rss", ("world",)),
]


def article(sub: Subscription, name: str = "k.md") -> str:
    return str(paths.data_dir() / paths.FEEDS_DIR / feed_folder_name(sub.url) / name)


def test_split_terms_keeps_the_rest_for_the_other_filter():
    terms = split_terms('tag:world "climate talks" country:FRA feed:"sport desk" tag:')
    assert terms.tags == ("world",) and terms.feeds == ("sport desk",)
    assert terms.rest == "'climate talks' country:FRA"
    assert terms.problems == ("tag: needs a value",)
    assert terms.describe() == "tag:world feed:sport desk"
    assert not split_terms("riot country:FRA").any


def test_tags_and_feeds_choose_articles_by_folder():
    keep, problems = feed_matcher(split_terms("tag:World"), SUBS)
    assert problems == []
    assert [keep(article(s)) for s in SUBS] == [True, False, True]
    assert not keep("/elsewhere/k.md") and not keep(article(SUBS[0]).replace("feeds", "pages"))
    keep, _ = feed_matcher(split_terms("feed:sport"), SUBS)
    assert [keep(article(s)) for s in SUBS] == [False, True, False]
    keep, _ = feed_matcher(split_terms("feed:3"), SUBS)
    assert [keep(article(s)) for s in SUBS] == [False, False, True]
    keep, _ = feed_matcher(split_terms("tag:world feed:c.example"), SUBS)  # both must hold
    assert [keep(article(s)) for s in SUBS] == [False, False, True]
    keep, _ = feed_matcher(split_terms("feed:Le Monde"), SUBS, titles={SUBS[0].url: "Le Monde"})
    assert keep(article(SUBS[0]))


def test_unknown_tags_and_feeds_are_named():
    keep, problems = feed_matcher(split_terms("tag:nothing feed:nowhere"), SUBS)
    assert problems == ["no feed is tagged 'nothing'", "no subscribed feed matches 'nowhere'"]
    assert not any(keep(article(s)) for s in SUBS)


def test_feed_of_a_path():
    folders = feeds_by_folder(SUBS)
    assert feed_of(article(SUBS[1]), folders) == SUBS[1]
    assert feed_of("/tmp/other/k.md", folders) is None
