"""Undoable changes to issuers and to who said a release, when, and in what language.

Each issuer change keeps the ``IssuerSnapshot`` the store returns and undoes by
``restore_issuers``; a redo after an undo puts back what the change had made (the same
issuer ids, so operations further up the stack still refer to the right issuer) rather than
making it anew. A correction of a release keeps its attribution before, and undoes by
``restore_attribution``; an issuer it created by naming a new one goes with the undo.
"""

from __future__ import annotations

import json

from gui.operations.undoable import UndoableOperation
from store import issuer_changes as issuer_store
from store.attribution import FIELDS, correct_release, release_attribution, restore_attribution
from store.changes import Changes
from store.issuer_changes import IssuerSnapshot, restore_issuers, snapshot_issuers
from store.issuers import Issuer, find_issuer

NOTHING = IssuerSnapshot((), (), (), ())


class _IssuerChange(UndoableOperation):
    """A change to issuers: ``change`` writes and returns the snapshot of what it touched,
    and the ids of issuers it created."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._before: IssuerSnapshot | None = None
        self._after: IssuerSnapshot | None = None
        self._created: tuple[int, ...] = ()

    def do(self) -> Changes:
        if self._after is not None:  # a redo: what the change made, as it made it
            return restore_issuers(self.store, self._after)
        self._before, self._created = self.change()
        return Changes(releases=_release_ids(self._before), issuers=True)

    def undo_change(self) -> Changes:
        touched = [row[0] for row in self._before.issuers] + list(self._created)
        self._after = snapshot_issuers(self.store.conn, touched)
        changes = restore_issuers(self.store, self._before, created=self._created)
        return changes | Changes(releases=_release_ids(self._after))

    def change(self) -> tuple[IssuerSnapshot, tuple[int, ...]]:  # pragma: no cover - abstract
        raise NotImplementedError


def _release_ids(snapshot: IssuerSnapshot) -> frozenset[int]:
    """The releases a snapshot's issuers had: their rows show the issuer."""
    return frozenset(i for _, ids in snapshot.releases for i in json.loads(ids))


class RenameIssuer(_IssuerChange):
    """Give an issuer a new name; the old one stays a name it is found by."""

    def __init__(self, issuer: Issuer, name: str) -> None:
        super().__init__(f"Rename issuer “{issuer.name}” to “{name}”")
        self.issuer_id, self.name = issuer.id, name

    def change(self) -> tuple[IssuerSnapshot, tuple[int, ...]]:
        return issuer_store.rename_issuer(self.store, self.issuer_id, self.name), ()


class SetIssuerCountry(_IssuerChange):
    """Set an issuer's country (an ISO 3166-1 code), or none with ``country=None``."""

    def __init__(self, issuer: Issuer, country: str | None) -> None:
        what = f"to {country.strip().upper()}" if country else "to none"
        super().__init__(f"Set the country of “{issuer.name}” {what}")
        self.issuer_id, self.country = issuer.id, country

    def change(self) -> tuple[IssuerSnapshot, tuple[int, ...]]:
        return issuer_store.set_issuer_country(self.store, self.issuer_id, self.country), ()


class MergeIssuers(_IssuerChange):
    """Make ``others`` part of ``keep``: their releases, names and domains go along."""

    def __init__(self, keep: Issuer, others: list[Issuer]) -> None:
        count = len(others)
        what = f"“{others[0].name}”" if count == 1 else f"{count} issuers"
        super().__init__(f"Merge {what} into “{keep.name}”")
        self.keep_id, self.other_ids = keep.id, [other.id for other in others]

    def change(self) -> tuple[IssuerSnapshot, tuple[int, ...]]:
        return issuer_store.merge_issuers(self.store, self.keep_id, self.other_ids), ()


class SplitIssuer(_IssuerChange):
    """Split a new issuer off ``issuer`` with some of its names and domains, and the
    releases found under them; ``new_id`` is known once done."""

    def __init__(self, issuer: Issuer, new_name: str, names: list[str], domains: list[str]):
        super().__init__(f"Split “{new_name}” off “{issuer.name}”")
        self.issuer_id, self.new_name = issuer.id, new_name
        self.names, self.domains = list(names), list(domains)
        self.new_id: int | None = None

    def change(self) -> tuple[IssuerSnapshot, tuple[int, ...]]:
        before, self.new_id = issuer_store.split_issuer(
            self.store, self.issuer_id, self.new_name, self.names, self.domains
        )
        return before, (self.new_id,)


class CorrectRelease(UndoableOperation):
    """Set one of a release's issuer, speaker, date or language by hand (``value`` None:
    empty it, by hand too). A correction is kept through re-imports and re-cleaning."""

    def __init__(self, release_id: int, field: str, value: str | None, title: str) -> None:
        assert field in FIELDS, field
        shown = f"“{value}”" if value else "none"
        super().__init__(f"Set the {field} of “{_short(title)}” to {shown}")
        self.release_id, self.field, self.value = release_id, field, value
        self._before = None
        self._created: IssuerSnapshot | None = None  # an issuer the correction made, undone

    def do(self) -> Changes:
        created_before = self.field == "issuer" and self.value and not self._names_an_issuer()
        if self._created is not None:  # a redo: the issuer it made, with the same id
            restore_issuers(self.store, self._created)
        if self.value is None:
            self._before, changes = correct_release(
                self.store, self.release_id, clear=(self.field,)
            )
        else:
            self._before, changes = correct_release(
                self.store, self.release_id, **{self.field: self.value}
            )
        if created_before and self._created is None:
            self._created = snapshot_issuers(self.store.conn, [self._issuer_now()])
        return changes | Changes(issuers=self.field == "issuer")

    def undo_change(self) -> Changes:
        changes = Changes()
        if self._created is not None:
            created = tuple(row[0] for row in self._created.issuers)
            changes = restore_issuers(self.store, NOTHING, created=created)
        return changes | restore_attribution(self.store, self._before)

    def _names_an_issuer(self) -> bool:
        return find_issuer(self.store, self.value) is not None

    def _issuer_now(self) -> int:
        return release_attribution(self.store, self.release_id).issuer_id


def _short(title: str, length: int = 40) -> str:
    return title if len(title) <= length else title[: length - 1] + "…"
