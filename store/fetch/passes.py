"""One fetch pass: the due subscriptions (or the chosen ones, or all) fetched and saved.

The pass claims its subscriptions first (``claims``), so that a second pass in another
process — the window's and a cron job's — takes none of them. Web subscriptions are
fetched by a few threads at once, in an order that spreads them over their hosts, each
request waiting its turn at its host (``politeness``); what each brought is saved by the
thread that runs the pass, one transaction per subscription, as its fetch ends. A
subscription that fails gets its sentence and a later next fetch; every other one goes on.
Folders are read by the pass's own thread (their import writes as it goes).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

from store.db import Store
from store.fetch.claims import RENEW_AFTER_SECONDS, claim, release_all, renew
from store.fetch.client import WebClient
from store.fetch.crawl import fetch_listing, fetch_sitemap
from store.fetch.errors import FetchError
from store.fetch.feeds import fetch_feed
from store.fetch.fetched import Fetched, Known
from store.fetch.folders import fetch_folder
from store.fetch.outcomes import FetchOutcome
from store.fetch.robots import RobotsRules
from store.fetch.saving import known_for, save_failure, save_fetched
from store.fetch.settings import FetchSettings
from store.subscriptions import Subscription, due, following

# progress(done, total, address): after each subscription of the pass.
Progress = Callable[[int, int, str], None]
_Source = Callable[[Subscription, Known], Fetched]
CANCEL_CHECK_SECONDS = 0.2  # how often a pass waiting on its fetches looks for a cancel


def fetch_pass(
    store_path: str | os.PathLike[str],
    *,
    ids: Sequence[int] | None = None,
    every_one: bool = False,
    settings: FetchSettings | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[FetchOutcome]:
    """Fetch the due subscriptions (``ids``: those, due or not; ``every_one``: all of them)
    and save what they bring; one outcome per subscription this pass claimed, in the order
    they were chosen. Opens its own connection to the store at ``store_path``, so it can
    run on a thread of its own. ``cancelled`` is asked between subscriptions: those not
    begun are left for the next pass."""
    settings = settings or FetchSettings()
    owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    with Store(store_path) as store:
        chosen = _chosen(store, ids, every_one)
        claimed = claim(store, [s.id for s in chosen], owner, only_due=not ids and not every_one)
        subscriptions = [s for s in chosen if s.id in claimed]
        try:
            outcomes = _run(store, subscriptions, owner, settings, progress, cancelled)
        finally:
            release_all(store, owner)
    order = {s.id: n for n, s in enumerate(subscriptions)}
    return sorted(outcomes, key=lambda outcome: order[outcome.subscription_id])


def _chosen(store: Store, ids: Sequence[int] | None, every_one: bool) -> list[Subscription]:
    if ids:
        wanted = set(ids)
        return [s for s in following(store) if s.id in wanted]
    if every_one:
        return following(store)
    return due(store)


def _run(
    store: Store,
    subscriptions: list[Subscription],
    owner: str,
    settings: FetchSettings,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> list[FetchOutcome]:
    stopped = cancelled or (lambda: False)
    outcomes: list[FetchOutcome] = []
    total = len(subscriptions)

    def done(outcome: FetchOutcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), total, outcome.url)

    for subscription in (s for s in subscriptions if s.kind == "folder"):
        if stopped():
            return outcomes
        try:
            done(fetch_folder(store, subscription, stopped))
        except FetchError as error:
            done(save_failure(store, subscription, str(error), settings.backoff_cap))
        except OSError as error:  # a folder that cannot be read (its permissions, a disk)
            message = f"The folder cannot be read ({error.strerror or error})."
            done(save_failure(store, subscription, message, settings.backoff_cap))
    web = _spread_over_hosts([s for s in subscriptions if s.kind != "folder"])
    if not web:
        return outcomes
    renewed = time.monotonic()
    pool = ThreadPoolExecutor(settings.workers)
    try:
        with WebClient(settings, stopped=stopped) as client:
            robots = RobotsRules(client)  # read once per host in this pass
            sources: dict[str, _Source] = {
                "feed": lambda s, known: fetch_feed(s, client, known),
                "sitemap": lambda s, known: fetch_sitemap(s, client, robots, known),
                "listing": lambda s, known: fetch_listing(s, client, robots, known),
            }
            pending: dict[Future[Fetched | FetchError | None], Subscription] = {
                pool.submit(_fetch, s, sources[s.kind], known_for(store, s), stopped): s
                for s in web
            }
            while pending:
                finished, _ = wait(
                    pending, timeout=CANCEL_CHECK_SECONDS, return_when=FIRST_COMPLETED
                )
                for future in finished:
                    subscription = pending.pop(future)
                    result = future.result()
                    if result is None or (stopped() and isinstance(result, FetchError)):
                        continue  # cancelled before it began, or cut off: for the next pass
                    done(_save(store, subscription, result, settings))
                if stopped():
                    # Fetches still under way are left unsaved, their subscriptions due as
                    # before: the next pass fetches them whole. Their threads end at their
                    # next read, touching nothing of the store.
                    break
                if time.monotonic() - renewed >= RENEW_AFTER_SECONDS:
                    renew(store, owner)
                    renewed = time.monotonic()
    finally:
        pool.shutdown(wait=not stopped(), cancel_futures=True)
    return outcomes


def _fetch(
    subscription: Subscription, source: _Source, known: Known, stopped: Callable[[], bool]
) -> Fetched | FetchError | None:
    """On a pass thread: what the subscription brought, or the error to note."""
    if stopped():
        return None
    try:
        return source(subscription, known)
    except FetchError as error:
        return error
    except Exception as error:  # a parser's bug must not stop the pass's other subscriptions
        return FetchError(f"Reading what the server sent failed unexpectedly ({error!r}).")


def _save(
    store: Store, subscription: Subscription, result: Fetched | FetchError, settings: FetchSettings
) -> FetchOutcome:
    if isinstance(result, FetchError):
        return save_failure(
            store, subscription, str(result), settings.backoff_cap, result.retry_after
        )
    try:
        return save_fetched(store, subscription, result)
    except Exception as error:  # the transaction left nothing of it behind
        return save_failure(
            store, subscription, f"What it brought could not be saved ({error}).",
            settings.backoff_cap,
        )  # fmt: skip


def _spread_over_hosts(subscriptions: list[Subscription]) -> list[Subscription]:
    """The first subscription of each host, then the second of each, and so on: the pass's
    threads then work on different hosts instead of queueing at one."""
    by_host: dict[str, list[Subscription]] = {}
    for subscription in subscriptions:
        by_host.setdefault(urlsplit(subscription.url).hostname or "", []).append(subscription)
    queues = list(by_host.values())
    spread = []
    for round_ in range(max(map(len, queues), default=0)):
        spread += [queue[round_] for queue in queues if round_ < len(queue)]
    return spread
