"""``rpm-spec gc``: remove implicitly installed specs that no explicit one needs."""

from __future__ import annotations

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.uninstall import confirm, describe_record, remove
from rpm_spec.util.wording import plural


@click.command("gc")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--prune-stale",
    is_flag=True,
    help="First drop the downstream roots (users of this store) whose environment is gone.",
)
@pass_state
def gc(state: CliState, yes: bool, prune_stale: bool) -> None:
    """Remove specs installed as dependencies that no explicit spec links to or runs.

    Build-only dependencies (cmake, ninja, ...) of explicit specs are removed
    too: what was built with them keeps working. 'rpm-spec find -x' lists the
    explicit specs, which gc keeps, as it keeps what the live downstream roots of
    a shared store need (users whose environments use it as an upstream).
    """
    store = state.session().store
    if prune_stale:
        for entry in store.drop_box.prune_stale():
            click.echo(f"==> Dropped the stale root of {entry.label}: {entry.witness} is gone")
    for spec_hash, entries in sorted(store.kept_for_roots().items()):
        record = store.database.get(spec_hash)
        if record is not None and not record.explicit:
            users = ", ".join(entry.label for entry in entries)
            click.echo(f"==> Keeping {record.spec.label}: needed by {users}")
    plan = store.unneeded()
    if not plan:
        click.echo("==> Nothing to remove: every installed spec is needed")
        return
    click.echo(f"==> {plural(len(plan), 'package')} will be removed:")
    for record in plan:
        click.echo(f"    {describe_record(record)}")
    confirm("Remove them?", yes=yes)
    remove(store, plan)
