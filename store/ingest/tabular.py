"""Bulk files of many releases: JSON, JSON Lines and CSV/TSV, one release per record.

Accepted files:

- ``.json``: a list of objects, or an object holding that list under ``releases``, ``items``,
  ``data``, ``entries``, ``records`` or ``results`` (a single release object also works).
- ``.jsonl`` / ``.ndjson``: one object per line.
- ``.csv`` / ``.tsv``: a header row, then one release per row; the delimiter (comma,
  semicolon, tab or ``|``) is read from the header. A UTF-8 BOM (as Excel writes) is fine.

Accepted field names, case-insensitive, ignoring spaces, ``_`` and ``-`` (``Published At`` is
``published_at``); where several are present, the first one listed that has a value wins:

- title: ``title``, ``headline``, ``name``, ``subject``
- date: ``date``, ``published``, ``pubDate``, ``published_at``, ``issued``, ``created``
- body: ``body``, ``text``, ``content``, ``body_markdown``, ``markdown``, ``html``,
  ``body_html``, ``description``
- source: ``source``, ``issuer``, ``publisher``, ``author``, ``organisation``,
  ``organization``, ``site`` (kept as earlier versions filled it: scripts read it)
- issuer: ``issuer``, ``publisher``, ``source``, ``organisation``, ``organization``,
  ``office``, ``department``, ``ministry``, ``site``
- speaker: ``speaker``, ``author``, ``spokesperson``, ``byline``, ``creator``
- url: ``url``, ``link``, ``href``, ``permalink``
- language: ``language``, ``lang``, ``locale``
- identity: ``id``, ``guid``, ``uid``, ``identifier``
- translation_group: ``translation_group`` (a key the language versions of one statement
  share); translation_of: ``translation_of`` (the id of the record this one is a
  translation of): saving makes them one statement (store.statement_keys)

Other fields are ignored, and so are numbers except as an id. A value may also be an object
with the text under ``rendered`` (as the WordPress REST API writes ``title`` and
``content``), ``value``, ``text``, ``html`` or ``name``. The body is read as HTML when its
field is ``html``/``body_html`` or it contains HTML tags, as Markdown when its field is
``markdown``/``body_markdown``, and as plain text otherwise (paragraphs separated by blank
lines). An issuer longer than 200 characters or a speaker longer than 300 is no name and is
left empty (the record's raw text keeps it). Every record needs a title and a body; records
without are skipped and reported, the rest are imported.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePath
from typing import Any

import nh3

from store.ingest.attribution import issuer_name, speaker_name
from store.ingest.dates import parse_date
from store.ingest.decoding import decode_text, primary_language
from store.ingest.markdown_file import sanitise_markdown
from store.markdown_text import html_to_markdown, paragraphs_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name", "subject"),
    "date": ("date", "published", "pubDate", "published_at", "issued", "created"),
    "body": (
        "body", "text", "content", "body_markdown", "markdown", "html", "body_html", "description",
    ),
    "source": (
        "source", "issuer", "publisher", "author", "organisation", "organization", "site",
    ),
    "issuer": (
        "issuer", "publisher", "source", "organisation", "organization", "office", "department",
        "ministry", "site",
    ),
    "speaker": ("speaker", "author", "spokesperson", "byline", "creator"),
    "url": ("url", "link", "href", "permalink"),
    "language": ("language", "lang", "locale"),
    "identity": ("id", "guid", "uid", "identifier"),
    "translation_group": ("translation_group",),
    "translation_of": ("translation_of",),
}  # fmt: skip
LIST_KEYS = ("releases", "items", "data", "entries", "records", "results")
_NESTED_TEXT_KEYS = ("rendered", "value", "text", "html", "name")
_HTML_FIELDS = {"html", "bodyhtml"}
_MARKDOWN_FIELDS = {"markdown", "bodymarkdown"}
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|a|b|i|em|strong|ul|ol|li|h[1-6]|table|tr|td|blockquote|section)\b[^>]*>",
    re.IGNORECASE,
)
_CSV_DELIMITERS = ",;\t|"
# JSON can write half of a surrogate pair ("\ud800"), which no text can hold: nh3 and
# SQLite refuse it, and one such record would fail its whole file.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Bodies of long releases exceed the csv module's default 128 KiB field limit.
csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


def parse_tabular(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """Parse a bulk file into its good releases and one message per skipped record.

    Raises ``UnreadableFile`` when the file cannot be read at all or no record is usable.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return parse_csv(data, filename)
    if suffix in {".jsonl", ".ndjson"}:
        return parse_jsonl(data, filename)
    return parse_json(data, filename)


def parse_json(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """A JSON document holding a list of release objects (or one release object)."""
    text = decode_text(data, filename)
    try:
        document = _loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _looks_like_jsonl(text):
            return parse_jsonl(data, filename)
        raise UnreadableFile(f"not valid JSON ({error.msg} at line {error.lineno})") from None
    records = _records_of(document)
    return _releases(list(enumerate(records, start=1)), "json")


def parse_jsonl(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """JSON Lines: one release object per line; a line that is not JSON is one skipped record."""
    records = jsonl_records(decode_text(data, filename))
    if not records:
        raise UnreadableFile("the file has no records")
    return _releases(list(enumerate(records, start=1)), "json")


def jsonl_records(text: str) -> list[Any]:
    """Each non-blank line's object, or the problem that it is not JSON."""
    records: list[Any] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            records.append(_loads(line))
        except json.JSONDecodeError as error:
            records.append(_Problem(f"not valid JSON ({error.msg})"))
        except RecursionError:
            records.append(_Problem("it is nested too deeply to be a release"))
    return records


def json_document(text: str) -> Any:
    """A whole JSON document (one release object), or ``UnreadableFile`` saying why not."""
    try:
        return _loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFile(f"not valid JSON ({error.msg} at line {error.lineno})") from None


def parse_csv(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """CSV or TSV with a header row naming the fields."""
    text = decode_text(data, filename)
    header = text.lstrip("\n").split("\n", 1)[0]
    delimiter = "\t" if filename.lower().endswith(".tsv") else csv_delimiter(header)
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\n")), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(f"not a readable CSV file ({error})") from None
    if not rows:
        raise UnreadableFile("the file has no records below its header row")
    check_csv_header(list(rows[0]))
    return _releases(csv_records(enumerate(rows, start=1)), "csv")


def check_csv_header(names: list[str | None]) -> None:
    """Refuse a header row that names neither a title nor a body column."""
    columns = {_normalise(name) for name in names if name}
    wanted = {_normalise(name) for key in ("title", "body") for name in FIELD_NAMES[key]}
    if not columns & wanted:
        raise UnreadableFile("no title or body column in the header row")


def csv_records(rows: Iterable[tuple[int, dict[str | None, Any]]]) -> list[tuple[int, Any]]:
    """Numbered CSV rows as records: padding rows left out, unnamed columns dropped."""
    # Columns beyond the header land under the key None; they have no name to map.
    records = [(n, {k: v for k, v in row.items() if k}) for n, row in rows]
    # Rows of bare delimiters (";;;") are spreadsheet padding, not records: no message.
    return [(n, row) for n, row in records if any((v or "").strip() for v in row.values())]


class _Problem:
    """A record that could not even be read, carrying why."""

    def __init__(self, message: str) -> None:
        self.message = message


def _loads(text: str) -> Any:
    """``json.loads``, with each lone surrogate made U+FFFD (the replacement character)."""
    value = json.loads(text)
    return _without_lone_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(item)
            for key, item in value.items()
        }
    return value


def _looks_like_jsonl(text: str) -> bool:
    """Whether every non-blank line is a JSON object on its own."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)


def _records_of(document: Any) -> list[Any]:
    """The list of records a JSON document holds."""
    if isinstance(document, list):
        records = document
    elif isinstance(document, dict):
        keys = {str(key).lower(): key for key in document}
        lists = [
            document[keys[k]] for k in LIST_KEYS if isinstance(document.get(keys.get(k)), list)
        ]
        records = lists[0] if lists else [document]
    else:
        raise UnreadableFile("the file holds a single JSON value, not a list of releases")
    if not records:
        raise UnreadableFile("the file has no records")
    return records


def _releases(
    records: list[tuple[int, Any]], raw_format: str
) -> tuple[list[ParsedRelease], list[str]]:
    """Turn numbered records into releases, collecting a message for each one skipped;
    ``UnreadableFile`` when none is usable."""
    releases, problems = numbered_releases(records, raw_format)
    if not releases:
        raise no_usable_release(problems)
    return releases, problems


def numbered_releases(
    records: Iterable[tuple[int, Any]], raw_format: str
) -> tuple[list[ParsedRelease], list[str]]:
    """Numbered records as releases, and a message for each one skipped."""
    releases: list[ParsedRelease] = []
    problems: list[str] = []
    for number, record in records:
        if isinstance(record, _Problem):
            problems.append(record_problem(number, record.message))
        elif not isinstance(record, dict):
            problems.append(record_problem(number, "not an object with named fields"))
        else:
            release, missing = _release(record, raw_format)
            if release is None:
                problems.append(record_problem(number, f"no {missing}"))
            else:
                releases.append(release)
    return releases, problems


def record_problem(number: int, message: str) -> str:
    """A skipped record's message, numbered as in its file: "record 123,456: no title"."""
    return f"record {number:,}: {message}"


def no_usable_release(problems: list[str]) -> UnreadableFile:
    """Why a file whose every record was skipped is refused (the first reason, and a count)."""
    if not problems:
        return UnreadableFile("the file has no records")
    detail = problems[0] + (f", and {len(problems) - 1} more" if len(problems) > 1 else "")
    return UnreadableFile(f"no usable release ({detail})")


def _release(record: dict[str, Any], raw_format: str) -> tuple[ParsedRelease | None, str]:
    """A release from one record, or None and what it lacks ("title", "body", "title or body")."""
    fields = {_normalise(str(key)): value for key, value in record.items()}
    title = _plain(_field(fields, "title")[1])
    body_field, body_value = _field(fields, "body")
    body_markdown = _body_markdown(body_field, body_value)
    missing = [
        name for name, value in (("title", title), ("body", body_markdown.strip())) if not value
    ]
    if missing:
        return None, " or ".join(missing)
    date_text = _field(fields, "date")[1]
    release = ParsedRelease(
        title=title,
        body_markdown=body_markdown,
        date=parse_date(date_text) if date_text else None,
        source=_plain(_field(fields, "source")[1]) or None,
        issuer=issuer_name(_plain(_field(fields, "issuer")[1])),
        speaker=speaker_name(_plain(_field(fields, "speaker")[1])),
        url=_field(fields, "url")[1].strip() or None,
        language=primary_language(_field(fields, "language")[1]),
        identity=_field(fields, "identity")[1].strip() or None,
        translation_group=_field(fields, "translation_group")[1].strip() or None,
        translation_of=_field(fields, "translation_of")[1].strip() or None,
        raw=json.dumps(record, ensure_ascii=False, default=str),
        raw_format=raw_format,
    )
    return release, ""


# Cached: the records of a file repeat the same few field names, thousands of times.
@lru_cache(maxsize=1024)
def _normalise(name: str) -> str:
    """A field name compared without case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_-]+", "", name).lower()


# The synonyms as records' names are compared with them, normalised once, not per lookup.
_NORMALISED_NAMES = {
    key: tuple(_normalise(name) for name in names) for key, names in FIELD_NAMES.items()
}


def _field(fields: dict[str, Any], key: str) -> tuple[str, str]:
    """The first synonym of ``key`` with a value: (its normalised name, its text)."""
    # A number is an id; as an author or a date it is a database key or a timestamp.
    numbers = key in ("identity", "translation_group", "translation_of")
    for name in _NORMALISED_NAMES[key]:
        text = _text(fields.get(name), numbers)
        if text.strip():
            return name, text
    return "", ""


def _text(value: Any, numbers: bool = False) -> str:
    """A value as text: strings, nested ``{"rendered": …}``, lists of names, numbers if asked."""
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        lowered = {str(key).lower(): item for key, item in value.items()}
        return next((_text(lowered[k], numbers) for k in _NESTED_TEXT_KEYS if k in lowered), "")
    if isinstance(value, list):
        return ", ".join(text for item in value if (text := _text(item, numbers)).strip())
    return ""


def _plain(value: str) -> str:
    """One line of plain text: HTML tags dropped, entities decoded, whitespace collapsed."""
    if "<" in value or "&" in value:
        value = html.unescape(nh3.clean(value, tags=set()))
    return " ".join(value.split())


def _body_markdown(field: str, value: str) -> str:
    """Sanitised Markdown from a body in whatever form its field says or its content shows."""
    if not value.strip():
        return ""
    if field in _MARKDOWN_FIELDS:
        return sanitise_markdown(value)
    if field in _HTML_FIELDS or _HTML_TAG.search(value):
        return html_to_markdown(value)
    return paragraphs_to_markdown(re.split(r"\n[ \t]*\n", value.replace("\r\n", "\n")))


def csv_delimiter(header: str) -> str:
    """The delimiter of a CSV file: the candidate the header row uses most."""
    return (
        max(_CSV_DELIMITERS, key=header.count) if any(d in header for d in _CSV_DELIMITERS) else ","
    )
