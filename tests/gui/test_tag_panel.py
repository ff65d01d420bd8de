"""The topic panel driven as an analyst would: its actions, inline edit, drag and drop, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView

from gui.bus import ChangeBus
from gui.dialogs.codebook_prompts import CodebookPrompts
from gui.models.tag_tree_model import KEY_ROLE, TagTreeModel
from gui.operations.runner import Operations
from gui.widgets.tag_panel import TagPanel
from store.highlights import add_highlight_by_quote, get_highlight
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag, find_tag, get_tag, tag_usage

BODY = "Ministers discussed Ukraine and Kosovo. They spoke of sanctions and energy security."


class Answers:
    """Stands in for the modal questions: records what was asked, answers what was set."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.colour: str | None = None
        self.description: str | None = None
        self.merge_target: str | None = None
        self.confirm = True
        self.asked: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def answers(monkeypatch) -> Answers:
    given = Answers()
    monkeypatch.setattr(CodebookPrompts, "ask_name", lambda p, title, label: given.name)
    monkeypatch.setattr(CodebookPrompts, "ask_colour", lambda p, tag: given.colour)
    monkeypatch.setattr(CodebookPrompts, "ask_description", lambda p, tag: given.description)

    def merge_target(parent, source, choices):
        given.asked.extend(label for label, _ in choices)
        return dict(choices).get(given.merge_target)

    def confirm(parent, text):
        given.asked.append(text)
        return given.confirm

    monkeypatch.setattr(CodebookPrompts, "ask_merge_target", merge_target)
    monkeypatch.setattr(CodebookPrompts, "confirm_delete", confirm)
    return given


@pytest.fixture
def parts(qtbot, store, answers):
    """The panel on its own runner; every refusal the runner reports is in ``answers.errors``."""
    operations = Operations(store)
    operations.failed.connect(lambda _title, message: answers.errors.append(message))
    panel = TagPanel(operations)
    qtbot.addWidget(panel)
    panel.resize(320, 400)
    panel.show()
    return panel, operations.bus, operations.undo_stack


def _announce_codebook(bus: ChangeBus, *tag_ids: int) -> None:
    from store.changes import Changes

    bus.announce(Changes(tags=True))


def _seed(store, bus) -> dict[str, int]:
    ids = {}
    for name, parent in [
        ("Ukraine", None),
        ("Western Balkans", None),
        ("Kosovo", "Western Balkans"),
        ("Serbia", "Kosovo"),
        ("Sanctions", None),
        ("Energy security", None),
    ]:
        ids[name] = create_tag(store, name, parent_id=ids.get(parent)).created
    _announce_codebook(bus)
    return ids


def _release(store) -> int:
    parsed = ParsedRelease(title="Council", body_markdown=BODY, date="2024-01-02", source="T")
    return save_release(store, parsed, None).release_id


def _row_names(model: TagTreeModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_model_passes_the_model_tester(qtmodeltester, store, parts):
    panel, bus, _ = parts
    _seed(store, bus)
    qtmodeltester.check(panel.model)


def test_tree_is_nested_sorted_and_counts_highlights(store, parts):
    panel, bus, _ = parts
    ids = _seed(store, bus)
    add_highlight_by_quote(store, _release(store), "Kosovo", tag_ids=[ids["Kosovo"]])
    _announce_codebook(bus)
    model = panel.model
    assert panel.findChild(QTreeView, "tagTree") is panel.tree
    assert _row_names(model) == ["Energy security", "Sanctions", "Ukraine", "Western Balkans"]
    kosovo = model.index_of(ids["Kosovo"])
    assert _row_names(model, kosovo) == ["Serbia"]
    assert model.index(kosovo.row(), 1, kosovo.parent()).data() == "1"
    order = ["Energy security", "Sanctions", "Ukraine", "Western Balkans", "Kosovo", "Serbia"]
    assert panel.first_nine_tag_ids() == [ids[n] for n in order]
    assert model.index_of(ids["Serbia"]).data(KEY_ROLE) == 6


def test_new_topic_and_sub_topic_through_the_actions(store, parts, answers):
    panel, _, stack = parts
    assert panel.emptyHint.isVisible()
    answers.name = "NATO–EU"
    panel.actionNewTopic.trigger()
    nato = find_tag(store, "NATO–EU")
    assert not panel.emptyHint.isVisible()
    assert nato is not None and panel.selected_tag_ids() == [nato.id]
    answers.name = "Defence spending"
    panel.actionNewSubTopic.trigger()
    assert find_tag(store, "Defence spending").parent_id == nato.id
    stack.undo()
    assert find_tag(store, "Defence spending") is None
    assert _row_names(panel.model) == ["NATO–EU"]


def test_inline_rename_recolour_describe_and_undo(store, parts, answers):
    panel, bus, stack = parts
    ids = _seed(store, bus)
    model = panel.model
    assert model.setData(model.index_of(ids["Ukraine"]), "Ukraine war")
    assert get_tag(store, ids["Ukraine"]).name == "Ukraine war"
    assert model.index_of(ids["Ukraine"]).data() == "Ukraine war"

    panel.select_tags([ids["Sanctions"]])
    answers.colour = "#204a87"
    panel.actionRecolourTopic.trigger()
    assert get_tag(store, ids["Sanctions"]).colour == "#204a87"
    answers.description = "Restrictive measures by the EU and others"
    panel.actionDescribeTopic.trigger()
    assert get_tag(store, ids["Sanctions"]).description.startswith("Restrictive")

    stack.undo()
    stack.undo()
    stack.undo()
    assert get_tag(store, ids["Ukraine"]).name == "Ukraine"
    assert get_tag(store, ids["Sanctions"]).colour != "#204a87"
    assert model.index_of(ids["Ukraine"]).data() == "Ukraine"
    stack.redo()
    assert get_tag(store, ids["Ukraine"]).name == "Ukraine war"


def test_rename_to_an_existing_name_shows_the_store_sentence(store, parts, answers):
    panel, bus, stack = parts
    ids = _seed(store, bus)
    assert not panel.model.setData(panel.model.index_of(ids["Kosovo"]), "serbia")
    assert answers.errors and "already exists" in answers.errors[0]
    assert get_tag(store, ids["Kosovo"]).name == "Kosovo" and stack.count() == 0


def test_a_drop_cannot_nest_a_topic_in_its_own_sub_topic(store, parts):
    panel, bus, _ = parts
    ids = _seed(store, bus)
    model = panel.model
    data = model.mimeData([model.index_of(ids["Western Balkans"])])
    assert not model.dropMimeData(
        data, Qt.DropAction.MoveAction, -1, 0, model.index_of(ids["Serbia"])
    )
    assert get_tag(store, ids["Western Balkans"]).parent_id is None


def test_merge_moves_highlights_onto_the_target_and_undoes(store, parts, answers):
    panel, bus, stack = parts
    ids = _seed(store, bus)
    release = _release(store)
    highlight = add_highlight_by_quote(store, release, "Kosovo", tag_ids=[ids["Serbia"]]).created
    panel.select_tags([ids["Serbia"]])
    answers.merge_target = "Western Balkans › Kosovo"
    panel.actionMergeTopic.trigger()
    assert "Serbia" not in " ".join(answers.asked)  # a topic is not offered to itself
    assert get_tag(store, ids["Serbia"]) is None
    assert [t.name for t in get_highlight(store, highlight).tags] == ["Kosovo"]
    assert panel.selected_tag_ids() == [ids["Kosovo"]]
    stack.undo()
    assert [t.name for t in get_highlight(store, highlight).tags] == ["Serbia"]
    assert panel.model.index_of(ids["Serbia"]).isValid()


def test_delete_confirms_with_the_count_and_keeps_highlights(store, parts, answers):
    panel, bus, stack = parts
    ids = _seed(store, bus)
    release = _release(store)
    first = add_highlight_by_quote(store, release, "sanctions", tag_ids=[ids["Sanctions"]])
    add_highlight_by_quote(store, release, "energy", tag_ids=[ids["Sanctions"]])
    panel.select_tags([ids["Sanctions"]])

    answers.confirm = False
    panel.actionDeleteTopic.trigger()
    assert get_tag(store, ids["Sanctions"]) is not None
    assert "2 highlights" in answers.asked[-1] and "highlights themselves stay" in answers.asked[-1]

    answers.confirm = True
    panel.actionDeleteTopic.trigger()
    assert get_tag(store, ids["Sanctions"]) is None
    assert get_highlight(store, first.created) is not None
    assert panel.selected_tag_ids() == []
    stack.undo()
    assert tag_usage(store, ids["Sanctions"]) == 2


def test_selection_and_filter_signals(store, parts, qtbot):
    panel, bus, _ = parts
    ids = _seed(store, bus)
    with qtbot.waitSignal(panel.selectionChangedTags) as selected:
        panel.select_tags([ids["Western Balkans"]])
    assert selected.args == [[ids["Western Balkans"]]]
    with qtbot.waitSignal(panel.filterReleasesByTags) as filtered:
        panel.actionFilterByTopics.setChecked(True)
    assert filtered.args == [sorted([ids["Western Balkans"], ids["Kosovo"], ids["Serbia"]])]
    with qtbot.waitSignal(panel.filterReleasesByTags) as filtered:
        panel.actionFilterByTopics.setChecked(False)
    assert filtered.args == [[]]


def test_refresh_keeps_selection_and_collapsed_branches(store, parts):
    panel, bus, _ = parts
    ids = _seed(store, bus)
    balkans = panel.proxy.mapFromSource(panel.model.index_of(ids["Western Balkans"]))
    panel.tree.collapse(balkans)
    panel.select_tags([ids["Ukraine"]])
    create_tag(store, "Arctic")  # a new topic changes the tree's shape: the model resets
    _announce_codebook(bus)
    balkans = panel.proxy.mapFromSource(panel.model.index_of(ids["Western Balkans"]))
    kosovo = panel.proxy.mapFromSource(panel.model.index_of(ids["Kosovo"]))
    assert not panel.tree.isExpanded(balkans) and panel.tree.isExpanded(kosovo)
    assert panel.selected_tag_ids() == [ids["Ukraine"]]


def test_find_box_shows_matching_topics_with_their_parents(store, parts, qtbot):
    panel, bus, _ = parts
    _seed(store, bus)
    qtbot.keyClicks(panel.findBox, "serb")
    proxy = panel.proxy
    top = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert top == ["Western Balkans"]


def test_set_store_switches_codebook(store, parts, tmp_path):
    from store.db import Store

    panel, bus, _ = parts
    _seed(store, bus)
    other = Store(tmp_path / "other.db")
    create_tag(other, "Arctic")
    panel.ops.set_store(other)  # what opening another store does; the first one is closed
    assert _row_names(panel.model) == ["Arctic"]
    panel.ops.set_store(Store(store.path))
