"""The codebook: unique names, colours, hierarchy, merge and delete."""

from __future__ import annotations

import pytest

from store.db import Store
from store.highlights import add_highlight_by_quote, get_highlight
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import (
    TagError,
    create_tag,
    delete_tag,
    descendants,
    ensure_tags,
    find_tag,
    get_tag,
    list_tags,
    merge_tags,
    move_tag,
    recolour_tag,
    rename_tag,
    restore_tag,
    snapshot_tag,
    tag_usage,
    undo_merge,
)


@pytest.fixture
def release_id(store: Store) -> int:
    body = paragraphs_to_markdown(["Italy supports Ukraine and the Western Balkans."])
    return save_release(store, ParsedRelease("Readout", body), None).release_id


def test_names_are_unique_whatever_their_case(store: Store) -> None:
    create_tag(store, "Ukraine")
    with pytest.raises(TagError, match="already exists"):
        create_tag(store, "  ukraine ")
    assert find_tag(store, "UKRAINE").name == "Ukraine"
    ids, changes = ensure_tags(store, ["ukraine", "Kosovo"])
    assert ids[0] == find_tag(store, "Ukraine").id and changes.tags
    assert [t.name for t in list_tags(store)] == ["Kosovo", "Ukraine"]


def test_new_tags_get_distinct_colours_and_colours_are_checked(store: Store) -> None:
    a = get_tag(store, create_tag(store, "A").created)
    b = get_tag(store, create_tag(store, "B").created)
    assert a.colour != b.colour
    recolour_tag(store, a.id, "#FF0000")
    assert get_tag(store, a.id).colour == "#ff0000"
    with pytest.raises(TagError):
        recolour_tag(store, a.id, "red; background: url(x)")


def test_nesting_refuses_cycles(store: Store) -> None:
    balkans = create_tag(store, "Western Balkans").created
    kosovo = create_tag(store, "Kosovo", parent_id=balkans).created
    north = create_tag(store, "North Kosovo").created
    move_tag(store, north, kosovo)
    assert descendants(store, balkans) == {kosovo, north}
    with pytest.raises(TagError, match="inside itself"):
        move_tag(store, balkans, north)
    move_tag(store, kosovo, None)
    assert get_tag(store, kosovo).parent_id is None


def test_merge_moves_every_use_onto_the_target(store: Store, release_id: int) -> None:
    ukraine = create_tag(store, "Ukraine").created
    kyiv = create_tag(store, "Kyiv").created
    child = create_tag(store, "Kyiv oblast", parent_id=kyiv).created
    h = add_highlight_by_quote(store, release_id, "Ukraine", tag_ids=[kyiv]).created
    both = add_highlight_by_quote(store, release_id, "Italy", tag_ids=[kyiv, ukraine]).created
    merge_tags(store, kyiv, ukraine)
    assert get_tag(store, kyiv) is None
    assert [t.name for t in get_highlight(store, h).tags] == ["Ukraine"]
    assert [t.name for t in get_highlight(store, both).tags] == ["Ukraine"]
    assert get_tag(store, child).parent_id == ukraine
    assert get_tag(store, ukraine).highlight_count == 2


def test_undoing_a_merge_takes_off_the_target_only_the_links_the_merge_added(
    store: Store, release_id: int
) -> None:
    ukraine = create_tag(store, "Ukraine").created
    kyiv = create_tag(store, "Kyiv").created
    child = create_tag(store, "Kyiv oblast", parent_id=kyiv).created
    only_kyiv = add_highlight_by_quote(store, release_id, "Ukraine", tag_ids=[kyiv]).created
    both = add_highlight_by_quote(store, release_id, "Italy", tag_ids=[kyiv, ukraine]).created
    source = snapshot_tag(store, kyiv)
    before = frozenset(snapshot_tag(store, ukraine).highlight_ids)
    merge_tags(store, kyiv, ukraine)
    changes = undo_merge(store, source, ukraine, before)
    assert changes.tags and changes.highlights == {release_id}
    assert [t.name for t in get_highlight(store, only_kyiv).tags] == ["Kyiv"]
    assert sorted(t.name for t in get_highlight(store, both).tags) == ["Kyiv", "Ukraine"]
    assert get_tag(store, child).parent_id == kyiv
    assert get_tag(store, ukraine).highlight_count == 1
    assert get_tag(store, kyiv).highlight_count == 2


def test_delete_keeps_the_highlights_and_undo_restores_everything(
    store: Store, release_id: int
) -> None:
    balkans = create_tag(store, "Western Balkans").created
    kosovo = create_tag(store, "Kosovo", parent_id=balkans).created
    h = add_highlight_by_quote(store, release_id, "Western Balkans", tag_ids=[balkans]).created
    assert tag_usage(store, balkans) == 1
    snapshot = snapshot_tag(store, balkans)
    delete_tag(store, balkans)
    assert get_highlight(store, h).tags == ()
    assert get_tag(store, kosovo).parent_id is None
    restore_tag(store, snapshot)
    assert [t.name for t in get_highlight(store, h).tags] == ["Western Balkans"]
    assert get_tag(store, kosovo).parent_id == balkans


def test_renaming_to_an_existing_name_is_refused(store: Store) -> None:
    create_tag(store, "NATO")
    eu = create_tag(store, "EU").created
    with pytest.raises(TagError):
        rename_tag(store, eu, "nato")
    rename_tag(store, eu, "NATO–EU")
    assert get_tag(store, eu).name == "NATO–EU"
