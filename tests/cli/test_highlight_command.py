"""`communique highlight` as a script writer meets it: accents spelt either way, sub-topics
named by their path, topics whose own name holds a slash."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as communique
from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag, find_tag, list_tags

TEXT = "Le ministre a reçu au Sénégal (café de la paix) les Balkans occidentaux."


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def release(db_path: Path) -> int:
    """A release whose text spells every accent decomposed (e + combining acute)."""
    with Store(db_path) as store:
        body = paragraphs_to_markdown([nfd(TEXT)])
        return save_release(store, ParsedRelease("Communiqué", body), None).release_id


def test_a_composed_quote_finds_a_decomposed_release_and_keeps_its_offsets(
    run_json, release
) -> None:
    code, made = run_json("highlight", str(release), "--quote", "Sénégal (café", "--json")
    assert code == 0, made
    _, shown = run_json("show", str(release), "--json")
    stored = shown["text"]
    assert stored == nfd(TEXT)  # the release keeps its own spelling
    assert stored[made["start"] : made["end"]] == made["quote"] == nfd("Sénégal (café")
    assert made["start"] == stored.index(nfd("Sénégal"))


def test_a_decomposed_quote_finds_a_composed_release(run_json, db_path: Path) -> None:
    with Store(db_path) as store:
        body = paragraphs_to_markdown([TEXT])
        release = save_release(store, ParsedRelease("Communiqué", body), None).release_id
    code, made = run_json("highlight", str(release), "--quote", nfd("a reçu au Sénégal"), "--json")
    assert code == 0, made
    assert made["quote"] == "a reçu au Sénégal" and made["start"] == TEXT.index("a reçu")


def test_a_path_names_a_sub_topic_created_under_its_parents(
    run_json, release, db_path: Path, tmp_path: Path
) -> None:
    code, made = run_json(
        "highlight", str(release), "--quote", "Balkans", "--tag", "World/Europe/Balkans", "--json"
    )
    assert code == 0, made
    assert made["tags"] == ["Balkans"]
    with Store(db_path) as store:
        world, europe, balkans = (find_tag(store, n) for n in ("World", "Europe", "Balkans"))
        assert (world.parent_id, europe.parent_id, balkans.parent_id) == (None, world.id, europe.id)
        assert find_tag(store, "World/Europe/Balkans") is None
    code, again = run_json(
        "highlight", str(release), "--quote", "paix", "--tag", "Europe/Balkans", "--json"
    )
    assert (code, again["tags"]) == (
        0,
        ["Balkans"],
    )  # a path may begin at any topic; nothing new is created
    excerpts = tmp_path / "europe.json"
    arguments = ["--db", str(db_path), "export", "-o", str(excerpts), "--tag", "World/Europe"]
    assert CliRunner().invoke(communique, arguments).exit_code == 0
    assert "paix" in excerpts.read_text(encoding="utf-8")  # the export names it the same way


def test_a_name_under_another_parent_is_refused_in_one_sentence(run_json, release, db_path) -> None:
    with Store(db_path) as store:
        asia = create_tag(store, "Asia").created
        create_tag(store, "Balkans", parent_id=asia)
    code, message = run_json(
        "highlight", str(release), "--quote", "Balkans", "--tag", "Europe/Balkans"
    )
    assert code == 1
    assert "“Balkans” is already under “Asia”, not under “Europe”" in message
    assert message.count("\n") == 1 and "Traceback" not in message
    with Store(db_path) as store:
        assert find_tag(store, "Europe") is None  # nothing of the refused path was kept


def test_a_topic_whose_name_holds_a_slash_can_still_be_named(run_json, release, db_path) -> None:
    with Store(db_path) as store:
        create_tag(store, "AU/EU")
    code, made = run_json("highlight", str(release), "--quote", "paix", "--tag", "AU/EU", "--json")
    assert (code, made["tags"]) == (0, ["AU/EU"])
    code, made = run_json(
        "highlight", str(release), "--quote", "café", "--tag", r"Relations/UN\/AU", "--json"
    )
    assert (code, made["tags"]) == (0, ["UN/AU"])
    with Store(db_path) as store:
        names = {t.name: t.parent_id for t in list_tags(store)}
        assert names["UN/AU"] == find_tag(store, "Relations").id and "UN" not in names


def test_an_empty_name_between_slashes_is_refused(run_json, release) -> None:
    code, message = run_json(
        "highlight", str(release), "--quote", "paix", "--tag", "Europe//Balkans"
    )
    assert code == 1 and "names no topic between two slashes" in message
