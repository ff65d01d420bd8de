"""What the Subscriptions panel's preview says of a test: a headline, one line per release
or link that following would take, and the feeds a page offers instead."""

from __future__ import annotations

KIND_NAMES = {"feed": "feed", "sitemap": "sitemap", "listing": "listing page", "folder": "folder"}
NOUNS = {"feed": "release", "sitemap": "page", "listing": "release link", "folder": "file"}


def preview_lines(result) -> tuple[str, list[str], list]:
    """(headline, lines, offered feeds) for a :class:`store.fetch.TestResult`.

    >>> from store.fetch.probe import FoundRelease, TestResult
    >>> preview_lines(TestResult("https://x.org/feed", "feed",
    ...                          releases=(FoundRelease("Readout", "https://x.org/1", None),)))
    ('A feed: following it would take 1 release now.', ['Readout — https://x.org/1'], [])
    >>> preview_lines(TestResult("https://x.org/", None, error="It timed out."))[0]
    'It timed out.'
    """
    if result.feeds:
        return result.error or f"{result.target} offers feeds.", [], list(result.feeds)
    if result.error:
        return result.error, [], []
    kind = result.kind or "feed"
    if result.releases:
        lines = [_release_line(found) for found in result.releases]
    else:
        lines = list(result.links)
    noun = NOUNS.get(kind, "item")
    count = len(lines)
    what = f"{count:,} {noun}{'s' if count != 1 else ''}"
    article = "An" if KIND_NAMES.get(kind, kind)[0] in "aeiou" else "A"
    if not count:
        rule = " — the rule takes nothing from this page" if kind == "listing" else ""
        return f"{article} {KIND_NAMES.get(kind, kind)}: nothing to take now{rule}.", [], []
    return f"{article} {KIND_NAMES.get(kind, kind)}: following it would take {what} now.", lines, []


def _release_line(found) -> str:
    parts = [found.title or "(no title)"]
    if found.date:
        parts.insert(0, found.date[:10])
    line = "  ".join(parts)
    return f"{line} — {found.url}" if found.url else line
