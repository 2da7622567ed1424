"""``make bench`` rows for fetching feeds (issue 19), against a local HTTP server (no network).

- refresh of 50 feeds x 50 entries, first fetch (everything parsed and written) and second fetch
  with nothing changed (the server answers 304 to the validators sent back: no parsing, no
  writing), beside plain httpx GETs of the same 50 feeds (download only) as the competitor;
- the app's first paint with 5,000 fetched articles stored (100 feed folders of 50), beside
  Textual's DirectoryTree on the same folder.

    python -m tests.bench.feeds          # just these rows, printed as lines

``run.py`` calls ``add_rows(row, bench, work)``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

FEEDS = 50
ENTRIES = 50
STORED_FEEDS = 100  # x ENTRIES = 5,000 stored articles for the first-paint row

_WORDS = ("ministers", "border", "talks", "budget", "trade", "election", "port", "harvest", "court", "summit")


def feed_bytes(n: int, entries: int = ENTRIES) -> bytes:
    """An RSS 2.0 feed whose entries carry full text (no page fetches)."""
    items = []
    for i in range(entries):
        text = " ".join(
            f"The {_WORDS[(i + j) % 10]} in city {n} met on day {i} to discuss item {j}." for j in range(12)
        )
        items.append(
            f"<item><title>Feed {n} story {i}</title><link>/f{n}/{i}.html</link><guid>f{n}-{i}</guid>"
            f"<pubDate>Mon, 02 Dec 2024 10:{i % 60:02d}:00 GMT</pubDate>"
            f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
        f"<link>/</link>{''.join(items)}</channel></rss>"
    ).encode()


def measure_refresh(root: Path) -> dict[str, float]:
    """Seconds (wall) and CPU seconds of the first and second refresh, and of bare downloads."""
    import httpx

    from newsreader.library.article_store import ArticleStore
    from newsreader.library.fetching import FetchSettings, refresh
    from newsreader.library.subscriptions import Subscription
    from tests.feedserver import FeedServer

    settings = FetchSettings(trust_env=False)
    out: dict[str, float] = {}
    with FeedServer() as server:
        subs = [Subscription(server.route(f"/feed{n}.rss", body=feed_bytes(n), etag=f'"v{n}"')) for n in range(FEEDS)]
        store = ArticleStore(root / "store")
        try:
            for label in ("first", "second"):
                wall, cpu = time.perf_counter(), time.process_time()
                results = refresh(subs, settings, store)
                out[f"{label}_s"] = time.perf_counter() - wall
                out[f"{label}_cpu_s"] = time.process_time() - cpu
                out[f"{label}_new"] = sum(len(r.new) for r in results)
                out[f"{label}_failed"] = sum(not r.ok for r in results)
        finally:
            store.close()
        from concurrent.futures import ThreadPoolExecutor

        with httpx.Client(trust_env=False) as client, ThreadPoolExecutor(8) as pool:
            wall = time.perf_counter()
            list(pool.map(lambda s: client.get(s.url).content, subs))
            out["download_s"] = time.perf_counter() - wall
    return out


def write_stored_articles(folder: Path, feeds: int = STORED_FEEDS, entries: int = ENTRIES) -> Path:
    """``feeds`` x ``entries`` articles as ``article_store`` writes them, in feed folders."""
    from newsreader.library.article_store import ArticleStore, StoredArticle, article_key, md_text

    store = ArticleStore(folder)
    try:
        for n in range(feeds):
            url = f"https://feeds.example/{n}.rss"
            for i in range(entries):
                body = md_text(" ".join(f"The {_WORDS[(i + j) % 10]} in city {n} met on day {i}." for j in range(8)))
                article = StoredArticle(
                    f"Feed {n} story {i}",
                    body,
                    source=f"Feed {n}",
                    date=f"2024-{1 + i % 12:02d}-{1 + n % 28:02d}",
                    url=f"https://feeds.example/{n}/{i}",
                    feed=url,
                )
                path = store.article_path(url, article_key(url, f"{n}-{i}", None, ""))
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(article.markdown(), encoding="utf-8")
    finally:
        store.close()
    return folder / "feeds"


def add_rows(row, bench, work: Path) -> None:
    """The feed rows, through ``run.py``'s ``row`` and ``Bench``."""
    from tests.bench.run import Cell, Target, _seconds, fmt_s

    figures: dict[str, dict] = {}

    def refreshed() -> dict:
        if "r" not in figures:
            figures["r"] = measure_refresh(work / "feeds-refresh")
        return figures["r"]

    def cell(label: str) -> Cell:
        f = refreshed()
        seconds = f[f"{label}_s"]
        text = (
            f"{_seconds(seconds)} ({_seconds(f[f'{label}_cpu_s'])} CPU; {int(f[f'{label}_new'])} new, "
            f"{int(f[f'{label}_failed'])} failed)"
        )
        return Cell(text, "", seconds)

    def download() -> Cell:
        seconds = refreshed()["download_s"]
        return Cell(_seconds(seconds), "", seconds)

    name = f"fetch {FEEDS} local feeds x {ENTRIES} entries"
    row(
        f"{name}: first fetch (parse + store {FEEDS * ENTRIES:,})",
        lambda: cell("first"),
        "httpx GET of the same feeds, 8 threads",
        download,
    )
    row(
        f"{name}: second fetch, nothing changed (304)",
        lambda: cell("second"),
        "httpx GET of the same feeds, 8 threads",
        download,
        Target("near zero work", lambda ours, theirs: ours <= max(theirs, 0.05) * 3),
    )

    stored: dict[str, Path] = {}

    def folder() -> Path:
        if "f" not in stored:
            stored["f"] = write_stored_articles(work / "feeds-stored")
        return stored["f"]

    tree: dict[str, Cell] = {}

    def directory_tree() -> Cell:
        if "c" not in tree:
            tree["c"] = fmt_s(bench.best_of(lambda: bench.probe("paint-dirtree", folder(), tty=True), 1))
        return tree["c"]

    row(
        f"{STORED_FEEDS * ENTRIES:,} fetched articles stored: all listed + first article shown, first start",
        lambda: fmt_s(bench.probe("paint-newsreader", "library", folder(), tty=True)),
        "Textual DirectoryTree, same folder",
        directory_tree,
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-feeds-") as tmp:
        figures = measure_refresh(Path(tmp))
    for key, value in figures.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
