"""`communique concordance` and `communique tag-all` as a script meets them: the JSON shapes
exactly, filters, totals beyond the limit, and bad phrases refused in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release

RELEASES = [
    ("Farnesina", "2024-03-01", ["Italy backs the territorial integrity of Ukraine.",
                                 "Territorial Integrity matters. Again: territorial integrity."]),
    ("European Parliament", "2023-01-09", ["Parliament recalls the territorial-integrity of all."]),
    ("European Parliament", "2022-01-09", ["Sanctions were extended; the sanctioned list grew."]),
]  # fmt: skip


@pytest.fixture
def ids(db_path: Path) -> list[int]:
    with Store(db_path) as store:
        return [
            save_release(
                store,
                ParsedRelease(f"R{n}", paragraphs_to_markdown(p), date=d, issuer=issuer),
                None,
            ).release_id
            for n, (issuer, d, p) in enumerate(RELEASES)
        ]


def test_concordance_json_has_exactly_its_shape(run_json, ids) -> None:
    code, found = run_json("concordance", "territorial integrity", "--json")
    assert code == 0, found
    assert set(found) == {"phrase", "total", "lines"}
    assert found["phrase"] == "territorial integrity" and found["total"] == 4
    keys = {"release_id", "start", "end", "left", "match", "right", "issuer", "date"}
    assert all(set(line) == keys for line in found["lines"])
    _, shown = run_json("show", str(found["lines"][0]["release_id"]), "--json")
    line = found["lines"][0]
    assert shown["text"][line["start"] : line["end"]] == line["match"]
    assert [line["date"] for line in found["lines"]] == sorted(x["date"] for x in found["lines"])


def test_total_counts_past_the_limit_and_filters_narrow(run_json, ids) -> None:
    _, found = run_json("concordance", "territorial integrity", "--limit", "1", "--json")
    assert found["total"] == 4 and len(found["lines"]) == 1
    _, farnesina = run_json(
        "concordance", "territorial integrity", "--issuer", "Farnesina", "--json"
    )
    assert farnesina["total"] == 3
    assert len({line["issuer"] for line in farnesina["lines"]}) == 1
    _, recent = run_json("concordance", "territorial integrity", "--since", "2024", "--json")
    assert recent["total"] == 3
    _, prefix = run_json("concordance", "sanction*", "--json")
    assert [line["match"] for line in prefix["lines"]] == ["Sanctions", "sanctioned"]


def test_concordance_sorts_by_the_word_to_the_right(run_json, ids) -> None:
    _, found = run_json("concordance", "territorial integrity", "--sort", "right", "--json")
    firsts = [
        line["right"].split()[0].strip(".").lower()
        for line in found["lines"]
        if line["right"].strip()
    ]
    assert firsts == sorted(firsts)


@pytest.mark.parametrize(
    ("phrase", "said"),
    [("?!", "punctuation alone"), (" ".join(["word"] * 900), "at most 64 words")],
)
def test_bad_phrases_are_one_sentence(run_json, ids, phrase: str, said: str) -> None:
    code, message = run_json("concordance", phrase, "--json")
    assert code == 2 and said in message and "Traceback" not in message


def test_an_unbalanced_quote_is_searched_as_its_words(run_json, ids) -> None:
    code, found = run_json("concordance", '"territorial integrity', "--json")
    assert code == 0 and found["total"] == 4


def test_tag_all_tags_once_and_leaves_tagged_occurrences_alone(run_json, ids) -> None:
    code, done = run_json("tag-all", "territorial integrity", "--tag", "Europe/Ukraine", "--json")
    assert code == 0, done
    assert done == {"highlights_added": 4, "already_tagged": 0}
    _, again = run_json("tag-all", "territorial integrity", "--tag", "Ukraine", "--json")
    assert again == {"highlights_added": 0, "already_tagged": 4}
    _, shown = run_json("show", str(ids[0]), "--json")
    assert [h["tags"] for h in shown["highlights"]] == [["Ukraine"]] * 3


def test_tag_all_by_sentence_tags_each_sentence_once(run_json, ids) -> None:
    code, done = run_json(
        "tag-all", "territorial integrity", "--tag", "Sovereignty", "--scope", "sentence",
        "--issuer", "Farnesina", "--json",
    )  # fmt: skip
    assert done == {"highlights_added": 3, "already_tagged": 0}
    _, shown = run_json("show", str(ids[0]), "--json")
    assert [h["quote"] for h in shown["highlights"]] == [
        "Italy backs the territorial integrity of Ukraine.",
        "Territorial Integrity matters.",
        "Again: territorial integrity.",
    ]


def test_tag_all_with_an_unknown_filter_topic_writes_nothing(run_json, ids) -> None:
    code, message = run_json("tag-all", "integrity", "--tag", "X", "--topic", "Nope")
    assert code == 2 and "no tag named" in message
    _, tags = run_json("tags", "--json")
    assert tags == []
