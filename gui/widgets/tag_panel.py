"""The topic panel: the codebook as a tree the analyst edits, selects and filters by.

Every edit is an undoable operation (gui/operations/codebook.py) that the runner carries
out, puts on the undo stack and announces on the bus; the panel redraws from the bus like
every other view, so a change made elsewhere (another panel, an undo) shows up the same way.

Modal questions go through :class:`gui.dialogs.codebook_prompts.CodebookPrompts`, whose
static methods tests replace.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.codebook_prompts import CodebookPrompts, delete_confirmation
from gui.models.tag_tree_model import COUNT_COLUMN, KEY_ROLE, NAME_COLUMN, TagTreeModel
from gui.operations.codebook import (
    CreateTag,
    DeleteTag,
    DescribeTag,
    MergeTags,
    MoveTag,
    RecolourTag,
    RenameTag,
)
from gui.operations.runner import Operations
from store.changes import Changes
from store.db import Store
from store.tags import Tag, tag_usage


class _KeyBadgeDelegate(QStyledItemDelegate):
    """Draws the 1–9 key badge at the right edge of a topic's name cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if not key:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        side = opt.fontMetrics.height()
        badge = opt.rect.adjusted(opt.rect.width() - side - 6, 0, -4, 0)
        badge.setTop(opt.rect.center().y() - side // 2)
        badge.setHeight(side)
        opt.rect.setRight(badge.left() - 4)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.highlightedText() if selected else opt.palette.text()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rim = QColor(ink.color())
        rim.setAlpha(110)
        painter.setPen(rim)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(badge, 3, 3)
        painter.setPen(ink.color())
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(key))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        hint = super().sizeHint(option, index)
        if index.data(KEY_ROLE):
            hint.setWidth(hint.width() + option.fontMetrics.height() + 10)
        return hint


class TagPanel(QWidget):
    """The codebook panel. ``selectionChangedTags``: the selected tag ids;
    ``filterReleasesByTags``: selected ids and their sub-topics while filtering is on, else []."""

    selectionChangedTags = Signal(list)
    filterReleasesByTags = Signal(list)
    prompts = CodebookPrompts

    def __init__(self, operations: Operations, parent=None) -> None:
        super().__init__(parent)
        self.ops = operations
        self._collapsed: set[int] = set()
        self._restoring = False  # expandAll() emits expanded(): not the analyst's doing
        self._last_selection: list[int] = []
        self.model = TagTreeModel(operations.store, self)
        self.model.rename_handler = self._rename_from_view
        self.model.move_handler = self._move_from_view
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(NAME_COLUMN)
        self._build_actions()
        self._build_widgets()
        # Highlight counts are re-read once the event that changed them is done (a save
        # returns at once, a burst of changes costs one re-read); codebook edits, at once.
        self._counts_timer = QTimer(self, singleShot=True, interval=0)
        self._counts_timer.timeout.connect(self._refresh)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self._set_store)
        self.model.modelReset.connect(self._restore_view_state)
        self._restore_view_state()

    # -- building --------------------------------------------------------------------------

    def _action(self, text: str, name: str, slot, shortcut: QKeySequence | str | None = None):
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # Only while the panel has focus: Delete in the reader deletes a highlight.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.actionNewTopic = self._action("New topic…", "actionNewTopic", self.new_topic)
        self.actionNewSubTopic = self._action(
            "New sub-topic…", "actionNewSubTopic", self.new_sub_topic
        )
        self.actionRenameTopic = self._action("Rename", "actionRenameTopic", self.rename, "F2")
        self.actionRecolourTopic = self._action("Colour…", "actionRecolourTopic", self.recolour)
        self.actionDescribeTopic = self._action(
            "Description…", "actionDescribeTopic", self.describe
        )
        self.actionMergeTopic = self._action("Merge into…", "actionMergeTopic", self.merge)
        self.actionDeleteTopic = self._action(
            "Delete", "actionDeleteTopic", self.delete, QKeySequence.StandardKey.Delete
        )
        self.actionFilterByTopics = QAction("Filter releases by selected topics", self)
        self.actionFilterByTopics.setObjectName("actionFilterByTopics")
        self.actionFilterByTopics.setCheckable(True)
        self.actionFilterByTopics.setToolTip(
            "Show only releases with highlights carrying the selected topics or their sub-topics"
        )
        self.actionFilterByTopics.toggled.connect(lambda _on: self._emit_filter())
        self._tag_actions = [
            self.actionNewSubTopic,
            self.actionRenameTopic,
            self.actionRecolourTopic,
            self.actionDescribeTopic,
            self.actionMergeTopic,
            self.actionDeleteTopic,
        ]

    def _build_widgets(self) -> None:
        self.findBox = QLineEdit(self)
        self.findBox.setObjectName("tagFilter")
        self.findBox.setPlaceholderText("Find a topic…")
        self.findBox.setClearButtonEnabled(True)
        self.findBox.setAccessibleName("Find a topic")
        self.findBox.textChanged.connect(self._on_find)

        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.actionNewTopic)
        edit_menu = QMenu("Edit", self)
        for action in self._tag_actions:
            edit_menu.addAction(action)
        edit_button = QToolButton(self)
        edit_button.setText("Edit")
        edit_button.setMenu(edit_menu)
        edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(edit_button)
        toolbar.addSeparator()
        filter_button = QToolButton(self)
        filter_button.setDefaultAction(self.actionFilterByTopics)
        filter_button.setText("Filter list")
        toolbar.addWidget(filter_button)

        self.tree = QTreeView(self)
        self.tree.setObjectName("tagTree")
        self.tree.setAccessibleName("Topics")
        self.tree.setModel(self.proxy)
        self.tree.setItemDelegateForColumn(NAME_COLUMN, _KeyBadgeDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.collapsed.connect(self._on_collapsed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.findBox)
        layout.addWidget(toolbar)
        self.emptyHint = QLabel("No topics yet. “New topic…” starts the codebook.", self)
        self.emptyHint.setWordWrap(True)
        self.emptyHint.setContentsMargins(4, 4, 4, 4)
        self.emptyHint.setStyleSheet("font-style: italic")  # readable, yet not a topic
        layout.addWidget(self.emptyHint)
        layout.addWidget(self.tree)
        self.model.modelReset.connect(self._update_empty_hint)
        self._update_empty_hint()
        self._update_actions()

    # -- public interface ----------------------------------------------------------------

    def selected_tag_ids(self) -> list[int]:
        """Selected topics in tree order."""
        rows = self.tree.selectionModel().selectedRows(NAME_COLUMN)
        chosen = {self._id_at(i) for i in rows}
        return [t for t in self.model.ordered_ids() if t in chosen]

    def first_nine_tag_ids(self) -> list[int]:
        """The topics keys 1–9 apply: the first nine in tree order (depth first, by name),
        whether or not their branch is collapsed, so the keys do not shift as the tree does."""
        return self.model.ordered_ids()[:9]

    def _set_store(self, store: Store) -> None:
        self._collapsed.clear()
        self._counts_timer.stop()
        self.model.set_store(store)

    def select_tags(self, tag_ids: list[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for tag_id in tag_ids:
            index = self.proxy.mapFromSource(self.model.index_of(tag_id))
            if index.isValid():
                selection.select(index, flags)
                self.tree.scrollTo(index)
        if tag_ids:
            current = self.proxy.mapFromSource(self.model.index_of(tag_ids[0]))
            selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)

    # -- actions -----------------------------------------------------------------------------

    def current_tag(self) -> Tag | None:
        ids = self.selected_tag_ids()
        current = self._id_at(self.tree.currentIndex())
        tag_id = current if current in ids else (ids[0] if ids else None)
        return self.model.tag(tag_id) if tag_id is not None else None

    def new_topic(self, parent_id: int | None = None) -> None:
        parent = self.model.tag(parent_id) if parent_id else None
        label = f"Name of the new sub-topic of “{parent.name}”:" if parent else "Topic name:"
        name = self.prompts.ask_name(self, "New topic", label)
        if name:
            command = CreateTag(name, parent.id if parent else None)
            if self.ops.run(command):
                self.select_tags([command.tag_id])

    def new_sub_topic(self) -> None:
        tag = self.current_tag()
        if tag:
            self.new_topic(tag.id)

    def rename(self) -> None:
        tag = self.current_tag()
        if tag:
            self.tree.edit(self.proxy.mapFromSource(self.model.index_of(tag.id)))

    def recolour(self) -> None:
        tag = self.current_tag()
        colour = self.prompts.ask_colour(self, tag) if tag else None
        if tag and colour and colour.lower() != tag.colour.lower():
            self.ops.run(RecolourTag(tag, colour))

    def describe(self) -> None:
        tag = self.current_tag()
        text = self.prompts.ask_description(self, tag) if tag else None
        if tag and text is not None and text != tag.description:
            self.ops.run(DescribeTag(tag, text))

    def merge(self) -> None:
        source = self.current_tag()
        if source is None:
            return
        excluded = self.model.subtree_ids(source.id)
        choices = [(self._path_name(t), t) for t in self.model.ordered_ids() if t not in excluded]
        if not choices:
            self.ops.report("Merge topic", "There is no other topic to merge into.")
            return
        target_id = self.prompts.ask_merge_target(self, source, choices)
        target = self.model.tag(target_id) if target_id is not None else None
        if target and self.ops.run(MergeTags(source, target)):
            self.select_tags([target.id])

    def delete(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        nested = sum(1 for t in self.model.tags() if t.parent_id == tag.id)
        text = delete_confirmation(tag, tag_usage(self.ops.store, tag.id), nested)
        if self.prompts.confirm_delete(self, text):
            self.ops.run(DeleteTag(tag))

    # -- from the view: inline rename, drag and drop ------------------------------------------

    def _rename_from_view(self, tag_id: int, name: str) -> bool:
        tag = self.model.tag(tag_id)
        return bool(tag) and self.ops.run(RenameTag(tag, name))

    def _move_from_view(self, tag_ids: list[int], parent_id: int | None) -> bool:
        tags = [t for t in map(self.model.tag, tag_ids) if t is not None]
        moves = [MoveTag(t, parent_id) for t in tags]
        moved = bool(moves) and self.ops.run_steps(f"Move {len(tags)} topics", moves)
        if parent_id is not None:
            self._collapsed.discard(parent_id)
            self.tree.expand(self.proxy.mapFromSource(self.model.index_of(parent_id)))
        return moved

    # -- keeping the view in step ------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags:
            self._refresh()
        elif changes.highlights:
            self._counts_timer.start()

    def _refresh(self) -> None:
        self._counts_timer.stop()
        self.model.refresh()
        self._on_selection()

    def _restore_view_state(self) -> None:
        """After a reset (a nesting changed, a topic came or went): expand all but the
        branches the analyst collapsed, and select again what is still there."""
        self._restoring = True
        try:
            self.tree.expandAll()
            for tag_id in self._collapsed:
                self.tree.collapse(self.proxy.mapFromSource(self.model.index_of(tag_id)))
        finally:
            self._restoring = False
        self.select_tags([t for t in self._last_selection if self.model.tag(t)])

    def _on_expanded(self, index: QModelIndex) -> None:
        if not self._restoring:
            self._collapsed.discard(self._id_at(index))

    def _on_collapsed(self, index: QModelIndex) -> None:
        if not self._restoring:
            self._collapsed.add(self._id_at(index))

    def _on_selection(self, *_args) -> None:
        ids = self.selected_tag_ids()
        self._update_actions()
        if ids != self._last_selection:
            self._last_selection = ids
            self.selectionChangedTags.emit(ids)
            self._emit_filter()

    def _emit_filter(self) -> None:
        ids: set[int] = set()
        if self.actionFilterByTopics.isChecked():
            for tag_id in self._last_selection:
                ids |= self.model.subtree_ids(tag_id)
        self.filterReleasesByTags.emit(sorted(ids))

    def _update_empty_hint(self) -> None:
        self.emptyHint.setVisible(self.model.rowCount() == 0)

    def _update_actions(self) -> None:
        has_tag = bool(self.tree.selectionModel().selectedRows())
        for action in self._tag_actions:
            action.setEnabled(has_tag)

    def _on_find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self._restoring = True
            self.tree.expandAll()
            self._restoring = False
        else:
            self._restore_view_state()

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.actionNewTopic)
        menu.addActions(self._tag_actions)
        menu.addSeparator()
        menu.addAction(self.actionFilterByTopics)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _id_at(self, proxy_index: QModelIndex) -> int | None:
        return self.model.tag_id(self.proxy.mapToSource(proxy_index))

    def _path_name(self, tag_id: int) -> str:
        return self.model.path(tag_id)
