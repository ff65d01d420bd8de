"""The codebook looks the same wherever it is shown: panel, topic picker, excerpts checklist."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from gui.dialogs.tag_picker import TagPicker
from gui.operations.runner import Operations
from gui.widgets.excerpts_view import ExcerptsView
from gui.widgets.tag_panel import TagPanel
from store.tags import create_tag

CODEBOOK = [  # (topic, the topic it is nested under), made in an order unlike the tree's
    ("sanctions", None),
    ("Western Balkans", None),
    ("Oil price cap", "sanctions"),
    ("Kosovo", "Western Balkans"),
    ("Asset freezes", "sanctions"),
    ("Ukraine", None),
    ("Serbia", "Western Balkans"),
    ("Belgrade", "Serbia"),
]
TREE_ORDER = [
    "sanctions",
    "Asset freezes",
    "Oil price cap",
    "Ukraine",
    "Western Balkans",
    "Kosovo",
    "Serbia",
    "Belgrade",
]


def _fill(store) -> None:
    ids: dict[str, int] = {}
    for name, parent in CODEBOOK:
        ids[name] = create_tag(store, name, parent_id=ids.get(parent)).created


def _checklist_rows(item: QTreeWidgetItem, depth: int = 0) -> list[tuple[int, str]]:
    rows = [(depth, item.text(0))]
    for n in range(item.childCount()):
        rows += _checklist_rows(item.child(n), depth + 1)
    return rows


def test_the_panel_the_picker_and_the_checklist_nest_and_order_topics_alike(qtbot, store):
    _fill(store)
    ops = Operations(store)
    panel, picker, excerpts = TagPanel(ops), TagPicker(store), ExcerptsView(ops)
    for widget in (panel, picker, excerpts):
        qtbot.addWidget(widget)
    excerpts.show()  # the checklist is filled when the view is first shown

    in_panel = [panel.model.tag(t).name for t in panel.model.ordered_ids()]
    in_picker = [picker.list.item(row).text() for row in range(picker.list.count())]
    topics = excerpts.topics
    in_checklist = []
    for n in range(topics.topLevelItemCount()):
        in_checklist += _checklist_rows(topics.topLevelItem(n))

    assert in_panel == TREE_ORDER
    assert [name.split(" › ")[-1] for name in in_picker] == TREE_ORDER
    assert in_picker[-1] == "Western Balkans › Serbia › Belgrade"
    assert [name for _depth, name in in_checklist] == TREE_ORDER
    assert dict((name, depth) for depth, name in in_checklist)["Belgrade"] == 2
    first = panel.model.index_of(panel.model.ordered_ids()[0])
    panel_swatch = first.data(Qt.ItemDataRole.DecorationRole)
    swatches = [panel_swatch, picker.list.item(0).icon(), topics.topLevelItem(0).icon(0)]
    pictures = [icon.pixmap(14).toImage() for icon in swatches]
    assert pictures[0] == pictures[1] == pictures[2]
