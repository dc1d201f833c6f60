"""``rpm-spec list``: the packages in the configured repositories."""

from __future__ import annotations

import json
import shutil
import sys
from typing import TYPE_CHECKING, Any

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.errors import ExitCode
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.repo import RepoPath


@click.command("list")
@click.argument("pattern", required=False)
@click.option("-d", "--search-description", is_flag=True, help="Match descriptions too.")
@click.option("--json", "as_json", is_flag=True, help="Print name, namespace, versions, ...")
@pass_state
def list_packages(
    state: CliState, pattern: str | None, search_description: bool, as_json: bool
) -> None:
    """List packages; PATTERN is a substring or a glob ('py-*') of the name."""
    from rpm_spec.repo.search import find_packages  # lazy: startup

    repos = state.session().repos
    names = find_packages(repos, pattern, search_description=search_description)
    if as_json:
        click.echo(json.dumps([_summary(repos, name) for name in names], indent=2))
        return
    if not names:
        click.echo(f"no package matches '{pattern}'", err=True)
        raise SystemExit(ExitCode.USER_ERROR)
    if sys.stdout.isatty():
        click.echo(_columns(names, shutil.get_terminal_size().columns))
    else:
        click.echo("\n".join(names))
    broken = sorted(set(names) & set(repos.errors()))
    if broken:
        click.echo(
            f"warning: {plural(len(broken), 'recipe')} failed to load: {', '.join(broken)} "
            "(see rpm-spec info NAME)",
            err=True,
        )


def _summary(repos: RepoPath, name: str) -> dict[str, Any]:
    error = repos.errors().get(name)
    if error is not None:
        return {"name": name, "namespace": repos.repo_of(name).namespace, "error": str(error)}
    metadata = repos.get(name)
    return {
        "name": name,
        "namespace": metadata.namespace,
        "versions": [decl.version for decl in metadata.versions_newest_first()],
        "description": metadata.description,
        "build_system": metadata.build_system,
        "provides": sorted(metadata.virtuals()),
    }


def _columns(names: list[str], width: int) -> str:
    """Names in as many columns as fit ``width``, filled top to bottom."""
    cell = max(len(name) for name in names) + 2
    count = max(1, width // cell)
    rows = -(-len(names) // count)
    lines = []
    for row in range(rows):
        line = "".join(names[i].ljust(cell) for i in range(row, len(names), rows))
        lines.append(line.rstrip())
    return "\n".join(lines)
