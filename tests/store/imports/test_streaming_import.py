"""Bulk files are read a batch at a time: memory bounded by the batch, not the file, with
record numbers, encodings and bad records handled as a whole read handled them."""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

import pytest

from store.db import Store
from store.imports import pipeline
from store.imports.pipeline import import_paths
from store.ingest.record_batches import record_batches
from store.releases import count_releases

BATCH_BYTES = 4096  # a few dozen small records a batch: every file below spans many


@pytest.fixture(params=["here", "workers"])
def small_batches(request, monkeypatch) -> str:
    """Files cut into many batches, converted here or by the worker processes."""
    monkeypatch.setattr(pipeline, "CHUNK_BYTES", BATCH_BYTES)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 1 if request.param == "workers" else 10**12)
    return request.param


def _record(n: int) -> dict[str, str]:
    return {"id": f"r-{n:06d}", "title": f"Statement {n}", "body": f"Text of statement {n}."}


def _titles(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT title FROM releases ORDER BY identity")]


def test_the_reader_holds_one_batch_of_a_big_file_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(_record(n)) + "\n" for n in range(1, 50_001)), "utf-8")
    size = path.stat().st_size
    with path.open("rb") as file:
        batches = record_batches(file, "jsonl", BATCH_BYTES)
        first = next(batches)
        # Lazy: the first batch is ready with the file read no further than a little of it.
        assert first.end_offset < size // 20
        held, numbers = [], [first.first_number]
        for batch in batches:
            lines = [line for line in batch.lines.split("\n") if line]
            held.append(len(lines))
            numbers.append(batch.first_number)
    assert max(held) <= BATCH_BYTES // 50  # every record is longer than 50 bytes
    assert len(held) > 500
    assert numbers == sorted(numbers) and numbers[0] == 1
    assert numbers[-1] + held[-1] - 1 == 50_000


def test_a_bom_and_crlf_line_ends_read_as_today(store: Store, tmp_path: Path, small_batches):
    path = tmp_path / "windows.jsonl"
    lines = "\r\n".join(json.dumps(_record(n), ensure_ascii=False) for n in range(1, 301))
    path.write_bytes(codecs.BOM_UTF8 + lines.encode("utf-8") + b"\r\n")
    summary = import_paths(store, [path])
    assert (summary.imported, summary.skipped) == (300, [])
    assert _titles(store)[0] == "Statement 1"  # no BOM in the first title


def test_utf16_with_its_bom_is_read_a_batch_at_a_time(store: Store, tmp_path: Path, small_batches):
    path = tmp_path / "utf16.jsonl"
    records = [{**_record(n), "title": f"Déclaration {n}"} for n in range(1, 201)]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    path.write_bytes(text.encode("utf-16"))
    summary = import_paths(store, [path])
    assert (summary.imported, summary.skipped) == (200, [])
    assert "Déclaration 17" in _titles(store)


def test_a_bad_record_far_into_the_file_is_skipped_with_its_number(
    store: Store, tmp_path: Path, small_batches
):
    lines = [json.dumps(_record(n)) for n in range(1, 1502)]
    lines[1233] = '{"title": "Broken'  # record 1,234
    lines[1399] = json.dumps({"id": "x", "body": "No title."})  # record 1,400
    path = tmp_path / "releases.jsonl"
    path.write_text("\n\n".join(lines[:700]) + "\n" + "\n".join(lines[700:]) + "\n", "utf-8")
    summary = import_paths(store, [path])
    assert summary.imported == 1499
    assert [s.reason.split(" (")[0] for s in summary.skipped] == [
        "record 1,234: not valid JSON",
        "record 1,400: no title",
    ]


def test_a_truncated_last_line_is_one_skipped_record(store: Store, tmp_path: Path, small_batches):
    text = "".join(json.dumps(_record(n)) + "\n" for n in range(1, 401))
    path = tmp_path / "cut.jsonl"
    path.write_text(text + json.dumps(_record(401))[:25], "utf-8")
    summary = import_paths(store, [path])
    assert summary.imported == 400
    assert [s.reason.split(" (")[0] for s in summary.skipped] == ["record 401: not valid JSON"]


def test_a_json_array_broken_at_record_30000_keeps_the_records_before_it(
    store: Store, tmp_path: Path
):
    records = [json.dumps({"id": f"a{n}", "title": f"T{n}", "text": "x"}) for n in range(1, 30_001)]
    records[29_999] = '{"id": "a30000", "title": T30000}'  # a bare word: no JSON
    path = tmp_path / "array.json"
    path.write_text("[" + ",\n".join(records) + ",\n" + json.dumps(_record(1)) + "]", "utf-8")
    summary = import_paths(store, [path])
    assert summary.imported == count_releases(store) == 29_999
    (skipped,) = summary.skipped
    assert skipped.reason.startswith("record 30,000: not valid JSON (")
    assert skipped.reason.endswith("the records after it were not read")


def test_an_object_holding_its_list_under_a_key_is_streamed(
    store: Store, tmp_path: Path, small_batches
):
    document = {"meta": {"exported": "2024"}, "Items": [_record(n) for n in range(1, 251)]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), "utf-8")
    summary = import_paths(store, [path])
    assert (summary.imported, summary.skipped) == (250, [])


def test_a_csv_row_with_a_quoted_newline_is_one_record(store: Store, tmp_path: Path, small_batches):
    path = tmp_path / "releases.csv"
    with path.open("w", encoding="cp1252", newline="") as out:
        rows = csv.writer(out, delimiter=";")
        rows.writerow(["id", "title", "body"])
        for n in range(1, 301):
            body = f"Première partie {n}.\r\n\r\nSeconde partie {n}." if n == 150 else f"Texte {n}"
            rows.writerow([f"c{n}", f"Communiqué {n}", "" if n == 299 else body])
    summary = import_paths(store, [path])
    assert summary.imported == 299
    assert [s.reason for s in summary.skipped] == ["record 299: no body"]
    (body,) = store.conn.execute("SELECT body_markdown FROM releases WHERE identity LIKE '%c150'")
    assert body[0] == "Première partie 150.\n\nSeconde partie 150.\n"


def test_a_cancel_mid_file_leaves_nothing_of_it(store: Store, tmp_path: Path, small_batches):
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps(_record(0)) + "\n", "utf-8")
    big = tmp_path / "b.jsonl"
    big.write_text("".join(json.dumps(_record(n)) + "\n" for n in range(1, 2001)), "utf-8")
    read: list[tuple[int, int]] = []
    summary = import_paths(
        store,
        [first, big],
        should_cancel=lambda: len(read) > 5,  # the big file's fifth batch saved
        reading=lambda done, size: read.append((done, size)),
    )
    assert summary.cancelled and summary.files == 1
    assert _titles(store) == ["Statement 0"]
    big_size = big.stat().st_size
    assert 0 < read[-1][0] < big_size and read[-1][1] == big_size
