"""``rpm-spec uninstall``: remove installed specs (never while others still need them)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import RpmSpecError, UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.store import AmbiguousMatchError, NoMatchError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.store import InstallRecord, Store


def describe_record(record: InstallRecord) -> str:
    spec = record.spec
    return f"{spec.short_hash} {spec.name}@{spec.version}{spec.format_variants()} {record.prefix}"


def confirm(question: str, *, yes: bool) -> None:
    """Go on with ``-y``; otherwise ask on a terminal, and refuse where nobody can answer."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise RpmSpecError(
            "refusing to remove anything without confirmation: stdin is not a terminal",
            hint="pass -y to confirm",
        )
    if not click.confirm(question, default=False):
        raise click.exceptions.Abort()


def remove(store: Store, records: Sequence[InstallRecord]) -> None:
    """Uninstall ``records`` in the order given, saying what was done."""
    for record in records:
        store.uninstall(record.hash)
        click.echo(
            f"==> Removed {record.spec.name}@{record.spec.version} /{record.spec.short_hash}"
        )
        if not record.external and record.prefix.exists():
            click.echo(f"    left {record.prefix} in place: it is outside the store", err=True)


@click.command("uninstall", cls=SpecCommand)
@click.option(
    "--dependents",
    "with_dependents",
    is_flag=True,
    help="Also remove the installed specs that link to or run these.",
)
@click.option("-a", "--all", "every", is_flag=True, help="Remove every match of each SPEC.")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def uninstall(
    state: CliState, with_dependents: bool, every: bool, yes: bool, words: tuple[str, ...]
) -> None:
    """Remove installed specs and their prefixes.

    Refuses while other installed specs link to or run one of them, naming
    those; --dependents removes them as well. Build-only dependents do not
    block: a built spec no longer needs its build tools.
    """
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if not specs:
        raise UsageError("no spec given", hint="e.g. rpm-spec uninstall zlib@1.3")
    store = state.session().store
    hashes: list[str] = []
    for spec in specs:
        found = store.select([spec])
        if not found:
            raise NoMatchError(str(spec))
        if len(found) > 1 and not every:
            raise AmbiguousMatchError(str(spec), [describe_record(r) for r in found])
        hashes.extend(r.hash for r in found)
    plan = store.uninstall_order(hashes, with_dependents=with_dependents)
    click.echo(f"==> {plural(len(plan), 'package')} will be removed:")
    for record in plan:
        click.echo(f"    {describe_record(record)}")
    confirm("Remove them?", yes=yes)
    remove(store, plan)
