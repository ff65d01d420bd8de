"""The Agreement dialog on 100,000 highlights of two coders: how long until its figures and a
topic's overlap are shown, and how long the window's thread is ever held meanwhile.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_agreement_window.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_agreement_window.py 20000 --seed 7

The store is bench_agreement.py's (ana and ben on the generated 100,000-release store, built
once under ``bench/out/``; another count or seed builds another). Each round opens the
dialog (coders and topics read, the figures of every topic asked of the worker), waits for
the figures, then picks the topic with the most units and waits for its passages, then
saves the report as XLSX from the dialog (written by a worker). A 5 ms timer on the
window's thread notes the longest gap between its ticks over each phase. Three rounds;
prints one JSON object per round and their medians. Seconds and milliseconds, wall clock.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.bench_agreement import two_coders  # noqa: E402
from bench.bench_side_by_side_window import Gaps  # noqa: E402  (sets the offscreen settings)
from bench.generate_store import OUT, ensure_store  # noqa: E402
from gui.dialogs import agreement_dialog  # noqa: E402
from gui.dialogs.agreement_dialog import AgreementDialog  # noqa: E402
from gui.operations.runner import Operations  # noqa: E402
from store.db import Store  # noqa: E402

ROUNDS = 3


def coded_store(highlights: int, seed: int) -> Path:
    """The generated store with ana's and ben's highlights (built once per count and seed)."""
    path = OUT / (
        f"agreement-{highlights}.db" if seed == 18 else f"agreement-{highlights}-{seed}.db"
    )
    if not path.exists():
        partial = path.with_suffix(".partial")
        shutil.copy(ensure_store(100_000), partial)
        Store(partial).close()  # migrated to this schema before the coders are written
        two_coders(partial, highlights, seed)
        partial.rename(path)
    return path


def _wait(dialog: AgreementDialog) -> None:
    app = QApplication.instance()
    while dialog.pending:
        app.processEvents()
        time.sleep(0.001)
    for _ in range(10):
        app.processEvents()


def measure(dialog: AgreementDialog, report: Path) -> dict[str, object]:
    gaps = Gaps()
    gaps.start()
    began = time.perf_counter()
    dialog.refresh()
    dialog.show()
    _wait(dialog)
    opened_s = time.perf_counter() - began
    began = time.perf_counter()
    for box, coder in ((dialog.coder_a, "ana"), (dialog.coder_b, "ben")):
        box.setCurrentIndex(box.findData(coder))
    dialog.compute()  # asked again even when the choices were already these
    _wait(dialog)
    figures_s = time.perf_counter() - began
    figures_gap = gaps.stop()
    model = dialog.topic_model
    units = [
        (int(model.index(row, 2).data().replace(",", "")), row)  # "Both": the most shared
        for row in range(1, model.rowCount())
    ]
    busiest = model.item(max(units)[1])
    gaps.start()
    began = time.perf_counter()
    dialog.topic.setCurrentIndex(dialog.topic.findData(busiest))
    _wait(dialog)
    overlap_s = time.perf_counter() - began
    overlap_gap = gaps.stop()
    report.unlink(missing_ok=True)
    gaps.start()
    began = time.perf_counter()
    dialog.save_report()
    _wait(dialog)
    saved_s = time.perf_counter() - began
    saving_gap = gaps.stop()
    saved = dialog.summary.text()
    overlap = dialog.overlap_view.overlap
    passages = len(overlap.passages) if overlap else dialog.overlap_view.summary.text()
    dialog.topic.setCurrentIndex(0)
    _wait(dialog)
    return {
        "releases_compared": dialog.reports[0].releases_compared,
        "topics": len(dialog.reports[0].topics),
        "release_rows": dialog.release_model.rowCount(),
        "passages": passages,
        "coders": [dialog.reports[0].coder_a, dialog.reports[0].coder_b],
        "opened_s": round(opened_s, 2),
        "figures_shown_s": round(figures_s, 2),
        "longest_gap_figures_ms": figures_gap,
        "overlap_shown_s": round(overlap_s, 2),
        "longest_gap_overlap_ms": overlap_gap,
        "xlsx_saved_s": round(saved_s, 2),
        "longest_gap_saving_ms": saving_gap,
        "saved": saved,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("highlights", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    path = coded_store(args.highlights, args.seed)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-agreement-window-") as folder:
        report = Path(folder) / "agreement.xlsx"
        agreement_dialog.QFileDialog.getSaveFileName = lambda *_args: (str(report), "")
        with Store(path) as store:
            dialog = AgreementDialog(Operations(store))
            dialog.resize(1100, 760)
            gc.freeze()  # as gui.app does once the window is built
            rounds = []
            for _ in range(ROUNDS):
                rounds.append(measure(dialog, report))
                print(json.dumps({"highlights": args.highlights, **rounds[-1]}))
            medians = {
                key: statistics.median(r[key] for r in rounds)
                for key, value in rounds[0].items()
                if isinstance(value, float | int) and not isinstance(value, bool)
            }
            print(json.dumps({"highlights": args.highlights, "seed": args.seed, "median": medians}))
            dialog.close()
    app.processEvents()


if __name__ == "__main__":
    main()
