"""How a raw issuer name is compared: the key two spellings of one name share.

An input names its issuer in its own way ("Press Releases – United States Department of
State", "U.S. Department of State"); :func:`name_keys` gives the keys under which the
known issuers of ``store.known_issuers`` are looked up.
"""

from __future__ import annotations

import re
import unicodedata

# No issuer's name is longer (the longest known is 79 characters); a longer string or part
# is a title, a sentence or garbage and is not looked up.
LONGEST_NAME = 200
# A title names its site in its first or last few parts; more is never read.
_MOST_PARTS = 8
# No page's or feed's title is longer: a longer string is a body or garbage, never read.
_LONGEST_RAW_NAME = 2_000


# Letters that no Unicode decomposition turns into a plain Latin letter.
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}
)
# Accents and other marks of Latin, Greek and Cyrillic letters (é, ö, ё, ά) and Arabic
# vowel signs, which writers put in or leave out; marks that make another letter (Japanese
# voicing marks, Indic vowel signs) are kept.
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u0640]")
# Initials with full stops: "U.S.", "U.N.", "T.C.".
_INITIALS = re.compile(r"(?<!\w)(?:[^\W\d_]\.)+[^\W\d_]?(?!\w)")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`\u00b4]")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
# Short forms written as often as the full ones.
_SHORT_FORMS = {
    "us": "united states",
    "usa": "united states",
    "uk": "united kingdom",
    "un": "united nations",
    "eu": "european union",
}


def name_key(text: str) -> str:
    """The form that two spellings of one name share.

    Case, accents, punctuation, dashes of every kind and runs of white space do not count;
    "&" is "and"; "U.S.", "US" and "USA" are "United States" (likewise "UK", "UN" and
    "EU"); a leading "the" is dropped.

    >>> name_key("The U.S. Department of State") == name_key("United States Department of State")
    True
    >>> name_key("Foreign, Commonwealth & Development Office")
    'foreign commonwealth and development office'
    >>> name_key("Département fédéral des affaires étrangères")
    'departement federal des affaires etrangeres'
    >>> name_key("Organisation  du Traité de l’Atlantique—Nord")
    'organisation du traite de latlantique nord'
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = unicodedata.normalize("NFC", _MARKS.sub("", text)).translate(_LETTERS)
    text = _INITIALS.sub(lambda initials: initials.group().replace(".", ""), text)
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    if text.isascii():
        words = _NOT_ASCII_WORD.sub(" ", text).split()
    else:
        words = "".join(
            char if char.isalnum() or unicodedata.category(char)[0] == "M" else " " for char in text
        ).split()
    words = [_SHORT_FORMS.get(word, word) for word in words]
    if words[:1] == ["the"]:
        words = words[1:]
    key = " ".join(words)
    return key.replace("united states of america", "united states")


# Where titles join their parts: "Press Releases – United States Department of State",
# "Title | News | European Parliament", "Auswärtiges Amt: Pressemitteilungen".
_TITLE_SEPARATORS = re.compile(r"\s+[-\u2010-\u2015\u2212]\s+|\s*\|\s*|:\s+|\s+[·•]\s+")
_TRAILING_INITIALS = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
# Parts of titles that name a page of a site, never an issuer.
_GENERIC_PARTS = frozenset(
    name_key(part)
    for part in (
        "Press releases", "Press release", "Press statements", "Press", "Press room",
        "Press office", "Press and media", "Media", "Media releases", "Media release",
        "Media centre", "Media center", "Newsroom", "News", "News releases", "Latest news",
        "Statements", "Statement", "Speeches", "Speeches and statements", "Readouts",
        "Communiqués", "Home", "Home page", "Homepage", "Feed", "RSS",
        "Communiqués de presse", "Communiqué de presse", "Actualités", "Accueil",
        "Pressemitteilungen", "Medienmitteilungen", "Aktuelles", "Nachrichten", "Startseite",
        "Comunicati stampa", "Comunicati", "Notizie", "Sala stampa",
        "Comunicados de prensa", "Notas de prensa", "Noticias", "Inicio",
    )
)  # fmt: skip


def name_keys(raw: str) -> list[str]:
    """The keys to look up for an issuer string as an input gives it, most specific first.

        The whole string comes first, then its parts between title separators (" – ", " — ",
        " | ", ": ", " - ") from the last to the first, since a title names its site last
        ("Title | News | European Parliament"); parts that name a page of a site ("Press
        releases", "News", "Home") are dropped, and "Name (INITIALS)" gives both. A string
    longer than any title (2,000 characters) gives none.

        >>> name_keys("Press Releases – United States Department of State")
        ['press releases united states department of state', 'united states department of state']
        >>> name_keys("Federal Department of Foreign Affairs (FDFA)")[1:]
        ['federal department of foreign affairs', 'fdfa']
    """
    if len(raw) > _LONGEST_RAW_NAME:
        return []
    keys = [raw]
    parts = [part for part in _TITLE_SEPARATORS.split(raw) if part.strip()]
    if len(parts) > _MOST_PARTS:
        parts = parts[: _MOST_PARTS // 2] + parts[-_MOST_PARTS // 2 :]
    for part in reversed(parts):
        keys.append(part)
        initials = _TRAILING_INITIALS.match(part.strip())
        if initials:
            keys.extend(initials.groups())
    found: list[str] = []
    for text in keys:
        if len(text) > LONGEST_NAME:
            continue
        key = name_key(text)
        if key and key not in _GENERIC_PARTS and key not in found:
            found.append(key)
    return found
