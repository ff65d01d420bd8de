"""``communique coders`` (who coded what, and renaming a coder) and ``communique agreement``,
two coders' agreement per topic, per release and overall (store.agreement)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import StoreContext
from cli.release_filters import topic_id
from cli.shapes import emit
from store.agreement import AgreementReport, Figures, agreement, coders_with_highlights, every_pair
from store.coder_names import NO_CODER, CoderError
from store.coders import list_coders, rename_coder
from store.export.agreement_report import write_agreement_report
from store.export.base import ExportError


@click.group("coders", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def coders_command(ctx: click.Context, as_json: bool) -> None:
    """List the coders whose highlights the store holds.

    \b
    communique coders rename "" "Ana Petrović"     (name the highlights of an older store)
    communique coders rename apetrovic "Ana Petrović"
    """
    if ctx.invoked_subcommand is not None:
        return
    coders = list_coders(ctx.obj.store)
    if as_json:
        emit(
            [{"coder": c.name, "highlights": c.highlights, "releases": c.releases} for c in coders]
        )
        return
    for coder in coders:
        click.echo(
            f"{coder.label}: {_count(coder.highlights, 'highlight')} in "
            f"{_count(coder.releases, 'release')}"
        )


@coders_command.command("rename")
@click.argument("old")
@click.argument("new")
@click.pass_obj
def rename_coder_command(context: StoreContext, old: str, new: str) -> None:
    """Give every highlight and codebook change of OLD the coder NEW ("" names those made
    before coders were recorded)."""
    try:
        rename_coder(context.store, old, new)
    except CoderError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"“{old or NO_CODER}” is now “{new}”.")


@click.command("agreement")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    help="One of the two coders (give it twice); without it, every pair of coders.",
)
@click.option("--tag", "tags", multiple=True, help="Only this topic (Parent/Topic); repeatable.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report to this file: .csv, .xlsx or .docx.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def agreement_command(
    context: StoreContext,
    coders: tuple[str, ...],
    tags: tuple[str, ...],
    output: Path | None,
    as_json: bool,
) -> None:
    """How far two coders agree: percent agreement, Cohen's kappa, Krippendorff's alpha.

    Over the releases both coded, unit by unit (each character of the text): for a topic,
    a coder's value is 1 inside their highlights of it, else 0. docs/agreement.md says why.

    \b
    communique agreement --coder ana --coder ben
    communique agreement --coder ana --coder ben --tag Sanctions --json
    communique agreement --coder ana --coder ben --output agreement.xlsx
    """
    store = context.store
    tag_ids = [topic_id(store, tag) for tag in tags] if tags else None
    if coders:
        if len(set(coders)) != 2:
            raise click.BadParameter("name two different coders.", param_hint="--coder")
        known = coders_with_highlights(store)
        for coder in coders:
            if coder not in known:
                listed = ", ".join(f"“{name}”" for name in known) or "none yet"
                raise click.BadParameter(
                    f"no highlight has the coder “{coder}” (the store's coders: {listed}).",
                    param_hint="--coder",
                )
        pairs = [(coders[0], coders[1])]
    else:
        pairs = every_pair(store)
        if not pairs:
            raise click.ClickException(
                "Agreement needs two coders; this store holds the highlights of "
                f"{len(coders_with_highlights(store))} (communique merge brings a colleague's)."
            )
    reports = [agreement(store, a, b, tag_ids) for a, b in pairs]
    if output is not None:
        try:
            write_agreement_report(store, reports, output)
        except ExportError as error:
            raise click.ClickException(str(error)) from None
    if as_json:
        emit(_report_json(reports[0]) if coders else {"pairs": [_report_json(r) for r in reports]})
        return
    for report in reports:
        _print_report(report)
    if output is not None:
        click.echo(f"Wrote the report to {output}.")


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}" + ("" if number == 1 else "s")


def _figures_json(figures: Figures) -> dict[str, object]:
    return {"percent": figures.percent, "kappa": figures.kappa, "alpha": figures.alpha}


def _report_json(report: AgreementReport) -> dict[str, object]:
    return {
        "coders": [report.coder_a, report.coder_b],
        "releases_compared": report.releases_compared,
        "overall": _figures_json(report.overall) | {"units": report.overall.units},
        "tags": [
            {"tag": topic.tag, **_figures_json(topic.figures), "units": topic.figures.units}
            for topic in report.topics
        ],
        "releases": [
            {"release_id": release.release_id, **_figures_json(release.figures)}
            for release in report.releases
        ],
    }


def _print_report(report: AgreementReport) -> None:
    a, b = report.coder_a or NO_CODER, report.coder_b or NO_CODER
    click.echo(f"{a} and {b}: {_count(report.releases_compared, 'release')} coded by both")
    click.echo(f"  {'topic':<40} {'agree %':>8} {'kappa':>7} {'alpha':>7}")
    for topic in report.topics:
        click.echo(f"  {topic.tag[:40]:<40} {_row(topic.figures)}")
    click.echo(f"  {'overall':<40} {_row(report.overall)}")


def _row(figures: Figures) -> str:
    def shown(value: float | None, width: int, digits: int) -> str:
        return f"{value:>{width}.{digits}f}" if value is not None else f"{'–':>{width}}"

    return (
        f"{shown(figures.percent, 8, 1)} {shown(figures.kappa, 7, 3)} {shown(figures.alpha, 7, 3)}"
    )
