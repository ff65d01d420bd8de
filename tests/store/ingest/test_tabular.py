"""Bulk JSON, JSON Lines and CSV files: field synonyms, sanitised bodies, skipped records named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.ingest.tabular import parse_tabular
from store.parsed import ParsedRelease, UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = REPO_ROOT / "tests" / "data" / "tabular"


def parse_bulk(data: bytes, filename: str) -> list[ParsedRelease]:
    """The good releases of a bulk file; skipped records are dropped."""
    return parse_tabular(data, filename)[0]


def test_excel_csv_with_bom_semicolons_and_synonyms() -> None:
    path = DATA / "releases-excel.csv"
    releases, problems = parse_tabular(path.read_bytes(), path.name)
    assert [r.identity for r in releases] == ["aa-1", "aa-3"]
    first = releases[0]
    # The semicolon inside the quoted headline is text, not a delimiter.
    assert first.title == "Außenministerin trifft Amtskollegen; Gespräch in Berlin"
    assert first.date == "2023-03-03"
    assert first.source == "Auswärtiges Amt"
    assert first.url == "https://example.de/1"
    assert first.language == "de"
    assert first.body_markdown == (
        "Die Ministerin empfing heute ihren Amtskollegen.\n\n"
        'Sie sprachen über "Energie" und Handel.\n'
    )
    assert first.raw_format == "csv"
    assert json.loads(first.raw)["Headline"] == first.title
    # The untitled row is reported by number; the row of bare semicolons is not a record.
    assert problems == ["record 2: no title"]


def test_jsonl_with_a_broken_line_and_a_record_without_title() -> None:
    path = DATA / "releases.jsonl"
    releases, problems = parse_tabular(path.read_bytes(), path.name)
    assert [r.identity for r in releases] == ["urn:1", "urn:3"]
    assert problems[0].startswith("record 2: not valid JSON")
    assert problems[1:] == ["record 4: no title"]
    chad, markdown = releases
    assert chad.title == "Statement on Chad"
    assert chad.date == "2021-05-21"
    assert chad.source == "Office of the Spokesperson"
    assert chad.url == "https://example.gov/chad"
    assert chad.language == "en"
    assert chad.raw_format == "json"
    assert json.loads(chad.raw)["guid"] == "urn:1"
    assert markdown.date == "2022-11-25"


def test_html_bodies_are_sanitised() -> None:
    path = DATA / "releases.jsonl"
    chad = parse_bulk(path.read_bytes(), path.name)[0]
    assert chad.body_markdown == (
        "The United States supports the recommendations.\n\nWe join the African Union.\n"
    )


def test_markdown_bodies_keep_markdown_and_lose_raw_html() -> None:
    path = DATA / "releases.jsonl"
    markdown = parse_bulk(path.read_bytes(), path.name)[1]
    assert markdown.body_markdown == "First *point*.\n\n- one\n- two\n"


def test_wordpress_rest_api_export() -> None:
    path = DATA / "wordpress-api.json"
    releases, problems = parse_tabular(path.read_bytes(), path.name)
    assert problems == []
    (release,) = releases
    assert release.title == "Yemen National Day – Secretary’s statement"
    assert release.date == "2021-05-22"
    assert release.identity == "245633"
    assert release.url == "https://www.state.gov/yemen-national-day/"
    # "author": 12 is a user id, not an issuer.
    assert release.source is None
    assert release.body_markdown == (
        "On behalf of the Government of the United States, I offer best wishes to the people"
        " of Yemen.\n\nMay you enjoy a celebratory National Unity Day.\n"
    )


@pytest.mark.parametrize("key", ["releases", "Items", "data"])
def test_json_object_holding_the_list(key: str) -> None:
    document = {"meta": {"count": 1}, key: [{"Title": "T", "Body": "B"}]}
    (release,) = parse_bulk(json.dumps(document).encode(), "export.json")
    assert (release.title, release.body_markdown) == ("T", "B\n")


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"headline": "H", "text": "x"}, "title", "H"),
        ({"name": "N", "text": "x"}, "title", "N"),
        ({"subject": "S", "text": "x"}, "title", "S"),
        ({"title": "T", "published": "2023-01-02", "text": "x"}, "date", "2023-01-02"),
        ({"title": "T", "pubDate": "2 January 2023", "text": "x"}, "date", "2023-01-02"),
        ({"title": "T", "published_at": "2023-01-02T10:00Z", "text": "x"}, "date", "2023-01-02"),
        ({"title": "T", "issued": "02/01/2023", "text": "x"}, "date", "2023-01-02"),
        ({"title": "T", "created": "2023-01-02", "text": "x"}, "date", "2023-01-02"),
        ({"title": "T", "content": "C"}, "body_markdown", "C\n"),
        ({"title": "T", "description": "D"}, "body_markdown", "D\n"),
        ({"title": "T", "body_html": "<p>B</p>"}, "body_markdown", "B\n"),
        ({"title": "T", "text": "x", "issuer": "I"}, "source", "I"),
        ({"title": "T", "text": "x", "publisher": "P"}, "source", "P"),
        ({"title": "T", "text": "x", "author": {"name": "A"}}, "source", "A"),
        ({"title": "T", "text": "x", "organisation": "O"}, "source", "O"),
        ({"title": "T", "text": "x", "Organization": "O"}, "source", "O"),
        ({"title": "T", "text": "x", "site": "S"}, "source", "S"),
        ({"title": "T", "text": "x", "issuer": "I"}, "issuer", "I"),
        ({"title": "T", "text": "x", "publisher": "P"}, "issuer", "P"),
        ({"title": "T", "text": "x", "source": "S"}, "issuer", "S"),
        ({"title": "T", "text": "x", "organisation": "O"}, "issuer", "O"),
        ({"title": "T", "text": "x", "Organization": "O"}, "issuer", "O"),
        ({"title": "T", "text": "x", "speaker": "Sp"}, "speaker", "Sp"),
        ({"title": "T", "text": "x", "author": {"name": "A"}}, "speaker", "A"),
        ({"title": "T", "text": "x", "spokesperson": "Sp"}, "speaker", "Sp"),
        ({"title": "T", "text": "x", "byline": "By"}, "speaker", "By"),
        ({"title": "T", "text": "x", "link": "https://a"}, "url", "https://a"),
        ({"title": "T", "text": "x", "href": "https://a"}, "url", "https://a"),
        ({"title": "T", "text": "x", "permalink": "https://a"}, "url", "https://a"),
        ({"title": "T", "text": "x", "lang": "it"}, "language", "it"),
        ({"title": "T", "text": "x", "locale": "pt_BR"}, "language", "pt"),
        ({"title": "T", "text": "x", "uid": "u"}, "identity", "u"),
        ({"title": "T", "text": "x", "identifier": "i"}, "identity", "i"),
        ({"title": "T", "text": "x", "GUID": 7}, "identity", "7"),
    ],
)
def test_field_synonyms(record: dict, field: str, expected: str) -> None:
    (release,) = parse_bulk(json.dumps([record]).encode(), "bulk.json")
    assert getattr(release, field) == expected


def test_unparseable_date_is_none_not_a_guess() -> None:
    records = [{"title": "T", "text": "x", "date": "sometime in spring"}]
    assert parse_bulk(json.dumps(records).encode(), "bulk.json")[0].date is None


def test_plain_text_body_is_escaped_and_split_into_paragraphs() -> None:
    record = {"title": "T", "text": "1. Not a list *really*\nsecond line\n\n# not a heading"}
    (release,) = parse_bulk(json.dumps([record]).encode(), "bulk.json")
    assert (
        release.body_markdown
        == "1\\. Not a list \\*really\\*  \nsecond line\n\n\\# not a heading\n"
    )


def test_html_title_is_plain_text() -> None:
    records = [{"title": "<b>Call</b> with FM &amp; team", "text": "x"}]
    assert parse_bulk(json.dumps(records).encode(), "bulk.json")[0].title == "Call with FM & team"


def test_json_lines_in_a_json_file_are_read_as_json_lines() -> None:
    data = b'{"title": "A", "text": "a"}\n{"title": "B", "text": "b"}\n'
    assert [r.title for r in parse_bulk(data, "bulk.json")] == ["A", "B"]


def test_tsv_and_comma_csv() -> None:
    tsv = b"title\tbody\tdate\nA, B and C\tText, with commas\t2023-04-01\n"
    (release,) = parse_bulk(tsv, "bulk.tsv")
    assert (release.title, release.date) == ("A, B and C", "2023-04-01")
    csv_data = b'Title,Body\n"Multi-line","Para one.\n\nPara two."\n'
    (release,) = parse_bulk(csv_data, "bulk.csv")
    assert release.body_markdown == "Para one.\n\nPara two.\n"


def test_non_object_records_are_reported() -> None:
    data = json.dumps([{"title": "A", "text": "a"}, "just a string", 42]).encode()
    releases, problems = parse_tabular(data, "bulk.json")
    assert len(releases) == 1
    assert problems == [
        "record 2: not an object with named fields",
        "record 3: not an object with named fields",
    ]


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (b"", "bulk.json", "empty"),
        (b"[]", "bulk.json", "no records"),
        (b'{"title": "A", "text": "a"', "bulk.json", "not valid JSON"),
        (b'"a string"', "bulk.json", "single JSON value"),
        (b'[{"title": "A"}, {"text": "b"}]', "bulk.json", r"record 1: no body, and 1 more"),
        (b"colour,size\nred,10\n", "bulk.csv", "no title or body column"),
        (b"title,body\n", "bulk.csv", "no records below its header"),
        (b"not json\nat all\n", "bulk.jsonl", "record 1: not valid JSON"),
        (b"\x00\x01binary\x00", "bulk.csv", "binary"),
    ],
)
def test_files_without_any_usable_record_are_unreadable(
    data: bytes, filename: str, reason: str
) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        parse_tabular(data, filename)


def test_markdown_body_with_an_ordered_list_keeps_its_numbers_once() -> None:
    records = [{"title": "T", "markdown": "Agreed:\n\n1. one\n2. two"}]
    (release,) = parse_bulk(json.dumps(records).encode(), "bulk.json")
    assert release.body_markdown == "Agreed:\n\n1. one\n2. two\n"


def test_issuer_publisher_and_author_are_told_apart() -> None:
    record = {
        "title": "T",
        "text": "x",
        "publisher": "Auswärtiges Amt",
        "author": "Annalena Baerbock",
        "language": "de-DE",
    }
    (release,) = parse_bulk(json.dumps([record]).encode(), "bulk.json")
    assert (release.issuer, release.speaker, release.language) == (
        "Auswärtiges Amt",
        "Annalena Baerbock",
        "de",
    )
    # The old single field is filled as before, for the scripts that read it.
    assert release.source == "Auswärtiges Amt"
    assert release.found_in_text == frozenset()


def test_an_author_alone_is_a_speaker_not_an_issuer() -> None:
    record = {"title": "T", "text": "x", "author": "Office of the Spokesperson"}
    (release,) = parse_bulk(json.dumps([record]).encode(), "bulk.json")
    assert (release.issuer, release.speaker) == (None, "Office of the Spokesperson")


def test_swiss_news_gives_the_issuing_office_as_issuer() -> None:
    path = REPO_ROOT.parent / "shared" / "corpus" / "swiss-news" / "releases.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    releases, problems = parse_tabular(path.read_bytes(), path.name)
    assert problems == []
    assert [r.issuer for r in releases] == [record["source"] for record in records]
    assert [r.language for r in releases] == [record["language"] for record in records]
    offices = {r.issuer for r in releases if r.language == "fr"}
    assert "Département fédéral des affaires étrangères" in offices


def test_an_issuer_of_ten_thousand_characters_is_left_empty_and_the_record_kept() -> None:
    huge = "Ministry of Foreign Affairs " * 360
    records = [
        {"title": "T", "text": "x", "issuer": huge, "speaker": huge},
        {"title": "U", "text": "y", "issuer": "Ministry of Foreign Affairs"},
    ]
    (first, second), problems = parse_tabular(json.dumps(records).encode(), "bulk.json")
    assert problems == []
    assert (first.issuer, first.speaker) == (None, None)
    assert json.loads(first.raw)["issuer"] == huge
    assert second.issuer == "Ministry of Foreign Affairs"
