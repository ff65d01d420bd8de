"""A bulk file (JSON Lines, CSV/TSV, a JSON array) read as a stream of record batches.

The file is never held whole: each batch is about ``batch_bytes`` of it, its records
numbered as in the file, and says how far into the file it ends (for progress by bytes).
The encoding is decided on the file's head as :func:`decoding.decode_text` decides on a
whole file (BOM, else UTF-8, else detection). A record that cannot be read is one skipped
record; what stops the reading (a JSON array's syntax error, bytes not in the file's
encoding, a CSV quote never closed) ends the last batch with one message, and the records
before it stay.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import ijson

from store.ingest import tabular
from store.ingest.decoding import head_encoding
from store.parsed import ParsedRelease, UnreadableFile

HEAD_BYTES = 1024 * 1024  # what the encoding and the format are decided on
# A JSON file that is one object with no list of records is one release, read whole.
ONE_RELEASE_BYTES = 10 * 1024 * 1024
# No release nests its fields this deep (WordPress's {"title": {"rendered": …}} is two);
# arrays nested 100,000 deep would take gigabytes to build.
MAX_JSON_DEPTH = 64


@dataclass(frozen=True)
class RecordBatch:
    """A run of records: JSON Lines as its lines' text, other formats as parsed records.

    ``first_number`` is the file's number of its first record (blank lines and
    spreadsheet padding are no records); ``stopped`` is why reading ended after it.
    """

    kind: str  # "jsonl", "json" or "csv"
    first_number: int
    end_offset: int
    lines: str = ""
    records: list[Any] = field(default_factory=list)
    stopped: str | None = None


def record_batches(file: BinaryIO, kind: str, batch_bytes: int) -> Iterator[RecordBatch]:
    """The batches of ``file`` (opened binary, at its start) read as ``kind``.

    Raises ``UnreadableFile`` before the first batch when the head shows the file cannot
    be read at all (empty, binary, no CSV header naming a title or body).
    """
    head = file.read(HEAD_BYTES)
    whole = len(head) < HEAD_BYTES
    encoding = head_encoding(head, whole)
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=encoding, newline=None)
    readers = {"jsonl": _jsonl_batches, "csv": _csv_batches, "json": _json_batches}
    return readers[kind](text, file, batch_bytes)


def _jsonl_batches(text: io.TextIOWrapper, file: BinaryIO, batch_bytes: int):
    number = 1
    while True:
        try:
            piece = text.read(batch_bytes)
            if piece and not piece.endswith("\n"):
                piece += text.readline()
        except UnicodeDecodeError as error:
            reason = _not_in_encoding(error, text.encoding)
            yield RecordBatch("jsonl", number, file.tell(), stopped=reason)
            return
        if not piece:
            return
        records = sum(1 for line in piece.split("\n") if line.strip())
        yield RecordBatch("jsonl", number, file.tell(), lines=piece)
        number += records


def _csv_batches(text: io.TextIOWrapper, file: BinaryIO, batch_bytes: int):
    header = next((line for line in text if line.strip()), "")
    delimiter = "\t" if _named_tsv(file) else tabular.csv_delimiter(header)
    reader = csv.DictReader(itertools.chain([header], text), delimiter=delimiter)
    tabular.check_csv_header(reader.fieldnames or [])
    number, batch, size = 0, [], 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 - the count goes on
            batch.append((number, row))
            size += sum(len(value) for value in row.values() if isinstance(value, str))
            if size >= batch_bytes:
                yield RecordBatch("csv", batch[0][0], file.tell(), records=batch)
                batch, size = [], 0
    except (csv.Error, UnicodeDecodeError) as error:
        reason = (
            _not_in_encoding(error, text.encoding)
            if isinstance(error, UnicodeDecodeError)
            else f"not a readable CSV row ({error})"
        )
        first = batch[0][0] if batch else number + 1
        yield RecordBatch("csv", first, file.tell(), records=batch, stopped=reason)
        return
    if batch:
        yield RecordBatch("csv", batch[0][0], file.tell(), records=batch)


def _json_batches(text: io.TextIOWrapper, file: BinaryIO, batch_bytes: int):
    encoding = text.encoding
    text.detach()  # ijson reads bytes: UTF-8 from the file itself, other encodings re-encoded
    file.seek(0)
    source = _Utf8(file, encoding) if encoding not in ("utf-8", "utf-8-sig") else file
    if encoding == "utf-8-sig":
        file.seek(len(codecs.BOM_UTF8))
    records = _json_records(ijson.basic_parse(source, use_float=True), file)
    number, batch, started, stopped = 1, [], file.tell(), None
    try:
        for record in records:
            batch.append(record)
            if file.tell() - started >= batch_bytes:
                yield RecordBatch("json", number, file.tell(), records=batch)
                number += len(batch)
                batch, started = [], file.tell()
    except ijson.JSONError as error:
        stopped = f"not valid JSON ({str(error).splitlines()[0].strip()}){_NOT_READ_AFTER}"
    except _TooDeep:
        stopped = f"it is nested too deeply to be a release{_NOT_READ_AFTER}"
    except UnicodeDecodeError as error:
        stopped = _not_in_encoding(error, encoding)
    yield RecordBatch("json", number, file.tell(), records=batch, stopped=stopped)


_STARTS = frozenset({"start_map", "start_array"})
_ENDS = frozenset({"end_map", "end_array"})


class _TooDeep(Exception):
    """A record nested deeper than any release is (``MAX_JSON_DEPTH``)."""


def _json_records(events: Iterator[tuple[str, Any]], file: BinaryIO) -> Iterator[Any]:
    """The records of a JSON document: a list's items, the items of the list an object
    holds under one of ``tabular.LIST_KEYS`` (the first in the file), or the document
    itself when it is an object holding no such list (one release)."""
    try:
        event, value = next(events)
    except StopIteration:
        return
    if event == "start_array":
        yield from _items(events)
        return
    if event != "start_map":
        raise UnreadableFile("the file holds a single JSON value, not a list of releases")
    builder, depth, key = ijson.ObjectBuilder(), 1, None
    builder.event(event, value)
    for event, value in events:
        if depth == 1 and event == "start_array" and str(key).lower() in tabular.LIST_KEYS:
            yield from _items(events)
            return
        if depth == 1 and event == "map_key":
            key = value
        depth += (event in _STARTS) - (event in _ENDS)
        if depth > MAX_JSON_DEPTH:
            raise _TooDeep
        if file.tell() > ONE_RELEASE_BYTES:
            raise UnreadableFile(
                "the file is one JSON object holding no list of releases, and more than "
                f"one release can be (at most {ONE_RELEASE_BYTES // 2**20} MB)"
            )
        builder.event(event, value)
        if depth == 0:
            yield builder.value
            return


def _items(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    """Each item of the list whose start was the last event read, built one at a time."""
    depth, builder = 0, None
    for event, value in events:
        if depth == 0:
            if event == "end_array":
                return
            if event not in _STARTS:
                yield value  # a bare value: a record, if not a release's
                continue
            builder = ijson.ObjectBuilder()
        depth += (event in _STARTS) - (event in _ENDS)
        if depth > MAX_JSON_DEPTH:
            raise _TooDeep
        builder.event(event, value)
        if depth == 0:
            yield builder.value


class _Utf8:
    """A file in another encoding read as UTF-8 bytes (what ijson reads)."""

    def __init__(self, file: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(file, encoding=encoding, newline=None)

    def read(self, size: int) -> bytes:
        return self._text.read(size // 4 or 1).encode("utf-8")


def batch_releases(batch: RecordBatch) -> tuple[list[ParsedRelease], list[str]]:
    """A batch's releases and one message per skipped record, numbered as in the file
    (run where the batch is converted: a worker process for a big file)."""
    if batch.kind == "jsonl":
        numbered = list(enumerate(tabular.jsonl_records(batch.lines), start=batch.first_number))
    elif batch.kind == "csv":
        numbered = batch.records
    else:
        numbered = list(enumerate(batch.records, start=batch.first_number))
    raw_format = "csv" if batch.kind == "csv" else "json"
    releases, problems = tabular.numbered_releases(
        tabular.csv_records(numbered) if batch.kind == "csv" else numbered, raw_format
    )
    if batch.stopped:
        problems.append(tabular.record_problem(batch.first_number + len(numbered), batch.stopped))
    return releases, problems


_NOT_READ_AFTER = "; the records after it were not read"


def _not_in_encoding(error: UnicodeDecodeError, encoding: str) -> str:
    return f"bytes not valid {encoding} text ({error.reason}){_NOT_READ_AFTER}"


def _named_tsv(file: BinaryIO) -> bool:
    return str(getattr(file, "name", "")).lower().endswith(".tsv")
