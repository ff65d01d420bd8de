"""A release found in a web page saved as its visible text ("select all, copy", "save as text").

Such a dump holds the release among the site's chrome: cookie banners, menus, breadcrumbs,
share buttons, "related" teasers, contacts and footers. Nothing here knows any one site:

* every line is classed as blank, chrome (known boilerplate in several languages: a hard
  barrier), prose (a sentence) or other (headings, menu items, captions, dates);
* the body is the run of lines with the most prose in it (a maximum-sum run in which prose
  scores its word count, other lines a small penalty, and chrome cannot be crossed);
* the title is the line before the body that the page's first line (its ``<title>``) starts
  with, else the nearest stand-alone heading-like line; the rest of that first line names
  the issuer ("… | News | European Parliament");
* the date is where the text states it: ending the title, on a dateline by the title, or
  opening or closing the body (``store.ingest.datelines``); no date is ever guessed;
* the speaker is the one a "Statement by …" title or opening names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from store.ingest.attribution import issuer_name, speaker_in_opening
from store.ingest.datelines import NUMERIC_DATE, WRITTEN_DATE, release_date
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

_BLANK, _CHROME, _PROSE, _OTHER = "blank", "chrome", "prose", "other"

# A sentence ends in one of these, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# A line this long is running text even when it does not end like a sentence; titles are shorter.
_LONG_LINE_WORDS = 40
# Fewer words than this that end like a sentence are a label ("Read more.") rather than prose.
_MIN_SENTENCE_WORDS = 5
# Less prose than this is not a release.
_MIN_BODY_WORDS = 8

# Whole lines that are site chrome (compared lower-cased, without trailing ":" or "."). Only
# unambiguous phrases: a barrier inside a release would cut it short.
_CHROME_LINE = re.compile(
    r"(share( this( page| article| post| news)?)?( on)?|print( this page)?|tags|topics|keywords"
    r"|related( news| articles| content| links| documents| press releases| topics)?"
    r"|read more|see also|contacts?|(press|media) contacts?|contact us|(for )?further information"
    r"|(for )?more information|home( ?page)?|(main )?menu|search|launch the search|back to top"
    r"|top of page|newsletter|subscribe|sitemap|legal notice|privacy( policy| notice)?"
    r"|cookie policy|accessibility|terms of use|copyright|pdf version|download( pdf)?"
    r"|facebook|twitter|x|linkedin|whatsapp|instagram|youtube|flickr|pinterest|snapchat|reddit"
    r"|telegram|tiktok|mastodon|threads|bluesky|email|e-mail|rss"
    # Italian
    r"|condividi( su| questa pagina)?|stampa|contatti|ufficio stampa|seguici( su)?|leggi anche"
    r"|vedi anche|leggi di più|approfondimenti|notizie correlate|articoli correlati|argomenti"
    r"|mappa del sito|note legali|accessibilità|torna su|cerca|ricerca"
    # French
    r"|partager( cette page| sur)?|imprimer( cette page)?|(à |a )?lire aussi|voir aussi"
    r"|en savoir plus|sur le même sujet|articles? connexes?|contacts? presse|suivez-nous( sur)?"
    r"|plan du site|mentions légales|données personnelles|haut de page|retour en haut( de page)?"
    r"|accueil|rechercher|recherche"
    # German
    r"|(seite )?teilen|(seite )?drucken|das könnte sie auch interessieren|auch interessant"
    r"|mehr zum thema|weitere informationen|verwandte (artikel|themen|inhalte)|kontakt"
    r"|pressekontakt|folgen sie uns|impressum|datenschutz(erklärung)?|barrierefreiheit|nach oben"
    r"|startseite|suche|schlagworte|themen"
    # Spanish
    r"|compartir( en)?|imprimir|(también )?(le|te) puede interesar|noticias relacionadas"
    r"|ver también|leer más|más información|contactos?|contacto de prensa|síguenos( en)?"
    r"|mapa del sitio|aviso legal|política de privacidad|accesibilidad|volver arriba|inicio"
    r"|buscar|etiquetas)"
)
# Starts of short lines that are site chrome whatever follows.
_CHROME_START = re.compile(
    r"(you (might|may) also (like|be interested)|skip to|jump to|go to (the )?(page|content|main)"
    r"|access to (page content|search)|direct access to|open in a new|check out .* on "
    r"|(view|hide) (sub)?menu|change the navigation language|go back to page|current page"
    r"|you are here|sign up for|follow us|all rights reserved|(phone|mobile) number"
    r"|tel\.?:|fax:|e-?mail:|twitter account|contact data|last updated"
    r"|(ti )?potrebbe interessar|salta al contenuto|vai al contenuto|sei (qui|in):"
    r"|tutti i diritti riservati|ultimo aggiornamento|vous pourriez (aussi|également) être"
    r"|aller au contenu|passer au contenu|vous êtes ici|tous droits réservés|mis à jour le"
    r"|zum (haupt)?inhalt|direkt zum|sie sind hier|alle rechte vorbehalten|zuletzt aktualisiert"
    r"|saltar al contenido|ir al contenido|(usted )?está (usted )?en:|todos los derechos"
    r"|última actualización)"
)
_CHROME_START_MAX_WORDS = 15
# A cookie notice mentions cookies and the site itself or the reader's consent; a release
# about cookie rules does neither.
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(this|our) (web)?site|\bwe use|accept|agree|consent|questo sito|utilizziamo|accett"
    r"|acconsent|\b(ce|notre) site|nous utilisons|diese (web)?seite|diese website|wir verwenden"
    r"|akzept|zustimm|einverstanden|este sitio|nuestr[oa] (sitio|web)|utilizamos|usamos|acept",
    re.IGNORECASE,
)
_COOKIE_MAX_WORDS = 60
# "DE - Deutsch": an item of a language menu; chrome only when the page has a menu of them.
_LANGUAGE_ITEM = re.compile(r"[A-Z]{2}\s+[-–]\s+\S.{0,30}")
_LANGUAGE_MENU_MIN = 5
# "Home > Press room > Releases": a breadcrumb trail.
_BREADCRUMB = re.compile(r"[^>›»]{1,60}(\s[>›»]\s[^>›»]{1,60}){2,}")
# Separators between the parts of a page's <title> ("Title | News | Site", "Title - Site").
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_MAX_SOURCE_WORDS = 12
# A body's first line this short, with no heading before it, is the title ("Talks in Rome.").
_MAX_OPENING_TITLE_WORDS = 20
# Longer headings are more title-like than bylines and labels; this much per word, up to a cap.
_HEADING_WORD_WEIGHT, _HEADING_WORD_CAP = 0.25, 20
# Lines of the page before its title that may carry the date ("25/11/2022" above a headline).
_DATE_LINES_BEFORE_TITLE = 3
# Lines after the body that may close it with a dateline ("New Delhi" / "May 15, 2020").
_LINES_AFTER_BODY = 2
# A dump hard-wrapped at a width up to this ("save as text" in some browsers) is unwrapped.
_MAX_WRAP_WIDTH = 100
# Fewer wrapped lines than this and a short page is only short, not wrapped.
_MIN_WRAPPED_LINES = 3


@dataclass(frozen=True)
class _Page:
    """The page's lines (stripped) and the class of each."""

    lines: list[str]
    kinds: list[str]


def parse_page_text(text: str, filename: str = "") -> ParsedRelease:
    """Find the title, date, issuer and body of the release in a page's visible text.

    Raises ``UnreadableFile`` when the text holds no release (empty, or only site chrome).
    """
    if not text.strip():
        raise UnreadableFile("The page text is empty.")
    page = _classify(text)
    run = _best_run(page, 0)
    if run is None:
        raise UnreadableFile("No release text was found among the page's menus and notices.")
    title_index, title, source = _choose_title(page, run)
    if title_index is not None and title_index >= run[0]:
        # The title ends like a sentence or opens the run: the body starts after it.
        run = _best_run(page, title_index + 1)
        if run is None:
            raise UnreadableFile("The page has a title but no release text after it.")
    paragraphs = _paragraphs(page, *run)
    title = title or Path(filename).stem or _first_words(paragraphs[0])
    title = " ".join(title.split())
    date = _find_date(page, title_index, title, run[0], paragraphs + _after_body(page, run[1]))
    speaker = speaker_in_opening(title) or speaker_in_opening(paragraphs[0])
    issuer = issuer_name(source)
    # A dump has no metadata: whatever it gives was read from its text.
    found = {"date": date, "issuer": issuer, "speaker": speaker}
    return ParsedRelease(
        title=title,
        body_markdown=paragraphs_to_markdown(paragraphs),
        date=date,
        source=source,
        raw=text,
        raw_format="page-text",
        issuer=issuer,
        speaker=speaker,
        found_in_text=frozenset(name for name, value in found.items() if value),
    )


def _choose_title(page: _Page, run: tuple[int, int]) -> tuple[int | None, str | None, str | None]:
    """(line index, title, issuer) of the release, from the best evidence the page offers.

    In order: a line repeating the page's <title>; the best heading before the body; the
    <title> itself; a short first line of the body (a title ending in a full stop).
    """
    readings = _head_readings(page)
    index, source = _title_matching_head(page, readings, run)
    if index is None:
        index = _heading_before(page, run[0])
    if index is None and readings:
        # Only the page's <title> names the release; its shortest reading is the safest.
        return None, *readings[-1]
    if index is None and _word_count(page.lines[run[0]]) <= _MAX_OPENING_TITLE_WORDS:
        index = run[0]
    return index, page.lines[index] if index is not None else None, source


def _classify(text: str) -> _Page:
    """Strip every line and class it as blank, chrome, prose or other."""
    lines = _unwrap([line.strip() for line in text.splitlines()])
    menu_items = sum(1 for line in lines if _LANGUAGE_ITEM.fullmatch(line))
    kinds = []
    for line in lines:
        if not line:
            kinds.append(_BLANK)
        elif _is_chrome(line) or (
            menu_items >= _LANGUAGE_MENU_MIN and _LANGUAGE_ITEM.fullmatch(line)
        ):
            kinds.append(_CHROME)
        elif _is_prose(line):
            kinds.append(_PROSE)
        else:
            kinds.append(_OTHER)
    return _Page(lines, kinds)


def _unwrap(lines: list[str]) -> list[str]:
    """Rejoin the lines of a dump hard-wrapped at a fixed width; other dumps are left alone.

    A line was wrapped when the next line's first word would not have fitted on it.
    """
    width = max((len(line) for line in lines if " " in line), default=0)
    if width > _MAX_WRAP_WIDTH:
        return lines

    def wrapped(line: str, following: str) -> bool:
        return bool(line and following) and len(line) + 1 + len(following.split()[0]) > width

    pairs = list(zip(lines, lines[1:] + [""], strict=True))
    if sum(wrapped(line, following) for line, following in pairs) < _MIN_WRAPPED_LINES:
        return lines
    joined: list[str] = []
    glue = False
    for line, following in pairs:
        if glue:
            joined[-1] += " " + line
        else:
            joined.append(line)
        glue = wrapped(line, following)
    return joined


def _word_count(line: str) -> int:
    """Words with at least one letter or digit ("–" and "|" are not words)."""
    return sum(1 for token in line.split() if any(ch.isalnum() for ch in token))


def _is_chrome(line: str) -> bool:
    """Whether a line is site chrome: boilerplate phrase, social network, cookie notice."""
    lowered = " ".join(line.lower().split())
    words = _word_count(line)
    if _CHROME_LINE.fullmatch(lowered.rstrip(" :.…")) or _BREADCRUMB.fullmatch(lowered):
        return True
    if words <= _CHROME_START_MAX_WORDS and _CHROME_START.match(lowered):
        return True
    return words <= _COOKIE_MAX_WORDS and bool(_COOKIE.search(line)) and bool(_CONSENT.search(line))


def _is_prose(line: str) -> bool:
    """Whether a line reads as running text: a sentence, or too long to be a heading."""
    words = _word_count(line)
    if words >= _LONG_LINE_WORDS:
        return True
    return words >= _MIN_SENTENCE_WORDS and bool(_SENTENCE_END.search(line))


def _line_score(line: str, kind: str) -> float:
    """Prose earns its words; headings, captions and menu items cost a little."""
    if kind == _PROSE:
        return _word_count(line)
    if kind == _OTHER:
        return -(2 + _word_count(line) / 3)
    return 0.0


def _best_run(page: _Page, start: int) -> tuple[int, int] | None:
    """The maximum-score run of lines from ``start`` on that crosses no chrome (inclusive ends)."""
    best: tuple[float, int, int] | None = None
    total, run_start = 0.0, start
    for index in range(start, len(page.lines)):
        kind = page.kinds[index]
        if kind == _CHROME:
            total, run_start = 0.0, index + 1
            continue
        total += _line_score(page.lines[index], kind)
        if total <= 0:
            total, run_start = 0.0, index + 1
        elif best is None or total > best[0]:
            best = (total, run_start, index)
    if best is None or best[0] < _MIN_BODY_WORDS:
        return None
    # The run may open on blanks or on a line that scored nothing; start on its first prose.
    first = next(i for i in range(best[1], best[2] + 1) if page.kinds[i] == _PROSE)
    return first, best[2]


def _head_readings(page: _Page) -> list[tuple[str, str | None]]:
    """(title, issuer) readings of a first line that looks like a ``<title>``, longest first.

    "Ukraine – Statement | News | Parliament" reads as ("Ukraine – Statement | News",
    "Parliament"), ("Ukraine – Statement", "Parliament") and ("Ukraine", "Parliament"): which
    one the page repeats as its heading decides. An issuer too long to be a name is None.
    """
    first = next((i for i, kind in enumerate(page.kinds) if kind != _BLANK), None)
    if first is None or page.kinds[first] == _CHROME:
        return []
    line = page.lines[first]
    readings = []
    for separator in reversed(list(_TITLE_SEPARATOR.finditer(line))):
        title, rest = line[: separator.start()], line[separator.end() :]
        source = _TITLE_SEPARATOR.split(rest)[-1]
        if _looks_like_title(title):
            readings.append((title, source if _word_count(source) <= _MAX_SOURCE_WORDS else None))
    return readings


def _normalise(line: str) -> str:
    """Case, spacing and trailing punctuation do not make two headings different."""
    return " ".join(line.casefold().split()).rstrip(" .:")


def _title_matching_head(
    page: _Page, readings: list[tuple[str, str | None]], run: tuple[int, int]
) -> tuple[int | None, str | None]:
    """The line repeating the page's <title>, and the issuer that <title> names.

    The last such line before the body wins, else the first inside it; (None, None) if the
    page nowhere repeats any reading of its <title>.
    """
    for title, source in readings:
        wanted = _normalise(title)
        matches = [i for i in range(run[1] + 1) if _normalise(page.lines[i]) == wanted]
        before = [i for i in matches if i < run[0]]
        if before:
            return before[-1], source
        if matches:
            return matches[0], source
    return None, None


def _heading_before(page: _Page, body_start: int) -> int | None:
    """The most title-like line before the body: stand-alone, repeated, long, near the body."""
    best: tuple[float, int] | None = None
    distance = 0
    for index in range(body_start - 1, -1, -1):
        kind, line = page.kinds[index], page.lines[index]
        if kind == _BLANK:
            continue
        distance += 1
        if kind != _OTHER or not _looks_like_title(line):
            continue
        alone = _is_blank(page, index - 1) and _is_blank(page, index + 1)
        repeated = page.lines.count(line) > 1
        length = _HEADING_WORD_WEIGHT * min(_word_count(line), _HEADING_WORD_CAP)
        score = 2.0 * alone + 3.0 * repeated + length - 0.2 * distance
        if best is None or score > best[0]:
            best = (score, index)
    return best[1] if best else None


def _is_blank(page: _Page, index: int) -> bool:
    """Whether the line at ``index`` is blank or beyond either end of the page."""
    return not 0 <= index < len(page.lines) or page.kinds[index] == _BLANK


def _looks_like_title(line: str) -> bool:
    """A heading of a few words that is not a caption, a label or a dateline."""
    words = _word_count(line)
    if not 3 <= words < _LONG_LINE_WORDS or "©" in line or line.endswith(":"):
        return False
    dates = NUMERIC_DATE.sub(" ", WRITTEN_DATE.sub(" ", line))
    return _word_count(dates) >= 3


def _find_date(
    page: _Page, title_index: int | None, title: str, body_start: int, paragraphs: list[str]
) -> str | None:
    """The release's date as the text states it: ending its title, on a dateline near it,
    opening or closing the body (``store.ingest.datelines`` weighs the places)."""
    top = title_index + 1 if title_index is not None else body_start
    bottom = title_index if title_index is not None else body_start
    above = [line for line in reversed(page.lines[:bottom]) if line][:_DATE_LINES_BEFORE_TITLE]
    between = [line for line in page.lines[top:body_start] if line]
    return release_date(title, between, above, paragraphs)


def _after_body(page: _Page, body_end: int) -> list[str]:
    """The lines just after the body, up to the site's chrome: a closing dateline stands
    there ("December 6, 2021, Minsk" scores as no prose)."""
    after: list[str] = []
    for line, kind in zip(page.lines[body_end + 1 :], page.kinds[body_end + 1 :], strict=True):
        if kind == _CHROME or len(after) == _LINES_AFTER_BODY:
            break
        if kind != _BLANK:
            after.append(line)
    return after


def _paragraphs(page: _Page, start: int, end: int) -> list[str]:
    """The body's paragraphs, one per non-blank line, without photo captions and credits."""
    return [
        line
        for line, kind in zip(page.lines[start : end + 1], page.kinds[start : end + 1], strict=True)
        if kind == _PROSE or (kind == _OTHER and "©" not in line)
    ]


def _first_words(paragraph: str, count: int = 12) -> str:
    """A stand-in title for a page that shows none: the body's opening words."""
    words = paragraph.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
