"""Sitemaps and listing pages crawled (robots.txt honoured, each page once), and folders
whose new and changed files are imported."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from store.db import Store
from store.fetch import FetchSettings, fetch_pass
from store.fetch import test_subscription as preview  # not a test: what following would take
from store.subscriptions import follow, get_subscription
from store.unread import unread_count
from tests.conftest import CORPUS, REPO_ROOT
from tests.fetch.web_server import WebServer, serve

PAGES = REPO_ROOT / "tests" / "data" / "unseen-pages"
NAMES = sorted(json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))["pages"])[:4]
LOCAL = FetchSettings(allow_private=True, host_delay=0)
SNAPSHOTS = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))


def _serve_pages(web: WebServer) -> list[str]:
    for name in NAMES:
        web.routes[f"/pages/{name}"] = serve((PAGES / name).read_bytes(), "text/html")
    return [web.url(f"/pages/{name}") for name in NAMES]


def _sitemap(pages: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<url><loc>{u}</loc><lastmod>{m}</lastmod></url>" for u, m in pages)
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</urlset>"
    ).encode()


def test_a_sitemap_s_pages_are_taken_once_robots_permitting_and_again_when_changed(
    db_path: Path,
) -> None:
    with WebServer() as web, Store(db_path) as store:
        urls = _serve_pages(web)
        web.routes["/robots.txt"] = serve(
            f"User-agent: *\nDisallow: /pages/{NAMES[3]}\n".encode(), "text/plain"
        )
        dated = [(url, "2024-01-01") for url in urls]
        web.routes["/sitemap.xml"] = serve(_sitemap(dated), "application/xml")
        followed = follow(store, web.url("/sitemap.xml"), settings=LOCAL)
        assert followed.kind == "sitemap"

        (outcome,) = fetch_pass(db_path, settings=LOCAL)
        assert (outcome.status, outcome.imported) == ("ok", 3)
        assert "robots.txt does not allow" in outcome.error and NAMES[3] in outcome.error
        assert web.asked(f"/pages/{NAMES[3]}") == []
        assert unread_count(store) == 3

        dated[0] = (urls[0], "2024-02-01")  # one page says it changed
        web.routes["/sitemap.xml"] = serve(_sitemap(dated), "application/xml")
        (again,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
        assert (again.imported, again.updated) == (0, 0)  # its text is the same
        assert [len(web.asked(f"/pages/{name}")) for name in NAMES] == [2, 1, 1, 0]
        assert len(web.asked("/robots.txt")) == 2  # once per pass
        assert store.db["releases"].count == 3


def test_a_listing_rule_takes_each_new_link_once(db_path: Path) -> None:
    with WebServer() as web, Store(db_path) as store:
        urls = _serve_pages(web)

        def listing(links: list[str]) -> bytes:
            anchors = "".join(f'<li><a href="{u}">Release</a></li>' for u in links)
            return (
                f'<html><body><nav><a href="/about">About</a></nav><ul class="results">'
                f"{anchors}</ul></body></html>"
            ).encode()

        web.routes["/press"] = serve(listing(urls[:2]), "text/html")
        shown = preview(web.url("/press"), LOCAL, select="ul.results a")
        assert (shown.kind, list(shown.links), shown.error) == ("listing", urls[:2], None)
        assert store.db["releases"].count == 0  # a preview stores nothing

        followed = follow(store, web.url("/press"), pattern="*/pages/*", settings=LOCAL)
        assert followed.kind == "listing"
        (outcome,) = fetch_pass(db_path, settings=LOCAL)
        assert (outcome.status, outcome.error, outcome.imported) == ("ok", None, 2)
        web.routes["/press"] = serve(listing(urls[:3]), "text/html")
        (again,) = fetch_pass(db_path, ids=[followed.id], settings=LOCAL)
        assert again.imported == 1
        assert [len(web.asked(f"/pages/{name}")) for name in NAMES] == [1, 1, 1, 0]
        assert get_subscription(store, followed.id).releases == 3


def test_a_folder_s_new_and_changed_files_are_imported_and_untouched_ones_not_read(
    db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SNAPSHOTS[0], folder / "today.rss")
    with Store(db_path) as store:
        followed = follow(store, str(folder), language="en")
        (outcome,) = fetch_pass(db_path)
        assert (outcome.status, outcome.imported, outcome.updated) == ("ok", 10, 0)
        assert unread_count(store) == 10

        os.utime(folder / "today.rss")  # touched: its bytes are as before
        shutil.copy(SNAPSHOTS[1], folder / "tomorrow.rss")
        (folder / "notes.bin").write_bytes(b"\x00\x01\x02")
        (again,) = fetch_pass(db_path, ids=[followed.id])
        assert again.imported == len(_guids(SNAPSHOTS[1]) - _guids(SNAPSHOTS[0]))
        assert again.updated == 0
        assert "notes.bin" in again.error  # named, once
        (third,) = fetch_pass(db_path, ids=[followed.id])
        assert (third.imported, third.updated, third.error) == (0, 0, None)
        held = {path for (path,) in store.conn.execute("SELECT path FROM subscription_files")}
        assert held == {str(folder / name) for name in ("today.rss", "tomorrow.rss", "notes.bin")}

        shutil.rmtree(folder)
        (gone,) = fetch_pass(db_path, ids=[followed.id])
        assert gone.status == "error" and "is not there any more" in gone.error


def _guids(snapshot: Path) -> set[str]:
    import re

    return set(re.findall(r"<guid[^>]*>([^<]+)</guid>", snapshot.read_text(encoding="utf-8")))
