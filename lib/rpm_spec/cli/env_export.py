"""``rpm-spec env export``: an environment for places without rpm-spec (issue 14 item 3).

Registered on the ``env`` group by :func:`register`; the work is in
:mod:`rpm_spec.export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.errors import UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.environment.environment import Environment
    from rpm_spec.export.closure import ExportSet
    from rpm_spec.session import Session

_DEFAULT_BASE = "rpm-spec:latest"


def register(group: click.Group) -> None:
    """Add ``export`` to ``env``."""
    group.add_command(export)


@click.command("export")
@click.argument("ref", required=False, metavar="[NS/ENV[@N]|NAME|DIR]")
@click.option(
    "--tarball",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a relocatable .tar.gz of the environment here.",
)
@click.option(
    "--container",
    type=click.Choice(["docker", "apptainer"]),
    help="Write a Dockerfile or Apptainer definition with a bundled binary cache.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="The directory --container writes into (created; must be empty).",
)
@click.option(
    "--base",
    default=_DEFAULT_BASE,
    show_default=True,
    help="The image --container builds from (it must have rpm-spec on its PATH).",
)
@pass_state
def export(
    state: CliState,
    ref: str | None,
    tarball: Path | None,
    container: str | None,
    output: Path | None,
    base: str,
) -> None:
    """Export an environment (default: -e DIR or the active one) to run without rpm-spec.

    \b
    --tarball FILE: the view and every prefix it needs, with RUNPATHs rewritten relative
      to $ORIGIN: unpack anywhere ('mkdir d && tar -xzf FILE -C d'), then 'd/run PROG'
      or '. d/activate.sh'. Two exports of one version are byte-identical.
    --container KIND -o DIR: a recipe that installs the lock's exact hashes from a binary
      cache bundled in DIR, verifying every signature.
    """
    from rpm_spec.export.closure import export_set

    if (tarball is None) == (container is None):
        raise UsageError("give one of --tarball FILE or --container KIND")
    if container is not None and output is None:
        raise UsageError("--container needs -o DIR", hint="the build context is written there")
    if ref is not None:
        from rpm_spec.cli.env_registry import environment_to_activate

        environment_to_activate(state, ref)  # an archived version is installed again first
        # The session of that environment: its manifest's configuration (store, repos) holds.
        state = CliState(state.overrides, state.scope_dirs, state.debug, ref)
    session = state.session()
    found = session.environment
    if found is None:
        raise UsageError(
            "no environment to export", hint="name one (NS/ENV@N, NAME, DIR) or pass -e DIR"
        )
    chosen = export_set(found, session.store, session.host)
    if tarball is not None:
        _tarball(chosen, tarball)
    else:
        assert container is not None and output is not None
        _container(session, found, chosen, container, output, base)


def _tarball(chosen: ExportSet, target: Path) -> None:
    import hashlib

    from rpm_spec.export.tarball import export_tarball

    report = export_tarball(chosen, target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    click.echo(
        f"==> Exported {chosen.label} ({chosen.section.key}, "
        f"{plural(len(chosen.nodes), 'prefix', 'prefixes')}) to {target}"
    )
    click.echo(
        f"    rewritten: {plural(report.runpaths, 'RUNPATH')}, {plural(report.links, 'link')}, "
        f"{plural(report.shebangs, 'shebang')}; sha256 {digest}"
    )
    if report.left:
        click.secho(
            f"==> Warning: {plural(len(report.left), 'file')} still name a store path "
            f"(listed in EXPORT.json), e.g. {report.left[0]}",
            fg="yellow",
            err=True,
        )


def _container(
    session: Session, found: Environment, chosen: ExportSet, kind: str, output: Path, base: str
) -> None:
    from rpm_spec.binary.keys import export_key
    from rpm_spec.cli.buildcache import push_lock
    from rpm_spec.environment.manifest import MANIFEST_NAME
    from rpm_spec.export.container import RECIPES, copy_environment, recipe

    if output.exists() and any(output.iterdir()):
        raise UsageError(f"{output} is not empty", hint="give a new or empty directory")
    keys = session.keyring.own_keys()
    if not keys:
        raise UsageError(
            "the bundled binary cache must be signed, and you have no key",
            hint="create one with 'rpm-spec buildcache keys create NAME'",
        )
    output.mkdir(parents=True, exist_ok=True)
    _, total = push_lock(session, found.lock, str(output))
    (output / "keys").mkdir()
    names = []
    for key in sorted(keys, key=lambda k: k.fingerprint):
        name = f"{key.name}-{key.fingerprint[:16]}.pub"
        export_key(key, output / "keys" / name)
        names.append(name)
    copy_environment(found.path / MANIFEST_NAME, found.lock_path, output)
    text = recipe(kind, chosen, names, base)
    (output / RECIPES[kind]).write_text(text)
    click.echo(
        f"==> Wrote {output / RECIPES[kind]} with {plural(total, 'build')} in "
        f"{output / 'build_cache'} and {plural(len(names), 'key')}"
    )
