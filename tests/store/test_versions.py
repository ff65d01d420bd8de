"""A release's versions and the word diff the window shows between two of them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.versions import DiffSegment, versions_of_release, word_diff


def release(title: str, *paragraphs: str) -> ParsedRelease:
    return ParsedRelease(
        title=title, body_markdown=paragraphs_to_markdown(list(paragraphs)), identity="guid-7"
    )


def test_versions_list_every_text_oldest_first_and_the_current_one_last(store: Store) -> None:
    first = save_release(store, release("Readout", "Italy supports Ukraine."), "a.rss")
    save_release(store, release("Readout", "Italy firmly supports Ukraine."), "b.rss")
    save_release(store, release("Readout (updated)", "Italy firmly supports Ukraine."), "c.rss")
    versions = versions_of_release(store, first.release_id)
    assert [(v.label, v.origin_file, v.title) for v in versions] == [
        ("Version 1", "a.rss", "Readout"),
        ("Version 2", "b.rss", "Readout"),
        ("Version 3 (current)", "c.rss", "Readout (updated)"),
    ]
    assert versions[0].text == "Italy supports Ukraine."
    assert versions[-1].text == "Italy firmly supports Ukraine."
    assert all(v.imported_at for v in versions)
    assert [v.imported_at for v in versions] == sorted(v.imported_at for v in versions)


def test_a_release_never_revised_has_only_its_current_version(store: Store) -> None:
    saved = save_release(store, release("Readout", "Italy supports Ukraine."), None)
    (only,) = versions_of_release(store, saved.release_id)
    assert (only.label, only.text) == ("Current version", "Italy supports Ukraine.")
    assert versions_of_release(store, saved.release_id + 1) == []


def test_changed_words_are_marked_as_whole_words() -> None:
    old = "The Secretary met Foreign Minister Kuleba in Kyiv on Monday."
    new = "The Secretary met Prime Minister Shmyhal in Kyiv on Tuesday."
    assert word_diff(old, new) == [
        DiffSegment("same", "The Secretary met "),
        DiffSegment("removed", "Foreign"),
        DiffSegment("added", "Prime"),
        DiffSegment("same", " Minister "),
        DiffSegment("removed", "Kuleba"),
        DiffSegment("added", "Shmyhal"),
        DiffSegment("same", " in Kyiv on "),
        DiffSegment("removed", "Monday"),
        DiffSegment("added", "Tuesday"),
        DiffSegment("same", "."),
    ]


def test_a_rewritten_phrase_reads_as_one_removal_and_one_addition() -> None:
    segments = word_diff("They met in Rome today.", "They spoke by phone today.")
    assert segments == [
        DiffSegment("same", "They "),
        DiffSegment("removed", "met in Rome"),
        DiffSegment("added", "spoke by phone"),
        DiffSegment("same", " today."),
    ]


def test_identical_and_empty_texts() -> None:
    assert word_diff("Same text.", "Same text.") == [DiffSegment("same", "Same text.")]
    assert word_diff("", "New.") == [DiffSegment("added", "New.")]
    assert word_diff("Old.", "") == [DiffSegment("removed", "Old.")]
    assert word_diff("", "") == []


_text = st.lists(
    st.sampled_from(list("ab cd,.\n\r") + ["é", "e\u0301", "🇺🇦", "ש", "ب"]), max_size=80
).map("".join)


@settings(max_examples=300, deadline=None)
@given(old=_text, new=_text)
def test_the_segments_give_back_both_texts(old: str, new: str) -> None:
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.kind != "added") == old
    assert "".join(s.text for s in segments if s.kind != "removed") == new
    assert all(s.text for s in segments)
    kinds = [s.kind for s in segments]
    assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False))  # runs are merged
