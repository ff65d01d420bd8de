"""QDPX projects for each tool: are the quotes where the tool looks, and do they come back?

    .venv/bin/python bench/bench_qdpx_tools.py                 # accuracy and speed
    .venv/bin/python bench/bench_qdpx_tools.py --only speed --excerpts 20000 --runs 3

**Accuracy**, on releases the conventions were not tuned on (the tests use the Farnesina
release; this uses the State Department feeds and the European Parliament pages of the shared
corpus): seeded random highlights at word boundaries, some across paragraphs, in every
release; each project is read the way its tool counts (CRLF as two or one, code points or
UTF-16, its own folder), and imported into a fresh store. Printed: selections whose text at
their positions is the quote, and highlights that came back identical. The corpus holds
few characters outside the BMP, so the same releases are run again with an emoji put before
every paragraph.

**Speed**: export time per convention for the generated store of bench_export.py.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_export import build_store  # noqa: E402
from store.db import Store  # noqa: E402
from store.excerpts import ExcerptFilter, query_excerpts  # noqa: E402
from store.export import write_export  # noqa: E402
from store.highlights import add_highlight  # noqa: E402
from store.imports.pipeline import import_paths  # noqa: E402
from store.imports.refi_qda import import_refi  # noqa: E402
from store.markdown_text import paragraphs_to_markdown  # noqa: E402
from store.parsed import ParsedRelease  # noqa: E402
from store.refi_qda_format import PROJECT_NS, guid  # noqa: E402
from store.release_saving import save_release  # noqa: E402
from store.tags import create_tag  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HELD_OUT = [CORPUS / "state-dept-feeds", *sorted((CORPUS / "ep-pages").glob("*.page.txt"))]
# tool → (positions one line break takes, unit), as docs/refi-qda-tools.md gives them
COUNTING = {
    None: (1, "cp"),
    "maxqda": (2, "utf16"),
    "atlas.ti": (1, "utf16"),
    "nvivo": (2, "utf16"),
}
NS = {"q": PROJECT_NS}
WORD = re.compile(r"\w+")


def _at(text: str, start: int, end: int, width: int, unit: str) -> str:
    counted = text if width == 2 else text.replace("\r\n", "\n")
    if unit == "cp":
        return counted[start:end]
    return counted.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le", "replace")


def _highlight_everything(store: Store, rng: random.Random, per_release: int) -> int:
    tag = create_tag(store, "Held out").created
    made = 0
    rows = store.conn.execute("SELECT id, text FROM releases ORDER BY id").fetchall()
    with store.write():
        for release_id, text in rows:
            words = [m.span() for m in WORD.finditer(text)]
            if len(words) < 2:
                continue
            for _ in range(per_release):
                first = rng.randrange(len(words) - 1)
                last = min(len(words) - 1, first + rng.randint(0, 80))
                add_highlight(store, release_id, words[first][0], words[last][1], [tag])
                made += 1
    return made


def _with_emoji(source: Store, target: Store) -> None:
    """The same releases, each paragraph led by an emoji outside the BMP."""
    rows = source.conn.execute("SELECT title, text, identity FROM releases").fetchall()
    with target.write():
        for title, text, identity in rows:
            paragraphs = [f"🙂 {p}" for p in text.split("\n\n")]
            body = paragraphs_to_markdown(paragraphs)
            save_release(target, ParsedRelease(title, body, identity=identity), None)


def _highlights(store: Store) -> tuple[Counter, Counter]:
    """Each highlight exactly (release, quote, offsets, coder), and by its words alone."""
    rows = store.conn.execute(
        'SELECT r.identity, h.quote, h.start, h."end", h.coder '
        "FROM highlights h JOIN releases r ON r.id = h.release_id"
    ).fetchall()
    words = Counter((i, " ".join(q.split()), c) for i, q, _, _, c in rows)
    return Counter(rows), words


def _texts(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT identity, text FROM releases").fetchall())


def accuracy(store: Store, folder: Path, label: str) -> None:
    before = _highlights(store)
    identities = dict(store.conn.execute("SELECT id, identity FROM releases").fetchall())
    quotes = {
        guid("highlight", f"{identities[e.release_id]}:{e.highlight_id}"): e.quote
        for e in query_excerpts(store)
    }
    print(f"\n{label}: {len(quotes):,} highlights")
    print(
        f"{'for':10} {'quote at its positions':>24} {'back identical':>16} "
        f"{'back, same words':>18} {'release texts identical':>24}"
    )
    for tool, (width, unit) in COUNTING.items():
        path = folder / f"{tool or 'plain'}-{label[:4]}.qdpx"
        write_export(store, "qdpx", path, ExcerptFilter(), for_tool=tool)
        right = total = 0
        with zipfile.ZipFile(path) as archive:
            project = etree.fromstring(archive.read("project.qde"))
            files = {n.split("/")[-1]: n for n in archive.namelist() if n.endswith(".txt")}
            for source in project.iterfind(".//q:TextSource", NS):
                text = archive.read(files[f"{source.get('guid')}.txt"]).decode("utf-8")
                for selection in source.iterfind("q:PlainTextSelection", NS):
                    quote = quotes[selection.get("guid")]
                    start, end = (
                        int(selection.get("startPosition")),
                        int(selection.get("endPosition")),
                    )
                    expected = quote.replace("\n", "\r\n") if width == 2 else quote
                    right += _at(text, start, end, width, unit) == expected
                    total += 1
        with Store(folder / f"fresh-{tool or 'plain'}-{label[:4]}.db") as fresh:
            import_refi(fresh, path)
            after = _highlights(fresh)
            theirs = _texts(fresh)
        same = sum((before[0] & after[0]).values())
        words = sum((before[1] & after[1]).values())
        ours = _texts(store)
        texts = sum(theirs.get(identity) == text for identity, text in ours.items())
        print(
            f"{tool or '(none)':10} {right:>12,} of {total:<9,} {same:>7,} of {len(quotes):<6,} "
            f"{words:>9,} of {len(quotes):<6,} {texts:>13,} of {len(ours):,}"
        )


def speed(excerpts: int, runs: int, folder: Path) -> None:
    with Store(folder / "speed.db") as store:
        build_store(store, excerpts)
        print(f"\nexport of {excerpts:,} excerpts, median of {runs} runs")
        for tool in COUNTING:
            wall, cpu = [], []
            for _ in range(runs):
                began, began_cpu = time.perf_counter(), time.process_time()
                write_export(store, "qdpx", folder / "speed.qdpx", ExcerptFilter(), for_tool=tool)
                wall.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
            median, median_cpu = statistics.median(wall), statistics.median(cpu)
            print(
                f"{tool or '(none)':10} {median:6.2f} s  {excerpts / median:9,.0f} excerpts/s"
                f"   (CPU {median_cpu:5.2f} s: {excerpts / median_cpu:8,.0f} excerpts/s)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--excerpts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-release", type=int, default=5)
    parser.add_argument("--only", choices=("accuracy", "speed"), help="run one part")
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.only != "speed":
            run_accuracy(folder, rng, args.per_release)
        if args.only != "accuracy":
            speed(args.excerpts, args.runs, folder)


def run_accuracy(folder: Path, rng: random.Random, per_release: int) -> None:
    """Both accuracy tables: the held-out corpus as it is, and with emoji."""
    with Store(folder / "held-out.db") as store, Store(folder / "emoji.db") as emoji:
        summary = import_paths(store, HELD_OUT)
        print(f"held-out releases imported: {summary.imported}")
        _highlight_everything(store, rng, per_release)
        accuracy(store, folder, "held-out corpus")
        _with_emoji(store, emoji)
        _highlight_everything(emoji, rng, per_release)
        accuracy(emoji, folder, "held-out corpus, an emoji before each paragraph")


if __name__ == "__main__":
    main()
