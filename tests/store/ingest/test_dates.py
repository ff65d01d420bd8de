"""Dates as releases write them, read as ISO dates; anything else is not a date."""

from __future__ import annotations

import pytest

from store.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25 November 2022", "2022-11-25"),
        ("25 novembre 2022", "2022-11-25"),
        ("November 25, 2022", "2022-11-25"),
        ("Wed, 03 Aug 2022 19:49:23 +0000", "2022-08-03"),
        # The publisher's own calendar day, not the UTC one.
        ("Fri, 21 May 2021 23:39:10 -0500", "2021-05-21"),
        ("2022-11-25", "2022-11-25"),
        ("2022-11-25T10:00:00Z", "2022-11-25"),
        ("2022-11-25T23:30:00-05:00", "2022-11-25"),
        ("05-10-2023", "2023-10-05"),
        ("05/10/2023", "2023-10-05"),
        ("5.10.2023", "2023-10-05"),
        # Only the month-first reading is a real date.
        ("11/25/2022", "2022-11-25"),
        ("3. März 2023", "2023-03-03"),
        ("Mittwoch, 3. August 2022", "2022-08-03"),
        ("5 de marzo de 2023", "2023-03-05"),
        ("(25 November 2022)", "2022-11-25"),
        ("Tuesday, 25 November 2022 - 14:30", "2022-11-25"),
    ],
)
def test_dates_in_common_forms_and_languages(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "today",
        "yesterday",
        "in 2 days",
        "2 hours ago",
        "May 2021",
        "1 December",
        "Yes.",
        "Washington, DC",
        "2:11 p.m. EDT",
        "31-02-2022",
        "2022-13-01",
        "1622000000",
        "The minister met his counterpart on 25 November 2022 in Rome to discuss trade.",
    ],
)
def test_text_that_is_not_a_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_languages_narrow_the_month_names() -> None:
    assert parse_date("25 novembre 2022", ["fr"]) == "2022-11-25"
    assert parse_date("25 Novembre 2022", ["it", "fr"]) == "2022-11-25"
