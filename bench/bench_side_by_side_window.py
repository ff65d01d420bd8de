"""The two-column reader on hard input: how long the window's thread is ever held.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_side_by_side_window.py

Builds a store in a temporary folder from ../shared/corpus/swiss-news: two releases of about
300,000 characters (the first hundred messages that have a German and a French version,
the German bodies joined for one, the French for the other), one message's German and
French, a one-word release, and the same release twice. For each pair it opens the
side-by-side dialog, waits until the alignment has come from the worker, then turns the
wheel over column A down the text; a 5 ms timer on the window's thread notes the longest
gap between its ticks over each phase. Prints one JSON object a pair: seconds and
milliseconds, wall clock.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SETTINGS = tempfile.TemporaryDirectory(prefix="bench-qt-settings-")
os.environ["XDG_CONFIG_HOME"] = _SETTINGS.name
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QPoint, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.dialogs.side_by_side import SideBySideDialog  # noqa: E402
from gui.operations.runner import Operations  # noqa: E402
from store.db import Store  # noqa: E402
from store.imports.pipeline import import_paths  # noqa: E402
from store.releases import page_of_releases  # noqa: E402

SWISS_NEWS = ROOT.parent / "shared" / "corpus" / "swiss-news" / "releases.jsonl"
LONG_MESSAGES = 100


class Gaps:
    """The longest gap between ticks of a 5 ms timer on the window's thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.last = 0
        self.longest = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.last = self.longest = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.longest


def _records() -> list[dict]:
    with SWISS_NEWS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def build_store(folder: Path) -> tuple[Store, dict[str, tuple[int, int]]]:
    records = _records()
    by_message: dict[str, dict[str, dict]] = {}
    for record in records:
        by_message.setdefault(record["message"], {})[record["language"]] = record
    both = [m for m in by_message.values() if "de" in m and "fr" in m]
    long_pair = [
        {
            "title": f"Hundred messages ({language})",
            "date": "2015-06-01",
            "source": both[0][language]["source"],
            "language": language,
            "body": "".join(m[language]["body"] for m in both[:LONG_MESSAGES]),
        }
        for language in ("de", "fr")
    ]
    one = both[10]
    rows = [
        *long_pair,
        one["de"],
        one["fr"],
        {"title": "One word", "date": "2015-06-01", "body": "Merci.", "language": "fr"},
    ]
    path = folder / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    store = Store(folder / "bench.db")
    import_paths(store, [path])
    ids = {r.title: r.id for r in page_of_releases(store, limit=20)}
    pairs = {
        "two releases of ~300,000 characters": (
            ids["Hundred messages (de)"],
            ids["Hundred messages (fr)"],
        ),
        "one message, German and French": (ids[one["de"]["title"]], ids[one["fr"]["title"]]),
        "a one-word release and a message": (ids["One word"], ids[one["fr"]["title"]]),
        "the same release twice": (ids[one["de"]["title"]], ids[one["de"]["title"]]),
    }
    return store, pairs


def _wheel(view, notches: int) -> None:
    viewport = view.viewport()
    inside = QPointF(viewport.width() / 2, viewport.height() / 2)
    QApplication.sendEvent(
        viewport,
        QWheelEvent(
            inside,
            QPointF(viewport.mapToGlobal(inside.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def measure(dialog: SideBySideDialog, pair: tuple[int, int]) -> dict[str, object]:
    app = QApplication.instance()
    gaps = Gaps()
    gaps.start()
    began = time.perf_counter()
    dialog.compare(*pair)
    shown = time.perf_counter() - began
    while dialog.pending:
        app.processEvents()
    aligned = time.perf_counter() - began
    for _ in range(20):
        app.processEvents()
    opening_gap = gaps.stop()
    column = dialog.views[0]
    gaps.start()
    scrolls = 0
    bar = column.verticalScrollBar()
    while bar.value() < bar.maximum() and scrolls < 200:
        _wheel(column, 10)
        app.processEvents()
        scrolls += 1
    scrolling_gap = gaps.stop()
    lengths = [len(r.release.text) for r in dialog.readings]
    return {
        "characters": lengths,
        "pairs": len(dialog.passages.pairs) if dialog.passages else None,
        "status": dialog.status.text(),
        "texts_shown_ms": round(shown * 1000, 1),
        "aligned_s": round(aligned, 2),
        "longest_gap_opening_ms": opening_gap,
        "wheel_turns": scrolls,
        "longest_gap_scrolling_ms": scrolling_gap,
    }


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-side-by-side-") as folder:
        store, pairs = build_store(Path(folder))
        dialog = SideBySideDialog(Operations(store))
        dialog.resize(1300, 820)
        dialog.show()
        app.processEvents()
        for name, pair in pairs.items():
            print(json.dumps({"pair": name, **measure(dialog, pair)}, ensure_ascii=False))
        dialog.close()
        store.close()


if __name__ == "__main__":
    main()
