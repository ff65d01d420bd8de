"""Importing REFI-QDA files: a ``.qdc`` codebook, or a ``.qdpx`` project with its texts.

``store.ingest.refi_qda`` reads the file; this module saves what it read.

* Codes become tags, merged by name whatever its case: a tag that exists keeps its colour,
  parent and description; a new one takes the code's (nested codes become sub-tags).
* Each ``TextSource`` becomes a release: title from its ``name``, body from its plain text
  (paragraphs at blank lines). A source written by ``store.export.refi_qda`` carries its
  release's identity, so it maps back onto that release, never a duplicate, and the store's
  own text and metadata are kept. Another tool's source is known by its GUID on re-import.
* Each ``PlainTextSelection`` becomes a highlight with the tags of its codings and its note
  (from a ``NoteRef``, else its ``Description``). Positions count code points of the
  source's text (``store.export.refi_qda`` explains why), or as the tool a project was
  written for counts them (``store.refi_qda_tools``). Where the release's canonical
  text is not the source text character for character (another tool's CRLF line breaks,
  white space the store collapses, a release revised since the export), the selection is
  placed by its quote instead; one that cannot be found is reported, not guessed.
* A selection identical to an existing highlight (same place, tags and note) is skipped, so
  importing a file twice changes nothing.

One file is one transaction: it is imported whole or not at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from pathlib import Path

from store.anchoring import find_quote, reanchor, selector_for
from store.changes import Changes
from store.db import Store
from store.highlights import add_highlight, highlights_of_release
from store.ingest.refi_qda import ParsedCode, ParsedSelection, ParsedSource, read_refi
from store.issuers import IssuerResolver
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.refi_qda_format import (
    DATE,
    IDENTITY,
    ISSUER,
    LANGUAGE,
    ORIGIN,
    SOURCE,
    SPEAKER,
    URL,
)
from store.refi_qda_tools import CODE_POINTS, UTF16, Convention, convention_of_origin
from store.release_saving import release_identity, save_release
from store.releases import get_release
from store.tags import TagError, create_tag, find_tag

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class RefiImportResult:
    """What an import did. ``problems`` lists, one sentence each, what was left out."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    highlights_added: int = 0
    tags_added: int = 0
    problems: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def import_refi(store: Store, path: str | Path) -> RefiImportResult:
    """Import a ``.qdc`` codebook or a ``.qdpx`` project; raises UnreadableFile for a bad
    file, leaving the store as it was."""
    project = read_refi(path)
    result = RefiImportResult()
    with store.write():
        code_tags = _import_codebook(store, project.codes, result)
        saving = _ProjectImport(
            store, code_tags, result, str(path), convention_of_origin(project.origin)
        )
        for source in project.sources:
            saving.text_source(source)
    if project.other_sources:
        result.problems.append(
            f"{project.other_sources} non-text source(s) (PDF, pictures, media) were left out."
        )
    return result


def _import_codebook(
    store: Store, codes: tuple[ParsedCode, ...], result: RefiImportResult
) -> dict[str, int]:
    """Merge the codes into the codebook; returns code GUID → tag id."""
    code_tags: dict[str, int] = {}

    def merge(codes: tuple[ParsedCode, ...], parent_id: int | None) -> None:
        for code in codes:
            existing = find_tag(store, " ".join(code.name.split())) if code.name.strip() else None
            tag_id = existing.id if existing else None
            if tag_id is None:
                try:
                    changes = create_tag(store, code.name, code.colour, parent_id, code.description)
                except TagError as error:
                    result.problems.append(f"Code {code.name!r} was left out: {error}")
                    merge(code.children, parent_id)
                    continue
                tag_id = changes.created
                result.tags_added += 1
                result.changes |= changes
            code_tags[code.guid] = tag_id
            merge(code.children, tag_id)

    merge(codes, None)
    return code_tags


@dataclass
class _ProjectImport:
    store: Store
    code_tags: dict[str, int]  # code GUID → tag id
    result: RefiImportResult
    origin: str
    # How positions count, when this program wrote the project (for a tool or not); None
    # for another tool's project, whose positions are placed as _readings guesses.
    convention: Convention | None
    # One look-up of the store's issuers for the whole project (its one transaction), not
    # one per source.
    issuers: IssuerResolver = field(init=False)

    def __post_init__(self) -> None:
        self.issuers = IssuerResolver(self.store.conn)

    def _problem(self, sentence: str) -> None:
        self.result.problems.append(sentence)

    def text_source(self, source: ParsedSource) -> None:
        if source.text is None:
            self._problem(f"Source “{source.name}” was left out: its text is not in the file.")
            return
        release_id, release_text = self._release_for(source, source.text)
        self._selections(source, source.text, release_id, release_text)
        if source.coded_whole:
            self._problem(
                f"Codes on the whole of “{source.name}” were left out: tags go on passages."
            )

    def _release_for(self, source: ParsedSource, text: str) -> tuple[int, str]:
        """The release this source is, saved if new; returns its id and canonical text.

        A release this program exported is found by its identity and left as the store has
        it: the store's text and metadata win over the copy in the file.
        """
        values = source.values
        identity = values.get(IDENTITY, "")
        if identity:
            row = self.store.conn.execute(
                "SELECT id, text FROM releases WHERE identity = ?", (identity,)
            ).fetchone()
            if row is not None:
                self.result.unchanged += 1
                return row[0], row[1]
        normalised = text.replace("\r\n", "\n").replace("\r", "\n")
        date = values.get(DATE, "")
        parsed = ParsedRelease(
            title=source.name,
            body_markdown=paragraphs_to_markdown(_PARAGRAPH_BREAK.split(normalised)),
            date=date if _ISO_DATE.match(date) else None,
            source=values.get(SOURCE) or None,
            url=values.get(URL) or None,
            language=values.get(LANGUAGE) or None,
            issuer=values.get(ISSUER) or None,
            speaker=values.get(SPEAKER) or None,
            raw=text,
            raw_format="refi-qda",
        )
        if identity:
            parsed = _restore_identity(parsed, identity)
        else:  # another tool's source: its GUID maps a re-import onto the same release
            parsed = replace(parsed, identity=source.guid or None)
        saved = save_release(self.store, parsed, self.origin, issuers=self.issuers)
        setattr(self.result, saved.outcome, getattr(self.result, saved.outcome) + 1)
        self.result.changes |= saved.changes
        return saved.release_id, get_release(self.store, saved.release_id).text

    def _selections(
        self, source: ParsedSource, text: str, release_id: int, release_text: str
    ) -> None:
        existing = {
            (h.start, h.end, frozenset(t.id for t in h.tags), h.note, h.coder)
            for h in highlights_of_release(self.store, release_id, include_orphans=False)
        }
        unknown_codes = lost = 0
        for selection in source.selections:
            tag_ids = []
            for code_guid in selection.code_guids:
                tag_id = self.code_tags.get(code_guid)
                if tag_id is None:
                    unknown_codes += 1
                elif tag_id not in tag_ids:
                    tag_ids.append(tag_id)
            span = _place(
                release_text,
                _readings(text, selection.start, selection.end, self.convention),
                selection.name,
            )
            if span is None:
                lost += 1
                continue
            coder = _coder_of(selection, self.store.coder)
            key = (span[0], span[1], frozenset(tag_ids), selection.note, coder)
            if key in existing:
                continue
            self.result.changes |= add_highlight(
                self.store, release_id, span[0], span[1], tag_ids, selection.note, coder
            )
            existing.add(key)
            self.result.highlights_added += 1
        name = source.name
        if lost:
            self._problem(f"{lost} selection(s) in “{name}” were left out: not found in the text.")
        if unknown_codes:
            self._problem(f"{unknown_codes} coding(s) in “{name}” name no code of the codebook.")


def _coder_of(selection: ParsedSelection, importer: str) -> str:
    """Whose highlight a selection becomes: the project's user who made it, else the analyst
    importing it. The user this program names itself after made the highlights of a store
    that recorded no coder, and they become unnamed again."""
    if not selection.coder:
        return importer
    return "" if selection.coder == ORIGIN else selection.coder


def _restore_identity(parsed: ParsedRelease, identity: str) -> ParsedRelease:
    """The record whose ``release_identity`` is ``identity``, so that a release exported
    from one store keeps its identity in another (and later imports find it)."""
    candidates: list[str | None] = [None]
    if identity.startswith("id:"):
        own = identity[3:]
        scope = f"{(parsed.source or '').strip().lower()}:"
        candidates = [own, own.removeprefix(scope), None]
    for candidate in candidates:
        trial = replace(parsed, identity=candidate)
        if release_identity(trial) == identity:
            return trial
    return replace(parsed, identity=identity)


def _readings(
    source_text: str, start_at: int | None, end_at: int | None, convention: Convention | None
) -> list[tuple[str, int, int]]:
    """The ways ``start_at``/``end_at`` may count ``source_text``, most likely first: each
    the text positions count in and the selection's code point offsets in it.

    A project this program wrote names its convention, which is the one reading. For
    another tool's, a CRLF may count two positions (the file as written) or one, and an
    emoji outside the Basic Multilingual Plane one position (code points) or two (UTF-16):
    each way that makes a difference in this text is a reading.
    """
    if start_at is None or end_at is None:
        return []
    if convention is not None:
        ways = [convention]
    else:
        widths = (2, 1) if "\r\n" in source_text else (2,)
        astral = any(ord(c) > 0xFFFF for c in source_text)
        units = (CODE_POINTS, UTF16) if astral else (CODE_POINTS,)
        ways = [Convention("", "", "\r\n", w, u, "") for u in units for w in widths]
    readings = []
    for way in ways:
        text, offset = way.offsets(source_text)
        start, end = offset(start_at), offset(end_at)
        if start is not None and end is not None:
            readings.append(_without_cr(text, start, end))
    return readings


def _without_cr(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A reading with each CRLF made the LF a release's text has, its offsets moved to
    match, so that a selection is placed by the same quote whatever line breaks the file
    had."""
    if "\r\n" not in text:
        return text, start, end
    carriage_returns = [i for i, c in enumerate(text) if c == "\r" and text[i + 1 : i + 2] == "\n"]
    return (
        text.replace("\r\n", "\n"),
        start - bisect_left(carriage_returns, start),
        end - bisect_left(carriage_returns, end),
    )


def _place(
    release_text: str, readings: list[tuple[str, int, int]], name: str = ""
) -> tuple[int, int] | None:
    """Where a selection read one of ``readings`` ways is in the release's text, or None.

    With several readings, the selection's ``name`` (most tools write the coded text there)
    decides; without one, the first reading is taken.
    """
    if len(readings) > 1:
        hinted = [r for r in readings if name.split() == r[0][r[1] : r[2]].split()]
        readings = hinted[:1] or readings[:1]
    if not readings:
        return None
    text, start_at, end_at = readings[0]
    if not 0 <= start_at < end_at <= len(text) or not text[start_at:end_at].strip():
        return None
    if release_text == text:
        return start_at, end_at
    selector = selector_for(text, start_at, end_at)
    placed = reanchor(release_text, selector)
    if placed is not None:
        return placed.start, placed.end
    # White space differs (CRLF, collapsed runs): match the words, nearest to where it was.
    best, number = None, 1
    while (found := find_quote(release_text, selector.quote, number)) is not None:
        if best is None or abs(found[0] - start_at) < abs(best[0] - start_at):
            best = found
        number += 1
    return best
