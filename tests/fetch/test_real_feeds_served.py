"""The 65 shared State Department feed snapshots served one after another with ETags, as
the site served them: every release stored once, the revised ones as new versions with
their highlights placed again, a 304 whenever nothing changed; and a summary-only feed
whose links point to served pages of the shared corpus, stored with the pages' full text."""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from store.db import Store
from store.fetch import FetchSettings, fetch_pass
from store.highlights import add_highlight, get_highlight
from store.imports.pipeline import import_paths
from store.releases import get_release
from store.subscriptions import follow, get_subscription
from tests.conftest import CORPUS, REPO_ROOT
from tests.fetch.web_server import WebServer, serve

FEEDS = CORPUS / "state-dept-feeds"
PAGES = REPO_ROOT / "tests" / "data" / "unseen-pages"
LOCAL = FetchSettings(allow_private=True, host_delay=0)
_FIRST_SENTENCE = re.compile(r"\S[^.!?]{20,}?[.!?](?=\s)")


def test_the_snapshots_served_in_turn_store_each_release_once_and_revisions_as_versions(
    db_path: Path,
) -> None:
    manifest = json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))
    revised = {guid for guid, item in manifest.items() if len(item["versions"]) > 1}
    made: dict[int, str] = {}  # highlight id → its quote when made
    statuses, updated = [], 0
    with WebServer() as web, Store(db_path) as store:
        followed = follow(store, web.url("/feed"), kind="feed")
        for snapshot in sorted(FEEDS.glob("*.rss")):
            web.routes["/feed"] = serve(snapshot.read_bytes(), etag=f'"{snapshot.stem}"')
            for _ in range(2):  # the second time nothing has changed
                (outcome,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
                assert outcome.error is None, (snapshot.name, outcome.error)
                statuses.append(outcome.status)
                updated += outcome.updated
            for guid in revised:
                row = store.conn.execute(
                    "SELECT id, text FROM releases WHERE identity = ?", (f"id:{guid}",)
                ).fetchone()
                if row and row[0] not in {get_highlight(store, h).release_id for h in made}:
                    sentence = _FIRST_SENTENCE.search(row[1])
                    start, end = sentence.span()
                    made[add_highlight(store, row[0], start, end).created] = sentence.group()

        assert statuses == ["ok", "not-modified"] * 65
        assert store.db["releases"].count == len(manifest) == 405
        assert get_subscription(store, followed.id).releases == 405
        # Revisions merge as imports do: the same versions as importing the snapshot files
        # in turn (the body revisions, and items whose title or date alone changed).
        assert updated == store.db["release_versions"].count >= len(revised) - 1
        assert _versions(store) == _versions_imported(db_path.parent / "imported.db")
        revised_held = {i for i, n in _versions(store).items() if n and i[3:] in revised}
        assert len(revised_held) >= len(revised) - 1  # one returns to its earlier text
        for guid, item in manifest.items():
            (title,) = store.conn.execute(
                "SELECT title FROM releases WHERE identity = ?", (f"id:{guid}",)
            ).fetchone()
            assert title == item["title"]
        assert len(made) == 13
        for highlight_id, quote in made.items():
            now = get_highlight(store, highlight_id)
            text = get_release(store, now.release_id).text
            if quote in text:
                assert not now.orphaned and text[now.start : now.end] == quote
            else:
                assert now.orphaned or text[now.start : now.end] == now.quote


def _versions(store: Store) -> dict[str, int]:
    """Each release's identity and how many earlier versions it keeps."""
    return dict(
        store.conn.execute(
            "SELECT identity, (SELECT count(*) FROM release_versions WHERE release_id = r.id) "
            "FROM releases r"
        ).fetchall()
    )


def _versions_imported(path: Path) -> dict[str, int]:
    with Store(path) as store:
        for snapshot in sorted(FEEDS.glob("*.rss")):
            import_paths(store, [snapshot])
        return _versions(store)


def _summary_feed(web: WebServer, pages: list[str]) -> bytes:
    """An RSS feed whose items give a title and a teaser, and link to the served pages."""
    items = "".join(
        f"<item><title>Release {n}</title><link>{web.url('/pages/' + name)}</link>"
        f"<guid>{web.url('/pages/' + name)}</guid><description>The ministry said…</description>"
        "</item>"
        for n, name in enumerate(pages)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Teasers</title><link>{web.url('/')}</link>{items}</channel></rss>"
    ).encode()


def test_a_summary_only_feed_gets_each_linked_page_s_full_text(db_path: Path) -> None:
    truth = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))["pages"]
    names = sorted(truth)[:5]
    with WebServer() as web, Store(db_path) as store:
        for name in names:
            web.routes[f"/pages/{name}"] = serve((PAGES / name).read_bytes(), "text/html")
        web.routes["/feed"] = serve(_summary_feed(web, names))
        followed = follow(store, web.url("/feed"), kind="feed", issuer="Teaser Office")
        (outcome,) = fetch_pass(db_path, settings=LOCAL)
        assert (outcome.status, outcome.error, outcome.imported) == ("ok", None, 5)
        for release_id in outcome.new_release_ids:
            release = get_release(store, release_id)
            assert "The ministry said…" not in release.text
            assert len(release.text.split()) > 60, release.title  # the page's whole text
        # Fetched again: the held releases' pages are not asked for a second time.
        (again,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
        assert (again.status, again.imported, again.updated) == ("ok", 0, 0)
        assert all(len(web.asked(f"/pages/{name}")) == 1 for name in names)


def test_a_summary_only_item_whose_page_fails_is_left_for_the_next_pass(db_path: Path) -> None:
    name = sorted(json.loads((PAGES / "manifest.json").read_text())["pages"])[0]
    with WebServer() as web, Store(db_path) as store:
        web.routes["/feed"] = serve(_summary_feed(web, [name]), etag='"one"')
        followed = follow(store, web.url("/feed"), kind="feed")
        (outcome,) = fetch_pass(db_path, settings=LOCAL)
        assert outcome.status == "ok" and outcome.imported == 0
        assert "1 item was left out" in outcome.error and "404" in outcome.error
        assert store.db["releases"].count == 0  # no teaser stored as if it were the release

        def page(handler: BaseHTTPRequestHandler) -> None:
            serve((PAGES / name).read_bytes(), "text/html")(handler)

        web.routes[f"/pages/{name}"] = page
        (again,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
        assert (again.status, again.error, again.imported) == ("ok", None, 1)
        assert "If-None-Match" not in web.asked("/feed")[-1].headers  # read again in full
