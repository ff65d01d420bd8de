"""Searching for a word found in most releases: counts that stop early, and pages found by
walking the list's order, which must be exactly the pages of the plain query."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import Store
from store.releases import (
    ReleaseFilter,
    _found_sooner_by_walking,
    count_releases,
    page_of_releases,
)
from tests.conftest import COMMON_WORD_RELEASES

SORTS = ["date", "source", "title", "highlights"]
PAGE = 5


@pytest.fixture
def store(common_word_db: Path):
    with Store(common_word_db) as opened:
        yield opened


def every_match(store: Store, flt: ReleaseFilter, sort: str, descending: bool) -> list[int]:
    """The whole list in one page: read from the search index and sorted, never walked."""
    assert not _found_sooner_by_walking(store, flt, COMMON_WORD_RELEASES)
    rows = page_of_releases(store, flt, sort, descending, limit=COMMON_WORD_RELEASES)
    return [row.id for row in rows]


def paged(store: Store, flt: ReleaseFilter, sort: str, descending: bool) -> list[int]:
    """The list page by page, as the window scrolls it: small pages first, walked while the
    word is common enough for that, then read from the index."""
    ids: list[int] = []
    while page := page_of_releases(
        store, flt, sort, descending, offset=len(ids), limit=PAGE if len(ids) < 50 else 200
    ):
        ids += [row.id for row in page]
    return ids


def test_a_count_stops_where_it_is_asked_to(store: Store) -> None:
    typed = ReleaseFilter(query="the", as_you_type=True)
    assert count_releases(store, typed) == COMMON_WORD_RELEASES
    assert count_releases(store, typed, up_to=101) == 101
    assert count_releases(store, typed, up_to=COMMON_WORD_RELEASES + 1) == COMMON_WORD_RELEASES
    whole_word = ReleaseFilter(query="the")
    assert count_releases(store, whole_word) == COMMON_WORD_RELEASES * 19 // 20
    rare = ReleaseFilter(query="sanctions", as_you_type=True)
    assert count_releases(store, rare, up_to=101) == count_releases(store, rare) == 40
    farnesina = ReleaseFilter(query="the", sources=("Farnesina",), as_you_type=True)
    assert count_releases(store, farnesina, up_to=50) == 50
    assert count_releases(store, ReleaseFilter(), up_to=10) == 10


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_of_a_common_word_are_the_pages_of_the_plain_query(
    store: Store, sort: str, descending: bool
) -> None:
    typed = ReleaseFilter(query="the", as_you_type=True)
    assert _found_sooner_by_walking(store, typed, PAGE)  # the first pages are walked
    assert paged(store, typed, sort, descending) == every_match(store, typed, sort, descending)


@pytest.mark.parametrize(
    "flt",
    [
        ReleaseFilter(query="the", sources=("Farnesina", "MFA"), as_you_type=True),
        ReleaseFilter(query="the", since="2015-01-01", until="2019-12-31", as_you_type=True),
        ReleaseFilter(query="ministers the", has_highlights=True, as_you_type=True),
        ReleaseFilter(query="the", tag_ids=(1,), as_you_type=True),
        ReleaseFilter(query='the "'),  # not valid FTS5: searched as the plain word
        ReleaseFilter(query="th", as_you_type=True),
        ReleaseFilter(query="these", as_you_type=True),  # a prefix longer than the index's
        ReleaseFilter(query="these", sources=("MFA",), as_you_type=True),
        ReleaseFilter(query="sanctions", as_you_type=True),
    ],
    ids=lambda flt: repr(flt.query) + ("+filter" if flt.sources or flt.since else ""),
)
def test_searches_with_filters_list_exactly_their_matches(store: Store, flt: ReleaseFilter) -> None:
    expected = every_match(store, flt, "date", True)
    assert expected, "each case lists something"
    assert paged(store, flt, "date", True) == expected
    assert count_releases(store, flt) == len(expected)
    assert count_releases(store, flt, up_to=10) == min(10, len(expected))


def test_a_word_typed_as_a_prefix_finds_the_words_it_begins(store: Store) -> None:
    whole = ReleaseFilter(query="the")
    typed = ReleaseFilter(query="the", as_you_type=True)
    only_these = set(paged(store, typed, "date", True)) - set(paged(store, whole, "date", True))
    assert len(only_these) == COMMON_WORD_RELEASES // 20
    assert {page_of_releases(store, ReleaseFilter(query="these"), limit=1000)[0].id} <= only_these


def test_a_rare_word_is_read_from_the_index_not_walked(store: Store) -> None:
    rare = ReleaseFilter(query="sanctions", as_you_type=True)
    assert not _found_sooner_by_walking(store, rare, PAGE)
    long_prefix = ReleaseFilter(query="thes", as_you_type=True)  # merged on every look-up
    assert not _found_sooner_by_walking(store, long_prefix, PAGE)


# Invalid FTS5 (searched as their plain words, each common) and valid syntax.
@pytest.mark.parametrize(
    "typed", ['ministers "the', "((supply the", "gas:the", "supply + the (", "t*"]
)
@pytest.mark.parametrize("as_you_type", [False, True])
def test_any_typed_common_word_is_accepted_when_walked(
    store: Store, typed: str, as_you_type: bool
) -> None:
    flt = ReleaseFilter(query=typed, as_you_type=as_you_type)
    assert _found_sooner_by_walking(store, flt, PAGE)
    assert paged(store, flt, "date", True) == every_match(store, flt, "date", True)
    assert count_releases(store, flt, up_to=10) == 10


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize(
    "flt",
    [
        ReleaseFilter(query="the", as_you_type=True),
        ReleaseFilter(query="sanctions", as_you_type=True),
        ReleaseFilter(query="the", sources=("MFA",), as_you_type=True),
        ReleaseFilter(),
    ],
    ids=["common", "rare", "common+source", "no search"],
)
def test_pages_after_the_last_row_of_the_page_before_are_the_same_pages(
    store: Store, flt: ReleaseFilter, descending: bool
) -> None:
    ids: list[int] = []
    last = None
    while page := page_of_releases(store, flt, "date", descending, limit=PAGE * 7, after=last):
        ids += [row.id for row in page]
        last = page[-1]
    assert ids == every_match(store, flt, "date", descending)
    assert last is not None and last.date is None  # undated releases come last, walked too


def test_a_page_after_a_release_is_only_asked_in_date_order(store: Store) -> None:
    first = page_of_releases(store, limit=1)[0]
    with pytest.raises(ValueError):
        page_of_releases(store, sort="title", after=first)
