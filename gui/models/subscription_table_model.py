"""The subscriptions as a table: what each follows, its issuer, its last and next fetch, and
how the last one went, in words.

The model only shows what :func:`store.subscriptions.following` returns; the panel reads it
again (``reload``) whenever the bus or a fetch pass says something may have changed. A few
dozen rows: read on the GUI thread, as the Issuers dialog reads its table.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from store.db import Store
from store.issuers import issuer_names_by_id

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
STAR, FOLLOWS, ISSUER, LAST, NEXT, STATE = range(6)
KIND_WORDS = {"feed": "feed", "sitemap": "sitemap", "listing": "listing page", "folder": "folder"}


class SubscriptionTableModel(QAbstractTableModel):
    COLUMNS: ClassVar[list[str]] = ["★", "Follows", "Issuer", "Last fetch", "Next fetch", "State"]
    SubscriptionRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []  # store.subscriptions.Subscription
        self._issuers: dict[int, str] = {}

    def reload(self, store: Store) -> None:
        from store.subscriptions import following

        self.beginResetModel()
        self._rows = list(following(store))
        self._issuers = issuer_names_by_id(store)
        self.endResetModel()

    def subscription(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, subscription_id: int) -> int | None:
        for row, subscription in enumerate(self._rows):
            if subscription.id == subscription_id:
                return row
        return None

    def issuer_name(self, subscription) -> str | None:
        return self._issuers.get(subscription.issuer_id) if subscription.issuer_id else None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Starred: a desktop notice when it brings releases" if section == STAR else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        subscription = self.subscription(index.row()) if index.isValid() else None
        if subscription is None:
            return None
        column = index.column()
        if role == self.SubscriptionRole:
            return subscription
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(subscription, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FOLLOWS:
                return f"{KIND_WORDS.get(subscription.kind, subscription.kind)}: {subscription.url}"
            if column == STATE:
                return subscription.error or state_words(subscription)
            return None
        if role == Qt.ItemDataRole.FontRole and subscription.paused:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, subscription, column: int) -> str:
        if column == STAR:
            return "★" if subscription.starred else ""
        if column == FOLLOWS:
            return subscription.url
        if column == ISSUER:
            return self.issuer_name(subscription) or "—"
        if column == LAST:
            return local_time(subscription.last_fetch) or "never"
        if column == NEXT:
            return (
                "paused" if subscription.paused else (local_time(subscription.next_fetch) or "now")
            )
        return state_words(subscription)


def state_words(subscription) -> str:
    """How the last fetch went, in words: "ok", "not modified", its error sentence; paused
    ones say so first."""
    if subscription.status == "error":
        words = subscription.error or "the last fetch failed"
    elif subscription.status == "not-modified":
        words = "not modified"
    elif subscription.status == "ok":
        words = "ok"
    else:
        words = "not fetched yet"
    return f"paused · {words}" if subscription.paused else words


def local_time(iso: str | None) -> str | None:
    """An ISO 8601 UTC time as the analyst's clock shows it, to the minute.

    >>> local_time(None) is None
    True
    >>> len(local_time("2026-12-03T14:40:00+00:00"))
    16
    """
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
