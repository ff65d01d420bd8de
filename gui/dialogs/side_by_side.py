"""Two releases side by side: each column as the reader shows it, their passages aligned.

Each column has its own :class:`gui.models.reading.Reading` (so it follows the bus as the
reader does: a highlight carried or undone is painted at once) and its own title block.
Everything slow is done off the window's thread: the two texts' HTML on a worker thread of
the dialog's own (a 300,000-character release takes a tenth of a second to render), then
the alignment and the list of what differs in the pair's process (seconds of pure Python,
for two long releases: :mod:`gui.background.pair_process`). The dialog says so meanwhile
("Opening…", "Aligning…"), shows the texts as soon as they are rendered, and marks the
columns and keeps them level when the alignment comes. A highlight is carried to the other
side's aligned passage (C, or its context menu) as one undoable step; Ctrl+Z in the dialog
takes it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from gui.background.job import JOB_SWITCH_INTERVAL
from gui.background.pair_process import run_in_pair_process
from gui.background.worker import StoreWorker
from gui.dialogs.version_diff import VersionDiffDialog
from gui.models.reading import Reading
from gui.operations.highlights import CarryHighlight
from gui.operations.runner import Operations
from gui.release_corrections import ReleaseCorrections
from gui.text.aligned_passages import A, AlignedPassages, B
from gui.widgets.aligned_reader_view import AlignedReaderView
from gui.widgets.differences_bar import DifferencesBar
from gui.widgets.level_scrolling import LevelScrolling
from gui.widgets.reader_pane import ReaderPane
from store.comparison import Comparison, compared_pair, differences_of_pair, rendered_pair

OPENING = "Opening the two releases…"
ALIGNING = "Aligning…"
CARRY_KEYS = ("C",)
_GEOMETRY_KEY = "dialogs/sideBySide/geometry"


def _failed(error: Exception) -> str:
    return f"The two releases could not be compared: {error}"


class SideBySideDialog(QDialog):
    """Columns A and B, what differs above them, a status line; :meth:`compare` a pair."""

    carried = Signal(int)  # the id of a highlight just carried to the other side

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideBySide")
        self.setWindowTitle("Side by side")
        self.ops = operations
        self.readings = (Reading(operations, self), Reading(operations, self))
        self.panes = tuple(
            ReaderPane(reading, self, view=AlignedReaderView(side))
            for side, reading in enumerate(self.readings)
        )
        self.views: tuple[AlignedReaderView, AlignedReaderView] = tuple(
            pane.view for pane in self.panes
        )
        self._corrections = tuple(
            ReleaseCorrections(operations, reading, self) for reading in self.readings
        )
        self.passages: AlignedPassages | None = None
        self.status = QLabel(self)
        self.status.setObjectName("sideBySideStatus")
        self.differences = DifferencesBar(self)
        self.scrolling = LevelScrolling(self.views, self)
        self.carry_action = self._action(
            "actionCarryHighlight",
            "&Carry to the other side",
            CARRY_KEYS,
            "Highlight the aligned passage on the other side with the same topics (C)",
            self.carry,
        )
        self._lay_out()
        self._wire()
        self._worker = StoreWorker(self, name="side by side")
        self._worker.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._asked = 0
        self._pending: str | None = None  # what is being computed: "render", "align", "differ"
        self._pair: tuple[int, int] | None = None
        self._comparing = False
        self._restore_geometry()

    def _action(self, name: str, text: str, keys, tip: str, run) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: run())
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        columns = QSplitter(Qt.Orientation.Horizontal, self)
        columns.setObjectName("sideBySideColumns")
        columns.setChildrenCollapsible(False)
        for side, pane in enumerate(self.panes):
            holder = QWidget(columns)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            caption = QLabel(f"<b>{'AB'[side]}</b>", holder)
            caption.setContentsMargins(12, 4, 12, 0)
            layout.addWidget(caption)
            layout.addWidget(pane, 1)
            columns.addWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addWidget(self.differences)
        layout.addWidget(columns, 1)

    def _wire(self) -> None:
        undo = self.ops.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.ops.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])
        for side, view in enumerate(self.views):
            view.set_context_actions([self.carry_action])
            view.cursorPositionChanged.connect(lambda s=side: self._cursor_moved(s))
            reading = self.readings[side]
            reading.releaseRead.connect(lambda *_: self._text_changed())
            reading.highlightsRead.connect(lambda _found: self._highlights_changed())
            pane = self.panes[side]
            pane.header.correctionRequested.connect(self._corrections[side].correct)
            pane.header.compareVersionsRequested.connect(
                lambda r=reading: (
                    r.release and VersionDiffDialog.show_for(self.ops.store, r.release.id, self)
                )
            )

    # --- the pair ---------------------------------------------------------------------------

    @property
    def release_ids(self) -> tuple[int | None, int | None]:
        return tuple(r.release.id if r.release else None for r in self.readings)

    def compare(self, a_id: int, b_id: int) -> None:
        """Show release ``a_id`` in column A and ``b_id`` in B, and align them. Their HTML
        is rendered on the worker first; the columns show the texts when it comes."""
        self._pair = (a_id, b_id)
        self._set_passages(None)
        self.status.setText(OPENING)
        self.differences.show_pending()
        self._request("render", rendered_pair, a_id, b_id)

    def _open(self, rendered: dict[str, str], side: int = A) -> None:
        """Show the texts, one column a turn of the event loop (a long text takes tens of
        milliseconds to lay out in its view), then align them."""
        if self._pair is None:
            return
        self.views[side].prepared = rendered
        self._comparing = True
        try:
            self.readings[side].read(self._pair[side])
        finally:
            self._comparing = False
        if side == A:
            asked = self._asked
            QTimer.singleShot(0, self, lambda: asked == self._asked and self._open(rendered, B))
            self._pending = "render"  # still opening: column B is shown next
        else:
            self._align()

    def _align(self) -> None:
        a_id, b_id = self.release_ids
        self._set_passages(None)
        if a_id is None or b_id is None:
            self.status.setText("One of the two releases is no longer in the store.")
            return
        titles = [r.release.title for r in self.readings]
        self.setWindowTitle(f"Side by side — {_short(titles[0])} · {_short(titles[1])}")
        self.status.setText(ALIGNING)
        self.differences.show_pending()
        self._request("align", compared_pair, a_id, b_id, in_process=True)

    def _request(self, what: str, job, a_id: int, b_id: int, *, in_process: bool = False) -> None:
        """Run ``job(store, a_id, b_id)`` off the window's thread: on the dialog's worker,
        or (``in_process``: the alignment, seconds of pure Python for two long releases)
        in the pair's process, which the worker waits for without holding the interpreter."""
        self._asked += 1
        self._pending = what
        store = self.ops.store
        if store.path is None:  # a store kept in memory is read here
            try:
                answer = job(store, a_id, b_id)
            except Exception as error:  # noqa: BLE001 (shown as one sentence, as the worker does)
                answer = _failed(error)
            self._arrived(self._asked, answer)
            return
        # Rendering is Python on the worker: the window's thread gets the interpreter back
        # every millisecond, as it does from the long jobs (gui/background/job.py).
        sys.setswitchinterval(min(sys.getswitchinterval(), JOB_SWITCH_INTERVAL))
        self._worker.forget()
        path = store.path
        work = (
            (lambda _s: run_in_pair_process(job, path, a_id, b_id))
            if in_process
            else (lambda s: job(s, a_id, b_id))
        )
        self._worker.request(self._asked, path, work, _failed)

    @property
    def pending(self) -> bool:
        """Whether an alignment (or a new list of what differs) is still being computed."""
        return self._pending is not None

    def _arrived(self, asked: int, answer: object) -> None:
        if asked != self._asked:
            return  # a later pair (or a later change) was asked for meanwhile
        what, self._pending = self._pending, None
        if isinstance(answer, str):
            self.status.setText(answer)
            self.differences.show_failure("")
            return
        if what == "render":
            self._open(answer)
        elif what == "align":
            self._show_comparison(answer)
        else:
            self.differences.show_differences(answer)

    def _show_comparison(self, comparison: Comparison) -> None:
        positions = tuple(view.positions for view in self.views)
        if any(p is None for p in positions):
            return
        self._set_passages(AlignedPassages(comparison.alignment, positions))
        self.differences.show_differences(comparison.differences)
        passages = self.passages
        pairs, only_a, only_b = len(passages.pairs), len(passages.only[A]), len(passages.only[B])
        self.status.setText(
            f"{pairs} passage{'s' if pairs != 1 else ''} aligned · {only_a} only in A · "
            f"{only_b} only in B"
        )
        self.scrolling.follow(A)

    def _set_passages(self, passages: AlignedPassages | None) -> None:
        self.passages = passages
        self.scrolling.set_passages(passages)
        for side, view in enumerate(self.views):
            view.show_alignment(list(passages.only[side]) if passages else [])
            view.emphasise(None)

    def _text_changed(self) -> None:
        # A release revised (or removed) while it is read here: its text is another, and
        # so is the alignment. compare() reads both itself and aligns once.
        if not self._comparing:
            self._align()

    def _highlights_changed(self) -> None:
        # The topics of what differs come from the highlights: carried ones change them.
        a_id, b_id = self.release_ids
        if self.passages is not None and a_id is not None and b_id is not None:
            self._request("differ", differences_of_pair, a_id, b_id, in_process=True)

    # --- the pair under the cursor ------------------------------------------------------------

    def _cursor_moved(self, side: int) -> None:
        passages = self.passages
        if passages is None:
            return
        cursor = self.views[side].textCursor()
        pair = passages.pair_at(side, cursor.position())
        for other, view in enumerate(self.views):
            view.emphasise(pair.spans[other] if pair is not None else None)

    # --- carrying a highlight -------------------------------------------------------------

    def carry(self) -> int | None:
        """Carry the selected highlight (of the column with the focus, else of the one
        with a highlight selected) to its aligned passage on the other side; returns the
        new highlight's id."""
        side = self._side_of_selected_highlight()
        if side is None:
            self.status.setText("Click a highlight in either column to carry it over.")
            return None
        if self.passages is None:
            self.status.setText("Wait until the two releases are aligned.")
            return None
        highlight = next(
            h for h in self.readings[side].highlights
            if h.id == self.views[side].selected_highlight_id
        )  # fmt: skip
        span = self.passages.counterpart(side, highlight.start, highlight.end)
        target = self.readings[B - side].release
        if span is None or target is None:
            self.status.setText(
                f"This passage is only in {'AB'[side]}: there is nothing to carry it to."
            )
            return None
        operation = CarryHighlight(highlight, target.id, *span)
        if not self.ops.run(operation):
            return None
        self.views[B - side].select_highlight(operation.highlight_id, scroll=True)
        self.status.setText(f"Highlight carried to {'AB'[B - side]}; Ctrl+Z takes it back.")
        self.carried.emit(operation.highlight_id)
        return operation.highlight_id

    def _side_of_selected_highlight(self) -> int | None:
        sides = [
            side
            for side, view in enumerate(self.views)
            if view.selected_highlight_id is not None
            and any(h.id == view.selected_highlight_id for h in self.readings[side].highlights)
        ]
        focused = [side for side in sides if self.views[side].hasFocus()]
        return (focused or sides or [None])[0]

    # --- geometry ------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)

    def done(self, result: int) -> None:
        QSettings().setValue(_GEOMETRY_KEY, self.saveGeometry())
        super().done(result)


def _short(title: str) -> str:
    return title if len(title) <= 40 else title[:39] + "…"
