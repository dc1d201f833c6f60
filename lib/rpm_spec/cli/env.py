"""``rpm-spec env ...`` and the environment verbs ``add``, ``remove``, ``concretize``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.env_export import register as _register_export
from rpm_spec.cli.env_registry import register as _register_registry_verbs
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import RpmSpecError, UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from rpm_spec.build.installer import InstallReporter, NodeResult, PlanItem
    from rpm_spec.cli.install import _Progress
    from rpm_spec.environment.environment import Environment
    from rpm_spec.environment.lockfile import PlatformSection
    from rpm_spec.environment.views import ViewReport
    from rpm_spec.session import Session

_SHELLS = click.Choice(["sh", "csh", "fish"])


def _active(state: CliState) -> tuple[Session, Environment]:
    session = state.session()
    if session.environment is None:
        raise UsageError(
            "no active environment",
            hint="activate one with 'rpm-spec env activate NAME', or pass -e NAME_OR_DIR",
        )
    return session, session.environment


@click.group("env")
def env() -> None:
    """Create, activate and inspect environments (rpm-spec.yaml + rpm-spec.lock)."""


@env.command("create")
@click.argument("name", required=False)
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-d",
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Create the environment in this directory instead of a managed one.",
)
@pass_state
def create(state: CliState, name: str | None, source: Path | None, directory: Path | None) -> None:
    """Create an environment NAME (or in -d DIR), empty or from SOURCE.

    SOURCE is an rpm-spec.yaml manifest or an rpm-spec.lock: from a lock, the
    environment reproduces exactly its DAGs.
    """
    from rpm_spec.environment.environment import create_environment

    if directory is not None and name is not None and source is None:
        source, name = Path(name), None
    if (name is None) == (directory is None):
        raise UsageError("give either NAME or -d DIR", hint="e.g. rpm-spec env create myenv")
    created = create_environment(
        state.session().user_dir, name=name, directory=directory, source=source
    )
    if created.name:
        click.echo(f"==> Created environment {created.name} in {created.path}")
    else:
        click.echo(f"==> Created environment in {created.path}")
    if created.lock.platforms:
        sections = ", ".join(sorted(created.lock.platforms))
        click.echo(f"==> Its lock covers: {sections}")
    click.echo(f"==> Activate it with: rpm-spec env activate {created.name or created.path}")


@env.command("activate")
@click.argument("name_or_dir")
@click.option("--sh", "shell", flag_value="sh", help="Print bash/zsh code (default).")
@click.option("--csh", "shell", flag_value="csh", help="Print csh/tcsh code.")
@click.option("--fish", "shell", flag_value="fish", help="Print fish code.")
@pass_state
def activate(state: CliState, name_or_dir: str, shell: str | None) -> None:
    """Make NAME_OR_DIR the active environment of this shell (needs setup-env.sh)."""
    from rpm_spec.cli.env_registry import environment_to_activate
    from rpm_spec.environment.activation import activation
    from rpm_spec.environment.target_choice import activation_note
    from rpm_spec.store.shell_env import shell_code

    found = environment_to_activate(state, name_or_dir)  # NS/ENV[@N]: the registry's
    if shell is None:
        _needs_shell_function("env activate")
    # A lock with sections for several targets: say which one this CPU gets (or refuse).
    note = activation_note(found, state.session().host, os.environ)
    if note:
        click.echo(f"==> {note}", err=True)
    click.echo(shell_code(activation(found, os.environ), shell or "sh", os.environ), nl=False)  # type: ignore[arg-type]


@env.command("deactivate")
@click.option("--sh", "shell", flag_value="sh", help="Print bash/zsh code (default).")
@click.option("--csh", "shell", flag_value="csh", help="Print csh/tcsh code.")
@click.option("--fish", "shell", flag_value="fish", help="Print fish code.")
def deactivate(shell: str | None) -> None:
    """Leave the active environment (needs setup-env.sh)."""
    from rpm_spec.environment.activation import deactivation
    from rpm_spec.store.shell_env import shell_code

    if shell is None:
        _needs_shell_function("env deactivate")
    if not os.environ.get("RPM_SPEC_ENV"):
        raise RpmSpecError("no environment is active")
    click.echo(shell_code(deactivation(os.environ), shell or "sh", os.environ), nl=False)  # type: ignore[arg-type]


def _needs_shell_function(what: str) -> None:
    if os.environ.get("RPM_SPEC_SHELL_FUNCTION") is None:
        click.echo(
            f"==> '{what}' changes the current shell: source share/rpm-spec/setup-env.sh "
            "first, or eval this output",
            err=True,
        )


@env.command("status")
@pass_state
def status(state: CliState) -> None:
    """Show the active environment, its roots and the platforms its lock covers."""
    session = state.session()
    found = session.environment
    if found is None:
        click.echo("==> No active environment")
        return
    from rpm_spec.environment.concretize import section_for_host

    click.echo(f"==> In environment {found.label} ({found.path})")
    click.echo(f"    roots: {', '.join(found.manifest.specs) or '(none)'}")
    if not found.lock.platforms:
        click.echo("    lock:  not concretized yet (run 'rpm-spec concretize')")
        return
    from rpm_spec.environment.lock_inputs import changed_inputs
    from rpm_spec.environment.pinned_recipes import recipe_drift

    here = section_for_host(found.lock, session.host)
    drifts = recipe_drift(found.lock, session.repos)
    drifted = {drift.name for drift in drifts}
    for key in sorted(found.lock.platforms):
        section = found.lock.platforms[key]
        manifest_changed, config_changed = changed_inputs(section, found.manifest, session.config)
        changes = []
        if not found.is_current(section):
            changes.append("stale: roots changed")
        elif manifest_changed:
            changes.append("manifest changed since solved")
        if config_changed:
            changes.append(f"config changed since solved: {', '.join(config_changed)}")
        if recipes := sorted(drifted & {node.name for node in section.dag.nodes.values()}):
            changes.append(f"recipes changed since solved: {', '.join(recipes)}")
        marks = ["used on this host"] if here is section else []
        marks.extend(changes or ["up to date"])
        nodes = plural(len(section.dag.nodes), "node")
        click.echo(f"    lock:  {key} ({nodes}; {'; '.join(marks)})")
    for drift in drifts:
        click.echo(f"    {drift}")
    if drifts:
        click.echo(
            "==> 'rpm-spec install' builds them from the recipes pinned in the lock; "
            "'rpm-spec concretize --force' solves again with the current ones"
        )


@env.command("list")
@pass_state
def list_environments(state: CliState) -> None:
    """List the managed environments."""
    from rpm_spec.environment.environment import managed_names

    names = managed_names(state.session().user_dir)
    if not names:
        click.echo("==> No environments (create one with 'rpm-spec env create NAME')")
    for name in names:
        click.echo(name)


@env.command("remove")
@click.argument("name_or_dir")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def remove_environment_command(state: CliState, name_or_dir: str, yes: bool) -> None:
    """Delete an environment's directory (installed packages stay in the store)."""
    from rpm_spec.environment.environment import find_environment, remove_environment

    found = find_environment(name_or_dir, state.session().user_dir)
    if os.environ.get("RPM_SPEC_ENV") == str(found.path):
        raise RpmSpecError(f"{found.label} is active", hint="deactivate it first")
    if not yes and not click.confirm(f"Remove environment {found.label} ({found.path})?"):
        raise click.Abort
    remove_environment(found)
    click.echo(f"==> Removed environment {found.label}")


@env.command("diff")
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="Print the grouped changes as JSON.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List every node and constraint behind each change."
)
@pass_state
def diff(state: CliState, first: str, second: str, as_json: bool, verbose: bool) -> None:
    """Differences between two locks (files), two published versions (NS/ENV@N), or two
    platforms of the active environment.

    Changes are grouped as 'concretize --closest-to' reports them; where SECOND was
    retargeted from FIRST, each group names the constraint that caused it (recorded in
    the lock when SECOND was solved).
    """
    from rpm_spec.cli.env_registry import registry_section
    from rpm_spec.cli.retarget_report import groups_json, report_lines
    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.solver.change_groups import recorded_groups

    def section_of(text: str) -> tuple[str, PlatformSection]:
        path = Path(text)
        if path.is_file():
            lock = Lockfile.read(path)
            if len(lock.platforms) != 1:
                raise UsageError(
                    f"{path} holds {plural(len(lock.platforms), 'platform')}; name one"
                )
            key, only = next(iter(lock.platforms.items()))
            return f"{path} ({key})", only
        registered = registry_section(state, text)  # NS/ENV@N of the registry
        if registered is not None:
            return registered
        _, active = _active(state)
        found = active.lock.section(text)
        if found is None:
            raise UsageError(f"no lock file or platform section '{text}'")
        return found.key, found

    label_a, a = section_of(first)
    label_b, b = section_of(second)
    recorded = b.retarget if b.retarget.get("from") == a.key else {}
    headline, groups = recorded_groups(a.dag, b.dag, recorded)
    if as_json:
        document = {"from": label_a, "to": label_b, "headline": headline}
        click.echo(json.dumps({**document, "changes": groups_json(groups)}, indent=2))
        return
    click.echo(f"==> {label_a} → {label_b}: {plural(len(groups), 'difference')}")
    for line in report_lines(headline, groups, verbose=verbose):
        click.echo(line)


@env.group("view")
def view() -> None:
    """The environment's view: a symlink tree of its roots and their run dependencies."""


@view.command("regenerate")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_state
def view_regenerate(state: CliState, as_json: bool) -> None:
    """Rebuild the view from what is installed; report conflicts and what is left out.

    A file two packages provide stays the first one's (roots first, in the
    manifest's order); the conflict is reported. The view switches atomically.
    """
    from rpm_spec.environment.views import regenerate_view

    session, found = _active(state)
    report = regenerate_view(found, session.store, session.host)
    if as_json:
        document = {
            "view": str(report.path),
            "section": report.section,
            "packages": list(report.packages),
            "files": report.files,
            "conflicts": [
                {"path": c.path, "kept": c.kept, "other": c.other} for c in report.conflicts
            ],
            "externals": list(report.externals),
            "missing": list(report.missing),
        }
        click.echo(json.dumps(document, indent=2))
        return
    _print_view_report(report)


def _print_view_report(report: ViewReport) -> None:
    click.echo(
        f"==> View {report.path} ({report.section}): {plural(len(report.packages), 'package')}, "
        f"{plural(report.files, 'file')} linked"
    )
    if report.externals:
        click.echo(f"    not linked (external): {', '.join(report.externals)}")
    if report.missing:
        click.secho(
            f"    not linked (not installed): {', '.join(report.missing)}", fg="yellow", err=True
        )
    if report.conflicts:
        click.secho(
            f"==> {plural(len(report.conflicts), 'conflict')}; the first package keeps the file:",
            fg="yellow",
            err=True,
        )
        for conflict in report.conflicts:
            click.echo(f"    {conflict}", err=True)


@env.command("depfile")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the Makefile here (default: standard output).",
)
@click.option(
    "--make-prefix",
    metavar="P",
    help="Name targets P/install/<hash>, P/view, P/all (and keep markers in P), to "
    "include the file in a larger Makefile.",
)
@pass_state
def depfile(state: CliState, output: Path | None, make_prefix: str | None) -> None:
    """Write a Makefile that installs the environment, one target per package.

    \b
    Then:
      make -j16 -f Makefile            parallel installs on this machine
      srun -N4 make -j8 -f Makefile    a Slurm allocation (shared store)
    Each package is built once, also across machines, through the store's locks.
    """
    from rpm_spec.environment.depfile import make_depfile
    from rpm_spec.util.paths import PREFIX

    session, found = _active(state)
    section = _section_to_install(session, found)
    text = make_depfile(
        found.path,
        section,
        rpm_spec=str(PREFIX / "bin" / "rpm-spec"),
        make_prefix=make_prefix,
        label=found.label,
        view=found.view_path is not None,
    )
    if output is None:
        click.echo(text, nl=False)
        return
    from rpm_spec.util.fs import atomic_write  # lazy: startup

    atomic_write(output, text)
    click.echo(f"==> Wrote {output}: {plural(len(section.dag.nodes), 'package')} of {section.key}")
    click.echo(f"==> Install with: make -j<N> -f {output}")


def _section_to_install(session: Session, found: Environment) -> PlatformSection:
    from rpm_spec.cli.install import check_lock_policy
    from rpm_spec.environment.concretize import section_for_host

    section = section_for_host(found.lock, session.host)
    if section is None or not found.is_current(section):
        raise RpmSpecError(
            f"{found.label} is not concretized for this host ({session.host.arch})",
            hint="run 'rpm-spec concretize' first",
        )
    check_lock_policy(session, section.dag, f"{found.label}'s lock ({section.key})")
    return section


@env.command("install-node")
@click.argument("node_hash", metavar="HASH")
@click.option("--keep-stage", is_flag=True, help="Keep the build directory after success.")
@click.option("--no-checksum", is_flag=True, help="Build even sources without a verified sha256.")
@click.option("--dirty", is_flag=True, help="Keep the user's environment in the build.")
@click.option("-v", "--verbose", is_flag=True, help="Report every step.")
@pass_state
def install_node(
    state: CliState,
    node_hash: str,
    keep_stage: bool,
    no_checksum: bool,
    dirty: bool,
    verbose: bool,
) -> None:
    """Install the one node HASH of the environment's lock (what 'env depfile' runs).

    Its dependencies must be installed already. The node goes through the usual
    installer and its per-prefix lock, so concurrent runs build it once.
    """
    from rpm_spec.build.installer import Action, Installer, Outcome
    from rpm_spec.cli.cache_install import cache_builder, plan_from_caches
    from rpm_spec.cli.install import _builder, _Progress, check_lock_policy, locked_recipes_for
    from rpm_spec.environment.depfile import plan_one_node

    session, found = _active(state)
    plan, dag = plan_one_node(found.lock, session.store, session.host, node_hash)
    check_lock_policy(session, dag, f"{found.label}'s lock")
    plan, search = plan_from_caches(session, plan, dag, "auto")
    repos = locked_recipes_for(session, found.lock, plan)
    if any(item.action is Action.BUILD for item in plan.items):
        session.store.require_writable()  # before fetching anything
    progress = _Progress(verbose)
    reporter = _one_node_reporter(progress, plan.items[-1].spec.hash)
    installer = Installer(
        session.store,
        cache_builder(
            search,
            _builder(
                session,
                progress,
                repos,
                keep_stage=keep_stage,
                checksum=not no_checksum,
                dirty=dirty,
            ),
            "auto",
        ),
        repos.get,
        jobs=1,
        reporter=reporter,
    )
    result = installer.run(plan, dag)
    failed = next((r for r in result.results if r.outcome is Outcome.FAILED), None)
    if failed is not None:
        if isinstance(failed.error, RpmSpecError):
            raise failed.error
        raise RpmSpecError(
            f"{failed.item.spec.name}: internal error: {failed.error}", hint="please report it"
        )


def _one_node_reporter(progress: _Progress, node_hash: str) -> InstallReporter:
    """Shows only the node being installed (its dependencies are merely checked)."""
    from rpm_spec.build.installer import InstallReporter

    class OneNode(InstallReporter):
        def started(self, item: PlanItem, index: int, total: int) -> None:
            if item.spec.hash == node_hash:
                progress.started(item, 1, 1)

        def waiting(self, item: PlanItem) -> None:
            if item.spec.hash == node_hash:
                progress.waiting(item)

        def finished(self, result: NodeResult, index: int, total: int) -> None:
            if result.item.spec.hash == node_hash:
                progress.finished(result, 1, 1)

    return OneNode()


# -- the environment verbs -------------------------------------------------------------


@click.command("add", cls=SpecCommand)
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def add(state: CliState, words: tuple[str, ...]) -> None:
    """Add root specs to the active environment's manifest."""
    from rpm_spec.spec import parse_specs, spec_text_from_args

    _, found = _active(state)
    texts = [str(spec) for spec in parse_specs(spec_text_from_args(words))]
    added = found.add(texts)
    for text in texts:
        verb = "Added" if text in added else "Already in"
        click.echo(f"==> {verb} {found.label}: {text}")


@click.command("remove", cls=SpecCommand)
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def remove(state: CliState, words: tuple[str, ...]) -> None:
    """Remove root specs from the active environment's manifest."""
    from rpm_spec.spec import parse_specs, spec_text_from_args

    _, found = _active(state)
    texts = [str(spec) for spec in parse_specs(spec_text_from_args(words))]
    for text in found.remove(texts):
        click.echo(f"==> Removed from {found.label}: {text}")


# The registry's verbs (publish, pull, history, rollback) live in cli/env_registry.py.
_register_registry_verbs(env)
# env export (tarball, containers) lives in cli/env_export.py.
_register_export(env)
