"""The other side's readout: releases of other issuers about the same event, ranked with
their reasons, from a real store (saved as the importers save, countries found in the text)."""

from __future__ import annotations

import pytest

from store.counterparts import CounterpartsError, counterparts
from store.db import Store
from store.parsed import ParsedRelease
from store.release_saving import save_release

STATE = "U.S. Department of State"
BELGRADE = "Ministry of Foreign Affairs of Serbia"
FARNESINA = "Ministero degli Affari Esteri"
READOUT = (
    "Secretary Blinken met with Serbian President Aleksandar Vucic in Washington today. "
    "The Secretary and President Vucic discussed the normalization of relations between "
    "Serbia and Kosovo, the EU-facilitated Dialogue and energy diversification. The "
    "Secretary welcomed the agreement reached in Ohrid on 18 March 2023."
)
SERBIAN_SIDE = (
    "President Aleksandar Vucic held talks with U.S. Secretary of State Antony Blinken in "
    "Washington. Vucic told Blinken that Serbia remains committed to the Dialogue with "
    "Pristina on the normalization of relations, and raised the position of Serbs in "
    "Kosovo. The two discussed energy diversification and the agreement of 18 March 2023."
)
ITALIAN_SIDE = (
    "Il Ministro Tajani ha sentito il Segretario di Stato Blinken sul dialogo tra Serbia e "
    "Kosovo e sull'accordo di Ohrid del 18 marzo 2023, sostenuto dal Presidente Vucic."
)
UNRELATED = (
    "The Minister opened a trade fair for agricultural machinery in Bologna and praised "
    "the exporters of the region."
)


def _save(store: Store, title: str, body: str, date: str, issuer: str, speaker=None, language="en"):
    parsed = ParsedRelease(
        title=title,
        body_markdown=body,
        date=date,
        issuer=issuer,
        speaker=speaker,
        language=language,
        identity=f"{issuer}-{title}",
    )
    return save_release(store, parsed, origin_file=None).release_id


@pytest.fixture
def event(store: Store) -> dict[str, int]:
    return {
        "readout": _save(
            store, "Secretary Blinken's Meeting", READOUT, "2023-03-20", STATE, "Antony Blinken"
        ),  # fmt: skip
        "serbian": _save(
            store, "Vucic with Blinken", SERBIAN_SIDE, "2023-03-21", BELGRADE, "Aleksandar Vucic"
        ),  # fmt: skip
        "italian": _save(
            store,
            "Tajani sente Blinken",
            ITALIAN_SIDE,
            "2023-03-22",
            FARNESINA,
            "Antonio Tajani",
            "it",
        ),  # fmt: skip
        "own_issuer": _save(store, "Secretary on Kosovo", READOUT + " More.", "2023-03-20", STATE),
        "unrelated": _save(store, "Trade fair", UNRELATED, "2023-03-20", FARNESINA, None),
        "later": _save(store, "Vucic again", SERBIAN_SIDE + " Again.", "2023-03-30", BELGRADE),
    }


def test_the_other_sides_readout_comes_first_with_its_reasons(store: Store, event) -> None:
    found = counterparts(store, event["readout"])
    assert found[0].release_id == event["serbian"]
    reasons = found[0].reasons
    assert reasons[0] == "1 day apart"
    countries = next(reason for reason in reasons if reason.startswith("both name K"))
    assert countries.startswith("both name Kosovo, Serbia")
    assert "speaker Blinken in both" in reasons and "speaker Vucic in both" in reasons
    assert any(reason.startswith("wording ") for reason in reasons)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_a_version_in_another_language_is_found_through_names_and_numbers(store, event) -> None:
    found = {c.release_id: c for c in counterparts(store, event["readout"])}
    italian = found[event["italian"]]
    assert any(reason.startswith("names and numbers ") for reason in italian.reasons)
    assert italian.score < found[event["serbian"]].score


def test_own_issuer_unrelated_and_out_of_window_releases_are_no_counterparts(store, event) -> None:
    found = {c.release_id for c in counterparts(store, event["readout"])}
    assert event["own_issuer"] not in found
    assert event["unrelated"] not in found
    assert event["later"] not in found
    wider = {c.release_id for c in counterparts(store, event["readout"], days=10)}
    assert event["later"] in wider


def test_language_versions_of_the_statement_itself_are_left_out(store: Store, event) -> None:
    """A statement group (when the store keeps them) holds the release's own versions."""
    has_groups = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'statement_members'"
    ).fetchone()
    if not has_groups:
        pytest.skip("this store has no statement groups")
    from store.statement_groups import join_group

    join_group(store, [event["readout"], event["serbian"]])
    found = {c.release_id for c in counterparts(store, event["readout"])}
    assert event["serbian"] not in found and event["italian"] in found


def test_an_unknown_or_undated_release_is_refused_in_a_sentence(store: Store, event) -> None:
    with pytest.raises(CounterpartsError, match="no release with id 999"):
        counterparts(store, 999)
    undated = save_release(
        store, ParsedRelease(title="Undated", body_markdown="Serbia and Kosovo."), None
    ).release_id
    with pytest.raises(CounterpartsError, match="has no date"):
        counterparts(store, undated)
