"""``rpm-spec install``: concretize, plan, then build what is missing."""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.cache_install import MODES as CACHE_MODES
from rpm_spec.cli.cache_install import (
    USE_BUILDCACHE_HELP,
    cache_builder,
    plan_counts,
    plan_from_caches,
)
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.cli.spec_args import SpecCommand
from rpm_spec.errors import ExitCode, RpmSpecError, UsageError
from rpm_spec.util.wording import plural

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.build.installer import InstallPlan, InstallResult, NodeResult, PlanItem
    from rpm_spec.environment.lockfile import Lockfile
    from rpm_spec.repo import RepoPath
    from rpm_spec.session import Session
    from rpm_spec.spec.concrete import ConcreteDag


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f}s" if seconds >= 1 else f"{seconds:.1f}s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}m{rest:02d}s"


class _Progress:
    """Renders installer and fetcher events as one line per event (thread-safe)."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self._lock = threading.Lock()

    def _echo(self, text: str, **style: object) -> None:
        with self._lock:
            click.secho(text, **style)  # type: ignore[arg-type]

    # InstallReporter hooks
    def planned(self, plan: InstallPlan) -> None:
        pass

    def started(self, item: PlanItem, index: int, total: int) -> None:
        if self.verbose:
            self._echo(f"[{index}/{total}] building {item.spec.label} ...")

    def waiting(self, item: PlanItem) -> None:
        self._echo(f"==> waiting for another installer to finish {item.spec.label}")

    def finished(self, result: NodeResult, index: int, total: int) -> None:
        from rpm_spec.build.installer import Outcome

        item = result.item
        if result.outcome is Outcome.FROM_CACHE:
            detail = f"(from {result.build_system}, {_duration(result.seconds)})"
            self._echo(f"[{index}/{total}] installed {item.spec.label} {detail}")
        elif result.outcome is Outcome.BUILT:
            detail = f"({result.build_system}, {_duration(result.seconds)})"
            self._echo(f"[{index}/{total}] built {item.spec.label} {detail}")
        elif result.outcome is Outcome.FAILED:
            self._echo(f"[{index}/{total}] FAILED {item.spec.label}", fg="red", bold=True)
        elif result.outcome is Outcome.SKIPPED:
            self._echo(f"[{index}/{total}] skipped {item.spec.label} (a dependency failed)")
        elif self.verbose or result.outcome is Outcome.ALREADY:
            self._echo(f"[{index}/{total}] {item.spec.label}: {result.outcome.value}")

    def summary(self, result: InstallResult) -> None:
        pass

    # FetchReporter hooks
    def fetch_started(self, name: str, source: str) -> None:
        self._echo(f"==> fetching {name} from {source}")

    def fetch_progress(self, done_bytes: int, total_bytes: int | None) -> None:
        pass

    def fetch_failed(self, name: str, source: str, reason: str) -> None:
        if self.verbose:
            self._echo(f"    {source}: {reason}")

    def fetch_finished(self, name: str, path: Path, from_cache: bool) -> None:
        pass


@click.command("install", cls=SpecCommand)
@click.option("-j", "--jobs", default=1, show_default=True, help="Packages to build at once.")
@click.option("--fail-fast", is_flag=True, help="Stop scheduling new builds after a failure.")
@click.option("--keep-stage", is_flag=True, help="Keep the build directories after success.")
@click.option("--overwrite", is_flag=True, help="Rebuild the requested specs even if installed.")
@click.option("--dry-run", is_flag=True, help="Print the plan and build nothing.")
@click.option("--no-checksum", is_flag=True, help="Build even sources without a verified sha256.")
@click.option("--dirty", is_flag=True, help="Keep the user's environment in builds.")
@click.option("-v", "--verbose", is_flag=True, help="Report every step.")
@click.option(
    "--use-buildcache",
    type=click.Choice(CACHE_MODES),
    default="auto",
    show_default=True,
    help=USE_BUILDCACHE_HELP,
)
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="SPEC...")
@pass_state
def install(
    state: CliState,
    jobs: int,
    fail_fast: bool,
    keep_stage: bool,
    overwrite: bool,
    dry_run: bool,
    no_checksum: bool,
    dirty: bool,
    verbose: bool,
    use_buildcache: str,
    words: tuple[str, ...],
) -> None:
    """Build SPECs and their dependencies (or the active environment's lock).

    Each package is built at most once, also when several installers share a
    store; what is installed is reused. Logs go to files; a failure shows the
    log's path and its last lines, and registers nothing.

    \b
    Examples:
      rpm-spec install xz@5.4.1 bzip2@1.0.8
      rpm-spec install --dry-run 'hdf5+mpi'
      rpm-spec -e myenv install -j 4
    """
    from rpm_spec.build.installer import Action, Installer, make_plan
    from rpm_spec.store.space import check_min_free

    session = state.session()
    start = time.perf_counter()
    dag, explicit, lock = _what_to_install(session, words)
    overwritten = set(dag.roots) if overwrite else set()
    plan = make_plan(dag, session.store, explicit, overwrite=overwritten)
    plan, search = plan_from_caches(session, plan, dag, use_buildcache)
    to_build = plan.count(Action.BUILD)
    repos = session.repos if lock is None else locked_recipes_for(session, lock, plan)
    broken = _broken_prefixes(session, plan)
    if dry_run:
        _print_plan(plan, broken)
        return
    if plan.count(Action.UPSTREAM):
        from rpm_spec.cli.downstream import register_downstream_roots

        register_downstream_roots(session, plan, dag)
    if to_build == 0:
        _register_only(session, plan, dag)
        roots = len(dag.roots)
        upstream = plan.count(Action.UPSTREAM)
        click.echo(
            f"==> Nothing to do: {'the' if roots == 1 else 'all'} {roots} requested "
            f"package{'s are' if roots != 1 else ' is'} already installed "
            + (f"({upstream} from upstream) " if upstream else "")
            + f"({_duration(time.perf_counter() - start)})"
        )
        _after_install(session)  # e.g. an environment made from a lock of installed specs
        return
    session.store.require_writable()  # a read-only store fails now, not after the builds
    check_min_free(session.config, session.store.root)  # config:store:min_free, before fetching
    for label, reason in broken.values():
        click.secho(f"==> {label} is registered, but {reason}: building it again", err=True)
    progress = _Progress(verbose)
    click.echo(f"==> Plan: {plan_counts(plan)}")
    builder = _builder(
        session, progress, repos, keep_stage=keep_stage, checksum=not no_checksum, dirty=dirty
    )
    installer = Installer(
        session.store,
        cache_builder(search, builder, use_buildcache),
        repos.get,
        jobs=jobs,
        fail_fast=fail_fast,
        overwrite=overwritten,
        reporter=progress,  # type: ignore[arg-type]
    )
    result = installer.run(plan, dag)
    _print_summary(result, time.perf_counter() - start)
    _after_install(session)
    if result.failures:
        for failure in result.failures:
            error = failure.error
            click.secho("Error: ", fg="red", bold=True, err=True, nl=False)
            click.echo(f"{failure.item.spec.name}: {error}", err=True)
            hint = getattr(error, "hint", None)
            if hint:
                click.echo(f"  hint: {hint}", err=True)
            if error is not None and not isinstance(error, RpmSpecError):
                click.echo("  (an internal error: please report it)", err=True)
        raise SystemExit(ExitCode.USER_ERROR)


def _what_to_install(
    session: Session, words: tuple[str, ...]
) -> tuple[ConcreteDag, set[str], Lockfile | None]:
    """The DAG to install, its requested hashes, and the lock it comes from (if any)."""
    from rpm_spec.spec import parse_specs, spec_text_from_args

    text = spec_text_from_args(words)
    specs = parse_specs(text)
    if specs:
        result = session.concretize(specs, request_text=text)
        for note in [*session.notes, *result.notes]:
            click.secho(f"==> Note: {note}", fg="yellow", err=True)
        return result.dag, set(result.dag.roots), None
    env = session.environment
    if env is None:
        raise UsageError("no spec given", hint="e.g. rpm-spec install zlib, or activate an env")
    from rpm_spec.environment.concretize import section_for_host

    section = section_for_host(env.lock, session.host)
    if section is None or not env.is_current(section):
        raise RpmSpecError(
            f"{env.label} is not concretized for this host ({session.host.arch})",
            hint="run 'rpm-spec concretize' first",
        )
    check_lock_policy(session, section.dag, f"{env.label}'s lock ({section.key})")
    return section.dag, set(section.dag.roots), env.lock


def check_lock_policy(session: Session, dag: ConcreteDag, subject: str) -> None:
    """A lock may come from someone else: refuse one that breaks the site's policy
    before anything is fetched."""
    from rpm_spec.solver.admin_policy import check_policy

    check_policy(session.admin_policy, dag, recipes=session.repos, where=subject)


def locked_recipes_for(session: Session, lock: Lockfile, plan: InstallPlan) -> RepoPath:
    """The repositories that build each node of ``plan`` from the recipe it was locked with
    (see :mod:`rpm_spec.environment.pinned_recipes`); says which come from the lock."""
    from rpm_spec.build.installer import Action
    from rpm_spec.environment.pinned_recipes import locked_recipes

    to_build = [item.spec for item in plan.items if item.action is Action.BUILD]
    repos, taken = locked_recipes(lock, to_build, session.repos, session.cache_dir)
    for drift in taken:
        click.secho(
            f"==> Note: {drift}: building the recipe pinned in the lock ({drift.hashes()})",
            fg="yellow",
            err=True,
        )
    return repos


def _register_only(session: Session, plan: InstallPlan, dag: ConcreteDag) -> None:
    """Nothing to build: still mark requested specs explicit and register externals."""
    from rpm_spec.build.installer import Action

    for item in plan.items:
        if item.action is Action.UPSTREAM:
            continue  # registered in its upstream, which is not ours to write
        if item.action is Action.EXTERNAL or (
            item.explicit and not session.store.database.get(item.spec.hash).explicit  # type: ignore[union-attr]
        ):
            session.store.database.add(item.spec, item.prefix, explicit=item.explicit)


def _builder(session: Session, progress: _Progress, repos: RepoPath, **options: bool):  # type: ignore[no-untyped-def]
    if session.node_builder is not None:  # a test's builder (see Session.node_builder)
        return session.node_builder(session)
    from rpm_spec.build.fetch import Fetcher
    from rpm_spec.build.node_builder import SourceBuilder
    from rpm_spec.build.stage import select_stage_root
    from rpm_spec.build.wrappers import CompilerPaths
    from rpm_spec.config import BuildSettings

    settings = BuildSettings.from_config(session.config)
    # Chosen before anything is fetched: an unusable root fails now, a refused one is said.
    stage = select_stage_root(settings.build_stage)
    for refused in stage.refused:
        click.secho(f"==> Warning: not using the stage root {refused}", fg="yellow", err=True)
    fetcher = Fetcher.from_config(session.config, progress)  # type: ignore[arg-type]
    entries = session.config.get("compilers") or ()
    return SourceBuilder(
        repos=repos,
        fetcher=fetcher,
        prefix_of=session.store.prefix,
        compiler_paths=lambda ref: CompilerPaths.from_entries(entries, ref),
        stage_roots=(stage.root,),
        make_jobs=settings.build_jobs,
        checksum=options["checksum"] and settings.checksum,
        keep_stage=options["keep_stage"],
        dirty=options["dirty"] or settings.dirty,
        user_env=dict(os.environ),
    )


def _broken_prefixes(session: Session, plan: InstallPlan) -> dict[str, tuple[str, str]]:
    """Hash → (label, reason) of planned builds that are registered with a broken prefix."""
    from rpm_spec.build.installer import Action

    broken = {}
    for item in plan.items:
        if item.action is not Action.BUILD:
            continue
        record = session.store.database.get(item.spec.hash)
        check = None if record is None else session.store.check(record)
        if check is not None and not check.intact:
            broken[item.spec.hash] = (item.spec.label, check.reason)
    return broken


def _print_plan(plan: InstallPlan, broken: dict[str, tuple[str, str]]) -> None:
    from rpm_spec.build.installer import Action

    marks = {
        Action.INSTALLED: "[installed]",
        Action.EXTERNAL: "[external] ",
        Action.BUILD: "[build]    ",
    }
    from rpm_spec.cli.downstream import upstream_mark

    for item in plan.items:
        where = str(item.prefix) if item.action is not Action.BUILD else f"-> {item.prefix}"
        if item.from_cache:
            where += f"  (from cache {item.from_cache})"
        root = " (requested)" if item.explicit else ""
        if item.spec.hash in broken:
            root += f" (registered, but {broken[item.spec.hash][1]})"
        if item.from_cache:
            mark = "[cache]    "
        elif item.action is Action.UPSTREAM:
            mark = upstream_mark(item)
        else:
            mark = marks[item.action]
        click.echo(f"{mark} {item.spec.label}{root}  {where}")
    click.echo(
        f"==> Plan: {plan_counts(plan)}, {plan.count(Action.INSTALLED)} "
        f"installed, {plan.count(Action.EXTERNAL)} external"
    )


def _print_summary(result: InstallResult, seconds: float) -> None:
    from rpm_spec.build.installer import Outcome

    parts = [
        f"{result.count(outcome)} {outcome.value}"
        for outcome in (
            Outcome.BUILT,
            Outcome.FROM_CACHE,
            Outcome.ALREADY,
            Outcome.EXTERNAL,
            Outcome.UPSTREAM,
            Outcome.FAILED,
            Outcome.SKIPPED,
        )
        if result.count(outcome)
    ]
    line = (
        f"==> {plural(len(result.results), 'package')}: {', '.join(parts)} in {_duration(seconds)}"
    )
    click.secho(line, fg="red" if result.failures else "green")


def _after_install(session: Session) -> None:
    """In an environment, refresh its view once the install is done.

    Nothing happens without a view or a lock section for this host (``install SPEC``
    inside an environment that was never concretized); a view already made from the
    same installed prefixes is left alone.
    """
    from rpm_spec.environment.concretize import section_for_host
    from rpm_spec.environment.views import regenerate_view

    env = session.environment
    if env is None or env.view_path is None:
        return
    if section_for_host(env.lock, session.host) is None:
        return
    report = regenerate_view(env, session.store, session.host, force=False)
    if report.regenerated:
        click.echo(
            f"==> View {report.path}: {plural(len(report.packages), 'package')}, "
            f"{plural(report.files, 'file')}"
        )
    for conflict in report.conflicts:
        click.secho(f"==> view conflict: {conflict}", fg="yellow", err=True)
