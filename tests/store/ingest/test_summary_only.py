"""Whether a feed item holds only a teaser, so that fetching reads its page instead."""

from __future__ import annotations

import pytest

from store.ingest.feeds import parse_feed
from store.ingest.summary_only import summary_only

LONG = " ".join(["The ministers reaffirmed their support for the sovereignty of Ukraine."] * 6)


def item(body: str, *, full: bool = False, title: str = "Statement") -> bytes:
    element = "content:encoded" if full else "description"
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>M</title>'
        f"<item><title>{title}</title><link>https://example.org/s</link>"
        f"<{element}><![CDATA[{body}]]></{element}></item></channel></rss>"
    ).encode()


def only(data: bytes):
    (release,) = parse_feed(data, "f.rss")
    return release


@pytest.mark.parametrize(
    "body",
    [
        f"<p>{LONG} The Minister said […]</p>",
        f"<p>{LONG} The Minister said [...]</p>",
        f"<p>{LONG} The Minister said&#8230;</p>",
        f"<p>{LONG} The Minister said...</p>",
        f'<p>{LONG}</p><p><a href="https://example.org/s">Read more</a></p>',
        f'<p>{LONG}</p><p><a href="https://example.org/s">Lire la suite →</a></p>',
        f"<p>{LONG}</p><p>Continue reading</p>",
        "<p>The Foreign Secretary announced new sanctions today.</p>",
        "",
    ],
    ids=[
        "brackets",
        "dots-brackets",
        "hellip",
        "dots",
        "read-more",
        "lire",
        "continue",
        "one-sentence",
        "empty",
    ],
)
def test_a_teaser_is_summary_only(body: str) -> None:
    assert summary_only(only(item(body)))


@pytest.mark.parametrize(
    "data",
    [
        item(f"<p>{LONG}</p>"),
        item(f"<p>{LONG}</p><p>More information: press@example.org</p>"),
        item("<p>The Foreign Secretary announced new sanctions today.</p>", full=True),
    ],
    ids=["long-description", "more-information", "short-full-content"],
)
def test_a_whole_release_is_not(data: bytes) -> None:
    assert not summary_only(only(data))
