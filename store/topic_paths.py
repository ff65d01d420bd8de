"""Naming a topic by its path in the codebook, as the command line does: ``Europe/Balkans``.

A path is topic names joined by ``/``, each the sub-topic of the one before; it may begin at
any topic, since a name is unique in the codebook. A slash inside a name is written ``\\/``
(and a backslash ``\\\\``): ``AU\\/EU`` is the one topic "AU/EU". A topic that already has the
whole text as its name is that topic, so names holding a slash keep working unescaped.
"""

from __future__ import annotations

from store.changes import Changes
from store.db import Store
from store.tags import Tag, TagError, create_tag, find_tag, get_tag, list_tags


def topic_names(path: str) -> list[str]:
    r"""The names along a path, the escapes read.

    >>> topic_names("Europe/Balkans")
    ['Europe', 'Balkans']
    >>> topic_names(r"Relations/AU\/EU")
    ['Relations', 'AU/EU']
    """
    names, name, escaped = [], [], False
    for char in path:
        if escaped:
            name.append(char if char in "/\\" else "\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "/":
            names.append("".join(name))
            name = []
        else:
            name.append(char)
    names.append("".join(name) + ("\\" if escaped else ""))
    if not path.strip():
        raise TagError("A topic needs a name; write it as Topic, or Parent/Topic for a sub-topic.")
    if any(not part.strip() for part in names):
        raise TagError(f"“{path}” names no topic between two slashes; write Parent/Topic.")
    return names


def topic_paths(store: Store) -> dict[int, str]:
    r"""Every topic's path of names from the top of the codebook, as :func:`find_topic` reads
    them (a slash inside a name written ``\/``)."""
    tags = {tag.id: tag for tag in list_tags(store)}
    paths: dict[int, str] = {}

    def path_of(tag_id: int) -> str:  # the codebook has no cycles: move_tag refuses them
        if tag_id not in paths:
            tag = tags[tag_id]
            name = tag.name.replace("\\", "\\\\").replace("/", "\\/")
            above = path_of(tag.parent_id) + "/" if tag.parent_id in tags else ""
            paths[tag_id] = above + name
        return paths[tag_id]

    for tag_id in tags:
        path_of(tag_id)
    return paths


def find_topic(store: Store, path: str) -> Tag | None:
    """The topic a path names, or None when one of its names is not there."""
    whole = find_tag(store, path)
    if whole is not None:
        return whole
    topic = None
    for name in topic_names(path):
        found = find_tag(store, name)
        if found is None or (topic is not None and found.parent_id != topic.id):
            return None
        topic = found
    return topic


def ensure_topics(store: Store, paths: list[str]) -> tuple[list[int], Changes]:
    """The ids of the topics these paths name, creating those that are new under their parents
    (the parents too); a name already in the codebook under another parent is refused."""
    ids, changes = [], Changes()
    with store.write():
        for path in paths:
            whole = find_tag(store, path)
            if whole is not None:
                ids.append(whole.id)
                continue
            parent = None
            for name in topic_names(path):
                found = find_tag(store, name)
                if found is None:
                    created = create_tag(store, name, parent_id=parent.id if parent else None)
                    changes |= created
                    found = get_tag(store, created.created)
                elif parent is not None and found.parent_id != parent.id:
                    raise TagError(_elsewhere(store, found, parent))
                parent = found
            ids.append(parent.id)
    return ids, changes


def _elsewhere(store: Store, topic: Tag, wanted: Tag) -> str:
    now = get_tag(store, topic.parent_id) if topic.parent_id is not None else None
    place = f"under “{now.name}”" if now else "at the top of the codebook"
    return (
        f"The topic “{topic.name}” is already {place}, not under “{wanted.name}”: "
        f"name it “{topic.name}” alone, or move it under “{wanted.name}” in the codebook."
    )
