"""Every JSON shape the command line prints, in one place.

The shapes are documented in the README and kept stable: scripts parse them. Each function
turns one store value into plain JSON types; :func:`emit` prints any of them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # types only: `communique list` must not load the importers
    from store.agreed_language import ReportedPassage
    from store.alignment import Alignment
    from store.concordance import Concordance
    from store.counterparts import Counterpart
    from store.fetch.outcomes import FetchOutcome
    from store.highlights import Highlight
    from store.imports.pipeline import ImportSummary
    from store.issuers import Issuer
    from store.reclean import RecleanSummary
    from store.releases import ReleaseSummary
    from store.reuse import SharedPassage
    from store.subscriptions import Subscription
    from store.tags import Tag
    from store.trends import Trend


def emit(data: object) -> None:
    """Print JSON as every command does: UTF-8 as it is, indented by two."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def release_json(release: ReleaseSummary) -> dict[str, object]:
    """A release in listings (``list``, ``search``, ``show``)."""
    return {
        "id": release.id,
        "title": release.title,
        "date": release.date,
        "source": release.source,
        "url": release.url,
        "language": release.language,
        "highlight_count": release.highlight_count,
        "issuer": release.issuer,
        "speaker": release.speaker,
        "countries": list(release.countries),
        "unread": release.unread,
        "group": release.group_id,
    }


def translation_json(release_id: int, language: str | None) -> dict[str, object]:
    """A language version of a statement (``translations``)."""
    return {"release_id": release_id, "language": language}


def highlight_json(highlight: Highlight) -> dict[str, object]:
    """A highlight with its place (``show``, ``highlight``)."""
    return {
        "id": highlight.id,
        "release_id": highlight.release_id,
        "start": highlight.start,
        "end": highlight.end,
        "quote": highlight.quote,
        "tags": [tag.name for tag in highlight.tags],
        "note": highlight.note,
        "coder": highlight.coder,
    }


def orphan_json(highlight: Highlight) -> dict[str, object]:
    """A highlight that lost its place (``orphans``): the highlight's shape without offsets."""
    placed = highlight_json(highlight)
    return {key: value for key, value in placed.items() if key not in ("start", "end")}


def tag_json(tag: Tag) -> dict[str, object]:
    """A topic of the codebook (``tags``)."""
    return asdict(tag)


def reclean_json(summary: RecleanSummary) -> dict[str, object]:
    """What ``reclean`` did."""
    return {
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "orphaned": summary.orphaned,
        "skipped": [{"id": i, "reason": r} for i, r in summary.skipped],
    }


def import_summary_json(summary: ImportSummary) -> dict[str, object]:
    """What ``import`` did: counts, and each file or record left out with why."""
    return {
        "imported": summary.imported,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "orphaned": summary.orphaned,
        "skipped": [{"file": s.file, "reason": s.reason} for s in summary.skipped],
        "files": summary.files,
        "cancelled": summary.cancelled,
    }


def issuer_json(issuer: Issuer) -> dict[str, object]:
    """An issuer (``issuers``): its names by language, domains, country and releases."""
    return {
        "id": issuer.id,
        "name": issuer.name,
        "names": dict(sorted(issuer.names.items())),
        "aliases": list(issuer.aliases),
        "domains": list(issuer.domains),
        "country": issuer.country,
        "releases": issuer.releases,
    }


def concordance_json(found: Concordance) -> dict[str, object]:
    """A phrase's lines (``concordance``): ``text[start:end]`` of the release is ``match``."""
    return {
        "phrase": found.phrase,
        "total": found.total,
        "lines": [
            {
                "release_id": line.release_id,
                "start": line.start,
                "end": line.end,
                "left": line.left,
                "match": line.match,
                "right": line.right,
                "issuer": line.issuer,
                "date": line.date,
            }
            for line in found.lines
        ],
    }


def trend_json(trend: Trend) -> dict[str, object]:
    """A phrase trend (``trend``): one row per phrase, key and period."""
    return {
        "series": [
            {
                "phrase": point.phrase,
                "key": point.key,
                "period": point.period,
                "occurrences": point.occurrences,
                "releases": point.releases,
                "releases_in_period": point.releases_in_period,
                "share": point.share,
            }
            for point in trend.series
        ]
    }


def shared_passage_json(passage: SharedPassage) -> dict[str, object]:
    """A passage of a release and where else its wording appears (``reuse``)."""
    return {
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "elsewhere": [
            {
                "release_id": other.release_id,
                "start": other.start,
                "end": other.end,
                "issuer": other.issuer,
                "date": other.date,
            }
            for other in passage.elsewhere
        ],
    }


def reported_passage_json(reported: ReportedPassage) -> dict[str, object]:
    """A passage of the shared-wording report, at the release where it first appears."""
    return {
        "release_id": reported.release_id,
        "date": reported.date,
        "issuers": reported.issuers,
        **shared_passage_json(reported.passage),
    }


# --- subscriptions (cli/subscriptions.py) --------------------------------------------------


def subscription_json(subscription: Subscription) -> dict[str, object]:
    """A followed feed, sitemap, listing page or folder (``follow``, ``following``)."""
    return {
        "id": subscription.id,
        "kind": subscription.kind,
        "url": subscription.url,
        "issuer": subscription.issuer,
        "issuer_id": subscription.issuer_id,
        "language": subscription.language,
        "every": subscription.every,
        "select": subscription.select,
        "pattern": subscription.pattern,
        "paused": subscription.paused,
        "starred": subscription.starred,
        "last_fetch": subscription.last_fetch,
        "next_fetch": subscription.next_fetch,
        "status": subscription.status,
        "error": subscription.error,
        "failures": subscription.failures,
        "releases": subscription.releases,
    }


def fetch_outcome_json(outcome: FetchOutcome) -> dict[str, object]:
    """What a fetch pass did for one subscription (``fetch``)."""
    return {
        "id": outcome.subscription_id,
        "url": outcome.url,
        "status": outcome.status,
        "error": outcome.error,
        "imported": outcome.imported,
        "updated": outcome.updated,
    }


def alignment_json(alignment: Alignment) -> dict[str, object]:
    """Two releases aligned (``align``): pairs of passages and what only one side has, in
    code points of each release's text."""
    return {
        "pairs": [
            {"a": list(pair.a), "b": list(pair.b), "score": pair.score} for pair in alignment.pairs
        ],
        "only_a": [list(span) for span in alignment.only_a],
        "only_b": [list(span) for span in alignment.only_b],
    }


def counterpart_json(counterpart: Counterpart) -> dict[str, object]:
    """A statement of another issuer about the same event (``counterparts``)."""
    return {
        "release_id": counterpart.release_id,
        "score": counterpart.score,
        "reasons": counterpart.reasons,
    }
