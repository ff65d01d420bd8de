"""The highlights of the release being read: quote, topics and note, and their editing.

Highlights that lost their place when the release was revised are listed apart, under
"Lost its place", so the analyst sees them and can delete them or re-attach them by hand.
Every edit is an undoable operation run by the window's runner; the panel lists what the
release being read (``gui.models.reading``) reads, and never reloads itself.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.models.highlight_list_model import HighlightListModel, HighlightRole, IdRole
from gui.models.reading import Reading
from gui.operations.highlights import DeleteHighlight, NoteHighlight, RetagHighlight
from gui.operations.runner import Operations
from store.highlights import Highlight

CHIP_INK = "#1a1a1a"  # tag colours are light in either palette
UNTAGGED = "#d6d2c4"
LOST_INK = "#8a6d3b"


class HighlightDelegate(QStyledItemDelegate):
    """Draws a highlight as the reader sees it: a colour bar, the quote (three lines at most),
    its topics as coloured chips, and the note in italics."""

    PAD = 6
    BAR = 4
    QUOTE_LINES = 3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        highlight = index.data(HighlightRole)
        if highlight is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        ink = palette.highlightedText() if selected else palette.text()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        colours = [QColor(t.colour) for t in highlight.tags] or [QColor(UNTAGGED)]
        step = rect.height() / len(colours)
        for number, colour in enumerate(colours):
            top = rect.top() + int(number * step)
            painter.fillRect(rect.left(), top, self.BAR, int(step + 1), colour)
        text_rect = rect.adjusted(self.BAR + self.PAD, 0, 0, 0)
        metrics = QFontMetrics(option.font)
        y = text_rect.top()
        painter.setPen(ink.color())
        if highlight.orphaned:
            painter.setPen(QColor(LOST_INK) if not selected else ink.color())
        for line in _lines(
            f"“{' '.join(highlight.quote.split())}”",
            option.font,
            text_rect.width(),
            self.QUOTE_LINES,
        ):
            painter.drawText(text_rect.left(), y + metrics.ascent(), line)
            y += metrics.lineSpacing()
        y += 3
        chip_font = QFont(option.font)
        chip_font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.9))
        chips = QFontMetrics(chip_font)
        x = text_rect.left()
        painter.setFont(chip_font)
        for tag in highlight.tags or ():
            width = chips.horizontalAdvance(tag.name) + 10
            chip = QRectF(x, y, min(width, text_rect.right() - x), chips.height() + 2)
            if chip.width() < 20:
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(tag.colour))
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(QColor(CHIP_INK))
            label = chips.elidedText(tag.name, Qt.TextElideMode.ElideRight, int(chip.width()) - 8)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        if not highlight.tags:
            painter.setPen(ink.color())
            painter.drawText(x, y + chips.ascent() + 1, "no topic")
        y += chips.height() + 2
        if highlight.note:
            note_font = QFont(option.font)
            note_font.setItalic(True)
            painter.setFont(note_font)
            painter.setPen(ink.color())
            note = QFontMetrics(note_font).elidedText(
                "✎ " + " ".join(highlight.note.split()),
                Qt.TextElideMode.ElideRight,
                text_rect.width(),
            )
            painter.drawText(text_rect.left(), y + 3 + metrics.ascent(), note)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        highlight = index.data(HighlightRole)
        if highlight is None:
            return super().sizeHint(option, index)
        width = max(80, option.rect.width() - 3 * self.PAD - self.BAR)
        metrics = QFontMetrics(option.font)
        quote = f"“{' '.join(highlight.quote.split())}”"
        lines = _line_count(quote, option.font, width, self.QUOTE_LINES)
        height = lines * metrics.lineSpacing() + 3 + metrics.height() + 4
        if highlight.note:
            height += metrics.lineSpacing() + 3
        return QSize(option.rect.width() or 200, height + 2 * self.PAD)


def _line_count(text: str, font: QFont, width: int, most: int) -> int:
    """How many lines :func:`_lines` gives, without making them (sizeHint asks for every
    row when a release with hundreds of highlights is shown)."""
    # Measuring the width is a shortcut for a quote that fits on one line. One longer (in
    # characters) than half the width rarely does, and measuring 300 characters costs more
    # than laying out their first three lines, so those go straight to the layout.
    metrics = QFontMetrics(font)
    short = len(text) <= width // 2
    if text and short and "\n" not in text and metrics.horizontalAdvance(text) <= width:
        return 1
    # A layout shapes all of its text, though only the first lines are counted: a long quote
    # is laid out as far as twice what its lines hold of average characters, and in full only
    # when that beginning does not fill them.
    enough = 2 * most * width // max(1, metrics.averageCharWidth())
    if len(text) > enough and _laid_out_lines(text[:enough], font, width, most) == most:
        return most
    return _laid_out_lines(text, font, width, most)


def _laid_out_lines(text: str, font: QFont, width: int, most: int) -> int:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    count = 0
    while count < most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return count


def _lines(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` broken into lines of ``width`` pixels, at most ``most``, the last elided."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == most - 1:
            rest = text[start:]
            lines.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return lines


class HighlightPanel(QWidget):
    """List of the current release's highlights with an editor for the selected one."""

    highlightActivated = Signal(int)  # the analyst picked a highlight here: show it

    def __init__(self, operations: Operations, reading: Reading, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = operations
        self.coders = reading.coders  # whose highlights may be changed here
        self.release_id: int | None = None
        self._highlights: dict[int, Highlight] = {}
        self._selecting = False  # select_highlight shows the editor once, when it is done

        self.model = HighlightListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName("Highlights of this release")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(1)
        # Rows are laid out a batch at a time between events, so a release with hundreds of
        # highlights shows (and the window answers) before the last row has been measured.
        # A batch is about what a tall panel shows (rows are three to five lines high): the
        # rows measured before the first paint are the ones seen.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(20)
        self.list.clicked.connect(self._clicked)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.topics_label = QLabel(self)
        self.topics_label.setWordWrap(True)
        self.topics_button = QPushButton("Topics…", self)
        self.topics_button.setToolTip("Change the topics of the selected highlight")
        self.topics_button.clicked.connect(self.change_topics)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected highlight (Delete)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("highlightNote")
        self.note_edit.setAccessibleName("Note on the selected highlight")
        self.note_edit.setPlaceholderText("Note… (Enter saves)")
        self.note_edit.editingFinished.connect(self._save_note)

        buttons = QHBoxLayout()
        buttons.addWidget(self.topics_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.topics_label)
        layout.addWidget(self.note_edit)
        layout.addLayout(buttons)
        reading.releaseRead.connect(self._release_read)
        reading.highlightsRead.connect(self._highlights_read)
        self._show_editor()

    # --- what is listed -------------------------------------------------------------------

    def _release_read(self, release, found: list[Highlight], _earlier_versions: int) -> None:
        self.release_id = release.id if release is not None else None
        self._list(found, keep=None)

    def _highlights_read(self, found: list[Highlight]) -> None:
        self._list(found, keep=self.selected_id())

    def highlights(self) -> list[Highlight]:
        """The highlights listed, as last read from the store."""
        return list(self._highlights.values())

    def _list(self, found: list[Highlight], keep: int | None) -> None:
        self._highlights = {h.id: h for h in found}
        self.model.set_highlights(found)
        self.select_highlight(keep)

    # --- selection --------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return index.data(IdRole)

    def select_highlight(self, highlight_id: int | None) -> None:
        """Select a highlight's row without announcing it (the reader already knows)."""
        self._selecting = True
        try:
            self.list.clearSelection()
            row = self.model.row_of(highlight_id) if highlight_id is not None else None
            index = self.model.index(row) if row is not None else QModelIndex()
            self.list.setCurrentIndex(index)
            if index.isValid():
                self._scroll_to(index)
        finally:
            self._selecting = False
        self._show_editor()

    def _scroll_to(self, index: QModelIndex) -> None:
        """Bring a row into view, laying out every row first if the batches have not yet
        reached it (a jump to a far highlight right after opening a long release)."""
        if not self.list.visualRect(index).isValid():
            self.list.setLayoutMode(QListView.LayoutMode.SinglePass)
            self.list.doItemsLayout()
            self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.scrollTo(index)

    def _current_changed(self) -> None:
        if not self._selecting:
            self._show_editor()

    def _clicked(self, index: QModelIndex) -> None:
        highlight_id = index.data(IdRole)
        if highlight_id is not None:
            self.highlightActivated.emit(highlight_id)

    def _show_editor(self) -> None:
        highlight = self._highlights.get(self.selected_id())
        editable = highlight is not None and (
            self.coders is None or self.coders.may_edit(highlight)
        )
        for widget in (self.topics_button, self.delete_button, self.note_edit):
            widget.setEnabled(editable)
        if highlight is None:
            self.topics_label.setText("<i>Select a highlight to edit its topics and note.</i>")
            self.note_edit.clear()
            return
        chips = " ".join(
            f'<span style="background:{t.colour}; color:{CHIP_INK}">'
            f"&nbsp;{_escape(t.name)}&nbsp;</span>"
            for t in highlight.tags
        )
        whose = "" if editable else f"<br><i>{_escape(self.coders.refusal(highlight))}</i>"
        self.topics_label.setText((chips or "<i>No topic</i>") + whose)
        if not self.note_edit.hasFocus():
            self.note_edit.setText(highlight.note)

    # --- editing ----------------------------------------------------------------------------

    def _editable(self, highlight: Highlight | None) -> bool:
        if highlight is None:
            return False
        return self.coders is None or self.coders.allows(highlight)

    def change_topics(self) -> None:
        highlight = self._highlights.get(self.selected_id())
        if not self._editable(highlight):
            return
        from gui.dialogs.tag_picker import TagPicker  # the codebook's dialog

        current = [tag.id for tag in highlight.tags]
        choice = TagPicker.ask(self.ops.store, self, preselected=current)
        if choice is not None:
            self.ops.run(RetagHighlight(highlight.id, choice))

    def delete_selected(self) -> None:
        highlight_id = self.selected_id()
        if self._editable(self._highlights.get(highlight_id)):
            self.ops.run(DeleteHighlight(highlight_id))

    def _save_note(self) -> None:
        highlight = self._highlights.get(self.selected_id())
        if highlight is None or self.note_edit.text() == highlight.note:
            return
        if self._editable(highlight):
            self.ops.run(NoteHighlight(highlight.id, self.note_edit.text()))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
