"""``--stem`` on ``communique concordance``, ``trend``, ``tag-all`` and ``search``, on real
Swiss releases that speak of sanctions in German, French and English: the JSON shapes
unchanged, the match the text as written, and bad phrases answered in one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.swiss_store import SWISS


@pytest.fixture
def imported(run, tmp_path: Path) -> None:
    """The Swiss releases whose bodies speak of sanctions, imported by the command line."""
    lines = [
        line
        for line in SWISS.read_text("utf-8").splitlines()
        if any(word in json.loads(line)["body"] for word in ("Sanktion", "sanction"))
    ]
    assert {json.loads(line)["language"] for line in lines} >= {"de", "fr", "en"}
    part = tmp_path / "sanctions.jsonl"
    part.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run("import", str(part))
    assert code == 0, err


def test_stem_finds_the_inflected_forms_as_written(run_json, imported) -> None:
    _, written = run_json("concordance", "Sanktion", "--json")
    code, stemmed = run_json("concordance", "Sanktion", "--stem", "--limit", "1000", "--json")
    assert code == 0, stemmed
    assert set(stemmed) == {"phrase", "total", "lines"}
    assert stemmed["total"] > written["total"]
    assert "Sanktionen" in {line["match"] for line in stemmed["lines"]}
    for line in stemmed["lines"][:20]:
        _, shown = run_json("show", str(line["release_id"]), "--json")
        assert shown["text"][line["start"] : line["end"]] == line["match"]


def test_quotes_keep_the_word_as_written_with_stem(run_json, imported) -> None:
    _, quoted = run_json("concordance", '"sanctions"', "--stem", "--limit", "1000", "--json")
    assert quoted["total"] > 0
    assert {line["match"].lower() for line in quoted["lines"]} == {"sanctions"}


def test_trend_with_stem_counts_more_and_keeps_its_shape(run_json, imported) -> None:
    _, written = run_json("trend", "Sanktion", "--by", "language", "--per", "year", "--json")
    code, stemmed = run_json(
        "trend", "Sanktion", "--by", "language", "--per", "year", "--stem", "--json"
    )
    assert code == 0, stemmed
    keys = {"phrase", "key", "period", "occurrences", "releases", "releases_in_period", "share"}
    assert all(set(point) == keys for point in stemmed["series"])
    count = sum(point["occurrences"] for point in stemmed["series"])
    assert count > sum(point["occurrences"] for point in written["series"])


def test_tag_all_with_stem_tags_every_stemmed_occurrence(run_json, imported) -> None:
    _, found = run_json("concordance", "Sanktion", "--stem", "--language", "de", "--json")
    code, tagged = run_json(
        "tag-all", "Sanktion", "--stem", "--language", "de", "--tag", "Sanctions", "--json"
    )
    assert code == 0, tagged
    assert tagged == {"highlights_added": found["total"], "already_tagged": 0}
    _, again = run_json(
        "tag-all", "Sanktion", "--stem", "--language", "de", "--tag", "Sanctions", "--json"
    )
    assert again == {"highlights_added": 0, "already_tagged": found["total"]}


def test_search_with_stem_finds_releases_holding_every_word_by_its_stem(run_json, imported) -> None:
    _, written = run_json("search", "Sanktion Iran", "--limit", "100", "--json")
    code, stemmed = run_json("search", "Sanktion Iran", "--stem", "--limit", "100", "--json")
    assert code == 0, stemmed
    assert len(stemmed) > len(written)
    assert all(set(hit) == set(stemmed[0]) for hit in stemmed)
    for hit in stemmed:
        _, shown = run_json("show", str(hit["id"]), "--json")
        words = shown["title"].lower() + " " + shown["text"].lower()
        assert "sanktion" in words and "iran" in words
    _, one = run_json("search", "Sanktion Iran", "--stem", "--limit", "1", "--json")
    assert [hit["id"] for hit in one] == [stemmed[0]["id"]]


@pytest.mark.parametrize("command", ["concordance", "trend", "tag-all", "search"])
@pytest.mark.parametrize(
    "typed", ["?!…,;", "Sanktion " * 625, '"Sanktion', 'Sanktion "gegen'], ids=[
        "punctuation", "5000 characters", "unbalanced quote", "unbalanced quote after a word"
    ]
)  # fmt: skip
def test_a_bad_phrase_with_stem_is_one_sentence_or_an_answer(
    run, imported, command: str, typed: str
) -> None:
    extra = ["--tag", "Sanctions"] if command == "tag-all" else []
    code, out, err = run(command, typed, "--stem", *extra)
    assert "Traceback" not in out + err
    if code:
        message = err.strip().splitlines()[-1]
        assert message.startswith("Error: ") and message.count(". ") == 0
    else:
        assert (out + err).strip()  # lines, or a count of none
