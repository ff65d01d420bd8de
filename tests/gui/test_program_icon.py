"""The program's icon: in the window's title bar and in the About box, as the desktop shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.program_icon import program_icon
from tests.gui.window_helpers import press, shown_window


def same_picture(first: QImage, second: QImage) -> bool:
    convert = QImage.Format.Format_ARGB32
    return first.convertToFormat(convert) == second.convertToFormat(convert)


def test_the_icon_is_drawn_from_the_shipped_picture(qapp) -> None:
    icon = program_icon()
    assert not icon.isNull()
    picture = icon.pixmap(48, 48).toImage()
    assert picture.width() >= 48
    # A page with a yellow passage on it: the highlight's colour is in the middle rows.
    middle = {picture.pixelColor(x, picture.height() // 2).name() for x in range(picture.width())}
    assert "#ffd43b" in middle


def test_the_window_and_the_about_box_show_the_program_icon(
    qtbot, filled_db: Path, tmp_path: Path
) -> None:
    expected = program_icon().pixmap(32, 32).toImage()
    seen: dict[str, object] = {}

    def look_at_the_about_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look_at_the_about_box)
            return
        box.grab().save(str(tmp_path / "about.png"))
        seen["title"] = box.windowTitle()
        seen["icon"] = box.iconPixmap().toImage()
        seen["text"] = box.text()
        box.accept()

    with shown_window(qtbot, filled_db) as window:
        assert same_picture(window.windowIcon().pixmap(32, 32).toImage(), expected)
        QTimer.singleShot(0, look_at_the_about_box)
        press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # the Help menu
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        # The open menu has the keyboard (offscreen Qt cannot grab it, so it is sent there).
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)  # “&About …”
        qtbot.waitUntil(lambda: "icon" in seen)
    assert seen["title"] == "About Communiqué Desk"
    assert same_picture(seen["icon"], program_icon().pixmap(64, 64).toImage())
    assert filled_db.name in seen["text"]
    assert (tmp_path / "about.png").stat().st_size > 0
