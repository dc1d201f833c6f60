"""``rpm-spec reindex``: rebuild the install database from the installed prefixes."""

from __future__ import annotations

import click

from rpm_spec.cli.main import CliState, pass_state


@click.command("reindex")
@pass_state
def reindex(state: CliState) -> None:
    """Rebuild the install database from the prefixes whose install completed.

    Use it when the database is damaged or was lost. Whether a spec was
    installed explicitly is kept from the old database where it is readable.
    """
    store = state.session().store
    report = store.reindex()
    for note in report.notes:
        click.echo(f"==> Note: {note}", err=True)
    click.echo(
        f"==> Reindexed {store.root}: {report.installed} installed, "
        f"{report.externals} external, {report.retained} removed build dependencies remembered"
    )
