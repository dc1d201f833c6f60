"""``rpm-spec config``: show, explain and change configuration."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import pass_state
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from rpm_spec.cli.main import CliState
    from rpm_spec.config import BlameLine

_SCOPE_HELP = "Scope to change: user (default), site, system or custom:NAME (see config scopes)."


@click.group("config")
def config() -> None:
    """Read and change configuration.

    Configuration comes from scopes, lowest precedence first: defaults (shipped),
    system (/etc/rpm-spec), site (<prefix>/etc/rpm-spec/site), user (~/.rpm-spec),
    one per -C DIR, and -c PATH:VALUE options. Each scope holds one YAML file per
    section (packages.yaml, config.yaml, ...).
    """


@config.command("get")
@click.argument("section")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of YAML.")
@pass_state
def get(state: CliState, section: str, as_json: bool) -> None:
    """Print a section merged over all scopes."""
    from rpm_spec.config.yaml_io import dump  # lazy: startup

    data = state.session().config.get(section)
    if as_json:
        click.echo(json.dumps({section: data}, indent=2))
    else:
        click.echo(dump({section: data}), nl=False)


@config.command("blame")
@click.argument("section")
@pass_state
def blame(state: CliState, section: str) -> None:
    """Print a merged section with the file:line (or scope) each line came from."""
    configuration = state.session().config
    lines = configuration.blame(section)
    sources = [_source(line) for line in lines]
    width = max((len(source) for source in sources), default=0)
    for source, line in zip(sources, lines, strict=True):
        click.echo(f"{source:<{width}}  {line.text}")


@config.command("add")
@click.argument("path_value", metavar="PATH:VALUE")
@click.option("--scope", default="user", show_default=True, help=_SCOPE_HELP)
@pass_state
def add(state: CliState, path_value: str, scope: str) -> None:
    """Set a value in a scope's file, e.g. packages:all:target:[zen3].

    Mappings merge, lists get the new items appended, other values are replaced;
    write KEY::VALUE to replace a list or mapping instead.
    """
    written = state.session().config.add(path_value, scope)
    click.echo(f"==> updated {written}", err=True)


@config.command("edit")
@click.argument("section")
@click.option("--scope", default="user", show_default=True, help=_SCOPE_HELP)
@click.option("--print-file", is_flag=True, help="Print the file's path instead of editing.")
@pass_state
def edit(state: CliState, section: str, scope: str, print_file: bool) -> None:
    """Open a scope's section file in $EDITOR, then check it against the schema."""
    from rpm_spec.config.errors import ConcurrentEditError  # lazy: startup
    from rpm_spec.config.yaml_io import read_text  # lazy: startup

    configuration = state.session().config
    path = configuration.section_file(section, scope)
    if print_file:
        click.echo(str(path))
        return
    # Edit a copy beside the file, then put it in place under the file's lock, unless
    # another command changed the file meanwhile: nobody's change is lost.
    original = read_text(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.edit-", suffix=".yaml", dir=path.parent)
    copy = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(f"{section}:\n" if original is None else original)
    try:
        click.edit(filename=str(copy))
        text = copy.read_text(encoding="utf-8")
        configuration.replace_file(section, scope, expected=original, text=text, kept=copy)
    except ConcurrentEditError:
        raise  # the copy stays: it is the user's edit
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    copy.unlink()
    configuration.scope_data(section, scope)  # raises with file:line if the edit broke it


@config.command("list")
@pass_state
def list_sections(state: CliState) -> None:
    """List the configuration sections."""
    for section in state.session().config.sections:
        click.echo(section)


@config.command("scopes")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def scopes(state: CliState, as_json: bool) -> None:
    """List the scopes, lowest precedence first, with their paths."""
    rows = []
    for scope in state.session().config.scopes:
        path = scope.path
        rows.append(
            {
                "name": scope.name,
                "path": None if path is None else str(path),
                "exists": path is not None and path.exists(),
                "writable": scope.writable,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(str(row["name"])) for row in rows)
    for row in rows:
        if row["path"] is None:
            where = "(in memory)"
        else:
            where = f"{row['path']}" + ("" if row["exists"] else "  (does not exist)")
        click.echo(f"{row['name']:<{width}}  {where}")


def _source(line: BlameLine) -> str:
    """A blame source with its file shown short: defaults/packages.yaml:4, ~/.rpm-spec/..."""
    if line.file is None:
        return line.scope or "-"
    suffix = f":{line.line}" if line.line else ""
    return _short(line.file) + suffix


def _short(path: Path) -> str:
    """Shipped files relative to etc/rpm-spec, others relative to ~ or the cwd."""
    shipped = PREFIX / "etc" / "rpm-spec"
    if path.is_relative_to(shipped):
        return str(path.relative_to(shipped))
    try:
        home = Path.home()
    except RuntimeError:
        home = None
    if home is not None and path.is_relative_to(home):
        return "~/" + str(path.relative_to(home))
    cwd = Path.cwd()
    if path.is_relative_to(cwd):
        return str(path.relative_to(cwd))
    return str(path)
