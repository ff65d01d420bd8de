"""Following a site: the feeds a page offers, sitemap entries, and a listing rule's links."""

from __future__ import annotations

import gzip
import json
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from store.ingest.discovery import (
    BadListingRule,
    FoundFeed,
    SitemapPage,
    feed_links,
    listing_links,
    sitemap_entries,
)
from store.ingest.feeds import parse_feed
from store.parsed import UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = REPO_ROOT / "tests" / "data"
FEEDS = REPO_ROOT.parent / "shared" / "corpus" / "state-dept-feeds"
# A listing page built from the releases of the first State Department snapshot.
LISTING = DATA / "listings" / "state-dept-press-releases.html"
LISTING_URL = "https://www.state.gov/press-releases/"
SITEMAP = DATA / "sitemaps" / "state-dept-press-releases.xml"
SITEMAP_INDEX = DATA / "sitemaps" / "state-dept-index.xml"


def first_snapshot_links() -> list[str]:
    path = FEEDS / "press-releases-2021-05-23-000.rss"
    return [release.url for release in parse_feed(path.read_bytes(), path.name)]


def test_a_listing_page_offers_its_feeds_absolute_and_once() -> None:
    found = feed_links(LISTING.read_bytes(), LISTING_URL)
    assert found == [
        FoundFeed(
            "https://www.state.gov/feed/",
            "United States Department of State » Feed",
            "application/rss+xml",
        ),
        FoundFeed(
            "https://www.state.gov/rss-feed/press-releases/feed/",
            "Press Releases – United States Department of State",
            "application/rss+xml",
        ),
    ]


def test_feed_links_honour_base_href_atom_and_ignore_other_alternates() -> None:
    page = """<html><head><base href="https://news.example.org/en/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="Alternate" type="application/rss+xml; charset=utf-8" href="../rss" title=" Fil ">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="ftp://example.org/feed">
      <link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
    </head><body></body></html>"""
    assert feed_links(page, "https://example.org/page") == [
        FoundFeed("https://news.example.org/en/atom.xml", None, "application/atom+xml"),
        FoundFeed("https://news.example.org/rss", "Fil", "application/rss+xml"),
    ]


def test_a_page_without_feeds_or_without_markup_offers_none() -> None:
    assert feed_links(b"", "https://example.org/") == []
    assert feed_links(b"\x00\x01binary", "https://example.org/") == []
    page = (DATA / "unseen-pages" / "nato-news-title-date.html").read_bytes()
    assert feed_links(page, "https://www.nato.int/") == []


def test_a_selector_takes_the_release_links_in_page_order_once() -> None:
    links = listing_links(LISTING.read_bytes(), LISTING_URL, select=".collection-result")
    # Each result links its image and its title to the same release: taken once.
    assert links == first_snapshot_links()


def test_a_selector_on_the_links_themselves_gives_the_same() -> None:
    links = listing_links(LISTING.read_bytes(), LISTING_URL, select="a.collection-result__link")
    assert links == first_snapshot_links()


def test_a_pattern_alone_filters_every_link_of_the_page() -> None:
    links = listing_links(LISTING.read_bytes(), LISTING_URL, pattern="*/press-releases/*")
    # Relative pagination links made absolute, the duplicate "Next" taken once.
    assert links == [
        "https://www.state.gov/press-releases/",
        "https://www.state.gov/press-releases/page/2/",
    ]


def test_selector_and_pattern_together_take_what_both_allow() -> None:
    links = listing_links(
        LISTING.read_bytes(), LISTING_URL, select=".collection-results", pattern="*blinken*"
    )
    assert links == [url for url in first_snapshot_links() if "blinken" in url]
    assert links  # the snapshot has releases of the Secretary's calls


def test_without_a_rule_every_web_link_is_taken_and_nothing_else() -> None:
    links = listing_links(LISTING.read_bytes(), LISTING_URL)
    assert all(link.startswith("https://") for link in links)
    assert "https://www.state.gov/press-releases/#main" not in links  # fragments dropped
    assert not any(link.startswith(("mailto:", "javascript:")) for link in links)
    assert len(links) == len(set(links))
    assert set(first_snapshot_links()) <= set(links)


def test_links_resolve_against_base_href_and_drop_fragments() -> None:
    page = """<base href="https://www.example.gov/news/"><div class="list">
      <h3><a href="2024/statement-one.html#comments">One</a></h3>
      <h3><a href="/news/2024/statement-one.html">One again</a></h3>
      <h3><a href=" //cdn.example.gov/2024/two "> Two</a></h3>
      <h3><a>no address</a> <a href="#top">top</a></h3></div>"""
    assert listing_links(page, "https://mirror.example.net/", select=".list h3") == [
        "https://www.example.gov/news/2024/statement-one.html",
        "https://cdn.example.gov/2024/two",
    ]


def test_a_selector_group_keeps_the_page_order() -> None:
    page = '<p class="b"><a href="/1">1</a></p><p class="a"><a href="/2">2</a></p>'
    assert listing_links(page, "https://example.org/", select=".a, .b") == [
        "https://example.org/1",
        "https://example.org/2",
    ]


def test_an_invalid_selector_is_refused_in_one_sentence() -> None:
    with pytest.raises(BadListingRule, match=r"the CSS selector 'div\[' is not valid"):
        listing_links(LISTING.read_bytes(), LISTING_URL, select="div[")


def test_a_sitemap_gives_its_pages_with_lastmod() -> None:
    manifest = json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))
    dates = {entry["link"]: parsedate_to_datetime(entry["pubDate"]) for entry in manifest.values()}
    sitemap = sitemap_entries(SITEMAP.read_bytes(), "https://www.state.gov/sitemap.xml")
    assert sitemap.sitemaps == []
    assert len(sitemap.pages) == SITEMAP.read_text(encoding="utf-8").count("<url>")
    for page in sitemap.pages:
        assert page.lastmod == dates[page.url].isoformat()


def test_a_gzip_sitemap_reads_as_the_plain_one() -> None:
    data = SITEMAP.read_bytes()
    plain = sitemap_entries(data, "https://www.state.gov/sitemap.xml")
    assert sitemap_entries(gzip.compress(data), "https://www.state.gov/sitemap.xml.gz") == plain


def test_a_sitemap_index_gives_its_child_sitemaps_absolute_and_once() -> None:
    index = sitemap_entries(SITEMAP_INDEX.read_bytes(), "https://www.state.gov/sitemap_index.xml")
    assert index.pages == []
    assert index.sitemaps == [
        "https://www.state.gov/post-sitemap.xml",
        "https://www.state.gov/page-sitemap1.xml",
        "https://www.state.gov/page-sitemap2.xml",
    ]


def test_a_plain_text_sitemap_lists_one_address_a_line() -> None:
    links = first_snapshot_links()
    data = ("\n".join(links) + "\n\n" + links[0] + "\n").encode()
    sitemap = sitemap_entries(data, "https://www.state.gov/sitemap.txt")
    assert sitemap.pages == [SitemapPage(url, None) for url in links]


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        (b"", "is empty"),
        (b"<urlset><url><loc>https://a.example/</loc></urlset>", "is not well-formed XML"),
        (b"<rss><channel/></rss>", "its root element is <rss>"),
        (b"<html><body>Not found</body></html>", "its root element is <html>"),
        (b"Page not found\n", "line 1 is not a web address"),
        (b"\x1f\x8bnot gzip at all", "is not valid gzip"),
        (gzip.compress(b"<urlset></urlset>", mtime=0)[:-12], "is cut off"),
    ],
    ids=["empty", "unclosed", "rss", "html", "text", "not-gzip", "cut-gzip"],
)
def test_a_bad_sitemap_is_one_sentence_naming_its_address(data: bytes, complaint: str) -> None:
    with pytest.raises(UnreadableFile) as raised:
        sitemap_entries(data, "https://example.org/sitemap.xml")
    message = str(raised.value)
    assert "https://example.org/sitemap.xml" in message and complaint in message
    assert "\n" not in message


def test_a_gzip_bomb_is_refused_without_unpacking_it_whole() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="larger than 50 MB uncompressed"):
        sitemap_entries(bomb, "https://example.org/sitemap.xml.gz")


def test_a_sitemap_with_an_external_entity_reads_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://secret.example/", encoding="utf-8")
    data = (
        f'<!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<urlset><url><loc>&x;</loc></url></urlset>"
    ).encode()
    sitemap = sitemap_entries(data, "https://example.org/sitemap.xml")
    assert all("secret" not in page.url for page in sitemap.pages)


def test_a_page_in_its_declared_legacy_charset_gives_its_feed_titles_right() -> None:
    page = (
        '<html><head><meta charset="windows-1252">'
        '<link rel="alternate" type="application/rss+xml" title="Communiqués – Ministère"'
        ' href="/fr/rss"></head><body><a href="/fr/communiqué-1">Un communiqué</a></body></html>'
    ).encode("cp1252")
    (found,) = feed_links(page, "https://www.example.fr/fr/")
    assert found.title == "Communiqués – Ministère"
    assert listing_links(page, "https://www.example.fr/fr/", pattern="*/fr/comm*") == [
        "https://www.example.fr/fr/communiqué-1"
    ]
