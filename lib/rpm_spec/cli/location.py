"""``rpm-spec location``: the prefix of an installed spec, or the stage of a build."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import RpmSpecError, UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.spec import AbstractSpec


def _one_spec(words: tuple[str, ...]) -> tuple[AbstractSpec, str]:
    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if len(specs) != 1:
        raise UsageError(
            f"expected one spec, got {len(specs)}", hint="e.g. rpm-spec location xz@5.4"
        )
    return specs[0], text


@click.command("location", cls=SpecCommand)
@click.option(
    "-s",
    "--stage",
    is_flag=True,
    help="Print the build stage of SPEC (kept after a failed build) instead of its prefix.",
)
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC")
@pass_state
def location(state: CliState, stage: bool, words: tuple[str, ...]) -> None:
    """Print the install prefix of the one installed spec matching SPEC.

    \b
    Examples:
      cd $(rpm-spec location xz)
      rpm-spec location --stage hdf5+mpi
    """
    spec, text = _one_spec(words)
    session = state.session()
    if not stage:
        click.echo(str(session.store.select_one(spec).prefix))
        return
    click.echo(str(_stage_of(state, spec, text)))


def _stage_of(state: CliState, spec: AbstractSpec, text: str) -> Path:
    """The existing stage directory of ``spec`` as it concretizes now."""
    from rpm_spec.build.stage import stage_path_for  # lazy: startup
    from rpm_spec.config import BuildSettings  # lazy: startup
    from rpm_spec.util.fs import usable_private_directory  # lazy: startup

    session = state.session()
    node = session.concretize([spec], request_text=text).dag.root_specs[0]
    candidates = [
        stage_path_for(root, node)
        for root in BuildSettings.from_config(session.config).build_stage
    ]
    for candidate in candidates:
        # A stage under a root that is not private to us is not ours to show.
        if candidate.is_dir() and usable_private_directory(candidate.parent):
            return candidate
    raise RpmSpecError(
        f"no stage for {node.name}@{node.version} /{node.short_hash}; looked in:\n"
        + "\n".join(f"    {path}" for path in candidates),
        hint="a stage is removed after a successful build; 'install --keep-stage' keeps it",
    )
