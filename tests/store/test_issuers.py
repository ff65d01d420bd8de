"""Issuers: one organisation however its inputs name it, and the analyst's renames, merges,
splits and countries, each undoable."""

from __future__ import annotations

import pytest

from store.db import Store
from store.issuer_changes import (
    merge_issuers,
    rename_issuer,
    restore_issuers,
    set_issuer_country,
    split_issuer,
)
from store.issuers import IssuerError, find_issuer, get_issuer, list_issuers
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release, save_releases
from store.releases import ReleaseFilter, get_release, page_of_releases


def release(title: str, **fields: object) -> ParsedRelease:
    return ParsedRelease(
        title=title, body_markdown=paragraphs_to_markdown([f"{title}: the text."]), **fields
    )


def saved(store: Store, title: str, **fields: object) -> int:
    return save_release(store, release(title, identity=f"id-{title}", **fields), None).release_id


def issuer_of(store: Store, release_id: int) -> str | None:
    return get_release(store, release_id).issuer


def test_a_channel_title_a_domain_and_a_common_name_are_one_issuer(store: Store) -> None:
    by_channel = saved(store, "A", issuer="Press Releases – United States Department of State")
    by_domain = saved(store, "B", url="https://www.state.gov/secretary-blinken-call/")
    by_name = saved(store, "C", issuer="U.S. Department of State")
    names = {issuer_of(store, r) for r in (by_channel, by_domain, by_name)}
    assert len(names) == 1 and None not in names
    (issuer,) = [i for i in list_issuers(store) if i.releases]
    assert issuer.releases == 3 and issuer.country == "US" and "state.gov" in issuer.domains


def test_an_unknown_issuer_is_created_once_and_found_again_by_any_spelling(
    store: Store,
) -> None:
    first = saved(store, "A", issuer="Ministry of Foreign Affairs of Ruritania")
    second = saved(store, "B", issuer="  ministry of foreign affairs of RURITANIA ")
    assert issuer_of(store, first) == issuer_of(store, second)
    assert issuer_of(store, first) == "Ministry of Foreign Affairs of Ruritania"
    assert [i.releases for i in list_issuers(store) if "Ruritania" in i.name] == [2]


def test_a_batch_naming_a_new_issuer_many_times_creates_it_once(store: Store) -> None:
    batch = [(release(f"R{n}", issuer="Office of Ruritania"), None) for n in range(50)]
    results = save_releases(store, batch, None)
    ids = {get_release(store, r.release_id).issuer for r in results}
    assert ids == {"Office of Ruritania"}
    assert sum(1 for i in list_issuers(store) if i.name == "Office of Ruritania") == 1


def test_nothing_names_the_issuer_so_it_stays_empty(store: Store) -> None:
    release_id = saved(store, "A", url="https://example.org/x")
    assert issuer_of(store, release_id) is None


def test_an_issuer_field_holding_a_whole_text_gives_no_issuer(store: Store) -> None:
    release_id = saved(store, "A", issuer="word " * 2000)
    assert issuer_of(store, release_id) is None


def test_the_issuer_named_at_import_is_for_releases_that_name_none(store: Store) -> None:
    batch = [
        (release("Named", issuer="Office of Ruritania", identity="n"), None),
        (release("Silent", identity="s"), None),
    ]
    named, silent = save_releases(store, batch, None, default_issuer="Farnesina")
    assert issuer_of(store, named.release_id) == "Office of Ruritania"
    assert issuer_of(store, silent.release_id) == find_issuer(store, "Farnesina").name


def test_renaming_keeps_the_old_name_as_one_it_is_found_by_and_undo_restores(
    store: Store,
) -> None:
    release_id = saved(store, "A", issuer="Ruritanian MFA")
    issuer = find_issuer(store, "Ruritanian MFA")
    before = rename_issuer(store, issuer.id, "Ministry of Foreign Affairs of Ruritania")
    assert issuer_of(store, release_id) == "Ministry of Foreign Affairs of Ruritania"
    later = saved(store, "B", issuer="Ruritanian MFA")
    assert issuer_of(store, later) == "Ministry of Foreign Affairs of Ruritania"
    restore_issuers(store, before)
    assert get_issuer(store, issuer.id).name == "Ruritanian MFA"


def test_a_name_another_issuer_has_is_refused_with_what_to_do(store: Store) -> None:
    saved(store, "A", issuer="Office A")
    saved(store, "B", issuer="Office B")
    office_b = find_issuer(store, "Office B")
    with pytest.raises(IssuerError, match="merge"):
        rename_issuer(store, office_b.id, "office a")


def test_merging_moves_releases_names_and_domains_and_undo_brings_all_back(
    store: Store,
) -> None:
    kept_release = saved(store, "A", issuer="Farnesina")
    other_release = saved(store, "B", issuer="Ministero degli Esteri (Ruritania desk)")
    keep = find_issuer(store, "Farnesina")
    other = find_issuer(store, "Ministero degli Esteri (Ruritania desk)")
    before_lists = list_issuers(store)
    snapshot = merge_issuers(store, keep.id, [other.id])
    assert issuer_of(store, other_release) == issuer_of(store, kept_release) == keep.name
    assert get_issuer(store, other.id) is None
    # the merged name now leads to the one kept
    assert find_issuer(store, "Ministero degli Esteri (Ruritania desk)").id == keep.id
    restore_issuers(store, snapshot)
    assert list_issuers(store) == before_lists
    assert issuer_of(store, other_release) == "Ministero degli Esteri (Ruritania desk)"


def test_splitting_off_takes_the_releases_found_under_the_names_moved(store: Store) -> None:
    spokesperson = saved(store, "A", issuer="Office of Ruritania")
    minister = saved(store, "B", issuer="Ruritanian Minister")
    office = find_issuer(store, "Office of Ruritania")
    merge_issuers(store, office.id, [find_issuer(store, "Ruritanian Minister").id])
    before, new_id = split_issuer(
        store, office.id, "Minister of Ruritania", ["Ruritanian Minister"], []
    )
    assert issuer_of(store, minister) == "Minister of Ruritania"
    assert issuer_of(store, spokesperson) == "Office of Ruritania"
    assert find_issuer(store, "Ruritanian Minister").id == new_id
    restore_issuers(store, before, created=(new_id,))
    assert issuer_of(store, minister) == "Office of Ruritania"
    assert get_issuer(store, new_id) is None


def test_setting_a_country_checks_the_code(store: Store) -> None:
    saved(store, "A", issuer="Office of Ruritania")
    office = find_issuer(store, "Office of Ruritania")
    set_issuer_country(store, office.id, "xk")
    assert get_issuer(store, office.id).country == "XK"
    with pytest.raises(IssuerError, match="two letters"):
        set_issuer_country(store, office.id, "Kosovo")


def test_the_list_filters_by_issuers_speaker_and_language(store: Store) -> None:
    saved(store, "A", issuer="Farnesina", speaker="Antonio Tajani", language="it")
    saved(store, "B", issuer="Farnesina", speaker="Office of the Spokesperson", language="en")
    saved(store, "C", issuer="Office of Ruritania", speaker="Antony J. Blinken", language="en")
    farnesina = find_issuer(store, "Farnesina").id

    def titles(**fields: object) -> list[str]:
        return sorted(r.title for r in page_of_releases(store, ReleaseFilter(**fields)))

    assert titles(issuer_ids=(farnesina,)) == ["A", "B"]
    assert titles(speakers=("tajani", "blinken")) == ["A", "C"]
    assert titles(speakers=("100%",)) == []
    assert titles(languages=("en",), issuer_ids=(farnesina,)) == ["B"]
