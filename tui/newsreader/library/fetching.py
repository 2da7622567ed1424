"""Fetching subscribed feeds and web pages over HTTP (httpx), and storing what is new.

``refresh(subscriptions)`` fetches every feed (``newsreader fetch``, ``r``/``R`` in the app call
it from a thread, never the UI's), stores each new article once (``article_store``) and returns
one ``FeedResult`` per feed, whose ``line()`` is the per-feed message. ``fetch_page(url)``
fetches and stores one web page (``newsreader URL``, "Open URL").

HTTP rules (``Fetcher``):

- Only http and https. Redirects are followed by hand, at most ``max_redirects``; each hop
  must be http(s) and may not move to a more internal class of address than the URL the user
  gave (public < private network < loopback): a public feed cannot redirect to
  ``127.0.0.1`` or ``192.168.x.x``, while a feed the user subscribed to on ``localhost`` may
  redirect within it. A loop is named as one.
- Conditional requests: the ETag and Last-Modified of the last successful fetch are sent back;
  304 Not Modified costs no parsing and no writing.
- Timeouts for connecting and for each read, and an overall limit per request (a server
  dripping one byte a second is stopped too).
- A size cap (``max_bytes``, 10 MB) on what is downloaded and, separately, on what gzip or
  deflate decompresses to: the decompressor is asked for at most the bytes still allowed, so a
  gzip bomb is stopped after ``max_bytes`` of output, not after it fills the memory.
- A clear User-Agent (``USER_AGENT``); at most ``per_host`` requests at a time to one host and
  ``concurrency`` in all.

Every failure becomes one line (``FetchError``), the other feeds are still fetched, and nothing
is half-written: articles are written atomically, and the feed's validators are stored only
after all of its new articles are, so a later 304 never hides an article that was not saved.

Entries that carry only a summary (less text than ``SUMMARY_CHARS``) and a link get their
page fetched and its main text extracted by ``webpage.parse_html_bytes`` (trafilatura), unless
the feed is tagged ``summary-only`` or ``full_articles`` is off; the feed's title, date, author
and link are kept. A page that cannot be fetched or has no main text leaves the summary.

No Textual here.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newsreader import __version__
from newsreader.model.document import DocStatus

from .article_store import ArticleStore, StoredArticle, article_key, document_markdown, md_text, path_bookmarks
from .sanitize import sanitize_line
from .subscriptions import Subscription, SubscriptionError, check_url

if TYPE_CHECKING:
    import httpx  # imported when the first fetcher is made: the reader starts without it

    from newsreader.model.document import Document

log = logging.getLogger("newsreader.feeds")

USER_AGENT = f"newsreader/{__version__} (terminal news reader; feed fetcher)"
MEGABYTE = 1024 * 1024
#: An entry whose text is shorter than this is a summary: its page is fetched (full_articles).
SUMMARY_CHARS = 700
#: At most this many pages are fetched for one feed in one refresh (the rest keep the summary).
MAX_PAGES_PER_FEED = 30
_REDIRECTS = (301, 302, 303, 307, 308)
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """Why a URL could not be fetched; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class FetchSettings:
    """Limits and options (``[feeds]`` in config.toml; see ``settings_from_config``)."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # per request, first byte to last
    max_bytes: int = 10 * MEGABYTE
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 8
    full_articles: bool = True
    max_age_days: float = 90.0  # fetched articles older than this expire (0: never)
    max_per_feed: int = 1000  # only the newest this many of a feed are kept (0: all)
    trust_env: bool = True  # use the environment's proxy settings


_SETTING_TYPES = {
    "connect_timeout": float,
    "read_timeout": float,
    "total_timeout": float,
    "max_bytes": int,
    "max_redirects": int,
    "per_host": int,
    "concurrency": int,
    "full_articles": bool,
    "max_age_days": float,
    "max_per_feed": int,
}


def settings_from_config(table: object) -> tuple[FetchSettings, list[str]]:
    """``FetchSettings`` from config.toml's ``[feeds]`` table, with notices for wrong values."""
    settings = FetchSettings()
    notices: list[str] = []
    if table is None:
        return settings, notices
    if not isinstance(table, dict):
        return settings, ["config: [feeds] must be a table; using the default fetch settings"]
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind = _SETTING_TYPES.get(key)
        if kind is None:
            notices.append(f"config: [feeds] {key} is not a setting; ignored")
        elif kind is bool and isinstance(value, bool):
            values[key] = value
        elif kind is not bool and isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            values[key] = kind(value)
        else:
            notices.append(
                f"config: [feeds] {key} must be {'true or false' if kind is bool else 'a number >= 0'}; "
                "using the default"
            )
    for key in ("per_host", "concurrency", "max_bytes"):
        if values.get(key) == 0:
            values.pop(key)
            notices.append(f"config: [feeds] {key} must be at least 1; using the default")
    return replace(settings, **values), notices


def load_settings(config_file: str | None = None) -> tuple[FetchSettings, list[str]]:
    """The fetch settings of the user's config (``[feeds]``) and any notices."""
    from newsreader import config

    settings, notices = config.load_config(config_file)
    fetch, more = settings_from_config(settings.feeds)
    return fetch, [*notices, *more]


# --------------------------------------------------------------------------- addresses

PUBLIC, PRIVATE, LOOPBACK = 0, 1, 2


def _ip_class(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> int:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return LOOPBACK
    if ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or not ip.is_global:
        return PRIVATE
    return PUBLIC


def address_class(host: str) -> int:
    """How internal a host is: PUBLIC, PRIVATE (private networks, link-local) or LOOPBACK.
    A name is resolved and counts as its most internal address; one that does not resolve is
    PUBLIC (the request then fails on its own)."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        return _ip_class(ipaddress.ip_address(host))
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost"):
        return LOOPBACK
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return PUBLIC
    classes = []
    for info in infos:
        try:  # the address is a str for every IP family (an int only for AF_CAN and the like)
            classes.append(_ip_class(ipaddress.ip_address(str(info[4][0]).split("%")[0])))
        except ValueError:
            continue
    return max(classes, default=PUBLIC)


# --------------------------------------------------------------------------- HTTP


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def moved_permanently_to(self) -> str | None:
        """The final URL when every redirect on the way was permanent (301/308)."""
        if self.redirects and all(code in (301, 308) for code, _ in self.redirects):
            return self.url
        return None


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _reason(exc: BaseException) -> str:
    text = sanitize_line(str(exc)) or type(exc).__name__
    if "[Errno" in text:
        text = text.split("]", 1)[-1].strip() or text
    return text


class Fetcher:
    """One HTTP client shared by threads; ``get`` raises FetchError with a one-line reason."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        import httpx  # imported on first use: the reader starts without it

        self.settings = settings or FetchSettings()
        s = self.settings
        self._httpx = httpx
        self.client = httpx.Client(
            timeout=httpx.Timeout(
                connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.total_timeout
            ),
            follow_redirects=False,
            trust_env=s.trust_env,
            limits=httpx.Limits(max_connections=max(s.concurrency * 2, 4), max_keepalive_connections=s.concurrency),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            # httpx builds the next request of a redirect even when not following it, and fails
            # on a Location it cannot represent (data:...): check it first, in our words.
            event_hooks={"response": [self._check_redirect]},
        )
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.Semaphore(self.settings.per_host)
            return slot

    def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None, accept: str = _FEED_ACCEPT
    ) -> Response:
        """GET ``url`` by the module's rules; 304 comes back as a Response, errors as FetchError."""
        try:
            url = check_url(url)
        except SubscriptionError as exc:
            raise FetchError(str(exc)) from None
        origin_class: int | None = None
        visited = [url]
        redirects: list[tuple[int, str]] = []
        current = url
        while True:
            headers = {"Accept": accept}
            if etag and not redirects:
                headers["If-None-Match"] = etag
            if last_modified and not redirects:
                headers["If-Modified-Since"] = last_modified
            with self._host_slot(current):
                outcome = self._one_request(current, headers)
            if isinstance(outcome, Response):
                outcome.redirects = redirects
                return outcome
            code, location = outcome
            if len(redirects) >= self.settings.max_redirects:
                raise FetchError(f"too many redirects (more than {self.settings.max_redirects}), last to {location}")
            target, host = _redirect_target(current, location)
            if origin_class is None:
                origin_class = address_class(urlsplit(url).hostname or "")
            if address_class(host) > origin_class:
                raise FetchError(f"refused a redirect from {urlsplit(url).hostname} to the internal address {host}")
            if target in visited:
                raise FetchError(f"redirect loop ({' -> '.join([*visited[visited.index(target) :], target])})")
            visited.append(target)
            redirects.append((code, target))
            current = target

    def _check_redirect(self, response: httpx.Response) -> None:
        if response.status_code in _REDIRECTS and response.headers.get("location"):
            _redirect_target(str(response.request.url), response.headers["location"])

    def _one_request(self, url: str, headers: dict[str, str]) -> Response | tuple[int, str]:
        httpx = self._httpx
        s = self.settings
        deadline = time.monotonic() + s.total_timeout
        in_body = False
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code in _REDIRECTS and r.headers.get("location"):
                    return r.status_code, r.headers["location"]
                if r.status_code == 304:
                    return Response(
                        str(r.url), 304, etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified")
                    )
                if r.status_code >= 400 or r.status_code < 200 or r.status_code in _REDIRECTS:
                    raise FetchError(_status_message(r.status_code, r.reason_phrase))
                length = r.headers.get("content-length", "")
                if length.isdigit() and int(length) > s.max_bytes:
                    raise FetchError(
                        f"response too large ({int(length) / MEGABYTE:.1f} MB; the limit is "
                        f"{s.max_bytes / MEGABYTE:g} MB)"
                    )
                decoder = _decoder(r.headers.get("content-encoding", ""))
                chunks: list[bytes] = []
                size = raw_size = 0
                in_body = True
                for chunk in r.iter_raw():
                    raw_size += len(chunk)
                    if raw_size > s.max_bytes:
                        raise FetchError(f"response too large (over {s.max_bytes / MEGABYTE:g} MB)")
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out: the response took over {_seconds(s.total_timeout)}")
                    if decoder is not None:
                        chunk = decoder.decompress(chunk, s.max_bytes - size + 1)
                    size += len(chunk)
                    if size > s.max_bytes:
                        raise FetchError(
                            f"response too large: over {s.max_bytes / MEGABYTE:g} MB "
                            f"{'once decompressed (a compression bomb?)' if decoder else ''}".rstrip()
                        )
                    chunks.append(chunk)
                if decoder is not None:
                    tail = decoder.flush()
                    if size + len(tail) > s.max_bytes:
                        raise FetchError(f"response too large: over {s.max_bytes / MEGABYTE:g} MB once decompressed")
                    chunks.append(tail)
                    if not decoder.eof:
                        raise FetchError("the compressed response ended early (connection dropped?)")
                return Response(
                    str(r.url),
                    r.status_code,
                    b"".join(chunks),
                    r.headers.get("etag"),
                    r.headers.get("last-modified"),
                    r.headers.get("content-type", ""),
                )
        except FetchError:
            raise
        except zlib.error as exc:
            raise FetchError(f"the server sent damaged compressed data ({_reason(exc)})") from None
        except httpx.ConnectTimeout:
            raise FetchError(f"timed out connecting (after {_seconds(s.connect_timeout)})") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out: the server sent nothing for {_seconds(s.read_timeout)}") from None
        except httpx.RemoteProtocolError as exc:
            if in_body:
                raise FetchError("the server closed the connection before the whole response was sent") from None
            raise FetchError(f"not a valid HTTP response ({_reason(exc)})") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"could not connect: {_reason(exc)}") from None
        except (httpx.ReadError, httpx.WriteError, httpx.NetworkError) as exc:
            raise FetchError(f"the connection broke: {_reason(exc)}") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"not a valid URL: {_reason(exc)}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error: {_reason(exc)}") from None
        except (OSError, ValueError, UnicodeError) as exc:
            raise FetchError(f"could not fetch: {_reason(exc)}") from None


def _redirect_target(current: str, location: str) -> tuple[str, str]:
    """(absolute URL, host) of a redirect, or FetchError when it is not http(s) with a host."""
    shown = sanitize_line(location)[:200]
    try:
        target = urljoin(current, location.strip())
        parts = urlsplit(target)
        scheme, host = parts.scheme.lower(), parts.hostname
    except ValueError:
        raise FetchError(f"the server redirected to an invalid address ({shown})") from None
    if scheme not in ("http", "https"):
        raise FetchError(f"refused a redirect to a {scheme or 'relative'}: address ({shown})")
    if not host:
        raise FetchError(f"refused a redirect to an address without a host ({shown})")
    return target, host


def _decoder(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, detected
    raise FetchError(f"the server used a compression this reader does not ask for ({sanitize_line(encoding)[:40]})")


def _status_message(code: int, reason: str) -> str:
    text = f"HTTP {code} {sanitize_line(reason or '')}".rstrip()
    if code == 404:
        return f"{text}: the feed is not there (moved or removed?)"
    if code == 410:
        return f"{text}: the feed has been removed for good; 'newsreader feeds remove' it"
    if code in (401, 403):
        return f"{text}: the server refuses access"
    if code == 429:
        return f"{text}: the server asks to fetch less often"
    if code >= 500:
        return f"{text}: a problem on the server; try again later"
    return text


# --------------------------------------------------------------------------- feeds


@dataclass
class FeedResult:
    """What fetching one feed did."""

    subscription: Subscription
    status: str  # "new", "unchanged" (304 or nothing new), "failed"
    title: str = ""
    new: list[Path] = field(default_factory=list)
    entries: int = 0
    message: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def name(self) -> str:
        return self.subscription.title or self.title or self.subscription.url

    def line(self) -> str:
        """The per-feed result line."""
        name = sanitize_line(self.name)
        if self.status == "failed":
            return f"✗ {name}: {self.message}"
        if self.message == "not modified":
            text = f"= {name}: not modified"
        else:
            text = f"✓ {name}: {len(self.new)} new of {self.entries}"
        return text + "".join(f"; {note}" for note in self.notes)


def fetch_feed(
    subscription: Subscription,
    fetcher: Fetcher,
    store: ArticleStore,
    settings: FetchSettings | None = None,
    keep: Callable[[Path], bool] | None = None,
) -> FeedResult:
    """Fetch one feed and store its new articles. Never raises."""
    from .feeds import parse_feed_bytes

    settings = settings or fetcher.settings
    url = subscription.url
    try:
        store.remove_leftovers(url)
        etag, modified = store.state.validators(url)
        have_files = bool(store.feed_articles(url))
        if not have_files:  # articles deleted by hand: fetch everything again
            etag = modified = None
        response = fetcher.get(url, etag, modified)
        if response.not_modified:
            store.state.record_unchanged(url)
            known = store.state.feed_info(url) or {}
            return FeedResult(subscription, "unchanged", title=known.get("title") or "", message="not modified")
        feed = parse_feed_bytes(response.body, url, base_url=response.url)
        if feed.status == DocStatus.ERROR:
            reason = "; ".join(feed.problems) or "not an RSS or Atom feed"
            kind = response.content_type.split(";")[0].strip()
            if kind and "xml" not in kind and "rss" not in kind and "atom" not in kind:
                reason += f" (the server sent {sanitize_line(kind)[:60]})"
            raise FetchError(reason)
        result = FeedResult(subscription, "new", title=feed.title, entries=len(feed.items))
        result.notes.extend(p for p in feed.problems if not p.startswith("large file"))
        if response.moved_permanently_to:
            result.notes.append(f"moved permanently to {response.moved_permanently_to}")
        seen = store.state.seen_keys(url)
        keys: list[str] = []
        pages = 0
        full = settings.full_articles and subscription.full_articles
        for item in feed.items:
            key = article_key(url, item.entry_id, item.url, item.key)
            keys.append(key)
            path = store.article_path(url, key)
            if key in seen or path.exists():
                continue
            article, fetched_page = _article(
                item, feed.title or subscription.title, url, fetcher, full and pages < MAX_PAGES_PER_FEED
            )
            pages += fetched_page
            store.write(path, article)
            result.new.append(path)
        # Only now: a later 304 must never hide an article that was not written.
        store.state.record_success(url, feed.title, response.etag, response.last_modified, len(result.new), keys)
        if not result.new:
            result.status = "unchanged"
        store.expire(url, settings.max_age_days, settings.max_per_feed, keep or (lambda path: False))
        return result
    except FetchError as exc:
        store.state.record_failure(url, str(exc))
        return FeedResult(subscription, "failed", message=str(exc))
    except OSError as exc:
        message = f"could not store the articles: {exc.strerror or exc}"
        store.state.record_failure(url, message)
        return FeedResult(subscription, "failed", message=message)
    except Exception as exc:  # one feed failing must not stop the others
        log.error("fetching %s failed", url, exc_info=True)
        store.state.record_failure(url, f"{type(exc).__name__}: {exc}")
        return FeedResult(subscription, "failed", message=f"failed unexpectedly ({type(exc).__name__}: {_reason(exc)})")


def _article(
    item: Any, source: str | None, feed_url: str, fetcher: Fetcher, fetch_page_text: bool
) -> tuple[StoredArticle, bool]:
    """The StoredArticle for a feed entry, and whether a page was fetched for it."""
    from newsreader.model.document import Metadata

    from .htmlblocks import html_document, plain_document

    summary = (
        html_document(item.body, "", Metadata()) if item.body_is_html else plain_document(item.body, "", Metadata())
    )
    body = document_markdown(summary)
    article = StoredArticle(
        item.title, body, source=source, date=item.date, url=item.url, author=item.author, feed=feed_url
    )
    if not (fetch_page_text and item.url and len(summary.text) < SUMMARY_CHARS):
        return article, False
    try:
        page = fetch_page_document(item.url, fetcher)
    except FetchError as exc:
        log.info("page of %s not fetched: %s", item.url, exc)
        return article, True
    if page is not None:
        article.body_markdown = page[0]
        article.author = article.author or page[1].meta.extra.get("author")
        article.date = article.date or page[1].meta.date
        article.title = article.title or page[1].meta.title
    return article, True


def fetch_page_document(url: str, fetcher: Fetcher) -> tuple[str, Document] | None:
    """(main text as Markdown, Document) of the web page at ``url``; None when it has no main
    text. FetchError when it cannot be fetched."""
    from .webpage import NO_MAIN_TEXT, parse_html_bytes

    response = fetcher.get(url, accept=_PAGE_ACCEPT)
    document = parse_html_bytes(response.body, response.url)
    if document.status == DocStatus.ERROR:
        raise FetchError("; ".join(document.problems) or "not a web page")
    if NO_MAIN_TEXT in document.problems or not document.text.strip():
        return None
    document.meta.url = document.meta.url or response.url
    return document_markdown(document), document


def fetch_page(url: str, settings: FetchSettings | None = None, store: ArticleStore | None = None) -> Path:
    """Fetch the web page at ``url``, store its main text as an article (``pages/``) and return
    the file. FetchError when it cannot be fetched or read."""
    store = store or ArticleStore()
    with Fetcher(settings) as fetcher:
        from .webpage import parse_html_bytes

        response = fetcher.get(url, accept=_PAGE_ACCEPT)
        kind = response.content_type.split(";")[0].strip().lower()
        if kind and "html" not in kind and "xml" not in kind and not kind.startswith("text/"):
            raise FetchError(f"not a web page (the server sent {sanitize_line(kind)[:60]})")
        document = parse_html_bytes(response.body, response.url)
        if document.status == DocStatus.ERROR or not document.text.strip():
            raise FetchError("; ".join(document.problems) or "the page has no text")
        meta = document.meta
        article = StoredArticle(
            meta.title or url,
            document_markdown(document),
            source=meta.source,
            date=meta.date,
            url=meta.url or response.url,
            author=meta.extra.get("author"),
        )
        return store.write(store.page_path(url), article)


def refresh(
    subscriptions: Iterable[Subscription],
    settings: FetchSettings | None = None,
    store: ArticleStore | None = None,
    progress: Callable[[int, int, FeedResult], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    executor: Callable[[int], Any] = ThreadPoolExecutor,
) -> list[FeedResult]:
    """Fetch every feed (concurrently, at most ``per_host`` per host) and store what is new.

    ``progress(done, total, result)`` is called (from worker threads) as each feed finishes.
    Results come back in the order of ``subscriptions``. Never raises for one feed's failure.
    ``executor(max_workers)`` makes the thread pool (the app passes one whose threads never
    hold up its exit)."""
    subs = list(subscriptions)
    settings = settings or FetchSettings()
    own_store = store is None
    store = store or ArticleStore()
    keep = path_bookmarks()
    results: list[FeedResult | None] = [None] * len(subs)
    done = 0
    lock = threading.Lock()

    def one(index: int) -> None:
        nonlocal done
        sub = subs[index]
        result = (
            FeedResult(sub, "failed", message="cancelled")
            if cancelled()
            else fetch_feed(sub, fetcher, store, settings, keep)
        )
        with lock:
            results[index] = result
            done += 1
            count = done
        if progress is not None:
            try:
                progress(count, len(subs), result)
            except Exception:  # a progress display never stops the fetch
                log.warning("progress callback failed", exc_info=True)

    try:
        with Fetcher(settings) as fetcher, executor(max(1, settings.concurrency)) as pool:
            for future in [pool.submit(one, i) for i in range(len(subs))]:
                future.result()
    finally:
        if own_store:
            store.close()
    return [r for r in results if r is not None]


__all__ = [
    "FeedResult",
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "address_class",
    "fetch_feed",
    "fetch_page",
    "load_settings",
    "md_text",
    "refresh",
    "settings_from_config",
]
