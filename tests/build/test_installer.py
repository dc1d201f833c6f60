"""The installer's scheduling, locking and registering, with a fake NodeBuilder."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.build.errors import BuildError
from rpm_spec.build.installer import (
    Action,
    BuiltNode,
    Installer,
    InstallReporter,
    NodeResult,
    Outcome,
    PlanItem,
    make_plan,
)
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs
from rpm_spec.store.provenance import is_complete

if TYPE_CHECKING:
    from rpm_spec.build.cancel import Cancellation
    from rpm_spec.spec.concrete import ConcreteDag

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"


class FakeBuilder:
    """Writes bin/<name> into the prefix; can fail or be slow for chosen packages."""

    def __init__(self, session: Session, *, fail: str = "", delay_s: float = 0.0) -> None:
        self.session = session
        self.fail = fail
        self.delay_s = delay_s
        self.built: list[str] = []
        self.concurrent = 0
        self.most_concurrent = 0
        self._guard = threading.Lock()

    def build(self, item: PlanItem, dag: ConcreteDag, cancel: Cancellation) -> BuiltNode:
        with self._guard:
            self.concurrent += 1
            self.most_concurrent = max(self.most_concurrent, self.concurrent)
        try:
            time.sleep(self.delay_s)
            for dep in item.spec.dependencies:  # dependencies are registered first
                assert self.session.store.database.get(dep.hash) is not None
            (item.prefix / "bin").mkdir(parents=True)
            if item.spec.name == self.fail:
                raise BuildError(item.spec.name, "build", item.prefix / "log", ["make: *** boom"])
            (item.prefix / "bin" / item.spec.name).write_text("#!/bin/sh\n")
            with self._guard:
                self.built.append(item.spec.name)
            meta = self.session.repos.get(item.spec.name)
            recipe_dir = Path(meta.path).parent
            return BuiltNode(None, {"PATH": "/usr/bin"}, meta.build_system, recipe_dir, MOCK)
        finally:
            with self._guard:
                self.concurrent -= 1


class Recorder(InstallReporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def finished(self, result: NodeResult, index: int, total: int) -> None:
        self.lines.append(f"[{index}/{total}] {result.item.spec.name} {result.outcome.value}")


def _install(session: Session, text: str, builder: FakeBuilder, **options: object):  # type: ignore[no-untyped-def]
    dag = session.concretize(parse_specs(text)).dag
    plan = make_plan(dag, session.store, set(dag.roots))
    installer = Installer(session.store, builder, session.repos.get, **options)  # type: ignore[arg-type]
    return dag, plan, installer.run(plan, dag)


def test_builds_dependencies_first_and_registers_everything(session: Session) -> None:
    builder = FakeBuilder(session)
    dag, _plan, result = _install(session, "mpileaks", builder)
    assert result.count(Outcome.BUILT) == len(dag.nodes)
    assert builder.built[-1] == "mpileaks"
    for node in dag.nodes.values():
        record = session.store.database.get(node.hash)
        assert record is not None
        assert is_complete(record.prefix)
        assert record.explicit == (node.hash in dag.roots)


def test_second_install_does_nothing(session: Session) -> None:
    _install(session, "mpileaks", FakeBuilder(session))
    builder = FakeBuilder(session)
    dag, plan, _result = _install(session, "mpileaks", builder)
    assert builder.built == []
    assert plan.count(Action.INSTALLED) == len(dag.nodes)


def test_parallel_jobs_run_independent_nodes_together(session: Session) -> None:
    builder = FakeBuilder(session, delay_s=0.2)
    _install(session, "mpileaks dense-solver zlib", builder, jobs=3)
    assert builder.most_concurrent >= 2


def test_a_failure_registers_nothing_and_skips_dependents(session: Session) -> None:
    builder = FakeBuilder(session, fail="dyninst")
    _dag, _plan, result = _install(session, "mpileaks", builder)
    outcomes = {r.item.spec.name: r.outcome for r in result.results}
    assert outcomes["dyninst"] is Outcome.FAILED
    assert outcomes["callpath"] is Outcome.SKIPPED
    assert outcomes["mpileaks"] is Outcome.SKIPPED
    assert outcomes["libelf"] is Outcome.BUILT
    failed = next(r for r in result.results if r.outcome is Outcome.FAILED)
    assert not failed.item.prefix.exists()
    assert session.store.database.get(failed.item.spec.hash) is None


def test_a_stale_prefix_from_a_killed_build_is_replaced(session: Session) -> None:
    dag = session.concretize(parse_specs("zlib")).dag
    node = dag.root_specs[0]
    stale = session.store.prefix(node)
    (stale / "half-written").mkdir(parents=True)
    _install(session, "zlib", FakeBuilder(session))
    assert not (stale / "half-written").exists()
    assert (stale / "bin" / "zlib").exists()


def _install_in_process(home: Path, store_root: Path, text: str, out: Path) -> None:
    session = Session.for_tests(home, repos=[MOCK], store_root=store_root)
    builder = FakeBuilder(session, delay_s=0.2)
    _install(session, text, builder)
    out.write_text("\n".join(builder.built))


def test_two_installers_on_one_store_build_each_package_once(tmp_path: Path) -> None:
    """Two processes (POSIX locks are per process) install overlapping DAGs."""
    store_root = tmp_path / "shared-store"
    context = multiprocessing.get_context("fork")
    jobs = [
        context.Process(
            target=_install_in_process,
            args=(tmp_path / name, store_root, text, tmp_path / f"{name}.built"),
        )
        for name, text in (("a", "mpileaks"), ("b", "callpath"))
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(timeout=120)
        assert job.exitcode == 0
    built = [
        line
        for name in ("a", "b")
        for line in (tmp_path / f"{name}.built").read_text().splitlines()
    ]
    assert sorted(built) == sorted(set(built)), f"built twice: {built}"
    check = Session.for_tests(tmp_path / "c", repos=[MOCK], store_root=store_root)
    dag = check.concretize(parse_specs("mpileaks")).dag
    assert all(check.store.database.get(h) is not None for h in dag.nodes)


@pytest.mark.parametrize("fail_fast", [True, False])
def test_fail_fast_stops_scheduling(session: Session, fail_fast: bool) -> None:
    builder = FakeBuilder(session, fail="libelf")
    _, plan, result = _install(session, "mpileaks zlib", builder, fail_fast=fail_fast, jobs=1)
    names = [item.spec.name for item in plan.items]
    assert names.index("libelf") < names.index("zlib")  # zlib is scheduled after the failure
    outcome = {r.item.spec.name: r.outcome for r in result.results}["zlib"]
    assert outcome is (Outcome.SKIPPED if fail_fast else Outcome.BUILT)
