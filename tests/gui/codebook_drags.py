"""Topics dragged in the codebook tree with the mouse: the drags themselves.

They need a platform that runs Qt's drag loop, so ``test_codebook_drag.py`` runs this file in
a pytest of its own on the minimal platform (the suite's offscreen platform ends every drag
at once). Each drag is what a hand does: press on the topic's row, move past the drag
distance (Qt starts the drag and runs its loop), move over the target and let go there; the
last two steps are timers, because they happen while the drag loop runs.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gui.operations.runner import Operations
from gui.widgets.tag_panel import TagPanel
from store.changes import Changes
from store.tags import create_tag, get_tag

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def codebook(qtbot, store):
    """The codebook panel on a store with a small tree: the panel, the topics' ids, and the
    refusals the panel would show the analyst."""
    ids: dict[str, int] = {}
    for name, parent in [
        ("Ukraine", None),
        ("Western Balkans", None),
        ("Kosovo", "Western Balkans"),
        ("Serbia", "Kosovo"),
        ("Sanctions", None),
    ]:
        ids[name] = create_tag(store, name, parent_id=ids.get(parent)).created
    operations = Operations(store)
    operations.announce(Changes(tags=True))
    refusals: list[str] = []
    operations.failed.connect(lambda _title, message: refusals.append(message))
    panel = TagPanel(operations)
    qtbot.addWidget(panel)
    panel.resize(320, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, ids, refusals


def row_centre(panel: TagPanel, tag_id: int) -> QPoint:
    index = panel.proxy.mapFromSource(panel.model.index_of(tag_id))
    assert index.isValid(), tag_id
    return panel.tree.visualRect(index).center()


def below_the_rows(panel: TagPanel) -> QPoint:
    """A point in the tree's empty area, under its last row."""
    viewport = panel.tree.viewport()
    return QPoint(viewport.width() // 2, viewport.height() - 5)


def drag(panel: TagPanel, tag_id: int, to: QPoint) -> None:
    """Drag a topic's row with the mouse and drop it at ``to`` (viewport coordinates)."""
    viewport = panel.tree.viewport()
    start = row_centre(panel, tag_id)
    steps: list[str] = []

    def over_target() -> None:
        steps.append("over")
        QTest.mouseMove(viewport, to)
        QTimer.singleShot(20, let_go)

    def let_go() -> None:
        steps.append("drop")
        QTest.mouseRelease(viewport, LEFT, NONE, to)

    QTest.mousePress(viewport, LEFT, NONE, start)
    QTimer.singleShot(20, over_target)  # runs inside the drag loop the next move starts
    past = start + QPoint(0, QApplication.startDragDistance() + 4)
    QTest.mouseMove(viewport, past)  # returns once the drag is over
    assert steps == ["over", "drop"], "the drag loop never ran"


def names_under(panel: TagPanel, tag_id: int | None) -> list[str]:
    model = panel.proxy
    parent = (
        QModelIndex() if tag_id is None else panel.proxy.mapFromSource(panel.model.index_of(tag_id))
    )
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_a_topic_dropped_on_another_is_nested_under_it(qtbot, store, codebook) -> None:
    panel, ids, refusals = codebook
    drag(panel, ids["Sanctions"], to=row_centre(panel, ids["Ukraine"]))
    assert get_tag(store, ids["Sanctions"]).parent_id == ids["Ukraine"]
    assert names_under(panel, ids["Ukraine"]) == ["Sanctions"]
    assert names_under(panel, None) == ["Ukraine", "Western Balkans"]
    panel.ops.undo_stack.undo()
    assert get_tag(store, ids["Sanctions"]).parent_id is None
    assert names_under(panel, None) == ["Sanctions", "Ukraine", "Western Balkans"]
    panel.ops.undo_stack.redo()
    assert names_under(panel, ids["Ukraine"]) == ["Sanctions"]
    assert refusals == []


def test_a_topic_dropped_below_the_rows_is_a_top_level_topic_again(qtbot, store, codebook) -> None:
    panel, ids, refusals = codebook
    drag(panel, ids["Kosovo"], to=below_the_rows(panel))
    assert get_tag(store, ids["Kosovo"]).parent_id is None
    assert names_under(panel, None) == ["Kosovo", "Sanctions", "Ukraine", "Western Balkans"]
    assert names_under(panel, ids["Kosovo"]) == ["Serbia"]
    panel.ops.undo_stack.undo()
    assert get_tag(store, ids["Kosovo"]).parent_id == ids["Western Balkans"]
    assert names_under(panel, ids["Western Balkans"]) == ["Kosovo"]
    assert refusals == []


def test_a_topic_dropped_on_its_own_sub_topic_stays_where_it_was(qtbot, store, codebook) -> None:
    panel, ids, refusals = codebook
    drag(panel, ids["Western Balkans"], to=row_centre(panel, ids["Serbia"]))
    assert get_tag(store, ids["Western Balkans"]).parent_id is None
    assert get_tag(store, ids["Serbia"]).parent_id == ids["Kosovo"]
    assert names_under(panel, ids["Western Balkans"]) == ["Kosovo"]
    assert panel.ops.undo_stack.count() == 0
    assert refusals == []  # the drop is refused where it lands, not by an error afterwards
