"""Speakers named by a title or opening, and names bounded to what a name can be."""

from __future__ import annotations

import pytest

from store.ingest.attribution import (
    MAX_SPEAKER_CHARS,
    issuer_name,
    speaker_in_opening,
    speaker_name,
)


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        (
            "Statement by the Spokesperson for the Secretary-General on Ukraine",
            "Spokesperson for the Secretary-General",
        ),
        (
            "Iran: Statement by the High Representative on behalf of the EU on the executions",
            "High Representative",
        ),
        (
            "Remarks by Antony J. Blinken, Secretary of State, at the Summit",
            "Antony J. Blinken, Secretary of State",
        ),
        (
            "Press statement by Ned Price, Department Spokesperson",
            "Ned Price, Department Spokesperson",
        ),
        (
            "Foreign Secretary statement on the sentencing of Vladimir Kara-Murza",
            "Foreign Secretary",
        ),
        (
            "Déclaration de Mme Catherine Colonna sur la situation au Soudan",
            "Mme Catherine Colonna",
        ),
        ("Erklärung von Außenministerin Baerbock zur Lage in Iran", "Außenministerin Baerbock"),
        ("Dichiarazione del Ministro Tajani sulla situazione in Ucraina", "Ministro Tajani"),
        ("Declaración del Ministro Albares sobre Ucrania", "Ministro Albares"),
        ("Заява МЗС України щодо ракетних ударів", "МЗС України"),
        ("Joint statement on the humanitarian situation in the Sahel", None),
        ("Telephone conversation between the Ministers (25 November 2022)", None),
        ("The statement by the ministry was welcomed by all sides.", None),
    ],
)
def test_speaker_named_by_an_opening(opening: str, speaker: str | None) -> None:
    assert speaker_in_opening(opening) == speaker


def test_names_are_one_line_and_bounded() -> None:
    assert issuer_name(" Press Releases &#8211;\n United States  Department of State ") == (
        "Press Releases – United States Department of State"
    )
    assert issuer_name("x" * 10_000) is None
    assert speaker_name("y" * (MAX_SPEAKER_CHARS + 1)) is None
    assert speaker_name("webadmin") is None
    assert speaker_name("Office of the Spokesperson") == "Office of the Spokesperson"
