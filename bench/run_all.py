"""Run every benchmark and write the table of figures to docs/performance.md.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py

Each figure is measured beside its floor in the same run on the same data, so the ratio
holds on a noisy shared machine. Window figures run in fresh processes (bench_window.py)
so that a first paint is a first paint and a resident size is the window's alone. The
stores come from bench/generate_store.py (cached under bench/out/). Only the generated part
of the section "Performance at scale" in docs/performance.md is replaced.
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


def query_figures(report: Report, big: Path, excerpts: int) -> dict:
    excerpt_figures(
        report,
        _child("bench_queries.py", "--db", str(export_store(excerpts))),
        f"{excerpts:,}-excerpt store",
    )
    found = _child("bench_queries.py", "--db", str(big))
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
    return found


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
        help="queries interact paint memory scroll import stall export",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    small, big = ensure_store(1_000), ensure_store(1_000_000)
    report = Report()
    ordinary, common = "sanctions", "the"
    if "queries" not in args.skip:
        found = query_figures(report, big, args.export_excerpts)
        ordinary, common = found["ordinary_word"], found["common_word"]
    if "interact" not in args.skip:
        interact_figures(report, big, ordinary, common)
        excerpts_tab_figures(report, big)
    if "paint" not in args.skip:
        paint_figures(report, small, big, args.paint_repeats)
    if "memory" not in args.skip:
        memory_figures(report, big)
    if "scroll" not in args.skip:
        scroll_figures(report, big)
    if "import" not in args.skip:
        import_figures(report, args.import_releases)
    if "stall" not in args.skip:
        stall_figures(report, args.stall_releases)
    if "export" not in args.skip:
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
