"""``rpm-spec registry ...``: namespaces of shared environments (admins and editors)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.registry.registry import Registry


def _registry(state: CliState) -> Registry:
    from rpm_spec.registry.opening import open_registry

    session = state.session()
    return open_registry(session.config, session.user_dir)


@click.group("registry")
def registry() -> None:
    """The site's environment registry: namespaces, published versions, roles."""


@registry.command("create")
@click.argument("namespace")
@click.option("--group", required=True, help="POSIX group (name or gid) of its editors.")
@pass_state
def create(state: CliState, namespace: str, group: str) -> None:
    """Create NAMESPACE, owned by GROUP, whose members may publish into it (admins only)."""
    directory = _registry(state).create_namespace(namespace, group)
    click.echo(f"==> Created namespace {namespace} ({directory}); editors: group {group}")


@registry.command("list")
@click.argument("namespace", required=False)
@pass_state
def list_command(state: CliState, namespace: str | None) -> None:
    """List the environments you may view, each version and its sections' status."""
    found = _registry(state).listing(namespace)
    if not found:
        click.echo("==> No published environments")
    for entry in found:
        click.echo(f"{entry.ref.key}  (current: {entry.current or '-'})")
        for version, sections in sorted(entry.versions.items()):
            marks = [" current" if version == entry.current else ""]
            if version in entry.archived:
                marks.append(" archived")
            shown = ", ".join(f"{key}: {status}" for key, status in sorted(sections.items()))
            click.echo(f"    @{version}{''.join(marks)}  {shown}")


@registry.command("verify")
@pass_state
def verify(state: CliState) -> None:
    """Check every published version and history against their signatures."""
    from rpm_spec.registry.errors import TamperedError

    problems = _registry(state).verify()
    for problem in problems:
        click.echo(f"    {problem}")
    if problems:
        raise TamperedError(
            f"the registry failed verification: {plural(len(problems), 'problem')}",
            hint="a published version or history was edited: do not use it",
        )
    click.echo("==> Every published version and history is intact")


@registry.command("prune")
@click.argument("ref", metavar="NS/ENV")
@click.option("--keep-built", type=int, required=True, help="Built versions to keep.")
@pass_state
def prune(state: CliState, ref: str, keep_built: int) -> None:
    """Archive older versions to manifest and lock (their views go; 'gc' may then
    reclaim their prefixes). The current version is always kept."""
    from rpm_spec.registry.layout import parse_ref

    archived = _registry(state).prune(parse_ref(ref, versioned=False), keep_built)
    if not archived:
        click.echo("==> Nothing to archive")
        return
    click.echo(f"==> Archived {', '.join(f'@{v}' for v in archived)} of {ref}")


@registry.command("delete")
@click.argument("ref", metavar="NS/ENV")
@pass_state
def delete(state: CliState, ref: str) -> None:
    """Remove NS/ENV from the registry (admins; moved aside, so running jobs go on)."""
    from rpm_spec.registry.layout import parse_ref

    moved = _registry(state).delete(parse_ref(ref, versioned=False))
    click.echo(f"==> Deleted {ref} (moved to {moved})")


@registry.command("policy")
@click.argument("namespace")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
def policy(state: CliState, namespace: str, file: Path) -> None:
    """Set NAMESPACE's policy.yaml from FILE (admins only)."""
    path = _registry(state).set_policy(namespace, file.read_text(encoding="utf-8"))
    click.echo(f"==> Policy of {namespace} set ({path})")
