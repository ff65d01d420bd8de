"""How the analyst likes to read: text size, reading width, appearance, word snapping.

Each choice is made in the View menu (or with Ctrl+Plus, Ctrl+Minus, Ctrl+0), applied at
once and remembered for this user (:mod:`gui.settings`), and applied again when the window
next opens. The window names the handlers; this module knows the reader and the settings.
"""

from __future__ import annotations

from gui import settings
from gui.appearance import APPEARANCES, apply_appearance
from gui.widgets.reader_view import ReaderView

# Characters a line holds at each reading width; "full" is as wide as the reader.
READING_WIDTHS: dict[str, int | None] = {"full": None, "narrow": 60, "medium": 75, "wide": 95}
# The sizes Ctrl+Plus and Ctrl+Minus step through, in points.
TEXT_SIZES = (7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32, 36)

WIDTH_ACTIONS = {f"actionWidth{name.capitalize()}": name for name in READING_WIDTHS}
APPEARANCE_ACTIONS = {f"actionAppearance{name.capitalize()}": name for name in APPEARANCES}
WIDTH_KEY, APPEARANCE_KEY = "reading/width", "appearance/palette"


class ReadingComfort:
    """The reader's text size and width, the window's appearance and word snapping, as
    remembered; ``checked_actions`` names the View menu's entries that show them."""

    def __init__(self, reader: ReaderView) -> None:
        self.reader = reader
        self.normal_size = reader.text_size()  # the platform's size: Ctrl+0 goes back to it
        size = settings.text_size()
        if size is not None:
            reader.set_text_size(size)
        self.width = settings.choice(WIDTH_KEY, tuple(READING_WIDTHS))
        reader.set_reading_width(READING_WIDTHS[self.width])
        self.appearance = settings.choice(APPEARANCE_KEY, APPEARANCES)
        if self.appearance != "system":  # the application starts with the system's own
            apply_appearance(self.appearance)
        reader.snaps_to_words = settings.snaps_to_words()

    def checked_actions(self) -> list[str]:
        """The names of the actions that are checked for the current choices."""
        names = [
            *(name for name, width in WIDTH_ACTIONS.items() if width == self.width),
            *(name for name, look in APPEARANCE_ACTIONS.items() if look == self.appearance),
        ]
        return [*names, "actionSnapToWords"] if self.reader.snaps_to_words else names

    def larger(self) -> None:
        current = self.reader.text_size()
        self._set_size(next((s for s in TEXT_SIZES if s > current + 0.01), TEXT_SIZES[-1]))

    def smaller(self) -> None:
        current = self.reader.text_size()
        below = [s for s in TEXT_SIZES if s < current - 0.01]
        self._set_size(below[-1] if below else TEXT_SIZES[0])

    def normal_text_size(self) -> None:
        self._set_size(self.normal_size)

    def _set_size(self, points: float) -> None:
        self.reader.set_text_size(points)
        settings.remember_text_size(None if points == self.normal_size else points)

    def set_width(self, name: str) -> None:
        self.width = name
        self.reader.set_reading_width(READING_WIDTHS[name])
        settings.remember_choice(WIDTH_KEY, name)

    def set_appearance(self, name: str) -> None:
        self.appearance = name
        apply_appearance(name)
        settings.remember_choice(APPEARANCE_KEY, name)

    def set_snap_to_words(self, on: bool) -> None:
        self.reader.snaps_to_words = on
        settings.remember_snap_to_words(on)
