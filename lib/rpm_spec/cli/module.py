"""``rpm-spec module lmod|tcl refresh|find``: module files for installed specs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import UsageError
from rpm_spec.modules import KINDS, ModuleSettings, find_modules, refresh_modules
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.store.upstreams import upstreams_from_config

if TYPE_CHECKING:
    from rpm_spec.modules import Kind
    from rpm_spec.session import Session
    from rpm_spec.store.records import Snapshot


@click.group("module")
def module() -> None:
    """Generate Lmod (hierarchical) or Tcl (flat) module files, as modules.yaml says."""


def _recipe_virtuals(session: Session, snapshot: Snapshot) -> dict[str, frozenset[str]]:
    """Virtuals each installed package's recipe provides (where the recipe is known)."""
    found: dict[str, frozenset[str]] = {}
    for name in {record.spec.name for record in snapshot.installs.values()}:
        if session.repos.exists(name):
            found[name] = session.recipe(name).virtuals()
    return found


def _kind_group(kind: Kind) -> click.Group:
    @click.group(kind, help=f"{kind.capitalize()} module files.")
    def group() -> None:
        pass

    @group.command("refresh")
    @click.option(
        "--delete-tree", is_flag=True, help="Remove every module file rpm-spec wrote first."
    )
    @click.option("-y", "--yes", is_flag=True, help="Do not ask before --delete-tree.")
    @click.option(
        "--upstream-modules",
        "upstreams",
        multiple=True,
        type=click.Path(path_type=Path),
        help="An upstream store's module tree whose modules autoload as dependencies.",
    )
    @click.option("--module-set", default="default", show_default=True)
    @pass_state
    def refresh(
        state: CliState,
        delete_tree: bool,
        yes: bool,
        upstreams: tuple[Path, ...],
        module_set: str,
    ) -> None:
        """Write the module files of every installed spec; remove the stale ones."""
        session = state.session()
        settings = ModuleSettings.from_config(session.config, kind, module_set)
        if delete_tree and not yes:
            click.confirm(
                f"Remove every module file rpm-spec wrote under {settings.root}?", abort=True
            )
        snapshot = session.store.database.snapshot()
        configured = [
            upstream.modules[kind]
            for upstream in upstreams_from_config(session.config)
            if kind in upstream.modules
        ]
        report = refresh_modules(
            settings,
            snapshot,
            upstream_roots=(*upstreams, *configured),
            recipe_virtuals=_recipe_virtuals(session, snapshot),
            delete_tree=delete_tree,
        )
        click.echo(
            f"==> {kind}: wrote {len(report.written)}, unchanged {len(report.unchanged)}, "
            f"removed {len(report.removed)} module files under {report.root}"
        )

    @group.command("find", cls=SpecCommand)
    @click.option("--full-path", is_flag=True, help="Print the module files' paths.")
    @click.option("--json", "as_json", is_flag=True, help="Print names, paths and hashes.")
    @click.option("--module-set", default="default", show_default=True)
    @click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
    @pass_state
    def find(
        state: CliState, full_path: bool, as_json: bool, module_set: str, words: tuple[str, ...]
    ) -> None:
        """Print the module name of each installed spec matching SPEC."""
        specs = parse_specs(spec_text_from_args(words))
        if not specs:
            raise UsageError("no spec given", hint=f"e.g. rpm-spec module {kind} find zlib")
        session = state.session()
        settings = ModuleSettings.from_config(session.config, kind, module_set)
        hashes = [record.hash for record in session.store.select(specs)]
        if not hashes:
            from rpm_spec.store import NoMatchError  # lazy: startup

            raise NoMatchError(" ".join(words))
        snapshot = session.store.database.snapshot()
        files = find_modules(
            settings, snapshot, hashes, recipe_virtuals=_recipe_virtuals(session, snapshot)
        )
        if as_json:
            rows = [
                {"name": f.name, "path": str(settings.root / f.path), "hashes": list(f.hashes)}
                for f in files
            ]
            click.echo(json.dumps(rows, indent=2))
            return
        for found in files:
            click.echo(str(settings.root / found.path) if full_path else found.name)

    return group


for _kind in KINDS:
    module.add_command(_kind_group(_kind))
