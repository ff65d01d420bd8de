"""A fetch pass against a real server on 127.0.0.1: what it stores, what it asks for."""

from __future__ import annotations

from pathlib import Path

from store.db import Store
from store.fetch import FetchSettings, fetch_pass
from store.releases import ReleaseFilter, count_releases
from store.subscriptions import due, follow, get_subscription
from store.unread import unread_count
from tests.conftest import CORPUS
from tests.fetch.web_server import WebServer, serve

FEEDS = CORPUS / "state-dept-feeds"
FIRST = (FEEDS / "press-releases-2021-05-23-000.rss").read_bytes()
LOCAL = FetchSettings(allow_private=True, host_delay=0)


def test_a_feed_is_stored_unread_and_asked_again_conditionally(db_path: Path) -> None:
    with WebServer() as web, Store(db_path) as store:
        web.routes["/feed"] = serve(FIRST, etag='"v1"')
        followed = follow(store, web.url("/feed"), kind="feed", language="en")
        (outcome,) = fetch_pass(db_path, settings=LOCAL)
        assert (outcome.status, outcome.error, outcome.imported, outcome.updated) == (
            "ok", None, 10, 0,
        )  # fmt: skip
        assert len(outcome.new_release_ids) == 10
        assert unread_count(store) == 10
        assert count_releases(store, ReleaseFilter(unread=True)) == 10
        now = get_subscription(store, followed.id)
        assert (now.status, now.releases, now.failures) == ("ok", 10, 0)
        assert now.next_fetch > now.last_fetch
        assert due(store) == []  # not again before its interval

        (again,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
        assert (again.status, again.imported) == ("not-modified", 0)
        assert web.asked("/feed")[-1].headers.get("If-None-Match") == '"v1"'
        assert web.asked("/feed")[0].headers["User-Agent"].startswith("CommuniqueDesk/")
        assert store.db["releases"].count == 10
