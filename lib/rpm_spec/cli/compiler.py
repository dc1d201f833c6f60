"""``rpm-spec compiler``: find compilers on this machine and list the configured ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rpm_spec.cli.main import pass_state
from rpm_spec.errors import RpmSpecError
from rpm_spec.platform.compilers import compiler_entries, detect_compilers, new_compilers
from rpm_spec.platform.executables import path_dirs
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.cli.main import CliState


def _configured(state: CliState) -> list[dict[str, Any]]:
    """The ``compiler`` bodies of the merged compilers section."""
    entries = state.session().config.get("compilers") or []
    return [entry["compiler"] for entry in entries if isinstance(entry.get("compiler"), dict)]


def _paths_text(paths: dict[str, Any]) -> str:
    return "  ".join(f"{role}={path}" for role, path in paths.items() if path)


@click.group("compiler")
def compiler() -> None:
    """Find compilers on this machine and list the configured ones."""


@compiler.command("find")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option("--scope", default="user", show_default=True, help="Config scope to write to.")
@pass_state
def find(state: CliState, dirs: tuple[Path, ...], scope: str) -> None:
    """Detect compilers in DIRS (default: $PATH) and add new ones to compilers.yaml.

    Recognizes gcc, clang (also AOCC and Apple clang), Intel oneAPI and NVIDIA HPC
    compilers, including versioned names such as gcc-12 and clang++-17.
    """
    session = state.session()
    host = session.host
    found = detect_compilers(list(dirs) or path_dirs())
    config = session.config
    with config.editing("compilers", scope):  # read and write under the file's lock
        added = new_compilers(config.get("compilers") or [], found, host)
        if not added:
            known = f" ({len(found)} found, all configured already)" if found else ""
            click.echo(f"==> No new compilers{known}")
            return
        existing = config.scope_data("compilers", scope) or []
        written = config.write_section("compilers", compiler_entries(existing, added, host), scope)
    click.echo(f"==> Added {plural(len(added), 'new compiler')} to {written}")
    for item in added:
        click.echo(f"    {item.spec:<20} {_paths_text(item.paths())}")


@compiler.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def list_compilers(state: CliState, as_json: bool) -> None:
    """List the configured compilers, by name, with their OS, target family and paths."""
    entries = _configured(state)
    if as_json:
        click.echo(json.dumps(entries, indent=2))
        return
    if not entries:
        click.echo("==> No compilers configured; run 'rpm-spec compiler find'")
        return
    for entry in sorted(entries, key=lambda e: str(e.get("spec", ""))):
        where = "-".join(str(entry[k]) for k in ("operating_system", "target") if entry.get(k))
        click.echo(f"{entry.get('spec', '?'):<20} {where:<16} {_paths_text(entry['paths'])}")


@compiler.command("info")
@click.argument("spec")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def info(state: CliState, spec: str, as_json: bool) -> None:
    """Show the configured compilers matching SPEC (gcc, or gcc@12.2.0)."""
    name, _, version = spec.partition("@")
    matches = [
        entry
        for entry in _configured(state)
        if str(entry.get("spec", "")).partition("@")[0] == name
        and (not version or str(entry.get("spec", "")).partition("@")[2].lstrip("=") == version)
    ]
    if not matches:
        raise RpmSpecError(
            f"no configured compiler matches '{spec}'",
            hint="see 'rpm-spec compiler list', or run 'rpm-spec compiler find'",
        )
    if as_json:
        click.echo(json.dumps(matches, indent=2))
        return
    for entry in matches:
        click.echo(f"{entry['spec']}:")
        for key in ("operating_system", "target"):
            if entry.get(key):
                click.echo(f"    {key}: {entry[key]}")
        click.echo("    paths:")
        for role, path in entry["paths"].items():
            click.echo(f"        {role}: {path if path else '-'}")
        for key in ("flags", "environment", "modules", "extra_rpaths"):
            if entry.get(key):
                click.echo(f"    {key}: {json.dumps(entry[key])}")
