"""Two copies of the program writing highlights to one store at once: nothing locked, nothing lost.

Each copy is a real process doing what ``communique highlight`` does (``ensure_tags`` and
``add_highlight_by_quote`` in one write), so SQLite's locking between processes is what is
tested, not Python's between threads (``test_db`` covers threads).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release

REPO_ROOT = Path(__file__).resolve().parents[2]
WRITES_EACH = 1000

# One copy: wait for the starting gun, then highlight and tag WRITES_EACH passages.
WRITER = """
import sys, time
from pathlib import Path
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.tags import ensure_tags

db, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = Store(db)
while not go.exists():
    time.sleep(0.005)
for n in range(count):
    with store.write():
        tag_ids, _ = ensure_tags(store, [name, f"{name}-{n % 7}"])
        add_highlight_by_quote(store, 1 + n % 3, "Alliance", tag_ids=tag_ids, note=f"{name} {n}")
store.close()
print("done", flush=True)
"""


def test_two_processes_write_a_thousand_highlights_each(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        for n in range(3):
            body = paragraphs_to_markdown([f"The Alliance met in session {n}."])
            save_release(
                store, ParsedRelease(title=f"T{n}", body_markdown=body, identity=f"t-{n}"), None
            )
    go = tmp_path / "go"
    copies = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), name, str(WRITES_EACH), str(go)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    time.sleep(0.5)  # both are importing; the gun makes them write at the same moment
    go.touch()
    results = [copy.communicate(timeout=120) for copy in copies]
    for copy, (out, err) in zip(copies, results, strict=True):
        assert "database is locked" not in err
        assert copy.returncode == 0, err
        assert out == "done\n"
    with Store(db_path) as store:
        conn = store.conn
        assert conn.execute("SELECT count(*) FROM highlights").fetchone()[0] == 2 * WRITES_EACH
        notes = [row[0] for row in conn.execute("SELECT note FROM highlights ORDER BY id")]
        assert set(notes) == {f"{s} {n}" for s in ("left", "right") for n in range(WRITES_EACH)}
        # Every highlight has both of its tags: no write was half-done by the other's.
        untagged = conn.execute(
            "SELECT count(*) FROM highlights h WHERE "
            "(SELECT count(*) FROM highlight_tags ht WHERE ht.highlight_id = h.id) != 2"
        ).fetchone()[0]
        assert untagged == 0
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 2 * 8
        counted = conn.execute("SELECT sum(highlight_count) FROM releases").fetchone()[0]
        assert counted == 2 * WRITES_EACH
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
