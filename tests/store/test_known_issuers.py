"""The known issuers: the shipped data, and the names and addresses that find an issuer."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.known_issuers import (
    KnownIssuersError,
    domain_keys,
    known_issuers,
    match_known,
    name_key,
    name_keys,
    read_known_issuers,
)
from tests.conftest import CORPUS

# fmt: off
G20_STATES = {
    "AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "MX", "RU", "SA", "ZA",
    "KR", "TR", "GB", "US",
}
EU_STATES = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}
# fmt: on
STATE_FEEDS = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))


def _key(name: str | None = None, domain: str | None = None) -> str | None:
    issuer = match_known(name, domain)
    return issuer.key if issuer else None


def test_the_state_departments_spellings_and_its_domain_give_one_issuer():
    feed = feedparser.parse(STATE_FEEDS[0])
    channel_title = feed.feed.title
    creators = {
        entry.get("author") for path in STATE_FEEDS for entry in feedparser.parse(path).entries
    }
    assert channel_title == "Press Releases – United States Department of State"
    assert "U.S. Department of State" in creators
    spellings = [channel_title, "U.S. Department of State", "United States Department of State"]
    found = {_key(name) for name in spellings}
    found |= {_key(None, entry.link) for entry in feed.entries}
    assert len(found) == 1 and None not in found
    assert match_known(channel_title, None).country == "US"


def test_each_swiss_news_source_gives_the_office_that_issued_the_message_in_every_language():
    issuers_of_message = defaultdict(set)
    with (CORPUS / "swiss-news" / "releases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            version = json.loads(line)
            issuers_of_message[version["message"]].add(_key(version["source"]))
    # The language versions of a message are one statement of one office.
    assert all(len(found) == 1 for found in issuers_of_message.values())
    assert set().union(*issuers_of_message.values()) == {
        "ch-foreign-ministry",
        "ch-federal-chancellery",
        "ch-data-protection-commissioner",
    }


@pytest.mark.parametrize(
    "name",
    ["Federal Department of Foreign Affairs", "Département fédéral des affaires étrangères"],
)
def test_the_fdfa_found_by_its_names_is_the_swiss_foreign_ministry(name):
    issuer = match_known(name, None)
    assert (issuer.country, issuer.kind) == ("CH", "ministry")
    assert issuer.key == _key(None, "https://www.eda.admin.ch/eda/en/home/news.html")


@pytest.mark.parametrize(
    "name",
    ["Der Bundesrat", "Le Conseil fédéral", "Il Consiglio federale", "Swiss Federal Council"],
)
def test_the_federal_council_as_the_news_service_signs_it_is_the_swiss_government(name):
    issuer = match_known(name, None)
    assert (issuer.key, issuer.kind) == ("ch-federal-council", "government")


@pytest.mark.parametrize(
    ("names", "host"),
    [
        (
            ["NATO", "OTAN", "North Atlantic Treaty Organization",
             "Organisation du Traité de l’Atlantique Nord"],
            "https://www.nato.int/cps/en/natohq/news.htm",
        ),
        (
            ["United Nations", "UN", "U.N.", "Organisation des Nations Unies", "Nations Unies",
             "ONU"],
            "https://news.un.org/en/story/2024/01/1",
        ),
    ],
)  # fmt: skip
def test_nato_and_the_un_are_found_by_their_english_and_french_names_and_their_sites(names, host):
    found = {_key(name) for name in names} | {_key(None, host)}
    assert len(found) == 1 and None not in found
    assert match_known(names[0], None).country is None


def test_a_un_body_publishing_under_un_org_is_found_by_its_name_before_the_address():
    security_council = match_known(
        "UN Security Council", "https://press.un.org/en/2024/sc1.doc.htm"
    )
    assert security_council.name == "United Nations Security Council"
    assert match_known(None, "https://press.un.org/en/2024/sc1.doc.htm").name == "United Nations"


def test_the_european_parliaments_page_titles_give_the_parliament():
    titles = [
        next(line for line in page.read_text(encoding="utf-8").splitlines() if line.strip())
        for page in sorted((CORPUS / "ep-pages").glob("*.page.txt"))
    ]
    assert len(titles) == 15
    assert {_key(title) for title in titles} == {"european-parliament"}


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("Ministry of Foreign Affairs of Atlantis", None),
        ("Ministry of Foreign Affairs", None),  # every state's: no one issuer
        ("Office of the Spokesperson", None),
        ("Department for Business and Trade", "https://www.gov.uk/government/news/x"),
        (None, "https://www.admin.ch/gov/de/start/dokumentation/medienmitteilungen.html"),
        (None, "https://european-union.europa.eu/index_en"),
        (None, "https://www.example.org/press"),
    ],
)
def test_an_issuer_not_in_the_data_gives_none(name, url):
    assert match_known(name, url) is None


def test_a_ten_thousand_character_name_and_garbage_addresses_give_none():
    body = " ".join(["NATO: the Minister met the Secretary General | European Parliament"] * 150)
    assert match_known(body[:10_000], None) is None
    for garbage in ["http://[::1", "javascript:alert(1)", "%%%", "://", "1.2.3.4", "x" * 10_000]:
        assert domain_keys(garbage) == []
        assert match_known(None, garbage) is None


def test_a_title_of_many_parts_gives_a_few_keys_and_a_longer_string_none():
    title = " | ".join(f"Section {number}" for number in range(100))
    assert 0 < len(name_keys(title)) <= 10
    assert name_keys(" | ".join(f"Section {number}" for number in range(3_000))) == []


@given(st.text(), st.text())
def test_any_text_as_name_and_address_gives_an_issuer_or_none(name, address):
    assert match_known(name, address) is None or match_known(name, address).key


@pytest.mark.parametrize(
    ("spellings"),
    [
        ["Foreign, Commonwealth & Development Office",
         "foreign commonwealth and development office"],
        ["The U.S. Department of State", "US Department of State",
         "United States Department of State"],
        ["Ministère de l’Europe et des Affaires étrangères",
         "MINISTERE DE L'EUROPE ET DES AFFAIRES ETRANGERES"],
        ["Secretary-General", "Secretary–General", "Secretary — General", "Secretary General"],
        ["Auswärtiges  Amt", "Auswartiges Amt", "auswärtiges amt"],
        ["Организация Объединённых Наций", "организация объединенных наций"],
    ],
)  # fmt: skip
def test_spellings_of_one_name_share_one_key(spellings):
    assert len({name_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("address", "keys"),
    [
        ("https://www.state.gov/press-releases/", ["state.gov"]),
        ("press.un.org", ["press.un.org", "un.org"]),
        ("HTTPS://WWW.EEAS.EUROPA.EU/eeas/x", ["eeas.europa.eu"]),
        ("https://www.eda.admin.ch:443/eda/en", ["eda.admin.ch"]),
        ("https://a.b.foo.co.uk/", ["a.b.foo.co.uk", "b.foo.co.uk", "foo.co.uk"]),
        ("https://www.gov.uk/government/organisations", []),
        ("https://europa.eu/", []),
        ("gov", []),
        ("co.uk", []),
    ],
)
def test_an_address_gives_its_host_and_parents_down_to_a_public_or_shared_suffix(address, keys):
    assert domain_keys(address) == keys


def test_the_shipped_data_reads_and_every_g20_and_eu_state_has_its_foreign_ministry():
    issuers = known_issuers()
    ministries = {issuer.country for issuer in issuers if issuer.kind == "ministry"}
    assert ministries >= G20_STATES | EU_STATES
    assert len({issuer.key for issuer in issuers}) == len(issuers)


def test_every_name_and_domain_of_every_issuer_finds_that_issuer():
    for issuer in known_issuers():
        for name in issuer.all_names():
            assert match_known(name, None) == issuer, name
        for domain in issuer.domains:
            assert match_known(None, f"https://www.{domain}/news") == issuer, domain


def _copy(tmp_path: Path, edit) -> Path:
    copy = tmp_path / "issuers.toml"
    copy.write_text(edit((files("resources") / "issuers.toml").read_text("utf-8")), "utf-8")
    return copy


def _with_issuer(fields: str):
    def edit(text: str) -> str:
        return text + f'\n[[issuer]]\nkey = "test-issuer"\nname = "Ministry of Tests"\n{fields}\n'

    return edit


@pytest.mark.parametrize(
    ("edit", "key", "field", "reason"),
    [
        (_with_issuer('aliases = ["Farnesina"]\ncountry = "IT"\nkind = "ministry"'),
            "test-issuer", "aliases", "it-foreign-ministry"),
        (_with_issuer('aliases = ["The U.S. Department of State"]\ncountry = "US"\n'
                      'kind = "ministry"'),
            "test-issuer", "aliases", "us-foreign-ministry"),
        (_with_issuer('domains = ["state.gov"]\ncountry = "US"\nkind = "ministry"'),
            "test-issuer", "domains", "us-foreign-ministry"),
        (_with_issuer('domains = ["gov.uk"]\ncountry = "GB"\nkind = "ministry"'),
            "test-issuer", "domains", "public suffix"),
        (_with_issuer('domains = ["europa.eu"]\nkind = "agency"'),
            "test-issuer", "domains", "shared"),
        (_with_issuer('domains = ["www.example.org"]\ncountry = "GB"\nkind = "ministry"'),
            "test-issuer", "domains", "www"),
        (_with_issuer('domains = ["example.org/press"]\ncountry = "GB"\nkind = "ministry"'),
            "test-issuer", "domains", "host name"),
        (_with_issuer('country = "ZZ"\nkind = "ministry"'), "test-issuer", "country", "ISO 3166"),
        (_with_issuer('kind = "ministry"'), "test-issuer", "country", "a ministry has a country"),
        (_with_issuer('country = "FR"\nkind = "international organisation"'),
            "test-issuer", "country", "no country"),
        (_with_issuer('names = { xx = "Ministère" }\ncountry = "FR"\nkind = "ministry"'),
            "test-issuer", "names.xx", "ISO 639"),
        (_with_issuer('country = "FR"\nkind = "ngo"'),
            "test-issuer", "kind", "ministry, government"),
        (_with_issuer('domain = ["tests.example"]\ncountry = "FR"\nkind = "ministry"'),
            "test-issuer", "domain", "not a field"),
        (lambda text: text.replace('country = "US"', 'country = "USA"'),
            "us-foreign-ministry", "country", "ISO 3166"),
        (lambda text: text.replace('key = "osce"', 'key = "nato"'), "nato", "key", "two issuers"),
    ],
)  # fmt: skip
def test_an_edit_that_breaks_the_data_is_refused_naming_the_file_issuer_and_field(
    tmp_path, edit, key, field, reason
):
    copy = _copy(tmp_path, edit)
    with pytest.raises(KnownIssuersError) as refused:
        read_known_issuers(copy)
    message = str(refused.value)
    assert str(copy) in message
    assert f"issuer {key!r}" in message and f": {field}:" in message
    assert reason in message


def test_a_copy_that_is_not_toml_is_refused_naming_the_file_and_the_line(tmp_path):
    copy = _copy(tmp_path, lambda text: text.replace('key = "nato"', 'key = "nato'))
    with pytest.raises(KnownIssuersError, match=r"issuers\.toml: cannot be read: .*line \d+"):
        read_known_issuers(copy)


def test_a_copy_with_a_new_issuer_finds_it(tmp_path):
    edit = _with_issuer(
        'aliases = ["MoT"]\ndomains = ["tests.example"]\ncountry = "XK"\nkind = "ministry"'
    )
    added = read_known_issuers(_copy(tmp_path, edit))
    assert added.match("Press releases | MoT", None).key == "test-issuer"
    assert added.match(None, "https://press.tests.example/1").country == "XK"
