"""Page text dumps: the release's title, date, issuer and body, and none of the site's chrome."""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import markdown
import pytest

from store.ingest.page_text import parse_page_text
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "farnesina" / "000_ee7cf94feceb9baf.txt"
EP_PAGES = CORPUS / "ep-pages"
SYNTHETIC = REPO_ROOT / "tests" / "data" / "page_text"

SEED_TITLE = (
    "Telephone conversation between the Deputy Prime Minister and Minister of Foreign Affairs "
    "and International Cooperation and the Secretary General of NATO (25 November 2022)"
)
# The dates the EP pages state ("05-10-2023 - 12:53"), day first.
EP_DATES = {
    1: "2023-10-05", 2: "2022-12-15", 3: "2021-03-09", 4: "2022-09-14", 5: "2023-03-15",
    6: "2023-02-16", 7: "2023-07-11", 8: "2022-03-24", 9: "2022-12-15", 10: "2021-04-27",
    11: "2022-10-04", 12: "2023-07-12", 13: "2023-04-20", 14: "2020-10-07", 15: "2022-07-05",
}  # fmt: skip
MIN_PRECISION = MIN_RECALL = 0.95

# Where the hand-made EP extractions run two paragraphs together ("sanctionedAppalled",
# "voted.Screening"): a lower-case letter or sentence end directly followed by a capital.
_RUN_TOGETHER = re.compile(r"(?<=[a-z.!?;:”\"’)])(?=[A-Z])")


def words(text: str) -> Counter[str]:
    """The multiset of a text's words: lower-cased, punctuation and symbols stripped from edges.

    Both sides are split where paragraphs were run together, so that the reference's missing
    spaces count neither for nor against an extraction.
    """
    counted: Counter[str] = Counter()
    for token in _RUN_TOGETHER.sub(" ", text).lower().split():
        kept = [i for i, ch in enumerate(token) if unicodedata.category(ch)[0] not in "PS"]
        if kept:
            counted[token[kept[0] : kept[-1] + 1]] += 1
    return counted


def precision_recall(got: str, expected: str) -> tuple[float, float]:
    """Word-level precision and recall of ``got`` against ``expected``."""
    got_words, expected_words = words(got), words(expected)
    overlap = sum((got_words & expected_words).values())
    return overlap / sum(got_words.values()), overlap / sum(expected_words.values())


def plain_text(release: ParsedRelease) -> str:
    """Title and body as a reader sees them (Markdown rendered, escapes and entities undone)."""
    rendered = re.sub(r"<[^>]+>", " ", markdown.markdown(release.body_markdown))
    return release.title + "\n" + html.unescape(rendered)


@cache
def parsed_ep(number: int) -> ParsedRelease:
    path = EP_PAGES / f"ep-{number}.page.txt"
    return parse_page_text(path.read_text(encoding="utf-8"), path.name)


def seed_paragraphs() -> list[str]:
    """The five paragraphs of the seed release, as the file holds them."""
    blocks = [block.strip() for block in SEED.read_text(encoding="utf-8").split("\n\n")]
    first = next(i for i, block in enumerate(blocks) if block.startswith("Today, the Deputy"))
    last = next(i for i, block in enumerate(blocks) if block.endswith("its southern flank."))
    return blocks[first : last + 1]


def test_seed_gives_exactly_title_date_and_five_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    release = parse_page_text(text, SEED.name)
    assert release.title == SEED_TITLE
    assert release.date == "2022-11-25"
    assert len(seed_paragraphs()) == 5
    assert release.body_markdown == paragraphs_to_markdown(seed_paragraphs())
    assert "cookie" not in release.body_markdown.lower()
    assert "interested" not in release.body_markdown
    assert release.source is None
    assert release.raw == text
    assert release.raw_format == "page-text"


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda text: re.sub(r"\n\s*\n", "\n", text), id="no-blank-lines"),
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="crlf"),
        pytest.param(
            lambda text: "\n".join(textwrap.fill(line, 72) for line in text.split("\n")),
            id="hard-wrapped-at-72",
        ),
    ],
)
def test_seed_survives_other_ways_of_saving_the_page(variant):
    release = parse_page_text(variant(SEED.read_text(encoding="utf-8")))
    assert release.title == SEED_TITLE
    assert release.date == "2022-11-25"
    assert release.body_markdown == paragraphs_to_markdown(seed_paragraphs())


@pytest.mark.parametrize("number", range(1, 16))
def test_ep_page_matches_hand_extraction(number):
    reference = (EP_PAGES / f"ep-{number}.body.txt").read_text(encoding="utf-8")
    precision, recall = precision_recall(plain_text(parsed_ep(number)), reference)
    assert precision >= MIN_PRECISION, f"precision {precision:.3f}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f}"


@pytest.mark.parametrize("number", range(1, 16))
def test_ep_page_title_date_and_issuer(number):
    reference = (EP_PAGES / f"ep-{number}.body.txt").read_text(encoding="utf-8")
    title_line = next(line for line in reference.splitlines() if line.strip())
    release = parsed_ep(number)
    assert release.title == " ".join(title_line.split(" | ")[0].split())
    assert release.date == EP_DATES[number]
    assert release.source == "European Parliament"
    assert release.issuer == "European Parliament"
    assert release.speaker is None
    # A dump has no metadata: its date and issuer were read from its text.
    assert release.found_in_text == {"date", "issuer"}


def test_seed_page_names_no_issuer_or_speaker_and_none_is_invented() -> None:
    release = parse_page_text(SEED.read_text(encoding="utf-8"), SEED.name)
    assert (release.title, release.date) == (SEED_TITLE, "2022-11-25")
    # The saved text names no ministry (its cookie banner says only "This site").
    assert (release.issuer, release.speaker) == (None, None)
    assert release.found_in_text == {"date"}


DUMP = "\n\n".join(
    [
        "Statement by the Ministry of Foreign Affairs on the new sanctions | Ministry of Foreign"
        " Affairs",
        "Home\nPress service",
        "Statement by the Ministry of Foreign Affairs on the new sanctions",
        "The Republic regards the new restrictive measures announced on December 2 as another"
        " manifestation of a policy of pressure that has no prospects.",
        "The side will take adequate response measures and calls on its partners to return to a"
        " mutually respectful dialogue.",
        "{closing}\n",
    ]
)


def test_a_closing_dateline_dates_a_dump_and_an_opening_names_the_speaker() -> None:
    release = parse_page_text(DUMP.format(closing="December 6, 2021, Minsk"))
    assert release.date == "2021-12-06"
    assert release.speaker == "Ministry of Foreign Affairs"
    assert release.issuer == "Ministry of Foreign Affairs"
    assert release.found_in_text == {"date", "issuer", "speaker"}


def test_a_closing_revision_date_is_no_release_date() -> None:
    release = parse_page_text(DUMP.format(closing="Updated: December 6, 2021"))
    assert release.date is None


def test_a_dump_with_three_differing_datelines_gets_none() -> None:
    dump = DUMP.format(closing="").replace(
        "Press service\n", "Press service\n\n25.11.2022\n\n3 March 2023\n\n2021-07-12\n"
    )
    assert parse_page_text(dump).date is None


@pytest.mark.parametrize("number", range(1, 16))
def test_ep_page_body_has_no_chrome(number):
    body = parsed_ep(number).body_markdown
    for chrome in ("Share this page", "Go to the page", "Contacts", "Press Officer", "Facebook"):
        assert chrome not in body
    assert "©" not in body  # photo captions and credits


SYNTHETIC_PAGES = {
    "esteri_it.txt": {
        "title": "Tajani incontra a Roma il Ministro degli Esteri del Giappone",
        "date": "2023-01-12",
        "source": None,
        "first": "Il Vicepresidente del Consiglio",
        "last": "tra i due Paesi.",
        "paragraphs": 4,
        "absent": ["cookie", "Condividi", "Blinken", "Note legali", "Sala stampa"],
    },
    "diplomatie_fr.txt": {
        "title": "Iran – Déclaration de la porte-parole",
        "date": "2023-03-03",
        "source": "Ministère de l'Europe et des Affaires étrangères",
        "first": "La France condamne",
        "last": "par l'Union européenne.",
        "paragraphs": 6,
        "absent": ["cookies", "Partager", "homologue", "Mentions légales", "Accueil"],
    },
    "un_statement.txt": {
        "title": (
            "Statement attributable to the Spokesperson for the Secretary-General "
            "on the earthquakes in Türkiye and Syria"
        ),
        "date": "2023-02-06",
        "source": None,
        "first": "The Secretary-General is deeply saddened",
        "last": "access is a challenge.",
        "paragraphs": 3,
        "absent": ["Skip to", "Related", "priorities for 2023", "Privacy", "Español"],
    },
    "bund_de_undated.txt": {
        "title": "Außenministerin reist nach Kiew",
        "date": None,
        "source": None,
        "first": "Die Außenministerin reist heute",
        "last": "Hilfsorganisationen vor Ort.",
        "paragraphs": 4,
        "absent": ["Cookies", "teilen", "Brüssel", "Impressum", "Pressemitteilungen"],
    },
    "exteriores_es.txt": {
        "title": "España condena el ataque contra la misión de Naciones Unidas en Malí",
        "date": "2022-11-25",
        "source": None,
        "first": "Madrid, 25 de noviembre de 2022. El Gobierno",
        "last": "en el Sahel.",
        "paragraphs": 2,
        "absent": ["cookies", "Compartir", "Coalición", "Aviso legal", "Comunicado 112"],
    },
}


@pytest.mark.parametrize("name", sorted(SYNTHETIC_PAGES))
def test_unseen_sites_in_other_languages(name):
    expected = SYNTHETIC_PAGES[name]
    release = parse_page_text((SYNTHETIC / name).read_text(encoding="utf-8"), name)
    paragraphs = release.body_markdown.strip().split("\n\n")
    assert release.title == expected["title"]
    assert release.date == expected["date"]
    assert release.source == expected["source"]
    assert paragraphs[0].startswith(expected["first"])
    assert paragraphs[-1].endswith(expected["last"])
    assert len(paragraphs) == expected["paragraphs"]
    for chrome in expected["absent"]:
        assert chrome not in release.body_markdown


def test_list_items_inside_the_body_are_kept_as_paragraphs():
    release = parse_page_text((SYNTHETIC / "diplomatie_fr.txt").read_text(encoding="utf-8"))
    assert "à mettre fin immédiatement aux exécutions\n\nà libérer" in release.body_markdown


def test_title_is_the_headline_not_the_byline_or_label_below_it():
    text = (
        "Skip to content\nU.S. Department of State\nHome\n\n"
        "Secretary Blinken's Call with Egyptian Foreign Minister Shoukry\n\n"
        "Press Statement\n\nAntony J. Blinken, Secretary of State\n\nMay 23, 2021\n\n"
        "Secretary of State Antony J. Blinken spoke today with Egyptian Foreign Minister Sameh "
        "Shoukry to discuss the efforts to cement the ceasefire between Israel and Hamas.\n\n"
        "Tags\nEgypt\nRelated Articles\n"
    )
    release = parse_page_text(text)
    assert release.title == "Secretary Blinken's Call with Egyptian Foreign Minister Shoukry"
    assert release.date == "2021-05-23"
    assert release.body_markdown.startswith("Secretary of State Antony J. Blinken spoke today")
    assert "Egypt\n" not in release.body_markdown


def test_title_ending_in_a_full_stop_is_not_left_in_the_body():
    text = (
        "Comunicati\n"
        "Tajani incontra Blinken a Washington.\n"
        "12 gennaio 2023\n"
        "Il Ministro Tajani ha incontrato oggi a Washington il Segretario di Stato Antony "
        "Blinken per discutere della guerra in Ucraina e del G7.\n"
    )
    release = parse_page_text(text)
    assert release.title == "Tajani incontra Blinken a Washington."
    assert release.date == "2023-01-12"
    assert release.body_markdown.startswith("Il Ministro Tajani ha incontrato oggi")


def test_date_inside_a_sentence_is_not_the_release_date():
    text = (
        "Talks on the new trade agreement\n\n"
        "The ministers met to prepare the summit that will take place on 14 May 2024 in Rome. "
        "They agreed to meet again before the summit.\n"
    )
    release = parse_page_text(text)
    assert release.title == "Talks on the new trade agreement"
    assert release.date is None


def test_revision_date_is_not_the_release_date():
    text = (
        "Minister meets ambassadors of the region\n"
        "Last updated: 02/03/2023\n\n"
        "The Minister met today the ambassadors of the countries of the region to discuss "
        "the preparation of the conference.\n"
    )
    assert parse_page_text(text).date is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \n\n\t\n", id="whitespace"),
        pytest.param(
            "This site uses technical and analytics cookies.\n"
            "By continuing to browse, you agree to the use of cookies.\n\n"
            "Skip to main content\nHome\nNews\nPress room\nSearch\n\n"
            "Share this page\nFacebook\nTwitter\nLinkedIn\n\n"
            "You might also be interested in..\n\nLegal notice\nPrivacy policy\nSitemap\n",
            id="chrome-only",
        ),
        pytest.param("Home\nNews\nPress releases\nContacts\n", id="menu-only"),
    ],
)
def test_page_without_release_text_is_unreadable(text):
    with pytest.raises(UnreadableFile) as raised:
        parse_page_text(text, "page.txt")
    message = str(raised.value)
    assert message.endswith(".") and "\n" not in message
