"""The window fills itself: the Subscriptions panel, fetching off the window's thread, unread
releases, the notice of a starred subscription and a followed folder, driven as an analyst
would, against a real web server on 127.0.0.1 serving the State Department's real feed
snapshots (private addresses allowed by the setting, as only tests do).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QMessageBox, QPushButton

from bench.local_feeds import LocalFeeds
from store.db import Store
from store.subscriptions import follow, following, get_subscription
from store.unread import unread_count
from tests.fetch.bad_servers import dripping
from tests.fetch.web_server import WebServer, serve
from tests.gui.window_helpers import choose_in_menu, open_release, release_list, shown_window

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SNAPSHOTS = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))
LISTING = (
    Path(__file__).resolve().parents[1] / "data" / "listings" / "state-dept-press-releases.html"
)
FETCHED = 15_000  # ms a fetch pass on the local server may take on a busy shared machine


@pytest.fixture(autouse=True)
def _private_addresses_allowed() -> None:
    QSettings().setValue("fetching/allow_private_addresses", True)


@pytest.fixture
def server():
    with LocalFeeds() as running:
        yield running


@pytest.fixture
def window(qtbot, db_path: Path):
    Store(db_path).close()
    with shown_window(qtbot, db_path) as built:
        yield built


def panel_of(qtbot, window):
    """Open File ▸ Subscriptions… with its key, as the analyst would."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: window.following.panel is not None and window.following.panel.isVisible()
    )
    return window.following.panel


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, line, text: str) -> None:
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)


def select_subscription(qtbot, panel, subscription_id: int) -> None:
    row = panel.model.row_of(subscription_id)
    assert row is not None
    table = panel.table
    rect = table.visualRect(panel.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` of the message box about to ask (it runs its own event loop)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)


def titles_listed(window) -> list[str]:
    model = release_list(window).model()
    return [model.index(row, 2).data() for row in range(model.rowCount())]


def bold_rows(window) -> int:
    model = release_list(window).model()
    fonts = (model.index(row, 2).data(Qt.ItemDataRole.FontRole) for row in range(model.rowCount()))
    return sum(1 for font in fonts if font is not None and font.bold())


def test_following_a_feed_by_its_address_fetches_it_off_the_window_s_thread(qtbot, window, server):
    feed = server.put("/press-releases.rss", SNAPSHOTS[0])
    panel = panel_of(qtbot, window)
    type_into(qtbot, panel.address_box, feed)
    type_into(qtbot, panel.issuer_box.lineEdit(), "U.S. Department of State")
    click(qtbot, panel.follow_button)

    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=FETCHED)
    qtbot.waitUntil(lambda: len(titles_listed(window)) == 10, timeout=FETCHED)
    assert bold_rows(window) == 10  # new releases are unread
    assert "Fetched 1 subscription: 10 new releases" in window.statusBar().currentMessage()
    subscription = panel.model.subscription(0)
    assert (subscription.kind, subscription.url) == ("feed", feed)
    qtbot.waitUntil(lambda: panel.model.subscription(0).status == "ok")
    assert panel.model.index(0, 5).data() == "ok"
    assert "Department of State" in panel.model.index(0, 2).data()  # its known name
    assert panel.model.index(0, 3).data() != "never"


def test_a_listing_rule_is_previewed_before_anything_is_saved(qtbot, window, server):
    page = server.put("/press-releases/", LISTING)
    panel = panel_of(qtbot, window)
    type_into(qtbot, panel.address_box, page)
    type_into(qtbot, panel.pattern_box, "https://www.state.gov/*")
    type_into(qtbot, panel.selector_box, "a.collection-result__link")
    click(qtbot, panel.preview_button)

    qtbot.waitUntil(lambda: panel.preview_list.count() > 0, timeout=FETCHED)
    links = [panel.preview_list.item(n).text() for n in range(panel.preview_list.count())]
    assert len(links) == 10 and all(link.startswith("https://www.state.gov/") for link in links)
    assert "listing page" in panel.preview_label.text()
    assert following(window.store) == []  # a preview saves nothing

    # A rule that takes nothing says so, still before saving.
    type_into(qtbot, panel.selector_box, "a.no-such-class")
    qtbot.keyClick(panel.selector_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "nothing to take" in panel.preview_label.text(), timeout=FETCHED)
    assert panel.preview_list.count() == 0


def test_a_page_offering_feeds_lists_them_to_pick_one(qtbot, window, server):
    feed = server.put("/feed/press-releases.rss", SNAPSHOTS[0])
    page = server.put(
        "/news.html",
        b'<!DOCTYPE html><html><head><title>Press releases</title><link rel="alternate" '
        b'type="application/rss+xml" title="Press Releases" href="/feed/press-releases.rss">'
        b"</head><body><h1>Press releases</h1></body></html>",
    )
    panel = panel_of(qtbot, window)
    type_into(qtbot, panel.address_box, page)
    click(qtbot, panel.follow_button)
    qtbot.waitUntil(lambda: panel.preview_list.count() == 1, timeout=FETCHED)
    assert following(window.store) == []  # a page is not followed by itself
    offered = panel.preview_list.item(0)
    assert feed in offered.text()

    rect = panel.preview_list.visualItemRect(offered)
    qtbot.mouseClick(panel.preview_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(panel.preview_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [s.url for s in following(window.store)] == [feed], timeout=FETCHED)
    qtbot.waitUntil(lambda: len(titles_listed(window)) == 10, timeout=FETCHED)


def test_an_error_is_said_in_words_and_the_other_subscriptions_are_fetched(qtbot, window, server):
    good = server.put("/good.rss", SNAPSHOTS[1])
    missing = server.url("/gone.rss")
    with Store(window.store.path) as store:
        follow(store, good, kind="feed")
        broken = follow(store, missing, kind="feed")
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # fetch every subscription now
    qtbot.waitUntil(lambda: len(titles_listed(window)) == 10, timeout=FETCHED)
    qtbot.waitUntil(lambda: get_subscription(window.store, broken.id).status == "error")
    qtbot.waitUntil(
        lambda: panel.model.subscription(panel.model.row_of(broken.id)).status == "error"
    )
    said = panel.model.index(panel.model.row_of(broken.id), 5).data()
    assert "404" in said or "not found" in said.lower()
    assert "1 failed" in window.statusBar().currentMessage()

    select_subscription(qtbot, panel, broken.id)  # Test says the same, nothing stored
    click(qtbot, panel.test_button)
    qtbot.waitUntil(
        lambda: (
            "404" in panel.preview_label.text() or "not found" in panel.preview_label.text().lower()
        ),
        timeout=FETCHED,
    )


def test_pause_star_and_unfollow_are_saved_at_once_and_unfollow_asks(qtbot, window, server):
    feed = server.put("/feed.rss", SNAPSHOTS[2])
    with Store(window.store.path) as store:
        subscription = follow(store, feed, kind="feed")
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    select_subscription(qtbot, panel, subscription.id)

    click(qtbot, panel.pause_button)
    assert get_subscription(window.store, subscription.id).paused
    assert panel.model.index(0, 4).data() == "paused"
    assert panel.pause_button.text().replace("&", "") == "Resume"
    click(qtbot, panel.pause_button)
    assert not get_subscription(window.store, subscription.id).paused

    click(qtbot, panel.star_button)
    assert get_subscription(window.store, subscription.id).starred
    assert panel.model.index(0, 0).data() == "★"

    answer_next_question(QMessageBox.StandardButton.Cancel)
    click(qtbot, panel.unfollow_button)
    assert get_subscription(window.store, subscription.id) is not None
    answer_next_question(QMessageBox.StandardButton.Yes)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert get_subscription(window.store, subscription.id) is None
    assert panel.model.rowCount() == 0


def test_a_starred_subscription_s_new_releases_are_announced(qtbot, window, server):
    feed = server.put("/feed.rss", SNAPSHOTS[3])
    with Store(window.store.path) as store:
        subscription = follow(store, feed, kind="feed", issuer="U.S. Department of State")
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    select_subscription(qtbot, panel, subscription.id)
    click(qtbot, panel.star_button)
    click(qtbot, panel.fetch_button)
    # Offscreen there is no system tray: the status bar says it, naming the issuer as the
    # store knows it (the name typed is one of its aliases).
    issuer = get_subscription(window.store, subscription.id).issuer
    assert issuer and issuer != "U.S. Department of State"
    qtbot.waitUntil(
        lambda: f"{issuer}: 10 new releases" in window.statusBar().currentMessage(),
        timeout=FETCHED,
    )

    # The next snapshot brings releases again; an unchanged feed (304) brings none and no notice.
    server.put("/feed.rss", SNAPSHOTS[3])
    window.statusBar().clearMessage()
    click(qtbot, panel.fetch_button)
    qtbot.waitUntil(
        lambda: "Fetched 1 subscription: 0 new" in window.statusBar().currentMessage(),
        timeout=FETCHED,
    )
    assert server.hits["/feed.rss"] == 2


def test_unread_releases_bold_counted_filtered_and_marked_read(qtbot, window, server):
    feed = server.put("/feed.rss", SNAPSHOTS[4])
    with Store(window.store.path) as store:
        issuer = follow(store, feed, kind="feed", issuer="U.S. Department of State").issuer
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bold_rows(window) == 10, timeout=FETCHED)
    new_filter = window.findChild(QCheckBox, "newFilter")
    assert new_filter.text() == "New (10)"

    # The issuer filter's pop-up counts them beside the issuer's releases.
    window.filters.issuer_filter.open_list()
    choices = window.filters.issuer_filter.popup.list
    texts = [choices.item(n).text() for n in range(choices.count())]
    assert f"{issuer}  (10 · 10 new)" in texts
    window.filters.issuer_filter.popup.hide()

    # Opening a release marks it read: no longer bold, one fewer counted everywhere.
    first = titles_listed(window)[0]
    open_release(qtbot, window, first)
    qtbot.waitUntil(lambda: bold_rows(window) == 9)
    assert unread_count(window.store) == 9
    qtbot.waitUntil(lambda: new_filter.text() == "New (9)")

    # The New filter lists only the unread ones.
    qtbot.mouseClick(new_filter, Qt.MouseButton.LeftButton, pos=QPoint(8, new_filter.height() // 2))
    qtbot.waitUntil(lambda: len(titles_listed(window)) == 9)
    assert first not in titles_listed(window)


def test_mark_unread_and_mark_all_read_and_the_setting_that_keeps_them_unread(
    qtbot, window, server
):
    feed = server.put("/feed.rss", SNAPSHOTS[5])
    with Store(window.store.path) as store:
        follow(store, feed, kind="feed")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bold_rows(window) == 10, timeout=FETCHED)

    first = titles_listed(window)[0]
    open_release(qtbot, window, first)
    qtbot.waitUntil(lambda: bold_rows(window) == 9)
    release_list(window).setFocus()
    qtbot.keyClick(release_list(window), Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bold_rows(window) == 10)
    assert window.release.unread or unread_count(window.store) == 10

    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bold_rows(window) == 0)
    assert unread_count(window.store) == 0

    # View ▸ Mark releases read when opened, turned off: opening leaves a release unread.
    choose_in_menu(qtbot, window, "View", "Mark releases read when opened")
    assert not QSettings().value("reading/mark_read_on_open", True, type=bool)
    with Store(window.store.path) as store:
        from store.releases import page_of_releases
        from store.unread import mark_unread

        mark_unread(store, [r.id for r in page_of_releases(store, limit=10)])
    qtbot.waitUntil(lambda: bold_rows(window) == 10)  # another connection's write, seen
    open_release(qtbot, window, titles_listed(window)[3])
    qtbot.wait(300)
    assert unread_count(window.store) == 10


def test_a_file_copied_into_a_followed_folder_shows_up_in_the_list(
    qtbot, window, tmp_path, monkeypatch
):
    folder = tmp_path / "releases"
    folder.mkdir()
    shutil.copy(SNAPSHOTS[6], folder / SNAPSHOTS[6].name)
    panel = panel_of(qtbot, window)
    # The folder picker (a modal dialog of the system's) answered as the analyst would.
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_args, **_kw: str(folder))
    )
    click(qtbot, panel.folder_button)
    assert panel.address_box.text() == str(folder)
    click(qtbot, panel.follow_button)
    qtbot.waitUntil(lambda: len(titles_listed(window)) == 10, timeout=FETCHED)
    qtbot.waitUntil(
        lambda: (
            str(folder.resolve())
            in {str(p) for p in window.following.folder_watch.folders().values()}
        )
    )

    before = set(titles_listed(window))
    shutil.copy(SNAPSHOTS[30], folder / SNAPSHOTS[30].name)  # while the window is open
    qtbot.waitUntil(lambda: len(set(titles_listed(window)) - before) > 0, timeout=FETCHED)
    assert bold_rows(window) > 0


def test_closing_the_window_while_a_fetch_runs_ends_the_pass_and_keeps_what_it_saved(
    qtbot, db_path: Path
):
    with WebServer() as web:
        web.routes["/good.rss"] = serve(SNAPSHOTS[7].read_bytes())
        web.routes["/slow.rss"] = dripping  # a byte every tenth of a second, for ever
        with Store(db_path) as store:
            good = follow(store, web.url("/good.rss"), kind="feed")
            slow = follow(store, web.url("/slow.rss"), kind="feed")
        with shown_window(qtbot, db_path) as window:
            qtbot.keyClick(window, Qt.Key.Key_F5)
            qtbot.waitUntil(lambda: bool(web.asked("/slow.rss")), timeout=FETCHED)
            qtbot.waitUntil(
                lambda: get_subscription(window.store, good.id).status == "ok", timeout=FETCHED
            )
            assert window.following.schedule.running()  # still reading the slow one
            choose_in_menu(qtbot, window, "File", "Quit")
            assert not window.isVisible()
            # Closed while the pass ran: its thread has ended and let go of the store.
            assert not [t for t in threading.enumerate() if t.name == "FetchPassJob"]

    with Store(db_path) as store:
        fetched = get_subscription(store, good.id)
        assert fetched.releases == 10 and fetched.status == "ok"  # saved whole, before
        cut_off = get_subscription(store, slow.id)
        # Nothing of the slow one kept, no error noted: still due, fetched by the next pass.
        assert (cut_off.releases, cut_off.status, cut_off.error) == (0, None, None)
        assert cut_off.next_fetch == slow.next_fetch
        claimed = store.db.execute(
            "SELECT count(*) FROM subscriptions WHERE claimed_by IS NOT NULL"
        ).fetchone()
        assert claimed == (0,)
