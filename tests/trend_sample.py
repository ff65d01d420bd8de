"""A small store for the trend tests: a CSV of eight releases from two issuers, imported
as any analyst's file is, whose counts are easy to work out by hand (see the test files)."""

from __future__ import annotations

import csv
from pathlib import Path

from store.db import Store
from store.imports.pipeline import import_paths

ROWS = [
    # id, issuer, speaker, date, language, text
    ("a1", "Ministry of Ruritania", "Press Office", "2022-01-10", "en",
     "We condemn the strike on Kiev. Kiev will stand."),
    ("a2", "Ministry of Ruritania", "Press Office", "2022-01-20", "en",
     "A statement on trade and tariffs."),
    ("a3", "Ministry of Ruritania", "Minister", "2022-02-05", "en",
     "The minister welcomed the envoy from Kyiv."),
    ("a4", "Ministry of Ruritania", "Minister", "2022-04-01", "en",
     "Talks in Kyiv, then in KYIV again; the old spelling Kiev appears once."),
    ("b1", "Office of Graustark", "Spokesperson", "2022-01-15", "fr",
     "Des pourparlers à Kiev ont eu lieu."),
    ("b2", "Office of Graustark", "Spokesperson", "2022-03-03", "en",
     "The Kyivan delegation met nobody about cities."),
    ("b3", "Office of Graustark", "Spokesperson", "2022-03-09", "en",
     "Kyïv hosts the summit this spring."),
    ("b4", "Office of Graustark", "Spokesperson", "", "en",
     "Kyiv, in a release that gives no date."),
]  # fmt: skip


def build_trend_store(store: Store, folder: Path) -> Path:
    """Write the CSV under ``folder``, import it into ``store``; returns the CSV's path."""
    path = folder / "ruritania-graustark.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "issuer", "speaker", "date", "language", "title", "text"])
        for rid, issuer, speaker, date, language, text in ROWS:
            writer.writerow([rid, issuer, speaker, date, language, f"Release {rid}", text])
    summary = import_paths(store, [path])
    assert summary.imported == len(ROWS), summary
    return path
