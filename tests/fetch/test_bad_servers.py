"""Servers that misbehave: each subscription gets one sentence saying what went wrong,
nothing half-stored, and every other subscription of the pass is fetched."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from store.db import Store
from store.fetch import FetchSettings, fetch_pass
from store.fetch.client import WebClient
from store.fetch.errors import FetchError
from store.subscriptions import follow, get_subscription
from tests.conftest import REPO_ROOT
from tests.fetch import bad_servers as bad
from tests.fetch.test_fetch_pass import FIRST
from tests.fetch.web_server import WebServer, serve

PAGE = (REPO_ROOT / "tests" / "data" / "unseen-pages" / "nato-news-title-date.html").read_bytes()
SETTINGS = FetchSettings(
    allow_private=True, host_delay=0, timeout=3, read_timeout=1, max_bytes=1024 * 1024
)
# What each misbehaving address gives, and the words its sentence must say.
EXPECTED = {
    "/500": "The server failed to answer (500 Internal Server Error).",
    "/silent": "stopped sending for more than 1 seconds",
    "/reset": "broke off the connection before its answer was complete",
    "/random": "not a feed",
    "/html": "The address gave a web page where a feed was expected.",
    "/2gb": "The answer is 2048 MB, more than the 1 MB a response may be",
    "/2gb-undeclared": "larger than the 1 MB a response may be",
    "/bomb": "larger than the 1 MB a response may be (decoded)",
    "/drip": "took longer than 3 seconds to arrive",
    "/loop-a": "redirects go round in a loop",
    "/to-file": "redirected to file:///etc/passwd, which is not a web address",
    "/gone": "There is nothing at this address (404 Not Found).",
}


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bad.gzip_bomb(200 * 1024 * 1024)


def test_every_bad_server_gets_its_sentence_and_the_good_feed_is_fetched(
    db_path: Path, bomb: bytes
) -> None:
    with WebServer() as web, Store(db_path) as store:
        web.routes.update({
            "/feed": serve(FIRST),
            "/500": bad.failing,
            "/silent": bad.silent_for(3),
            "/reset": bad.resetting,
            "/random": bad.random_bytes,
            "/html": serve(PAGE, "text/html"),
            "/2gb": bad.endless(declared=True),
            "/2gb-undeclared": bad.endless(declared=False),
            "/bomb": bad.serving_bomb(bomb),
            "/drip": bad.dripping,
            "/loop-a": bad.redirecting("/loop-b"),
            "/loop-b": bad.redirecting("/loop-a"),
            "/to-file": bad.redirecting("file:///etc/passwd"),
        })  # fmt: skip
        ids = {path: follow(store, web.url(path), kind="feed").id for path in EXPECTED}
        good = follow(store, web.url("/feed"), kind="feed").id

        outcomes = {o.subscription_id: o for o in fetch_pass(db_path, settings=SETTINGS)}

        assert (outcomes[good].status, outcomes[good].imported) == ("ok", 10)
        assert store.db["releases"].count == 10  # nothing of any bad answer
        for path, words in EXPECTED.items():
            outcome = outcomes[ids[path]]
            assert outcome.status == "error", path
            assert words in outcome.error, (path, outcome.error)
            assert outcome.error.count(". ") == 0, outcome.error  # one sentence
            held = get_subscription(store, ids[path])
            assert (held.status, held.error, held.failures, held.releases) == (
                "error", outcome.error, 1, 0,
            )  # fmt: skip
            assert held.next_fetch > get_subscription(store, good).next_fetch  # backed off
        assert store.db["subscription_releases"].count == 10


def test_failures_in_a_row_push_the_next_fetch_out_and_a_success_resets_them(
    db_path: Path,
) -> None:
    with WebServer() as web, Store(db_path) as store:
        web.routes["/feed"] = bad.failing
        followed = follow(store, web.url("/feed"), kind="feed", every=3600)
        waits = []
        for _ in range(3):
            fetch_pass(db_path, ids=[followed.id], settings=SETTINGS)
            held = get_subscription(store, followed.id)
            waits.append(_seconds_between(held.last_fetch, held.next_fetch))
        assert waits == [7200, 14400, 28800]
        assert get_subscription(store, followed.id).failures == 3
        web.routes["/feed"] = serve(FIRST)
        fetch_pass(db_path, ids=[followed.id], settings=SETTINGS)
        held = get_subscription(store, followed.id)
        assert (held.status, held.error, held.failures) == ("ok", None, 0)
        assert _seconds_between(held.last_fetch, held.next_fetch) == 3600


def test_a_private_address_is_refused_when_private_addresses_are_not_allowed(
    db_path: Path,
) -> None:
    with WebServer() as web, Store(db_path) as store:
        web.routes["/feed"] = serve(FIRST)
        follow(store, web.url("/feed"), kind="feed")
        (outcome,) = fetch_pass(db_path, settings=FetchSettings(host_delay=0))
        assert outcome.status == "error"
        assert "127.0.0.1 is a loopback or private address" in outcome.error
        assert web.requests == []  # not even asked
        assert store.db["releases"].count == 0


def test_a_redirect_to_a_private_address_is_refused_at_that_hop() -> None:
    settings = FetchSettings(allow_private=False, host_delay=0)
    with WebClient(settings) as client, pytest.raises(FetchError, match="private address"):
        client.get("http://[::ffff:127.0.0.1]:9/feed")


def test_one_host_is_asked_one_request_at_a_time_with_a_pause_between() -> None:
    settings = FetchSettings(allow_private=True, host_delay=0.2)
    in_flight, most, gaps, ended = [0], [0], [], [0.0]
    lock = threading.Lock()
    feed = serve(FIRST)

    def counting(handler) -> None:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            if ended[0]:
                gaps.append(time.monotonic() - ended[0])
        time.sleep(0.05)
        feed(handler)
        with lock:
            in_flight[0] -= 1
            ended[0] = time.monotonic()

    with WebServer() as web, WebClient(settings) as client:
        web.routes["/feed"] = counting
        threads = [threading.Thread(target=client.get, args=(web.url("/feed"),)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(web.requests) == 4 and most[0] == 1
    # The pause is slept by the client, so no gap can be shorter (a bound, not a timing).
    assert len(gaps) == 3 and min(gaps) >= 0.2 - 0.01


def _seconds_between(earlier: str, later: str) -> int:
    from datetime import datetime

    return int((datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds())
