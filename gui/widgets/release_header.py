"""The block above the reader's text: the release's title; issuer · speaker · date · language,
each a link to correct it; the original's link; for a revised release, a link to compare its
versions."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QCursor, QDesktopServices, QPalette
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from gui.names import language_name
from gui.widgets.reader_view import is_openable
from store.attribution import ANALYST, DETECTED, FIELDS, SOURCE, TEXT, Attribution
from store.releases import Release

COMPARE_LINK = "communique:compare-versions"  # the header's own link, never a web address
VERSION_LINK = "communique:version:"  # + a release id: another language version, read
SIDE_BY_SIDE_LINK = "communique:side-by-side"  # the release beside another language version
LEAVE_STATEMENT_LINK = "communique:not-the-same-statement"  # take it out of its statement
VERSIONS_NAMED = 8  # language versions linked by name; the rest are counted
CORRECT_LINK = "communique:correct:"  # + a field: the header's own links to correct one
# Where a value came from, as its tooltip says it; a value the program found rather than
# read in the source's own metadata is shown lighter.
ORIGIN_TIPS = {
    SOURCE: "as the source gives it",
    TEXT: "found in the text",
    DETECTED: "detected from the text",
    ANALYST: "set by hand",
}
FOUND = frozenset({TEXT, DETECTED})


class ReleaseHeader(QLabel):
    """Title; issuer · speaker · date · language; the original link; for a revised release,
    a link to compare its versions.

    Each of the four values is a link that asks to correct it (a click, or Tab to it and
    Enter); a value found in the text or detected rather than given by the source is
    lighter, and its tooltip says so.
    """

    compareVersionsRequested = Signal()
    versionRequested = Signal(int)  # noqa: N815 (Qt's style): another language version
    sideBySideRequested = Signal()  # noqa: N815
    leaveStatementRequested = Signal()  # noqa: N815 (Qt's style): not the same statement
    correctionRequested = Signal(str)  # noqa: N815 (Qt's style): the field to correct

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseHeader")
        self.setAccessibleName("Release details")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.linkActivated.connect(self._link_activated)
        self.linkHovered.connect(self._link_hovered)
        self.setContentsMargins(12, 8, 12, 6)
        self._release: Release | None = None
        self._earlier = 0
        self._attribution: Attribution | None = None
        self._versions: list[tuple[int, str | None]] = []  # the other language versions
        self.show_release(None)

    def show_release(
        self,
        release: Release | None,
        earlier_versions: int = 0,
        attribution: Attribution | None = None,
    ) -> None:
        self._release, self._earlier, self._attribution = release, earlier_versions, attribution
        self._versions = []
        self._show()

    def show_versions(self, versions: list[tuple[int, str | None]]) -> None:
        """The release's other language versions, as (release id, language): "Also in: FR ·
        IT — side by side · not the same statement", each a link."""
        self._versions = versions
        self._show()

    def show_attribution(self, attribution: Attribution | None) -> None:
        """Who said it, read again after a correction; the rest stays as it is."""
        self._attribution = attribution
        self._show()

    def value_tip(self, field: str) -> str:
        """What the tooltip of one of the four values says."""
        attribution = self._attribution
        origin = attribution.origins.get(field) if attribution else None
        if origin is None:
            return f"No {field} known: click to set it"
        return f"{field.capitalize()}, {ORIGIN_TIPS[origin]} — click to correct"

    def _show(self) -> None:
        release = self._release
        if release is None:
            self.setText("<i>Pick a release in the list to read it.</i>")
            return
        details = self._values()
        if release.url and is_openable(QUrl(release.url)):
            href = html.escape(release.url, quote=True)
            details.append(f'<a href="{href}">original ↗</a>')
        if self._earlier:
            plural = "s" if self._earlier != 1 else ""
            details.append(
                f'<a href="{COMPARE_LINK}">{self._earlier} earlier version{plural} — compare</a>'
            )
        if self._versions:
            details.append(self._versions_line())
        size = "15pt" if len(release.title) < 90 else "12.5pt"  # long titles: fewer lines
        self.setText(
            f'<div style="font-size:{size}; font-weight:600">{html.escape(release.title)}</div>'
            f'<div style="margin-top:3px">{" · ".join(details)}</div>'
        )

    def _values(self) -> list[str]:
        """The four values as links in the text's own colour; found ones lighter, absent
        ones (but the issuer and the date) left out: the ✎ link sets any of them."""
        attribution, release = self._attribution, self._release
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        light = _between(text, palette.color(QPalette.ColorRole.Window))
        shown = {
            "issuer": attribution.issuer if attribution else release.issuer,
            "speaker": attribution.speaker if attribution else release.speaker,
            "date": attribution.date if attribution else release.date,
            "language": attribution.language if attribution else release.language,
        }
        values = []
        for field in FIELDS:
            value = shown[field]
            if value is None and field in ("speaker", "language"):
                continue
            words = language_name(value) if field == "language" and value else value
            origin = attribution.origins.get(field) if attribution else None
            colour = (light if origin in FOUND or value is None else text).name()
            style = f"color:{colour}; text-decoration:none"
            if origin in FOUND:
                style += "; font-style:italic"
            label = html.escape(words or _MISSING[field])
            values.append(f'<a href="{CORRECT_LINK}{field}" style="{style}">{label}</a>')
        values.append(
            f'<a href="{CORRECT_LINK}issuer" style="color:{light.name()}; '
            'text-decoration:none" title="Correct">✎</a>'
        )
        return values

    def _versions_line(self) -> str:
        named = [
            f'<a href="{VERSION_LINK}{release_id}">{html.escape((language or "?").upper())}</a>'
            for release_id, language in self._versions[:VERSIONS_NAMED]
        ]
        more = len(self._versions) - VERSIONS_NAMED
        counted = f" and {more} more" if more > 0 else ""
        return (
            f"Also in: {' · '.join(named)}{counted} — "
            f'<a href="{SIDE_BY_SIDE_LINK}">side by side</a> · '
            f'<a href="{LEAVE_STATEMENT_LINK}">not the same statement</a>'
        )

    def _link_activated(self, link: str) -> None:
        if link == COMPARE_LINK:
            self.compareVersionsRequested.emit()
        elif link == SIDE_BY_SIDE_LINK:
            self.sideBySideRequested.emit()
        elif link == LEAVE_STATEMENT_LINK:
            self.leaveStatementRequested.emit()
        elif link.startswith(VERSION_LINK) and link[len(VERSION_LINK) :].isdigit():
            self.versionRequested.emit(int(link[len(VERSION_LINK) :]))
        elif link.startswith(CORRECT_LINK) and link[len(CORRECT_LINK) :] in FIELDS:
            self.correctionRequested.emit(link[len(CORRECT_LINK) :])
        else:
            _open_if_web(QUrl(link))

    def _link_hovered(self, link: str) -> None:
        field = link[len(CORRECT_LINK) :] if link.startswith(CORRECT_LINK) else None
        if field in FIELDS:
            QToolTip.showText(QCursor.pos(), self.value_tip(field), self)
        else:
            QToolTip.hideText()


_MISSING = {"issuer": "issuer unknown", "speaker": "", "date": "undated", "language": ""}


def _between(ink: QColor, paper: QColor, share: float = 0.55) -> QColor:
    """A colour ``share`` of the way from paper to ink: text that reads as secondary on
    either palette (the palette's placeholder colour is often ink made transparent, which a
    rich-text colour cannot carry)."""
    return QColor.fromRgbF(
        *(paper_part + (ink_part - paper_part) * share
          for ink_part, paper_part in zip(ink.getRgbF()[:3], paper.getRgbF()[:3], strict=True))
    )  # fmt: skip


def _open_if_web(url: QUrl) -> None:
    if is_openable(url):
        QDesktopServices.openUrl(url)
