"""follow, following, unfollow, fetch, list --unread and read, against a real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO_ROOT
from tests.fetch.web_server import WebServer, serve

FEEDS = CORPUS / "state-dept-feeds"
SNAPSHOTS = sorted(FEEDS.glob("*.rss"))


@pytest.fixture
def private_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_ALLOW_PRIVATE", "1")


def test_follow_fetch_list_unread_and_read(run_json, run, private_allowed) -> None:
    with WebServer() as web:
        web.routes["/feed"] = serve(SNAPSHOTS[0].read_bytes(), etag='"a"')
        code, followed = run_json("follow", web.url("/feed"), "--every", "2h", "--json")
        assert code == 0
        assert (followed["kind"], followed["every"], followed["status"]) == ("feed", 7200, None)

        code, fetched = run_json("fetch", "--json")
        assert code == 0
        assert fetched == {"subscriptions": [{
            "id": followed["id"], "url": web.url("/feed"), "status": "ok", "error": None,
            "imported": 10, "updated": 0,
        }]}  # fmt: skip
        code, again = run_json("fetch", "--json")
        assert again == {"subscriptions": []}  # nothing due
        code, forced = run_json("fetch", "--all", "--json")
        assert forced["subscriptions"][0]["status"] == "not-modified"

    code, unread = run_json("list", "--unread", "--json")
    assert len(unread) == 10 and all(release["unread"] for release in unread)
    first = str(unread[0]["id"])
    assert run("read", first)[0] == 0
    code, unread = run_json("list", "--unread", "--json")
    assert len(unread) == 9 and first not in {str(r["id"]) for r in unread}
    assert run("read", "--all")[0] == 0
    assert run_json("list", "--unread", "--json") == (0, [])

    code, listed = run_json("following", "--json")
    assert [(s["id"], s["status"], s["releases"]) for s in listed] == [
        (followed["id"], "not-modified", 10)
    ]
    code, out, _ = run("unfollow", str(followed["id"]))
    assert code == 0 and "No longer following" in out
    assert run_json("following", "--json") == (0, [])
    assert len(run_json("list", "--json")[1]) == 10  # the releases stay


def test_a_page_offering_feeds_lists_them_and_follows_nothing(run, private_allowed) -> None:
    with WebServer() as web:
        web.routes["/"] = serve(
            b'<!DOCTYPE html><html><head><link rel="alternate" type="application/atom+xml" '
            b'href="/news.atom" title="News"></head><body><p>Home</p></body></html>',
            "text/html",
        )
        code, out, err = run("follow", web.url("/"))
    assert code == 2
    assert out.strip() == f"{web.url('/news.atom')}  News"
    assert "is a web page, not a feed" in err
    assert run("following")[1] == ""


def test_bad_input_is_refused_in_a_sentence(run, tmp_path: Path) -> None:
    code, _, err = run("follow", str(tmp_path / "missing"))
    assert code == 1 and "is not a folder" in err
    code, _, err = run("follow", "https://example.org/", "--every", "often")
    assert code == 2 and "is not an interval" in err
    code, _, err = run("unfollow", "42")
    assert code == 1 and "There is no subscription 42" in err
    code, _, err = run("read", "42")
    assert code == 1 and "There is no release with id 42" in err


def test_without_the_setting_a_loopback_server_is_refused(run_json, run) -> None:
    with WebServer() as web:
        web.routes["/feed"] = serve(SNAPSHOTS[0].read_bytes())
        assert run("follow", web.url("/feed"), "--kind", "feed")[0] == 0
        code, fetched = run_json("fetch", "--json")
    (outcome,) = fetched["subscriptions"]
    assert outcome["status"] == "error" and "private address" in outcome["error"]
    assert web.requests == []


def test_two_passes_at_once_fetch_each_subscription_once_and_store_each_release_once(
    db_path: Path, run
) -> None:
    """Two processes (a cron job and a window, say) fetch the same store at the same time."""
    with WebServer() as web:
        # Twenty feeds that overlap as the snapshots do: releases shared between feeds.
        for n, snapshot in enumerate(SNAPSHOTS[:20]):
            web.routes[f"/feed{n}"] = serve(snapshot.read_bytes())
            assert run("follow", web.url(f"/feed{n}"), "--kind", "feed")[0] == 0
        env = {**os.environ, "COMMUNIQUE_ALLOW_PRIVATE": "1", "COMMUNIQUE_DB": str(db_path)}
        command = [sys.executable, "-m", "cli", "fetch", "--json"]
        passes = [
            subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [json.loads(process.communicate(timeout=240)[0]) for process in passes]
        asked = {path: len(web.asked(path)) for path in (f"/feed{n}" for n in range(20))}
    fetched = [o["id"] for output in outputs for o in output["subscriptions"]]
    assert sorted(fetched) == list(range(1, 21))  # each by one of the two passes
    assert set(asked.values()) == {1}
    expected = {line for s in SNAPSHOTS[:20] for line in _guids(s)}
    code, listed, _ = run("list", "--limit", "1000", "--json")
    assert len(json.loads(listed)) == len(expected)


def _guids(snapshot: Path) -> list[str]:
    import re

    return re.findall(r"<guid[^>]*>([^<]+)</guid>", snapshot.read_text(encoding="utf-8"))
