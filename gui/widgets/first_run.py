"""What the first run teaches: the example topics offered above an empty codebook, and a
hint in the reader until the analyst has made a highlight.

Both are offers, never questions that block: each goes away once answered (or once the
analyst has done what it teaches) and, remembered for this user, does not come back.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui import settings
from gui.operations.codebook import AddStarterCodebook
from gui.operations.runner import Operations
from store.changes import Changes
from store.excerpts import count_excerpts
from store.starter_codebook import StarterCodebookError, read_starter_codebook
from store.tags import list_tags

STARTER_QUESTION, HINT_QUESTION = "starter_codebook", "highlight_hint"


class StarterCodebookOffer(QFrame):
    """ "Start with example topics?  [Add them] [No thanks]" above an empty codebook.

    Shown while the codebook is empty and the analyst has not answered; either button
    answers for good. Adding is one undoable step.
    """

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setObjectName("starterCodebookOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.question = QLabel(
            "<b>Start with example topics?</b><br>A codebook drawn from the sample releases: "
            "sovereignty, alliances, human rights, sanctions, regions… Yours to rename, "
            "merge or delete.",
            self,
        )
        self.question.setWordWrap(True)
        self.add_button = QPushButton("Add them", self)
        self.add_button.setObjectName("addExampleTopics")
        self.add_button.setDefault(True)
        self.decline_button = QPushButton("No thanks", self)
        self.decline_button.setObjectName("declineExampleTopics")
        self.add_button.clicked.connect(self.add_topics)
        self.decline_button.clicked.connect(self.decline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.decline_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self._update())
        self._update()

    def add_topics(self) -> None:
        try:
            topics = read_starter_codebook()
        except StarterCodebookError as error:
            self.ops.report("The example topics were not added", str(error))
            return
        if self.ops.run(AddStarterCodebook(topics)):
            settings.remember_answered(STARTER_QUESTION)
            self.ops.say("Example topics added; Ctrl+Z takes them away again.", 6000)
        self._update()

    def decline(self) -> None:
        settings.remember_answered(STARTER_QUESTION)
        self._update()

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.elsewhere:
            self._update()

    def _update(self) -> None:
        offered = not settings.was_answered(STARTER_QUESTION) and not list_tags(self.ops.store)
        self.setVisible(offered)


class HighlightHint(QLabel):
    """ "Select a passage and press H" above the reader's text, with the key read from the
    highlight action, until the store (or any store, earlier) has a highlight."""

    def __init__(
        self, operations: Operations, highlight: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setObjectName("highlightHint")
        self.setAccessibleName("Hint")
        self.setWordWrap(True)
        self.setContentsMargins(12, 6, 12, 6)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        key = highlight.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setText(
            f"<b>Tip:</b> select a passage with the mouse and press <b>{key}</b> to highlight "
            "it with the topics selected in the codebook (keys <b>1</b>–<b>9</b>: the first "
            "nine topics). Hold Alt while dragging to select exact characters."
        )
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self._update())
        self._update()

    def _on_changes(self, changes: Changes) -> None:
        if changes.highlights or changes.elsewhere:
            self._update()

    def _update(self) -> None:
        if not settings.was_answered(HINT_QUESTION) and count_excerpts(self.ops.store):
            settings.remember_answered(HINT_QUESTION)  # the analyst has done what it teaches
        self.setVisible(not settings.was_answered(HINT_QUESTION))
