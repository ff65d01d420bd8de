"""Following feeds, sitemaps, listing pages and folders: the list the store keeps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.db import Store
from store.fetch.settings import FetchSettings
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.schema import MIGRATIONS
from store.subscriptions import (
    NotAFeed,
    SubscriptionError,
    due,
    follow,
    following,
    get_subscription,
    set_paused,
    set_starred,
    unfollow,
)
from tests.conftest import CORPUS
from tests.fetch.web_server import WebServer, serve

FEED = (CORPUS / "state-dept-feeds" / "press-releases-2021-05-23-000.rss").read_bytes()
SITEMAP = Path(__file__).parents[1] / "data" / "sitemaps" / "state-dept-press-releases.xml"
LOCAL = FetchSettings(allow_private=True, host_delay=0)


def test_a_folder_is_followed_by_its_absolute_path_with_its_issuer_and_language(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    followed = follow(store, str(folder), issuer="Farnesina", language="it", every=7200)
    assert (followed.kind, followed.url, followed.language, followed.every) == (
        "folder", str(folder.resolve()), "it", 7200,
    )  # fmt: skip
    # A name a known issuer answers to finds that issuer.
    assert followed.issuer == "Italian Ministry of Foreign Affairs and International Cooperation"
    assert followed.status is None and followed.failures == 0
    assert [s.id for s in due(store)] == [followed.id]  # due at once
    assert get_subscription(store, followed.id) == followed


def test_following_an_address_twice_or_a_missing_folder_is_refused_in_a_sentence(
    store: Store, tmp_path: Path
) -> None:
    follow(store, "https://www.state.gov/feed/", kind="feed")
    with pytest.raises(SubscriptionError, match="already followed"):
        follow(store, "https://www.state.gov/feed/", kind="feed")
    with pytest.raises(SubscriptionError, match="is not a folder"):
        follow(store, str(tmp_path / "nowhere"))
    with pytest.raises(SubscriptionError, match="needs a rule"):
        follow(store, "https://www.state.gov/press/", kind="listing")
    with pytest.raises(SubscriptionError, match="not a web address"):
        follow(store, "file:///etc/passwd", kind="feed")
    assert len(following(store)) == 1


def test_paused_ones_are_never_due_and_resuming_makes_them_due_at_once(store: Store) -> None:
    one = follow(store, "https://a.example/feed", kind="feed")
    two = follow(store, "https://b.example/feed", kind="feed")
    assert set_paused(store, one.id, True).paused
    assert [s.id for s in due(store)] == [two.id]
    with store.write() as conn:
        conn.execute("UPDATE subscriptions SET next_fetch = '2999-01-01T00:00:00+00:00'")
    assert due(store) == []
    assert not set_paused(store, one.id, False).paused
    assert [s.id for s in due(store)] == [one.id]


def test_starred_ones_come_first(store: Store) -> None:
    follow(store, "https://a.example/feed", kind="feed")
    later = follow(store, "https://z.example/feed", kind="feed")
    set_starred(store, later.id, True)
    assert [s.url for s in following(store)] == ["https://z.example/feed", "https://a.example/feed"]


def test_unfollowing_keeps_the_releases_it_brought(store: Store) -> None:
    followed = follow(store, "https://a.example/feed", kind="feed")
    saved = save_release(store, ParsedRelease(title="Kept", body_markdown="Text."), None)
    with store.write() as conn:
        conn.execute(
            "INSERT INTO subscription_releases VALUES (?, ?, '2026-01-01')",
            (followed.id, saved.release_id),
        )
    assert get_subscription(store, followed.id).releases == 1
    assert unfollow(store, followed.id).url == "https://a.example/feed"
    assert following(store) == []
    assert store.db["releases"].count == 1
    with pytest.raises(SubscriptionError, match="no subscription"):
        unfollow(store, followed.id)


def test_the_kind_is_told_from_what_the_address_answers(store: Store) -> None:
    with WebServer() as web:
        web.routes["/feed"] = serve(FEED, "text/html")  # a wrong type does not mislead
        web.routes["/sitemap.xml"] = serve(SITEMAP.read_bytes(), "text/plain")
        web.routes["/page"] = serve(
            b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" '
            b'title="Press releases" href="/feed"></head><body><p>Hello</p></body></html>',
            "text/html",
        )
        assert follow(store, web.url("/feed"), settings=LOCAL).kind == "feed"
        assert follow(store, web.url("/sitemap.xml"), settings=LOCAL).kind == "sitemap"
        with pytest.raises(NotAFeed) as offered:
            follow(store, web.url("/page"), settings=LOCAL)
        assert [(f.url, f.title) for f in offered.value.feeds] == [
            (web.url("/feed"), "Press releases")
        ]
        assert "It offers: Press releases" in str(offered.value)
        assert follow(store, web.url("/page"), pattern="*/feed", settings=LOCAL).kind == "listing"
    assert len(following(store)) == 3


def test_a_loopback_address_is_refused_unless_private_addresses_are_allowed(
    store: Store,
) -> None:
    with WebServer() as web:
        web.routes["/feed"] = serve(FEED)
        with pytest.raises(SubscriptionError, match="loopback or private address"):
            follow(store, web.url("/feed"), settings=FetchSettings(allow_private=False))
        # "localhost" is a name that resolves to a loopback address: refused as well.
        with pytest.raises(SubscriptionError, match="loopback or private address"):
            follow(store, f"http://localhost:{web.port}/feed", settings=FetchSettings())
    assert following(store) == []


def test_an_older_store_gains_subscriptions_with_nothing_unread(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        save_release(store, ParsedRelease(title="Old", body_markdown="Text."), None)
    conn = sqlite3.connect(path)
    for table in ("unread_releases", "subscription_files", "subscription_pages",
                  "subscription_releases", "subscriptions"):  # fmt: skip
        conn.execute(f"DROP TABLE {table}")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.db["releases"].count == 1
        assert store.db["unread_releases"].count == 0
        assert following(store) == []
