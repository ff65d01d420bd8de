"""An open window notices, within a second, what another process wrote to its store.

``test_window_store`` proves the refresh with a second connection in the same process; here
the writer is a separate program (the command line, a second window), the case the window's
``data_version`` polling exists for.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# The other program: wait for the gun, highlight a passage, then add a release; print the
# wall-clock time right after each commit.
OTHER_PROGRAM = """
import sys, time
from pathlib import Path
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.ingest.record import ParsedRelease
from store.releases import save_release
from store.tags import ensure_tags

db, release_id, quote, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
store = Store(db)
while not go.exists():
    time.sleep(0.005)
with store.write():
    tag_ids, _ = ensure_tags(store, ["Written elsewhere"])
    add_highlight_by_quote(store, release_id, quote, tag_ids=tag_ids)
print(time.time(), flush=True)
time.sleep(1.5)
elsewhere = ParsedRelease(title="From the CLI", body_markdown="Text.\\n", identity="cli-1")
save_release(store, elsewhere, None)
print(time.time(), flush=True)
store.close()
"""


def test_another_process_writing_shows_up_within_a_second(qtbot, window, filled_db, tmp_path):
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    quote = " ".join(window.release.text.split()[1:3])
    go = tmp_path / "go"
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROGRAM, str(filled_db), str(window.release.id), quote, go],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.wait(300)  # the event loop runs while the other program starts
    go.touch()
    seen: dict[str, float] = {}

    def painted() -> bool:
        if window.reader.view.painted and "highlight" not in seen:
            seen["highlight"] = time.time()
        if window.model.rowCount() == 4 and "release" not in seen:
            seen["release"] = time.time()
        return len(seen) == 2

    qtbot.waitUntil(painted, timeout=15_000)
    out, err = other.communicate(timeout=30)
    assert other.returncode == 0, err
    committed_highlight, committed_release = (float(line) for line in out.split())
    assert seen["highlight"] - committed_highlight < 1.0
    assert seen["release"] - committed_release < 1.0
    assert window.highlight_panel.highlights()[0].tags[0].name == "Written elsewhere"
    assert "4 releases" in window.count_label.text()
