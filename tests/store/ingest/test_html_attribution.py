"""Saved pages of sites the importer never saw: title, issuer, speaker and date, honestly.

The pages in tests/data/unseen-pages are written in the markup of real foreign-ministry and
international-organisation sites; these tests use the half the parser was tuned on
(manifest.json, "split": "tuning"); bench/fidelity.py reports both halves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.ingest.attribution import MAX_ISSUER_CHARS
from store.ingest.html_page import parse_html_page
from store.parsed import ParsedRelease

REPO_ROOT = Path(__file__).resolve().parents[3]
PAGES = REPO_ROOT / "tests" / "data" / "unseen-pages"
MANIFEST = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))["pages"]
TUNING = sorted(name for name, truth in MANIFEST.items() if truth["split"] == "tuning")
BODY = (
    "<p>The Minister of Foreign Affairs met the Ambassador today to discuss the cooperation"
    " between the two countries in trade, energy and culture.</p>"
    "<p>Both sides agreed to meet again before the end of the year in the capital.</p>"
)


def parse(name: str) -> ParsedRelease:
    (release,) = parse_html_page((PAGES / name).read_bytes(), name)
    return release


def page(head: str, body: str) -> ParsedRelease:
    html = f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
    (release,) = parse_html_page(
        f"{html}<body><main>{body}</main></body></html>".encode(), "p.html"
    )
    return release


@pytest.mark.parametrize("name", TUNING)
def test_tuning_page_gives_the_manifest_truth(name: str) -> None:
    truth, release = MANIFEST[name], parse(name)
    assert release.title == truth["title"]
    assert release.date == truth["date"]
    assert release.issuer in truth["issuer"]
    assert release.speaker in (truth["speaker"] or [None])


def test_a_title_that_is_only_the_site_name_gives_way_to_the_heading() -> None:
    release = parse("by-mfa-closing-dateline.html")
    assert release.title.startswith("Statement of the Ministry of Foreign Affairs")
    assert release.issuer == "Ministry of Foreign Affairs of the Republic of Belarus"
    # "December 6, 2021, Minsk" closes the body; nothing in the markup dates it.
    assert release.date == "2021-12-06"
    assert "date" in release.found_in_text


def test_section_labels_before_the_site_name_are_no_title() -> None:
    # <title>Press Releases | Media Center | Ministry of External Affairs, …</title>
    release = parse("in-mea-title-date.html")
    assert release.title.startswith("Telephone conversation between External Affairs Minister")
    assert release.issuer == "Ministry of External Affairs, Government of India"
    assert release.date == "2020-05-15"


def test_site_name_before_the_title_is_cut_and_names_the_issuer() -> None:
    release = parse("es-exteriores-opening-dateline.html")
    assert release.title == "España condena el ataque contra la Embajada de Azerbaiyán en Teherán"
    assert release.issuer == "Ministerio de Asuntos Exteriores, Unión Europea y Cooperación"
    # "Madrid, 27 de enero de 2023. El Gobierno …" opens the body.
    assert release.date == "2023-01-27"


def test_an_organisation_as_author_is_the_issuer_not_the_platform() -> None:
    release = parse("gb-govuk-jsonld.html")
    assert release.issuer == "Foreign, Commonwealth & Development Office"
    assert release.speaker == "Foreign Secretary"
    assert release.date == "2023-04-17"
    assert release.found_in_text == {"speaker"}
    assert release.url == (
        "https://www.gov.uk/government/news/foreign-secretary-statement-on-the-sentencing-of-"
        "vladimir-kara-murza"
    )


def test_an_updated_date_is_not_the_release_date() -> None:
    release = parse("osce-no-date-updated.html")
    assert release.date is None
    assert release.speaker == "OSCE Chairman-in-Office"
    assert release.issuer == "OSCE"


def test_dates_of_related_articles_are_not_the_release_date() -> None:
    release = parse("jp-mofa-related-dates.html")
    assert release.date == "2020-05-15"
    assert release.title == "Japan-Australia Foreign Ministers' Telephone Talk"


def test_a_date_above_the_title_and_a_speaker_in_another_script() -> None:
    release = parse("ua-mfa-ukrainian.html")
    assert release.date == "2022-11-24"
    assert release.speaker == "МЗС України"
    assert release.language == "uk"
    assert not release.body_markdown.startswith("#")


def test_json_ld_graph_publisher_and_date_published() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsArticle", "headline": "Talks in Vilnius", "@id": "#a",
             "datePublished": "2022-11-25T23:30:00-05:00", "dateModified": "2022-12-01",
             "publisher": {"@id": "#org"}, "author": {"@id": "#p"}},
            {"@type": "Organization", "@id": "#org", "name": "Ministry of Foreign Affairs"},
            {"@type": "Person", "@id": "#p", "name": "Jane Doe, Spokesperson"},
        ],
    }  # fmt: skip
    release = page(
        f"<title>Talks in Vilnius</title><script type='application/ld+json'>{json.dumps(graph)}"
        "</script><meta property='article:modified_time' content='2022-12-01'>",
        f"<h1>Talks in Vilnius</h1>{BODY}",
    )
    assert release.issuer == "Ministry of Foreign Affairs"
    assert release.speaker == "Jane Doe, Spokesperson"
    # The publisher's own day, not the modified one and not shifted to UTC.
    assert release.date == "2022-11-25"
    assert release.found_in_text == frozenset()


def test_a_cms_account_is_no_speaker_and_a_modified_date_no_date() -> None:
    release = page(
        "<title>Talks in Vilnius | Ministry</title><meta name='author' content='webadmin'>"
        "<meta property='article:modified_time' content='2022-12-01T10:00:00Z'>",
        f"<h1>Talks in Vilnius</h1>{BODY}",
    )
    assert (release.title, release.speaker, release.date) == ("Talks in Vilnius", None, None)


def test_three_differing_dates_by_the_title_give_none() -> None:
    release = page(
        "<title>Talks in Vilnius</title>",
        f"<h1>Talks in Vilnius</h1><p>25.11.2022</p><p>26.11.2022</p><p>27 November 2022</p>{BODY}",
    )
    assert release.date is None


def test_a_date_ending_the_title_outweighs_a_lone_closing_one() -> None:
    release = page(
        "<title>Talks in Vilnius (25 November 2022)</title>",
        f"<h1>Talks in Vilnius (25 November 2022)</h1>{BODY}<p>Vilnius, 26 November 2022</p>",
    )
    assert release.date == "2022-11-25"


def test_a_page_with_no_title_anywhere_is_titled_by_its_first_line() -> None:
    release = page("", BODY)
    assert release.title.startswith("The Minister of Foreign Affairs met the Ambassador")
    assert (release.issuer, release.speaker, release.date) == (None, None, None)


def test_a_site_name_in_five_languages_is_never_the_title() -> None:
    site = "Ministère | Ministry | Ministerium | Ministero | Ministerio"
    release = page(
        f"<title>{site}</title><meta property='og:site_name' content='{site}'>",
        f"<h1>Talks in Vilnius</h1>{BODY}",
    )
    assert release.title == "Talks in Vilnius"
    assert release.issuer == site


def test_an_issuer_of_ten_thousand_characters_is_left_empty() -> None:
    huge = "Ministry of Foreign Affairs " * 360
    release = page(
        f"<title>Talks in Vilnius</title><meta property='og:site_name' content='{huge}'>",
        f"<h1>Talks in Vilnius</h1>{BODY}",
    )
    assert len(huge) > MAX_ISSUER_CHARS
    assert release.issuer is None
    assert release.title == "Talks in Vilnius"


def test_broken_json_ld_is_ignored() -> None:
    release = page(
        "<title>Talks in Vilnius</title><meta property='og:site_name' content='Ministry'>"
        '<script type=\'application/ld+json\'>{"@graph": [ {"@type": </script>',
        f"<h1>Talks in Vilnius</h1>{BODY}",
    )
    assert (release.title, release.issuer) == ("Talks in Vilnius", "Ministry")
