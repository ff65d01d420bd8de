"""``communique align``: two releases passage by passage, with what one side has and the
other lacks; ``communique counterparts``: the statements of other issuers about the same
event as a release."""

from __future__ import annotations

import shutil
import textwrap

import click

from cli.context import StoreContext
from cli.shapes import alignment_json, counterpart_json, emit
from store.alignment import Alignment, AlignmentError, Span, align_releases
from store.counterparts import DEFAULT_DAYS, CounterpartsError, counterparts
from store.differences import KINDS, differences

_GUTTER = " │ "
_NARROWEST = 60


@click.command("align")
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def align_command(context: StoreContext, a: int, b: int, as_json: bool) -> None:
    """Align releases A and B paragraph by paragraph, then sentence by sentence: across
    languages by length and shared numbers and names, within one language by wording."""
    store = context.store
    try:
        alignment = align_releases(store, a, b)
        differing = differences(store, a, b)
    except AlignmentError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit(alignment_json(alignment))
        return
    text_a, text_b = (_text(store, release_id) for release_id in (a, b))
    for side, found in (("A", differing.only_a), ("B", differing.only_b)):
        for kind in KINDS:
            if found[kind]:
                click.echo(f"Only in {side} ({kind}): {', '.join(found[kind])}")
    width = max(_NARROWEST, shutil.get_terminal_size((100, 24)).columns)
    column = (width - len(_GUTTER)) // 2
    click.echo(f"{f'A: release {a}':<{column}}{_GUTTER}B: release {b}")
    for left, right in _rows(alignment):
        click.echo("─" * column + "─┼─" + "─" * column)
        lines_a = _wrapped(text_a, left, column, "only in B")
        lines_b = _wrapped(text_b, right, column, "only in A")
        for line_a, line_b in zip(
            lines_a + [""] * (len(lines_b) - len(lines_a)),
            lines_b + [""] * (len(lines_a) - len(lines_b)),
            strict=True,
        ):
            click.echo(f"{line_a:<{column}}{_GUTTER}{line_b}".rstrip())


@click.command("counterparts")
@click.argument("release_id", type=int)
@click.option(
    "--days",
    type=click.IntRange(min=0, max=366),
    default=DEFAULT_DAYS,
    show_default=True,
    help="How many days before and after the release a counterpart may be dated.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def counterparts_command(context: StoreContext, release_id: int, days: int, as_json: bool) -> None:
    """The statements of other issuers about the same event as release RELEASE_ID, best
    first, each with its reasons."""
    store = context.store
    try:
        found = counterparts(store, release_id, days=days)
    except CounterpartsError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit([counterpart_json(counterpart) for counterpart in found])
        return
    if not found:
        click.echo(f"No release of another issuer within {days} days shares enough with it.")
    for counterpart in found:
        row = store.conn.execute(
            "SELECT r.date, (SELECT name FROM issuers WHERE id = r.issuer_id), r.title "
            "FROM releases r WHERE r.id = ?",
            (counterpart.release_id,),
        ).fetchone()
        date, issuer, title = row
        click.echo(
            f"{counterpart.release_id:>7}  {counterpart.score:.2f}  {date or 'undated':<10}  "
            f"{issuer or 'no issuer'}: {title}"
        )
        click.echo(f"{'':>7}  {'; '.join(counterpart.reasons)}")


def _rows(alignment: Alignment) -> list[tuple[Span | None, Span | None]]:
    """The pairs and the passages of one side alone, in the order of the texts."""
    rows: list[tuple[Span | None, Span | None]] = [(p.a, p.b) for p in alignment.pairs]
    rows += [(span, None) for span in alignment.only_a]
    rows += [(None, span) for span in alignment.only_b]

    def place(row: tuple[Span | None, Span | None]) -> tuple[int, int]:
        left, right = row
        if left is not None:
            return left[0], right[0] if right else -1
        # A passage of B alone goes after the pairs whose B passage comes before it.
        before = [p.a[1] for p in alignment.pairs if p.b[1] <= right[0]]
        return max(before, default=0), right[0]

    return sorted(rows, key=place)


def _wrapped(text: str, span: Span | None, column: int, empty: str) -> list[str]:
    """A passage wrapped to the column; for no passage, what the other side's is."""
    if span is None:
        return [f"({empty})"]
    return textwrap.wrap(" ".join(text[span[0] : span[1]].split()), column) or [""]


def _text(store, release_id: int) -> str:
    return store.conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,)).fetchone()[0]
