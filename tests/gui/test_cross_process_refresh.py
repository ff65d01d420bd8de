"""An open window notices, at its next poll, what another process wrote to its store.

``test_window_store`` proves the refresh with a second connection in the same process; here
the writer is a separate program (the command line, a second window), the case the window's
``data_version`` polling exists for.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gui.bus import WATCH_MS

REPO_ROOT = Path(__file__).resolve().parents[2]

# The other program: wait for the gun, highlight a passage, then add a release; print a line
# right after each commit.
OTHER_PROGRAM = """
import sys, time
from pathlib import Path
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import ensure_tags

db, release_id, quote, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
store = Store(db)
while not go.exists():
    time.sleep(0.005)
with store.write():
    tag_ids, _ = ensure_tags(store, ["Written elsewhere"])
    add_highlight_by_quote(store, release_id, quote, tag_ids=tag_ids)
print("committed", flush=True)
time.sleep(0.5)
elsewhere = ParsedRelease(title="From the CLI", body_markdown="Text.\\n", identity="cli-1")
save_release(store, elsewhere, None)
print("committed", flush=True)
store.close()
"""


def test_another_process_writing_shows_up_at_the_next_poll(qtbot, window, filled_db, tmp_path):
    """The window polls every WATCH_MS (500 ms); whatever another process committed
    before a poll is on screen when that poll returns, so the refresh comes within a second
    however busy the machine (no wall-clock assert)."""
    assert WATCH_MS <= 500
    window.watcher.stop()  # the test fires the polls itself, right after each commit
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
    go.touch()
    assert other.stdout.readline()  # the highlight is committed
    window.watcher.look()
    qtbot.wait(0)
    assert window.reader.view.painted
    assert window.highlight_panel.highlights()[0].tags[0].name == "Written elsewhere"
    assert other.stdout.readline()  # the release is committed
    window.watcher.look()
    assert window.model.rowCount() == 4
    assert "4 releases" in window.count_label.text()
    _, err = other.communicate(timeout=30)
    assert other.returncode == 0, err
