"""``rpm-spec gc``: remove implicitly installed specs that no explicit one needs."""

from __future__ import annotations

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.uninstall import confirm, describe_record, remove
from rpm_spec.util.wording import plural


@click.command("gc")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def gc(state: CliState, yes: bool) -> None:
    """Remove specs installed as dependencies that no explicit spec links to or runs.

    Build-only dependencies (cmake, ninja, ...) of explicit specs are removed
    too: what was built with them keeps working. 'rpm-spec find -x' lists the
    explicit specs, which gc keeps.
    """
    store = state.session().store
    plan = store.unneeded()
    if not plan:
        click.echo("==> Nothing to remove: every installed spec is needed")
        return
    click.echo(f"==> {plural(len(plan), 'package')} will be removed:")
    for record in plan:
        click.echo(f"    {describe_record(record)}")
    confirm("Remove them?", yes=yes)
    remove(store, plan)
