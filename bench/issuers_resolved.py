"""Which issuer each release ends up with in the store, per source: the parsers' raw names
resolved as an import resolves them (``bench/fidelity.py`` judges the raw names).

    .venv/bin/python bench/issuers_resolved.py [--corpus ../shared/corpus] [--misses]

Each source is imported with ``communique import``'s own pipeline into a new store, then:

- state-dept-feeds: right when the release's issuer is the State Department (one issuer for
  all 405 releases, whatever their ``dc:creator``);
- swiss-news: right when the issuer is the one the record's ``source`` (the issuing
  office's name in the record's language) leads to, and every language version of one
  message has the same issuer;
- ep-pages: right when the issuer is the European Parliament;
- unseen pages (tests/data/unseen-pages): right when the issuer is the one any of the
  manifest's names for it leads to, tuning and held-out halves apart; when none of them
  leads anywhere (a generic "Department of Foreign Affairs"), the known issuer of the page's
  own address, else a new issuer of one of those names.

"Distinct" is how many issuers the source's releases were spread over.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.imports.pipeline import import_paths  # noqa: E402
from store.issuers import find_issuer  # noqa: E402
from store.known_issuers import match_known  # noqa: E402

UNSEEN = ROOT / "tests" / "data" / "unseen-pages"


def _imported(paths: list[Path], folder: Path, name: str) -> Store:
    store = Store(folder / f"{name}.db")
    import_paths(store, paths)
    return store


def _row(name: str, right: int, judged: int, distinct: int) -> str:
    return f"| {name} | {right}/{judged} | {distinct} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    misses: list[str] = []
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        state = _imported(sorted((args.corpus / "state-dept-feeds").glob("*.rss")), folder, "sd")
        names = [n for (n,) in state.conn.execute(
            "SELECT i.name FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id"
        )]  # fmt: skip
        want = match_known("U.S. Department of State", None).name
        misses += [f"state-dept: {n}" for n in names if n != want]
        rows.append(_row("state-dept-feeds", names.count(want), len(names), len(set(names))))

        swiss_path = args.corpus / "swiss-news" / "releases.jsonl"
        swiss = _imported([swiss_path], folder, "swiss")
        records = [json.loads(line) for line in swiss_path.read_text("utf-8").splitlines()]
        got = [
            name for (name,) in swiss.conn.execute(
                "SELECT i.name FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id "
                "ORDER BY r.id"
            )
        ]  # fmt: skip
        right, per_message = 0, defaultdict(set)
        for record, name in zip(records, got, strict=True):
            expected = find_issuer(swiss, record["source"])
            right += expected is not None and expected.name == name
            if expected is None or expected.name != name:
                misses.append(f"swiss-news {record['message']}/{record['language']}: {name}")
            per_message[record["message"]].add(name)
        split = sum(len(names) > 1 for names in per_message.values())
        rows.append(_row("swiss-news", right, len(got), len(set(got))))
        rows.append(f"| swiss-news messages whose versions differ | {split}/{len(per_message)} | |")

        ep = _imported(sorted((args.corpus / "ep-pages").glob("ep-*.page.txt")), folder, "ep")
        got = [n for (n,) in ep.conn.execute(
            "SELECT i.name FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id"
        )]  # fmt: skip
        misses += [f"ep-pages: {n}" for n in got if n != "European Parliament"]
        rows.append(_row("ep-pages", got.count("European Parliament"), len(got), len(set(got))))

        manifest = json.loads((UNSEEN / "manifest.json").read_text("utf-8"))["pages"]
        for half in ("tuning", "held-out"):
            pages = [name for name, truth in manifest.items() if truth["split"] == half]
            store = _imported([UNSEEN / name for name in pages], folder, half)
            by_file, urls = {}, {}
            for origin, name, url in store.conn.execute(
                "SELECT r.origin_file, i.name, r.url FROM releases r "
                "LEFT JOIN issuers i ON i.id = r.issuer_id"
            ):
                by_file[Path(origin).name], urls[Path(origin).name] = name, url
            right = 0
            for page in pages:
                wanted = {
                    issuer.name
                    for name in manifest[page]["issuer"]
                    if (issuer := find_issuer(store, name)) is not None
                }
                if not wanted and urls.get(page):
                    # A generic name ("Department of Foreign Affairs") leads nowhere: the
                    # page's own address is then what names its issuer.
                    known = match_known(None, urls[page])
                    wanted = {known.name} if known else set(manifest[page]["issuer"])
                if by_file.get(page) in wanted:
                    right += 1
                else:
                    misses.append(f"unseen {page}: {by_file.get(page)} (wanted {wanted})")
            rows.append(
                _row(f"unseen pages, {half}", right, len(pages), len(set(by_file.values())))
            )
        for store in (state, swiss, ep):
            store.close()
    print("| source | issuer right | distinct issuers |")
    print("|---|---:|---:|")
    print("\n".join(rows))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
