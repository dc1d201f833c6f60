"""``rpm-spec mirror``: configure source mirrors and fill a mirror directory."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rpm_spec.build.fetch import Fetcher
from rpm_spec.build.mirrors import (
    Mirror,
    add_mirror,
    local_path,
    mirrors_from_config,
    normalize_mirror_url,
    remove_mirror,
)
from rpm_spec.build.sources import fetch_dag_sources
from rpm_spec.cli.fetch import NO_CHECKSUM, CliFetchReporter, concretize_words, report_failures
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.config import BuildSettings, Configuration
from rpm_spec.errors import UsageError


@click.group("mirror")
def mirror() -> None:
    """Add, remove and list source mirrors; create a mirror for specs."""


@mirror.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--scope", default="user", show_default=True, help="The config scope to change.")
@pass_state
def add(state: CliState, name: str, url: str, scope: str) -> None:
    """Add mirror NAME at URL (file://DIR, a directory, http:// or https://).

    Mirrors are tried in order before a recipe's own URL; files in them are laid
    out as NAME/NAME-VERSION.EXT (what 'rpm-spec mirror create' writes).
    """
    stored = normalize_mirror_url(url, Path.cwd())
    added = add_mirror(state.session().config, name, stored, scope)
    if added:
        click.echo(f"added mirror '{name}' ({stored}) to the {scope} scope")
    else:
        click.echo(f"mirror '{name}' ({stored}) is already in the {scope} scope")
    root = local_path(stored)
    if root is not None and not root.is_dir():
        click.secho(f"==> Warning: {root} is not a directory (yet)", fg="yellow", err=True)


@mirror.command("remove")
@click.argument("name")
@click.option(
    "--scope", default=None, help="The config scope to change (default: the one with it)."
)
@pass_state
def remove(state: CliState, name: str, scope: str | None) -> None:
    """Remove mirror NAME from the configuration."""
    removed_from = remove_mirror(state.session().config, name, scope)
    click.echo(f"removed mirror '{name}' from the {removed_from} scope")


@mirror.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print name, fetch/push URLs and scope.")
@pass_state
def list_mirrors(state: CliState, as_json: bool) -> None:
    """List the source mirrors in the order they are tried."""
    mirrors = mirrors_from_config(state.session().config)
    if as_json:
        click.echo(json.dumps([m.to_json() for m in mirrors], indent=2))
        return
    if not mirrors:
        click.echo("no mirrors configured", err=True)
        return
    width = max(len(m.name) for m in mirrors)
    for m in mirrors:
        push = f"  (push: {m.push_url})" if m.push_url and m.push_url != m.fetch_url else ""
        binary = "" if m.source else "  [binaries only]"
        click.echo(f"{m.name:<{width}}  {m.fetch_url}{push}  [{m.scope}]{binary}")


@mirror.command("create", cls=SpecCommand)
@click.option(
    "-d",
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="The mirror directory to fill.",
)
@click.option(
    "--from-lock",
    "from_lock",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Bundle a lock for an air-gapped site: its sources, binaries, keys and the lock.",
)
@NO_CHECKSUM
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...|DIR")
@pass_state
def create(
    state: CliState,
    directory: Path | None,
    from_lock: Path | None,
    no_checksum: bool,
    words: tuple[str, ...],
) -> None:
    """Fetch every source of the SPECs' DAG into DIRECTORY, laid out as a mirror.

    Files come from the source cache and the configured mirrors when they have
    them, else from upstream; all are verified. Serve the directory (or a copy)
    and add it elsewhere with 'rpm-spec mirror add NAME file://DIR'.

    With --from-lock LOCK DIR: DIR also gets a signed binary cache of the lock's
    installed builds, the public keys that signed them and the lock (see
    DIR/README.txt); a site with no network installs from it.
    """
    if from_lock is not None:
        from rpm_spec.cli.mirror_bundle import create_bundle

        create_bundle(state, from_lock, directory, words, checksum_off=no_checksum)
        return
    if directory is None:
        raise UsageError("give the mirror directory with -d DIR")
    dag = concretize_words(state, words, "rpm-spec mirror create -d ./mirror xz bzip2")
    config = state.session().config
    target = directory.absolute()
    fetcher = mirror_fetcher(config, target)
    checksum = not no_checksum and bool(config.get_path("config:checksum", True))
    outcomes = fetch_dag_sources(dag, state.session().repos, fetcher, checksum=checksum)
    fetched = [o for o in outcomes if o.error is None and not o.from_cache]
    present = [o for o in outcomes if o.error is None and o.from_cache]
    failed = [o for o in outcomes if o.error is not None]
    for outcome in fetched:
        click.echo(f"[fetched] {outcome.file}  {outcome.path}")
    click.echo(
        f"mirror {target}: {len(fetched)} fetched, {len(present)} already there, "
        f"{len(failed)} failed"
    )
    report_failures(outcomes)


def mirror_fetcher(config: Configuration, target: Path) -> Fetcher:
    """A fetcher that fills ``target`` as a mirror (from the source cache first)."""
    cache = BuildSettings.from_config(config, cpu_count=1).source_cache
    extra = [Mirror("source-cache", str(cache))] if cache.resolve() != target.resolve() else []
    return Fetcher.from_config(
        config,
        CliFetchReporter(),
        source_cache=target,
        extra_mirrors=extra,
        private_cache=False,  # a mirror is for others to read
    )
