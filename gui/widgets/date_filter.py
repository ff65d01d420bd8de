"""A date field for filters, where "any" (no limit) is a value of its own."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE = QDate(1900, 1, 1)  # the minimum, shown as "any"


class DateFilterEdit(QDateEdit):
    """ISO dates with a calendar pop-up; starts at "any"."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("any")
        self.setDate(NO_DATE)

    def iso(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or None for "any"."""
        date = self.date()
        return None if date == NO_DATE else date.toString("yyyy-MM-dd")
