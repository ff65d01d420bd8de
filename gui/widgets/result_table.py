"""Tables of results the analyst reads and picks rows of (Where else?, Counterparts, the
concordance, the overlap of two coders): whole rows selected, nothing editable, no row
numbers; one row or several, long cells wrapped or not."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QWidget


def read_only_rows(table: QTableView, *, several: bool, wrap: bool) -> None:
    """Set a table to show results: rows picked whole (several with Ctrl/Shift when
    ``several``), no cell editable, no row numbers, alternating rows when several."""
    rows = QAbstractItemView.SelectionMode
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(rows.ExtendedSelection if several else rows.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(wrap)
    table.setAlternatingRowColors(several)
    table.verticalHeader().hide()


def result_table(parent: QWidget, columns: tuple[str, ...] | list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    read_only_rows(table, several=False, wrap=True)
    return table
