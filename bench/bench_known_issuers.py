"""How many of the shared corpus's issuer strings find a known issuer, to which, and how fast.

    .venv/bin/python bench/bench_known_issuers.py

The strings are those an import meets: the State Department feeds' channel titles, their
items' ``dc:creator`` and links, the Swiss federal news service's ``source`` of every
language version, and the European Parliament pages' site name (as the page-text parser
reads it) and title line. Each corpus is split into a part the data and the rules were
written against and a later part kept out of that ("held out"); both are printed. The
throughput is ``match_known`` over every (name, link) pair an import would give (a feed
item's ``dc:creator``, which the feed parser prefers to the channel title, and its link),
looped: most of those names match nothing, so the address is looked up too.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from store.ingest.page_text import parse_page_text  # noqa: E402
from store.known_issuers import known_issuers, match_known  # noqa: E402

# Held out: feed snapshots from July 2021 on, Swiss messages from 2018 on, EP pages 11-15.
HELD_OUT_FEEDS_FROM = "press-releases-2021-07"
HELD_OUT_SWISS_FROM = "2018"
HELD_OUT_EP_PAGES = {f"ep-{number}.page.txt" for number in range(11, 16)}


@dataclass
class Tally:
    """The strings of one kind in one part of the corpus and what each resolved to."""

    found: Counter = field(default_factory=Counter)
    unresolved: Counter = field(default_factory=Counter)

    def add(self, name: str | None, link: str | None = None) -> None:
        issuer = match_known(name, link)
        if issuer is None:
            self.unresolved[name or link] += 1
        else:
            self.found[issuer.key] += 1

    def line(self) -> str:
        total = sum(self.found.values()) + sum(self.unresolved.values())
        resolved = sum(self.found.values())
        share = f"{resolved / total:.0%}" if total else "-"
        to = ", ".join(f"{key} {count}" for key, count in self.found.most_common())
        return f"{resolved:>5} of {total:>5} ({share:>4})  → {to or 'none'}"


def state_department(tallies: dict[tuple[str, str], Tally]) -> list[tuple[str | None, str]]:
    pairs, seen = [], set()
    for path in sorted((CORPUS / "state-dept-feeds").glob("*.rss")):
        part = "held out" if path.name >= HELD_OUT_FEEDS_FROM else "tuning"
        feed = feedparser.parse(path)
        tallies["state-dept channel title", part].add(feed.feed.get("title"))
        for entry in feed.entries:
            if entry.id in seen:  # snapshots overlap: each release once
                continue
            seen.add(entry.id)
            tallies["state-dept dc:creator", part].add(entry.get("author"))
            tallies["state-dept item link", part].add(None, entry.link)
            tallies["state-dept dc:creator + link", part].add(entry.get("author"), entry.link)
            pairs.append((entry.get("author"), entry.link))
    return pairs


def swiss_news(tallies: dict[tuple[str, str], Tally]) -> list[tuple[str | None, str]]:
    pairs = []
    with (CORPUS / "swiss-news" / "releases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            version = json.loads(line)
            part = "held out" if version["date"] >= HELD_OUT_SWISS_FROM else "tuning"
            tallies[f"swiss-news source ({version['language']})", part].add(version["source"])
            pairs.append((version["source"], None))
    return pairs


def ep_pages(tallies: dict[tuple[str, str], Tally]) -> list[tuple[str | None, str]]:
    pairs = []
    for path in sorted((CORPUS / "ep-pages").glob("*.page.txt")):
        part = "held out" if path.name in HELD_OUT_EP_PAGES else "tuning"
        text = path.read_text(encoding="utf-8")
        site = parse_page_text(text, path.name).source
        title_line = next(line for line in text.splitlines() if line.strip())
        tallies["EP page site name", part].add(site)
        tallies["EP page title line", part].add(title_line)
        pairs.append((site, None))
    return pairs


def throughput(pairs: list[tuple[str | None, str | None]]) -> float:
    """Calls of match_known a second over the corpus's pairs, looped for about a second."""
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < 1.0:
        for name, link in pairs:
            match_known(name, link)
        calls += len(pairs)
    return calls / (time.perf_counter() - started)


def main() -> None:
    started = time.perf_counter()
    issuers = known_issuers()
    loaded = time.perf_counter() - started
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    pairs = state_department(tallies) + swiss_news(tallies) + ep_pages(tallies)
    print(f"{len(issuers)} known issuers, read and checked in {loaded * 1000:.0f} ms\n")
    for part in ("tuning", "held out"):
        print(f"{part}:")
        for (kind, each_part), tally in sorted(tallies.items()):
            if each_part == part:
                print(f"  {kind:<30} {tally.line()}")
        print()
    unresolved = Counter()
    for tally in tallies.values():
        unresolved.update(tally.unresolved)
    print("unresolved strings, most frequent first:")
    for text, count in unresolved.most_common(12):
        print(f"  {count:>4}  {text[:90]}")
    print(f"\nmatch_known: {throughput(pairs):,.0f} calls/s over {len(pairs):,} corpus pairs")


if __name__ == "__main__":
    main()
