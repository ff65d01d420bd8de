"""The codebook as a tree, built one way for every view that shows it.

The topic panel (:class:`gui.models.tag_tree_model.TagTreeModel`), the topic picker and the
excerpts view's checklist show the same nesting in the same order — topics nested by
``parent_id``, a topic whose parent is gone at the top, siblings by name, depth first — and
the same colour swatch before each name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from store.tags import Tag


@dataclass(frozen=True)
class CodebookTree:
    """``children[None]`` are the top-level topics' ids, ``children[id]`` a topic's own;
    ``row[id]`` is a topic's place among its siblings."""

    tags: dict[int, Tag]
    children: dict[int | None, list[int]]
    row: dict[int, int]

    @classmethod
    def of(cls, tags: list[Tag]) -> CodebookTree:
        """The tree of ``tags`` as ``list_tags`` gives them (by name, case-insensitively),
        so each sibling list comes out sorted.

        >>> from store.tags import Tag
        >>> sanctions, oil = Tag(2, "Sanctions", "#fc0", None, ""), Tag(1, "Oil", "#fc0", 2, "")
        >>> tree = CodebookTree.of([oil, sanctions])
        >>> [tag.name for tag in tree.depth_first()], tree.path(1)
        (['Sanctions', 'Oil'], 'Sanctions › Oil')
        """
        by_id = {tag.id: tag for tag in tags}
        children: dict[int | None, list[int]] = {None: []}
        for tag in tags:
            parent = tag.parent_id if tag.parent_id in by_id else None
            children.setdefault(parent, []).append(tag.id)
        row = {tag_id: n for ids in children.values() for n, tag_id in enumerate(ids)}
        return cls(by_id, children, row)

    def parent_id(self, tag_id: int) -> int | None:
        """The topic it is nested under, None at the top."""
        parent = self.tags[tag_id].parent_id
        return parent if parent in self.tags else None

    def depth_first(self) -> list[Tag]:
        """Every topic in the order the tree shows them (depth first, siblings by name)."""
        ordered: list[Tag] = []
        stack = list(reversed(self.children[None]))
        while stack:
            tag_id = stack.pop()
            ordered.append(self.tags[tag_id])
            stack.extend(reversed(self.children.get(tag_id, [])))
        return ordered

    def subtree_ids(self, tag_id: int) -> set[int]:
        """The topic and every topic nested below it."""
        found, stack = set(), [tag_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self.children.get(current, []))
        return found

    def path(self, tag_id: int) -> str:
        """The topic's name after those it is nested under: "Sanctions › Oil price cap"."""
        names: list[str] = []
        current: int | None = tag_id
        while current is not None:
            names.append(self.tags[current].name)
            current = self.parent_id(current)
        return " › ".join(reversed(names))


def swatch_icon(colour: str, size: int = 14) -> QIcon:
    """A filled square with a darker rim, so pale highlight colours show on a light theme."""
    fill = QColor(colour)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(fill.darker(170))
    painter.setBrush(fill)
    painter.drawRoundedRect(0.5, 0.5, size - 1.0, size - 1.0, 3, 3)
    painter.end()
    return QIcon(pixmap)
