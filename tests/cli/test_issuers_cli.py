"""Issuers, speakers, languages and countries as a script writer meets them: the JSON
shapes, the filters, the issuers commands, corrections with `set`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS

FEEDS = CORPUS / "state-dept-feeds"


@pytest.fixture
def feeds(run) -> None:
    snapshots = sorted(FEEDS.glob("*.rss"))[:4]
    code, _, _ = run("import", *map(str, snapshots))
    assert code == 0


def test_release_objects_carry_issuer_speaker_and_countries(run, feeds) -> None:
    _, out, _ = run("list", "--json", "--limit", "500")
    releases = json.loads(out)
    assert {"issuer", "speaker", "countries"} <= set(releases[0])
    assert len({r["issuer"] for r in releases}) == 1 and releases[0]["issuer"]
    assert all(isinstance(r["countries"], list) for r in releases)


def test_issuers_lists_the_one_state_department_with_its_releases(run, feeds) -> None:
    _, out, _ = run("list", "--json", "--limit", "500")
    count = len(json.loads(out))
    _, out, _ = run("issuers", "--json")
    issuers = json.loads(out)
    assert set(issuers[0]) >= {"id", "name", "names", "domains", "country", "releases"}
    (used,) = [i for i in issuers if i["releases"]]
    assert used["releases"] == count and used["country"] == "US"
    assert "state.gov" in used["domains"]


def test_list_filters_by_issuer_name_speaker_and_language(run, feeds) -> None:
    _, out, _ = run("list", "--json", "--limit", "500", "--issuer", "U.S. Department of State")
    everything = json.loads(out)
    _, out, _ = run("list", "--json", "--limit", "500", "--speaker", "spokesperson")
    spoken = json.loads(out)
    assert spoken and len(spoken) < len(everything)
    assert all("spokesperson" in r["speaker"].lower() for r in spoken)
    _, out, _ = run("list", "--json", "--language", "fr")
    assert json.loads(out) == []


def test_an_unknown_issuer_in_a_filter_is_one_sentence_naming_it(run, feeds) -> None:
    code, _, err = run("list", "--issuer", "Ministry of Silly Walks")
    assert code == 2
    assert "Ministry of Silly Walks" in err and "communique issuers" in err
    assert "Traceback" not in err


def test_set_corrects_a_release_and_import_again_keeps_it(run, feeds) -> None:
    _, out, _ = run("list", "--json", "--limit", "1")
    (release,) = json.loads(out)
    code, out, _ = run(
        "set", str(release["id"]), "--speaker", "Ned Price", "--date", "2021-05-20", "--json"
    )
    assert code == 0, out
    assert (json.loads(out)["speaker"], json.loads(out)["date"]) == ("Ned Price", "2021-05-20")
    run("import", *map(str, sorted(FEEDS.glob("*.rss"))[:4]))
    _, out, _ = run("show", "--json", str(release["id"]))
    assert (json.loads(out)["speaker"], json.loads(out)["date"]) == ("Ned Price", "2021-05-20")


def test_set_refuses_a_bad_date_saying_how_to_write_one(run, feeds) -> None:
    code, _, err = run("set", "1", "--date", "20 May")
    assert code == 1 and "YYYY-MM-DD" in err


def test_import_issuer_names_the_issuer_of_files_that_name_none(run, tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text("# A note\n\nThe Minister met the Ambassador.\n", "utf-8")
    code, _, _ = run("import", "--issuer", "Ministry of Foreign Affairs of Ruritania", str(page))
    assert code == 0
    _, out, _ = run("list", "--json")
    assert json.loads(out)[0]["issuer"] == "Ministry of Foreign Affairs of Ruritania"


def test_issuers_rename_merge_and_set_country(run, tmp_path: Path) -> None:
    for name, issuer in (("a.md", "Ruritanian MFA"), ("b.md", "MFA of Ruritania")):
        page = tmp_path / name
        page.write_text(f"# {name}\n\nText of {name}.\n", "utf-8")
        run("import", "--issuer", issuer, str(page))
    code, out, _ = run(
        "issuers", "rename", "Ruritanian MFA", "Ruritania: Foreign Ministry", "--json"
    )
    assert code == 0 and json.loads(out)["name"] == "Ruritania: Foreign Ministry"
    code, out, _ = run("issuers", "merge", "Ruritanian MFA", "MFA of Ruritania", "--json")
    merged = json.loads(out)
    assert code == 0 and merged["releases"] == 2
    code, out, _ = run("issuers", "set-country", str(merged["id"]), "ru", "--json")
    assert json.loads(out)["country"] == "RU"
    code, _, err = run("issuers", "set-country", str(merged["id"]), "Ruritania")
    assert code == 1 and "two letters" in err
    _, out, _ = run("list", "--json", "--issuer", "MFA of Ruritania")
    assert len(json.loads(out)) == 2


def test_export_takes_the_same_filters(run, feeds, tmp_path: Path) -> None:
    _, out, _ = run("list", "--json", "--limit", "1", "--speaker", "Spokesperson")
    (release,) = json.loads(out)
    _, out, _ = run("show", "--json", str(release["id"]))
    first_words = " ".join(json.loads(out)["text"].split()[:3])
    code, out, _ = run("highlight", str(release["id"]), "--quote", first_words, "--tag", "T")
    assert code == 0, out
    target = tmp_path / "out.csv"
    code, out, _ = run("export", "-o", str(target), "--speaker", "spokesperson")
    assert code == 0 and out.startswith("1 ")
    code, out, _ = run("export", "-o", str(target), "--language", "de")
    assert code == 0 and out.startswith("0 ")
