"""``rpm-spec load`` / ``unload``: print shell code that adds installed specs to the
environment (or takes them out again); ``setup-env.sh`` evaluates it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import RpmSpecError, UsageError
from rpm_spec.spec import parse_specs, spec_text_from_args
from rpm_spec.store import AmbiguousMatchError, NoMatchError, plan_load, plan_unload, shell_code
from rpm_spec.store.best_build import pick_build
from rpm_spec.store.loading import loaded_hashes
from rpm_spec.util.paths import SHARE

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    from rpm_spec.spec import AbstractSpec
    from rpm_spec.store import LoadPlan, Store
    from rpm_spec.store.shell_env import Shell

    F = TypeVar("F", bound=Callable[..., object])


def _shell_options(function: F) -> F:
    for flag, shell, text in (
        ("--fish", "fish", "fish"),
        ("--csh", "csh", "csh/tcsh"),
        ("--sh", "sh", "sh, bash or zsh"),
    ):
        function = click.option(flag, "shell", flag_value=shell, help=f"Print {text} code.")(
            function
        )
    return function


def _require_shell(command: str, shell: Shell | None, text: str) -> Shell:
    if shell is not None:
        return shell
    raise RpmSpecError(
        f"'rpm-spec {command}' changes your shell's environment, which it can only do "
        "through the rpm-spec shell function",
        hint=f"source {SHARE / 'setup-env.sh'} (bash/zsh) first, or run: "
        f'eval "$(rpm-spec {command} --sh {text})"',
    )


def _emit(plan: LoadPlan, shell: Shell) -> None:
    for note in plan.notes:
        click.echo(f"==> {note}", err=True)
    click.echo(shell_code(plan.modifications, shell, os.environ), nl=False)


@click.command("load", cls=SpecCommand)
@_shell_options
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def load(state: CliState, shell: Shell | None, words: tuple[str, ...]) -> None:
    """Add installed specs (and what they run) to PATH, MANPATH, PKG_CONFIG_PATH, ...

    With share/rpm-spec/setup-env.sh sourced, 'rpm-spec load xz' changes the
    current shell; 'rpm-spec load --sh xz' only prints the code.
    """
    text = spec_text_from_args(words)
    chosen = _require_shell("load", shell, text or "SPEC")
    specs = parse_specs(text)
    if not specs:
        raise UsageError("no spec given", hint="e.g. rpm-spec load xz")
    session = state.session()
    store = session.store
    hashes = []
    notes = []
    for spec in specs:
        found = store.select([spec])
        # Builds of one package for several targets: the best one for this CPU.
        choice = pick_build(found, session.host, os.environ) if found else None
        if choice is None:
            hashes.append(store.select_one(spec).hash)
            continue
        hashes.append(choice.record.hash)
        notes.extend([choice.note] if choice.note else [])
    plan = plan_load(store, hashes, os.environ)
    plan.notes[:0] = notes
    _emit(plan, chosen)


@click.command("unload", cls=SpecCommand)
@_shell_options
@click.option("-a", "--all", "every", is_flag=True, help="Unload everything loaded.")
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def unload(state: CliState, shell: Shell | None, every: bool, words: tuple[str, ...]) -> None:
    """Take loaded specs out of the environment again, with the run dependencies that
    no other loaded spec needs."""
    text = spec_text_from_args(words)
    chosen = _require_shell("unload", shell, text or "SPEC")
    specs = parse_specs(text)
    store = state.session().store
    if every:
        _emit(plan_unload(store, None, os.environ), chosen)
        return
    if not specs:
        raise UsageError("no spec given", hint="e.g. rpm-spec unload xz, or unload --all")
    hashes = [_loaded_match(store, spec) for spec in specs]
    _emit(plan_unload(store, hashes, os.environ), chosen)


def _loaded_match(store: Store, spec: AbstractSpec) -> str:
    """The hash of the loaded spec matching ``spec`` (else of the one installed match)."""
    loaded, _ = loaded_hashes(os.environ)
    found = store.select([spec])
    active = [record for record in found if record.hash in loaded]
    if len(active) == 1:
        return active[0].hash
    if len(active) > 1:
        raise AmbiguousMatchError(str(spec), [r.spec.format() for r in active])
    if not found:
        raise NoMatchError(str(spec))
    return store.select_one(spec).hash
