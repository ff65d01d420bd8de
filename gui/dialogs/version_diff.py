"""Compare two versions of a release: the newer text, with removed and added words marked.

Analysts follow how a statement's wording moved between revisions, so the view shows one
text to read (the newer one) with the removed words struck through in place, rather than
two columns to compare by eye. Release text is untrusted (it comes from the web): the
document is built with ``QTextCursor.insertText`` and character formats, never from HTML
holding that text, and the view refuses every resource and follows no link.

Changes that only touch spacing (a no-break space become a space, a stray blank line) are
common in feed revisions and say nothing about wording; they are left unmarked unless the
analyst asks to see them, and the summary counts them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from store.db import Store
from store.versions import DiffSegment, VersionText, versions_of_release, word_diff

# Light backgrounds with their own dark ink: readable on a light or a dark palette alike.
REMOVED_BACKGROUND = QColor("#f7c9c9")
REMOVED_INK = QColor("#6b1111")
ADDED_BACKGROUND = QColor("#c9ecc9")
ADDED_INK = QColor("#0f4214")
# Which kind a character was drawn as ("removed" / "added"), for tests and accessibility.
DIFF_KIND = QTextFormat.Property.UserProperty + 7
# Spacing characters shown as visible marks when the analyst asks to see spacing changes.
_SPACING_MARKS = str.maketrans({"\n": "¶", " ": "·", "\t": "→", "\xa0": "°", "\u202f": "°"})
GAP = "\u2009"  # a thin space between a removed run and the added run that replaces it
_GEOMETRY_KEY = "dialogs/versionDiff/geometry"


@dataclass(frozen=True)
class DiffSummary:
    """How much the wording moved: whole words removed and added, spacing-only changes."""

    removed_words: int
    added_words: int
    spacing_changes: int

    def sentence(self) -> str:
        """The line the dialog shows, e.g. "12 words removed, 15 added"."""
        count = self.spacing_changes
        spacing = f"{count} spacing change{'s' if count != 1 else ''}" if count else ""
        if not (self.removed_words or self.added_words):
            return f"No words changed; {spacing}" if count else "The two texts are the same."
        word = "word" if self.removed_words == 1 else "words"
        text = f"{self.removed_words} {word} removed, {self.added_words} added"
        return f"{text}; {spacing}" if count else text


def change_runs(segments: list[DiffSegment]) -> list[list[DiffSegment]]:
    """Consecutive removed/added segments grouped: one run is one change to step to."""
    grouped = groupby(segments, key=lambda segment: segment.kind == "same")
    return [list(run) for same, run in grouped if not same]


def is_spacing_only(run: list[DiffSegment]) -> bool:
    return all(not segment.text.strip() for segment in run)


def summarise(segments: list[DiffSegment]) -> DiffSummary:
    """Words are what white space separates, so "D.C." → "DC" is one word each way."""
    runs = change_runs(segments)
    wording = [s for run in runs if not is_spacing_only(run) for s in run]
    return DiffSummary(
        removed_words=sum(len(s.text.split()) for s in wording if s.kind == "removed"),
        added_words=sum(len(s.text.split()) for s in wording if s.kind == "added"),
        spacing_changes=sum(1 for run in runs if is_spacing_only(run)),
    )


def version_label(version: VersionText) -> str:
    """What a version is called in the combo boxes: label, import time, file, title."""
    when = version.imported_at[:16].replace("T", " ") if version.imported_at else "unknown time"
    origin = Path(version.origin_file).name if version.origin_file else "no file"
    title = version.title if len(version.title) <= 60 else version.title[:59] + "…"
    return f"{version.label} · {when} · {origin} · {title}"


def _format(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setProperty(DIFF_KIND, kind)
    if kind == "removed":
        fmt.setBackground(REMOVED_BACKGROUND)
        fmt.setForeground(REMOVED_INK)
        fmt.setFontStrikeOut(True)
    else:
        fmt.setBackground(ADDED_BACKGROUND)
        fmt.setForeground(ADDED_INK)
    return fmt


class DiffView(QTextBrowser):
    """A read-only view that loads nothing and follows no link: the text is untrusted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setAccessibleName("Differences between the two versions")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(18)

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt's name)
        return None


class TitleDiff(DiffView):
    """ "Changed title:" and the newer title with its changed words marked, as in the text.

    A title often changes by one word or one capital; marking it beats two titles to compare.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("titleChange")
        self.setAccessibleName("Changed title")
        self.document().setDocumentMargin(4)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_title_diff(self, segments: list[DiffSegment]) -> None:
        document = self.document()
        document.clear()
        lead = QTextCharFormat()
        lead.setFontWeight(QFont.Weight.Bold)
        QTextCursor(document).insertText("Changed title: ", lead)
        draw_diff(document, segments, mark_spacing=True, clear=False)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # As tall as the wrapped title: one line mostly, two for a long one; never a scrollbar.
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)


Part = tuple[int, int, str]  # a marked run: Qt (UTF-16) start and end, "removed" or "added"


def draw_diff(
    document: QTextDocument, segments: list[DiffSegment], mark_spacing: bool, clear: bool = True
) -> list[list[Part]]:
    """Write the newer text into ``document`` with removed and added words formatted.

    Returns each change (the runs between two common ones) as its marked parts, for stepping
    from one change to the next. Spacing-only changes are drawn as the newer text's spacing
    unless ``mark_spacing``.
    """
    if clear:
        document.clear()
    changes: list[list[Part]] = []
    formats = {"removed": _format("removed"), "added": _format("added")}
    plain = QTextCharFormat()
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.beginEditBlock()
    previous_same = True
    removed = ""  # the removed words just drawn, if the segment before was those
    for segment in segments:
        spacing = not segment.text.strip()
        if segment.kind == "same" or (spacing and not mark_spacing):
            if segment.kind != "removed":  # unmarked spacing: the newer text's own
                cursor.insertText(segment.text, plain)
            previous_same, removed = True, ""
            continue
        if removed and not spacing and not (removed[-1].isspace() or segment.text[0].isspace()):
            cursor.insertText(GAP, plain)  # "…htmlon the…" would read as one word
        start = cursor.position()
        shown = segment.text.translate(_SPACING_MARKS) if spacing else segment.text
        cursor.insertText(shown, formats[segment.kind])
        part = (start, cursor.position(), segment.kind)
        if spacing and segment.kind == "added":
            cursor.insertText(segment.text, plain)  # after its marks, the spacing itself
        if previous_same:
            changes.append([part])
        else:
            changes[-1].append(part)
        previous_same = False
        removed = segment.text if segment.kind == "removed" and not spacing else ""
    cursor.endEditBlock()
    return changes


class VersionDiffDialog(QDialog):
    """Two version pickers, the marked text, a summary and next/previous change; see
    :meth:`show_for`."""

    def __init__(self, store: Store, release_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionDiff")
        self.setWindowTitle("Compare versions")
        self.versions = versions_of_release(store, release_id)
        self.segments: list[DiffSegment] = []
        self.changes: list[list[Part]] = []  # each marked change, as drawn
        self.current_change = -1

        self.from_box, self.to_box = QComboBox(self), QComboBox(self)
        for box, name in ((self.from_box, "fromVersion"), (self.to_box, "toVersion")):
            box.setObjectName(name)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(40)
            for version in self.versions:
                box.addItem(version_label(version))
                box.setItemData(
                    box.count() - 1, version.origin_file or "", Qt.ItemDataRole.ToolTipRole
                )
        self.from_box.setAccessibleName("Older version")
        self.to_box.setAccessibleName("Newer version")
        self.from_box.setCurrentIndex(max(0, len(self.versions) - 2))
        self.to_box.setCurrentIndex(len(self.versions) - 1)

        self.title_change = TitleDiff(self)
        self.view = DiffView(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("diffSummary")
        self.position = QLabel(self)
        self.position.setObjectName("changePosition")
        self.spacing = QCheckBox("Mark spacing changes", self)
        self.spacing.setObjectName("markSpacing")
        self.spacing.setToolTip("Show changes of spaces and line breaks alone, as ·, ° and ¶")
        self.previous_button = QPushButton("◀ Previous change", self)
        self.previous_button.setObjectName("previousChange")
        self.previous_button.setShortcut(QKeySequence("Shift+F7"))
        self.previous_button.setToolTip("Previous change (Shift+F7)")
        self.next_button = QPushButton("Next change ▶", self)
        self.next_button.setObjectName("nextChange")
        self.next_button.setShortcut(QKeySequence("F7"))
        self.next_button.setToolTip("Next change (F7)")
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
        self.previous_button.clicked.connect(lambda: self.go_to_change(-1))
        self.next_button.clicked.connect(lambda: self.go_to_change(+1))
        self.from_box.currentIndexChanged.connect(self.refresh)
        self.to_box.currentIndexChanged.connect(self.refresh)
        self.spacing.toggled.connect(self.refresh)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self._lay_out(close)
        self._restore_geometry()
        self.refresh()

    def _lay_out(self, close: QDialogButtonBox) -> None:
        pickers = QGridLayout()
        pickers.addWidget(QLabel("&From", self, buddy=self.from_box), 0, 0)
        pickers.addWidget(self.from_box, 0, 1)
        pickers.addWidget(QLabel("&To", self, buddy=self.to_box), 1, 0)
        pickers.addWidget(self.to_box, 1, 1)
        pickers.setColumnStretch(1, 1)
        legend = QLabel(self)  # fixed words only: no release text goes into this HTML
        legend.setText(
            f'<span style="background:{REMOVED_BACKGROUND.name()}; color:{REMOVED_INK.name()};'
            ' text-decoration:line-through">&nbsp;removed&nbsp;</span>&nbsp; '
            f'<span style="background:{ADDED_BACKGROUND.name()}; color:{ADDED_INK.name()}">'
            "&nbsp;added&nbsp;</span>"
        )
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(legend)
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        steps.addWidget(self.position)
        steps.addStretch(1)
        steps.addWidget(self.spacing)
        steps.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.title_change)
        layout.addLayout(status)
        layout.addWidget(self.view, 1)
        layout.addLayout(steps)

    @classmethod
    def show_for(
        cls, store: Store, release_id: int, parent: QWidget | None = None
    ) -> VersionDiffDialog | None:
        """Compare the release's previous version with its current one; None if it has none."""
        dialog = cls(store, release_id, parent)
        if len(dialog.versions) < 2:
            dialog.deleteLater()
            return None
        cls.present(dialog)
        return dialog

    @staticmethod
    def present(dialog: VersionDiffDialog) -> None:
        """Run the dialog modally; tests replace this with ``show`` so nothing blocks."""
        dialog.exec()

    # --- the comparison ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Diff the two chosen versions and draw the newer text with the changes marked."""
        if not self.versions:
            return
        old = self.versions[self.from_box.currentIndex()]
        new = self.versions[self.to_box.currentIndex()]
        self.segments = word_diff(old.text, new.text)
        self.summary.setText(summarise(self.segments).sentence())
        self.title_change.setVisible(old.title != new.title)
        if old.title != new.title:
            self.title_change.show_title_diff(word_diff(old.title, new.title))
        self.changes = draw_diff(self.view.document(), self.segments, self.spacing.isChecked())
        self.view.setExtraSelections([])
        # The view's own cursor was pushed to the end by the insertions: back to the top.
        self.view.setTextCursor(QTextCursor(self.view.document()))
        self.view.verticalScrollBar().setValue(0)
        self.current_change = -1
        self._show_position()

    # --- stepping through the changes --------------------------------------------------------

    def go_to_change(self, step: int) -> None:
        """Scroll to the next (+1) or previous (-1) change, wrapping around at either end."""
        if not self.changes:
            return
        self.current_change = (self.current_change + step) % len(self.changes)
        parts = self.changes[self.current_change]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(parts[0][0])
        self.view.setTextCursor(cursor)
        # Centre the change rather than leave it on the bottom edge, as ensureCursorVisible does.
        bar = self.view.verticalScrollBar()
        rect = self.view.cursorRect(cursor)
        bar.setValue(bar.value() + rect.center().y() - self.view.viewport().height() // 2)
        # The change in view gets deeper colours and an underline, its kinds kept apart.
        marks = []
        for left, right, kind in parts:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(self.view.document())
            mark.cursor.setPosition(left)
            mark.cursor.setPosition(right, QTextCursor.MoveMode.KeepAnchor)
            mark.format = QTextCharFormat()
            colour = REMOVED_BACKGROUND if kind == "removed" else ADDED_BACKGROUND
            mark.format.setBackground(colour.darker(125))
            mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            marks.append(mark)
        self.view.setExtraSelections(marks)
        self._show_position()

    def _show_position(self) -> None:
        count = len(self.changes)
        for button in (self.previous_button, self.next_button):
            button.setEnabled(count > 0)
        if not count:
            self.position.setText("No marked changes")
        elif self.current_change < 0:
            self.position.setText(f"{count} change{'s' if count != 1 else ''}")
        else:
            self.position.setText(f"Change {self.current_change + 1} of {count}")

    # --- geometry ------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 680)

    def done(self, result: int) -> None:
        QSettings().setValue(_GEOMETRY_KEY, self.saveGeometry())
        super().done(result)
