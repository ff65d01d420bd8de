"""The starter codebook: drawn from the samples, read with clear refusals, added and taken
away again in one transaction each."""

from __future__ import annotations

from importlib.resources import files

import pytest

from store.imports.pipeline import import_paths
from store.starter_codebook import (
    StarterCodebookError,
    add_starter_topics,
    read_starter_codebook,
    remove_starter_topics,
    restore_starter_topics,
)
from store.tags import TagError, create_tag, find_tag, list_tags


def every_topic(topics):
    for topic in topics:
        yield topic
        yield from every_topic(topic.topics)


def test_every_example_is_words_a_sample_release_says(store) -> None:
    import_paths(store, [files("resources").joinpath("samples")])
    texts = [row[0] for row in store.conn.execute("SELECT text FROM releases")]
    assert len(texts) == 14
    topics = list(every_topic(read_starter_codebook()))
    assert topics and all(topic.description for topic in topics)
    for topic in topics:
        if topic.example:
            assert any(topic.example in text for text in texts), topic.name


def test_adding_keeps_the_nesting_and_undoing_takes_all_of_it_back(store) -> None:
    topics = read_starter_codebook()
    ids, changes = add_starter_topics(store, topics)
    assert changes.tags and len(ids) == len(list(every_topic(topics)))
    for parent in topics:
        for child in parent.topics:
            assert find_tag(store, child.name).parent_id == find_tag(store, parent.name).id
    snapshots, _ = remove_starter_topics(store, ids)
    assert list_tags(store) == []
    restore_starter_topics(store, snapshots)
    assert sorted(t.id for t in list_tags(store)) == sorted(ids)
    assert find_tag(store, topics[1].topics[0].name).parent_id == find_tag(store, topics[1].name).id


def test_a_name_already_in_the_codebook_refuses_the_whole_codebook(store) -> None:
    create_tag(store, "Sanctions")
    with pytest.raises(TagError, match="“Sanctions” already exists"):
        add_starter_topics(store, read_starter_codebook())
    assert [t.name for t in list_tags(store)] == ["Sanctions"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[topic]\nname = ", "is not valid TOML"),
        ('[[topic]]\nname = "A"\n', "topic 1 (“A”): “colour” must be #RRGGBB"),
        ('[[topic]]\ncolour = "#ffffff"\n', "topic 1 has no name"),
        ('[[topic]]\nname = "A"\ncolour = "#ffffff"\n[[topic.topic]]\nname = 3\n', "must be text"),
        (
            '[[topic]]\nname = "A"\ncolour = "#ffffff"\n'
            '[[topic.topic]]\nname = "A"\ncolour = "#ffffff"\n',
            "names “A” more than once",
        ),
        ('topic = "A"\n', "must be a list"),
    ],
)
def test_a_broken_file_is_refused_with_a_sentence_naming_it(text, words) -> None:
    with pytest.raises(StarterCodebookError) as refused:
        read_starter_codebook(text, source="my-topics.toml")
    assert str(refused.value).startswith("my-topics.toml")
    assert words in str(refused.value)
