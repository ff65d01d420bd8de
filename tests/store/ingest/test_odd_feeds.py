"""Feeds as other publishers' servers send them import as their feed means them.

The files and what each must give are in tests/data/feeds/manifest.json (sources, licences,
tuning and held-out parts in the README beside it).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from store.ingest.feeds import parse_feed, read_feed
from store.ingest.sniff import detect_format
from store.ingest.summary_only import summary_only

REPO_ROOT = Path(__file__).resolve().parents[3]
ODD = REPO_ROOT / "tests" / "data" / "feeds"
SNAPSHOTS = REPO_ROOT.parent / "shared" / "corpus" / "state-dept-feeds"
MANIFEST = json.loads((ODD / "manifest.json").read_text(encoding="utf-8"))["files"]


def snapshot(name: str):
    return parse_feed((SNAPSHOTS / name).read_bytes(), name)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_every_odd_feed_is_recognised_as_a_feed(name: str) -> None:
    assert detect_format((ODD / name).read_bytes(), name) == "feed"


@pytest.mark.parametrize(
    "name", sorted(n for n, expected in MANIFEST.items() if "same_as_snapshot" in expected)
)
def test_a_publishers_mistake_imports_exactly_as_the_clean_feed(name: str) -> None:
    releases, problems = read_feed((ODD / name).read_bytes(), name)
    assert problems == []
    # Every field but the item's XML as written, which differs by the mistake itself.
    assert [replace(r, raw="") for r in releases] == [
        replace(r, raw="") for r in snapshot(MANIFEST[name]["same_as_snapshot"])
    ]


@pytest.mark.parametrize(
    "name",
    sorted(n for n, e in MANIFEST.items() if {"titles", "bodies", "bodies_start", "urls"} & set(e)),
)
def test_an_odd_feed_gives_the_titles_bodies_and_links_it_means(name: str) -> None:
    expected = MANIFEST[name]
    releases, problems = read_feed((ODD / name).read_bytes(), name)
    if "titles" in expected:
        assert [r.title for r in releases] == expected["titles"]
    if "bodies" in expected:
        assert [r.body_markdown for r in releases] == expected["bodies"]
    if "bodies_start" in expected:
        starts = expected["bodies_start"]
        assert [r.body_markdown[: len(s)] for r, s in zip(releases, starts, strict=True)] == starts
    if "urls" in expected:
        assert [r.url for r in releases] == expected["urls"]
    if "problem" in expected:
        (problem,) = problems
        assert expected["problem"] in problem
    else:
        assert problems == []


def test_an_excerpt_only_feed_is_the_same_releases_each_known_for_a_teaser_or_not() -> None:
    name = "state-dept-summary-only.rss"
    teasers = parse_feed((ODD / name).read_bytes(), name)
    whole = snapshot(MANIFEST[name]["teasers_of_snapshot"])
    assert [(t.title, t.url, t.date, t.identity) for t in teasers] == [
        (w.title, w.url, w.date, w.identity) for w in whole
    ]
    for teaser, release in zip(teasers, whole, strict=True):
        # WordPress cuts at 55 words: a release no longer than that is whole in its excerpt.
        description = lxml.html.fromstring(release.raw.encode()).find(".//description")
        words = lxml.html.fromstring("".join(description.itertext())).text_content().split()
        assert summary_only(teaser) == (len(words) > 55), teaser.title
        assert not summary_only(release), release.title
    assert 0 < sum(map(summary_only, teasers)) < len(teasers)
