"""Fuzzing every importer: random bytes, and real documents broken at random.

Whatever the bytes, a parser in ``sniff.PARSERS`` returns releases or raises UnreadableFile,
never another exception; REFI-QDA files likewise, leaving the store as it was when refused.
``scripts/fuzz_importers.py`` runs these same properties with thousands of examples.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.imports.refi_qda import import_refi
from store.ingest.sniff import PARSERS
from store.parsed import ParsedRelease, UnreadableFile

# The file name each parser is handed (parsers look at the extension, as the pipeline does).
FILENAMES = {
    "page-text": "release.txt",
    "html": "release.html",
    "feed": "feed.rss",
    "markdown": "release.md",
    "json": "releases.json",
    "jsonl": "releases.jsonl",
    "csv": "releases.csv",
}
PROSE = "The Minister met the Secretary General of NATO in Rome; they discussed Ukraine. "
SEEDS = {
    "page-text": (
        "Ministry of Foreign Affairs | News\nHome\nNews\nMinister meets NATO Secretary General\n"
        f"25 November 2022\n{PROSE * 3}\n{PROSE * 2}\nShare\nContacts\n"
    ),
    "html": (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Minister meets '
        f"NATO</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Minister meets"
        f" NATO</h1><p>{PROSE * 3}</p><p>{PROSE}<a href='https://x.org'>link</a></p>"
        "<table><tr><td>a</td></tr></table></article></body></html>"
    ),
    "feed": (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/'
        'modules/content/"><channel><title>Ministry</title><item><title>Minister meets NATO'
        "</title><link>https://x.org/1</link><guid>g-1</guid><pubDate>Fri, 25 Nov 2022 10:00:00"
        f" +0000</pubDate><content:encoded><![CDATA[<p>{PROSE}</p><ul><li>one</li></ul>]]>"
        f"</content:encoded></item><item><title>Second</title><description>{PROSE}"
        "</description></item></channel></rss>"
    ),
    "markdown": (
        f"---\ntitle: Minister meets NATO\ndate: 25 November 2022\nid: m-1\n---\n\n# Heading\n\n"
        f"{PROSE}\n\n> quoted\n\n1. first\n2. second\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n"
    ),
    "json": (
        '{"releases": [{"title": "Minister meets NATO", "date": "2022-11-25", "body": '
        f'"<p>{PROSE}</p>", "id": 1}}, {{"title": {{"rendered": "Second"}}, "content": '
        f'{{"rendered": "{PROSE}"}}, "link": "https://x.org/2"}}]}}'
    ),
    "jsonl": (
        f'{{"title": "One", "text": "{PROSE}"}}\n{{"headline": "Two", "markdown": "*{PROSE}*"}}\n'
    ),
    "csv": f'title;date;body\n"Minister meets NATO";25/11/2022;"{PROSE}"\nSecond;;"{PROSE}"\n',
}
# scripts/fuzz_importers.py sets the environment variable for its long run.
FUZZ = settings(
    max_examples=int(os.environ.get("COMMUNIQUE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@st.composite
def broken(draw: st.DrawFn, seed: str) -> bytes:
    """A real document with a few random edits: cut, bytes inserted, a slice removed or
    repeated, an encoding swapped."""
    data = seed.encode(draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"])), "replace")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "insert", "remove", "repeat"]))
        if edit == "cut":
            data = data[:at]
        elif edit == "insert":
            data = data[:at] + draw(st.binary(max_size=40)) + data[at:]
        elif edit == "remove":
            data = data[:at] + data[at + draw(st.integers(1, 80)) :]
        else:
            data = data[:at] + data[at : at + 200] * draw(st.integers(2, 50)) + data[at:]
    return data


def parse_or_refuse(kind: str, data: bytes) -> None:
    """The property: releases and messages, or UnreadableFile with a sentence; nothing else."""
    try:
        releases, problems = PARSERS[kind](data, FILENAMES[kind])
    except UnreadableFile as error:
        assert str(error).strip()
        return
    assert all(isinstance(r, ParsedRelease) and r.title is not None for r in releases)
    assert all(isinstance(p, str) and p for p in problems)


kinds = st.sampled_from(sorted(PARSERS))


@FUZZ
@given(kind=kinds, data=st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused(kind: str, data: bytes) -> None:
    parse_or_refuse(kind, data)


@FUZZ
@given(data=st.data())
def test_broken_documents_are_read_or_refused(data: st.DataObject) -> None:
    kind = data.draw(kinds)
    parse_or_refuse(kind, data.draw(broken(SEEDS[kind])))


@FUZZ
@given(kind=kinds, text=st.text(max_size=500))
def test_any_text_is_read_or_refused(kind: str, text: str) -> None:
    parse_or_refuse(kind, text.encode("utf-8", "surrogatepass"))


QDE = (
    '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
    'name="p"><CodeBook><Codes><Code guid="{c1}" name="Ukraine" isCodable="true" '
    'color="#ff0000"><Code guid="{c2}" name="Sub"/></Code></Codes></CodeBook><Sources>'
    '<TextSource guid="{s1}" name="Release" plainTextPath="internal://s1.txt">'
    '<PlainTextSelection guid="{p1}" startPosition="4" endPosition="12" name="Minister">'
    '<Coding guid="{k1}"><CodeRef targetGUID="{c1}"/></Coding></PlainTextSelection>'
    "</TextSource></Sources></Project>"
)


def import_refi_or_refuse(name: str, data: bytes, members: dict[str, bytes] | None) -> None:
    """A REFI-QDA import: done, or refused with the store exactly as it was."""
    with tempfile.TemporaryDirectory() as folder, Store(":memory:") as store:
        path = Path(folder) / name
        if members is None:
            path.write_bytes(data)
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for member, content in members.items():
                    archive.writestr(member, content)
            path.write_bytes(buffer.getvalue())
        try:
            import_refi(store, path)
        except UnreadableFile as error:
            assert str(error).strip()
            assert store.db["releases"].count == store.db["tags"].count == 0


@FUZZ
@given(data=st.data())
def test_broken_refi_qda_files_are_imported_or_refused(data: st.DataObject) -> None:
    project = data.draw(broken(QDE))
    if data.draw(st.booleans()):
        import_refi_or_refuse("codebook.qdc", project, None)
    else:
        source = data.draw(st.one_of(st.binary(max_size=200), broken(PROSE)))
        import_refi_or_refuse(
            "project.qdpx", b"", {"project.qde": project, "sources/s1.txt": source}
        )


def test_a_feed_with_a_broken_xml_declaration_is_read() -> None:
    """Found by the long fuzzing run: lxml's recovery kept "content:encoded" as a plain
    name, and etree.QName refused it with ValueError."""
    broken_declaration = SEEDS["feed"].replace('<?xml version="1.0"?>', "<?xml ")
    releases, _ = PARSERS["feed"](broken_declaration.encode(), FILENAMES["feed"])
    assert [r.title for r in releases] == ["Minister meets NATO", "Second"]


def test_a_feed_item_starting_with_a_control_character_is_read() -> None:
    """Found by the long fuzzing run: lxml refuses loose text holding a control character
    with ValueError, and the feed's junk filter did not expect it."""
    control = SEEDS["feed"].replace("<description>", "<description>\x01")
    releases, _ = PARSERS["feed"](control.encode(), FILENAMES["feed"])
    assert releases[1].title == "Second"
    assert "The Minister met" in releases[1].body_markdown
