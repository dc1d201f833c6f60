"""``rpm-spec spec``: show specs concretized into a DAG, or as parsed (``--abstract``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.cli.tree import concrete_tree
from rpm_spec.errors import RpmSpecError, UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.session import Session
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteSpec

#: How far a ``^dependency`` line is indented under its root.
_INDENT = "    "


def abstract_tree(spec: AbstractSpec) -> list[str]:
    """The lines showing one root spec: its own constraints, then one ``^dep`` per line."""
    root = spec.root_text() or "(any package)"
    return [root, *(_INDENT + str(edge) for edge in spec.sorted_dependencies())]


def _status(session: Session) -> Callable[[ConcreteSpec], str]:
    """``[+]`` installed, ``[^]`` installed in an upstream, ``[e]`` external, `` - `` to be
    built (a broken prefix too)."""
    store = session.store

    def mark(node: ConcreteSpec) -> str:
        if node.is_external:
            return "[e]"
        if store.is_installed(node.hash):
            return "[+]"
        return "[^]" if store.upstream_of(node.hash) is not None else " - "

    return mark


def _concretize_and_show(
    state: CliState,
    specs: list[AbstractSpec],
    text: str,
    *,
    as_json: bool,
    long: bool,
    install_status: bool,
    deptypes: tuple[str, ...] | None,
) -> None:
    """Concretize ``specs`` together and print the DAG as a tree (or as JSON)."""
    session = state.session()
    result = session.concretize(specs, request_text=text)
    for note in [*session.notes, *result.notes]:
        click.secho(f"==> Note: {note}", fg="yellow", err=True)
    if as_json:
        click.echo(json.dumps(result.dag.to_dict(), indent=2, sort_keys=True))
        return
    status = _status(session) if install_status else None
    for line in concrete_tree(result.dag, hashes=long, status=status, deptypes=deptypes):
        click.echo(line)


def _show_environment(state: CliState, *, as_json: bool, long: bool, install_status: bool) -> None:
    """Inside an environment, ``spec`` with no argument shows its locked DAG for this host."""
    from rpm_spec.environment.concretize import section_for_host

    session = state.session()
    env = session.environment
    assert env is not None
    section = section_for_host(env.lock, session.host)
    if section is None:
        raise RpmSpecError(
            f"{env.label} is not concretized for this host ({session.host.arch})",
            hint="run 'rpm-spec concretize'",
        )
    if as_json:
        click.echo(json.dumps(section.dag.to_dict(), indent=2, sort_keys=True))
        return
    status = _status(session) if install_status else None
    for line in concrete_tree(section.dag, hashes=long, status=status):
        click.echo(line)


@click.command("spec", cls=SpecCommand)
@click.option(
    "--abstract",
    is_flag=True,
    help="Only parse: show each spec as written, without concretizing it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("-l", "--long", is_flag=True, help="Show the DAG hash prefix of each node.")
@click.option(
    "-I", "--install-status", is_flag=True, help="Show whether each node is installed or external."
)
@click.option(
    "-t",
    "--types",
    "deptypes",
    default=None,
    help="Only follow these dependency types, e.g. -t link,run (default: all).",
)
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def spec(
    state: CliState,
    abstract: bool,
    as_json: bool,
    long: bool,
    install_status: bool,
    deptypes: str | None,
    words: tuple[str, ...],
) -> None:
    """Concretize SPECs together and show the DAG (or, with --abstract, the parse).

    The words are joined with spaces and parsed as one text, so a spec may be
    split over several words and several specs may be given; a name after ^ is
    a dependency of the spec before it.

    \b
    Examples:
      rpm-spec spec hdf5+mpi target=zen3
      rpm-spec spec -lI --json 'hdf5 ^mpich'
      rpm-spec spec --abstract hdf5@1.14: +mpi ^openmpi@5
      rpm-spec spec --abstract --json zlib 'py-torch+cuda cuda_arch=90'
    """
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if not specs and not abstract and state.session().environment is not None:
        _show_environment(state, as_json=as_json, long=long, install_status=install_status)
        return
    if not specs:
        raise UsageError("no spec given", hint="e.g. rpm-spec spec hdf5+mpi")
    if not abstract:
        _concretize_and_show(
            state,
            specs,
            text,
            as_json=as_json,
            long=long,
            install_status=install_status,
            deptypes=tuple(deptypes.split(",")) if deptypes else None,
        )
        return
    if as_json:
        click.echo(json.dumps({"specs": [root.to_dict() for root in specs]}, indent=2))
        return
    for root in specs:
        for line in abstract_tree(root):
            click.echo(line)
