"""A desktop notification: the system tray's message where the platform has a tray, else
the window's status bar (a desktop without a tray, a session without a screen)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from gui.program_icon import program_icon

NOTICE_MS = 10_000


class DesktopNotice:
    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._tray: QSystemTrayIcon | None = None

    def tell(self, title: str, text: str) -> None:
        """Show ``title`` and ``text`` where the analyst will see them outside the window."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self._window.statusBar().showMessage(f"{title}: {text}", NOTICE_MS)
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(program_icon(), self._window)
            self._tray.setToolTip("Communiqué Desk")
            self._tray.messageClicked.connect(self._bring_window_forward)
            self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, NOTICE_MS)

    def _bring_window_forward(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
