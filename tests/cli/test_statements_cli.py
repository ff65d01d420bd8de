"""``communique translations``, ``group`` and ``ungroup``, and ``group`` in release objects,
on real Swiss releases imported without their message ids."""

from __future__ import annotations

import pytest
from swiss_versions import swiss_records, write_without_truth


@pytest.fixture
def swiss(run_json, tmp_path):
    """Three messages imported through the command line; each release id's language and
    title, as ``list --json`` gives them."""
    path = write_without_truth(swiss_records(3), tmp_path / "swiss.jsonl")
    assert run_json("import", str(path), "--json")[0] == 0
    return run_json("list", "--json", "--limit", "100")[1]


def _by_title(releases: list[dict], start: str) -> dict:
    return next(r for r in releases if r["title"].startswith(start))


def test_release_objects_carry_their_statement_group(swiss, run_json):
    german = _by_title(swiss, "Übergabe des Beglaubigungsschreibens")
    french = _by_title(swiss, "Remise des lettres de créance")
    assert german["group"] is not None and german["group"] == french["group"]
    code, shown = run_json("show", str(german["id"]), "--json")
    assert code == 0 and shown["group"] == german["group"]


def test_translations_lists_every_version_itself_included(swiss, run_json):
    french = _by_title(swiss, "Remise des lettres de créance")
    code, versions = run_json("translations", str(french["id"]), "--json")
    assert code == 0
    assert [v["language"] for v in versions] == ["de", "fr", "it"]
    assert french["id"] in [v["release_id"] for v in versions]
    assert set(versions[0]) == {"release_id", "language"}


def test_ungroup_then_group_again(swiss, run, run_json):
    english = _by_title(swiss, "Federal Council adopts")
    code, out, _ = run("ungroup", str(english["id"]))
    assert code == 0 and "of its own" in out
    assert run_json("translations", str(english["id"]), "--json")[1] == [
        {"release_id": english["id"], "language": "en"}
    ]
    german = _by_title(swiss, "Bundesrat verabschiedet Mandat")
    code, out, _ = run("group", str(english["id"]), str(german["id"]))
    assert code == 0 and out.strip() == "One statement of 4 versions: DE EN FR IT."


def test_joining_two_statements_merges_them(swiss, run, run_json):
    german = _by_title(swiss, "Übergabe des Beglaubigungsschreibens")
    english = _by_title(swiss, "EuroAirport")
    assert run("group", str(german["id"]), str(english["id"]))[0] == 0
    assert len(run_json("translations", str(german["id"]), "--json")[1]) == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("group", "1"), "Joining needs at least two different releases."),
        (("group", "1", "999"), "There is no release 999"),
        (("translations", "999"), "There is no release with id 999"),
        (("ungroup", "999"), "There is no release 999"),
    ],
)
def test_a_refusal_is_one_sentence_not_a_traceback(swiss, run, args, message):
    code, out, err = run(*args)
    assert code == 1 and message in err and "Traceback" not in err
