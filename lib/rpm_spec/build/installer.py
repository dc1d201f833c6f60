"""Install a concrete DAG: dependencies first, up to ``jobs`` packages at once.

The installer owns ordering, locking, checking and registering; a
:class:`NodeBuilder` does the per-package work (fetch, stage, patch, build into
the prefix). For each node it takes the store's per-prefix lock (so two
installers on one store, in two shells or on two nodes of a shared file system,
build each package once: the second waits on the lock, without spinning, then
finds it installed), removes a stale unregistered prefix left by a killed build,
builds, checks the recipe's promised files, writes provenance with the
completion marker last, gives every file the package's configured group and modes
(``store/permissions.py``; read-only if so configured), and only then registers
the spec. A failure removes the partial prefix and registers nothing.

Builds run in worker threads. Ctrl-C or SIGTERM reaches the main thread, which
cancels the install: every build in flight has its process group killed, its
partial prefix removed and its stage kept, nothing more is registered, and
:meth:`Installer.run` raises InstallInterrupted (exit status 130 or 143).
"""

from __future__ import annotations

import enum
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rpm_spec.build.cancel import Cancellation
from rpm_spec.build.errors import BuildInterrupted, InstallError, InstallInterrupted
from rpm_spec.store.prefix_modes import remove_tree
from rpm_spec.store.provenance import is_complete, mark_complete, write_provenance
from rpm_spec.util.locks import LockTimeoutError
from rpm_spec.util.signals import signal_name, signals_deferred

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec
    from rpm_spec.store.store import Store


#: How long an interrupted install waits for its workers to stop their builds (SIGTERM,
#: then SIGKILL halfway) and report back.
STOP_WAIT_S = 2.0
#: How often the main thread wakes while it waits for a worker (see _next_result).
_RESULT_POLL_S = 0.2
#: How long it waits at most for workers still removing a prefix (a big one takes time).
CLEANUP_WAIT_S = 60.0


class Action(enum.Enum):
    """What the plan does with a node."""

    INSTALLED = "installed"
    EXTERNAL = "external"
    BUILD = "build"
    #: Installed in an upstream store (``PlanItem.upstream`` names it): used, not built.
    UPSTREAM = "upstream"


@dataclass(frozen=True)
class PlanItem:
    spec: ConcreteSpec
    action: Action
    prefix: Path
    explicit: bool
    #: "mirror <name>", "source cache" or "upstream": where the sources would come from.
    source: str = ""
    #: The upstream store that has it (Action.UPSTREAM).
    upstream: str = ""
    #: The binary cache a BUILD node is installed from instead ("" = built from source).
    from_cache: str = ""


@dataclass
class InstallPlan:
    """Every node of the DAG in dependency order (dependencies first)."""

    items: list[PlanItem]

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)


@dataclass(frozen=True)
class BuiltNode:
    """What a NodeBuilder reports about a successful build."""

    log_path: Path | None
    environment: Mapping[str, str]
    build_system: str
    recipe_dir: Path
    repo_root: Path
    #: Called once the node is registered: removes the stage.
    cleanup: Callable[[], None] | None = None
    #: Called instead when the install fails after the build (promised files missing...):
    #: the stage and its log stay for inspection.
    keep: Callable[[], None] | None = None
    #: The build directory (shown when the install is interrupted before registering).
    stage: Path | None = None
    #: The prefix came with its provenance (a binary cache entry): only the completion
    #: marker is written.
    provenance_included: bool = False


class NodeBuilder(Protocol):
    """Builds one node into its prefix (the installer holds the node's lock)."""

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        """Fetch, verify, stage, patch and build ``item`` into ``item.prefix``.

        On failure it raises an RpmSpecError (BuildError, ChecksumError, ...) and
        leaves no prefix behind; the stage is kept when asked. Once ``cancel`` is
        requested it stops soon (a running build: its process group is killed through
        :meth:`Cancellation.stops_with`) and raises BuildInterrupted, the stage kept.
        """


class Outcome(enum.Enum):
    BUILT = "built"
    FROM_CACHE = "from cache"
    ALREADY = "already installed"
    EXTERNAL = "external"
    UPSTREAM = "in an upstream"
    FAILED = "failed"
    SKIPPED = "skipped (a dependency failed)"


@dataclass(frozen=True)
class NodeResult:
    item: PlanItem
    outcome: Outcome
    seconds: float = 0.0
    build_system: str = ""
    error: Exception | None = None


@dataclass
class InstallResult:
    results: list[NodeResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def failures(self) -> list[NodeResult]:
        return [r for r in self.results if r.outcome is Outcome.FAILED]


class InstallReporter:
    """Progress hooks; the default does nothing (the CLI renders, tests record)."""

    def planned(self, plan: InstallPlan) -> None:
        """The plan is known."""

    def started(self, item: PlanItem, index: int, total: int) -> None:
        """A node's work begins (after its lock is held)."""

    def waiting(self, item: PlanItem) -> None:
        """Another installer holds the node's lock; we wait for it."""

    def finished(self, result: NodeResult, index: int, total: int) -> None:
        """A node is done, whatever the outcome."""

    def summary(self, result: InstallResult) -> None:
        """Everything is done."""


def _readiness(item: PlanItem, finished: Mapping[str, NodeResult]) -> str:
    """ "ready" when every dependency succeeded, "blocked" when one failed, else "waiting"."""
    outcomes = [finished.get(dep.hash) for dep in item.spec.dependencies]
    if any(r is not None and r.outcome in (Outcome.FAILED, Outcome.SKIPPED) for r in outcomes):
        return "blocked"
    return "ready" if all(r is not None for r in outcomes) else "waiting"


def _next_result(results: queue.SimpleQueue[NodeResult]) -> NodeResult:
    """The next worker's result, waited for in short slices.

    The kernel may deliver a process-wide SIGINT or SIGTERM to a worker thread (one
    blocked in waitpid, say) when the main thread already has a signal pending, as
    with Ctrl-C twice and a SIGTERM back to back. CPython then only runs the handler
    once the main thread executes bytecode again: a ``get()`` with no timeout would
    sleep through the interruption until the build ends on its own.
    """
    while True:
        try:
            return results.get(timeout=_RESULT_POLL_S)
        except queue.Empty:
            continue


def set_aside_path(prefix: Path) -> Path:
    """Where ``install --overwrite`` keeps the old install until the new one is complete."""
    return prefix.with_name(prefix.name + ".rpm-spec-old")


def _recover_from_killed_overwrite(prefix: Path) -> None:
    """Put right what an installer killed during ``--overwrite`` left (the node's lock held).

    The old install was set aside and a new one was being built in its place: keep the
    new one if it was completed, else put the old one back. Either way the prefix is a
    complete install again, as the database (which still names it) expects.
    """
    aside = set_aside_path(prefix)
    if not aside.exists():
        return
    if is_complete(prefix):
        remove_tree(aside)
        return
    if prefix.exists():
        remove_tree(prefix)
    aside.rename(prefix)


def make_plan(
    dag: ConcreteDag, store: Store, explicit: set[str], *, overwrite: set[str] | None = None
) -> InstallPlan:
    """The plan: installed, external or to build, for each node in dependency order."""
    overwrite = overwrite or set()
    order: list[ConcreteSpec] = []
    seen: set[str] = set()

    def visit(node_hash: str) -> None:
        if node_hash in seen:
            return
        seen.add(node_hash)
        node = dag.nodes[node_hash]
        for dep in sorted(node.dependencies, key=lambda d: d.name):
            visit(dep.hash)
        order.append(node)

    for root in dag.roots:
        visit(root)
    items = []
    for node in order:
        skip = node.hash in overwrite or node.is_external
        upstream = None if skip else store.upstream_of(node.hash)
        if upstream is not None:
            # Installed in a read-only upstream (and not here): used where it is.
            items.append(
                PlanItem(
                    node,
                    Action.UPSTREAM,
                    upstream[1].prefix,
                    node.hash in explicit,
                    upstream=upstream[0].name,
                )
            )
            continue
        if node.is_external:
            action, prefix = Action.EXTERNAL, Path(node.external_prefix or "")
        else:
            # A registered spec whose prefix was deleted or damaged is built again.
            installed = (
                node.hash not in overwrite
                and store.is_installed(node.hash)
                # An overwrite was killed halfway: the install must be put right first.
                and not set_aside_path(store.layout.prefix_for(node)).exists()
            )
            action = Action.INSTALLED if installed else Action.BUILD
            # This store's own place, never an upstream's (``--overwrite`` of an upstream
            # node builds a local copy).
            prefix = store.layout.prefix_for(node)
        items.append(PlanItem(node, action, prefix, node.hash in explicit))
    return InstallPlan(items)


class Installer:
    """Runs a plan with up to ``jobs`` builds at once."""

    def __init__(
        self,
        store: Store,
        builder: NodeBuilder,
        recipe_of: Callable[[str], RecipeMetadata],
        *,
        jobs: int = 1,
        fail_fast: bool = False,
        overwrite: set[str] | None = None,
        reporter: InstallReporter | None = None,
    ) -> None:
        self.store = store
        self.builder = builder
        self.recipe_of = recipe_of
        self.jobs = max(1, jobs)
        self.fail_fast = fail_fast
        self.overwrite = overwrite or set()
        self.reporter = reporter or InstallReporter()
        self._counter = threading.Lock()
        self._done = 0
        self._cancel = Cancellation()

    def run(self, plan: InstallPlan, dag: ConcreteDag) -> InstallResult:
        """Install ``plan``; InstallInterrupted if Ctrl-C or SIGTERM stops it.

        Call it from the main thread for interruptions to reach it: Python delivers
        them there, while the builds run in worker threads.
        """
        start = time.perf_counter()
        self.reporter.planned(plan)
        total = len(plan.items)
        pending = {item.spec.hash: item for item in plan.items}
        finished: dict[str, NodeResult] = {}
        running: dict[str, PlanItem] = {}
        results: queue.SimpleQueue[NodeResult] = queue.SimpleQueue()
        stop = False
        try:
            while pending or running:
                for node_hash, item in list(pending.items()):
                    state = _readiness(item, finished)
                    if state == "blocked" or stop:
                        del pending[node_hash]
                        finished[node_hash] = NodeResult(item, Outcome.SKIPPED)
                        self._report(finished[node_hash], total)
                    elif state == "ready" and len(running) < self.jobs:
                        del pending[node_hash]
                        running[node_hash] = item
                        self._start(item, dag, total, results)
                if not running:
                    if pending:  # nothing can run and nothing runs: a dependency is missing
                        raise InstallError("the install plan has a dependency outside the DAG")
                    break
                node_result = _next_result(results)
                finished[node_result.item.spec.hash] = node_result
                del running[node_result.item.spec.hash]
                stop = stop or (node_result.outcome is Outcome.FAILED and self.fail_fast)
        except BaseException as error:
            stopped = self._stop(running, results)
            name = signal_name(error)
            if name is None:
                raise
            raise InstallInterrupted(name, stopped) from error
        result = InstallResult(
            [finished[item.spec.hash] for item in plan.items], time.perf_counter() - start
        )
        self.reporter.summary(result)
        return result

    def _start(
        self, item: PlanItem, dag: ConcreteDag, total: int, results: queue.SimpleQueue[NodeResult]
    ) -> None:
        # Daemon threads: a worker stuck where no signal reaches it (waiting for another
        # installer's lock, a stalled download) must not keep an interrupted installer
        # alive. Dying there is safe: nothing is registered before a prefix is complete.
        worker = threading.Thread(
            target=self._work,
            args=(item, dag, total, results),
            name=f"install-{item.spec.name}",
            daemon=True,
        )
        worker.start()

    def _work(
        self, item: PlanItem, dag: ConcreteDag, total: int, results: queue.SimpleQueue[NodeResult]
    ) -> None:
        try:
            node_result = self._one(item, dag, total)
        except BaseException as error:  # the main thread waits for one result per worker
            failure = error if isinstance(error, Exception) else InstallError(repr(error))
            node_result = NodeResult(item, Outcome.FAILED, error=failure)
        results.put(node_result)

    def _stop(
        self, running: dict[str, PlanItem], results: queue.SimpleQueue[NodeResult]
    ) -> list[BuildInterrupted]:
        """Stop every node in flight; what each one left (stage, log), as far as known.

        Builds get SIGTERM, then SIGKILL if their workers have not all reported back
        within half of :data:`STOP_WAIT_S`. Workers still out after :data:`STOP_WAIT_S`
        are given up on (see :meth:`_start`) unless they are still removing what their
        build left (up to :data:`CLEANUP_WAIT_S`). A second Ctrl-C or SIGTERM meanwhile
        does not cut this short.
        """
        stopped: list[BuildInterrupted] = []
        with signals_deferred():
            self._cancel.cancel()
            start = time.monotonic()
            forced = False
            while running:
                elapsed = time.monotonic() - start
                if not forced and elapsed >= STOP_WAIT_S / 2:
                    self._cancel.cancel(force=True)
                    forced = True
                if elapsed >= STOP_WAIT_S and not (self._cancel.busy and elapsed < CLEANUP_WAIT_S):
                    break
                try:
                    node_result = results.get(timeout=0.05)
                except queue.Empty:
                    continue
                running.pop(node_result.item.spec.hash, None)
                if isinstance(node_result.error, BuildInterrupted):
                    stopped.append(node_result.error)
            stopped.extend(BuildInterrupted(item.spec.label) for item in running.values())
        return stopped

    def _report(self, node_result: NodeResult, total: int) -> None:
        with self._counter:
            self._done += 1
            index = self._done
        self.reporter.finished(node_result, index, total)

    def _one(self, item: PlanItem, dag: ConcreteDag, total: int) -> NodeResult:
        start = time.perf_counter()
        try:
            node_result = self._install(item, dag, total)
        except Exception as error:  # reported per node; the CLI decides how to show it
            node_result = NodeResult(item, Outcome.FAILED, time.perf_counter() - start, "", error)
        if not isinstance(node_result.error, BuildInterrupted):  # the interruption says it
            self._report(node_result, total)
        return node_result

    def _install(self, item: PlanItem, dag: ConcreteDag, total: int) -> NodeResult:
        spec = item.spec
        database = self.store.database
        if item.action is Action.UPSTREAM:
            return NodeResult(item, Outcome.UPSTREAM)  # nothing of an upstream is ours to touch
        if item.action is Action.EXTERNAL:
            # The database serializes our threads as well as other processes.
            database.add(spec, item.prefix, explicit=item.explicit)
            return NodeResult(item, Outcome.EXTERNAL)
        lock = self.store.lock(spec.hash)
        try:
            lock.acquire(timeout_s=0)
        except LockTimeoutError:
            self.reporter.waiting(item)
            lock.acquire()
        try:
            if self._cancel.requested:
                raise BuildInterrupted(spec.label)
            _recover_from_killed_overwrite(item.prefix)
            record = database.get(spec.hash)
            if (
                record is not None
                and spec.hash not in self.overwrite
                and self.store.check(record).intact  # a damaged prefix is built again
            ):
                if item.explicit and not record.explicit:
                    database.set_explicit(spec.hash, True)
                return NodeResult(item, Outcome.ALREADY)
            with self._counter:
                index = self._done + 1
            self.reporter.started(item, index, total)
            return self._build(item, dag, replacing=record is not None)
        finally:
            lock.release()

    def _build(self, item: PlanItem, dag: ConcreteDag, *, replacing: bool) -> NodeResult:
        spec, prefix = item.spec, item.prefix
        start = time.perf_counter()
        aside = set_aside_path(prefix)
        if replacing and prefix.exists():
            # --overwrite (or a damaged prefix): keep the old one until the new is complete.
            prefix.rename(aside)
        elif prefix.exists():
            # Left by a build that was killed before it registered: start clean.
            remove_tree(prefix)
        self.store.prepare_prefix(prefix)
        built: BuiltNode | None = None
        registered = False
        try:
            built = self.builder.build(item, dag, self._cancel)
            with self._cancel.busy_while():  # an interruption waits for what follows
                self._stop_if_cancelled(item, built)
                self._check_promises(spec, prefix, built.log_path)
                if built.provenance_included:
                    mark_complete(prefix)
                else:
                    write_provenance(
                        prefix,
                        dag,
                        spec.hash,
                        recipe_dir=built.recipe_dir,
                        repo_root=built.repo_root,
                        build_log=built.log_path,
                        build_env=built.environment,
                    )
                self.store.finish_prefix(spec, prefix)  # group and modes, maybe read-only
                self._stop_if_cancelled(item, built)
                if replacing:
                    self.store.database.remove(spec.hash, force=True)
                self.store.database.add(spec, prefix, explicit=item.explicit)
                registered = True
        except BaseException:
            with self._cancel.busy_while():
                remove_tree(prefix, ignore_errors=True)
                if replacing and aside.exists():
                    aside.rename(prefix)
            raise
        finally:
            if built is not None:
                finish = built.cleanup if registered else (built.keep or built.cleanup)
                if finish is not None:
                    finish()
        remove_tree(aside, ignore_errors=True)
        outcome = Outcome.FROM_CACHE if built.provenance_included else Outcome.BUILT
        return NodeResult(item, outcome, time.perf_counter() - start, built.build_system)

    def _stop_if_cancelled(self, item: PlanItem, built: BuiltNode) -> None:
        if self._cancel.requested:
            raise BuildInterrupted(item.spec.label, stage=built.stage, log_path=built.log_path)

    def _check_promises(self, spec: ConcreteSpec, prefix: Path, log: Path | None) -> None:
        meta = self.recipe_of(spec.name)
        missing = [f for f in meta.sanity_files if not (prefix / f).is_file()]
        missing += [d + "/" for d in meta.sanity_dirs if not (prefix / d).is_dir()]
        if missing:
            raise InstallError(
                f"{spec.name}@{spec.version} installed without the files its recipe promises: "
                + ", ".join(missing)
                + ("" if log is None else f"\nfull log: {log}"),
                hint=f"see {meta.path} (sanity_check_is_file/dir) and the build log",
            )
