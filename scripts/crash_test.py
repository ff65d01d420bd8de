"""Kill the program with SIGKILL while it writes highlights and tags; check nothing is lost.

    python scripts/crash_test.py [--rounds 100] [--seed N] [--workdir DIR]

Each round starts a child process that writes in a loop and reports each change on stdout
the moment the store call has returned ("reported saved"), then kills it at a random moment.
Even rounds go through the command line (``communique highlight --tag … --json``, the click
command itself, invoked in a loop in one process so that a round writes hundreds of
highlights rather than two); odd rounds through the window (``gui.app.build_window``
offscreen, text selected with a QTextCursor on the reader, topics selected in the codebook
tree, the real ``actionHighlight`` QAction triggered, and number keys pressed to add or
remove a second topic). All rounds write to the same store, crash after crash.

After each kill, opening the store as the next start would, it checks:

* ``PRAGMA integrity_check`` is ok, and the window's start-up check (``store.health``) sees
  the unclean exit and its quick check finds nothing;
* every highlight the child reported saved is there, with exactly the tags reported;
* no half-written change: every highlight has tag links (each was written with its tags in
  one transaction), every tag the command line created carries a highlight, and a topic
  change that was under way when the child died left the old tag set or the new one,
  never a mix.

Prints one line per round and a summary; exits 1 if any round failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store import health  # noqa: E402
from store.db import Store  # noqa: E402

TOPICS = ["Ukraine", "Security", "Sanctions", "Migration"]
PARAGRAPHS = [
    "The Minister met the Secretary General of NATO and discussed support for Ukraine.",
    "Sécurité européenne: la France et ses partenaires agissent ensemble 🇺🇦 un an après.",
    "The Council adopted a further package of sanctions against those responsible.",
    "نص عربي: الأمن والاستقرار في المنطقة، and the migration partnership was renewed.",
    "Rare character 𠀋 and more text after it, on the security of the eastern flank.",
]
# How long a child may write before it is killed, after it said it is ready.
KILL_AFTER = (0.05, 1.5)


# --- the children -------------------------------------------------------------------------


def child_cli(db: str, seed: int) -> None:
    """Highlight passages through the ``highlight`` command, as a script calling it would."""
    from click.testing import CliRunner

    from cli.main import cli
    from store.releases import get_release

    rng = random.Random(seed)
    runner = CliRunner()
    with Store(db) as store:
        texts = {rid: get_release(store, rid).text for rid in (1, 2, 3, 4, 5)}
    print("ready", flush=True)
    for n in range(100_000):
        release_id = rng.choice(list(texts))
        words = texts[release_id].split()
        first = rng.randrange(len(words) - 3)
        quote = " ".join(words[first : first + rng.randint(1, 3)])
        # Now and then a topic that does not exist yet: the command creates it.
        tags = [rng.choice(TOPICS)] + ([f"cli-new-{seed}-{n}"] if n % 5 == 0 else [])
        args = ["--db", db, "highlight", str(release_id), "--quote", quote, "--json"]
        for tag in tags:
            args += ["--tag", tag]
        result = runner.invoke(cli, args)
        if result.exit_code != 0:
            print(f"error {result.output.strip()!r}", flush=True)
            continue
        made = json.loads(result.output)
        print(f"saved {made['id']} {','.join(sorted(made['tags']))}", flush=True)


def child_window(db: str, seed: int, settings_dir: str) -> None:
    """Highlight and retag through the window's own actions, as an analyst would."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QAction, QTextCursor
    from PySide6.QtTest import QTest

    from gui.app import application, build_window

    rng = random.Random(seed)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    application()
    health.mark_open(db)  # as gui.app.open_window does at start
    window = build_window(db)
    window.show()
    window.activateWindow()  # keys go to the active window's focused widget
    QTest.qWaitForWindowActive(window)
    highlight = window.findChild(QAction, "actionHighlight")
    view = window.reader.view
    print("ready", flush=True)
    while True:
        window.select_row(rng.randrange(window.model.rowCount()))
        document = view.document()
        start = rng.randrange(max(document.characterCount() - 12, 1))
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(start + rng.randint(3, 10), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        topics = window.tag_panel.first_nine_tag_ids()
        window.tag_panel.select_tags([rng.choice(topics)])
        done = window.ops.undo_stack.count()
        highlight.trigger()
        if window.ops.undo_stack.count() == done:
            continue  # nothing visible selected: the window said so and made nothing
        made = window.ops.undo_stack.command(done)
        tags = sorted(window.tag_panel.selected_tag_ids())
        print(f"saved {made.highlight_id} {','.join(map(str, tags))}", flush=True)
        if rng.random() < 0.5:
            # Toggle a second topic with its number key on the highlight just made.
            number = rng.randrange(len(topics)) + 1
            if topics[number - 1] in tags:
                continue
            wanted = sorted([*tags, topics[number - 1]])
            print(f"retag {made.highlight_id} {','.join(map(str, wanted))}", flush=True)
            view.setFocus()  # keys 1–9 work in the reader, where the analyst selected
            QTest.keyClick(view, str(number), Qt.KeyboardModifier.NoModifier)
            print(f"retagged {made.highlight_id}", flush=True)


# --- the parent ---------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the children reported: highlight id → its tags (names for the CLI, ids for the
    window), and a topic change that may have been under way when the child died."""

    by_name: dict[int, set[str]] = field(default_factory=dict)
    by_id: dict[int, set[int]] = field(default_factory=dict)
    pending_retag: dict[int, tuple[set[int], set[int]]] = field(default_factory=dict)
    reported: int = 0


def new_store(path: Path) -> None:
    from store.markdown_text import paragraphs_to_markdown
    from store.parsed import ParsedRelease
    from store.release_saving import save_release
    from store.tags import ensure_tags

    with Store(path) as store:
        ensure_tags(store, TOPICS)
        for n in range(5):
            paragraphs = PARAGRAPHS[n:] + PARAGRAPHS[:n]
            save_release(
                store,
                ParsedRelease(
                    title=f"Release {n + 1}",
                    date=f"2024-0{n + 1}-15",
                    identity=f"crash-{n}",
                    body_markdown=paragraphs_to_markdown(paragraphs * 4),
                ),
                None,
            )


def run_round(db: Path, mode: str, seed: int, workdir: Path, ledger: Ledger) -> tuple[int, str]:
    """One child, killed at a random moment; returns (changes reported, problem or "")."""
    rng = random.Random(seed)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(db)]
    command += ["--seed", str(seed), "--workdir", str(workdir)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    if child.stdout.readline() != "ready\n":
        child.kill()
        return 0, f"child did not start: {child.communicate()[1][-500:]}"
    time.sleep(rng.uniform(*KILL_AFTER))
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate()
    if child.returncode != -signal.SIGKILL:
        return 0, f"child ended by itself ({child.returncode}): {err[-500:]}"
    reported = 0
    for line in out.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "error":
            return reported, f"the command refused a write: {rest}"
        if kind == "saved":
            highlight_id, _, tags = rest.partition(" ")
            reported += 1
            if mode == "cli":
                ledger.by_name[int(highlight_id)] = set(tags.split(",")) if tags else set()
            else:
                ledger.by_id[int(highlight_id)] = {int(t) for t in tags.split(",") if t}
        elif kind == "retag":
            highlight_id, _, tags = rest.partition(" ")
            key = int(highlight_id)
            ledger.pending_retag[key] = (ledger.by_id[key], {int(t) for t in tags.split(",")})
        elif kind == "retagged":
            key = int(rest)
            ledger.by_id[key] = ledger.pending_retag.pop(key)[1]
            reported += 1
    ledger.reported += reported
    return reported, check_store(db, mode, ledger)


def check_store(db: Path, mode: str, ledger: Ledger) -> str:
    """Open the store as the next start would and check every promise; "" when all hold."""
    if mode == "window":
        if health.was_closed_cleanly(db):
            return "the killed window's marker was not seen as an unclean exit"
        health.mark_open(db)  # the next start takes the marker over, and closes cleanly
        health.mark_closed(db)
    with Store(db) as store:
        conn = store.conn
        if problems := health.quick_check(store):
            return f"quick_check: {problems[:3]}"
        verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            return f"integrity_check: {verdict[:3]}"
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            return "foreign_key_check found rows pointing nowhere"
        tag_names: dict[int, set[str]] = {}
        tag_ids: dict[int, set[int]] = {}
        for highlight_id, tag_id, name in conn.execute(
            "SELECT h.id, t.id, t.name FROM highlights h "
            "LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id "
            "LEFT JOIN tags t ON t.id = ht.tag_id"
        ):
            tag_names.setdefault(highlight_id, set())
            tag_ids.setdefault(highlight_id, set())
            if tag_id is not None:
                tag_names[highlight_id].add(name)
                tag_ids[highlight_id].add(tag_id)
        for highlight_id, names in ledger.by_name.items():
            if tag_names.get(highlight_id) != names:
                found = tag_names.get(highlight_id)
                return f"highlight {highlight_id} reported saved with {names}, found {found}"
        for highlight_id, ids in ledger.by_id.items():
            found = tag_ids.get(highlight_id)
            if highlight_id in ledger.pending_retag:
                old, new = ledger.pending_retag[highlight_id]
                if found not in (old, new):
                    return f"highlight {highlight_id}: a half-done topic change ({found})"
            elif found != ids:
                return f"highlight {highlight_id} reported saved with {ids}, found {found}"
        if untagged := [h for h, ids in tag_ids.items() if not ids]:
            return f"highlights without their tags: {untagged[:5]}"
        lonely = conn.execute(
            "SELECT name FROM tags WHERE name LIKE 'cli-new-%' AND id NOT IN "
            "(SELECT tag_id FROM highlight_tags)"
        ).fetchall()
        if lonely:
            return f"tags created without their highlight: {lonely[:5]}"
        counted = conn.execute(
            "SELECT count(*) FROM releases r WHERE r.highlight_count != "
            "(SELECT count(*) FROM highlights h WHERE h.release_id = r.id AND h.orphaned = 0)"
        ).fetchone()[0]
        if counted:
            return f"{counted} releases with a highlight count out of step"
    # A pending topic change is settled now: whichever tag set the store kept is the truth.
    for highlight_id in list(ledger.pending_retag):
        ledger.by_id[highlight_id] = tag_ids[highlight_id]
        del ledger.pending_retag[highlight_id]
    return ""


def run(rounds: int, seed: int, workdir: Path, echo=print) -> list[str]:
    """Run the rounds; returns the failures (empty when every promise held)."""
    db = workdir / "crash.db"
    new_store(db)
    ledger = Ledger()
    failures = []
    started = time.monotonic()
    for number in range(rounds):
        mode = "cli" if number % 2 == 0 else "window"
        reported, problem = run_round(db, mode, seed * 1000 + number, workdir, ledger)
        status = "ok" if not problem else f"FAILED: {problem}"
        echo(f"round {number + 1:3}/{rounds} {mode:6} {reported:4} changes reported  {status}")
        if problem:
            failures.append(f"round {number + 1} ({mode}): {problem}")
    with Store(db) as store:
        total = store.conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    echo(
        f"\n{rounds} kills ({(rounds + 1) // 2} command line, {rounds // 2} window) in "
        f"{time.monotonic() - started:.0f} s; {ledger.reported} changes reported saved, "
        f"{len(ledger.by_name) + len(ledger.by_id)} highlights reported, {total} in the store; "
        f"{len(failures)} failed rounds"
    )
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the store goes (default: a temp dir)")
    parser.add_argument("--child", choices=["cli", "window"], help=argparse.SUPPRESS)
    parser.add_argument("db", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "cli":
        child_cli(args.db, args.seed)
    elif args.child == "window":
        child_window(args.db, args.seed, str(args.workdir / "settings"))
    else:
        with tempfile.TemporaryDirectory() as temporary:
            workdir = args.workdir or Path(temporary)
            workdir.mkdir(parents=True, exist_ok=True)
            failures = run(args.rounds, args.seed, workdir)
        for failure in failures:
            print(failure)
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
