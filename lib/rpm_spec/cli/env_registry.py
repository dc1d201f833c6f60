"""``rpm-spec env publish|pull|history|rollback``: environments shared through the registry.

Registered on the ``env`` group by :func:`register` (cli/env.py stays small). Also the
helpers ``env activate`` and ``env diff`` use to read ``NS/ENV[@N]``.
"""

from __future__ import annotations

import contextlib
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.errors import UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.environment.environment import Environment
    from rpm_spec.environment.lockfile import Lockfile, PlatformSection
    from rpm_spec.registry.published import PublishedEnvironment
    from rpm_spec.registry.registry import Registry
    from rpm_spec.session import Session


def register(group: click.Group) -> None:
    """Add the registry verbs to ``env``."""
    for command in (publish, pull, history_command, rollback):
        group.add_command(command)


def _registry(session: Session) -> Registry:
    from rpm_spec.registry.opening import open_registry

    return open_registry(session.config, session.user_dir)


@click.command("publish")
@click.argument("ref", metavar="NS/ENV")
@click.option(
    "-e", "--env", "source", help="The environment to publish (default: the active one)."
)
@click.option(
    "--push",
    "push_to",
    metavar="MIRROR|DIR",
    help="Also push its installed builds to this binary cache (signed with your key).",
)
@pass_state
def publish(state: CliState, ref: str, source: str | None, push_to: str | None) -> None:
    """Publish an environment as the next immutable version of NS/ENV, and make it current.

    The version holds the manifest, the lock with all its platform sections, each
    section's status (built: every node installed; solved), the view, and a publish
    record signed with your key. With --push, the builds go to a binary cache first,
    so an archived version can come back from it later with the same hashes.
    """
    from rpm_spec.environment.environment import find_environment
    from rpm_spec.registry.layout import parse_ref
    from rpm_spec.registry.publishing import publish_environment

    session = state.session()
    target = parse_ref(ref, versioned=False)
    registry = _registry(session)
    registry.require("publish", target)  # before reading anything else
    found = session.environment if source is None else find_environment(source, session.user_dir)
    if found is None:
        raise UsageError("no environment to publish", hint="activate one, or pass -e DIR")
    if not found.lock.platforms:
        raise UsageError(f"{found.label} is not concretized", hint="run 'rpm-spec concretize'")
    namespace = registry.root / target.namespace  # its policy.yaml tightens the site's
    _check_policy(session, found.lock, namespace, where=f"env publish {target}")
    if push_to is not None:
        from rpm_spec.cli.buildcache import push_lock

        pushed, total = push_lock(session, found.lock, push_to)
        click.echo(f"==> {plural(total, 'build')} in {push_to} ({pushed} pushed now)")
    published = publish_environment(registry, target, found, session.store)
    click.echo(
        f"==> Published {target}@{published.version} (lock sha256 {published.lock_sha256[:12]})"
    )
    for key, status in sorted(published.sections.items()):
        click.echo(f"    {key}: {status}")


@click.command("pull")
@click.argument("ref", metavar="NS/ENV[@N]")
@click.option(
    "-d",
    "--dir",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to put the editable copy.",
)
@pass_state
def pull(state: CliState, ref: str, directory: Path) -> None:
    """Copy a published version (manifest and lock) into DIR, as an editable environment."""
    from rpm_spec.registry.opening import open_published
    from rpm_spec.registry.publishing import pull_into

    session = state.session()
    found = open_published(_registry(session), ref, action="pull")
    created = pull_into(found, directory)
    click.echo(f"==> Pulled {found.label} into {created.path}")
    _say_section(session, found.lock, found.label, required=False)


@click.command("history")
@click.argument("ref", metavar="NS/ENV")
@pass_state
def history_command(state: CliState, ref: str) -> None:
    """Who published or rolled back NS/ENV, when, and the lock's sha256 (signed, append-only)."""
    from rpm_spec.registry import history
    from rpm_spec.registry.layout import parse_ref
    from rpm_spec.util.fs import owner_name

    session = state.session()
    target = parse_ref(ref, versioned=False)
    registry = _registry(session)
    registry.require("history", target)
    paths = registry.paths(target)
    for entry in history.read(paths.dir):
        when = datetime.datetime.fromtimestamp(entry.time, datetime.timezone.utc)
        sha = entry.lock_sha256[:12] or "-"
        click.echo(
            f"{when:%Y-%m-%d %H:%M:%S}Z  {entry.action:<9} @{entry.version:<4} lock {sha}  "
            f"by {owner_name(entry.uid)}"
        )
    for problem in history.verify(paths.dir, registry.signer):
        click.secho(f"==> Warning: {problem}", fg="yellow", err=True)


@click.command("rollback")
@click.argument("ref", metavar="NS/ENV")
@click.option("--to", "version", type=int, required=True, help="The version to make current.")
@pass_state
def rollback(state: CliState, ref: str, version: int) -> None:
    """Make an earlier version current (one atomic switch; running jobs keep working)."""
    from rpm_spec.registry.layout import parse_ref

    target = parse_ref(ref, versioned=False)
    _registry(state.session()).rollback(target, version)
    click.echo(f"==> {target} is now version {version}")


# -- used by env activate and env diff --------------------------------------------------------


def environment_to_activate(state: CliState, text: str) -> Environment:
    """``env activate``'s environment: managed, a directory, or ``NS/ENV[@N]``; an archived
    version is installed again (from the binary cache) and its view remade first."""
    from rpm_spec.registry.opening import find_any_environment
    from rpm_spec.registry.published import PublishedEnvironment

    session = state.session()
    found = find_any_environment(text, session.config, session.user_dir)
    if isinstance(found, PublishedEnvironment) and found.is_archived:
        _rematerialise(state, found)
    return found


def _rematerialise(state: CliState, found: PublishedEnvironment) -> None:
    """Install the archived version's section (its prefixes come back from the binary
    cache where it has them) and remake its view; output goes to stderr, since
    activation's stdout is shell code."""
    from rpm_spec.cli.install import install
    from rpm_spec.registry.versions import restore_view_dir, set_archived

    registry = _registry(state.session())
    registry.require("restore", found.paths.ref)  # writing views/<N> takes an editor
    click.echo(f"==> {found.label} is archived: installing it again", err=True)
    pinned = f"{found.paths.ref.key}@{found.version}"
    restore_view_dir(found.paths, found.version)
    inner = CliState(state.overrides, state.scope_dirs, state.debug, pinned)
    with click.Context(install, obj=inner) as ctx, contextlib.redirect_stdout(sys.stderr):
        ctx.invoke(install)
    set_archived(found.paths, found.version, False)


def registry_section(state: CliState, text: str) -> tuple[str, PlatformSection] | None:
    """For ``env diff``: the section this host uses of ``NS/ENV@N`` (None: not such a ref)."""
    from rpm_spec.registry.layout import is_ref
    from rpm_spec.registry.opening import open_published

    if not is_ref(text) or Path(text).exists():
        return None
    session = state.session()
    found = open_published(_registry(session), text, action="pull")
    if len(found.lock.platforms) == 1:
        section = next(iter(found.lock.platforms.values()))
    else:
        section = _say_section(session, found.lock, found.label, required=True, quiet=True)
    return f"{found.label} ({section.key})", section


def _say_section(
    session: Session, lock: Lockfile, label: str, *, required: bool, quiet: bool = False
) -> PlatformSection:
    """The section of ``lock`` this host uses (archspec compatibility); if none, a
    :class:`UsageError` listing those there are (``required``), else a warning."""
    from rpm_spec.environment.concretize import section_for_host

    section = section_for_host(lock, session.host)
    if section is None:
        keys = ", ".join(sorted(lock.platforms)) or "none"
        message = f"{label} has no section this host ({session.host.arch}) can use"
        hint = f"its {plural(len(lock.platforms), 'section')}: {keys}"
        if required:
            raise UsageError(message, hint=hint)
        click.secho(f"==> Warning: {message}; {hint}", fg="yellow", err=True)
        return next(iter(lock.platforms.values()))
    if not quiet:
        click.echo(f"==> This host uses its section {section.key}")
    return section


def _check_policy(session: Session, lock: Lockfile, namespace: Path, *, where: str) -> None:
    """The admin policy's check of a lock (the site's, tightened by the namespace's
    ``policy.yaml``): a PolicyError naming each rule and its ``policy.yaml:LINE``.
    License rules are checked against the recipes this session sees."""
    from rpm_spec.solver.admin_policy import check_policy  # lazy: startup

    check_policy(
        session.admin_policy, lock, namespace=namespace, recipes=session.repos, where=where
    )
