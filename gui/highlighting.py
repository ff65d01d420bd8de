"""The highlighting keys: H, 1–9, Ctrl+M and Delete.

What the analyst has selected — text in the reader, topics in the codebook, a highlight in
the reader or in the highlights panel — becomes one operation for the runner. After it, the
new or moved highlight is selected in the reader and in the panel, as the analyst expects;
the views have already redrawn from the bus by then.
"""

from __future__ import annotations

from collections.abc import Callable

from gui.models.reading import Reading
from gui.operations.highlights import (
    AddHighlight,
    DeleteHighlight,
    MoveHighlight,
    RetagHighlight,
    TopicChoice,
)
from gui.operations.runner import Operations
from gui.widgets.highlight_panel import HighlightPanel
from gui.widgets.reader_view import ReaderView
from gui.widgets.tag_panel import TagPanel
from store.highlights import Highlight


class Highlighting:
    def __init__(
        self,
        operations: Operations,
        reading: Reading,
        reader: ReaderView,
        codebook: TagPanel,
        panel: HighlightPanel,
        ask_topics: Callable[[], TopicChoice | None],
    ) -> None:
        self.ops, self.reading, self.reader = operations, reading, reader
        self.codebook, self.panel, self.ask_topics = codebook, panel, ask_topics

    def selected_highlight_id(self) -> int | None:
        return self.reader.selected_highlight_id or self.panel.selected_id()

    def highlight_selection(self, tag_ids: list[int] | None = None) -> int | None:
        """H: make the selected text a highlight; returns its id (None if nothing was made).

        Topics: those given, else those selected in the codebook panel, else the picker's.
        """
        offsets = self.reader.selected_offsets()
        release = self.reading.release
        if release is None or offsets is None:
            self.ops.say("Select some text in the release first.")
            return None
        if tag_ids is None:
            tag_ids = self.codebook.selected_tag_ids()
        choice = TopicChoice(tuple(tag_ids)) if tag_ids else self.ask_topics()
        if choice is None:
            return None
        operation = AddHighlight(release.id, *offsets, choice)
        if not self.ops.run(operation):
            return None
        self._show_selected(operation.highlight_id)
        self.ops.say("Highlight saved.", 3000)
        return operation.highlight_id

    def apply_topic_number(self, number: int) -> None:
        """Keys 1–9: tag the selection with that topic, or toggle it on the selected highlight."""
        topics = self.codebook.first_nine_tag_ids()
        if not 1 <= number <= len(topics):
            self.ops.say(f"There is no topic number {number}.", 3000)
            return
        tag_id = topics[number - 1]
        if self.reader.textCursor().hasSelection():
            self.highlight_selection([tag_id])
            return
        highlight_id = self.selected_highlight_id()
        highlight = self._highlight(highlight_id)
        if highlight is None:
            self.ops.say("Select text or a highlight first.", 3000)
            return
        if not self._may_change(highlight_id):
            return
        current = [tag.id for tag in highlight.tags]
        wanted = [t for t in current if t != tag_id] if tag_id in current else [*current, tag_id]
        self.ops.run(RetagHighlight(highlight.id, TopicChoice(tuple(wanted))))

    def move_to_selection(self) -> None:
        """Ctrl+M: put the selected highlight (one that lost its place, say) on the selected
        text."""
        highlight_id = self.panel.selected_id() or self.selected_highlight_id()
        offsets = self.reader.selected_offsets()
        if highlight_id is None or offsets is None:
            self.ops.say("Select a highlight in the list and some text.")
            return
        if not self._may_change(highlight_id):
            return
        if self.ops.run(MoveHighlight(highlight_id, *offsets)):
            self._show_selected(highlight_id)

    def delete_selected(self) -> None:
        """Delete: remove the highlight selected in the reader or in the panel."""
        highlight_id = self.selected_highlight_id()
        if highlight_id is None:
            self.ops.say("Click a highlight to select it first.", 3000)
            return
        if self._may_change(highlight_id):
            self.ops.run(DeleteHighlight(highlight_id))

    def _highlight(self, highlight_id: int | None) -> Highlight | None:
        return next((h for h in self.reading.highlights if h.id == highlight_id), None)

    def _may_change(self, highlight_id: int) -> bool:
        """Colleagues' highlights are read-only unless View ▸ Coders allows changing them."""
        coders = self.reading.coders
        return coders is None or coders.allows(self._highlight(highlight_id))

    def _show_selected(self, highlight_id: int) -> None:
        cursor = self.reader.textCursor()
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self.reader.select_highlight(highlight_id)
        self.panel.select_highlight(highlight_id)
