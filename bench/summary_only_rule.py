"""How the summary-only rule does on the State Department feeds, whole and as excerpts.

Every snapshot of ``../shared/corpus/state-dept-feeds`` is read twice: as published (the
whole release in ``content:encoded``: no item may be taken for a summary) and rewritten as
WordPress writes excerpt-only feeds (``scripts/make_odd_feeds.py``): an item is a teaser
exactly when its release is longer than its 55-word excerpt. The rule was set by reasoning
on snapshot 047 alone (the shortest release); the other 64 are held out.

    python bench/summary_only_rule.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import lxml.html  # noqa: E402
from make_odd_feeds import EXCERPT_WORDS, SUMMARY_SNAPSHOT, excerpt_only_feed  # noqa: E402

from store.ingest.feeds import parse_feed  # noqa: E402
from store.ingest.summary_only import summary_only  # noqa: E402

FEEDS = ROOT.parent / "shared" / "corpus" / "state-dept-feeds"


def main() -> None:
    for part, paths in (
        ("tuning (snapshot 047)", [FEEDS / SUMMARY_SNAPSHOT]),
        ("held out (64 snapshots)", sorted(set(FEEDS.glob("*.rss")) - {FEEDS / SUMMARY_SNAPSHOT})),
    ):
        counts = {
            "items": 0,
            "whole taken for summary": 0,
            "teasers": 0,
            "teasers found": 0,
            "whole excerpts": 0,
            "whole excerpts taken for summary": 0,
        }
        for path in paths:
            text = path.read_text(encoding="utf-8")
            whole = parse_feed(text.encode("utf-8"), path.name)
            teasers = parse_feed(excerpt_only_feed(text).encode("utf-8"), path.name)
            for full, teaser in zip(whole, teasers, strict=True):
                counts["items"] += 1
                counts["whole taken for summary"] += summary_only(full)
                longer = len(_words(full.raw)) > EXCERPT_WORDS
                counts["teasers" if longer else "whole excerpts"] += 1
                if longer:
                    counts["teasers found"] += summary_only(teaser)
                else:
                    counts["whole excerpts taken for summary"] += summary_only(teaser)
        print(part, counts)


def _words(raw_item: str) -> list[str]:
    """The words of the item's description, as WordPress counts them for its excerpt."""
    description = lxml.html.fromstring(raw_item.encode("utf-8")).find(".//description")
    inner = "".join(description.itertext()) if description is not None else ""
    return lxml.html.fromstring(inner).text_content().split() if inner.strip() else []


if __name__ == "__main__":
    main()
