"""How often the parsers give the right title, date, issuer and speaker, per source.

    .venv/bin/python bench/fidelity.py [--corpus ../shared/corpus] [--misses]

Sources and their truth:

- farnesina: the table in the corpus README (title, date); the text names no issuer or speaker;
- state-dept-feeds: manifest.json (each guid's latest title, pubDate, creator), the issuer
  being the channel's own title; each release is read from the snapshot it was last seen in;
- ep-pages: the first line of ep-N.body.txt is the page's <title>, "Title | News | European
  Parliament": the title is its first part, the issuer its last; the pages name no speaker
  and the hand-made extractions state no date;
- swiss-news: each record's title, date and source (the issuing office);
- unseen pages (tests/data/unseen-pages): manifest.json, reported for the tuning half and
  the held-out half apart. "Invented" counts dates given where the page states none or
  another day.

The issuer is the raw string the parser gives (resolving it to a known issuer is the
store's work); names are compared without case, spacing, quote style or a leading "the".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.ingest.sniff import PARSERS, detect_format  # noqa: E402
from store.parsed import ParsedRelease  # noqa: E402

UNSEEN = ROOT / "tests" / "data" / "unseen-pages"
FIELDS = ("title", "date", "issuer", "speaker")
# The ep-pages' <title> affixes: the section and the site.
_EP_AFFIX = re.compile(r"\s+\|\s+News\s+\|\s+European Parliament\s*$")


@dataclass
class Tally:
    """Right answers per field over the releases that have a truth for it."""

    name: str
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    judged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    invented_dates: int = 0
    misses: list[str] = field(default_factory=list)

    def judge(self, label: str, name: str, given: str | None, truth: Iterable[str | None]) -> None:
        truths = list(truth)
        self.judged[name] += 1
        if any(_same(given, want, name) for want in truths):
            self.right[name] += 1
        else:
            self.misses.append(f"{self.name} {label} {name}: gave {given!r}, want {truths[0]!r}")
            if name == "date" and given is not None:
                self.invented_dates += 1

    def row(self) -> str:
        cells = []
        for name in FIELDS:
            judged = self.judged[name]
            cells.append(f"{self.right[name]}/{judged}" if judged else "–")
        return f"| {self.name} | " + " | ".join(cells) + f" | {self.invented_dates} |"


def _fold(text: str) -> str:
    """A name as compared: NFKC, case, spacing, quote and dash style, a leading "the"."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    text = " ".join(text.split()).strip(" .,:;")
    return text[4:] if text.startswith("the ") else text


def _same(given: str | None, want: str | None, name: str) -> bool:
    if given is None or want is None:
        return given is None and want is None
    if name == "date":
        return given == want
    return _fold(given) == _fold(want)


def _parse(path: Path) -> list[ParsedRelease]:
    data = path.read_bytes()
    kind = detect_format(data, path.name)
    if kind is None:
        raise SystemExit(f"{path}: not a format the importer reads")
    releases, _problems = PARSERS[kind](data, path.name)
    return releases


def farnesina(corpus: Path) -> Tally:
    tally = Tally("farnesina")
    readme = (corpus / "README.md").read_text(encoding="utf-8")
    section = readme.split("## farnesina/", 1)[1].split("\n## ", 1)[0]
    table = dict(re.findall(r"^\| (title|date) \| (.+?) \|$", section, re.MULTILINE))
    for path in sorted((corpus / "farnesina").glob("*.txt")):
        (release,) = _parse(path)
        tally.judge(path.name, "title", release.title, [table["title"]])
        tally.judge(path.name, "date", release.date, [table["date"]])
    return tally


def state_dept(corpus: Path) -> Tally:
    from store.ingest.dates import parse_date

    tally = Tally("state-dept-feeds")
    folder = corpus / "state-dept-feeds"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    by_file: dict[str, dict[str, ParsedRelease]] = {}
    for guid, truth in sorted(manifest.items()):
        name = truth["last_seen_in"]
        if name not in by_file:
            by_file[name] = {r.identity or "": r for r in _parse(folder / name)}
        release = by_file[name][guid]
        tally.judge(guid, "title", release.title, [truth["title"]])
        # The publisher's own calendar day, as pubDate writes it (never shifted to UTC).
        day = truth["pubDate"].split()[1:4]
        tally.judge(guid, "date", release.date, [parse_date(" ".join(day))])
        tally.judge(
            guid, "issuer", release.issuer, ["Press Releases – United States Department of State"]
        )
        tally.judge(guid, "speaker", release.speaker, [truth["creator"]])
    return tally


def ep_pages(corpus: Path) -> Tally:
    tally = Tally("ep-pages")
    folder = corpus / "ep-pages"
    for page in sorted(folder.glob("ep-*.page.txt"), key=lambda p: int(p.name.split("-")[1][:-9])):
        body = (folder / page.name.replace(".page.", ".body.")).read_text(encoding="utf-8")
        head = next(line for line in body.splitlines() if line.strip())
        (release,) = _parse(page)
        tally.judge(page.name, "title", release.title, [_EP_AFFIX.sub("", head.strip())])
        tally.judge(page.name, "issuer", release.issuer, ["European Parliament"])
        tally.judge(page.name, "speaker", release.speaker, [None])
    return tally


def swiss_news(corpus: Path) -> Tally:
    tally = Tally("swiss-news")
    path = corpus / "swiss-news" / "releases.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    releases = _parse(path)
    for record, release in zip(records, releases, strict=True):
        label = f"{record['message']}/{record['language']}"
        tally.judge(label, "title", release.title, [record["title"]])
        tally.judge(label, "date", release.date, [record["date"]])
        tally.judge(label, "issuer", release.issuer, [record["source"]])
    return tally


def unseen_pages(split: str) -> Tally:
    tally = Tally(f"unseen pages, {split}")
    manifest = json.loads((UNSEEN / "manifest.json").read_text(encoding="utf-8"))
    for name, truth in manifest["pages"].items():
        if truth["split"] != split:
            continue
        (release,) = _parse(UNSEEN / name)
        tally.judge(name, "title", release.title, [truth["title"]])
        tally.judge(name, "date", release.date, [truth["date"]])
        tally.judge(name, "issuer", release.issuer, truth["issuer"])
        tally.judge(name, "speaker", release.speaker, truth["speaker"] or [None])
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    sources: list[Callable[[], Tally]] = [
        lambda: farnesina(args.corpus),
        lambda: state_dept(args.corpus),
        lambda: ep_pages(args.corpus),
        lambda: swiss_news(args.corpus),
        lambda: unseen_pages("tuning"),
        lambda: unseen_pages("held-out"),
    ]
    tallies = [source() for source in sources]
    print("| source | title | date | issuer | speaker | invented dates |")
    print("|---|---:|---:|---:|---:|---:|")
    for tally in tallies:
        print(tally.row())
    if args.misses:
        for tally in tallies:
            for miss in tally.misses:
                print(miss)


if __name__ == "__main__":
    main()
