"""``rpm-spec external``: find installed packages to use as externals, list configured ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rpm_spec.cli.main import pass_state
from rpm_spec.platform.executables import path_dirs
from rpm_spec.platform.externals import (
    add_externals,
    detect_externals,
    external_probes,
    new_externals,
)
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.cli.main import CliState


@click.group("external")
def external() -> None:
    """Find installed packages (CUDA, MPI, Slurm, cmake, ...) to use instead of building."""


@external.command("find")
@click.argument("names", nargs=-1)
@click.option("--scope", default="user", show_default=True, help="Config scope to write to.")
@click.option(
    "--not-buildable",
    is_flag=True,
    help="Also set buildable: false for packages that gain an external.",
)
@click.option(
    "--path",
    "dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Search only this directory (repeatable); default: $PATH and standard places.",
)
@pass_state
def find(
    state: CliState,
    names: tuple[str, ...],
    scope: str,
    not_buildable: bool,
    dirs: tuple[Path, ...],
) -> None:
    """Detect NAMES (default: every package rpm-spec can detect) and add them to packages.yaml.

    An external already configured with the same name@version is not added again.
    """
    found = detect_externals(
        list(names) or None,
        list(dirs) or path_dirs(),
        system_root=None if dirs else Path("/"),
    )
    if not found:
        click.echo("==> No externals found")
        return
    config = state.session().config
    with config.editing("packages", scope):  # read and write under the file's lock
        added = new_externals(config.get("packages") or {}, found)
        for item in found:
            note = "" if item in added else "  (configured already)"
            click.echo(f"==> Found: {item.spec} {item.prefix}{note}")
        if not added:
            return
        current = config.scope_data("packages", scope) or {}
        data = add_externals(current, added, buildable=False if not_buildable else None)
        written = config.write_section("packages", data, scope)
    click.echo(f"==> Wrote {plural(len(added), 'new external')} to {written}")


def _configured_externals(packages: dict[str, Any]) -> dict[str, dict[str, Any]]:
    shown: dict[str, dict[str, Any]] = {}
    for name, entry in sorted(packages.items()):
        if isinstance(entry, dict) and entry.get("externals"):
            shown[name] = {"externals": entry["externals"]}
            if "buildable" in entry:
                shown[name]["buildable"] = entry["buildable"]
    return shown


@external.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--detectable", is_flag=True, help="List the packages 'find' can detect instead.")
@pass_state
def list_externals(state: CliState, as_json: bool, detectable: bool) -> None:
    """List the externals in the configuration, by package."""
    if detectable:
        names = list(external_probes())
        click.echo(json.dumps(names) if as_json else "\n".join(names))
        return
    shown = _configured_externals(state.session().config.get("packages") or {})
    if as_json:
        click.echo(json.dumps(shown, indent=2))
        return
    if not shown:
        click.echo("==> No externals configured; run 'rpm-spec external find'")
        return
    for name, entry in shown.items():
        suffix = "  (not buildable)" if entry.get("buildable") is False else ""
        click.echo(f"{name}{suffix}")
        for item in entry["externals"]:
            where = item.get("prefix") or ", ".join(item.get("modules", []))
            click.echo(f"    {item.get('spec', '?'):<24} {where}")
