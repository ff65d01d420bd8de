"""A page read from the list's order holds exactly the releases OFFSET gave, in every sort
and with every filter, ties and missing values included."""

from __future__ import annotations

import itertools
import random

import pytest

from store.db import Store
from store.highlights import add_highlight_by_quote
from store.list_order import ListOrder, kept_in_order
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import ReleaseFilter, count_releases, page_of_releases, summaries_of
from store.tags import create_tag
from tests.conftest import CORPUS

SORTS = ("date", "source", "issuer", "title", "highlights")
PAGE = 7


def corpus_sentences(count: int) -> list[str]:
    """Real sentences of the corpus, in a fixed order."""
    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if 40 < len(line) < 300:
                sentences.append(line.strip())
                if len(sentences) == count:
                    return sentences
    return sentences


@pytest.fixture(scope="module")
def crowded_store(tmp_path_factory) -> Store:
    """120 releases of real sentences where sort keys repeat: a few dates, titles, sources
    and issuers shared by many, some of each missing, some highlighted under a topic."""
    pick = random.Random(19)
    store = Store(tmp_path_factory.mktemp("order") / "store.db")
    topic = create_tag(store, "Sanctions").created
    dates = [None, "2021-03-01", "2021-03-01", "2022-07-15", "2023-01-09", "2023-01-09"]
    titles = ["Joint statement", "joint statement", "Readout", "Press release", "Zambia"]
    sources = [None, "Farnesina", "farnesina", "Auswärtiges Amt", "NATO"]
    issuers = [None, "Farnesina", "NATO", "Council of the EU"]
    for number, sentence in enumerate(corpus_sentences(120)):
        saved = save_release(
            store,
            ParsedRelease(
                title=pick.choice(titles),
                body_markdown=paragraphs_to_markdown([sentence, f"Release {number}."]),
                date=pick.choice(dates),
                source=pick.choice(sources),
                issuer=pick.choice(issuers),
                language=pick.choice(["en", "en", "it", None]),
                identity=f"release-{number}",
            ),
            "order.jsonl",
        )
        if number % 3 == 0:
            add_highlight_by_quote(store, saved.release_id, sentence[:30], tag_ids=[topic])
        if number % 5 == 0:
            add_highlight_by_quote(store, saved.release_id, f"Release {number}.")
    yield store
    store.close()


def filters(store: Store) -> list[ReleaseFilter]:
    issuer = store.conn.execute(
        "SELECT issuer_id FROM releases WHERE issuer_id IS NOT NULL "
        "GROUP BY issuer_id ORDER BY count(*) DESC"
    ).fetchone()[0]
    topic = store.conn.execute("SELECT id FROM tags").fetchone()[0]
    return [
        ReleaseFilter(),
        ReleaseFilter(issuer_ids=(issuer,)),
        ReleaseFilter(languages=("en",)),
        ReleaseFilter(since="2021-03-01", until="2022-12-31"),
        ReleaseFilter(sources=("Farnesina", "NATO")),
        ReleaseFilter(tag_ids=(topic,)),
        ReleaseFilter(has_highlights=False, languages=("it",)),
    ]


@pytest.mark.parametrize(("sort", "descending"), list(itertools.product(SORTS, (True, False))))
def test_every_page_of_the_order_is_the_page_offset_gave(
    crowded_store: Store, sort: str, descending: bool
) -> None:
    for flt in filters(crowded_store):
        total = count_releases(crowded_store, flt)
        order = ListOrder(flt, sort, descending)
        assert len(order.ids(crowded_store)) == total
        for offset in range(0, total + PAGE, PAGE):
            by_offset = page_of_releases(
                crowded_store, flt, sort, descending, offset=offset, limit=PAGE
            )
            assert order.page(crowded_store, offset, PAGE) == by_offset, (flt, offset)


def test_the_store_has_the_ties_and_gaps_the_orders_must_break(crowded_store: Store) -> None:
    # The comparison above means something only if keys repeat and are missing.
    conn = crowded_store.conn
    for column in ("date", "source", "issuer_id", "language"):
        assert conn.execute(f"SELECT count(*) FROM releases WHERE {column} IS NULL").fetchone()[0]
    repeated = conn.execute(
        "SELECT max(n) FROM (SELECT count(*) n FROM releases GROUP BY title COLLATE NOCASE)"
    ).fetchone()[0]
    assert repeated > 10


def test_a_release_deleted_after_the_order_was_read_is_left_out_of_its_page(
    tmp_path,
) -> None:
    with Store(tmp_path / "s.db") as store:
        ids = [
            save_release(
                store, ParsedRelease(title=f"R{n}", body_markdown=f"Text {n}."), "a.txt"
            ).release_id
            for n in range(5)
        ]
        with store.write() as conn:
            conn.execute("DELETE FROM releases WHERE id = ?", (ids[2],))
        listed = [summary.id for summary in summaries_of(store, ids[::-1])]
    assert listed == [ids[4], ids[3], ids[1], ids[0]]


def test_a_search_keeps_its_own_paging() -> None:
    assert not kept_in_order(ReleaseFilter(query="sanctions"), "date")
    assert not kept_in_order(ReleaseFilter(), "relevance")
    assert kept_in_order(ReleaseFilter(languages=("en",)), "title")
