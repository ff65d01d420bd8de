"""`communique reuse` and `communique agreed-language` as a script reads them: the JSON
shapes exactly, offsets that cut the passage out of each release's text, refusals in one
sentence."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS

FEEDS = CORPUS / "state-dept-feeds"


@pytest.fixture
def feeds(run) -> None:
    code, _, _ = run("import", *map(str, sorted(FEEDS.glob("*.rss"))[:12]))
    assert code == 0


def _text(run, release_id: int) -> str:
    _, out, _ = run("show", str(release_id), "--json")
    return json.loads(out)["text"]


def _a_release_with_shared_wording(run) -> tuple[int, dict]:
    _, out, _ = run("list", "--json", "--limit", "500")
    for release in json.loads(out):
        _, reuse, _ = run("reuse", str(release["id"]), "--json")
        answer = json.loads(reuse)
        if answer["passages"]:
            return release["id"], answer
    raise AssertionError("no release of the feeds shares wording")


def test_reuse_json_has_exactly_the_documented_shape(run, feeds) -> None:
    release_id, answer = _a_release_with_shared_wording(run)
    assert set(answer) == {"passages"}
    text = _text(run, release_id)
    for passage in answer["passages"]:
        assert set(passage) == {"start", "end", "text", "elsewhere"}
        assert text[passage["start"] : passage["end"]] == passage["text"]
        assert passage["elsewhere"]
        for other in passage["elsewhere"]:
            assert set(other) == {"release_id", "start", "end", "issuer", "date"}
            assert other["release_id"] != release_id
            assert _text(run, other["release_id"])[other["start"] : other["end"]]
        dates = [other["date"] for other in passage["elsewhere"]]
        assert dates == sorted(dates)


def test_a_longer_min_words_reports_fewer_passages(run, feeds) -> None:
    release_id, answer = _a_release_with_shared_wording(run)
    longest = max(len(p["text"].split()) for p in answer["passages"])
    _, out, _ = run("reuse", str(release_id), "--json", "--min-words", str(longest + 5))
    assert all(len(p["text"].split()) >= longest + 5 for p in json.loads(out)["passages"])
    assert len(json.loads(out)["passages"]) < len(answer["passages"])


def test_refusals_are_one_sentence(run, feeds) -> None:
    code, _, err = run("reuse", "999999")
    assert code != 0 and "There is no release with id 999999" in err
    code, _, err = run("reuse", "1", "--min-words", "2")
    assert code != 0 and "--min-words" in err and "Traceback" not in err


def test_agreed_language_and_boilerplate_reports(run, feeds) -> None:
    _, out, _ = run("agreed-language", "--json")
    agreed = json.loads(out)
    # One issuer's feeds: everything they share is its own wording, none agreed.
    assert agreed == {"kind": "agreed", "passages": []}
    _, out, _ = run("agreed-language", "--boilerplate", "--json")
    report = json.loads(out)
    assert report["kind"] == "boilerplate" and report["passages"]
    for item in report["passages"]:
        assert set(item) == {
            "release_id", "date", "issuers", "start", "end", "text", "elsewhere",
        }  # fmt: skip
        assert len(item["issuers"]) == 1 and len(item["elsewhere"]) >= 2
        assert _text(run, item["release_id"])[item["start"] : item["end"]] == item["text"]
