"""The ``newsreader feeds`` and ``newsreader fetch`` commands, and opening a page by URL.

    newsreader feeds add URL [TAG ...] [--title TITLE] [--summary-only]
    newsreader feeds list
    newsreader feeds remove URL|TITLE|NUMBER
    newsreader feeds import FILE.opml
    newsreader feeds export [--output FILE]
    newsreader fetch [FEED ...] [--tag TAG] [--quiet]

``fetch`` (for cron) prints one line per feed and exits 0 when every feed was fetched, 1 when
some failed (the others are still fetched and stored), 2 for usage errors. ``cli`` parses the
first word and hands the rest here; errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.library.fetching import FeedResult
    from newsreader.library.subscriptions import UrlsFile

PROG = "newsreader"


def _say(message: str) -> None:
    from newsreader.cli import _say as say

    say(message)


def _printable(text: str) -> str:
    from newsreader.cli import printable

    return printable(text)


def _parser_class() -> type[argparse.ArgumentParser]:
    from newsreader.cli import _Parser

    return _Parser


def feeds_parser() -> argparse.ArgumentParser:
    Parser = _parser_class()
    from newsreader.library.subscriptions import urls_path

    p = Parser(
        prog=f"{PROG} feeds",
        description=f"Manage feed subscriptions (the urls file: {urls_path()}).",
        epilog='The urls file has newsboat\'s format: one feed a line, \'URL tag "tag two" "~Title"\', '
        "# comments. Tag a feed 'summary-only' to keep its summaries instead of fetching pages.",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    sub.required = True
    add = sub.add_parser("add", help="subscribe to a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument("tags", nargs="*", metavar="TAG", help="tags (library filters such as tag:world)")
    add.add_argument("--title", help="title to show instead of the feed's own")
    add.add_argument("--summary-only", action="store_true", help="keep the feed's summaries; fetch no pages")
    sub.add_parser("list", help="list the subscriptions with their last fetch")
    remove = sub.add_parser("remove", help="unsubscribe (the articles already fetched stay)")
    remove.add_argument("feed", metavar="URL|TITLE|NUMBER")
    imp = sub.add_parser("import", help="add the feeds of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    exp = sub.add_parser("export", help="write the subscriptions as OPML")
    exp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    for q in (add, remove, imp, exp, *[a for a in sub.choices.values() if a not in (add, remove, imp, exp)]):
        q.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--debug", action="store_true", help="write error details to the log file")
    return p


def fetch_parser() -> argparse.ArgumentParser:
    p = _parser_class()(
        prog=f"{PROG} fetch",
        description="Fetch the subscribed feeds and store their new articles (for cron).",
        epilog="Exit status: 0 every feed fetched, 1 some failed (each named; the rest are stored), 2 usage error.",
    )
    p.add_argument("feeds", nargs="*", metavar="FEED", help="only these feeds (URL, title or number in 'feeds list')")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only feeds with this tag")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the feeds that failed")
    p.add_argument("--config", metavar="FILE", help="settings file ([feeds] limits) instead of config.toml")
    p.add_argument("--debug", action="store_true", help="write error details to the log file")
    return p


# --------------------------------------------------------------------------- feeds


def run_feeds(args: argparse.Namespace) -> int:
    from newsreader.library.subscriptions import SubscriptionError, UrlsFile

    try:
        urls = UrlsFile.load()
        if args.action == "list":
            return _list(urls)
        if args.action == "export":
            return _export(urls, args.output)
        if args.action == "add":
            from newsreader.library.subscriptions import check_url

            try:
                check_url(args.url)
            except SubscriptionError as exc:
                _say(f"error: {exc}")
                return 2
            tags = list(args.tags) + (["summary-only"] if args.summary_only else [])
            new = urls.add(args.url, tags, args.title)
            urls.save()
            print(f"subscribed to {_printable(new.url)}" + (f" ({', '.join(new.tags)})" if new.tags else ""))
            print("fetch it with 'newsreader fetch' (or r in the reader)")
            return 0
        if args.action == "remove":
            if urls.find(args.feed) is None:
                _say(f"error: no such subscription: {args.feed} (see 'newsreader feeds list')")
                return 2
            gone = urls.remove(args.feed)
            urls.save()
            print(f"unsubscribed from {_printable(gone.url)} (its fetched articles stay in the library)")
            return 0
        if args.action == "import":
            from newsreader.library.subscriptions import import_opml

            added, notes = import_opml(urls, args.file)
            if added:
                urls.save()
            for note in notes:
                _say(f"{args.file}: skipped: {note}")
            print(f"imported {len(added)} feed{'s' * (len(added) != 1)} into {urls.path}")
            return 0
    except SubscriptionError as exc:
        _say(f"error: {exc}")
        return 1
    return 2


def _list(urls: UrlsFile) -> int:
    from newsreader.library.article_store import ArticleStore

    for problem in urls.problems:
        _say(f"{urls.path}: {problem}")
    if not urls.subscriptions:
        print(f"no subscriptions in {urls.path}; add one with 'newsreader feeds add URL'")
        return 0
    store = ArticleStore()
    try:
        for number, sub in enumerate(urls.subscriptions, start=1):
            info = store.state.feed_info(sub.url) or {}
            name = sub.title or info.get("title") or sub.url
            tags = f"  [{', '.join(sub.tags)}]" if sub.tags else ""
            stored = len(store.feed_articles(sub.url))
            if info.get("last_error"):
                status = f"last fetch failed: {info['last_error']}"
            elif info.get("last_success"):
                status = f"{stored} article{'s' * (stored != 1)}"
            else:
                status = "not fetched yet"
            print(_printable(f"{number:3d}  {name}{tags}"))
            print(_printable(f"     {sub.url}  ({status})"))
    finally:
        store.close()
    return 0


def _export(urls: UrlsFile, output: str | None) -> int:
    from newsreader.library.subscriptions import export_opml

    text = export_opml(urls.subscriptions)
    if output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from newsreader.safe_output import OutputError, check_output, write_bytes

    try:
        write_bytes(check_output(Path(output), [urls.path], replace=True), text.encode("utf-8"))
    except OutputError as exc:
        _say(f"error: --output {output}: {exc}")
        return 1
    print(f"wrote {len(urls.subscriptions)} feed{'s' * (len(urls.subscriptions) != 1)} to {output}")
    return 0


# --------------------------------------------------------------------------- fetch


def run_fetch(args: argparse.Namespace) -> int:
    from newsreader.library.fetching import load_settings, refresh
    from newsreader.library.subscriptions import SubscriptionError, UrlsFile

    try:
        urls = UrlsFile.load()
    except SubscriptionError as exc:
        _say(f"error: {exc}")
        return 1
    for problem in urls.problems:
        _say(f"{urls.path}: {problem}")
    chosen = list(urls.subscriptions)
    if args.feeds:
        chosen = []
        for key in args.feeds:
            found = urls.find(key)
            if found is None:
                _say(f"error: no such subscription: {key} (see 'newsreader feeds list')")
                return 2
            chosen.append(found)
    if args.tag:
        chosen = [s for s in chosen if set(args.tag) & set(s.tags)]
    if not chosen:
        _say(
            "nothing to fetch: "
            + (
                "no feed has that tag"
                if args.tag
                else f"no subscriptions in {urls.path}; add one with 'newsreader feeds add URL'"
            )
        )
        return 0
    settings, notices = load_settings(args.config)
    for notice in notices:
        _say(f"notice: {notice}")

    def progress(done: int, total: int, result: FeedResult) -> None:
        if not args.quiet or not result.ok:
            print(_printable(result.line()), flush=True)

    results = refresh(chosen, settings, progress=progress)
    failed = sum(not r.ok for r in results)
    new = sum(len(r.new) for r in results)
    if not args.quiet:
        print(
            f"{new} new article{'s' * (new != 1)} from {len(results)} feed{'s' * (len(results) != 1)}"
            + (f"; {failed} failed" if failed else "")
        )
    return 1 if failed else 0


# --------------------------------------------------------------------------- a page by URL


def looks_like_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch_pages_for_reader(targets: list[str]) -> tuple[list[str], int]:
    """``targets`` with each http(s) URL replaced by the stored article of its page (fetched
    now); returns (targets, how many failed, each said on stderr)."""
    from newsreader.library.fetching import FetchError, fetch_page, load_settings

    out: list[str] = []
    failed = 0
    settings = None
    for target in targets:
        if not looks_like_url(target) or Path(target).exists():
            out.append(target)
            continue
        if settings is None:
            settings, _notices = load_settings()
        _say(f"fetching {target} ...")
        try:
            out.append(str(fetch_page(target, settings)))
        except FetchError as exc:
            _say(f"{target}: {exc}")
            failed += 1
    return out, failed
