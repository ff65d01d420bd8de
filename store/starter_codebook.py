"""The starter codebook: example topics, drawn from the sample releases, that a new analyst
may take as the beginning of their own codebook.

The topics are data (``resources/starter_codebook.toml``: names, colours, descriptions, an
example phrase from a sample, sub-topics). Adding them is one transaction, and so is taking
them away again, so the window can offer the whole codebook as one undoable step.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files

from store.changes import Changes
from store.db import Store, StoreError
from store.tags import TagSnapshot, create_tag, delete_tag, restore_tag, snapshot_tag

RESOURCE = "starter_codebook.toml"


class StarterCodebookError(StoreError):
    """The starter codebook's file cannot be read as topics (one sentence naming the field)."""


@dataclass(frozen=True)
class StarterTopic:
    name: str
    colour: str
    description: str
    example: str = ""
    topics: tuple[StarterTopic, ...] = ()

    @property
    def full_description(self) -> str:
        """The description the codebook shows: what the topic is for, and a sample's words."""
        if not self.example:
            return self.description
        return f"{self.description} For example: “{self.example}”."


def read_starter_codebook(
    text: str | None = None, source: str = f"resources/{RESOURCE}"
) -> list[StarterTopic]:
    """The starter topics, from ``text`` or else from the file the program ships.

    Raises :class:`StarterCodebookError` naming ``source`` and the topic or field at fault.

    >>> text = '[[topic]]\\nname = "Sanctions"\\ncolour = "#f4a6a6"'
    >>> [topic.name for topic in read_starter_codebook(text)]
    ['Sanctions']
    """
    if text is None:
        text = files("resources").joinpath(RESOURCE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StarterCodebookError(f"{source} is not valid TOML: {error}.") from None
    topics = _topics(data, source, "")
    names = [name for topic in topics for name in _names(topic)]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise StarterCodebookError(f"{source} names “{repeated[0]}” more than once.")
    return topics


def _topics(table: dict, source: str, where: str) -> list[StarterTopic]:
    entries = table.get("topic", [])
    if not isinstance(entries, list):
        raise StarterCodebookError(f"{source}: “topic”{where} must be a list of [[topic]] tables.")
    return [_topic(entry, source, f"{where} topic {n}") for n, entry in enumerate(entries, 1)]


def _topic(entry: dict, source: str, where: str) -> StarterTopic:
    fields = {}
    for field in ("name", "colour", "description", "example"):
        value = entry.get(field, "")
        if not isinstance(value, str):
            raise StarterCodebookError(f"{source}:{where}: “{field}” must be text.")
        fields[field] = value.strip()
    if not fields["name"]:
        raise StarterCodebookError(f"{source}:{where} has no name.")
    where = f"{where} (“{fields['name']}”)"
    colour = fields["colour"]
    if not (len(colour) == 7 and colour[0] == "#" and _is_hex(colour[1:])):
        raise StarterCodebookError(f"{source}:{where}: “colour” must be #RRGGBB, not “{colour}”.")
    return StarterTopic(**fields, topics=tuple(_topics(entry, source, where)))


def _is_hex(digits: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in digits)


def _names(topic: StarterTopic) -> list[str]:
    return [topic.name, *(name for child in topic.topics for name in _names(child))]


def add_starter_topics(store: Store, topics: list[StarterTopic]) -> tuple[list[int], Changes]:
    """Add the topics and their sub-topics to the codebook in one transaction; returns their
    ids, each parent before its sub-topics. A name already in the codebook refuses it all."""
    ids: list[int] = []

    def add(topic: StarterTopic, parent_id: int | None) -> None:
        created = create_tag(
            store, topic.name, topic.colour, parent_id, topic.full_description
        ).created
        ids.append(created)
        for child in topic.topics:
            add(child, created)

    with store.write():
        for topic in topics:
            add(topic, None)
    return ids, Changes(tags=True)


def remove_starter_topics(store: Store, ids: list[int]) -> tuple[list[TagSnapshot], Changes]:
    """Take the added topics out again in one transaction (sub-topics first); returns what
    :func:`restore_starter_topics` needs to bring them back with their ids and links."""
    snapshots: list[TagSnapshot] = []
    changes = Changes(tags=True)
    with store.write():
        for tag_id in reversed(ids):
            snapshots.append(snapshot_tag(store, tag_id))
            changes |= delete_tag(store, tag_id)
    return snapshots[::-1], changes


def restore_starter_topics(store: Store, snapshots: list[TagSnapshot]) -> Changes:
    """Bring removed starter topics back, parents first, in one transaction."""
    changes = Changes(tags=True)
    with store.write():
        for snapshot in snapshots:
            changes |= restore_tag(store, snapshot)
    return changes
