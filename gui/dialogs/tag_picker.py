"""The small popup that asks which topics a highlight carries, and can add new ones.

The analyst types: completion offers existing topics (any part of the name, any case), Enter
adds the typed topic to the chosen ones (or marks a new name to be created), Enter on an
empty line closes the popup with what is chosen. The popup writes nothing: it returns a
:class:`TopicChoice` (the chosen topics' ids and the new names), and the operation that uses
it creates the new topics in the same undoable step (``gui.operations.highlights``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.models.codebook_tree import CodebookTree, swatch_icon
from gui.operations.highlights import TopicChoice
from store.db import Store
from store.tags import list_tags

_NEW = Qt.ItemDataRole.UserRole + 1  # the item is a name still to be created
_ID = Qt.ItemDataRole.UserRole + 2


class TagPicker(QDialog):
    """Checkable topics with a type-to-find line; see :meth:`ask`."""

    def __init__(self, store: Store, parent: QWidget | None = None, preselected=()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Topics for this highlight")
        self.store = store
        self.choice: TopicChoice | None = None
        tags = list_tags(store)
        self._by_name = {t.name.casefold(): t for t in tags}

        self.entry = QLineEdit(self)
        self.entry.setObjectName("tagPickerEntry")
        self.entry.setPlaceholderText("Type a topic; Enter adds it")
        self.entry.setAccessibleName("Topic name")
        self.completer = QCompleter(QStringListModel([t.name for t in tags], self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.entry.setCompleter(self.completer)
        self.completer.activated[str].connect(self._on_completion)
        self.entry.textChanged.connect(self._on_text)
        self.entry.installEventFilter(self)
        # Installed after the completer's own filter, so it runs first: Enter in the popup
        # adds the highlighted completion (or, with none highlighted, what was typed).
        self.completer.popup().installEventFilter(self)

        self.hint = QLabel(self)
        self.hint.setObjectName("tagPickerHint")
        self.hint.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("tagPickerList")
        self.list.setAccessibleName("Topics")
        self.list.setUniformItemSizes(True)
        chosen = set(preselected)
        tree = CodebookTree.of(tags)
        for tag in tree.depth_first():  # in the order the codebook panel shows them
            self._add_item(tree.path(tag.id), tag.colour, tag.id, tag.id in chosen)
        self.list.itemChanged.connect(lambda _item: self._on_text(self.entry.text()))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in buttons.buttons():  # Enter belongs to the entry line, not to OK
            button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.entry)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(340, 380)
        self._on_text("")

    @classmethod
    def ask(
        cls, store: Store, parent: QWidget | None = None, preselected: list[int] = ()
    ) -> TopicChoice | None:
        """The chosen topics and new names, or None when the analyst cancels."""
        dialog = cls(store, parent, preselected)
        dialog.entry.setFocus()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice if accepted else None

    # -- what is chosen ------------------------------------------------------------------------

    def chosen_ids(self) -> list[int]:
        return [
            item.data(_ID) for item in self._items() if self._checked(item) and not item.data(_NEW)
        ]

    def new_names(self) -> list[str]:
        return [
            item.data(_NEW) for item in self._items() if self._checked(item) and item.data(_NEW)
        ]

    def accept(self) -> None:
        if self.entry.text().strip():  # what is typed but not yet added counts as chosen
            self.add_typed(self.entry.text())
        self.choice = TopicChoice(tuple(self.chosen_ids()), tuple(self.new_names()))
        super().accept()

    def add_typed(self, text: str) -> None:
        """Check the topic of that name, or list it as a new one to create."""
        name = " ".join(text.split())
        if not name:
            return
        tag = self._by_name.get(name.casefold())
        item = self._find_item(tag.id if tag else None, name)
        if item is None:
            item = self._add_item(name, None, None, True, new=True)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.scrollToItem(item)
        self.entry.clear()
        self._on_text("")

    # -- typing --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if is_enter and watched is self.completer.popup():
            current = self.completer.popup().currentIndex()
            self.completer.popup().hide()
            self.add_typed(current.data() if current.isValid() else self.entry.text())
            return True
        if is_enter and watched is self.entry:
            if self.entry.text().strip():
                self.add_typed(self.entry.text())
            else:
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def _on_completion(self, name: str) -> None:
        # A click in the popup: the line edit writes the completion into itself after this
        # signal, so add (and clear the line) once that is done.
        QTimer.singleShot(0, lambda: self.add_typed(name))

    def _on_text(self, text: str) -> None:
        """Narrow the list to matching topics and say what Enter will do."""
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().casefold())
        name = " ".join(text.split())
        if not name:
            chosen = len(self.chosen_ids()) + len(self.new_names())
            self.hint.setText(f"{chosen} chosen · Enter: done" if chosen else "Enter: done")
        elif name.casefold() in self._by_name:
            self.hint.setText(f"Enter: add “{self._by_name[name.casefold()].name}”")
        elif any(not item.isHidden() and not item.data(_NEW) for item in self._items()):
            self.hint.setText(f"Enter: create “{name}” · ↓ picks a listed topic")
        else:
            self.hint.setText(f"Enter: create “{name}”")

    # -- the list ------------------------------------------------------------------------------

    def _add_item(
        self, text: str, colour: str | None, tag_id: int | None, checked: bool, new: bool = False
    ) -> QListWidgetItem:
        item = QListWidgetItem(f"{text}  (new topic)" if new else text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsSelectable
        )
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(_ID, tag_id)
        if new:
            item.setData(_NEW, text)
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            self.list.insertItem(0, item)
        else:
            item.setIcon(swatch_icon(colour))
            self.list.addItem(item)
        return item

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    @staticmethod
    def _checked(item: QListWidgetItem) -> bool:
        return item.checkState() == Qt.CheckState.Checked

    def _find_item(self, tag_id: int | None, name: str) -> QListWidgetItem | None:
        for item in self._items():
            if tag_id is not None and item.data(_ID) == tag_id:
                return item
            if tag_id is None and (item.data(_NEW) or "").casefold() == name.casefold():
                return item
        return None
