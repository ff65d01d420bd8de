"""The release list's issuer column and filters at scale: what the window asks of the store.

    .venv/bin/python bench/generate_store.py 1000000
    .venv/bin/python bench/bench_issuers.py --db bench/out/store-1000000.db

A generated store has sources but no issuers: the first run gives it some, as an import
would have (one issuer per source, 5% of releases with none, a speaker on 30%, four
languages, one to three countries named by 20%), and marks its releases gone over. Prints
one JSON object: the first page and a page in the middle in issuer order, both ways; the
list filtered by one issuer, by three, by a speaker's name, a language and a country (count
and first page); and the lists the filter bar and the Issuers dialog read when opened.
Times are the median of a few runs, in seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_queries import timed  # noqa: E402
from store.db import Store, now_iso  # noqa: E402
from store.issuers import list_issuers  # noqa: E402
from store.releases import (  # noqa: E402
    ReleaseFilter,
    count_releases,
    list_countries,
    list_languages,
    page_of_releases,
)

LANGUAGES = ("en", "en", "en", "en", "en", "en", "fr", "de", "it", "es")
COUNTRIES = ("UA", "RU", "US", "FR", "DE", "IT", "CN", "RS", "XK", "BA", "PL", "TR")


def give_attribution(store: Store) -> None:
    """Issuers, speakers, languages and countries for a generated store that has none."""
    if store.conn.execute("SELECT 1 FROM releases WHERE issuer_id IS NOT NULL").fetchone():
        return
    with store.write() as conn:
        sources = [s for (s,) in conn.execute("SELECT DISTINCT source FROM releases")]
        for source in sources:
            conn.execute(
                "INSERT OR IGNORE INTO issuers(name, created_at) VALUES (?, ?)",
                (source, now_iso()),
            )
        conn.execute(
            "UPDATE releases SET "
            "issuer_id = CASE WHEN id % 20 = 0 THEN NULL "
            "  ELSE (SELECT id FROM issuers WHERE name = releases.source) END, "
            "issuer_origin = CASE WHEN id % 20 = 0 THEN NULL ELSE 'source' END, "
            "speaker = CASE WHEN id % 10 < 3 THEN 'Spokesperson ' || (id % 97) END, "
            "speaker_origin = CASE WHEN id % 10 < 3 THEN 'source' END, "
            "language = json_extract(?, '$[' || (id % 10) || ']')",
            (json.dumps(LANGUAGES),),
        )
        conn.execute(
            "INSERT OR IGNORE INTO release_countries(release_id, country) "
            "SELECT id, json_extract(?, '$[' || ((id / 5 + n) % 12) || ']') FROM releases, "
            "(SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) "
            "WHERE id % 5 = 0 AND n <= id % 3",
            (json.dumps(COUNTRIES),),
        )
        conn.execute("DELETE FROM store_notes WHERE name = 'attribution_pending'")


def issuer_order(store: Store) -> dict[str, float]:
    total = count_releases(store)
    result = {}
    for descending in (False, True):
        label = f"sort_issuer_{'desc' if descending else 'asc'}"
        result[label] = timed(
            lambda d=descending: page_of_releases(store, sort="issuer", descending=d)
        )
        result[label + "_middle"] = timed(
            lambda d=descending: page_of_releases(
                store, sort="issuer", descending=d, offset=total // 2
            ),
            repeats=1,
        )
    return result


def filters(store: Store) -> dict[str, float]:
    issuers = sorted(list_issuers(store), key=lambda issuer: issuer.releases)
    rare, common = issuers[0], issuers[-1]
    cases = {
        "one_common_issuer": ReleaseFilter(issuer_ids=(common.id,)),
        "three_issuers": ReleaseFilter(issuer_ids=tuple(i.id for i in issuers[-3:])),
        "one_rare_issuer": ReleaseFilter(issuer_ids=(rare.id,)),
        "speaker_words": ReleaseFilter(speakers=("spokesperson 42",)),
        "language_fr": ReleaseFilter(languages=("fr",)),
        "country_xk": ReleaseFilter(countries=("XK",)),
    }
    result = {}
    for name, flt in cases.items():
        result[f"{name}_count"] = timed(lambda f=flt: count_releases(store, f))
        result[f"{name}_first_page"] = timed(lambda f=flt: page_of_releases(store, f))
    return result


def lists(store: Store) -> dict[str, float]:
    return {
        "list_issuers": timed(lambda: list_issuers(store)),
        "list_languages": timed(lambda: list_languages(store)),
        "list_countries": timed(lambda: list_countries(store)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    with Store(args.db) as store:
        give_attribution(store)
        result = {"releases": count_releases(store)}
        result.update(issuer_order(store))
        result.update(filters(store))
        result.update(lists(store))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
