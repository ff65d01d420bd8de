"""The reader: one release rendered from its Markdown, with its highlights painted on it.

The view never fetches anything: links open in the system browser only when clicked (and
only http/https), and every resource the HTML might ask for is refused. Highlights are
character formats applied in one edit block (:mod:`gui.text.highlight_paint`); positions
go through :class:`gui.text.positions.TextPositions`, the one Qt↔store boundary.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from gui.text.coder_marks import CoderMark, paint_coder_marks
from gui.text.highlight_paint import INK, PaintedHighlight, paint_highlights
from gui.text.positions import QtRange, TextPositions
from gui.text.word_edges import widen_to_words
from store.highlights import Highlight
from store.releases import Release
from store.render import render_html

UNTAGGED_COLOUR = "#d6d2c4"  # a highlight with no topic yet: visible, but clearly not a topic
OPENABLE_SCHEMES = frozenset({"http", "https"})


def is_openable(url: QUrl) -> bool:
    """Only web links leave the reader (to the system browser); javascript:, file: never do."""
    return url.scheme().lower() in OPENABLE_SCHEMES and bool(url.host())


class ReaderView(QTextBrowser):
    """A read-only rich-text view of one release that knows where its highlights are."""

    highlightClicked = Signal(int)  # id of the highlight clicked (or -1 when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setAccessibleName("Release text")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.document().setDocumentMargin(18)
        self.release: Release | None = None
        self.positions: TextPositions | None = None
        self.painted: list[PaintedHighlight] = []
        self._html = ""  # the shown release's HTML, rendered once per release
        self.selected_highlight_id: int | None = None
        self.refused_resources: list[str] = []  # what the HTML asked for and did not get
        self._context_actions: list[QAction] = []
        # A drag or shift-click takes whole words unless this is off or Alt was held when
        # the button went down. The anchor is where the drag began (or the selection's
        # anchor, for a shift-click) as the mouse put it, so dragging back past it widens
        # the other way and the word first pressed on stays selected.
        self.snaps_to_words = True
        self._drag_anchor: int | None = None
        self._reading_width: int | None = None  # characters a line holds; None: the view's
        # A colleague's mark by their name (None: the analyst's own, the fill alone).
        self.coder_mark: Callable[[str], CoderMark | None] = lambda _coder: None

    # --- what is shown ------------------------------------------------------------------

    def show_release(self, release: Release | None, highlights: list[Highlight]) -> None:
        """Show a release from the top, painted with its highlights."""
        self.release = release
        self.selected_highlight_id = None
        # A release is shown with its scroll bar, short or long, so the text has its final
        # width before it is laid out and keeps it from one release to the next (a bar that
        # appears after the layout narrows the view, and Qt lays the text out again). The
        # empty reader has none: a bar costs milliseconds each time the window repaints.
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if release
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        self._html = self.html_of(release) if release else ""
        self.positions = None  # built afresh for the new text by _render
        self._render(highlights)
        self.verticalScrollBar().setValue(0)

    def html_of(self, release: Release) -> str:
        """The release's text as the HTML the view shows (rendered from its Markdown)."""
        return render_html(release.body_markdown)

    def repaint_highlights(self, highlights: list[Highlight]) -> None:
        """Paint a changed set of highlights, keeping the reading position."""
        wanted = self._placed(highlights)
        if self._paint_added(wanted):
            # Only new highlights: their ranges are painted over, nothing else is touched.
            if self.selected_highlight_id not in {p.id for p in self.painted}:
                self.selected_highlight_id = None
            self._show_selected()
            return
        scroll = self.verticalScrollBar().value()
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        self._render(highlights)
        restored = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        restored.setPosition(min(anchor, limit))
        restored.setPosition(min(position, limit), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(restored)
        self.verticalScrollBar().setValue(scroll)
        if self.selected_highlight_id not in {p.id for p in self.painted}:
            self.selected_highlight_id = None
        self._show_selected()

    def _render(self, highlights: list[Highlight]) -> None:
        # Rendering afresh is the simplest way to remove old highlight formats without
        # touching the release's own (bold, links). The HTML and the position map depend on
        # the release's text only, so a repaint reuses those made when it was shown.
        # The text and its highlights go in as one edit, so Qt lays the text out once, with
        # its highlights, not once for the text and again for the highlights painted on it.
        release = self.release
        document = self.document()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        document.setHtml(self._html)
        self._fit_reading_width()  # a new document has the root frame's margins of none
        if self.positions is None:
            self.positions = TextPositions(document.toRawText(), release.text if release else "")
        self.painted = self._placed(highlights)
        paint_highlights(document, self.painted)
        paint_coder_marks(document, _marked(self.painted))
        edit.endEditBlock()

    def _placed(self, highlights: list[Highlight]) -> list[PaintedHighlight]:
        """The highlights that have a place in the shown text, in Qt positions."""
        placed = []
        positions = self.positions
        colours: dict[str, QColor] = {}  # one per topic colour: hundreds of highlights, a few
        for highlight in highlights:
            span = None
            if not highlight.orphaned and positions is not None:
                span = positions.to_qt(highlight.start, highlight.end)
            if span is not None:
                name = highlight.tags[0].colour if highlight.tags else UNTAGGED_COLOUR
                colour = colours.get(name)
                if colour is None:
                    colour = colours[name] = QColor(name)
                mark = self.coder_mark(highlight.coder)
                placed.append(PaintedHighlight(highlight.id, span, colour, mark))
        return placed

    def _paint_added(self, wanted: list[PaintedHighlight]) -> bool:
        """When ``wanted`` is what is painted plus some new highlights (the usual save),
        paint just the new ones' ranges and return True; False when anything else changed."""
        painted = {_key(p) for p in self.painted}
        keys = [_key(p) for p in wanted]
        if self.positions is None or not painted.issubset(keys) or len(set(keys)) != len(keys):
            return False
        added = [p for p, key in zip(wanted, keys, strict=True) if key not in painted]
        if added:
            within = [p.span for p in added]
            paint_highlights(self.document(), wanted, within=within)
            paint_coder_marks(self.document(), _marked(wanted), within=within)
        self.painted = wanted
        return True

    # --- how the text is laid out ---------------------------------------------------------

    def text_size(self) -> float:
        return self.font().pointSizeF()

    def set_text_size(self, points: float) -> None:
        """The text's size in points (headings keep their proportion to it)."""
        font = self.font()
        font.setPointSizeF(points)
        self.setFont(font)
        self._fit_reading_width()

    def set_reading_width(self, characters: int | None) -> None:
        """Lines of about ``characters`` characters, centred; ``None``: as wide as the view."""
        self._reading_width = characters
        self._fit_reading_width()

    def _fit_reading_width(self) -> None:
        side = 0
        if self._reading_width:
            letters = "abcdefghijklmnopqrstuvwxyz"  # prose's letters, not the font's widest
            wanted = self.fontMetrics().horizontalAdvance(letters) * self._reading_width // 26
            margin = 2 * self.document().documentMargin()
            side = max(0, int(self.viewport().width() - margin - wanted) // 2)
        frame = self.document().rootFrame()
        layout = frame.frameFormat()
        if layout.leftMargin() != side or layout.rightMargin() != side:
            layout.setLeftMargin(side)
            layout.setRightMargin(side)
            frame.setFrameFormat(layout)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_reading_width()

    # --- selection and highlights ---------------------------------------------------------

    def selected_offsets(self) -> tuple[int, int] | None:
        """Canonical (start, end) of the visible characters the analyst selected."""
        cursor = self.textCursor()
        if self.positions is None or not cursor.hasSelection():
            return None
        return self.positions.to_canonical(cursor.selectionStart(), cursor.selectionEnd())

    def select_passage(self, start: int, end: int) -> None:
        """Select canonical ``text[start:end]`` and bring it into view, a third of the way
        down (a concordance line or a Where else? passage opened: H highlights it)."""
        span = self.positions.to_qt(start, end) if self.positions is not None else None
        if span is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span.start)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect().top() - self.viewport().height() // 3)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def highlight_at(self, qt_position: int) -> int | None:
        """The innermost highlight covering the character at (or just before) a position."""
        covering = [
            p
            for p in self.painted
            if p.span.start <= qt_position < p.span.end or p.span.start < qt_position <= p.span.end
        ]
        if not covering:
            return None
        return min(covering, key=lambda p: p.span.end - p.span.start).id

    def select_highlight(self, highlight_id: int | None, scroll: bool = False) -> None:
        """Mark a highlight as the selected one; with ``scroll``, bring it into view."""
        self.selected_highlight_id = highlight_id
        painted = next((p for p in self.painted if p.id == highlight_id), None)
        if painted is not None and scroll:
            # The passage's first line a third of the way down: read with what leads to it,
            # and still in view when a bar above the text takes a few pixels.
            cursor = QTextCursor(self.document())
            cursor.setPosition(painted.span.start)
            self.setTextCursor(cursor)
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.cursorRect().top() - self.viewport().height() // 3)
        self._show_selected()

    def _show_selected(self) -> None:
        painted = next((p for p in self.painted if p.id == self.selected_highlight_id), None)
        if painted is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self.document())
        selection.cursor.setPosition(painted.span.start)
        selection.cursor.setPosition(painted.span.end, QTextCursor.MoveMode.KeepAnchor)
        selection.format = QTextCharFormat()
        selection.format.setBackground(painted.colour.darker(135))
        selection.format.setForeground(INK)
        self.setExtraSelections([selection])

    def set_context_actions(self, actions: list[QAction]) -> None:
        """Actions offered first in the context menu (Highlight, Delete highlight)."""
        self._context_actions = actions

    # --- events ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mousePressEvent(event)
        exact = event.modifiers() & Qt.KeyboardModifier.AltModifier
        self._drag_anchor = None
        if event.button() == Qt.MouseButton.LeftButton and self.snaps_to_words and not exact:
            self._drag_anchor = self.textCursor().anchor()
            self._snap_selection()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._snap_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._snap_selection()
            self._drag_anchor = None
        if self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        found = self.highlight_at(position)
        self.select_highlight(found)
        self.highlightClicked.emit(found if found is not None else -1)

    def _snap_selection(self) -> None:
        """Widen the selection the mouse is making to whole words."""
        cursor = self.textCursor()
        if self._drag_anchor is None or not cursor.hasSelection():
            return
        anchor, position = widen_to_words(self.document(), self._drag_anchor, cursor.position())
        if (anchor, position) != (cursor.anchor(), cursor.position()):
            cursor.setPosition(anchor)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        for action in self._context_actions:
            menu.insertAction(first, action)
        if self._context_actions:
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802
        """Refuse every resource: no network, no disk, whatever the release's HTML asks."""
        if len(self.refused_resources) < 100:
            self.refused_resources.append(name.toString())
        return None

    def _open_link(self, url: QUrl) -> None:
        if is_openable(url):
            QDesktopServices.openUrl(url)


def _key(painted: PaintedHighlight) -> tuple[int, int, int, int, tuple[int, int] | None]:
    mark = painted.mark.key() if painted.mark is not None else None
    return painted.id, painted.span.start, painted.span.end, painted.colour.rgba(), mark


def _marked(painted: list[PaintedHighlight]) -> list[tuple[QtRange, CoderMark]]:
    return [(p.span, p.mark) for p in painted if p.mark is not None]
