"""A fetch pass against a real server on 127.0.0.1: what it stores, what it asks for."""

from __future__ import annotations

from pathlib import Path

from store.db import Store
from store.fetch import FetchSettings, fetch_pass
from store.fetch import test_subscription as preview  # not a test: what following would take
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


def test_progress_is_told_after_each_and_a_cancelled_pass_leaves_the_rest(db_path: Path) -> None:
    with WebServer() as web, Store(db_path) as store:
        for n in range(3):
            web.routes[f"/feed{n}"] = serve(FIRST)
            follow(store, web.url(f"/feed{n}"), kind="feed")
        heard: list[tuple[int, int]] = []
        outcomes = fetch_pass(
            db_path, settings=LOCAL, progress=lambda done, total, url: heard.append((done, total)),
            cancelled=lambda: len(heard) >= 1,
        )  # fmt: skip
        # The pass's threads may have begun others before the first ended; none after.
        assert 1 <= len(outcomes) <= 3 and heard[0] == (1, 3)
        assert [done for done, _ in heard] == list(range(1, len(outcomes) + 1))
        left = {s.id for s in due(store)}
        assert len(left) == 3 - len(outcomes)
        held = store.conn.execute("SELECT count(*) FROM subscriptions WHERE claimed_by IS NOT NULL")
        assert held.fetchone()[0] == 0  # the claims it did not use are let go
        assert {o.subscription_id for o in fetch_pass(db_path, settings=LOCAL)} == left


def test_a_feed_previewed_lists_its_items_and_stores_nothing(db_path: Path) -> None:
    with WebServer() as web, Store(db_path) as store:
        web.routes["/feed"] = serve(FIRST)
        shown = preview(web.url("/feed"), LOCAL)
        assert (shown.kind, len(shown.releases), shown.error) == ("feed", 10, None)
        assert all(r.title and r.url.startswith("https://www.state.gov/") for r in shown.releases)
        assert store.db["releases"].count == 0
        refused = preview(web.url("/feed"), FetchSettings())
        assert refused.kind is None and "private address" in refused.error
