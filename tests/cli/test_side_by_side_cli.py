"""`communique align` and `communique counterparts` as a script and an analyst read them:
the JSON shapes exactly, offsets that cut passages out of each release's text, a readable
two-column text, refusals in one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS

SWISS = CORPUS / "swiss-news" / "releases.jsonl"


@pytest.fixture
def versions(run, tmp_path: Path) -> dict[str, int]:
    """The German and English versions of message 55886, imported from the corpus lines."""
    lines = [
        line
        for line in SWISS.read_text("utf-8").splitlines()
        if json.loads(line)["message"] == "55886" and json.loads(line)["language"] in ("de", "en")
    ]
    part = tmp_path / "message.jsonl"
    part.write_text("\n".join(lines) + "\n", "utf-8")
    code, _, _ = run("import", str(part))
    assert code == 0
    _, out, _ = run("list", "--json")
    return {release["language"]: release["id"] for release in json.loads(out)}


def _text(run, release_id: int) -> str:
    _, out, _ = run("show", str(release_id), "--json")
    return json.loads(out)["text"]


def test_align_json_has_the_documented_shape_in_code_points(run, versions) -> None:
    de, en = versions["de"], versions["en"]
    code, out, _ = run("align", str(de), str(en), "--json")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) == {"pairs", "only_a", "only_b"}
    assert answer["pairs"] and all(set(pair) == {"a", "b", "score"} for pair in answer["pairs"])
    text_de, text_en = _text(run, de), _text(run, en)
    first = answer["pairs"][0]
    assert text_de[first["a"][0] : first["a"][1]].startswith("Seit 2012 arbeiten die UNO")
    assert text_en[first["b"][0] : first["b"][1]].startswith("Since 2012, the United Nations")
    for start, end in answer["only_a"]:
        assert text_de[start:end].strip() == text_de[start:end] != ""


def test_align_without_json_prints_two_columns_and_what_differs(run, versions) -> None:
    code, out, _ = run("align", str(versions["de"]), str(versions["en"]))
    assert code == 0
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("A: release"))
    assert f"B: release {versions['en']}" in header
    row = next(line for line in lines if "Seit 2012" in line)
    left, right = row.split(" │ ")
    assert "Since 2012" in right and "Seit 2012" in left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("align", "1", "1"), "Release 1 was named twice; name two different releases."),
        (("align", "1", "404"), "There is no release with id 404."),
        (("counterparts", "404"), "There is no release with id 404."),
    ],
)
def test_refusals_are_one_sentence(run, versions, args, message) -> None:
    code, out, err = run(*args)
    assert code == 1 and not out
    assert err.strip() == f"Error: {message}"


def test_counterparts_json_is_a_list_best_first(run, versions) -> None:
    # The two versions share an issuer: neither is the other's counterpart.
    code, out, _ = run("counterparts", str(versions["de"]), "--days", "5", "--json")
    assert code == 0
    assert json.loads(out) == []
    code, out, _ = run("counterparts", str(versions["de"]))
    assert code == 0 and out.startswith("No release of another issuer within 3 days")


def test_counterparts_lists_the_other_issuers_readout_with_reasons(run, tmp_path: Path) -> None:
    from tests.store.test_counterparts import READOUT, SERBIAN_SIDE, UNRELATED

    records = [
        {"title": "Secretary's meeting", "body": READOUT, "date": "2023-03-20",
         "issuer": "U.S. Department of State", "language": "en"},
        {"title": "Vucic with Blinken", "body": SERBIAN_SIDE, "date": "2023-03-21",
         "issuer": "Ministry of Foreign Affairs of Serbia", "language": "en"},
        {"title": "Trade fair", "body": UNRELATED, "date": "2023-03-20",
         "issuer": "Ministero degli Affari Esteri", "language": "en"},
    ]  # fmt: skip
    part = tmp_path / "event.jsonl"
    part.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    assert run("import", str(part))[0] == 0
    _, out, _ = run("list", "--json")
    ids = {release["title"]: release["id"] for release in json.loads(out)}
    code, out, _ = run("counterparts", str(ids["Secretary's meeting"]), "--json")
    assert code == 0
    answer = json.loads(out)
    assert [item["release_id"] for item in answer] == [ids["Vucic with Blinken"]]
    assert set(answer[0]) == {"release_id", "score", "reasons"}
    assert answer[0]["reasons"][0] == "1 day apart"
    code, out, _ = run("counterparts", str(ids["Secretary's meeting"]))
    assert code == 0 and "Vucic with Blinken" in out and "1 day apart" in out
