"""Window figures, each beside its floor measured in the same process on the same data.

Every subcommand runs in a fresh process (``run_all`` starts them) and prints one JSON
object, so a first paint is a real first paint and a resident size is this window's alone:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py paint --db DB
    ... bench_window.py interact --db DB --ordinary WORD --common WORD
    ... bench_window.py memory --db DB
    ... bench_window.py stall --jsonl FILE --db NEW_DB
    ... bench_window.py export-stall --db DB --format xlsx
    ... bench_window.py scroll --db DB
    ... bench_window.py typing --db DB --words WORD ...
    ... bench_window.py excerpts --db DB

Times are wall-clock seconds. Qt settings go to a temporary folder (XDG_CONFIG_HOME), so a
developer's saved layout neither shapes nor suffers from the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window settings of the run go to a folder of its own, removed at exit.
_SETTINGS = tempfile.TemporaryDirectory(prefix="bench-qt-settings-")
os.environ["XDG_CONFIG_HOME"] = _SETTINGS.name
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextBrowser  # noqa: E402

from gui.app import application, build_window  # noqa: E402
from store.render import render_html  # noqa: E402

REPEATS = 5


class _PaintWatch(QObject):
    """Notes when a widget has painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _paint_now(window) -> None:
    """Let queued events run and the list repaint synchronously (it fetches visible rows)."""
    QApplication.processEvents()
    window.release_list.viewport().repaint()


def first_paint(db: Path) -> dict[str, float]:
    """build_window + show + events until the release list has painted its first rows."""
    app = application()
    began = time.perf_counter()
    window = build_window(db)
    watch = _PaintWatch()
    window.release_list.viewport().installEventFilter(watch)
    window.show()
    while not (watch.painted and window.model._rows.pages):
        app.processEvents()
        if time.perf_counter() - began > 60:
            raise RuntimeError("the list did not paint within a minute")
    seconds = time.perf_counter() - began
    rows = window.model.rowCount()
    window.close()
    return {"seconds": seconds, "rows": rows}


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _bare_fts(db: Path, word: str) -> float:
    conn = sqlite3.connect(db)
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        conn.execute(
            "SELECT rowid FROM releases_fts WHERE releases_fts MATCH ? ORDER BY rank LIMIT 50",
            (f'"{word}"',),
        ).fetchall()
        samples.append(time.perf_counter() - began)
    conn.close()
    return _median(samples)


def _search(window, word: str) -> float:
    """Typed text → filter emitted (the debounce is not counted) → count and rows painted."""
    filters = window.filters
    samples = []
    for _ in range(REPEATS):
        filters.search_box.setText("")
        filters._emit_now()
        _paint_now(window)
        began = time.perf_counter()
        filters.search_box.setText(word)
        filters._emit_now()  # what the debounce timer does once the analyst pauses
        while window.model.searching():  # count and first page come from a worker thread
            QApplication.processEvents()
        _paint_now(window)
        samples.append(time.perf_counter() - began)
    filters.search_box.setText("")
    filters._emit_now()
    _paint_now(window)
    return _median(samples)


def _big_release(window) -> tuple[int, list]:
    conn = window.store.conn
    (release_id,) = conn.execute(
        "SELECT id FROM releases WHERE identity = 'id:bench-big-release'"
    ).fetchone()
    spans = conn.execute(
        'SELECT start, "end" FROM highlights WHERE release_id = ?', (release_id,)
    ).fetchall()
    return release_id, spans


def _open_release(window, release_id: int) -> float:
    samples = []
    for _ in range(REPEATS):
        window.show_release(None)
        QApplication.processEvents()
        began = time.perf_counter()
        window.show_release(release_id)
        window.reader.view.viewport().repaint()
        samples.append(time.perf_counter() - began)
    return _median(samples)


def _open_floor(window, release_id: int, spans: list) -> float:
    """Markdown → setHtml → 500 formats in one edit block, on a bare QTextBrowser."""
    markdown = window.store.conn.execute(
        "SELECT body_markdown FROM releases WHERE id = ?", (release_id,)
    ).fetchone()[0]
    view = QTextBrowser()
    view.resize(window.reader.view.size())
    view.show()
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#f5c518"))
    samples = []
    for _ in range(REPEATS):
        view.clear()
        QApplication.processEvents()
        began = time.perf_counter()
        view.setHtml(render_html(markdown))
        cursor = QTextCursor(view.document())
        limit = view.document().characterCount() - 1
        cursor.beginEditBlock()
        for start, end in spans:
            cursor.setPosition(min(start, limit))
            cursor.setPosition(min(end, limit), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
        view.viewport().repaint()
        samples.append(time.perf_counter() - began)
    view.close()
    return _median(samples)


def _save_highlight(window, db: Path) -> tuple[float, float]:
    """actionHighlight triggered → committed (and the views told), then undone; and the bare
    INSERT of a highlight and its tag in an IMMEDIATE transaction on another connection."""
    conn = window.store.conn
    release_id = conn.execute(
        "SELECT id FROM releases WHERE length(text) > 600 ORDER BY id LIMIT 1 OFFSET 500"
    ).fetchone()[0]
    tag_id = conn.execute("SELECT min(id) FROM tags").fetchone()[0]
    window.show_release(release_id)
    if window.tag_panel is not None:
        window.tag_panel.select_tags([tag_id])
    QApplication.processEvents()
    view = window.reader.view
    action = window.window_actions["actionHighlight"]
    samples = []
    for n in range(REPEATS):
        cursor = QTextCursor(view.document())
        cursor.setPosition(20 + 30 * n)
        cursor.setPosition(80 + 30 * n, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        before = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
        began = time.perf_counter()
        action.trigger()
        samples.append(time.perf_counter() - began)
        after = conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
        if after != before + 1:
            raise RuntimeError("actionHighlight did not save a highlight")
        window.window_actions["actionUndo"].trigger()
        QApplication.processEvents()
    bare = sqlite3.connect(db, isolation_level=None)
    bare.execute("PRAGMA busy_timeout = 10000")
    bare.execute("PRAGMA foreign_keys = ON")
    floor = []
    for n in range(REPEATS):
        began = time.perf_counter()
        bare.execute("BEGIN IMMEDIATE")
        highlight_id = bare.execute(
            'INSERT INTO highlights(release_id, start, "end", quote, created_at, updated_at) '
            "VALUES (?, ?, ?, 'quote', '', '')",
            (release_id, 20 + n, 80 + n),
        ).lastrowid
        bare.execute("INSERT INTO highlight_tags VALUES (?, ?)", (highlight_id, tag_id))
        bare.execute("COMMIT")
        floor.append(time.perf_counter() - began)
        bare.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
    bare.close()
    return _median(samples), _median(floor)


def interact(db: Path, ordinary: str, common: str) -> dict[str, float]:
    """Search, open the big release and save a highlight, on one open window."""
    application()
    window = build_window(db)
    gc.freeze()  # as gui.app does once the window is built: no full collection in a figure
    window.show()
    _paint_now(window)
    result: dict[str, float] = {}
    for label, word in (("ordinary", ordinary), ("common", common)):
        result[f"search_{label}"] = _search(window, word)
        result[f"search_{label}_floor"] = _bare_fts(db, word)
        window.model.set_filter(window.model.release_filter)
    release_id, spans = _big_release(window)
    result["open_highlights"] = len(spans)
    result["open"] = _open_release(window, release_id)
    result["open_floor"] = _open_floor(window, release_id, spans)
    result["save"], result["save_floor"] = _save_highlight(window, db)
    window.close()
    return result


def _rss_mb() -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def memory(db: Path) -> dict[str, float]:
    """Resident size with the store open, scrolled end to end, sorted, a release read."""
    app = application()
    window = build_window(db)
    window.show()
    _paint_now(window)
    view = window.release_list
    bar = view.verticalScrollBar()
    for step in range(0, 101, 5):  # drag the scroll bar from top to bottom
        bar.setValue(bar.maximum() * step // 100)
        _paint_now(window)
    for column in (1, 2, 3, 0):
        view.sortByColumn(column, view.horizontalHeader().sortIndicatorOrder())
        bar.setValue(bar.maximum() // 2)
        _paint_now(window)
    window.select_row(0)
    app.processEvents()
    rss, peak = _rss_mb()
    rows = window.model.rowCount()
    window.close()
    return {"rss_mb": rss, "peak_mb": peak, "rows": rows}


# The floor of a stall on a shared machine: a process doing nothing but wake every 10 ms
# (until its input closes) waits as long for a core as the window's thread would.
_BARE_TICKER = """
import select, sys, time
last = time.perf_counter(); worst = 0.0
while not select.select([sys.stdin], [], [], 0.01)[0]:
    now = time.perf_counter(); worst = max(worst, now - last); last = now
print(worst)
"""


def _longest_gaps(app, runner) -> tuple[float, float, float]:
    """Run a background job: the GUI thread's longest gap between 10 ms ticks meanwhile,
    the longest gap of a bare ticker process over the same time, and the job's seconds."""
    gaps = {"last": time.perf_counter(), "max": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        gaps["max"] = max(gaps["max"], now - gaps["last"])
        gaps["last"] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    bare = subprocess.Popen(
        [sys.executable, "-c", _BARE_TICKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    began = time.perf_counter()
    timer.start()
    gaps["last"] = time.perf_counter()
    runner.start()
    while runner.result is None:
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - began
    timer.stop()
    return gaps["max"], float(bare.communicate(b"")[0]), seconds


def _shown_window(db: Path):
    app = application()
    window = build_window(db)
    gc.freeze()  # as gui.app does once the window is built
    window.show()
    _paint_now(window)
    return app, window


def stall(jsonl: Path, db: Path) -> dict[str, float]:
    """The GUI thread's longest gap between 10 ms ticks while the import dialog's worker
    imports a big file into the store the window shows, and beside it the longest gap of a
    bare ticker process over the same time."""
    from gui.dialogs.import_dialog import ImportRunner

    app, window = _shown_window(db)
    runner = ImportRunner(db, [str(jsonl)])
    max_gap, bare_gap, seconds = _longest_gaps(app, runner)
    window.ops.announce(runner.summary.changes)  # the refresh after an import, timed apart
    began = time.perf_counter()
    _paint_now(window)
    refresh = time.perf_counter() - began
    window.close()
    return {
        "max_gap": max_gap,
        "bare_max_gap": bare_gap,
        "import_seconds": seconds,
        "imported": runner.summary.imported,
        "refresh": refresh,
    }


def export_stall(db: Path, fmt: str) -> dict[str, float]:
    """The same gaps while the export dialog's worker writes every excerpt of the store."""
    from gui.dialogs.export_dialog import ExportRunner
    from store.excerpts import ExcerptFilter

    app, window = _shown_window(db)
    with tempfile.TemporaryDirectory() as folder:
        runner = ExportRunner(db, fmt, Path(folder) / f"excerpts.{fmt}", ExcerptFilter())
        max_gap, bare_gap, seconds = _longest_gaps(app, runner)
    window.close()
    if runner.result.error:
        raise RuntimeError(runner.result.error)
    return {
        "max_gap": max_gap,
        "bare_max_gap": bare_gap,
        "export_seconds": seconds,
        "exported": runner.result.count,
    }


SCROLL_POSITIONS = 10


def _rows_shown(window) -> bool:
    """Whether every row visible in the release list shows its release (no placeholder)."""
    view, model = window.release_list, window.model
    top = max(view.rowAt(0), 0)
    bottom = view.rowAt(view.viewport().height() - 1)
    bottom = model.rowCount() - 1 if bottom < 0 else bottom
    return all(model.data(model.index(row, 0)) is not None for row in range(top, bottom + 1))


def _scroll_jumps(app, window) -> tuple[list[float], list[float]]:
    """Drag the scroll bar to positions spread over the list: for each, how long the GUI
    thread was busy at once at most (moving and painting, then each round of events until
    those rows are filled) and how long until the visible rows showed releases."""
    bar = window.release_list.verticalScrollBar()
    stalls, fills = [], []
    for step in range(SCROLL_POSITIONS):
        began = time.perf_counter()
        bar.setValue(bar.maximum() * (2 * step + 1) // (2 * SCROLL_POSITIONS))
        _paint_now(window)
        stalls.append(time.perf_counter() - began)
        while not _rows_shown(window):
            time.sleep(0.001)
            busy = time.perf_counter()
            app.processEvents()
            stalls.append(time.perf_counter() - busy)
        fills.append(time.perf_counter() - began)
    return stalls, fills


def typing(db: Path, words: list[str]) -> dict[str, dict[str, float]]:
    """Per word searched: when the list is updated, and the GUI thread's longest step until
    then (the emitted filter, each round of events while the worker searches, the paint)."""
    application()
    window = build_window(db)
    window.show()
    _paint_now(window)
    filters, model = window.filters, window.model
    result = {}
    for word in words:
        filters.search_box.setText("")
        filters._emit_now()
        while model.searching():
            QApplication.processEvents()
        _paint_now(window)

        def search(text: str = word) -> None:
            filters.search_box.setText(text)
            filters._emit_now()

        listed, longest = _until_shown(window, search, model.searching)
        result[word] = {"listed": listed, "longest_step": longest}
    return result


def _until_shown(window, action, busy) -> tuple[float, float]:
    """Do ``action`` and run the event loop while ``busy()``, then paint: the seconds until
    then, and the GUI thread's longest step meanwhile."""
    began = step = time.perf_counter()
    action()
    longest = time.perf_counter() - step
    while busy():
        time.sleep(0.001)  # the event loop's idle wait, not a spin for the GIL
        step = time.perf_counter()
        QApplication.processEvents()
        longest = max(longest, time.perf_counter() - step)
    step = time.perf_counter()
    _paint_now(window)
    longest = max(longest, time.perf_counter() - step)
    return time.perf_counter() - began, longest


def excerpts_tab(db: Path) -> dict[str, dict[str, float]]:
    """Opening the Excerpts tab, then ticking the most used topic there: when the table, the
    counts and the chart are all shown, and the GUI thread's longest step until then."""
    application()
    window = build_window(db)
    window.show()
    _paint_now(window)
    view = window.excerpts_view
    (top,) = window.store.conn.execute(
        "SELECT tag_id FROM tag_counts ORDER BY excerpts DESC LIMIT 1"
    ).fetchone()

    def settle(action) -> dict[str, float]:
        def act() -> None:
            action()
            _paint_now(window)  # the table and its count, before the counts and chart

        shown, longest = _until_shown(window, act, lambda: view.timeline_pending)
        return {"shown": shown, "longest_step": longest}

    def tick_top() -> None:
        view.set_tags([top])
        view.apply_filter()

    result = {
        "open the tab": settle(lambda: window.tabs.setCurrentWidget(view)),
        "tick the most used topic": settle(tick_top),
    }
    window.close()
    return result


def scroll(db: Path) -> dict[str, float]:
    """The GUI thread's longest stall while the release list's scroll bar is dragged to ten
    positions over the list, in date and in title order, beside a repaint of rows already
    fetched (the floor)."""
    app = application()
    window = build_window(db)
    window.show()
    _paint_now(window)
    result: dict[str, float] = {}
    orders = [(0, "date", Qt.SortOrder.DescendingOrder), (2, "title", Qt.SortOrder.AscendingOrder)]
    for column, name, order in orders:
        window.release_list.sortByColumn(column, order)
        _paint_now(window)
        stalls, fills = _scroll_jumps(app, window)
        result[f"{name}_max_stall"] = max(stalls)
        result[f"{name}_median_fill"] = _median(fills)
    began = time.perf_counter()
    window.release_list.viewport().update()
    _paint_now(window)  # the rows shown last are fetched: painting them again is the floor
    result["repaint_floor"] = time.perf_counter() - began
    result["rows"] = window.model.rowCount()
    window.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "what",
        choices=[
            "paint",
            "interact",
            "memory",
            "stall",
            "export-stall",
            "scroll",
            "typing",
            "excerpts",
        ],
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--ordinary", default="sanctions")
    parser.add_argument("--common", default="the")
    parser.add_argument("--jsonl", type=Path)
    parser.add_argument("--format", default="xlsx", help="for export-stall")
    parser.add_argument("--words", nargs="*", default=["gove", "government", "facing", "the"])
    args = parser.parse_args()
    if args.what == "paint":
        result = first_paint(args.db)
    elif args.what == "interact":
        result = interact(args.db, args.ordinary, args.common)
    elif args.what == "memory":
        result = memory(args.db)
    elif args.what == "scroll":
        result = scroll(args.db)
    elif args.what == "typing":
        result = typing(args.db, args.words)
    elif args.what == "excerpts":
        result = excerpts_tab(args.db)
    elif args.what == "export-stall":
        result = export_stall(args.db, args.format)
    else:
        result = stall(args.jsonl, args.db)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
