"""The codebook's modal questions: a name, a colour, a description, a merge target, "delete?".

One static method each on :class:`CodebookPrompts`, so the topic panel reads as the analyst's
gestures and tests replace a question without a dialog blocking the run.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox, QWidget

from store.tags import Tag


def delete_confirmation(tag: Tag, usage: int, sub_topics: int) -> str:
    """The question asked before deleting, with what it touches and what stays."""
    uses = f"{usage} highlight{'s' if usage != 1 else ''}"
    text = (
        f"Delete the topic “{tag.name}”? It is removed from {uses}; the highlights themselves stay."
    )
    if sub_topics:
        moved = f"{sub_topics} sub-topic{'s' if sub_topics != 1 else ''}"
        text += f" Its {moved} move up one level."
    return text + " You can undo this."


class CodebookPrompts:
    """The panel's modal questions, one static method each, so tests can replace them."""

    @staticmethod
    def ask_name(parent: QWidget, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(parent, title, label)
        return text.strip() if ok and text.strip() else None

    @staticmethod
    def ask_colour(parent: QWidget, tag: Tag) -> str | None:
        colour = QColorDialog.getColor(QColor(tag.colour), parent, f"Colour of “{tag.name}”")
        return colour.name() if colour.isValid() else None

    @staticmethod
    def ask_description(parent: QWidget, tag: Tag) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            parent, "Description", f"What “{tag.name}” covers:", tag.description
        )
        return text.strip() if ok else None

    @staticmethod
    def ask_merge_target(
        parent: QWidget, source: Tag, choices: list[tuple[str, int]]
    ) -> int | None:
        labels = [label for label, _ in choices]
        label, ok = QInputDialog.getItem(
            parent, "Merge topics", f"Merge “{source.name}” into:", labels, 0, False
        )
        return dict(choices).get(label) if ok else None

    @staticmethod
    def confirm_delete(parent: QWidget, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete topic", text, parent=parent)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete
