"""Render the main window on a store to PNG files, to look at it as an analyst would.

    python scripts/render_screens.py STORE.db OUT_DIR [--sample] [--dark] [--readme]

With ``--readme`` only the screens the README shows are kept in OUT_DIR (``README_SCREENS``);
``scripts/render_screens.py /tmp/screens.db docs/screens --sample --readme`` renders them anew.

With ``--sample`` an empty store is first filled from ../shared/corpus (the Farnesina seed,
European Parliament pages, a dozen State Department feed snapshots) and a few releases get
highlights, overlapping ones included. Runs offscreen; no screen is needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.appearance import dark_palette  # noqa: E402
from store.db import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
README_SCREENS = (
    "main-window", "excerpts", "concordance", "issuers-dialog", "first-run", "version-diff",
    "side-by-side", "trends-dialog",
    "subscriptions", "unread-releases",
)  # fmt: skip
TOPICS = ["Ukraine", "Security", "Human rights", "Migration", "Trade", "Climate"]
# (words to look for in a release, topics of a highlight on the sentence holding them)
PASSAGES = [
    ("Ukraine", ["Ukraine"]),
    ("security", ["Security"]),
    ("NATO", ["Security", "Ukraine"]),
    ("human rights", ["Human rights"]),
    ("migra", ["Migration"]),
    ("trade", ["Trade"]),
    ("climate", ["Climate"]),
]


def fill_sample(store: Store) -> None:
    """Import real releases and highlight sentences that mention the sample topics."""
    from store.highlights import add_highlight
    from store.imports.pipeline import import_paths
    from store.releases import count_releases, get_release, page_of_releases
    from store.tags import ensure_tags

    if count_releases(store) == 0:
        feeds = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))[:12]
        pages = sorted((CORPUS / "ep-pages").glob("*.page.txt"))
        summary = import_paths(store, [CORPUS / "farnesina", *pages, *feeds])
        print(f"imported {summary.imported}, skipped {len(summary.skipped)}")
    ids, _ = ensure_tags(store, TOPICS)
    topic = dict(zip(TOPICS, ids, strict=True))
    for summary in page_of_releases(store, limit=400):
        release = get_release(store, summary.id)
        if release.highlight_count:
            continue
        made = 0
        for words, names in PASSAGES:
            span = _sentence_with(release.text, words)
            if span and made < 5:
                add_highlight(store, release.id, *span, [topic[n] for n in names])
                made += 1
        if made >= 3:  # an overlapping one: the second half of the first sentence and after
            first = _sentence_with(release.text, PASSAGES[0][0]) or (0, 0)
            if first[1] - first[0] > 40:
                middle = first[0] + (first[1] - first[0]) // 2
                end = min(len(release.text), first[1] + 60)
                add_highlight(store, release.id, middle, end, [topic["Security"]])


def _sentence_with(text: str, words: str) -> tuple[int, int] | None:
    at = text.lower().find(words.lower())
    if at < 0:
        return None
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    stops = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    end = min(stops) + 1 if stops else len(text)
    return (start, end) if text[start:end].strip() else None


def render(db: Path, out: Path, sample: bool, dark: bool) -> list[Path]:
    from gui.app import application, build_window

    # Fresh settings each time: the picture shows the first-run layout, not a remembered one.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="screens")
    )
    app = application([])
    if dark:
        app.setPalette(dark_palette())
    if sample:
        with Store(db) as store:
            fill_sample(store)
    window = build_window(db)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if dark else ""
    shots = []

    def shot(name: str) -> None:
        app.processEvents()
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))
        shots.append(path)

    model = window.model
    window.release_list.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # most highlighted first
    window.select_row(0)
    highlights = window.highlight_panel.highlights()
    if highlights:
        window.highlight_panel.select_highlight(highlights[0].id)
        window.reader.view.select_highlight(highlights[0].id, scroll=True)
    shot("main-window")

    def grab(widget, name: str) -> None:
        app.processEvents()
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        shots.append(path)

    window.show_issuers()  # the Issuers dialog over the window
    grab(window.issuers_dialog, "issuers-dialog")
    window.issuers_dialog.close()
    window.filters.issuer_filter.open_list()  # the issuer filter's pop-up, two picked
    popup = window.filters.issuer_filter.popup
    for row in range(min(2, popup.list.count())):
        popup.list.item(row).setSelected(True)
    grab(popup, "issuer-filter")
    popup.hide()
    window.filters.issuer_filter.clear()  # the shots below are of the whole list again

    def search(text: str) -> None:
        window.filters.search_box.setText(text)
        window.filters._emit_now()
        while model.searching():  # the count and first page come from a worker thread
            app.processEvents()

    search("Telephone conversation NATO")  # the Farnesina seed
    window.select_row(0)
    shot("farnesina-overlaps")
    search("Ukraine")
    window.select_row(min(2, model.rowCount() - 1))
    shot("search-ukraine")
    from store.tags import find_tag

    window.show_excerpts()  # the Excerpts tab: two topics ticked, counts and the chart
    ticked = [find_tag(window.store, name) for name in ("Ukraine", "Security", "Trade")]
    window.excerpts_view.set_tags([tag.id for tag in ticked if tag])
    while window.excerpts_view.timeline_pending:  # the counts and chart follow a moment later
        app.processEvents()
    shot("excerpts")
    window.show_concordance()  # the Concordance tab: a phrase in context, matches aligned
    window.concordance_view.set_phrase("security")
    window.concordance_view.search()
    while window.concordance_view.counting or not window.concordance_view.model.lines:
        app.processEvents()
    shot("concordance")
    window.show_excerpts(False)  # reading comfort: larger text in a narrow, centred column
    window.comfort.set_width("narrow")
    window.comfort.larger()
    window.comfort.larger()
    shot("reading-narrow-larger")
    window.comfort.set_width("full")
    window.comfort.normal_text_size()
    shots.append(shot_version_diff(out, suffix))
    shots.append(shot_side_by_side(out, suffix))
    window.close()
    window.store.close()
    shots.extend(shot_first_run(out, suffix))
    shots.append(shot_trends(out, suffix))
    shots.extend(shot_subscriptions(out, suffix))
    return shots


def shot_trends(out: Path, suffix: str) -> Path:
    """The Trends dialog on a store of its own holding every State Department feed and the
    Swiss news releases (the sample has no "Kyiv"): "Kyiv" against "Kiev" by issuer."""
    from gui.app import build_window
    from store.imports.pipeline import import_paths

    path = Path(tempfile.mkdtemp(prefix="trends")) / "trends.db"
    with Store(path) as store:
        import_paths(store, [CORPUS / "state-dept-feeds", CORPUS / "swiss-news"])
    window = build_window(path)
    window.show_trends()
    trends = window.trends_dialog
    trends.resize(1100, 720)
    trends.by_box.setCurrentText("issuer")
    trends.per_box.setCurrentText("quarter")
    trends.phrase_box.setText("Kyiv, Kiev")
    trends.compute()
    while trends.pending:  # the trend is counted on a worker thread
        QApplication.processEvents()
    QApplication.processEvents()
    shot = out / f"trends-dialog{suffix}.png"
    trends.grab().save(str(shot))
    trends.close()
    window.close()
    window.store.close()
    return shot


def shot_first_run(out: Path, suffix: str) -> list[Path]:
    """What a new analyst meets: the samples, the example topics offered, the reader's hint;
    then Help ▸ Keyboard shortcuts. Settings of their own: nothing answered yet."""
    from gui.app import build_window, import_samples_if_empty
    from gui.dialogs.keyboard_shortcuts import KeyboardShortcuts

    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="first")
    )
    db = Path(tempfile.mkdtemp(prefix="first-run")) / "first-run.db"
    with Store(db) as store:
        import_samples_if_empty(store)
    window = build_window(db)
    window.resize(1400, 900)
    window.show()
    window.select_row(0)
    QApplication.processEvents()
    paths = [out / f"first-run{suffix}.png", out / f"keyboard-shortcuts{suffix}.png"]
    window.grab().save(str(paths[0]))
    dialog = KeyboardShortcuts.show_for(window)
    QApplication.processEvents()
    dialog.grab().save(str(paths[1]))
    dialog.close()
    window.close()
    window.store.close()
    return paths


def shot_subscriptions(out: Path, suffix: str) -> list[Path]:
    """The Subscriptions panel and the list with its unread releases bold: a store of its own
    following two State Department feed snapshots served on 127.0.0.1 (one starred), a
    folder of European Parliament pages, an address that answers 404 and a paused sitemap,
    after one fetch pass; a few releases read since."""
    from bench.local_feeds import LocalFeeds
    from gui.app import build_window
    from store.fetch import fetch_pass
    from store.fetch.settings import FetchSettings
    from store.releases import page_of_releases
    from store.subscriptions import follow, set_paused, set_starred
    from store.unread import mark_read

    QSettings().setValue("fetching/allow_private_addresses", True)
    home = Path(tempfile.mkdtemp(prefix="following"))
    db = home / "following.db"
    folder = home / "EP press releases"
    folder.mkdir()
    for page in sorted((CORPUS / "ep-pages").glob("*.page.txt"))[:4]:
        shutil.copy(page, folder / page.name)
    feeds = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))
    state = "U.S. Department of State"
    with LocalFeeds() as server:
        with Store(db) as store:
            releases = server.put("/rss-feed/press-releases/feed/", feeds[60])
            starred = follow(store, releases, kind="feed", issuer=state)
            set_starred(store, starred.id, True)
            follow(store, server.put("/rss-feed/briefings/feed/", feeds[30]), kind="feed",
                   issuer=state, every=3 * 3600)  # fmt: skip
            follow(store, str(folder), issuer="European Parliament", every=24 * 3600)
            follow(store, server.url("/en/press/feed.xml"), kind="feed")
            sitemap = server.put("/sitemap.xml", ROOT / "tests/data/sitemaps/state-dept-index.xml")
            set_paused(store, follow(store, sitemap, kind="sitemap").id, True)
        fetch_pass(db, settings=FetchSettings(allow_private=True, host_delay=0))
        with Store(db) as store:
            read = [r.id for r in page_of_releases(store, limit=30)][1::3]
            mark_read(store, read)
        window = build_window(db)
        window.following.stop()  # the picture is of that one pass
        window.resize(1400, 900)
        window.show()
        window.select_row(1)
        QApplication.processEvents()
        paths = [out / f"unread-releases{suffix}.png", out / f"subscriptions{suffix}.png"]
        window.grab().save(str(paths[0]))
        window.following.show_panel()
        panel = window.following.panel
        panel.table.selectRow(0)
        listing = ROOT / "tests/data/listings/state-dept-press-releases.html"
        panel.address_box.setText(server.put("/press-releases/", listing))
        panel.selector_box.setText("a.collection-result__link")
        panel.preview()  # the rule's preview, before anything is saved
        deadline = time.monotonic() + 30
        while panel.preview_list.count() == 0 and time.monotonic() < deadline:
            QApplication.processEvents()
        panel.grab().save(str(paths[1]))
        panel.close()
        window.close()
        window.store.close()
    return paths


def shot_version_diff(out: Path, suffix: str) -> Path:
    """The version comparison on a real revised release: feed snapshots 000–020 imported into
    a store of their own, the release whose wording moved most, its first change in view."""
    from gui.dialogs.version_diff import VersionDiffDialog, summarise
    from store.imports.pipeline import import_paths
    from store.releases import page_of_releases
    from store.versions import versions_of_release, word_diff

    with Store(Path(tempfile.mkdtemp(prefix="versions")) / "versions.db") as store:
        for feed in sorted((CORPUS / "state-dept-feeds").glob("*.rss"))[:21]:
            import_paths(store, [feed])  # one by one, in order: later snapshots revise

        def moved(release_id: int) -> int:
            versions = versions_of_release(store, release_id)
            if len(versions) < 2:
                return 0
            summary = summarise(word_diff(versions[-2].text, versions[-1].text))
            return summary.removed_words + summary.added_words

        revised = max((r.id for r in page_of_releases(store, limit=1000)), key=moved)
        dialog = VersionDiffDialog(store, revised)
        dialog.resize(1000, 640)
        dialog.show()
        dialog.go_to_change(+1)
        QApplication.processEvents()
        path = out / f"version-diff{suffix}.png"
        dialog.grab().save(str(path))
        dialog.close()
        return path


def shot_side_by_side(out: Path, suffix: str) -> Path:
    """The two-column reader on a real pair: one message of the Swiss federal news service
    in German and French (a store of its own), a highlight on each, a pair under the cursor."""
    import json

    from gui.dialogs.side_by_side import SideBySideDialog
    from gui.operations.runner import Operations
    from store.highlights import add_highlight_by_quote
    from store.imports.pipeline import import_paths
    from store.releases import page_of_releases
    from store.tags import create_tag

    folder = Path(tempfile.mkdtemp(prefix="side-by-side"))
    with (CORPUS / "swiss-news" / "releases.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    pair = [r for r in records if r["message"] == "57284" and r["language"] in ("de", "fr")]
    pair.sort(key=lambda r: r["language"])
    (folder / "pair.jsonl").write_text("\n".join(json.dumps(r) for r in pair), encoding="utf-8")
    store = Store(folder / "pair.db")
    import_paths(store, [folder / "pair.jsonl"])
    ids = {r.language: r.id for r in page_of_releases(store, limit=10)}
    ukraine = create_tag(store, "Ukraine", colour="#f4d35e").created
    aid = create_tag(store, "Humanitarian aid", colour="#9ad1d4").created
    add_highlight_by_quote(store, ids["de"], "mit sauberem Trinkwasser zu versorgen", tag_ids=[aid])
    add_highlight_by_quote(store, ids["fr"], "Depuis le début du conflit armé", tag_ids=[ukraine])
    dialog = SideBySideDialog(Operations(store))
    dialog.resize(1300, 820)
    dialog.show()
    dialog.compare(ids["de"], ids["fr"])
    while dialog.pending:
        QApplication.processEvents()
    german = dialog.views[0]
    caret = german.document().find("Hilfsgütern")
    caret.setPosition(caret.selectionStart())
    german.setTextCursor(caret)
    QApplication.processEvents()
    path = out / f"side-by-side{suffix}.png"
    dialog.grab().save(str(path))
    dialog.close()
    store.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sample", action="store_true", help="fill the store from the corpus")
    parser.add_argument("--dark", action="store_true", help="render with a dark palette")
    parser.add_argument("--readme", action="store_true", help="keep only the README's screens")
    args = parser.parse_args()
    if not args.readme:
        for path in render(args.db, args.out, args.sample, args.dark):
            print(path)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as every:
        for path in render(args.db, Path(every), args.sample, args.dark):
            if path.stem.removesuffix("-dark") in README_SCREENS:
                print(shutil.copy(path, args.out / path.name))


if __name__ == "__main__":
    main()
