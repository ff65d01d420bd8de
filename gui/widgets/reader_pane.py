"""The reading pane: the release's header above its text, both following the release read."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.models.reading import Reading
from gui.widgets.reader_view import ReaderView
from gui.widgets.release_header import ReleaseHeader
from store.highlights import Highlight
from store.releases import Release


class ReaderPane(QWidget):
    """The header and the text, one above the other, showing the release being read."""

    def __init__(
        self, reading: Reading, parent: QWidget | None = None, view: ReaderView | None = None
    ) -> None:
        super().__init__(parent)
        self.header = ReleaseHeader(self)
        self.view = view if view is not None else ReaderView(self)  # a column's, say
        self._reading = reading
        reading.releaseRead.connect(self.show_release)
        reading.highlightsRead.connect(self.view.repaint_highlights)
        reading.attributionRead.connect(self.header.show_attribution)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self._layout = layout

    def add_above_text(self, widget: QWidget) -> None:
        """Show a bar (a hint, say) between the header and the text."""
        self._layout.insertWidget(self._layout.indexOf(self.view), widget)

    def show_release(
        self, release: Release | None, highlights: list[Highlight], earlier_versions: int = 0
    ) -> None:
        self.header.show_release(release, earlier_versions, self._reading.attribution)
        self.view.show_release(release, highlights)
