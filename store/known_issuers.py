"""The issuers known before an analyst adds any, and how a raw name or web address finds one.

They are kept as editable data in ``resources/issuers.toml`` (read once, checked as it is
read). An input names its issuer however it likes — a feed's channel title, a page's site
name, a publisher field — and may give the address it came from; :func:`match_known`
finds the known issuer behind them, or ``None``:

>>> match_known("Press Releases – United States Department of State", None).key
'us-foreign-ministry'
>>> match_known("U.S. Department of State", None) == match_known(None, "https://www.state.gov/x/")
True
>>> match_known("Département fédéral des affaires étrangères", None).name
'Swiss Federal Department of Foreign Affairs'
>>> match_known(None, "https://press.un.org/en/2024/sc15000.doc.htm").name
'United Nations'
>>> print(match_known("Ministry of Magic", "https://www.gov.uk/government/news"))
None

A name is compared by :func:`name_key` and looked up under each of :func:`name_keys`
(both in ``store.issuer_names``), an address under each of :func:`domain_keys`; every
lookup is a dict lookup.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from store.issuer_names import LONGEST_NAME, name_key, name_keys

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

KINDS = ("ministry", "government", "international organisation", "parliament", "agency")
_NEEDS_COUNTRY = {"ministry", "government"}
_HAS_NO_COUNTRY = {"international organisation"}
_ISSUER_FIELDS = {"key", "name", "names", "aliases", "domains", "country", "kind"}
# Kosovo's code is not in ISO 3166-1, but the EU, the UN and most registries use it.
_COUNTRIES_BEYOND_ISO = {"XK"}
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Longer than any address a browser keeps; a longer string is not looked at.
_LONGEST_URL = 4_096

__all__ = [
    "KINDS",
    "KnownIssuer",
    "KnownIssuers",
    "KnownIssuersError",
    "domain_keys",
    "known_issuers",
    "match_known",
    "name_key",
    "name_keys",
    "is_country_code",
    "read_known_issuers",
]


@dataclass(frozen=True)
class KnownIssuer:
    """One issuer of ``resources/issuers.toml``.

    ``names`` pairs a language code (ISO 639) with the issuer's name in that language;
    ``country`` is an ISO 3166-1 alpha-2 code, ``None`` for an international organisation;
    ``kind`` is one of :data:`KINDS`.
    """

    key: str
    name: str
    names: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str | None
    kind: str

    def all_names(self) -> tuple[str, ...]:
        """The name, the names in each language and the aliases, in that order."""
        return (self.name, *(name for _, name in self.names), *self.aliases)


class KnownIssuersError(ValueError):
    """The issuers file is not valid; the message names the file, the issuer and the field."""


# ---------------------------------------------------------------------------------------
# Addresses

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?")
_WWW = re.compile(r"^www\d*\.")


@functools.cache
def _public_suffixes() -> PublicSuffixList:
    """The Public Suffix List as the installed package ships it (it is never fetched);
    imported when first needed, as pycountry below: the command line's quick commands read
    neither."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def _host(url_or_host: str) -> str | None:
    """The lower-case ASCII host of a URL or bare host name, without "www.", or ``None``."""
    text = url_or_host.strip()
    if not text or len(text) > _LONGEST_URL:
        return None
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:  # an unclosed "[" of an IPv6 address
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if len(host) > 253 or not _HOST.fullmatch(host):
        return None
    return _WWW.sub("", host)


def _is_public_suffix(host: str) -> bool:
    return _public_suffixes().publicsuffix(host) == host


# ---------------------------------------------------------------------------------------
# The data


class KnownIssuers:
    """The issuers of one issuers file, checked, with the lookups :func:`match_known` uses."""

    def __init__(
        self, issuers: tuple[KnownIssuer, ...], shared_domains: frozenset[str], source: str
    ) -> None:
        self.issuers = issuers
        self.shared_domains = shared_domains
        self._by_name: dict[str, KnownIssuer] = {}
        self._by_domain: dict[str, KnownIssuer] = {}
        for issuer in issuers:
            for field, text in _named_fields(issuer):
                key = name_key(text)
                other = self._by_name.setdefault(key, issuer)
                if other is not issuer:
                    raise _error(
                        source, issuer.key, field, f"{text!r} is also a name of {other.key!r}"
                    )
            for domain in issuer.domains:
                other = self._by_domain.setdefault(domain, issuer)
                if other is not issuer:
                    raise _error(
                        source, issuer.key, "domains", f"{domain!r} is also {other.key!r}'s"
                    )

    def domain_keys(self, url_or_host: str) -> list[str]:
        """See :func:`domain_keys`."""
        host = _host(url_or_host)
        if host is None:
            return []
        suffix = _public_suffixes().publicsuffix(host)
        labels = host.split(".")
        keys = []
        for start in range(len(labels)):
            domain = ".".join(labels[start:])
            if domain == suffix or domain in self.shared_domains:
                break
            keys.append(domain)
        return keys

    def match(self, name: str | None, domain: str | None) -> KnownIssuer | None:
        """See :func:`match_known`."""
        if name:
            for key in name_keys(name):
                issuer = self._by_name.get(key)
                if issuer is not None:
                    return issuer
        if domain:
            for key in self.domain_keys(domain):
                issuer = self._by_domain.get(key)
                if issuer is not None:
                    return issuer
        return None


def _named_fields(issuer: KnownIssuer) -> list[tuple[str, str]]:
    return [
        ("name", issuer.name),
        *((f"names.{language}", name) for language, name in issuer.names),
        *(("aliases", alias) for alias in issuer.aliases),
    ]


def _error(source: str, key: str | None, field: str, problem: str) -> KnownIssuersError:
    where = f"issuer {key!r}" if key else "the file"
    return KnownIssuersError(f"{source}: {where}: {field}: {problem}")


def read_known_issuers(file: Path | Traversable) -> KnownIssuers:
    """The issuers of ``file``, checked; :class:`KnownIssuersError` names what is wrong."""
    source = str(file)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise KnownIssuersError(f"{source}: cannot be read: {error}") from None
    unknown = set(data) - {"shared_domains", "issuer"}
    if unknown:
        raise _error(source, None, ", ".join(sorted(unknown)), "is not a field of the file")
    shared = _shared_domains(source, data.get("shared_domains", []))
    tables = data.get("issuer")
    if not isinstance(tables, list) or not tables:
        raise _error(source, None, "issuer", "the file lists no [[issuer]] table")
    issuers, keys = [], set()
    for number, table in enumerate(tables, start=1):
        issuer = _issuer(source, number, table, shared)
        if issuer.key in keys:
            raise _error(source, issuer.key, "key", "two issuers have this key")
        keys.add(issuer.key)
        issuers.append(issuer)
    return KnownIssuers(tuple(issuers), shared, source)


def _shared_domains(source: str, value: object) -> frozenset[str]:
    if not isinstance(value, list):
        raise _error(source, None, "shared_domains", "must be a list of host names")
    for domain in value:
        if not isinstance(domain, str) or _host(domain) != domain:
            raise _error(source, None, "shared_domains", f"{domain!r} is not a host name")
    return frozenset(value)


def _issuer(source: str, number: int, table: dict, shared: frozenset[str]) -> KnownIssuer:
    key = table.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise _error(
            source, None, f"key of issuer number {number}",
            f"{key!r} is not a slug (lower-case letters, digits and single dashes)",
        )  # fmt: skip

    def fail(field: str, problem: str) -> KnownIssuersError:
        return _error(source, key, field, problem)

    unknown = set(table) - _ISSUER_FIELDS
    if unknown:
        raise fail(", ".join(sorted(unknown)), "is not a field of an issuer")
    name = table.get("name")
    if not isinstance(name, str) or not name_key(name):
        raise fail("name", "must be a name")
    names = table.get("names", {})
    if not isinstance(names, dict):
        raise fail("names", "must be a table of language code = name")
    for language, text in names.items():
        if not _is_language(language):
            raise fail(f"names.{language}", f"{language!r} is not an ISO 639 language code")
        if not isinstance(text, str) or not name_key(text):
            raise fail(f"names.{language}", "must be a name")
    aliases = _strings(table, "aliases", fail)
    for alias in aliases:
        if not name_key(alias):
            raise fail("aliases", f"{alias!r} is not a name")
    for field, text in (("name", name), *((f"names.{lang}", n) for lang, n in names.items())):
        if len(text) > LONGEST_NAME:
            raise fail(field, f"is longer than {LONGEST_NAME} characters, so never looked up")
    domains = _strings(table, "domains", fail)
    for domain in domains:
        _check_domain(domain, shared, fail)
    country = table.get("country")
    kind = table.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{kind!r} is not one of: {', '.join(KINDS)}")
    if country is not None and not is_country_code(country):
        raise fail("country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
    if country is None and kind in _NEEDS_COUNTRY:
        raise fail("country", f"a {kind} has a country")
    if country is not None and kind in _HAS_NO_COUNTRY:
        raise fail("country", f"an {kind} has no country")
    return KnownIssuer(
        key=key,
        name=name,
        names=tuple(names.items()),
        aliases=tuple(aliases),
        domains=tuple(domains),
        country=country,
        kind=kind,
    )


def _strings(table: dict, field: str, fail) -> list[str]:
    value = table.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(field, "must be a list of strings")
    return value


def _check_domain(domain: str, shared: frozenset[str], fail) -> None:
    if _host(domain) is None or _HOST.fullmatch(domain) is None:
        raise fail("domains", f"{domain!r} is not a lower-case host name (no scheme, no path)")
    if _WWW.match(domain):
        raise fail("domains", f"{domain!r}: write the host without its www.")
    if _is_public_suffix(domain):
        raise fail("domains", f"{domain!r} is a public suffix, never one issuer's")
    if domain in shared:
        raise fail("domains", f"{domain!r} is one of the shared_domains, never one issuer's")


def _is_language(code: object) -> bool:
    import pycountry

    if not isinstance(code, str) or code != code.lower():
        return False
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return len(code) == 3 and pycountry.languages.get(alpha_3=code) is not None


def is_country_code(code: object) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code in capitals, or Kosovo's XK.

    >>> is_country_code("XK"), is_country_code("it"), is_country_code("ZZ")
    (True, False, False)
    """
    if not isinstance(code, str) or len(code) != 2 or code != code.upper():
        return False
    import pycountry

    return code in _COUNTRIES_BEYOND_ISO or pycountry.countries.get(alpha_2=code) is not None


@functools.cache
def _packaged() -> KnownIssuers:
    return read_known_issuers(files("resources") / "issuers.toml")


def known_issuers() -> tuple[KnownIssuer, ...]:
    """The issuers the program ships, read once from ``resources/issuers.toml``."""
    return _packaged().issuers


def domain_keys(url_or_host: str) -> list[str]:
    """The host of a URL without "www." and its parent domains, longest first.

    The list stops before a public suffix ("gov", "co.uk", "gov.uk") and before a domain
    the issuers file lists as shared by many issuers ("europa.eu", "admin.ch"); a string
    that holds no host name gives an empty list.

    >>> domain_keys("https://www.eeas.europa.eu/eeas/press-material_en")
    ['eeas.europa.eu']
    >>> domain_keys("press.un.org")
    ['press.un.org', 'un.org']
    >>> domain_keys("https://www.gov.uk/government/news"), domain_keys("not a url")
    ([], [])
    """
    return _packaged().domain_keys(url_or_host)


def match_known(name: str | None, domain: str | None) -> KnownIssuer | None:
    """The known issuer a raw issuer name or a URL (or host) points to, or ``None``.

    The name is tried first, each of :func:`name_keys` in turn, then the address, each of
    :func:`domain_keys` in turn: a body publishing under its organisation's host
    (the Security Council under un.org) is found by its name.
    """
    return _packaged().match(name, domain)
