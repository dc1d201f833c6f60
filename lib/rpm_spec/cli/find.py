"""``rpm-spec find``: what is installed, grouped by architecture and compiler."""

from __future__ import annotations

import json
import shutil
import sys
from itertools import groupby
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import ExitCode
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec
    from rpm_spec.store import InstallRecord, PrefixCheck


def group_label(spec: ConcreteSpec) -> str:
    """``platform-os-target / compiler``: what one group of ``find`` shares."""
    compiler = str(spec.compiler) if spec.compiler else "external"
    return f"{spec.platform}-{spec.os}-{spec.target} / {compiler}"


def _entry(record: InstallRecord, check: PrefixCheck, *, long: bool, variants: bool) -> str:
    spec = record.spec
    text = f"{spec.name}@{spec.version}"
    text = click.style(text, bold=True) if record.explicit else text
    if variants:
        text += click.style(spec.format_variants() + spec.format_flags(), fg="blue")
    if record.external:
        text += click.style(" [external]", fg="cyan")
    if not check.intact:
        text += click.style(f" [{check.state.value}]", fg="red", bold=True)
    if long:
        text = click.style(spec.short_hash, fg="bright_black") + " " + text
    return text


def _dependency_lines(
    dag: ConcreteDag, record: InstallRecord, installed: set[str], *, long: bool
) -> list[str]:
    lines = []
    for depth, node, _ in dag.traverse(record.hash):
        if depth == 0:
            continue
        text = f"{'    ' * depth}^{node.name}@{node.version}"
        if long:
            text = click.style(node.short_hash, fg="bright_black") + " " + text
        if node.hash not in installed:
            text += click.style("  [build dependency, removed]", fg="bright_black")
        lines.append(text)
    return lines


def _columns(items: list[str], plain: list[str], width: int) -> list[str]:
    """Styled ``items`` in as many columns as fit, filled top to bottom (``plain`` are the
    same texts without styles, for widths)."""
    cell = max(len(text) for text in plain) + 2
    count = max(1, width // cell)
    rows = -(-len(items) // count)
    return [
        "".join(
            items[i] + " " * (cell - len(plain[i])) for i in range(row, len(items), rows)
        ).rstrip()
        for row in range(rows)
    ]


def _environment_hashes(session: Session) -> set[str] | None:
    """The hashes of the active environment's DAG on this host (None outside one)."""
    env = session.environment
    if env is None:
        return None
    from rpm_spec.environment.concretize import section_for_host

    section = section_for_host(env.lock, session.host)
    if section is None:
        click.echo(f"==> {env.label} is not concretized for this host yet", err=True)
        return set()
    click.echo(f"==> In environment {env.label}")
    return set(section.dag.nodes)


@click.command("find", cls=SpecCommand)
@click.option("-l", "--long", is_flag=True, help="Show the short DAG hash of each spec.")
@click.option("-p", "--paths", is_flag=True, help="Show the install prefix of each spec.")
@click.option("-d", "--deps", is_flag=True, help="Show the dependencies of each spec.")
@click.option("-v", "--variants", is_flag=True, help="Show variants and compiler flags.")
@click.option("-x", "--explicit", is_flag=True, help="Only specs installed explicitly.")
@click.option("-X", "--implicit", is_flag=True, help="Only specs installed as dependencies.")
@click.option("--json", "as_json", is_flag=True, help="Print a list of node dicts as JSON.")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="[SPEC...]")
@pass_state
def find(
    state: CliState,
    long: bool,
    paths: bool,
    deps: bool,
    variants: bool,
    explicit: bool,
    implicit: bool,
    as_json: bool,
    words: tuple[str, ...],
) -> None:
    """List installed specs, optionally only those matching SPEC.

    SPEC may constrain anything, dependencies included: 'hdf5+mpi ^openmpi',
    'zlib@1.3:', a virtual such as 'mpi', or '/abc1234'. Explicitly installed
    specs are shown in bold.
    """
    text = spec_text_from_args(words)
    specs = parse_specs(text) if text else []
    wanted = True if explicit and not implicit else False if implicit and not explicit else None
    session = state.session()
    store = session.store
    records = store.select(specs, explicit=wanted)
    env_hashes = _environment_hashes(session) if not specs else None
    if env_hashes is not None:
        # Inside an environment, find lists what the environment holds.
        records = [record for record in records if record.hash in env_hashes]
    checks = {record.hash: store.check(record) for record in records}
    # Where each one is installed: "local", or the upstream's name (store/upstreams.py).
    origins = {record.hash: store.origin(record.hash) for record in records}
    if as_json:
        documents = [
            record.to_json()
            | {"prefix_state": checks[record.hash].state.value, "origin": origins[record.hash]}
            for record in records
        ]
        click.echo(json.dumps(documents, indent=2))
        return
    if not records and specs:
        click.echo(f"==> No installed spec matches '{text}'", err=True)
        raise SystemExit(ExitCode.USER_ERROR)
    count = len(records)
    click.echo(f"==> {plural(count, 'installed package')}")
    chained = store.snapshot()
    dag = chained.dag
    installed = set(chained.hashes())
    ordered = sorted(records, key=lambda r: (group_label(r.spec), r.spec.name))
    # With upstreams, an origin column says where each one lives: one per line.
    one_per_line = paths or deps or bool(store.upstreams) or not sys.stdout.isatty()
    for label, group in groupby(ordered, key=lambda r: group_label(r.spec)):
        members = list(group)
        click.echo(click.style(f"-- {label} ".ljust(60, "-"), fg="magenta"))
        entries = [_entry(r, checks[r.hash], long=long, variants=variants) for r in members]
        if not one_per_line:
            plain = [click.unstyle(entry) for entry in entries]
            width = shutil.get_terminal_size().columns
            for line in _columns(entries, plain, width):
                click.echo(line)
            continue
        name_width = max(len(click.unstyle(entry)) for entry in entries) + 2
        origin_width = max(map(len, origins.values())) + 2
        for record, entry in zip(members, entries, strict=True):
            line = entry + " " * (name_width - len(click.unstyle(entry)))
            if store.upstreams:
                origin = origins[record.hash]
                line += click.style(origin, fg="cyan" if origin != "local" else None)
                line += " " * (origin_width - len(origin))
            if paths:
                line += str(record.prefix)
            click.echo(line.rstrip())
            if deps:
                for dep_line in _dependency_lines(dag, record, installed, long=long):
                    click.echo(dep_line)
    _explain_broken(records, checks)


def _explain_broken(records: list[InstallRecord], checks: dict[str, PrefixCheck]) -> None:
    """Say what is wrong with each missing or damaged prefix, and what fixes it."""
    broken = [record for record in records if not checks[record.hash].intact]
    if not broken:
        return
    for record in broken:
        check = checks[record.hash]
        click.echo(f"==> {record.spec.label} is {check.state.value}: {check.reason}", err=True)
    click.echo(
        f"==> 'rpm-spec install' builds {'it' if len(broken) == 1 else 'them'} again "
        "('rpm-spec uninstall' forgets them)",
        err=True,
    )
