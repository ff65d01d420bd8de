"""How many of the odd feeds in tests/data/feeds import as their feed means them, by part.

Each file's expectation is in tests/data/feeds/manifest.json (titles, bodies, links, or
"exactly as the clean State Department snapshot"). Given another checkout of the program,
its feed reader is measured instead (to compare with an older version):

    python bench/odd_feeds.py [CHECKOUT]
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else str(ROOT))

from store.ingest.feeds import parse_feed  # noqa: E402
from store.parsed import UnreadableFile  # noqa: E402

ODD = ROOT / "tests" / "data" / "feeds"
SNAPSHOTS = ROOT.parent / "shared" / "corpus" / "state-dept-feeds"


def main() -> None:
    manifest = json.loads((ODD / "manifest.json").read_text(encoding="utf-8"))["files"]
    results: dict[str, list[bool]] = {"tuning": [], "held-out": []}
    for name, expected in sorted(manifest.items()):
        meant = _as_meant(name, expected)
        results[expected["split"]].append(meant)
        if not meant:
            print(f"  not as meant: {name} ({expected['odd']})")
    for part, outcomes in results.items():
        print(f"{part}: {sum(outcomes)} of {len(outcomes)} files as meant")


def _as_meant(name: str, expected: dict) -> bool:
    try:
        releases = parse_feed((ODD / name).read_bytes(), name)
    except UnreadableFile:
        return False
    checks = []
    if "same_as_snapshot" in expected:
        clean = parse_feed((SNAPSHOTS / expected["same_as_snapshot"]).read_bytes(), name)
        checks.append([replace(r, raw="") for r in releases] == [replace(r, raw="") for r in clean])
    if "teasers_of_snapshot" in expected:
        clean = parse_feed((SNAPSHOTS / expected["teasers_of_snapshot"]).read_bytes(), name)
        checks.append([r.title for r in releases] == [r.title for r in clean])
    for field, key in (("title", "titles"), ("body_markdown", "bodies"), ("url", "urls")):
        if key in expected:
            checks.append([getattr(r, field) for r in releases] == expected[key])
    if "bodies_start" in expected:
        starts = zip(releases, expected["bodies_start"], strict=False)
        checks.append(all(r.body_markdown.startswith(start) for r, start in starts))
    return all(checks)


if __name__ == "__main__":
    main()
