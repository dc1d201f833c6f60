"""``rpm-spec fetch``: concretize specs and fetch every source of their DAG."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from rpm_spec.build.errors import BuildLayerError
from rpm_spec.build.fetch import Fetcher, FetchReporter
from rpm_spec.build.sources import fetch_dag_sources
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.build.sources import FetchOutcome
    from rpm_spec.spec.concrete import ConcreteDag

NO_CHECKSUM = click.option(
    "--no-checksum",
    is_flag=True,
    help="Accept sources whose sha256 is unknown or does not match (not recommended).",
)


class CliFetchReporter(FetchReporter):
    """Says on stderr where each transfer comes from and which places failed."""

    def fetch_started(self, name: str, source: str) -> None:
        click.echo(f"==> Fetching {name} from {source}", err=True)

    def fetch_failed(self, name: str, source: str, reason: str) -> None:
        click.secho(f"    {source}: {reason}", fg="yellow", err=True)


def concretize_words(state: CliState, words: Sequence[str], example: str) -> ConcreteDag:
    """Concretize the specs in ``words`` together; notes go to stderr."""
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if not specs:
        raise UsageError("no spec given", hint=f"e.g. {example}")
    session = state.session()
    result = session.concretize(specs, request_text=text)
    for note in [*session.notes, *result.notes]:
        click.secho(f"==> Note: {note}", fg="yellow", err=True)
    return result.dag


def report_failures(outcomes: Sequence[FetchOutcome]) -> None:
    """Show each failure in full; end with an error if there was any."""
    failed = [outcome for outcome in outcomes if outcome.error is not None]
    for outcome in failed:
        click.secho(f"==> {outcome.file}: ", fg="red", err=True, nl=False)
        click.echo(str(outcome.error), err=True)
        if outcome.error is not None and outcome.error.hint:
            click.echo(f"  hint: {outcome.error.hint}", err=True)
    if failed:
        raise BuildLayerError(
            f"{len(failed)} of {plural(len(outcomes), 'source file')} could not be fetched",
            hint="each failure is shown above",
        )


@click.command("fetch", cls=SpecCommand)
@NO_CHECKSUM
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def fetch(state: CliState, no_checksum: bool, words: tuple[str, ...]) -> None:
    """Concretize SPECs and fetch the sources of every node (cache, mirrors, upstream).

    Every file is verified against its recipe's sha256 and kept in the source
    cache, so a later install needs no network.

    \b
    Examples:
      rpm-spec fetch xz@5.4.1 bzip2
    """
    dag = concretize_words(state, words, "rpm-spec fetch xz@5.4.1")
    session = state.session()
    fetcher = Fetcher.from_config(session.config, CliFetchReporter())
    checksum = not no_checksum and bool(session.config.get_path("config:checksum", True))
    outcomes = fetch_dag_sources(dag, session.repos, fetcher, checksum=checksum)
    for outcome in outcomes:
        if outcome.error is None:
            status = "cached " if outcome.from_cache else "fetched"
            click.echo(f"[{status}] {outcome.file}  {outcome.path}")
    done = [o for o in outcomes if o.error is None]
    cached = sum(1 for o in done if o.from_cache)
    click.echo(f"{len(done) - cached} fetched, {cached} already cached", err=True)
    report_failures(outcomes)
