"""Where a release's issuer, speaker, date and language came from, and corrections by hand
that survive a re-import, a re-clean and an upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.attribution import (
    ANALYST,
    SOURCE,
    TEXT,
    CorrectionError,
    correct_release,
    release_attribution,
    restore_attribution,
)
from store.db import Store
from store.imports.pipeline import import_paths
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.reclean import reclean
from store.release_saving import save_release


def release(**fields: object) -> ParsedRelease:
    text = fields.pop("text", "Rome, 25 November 2022. The Minister spoke with NATO.")
    return ParsedRelease(
        title="Readout", body_markdown=paragraphs_to_markdown([text]), identity="r1", **fields
    )


def test_each_value_says_whether_the_input_gave_it_or_the_text(store: Store) -> None:
    parsed = release(
        date="2022-11-25", issuer="Farnesina", speaker="Antonio Tajani", language="en",
        found_in_text=frozenset({"date"}),
    )  # fmt: skip
    release_id = save_release(store, parsed, None).release_id
    attribution = release_attribution(store, release_id)
    assert attribution.origins == {
        "issuer": SOURCE, "speaker": SOURCE, "date": TEXT, "language": SOURCE,
    }  # fmt: skip


def test_nothing_given_leaves_fields_and_origins_empty(store: Store) -> None:
    release_id = save_release(store, release(text="Hm."), None).release_id
    attribution = release_attribution(store, release_id)
    assert (attribution.issuer, attribution.speaker, attribution.date) == (None, None, None)
    assert attribution.origins["issuer"] is None and attribution.origins["date"] is None


def test_a_correction_survives_a_revised_version_and_undo_restores_the_source_values(
    store: Store,
) -> None:
    parsed = release(date="2022-11-25", issuer="Farnesina", speaker="Office", language="en")
    release_id = save_release(store, parsed, None).release_id
    before, _ = correct_release(
        store, release_id, issuer="Office of Ruritania", speaker="Antonio Tajani",
        date="2022-11-24", language="it",
    )  # fmt: skip
    revised = release(
        text="Rome, 25 November 2022. The Minister spoke with NATO again.",
        date="2022-11-25", issuer="Farnesina", speaker="Office", language="en",
    )  # fmt: skip
    assert save_release(store, revised, None).outcome == "updated"
    after = release_attribution(store, release_id)
    assert (after.issuer, after.speaker, after.date, after.language) == (
        "Office of Ruritania", "Antonio Tajani", "2022-11-24", "it",
    )  # fmt: skip
    assert set(after.origins.values()) == {ANALYST}
    restore_attribution(store, before)
    restored = release_attribution(store, release_id)
    assert (restored.issuer, restored.date, restored.origins["date"]) == (
        before.issuer, "2022-11-25", SOURCE,
    )  # fmt: skip


def test_a_speaker_cleared_by_hand_is_not_filled_again_by_a_re_import(store: Store) -> None:
    parsed = release(speaker="Office of the Spokesperson")
    release_id = save_release(store, parsed, None).release_id
    correct_release(store, release_id, clear=("speaker",))
    save_release(store, parsed, None)
    assert release_attribution(store, release_id).speaker is None


def test_bad_corrections_say_what_a_right_value_looks_like(store: Store) -> None:
    release_id = save_release(store, release(), None).release_id
    with pytest.raises(CorrectionError, match="YYYY-MM-DD"):
        correct_release(store, release_id, date="25/11/2022")
    with pytest.raises(CorrectionError, match="language code"):
        correct_release(store, release_id, language="Italian")
    with pytest.raises(CorrectionError, match="no release 999"):
        correct_release(store, 999, speaker="X")
    assert release_attribution(store, release_id).origins["date"] is None


def test_a_correction_survives_import_of_the_same_file_and_a_reclean(
    store: Store, tmp_path: Path
) -> None:
    page = tmp_path / "release.md"
    page.write_text("# Readout\n\nRome, 25 November 2022. The Minister spoke.\n", "utf-8")
    import_paths(store, [page])
    (release_id,) = [row[0] for row in store.conn.execute("SELECT id FROM releases")]
    correct_release(store, release_id, issuer="Farnesina", date="2022-11-25", speaker="Tajani")
    import_paths(store, [page])
    reclean(store)
    after = release_attribution(store, release_id)
    assert (after.speaker, after.date, after.origins["issuer"]) == (
        "Tajani", "2022-11-25", ANALYST,
    )  # fmt: skip
