"""Who issued a release and who speaks in it, as one line of text each, or None.

Every parser hands its issuer through ``issuer_name`` and its speaker through ``speaker_name``:
a name is one line of plain text of at most ``MAX_ISSUER_CHARS`` (200) or ``MAX_SPEAKER_CHARS``
(300: a feed's creator may list three people with their titles) characters. A longer value (a
paragraph pasted into an "issuer" column, a page's whole description in its author tag) names
no one and is left out, not cut short: a cut name would be a name nobody wrote. The record's
raw text keeps it.

``speaker_in_opening`` reads the speaker a title or a first sentence names ("Statement by the
High Representative on …", "Remarks by Secretary Blinken at …", "Foreign Secretary statement
on …"), in English and in the main languages of European ministries.
"""

from __future__ import annotations

import html
import re

MAX_ISSUER_CHARS = 200
MAX_SPEAKER_CHARS = 300
# More words than this after "Statement by" is a sentence, not a name.
_MAX_SPEAKER_WORDS = 12
# A CMS account ("webadmin", "editor2", "j.smith") is who typed the page in, not who speaks.
_ACCOUNT_NAME = re.compile(r"[a-z0-9._@-]+")

# "Statement by", "Remarks of", "Déclaration de", "Erklärung von", "Заява …" and their kin,
# at the start of a title or sentence, optionally after a topic ("Iran: Statement by …").
_KINDS = (
    r"(?:(?:joint|press|opening|closing|introductory|keynote|video|written)\s+)?"
    r"(?:statement|remarks|speech|address|declaration|message|intervention|readout|briefing)"
    r"\s+(?:by|of|from)"
    r"|(?:déclaration|discours|allocution|intervention|message)\s+(?:de\s+la|de\s+l'|des|du|de)"
    r"|(?:erklärung|rede|statement|grußwort)\s+(?:von|des|der)"
    r"|(?:dichiarazione|intervento|discorso|messaggio)\s+(?:della|dello|dell'|del|di)"
    r"|(?:declaración|discurso|intervención|mensaje|comunicado)\s+(?:de\s+la|del|de)"
    r"|заява|заявление|звернення|обращение"
)
_OPENING = re.compile(
    rf"^(?:[^:–—]{{1,60}}[:–—]\s*)?(?:{_KINDS})\s+(?P<who>.+)$", re.IGNORECASE | re.DOTALL
)
# "Foreign Secretary statement on …", "Prime Minister's statement following …".
_WHO_STATEMENT = re.compile(
    r"^(?P<who>(?:[A-Z][\w.’'-]*\s+){0,5}[A-Z][\w.-]*?)(?:['’]s)?\s+statement\s+"
    r"(?:on|about|following|after|regarding|at|to)\b"
)
# Words that qualify a statement rather than name its speaker ("Joint statement on …").
_NOT_SPEAKERS = {
    "joint", "press", "written", "ministerial", "final", "common", "official", "opening",
    "closing", "national", "public", "new", "full", "short",
}  # fmt: skip
# Where a speaker's name ends: the subject, the place, the occasion.
_NAME_END = re.compile(
    r"\s+(?:on\s+behalf\s+of|on|at|regarding|concerning|following|about|after|ahead\s+of"
    r"|during|to\s+mark|to|in|before|upon|with\s+regard"
    r"|sur|à\s+l'occasion|concernant|au\s+sujet|lors|à|au|aux|après|suite|devant"
    r"|zu|zum|zur|anlässlich|über|bei|nach|vor"
    r"|su|sul|sulla|sui|sulle|in\s+occasione|al|alla|in\s+merito|riguardo|dopo|durante"
    r"|sobre|en|con\s+motivo|ante|tras|acerca|al"
    r"|щодо|з\s+приводу|у\s+зв['’]язку|про|стосовно|з\s+нагоди|по|в\s+связи|относительно|о|об)\b"
    r"|\s*[:(\[–—]|\s+-\s+|\.$|;",
    re.IGNORECASE,
)


def issuer_name(value: str | None) -> str | None:
    """An issuer's name as one line of plain text, or None when empty or too long to be one.

    >>> issuer_name("  Press Releases &#8211;  United States Department of State ")
    'Press Releases – United States Department of State'
    >>> issuer_name("x" * 500) is None
    True
    """
    return _one_line(value, MAX_ISSUER_CHARS)


def speaker_name(value: str | None) -> str | None:
    """A speaker's name as one line, or None when empty, too long, or a CMS account
    ("webadmin", "editor2": who typed the page in, not who speaks)."""
    name = _one_line(value, MAX_SPEAKER_CHARS)
    if name is None or _ACCOUNT_NAME.fullmatch(name):
        return None
    return name


def _one_line(value: str | None, limit: int) -> str | None:
    if not value:
        return None
    text = " ".join(html.unescape(value).split()).strip(" ,;|")
    return text if text and len(text) <= limit else None


def speaker_in_opening(text: str) -> str | None:
    """The speaker a title or opening sentence names, or None when it names none.

    >>> speaker_in_opening("Iran: Statement by the High Representative on behalf of the EU on X")
    'High Representative'
    >>> speaker_in_opening("Joint statement on the humanitarian situation in the Sahel") is None
    True
    """
    text = " ".join(text.split())
    if match := _OPENING.match(text):
        who = _NAME_END.split(match["who"], maxsplit=1)[0]
    elif (match := _WHO_STATEMENT.match(text)) and match["who"].split()[0].lower() not in (
        _NOT_SPEAKERS
    ):
        who = match["who"]
    else:
        return None
    who = re.sub(r"^the\s+", "", who.strip(" ,"), flags=re.IGNORECASE)
    if not who or len(who.split()) > _MAX_SPEAKER_WORDS or not any(c.isupper() for c in who):
        return None
    return speaker_name(who)
