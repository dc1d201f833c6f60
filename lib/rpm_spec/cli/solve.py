"""``rpm-spec solve`` (concretize with phase timers) and ``rpm-spec graph``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.cli.tree import concrete_tree
from rpm_spec.errors import UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.spec import AbstractSpec


def _request(words: tuple[str, ...], command: str) -> tuple[str, list[AbstractSpec]]:
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if not specs:
        raise UsageError("no spec given", hint=f"e.g. rpm-spec {command} hdf5+mpi")
    return text, specs


@click.command("solve", cls=SpecCommand)
@click.option("--timers", is_flag=True, help="Print the time spent in each phase.")
@click.option("--json", "as_json", is_flag=True, help="Print the DAG (and timers) as JSON.")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def solve(state: CliState, timers: bool, as_json: bool, words: tuple[str, ...]) -> None:
    """Concretize SPECs and show the DAG, optionally with per-phase timings.

    Phases: validate (request checks), setup (facts from recipes and config),
    load (the logic program), facts (handing facts to clingo), ground, solve,
    build DAG (model → hashed concrete specs).
    """
    text, specs = _request(words, "solve --timers")
    result = state.session().concretize(specs, request_text=text)
    if as_json:
        document = result.dag.to_dict() | {"timers_s": result.timers.phases}
        click.echo(json.dumps(document, indent=2, sort_keys=True))
        return
    for line in concrete_tree(result.dag, hashes=True):
        click.echo(line)
    if timers:
        click.echo()
        total = sum(result.timers.phases.values())
        for phase, seconds in result.timers.phases.items():
            click.echo(f"    {phase:<12} {seconds:8.3f}s")
        click.echo(f"    {'total':<12} {total:8.3f}s   ({plural(len(result.dag.nodes), 'node')})")


@click.command("graph", cls=SpecCommand)
@click.option("--dot", "dot", is_flag=True, default=True, help="Graphviz DOT output (default).")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def graph(state: CliState, dot: bool, words: tuple[str, ...]) -> None:
    """Print the concrete DAG of SPECs as a Graphviz graph.

    \b
    Example:
      rpm-spec graph --dot hdf5+mpi | dot -Tsvg > hdf5.svg
    """
    del dot
    text, specs = _request(words, "graph --dot")
    dag = state.session().concretize(specs, request_text=text).dag
    click.echo("digraph G {")
    click.echo('  rankdir="TB";')
    click.echo('  node [shape=box, fontname="monospace"];')
    for node in sorted(dag.nodes.values(), key=lambda n: n.name):
        label = f"{node.name}@{node.version}\\n/{node.short_hash}"
        style = ', style="dashed"' if node.is_external else ""
        click.echo(f'  "{node.hash}" [label="{label}"{style}];')
    for node in sorted(dag.nodes.values(), key=lambda n: n.name):
        for dep in node.dependencies:
            attrs = ' [style="dotted"]' if dep.types == ("build",) else ""
            click.echo(f'  "{node.hash}" -> "{dep.hash}"{attrs};')
    click.echo("}")
