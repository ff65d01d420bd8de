"""Benchmark stores of 1,000, 100,000 and 1,000,000 releases made of real corpus sentences.

    .venv/bin/python bench/generate_store.py 1000 100000 1000000

Releases have varied lengths (1 to 12 paragraphs of 1 to 4 sentences), ~30 sources, dates
over twenty years (a few undated); the codebook has 50 tags (10 topics with 4 sub-topics
each); 5% of releases carry 2 to 8 highlights at valid offsets of their canonical text, each
with 1 to 3 tags. Every store also holds one 20 KB release with 500 overlapping highlights,
the reader benchmark's worst case (identity ``bench-big-release``).

This is a generator for benchmarks, not an importer: rows are written with bare SQL in one
``Store.write()`` transaction, in batches, so a million releases take minutes, not the hours
the real import (Markdown rendering per release) would. Bodies are plain paragraphs, so the
canonical text is simply the paragraphs joined by a blank line; a sample is checked against
``store.canonical.canonical_text`` so the shortcut cannot drift from the real rule.

Stores are cached under ``bench/out/`` (git-ignored); a cached store of an older schema is
migrated in place by opening it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_sentences import sentences  # noqa: E402
from store.anchoring import selector_for  # noqa: E402
from store.canonical import canonical_text  # noqa: E402
from store.db import Store, now_iso  # noqa: E402
from store.markdown_text import escape_markdown, paragraphs_to_markdown  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = (1_000, 100_000, 1_000_000)
BATCH = 10_000
HIGHLIGHTED_SHARE = 0.05
BIG_RELEASE_IDENTITY = "bench-big-release"
BIG_RELEASE_HIGHLIGHTS = 500
SOURCES = [
    "Ministry of Foreign Affairs of Italy", "NATO", "European Parliament",
    "UN Secretary-General", "U.S. Department of State", "Council of the EU",
    "Auswärtiges Amt", "Quai d'Orsay", "Foreign, Commonwealth & Development Office",
    "Global Affairs Canada", "DFAT Australia", "MOFA Japan", "Ministry of External Affairs India",
    "Itamaraty", "SRE México", "European Commission", "OSCE", "Council of Europe", "OECD",
    "African Union", "ASEAN Secretariat", "UNHCR", "WHO", "IAEA", "G7 Presidency",
    "Swiss FDFA", "Ministry for Foreign Affairs of Finland", "Government Offices of Sweden",
    "Polish MFA", "Ministry of Foreign Affairs of Ukraine",
]  # fmt: skip
TOPICS = [
    "Security", "Trade", "Climate", "Human rights", "Migration",
    "Energy", "Health", "Development", "Sanctions", "Diplomacy",
]  # fmt: skip
COLOURS = [
    "#f5c518", "#8ecae6", "#b5e48c", "#ffafcc", "#cdb4db",
    "#ffd6a5", "#caffbf", "#9bf6ff", "#fdffb6", "#ffc6ff",
]  # fmt: skip


def store_path(releases: int) -> Path:
    return OUT / f"store-{releases}.db"


def ensure_store(releases: int, quiet: bool = False) -> Path:
    """The cached store of this size, built first if it is missing (or half-built)."""
    path = store_path(releases)
    done = path.with_suffix(".done")
    if path.exists() and done.exists():
        Store(path).close()  # migrates a store of an older schema in place
        for backup in path.parent.glob(f"{path.name}.v*.bak"):
            backup.unlink()  # a backup of generated data is only wasted disk
        return path
    for stale in (path, done, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    build_store(path, releases)
    done.write_text(f"built in {time.perf_counter() - began:.0f} s\n")
    if not quiet:
        print(f"built {path.name} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return path


class _Pieces:
    """Each corpus sentence with its Markdown escaped once, at a line start and inside one.

    Escaping is character-local except for a block marker at a line's start, so a paragraph's
    Markdown is the first sentence's line-start form followed by the others' inner forms.
    """

    def __init__(self) -> None:
        self.text = sentences()
        self.first = [escape_markdown(s) for s in self.text]
        self.inner = [escape_markdown("x " + s)[2:] for s in self.text]


def _release_body(rng: random.Random, pieces: _Pieces, paragraphs: int) -> tuple[str, str]:
    """(body Markdown, canonical text) of a release of ``paragraphs`` plain paragraphs."""
    count = len(pieces.text)
    texts, marks = [], []
    for _ in range(paragraphs):
        picks = [rng.randrange(count) for _ in range(rng.randint(1, 4))]
        texts.append(" ".join(pieces.text[i] for i in picks))
        marks.append(" ".join([pieces.first[picks[0]]] + [pieces.inner[i] for i in picks[1:]]))
    return "\n\n".join(marks) + "\n", "\n\n".join(texts)


def _paragraph_count(rng: random.Random) -> int:
    # Most releases are short; a long tail of long ones (up to 12 paragraphs).
    return min(12, 1 + int(rng.expovariate(1 / 3)))


def build_store(path: Path, releases: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    pieces = _Pieces()
    _check_canonical_shortcut(pieces, rng)
    stamp = now_iso()
    with Store(path) as store:
        _bulk_settings(store.conn)
        with store.write() as conn:
            _fill(conn, rng, pieces, releases, stamp)
    # No ANALYZE: an analyst's store has no statistics either, and the figures must be theirs.


def _bulk_settings(conn) -> None:
    """Generated data can be made again: no journal, no fsync, a big page cache."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -524288")  # 512 MB


def _fill(conn, rng: random.Random, pieces: _Pieces, releases: int, stamp: str) -> None:
    tag_ids = _make_codebook(conn, stamp)
    highlighted: list[tuple[int, str]] = []
    for first in range(0, releases, BATCH):
        rows = []
        for n in range(first, min(first + BATCH, releases)):
            body, text = _release_body(rng, pieces, _paragraph_count(rng))
            title = pieces.text[rng.randrange(len(pieces.text))][:120]
            source = SOURCES[int(rng.paretovariate(1.2)) % len(SOURCES)]
            rows.append(
                (n + 1, f"id:bench-{n:08d}", title, _date(rng), source,
                 f"https://example.org/r/{n}", "en", body, text,
                 hashlib.sha256(body.encode()).hexdigest(), stamp, stamp)
            )  # fmt: skip
            if rng.random() < HIGHLIGHTED_SHARE:
                highlighted.append((n + 1, text))
        conn.executemany(
            "INSERT INTO releases(id, identity, title, date, source, url, language, "
            "body_markdown, text, content_hash, imported_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    big_id, big_text = _add_big_release(conn, rng, pieces, releases + 1, stamp)
    highlight_rows = []
    for release_id, text in highlighted:
        for _ in range(rng.randint(2, 8)):
            highlight_rows.append(_random_highlight(rng, release_id, text, 40, 400))
    for _ in range(BIG_RELEASE_HIGHLIGHTS):
        highlight_rows.append(_random_highlight(rng, big_id, big_text, 20, 600))
    _insert_highlights(conn, rng, highlight_rows, tag_ids, stamp)


def _date(rng: random.Random) -> str | None:
    if rng.random() < 0.01:
        return None
    return f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _make_codebook(conn, stamp: str) -> list[int]:
    """50 tags: 10 topics with 4 sub-topics each."""
    ids = []
    for number, topic in enumerate(TOPICS):
        parent = conn.execute(
            "INSERT INTO tags(name, colour, created_at) VALUES (?, ?, ?)",
            (topic, COLOURS[number], stamp),
        ).lastrowid
        ids.append(parent)
        for child in range(1, 5):
            ids.append(
                conn.execute(
                    "INSERT INTO tags(name, colour, parent_id, created_at) VALUES (?, ?, ?, ?)",
                    (f"{topic} · {child}", COLOURS[(number + child) % 10], parent, stamp),
                ).lastrowid
            )
    return ids


def _add_big_release(conn, rng: random.Random, pieces: _Pieces, release_id: int, stamp: str):
    """A 20 KB release: the reader's worst case, with 500 overlapping highlights."""
    body, text = "", ""
    while len(text.encode()) < 20_000:
        body, text = _release_body(rng, pieces, len(text) // 300 + 12)
    conn.execute(
        "INSERT INTO releases(id, identity, title, date, source, url, language, body_markdown, "
        "text, content_hash, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (release_id, f"id:{BIG_RELEASE_IDENTITY}", "A long release with 500 highlights",
         "2025-12-31", SOURCES[0], "https://example.org/big", "en", body, text,
         hashlib.sha256(body.encode()).hexdigest(), stamp, stamp),
    )  # fmt: skip
    return release_id, text


def _random_highlight(rng: random.Random, release_id: int, text: str, shortest: int, longest: int):
    start = rng.randrange(0, max(1, len(text) - shortest))
    end = min(len(text), start + rng.randint(shortest, longest))
    while not text[start:end].strip():  # a highlight needs a visible character
        start, end = 0, len(text)
    selector = selector_for(text, start, end)
    return (release_id, start, end, selector.quote, selector.prefix, selector.suffix)


def _insert_highlights(conn, rng: random.Random, rows, tag_ids: list[int], stamp: str) -> None:
    first_id = (conn.execute("SELECT max(id) FROM highlights").fetchone()[0] or 0) + 1
    notes = sentences()
    conn.executemany(
        'INSERT INTO highlights(id, release_id, start, "end", quote, prefix, suffix, note, '
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (first_id + n, *row, rng.choice(notes) if rng.random() < 0.2 else "", stamp, stamp)
            for n, row in enumerate(rows)
        ],
    )
    # Tag use is skewed, as in a real codebook: a few topics carry most excerpts.
    weights = [1 / (rank + 1) for rank in range(len(tag_ids))]
    links = []
    for n in range(len(rows)):
        chosen = set(rng.choices(tag_ids, weights, k=rng.choice([1, 1, 1, 2, 3])))
        links.extend((first_id + n, tag_id) for tag_id in chosen)
    conn.executemany("INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)", links)


def _check_canonical_shortcut(pieces: _Pieces, rng: random.Random) -> None:
    """The generator's canonical text must be the one the store itself computes."""
    sample = random.Random(rng.random())
    for _ in range(200):
        count = sample.randint(1, 6)
        body, text = _release_body(sample, pieces, count)
        paragraphs = text.split("\n\n")
        if body != paragraphs_to_markdown(paragraphs) or canonical_text(body) != text:
            raise AssertionError(f"generated body and canonical text disagree:\n{body!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    args = parser.parse_args()
    for size in args.sizes:
        path = ensure_store(size)
        print(f"{path}  {path.stat().st_size / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
