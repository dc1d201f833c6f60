"""``rpm-spec concretize``: solve the active environment into its lock.

For this machine, for a named platform/os/target, as close as possible to another
section (``--closest-to``, with the grouped report of what changed and why), or for
another site described by a directory (``--site``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rpm_spec.cli.env import _active
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.errors import UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.config import Scope
    from rpm_spec.environment.concretize import SectionOutcome
    from rpm_spec.environment.environment import Environment
    from rpm_spec.environment.site import Site
    from rpm_spec.session import Session


@click.command("concretize")
@click.option("-f", "--force", is_flag=True, help="Solve again even if the lock is current.")
@click.option("--fresh", is_flag=True, help="Solve from scratch: no reuse, no reference.")
@click.option("--target", help="Solve for this microarchitecture (adds or refreshes its section).")
@click.option("--platform", "platform_name", help="Solve for this platform (e.g. linux).")
@click.option("--os", "os_name", help="Solve for this operating system (e.g. rhel9).")
@click.option(
    "--closest-to",
    metavar="SECTION",
    help="Stay as close as possible to this lock section (a target or platform-os-target).",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Solve for another site: a directory with its host.yaml, compilers.yaml and "
    "packages.yaml (this machine's config is neither read nor changed).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the section and changes as JSON.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List every node and constraint behind each change."
)
@pass_state
def concretize(
    state: CliState,
    force: bool,
    fresh: bool,
    target: str | None,
    platform_name: str | None,
    os_name: str | None,
    closest_to: str | None,
    site_dir: Path | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Solve the active environment's roots into its lock.

    Each platform has its own section in the lock; solving for one (the host's,
    or the one --target/--platform/--os name) leaves the others untouched. With
    --closest-to the new section keeps every version, variant, provider and
    compiler of that section that the platform allows, and reports the changes
    grouped by cause, each with the constraint that decided it (all of them with
    --verbose).

    With --site DIR the section is solved for the site DIR describes (its host.yaml
    names platform, os, target and GPUs; its compilers.yaml and packages.yaml replace
    this machine's), as close as possible to this machine's section (or to
    --closest-to); the section records the site description.
    """
    from rpm_spec.cli.retarget_report import report_lines
    from rpm_spec.environment.concretize import concretize_environment
    from rpm_spec.platform import HostInfo

    session, found = _active(state)
    if site_dir is not None:
        if target or platform_name or os_name:
            raise UsageError(
                "--site names the host (its host.yaml): drop --target/--platform/--os"
            )
        _concretize_for_site(
            session,
            found,
            site_dir,
            closest_to=None if fresh else closest_to,
            force=force or fresh,
            as_json=as_json,
            verbose=verbose,
        )
        return
    if fresh:
        session.config.insert_scope(_no_reuse_scope())
    if target and platform_name and os_name:
        # Fully named: nothing about this machine matters (no detection either).
        host = HostInfo(platform=platform_name, os=os_name, target=target)
    else:
        host = session.host
    if target or platform_name or os_name:
        host = HostInfo(
            platform=platform_name or host.platform,
            os=os_name or host.os,
            target=target or host.target,
        )
    outcome = concretize_environment(
        found,
        session,
        host,
        closest_to=None if fresh else closest_to,
        force=force or fresh,
        explicit_target=bool(target or platform_name or os_name),
        target_named=bool(target),
    )
    if outcome.changed:
        found.write_lock()  # merges our section into the lock as it is now (under its lock)
    section = outcome.section
    if as_json:
        click.echo(json.dumps(_outcome_json(outcome), indent=2))
        return
    for note in [*session.notes, *outcome.notes]:
        click.secho(f"==> Note: {note}", fg="yellow", err=True)
    if not outcome.changed:
        nodes = plural(len(section.dag.nodes), "node")
        click.echo(f"==> {found.label}: {section.key} is up to date ({nodes})")
        return
    nodes = plural(len(section.dag.nodes), "node")
    click.echo(f"==> Concretized {found.label} for {section.key} ({nodes})")
    retargeted = closest_to is not None and not fresh
    for text, root_hash in section.roots:
        node = section.dag.nodes[root_hash]
        # A retarget's report is what matters: its roots in short (the variants are in
        # the report where they changed, and in the lock).
        shown = f"{node.name}@{node.version} %{node.compiler}" if retargeted else node.format()
        click.echo(f"    {root_hash[:7]}  {shown}   <- {text}")
    if retargeted:
        if not outcome.changes:
            click.echo(f"==> Kept everything from {closest_to}")
            return
        for line in report_lines(outcome.headline, outcome.groups, verbose=verbose):
            click.echo(line)


def _concretize_for_site(
    session: Session,
    found: Environment,
    directory: Path,
    *,
    closest_to: str | None,
    force: bool,
    as_json: bool,
    verbose: bool,
) -> None:
    """``concretize --site DIR``: solve for that site, close to this machine's section."""
    from rpm_spec.cli.retarget_report import report_lines
    from rpm_spec.environment.concretize import concretize_environment, section_for_host
    from rpm_spec.environment.site import load_site

    site = load_site(directory)
    current = found.lock.platforms.get(site.host.arch)
    stale = current is None or current.site.get("sha256") != site.digest
    if current is not None and not (stale or force or closest_to) and found.is_current(current):
        nodes = plural(len(current.dag.nodes), "node")
        click.echo(f"==> {found.label}: {current.key} is up to date for {directory} ({nodes})")
        return
    if closest_to is None:
        here = section_for_host(found.lock, session.host)
        closest_to = here.key if here is not None else None
    elif found.lock.section(closest_to) is None:
        raise UsageError(
            f"--closest-to {closest_to}: the lock of {found.label} has no such section",
            hint=f"solve it here first: 'rpm-spec concretize --target {closest_to}'",
        )
    there = _site_session(session, found, site)
    outcome = concretize_environment(
        found,
        there,
        site.host,
        closest_to=closest_to,
        force=force or stale,
        explicit_target=True,
        target_named=True,
        site=site.record(),
    )
    if outcome.changed:
        found.write_lock()
    section = outcome.section
    if as_json:
        click.echo(json.dumps(_outcome_json(outcome, site=True), indent=2))
        return
    for note in outcome.notes:
        click.secho(f"==> Note: {note}", fg="yellow", err=True)
    nodes = plural(len(section.dag.nodes), "node")
    click.echo(f"==> Concretized {found.label} for {section.key} at site {directory} ({nodes})")
    if closest_to is None:
        return
    if not outcome.changes:
        click.echo(f"==> Kept everything from {closest_to}")
        return
    for line in report_lines(outcome.headline, outcome.groups, verbose=verbose):
        click.echo(line)


def _site_session(session: Session, found: Environment, site: Site) -> Session:
    """A session for another site: the shipped defaults, the site's scope, the
    environment's own config; this machine's repositories; no reuse of its installs."""
    from rpm_spec.config import Configuration, DirectoryScope, MemoryScope
    from rpm_spec.session import Session
    from rpm_spec.util.paths import DEFAULTS_CONFIG

    config = Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope(f"site:{site.directory.name}", site.directory, writable=False),
            MemoryScope("site", {"concretizer": {"reuse": False}}, origin="--site"),
        ],
        user_dir=session.user_dir,
    )
    repos = [repo.root for repo in session.repos.repos]
    return Session(
        config=config,
        user_dir=session.user_dir,
        host=site.host,
        repo_paths=repos,
        environment=found,
    )


def _no_reuse_scope() -> Scope:
    from rpm_spec.config import MemoryScope

    return MemoryScope("fresh", {"concretizer": {"reuse": False}}, origin="--fresh")


def _outcome_json(outcome: SectionOutcome, *, site: bool = False) -> dict[str, Any]:
    """``concretize --json``: the section solved, whether it changed, and the grouped
    changes in the report's words (``site``: which site description it was solved for)."""
    from rpm_spec.cli.retarget_report import groups_json

    section = outcome.section
    document: dict[str, Any] = {"section": section.key, "changed": outcome.changed}
    if site:
        document["site"] = section.site
    return {
        **document,
        "roots": [{"spec": s, "hash": h} for s, h in section.roots],
        "headline": outcome.headline,
        "changes": groups_json(outcome.groups),
        "notes": outcome.notes,
    }
