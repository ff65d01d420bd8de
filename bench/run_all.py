"""Run every benchmark and write the table of figures to docs/performance.md.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py

Each figure is measured beside its floor in the same run on the same data, so the ratio
holds on a noisy shared machine. Window figures run in fresh processes (bench_window.py)
so that a first paint is a first paint and a resident size is the window's alone. The
stores come from bench/generate_store.py (cached under bench/out/). Only the generated part
of the section "Performance at scale" in docs/performance.md is replaced.

``--db STORE --read-only`` measures the store's queries on a given million-release store
opened read-only (never upgraded: the shared bench store may be of an older schema); the
window's figures need a store the window can open, so they are left out then. ``--quick``
leaves out the imports and exports (minutes each) and runs the new views' benches on
smaller inputs, for a run of a few minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_export, bench_import  # noqa: E402
from bench.generate_store import OUT, ensure_store  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
SECTION = "## Performance at scale"
PYTHON = sys.executable


def _child_text(*args: str) -> list[str]:
    """The lines a bench that prints text printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [PYTHON, "-m", f"bench.{Path(args[0]).stem}", *args[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    return [line.strip() for line in done.stdout.splitlines() if ":" in line]


def _child(*args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [PYTHON, str(ROOT / "bench" / args[0]), *args[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} {args[1]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, figure: str, value: str, floor: str, ratio: str, aim: str) -> None:
        self.rows.append((figure, value, floor, ratio, aim))
        print(f"{figure}: {value} | floor {floor} | {ratio} | aim {aim}", flush=True)

    def table(self) -> str:
        lines = [
            "| figure | measured | floor beside it | ratio | aim |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def import_figures(report: Report, releases: int) -> None:
    records = bench_import.make_records(releases)
    with tempfile.TemporaryDirectory() as tmp:
        floor = bench_import.bare_floor(records, Path(tmp))
        prefixed = bench_import.bare_floor(records, Path(tmp), bench_import.STORE_PREFIXES)
        saving = bench_import.saving_alone(records, Path(tmp))
        ours = bench_import.project_import(records, Path(tmp))
    report.add(
        f"bulk import, {releases:,} releases (JSONL, HTML bodies)",
        f"{ours:,.0f} releases/s",
        f"{floor:,.0f} releases/s (with the store's prefix indexes: {prefixed:,.0f}/s; "
        f"the store's save alone, rows converted beforehand: {saving:,.0f}/s, "
        f"{saving / floor:.3f} of the floor)",
        f"{ours / floor:.3f}",
        "≥ 0.333",
    )


def paint_figures(report: Report, small: Path, big: Path, repeats: int) -> None:
    samples: dict[Path, list[float]] = {small: [], big: []}
    for _ in range(repeats):  # alternate, so both see the same load
        for db in (small, big):
            samples[db].append(_child("bench_window.py", "paint", "--db", str(db))["seconds"])
    small_s, big_s = statistics.median(samples[small]), statistics.median(samples[big])
    report.add(
        "window first paint, 1,000,000 releases",
        ms(big_s),
        f"{ms(small_s)} (1,000 releases)",
        f"{big_s / small_s:.2f}",
        "≤ 300 ms, ratio ≤ 1.5",
    )


def excerpt_figures(report: Report, found: dict, where: str) -> None:
    """The tag filter and the excerpts view, as bench_queries.py measured them on a store."""
    report.add(
        f"tag filter on the release list, {where} (a topic and its sub-topics, "
        f"{found['tagged_excerpts']:,} excerpts): count + first page",
        ms(found["tag_list"]),
        f"{ms(found['tag_list_floor'])} (bare SQL over the kept release_tags; "
        f"{ms(found['tag_list_unkept'])} reading the highlights)",
        f"{found['tag_list'] / found['tag_list_floor']:.2f}",
        "≤ 100 ms",
    )
    report.add(
        f"excerpts view, {where}, all {found['excerpts']:,} excerpts: count + first page",
        ms(found["excerpts_view"]),
        f"{ms(found['excerpts_view_floor'])} (kept count + bare SQL page)",
        f"{found['excerpts_view'] / found['excerpts_view_floor']:.2f}",
        "≤ 100 ms",
    )
    report.add(
        f"excerpts view, {where}, filtered by that topic ({found['tagged_excerpts']:,} excerpts)",
        ms(found["tagged_excerpts_view"]),
        "–",
        "–",
        "≤ 100 ms",
    )


def query_figures(report: Report, big: Path, excerpts: int, read_only: bool, quick: bool) -> dict:
    excerpt_figures(
        report,
        _child("bench_queries.py", "--db", str(export_store(excerpts))),
        f"{excerpts:,}-excerpt store",
    )
    flags = [*(["--read-only"] if read_only else []), *(["--quick"] if quick else [])]
    found = _child("bench_queries.py", "--db", str(big), *flags)
    excerpt_figures(report, found, "1M store")
    worst = max(
        (k for k in found if k.startswith("sort_")), key=lambda k: found[k]
    )  # the slowest of every sort, both directions, first page and middle
    report.add(
        "release list sorts at 1M (slowest of date/source/title/highlights × asc/desc × "
        "first/middle page)",
        f"{ms(found[worst])} ({worst[5:]})",
        "–",
        "–",
        "≤ 100 ms",
    )
    report.add("source list (filter pop-up) at 1M", ms(found["list_sources"]), "–", "–", "≤ 100 ms")
    middle_page_figures(report, found)
    report.add(
        "memory of the query process at 1M after every query above (each list's order held "
        "in turn), peak",
        f"{found['peak_rss_mb']:.0f} MB",
        "–",
        "–",
        "≤ 300 MB",
    )
    return found


def middle_page_figures(report: Report, found: dict) -> None:
    """Every sort's middle page with and without filters, from the list's order read once
    (bench_queries.py's ``order_*`` and ``middle_*``)."""
    middles = {k[len("middle_") :]: v for k, v in found.items() if k.startswith("middle_")}
    orders = {k[len("order_") :]: v for k, v in found.items() if k.startswith("order_")}
    if not middles:
        return
    worst = max(middles, key=middles.get)
    by_offset = found.get("offset_issuer_title_asc_middle")
    report.add(
        f"middle page at 1M, every sort × both directions × no filter / issuer / language / "
        f"date range ({len(middles)} lists), the list's order read: slowest",
        f"{ms(middles[worst])} ({worst})",
        f"{ms(by_offset)} (OFFSET, issuer filter, title order)" if by_offset else "–",
        f"{middles[worst] / by_offset:.3f}" if by_offset else "–",
        "≤ 100 ms",
    )
    slowest = max(orders, key=orders.get)
    report.add(
        "reading a list's order at 1M (off the window's thread, once a filter or sort): "
        f"median of {len(orders)} / slowest",
        f"{ms(statistics.median(orders.values()))} / {ms(orders[slowest])} ({slowest})",
        "–",
        "–",
        "report it",
    )


def startup_figures(report: Report) -> None:
    found = _child("bench_startup.py", "--runs", "10")
    for name, command in (("version", "--version"), ("list_20", "list --limit 20")):
        figures = found[name]
        report.add(
            f"`communique {command}` start-up, 10 fresh processes, median (CPU time beside)",
            f"{figures['median']:.2f} s ({figures['cpu_median']:.2f} s CPU)",
            "–",
            "–",
            "≤ 0.3 s",
        )


def _flat(found: object, prefix: str = "") -> dict[str, object]:
    if not isinstance(found, dict):
        return {prefix: found}
    flat: dict[str, object] = {}
    for key, value in found.items():
        flat.update(_flat(value, f"{prefix}{key}." if isinstance(value, dict) else prefix + key))
    return flat


# Figures of the benches' JSON that are not times (agreement's coefficients).
_STATISTICS = ("percent", "kappa", "alpha")


def _shown(key: str, value: object) -> str:
    if isinstance(value, float) and key.endswith("_ms"):
        return f"{value:,.0f} ms"
    if isinstance(value, float) and any(word in key for word in _STATISTICS):
        return f"{value:g}"
    if isinstance(value, float):
        return ms(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def json_bench_figures(report: Report, what: str, found: dict, aim: str) -> None:
    """One row per timed figure of a bench's JSON, its floors beside it."""
    flat = _flat(found)
    floors = "; ".join(f"{k}: {_shown(k, v)}" for k, v in flat.items() if "floor" in k) or "–"
    for key, value in flat.items():
        if "floor" in key or not isinstance(value, float):
            continue
        report.add(f"{what}: {key}", _shown(key, value), floors, "–", aim)


def view_figures(report: Report, quick: bool, big: Path) -> None:
    """The new views' benches (issue 19, point 5), each as it measures itself."""
    medium = ensure_store(100_000)
    json_bench_figures(
        report,
        "issuer and country filters, 100,000 releases",
        _child("bench_issuers.py", "--db", str(medium)),
        "≤ 100 ms",
    )
    json_bench_figures(
        report, "trends, 100,000 releases", _child("bench_trends.py", "--db", str(medium)), "–"
    )
    json_bench_figures(
        report,
        "reuse (where else)",
        _child("bench_reuse.py", "20000" if quick else "100000"),
        "–",
    )
    json_bench_figures(
        report,
        "agreement of two coders",
        _child("bench_agreement.py", "20000" if quick else "100000"),
        "≤ 5 s for 100,000",
    )
    fetch = ["--subscriptions", "100", "--hosts", "20"] if quick else []
    json_bench_figures(report, "fetch pass", _child("bench_fetch.py", *fetch), "–")
    for line in _child_text(
        "bench_side_by_side.py", "--store", str(big), "--draws", "5" if quick else "20"
    ):
        what, figures = line.split(":", 1)
        report.add(f"alignment / counterparts: {what}", figures.strip(), "–", "–", "–")
    for line in _child_text("bench_concordance.py", "--releases", "100000"):
        what, figures = line.split(":", 1)
        if what != "store":  # the line naming the store, not a figure
            # Its figures are parted by "|", which would end the table's cell.
            shown = figures.strip().replace(" | ", " · ")
            report.add(f"concordance, 100,000 releases: {what}", shown, "–", "–", "–")


def interact_figures(report: Report, big: Path, ordinary: str, common: str) -> None:
    found = _child(
        "bench_window.py", "interact", "--db", str(big), "--ordinary", ordinary, "--common", common
    )
    for label, word, aim in (
        ("ordinary", ordinary, "≤ 50 ms"),
        ("common", common, "≤ 200 ms"),
    ):
        value, floor = found[f"search_{label}"], found[f"search_{label}_floor"]
        report.add(
            f"search typed → list updated at 1M, {label} word “{word}”",
            ms(value),
            f"{ms(floor)} (bare MATCH … ORDER BY rank LIMIT 50)",
            f"{value / floor:.2f}",
            aim,
        )
    report.add(
        f"open a 20 KB release with {found['open_highlights']} overlapping highlights",
        ms(found["open"]),
        ms(found["open_floor"]),
        f"{found['open'] / found['open_floor']:.2f}",
        "≤ 1.5 × floor",
    )
    report.add(
        "save one highlight (actionHighlight → committed, views refreshed) at 1M",
        ms(found["save"]),
        f"{ms(found['save_floor'])} (bare INSERT, IMMEDIATE)",
        f"{found['save'] / found['save_floor']:.0f}",
        "≤ 10 ms",
    )


def export_store(excerpts: int) -> Path:
    """The cached store of ``excerpts`` excerpts over 4,000 releases (bench_export.py)."""
    from store.db import Store

    db = OUT / f"export-{excerpts}.db"
    if not db.with_suffix(".done").exists():
        db.unlink(missing_ok=True)
        with Store(db) as store:
            bench_export.build_store(store, excerpts)
        db.with_suffix(".done").write_text("built\n")
    return db


def export_figures(report: Report, excerpts: int) -> None:
    from store.db import Store
    from store.excerpts import ExcerptFilter
    from store.export import write_export

    with Store(export_store(excerpts)) as store, tempfile.TemporaryDirectory() as tmp:
        rows = bench_export.excerpt_rows(store)
        floor = bench_export.bare_csv(rows, Path(tmp) / "bare.csv")
        for fmt in ("csv", "xlsx", "qdpx"):
            began = time.perf_counter()
            write_export(store, fmt, Path(tmp) / f"excerpts.{fmt}", ExcerptFilter())
            seconds = time.perf_counter() - began
            report.add(
                f"export {len(rows):,} excerpts, {fmt.upper()}",
                f"{seconds:.2f} s",
                f"{floor:.2f} s (bare csv.writer)",
                f"{seconds / floor:.1f}",
                "report the ratio",
            )


def export_stall_figures(report: Report, excerpts: int) -> None:
    db = export_store(excerpts)
    for fmt in ("xlsx", "docx"):  # the slowest two, Python all the way (openpyxl, lxml)
        found = _child("bench_window.py", "export-stall", "--db", str(db), "--format", fmt)
        report.add(
            f"GUI thread's longest stall while the export dialog's worker writes "
            f"{found['exported']:,} excerpts to {fmt.upper()} ({found['export_seconds']:.0f} s)",
            ms(found["max_gap"]),
            f"{ms(found['bare_max_gap'])} (a bare 10 ms ticker process beside it)",
            "–",
            "≤ 100 ms",
        )


def excerpts_tab_figures(report: Report, big: Path) -> None:
    found = _child("bench_window.py", "excerpts", "--db", str(big))
    for what, figures in found.items():
        report.add(
            f"GUI thread's longest step at 1M, Excerpts tab: {what} (all shown after "
            f"{ms(figures['shown'])})",
            ms(figures["longest_step"]),
            "–",
            "–",
            "≤ 100 ms",
        )


def memory_figures(report: Report, big: Path) -> None:
    found = _child("bench_window.py", "memory", "--db", str(big))
    report.add(
        "memory, 1M store open, list scrolled end to end and sorted every way",
        f"{found['rss_mb']:.0f} MB resident (peak {found['peak_mb']:.0f} MB)",
        "–",
        "–",
        "≤ 300 MB",
    )


def scroll_figures(report: Report, big: Path) -> None:
    found = _child("bench_window.py", "scroll", "--db", str(big))
    for order in ("date", "title"):
        report.add(
            f"GUI thread's longest stall dragging the list's scroll bar to ten places at 1M, "
            f"{order} order (rows filled after {ms(found[f'{order}_median_fill'])}, median)",
            ms(found[f"{order}_max_stall"]),
            f"{ms(found['repaint_floor'])} (repainting rows already fetched)",
            f"{found[f'{order}_max_stall'] / found['repaint_floor']:.1f}",
            "≤ 100 ms",
        )


def stall_figures(report: Report, releases: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "releases.jsonl"
        records = bench_import.make_records(releases, seed=99)
        jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
        db = Path(tmp) / "store.db"
        shutil.copy(ensure_store(1_000), db)
        found = _child("bench_window.py", "stall", "--db", str(db), "--jsonl", str(jsonl))
    report.add(
        f"GUI thread's longest stall while the import dialog's worker imports "
        f"{found['imported']:,} releases ({found['import_seconds']:.0f} s)",
        ms(found["max_gap"]),
        f"{ms(found['bare_max_gap'])} (a bare 10 ms ticker process beside it)",
        "–",
        "≤ 100 ms",
    )
    report.add("list refresh after that import", ms(found["refresh"]), "–", "–", "≤ 100 ms")


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores (`nproc`), {cpu}, {mem:.0f} GB RAM, Python "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; "
        f"load average {load[0]:.1f} at the end of the run (the machine is shared)"
    )


BEGIN, END = "<!-- bench/run_all.py writes from here -->", "<!-- to here -->"


def write_section(report: Report, command: str) -> None:
    """Replace the generated part of "Performance at scale" (between the markers); the
    analysis written below it by hand and the other sections are kept."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    generated = (
        f"{BEGIN}\n"
        f"Command: `{command}` — {dt.date.today().isoformat()}, on {machine()}.\n\n"
        f"{report.table()}\n{END}"
    )
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + generated + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{generated}\n"
    DOC.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--import-releases", type=int, default=20_000)
    parser.add_argument("--stall-releases", type=int, default=100_000)
    parser.add_argument("--export-excerpts", type=int, default=100_000)
    parser.add_argument("--paint-repeats", type=int, default=3)
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        help="queries interact paint memory scroll import stall export startup views",
    )
    parser.add_argument("--db", type=Path, help="the million-release store (default: generated)")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open --db read-only; the window's figures are left out",
    )
    parser.add_argument(
        "--quick", action="store_true", help="no imports or exports, smaller view benches"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    small = ensure_store(1_000)
    big = args.db or ensure_store(1_000_000)
    skip = set(args.skip)
    if args.read_only:  # the window opens a store as Store does, which may upgrade it
        skip |= {"interact", "paint", "memory", "scroll"}
    if args.quick:
        skip |= {"import", "stall", "export"}
    report = Report()
    ordinary, common = "sanctions", "the"
    if "queries" not in skip:
        found = query_figures(report, big, args.export_excerpts, args.read_only, args.quick)
        ordinary, common = found["ordinary_word"], found["common_word"]
    if "startup" not in skip:
        startup_figures(report)
    if "views" not in skip:
        view_figures(report, args.quick, big)
    if "interact" not in skip:
        interact_figures(report, big, ordinary, common)
        excerpts_tab_figures(report, big)
    if "paint" not in skip:
        paint_figures(report, small, big, args.paint_repeats)
    if "memory" not in skip:
        memory_figures(report, big)
    if "scroll" not in skip:
        scroll_figures(report, big)
    if "import" not in skip:
        import_figures(report, args.import_releases)
    if "stall" not in skip:
        stall_figures(report, args.stall_releases)
    if "export" not in skip:
        export_figures(report, args.export_excerpts)
        export_stall_figures(report, args.export_excerpts)
    command = "QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py " + " ".join(
        sys.argv[1:]
    )
    if not args.no_write:
        write_section(report, command.strip())
        print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
