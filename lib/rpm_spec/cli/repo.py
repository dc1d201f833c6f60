"""``rpm-spec repo``: create repositories and add them to (or remove them from) config."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.util.wording import plural

_SCOPE = click.option(
    "--scope", default="user", show_default=True, help="The config scope to change."
)


@click.group("repo")
def repo() -> None:
    """Create, add, remove and list recipe repositories."""


@repo.command("create")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.argument("namespace")
def create(directory: Path, namespace: str) -> None:
    """Create an empty repository in DIRECTORY with NAMESPACE."""
    from rpm_spec.repo.registry import create_repository  # lazy: startup

    marker = create_repository(directory, namespace)
    click.echo(f"created repository '{namespace}' in {directory}")
    click.echo(f"  add it with: rpm-spec repo add {marker.parent.absolute()}")


@repo.command("add")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@_SCOPE
@pass_state
def add(state: CliState, path: Path, scope: str) -> None:
    """Add the repository at PATH, above those already configured."""
    from rpm_spec.repo.registry import add_repository  # lazy: startup

    added = add_repository(state.session().config, path, scope)
    click.echo(f"added repository '{added.namespace}' ({added.path}) to the {scope} scope")


@repo.command("remove")
@click.argument("path_or_namespace")
@_SCOPE
@pass_state
def remove(state: CliState, path_or_namespace: str, scope: str) -> None:
    """Remove a repository, given by path or namespace, from a scope's config."""
    from rpm_spec.repo.registry import remove_repository  # lazy: startup

    for removed in remove_repository(state.session().config, path_or_namespace, scope):
        click.echo(f"removed {removed.namespace or '?'} ({removed.entry}) from the {scope} scope")


@repo.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print namespace, path and package count.")
@pass_state
def list_repos(state: CliState, as_json: bool) -> None:
    """List the configured repositories, highest precedence first."""
    repos = state.session().repos.repos
    if as_json:
        rows = [
            {"namespace": r.namespace, "path": str(r.root), "packages": len(r.names())}
            for r in repos
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    if not repos:
        click.echo("no repositories configured", err=True)
        return
    width = max(len(r.namespace) for r in repos)
    for r in repos:
        click.echo(f"{r.namespace:<{width}}  {r.root}  ({plural(len(r.names()), 'package')})")
