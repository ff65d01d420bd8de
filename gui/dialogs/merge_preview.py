"""What merging a colleague's store will add, and what the two stores hold differently, in
words, before anything is written; "Merge" makes it so, Cancel leaves the store alone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from store.coder_names import NO_CODER
from store.merge import MergeResult


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def adds_in_words(result: MergeResult) -> list[str]:
    """One line for releases, one for topics, one per coder whose highlights come in."""
    lines = [
        f"{_count(len(result.releases_added), 'new release')} "
        f"({result.releases_matched:,} already here)"
    ]
    topics = result.topic_names_added
    named = ": " + ", ".join(f"“{name}”" for name in topics[:8]) if topics else ""
    more = f" and {len(topics) - 8} more" if len(topics) > 8 else ""
    lines.append(f"{_count(len(topics), 'new topic')}{named}{more}")
    coders = sorted(result.highlights_by_coder.items(), key=lambda item: (-item[1], item[0]))
    lines.append(_count(len(result.highlights_added), "new highlight"))
    lines += [f"    by {coder or NO_CODER}: {count:,}" for coder, count in coders]
    if result.links_added:
        lines.append(f"{_count(len(result.links_added), 'topic')} added to highlights both hold")
    if result.notes_added:
        lines.append(f"{_count(len(result.notes_added), 'note')} added where ours was empty")
    return lines


class MergePreview(QDialog):
    """The preview of one merge; ``exec()`` returns Accepted when "Merge" was pressed."""

    def __init__(self, shown_name: str, result: MergeResult, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("mergePreview")
        self.setWindowTitle(f"Merge {shown_name}")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        headline = (
            f"{shown_name} holds nothing this store does not."
            if result.adds_nothing
            else f"Merging {shown_name} will add:"
        )
        layout.addWidget(QLabel(headline, self))
        adds = QLabel("\n".join(adds_in_words(result)), self)
        adds.setObjectName("mergeAdds")
        layout.addWidget(adds)
        conflicts = result.conflicts
        layout.addWidget(
            QLabel(
                f"{_count(len(conflicts), 'difference')} kept as this store has them:"
                if conflicts
                else "Nothing differs between the two stores.",
                self,
            )
        )
        if conflicts:
            listed = QListWidget(self)
            listed.setObjectName("mergeConflicts")
            listed.setWordWrap(True)
            listed.addItems([conflict.message for conflict in conflicts])
            layout.addWidget(listed, 1)
        layout.addWidget(QLabel("The merge is one step: Edit ▸ Undo takes it all back.", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(not result.adds_nothing)
        self.merge_button.setDefault(not result.adds_nothing)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
