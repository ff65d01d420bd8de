"""The two-column reader on hard input, with the real dialog offscreen: two releases of some
300,000 characters, a one-word release, the same release twice, a statement of forty
versions. Each gets a sensible answer, the texts are opened and aligned off the window's
thread (the dialog says so meanwhile), and nothing raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from side_by_side_helpers import SWISS_NEWS, message_versions, write_jsonl

from gui.dialogs.side_by_side import OPENING, SideBySideDialog
from gui.operations.runner import Operations
from gui.text.aligned_passages import A, B
from store.db import Store
from store.imports.pipeline import import_paths
from store.releases import page_of_releases
from store.statement_groups import join_group, translations
from tests.gui.window_helpers import open_release, press, shown_window

pytestmark = pytest.mark.usefixtures("qapp")

LONG = 300_000


def long_pair() -> list[dict]:
    """The German bodies of the corpus's messages joined until 300,000 characters, and the
    French bodies of the same messages."""
    if not SWISS_NEWS.exists():
        pytest.skip("the shared corpus is not here")
    by_message: dict[str, dict[str, dict]] = {}
    with SWISS_NEWS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_message.setdefault(record["message"], {})[record["language"]] = record
    german, french = [], []
    for versions in by_message.values():
        if "de" in versions and "fr" in versions and sum(map(len, german)) < LONG:
            german.append(versions["de"]["body"])
            french.append(versions["fr"]["body"])
    return [
        {"title": f"Four years of messages ({language})", "date": "2019-12-31",
         "language": language, "body": "".join(bodies)}
        for language, bodies in (("de", german), ("fr", french))
    ]  # fmt: skip


@pytest.fixture
def dialog(qtbot):
    made: list[SideBySideDialog] = []

    def on(store: Store) -> SideBySideDialog:
        shown = SideBySideDialog(Operations(store))
        qtbot.addWidget(shown)
        shown.resize(1100, 700)
        shown.show()
        qtbot.waitExposed(shown)
        made.append(shown)
        return shown

    yield on
    for shown in made:
        shown.close()
        shown.ops.store.close()


def ids_by_title(store: Store) -> dict[str, int]:
    return {r.title: r.id for r in page_of_releases(store, limit=100)}


def side_by_side_of_the_open_release(qtbot, window) -> SideBySideDialog:
    """Press Ctrl+Shift+B in the window and wait until the two columns are aligned."""
    press(
        qtbot,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    shown = window.findChild(QDialog, "sideBySide")
    assert isinstance(shown, SideBySideDialog)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: not shown.pending and shown.passages is not None, timeout=20000)
    return shown


def test_two_releases_of_300000_characters_open_and_align_off_the_window_thread(
    qtbot, tmp_path: Path, db_path: Path, dialog
) -> None:
    store = Store(db_path)
    import_paths(store, [write_jsonl(tmp_path / "long.jsonl", long_pair())])
    ids = ids_by_title(store)
    shown = dialog(store)
    shown.compare(ids["Four years of messages (de)"], ids["Four years of messages (fr)"])
    assert shown.status.text() == OPENING and shown.views[A].toPlainText() == ""
    qtbot.waitUntil(lambda: shown.status.text() != OPENING, timeout=20000)
    assert len(shown.views[A].toPlainText()) > LONG * 0.9  # shown before the alignment
    qtbot.waitUntil(lambda: not shown.pending, timeout=120000)
    assert "passages aligned" in shown.status.text(), shown.status.text()
    assert len(shown.passages.pairs) > 100


def test_a_one_word_release_beside_a_message_is_mostly_only_on_one_side(
    qtbot, tmp_path: Path, db_path: Path, dialog
) -> None:
    (german,) = message_versions("57284", ("de",))
    word = {"title": "Danke", "date": "2015-05-15", "language": "de", "body": "Danke."}
    store = Store(db_path)
    import_paths(store, [write_jsonl(tmp_path / "word.jsonl", [word, german])])
    ids = ids_by_title(store)
    shown = dialog(store)
    shown.compare(ids["Danke"], ids[german["title"]])
    qtbot.waitUntil(lambda: not shown.pending and shown.status.text() != OPENING, timeout=20000)
    qtbot.waitUntil(lambda: not shown.pending, timeout=20000)
    assert "Traceback" not in shown.status.text()
    assert shown.passages is not None, shown.status.text()
    # At most the one word finds a counterpart; the message is, nearly all of it, only in B.
    assert len(shown.passages.pairs) <= 1
    covered = sum(span.end - span.start for span in shown.passages.only[B])
    assert covered > 0.8 * len(shown.views[B].toPlainText())


def test_the_same_release_twice_pairs_every_passage_with_itself(
    qtbot, tmp_path: Path, db_path: Path, dialog
) -> None:
    (german,) = message_versions("57284", ("de",))
    store = Store(db_path)
    import_paths(store, [write_jsonl(tmp_path / "one.jsonl", [german])])
    (release_id,) = ids_by_title(store).values()
    shown = dialog(store)
    shown.compare(release_id, release_id)
    qtbot.waitUntil(lambda: not shown.pending and shown.passages is not None, timeout=20000)
    assert shown.passages.only == ([], [])
    assert all(pair.spans[A] == pair.spans[B] for pair in shown.passages.pairs)
    assert "0 only in A · 0 only in B" in shown.status.text()


def test_a_statement_of_forty_versions_opens_one_beside_another_language(
    qtbot, tmp_path: Path, db_path: Path
) -> None:
    """Forty versions (the message's four languages, ten times over, as feeds repeat
    them), joined into one statement by the analyst."""
    versions = message_versions("57284", ("de", "fr", "it", "en"))
    records = [
        dict(record, title=f"{record['title']} ({copy})")
        for copy in range(10)
        for record in versions
    ]
    with Store(db_path) as store:
        import_paths(store, [write_jsonl(tmp_path / "forty.jsonl", records)])
        ids = list(ids_by_title(store).values())
        assert len(ids) == 40
        join_group(store, ids)
        assert len(translations(store, ids[0])) == 40
    with shown_window(qtbot, db_path) as window:
        open_release(qtbot, window, "Hilfskonvoi")
        shown = side_by_side_of_the_open_release(qtbot, window)
        languages = [reading.release.language for reading in shown.readings]
        assert languages[0] == "de" and languages[1] != "de"
        shown.close()


def test_two_releases_in_one_language_joined_as_translations_align_by_their_wording(
    qtbot, tmp_path: Path, db_path: Path
) -> None:
    """The German message and a shorter German draft of it that the feed called French,
    joined into one statement: opened side by side from the window, they are aligned by
    their wording, and the sentence the draft lacks is only on the message's side."""
    (german,) = message_versions("57284", ("de",))
    sentences = german["body"].split(". ")
    dropped = sentences[len(sentences) // 2]
    draft = dict(
        german,
        title=f"{german['title']} (draft)",
        language="fr",
        body=". ".join(s for s in sentences if s != dropped),
    )
    with Store(db_path) as store:
        import_paths(store, [write_jsonl(tmp_path / "drafts.jsonl", [german, draft])])
        ids = ids_by_title(store)
        join_group(store, [ids[german["title"]], ids[draft["title"]]])
    with shown_window(qtbot, db_path) as window:
        open_release(qtbot, window, "(draft)")
        shown = side_by_side_of_the_open_release(qtbot, window)
        assert "passages aligned" in shown.status.text(), shown.status.text()
        draft_side = next(
            side for side, r in enumerate(shown.readings) if r.release.title == draft["title"]
        )
        full_side = B - draft_side
        text = shown.views[full_side].toPlainText()
        at = text.find(dropped[:40])
        assert at >= 0
        assert any(span.start <= at + 10 <= span.end for span in shown.passages.only[full_side]), (
            shown.passages.only
        )
        assert len(shown.passages.pairs) >= len(sentences) // 2
        shown.grab().save(str(tmp_path / "same-language.png"))
        shown.close()
