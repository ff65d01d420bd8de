"""Write a corpus of broken and hostile input files, for import tests and by-hand trials.

    python scripts/make_bad_files.py OUT_DIR [--big-mb 100] [--bomb-mb 10240] [--import]

With ``--import`` each file is then imported on its own into a fresh store (OUT_DIR.db), as
``communique import`` would, and one line per file gives the time, the outcome and the
message; the last line sums up, and the exit status is 1 if a file expected to be refused
was not, or any file needed the pipeline's catch-all for parser bugs.

Nothing big is committed: the 100 MB file and the zip bombs are made here, at run time.
Next to the files, ``manifest.json`` says for each what it is and what an import must do:
``"refused"`` (one clear message naming the file, nothing stored) or ``"either"`` (damaged but
perhaps still readable, such as a page in a wrong encoding: importing it or refusing it are
both right; crashing or hanging is not).

The kinds: binary data under every text extension; truncated and malformed XML, JSON, HTML
and CSV; wrong and mixed encodings (Latin-1 declared as UTF-8, UTF-16 without BOM, UTF-8
and Latin-1 in one file); empty and blank files; one very large file; deeply nested markup
(100,000 ``<div>``, JSON arrays, Markdown quotes, XML elements); billion-laughs entities in
feeds, XML and a .qdpx's project.qde; zip bombs in .qdpx (a member declared at 10 GB that
compresses to a few MB, and one whose header lies about its size); .qdpx members named
``../`` or with absolute paths; archives that are not archives.
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

Expectation = str  # "refused" or "either"
TEXT_EXTENSIONS = [".txt", ".html", ".rss", ".atom", ".xml", ".json", ".jsonl", ".csv", ".tsv"]
TEXT_EXTENSIONS += [".md"]
NESTING = 100_000

PROSE = (
    "The Minister of Foreign Affairs met the Secretary General of NATO in Rome today. "
    "They discussed support for Ukraine, the security of the eastern flank and the "
    "preparation of the summit. The Minister reaffirmed Italy's commitment to the Alliance."
)
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Ministry press releases</title><link>https://example.org/</link>
<item><title>Minister meets NATO Secretary General</title>
<link>https://example.org/releases/1</link><guid>release-1</guid>
<pubDate>Fri, 25 Nov 2022 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{PROSE}</p><p>{PROSE}</p>]]></content:encoded></item>
<item><title>Statement on maritime security</title>
<link>https://example.org/releases/2</link><guid>release-2</guid>
<description>{PROSE}</description></item>
</channel></rss>
"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Statements</title><id>urn:x</id>
<entry><title>Joint statement</title><id>urn:1</id><updated>2023-02-24T00:00:00Z</updated>
<content type="html">&lt;p&gt;{PROSE}&lt;/p&gt;</content></entry>
</feed>
"""
PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Minister meets NATO Secretary General</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>
<h1>Minister meets NATO Secretary General</h1><p>{PROSE}</p><p>{PROSE}</p>
</article></main><footer>Contacts · Privacy</footer></body></html>
"""
RELEASES_JSON = json.dumps(
    [{"title": "Minister meets NATO", "date": "2022-11-25", "body": PROSE, "id": "j-1"}] * 3
)
CSV = (
    f'title,date,body\n"Minister meets NATO",2022-11-25,"{PROSE}"\n"Second",2022-11-26,"{PROSE}"\n'
)
MARKDOWN = f"---\ntitle: Minister meets NATO\ndate: 25 November 2022\n---\n\n{PROSE}\n"
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
QDE_NS = "urn:QDA-XML:project:1.0"


class Corpus:
    """Writes the files and remembers what each is and what its import must do."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.manifest: dict[str, dict[str, str]] = {}
        out.mkdir(parents=True, exist_ok=True)

    def add(self, name: str, data: bytes | str, what: str, expect: Expectation) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        (self.out / name).write_bytes(data)
        self.note(name, what, expect)

    def add_with(self, name: str, write: Callable[[Path], None], what: str, expect: str) -> None:
        write(self.out / name)
        self.note(name, what, expect)

    def note(self, name: str, what: str, expect: Expectation) -> None:
        self.manifest[name] = {"what": what, "expect": expect}

    def save_manifest(self) -> None:
        text = json.dumps(self.manifest, indent=2, ensure_ascii=False)
        (self.out / "manifest.json").write_text(text + "\n", encoding="utf-8")


def make_corpus(out: Path, big_mb: int = 100, bomb_mb: int = 10240, seed: int = 6) -> Corpus:
    """Write every bad file into ``out``; returns the corpus with its manifest (also saved)."""
    rng = random.Random(seed)
    corpus = Corpus(out)
    binary(corpus, rng)
    truncated_and_malformed(corpus)
    encodings(corpus)
    empty(corpus)
    big(corpus, big_mb)
    nested(corpus)
    laughs(corpus)
    archives(corpus, bomb_mb)
    corpus.save_manifest()
    return corpus


def binary(corpus: Corpus, rng: random.Random) -> None:
    noise = bytes(rng.randrange(256) for _ in range(64 * 1024))
    png = b"\x89PNG\r\n\x1a\n" + noise[:4096]
    for ext in TEXT_EXTENSIONS:
        corpus.add(f"binary{ext}", noise, f"64 KB of random bytes named {ext}", "refused")
    corpus.add("picture.txt", png, "a PNG image named .txt", "refused")
    high = bytes(rng.randrange(0x80, 0x100) for _ in range(8192))
    corpus.add("high-bytes.txt", high, "random bytes above 0x7f, no NUL", "either")
    controls = bytes(rng.randrange(1, 32) for _ in range(4096))
    corpus.add("controls.md", controls, "control characters only", "refused")


def truncated_and_malformed(corpus: Corpus) -> None:
    feed, atom = FEED.encode(), ATOM.encode()
    corpus.add(
        "truncated.rss",
        feed[: feed.index(b"<description>")],
        "feed cut mid-item: the item before the cut kept, the cut one left out and said so",
        "either",
    )
    corpus.add("truncated.atom", atom[: len(atom) // 2], "Atom feed cut in half", "refused")
    corpus.add("truncated-feed.xml", feed[:300], "feed cut in its first item", "refused")
    corpus.add(
        "mismatched.rss",
        FEED.replace("</title>", "</titel>", 2),
        "feed with mismatched tags",
        "either",
    )
    corpus.add("no-items.rss", FEED.split("<item>")[0] + "</channel></rss>", "no items", "refused")
    corpus.add(
        "not-a-feed.xml", "<?xml version='1.0'?><svg><g/></svg>", "XML, not a feed", "refused"
    )
    corpus.add("truncated.json", RELEASES_JSON[:50], "JSON cut mid-record", "refused")
    corpus.add("malformed.json", "[{'title': 'x', 'body': 'y',}]", "single quotes", "refused")
    corpus.add("a-number.json", "42", "a JSON value, not records", "refused")
    corpus.add("wrong-shape.json", '{"releases": "none"}', "records of the wrong type", "refused")
    corpus.add("no-titles.json", '[{"x": 1}, {"y": 2}]', "records without fields", "refused")
    corpus.add("truncated.jsonl", RELEASES_JSON[:40] + "\n" + '{"ti', "JSON Lines cut", "refused")
    corpus.add("truncated.csv", CSV[:20], "CSV cut in its header", "refused")
    corpus.add(
        "unclosed-quote.csv", CSV + '"Third,2022-11-27,"no end', "CSV with an open quote", "either"
    )
    corpus.add("no-known-columns.csv", "a,b,c\n1,2,3\n", "CSV without title or body", "refused")
    corpus.add("only-header.csv", "title,date,body\n", "CSV with a header only", "refused")
    corpus.add("truncated.html", PAGE[:120], "page cut in its head", "refused")
    corpus.add(
        "menus-only.html",
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
        "no text",
        "refused",
    )
    corpus.add(
        "unclosed-tags.html",
        PAGE.replace("</p>", "").replace("</article>", ""),
        "page with unclosed tags",
        "either",
    )
    corpus.add("truncated.md", "---\ntitle: x\n", "front matter never closed, no text", "either")


def encodings(corpus: Corpus) -> None:
    latin = "Déclaration sur la sécurité européenne. " * 20
    page = PAGE.replace(PROSE, latin)
    corpus.add(
        "latin1-declared-utf8.html",
        page.encode("latin-1"),
        "Latin-1 page declaring UTF-8",
        "either",
    )
    corpus.add("utf16-no-bom.txt", (PROSE * 3).encode("utf-16-le"), "UTF-16 without BOM", "refused")
    corpus.add(
        "utf16-no-bom.json", RELEASES_JSON.encode("utf-16-be"), "UTF-16 JSON, no BOM", "refused"
    )
    corpus.add("utf16-no-bom.csv", CSV.encode("utf-16-le"), "UTF-16 CSV, no BOM", "refused")
    mixed = (PROSE + " Ελλάδα ").encode() + latin.encode("latin-1") + "Україна.".encode()
    corpus.add("mixed-encodings.txt", mixed, "UTF-8 and Latin-1 in one file", "either")
    corpus.add(
        "bom-then-latin1.md",
        b"\xef\xbb\xbf" + MARKDOWN.replace(PROSE, latin).encode("latin-1"),
        "UTF-8 BOM followed by Latin-1",
        "either",
    )
    corpus.add(
        "utf32-bom-odd.txt", b"\xff\xfe\x00\x00" + b"abc", "UTF-32 BOM, cut bytes", "refused"
    )


def empty(corpus: Corpus) -> None:
    for ext in [*TEXT_EXTENSIONS, ".qdpx", ".qdc"]:
        corpus.add(f"empty{ext}", b"", f"an empty {ext} file", "refused")
    corpus.add("blank.txt", "  \n\t\n   \n", "white space only", "refused")
    corpus.add("bom-only.md", b"\xef\xbb\xbf", "a UTF-8 BOM and nothing else", "refused")


def big(corpus: Corpus, big_mb: int) -> None:
    """One file of ``big_mb`` MB: a page of one paragraph repeated, written in chunks."""
    name = f"big-{big_mb}mb.html"
    paragraph = f"<p>{PROSE}</p>\n".encode()
    with (corpus.out / name).open("wb") as handle:
        handle.write(b"<html><head><title>Big</title></head><body>\n")
        for _ in range(big_mb * 2**20 // len(paragraph)):
            handle.write(paragraph)
        handle.write(b"</body></html>\n")
    corpus.note(name, f"a {big_mb} MB page", "refused")


def nested(corpus: Corpus) -> None:
    divs = "<div>" * NESTING + PROSE + "</div>" * NESTING
    corpus.add(
        "nested-divs.html", f"<html><body>{divs}</body></html>", "100,000 nested <div>", "either"
    )
    corpus.add(
        "nested-divs.rss",
        FEED.replace(f"<p>{PROSE}</p>", divs, 1),
        "feed item with 100,000 nested <div>",
        "either",
    )
    corpus.add("nested-divs.txt", divs, "100,000 nested <div> saved as .txt", "either")
    corpus.add(
        "nested.json", "[" * NESTING + "]" * NESTING, "arrays nested 100,000 deep", "refused"
    )
    corpus.add(
        "nested-object.json",
        '{"releases": ' + '{"a":' * NESTING + "1" + "}" * NESTING + "}",
        "objects nested 100,000 deep",
        "refused",
    )
    corpus.add(
        "nested-lines.jsonl", "[" * NESTING + "]" * NESTING + "\n", "deep JSON line", "refused"
    )
    corpus.add(
        "nested-quotes.md", "> " * NESTING + PROSE + "\n", "Markdown quotes 100,000 deep", "refused"
    )
    corpus.add(
        "nested-lists.md",
        "".join("  " * n + "- x\n" for n in range(2000)),
        "lists 2,000 deep",
        "refused",
    )
    corpus.add(
        "nested-xml.rss",
        "<rss>" + "<x>" * NESTING + "</x>" * NESTING + "</rss>",
        "deep XML",
        "refused",
    )


def laughs(corpus: Corpus) -> None:
    item = "<item><title>&lol9;</title><description>&lol9;</description></item>"
    corpus.add(
        "billion-laughs.rss",
        LAUGHS + f"<rss><channel>{item}</channel></rss>",
        "entity bomb; feedparser drops the declarations, so &lol9; stays as written",
        "either",
    )
    corpus.add(
        "billion-laughs.xml",
        LAUGHS + f"<rss><channel>{item}</channel></rss>",
        "entity bomb",
        "refused",
    )
    corpus.add(
        "billion-laughs.atom",
        LAUGHS
        + '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol9;</title></entry></feed>',
        "entity bomb in Atom; the declarations are dropped, nothing expands",
        "either",
    )
    corpus.add(
        "billion-laughs.html",
        LAUGHS + "<html><body><p>&lol9;</p></body></html>",
        "entity bomb",
        "either",
    )
    codebook = (
        LAUGHS
        + f'<CodeBook xmlns="{QDE_NS}"><Codes><Code guid="a" name="&lol9;"/></Codes></CodeBook>'
    )
    corpus.add("billion-laughs.qdc", codebook, "entity bomb in a codebook", "refused")
    project = LAUGHS + f'<Project xmlns="{QDE_NS}" name="&lol9;"><Sources/></Project>'
    corpus.add_with(
        "billion-laughs.qdpx",
        lambda path: _zip(path, {"project.qde": project.encode()}),
        "entity bomb in project.qde",
        "refused",
    )


def archives(corpus: Corpus, bomb_mb: int) -> None:
    project = f'<?xml version="1.0"?><Project xmlns="{QDE_NS}" name="p"><Sources/></Project>'
    corpus.add_with(
        f"zip-bomb-{bomb_mb}mb.qdpx",
        lambda path: _zip_bomb(path, project.encode(), bomb_mb * 2**20),
        f"a member of {bomb_mb:,} MB of zeros, compressed",
        "refused",
    )
    corpus.add_with(
        "zip-bomb-lying-header.qdpx",
        lambda path: _lying_zip(path, project.encode(), min(bomb_mb, 600) * 2**20),
        f"a member whose header says 1 KB and that unpacks to {min(bomb_mb, 600)} MB",
        "refused",
    )
    corpus.add_with(
        "dot-dot.qdpx",
        lambda path: _zip(path, {"project.qde": project.encode(), "../../evil.txt": b"x"}),
        "a member named ../../evil.txt",
        "refused",
    )
    corpus.add_with(
        "absolute-path.qdpx",
        lambda path: _zip(path, {"project.qde": project.encode(), "/etc/evil": b"x"}),
        "a member with an absolute path",
        "refused",
    )
    corpus.add_with(
        "no-project.qdpx",
        lambda path: _zip(path, {"sources/a.txt": b"hello"}),
        "an archive without project.qde",
        "refused",
    )
    corpus.add_with(
        "nested-project.qdpx",
        lambda path: _zip(
            path,
            {
                "project.qde": (
                    "<Project>" + "<x>" * NESTING + "</x>" * NESTING + "</Project>"
                ).encode()
            },
        ),
        "project.qde nested 100,000 deep",
        "refused",
    )
    corpus.add("not-a-zip.qdpx", PAGE, "an HTML page named .qdpx", "refused")
    corpus.add(
        "truncated.qdpx",
        _zip_bytes({"project.qde": project.encode()})[:60],
        "archive cut",
        "refused",
    )
    corpus.add("not-a-codebook.qdc", FEED, "a feed named .qdc", "refused")


def _zip(path: Path, members: dict[str, bytes]) -> None:
    path.write_bytes(_zip_bytes(members))


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _zip_bomb(path: Path, project: bytes, size: int) -> None:
    """project.qde, then a source of ``size`` zero bytes streamed through deflate."""
    # Level 1: a 10 GB member is written in seconds and still compresses a thousandfold.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("project.qde", project)
        with archive.open("sources/bomb.txt", "w", force_zip64=True) as member:
            chunk = bytes(16 * 2**20)
            for _ in range(size // len(chunk)):
                member.write(chunk)


def _lying_zip(path: Path, project: bytes, size: int) -> None:
    """project.qde whose local and central headers both claim 1 KB; it inflates to ``size``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts, crc = [compressor.compress(project)], zlib.crc32(project)
    chunk = b" " * 2**20
    for _ in range((size - len(project)) // len(chunk)):
        parts.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    compressed = b"".join(parts) + compressor.flush()
    name = b"project.qde"
    claimed = 1024
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(compressed), claimed, len(name), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(compressed), claimed,
        len(name), 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    body = local + name + compressed
    directory = central + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    path.write_bytes(body + directory + end)


def import_each(corpus: Corpus, db_path: Path) -> bool:
    """Import every file alone into a fresh store; print what happened; True if all is well."""
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from store.db import Store
    from store.imports.pipeline import import_paths

    db_path.unlink(missing_ok=True)
    wrong, slowest = [], (0.0, "")
    with Store(db_path) as store:
        for name, info in corpus.manifest.items():
            started = time.monotonic()
            summary = import_paths(store, [corpus.out / name])
            seconds = time.monotonic() - started
            slowest = max(slowest, (seconds, name))
            read = summary.imported + summary.updated + summary.unchanged
            reasons = "; ".join(s.reason for s in summary.skipped)
            outcome = f"read {read}" + (f", {reasons}" if reasons else "") if read else reasons
            print(f"{seconds:7.2f} s  {name:32} {outcome[:110]}", flush=True)
            if (info["expect"] == "refused" and read) or "could not be" in reasons:
                wrong.append(name)
        verdict = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    print(
        f"\n{len(corpus.manifest)} files; slowest {slowest[1]} in {slowest[0]:.2f} s; "
        f"integrity_check {verdict}; {len(wrong)} not as expected {wrong}"
    )
    return not wrong and verdict == "ok"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--big-mb", type=int, default=100, help="size of the large file")
    parser.add_argument("--bomb-mb", type=int, default=10240, help="unpacked size of the zip bomb")
    parser.add_argument("--import", dest="import_", action="store_true", help="then import each")
    args = parser.parse_args()
    corpus = make_corpus(args.out_dir, args.big_mb, args.bomb_mb)
    print(f"{len(corpus.manifest)} files in {args.out_dir} (see manifest.json)")
    if args.import_ and not import_each(corpus, args.out_dir.with_suffix(".db")):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
