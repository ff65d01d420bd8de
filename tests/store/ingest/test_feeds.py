"""RSS and Atom feeds: one release per item, with clean bodies and the item's own metadata."""

from __future__ import annotations

import contextlib
import json
import re
from functools import cache
from pathlib import Path

import pytest

from store.canonical import canonical_text
from store.ingest.dates import parse_date
from store.ingest.feeds import parse_feed, read_feed
from store.parsed import ParsedRelease, UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
FEEDS = REPO_ROOT.parent / "shared" / "corpus" / "state-dept-feeds"
FIRST_FEED = FEEDS / "press-releases-2021-05-23-000.rss"


@cache
def corpus() -> dict[str, list[ParsedRelease]]:
    """Every corpus feed parsed once, by file name."""
    return {path.name: parse_feed(path.read_bytes(), path.name) for path in FEEDS.glob("*.rss")}


@cache
def manifest() -> dict[str, dict]:
    return json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))


def test_all_65_feeds_parse_into_405_unique_releases() -> None:
    releases = corpus()
    assert len(releases) == 65
    assert all(len(items) == 10 for items in releases.values())
    guids = {release.identity for items in releases.values() for release in items}
    assert len(guids) == 405
    assert guids == set(manifest())


def test_latest_version_of_each_release_has_the_manifest_metadata() -> None:
    for guid, expected in manifest().items():
        items = corpus()[expected["last_seen_in"]]
        (release,) = [item for item in items if item.identity == guid]
        # Exactly as the feed has it, stray no-break spaces included.
        assert release.title == expected["title"], guid
        assert release.date == parse_date(expected["pubDate"]), guid
        assert release.source == expected["creator"], guid
        assert release.url == expected["link"], guid


def test_every_release_names_the_channel_as_issuer_and_its_creator_as_speaker() -> None:
    """One issuer for all 405 releases, whoever of the department speaks in each."""
    for guid, expected in manifest().items():
        (release,) = [r for r in corpus()[expected["last_seen_in"]] if r.identity == guid]
        assert release.issuer == "Press Releases – United States Department of State", guid
        assert release.speaker == " ".join(expected["creator"].split()), guid
        assert "speaker" not in release.found_in_text
    speakers = {r.speaker for items in corpus().values() for r in items}
    assert {"Office of the Spokesperson", "Ned Price, Department Spokesperson"} <= speakers


def test_a_pub_date_is_the_publishers_own_calendar_day() -> None:
    item = """<item><title>Late statement</title><description>Text.</description>
    <pubDate>Mon, 12 Jul 2021 23:30:00 -0400</pubDate></item>"""
    (release,) = parse_feed(_rss(item), "f.rss")
    # 03:30 on the 13th in UTC; the department published it on the 12th.
    assert release.date == "2021-07-12"


def test_revised_release_keeps_its_newer_title() -> None:
    revised = [(guid, entry) for guid, entry in manifest().items() if len(entry["versions"]) > 1]
    assert revised, "the corpus has revised releases"
    for guid, entry in revised:
        (release,) = [r for r in corpus()[entry["last_seen_in"]] if r.identity == guid]
        assert release.title == " ".join(entry["title"].split())


def test_bodies_are_clean_markdown_of_the_full_content() -> None:
    for items in corpus().values():
        for release in items:
            body = release.body_markdown
            assert body.strip(), release.identity
            assert "<script" not in body.lower()
            assert not re.search(r"</?(p|div|span|a|strong|input)\b", body), release.identity
            assert "appeared first on" not in body
            assert "&nbsp;" not in body
            # Empty paragraphs (<p>&nbsp;</p> in the feed) leave no blank blocks behind.
            assert all(block.strip() for block in body.split("\n\n")), release.identity


def test_first_item_fields() -> None:
    release = corpus()[FIRST_FEED.name][0]
    assert release.title == "Yemen National Day"
    assert release.date == "2021-05-22"
    assert release.source == "Antony J. Blinken, Secretary of State"
    assert release.url == "https://www.state.gov/yemen-national-day/"
    assert release.identity == "https://www.state.gov/?page_id=245633"
    assert release.language == "en"
    assert release.raw_format == "rss"
    assert release.body_markdown.startswith("Antony J. Blinken, Secretary of State\n\nOn behalf of")
    assert release.body_markdown.endswith("May you enjoy a celebratory National Unity Day.\n")
    assert release.raw.startswith("<item")
    assert "<![CDATA[" in release.raw
    assert "245633" in release.raw and "245642" not in release.raw


def test_links_survive_as_markdown_links() -> None:
    bodies = [r.body_markdown for items in corpus().values() for r in items]
    assert any("[joint statement](https://minusma.unmissions.org/" in body for body in bodies)


def _rss(items: str, channel_extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Ministry &amp; Co</title>{channel_extra}{items}</channel></rss>"
    ).encode()


def test_wordpress_junk_and_scripts_are_removed() -> None:
    item = """<item><title>Statement</title><link>https://example.org/s</link>
    <description><![CDATA[<p>Summary only.</p><script>alert("desc")</script>]]></description>
    <content:encoded><![CDATA[
      <p>The Minister welcomed the agreement.</p>
      <script type="text/javascript">window.tracker = "x";</script>
      <p onclick="steal()">Both sides will meet again.</p>
      <p>&nbsp;</p>
      <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3>
        <a href="https://twitter.com/intent/tweet?url=x">Twitter</a></div>
      <p><a class="more-link" href="https://example.org/s">Continue reading</a></p>
      <p>The post <a href="https://example.org/s">Statement</a> appeared first on
         <a href="https://example.org">Ministry</a>.</p>
      <img src="https://feeds.example.org/pixel.gif" width="1" height="1">
    ]]></content:encoded></item>"""
    (release,) = parse_feed(_rss(item), "f.rss")
    assert release.body_markdown == (
        "The Minister welcomed the agreement.\n\nBoth sides will meet again.\n"
    )
    # No own date, no creator: no invented date, and the channel is the source.
    assert release.date is None
    assert release.source == "Ministry & Co"
    assert (release.issuer, release.speaker) == ("Ministry & Co", None)
    assert release.identity is None


def test_html_in_titles_is_stripped_and_entities_decoded() -> None:
    item = "<item><title>Call with &lt;b&gt;FM&lt;/b&gt; Çavuşoğlu &amp;amp; team</title>"
    item += "<description>Text.</description><guid>g-1</guid></item>"
    (release,) = parse_feed(_rss(item), "f.rss")
    assert release.title == "Call with FM Çavuşoğlu & team"
    assert release.identity == "g-1"


def test_channel_language_is_reduced_to_its_primary_subtag() -> None:
    item = "<item><title>T</title><description>Body.</description></item>"
    (release,) = parse_feed(_rss(item, "<language>fr-FR</language>"), "f.rss")
    assert release.language == "fr"


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Auswärtiges Amt</title>
  <id>urn:uuid:feed</id>
  <updated>2023-03-04T09:00:00Z</updated>
  <entry>
    <title type="html">Außenministerin reist nach &lt;em&gt;Brasilien&lt;/em&gt;</title>
    <link rel="alternate" href="https://example.de/reise"/>
    <id>urn:uuid:entry-1</id>
    <published>2023-03-03T18:30:00+01:00</published>
    <updated>2023-03-04T08:00:00+01:00</updated>
    <author><name>Pressereferat</name></author>
    <summary>Kurzfassung.</summary>
    <content type="html">&lt;p&gt;Die Ministerin reist heute ab.&lt;/p&gt;&lt;p&gt;Sie trifft
      den Amtskollegen.&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;</content>
  </entry>
  <entry>
    <title>Zweite Meldung</title>
    <id>urn:uuid:entry-2</id>
    <updated>2023-03-02T10:00:00Z</updated>
    <content type="text">Erster Absatz.

Zweiter Absatz mit *Sternchen*.</content>
  </entry>
</feed>
"""


def test_atom_feed() -> None:
    first, second = parse_feed(ATOM.encode(), "amt.atom")
    assert first.title == "Außenministerin reist nach Brasilien"
    paragraphs = [" ".join(p.split()) for p in first.body_markdown.split("\n\n")]
    assert paragraphs == ["Die Ministerin reist heute ab.", "Sie trifft den Amtskollegen."]
    assert first.date == "2023-03-03"
    assert first.source == "Pressereferat"
    assert first.url == "https://example.de/reise"
    assert first.identity == "urn:uuid:entry-1"
    assert first.language == "de"
    assert first.raw_format == "atom"
    assert first.raw.startswith("<entry") and "entry-1" in first.raw
    # An entry with only <updated> is dated by it; plain text content stays literal.
    assert second.date == "2023-03-02"
    assert second.source == "Auswärtiges Amt"
    assert second.body_markdown == "Erster Absatz.\n\nZweiter Absatz mit \\*Sternchen\\*.\n"


def test_rdf_feed() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>Ministry</title>
    <link>https://example.org/</link><description>d</description>
    <dc:language>es-ES</dc:language></channel>
  <item rdf:about="https://example.org/1"><title>Comunicado</title>
    <link>https://example.org/1</link><description>Texto del comunicado.</description>
    <dc:date>2023-03-05</dc:date><dc:creator>Oficina de Prensa</dc:creator></item>
</rdf:RDF>"""
    (release,) = parse_feed(rdf, "f.rdf")
    assert (release.title, release.date, release.source) == (
        "Comunicado",
        "2023-03-05",
        "Oficina de Prensa",
    )
    assert release.body_markdown == "Texto del comunicado.\n"
    assert release.language == "es"
    assert release.raw.startswith("<item")


@pytest.mark.parametrize(
    ("fraction", "reason"),
    [
        (0.004, "not a valid RSS or Atom feed: unclosed token at line 1, column 38"),
        (0.02, r"cut off within its first item \(no element found at line 37"),
    ],
)
def test_a_feed_cut_before_its_first_item_ends_is_unreadable(fraction: float, reason: str) -> None:
    data = FIRST_FEED.read_bytes()
    with pytest.raises(UnreadableFile, match=reason):
        parse_feed(data[: int(len(data) * fraction)], FIRST_FEED.name)


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.99])
def test_a_cut_off_feed_keeps_the_items_before_the_cut_and_says_so(fraction: float) -> None:
    data = FIRST_FEED.read_bytes()
    cut = data[: int(len(data) * fraction)]
    whole = corpus()[FIRST_FEED.name]
    closed = cut.count(b"</item>")
    releases, problems = read_feed(cut, FIRST_FEED.name)
    # The items closed before the cut, exactly as the whole feed gives them; the item the
    # cut falls in would be silently incomplete, so it is left out, in one sentence.
    assert releases == whole[:closed]
    assert problems == [problems[0]] and "cut off before its end" in problems[0]
    assert f"the {closed} item" in problems[0] and "left out" in problems[0]
    assert parse_feed(cut, FIRST_FEED.name) == releases


def test_trailing_cache_comment_is_not_truncation() -> None:
    data = FIRST_FEED.read_bytes() + b"\n<!-- Dynamic page generated in 0.2 seconds. -->\n"
    data = data.replace(b"&#8211;", b"&ndash;")  # an HTML entity XML does not define: bozo
    assert len(parse_feed(data, FIRST_FEED.name)) == 10


def test_file_content_is_never_taken_for_a_path_to_open() -> None:
    with pytest.raises(UnreadableFile):
        parse_feed(str(FIRST_FEED).encode(), "innocent.xml")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body><p>Not a feed</p></body></html>",
        b'<?xml version="1.0"?><catalog><book id="1"><title>X</title></book></catalog>',
        _rss(""),
        b"\x89PNG\r\n\x1a\n\x00\x00",
    ],
    ids=["empty", "html", "other-xml", "no-items", "binary"],
)
def test_not_a_feed_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        parse_feed(data, "x.xml")


def test_publisher_and_editor_name_the_issuer_when_the_channel_has_no_title() -> None:
    def channel(extra: str, item_extra: str = "") -> ParsedRelease:
        feed = (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"{extra}<item><title>T</title><description>Text.</description>{item_extra}"
            "<dc:creator>webadmin</dc:creator></item></channel></rss>"
        )
        (release,) = parse_feed(feed.encode(), "f.rss")
        return release

    publisher = channel("<dc:publisher>Auswärtiges Amt</dc:publisher>")
    assert publisher.issuer == "Auswärtiges Amt"
    # A CMS account is who typed the item in, not who speaks.
    assert publisher.speaker is None
    editor = channel("<managingEditor>presse@example.de (Pressereferat)</managingEditor>")
    assert editor.issuer == "Pressereferat"
    # An item's own publisher wins over the channel's name.
    item = channel("<title>Newsroom</title>", "<dc:publisher>Bundesregierung</dc:publisher>")
    assert item.issuer == "Bundesregierung"
    assert channel("<managingEditor>presse@example.de</managingEditor>").issuer is None


def test_atom_issuer_is_the_feed_title_and_speaker_the_entry_author() -> None:
    first, second = parse_feed(ATOM.encode(), "amt.atom")
    assert (first.issuer, first.speaker) == ("Auswärtiges Amt", "Pressereferat")
    assert (second.issuer, second.speaker) == ("Auswärtiges Amt", None)


def test_an_issuer_of_ten_thousand_characters_is_left_empty() -> None:
    item = "<item><title>T</title><description>Text.</description></item>"
    huge = "<dc:publisher>" + "Ministry " * 1200 + "</dc:publisher>"
    feed = _rss(item).replace(b"<title>Ministry &amp; Co</title>", huge.encode())
    (release,) = parse_feed(feed, "f.rss")
    assert release.issuer is None
    assert release.title == "T"


# A ministry's hand-made feed, as a new user would try one: HTML entities XML does not
# define (so the file is not well-formed XML), a photo's media:title before the item's own.
MINISTRY = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Minist&egrave;re de l&rsquo;Europe et des Affaires &eacute;trang&egrave;res</title>
<link>https://www.diplomatie.example/fr/</link><language>fr</language>
<item>
  <title>D&eacute;claration conjointe&nbsp;sur l&rsquo;Ukraine</title>
  <link>https://www.diplomatie.example/fr/ukraine</link>
  <description>&lt;p&gt;Les ministres ont r&eacute;affirm&eacute; leur
    soutien&hellip;&lt;/p&gt;</description>
</item>
<item>
  <media:title>Photo : le ministre &agrave; Kyiv</media:title>
  <media:content url="https://www.diplomatie.example/photo.jpg">
    <media:description>Le ministre accueilli par son homologue, une longue l&eacute;gende
    de photographie qui est plus longue que le texte du communiqu&eacute;
    lui-m&ecirc;me.</media:description>
  </media:content>
  <title>Entretien du ministre avec son homologue ukrainien</title>
  <link>/fr/entretien</link>
  <description>Le ministre s&rsquo;est entretenu avec son homologue.</description>
</item>
<item><title>Q&A : la France &amp; l&rsquo;OTAN, &unknownentity; inclus</title>
  <description>Texte.</description></item>
</channel></rss>"""


def test_a_hand_made_ministry_feed_gets_the_titles_every_feed_reader_shows() -> None:
    first, second, third = parse_feed(MINISTRY, "ministere.rss")
    # Entities decoded (&nbsp; is the no-break space it names, as literal ones are kept).
    assert first.title == "Déclaration conjointe\u00a0sur l’Ukraine"
    assert " ".join(first.title.split()) == "Déclaration conjointe sur l’Ukraine"
    assert canonical_text(first.body_markdown) == "Les ministres ont réaffirmé leur soutien…"
    assert first.issuer == "Ministère de l’Europe et des Affaires étrangères"
    # The item's own title and description, not the photo's.
    assert second.title == "Entretien du ministre avec son homologue ukrainien"
    assert second.body_markdown == "Le ministre s’est entretenu avec son homologue.\n"
    # A relative link resolves against the feed's site.
    assert second.url == "https://www.diplomatie.example/fr/entretien"
    # A bare "&" and a name no HTML defines stay as written.
    assert third.title == "Q&A : la France & l’OTAN, &unknownentity; inclus"


ATOM_TYPES = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.example.gov/news/">
  <title>Ministry</title><id>urn:feed</id><updated>2024-01-02T00:00:00Z</updated>
  <entry><id>urn:1</id><updated>2024-01-02T00:00:00Z</updated>
    <title type="text">Tariffs &lt;5% &amp; quotas: 1 &lt; 2</title>
    <link href="2024/tariffs.html"/>
    <content type="xhtml" xml:base="/press/"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>See the <a href="annex.pdf">annex</a> and <a href="#note">note</a>.</p></div></content>
  </entry>
  <entry><id>urn:2</id><updated>2024-01-02T00:00:00Z</updated>
    <title type="html">&lt;em&gt;Joint&lt;/em&gt; statement &amp;amp; annex</title>
    <summary type="text">Line one &lt;b&gt; stays.

Second paragraph.</summary>
  </entry>
  <entry><id>urn:3</id><updated>2024-01-02T00:00:00Z</updated>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Press <b>briefing</b>
      &amp; Q&amp;A</div></title>
    <content type="html">&lt;p&gt;Opening &lt;a href="../q.html"&gt;remarks&lt;/a&gt;.&lt;/p&gt;
    </content>
  </entry>
</feed>"""


def test_atom_title_and_body_types_are_honoured() -> None:
    text, html_title, xhtml = parse_feed(ATOM_TYPES, "types.atom")
    assert text.title == "Tariffs <5% & quotas: 1 < 2"  # text: "<" is a character
    assert html_title.title == "Joint statement & annex"  # html: markup stripped
    assert xhtml.title == "Press briefing & Q&A"  # xhtml: the div's text
    # xml:base nests: the entry's link against the feed's, the content's own for its links;
    # a link to a place in the release stays one.
    assert text.url == "https://www.example.gov/news/2024/tariffs.html"
    assert text.body_markdown == (
        "See the [annex](https://www.example.gov/press/annex.pdf) and [note](#note).\n"
    )
    # text: the "<" is a character of the text (escaped in Markdown, shown as written).
    assert canonical_text(html_title.body_markdown) == "Line one <b> stays.\n\nSecond paragraph."
    assert xhtml.body_markdown == "Opening [remarks](https://www.example.gov/q.html).\n"


def test_an_rss_091_feed_with_the_netscape_doctype_and_its_html_entities() -> None:
    feed = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Ministerio</title><link>https://www.example.es/</link>
<language>es</language>
<item><title>Comunicado sobre Ucrania &mdash; \xfaltima hora</title>
<link>https://www.example.es/comunicado</link>
<description>El Gobierno condena el ataque&nbsp;contra la poblaci&oacute;n civil.</description>
</item></channel></rss>"""
    (release,) = parse_feed(feed, "rss091.xml")
    assert release.title == "Comunicado sobre Ucrania — última hora"
    body = " ".join(release.body_markdown.split())
    assert body == "El Gobierno condena el ataque contra la población civil."
    assert release.language == "es"


def test_a_billion_laughs_feed_is_not_expanded() -> None:
    feed = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>T</title><item><title>A &lol2;</title>
<description>Text.</description></item></channel></rss>"""
    releases = []
    with contextlib.suppress(UnreadableFile):
        releases = parse_feed(feed, "laughs.rss")
    assert all("lollol" not in r.title + r.body_markdown for r in releases)


def test_entities_the_feed_declares_as_text_are_read_and_others_never_expanded() -> None:
    feed = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">
<!ENTITY org "Ministry of Foreign Affairs"><!ENTITY nested "&org; &org;">]>
<rss version="2.0"><channel><title>&org;</title><item><title>Statement&nbsp;by the &org;</title>
<description>Text of the &org;; &nested; stays unread.</description></item></channel></rss>"""
    (release,) = parse_feed(feed, "declared.rss")
    assert release.title == "Statement\u00a0by the Ministry of Foreign Affairs"
    assert release.issuer == "Ministry of Foreign Affairs"
    assert release.body_markdown.startswith("Text of the Ministry of Foreign Affairs;")
    assert "Affairs Ministry" not in release.body_markdown
